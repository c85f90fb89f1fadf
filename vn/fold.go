package vn

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normal form C with surrounding space trimmed and inner
// runs of white space collapsed to one space. Text arriving from Excel, HTML forms
// or other systems is often NFD; storing it as NFC keeps search, sorting and PDF
// rendering correct.
func NFC(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// Fold returns s without diacritics, in lower case, with white space collapsed:
// "Nguyễn  Văn Á" → "nguyen van a". "đ" becomes "d", as Vietnamese readers expect
// when they type without accents.
func Fold(s string) string {
	if !utf8.ValidString(s) {
		// norm may leave a character after a broken byte undecomposed ("\xf5ӹ" at the
		// end of the text keeps its diaeresis); replacing the broken bytes first keeps
		// the marks off and Fold(Fold(s)) == Fold(s).
		s = strings.ToValidUTF8(s, string(utf8.RuneError))
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading space
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		default:
			r = unicode.ToLower(r)
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// SearchKey is the stored form of a name used for searching: the folded name with a
// space on each side, so that a query matches at word starts with
// `LIKE '% ' || query || '%'`.
func SearchKey(name string) string { return " " + Fold(name) + " " }

// NFCText is NFC for text of several lines (an achievement, a reason, a comment): each
// line is normalised like NFC, line breaks are kept, and runs of blank lines shrink to
// one.
func NFCText(s string) string {
	lines := strings.Split(strings.ReplaceAll(norm.NFC.String(s), "\r\n", "\n"), "\n")
	out := make([]string, 0, len(lines))
	blank := true // drop leading blank lines
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n")
}
