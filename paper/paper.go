// Package paper renders the documents of the reward procedure ("thi đua, khen thưởng")
// from plain structs: the tờ trình (D1), the báo cáo thành tích (D2), the council minutes
// (D4), the ballot count (D5), the decision with its attached list (D6) as PDF — and the
// editable ones (D1, D2, D6) also as DOCX — and the certificates (D7) as PDF.
//
// Layout follows Decree 30/2020/NĐ-CP, Phụ lục I: A4, margins top/bottom 20 mm, left 30 mm,
// right 15 mm, a Times New Roman compatible font (Tinos, embedded), the two-column header
// block, italic căn cứ lines, the "Nơi nhận" block level with the signer, and page numbers
// centred in the top margin from page 2. Every text is normalised to NFC before it is
// drawn, because fpdf does not position combining marks.
//
// Administrative documents are first built as a small list of blocks (paragraphs with
// styled runs, tables, page breaks), and the same blocks are written as PDF (pdf.go) and
// as WordprocessingML (docx.go), so the two files say the same thing.
package paper

import (
	"strings"
	"unicode"

	"tdkt/vn"
)

// Page geometry in millimetres (Decree 30/2020, Phụ lục I, item 1: A4, top and bottom
// 20–25 mm, left 30–35 mm, right 15–20 mm; we take the smallest values).
const (
	pageW, pageH = 210.0, 297.0
	marginTop    = 20.0
	marginBottom = 20.0
	marginLeft   = 30.0
	marginRight  = 15.0
	textW        = pageW - marginLeft - marginRight
)

// Font sizes in points (Decree 30/2020, Phụ lục I: body 13–14; Nơi nhận 12 and 11).
const (
	sizeBody  = 14.0
	sizeHead  = 13.0
	sizeTable = 12.0
	sizeNote  = 11.0
)

// run is a piece of text in one style.
type run struct {
	text         string
	bold, italic bool
	red          bool
}

// para is a paragraph: styled runs wrapped to the available width.
type para struct {
	runs        []run
	align       byte    // 'L', 'C', 'R' or 'J' (justified)
	size        float64 // points; 0 means sizeBody
	indent      float64 // first-line indent, mm
	before      float64 // space before, mm
	after       float64 // space after, mm
	rule        float64 // rule under the text, as a fraction of its widest line (0: none)
	keepNext    bool    // start a new page rather than leave this para alone at the bottom
	lineSpacing float64 // multiple of the font size; 0 means 1.2
	signHere    bool    // the space before this para is where the signature and seal go
}

// cell is a table cell: paragraphs, optionally spanning the whole row.
type cell []para

// row is one table row; a header row is repeated after a page break.
type row struct {
	cells  []cell
	header bool
	span   bool // the first cell spans every column (group titles such as "I. TẬP THỂ")
}

// table is a grid; without border it lays out two-column blocks (header, signatures).
type table struct {
	widths []float64 // fractions of the text width, summing to 1
	rows   []row
	border bool
	keep   bool // keep on one page (signature and header blocks)
}

// pageBreak starts a new page.
type pageBreak struct{}

// document is the ordered list of blocks (para, table, pageBreak).
type document struct {
	title  string
	blocks []any
}

func (d *document) add(b ...any) { d.blocks = append(d.blocks, b...) }

// nfc is vn.NFC keeping one leading and trailing space, which separate runs.
func nfc(s string) string {
	n := vn.NFC(s)
	if n == "" {
		return ""
	}
	if strings.IndexFunc(s, unicode.IsSpace) == 0 {
		n = " " + n
	}
	if r := []rune(s); unicode.IsSpace(r[len(r)-1]) {
		n += " "
	}
	return n
}

// upper is the NFC upper-case form used for the lines that Decree 30 prints "in hoa".
func upper(s string) string { return strings.ToUpper(vn.NFC(s)) }

func plain(s string) run    { return run{text: s} }
func bold(s string) run     { return run{text: s, bold: true} }
func italic(s string) run   { return run{text: s, italic: true} }
func boldItal(s string) run { return run{text: s, bold: true, italic: true} }

// centred, left and justified build the usual paragraphs in the body size.
func centred(runs ...run) para { return para{runs: runs, align: 'C'} }
func left(runs ...run) para    { return para{runs: runs, align: 'L'} }
func body(runs ...run) para {
	return para{runs: runs, align: 'J', indent: 10, after: 2}
}

// sized returns p in size pt.
func (p para) sized(size float64) para { p.size = size; return p }

// space returns p with space before (mm).
func (p para) space(before float64) para { p.before = before; return p }

// blank is an empty line of the given height in mm.
func blank(mm float64) para { return para{runs: []run{plain("")}, align: 'L', before: mm} }

// terminate ends each line with ";" and the last with "." — the rule of Decree 30/2020
// (Phụ lục I) for căn cứ lines and for the items of "Nơi nhận".
func terminate(lines []string) []string {
	var out []string
	for _, l := range lines {
		l = strings.TrimRight(vn.NFC(l), " ;.,")
		if l != "" {
			out = append(out, l)
		}
	}
	for i := range out {
		if i == len(out)-1 {
			out[i] += "."
		} else {
			out[i] += ";"
		}
	}
	return out
}

// sentence makes sure s ends with a full stop.
func sentence(s string) string {
	s = vn.NFC(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ",") {
		return s
	}
	return strings.TrimRight(s, ";") + "."
}
