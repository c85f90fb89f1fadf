package rules

import (
	"errors"
	"time"
)

// Date is a calendar day, counted in days so that date arithmetic is integer
// arithmetic. The zero Date means "no date" (the count starts at 0000-03-01, a
// day no record can carry).
type Date int32

// MakeDate returns the Date of a proleptic Gregorian year, month and day. It does
// not validate; use ParseDate for input.
func MakeDate(year, month, day int) Date {
	// Howard Hinnant's days_from_civil, shifted so that 0000-03-01 is day 0.
	y := year
	if month <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	m := month + 9
	if month > 2 {
		m = month - 3
	}
	doy := (153*m+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe)
}

// Civil returns the year, month and day of d.
func (d Date) Civil() (year, month, day int) {
	z := int(d)
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if mp >= 10 {
		month = mp - 9
	}
	if month <= 2 {
		y++
	}
	return y, month, day
}

// Year returns the calendar year of d.
func (d Date) Year() int { y, _, _ := d.Civil(); return y }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 0000-03-01 was a Wednesday.
	return time.Weekday((int(d)%7 + 7 + 3) % 7)
}

// IsZero reports whether d is the zero "no date" value.
func (d Date) IsZero() bool { return d == 0 }

// AddDays returns d moved by n calendar days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// String formats d as YYYY-MM-DD; the zero Date formats as "".
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, dd := d.Civil()
	b := make([]byte, 0, 10)
	b = append4(b, y)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+dd/10), byte('0'+dd%10))
	return string(b)
}

// VN formats d the Vietnamese way, DD/MM/YYYY, for messages.
func (d Date) VN() string {
	y, m, dd := d.Civil()
	b := []byte{byte('0' + dd/10), byte('0' + dd%10), '/', byte('0' + m/10), byte('0' + m%10), '/'}
	return string(append4(b, y))
}

func append4(b []byte, y int) []byte {
	return append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
}

// ErrDate is returned by ParseDate for anything but a real YYYY-MM-DD day.
var ErrDate = errors.New("ngày không hợp lệ (cần dạng YYYY-MM-DD)")

// ParseDate reads a YYYY-MM-DD day between years 1900 and 2200.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, ErrDate
	}
	num := func(p string) int {
		n := 0
		for i := 0; i < len(p); i++ {
			c := p[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, ErrDate
	}
	return MakeDate(y, m, d), nil
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
