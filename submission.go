package tdkt

import (
	"strconv"
	"strings"
	"time"
)

// Yearly submission dates (hạn gửi hồ sơ hằng năm): the day of the year by which a
// province or ministry sends its dossiers for an award to the level above. The law's
// dates are LawSubmissionDates, versioned by the decree in force; a province (or any
// organisation) adds its own, for the dossiers it receives, as SubmissionDate rows
// that an administrator keeps.

// SubmissionDate is one yearly date: by Day/Month of each year, the dossiers for
// AwardCode are due.
type SubmissionDate struct {
	ID        int64
	OrgID     int64 // the organisation that set it; 0 for the law's dates
	AwardCode string
	Month     int
	Day       int
	Note      string // what is due, or the text that sets it
	// From and To (YYYY-MM-DD, To inclusive, "" for open) bound the days a law's date
	// applies; an organisation's own date applies until it is deleted.
	From, To string
	OrgName  string
}

// LawSubmissionDates are the central awards' yearly dates. Decree 98/2023 Art 32(1)
// (in force with the 2022 law from 01/01/2024): the dossiers of Chiến sĩ thi đua toàn
// quốc reach the Ministry of Home Affairs by 31/12 of the year following the
// achievement (Art 32(1)(a)), those of the Government's Cờ thi đua by 30/06 each year
// (31/12 for the national education system, which this table does not single out).
// Decree 152/2025 replaced Decree 98 from 01/07/2025; the project has not verified the
// article that carries these dates over, so the rows after that day cite the decree
// only, and change here when a successor text says otherwise.
var LawSubmissionDates = []SubmissionDate{
	{AwardCode: "co_thi_dua_chinh_phu", Month: 6, Day: 30, From: "2024-01-01", To: "2025-06-30",
		Note: "Nghị định 98/2023/NĐ-CP, Điều 32 khoản 1"},
	{AwardCode: "chien_si_thi_dua_toan_quoc", Month: 12, Day: 31, From: "2024-01-01", To: "2025-06-30",
		Note: "Nghị định 98/2023/NĐ-CP, Điều 32 khoản 1 điểm a: hồ sơ gửi chậm nhất ngày 31/12 năm liền kề"},
	{AwardCode: "co_thi_dua_chinh_phu", Month: 6, Day: 30, From: "2025-07-01",
		Note: "Nghị định 152/2025/NĐ-CP"},
	{AwardCode: "chien_si_thi_dua_toan_quoc", Month: 12, Day: 31, From: "2025-07-01",
		Note: "Nghị định 152/2025/NĐ-CP: hồ sơ gửi chậm nhất ngày 31/12 năm liền kề"},
}

// LawSubmissionDatesOn returns the law's dates in force on day (YYYY-MM-DD).
func LawSubmissionDatesOn(day string) []SubmissionDate {
	var out []SubmissionDate
	for _, d := range LawSubmissionDates {
		if day >= d.From && (d.To == "" || day <= d.To) {
			out = append(out, d)
		}
	}
	return out
}

// Validate checks an organisation's date: a known award and a day that exists in
// every year (29/02 does not).
func (d *SubmissionDate) Validate() error {
	p := Problems{}
	if _, ok := AwardByCode(d.AwardCode); !ok {
		p.Add("award_code", "Hãy chọn danh hiệu, hình thức khen thưởng.")
	}
	if d.Month < 1 || d.Month > 12 {
		p.Add("month", "Tháng phải từ 1 đến 12.")
	} else if d.Day < 1 || d.Day > daysIn(d.Month) {
		p.Add("day", "Tháng "+strconv.Itoa(d.Month)+" không có ngày "+strconv.Itoa(d.Day)+".")
	}
	validText(p, "note", d.Note, false, 500)
	return p.Err()
}

// daysIn is the days of a month in a year that is not a leap year: a yearly date
// must exist every year.
func daysIn(month int) int {
	return time.Date(2025, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Next returns the first day of the date on or after day (both YYYY-MM-DD).
func (d SubmissionDate) Next(day string) string {
	y, _ := strconv.Atoi(strings.SplitN(day, "-", 2)[0])
	next := time.Date(y, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	if next < day {
		next = time.Date(y+1, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return next
}
