// Package xlsxbomb builds workbooks by hand, part by part, for the tests and the
// memory benchmark of the import's reader: hostile ones (a shared string that every
// cell refers to, a sheet that expands to hundreds of MB, millions of shared
// strings) and plain ones. Each part is written to the archive as it is made, so a
// bomb of hundreds of MB costs a few hundred KB of memory and output.
package xlsxbomb

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Header is the header row the builders write: columns of a staff list.
var Header = []string{"Mã đơn vị", "Họ và tên", "Ngày sinh", "Giới tính"}

// Workbook builds an XLSX archive of one sheet. sheetData writes the sheet's rows
// (without <sheetData>), sst the shared strings' items (without <sst>; nil for a
// workbook without shared strings).
func Workbook(sheetData, sst func(w io.Writer)) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var err error
	part := func(name string, write func(w io.Writer)) {
		if err != nil {
			return
		}
		var w io.Writer
		if w, err = zw.Create(name); err == nil {
			write(w)
		}
	}
	text := func(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
	types := `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != nil {
		types += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	const decl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`
	part("[Content_Types].xml", text(decl+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		types+`</Types>`))
	part("_rels/.rels", text(decl+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	part("xl/workbook.xml", text(decl+`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `+
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	part("xl/_rels/workbook.xml.rels", text(decl+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`))
	part("xl/worksheets/sheet1.xml", func(w io.Writer) {
		io.WriteString(w, decl+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		sheetData(w)
		io.WriteString(w, `</sheetData></worksheet>`)
	})
	if sst != nil {
		part("xl/sharedStrings.xml", func(w io.Writer) {
			io.WriteString(w, decl+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			sst(w)
			io.WriteString(w, `</sst>`)
		})
	}
	if err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// HeaderRow writes row 1: Header, as inline strings.
func HeaderRow(w io.Writer) {
	io.WriteString(w, `<row r="1">`)
	for i, h := range Header {
		fmt.Fprintf(w, `<c r="%c1" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, h)
	}
	io.WriteString(w, `</row>`)
}

// SharedStringBomb is the file of the security audit: one shared string of 4 MB
// that 100 cells (B2:B101) refer to; about 5 KB compressed.
func SharedStringBomb() ([]byte, error) {
	return Workbook(func(w io.Writer) {
		HeaderRow(w)
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

// RowBomb is a zip bomb: a sheet of mb MB of repeated rows of two cells.
func RowBomb(mb int) ([]byte, error) {
	return Workbook(func(w io.Writer) {
		HeaderRow(w)
		row := []byte(strings.Repeat(`<row><c t="inlineStr"><is><t>X01</t></is></c><c t="inlineStr"><is><t>Nguyễn Văn A</t></is></c></row>`, 1000))
		for n := 0; n < mb<<20; n += len(row) {
			w.Write(row)
		}
	}, nil)
}

// TinyStrings is a table of n shared strings of one letter, the last of which a
// cell refers to.
func TinyStrings(n int) ([]byte, error) {
	return Workbook(func(w io.Writer) {
		HeaderRow(w)
		fmt.Fprintf(w, `<row r="2"><c r="A2" t="s"><v>%d</v></c></row>`, n-1)
	}, func(w io.Writer) {
		item := []byte(`<si><t>a</t></si>`)
		items := bytes.Repeat(item, 1000)
		for ; n >= 1000; n -= 1000 {
			w.Write(items)
		}
		w.Write(bytes.Repeat(item, n))
	})
}
