// Package sheet writes lists as CSV or XLSX files that a clerk opens in Excel: a
// header row in Vietnamese, UTF-8 throughout, and every cell that a spreadsheet
// would take for a formula neutralised.
package sheet

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Writer receives rows one by one and writes them out; Close finishes the file.
type Writer interface {
	Row(cells ...any) error
	Close() error
}

// Safe neutralises a text cell that a spreadsheet would run as a formula (one that
// starts with =, +, -, @, a tab or a carriage return) by prefixing an apostrophe, the
// usual defence against formula injection (OWASP "CSV injection").
func Safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// NewCSV writes CSV with a UTF-8 byte-order mark, so that Excel reads the Vietnamese
// text correctly when the file is double-clicked.
func NewCSV(w io.Writer, header ...string) (Writer, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	c := &csvWriter{w: csv.NewWriter(w)}
	return c, c.Row(anys(header)...)
}

type csvWriter struct{ w *csv.Writer }

func (c *csvWriter) Row(cells ...any) error {
	rec := make([]string, len(cells))
	for i, v := range cells {
		if s, ok := v.(string); ok {
			rec[i] = Safe(s)
		} else {
			rec[i] = fmt.Sprint(v)
		}
	}
	return c.w.Write(rec)
}

func (c *csvWriter) Close() error { c.w.Flush(); return c.w.Error() }

// NewXLSX streams an XLSX workbook with one sheet to w; rows are written as they
// come, so a list of a million lines does not sit in memory.
func NewXLSX(w io.Writer, sheetName string, header ...string) (Writer, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheetName)
	if err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Times New Roman", Size: 12},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return nil, err
	}
	for i := range header {
		sw.SetColWidth(i+1, i+1, 22)
	}
	x := &xlsxWriter{f: f, sw: sw, out: w, row: 1}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	return x, x.write(cells)
}

type xlsxWriter struct {
	f   *excelize.File
	sw  *excelize.StreamWriter
	out io.Writer
	row int
}

func (x *xlsxWriter) write(cells []any) error {
	cell, _ := excelize.CoordinatesToCellName(1, x.row)
	x.row++
	return x.sw.SetRow(cell, cells)
}

func (x *xlsxWriter) Row(cells ...any) error {
	vals := make([]any, len(cells))
	for i, v := range cells {
		if s, ok := v.(string); ok {
			vals[i] = Safe(s)
		} else {
			vals[i] = v
		}
	}
	return x.write(vals)
}

func (x *xlsxWriter) Close() error {
	if err := x.sw.Flush(); err != nil {
		return err
	}
	if _, err := x.f.WriteTo(x.out); err != nil {
		return err
	}
	return x.f.Close()
}

func anys(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// Template writes an empty list for clerks to fill: a first sheet with the header
// only (bold, frozen, wide columns) and a second sheet, "Hướng dẫn", with one line
// per column from notes (each line: the column's cells, under notesHeader).
func Template(w io.Writer, sheetName string, header []string, notesHeader []string, notes [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Times New Roman", Size: 12},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Alignment: &excelize.Alignment{WrapText: true}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": dates and citizen IDs stay as typed
	if err != nil {
		return err
	}
	for i, h := range header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellValue(sheetName, cell, h); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheetName, col, col, 22)
		f.SetColStyle(sheetName, col, text)
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	if err := f.SetCellStyle(sheetName, "A1", last, bold); err != nil {
		return err
	}
	f.SetPanes(sheetName, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	const help = "Hướng dẫn"
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	for r, line := range append([][]string{notesHeader}, notes...) {
		for c, v := range line {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(help, cell, Safe(v)); err != nil {
				return err
			}
		}
	}
	f.SetColWidth(help, "A", "A", 28)
	f.SetColWidth(help, "B", "C", 14)
	f.SetColWidth(help, "D", "D", 30)
	f.SetColWidth(help, "E", "E", 60)
	_, err = f.WriteTo(w)
	return err
}
