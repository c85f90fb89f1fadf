package vn

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Money formats an amount of đồng as "1.234.567 đ".
func Money(vnd int64) string { return Number(vnd) + " đ" }

// Number formats a whole number with dots between thousands, "1.234.567".
func Number(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// DateLayout is the ISO layout in which dates are stored and exchanged.
const DateLayout = "2006-01-02"

// FormatDate shows a stored date (YYYY-MM-DD) as dd/mm/yyyy; an empty date stays empty,
// and text that is not a date is returned unchanged.
func FormatDate(iso string) string {
	t, err := time.Parse(DateLayout, iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}

// ParseDate reads a date typed by a person: dd/mm/yyyy (also d/m/yyyy, with - or .)
// or YYYY-MM-DD. It returns the stored form YYYY-MM-DD.
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(DateLayout, s); err == nil {
		return t.Format(DateLayout), nil
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(f) == 3 && len(f[2]) == 4 {
		d, e1 := strconv.Atoi(f[0])
		m, e2 := strconv.Atoi(f[1])
		y, e3 := strconv.Atoi(f[2])
		if e1 == nil && e2 == nil && e3 == nil {
			t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			if t.Day() == d && int(t.Month()) == m && t.Year() == y {
				return t.Format(DateLayout), nil
			}
		}
	}
	return "", fmt.Errorf("ngày %q không hợp lệ, hãy nhập theo dạng dd/mm/yyyy", s)
}

// Itoa writes an integer without separators (ids, numbers in sentences).
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }
