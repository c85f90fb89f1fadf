package paper

import (
	"github.com/go-pdf/fpdf"

	"tdkt/fonts"
)

// family is the font family name used inside the PDFs: the Tinos faces of package
// fonts (Times New Roman's metrics, as Decree 30/2020 prescribes).
const family = "Tinos"

// newPDF returns an A4 document in mm with the four Tinos faces loaded; orientation is
// "P" or "L". Page breaks are managed by the callers, which know what must stay together.
func newPDF(orientation string) *fpdf.Fpdf {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	for _, style := range fonts.Styles {
		pdf.AddUTF8FontFromBytes(family, style, fonts.Tinos(style))
	}
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCreator("tdkt", true)
	return pdf
}

// style is fpdf's style string for a run.
func (r run) style() string {
	switch {
	case r.bold && r.italic:
		return "BI"
	case r.bold:
		return "B"
	case r.italic:
		return "I"
	}
	return ""
}
