package rules

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfc normalises text that comes from input before it goes into a message, so
// that every message is NFC (STYLE.md rule 5).
func nfc(s string) string { return norm.NFC.String(s) }

// upperFirst upper-cases the first letter of a sentence.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
