package vn

import (
	"errors"
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
// or YYYY-MM-DD. It returns the stored form YYYY-MM-DD. When the text is not a date
// the error says what is wrong with it in a sentence a clerk can act on ("Tháng 2
// không có ngày 31."), since the generic "not a date" leaves them guessing.
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("Chưa nhập ngày.")
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(f) != 3 {
		return "", errDateForm
	}
	ds, ms, ys := f[0], f[1], f[2]
	if len(f[0]) == 4 && len(f[2]) <= 2 { // YYYY-MM-DD
		ds, ys = f[2], f[0]
	}
	d, e1 := strconv.Atoi(ds)
	m, e2 := strconv.Atoi(ms)
	y, e3 := strconv.Atoi(ys)
	if e1 != nil || e2 != nil || e3 != nil || d < 0 || m < 0 || y < 0 {
		return "", errDateForm
	}
	switch {
	case len(ys) != 4:
		return "", fmt.Errorf("Năm phải có 4 chữ số (ví dụ %s/%s/2025).", pad2(ds), pad2(ms))
	case m < 1 || m > 12:
		return "", fmt.Errorf("Không có tháng %d: tháng chỉ từ 1 đến 12.", m)
	case d < 1:
		return "", errors.New("Ngày trong tháng phải từ 1 trở lên.")
	case d > DaysIn(m, y):
		if m == 2 && d == 29 {
			return "", fmt.Errorf("Tháng 2 năm %d không có ngày 29 (năm %d không phải năm nhuận).", y, y)
		}
		return "", fmt.Errorf("Tháng %d không có ngày %d (tháng %d có %d ngày).", m, d, m, DaysIn(m, y))
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format(DateLayout), nil
}

// errDateForm is ParseDate's answer to text that is not shaped like a date at all.
var errDateForm = errors.New("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")

// DaysIn is the number of days of month m (1–12) in year y.
func DaysIn(m, y int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func pad2(s string) string {
	if len(s) < 2 {
		return "0" + s
	}
	return s
}

// Percent writes a share in per cent as Vietnamese does, with a decimal comma and
// dots between thousands: Percent(12.345, 1) is "12,3%", Percent(0, 1) "0,0%".
func Percent(x float64, decimals int) string {
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-") // a share that rounds to nothing has no sign
	}
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(whole, 10, 64)
	out := Number(n)
	if strings.HasPrefix(whole, "-") && n == 0 {
		out = "-0" // -0.4 shown with one decimal is "-0,4", whose sign ParseInt drops
	}
	if frac != "" {
		out += "," + frac
	}
	return out + "%"
}

// Itoa writes an integer without separators (ids, numbers in sentences).
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }
