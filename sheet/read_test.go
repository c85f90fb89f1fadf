package sheet_test

import (
	"archive/zip"
	"bytes"
	"io"
	"reflect"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tdkt/sheet"
	"tdkt/sheet/xlsxbomb"
	"tdkt/tdkttest"
)

var known = []string{"Mã đơn vị", "Họ và tên", "Ngày sinh", "Giới tính"}

// A CSV saved by Excel in a Vietnamese locale: a byte-order mark, semicolons, a title
// line, a header without diacritics and NFD text.
func TestReadCSV(t *testing.T) {
	in := "\ufeffDANH SÁCH CÁN BỘ\n\nMa don vi;HO VA TEN (*);Ngày sinh\nX01;" + norm.NFD.String("Nguyễn Thị Ánh") + ";2/4/1985\n;;\nX02;Lê Văn Tám;1980-05-12\n"
	tb, err := sheet.Read([]byte(in), known)
	if err != nil {
		t.Fatal(err)
	}
	if tb.HeaderRow != 3 || len(tb.Rows) != 2 {
		t.Fatalf("header row %d, %d rows", tb.HeaderRow, len(tb.Rows))
	}
	if want := []string{"X01", "Nguyễn Thị Ánh", "2/4/1985"}; !reflect.DeepEqual(tb.Rows[0].Cells, want) || tb.Rows[0].Cells[1] != norm.NFC.String("Nguyễn Thị Ánh") {
		t.Errorf("row %q", tb.Rows[0].Cells)
	}
	if tb.Rows[1].Num != 6 {
		t.Errorf("the last row is numbered %d, want 6 (the empty line counts)", tb.Rows[1].Num)
	}
	if _, err := sheet.Read([]byte("a,b\n1,2\n"), known); err != sheet.ErrNoHeader {
		t.Errorf("a file without the header: %v", err)
	}
}

func TestSerialDateAndLetters(t *testing.T) {
	for in, want := range map[string]string{"33055": "1990-07-01", "44580": "2022-01-19", "1": "1900-01-01"} {
		if got, ok := sheet.SerialDate(in); !ok || got != want {
			t.Errorf("SerialDate(%s) = %s, %v; want %s", in, got, ok, want)
		}
	}
	if _, ok := sheet.SerialDate("12/05/1980"); ok {
		t.Error("a typed date read as a serial")
	}
	for i, want := range map[int]string{0: "A", 4: "E", 25: "Z", 26: "AA"} {
		if got := sheet.ColumnLetter(i); got != want {
			t.Errorf("ColumnLetter(%d) = %s", i, got)
		}
	}
}

// The fast reader of XLSX reads what excelize reads: shared and inline strings, date
// cells, formula results, skipped rows and cells, escaped text, rich text.
func TestFastXLSXMatchesExcelize(t *testing.T) {
	var buf bytes.Buffer
	w, err := sheet.NewXLSX(&buf, "Danh sách", "Mã đơn vị", "Họ và tên", "Ghi chú")
	if err != nil {
		t.Fatal(err)
	}
	w.Row("X01", "Lê Văn Tám", "A & B < C > \"D\"")
	w.Row("X02", 12345, 1.5)
	w.Close()
	office := tdkttest.XLSX(t, tdkttest.OfficeSheet{
		Rows:     [][]any{{"TIÊU ĐỀ"}, nil, {"Mã đơn vị", nil, "Họ và tên", "Ngày sinh"}, {"X01", nil, "Phạm & Con", tdkttest.Date{Serial: 33055}}, nil, {nil, nil, nil, 7}},
		Merges:   []string{"A1:D1"},
		Formulas: map[string]tdkttest.Formula{"C6": {Expr: `CONCATENATE("a","b")`, Cached: "Trần Thị Bé"}},
	})
	for name, file := range map[string][]byte{"stream": buf.Bytes(), "office": office} {
		fast, ok := sheet.FastXLSX(file)
		if !ok {
			t.Fatalf("%s: the fast reader gave up", name)
		}
		slow, err := sheet.ExcelizeGrid(file)
		if err != nil {
			t.Fatal(err)
		}
		trim := func(g [][]string) [][]string {
			for i := range g {
				for len(g[i]) > 0 && g[i][len(g[i])-1] == "" {
					g[i] = g[i][:len(g[i])-1]
				}
				if len(g[i]) == 0 {
					g[i] = nil
				}
			}
			for len(g) > 0 && g[len(g)-1] == nil {
				g = g[:len(g)-1]
			}
			return g
		}
		if f, s := trim(fast), trim(slow); !reflect.DeepEqual(f, s) {
			t.Errorf("%s:\nfast    %q\nexcelize %q", name, f, s)
		}
	}
}

// A merge over the whole sheet and a stray cell in the last column do not grow the
// rows the reader hands on: a clerk's upload cannot exhaust the server's memory.
func TestReadBoundsHugeRanges(t *testing.T) {
	rows := [][]any{{"Mã đơn vị", "Họ và tên"}, {"X01", "Lê Văn Tám"}}
	for range 50 {
		rows = append(rows, []any{"X01", "Nguyễn Văn A"})
	}
	// excelize itself takes minutes to write such a merge, so the sheet's XML is edited.
	file := patchSheet(t, tdkttest.XLSX(t, tdkttest.OfficeSheet{Rows: rows, Merges: []string{"C1:D1"}}),
		`ref="C1:D1"`, `ref="C1:XFD1048576"`)
	for name, f := range map[string][]byte{"merge": file, "stray cell": patchSheet(t, file, `</row>`, `<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>`)} {
		tab, err := sheet.Read(f, []string{"Mã đơn vị", "Họ và tên"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(tab.Header) > sheet.MaxColumns {
			t.Errorf("%s: header of %d columns", name, len(tab.Header))
		}
		for _, r := range tab.Rows {
			if len(r.Cells) > sheet.MaxColumns {
				t.Fatalf("%s: row %d has %d cells", name, r.Num, len(r.Cells))
			}
		}
		if len(tab.Rows) != 51 {
			t.Errorf("%s: %d rows, want 51", name, len(tab.Rows))
		}
	}
}

// patchSheet replaces the first old with new in the workbook's first sheet.
func patchSheet(t *testing.T, file []byte, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		if f.Name == "xl/worksheets/sheet1.xml" {
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("the sheet has no %q", old)
			}
			b = bytes.Replace(b, []byte(old), []byte(new), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return out.Bytes()
}

// A rich-text shared string reads as its runs joined, without its phonetic hint.
func TestReadRichSharedString(t *testing.T) {
	file, err := xlsxbomb.Workbook(func(w io.Writer) {
		xlsxbomb.HeaderRow(w)
		io.WriteString(w, `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>`)
	}, func(w io.Writer) {
		io.WriteString(w, `<si><t>X01</t></si><si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t xml:space="preserve">Văn &amp; A</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>`)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := sheet.FastXLSX(file); !ok {
		t.Fatal("the fast reader gave up on a rich-text string")
	}
	tab, err := sheet.Read(file, known)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 1 || tab.Rows[0].Cell(0) != "X01" || tab.Rows[0].Cell(1) != "Nguyễn Văn & A" {
		t.Errorf("rows %v", tab.Rows)
	}
}
