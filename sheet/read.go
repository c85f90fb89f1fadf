package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"tdkt/vn"
)

// Table is a list read from a clerk's file: the header the reader found and the rows
// under it, every cell as NFC text.
type Table struct {
	// Header holds the column names, one per column of the file (empty for a column
	// without a name); HeaderRow is its row number in the sheet (1-based).
	Header    []string
	HeaderRow int
	Rows      []Row
	// Skipped are the rows that are neither header nor data: header rows below the
	// first (column numbers, "Năm 2024 | Năm 2025") and the signature footer.
	Skipped []Skipped
}

// Skipped is a row the reader left out of the list, and why (in Vietnamese).
type Skipped struct {
	Num int
	Why string
}

// Row is one line under the header, with its number as the spreadsheet shows it.
type Row struct {
	Num   int
	Cells []string
}

// Cell returns the row's cell in column i, or "" past its end.
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// ErrNoHeader is returned when no row of the first ones names enough known columns.
var ErrNoHeader = errors.New("không tìm thấy dòng tiêu đề cột: hãy dùng tệp mẫu, giữ nguyên tên các cột")

// headerScan is how many rows from the top may hold the header (title rows, the
// unit's name, a blank line … come first in office files).
const headerScan = 25

// Read reads an XLSX workbook (its first sheet) or a CSV file (UTF-8, with or without
// a byte-order mark, comma or semicolon separated), chosen by the content, not the
// name. known are the column names the caller expects (and their aliases); the header
// is the row among the first ones that names most of them, compared without
// diacritics and case. Rows that are entirely empty are dropped.
//
// In an XLSX file a formula cell gives the value Excel computed and saved with it; a
// date cell gives its serial number (SerialDate reads it: the reader does not know
// which columns hold dates, the caller does); a merged cell's value is copied into
// every cell it covers (so a two-row header with a merged group title reads naturally).
//
// A file that would make the reader expand or keep more than the bounds of
// limits.go is refused with a *LimitError, whose message tells the clerk which.
func Read(content []byte, known []string) (*Table, error) {
	var grid [][]string
	var err error
	if bytes.HasPrefix(content, []byte("PK\x03\x04")) {
		grid, err = readXLSX(content)
	} else {
		grid, err = readCSV(content)
	}
	if err != nil {
		return nil, err
	}
	return locate(grid, known)
}

// foldHeader is a header cell as compared with the known names: without diacritics,
// case and extra spaces, and without the "(*)" or ":" that marks a required column.
func foldHeader(s string) string {
	s = vn.Fold(s)
	s = strings.NewReplacer("(*)", "", "*", "", ":", "", "(bắt buộc)", "", "(bat buoc)", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// FoldHeader is the form in which header names are compared.
func FoldHeader(s string) string { return foldHeader(s) }

func locate(grid [][]string, known []string) (*Table, error) {
	want := map[string]bool{}
	for _, k := range known {
		want[foldHeader(k)] = true
	}
	matches := func(row []string) int {
		n := 0
		seen := map[string]bool{}
		for _, c := range row {
			if f := foldHeader(c); want[f] && !seen[f] {
				n, seen[f] = n+1, true
			}
		}
		return n
	}
	best, bestN := -1, 0
	for i := 0; i < len(grid) && i < headerScan; i++ {
		if n := matches(grid[i]); n > bestN {
			best, bestN = i, n
		}
	}
	if best < 0 || bestN < 2 && len(known) > 1 {
		return nil, ErrNoHeader
	}
	header := append([]string(nil), grid[best]...)
	// A two-row header: a name that only the row above holds (a cell merged down
	// covers both rows and is already copied; one that is not shows only above).
	if best > 0 {
		above := grid[best-1]
		for j := range max(len(above), len(header)) {
			if j >= len(header) {
				header = append(header, "")
			}
			if want[foldHeader(header[j])] || j >= len(above) {
				continue
			}
			if want[foldHeader(above[j])] {
				header[j] = above[j]
			} else if both := strings.TrimSpace(above[j] + " " + header[j]); want[foldHeader(both)] {
				header[j] = both
			}
		}
	}
	t := &Table{Header: header, HeaderRow: best + 1}
	data := true // no data row yet: header rows may still come
	for i := best + 1; i < len(grid); i++ {
		empty := true
		for _, c := range grid[i] {
			if c != "" {
				empty = false
				break
			}
		}
		if empty {
			continue
		}
		if data && subHeader(grid[i], header, want) {
			t.Skipped = append(t.Skipped, Skipped{i + 1, "dòng tiêu đề phụ"})
			continue
		}
		data = false
		t.Rows = append(t.Rows, Row{Num: i + 1, Cells: grid[i]})
	}
	if n := footerStart(t.Rows); n < len(t.Rows) {
		for _, r := range t.Rows[n:] {
			t.Skipped = append(t.Skipped, Skipped{r.Num, "phần ký tên cuối danh sách"})
		}
		t.Rows = t.Rows[:n]
	}
	return t, nil
}

func readCSV(content []byte) ([][]string, error) {
	content = bytes.TrimPrefix(content, []byte("\ufeff"))
	head := content[:min(len(content), 4096)] // a title line may come first: look further
	r := csv.NewReader(bufio.NewReader(bytes.NewReader(content)))
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		r.Comma = ';' // Excel saves CSV with the list separator of a Vietnamese locale
	}
	// encoding/csv holds a whole record before handing it over, and a record may run
	// over many lines (a quoted field that spans them): a file of more separators than
	// the bound on cells could make one record of millions of fields, so it is refused
	// before it is parsed.
	if bytes.Count(content, []byte{byte(r.Comma)}) > MaxCells {
		return nil, errCells
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true // the cells are copied below, the record's slice can serve the next line
	var grid [][]string
	var b budget
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return grid, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("tệp CSV bị lỗi ở dòng %d: hãy lưu lại tệp từ Excel dưới dạng CSV UTF-8", pe.Line)
			}
			return nil, err
		}
		// The reader skips empty lines; the clerk's row numbers count them.
		line, _ := r.FieldPos(0)
		if line > MaxRows {
			return nil, errRows
		}
		cells := make([]string, 0, min(len(rec), MaxColumns))
		for i, c := range rec {
			if tooLong(c) {
				return nil, cellTooLong(i, line)
			}
			if err := b.cell(len(c)); err != nil {
				return nil, err
			}
			cells = append(cells, nfc(c))
		}
		for len(grid) < line-1 {
			grid = append(grid, nil)
		}
		grid = append(grid, cells)
	}
}

// errNotXLSX is a file that starts as a zip archive but is no workbook excelize reads.
var errNotXLSX = errors.New("không mở được tệp Excel: tệp hỏng hoặc không phải .xlsx")

func readXLSX(content []byte) ([][]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return nil, errNotXLSX
	}
	grid, merges, err := fastXLSX(xlsxZip{zr, &budget{}})
	if err == errUnexpected {
		if grid, err = excelizeGrid(content); err != nil {
			return nil, err
		}
		// The merged ranges, from the sheet's XML: excelize's GetMergeCells parses the
		// whole sheet again (15 s for 100,000 rows). The parts were counted by
		// excelizeGrid; this reading of the sheet is bounded on its own.
		merges = nil
		z := xlsxZip{zr, &budget{}}
		if path, err := z.firstSheet(); err == nil {
			if s, done, err := z.open(path); err == nil {
				merges, _ = scanMerges(s)
				done()
			}
		}
	} else if err != nil {
		return nil, err
	}
	// Merged cells matter in the header area; the list itself is not merged in files
	// that a program can read, so only merges near the top are filled in, with the
	// value of their first cell.
	for _, m := range merges {
		c1, r1, e1 := excelize.CellNameToCoordinates(m[0])
		c2, r2, e2 := excelize.CellNameToCoordinates(m[1])
		if e1 != nil || e2 != nil || r1 > headerScan+1 || r1 > len(grid) {
			continue
		}
		// Only the header area is filled, and never wider than a sheet may be: a merge
		// over the whole sheet must not grow every row to 16,384 cells.
		r2, c2 = min(r2, headerScan+1), min(c2, MaxColumns)
		v := ""
		if c1 <= len(grid[r1-1]) {
			v = grid[r1-1][c1-1]
		}
		for r := r1; r <= r2 && r <= len(grid); r++ {
			for c := c1; c <= c2; c++ {
				for len(grid[r-1]) < c {
					grid[r-1] = append(grid[r-1], "")
				}
				grid[r-1][c-1] = v
			}
		}
	}
	return grid, nil
}

// excelize keeps every part of the archive up to excelizePart bytes in memory,
// and the larger ones in a temporary file that it reads as a stream; the parts it
// keeps may declare excelizeHeld bytes in all.
const (
	excelizePart = 4 << 20
	excelizeHeld = 64 << 20
)

// excelizeGrid reads the first sheet with excelize's streaming reader, for the
// workbooks fastXLSX does not read, within the same bounds: the archive may
// declare MaxExpandedBytes in all (excelize's UnzipSizeLimit, checked here first to
// say so in Vietnamese) and excelizeHeld in the parts excelize holds in memory;
// the shared strings are counted by the fast reader's scan before excelize parses
// them, and the cells as the fast reader counts them.
func excelizeGrid(content []byte) ([][]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return nil, errNotXLSX
	}
	z := xlsxZip{zr, &budget{}}
	if err := z.declared(); err != nil {
		return nil, err
	}
	var held uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 <= excelizePart {
			if held += f.UncompressedSize64; held > excelizeHeld {
				return nil, expandedError(excelizeHeld)
			}
		}
	}
	var lim *LimitError
	if _, err := z.sharedStrings(); errors.As(err, &lim) {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(content), excelize.Options{UnzipSizeLimit: MaxExpandedBytes, UnzipXMLSizeLimit: excelizePart})
	if err != nil {
		return nil, errNotXLSX
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("tệp Excel không có trang tính nào")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, errNotXLSX
	}
	defer rows.Close()
	var grid [][]string
	var b budget
	// excelize gives every cell that refers to a shared string the same string:
	// a long one is normalised once and its result shared in turn.
	normal := map[string]string{}
	for rows.Next() {
		if len(grid) == MaxRows {
			return nil, errRows
		}
		// Raw values: a date cell's serial number and a formula's saved result, not
		// their display in the author's locale ("04-02-85" is ambiguous).
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, errNotXLSX
		}
		cols = cols[:min(len(cols), MaxColumns)] // no list is wider; a stray far cell must not blow the row up
		for j, c := range cols {
			if tooLong(c) {
				return nil, cellTooLong(j, len(grid)+1)
			}
			if err := b.cell(len(c)); err != nil {
				return nil, err
			}
			if len(c) < 64 {
				cols[j] = nfc(c)
			} else if n, ok := normal[c]; ok {
				cols[j] = n
			} else {
				cols[j] = nfc(c)
				normal[c] = cols[j]
			}
		}
		grid = append(grid, cols)
	}
	if rows.Error() != nil {
		return nil, errNotXLSX
	}
	return grid, nil
}

// nfc is vn.NFC with a fast path for the usual cell: plain ASCII without extra spaces.
func nfc(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c <= ' ' && (c != ' ' || i == 0 || i == len(s)-1 || s[i-1] == ' ') {
			return vn.NFC(s)
		}
	}
	return s
}

// SerialDate reads an Excel date serial number ("31048", "31048.0") as YYYY-MM-DD in
// the 1900 date system, for a date cell whose format the reader could not see.
func SerialDate(s string) (string, bool) {
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || x < 1 || x > 2958465 || math.IsNaN(x) {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(x, false)
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// ColumnLetter is the letter of a 0-based column index as a spreadsheet shows it (A, B, … AA).
func ColumnLetter(i int) string {
	s, _ := excelize.ColumnNumberToName(i + 1)
	return s
}

// Size estimates the memory the table holds, in bytes: each row's header and cell
// slice, each cell's string header and text (a shared string counts at every cell,
// so a table of repeated text is overestimated, never under).
func (t *Table) Size() int64 {
	const row, cell = 32 + 24, 16
	n := int64(len(t.Header)) * cell
	for _, h := range t.Header {
		n += int64(len(h))
	}
	for _, r := range t.Rows {
		n += row + int64(len(r.Cells))*cell
		for _, c := range r.Cells {
			n += int64(len(c))
		}
	}
	return n
}
