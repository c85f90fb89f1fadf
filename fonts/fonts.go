// Package fonts holds the Tinos faces (fonts-croscore, SIL OFL 1.1, see OFL.txt),
// metric-compatible with Times New Roman, the font Decree 30/2020 prescribes. They are
// embedded so that a build does not depend on the fonts installed on the server, and
// kept unmodified as the licence asks. The documents (package paper) and the visible
// marks of digital signatures (package pades) both draw with them.
package fonts

import "embed"

//go:embed Tinos-Regular.ttf Tinos-Bold.ttf Tinos-Italic.ttf Tinos-BoldItalic.ttf
var files embed.FS

var names = map[string]string{"": "Tinos-Regular.ttf", "B": "Tinos-Bold.ttf", "I": "Tinos-Italic.ttf", "BI": "Tinos-BoldItalic.ttf"}

// Tinos returns a face: style "" (regular), "B", "I" or "BI".
func Tinos(style string) []byte {
	b, err := files.ReadFile(names[style])
	if err != nil {
		panic("fonts: " + style + ": " + err.Error()) // embedded: cannot happen
	}
	return b
}

// Styles are the four faces' styles.
var Styles = []string{"", "B", "I", "BI"}
