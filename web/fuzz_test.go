package web

import (
	"math"
	"strings"
	"testing"
	"time"

	"tdkt/vn"
)

// The form parsing helpers, fuzzed: what a clerk types into a date, amount, points or
// criteria box never panics, and what is accepted reads back the same.

func FuzzIsoDate(f *testing.F) {
	for _, s := range []string{"01/02/2026", " 2026-02-01 ", "31/4/2026", "1.1.1900", "ngày mai", "", "29-02-2024", "\u00a005/06/2007\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := isoDate(s)
		if got == strings.TrimSpace(s) {
			return // passed on for the domain to name the field
		}
		// Anything else is a date in the stored form, which the form shows as
		// dd/mm/yyyy and reads back to itself.
		if _, err := time.Parse(vn.DateLayout, got); err != nil {
			t.Fatalf("isoDate(%q) = %q, neither the input nor a date", s, got)
		}
		if again := isoDate(vn.FormatDate(got)); again != got {
			t.Fatalf("isoDate(FormatDate(%q)) = %q", got, again)
		}
	})
}

func FuzzMoney(f *testing.F) {
	for _, s := range []string{"1.500.000", "1 500 000 đ", "1500000", "-2.000 VND", "3,000 vnđ", "", "đđ", "9.223.372.036.854.775.808"} {
		f.Add(s, int64(1500000))
	}
	f.Fuzz(func(t *testing.T, s string, n int64) {
		money(s) // never panics, whatever is typed
		// Every amount the pages show reads back as itself.
		if got, ok := money(vn.Money(n)); !ok || got != n {
			t.Fatalf("money(%q) = %d, %v; want %d", vn.Money(n), got, ok, n)
		}
		if got, ok := money(vn.Number(n)); !ok || got != n {
			t.Fatalf("money(%q) = %d, %v; want %d", vn.Number(n), got, ok, n)
		}
	})
}

func FuzzPointsAndCriteria(f *testing.F) {
	f.Add("8,5", "Hoàn thành kế hoạch | 10\nTham gia phong trào | 2,5\nKhông có điểm\n\n| 3")
	f.Add("NaN", "a | b | 1e308\n|\n | -0")
	f.Add("1e400", "x|Inf")
	f.Fuzz(func(t *testing.T, points, box string) {
		if x := parsePoints(points); math.IsNaN(x) && !strings.Contains(strings.ToLower(points), "nan") {
			t.Fatalf("parsePoints(%q) = NaN", points)
		}
		for _, c := range parseCriteria(box) {
			if c.Text != strings.TrimSpace(c.Text) || strings.Contains(c.Text, "\n") {
				t.Fatalf("parseCriteria(%q) gave the text %q", box, c.Text)
			}
		}
	})
}
