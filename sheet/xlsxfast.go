package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// A workbook's first sheet read by scanning its XML for rows and cells, without an
// XML decoder: excelize's streaming reader spends about 3.5 s of CPU on a
// 100,000-row staff list, this about a tenth of it. It reads what the reader needs
// (cell values, shared strings, inline strings, formula results) and reports
// ok=false on anything it does not expect, and readXLSX then uses excelize.

// Limits on what one uploaded workbook may expand to: the expanded size of one part
// of the archive (the sheet's XML, the shared strings) and the columns of a row.
const (
	MaxPartBytes = 512 << 20
	MaxColumns   = 256
)

type xlsxZip struct {
	zr *zip.Reader
}

func (z xlsxZip) read(name string) []byte {
	for _, f := range z.zr.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				return nil
			}
			defer r.Close()
			// An archive entry may expand far beyond the upload (a zip bomb): past the
			// limit the part is treated as unreadable, and the import says so.
			b, _ := io.ReadAll(io.LimitReader(r, MaxPartBytes+1))
			if len(b) > MaxPartBytes {
				return nil
			}
			return b
		}
	}
	return nil
}

// firstSheet is the path in the archive of the workbook's first sheet.
func (z xlsxZip) firstSheet() string {
	m := firstSheetRe.FindSubmatch(z.read("xl/workbook.xml"))
	if m == nil {
		return ""
	}
	id := regexp.QuoteMeta(string(m[1]))
	rel := regexp.MustCompile(`<Relationship [^>]*?Id="` + id + `"[^>]*?Target="([^"]+)"|<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="` + id + `"`)
	t := rel.FindSubmatch(z.read("xl/_rels/workbook.xml.rels"))
	if t == nil {
		return ""
	}
	target := string(t[1]) + string(t[2])
	if strings.HasPrefix(target, "/") {
		return target[1:]
	}
	return "xl/" + target
}

// sharedStrings reads the workbook's table of strings; a rich-text item is the
// concatenation of its runs.
func (z xlsxZip) sharedStrings() ([]string, bool) {
	body := z.read("xl/sharedStrings.xml")
	if body == nil {
		return nil, true
	}
	var sst struct {
		Items []struct {
			T    *string `xml:"t"`
			Runs []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal(body, &sst); err != nil {
		return nil, false
	}
	out := make([]string, len(sst.Items))
	for i, it := range sst.Items {
		if it.T != nil {
			out[i] = *it.T
			continue
		}
		var b strings.Builder
		for _, r := range it.Runs {
			b.WriteString(r.T)
		}
		out[i] = b.String()
	}
	return out, true
}

func fastXLSX(content []byte) (grid [][]string, ok bool) {
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return nil, false
	}
	z := xlsxZip{zr}
	path := z.firstSheet()
	if path == "" {
		return nil, false
	}
	body := z.read(path)
	strs, ok := z.sharedStrings()
	if body == nil || !ok {
		return nil, false
	}
	data := bytes.Index(body, []byte("<sheetData"))
	if data < 0 {
		return nil, false
	}
	body = body[data:]
	if end := bytes.Index(body, []byte("</sheetData>")); end >= 0 {
		body = body[:end]
	} else if !bytes.HasPrefix(body, []byte("<sheetData/>")) {
		return nil, false
	}
	rowNum := 0
	for {
		i := bytes.Index(body, []byte("<row"))
		if i < 0 {
			return grid, true
		}
		body = body[i+4:]
		tagEnd := bytes.IndexByte(body, '>')
		if tagEnd < 0 {
			return nil, false
		}
		tag := body[:tagEnd]
		if n, err := strconv.Atoi(attr(tag, "r")); err == nil {
			rowNum = n
		} else {
			rowNum++
		}
		var inner []byte
		if tagEnd > 0 && body[tagEnd-1] == '/' {
			inner, body = nil, body[tagEnd+1:]
		} else {
			end := bytes.Index(body, []byte("</row>"))
			if end < 0 {
				return nil, false
			}
			inner, body = body[tagEnd+1:end], body[end+6:]
		}
		cells, ok := rowCells(inner, strs)
		if !ok {
			return nil, false
		}
		for len(grid) < rowNum-1 {
			grid = append(grid, nil)
		}
		grid = append(grid, cells)
	}
}

// rowCells reads the cells of one row's XML.
func rowCells(b []byte, strs []string) ([]string, bool) {
	var cells []string
	col := 0
	for {
		i := bytes.Index(b, []byte("<c"))
		if i < 0 {
			return cells, true
		}
		b = b[i+2:]
		if len(b) == 0 || b[0] != ' ' && b[0] != '>' && b[0] != '/' {
			continue // another element starting with c
		}
		tagEnd := bytes.IndexByte(b, '>')
		if tagEnd < 0 {
			return nil, false
		}
		tag := b[:tagEnd]
		if ref := attr(tag, "r"); ref != "" {
			n := 0
			for _, ch := range ref {
				if ch < 'A' || ch > 'Z' {
					break
				}
				n = n*26 + int(ch-'A'+1)
			}
			if n == 0 || n > MaxColumns {
				return nil, false // beyond any list an office keeps: leave it to excelize, which refuses it
			}
			col = n
		} else {
			col++
		}
		var inner []byte
		if tagEnd > 0 && tag[tagEnd-1] == '/' {
			b = b[tagEnd+1:]
		} else {
			end := bytes.Index(b, []byte("</c>"))
			if end < 0 {
				return nil, false
			}
			inner, b = b[tagEnd+1:end], b[end+4:]
		}
		v, ok := cellValue(attr(tag, "t"), inner, strs)
		if !ok {
			return nil, false
		}
		if v == "" {
			continue
		}
		for len(cells) < col-1 {
			cells = append(cells, "")
		}
		cells = append(cells, nfc(v))
	}
}

// cellValue is a cell's value as text: the shared or inline string, or the raw
// value (a number, a date serial, a formula's saved result).
func cellValue(typ string, inner []byte, strs []string) (string, bool) {
	switch typ {
	case "inlineStr":
		var b strings.Builder
		for {
			i := bytes.Index(inner, []byte("<t"))
			if i < 0 {
				return b.String(), true
			}
			inner = inner[i+2:]
			if len(inner) == 0 || inner[0] != '>' && inner[0] != ' ' {
				continue
			}
			open := bytes.IndexByte(inner, '>')
			end := bytes.Index(inner, []byte("</t>"))
			if open < 0 || end < open {
				return "", false
			}
			b.WriteString(unescape(inner[open+1 : end]))
			inner = inner[end+4:]
		}
	}
	v, ok := element(inner, "v")
	if !ok {
		return "", false
	}
	if typ == "s" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n >= len(strs) {
			return "", v == ""
		}
		return strs[n], true
	}
	return v, true
}

// element is the unescaped text of the first <name>…</name> in b ("" when absent).
func element(b []byte, name string) (string, bool) {
	i := bytes.Index(b, []byte("<"+name))
	for i >= 0 && i+1+len(name) < len(b) && b[i+1+len(name)] != '>' && b[i+1+len(name)] != ' ' && b[i+1+len(name)] != '/' {
		j := bytes.Index(b[i+1:], []byte("<"+name))
		if j < 0 {
			i = -1
			break
		}
		i += 1 + j
	}
	if i < 0 {
		return "", true
	}
	b = b[i:]
	open := bytes.IndexByte(b, '>')
	if open < 0 {
		return "", false
	}
	if b[open-1] == '/' {
		return "", true
	}
	end := bytes.Index(b, []byte("</"+name+">"))
	if end < open {
		return "", false
	}
	return unescape(b[open+1 : end]), true
}

// attr reads an attribute of a start tag ("" when absent).
func attr(tag []byte, name string) string {
	key := []byte(" " + name + `="`)
	i := bytes.Index(tag, key)
	if i < 0 {
		return ""
	}
	rest := tag[i+len(key):]
	end := bytes.IndexByte(rest, '"')
	if end < 0 {
		return ""
	}
	return string(rest[:end])
}

func unescape(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	return html.UnescapeString(string(b))
}
