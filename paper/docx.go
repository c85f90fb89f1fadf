package paper

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strings"
)

// The DOCX writer: a minimal WordprocessingML package (ECMA-376) written by hand, so
// that no library is needed: [Content_Types].xml, _rels/.rels, word/document.xml,
// word/styles.xml (Times New Roman as the default font), word/header1.xml (the page
// number) and word/_rels/document.xml.rels.

// twips converts millimetres to twentieths of a point.
func twips(mm float64) int { return int(math.Round(mm / 25.4 * 1440)) }

// renderDOCX writes d as a .docx with the page set up as Decree 30/2020 asks: A4,
// margins 20/20/30/15 mm, page numbers centred in the header from page 2 (titlePg).
func renderDOCX(d *document) ([]byte, error) {
	w := &docxWriter{measurer: measurer{newPDF("P")}}
	w.b.WriteString(xml.Header)
	w.b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	for _, b := range d.blocks {
		switch b := b.(type) {
		case para:
			w.para(b, textW)
		case table:
			w.table(b)
		case pageBreak:
			w.b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
		}
	}
	fmt.Fprintf(&w.b, `<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/>`+
		`<w:titlePg/></w:sectPr></w:body></w:document>`,
		twips(pageW), twips(pageH), twips(marginTop), twips(marginRight), twips(marginBottom), twips(marginLeft))
	if err := w.measurer.pdf.Error(); err != nil {
		return nil, err
	}

	var out bytes.Buffer
	z := zip.NewWriter(&out)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", w.b.String()},
		{"word/styles.xml", styles},
		{"word/header1.xml", pageHeader},
	}
	for _, f := range files {
		fw, err := z.Create(f.name)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write([]byte(f.body)); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

type docxWriter struct {
	measurer
	b strings.Builder
}

// esc writes s escaped for XML character data (and attributes).
func (w *docxWriter) esc(s string) { _ = xml.EscapeText(&w.b, []byte(s)) }

// para writes p in a column of width mm (the rule needs the width to size its indents).
func (w *docxWriter) para(p para, width float64) {
	jc := map[byte]string{'L': "left", 'C': "center", 'R': "right", 'J': "both"}[p.align]
	if jc == "" {
		jc = "left"
	}
	ls := p.lineSpacing
	if ls == 0 {
		ls = 1.2
	}
	// Word's "auto" line spacing is a multiple of the font's line (about 1.15 of the size
	// for Times New Roman), so ls/1.15 gives the same rhythm as the PDF.
	fmt.Fprintf(&w.b, `<w:p><w:pPr><w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="auto"/>`,
		twips(p.before), twips(p.after), int(math.Round(240*ls/1.15)))
	if p.indent > 0 {
		fmt.Fprintf(&w.b, `<w:ind w:firstLine="%d"/>`, twips(p.indent))
	}
	fmt.Fprintf(&w.b, `<w:jc w:val="%s"/><w:rPr><w:sz w:val="%d"/></w:rPr></w:pPr>`, jc, halfPoints(p.fontSize()))
	for _, r := range p.runs {
		t := nfc(r.text)
		if t == "" {
			continue
		}
		w.b.WriteString(`<w:r><w:rPr>`)
		if r.bold {
			w.b.WriteString(`<w:b/>`)
		}
		if r.italic {
			w.b.WriteString(`<w:i/>`)
		}
		if r.red {
			w.b.WriteString(`<w:color w:val="C8101E"/>`)
		}
		fmt.Fprintf(&w.b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr><w:t xml:space="preserve">`, halfPoints(p.fontSize()), halfPoints(p.fontSize()))
		w.esc(t)
		w.b.WriteString(`</w:t></w:r>`)
	}
	w.b.WriteString(`</w:p>`)
	if p.rule > 0 {
		// The rule is a tiny empty paragraph with a bottom border, indented so that its
		// length is the PDF's: a fraction of the widest line of the text.
		maxW := 0.0
		for _, ln := range w.wrap(p, width) {
			maxW = max(maxW, ln.w)
		}
		ind := twips(max(0, (width-maxW*p.rule)/2))
		fmt.Fprintf(&w.b, `<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`+
			`<w:spacing w:before="0" w:after="60" w:line="80" w:lineRule="exact"/><w:ind w:left="%d" w:right="%d"/>`+
			`<w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>`, ind, ind)
	}
}

func halfPoints(pt float64) int { return int(math.Round(pt * 2)) }

// table writes t with fixed column widths; header rows repeat on each page, and
// borderless tables (header and signature blocks) have no borders.
func (w *docxWriter) table(t table) {
	border := "nil"
	if t.border {
		border = "single"
	}
	fmt.Fprintf(&w.b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>`, twips(textW))
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(&w.b, `<w:%s w:val="%s" w:sz="4" w:space="0" w:color="000000"/>`, side, border)
	}
	pad := 0.0
	if t.border {
		pad = cellPadX
	}
	fmt.Fprintf(&w.b, `</w:tblBorders><w:tblCellMar><w:left w:w="%d" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`, twips(pad), twips(pad))
	for _, f := range t.widths {
		fmt.Fprintf(&w.b, `<w:gridCol w:w="%d"/>`, twips(f*textW))
	}
	w.b.WriteString(`</w:tblGrid>`)
	for _, r := range t.rows {
		w.b.WriteString(`<w:tr>`)
		if r.header {
			w.b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		} else if t.keep {
			w.b.WriteString(`<w:trPr><w:cantSplit/></w:trPr>`)
		}
		for i, c := range r.cells {
			cw := t.widths[i] * textW
			span := ""
			if r.span {
				cw = textW
				span = fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, len(t.widths))
			}
			valign := "top"
			if t.border {
				valign = "center"
			}
			fmt.Fprintf(&w.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s<w:vAlign w:val="%s"/></w:tcPr>`, twips(cw), span, valign)
			if len(c) == 0 {
				w.b.WriteString(`<w:p/>`)
			}
			for _, p := range c {
				w.para(p, cw-2*pad)
			}
			w.b.WriteString(`</w:tc>`)
		}
		w.b.WriteString(`</w:tr>`)
	}
	// Word needs a paragraph between two tables and after the last one.
	w.b.WriteString(`</w:tbl><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>`)
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>`

// styles sets Times New Roman 14 pt as the default (Decree 30/2020, Phụ lục I, item 1).
const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`

// pageHeader holds the PAGE field, centred, size 13; titlePg keeps it off page 1.
const pageHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>`
