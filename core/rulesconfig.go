package core

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"tdkt"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The installation's rules engine is the built-in rule sets and notices
// (rules.New(rules.Options{})) with what an administrator configured on top: the
// rows of calendar_days (a row for a date replaces the built-in notice for that
// date) and the rows of rule_settings (an empty value keeps the rule set's own).
//
// Several tdkt processes may share one PostgreSQL, so a process cannot rely on its
// own changes to know that the configuration changed. Every change increments
// rules_config_revision in its transaction; Engine reads that one number at most
// once per engineRecheck and rebuilds only when it moved. A change made through this
// Service is seen at once (the cache is marked for a re-read on commit); one made by
// another process is seen within engineRecheck.
const engineRecheck = time.Second

// engineCache is the Service's built engine and the revision it was built from.
type engineCache struct {
	mu      sync.Mutex
	eng     *rules.Engine
	rev     int64
	checked time.Time // wall clock of the last revision read
}

// Engine returns the rules engine of this installation: the built-in rules with the
// configured calendar days and settings applied. It is cached; see engineRecheck.
func (s *Service) Engine(ctx context.Context) (*rules.Engine, error) {
	c := &s.engine
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.eng != nil && time.Since(c.checked) < engineRecheck {
		return c.eng, nil
	}
	var (
		rev      int64
		days     []sqldb.CalendarDay
		settings []sqldb.RuleSetting
		current  bool
	)
	// The revision is read first: rows read after it are at least as new, so a
	// cached engine is never older than the revision it is stored with.
	err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		if rev, err = tx.RulesConfigRevision(ctx); err != nil {
			return err
		}
		if current = c.eng != nil && rev == c.rev; current {
			return nil
		}
		if days, err = tx.CalendarDays(ctx, "", ""); err != nil {
			return err
		}
		settings, err = tx.RuleSettings(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("rules configuration: %w", err)
	}
	if !current {
		o, err := engineOptions(settings)
		if err != nil {
			return nil, err
		}
		o.Calendar = rules.NewCalendar(append(rules.DefaultNotices(), overrides(days)...))
		eng, err := rules.New(o)
		if err != nil {
			return nil, fmt.Errorf("rules configuration: %w", err)
		}
		c.eng, c.rev = eng, rev
	}
	c.checked = time.Now()
	return c.eng, nil
}

// rulesChanged makes the next Engine call read the revision again.
func (s *Service) rulesChanged() {
	s.engine.mu.Lock()
	s.engine.checked = time.Time{}
	s.engine.mu.Unlock()
}

// overrides turns the stored rows into notice days. They come after the built-in
// notices, and NewCalendar lets a later entry for the same date win.
func overrides(days []sqldb.CalendarDay) []rules.DayOverride {
	out := make([]rules.DayOverride, 0, len(days))
	for _, d := range days {
		date, err := rules.ParseDate(d.Day)
		if err != nil {
			continue // cannot be stored through SaveCalendarDay
		}
		out = append(out, rules.DayOverride{Date: date, Off: d.Off, Note: d.Note, Source: d.Source})
	}
	return out
}

// engineOptions reads the stored settings into rules.Options; an empty value keeps
// the rule set's own.
func engineOptions(settings []sqldb.RuleSetting) (rules.Options, error) {
	var o rules.Options
	for _, st := range settings {
		def, ok := settingByKey(st.Key)
		if !ok || st.Value == "" {
			continue // a key of a later or earlier version of tdkt: ignored
		}
		if err := def.apply(&o, st.Value); err != nil {
			return o, fmt.Errorf("rules configuration: %s = %q: %w", st.Key, st.Value, err)
		}
	}
	return o, nil
}

// Kinds of setting, for the form that edits it.
const (
	SettingChoice  = "choice"  // one of Choices
	SettingBool    = "bool"    // bật / tắt
	SettingPercent = "percent" // an integer from Min to 100
)

// Choice is one allowed value of a setting.
type Choice struct{ Value, Label string }

// settingDef is a configurable provision: how it reads, which provision of the rule
// sets it changes, how it is applied and what the rule set's own value is.
type settingDef struct {
	key, label, hint string
	kind             string
	choices          []Choice // for SettingChoice
	min              int      // for SettingPercent
	provision        rules.ProvisionID
	apply            func(o *rules.Options, v string) error
	builtIn          func(rs *rules.RuleSet) string
}

func boolSetting(key, label, hint string, pr rules.ProvisionID, set func(o *rules.Options, b bool), get func(rs *rules.RuleSet) bool) settingDef {
	return settingDef{key: key, label: label, hint: hint, kind: SettingBool, provision: pr,
		apply: func(o *rules.Options, v string) error {
			b, err := strconv.ParseBool(v)
			if err == nil {
				set(o, b)
			}
			return err
		},
		builtIn: func(rs *rules.RuleSet) string { return strconv.FormatBool(get(rs)) }}
}

func percentSetting(key, label, hint string, min int, pr rules.ProvisionID, set func(o *rules.Options, n int), get func(rs *rules.RuleSet) int) settingDef {
	return settingDef{key: key, label: label, hint: hint, kind: SettingPercent, min: min, provision: pr,
		apply: func(o *rules.Options, v string) error {
			n, err := strconv.Atoi(v)
			if err == nil && (n < min || n > 100) {
				err = fmt.Errorf("ngoài khoảng %d–100", min)
			}
			if err == nil {
				set(o, n)
			}
			return err
		},
		builtIn: func(rs *rules.RuleSet) string { return strconv.Itoa(get(rs)) }}
}

// settingDefs are the unverified provisions that docs/law.md §7 marks
// configurable. An override applies to every rule set, as
// rules.Options does, and answers note it ("đã cấu hình: …").
var settingDefs = func() []settingDef {
	defs := []settingDef{
		{key: "cstdcs_variant", label: "Tiêu chuẩn Chiến sĩ thi đua cơ sở",
			hint: "Luật sửa đổi năm 2026 chưa đọc được văn bản; dự thảo 2025–2026 đòi cả hai điều kiện.",
			kind: SettingChoice, provision: rules.PrCSTDCS,
			choices: []Choice{
				{string(rules.CSTDCSEither), "Luật 2022: hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến"},
				{string(rules.CSTDCSBoth), "Dự thảo 2026: hoàn thành xuất sắc nhiệm vụ và có sáng kiến"},
			},
			apply: func(o *rules.Options, v string) error {
				x := rules.CSTDCSVariant(v)
				if x != rules.CSTDCSEither && x != rules.CSTDCSBoth {
					return fmt.Errorf("phương án không hợp lệ")
				}
				o.CSTDCS = &x
				return nil
			},
			builtIn: func(rs *rules.RuleSet) string { return string(rs.CSTDCS) }},
		boolSetting("recruited_six_months", "Không xét Lao động tiên tiến cho người tuyển dụng dưới 06 tháng",
			"Quy định của Thông tư 01/2024/TT-BNV; chưa rõ Thông tư 15/2025/TT-BNV có giữ không.", rules.PrRecruited6Months,
			func(o *rules.Options, b bool) { o.RecruitedSixMonths = &b }, func(rs *rules.RuleSet) bool { return rs.RecruitedSixMonths }),
		percentSetting("advanced_share_pct", "Tỷ lệ tối thiểu cá nhân đạt Lao động tiên tiến của Tập thể lao động tiên tiến (%)",
			"Tỷ lệ toàn quốc chưa xác minh; 70% theo quy định của tỉnh Bắc Ninh.", 0, rules.PrTTLDTTShare,
			func(o *rules.Options, n int) { o.AdvancedSharePct = &n }, func(rs *rules.RuleSet) int { return rs.AdvancedSharePct }),
		percentSetting("excellent_share_pct", "Tỷ lệ tối thiểu cá nhân đạt Lao động tiên tiến của Tập thể lao động xuất sắc (%)",
			"Luật 2022, Điều 27: từ 70%.", 0, rules.PrTTLDXS,
			func(o *rules.Options, n int) { o.ExcellentSharePct = &n }, func(rs *rules.RuleSet) int { return rs.ExcellentSharePct }),
		boolSetting("excellent_no_disciplined", "Tập thể lao động xuất sắc: không có cá nhân bị kỷ luật từ cảnh cáo trở lên",
			"Suy luận từ Điều 28; Điều 27 không nói rõ.", rules.PrTTLDXSDiscipline,
			func(o *rules.Options, b bool) { o.ExcellentNoDisciplined = &b }, func(rs *rules.RuleSet) bool { return rs.ExcellentNoDisciplined }),
	}
	// One threshold per award that the latest rule set puts to a ballot.
	sets := rules.DefaultRuleSets()
	for _, v := range sets[len(sets)-1].Votes {
		award := v.Award
		defs = append(defs, percentSetting("vote_pct_"+award, "Tỷ lệ phiếu đồng ý tối thiểu (trên tổng số thành viên Hội đồng): "+tdkt.Label(award)+" (%)",
			"Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7; chưa đối chiếu Nghị định 152/2025/NĐ-CP.", 1, rules.PrVote,
			func(o *rules.Options, n int) { o.Votes = append(o.Votes, rules.VoteRule{Award: award, Percent: n}) },
			func(rs *rules.RuleSet) int { p, _ := rs.Vote(award); return p }))
	}
	return defs
}()

func settingByKey(key string) (settingDef, bool) {
	for _, d := range settingDefs {
		if d.key == key {
			return d, true
		}
	}
	return settingDef{}, false
}

// valueLabel is how a value of the setting reads in Vietnamese.
func (d settingDef) valueLabel(v string) string {
	switch {
	case v == "":
		return ""
	case d.kind == SettingBool && v == "true":
		return "Áp dụng"
	case d.kind == SettingBool:
		return "Không áp dụng"
	case d.kind == SettingPercent:
		return v + "%"
	}
	for _, c := range d.choices {
		if c.Value == v {
			return c.Label
		}
	}
	return v
}

// RuleSetting is a configurable provision as the administrator sees it.
type RuleSetting struct {
	Key, Label, Hint string
	Kind             string // SettingChoice, SettingBool or SettingPercent
	Choices          []Choice
	Min              int    // SettingPercent: the smallest value allowed (the largest is 100)
	Value            string // as stored; "" = the rule set's own value
	ValueLabel       string
	Default          string // the built-in value of the rule set in force today
	DefaultLabel     string
	// Unverified, Basis and Note are the provision's in the built-in rule set in
	// force today.
	Unverified  bool
	Basis, Note string
	RuleSet     string // the id of that rule set
	Version     int    // 0 when never saved
	UpdatedAt   string
}

// adminOnly refuses everyone but administrators (nil is the system itself, as for
// the other use cases); the caller still scopes what it reads to the actor's subtree.
func adminOnly(actor *tdkt.Account) error {
	if actor != nil && actor.Role != tdkt.RoleAdmin {
		return tdkt.Forbidden()
	}
	return nil
}

// installationOnly refuses everyone but the installation's administrators: the
// settings every unit shares (the days off that move every legal deadline, the
// unverified provisions, the portal's links) are not a unit administrator's.
func installationOnly(actor *tdkt.Account) error {
	if actor != nil && !actor.CanManageInstallation() {
		return &tdkt.Error{Code: tdkt.EForbidden, Message: "Chỉ quản trị hệ thống (quản trị của cả cài đặt) mới thay đổi thiết lập dùng chung cho mọi đơn vị."}
	}
	return nil
}

// RuleConfig lists the configurable provisions with their current values. Only
// administrators see it.
func (s *Service) RuleConfig(ctx context.Context, actor *tdkt.Account) ([]RuleSetting, error) {
	if err := installationOnly(actor); err != nil {
		return nil, err
	}
	var stored []sqldb.RuleSetting
	err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		stored, err = tx.RuleSettings(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	byKey := map[string]sqldb.RuleSetting{}
	for _, st := range stored {
		byKey[st.Key] = st
	}
	out := make([]RuleSetting, len(settingDefs))
	for i, d := range settingDefs {
		out[i] = s.settingView(d, byKey[d.key])
	}
	return out, nil
}

func (s *Service) settingView(d settingDef, st sqldb.RuleSetting) RuleSetting {
	v := RuleSetting{Key: d.key, Label: d.label, Hint: d.hint, Kind: d.kind, Choices: d.choices, Min: d.min,
		Value: st.Value, ValueLabel: d.valueLabel(st.Value), Version: st.Version, UpdatedAt: st.UpdatedAt}
	if d.kind == SettingBool {
		v.Choices = []Choice{{"true", "Áp dụng"}, {"false", "Không áp dụng"}}
	}
	today, _ := rules.ParseDate(s.Now().Format(time.DateOnly))
	if rs, ok := rules.Default.RuleSetOn(today); ok {
		pr := rs.Provisions[d.provision]
		v.Default, v.Unverified, v.Basis, v.Note, v.RuleSet = d.builtIn(rs), pr.Unverified, pr.Basis, pr.Note, rs.ID
		v.DefaultLabel = d.valueLabel(v.Default)
	}
	return v
}

// SaveRuleSetting stores the value of a configurable provision ("" returns it to
// the rule set's own value). version is the one the administrator read (0 for a
// setting never saved); a different stored version is a Conflict.
func (s *Service) SaveRuleSetting(ctx context.Context, actor *tdkt.Account, key, value string, version int) (RuleSetting, error) {
	if err := installationOnly(actor); err != nil {
		return RuleSetting{}, err
	}
	d, ok := settingByKey(key)
	if !ok {
		return RuleSetting{}, tdkt.NotFound("thiết lập " + key)
	}
	if value != "" {
		if err := d.apply(&rules.Options{}, value); err != nil {
			msg := "Hãy chọn một giá trị trong danh sách."
			if d.kind == SettingPercent {
				msg = "Cần một số nguyên từ " + strconv.Itoa(d.min) + " đến 100."
			}
			return RuleSetting{}, tdkt.Problems{"value": msg}.Err()
		}
	}
	if version < 0 {
		return RuleSetting{}, tdkt.Problems{"version": "Phiên bản không hợp lệ."}.Err()
	}
	st := sqldb.RuleSetting{Key: key, Value: value, Version: version}
	err := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var before *sqldb.RuleSetting
		all, err := tx.RuleSettings(ctx)
		if err != nil {
			return err
		}
		for i := range all {
			if all[i].Key == key {
				before = &all[i]
			}
		}
		if err := tx.SaveRuleSetting(ctx, &st, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "rule_setting", 0, tdkt.Subject{}, 0, before, st)
	})
	if err != nil {
		return RuleSetting{}, err
	}
	s.rulesChanged()
	return s.settingView(d, st), nil
}

// CalendarEntry is one day of a year's calendar that is not an ordinary day: a
// weekday off, a make-up working day, or a row of the administrator's table.
type CalendarEntry struct {
	Date   string // YYYY-MM-DD
	Kind   rules.HolidayKind
	Off    bool
	Name   string
	Source string
	// Stored marks a row of the administrator's table (ID, Version); the others
	// are statutory, computed or built-in notices.
	Stored  bool
	ID      int64
	Version int
	// NoEffect marks a stored row that changes nothing on the built-in calendar
	// (a working day that already was one, or a weekend day off).
	NoEffect bool
}

// CalendarYear is the effective public-sector calendar of a year.
type CalendarYear struct {
	Year    int
	Entries []CalendarEntry
}

// The years the table accepts.
const (
	calendarFirstYear = 2000
	calendarLastYear  = 2100
)

// CalendarDays returns the effective calendar of year: the statutory holidays,
// their compensatory days and the built-in notices, with the stored rows applied
// and marked. Anyone may read it (deadlines are public); actor may be nil.
func (s *Service) CalendarDays(ctx context.Context, actor *tdkt.Account, year int) (CalendarYear, error) {
	out := CalendarYear{Year: year}
	if year < calendarFirstYear || year > calendarLastYear {
		return out, tdkt.Problems{"year": fmt.Sprintf("Năm phải từ %d đến %d.", calendarFirstYear, calendarLastYear)}.Err()
	}
	var rows []sqldb.CalendarDay
	err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		rows, err = tx.CalendarDays(ctx, fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year))
		return err
	})
	if err != nil {
		return out, err
	}
	cal := rules.NewCalendar(append(rules.DefaultNotices(), overrides(rows)...))
	byDate := map[string]sqldb.CalendarDay{}
	for _, r := range rows {
		byDate[r.Day] = r
	}
	for _, h := range cal.Holidays(year) {
		e := CalendarEntry{Date: h.Date.String(), Kind: h.Kind, Off: h.Off, Name: h.Name, Source: h.Source}
		if r, ok := byDate[e.Date]; ok {
			e.Stored, e.ID, e.Version = true, r.ID, r.Version
			delete(byDate, e.Date)
		}
		out.Entries = append(out.Entries, e)
	}
	// Rows that are not in the list: a weekday made a working day (which cancels a
	// built-in day off, or changes nothing) or a weekend day off.
	for _, r := range rows {
		if _, left := byDate[r.Day]; !left {
			continue
		}
		d, _ := rules.ParseDate(r.Day)
		e := CalendarEntry{Date: r.Day, Kind: rules.HolidayNotice, Off: r.Off, Name: r.Note, Source: r.Source,
			Stored: true, ID: r.ID, Version: r.Version, NoEffect: rules.DefaultCalendar().IsWorkingDay(d) == !r.Off}
		out.Entries = append(out.Entries, e)
	}
	sortEntries(out.Entries)
	return out, nil
}

func sortEntries(es []CalendarEntry) {
	slices.SortStableFunc(es, func(a, b CalendarEntry) int { return strings.Compare(a.Date, b.Date) })
}

// validCalendarDay normalises and checks a row; the messages name the fields.
func validCalendarDay(d *sqldb.CalendarDay) error {
	d.Note, d.Source = vn.NFC(d.Note), vn.NFC(d.Source)
	p := tdkt.Problems{}
	if date, err := rules.ParseDate(d.Day); err != nil || date.String() != d.Day {
		p.Add("day", "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")
	} else if y := date.Year(); y < calendarFirstYear || y > calendarLastYear {
		p.Add("day", fmt.Sprintf("Năm phải từ %d đến %d.", calendarFirstYear, calendarLastYear))
	}
	switch n := utf8.RuneCountInString(d.Note); {
	case n == 0:
		p.Add("note", "Hãy ghi nội dung, ví dụ “Nghỉ bù Tết Dương lịch”.")
	case n > 200:
		p.Add("note", "Nội dung dài tối đa 200 ký tự.")
	}
	if utf8.RuneCountInString(d.Source) > 300 {
		p.Add("source", "Văn bản căn cứ dài tối đa 300 ký tự.")
	}
	return p.Err()
}

// SaveCalendarDay adds a row (ID 0) or changes one if its version is still
// d.Version. Only administrators change the calendar.
func (s *Service) SaveCalendarDay(ctx context.Context, actor *tdkt.Account, d *sqldb.CalendarDay) error {
	if err := installationOnly(actor); err != nil {
		return err
	}
	if err := validCalendarDay(d); err != nil {
		return err
	}
	err := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if d.ID == 0 {
			if err := tx.InsertCalendarDay(ctx, d, s.stamp()); err != nil {
				return err
			}
			return s.audit(ctx, tx, actor, "create", "calendar_day", d.ID, tdkt.Subject{}, 0, nil, d)
		}
		before, err := tx.CalendarDayByID(ctx, d.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateCalendarDay(ctx, d, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "calendar_day", d.ID, tdkt.Subject{}, 0, before, d)
	})
	if err == nil {
		s.rulesChanged()
	}
	return err
}

// CalendarDay loads one stored row, for its edit form.
func (s *Service) CalendarDay(ctx context.Context, actor *tdkt.Account, id int64) (d sqldb.CalendarDay, err error) {
	if err := installationOnly(actor); err != nil {
		return d, err
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		d, err = tx.CalendarDayByID(ctx, id)
		return err
	})
	return d, err
}

// DeleteCalendarDay removes a stored row if its version is still version; the
// built-in calendar applies to that date again.
func (s *Service) DeleteCalendarDay(ctx context.Context, actor *tdkt.Account, id int64, version int) error {
	if err := installationOnly(actor); err != nil {
		return err
	}
	err := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		before, err := tx.CalendarDayByID(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteCalendarDay(ctx, id, version); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "delete", "calendar_day", id, tdkt.Subject{}, 0, before, nil)
	})
	if err == nil {
		s.rulesChanged()
	}
	return err
}
