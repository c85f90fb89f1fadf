package sheet

import (
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"tdkt"
)

// StatForm is a statutory statistics form (biểu 06xx.N/BNV-TĐKT) ready to print: the
// filled table and the texts of the header block.
type StatForm struct {
	Table    tdkt.StatTable
	Basis    string // "Ban hành theo Thông tư số …"
	Reporter string // Đơn vị báo cáo
	Receiver string // Đơn vị nhận báo cáo
	Year     int
	Period   string // "từ ngày 01/12/2024 đến ngày 30/11/2025"
	// Notes are printed on a second sheet: what is not verified about the layout.
	Notes []string
}

// The sheet names of a statistics workbook.
const (
	StatSheet      = "Biểu"
	StatNotesSheet = "Ghi chú"
)

// WriteStatForm writes the form as an XLSX workbook in the official layout (NĐ
// 30/2020 fonts: Times New Roman): the header block (Biểu số, legal basis, receipt
// date on the left; reporting and receiving units on the right), the title, the year
// and unit, the table with merged header cells and the row of column numbers (A, B,
// C, 1, 2 …), and the signature footer. Every text cell goes through Safe.
func WriteStatForm(w io.Writer, s StatForm) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont("Times New Roman"); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", StatSheet); err != nil {
		return err
	}
	st, err := newStatStyles(f)
	if err != nil {
		return err
	}
	t := s.Table
	fixed := 2 // A label, B Mã số
	if t.Form.UnitColumn {
		fixed = 3
	}
	ncol := fixed + len(t.Leaves)
	last := colName(ncol)
	half := colName(max(fixed+1, ncol/2+1))
	p := &printer{f: f, sheet: StatSheet}
	// Header block.
	p.put(1, "A", "Biểu số: "+t.Form.Code, st.bold)
	p.merge("A1", colName(fixed)+"1")
	p.put(1, half, "Đơn vị báo cáo: "+s.Reporter, st.left)
	p.merge(half+"1", last+"1")
	p.put(2, "A", s.Basis, st.italic)
	p.merge("A2", colName(fixed)+"2")
	p.put(2, half, "Đơn vị nhận báo cáo: "+s.Receiver, st.left)
	p.merge(half+"2", last+"2")
	if t.Form.ReceiveDate != "" {
		p.put(3, "A", "Ngày nhận báo cáo: "+t.Form.ReceiveDate, st.left)
		p.merge("A3", colName(fixed)+"3")
	}
	p.put(5, "A", t.Form.Title, st.title)
	p.merge("A5", last+"5")
	p.put(6, "A", "Năm "+strconv.Itoa(s.Year), st.center)
	p.merge("A6", last+"6")
	p.put(7, "A", "(Kỳ báo cáo "+s.Period+")", st.italicCenter)
	p.merge("A7", last+"7")
	if t.Form.Unit != "" {
		p.put(8, half, "Đơn vị tính: "+t.Form.Unit, st.right)
		p.merge(half+"8", last+"8")
	}
	// Table header: A, B, C span every header row; the leaves are placed by spans.
	top := 10
	depth := len(t.Header)
	fixedHead := []string{"", "Mã số", "Đơn vị tính"}
	for i := range fixed {
		c := colName(i + 1)
		p.put(top, c, fixedHead[i], st.head)
		p.merge(c+strconv.Itoa(top), c+strconv.Itoa(top+depth-1))
	}
	// Walk the header rows keeping, for each row, which columns are already taken by
	// a cell spanning down from above.
	taken := make([][]bool, depth)
	for i := range taken {
		taken[i] = make([]bool, len(t.Leaves))
	}
	for lvl, cells := range t.Header {
		col := 0
		for _, h := range cells {
			for col < len(t.Leaves) && taken[lvl][col] {
				col++
			}
			c1, c2 := colName(fixed+col+1), colName(fixed+col+h.ColSpan)
			r1, r2 := top+lvl, top+lvl+h.RowSpan-1
			p.put(r1, c1, h.Label, st.head)
			p.merge(c1+strconv.Itoa(r1), c2+strconv.Itoa(r2))
			for l := lvl; l < lvl+h.RowSpan; l++ {
				for k := col; k < col+h.ColSpan; k++ {
					taken[l][k] = true
				}
			}
			col += h.ColSpan
		}
	}
	nums := top + depth
	for i, l := range []string{"A", "B", "C"}[:fixed] {
		p.put(nums, colName(i+1), l, st.headNum)
	}
	for i, l := range t.Leaves {
		p.put(nums, colName(fixed+i+1), l.Number, st.headNum)
	}
	// Body.
	row := nums + 1
	for _, r := range t.Rows {
		label, code := st.cell, st.center
		if r.Heading || r.Bold {
			label = st.boldCell
		}
		p.put(row, "A", r.Label, label)
		p.put(row, "B", r.Code, code)
		if fixed == 3 {
			p.put(row, "C", r.Unit, code)
		}
		for i := range t.Leaves {
			c := colName(fixed + i + 1)
			if r.Heading {
				p.put(row, c, "", st.number)
				continue
			}
			p.num(row, c, r.Cells[i], st.number)
		}
		row++
	}
	// Footer.
	row++
	p.put(row, half, "…, ngày … tháng … năm …", st.italicCenter)
	p.merge(half+strconv.Itoa(row), last+strconv.Itoa(row))
	row++
	p.put(row, "A", "Người lập biểu", st.boldCenter)
	p.put(row, half, "Thủ trưởng đơn vị", st.boldCenter)
	p.merge(half+strconv.Itoa(row), last+strconv.Itoa(row))
	row++
	p.put(row, "A", "(Ký, họ tên)", st.italicCenter)
	p.put(row, half, "(Ký, họ tên, đóng dấu)", st.italicCenter)
	p.merge(half+strconv.Itoa(row), last+strconv.Itoa(row))
	if p.err != nil {
		return p.err
	}
	widths := []float64{58, 8, 12}
	for i := range fixed {
		f.SetColWidth(StatSheet, colName(i+1), colName(i+1), widths[i])
	}
	if len(t.Leaves) > 0 {
		f.SetColWidth(StatSheet, colName(fixed+1), last, 13)
	}
	for r := top; r < top+depth; r++ {
		f.SetRowHeight(StatSheet, r, 48)
	}
	f.SetPageLayout(StatSheet, &excelize.PageLayoutOptions{Orientation: strPtr("landscape"), Size: intPtr(9)}) // A4
	// Notes.
	if len(s.Notes) > 0 {
		if _, err := f.NewSheet(StatNotesSheet); err != nil {
			return err
		}
		q := &printer{f: f, sheet: StatNotesSheet}
		q.put(1, "A", "Ghi chú về mẫu biểu (những điểm chưa kiểm chứng)", st.bold)
		for i, n := range s.Notes {
			q.put(i+2, "A", n, st.left)
		}
		f.SetColWidth(StatNotesSheet, "A", "A", 140)
		if q.err != nil {
			return q.err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// printer writes cells and merges, keeping the first error.
type printer struct {
	f     *excelize.File
	sheet string
	err   error
}

func (p *printer) put(row int, col, text string, style int) {
	if p.err != nil {
		return
	}
	cell := col + strconv.Itoa(row)
	if p.err = p.f.SetCellValue(p.sheet, cell, Safe(text)); p.err == nil {
		p.err = p.f.SetCellStyle(p.sheet, cell, cell, style)
	}
}

func (p *printer) num(row int, col string, n int64, style int) {
	if p.err != nil {
		return
	}
	cell := col + strconv.Itoa(row)
	if p.err = p.f.SetCellValue(p.sheet, cell, n); p.err == nil {
		p.err = p.f.SetCellStyle(p.sheet, cell, cell, style)
	}
}

func (p *printer) merge(from, to string) {
	if p.err == nil && from != to {
		p.err = p.f.MergeCell(p.sheet, from, to)
	}
}

type statStyles struct {
	bold, italic, left, right, center, italicCenter, boldCenter, title, head, headNum, cell, boldCell, number int
}

func newStatStyles(f *excelize.File) (st statStyles, err error) {
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Bold: bold, Italic: italic, Size: size}
	}
	wrap := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: true}
	}
	defs := []struct {
		dst *int
		s   excelize.Style
	}{
		{&st.bold, excelize.Style{Font: font(true, false, 12)}},
		{&st.italic, excelize.Style{Font: font(false, true, 12)}},
		{&st.left, excelize.Style{Font: font(false, false, 12), Alignment: &excelize.Alignment{Horizontal: "left", WrapText: true}}},
		{&st.right, excelize.Style{Font: font(false, true, 12), Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{&st.center, excelize.Style{Font: font(false, false, 12), Alignment: wrap("center"), Border: border}},
		{&st.italicCenter, excelize.Style{Font: font(false, true, 12), Alignment: wrap("center")}},
		{&st.boldCenter, excelize.Style{Font: font(true, false, 12), Alignment: wrap("center")}},
		{&st.title, excelize.Style{Font: font(true, false, 14), Alignment: wrap("center")}},
		{&st.head, excelize.Style{Font: font(true, false, 11), Alignment: wrap("center"), Border: border}},
		{&st.headNum, excelize.Style{Font: font(false, true, 11), Alignment: wrap("center"), Border: border}},
		{&st.cell, excelize.Style{Font: font(false, false, 12), Alignment: wrap("left"), Border: border}},
		{&st.boldCell, excelize.Style{Font: font(true, false, 12), Alignment: wrap("left"), Border: border}},
		{&st.number, excelize.Style{Font: font(false, false, 12), Alignment: wrap("right"), Border: border, NumFmt: 3}}, // #,##0
	}
	for _, d := range defs {
		if *d.dst, err = f.NewStyle(&d.s); err != nil {
			return st, err
		}
	}
	return st, nil
}

// colName is the letter name of a 1-based column.
func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

func strPtr(s string) *string { return &s }
func intPtr(n int) *int       { return &n }
