package sheet

import (
	"archive/zip"
	"bytes"
)

// FastXLSX is the fast reader of a workbook's grid, for the test that compares it
// with excelize's; ok is false when it gives the workbook to excelize.
func FastXLSX(content []byte) (grid [][]string, ok bool) {
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return nil, false
	}
	grid, _, err = fastXLSX(xlsxZip{zr, &budget{}})
	return grid, err == nil
}

// ExcelizeGrid is the reader of the workbooks the fast reader does not read.
var ExcelizeGrid = excelizeGrid
