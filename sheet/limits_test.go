package sheet_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tdkt/sheet"
)

// workbook builds an XLSX archive by hand: the sheet's XML is written by sheetData
// (the rows, without <sheetData>) and the shared strings' by sst (the items, without
// <sst>; nil for a workbook without them). Both write to the archive as they go, so
// a part of hundreds of MB costs a few hundred KB.
func workbook(t testing.TB, sheetData, sst func(w io.Writer)) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	part := func(name string, write func(w io.Writer)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		write(w)
	}
	text := func(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
	types := `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != nil {
		types += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	part("[Content_Types].xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		types+`</Types>`))
	part("_rels/.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	part("xl/workbook.xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `+
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	part("xl/_rels/workbook.xml.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`))
	part("xl/worksheets/sheet1.xml", func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		sheetData(w)
		io.WriteString(w, `</sheetData></worksheet>`)
	})
	if sst != nil {
		part("xl/sharedStrings.xml", func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			sst(w)
			io.WriteString(w, `</sst>`)
		})
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// header writes row 1: the known columns, as inline strings.
func header(w io.Writer) {
	io.WriteString(w, `<row r="1">`)
	for i, h := range known {
		fmt.Fprintf(w, `<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>`, sheet.ColumnLetter(i), h)
	}
	io.WriteString(w, `</row>`)
}

// sharedStringBomb is the file of the audit: one shared string of 4 MB that 100
// cells refer to.
func sharedStringBomb(t testing.TB) []byte {
	return workbook(t, func(w io.Writer) {
		header(w)
		for r := 2; r <= 101; r++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>X01</t></is></c><c r="B%d" t="s"><v>0</v></c></row>`, r, r, r)
		}
	}, func(w io.Writer) {
		io.WriteString(w, `<si><t>`)
		chunk := strings.Repeat("Nguyễn Văn A ", 1024)
		for n := 0; n < 4<<20; n += len(chunk) {
			io.WriteString(w, chunk)
		}
		io.WriteString(w, `</t></si>`)
	})
}

// rowBomb is a zip bomb: a sheet of 300 MB of repeated rows.
func rowBomb(t testing.TB) []byte {
	return workbook(t, func(w io.Writer) {
		header(w)
		row := []byte(strings.Repeat(`<row><c t="inlineStr"><is><t>X01</t></is></c><c t="inlineStr"><is><t>Nguyễn Văn A</t></is></c></row>`, 1000))
		for n := 0; n < 300<<20; n += len(row) {
			w.Write(row)
		}
	}, nil)
}

// tinyStrings is a table of 8 million shared strings of one letter.
func tinyStrings(t testing.TB) []byte {
	return workbook(t, func(w io.Writer) {
		header(w)
		io.WriteString(w, `<row r="2"><c r="A2" t="s"><v>7999999</v></c></row>`)
	}, func(w io.Writer) {
		items := []byte(strings.Repeat(`<si><t>a</t></si>`, 1000))
		for range 8000 {
			w.Write(items)
		}
	})
}

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
	file := sharedStringBomb(t)
	if len(file) > 64<<10 {
		t.Fatalf("the bomb is %d bytes compressed, want a few KB", len(file))
	}
	_, err := sheet.Read(file, known)
	limit(t, err, "cell", "Ô B2 dài hơn 32.767 ký tự")
}

// A sheet that expands to 300 MB is refused before it is expanded.
func TestReadRefusesZipBomb(t *testing.T) {
	file := rowBomb(t)
	if len(file) > 2<<20 {
		t.Fatalf("the bomb is %d bytes compressed", len(file))
	}
	_, err := sheet.Read(file, known)
	limit(t, err, "expanded", "Tệp Excel quá lớn khi giải nén (hơn 256 MB)")
}

func TestReadRefusesTooManySharedStrings(t *testing.T) {
	_, err := sheet.Read(tinyStrings(t), known)
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
