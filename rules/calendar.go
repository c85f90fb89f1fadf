package rules

import (
	"slices"
	"sync"
	"time"
)

// DayOverride is one day that a yearly Government notice on holidays fixes for the
// public sector (cán bộ, công chức, viên chức). An administrator edits these; the
// statutory holidays and their compensatory days are computed, not stored.
type DayOverride struct {
	Date Date
	// Off true makes the day a day off (a swapped day, or the day the notice chose
	// for a holiday); Off false makes it a working day (a make-up Saturday, or a
	// weekday that the statutory default would have given off but the notice did not).
	Off    bool
	Note   string
	Source string
}

// HolidayKind tells why a day is off.
type HolidayKind string

// The kinds of days off.
const (
	HolidayStatutory    HolidayKind = "le_tet"  // Labour Code 2019 Art 112 (and 24/11 from 2026)
	HolidayCompensatory HolidayKind = "nghi_bu" // Labour Code 2019 Art 111(3)
	HolidayNotice       HolidayKind = "thong_bao"
)

// Holiday is a weekday off, or a make-up working day, on the public-sector calendar.
type Holiday struct {
	Date   Date
	Kind   HolidayKind
	Off    bool // false only for make-up working days set by a notice
	Name   string
	Source string
}

// Calendar is the public-sector working calendar: Monday to Friday, less the
// statutory holidays and their compensatory days, with the Government's yearly
// notices applied on top. It is safe for concurrent use.
type Calendar struct {
	overrides []DayOverride // sorted by date; a later entry for the same date wins
	years     [calYears]calYear
}

const (
	calFirstYear = 1950
	calYears     = 251 // 1950..2200
)

type calYear struct {
	once sync.Once
	days []Holiday // sorted; weekdays off, plus make-up working days
	off  [47]byte  // bit per day of year: 1 = not a working day
}

// NewCalendar builds a calendar from the statutory rules and the given notice
// overrides (for example DefaultNotices()).
func NewCalendar(overrides []DayOverride) *Calendar {
	o := slices.Clone(overrides)
	slices.SortStableFunc(o, func(a, b DayOverride) int { return int(a.Date - b.Date) })
	return &Calendar{overrides: o}
}

var defaultCalendar = NewCalendar(DefaultNotices())

// DefaultCalendar returns the calendar with the notices shipped in this package.
func DefaultCalendar() *Calendar { return defaultCalendar }

// IsWorkingDay reports whether d is a working day on the default calendar.
func IsWorkingDay(d Date) bool { return defaultCalendar.IsWorkingDay(d) }

// AddWorkingDays returns, on the default calendar, the day on which a period of n
// working days that starts the day after from ends (from itself when n <= 0).
func AddWorkingDays(from Date, n int) Date { return defaultCalendar.AddWorkingDays(from, n) }

// IsWorkingDay reports whether d is a working day.
func (c *Calendar) IsWorkingDay(d Date) bool {
	y := c.year(d.Year())
	doy := int(d - MakeDate(d.Year(), 1, 1))
	return y.off[doy>>3]&(1<<(doy&7)) == 0
}

// AddWorkingDays returns the day on which a period of n working days that starts
// the day after from ends; from itself when n <= 0.
func (c *Calendar) AddWorkingDays(from Date, n int) Date {
	d := from
	for n > 0 {
		d++
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// Holidays lists the weekdays off and the make-up working days of year y, in
// date order, each with its reason and source.
func (c *Calendar) Holidays(y int) []Holiday {
	return slices.Clone(c.year(y).days)
}

func (c *Calendar) year(y int) *calYear {
	i := y - calFirstYear
	if i < 0 || i >= calYears {
		cy := &calYear{}
		c.build(cy, y)
		return cy
	}
	cy := &c.years[i]
	cy.once.Do(func() { c.build(cy, y) })
	return cy
}

func (c *Calendar) build(cy *calYear, y int) {
	start := MakeDate(y, 1, 1)
	end := MakeDate(y+1, 1, 1)
	set := func(d Date, off bool) {
		doy := int(d - start)
		if off {
			cy.off[doy>>3] |= 1 << (doy & 7)
		} else {
			cy.off[doy>>3] &^= 1 << (doy & 7)
		}
	}
	for d := start; d < end; d++ {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			set(d, true)
		}
	}
	var days []Holiday
	for _, h := range statutoryHolidays(y) {
		set(h.Date, true)
		if !isWeekend(h.Date) {
			days = append(days, h)
		}
	}
	for _, o := range c.overrides {
		if o.Date < start || o.Date >= end {
			continue
		}
		set(o.Date, o.Off)
		days = slices.DeleteFunc(days, func(h Holiday) bool { return h.Date == o.Date })
		if o.Off && !isWeekend(o.Date) || !o.Off && isWeekend(o.Date) {
			days = append(days, Holiday{Date: o.Date, Kind: HolidayNotice, Off: o.Off, Name: o.Note, Source: o.Source})
		}
	}
	slices.SortStableFunc(days, func(a, b Holiday) int { return int(a.Date - b.Date) })
	cy.days = days
}

func isWeekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}
