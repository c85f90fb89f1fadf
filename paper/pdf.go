package paper

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
)

const ptToMM = 25.4 / 72

// piece is a word or part of a word in one style, measured.
type piece struct {
	run
	w     float64
	space bool // preceded by a space
}

// line is one wrapped line of a paragraph.
type line struct {
	pieces []piece
	w      float64
	words  int
}

// measurer measures text in the embedded fonts; the DOCX writer uses it too, to size
// rules, so both files break lines alike.
type measurer struct{ pdf *fpdf.Fpdf }

func (m measurer) width(r run, size float64) float64 {
	m.pdf.SetFont(family, r.style(), size)
	return m.pdf.GetStringWidth(r.text)
}

// pieces splits runs at spaces; a run boundary without a space keeps the word together.
func (m measurer) pieces(p para) []piece {
	var out []piece
	space := false
	for _, r := range p.runs {
		t := nfc(r.text)
		if strings.HasPrefix(t, " ") {
			space = true
		}
		for i, f := range strings.Fields(t) {
			pr := r
			pr.text = f
			out = append(out, piece{run: pr, w: m.width(pr, p.fontSize()), space: (i > 0 || space) && len(out) > 0})
		}
		space = strings.HasSuffix(t, " ")
	}
	return out
}

func (p para) fontSize() float64 {
	if p.size == 0 {
		return sizeBody
	}
	return p.size
}

func (p para) lineHeight() float64 {
	ls := p.lineSpacing
	if ls == 0 {
		ls = 1.2
	}
	return p.fontSize() * ptToMM * ls
}

// wrap breaks the paragraph into lines no wider than width (the first line is shortened
// by the indent). A word wider than the line is left to overflow rather than cut.
func (m measurer) wrap(p para, width float64) []line {
	ps := m.pieces(p)
	sp := m.width(run{text: " "}, p.fontSize())
	var lines []line
	cur := line{}
	avail := width - p.indent
	for i := 0; i < len(ps); {
		// a word is a piece plus the glued pieces after it
		j, ww := i+1, ps[i].w
		for j < len(ps) && !ps[j].space {
			ww += ps[j].w
			j++
		}
		gap := 0.0
		if cur.words > 0 {
			gap = sp
		}
		if cur.words > 0 && cur.w+gap+ww > avail+0.01 {
			lines = append(lines, cur)
			cur, avail, gap = line{}, width, 0
		}
		for k := i; k < j; k++ {
			pc := ps[k]
			pc.space = k == i && cur.words > 0
			cur.pieces = append(cur.pieces, pc)
		}
		cur.w += gap + ww
		cur.words++
		i = j
	}
	if cur.words > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// height is the height of p wrapped to width, including spacing and rule.
func (m measurer) height(p para, width float64) float64 {
	h := p.before + p.after + float64(len(m.wrap(p, width)))*p.lineHeight()
	if p.rule > 0 {
		h += 2.5
	}
	return h
}

// pdfWriter lays the blocks of a document onto portrait A4 pages.
type pdfWriter struct {
	measurer
	y   float64
	box Box // the first signature space drawn
}

// renderPDF writes d as a portrait A4 PDF with page numbers from page 2.
func renderPDF(d *document) ([]byte, error) {
	b, _, err := renderSignable(d)
	return b, err
}

// renderSignable is renderPDF telling where the first signer's signature goes.
func renderSignable(d *document) ([]byte, Box, error) {
	pdf := newPDF("P")
	pdf.SetTitle(nfc(d.title), true)
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	// Decree 30/2020, Phụ lục I, item 1(d): page numbers centred in the top margin,
	// in Arabic numerals, not shown on the first page.
	pdf.SetHeaderFuncMode(func() {
		if n := pdf.PageNo(); n > 1 {
			pdf.SetTextColor(0, 0, 0)
			pdf.SetFont(family, "", sizeHead)
			s := fmt.Sprint(n)
			pdf.Text(marginLeft+(textW-pdf.GetStringWidth(s))/2, 13, s)
		}
	}, true)
	w := &pdfWriter{measurer: measurer{pdf}}
	w.newPage()
	for _, b := range d.blocks {
		switch b := b.(type) {
		case para:
			w.para(b, marginLeft, textW, true)
		case table:
			w.table(b)
		case pageBreak:
			w.newPage()
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, Box{}, fmt.Errorf("paper: %s: %w", d.title, err)
	}
	return buf.Bytes(), w.box, nil
}

func (w *pdfWriter) newPage() {
	w.pdf.AddPage()
	w.y = marginTop
}

const bottomY = pageH - marginBottom

// para draws p at the current y; with breaks it moves to a new page when a line does
// not fit (and before a keep-with-next heading that would end a page).
func (w *pdfWriter) para(p para, x, width float64, breaks bool) {
	lines := w.wrap(p, width)
	lh := p.lineHeight()
	if breaks && p.keepNext && w.y+p.before+float64(len(lines))*lh+25 > bottomY {
		w.newPage()
	}
	if !(breaks && w.y == marginTop) {
		if p.signHere && w.box.Page == 0 {
			w.box = Box{Page: w.pdf.PageNo(), X: x, Y: w.y, W: width, H: p.before}
		}
		w.y += p.before
	}
	maxW := 0.0
	for i, ln := range lines {
		if breaks && w.y+lh > bottomY {
			w.newPage()
		}
		avail, x0 := width, x
		if i == 0 {
			avail, x0 = width-p.indent, x+p.indent
		}
		extra := 0.0
		switch p.align {
		case 'C':
			x0 += (avail - ln.w) / 2
		case 'R':
			x0 += avail - ln.w
		case 'J':
			if i < len(lines)-1 && ln.words > 1 {
				extra = (avail - ln.w) / float64(ln.words-1)
			}
		}
		w.drawLine(ln, x0, w.y+lh/2+0.35*p.fontSize()*ptToMM, p.fontSize(), extra)
		maxW = max(maxW, ln.w)
		w.y += lh
	}
	if p.rule > 0 {
		rl := maxW * p.rule
		w.pdf.SetDrawColor(0, 0, 0)
		w.pdf.SetLineWidth(0.3)
		w.pdf.Line(x+(width-rl)/2, w.y+1, x+(width+rl)/2, w.y+1)
		w.y += 2.5
	}
	w.y += p.after
}

// drawLine draws the pieces of a line from x on baseline y. Pieces of one style between
// two style changes are drawn as one string, so text extraction sees plain spaces; a
// justified line draws word by word to spread the extra space.
func (w *pdfWriter) drawLine(ln line, x, y, size, extra float64) {
	sp := w.width(run{text: " "}, size)
	var chunk strings.Builder
	var cur piece
	cx, startX := x, x
	flush := func() {
		if chunk.Len() == 0 {
			return
		}
		w.pdf.SetFont(family, cur.style(), size)
		if cur.red {
			w.pdf.SetTextColor(200, 16, 30)
		} else {
			w.pdf.SetTextColor(0, 0, 0)
		}
		w.pdf.Text(startX, y, chunk.String())
		chunk.Reset()
	}
	for i, pc := range ln.pieces {
		if pc.space {
			cx += sp + extra
		}
		same := i > 0 && pc.style() == cur.style() && pc.red == cur.red && (extra == 0 || !pc.space)
		if !same {
			flush()
			startX = cx
		} else if pc.space {
			chunk.WriteByte(' ')
		}
		chunk.WriteString(pc.text)
		cur = pc
		cx += pc.w
	}
	flush()
}

const cellPadX, cellPadY = 1.5, 1.0

// rowHeight is the height of r with cells laid out in the column widths ws (mm).
func (w *pdfWriter) rowHeight(r row, ws []float64, border bool) float64 {
	h := 0.0
	for i, c := range r.cells {
		cw := w.cellWidth(r, ws, i, border)
		ch := 0.0
		for _, p := range c {
			ch += w.height(p, cw)
		}
		h = max(h, ch)
	}
	if border {
		h += 2 * cellPadY
	}
	return h
}

func (w *pdfWriter) cellWidth(r row, ws []float64, i int, border bool) float64 {
	cw := ws[i]
	if r.span {
		cw = textW
	}
	if border {
		cw -= 2 * cellPadX
	}
	return cw
}

// table draws t row by row; a row that does not fit goes to a new page, where the
// header rows are repeated. A kept table moves whole to a new page when needed.
func (w *pdfWriter) table(t table) {
	ws := make([]float64, len(t.widths))
	for i, f := range t.widths {
		ws[i] = f * textW
	}
	if t.keep {
		total := 0.0
		for _, r := range t.rows {
			total += w.rowHeight(r, ws, t.border)
		}
		if w.y+total > bottomY && total < bottomY-marginTop {
			w.newPage()
		}
	}
	var heads []row
	for _, r := range t.rows {
		h := w.rowHeight(r, ws, t.border)
		if w.y+h > bottomY && !t.keep {
			w.newPage()
			for _, hr := range heads {
				w.row(hr, ws, t.border, w.rowHeight(hr, ws, t.border))
			}
		}
		w.row(r, ws, t.border, h)
		if r.header {
			heads = append(heads, r)
		}
	}
}

// row draws one row of height h; cell contents are centred vertically.
func (w *pdfWriter) row(r row, ws []float64, border bool, h float64) {
	top := w.y
	x := marginLeft
	for i, c := range r.cells {
		full := ws[i]
		if r.span {
			full = textW
		}
		cw := w.cellWidth(r, ws, i, border)
		ch := 0.0
		for _, p := range c {
			ch += w.height(p, cw)
		}
		pad := 0.0
		if border {
			pad = cellPadX
			w.pdf.SetDrawColor(0, 0, 0)
			w.pdf.SetLineWidth(0.2)
			w.pdf.Rect(x, top, full, h, "D")
		}
		if border {
			w.y = top + (h-ch)/2
		} else {
			w.y = top
		}
		for _, p := range c {
			w.para(p, x+pad, cw, false)
		}
		x += full
	}
	w.y = top + h
}
