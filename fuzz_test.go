package tdkt

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzCheckCCCD(f *testing.F) {
	f.Add("001185012345", "nu", "1985-04-02")
	f.Add("079203000001", "nam", "2003-01-01")
	f.Add("096499999999", "", "")
	f.Add("003185012345", "nam", "")
	f.Add("00118501234٥", "", "")
	f.Add("0011850123\xff\xfe", "nu", "19")
	f.Add("001985012345", "", "2285")
	f.Fuzz(func(t *testing.T, id, sex, birth string) {
		err := CheckCCCD(id, Sex(sex), birth)
		if err == nil {
			// Circular 59/2021/TT-BCA Art 7: 12 digits, a province code, then a digit for
			// sex and century (even male, odd female, 0–1 for the 1900s, 2–3 the 2000s, …)
			// and the last two digits of the year of birth.
			if len(id) != 12 || strings.Trim(id, "0123456789") != "" {
				t.Fatalf("CheckCCCD accepted %q: not 12 digits", id)
			}
			if !provinceCodes[id[:3]] {
				t.Fatalf("CheckCCCD accepted %q: %s is not a province code", id, id[:3])
			}
			g := int(id[3] - '0')
			if sex != "" && (g%2 == 0) != (Sex(sex) == Male) {
				t.Fatalf("CheckCCCD accepted %q for sex %q", id, sex)
			}
			if len(birth) >= 4 {
				year := strconv.Itoa(1900 + 100*(g/2) + int(id[4]-'0')*10 + int(id[5]-'0'))
				if birth[:4] != year {
					t.Fatalf("CheckCCCD accepted %q for a birth in %s; the digits say %s", id, birth, year)
				}
			}
			return
		}
		if !utf8.ValidString(err.Error()) {
			t.Fatalf("message is not UTF-8: %q", err)
		}
	})
}

// hidden is the list of HiddenRune's doc comment, written out again to check it.
func hidden(r rune, multiline bool) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return !multiline
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional embeddings, overrides, isolates and marks
	case r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff:
		return true // zero-width characters
	}
	return false
}

func FuzzHiddenRune(f *testing.F) {
	f.Add("Nguyễn Văn A", false)
	f.Add("dòng một\ndòng hai\ttab", true)
	f.Add("dòng một\ndòng hai", false)
	f.Add("abc\u202eban", false)
	f.Add("Ng\u200buyễn", true)
	f.Add("\xc3", false)
	f.Add("\u0085 \u00a0 \ufffd", false)
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		// The first character the list names, or a byte that is not UTF-8, found here
		// independently.
		want, wantBad := rune(0), false
		for i := 0; i < len(s); {
			c, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if c == utf8.RuneError && size == 1 || hidden(c, multiline) {
				want, wantBad = c, true
				break
			}
		}
		r, bad := HiddenRune(s, multiline)
		if bad != wantBad || r != want {
			t.Fatalf("HiddenRune(%q, %v) = U+%04X, %v; want U+%04X, %v", s, multiline, r, bad, want, wantBad)
		}
		if !bad && !utf8.ValidString(s) {
			t.Fatalf("HiddenRune(%q) found nothing in bytes that are not UTF-8", s)
		}
	})
}
