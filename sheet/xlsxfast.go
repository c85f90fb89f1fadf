package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"html"
	"io"
	"strconv"
	"strings"
)

// A workbook's first sheet read by scanning its XML for rows and cells, without an
// XML decoder: excelize's streaming reader spends about 3.5 s of CPU on a
// 100,000-row staff list, this about a tenth of it. It reads what the reader needs
// (cell values, shared strings, inline strings, formula results) and reports
// errUnexpected on anything it does not expect, and readXLSX then uses excelize.
// Every part is streamed (scanner), and what it expands and keeps is counted
// against the bounds of limits.go.

// errUnexpected is a workbook the fast reader does not read (excelize may).
var errUnexpected = errors.New("unexpected workbook")

type xlsxZip struct {
	zr *zip.Reader
	b  *budget
}

func (z xlsxZip) file(name string) *zip.File {
	for _, f := range z.zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// open streams a part, counting what it expands against the workbook's budget.
func (z xlsxZip) open(name string) (*scanner, func(), error) {
	f := z.file(name)
	if f == nil {
		return nil, nil, errUnexpected
	}
	r, err := f.Open()
	if err != nil {
		return nil, nil, errUnexpected
	}
	return &scanner{r: &counted{r, z.b}}, func() { r.Close() }, nil
}

// counted is a part's reader that counts the bytes it expands.
type counted struct {
	r io.Reader
	b *budget
}

func (c *counted) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.b.expanded += int64(n)
	if c.b.expanded > MaxExpandedBytes {
		return n, errExpanded
	}
	return n, err
}

// declared refuses a workbook whose named parts (all parts when names is empty)
// declare more expanded bytes than MaxExpandedBytes: Go's zip reader fails a part
// that expands beyond what it declares, so this bounds what reading them costs
// before any of it is spent.
func (z xlsxZip) declared(names ...string) error {
	var total uint64
	for _, f := range z.zr.File {
		if len(names) == 0 || contains(names, f.Name) {
			total += min(f.UncompressedSize64, MaxExpandedBytes+1) // a size near 2⁶⁴ must not wrap the sum
		}
		if total > MaxExpandedBytes {
			return errExpanded
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// firstSheet is the path in the archive of the workbook's first sheet.
func (z xlsxZip) firstSheet() (string, error) {
	if err := z.declared("xl/workbook.xml", "xl/_rels/workbook.xml.rels"); err != nil {
		return "", err
	}
	s, done, err := z.open("xl/workbook.xml")
	if err != nil {
		return "", err
	}
	defer done()
	tag, _, _, err := s.next("sheet", "")
	if err != nil {
		return "", lift(err)
	}
	id := attr(tag, "r:id")
	if id == "" {
		return "", errUnexpected
	}
	rels, done2, err := z.open("xl/_rels/workbook.xml.rels")
	if err != nil {
		return "", err
	}
	defer done2()
	for {
		tag, _, _, err := rels.next("Relationship", "")
		if err != nil {
			return "", lift(err)
		}
		if attr(tag, "Id") == id {
			target := attr(tag, "Target")
			if target == "" {
				return "", errUnexpected
			}
			if strings.HasPrefix(target, "/") {
				return target[1:], nil
			}
			return "xl/" + target, nil
		}
	}
}

// lift is a scanner's error as the fast reader reports it: a bound passed stays
// itself, the end of a part or a broken archive is a workbook it does not read.
func lift(err error) error {
	var lim *LimitError
	if errors.As(err, &lim) {
		return err
	}
	return errUnexpected
}

// sharedStrings is the workbook's table of strings, each NFC-normalised once here
// (not at every cell that refers to it); a string longer than a cell may be is not
// kept, only marked, and refused at the first cell that refers to it.
type sharedStrings struct {
	strs []string
	long map[int]bool
}

// sharedStrings reads the workbook's table of strings; a rich-text item is the
// concatenation of its runs (not of its phonetic hints).
func (z xlsxZip) sharedStrings() (sharedStrings, error) {
	var sst sharedStrings
	if z.file("xl/sharedStrings.xml") == nil {
		return sst, nil
	}
	s, done, err := z.open("xl/sharedStrings.xml")
	if err != nil {
		return sst, err
	}
	defer done()
	var total int
	for {
		_, inner, _, err := s.next("si", "")
		if err == errEnd {
			return sst, nil
		}
		if err != nil {
			return sst, lift(err)
		}
		if len(sst.strs) == MaxSharedStrings {
			return sst, errShared
		}
		t, ok := itemText(inner)
		if !ok {
			return sst, errUnexpected
		}
		if total += len(t); total > MaxSharedStringBytes {
			return sst, errSharedB
		}
		if tooLong(t) {
			if sst.long == nil {
				sst.long = map[int]bool{}
			}
			sst.long[len(sst.strs)] = true
			t = ""
		}
		sst.strs = append(sst.strs, nfc(t))
	}
}

// itemText is the text of a shared string's XML: its <t> elements, outside <rPh>.
func itemText(b []byte) (string, bool) {
	var parts []string
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			return strings.Join(parts, ""), true
		}
		b = b[i:]
		switch {
		case startsElement(b, []byte("<rPh")):
			end := bytes.Index(b, []byte("</rPh>"))
			if tagEnd := bytes.IndexByte(b, '>'); tagEnd > 0 && b[tagEnd-1] == '/' {
				end, b = -1, b[tagEnd+1:]
			} else if end < 0 {
				return "", false
			}
			if end >= 0 {
				b = b[end+6:]
			}
		case startsElement(b, []byte("<t")):
			tagEnd := bytes.IndexByte(b, '>')
			if tagEnd < 0 {
				return "", false
			}
			if b[tagEnd-1] == '/' {
				b = b[tagEnd+1:]
				continue
			}
			end := bytes.Index(b, []byte("</t>"))
			if end < tagEnd {
				return "", false
			}
			parts = append(parts, unescape(b[tagEnd+1:end]))
			b = b[end+4:]
		default:
			b = b[1:]
		}
	}
}

// fastXLSX reads the first sheet's grid and the merged ranges of its header area.
// A *LimitError is a refusal; errUnexpected sends the workbook to excelize.
func fastXLSX(z xlsxZip) (grid [][]string, merges [][2]string, err error) {
	path, err := z.firstSheet()
	if err != nil {
		return nil, nil, err
	}
	if err := z.declared("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", path); err != nil {
		return nil, nil, err
	}
	sst, err := z.sharedStrings()
	if err != nil {
		return nil, nil, err
	}
	s, done, err := z.open(path)
	if err != nil {
		return nil, nil, err
	}
	defer done()
	if err := s.find("<sheetData"); err != nil {
		return nil, nil, lift(err)
	}
	empty, err := s.tagEnd()
	if err != nil {
		return nil, nil, lift(err)
	}
	rowNum := 0
	for !empty {
		tag, inner, found, err := s.next("row", "</sheetData>")
		if err != nil {
			return nil, nil, lift(err)
		}
		if !found {
			break
		}
		if n, err := strconv.Atoi(attr(tag, "r")); err == nil {
			rowNum = n
		} else {
			rowNum++
		}
		if rowNum < 1 {
			return nil, nil, errUnexpected
		}
		if rowNum > MaxRows {
			return nil, nil, errRows
		}
		cells, err := rowCells(inner, rowNum, sst, z.b)
		if err != nil {
			return nil, nil, err
		}
		for len(grid) < rowNum-1 {
			grid = append(grid, nil)
		}
		grid = append(grid, cells)
	}
	merges, err = scanMerges(s)
	return grid, merges, err
}

// rowCells reads the cells of one row's XML.
func rowCells(b []byte, rowNum int, sst sharedStrings, bud *budget) ([]string, error) {
	var cells []string
	col := 0
	for {
		i := bytes.Index(b, []byte("<c"))
		if i < 0 {
			return cells, nil
		}
		b = b[i+2:]
		if len(b) == 0 || b[0] != ' ' && b[0] != '>' && b[0] != '/' {
			continue // another element starting with c
		}
		tagEnd := bytes.IndexByte(b, '>')
		if tagEnd < 0 {
			return nil, errUnexpected
		}
		tag := b[:tagEnd]
		if ref := attr(tag, "r"); ref != "" {
			n := 0
			for _, ch := range ref {
				if ch < 'A' || ch > 'Z' || n > MaxColumns {
					break
				}
				n = n*26 + int(ch-'A'+1)
			}
			if n == 0 || n > MaxColumns {
				return nil, errUnexpected // beyond any list an office keeps: excelize reads it and drops the far cells
			}
			col = n
		} else {
			col++
		}
		if col > MaxColumns {
			return nil, errUnexpected
		}
		var inner []byte
		if tagEnd > 0 && tag[tagEnd-1] == '/' {
			b = b[tagEnd+1:]
		} else {
			end := bytes.Index(b, []byte("</c>"))
			if end < 0 {
				return nil, errUnexpected
			}
			inner, b = b[tagEnd+1:end], b[end+4:]
		}
		v, err := cellValue(attr(tag, "t"), inner, sst, col, rowNum)
		if err != nil {
			return nil, err
		}
		if v == "" {
			continue
		}
		for len(cells) < col-1 {
			if err := bud.cell(0); err != nil {
				return nil, err
			}
			cells = append(cells, "")
		}
		if err := bud.cell(len(v)); err != nil {
			return nil, err
		}
		cells = append(cells, v)
	}
}

// cellValue is a cell's value as NFC text: the shared or inline string, or the raw
// value (a number, a date serial, a formula's saved result).
func cellValue(typ string, inner []byte, sst sharedStrings, col, row int) (string, error) {
	var v string
	switch typ {
	case "inlineStr":
		var b strings.Builder
		for {
			i := bytes.Index(inner, []byte("<t"))
			if i < 0 {
				break
			}
			inner = inner[i+2:]
			if len(inner) == 0 || inner[0] != '>' && inner[0] != ' ' {
				continue
			}
			open := bytes.IndexByte(inner, '>')
			end := bytes.Index(inner, []byte("</t>"))
			if open < 0 || end < open {
				return "", errUnexpected
			}
			b.WriteString(unescape(inner[open+1 : end]))
			inner = inner[end+4:]
		}
		v = b.String()
	default:
		var ok bool
		if v, ok = element(inner, "v"); !ok {
			return "", errUnexpected
		}
		if typ == "s" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n >= len(sst.strs) {
				if v == "" {
					return "", nil
				}
				return "", errUnexpected
			}
			if sst.long[n] {
				return "", cellTooLong(col-1, row)
			}
			return sst.strs[n], nil // normalised once, shared by every cell that refers to it
		}
	}
	if tooLong(v) {
		return "", cellTooLong(col-1, row)
	}
	return nfc(v), nil
}

// maxMerges bounds the merged ranges kept from the header area: a title and a
// two-row header merge a few dozen; thousands of overlapping ones would only make
// filling them in cost time.
const maxMerges = 1000

// scanMerges reads the merged ranges that start in the header area from the rest
// of a sheet's XML.
func scanMerges(s *scanner) ([][2]string, error) {
	var out [][2]string
	for {
		tag, _, _, err := s.next("mergeCell", "")
		if err == errEnd {
			return out, nil
		}
		if err != nil {
			return nil, lift(err)
		}
		a, b, ok := strings.Cut(attr(tag, "ref"), ":")
		if !ok || len(out) == maxMerges {
			continue
		}
		// Only a range starting in the header area is filled in (readXLSX).
		if r := strings.TrimLeft(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"); len(r) > 0 && len(r) <= 3 {
			if n, err := strconv.Atoi(r); err == nil && n <= headerScan+1 {
				out = append(out, [2]string{a, b})
			}
		}
	}
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
