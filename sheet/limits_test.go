package sheet_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tdkt/sheet"
	"tdkt/sheet/xlsxbomb"
)

// workbook builds an XLSX archive by hand (xlsxbomb.Workbook).
func workbook(t testing.TB, sheetData, sst func(w io.Writer)) []byte {
	t.Helper()
	return must(t)(xlsxbomb.Workbook(sheetData, sst))
}

// must fails the test on the error of a builder.
func must(t testing.TB) func([]byte, error) []byte {
	return func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}

var header = xlsxbomb.HeaderRow

// limit asserts that err is a refusal for the bound named limit, whose message
// contains want.
func limit(t *testing.T, err error, name, want string) {
	t.Helper()
	var lim *sheet.LimitError
	if !errors.As(err, &lim) {
		t.Fatalf("want the %s bound refused, got %v", name, err)
	}
	if lim.Limit != name || !strings.Contains(err.Error(), want) {
		t.Errorf("refused for %s: %q; want %s, %q", lim.Limit, err, name, want)
	}
}

// The file of the audit (5 KB that expanded to gigabytes): the shared string is
// longer than a cell may be, and the first cell referring to it is refused.
func TestReadRefusesSharedStringBomb(t *testing.T) {
	file := must(t)(xlsxbomb.SharedStringBomb())
	if len(file) > 64<<10 {
		t.Fatalf("the bomb is %d bytes compressed, want a few KB", len(file))
	}
	_, err := sheet.Read(file, known)
	limit(t, err, "cell", "Ô B2 dài hơn 32.767 ký tự")
}

// A sheet that expands to 300 MB is refused before it is expanded.
func TestReadRefusesZipBomb(t *testing.T) {
	file := must(t)(xlsxbomb.RowBomb(300))
	if len(file) > 2<<20 {
		t.Fatalf("the bomb is %d bytes compressed", len(file))
	}
	_, err := sheet.Read(file, known)
	limit(t, err, "expanded", "Tệp Excel quá lớn khi giải nén (hơn 256 MB)")
}

func TestReadRefusesTooManySharedStrings(t *testing.T) {
	_, err := sheet.Read(must(t)(xlsxbomb.TinyStrings(8_000_000)), known)
	limit(t, err, "shared-strings", "hơn 1.000.000")
}

// A sheet of more cells than the bound, each short and the whole small, is refused
// when the cells are counted, not when memory runs out.
func TestReadRefusesTooManyCells(t *testing.T) {
	file := workbook(t, func(w io.Writer) {
		header(w)
		// Rows that name their last column only: every empty cell before it is kept.
		for r := 2; r <= sheet.MaxCells/sheet.MaxColumns+2; r++ {
			fmt.Fprintf(w, `<row r="%d"><c r="IV%d"><v>1</v></c></row>`, r, r)
		}
	}, nil)
	_, err := sheet.Read(file, known)
	limit(t, err, "cells", "hơn 4.000.000")
	_, err = sheet.Read(workbook(t, func(w io.Writer) { header(w); io.WriteString(w, `<row r="99999999999"><c><v>1</v></c></row>`) }, nil), known)
	limit(t, err, "rows", "hơn 1.048.576")
}

// A normal file: shared and inline strings in NFD read as NFC; a cell of exactly
// Excel's 32,767 characters reads, one of 32,768 is refused naming the cell, in a
// shared string, an inline string and a CSV file alike.
func TestReadCellLimit(t *testing.T) {
	name := norm.NFD.String("Nguyễn Thị Ánh")
	at, over := strings.Repeat("ệ", sheet.MaxCellChars), strings.Repeat("ệ", sheet.MaxCellChars+1)
	build := func(long string, shared bool) []byte {
		return workbook(t, func(w io.Writer) {
			header(w)
			io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>X01</t></is></c><c r="B2" t="s"><v>0</v></c></row>`)
			io.WriteString(w, `<row r="3"><c r="A3" t="inlineStr"><is><t>X02</t></is></c><c r="B3" t="inlineStr"><is><t>`+name+`</t></is></c>`)
			if shared {
				io.WriteString(w, `<c r="C3" t="s"><v>1</v></c></row>`)
			} else {
				io.WriteString(w, `<c r="C3" t="inlineStr"><is><t>`+long+`</t></is></c></row>`)
			}
		}, func(w io.Writer) { io.WriteString(w, `<si><t>`+name+`</t></si><si><t>`+long+`</t></si>`) })
	}
	csv := func(long string) []byte {
		return []byte("Mã đơn vị,Họ và tên,Ngày sinh\nX01," + name + ",\nX02," + name + "," + long + "\n")
	}
	nfc := norm.NFC.String("Nguyễn Thị Ánh")
	for kind, file := range map[string][]byte{"shared": build(at, true), "inline": build(at, false), "csv": csv(at)} {
		tab, err := sheet.Read(file, known)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if len(tab.Rows) != 2 || tab.Rows[0].Cell(1) != nfc || tab.Rows[1].Cell(1) != nfc {
			t.Errorf("%s: rows %v, want the name in NFC", kind, tab.Rows)
		}
		if got := tab.Rows[1].Cell(2); got != at {
			t.Errorf("%s: the long cell reads %d bytes, want %d", kind, len(got), len(at))
		}
	}
	for kind, file := range map[string][]byte{"shared": build(over, true), "inline": build(over, false), "csv": csv(over)} {
		t.Run(kind, func(t *testing.T) {
			_, err := sheet.Read(file, known)
			limit(t, err, "cell", "Ô C3 dài hơn 32.767 ký tự")
		})
	}
}

// The excelize reader, for the workbooks the fast one does not read, has the same
// bound on a cell.
func TestExcelizeGridCellLimit(t *testing.T) {
	over := strings.Repeat("a", sheet.MaxCellChars+1)
	file := workbook(t, func(w io.Writer) {
		header(w)
		io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>`+over+`</t></is></c></row>`)
	}, nil)
	_, err := sheet.ExcelizeGrid(file)
	limit(t, err, "cell", "Ô A2 dài hơn")
	grid, err := sheet.ExcelizeGrid(workbook(t, func(w io.Writer) { header(w) }, nil))
	if err != nil || len(grid) != 1 || grid[0][1] != "Họ và tên" {
		t.Errorf("a plain workbook: %q, %v", grid, err)
	}
}

// A CSV file of more separators than the bound on cells is refused before
// encoding/csv makes one record of them all (a quoted field may join every line).
func TestReadCSVRefusesTooManyCells(t *testing.T) {
	line := "X01," + strings.Repeat(`"a",`, 1000) + "\"b\n\"\n"
	in := "Mã đơn vị,Họ và tên\n" + strings.Repeat(line, sheet.MaxCells/1000)
	_, err := sheet.Read([]byte(in), known)
	limit(t, err, "cells", "hơn 4.000.000")
}

// The workbooks that go to excelize have their shared strings bounded before
// excelize parses them.
func TestExcelizeGridBoundsSharedStrings(t *testing.T) {
	_, err := sheet.ExcelizeGrid(must(t)(xlsxbomb.TinyStrings(sheet.MaxSharedStrings + 1)))
	limit(t, err, "shared-strings", "hơn 1.000.000")
}
