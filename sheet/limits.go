package sheet

import (
	"fmt"
	"unicode/utf8"
)

// Bounds on what one uploaded file may make the server hold. An upload is at most
// 50 MB, but a compressed workbook may expand a thousandfold (a zip bomb) and one
// shared string may be referenced by every cell, so the reader counts what it
// expands and what it keeps, and refuses a file that goes past any bound with a
// *LimitError naming it. The bounds leave room for the largest list an office
// keeps: a staff list of 100,000 rows × 20 columns is about 140 MB of sheet XML as
// excelize writes it (inline strings), 2,000,000 cells and 30 MB of cell text.
//
// Worst case held at once, all bounds reached: the grid's cells (4,000,000 × 16
// bytes of string headers + 64 MiB of text), its rows (1,048,576 × 24 bytes), the
// shared strings (1,000,000 × 16 bytes + 32 MiB) and one element being read
// (16 MiB): about 210 MB. The XML itself is streamed, never held whole.
const (
	// MaxExpandedBytes bounds the XML the reader expands: the sum over the parts
	// it reads (the workbook, its relationships, the shared strings, the sheet),
	// checked first against the sizes the archive declares (which Go's zip reader
	// enforces) and counted again while reading.
	MaxExpandedBytes = 256 << 20
	// MaxElementBytes bounds one element read whole: a row of the sheet, one
	// shared string.
	MaxElementBytes = 16 << 20
	// MaxSharedStrings and MaxSharedStringBytes bound the workbook's table of
	// shared strings: their number and the total length of their text.
	MaxSharedStrings     = 1_000_000
	MaxSharedStringBytes = 32 << 20
	// MaxCellTextBytes bounds the total length of the cell values the reader
	// returns (a shared string counts at every cell that refers to it), and
	// MaxCells their number (an empty cell before a filled one counts too).
	MaxCellTextBytes = 64 << 20
	MaxCells         = 4_000_000
	// MaxRows is Excel's own number of rows.
	MaxRows = 1_048_576
	// MaxCellChars is Excel's own limit on the characters of one cell.
	MaxCellChars = 32_767
	// MaxColumns bounds the columns of a row: no list an office keeps is wider,
	// and a stray far cell must not grow every row.
	MaxColumns = 256
)

// LimitError is a file refused because reading it would pass one of the bounds
// above. Its message, in Vietnamese, tells the clerk which.
type LimitError struct {
	// Limit names the bound: "expanded", "element", "shared-strings",
	// "shared-text", "cells", "cell-text", "rows" or "cell".
	Limit string
	msg   string
}

func (e *LimitError) Error() string { return e.msg }

const split = ": hãy chia danh sách thành nhiều tệp nhỏ hơn."

var (
	errExpanded = expandedError(MaxExpandedBytes)
	errElement  = &LimitError{"element", fmt.Sprintf("Tệp Excel có một dòng hoặc một chuỗi văn bản quá lớn (hơn %d MB): tệp hỏng hoặc không phải danh sách.", MaxElementBytes>>20)}
	errShared   = &LimitError{"shared-strings", "Tệp Excel có quá nhiều chuỗi văn bản khác nhau (hơn " + thousands(MaxSharedStrings) + ")" + split}
	errSharedB  = &LimitError{"shared-text", fmt.Sprintf("Tệp Excel chứa quá nhiều văn bản (hơn %d MB trong bảng chuỗi dùng chung)", MaxSharedStringBytes>>20) + split}
	errCells    = &LimitError{"cells", "Tệp có quá nhiều ô (hơn " + thousands(MaxCells) + ")" + split}
	errCellText = &LimitError{"cell-text", fmt.Sprintf("Các ô của tệp chứa quá nhiều văn bản (hơn %d MB)", MaxCellTextBytes>>20) + split}
	errRows     = &LimitError{"rows", "Tệp có quá nhiều dòng (hơn " + thousands(MaxRows) + ", giới hạn của Excel)" + split}
)

// expandedError is the refusal of a workbook that expands to more than limit bytes.
func expandedError(limit int) error {
	return &LimitError{"expanded", fmt.Sprintf("Tệp Excel quá lớn khi giải nén (hơn %d MB)", limit>>20) + split}
}

// cellTooLong is the refusal of one cell, named as the spreadsheet names it (C12).
func cellTooLong(col, row int) error {
	return &LimitError{"cell", fmt.Sprintf("Ô %s%d dài hơn %s ký tự (giới hạn của Excel): hãy rút gọn nội dung ô này.",
		ColumnLetter(col), row, thousands(MaxCellChars))}
}

// thousands writes n with dots between groups of three digits, as Vietnamese does.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// tooLong reports whether s has more characters than a cell may.
func tooLong(s string) bool {
	return len(s) > MaxCellChars && utf8.RuneCountInString(s) > MaxCellChars
}

// budget counts what one file has cost so far.
type budget struct {
	expanded int64 // XML bytes expanded
	cells    int
	text     int64
}

// cell counts one cell of the grid holding n bytes of text.
func (b *budget) cell(n int) error {
	b.cells++
	b.text += int64(n)
	switch {
	case b.cells > MaxCells:
		return errCells
	case b.text > MaxCellTextBytes:
		return errCellText
	}
	return nil
}
