package tdkttest

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// OfficeSheet describes a spreadsheet as offices make them, for import tests: rows of
// cells (strings, numbers; a Date value is written as an Excel date cell), merged
// ranges ("A1:J1"), and formula cells with the value Excel saved with them.
type OfficeSheet struct {
	Rows     [][]any
	Merges   []string
	Formulas map[string]Formula // cell ("C6") → formula
}

// Formula is a formula cell and the result Excel computed and saved.
type Formula struct{ Expr, Cached string }

// Date is a date cell: an Excel serial number shown with a date format.
type Date struct{ Serial float64 }

// XLSX builds the workbook. excelize writes a formula without its result, as a
// program that never ran it would, so the saved result is put into the sheet's XML
// afterwards, where Excel keeps it.
func XLSX(t testing.TB, s OfficeSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range s.Rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			switch x := v.(type) {
			case nil:
			case Date:
				must(t, f.SetCellValue("Sheet1", cell, x.Serial))
				must(t, f.SetCellStyle("Sheet1", cell, cell, dateStyle))
			default:
				must(t, f.SetCellValue("Sheet1", cell, v))
			}
		}
	}
	for _, m := range s.Merges {
		a, b, _ := strings.Cut(m, ":")
		must(t, f.MergeCell("Sheet1", a, b))
	}
	for cell, fm := range s.Formulas {
		must(t, f.SetCellFormula("Sheet1", cell, fm.Expr))
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Formulas) == 0 {
		return buf.Bytes()
	}
	return withCachedValues(t, buf.Bytes(), s.Formulas)
}

func withCachedValues(t testing.TB, file []byte, formulas map[string]Formula) []byte {
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r)
		r.Close()
		if zf.Name == "xl/worksheets/sheet1.xml" {
			for cell, fm := range formulas {
				re := regexp.MustCompile(`<c r="` + cell + `"([^>]*?)(?: t="[a-z]+")?([^>]*)>(<f>[^<]*</f>)(?:<v>[^<]*</v>|<v/>)?</c>`)
				if !re.Match(body) {
					t.Fatalf("formula cell %s not found in the sheet", cell)
				}
				body = re.ReplaceAll(body, []byte(`<c r="`+cell+`"$1$2 t="str">$3<v>`+fm.Cached+`</v></c>`))
			}
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	must(t, zw.Close())
	return out.Bytes()
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
