package paper

import (
	"embed"

	"github.com/go-pdf/fpdf"
)

// The Tinos faces (fonts-croscore, SIL OFL 1.1, see fonts/OFL.txt) are metric-compatible
// with Times New Roman, the font Decree 30/2020 prescribes; they are embedded so a build
// does not depend on the fonts installed on the server, and kept unmodified as the
// licence asks.
//
//go:embed fonts/Tinos-Regular.ttf fonts/Tinos-Bold.ttf fonts/Tinos-Italic.ttf fonts/Tinos-BoldItalic.ttf
var fontFS embed.FS

// family is the font family name used inside the PDFs.
const family = "Tinos"

var fontFiles = map[string]string{
	"":   "fonts/Tinos-Regular.ttf",
	"B":  "fonts/Tinos-Bold.ttf",
	"I":  "fonts/Tinos-Italic.ttf",
	"BI": "fonts/Tinos-BoldItalic.ttf",
}

// newPDF returns an A4 document in mm with the four Tinos faces loaded; orientation is
// "P" or "L". Page breaks are managed by the callers, which know what must stay together.
func newPDF(orientation string) *fpdf.Fpdf {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	for style, name := range fontFiles {
		b, err := fontFS.ReadFile(name)
		if err != nil {
			pdf.SetErrorf("paper: font %s: %v", name, err)
			return pdf
		}
		pdf.AddUTF8FontFromBytes(family, style, b)
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
