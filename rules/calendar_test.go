package rules

import (
	"strings"
	"testing"
)

// Weekdays off and make-up Saturdays of 2026 and 2027 for the public sector, from
// the notices docs/law.md §8 names.
func TestHolidays2026And2027(t *testing.T) {
	for _, c := range []struct {
		year int
		want string
	}{
		{2026, "2026-01-01 2026-01-02 +2026-01-10 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-04-27 2026-04-30 2026-05-01 +2026-08-22 2026-08-31 2026-09-01 2026-09-02 2026-11-24"},
		{2027, "2027-01-01 2027-02-04 2027-02-05 2027-02-08 2027-02-09 2027-02-10 2027-04-16 2027-04-30 2027-05-03 2027-09-02 2027-09-03 2027-11-24"},
	} {
		var got []string
		for _, h := range DefaultCalendar().Holidays(c.year) {
			s := h.Date.String()
			if !h.Off {
				s = "+" + s
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%d:\n got %s\nwant %s", c.year, g, c.want)
		}
	}
}

func TestWorkingDays(t *testing.T) {
	for _, c := range []struct {
		from string
		n    int
		want string
	}{
		{"2026-11-03", 10, "2026-11-17"}, // scenario 40
		{"2026-08-27", 5, "2026-09-08"},
		{"2026-11-20", 3, "2026-11-26"}, // Culture Day 24/11
		{"2026-01-09", 1, "2026-01-10"}, // make-up Saturday
		{"2027-02-03", 1, "2027-02-11"}, // Tết Đinh Mùi 04–10/02
		{"2027-04-29", 1, "2027-05-04"}, // 1/5 on Saturday → Monday 3/5 off
		{"2025-11-21", 1, "2025-11-24"}, // no Culture Day before 2026
		{"2026-03-02", 0, "2026-03-02"},
	} {
		if got := AddWorkingDays(date(t, c.from), c.n).String(); got != c.want {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", c.from, c.n, got, c.want)
		}
	}
	if !IsWorkingDay(date(t, "2026-01-10")) || IsWorkingDay(date(t, "2026-01-11")) || IsWorkingDay(date(t, "2026-04-27")) {
		t.Error("IsWorkingDay")
	}
	// An administrator's notice replaces the defaults.
	c := NewCalendar([]DayOverride{{Date: date(t, "2030-03-04"), Off: true, Note: "thử"}})
	if c.IsWorkingDay(date(t, "2030-03-04")) || !c.IsWorkingDay(date(t, "2030-03-05")) {
		t.Error("override not applied")
	}
}
