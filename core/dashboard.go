package core

import (
	"context"
	"math"
	"strconv"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// TrendYears is how many years the dashboard's trend covers, the current one included.
const TrendYears = 10

// TrendYearLabel names a year of the trend; the current year is marked unfinished:
// most rewards for a year's achievements are decided early the next year, so its
// count is low until then, and the line's drop is not a fall.
func TrendYearLabel(year, thisYear int) string {
	if year == thisYear {
		return strconv.Itoa(year) + " (chưa hết năm)"
	}
	return strconv.Itoa(year)
}

// OverdueAfterDays is how long a dossier without a deadline may wait in one status
// before the dashboard counts it as overdue. Dossiers with a deadline (due_on, set by
// the rules when they reach a level) are overdue the day after it.
const OverdueAfterDays = 30

// overdueListed caps the overdue dossiers listed by name; the count covers them all.
const overdueListed = 100

// Dashboard is what leaders see of their subtree: the trend of titles and forms over
// the last years, the shares of direct workers, women and ethnic minorities among a
// year's individual awardees, the year's honours by unit, award and reward kind,
// the overdue dossiers, how long dossiers stay at each level, and what registrations
// and movements produced. Every figure is counted by the database.
type Dashboard struct {
	Year           int // the year of the breakdowns, shares and registrations
	FromYear       int // the trend runs from FromYear to ThisYear
	ThisYear       int
	Today          string // YYYY-MM-DD: overdue means a deadline before this day
	Trend          []sqldb.YearCount
	Shares         sqldb.AwardeeShares
	ByUnit         []sqldb.Breakdown
	ByAward        []sqldb.Breakdown
	ByKind         []sqldb.Breakdown
	Overdue        []sqldb.OverdueDossier
	OverdueTotal   int64
	OverdueByLevel []sqldb.LevelCount
	Times          []sqldb.LevelTime
	Registrations  []sqldb.UnitRegistration
	Movements      []sqldb.MovementResult
}

// Dashboard counts the figures of the named sections (DashboardSections; none means
// all) for year (0: last year, the latest whose titles are decided) in the actor's
// subtree, in one read-only snapshot. The home page asks for a few sections only, so
// that it does not pay for the breakdowns.
func (s *Service) Dashboard(ctx context.Context, actor *tdkt.Account, year int, sections ...string) (d Dashboard, err error) {
	if actor == nil || actor.OrgPath == "" {
		return d, tdkt.Forbidden()
	}
	now := s.Now().UTC()
	d.ThisYear = now.Year()
	if year == 0 {
		year = d.ThisYear - 1
	}
	if year < 1990 || year > d.ThisYear+1 {
		return d, &tdkt.Error{Code: tdkt.EInvalid, Message: "Năm phải từ 1990 đến " + strconv.Itoa(d.ThisYear+1) + ".",
			Fields: map[string]string{"year": "Năm không hợp lệ."}}
	}
	if len(sections) == 0 {
		sections = DashboardSections
	}
	d.Year, d.FromYear = year, d.ThisYear-TrendYears+1
	d.Today = now.Format(vn.DateLayout)
	cutoff := now.AddDate(0, 0, -OverdueAfterDays).Format("2006-01-02T15:04:05.000000Z")
	scope := actor.OrgPath
	count := map[string]func(tx *sqldb.Tx) error{
		"trend": func(tx *sqldb.Tx) error {
			counted, err := tx.HonoursByYear(ctx, scope, d.FromYear, d.ThisYear)
			d.Trend = fillYears(counted, d.FromYear, d.ThisYear)
			return err
		},
		"shares": func(tx *sqldb.Tx) (err error) { d.Shares, err = tx.AwardeeShares(ctx, scope, year); return err },
		"units":  func(tx *sqldb.Tx) (err error) { d.ByUnit, err = tx.HonoursByUnit(ctx, scope, year); return err },
		"awards": func(tx *sqldb.Tx) (err error) { d.ByAward, err = tx.HonoursByAward(ctx, scope, year); return err },
		"kinds":  func(tx *sqldb.Tx) (err error) { d.ByKind, err = tx.HonoursByKind(ctx, scope, year); return err },
		"overdue": func(tx *sqldb.Tx) (err error) {
			if d.Overdue, d.OverdueTotal, err = tx.OverdueDossiers(ctx, scope, d.Today, cutoff, overdueListed); err != nil {
				return err
			}
			d.OverdueByLevel, err = tx.OverdueByLevel(ctx, scope, d.Today, cutoff)
			return err
		},
		"times": func(tx *sqldb.Tx) (err error) {
			d.Times, err = tx.ProcessingTimes(ctx, scope, strconv.Itoa(year)+"-01-01")
			for i := range d.Times {
				t := &d.Times[i]
				t.Median, t.P90, t.Max = round1(t.Median), round1(t.P90), round1(t.Max)
			}
			return err
		},
		"registrations": func(tx *sqldb.Tx) (err error) {
			d.Registrations, err = tx.RegistrationResults(ctx, scope, year)
			return err
		},
		"movements": func(tx *sqldb.Tx) (err error) { d.Movements, err = tx.MovementResults(ctx, scope, year); return err },
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		for _, name := range sections {
			fn, ok := count[name]
			if !ok {
				return tdkt.NotFound("phần số liệu")
			}
			if err := fn(tx); err != nil {
				return err
			}
		}
		return nil
	})
	return d, err
}

// fillYears lists every year from..to, with zero for the years nothing was conferred,
// so that a trend has no gaps.
func fillYears(counted []sqldb.YearCount, from, to int) []sqldb.YearCount {
	by := map[int]sqldb.YearCount{}
	for _, c := range counted {
		by[c.Year] = c
	}
	var out []sqldb.YearCount
	for y := from; y <= to; y++ {
		c := by[y]
		c.Year = y
		out = append(out, c)
	}
	return out
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// DashboardTable is one section's figures as a table: the page shows it under its
// chart, and the CSV and XLSX downloads write the same cells. A cell is a string, an
// int64 or a float64.
type DashboardTable struct {
	Section string // the section's address: trend, shares, units, …
	Title   string
	Header  []string
	Rows    [][]any
}

// DashboardSections are the sections in page order; each has a table and downloads.
var DashboardSections = []string{"trend", "shares", "units", "awards", "kinds", "overdue", "times", "registrations", "movements"}

// Table returns a section's table; ok is false for an unknown section.
func (d Dashboard) Table(section string) (t DashboardTable, ok bool) {
	y := strconv.Itoa(d.Year)
	t.Section = section
	switch section {
	case "trend":
		t.Title = "Danh hiệu thi đua và hình thức khen thưởng theo năm, " + strconv.Itoa(d.FromYear) + "–" + strconv.Itoa(d.ThisYear)
		t.Header = []string{"Năm", "Danh hiệu thi đua", "Hình thức khen thưởng", "Tổng số"}
		for _, c := range d.Trend {
			t.Rows = append(t.Rows, []any{TrendYearLabel(c.Year, d.ThisYear), c.Titles, c.Forms, c.Titles + c.Forms})
		}
	case "shares":
		t.Title = "Cơ cấu cá nhân được khen thưởng năm " + y
		t.Header = []string{"Nhóm", "Số người", "Trên tổng số", "Tỷ lệ (%)"}
		s := d.Shares
		for _, p := range []struct {
			label string
			n     int64
		}{{"Người trực tiếp lao động, sản xuất (công nhân, nông dân)", s.DirectWorkers}, {"Nữ", s.Women},
			{"Người dân tộc thiểu số", s.Minorities}, {"Chưa ghi dân tộc", s.EthnicityUnknown}} {
			t.Rows = append(t.Rows, []any{p.label, p.n, s.Awardees, percent(p.n, s.Awardees)})
		}
	case "units":
		t.Title = "Khen thưởng năm " + y + " theo đơn vị"
		t.Header = []string{"Đơn vị", "Danh hiệu thi đua", "Hình thức khen thưởng", "Tổng số"}
		for _, b := range d.ByUnit {
			t.Rows = append(t.Rows, []any{b.Name, b.Titles, b.Forms, b.Total()})
		}
	case "awards":
		t.Title = "Khen thưởng năm " + y + " theo danh hiệu, hình thức"
		t.Header = []string{"Danh hiệu, hình thức", "Loại", "Số lượng"}
		for _, b := range d.ByAward {
			t.Rows = append(t.Rows, []any{tdkt.Label(b.Key), categoryLabel[b.Category], b.Total()})
		}
	case "kinds":
		t.Title = "Khen thưởng năm " + y + " theo loại hình"
		t.Header = []string{"Loại hình khen thưởng", "Danh hiệu thi đua", "Hình thức khen thưởng", "Tổng số"}
		for _, b := range d.ByKind {
			t.Rows = append(t.Rows, []any{tdkt.Label(b.Key), b.Titles, b.Forms, b.Total()})
		}
	case "overdue":
		t.Title = "Hồ sơ quá hạn xử lý đến ngày " + vn.FormatDate(d.Today)
		t.Header = []string{"Số hồ sơ", "Danh hiệu, hình thức", "Đơn vị đề nghị", "Nơi đang giữ", "Cấp", "Trạng thái", "Từ ngày", "Hạn xử lý", "Số ngày chờ"}
		for _, o := range d.Overdue {
			since := o.Since
			if len(since) >= 10 {
				since = since[:10]
			}
			t.Rows = append(t.Rows, []any{"HS-" + strconv.FormatInt(o.ID, 10), tdkt.Label(o.Award), o.OrgName, o.HolderName,
				tdkt.Label(o.HolderLevel), tdkt.StatusLabels[tdkt.DossierStatus(o.Status)], vn.FormatDate(since), vn.FormatDate(o.DueOn), daysFrom(since, d.Today)})
		}
	case "times":
		t.Title = "Thời gian xử lý hồ sơ theo cấp (hồ sơ có bước xử lý từ 01/01/" + y + ")"
		t.Header = []string{"Cấp", "Số hồ sơ", "Trung vị (ngày)", "90% hồ sơ không quá (ngày)", "Lâu nhất (ngày)"}
		for _, l := range d.Times {
			t.Rows = append(t.Rows, []any{tdkt.Label(l.Level), l.Dossiers, l.Median, l.P90, l.Max})
		}
	case "registrations":
		t.Title = "Đăng ký thi đua năm " + y + " và kết quả"
		t.Header = []string{"Đơn vị", "Cá nhân đăng ký", "Cá nhân đạt", "Tỷ lệ đạt (%)", "Danh hiệu tập thể đăng ký", "Tập thể đạt", "Trạng thái bản đăng ký"}
		for _, r := range d.Registrations {
			target, got := "", ""
			if r.Target != "" {
				target, got = tdkt.Label(r.Target), "Không"
				if r.TargetAchieved {
					got = "Có"
				}
			}
			t.Rows = append(t.Rows, []any{r.OrgName, r.Registered, r.Achieved, percent(r.Achieved, r.Registered), target, got,
				tdkt.RegistrationLabels[tdkt.RegistrationStatus(r.Status)]})
		}
	case "movements":
		t.Title = "Kết quả các phong trào thi đua diễn ra trong năm " + y
		t.Header = []string{"Phong trào", "Từ ngày", "Đến ngày", "Hồ sơ đề nghị", "Đối tượng được đề nghị", "Được khen thưởng"}
		for _, m := range d.Movements {
			t.Rows = append(t.Rows, []any{m.Name, vn.FormatDate(m.StartsOn), vn.FormatDate(m.EndsOn), m.Dossiers, m.Candidates, m.Rewarded})
		}
	default:
		return t, false
	}
	return t, true
}

// categoryLabel names the two categories of awards.
var categoryLabel = map[string]string{"danh_hieu": "Danh hiệu thi đua", "hinh_thuc": "Hình thức khen thưởng"}

// percent is part of whole in per cent with one decimal, 0 for an empty whole.
func percent(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return round1(float64(part) * 100 / float64(whole))
}

// daysFrom is the number of whole days from one date to another (YYYY-MM-DD).
func daysFrom(from, to string) int64 {
	a, err1 := time.Parse(vn.DateLayout, from)
	b, err2 := time.Parse(vn.DateLayout, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int64(b.Sub(a).Hours() / 24)
}
