package tdkt

import (
	"fmt"
	"unicode/utf8"
)

// HiddenRune finds the first character of s that a reader cannot see but that
// changes what the text says or how it reads: control characters (tab, line feed
// and carriage return are allowed where multiline), the bidirectional embeddings,
// overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F,
// U+061C) that can make "Nguyễn Văn A" display as another name, the zero-width
// characters (U+200B–U+200D, U+2060, U+FEFF) that make two equal-looking names
// differ, and bytes that are not UTF-8 (reported as utf8.RuneError). ok is false
// when there is none.
func HiddenRune(s string, multiline bool) (r rune, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			return r, true
		case r == '\t' || r == '\n' || r == '\r':
			if !multiline {
				return r, true
			}
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			return r, true
		case r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x2069, r == 0x061c, r == 0xfeff:
			return r, true
		}
	}
	return 0, false
}

// HiddenMessage tells a clerk what is wrong with a text that holds a hidden character.
func HiddenMessage(r rune) string {
	if r == utf8.RuneError {
		return "Có byte không phải UTF-8; hãy gõ lại nội dung này."
	}
	return fmt.Sprintf("Có ký tự ẩn hoặc ký tự điều khiển (U+%04X) không được phép; hãy gõ lại nội dung này.", r)
}
