package sheet

// The two readers of a workbook's grid, for the test that compares them.
var (
	FastXLSX     = fastXLSX
	ExcelizeGrid = excelizeGrid
)
