package vn

import (
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fuzz targets of the text helpers. `go test` runs their seeds; scripts/fuzz.sh
// runs them with generated inputs.

// names are seeds that exercise Vietnamese letters in both normal forms, white space
// of several kinds and bytes that are not UTF-8.
var names = []string{
	"Nguyễn Văn Á",
	"  Nguye\u0302\u0303n \t Thị\u00a0Hồng  Nhung ",
	"ĐẶNG ĐỨC ĐẠT",
	"Trần \u0301Văn",
	"a\u0300\u0323b \u0345",
	"\xff\xfeNgô",
	"",
	"Ǆemal İstanbul Ω Å",
	"line\nbreak\r\nand\u2028more",
}

func FuzzNFC(f *testing.F) {
	for _, s := range names {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NFC(s)
		if NFC(n) != n {
			t.Errorf("NFC not idempotent: %q → %q → %q", s, n, NFC(n))
		}
		if n != strings.TrimSpace(n) || strings.Contains(n, "  ") {
			t.Errorf("NFC(%q) = %q keeps outer or double space", s, n)
		}
		x := NFCText(s)
		if NFCText(x) != x {
			t.Errorf("NFCText not idempotent: %q → %q → %q", s, x, NFCText(x))
		}
		if utf8.ValidString(s) && (!utf8.ValidString(n) || !utf8.ValidString(x)) {
			t.Errorf("valid UTF-8 %q became invalid: %q %q", s, n, x)
		}
		if utf8.ValidString(s) && (!norm.NFC.IsNormalString(n) || !norm.NFC.IsNormalString(x)) {
			t.Errorf("NFC(%q) = %+q, NFCText = %+q: not in normal form C", s, n, x)
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range names {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if Fold(k) != k {
			t.Errorf("Fold not idempotent: %q → %q → %q", s, k, Fold(k))
		}
		// What a person types without accents finds the name: folding the NFC form or
		// the raw form gives the same key.
		if Fold(NFC(s)) != k {
			t.Errorf("Fold(NFC(%q)) = %q, Fold = %q", s, Fold(NFC(s)), k)
		}
		// No combining mark is left: the letters lose their diacritics.
		if strings.ContainsFunc(norm.NFD.String(k), func(r rune) bool { return unicode.Is(unicode.Mn, r) }) {
			t.Errorf("Fold(%q) = %+q keeps a mark", s, k)
		}
		if strings.ContainsRune(k, 'đ') || k != strings.TrimSpace(k) {
			t.Errorf("Fold(%q) = %q", s, k)
		}
		if sk := SearchKey(s); sk != " "+k+" " || Fold(sk) != k {
			t.Errorf("SearchKey(%q) = %q, Fold = %q", s, sk, k)
		}
	})
}

func FuzzCompareAndSortKey(f *testing.F) {
	f.Add("Nguyễn Văn An", "Nguyễn Văn Ân")
	f.Add("Lê Thị Đào", "Lê Thị Dung")
	f.Add("Trần Anh", "Phạm Anh")
	f.Add("a", "A")
	f.Add("", " ")
	f.Add("Nguye\u0302\u0303n", "Nguyễn")
	f.Add("\xff", "\u00ad")
	f.Fuzz(func(t *testing.T, a, b string) {
		if c := Compare(a, a); c != 0 {
			t.Errorf("Compare(%q, itself) = %d", a, c)
		}
		if ab, ba := Compare(a, b), Compare(b, a); ab != -ba {
			t.Errorf("Compare(%q, %q) = %d but the reverse is %d", a, b, ab, ba)
		}
		// The stored key orders as SortNames does: given names first, then the whole name.
		want := Compare(GivenName(a), GivenName(b))
		if want == 0 {
			want = Compare(a, b)
		}
		got := strings.Compare(SortKey(a), SortKey(b))
		if want != 0 && got != want {
			t.Errorf("SortKey orders %q, %q as %d; SortNames as %d", a, b, got, want)
		}
	})
}

func FuzzDateRoundTrip(f *testing.F) {
	f.Add(2026, 2, 28)
	f.Add(2024, 2, 29)
	f.Add(1, 1, 1)
	f.Add(999, 12, 31)
	f.Add(9999, 12, 31)
	f.Fuzz(func(t *testing.T, y, m, d int) {
		if y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
			return
		}
		day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if day.Day() != d { // 31 April and the like
			return
		}
		iso := day.Format(DateLayout)
		shown := FormatDate(iso)
		back, err := ParseDate(shown)
		if err != nil || back != iso {
			t.Fatalf("ParseDate(FormatDate(%s) = %q) = %q, %v", iso, shown, back, err)
		}
		if back, err := ParseDate(iso); err != nil || back != iso {
			t.Fatalf("ParseDate(%s) = %q, %v", iso, back, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"01/02/2026", "1/2/2026", "2026-02-01", "31.12.1999", "29/02/2025", "+1/-2/2026", " 3-4-2020 ", "ngày 1", "00/00/0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, err := ParseDate(s)
		if err != nil {
			if iso != "" {
				t.Errorf("ParseDate(%q) = %q with error %v", s, iso, err)
			}
			return
		}
		// What it accepts is a real day in the stored form, and reads back the same
		// in both forms.
		if _, err := time.Parse(DateLayout, iso); err != nil {
			t.Fatalf("ParseDate(%q) = %q, not a stored date", s, iso)
		}
		if again, err := ParseDate(iso); err != nil || again != iso {
			t.Errorf("ParseDate(%q) = %q, %v", iso, again, err)
		}
		if again, err := ParseDate(FormatDate(iso)); err != nil || again != iso {
			t.Errorf("ParseDate(FormatDate(%q)) = %q, %v", iso, again, err)
		}
	})
}

// parseMoney is the inverse of Money, written here to check it: "-1.234.567 đ".
func parseMoney(s string) (int64, bool) {
	s, ok := strings.CutSuffix(s, " đ")
	if !ok {
		return 0, false
	}
	neg := strings.HasPrefix(s, "-")
	groups := strings.Split(strings.TrimPrefix(s, "-"), ".")
	for i, g := range groups {
		if g == "" || len(g) > 3 || i > 0 && len(g) != 3 || len(groups) > 1 && i == 0 && g[0] == '0' {
			return 0, false
		}
	}
	digits := strings.Join(groups, "")
	if neg {
		digits = "-" + digits
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil
}

func FuzzMoney(f *testing.F) {
	for _, n := range []int64{0, 1, -1, 999, 1000, -1000, 1234567, 9223372036854775807, -9223372036854775808} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		s := Money(n)
		if back, ok := parseMoney(s); !ok || back != n {
			t.Errorf("Money(%d) = %q reads back as %d, %v", n, s, back, ok)
		}
		if Number(n)+" đ" != s {
			t.Errorf("Money(%d) = %q, Number = %q", n, s, Number(n))
		}
	})
}
