package sheet_test

import (
	"bytes"
	"io"
	"testing"
	"unicode/utf8"

	"tdkt/sheet"
	"tdkt/sheet/xlsxbomb"
	"tdkt/tdkttest"
)

// FuzzRead reads whatever a clerk may upload: it must never panic, and what it
// returns stays within the reader's bounds. The seeds are CSV files and small
// workbooks (office-like, streamed, hand-written), so `go test` runs them every time.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"\ufeffDANH SÁCH\n\nMa don vi;HO VA TEN (*);Ngày sinh\nX01;Nguyễn Thị Ánh;2/4/1985\n",
		"Mã đơn vị,Họ và tên\nX01,\"Lê, Văn \"\"Tám\"\"\"\n\n\nX02,a\n",
		"Mã đơn vị,Họ và tên\n\"unterminated\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Add(tdkttest.XLSX(f, tdkttest.OfficeSheet{
		Rows:     [][]any{{"TIÊU ĐỀ"}, {"Mã đơn vị", "Họ và tên", "Ngày sinh"}, {"X01", "Phạm & Con", tdkttest.Date{Serial: 33055}}},
		Merges:   []string{"A1:C1"},
		Formulas: map[string]tdkttest.Formula{"B3": {Expr: `CONCATENATE("a","b")`, Cached: "Trần Thị Bé"}},
	}))
	var buf bytes.Buffer
	w, err := sheet.NewXLSX(&buf, "Danh sách", known...)
	if err != nil {
		f.Fatal(err)
	}
	w.Row("X01", "Lê Văn Tám", 12345, "Nam")
	w.Close()
	f.Add(buf.Bytes())
	hand, err := xlsxbomb.Workbook(func(w io.Writer) {
		xlsxbomb.HeaderRow(w)
		io.WriteString(w, `<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="D3"><v>1.5</v></c></row><row r="9"/>`)
	}, func(w io.Writer) {
		io.WriteString(w, `<si><t>X01</t></si><si><r><t>Nguyễn </t></r><r><t xml:space="preserve">Văn A</t></r><rPh><t>x</t></rPh></si>`)
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(hand)
	f.Fuzz(func(t *testing.T, content []byte) {
		tab, err := sheet.Read(content, known)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		cells, text := 0, 0
		for _, r := range tab.Rows {
			if r.Num <= tab.HeaderRow || r.Num > sheet.MaxRows {
				t.Fatalf("row %d under header row %d", r.Num, tab.HeaderRow)
			}
			cells += len(r.Cells)
			for _, c := range r.Cells {
				text += len(c)
				if utf8.RuneCountInString(c) > sheet.MaxCellChars {
					t.Fatalf("row %d: a cell of %d characters", r.Num, utf8.RuneCountInString(c))
				}
			}
		}
		// Merged header cells may add up to MaxColumns cells to each of the first rows.
		if cells > sheet.MaxCells+26*sheet.MaxColumns || text > sheet.MaxCellTextBytes+26*sheet.MaxColumns*sheet.MaxCellChars*4 {
			t.Fatalf("%d cells, %d bytes of text", cells, text)
		}
	})
}
