package core

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/rules"
	"tdkt/sqldb"
)

// SuggestQuery asks for the year-end list "Đề xuất khen thưởng năm …": who, in an
// organisation's subtree, is eligible on their records for which title or form.
type SuggestQuery struct {
	Year    int
	OrgCode string // "" for the actor's whole subtree (the whole tree from the command line)
	Award   string // "" for every award decided from records
	// AsOf is the proposal date (YYYY-MM-DD) that selects the rule set; empty means
	// today, or 15 January of the following year while year is not over.
	AsOf string
	// Deferred adds the subjects who meet the criteria but are under review
	// (Decree 152/2025 Art 4(4)): they may not be proposed now.
	Deferred bool
}

// Suggestion is one line of the list: a subject and an award they may be proposed
// for, with every reason the engine checked.
type Suggestion struct {
	SubjectKind tdkt.SubjectKind   `json:"subject_kind"`
	SubjectID   int64              `json:"subject_id"`
	Name        string             `json:"name"`
	OrgCode     string             `json:"org_code"`
	Org         string             `json:"org"`
	Award       string             `json:"award"`
	AwardName   string             `json:"award_name"`
	Status      string             `json:"status"`
	Year        int                `json:"year"`
	RuleSet     string             `json:"rule_set"`
	Reasons     []rules.Reason     `json:"reasons"`
	Unverified  []rules.Unverified `json:"unverified,omitempty"`
	// Registered: the subject registered for this title or form at the start of the
	// year (đăng ký thi đua). The 2022 Law no longer makes it a condition; the list
	// shows it so that the unit can compare plans with outcomes.
	Registered bool `json:"registered,omitempty"`
}

// SuggestHeader is the header of the list as a spreadsheet (CSV, XLSX), the same
// for the command line and the staff application.
var SuggestHeader = []string{"Đối tượng", "Mã", "Họ và tên / Tên tập thể", "Mã đơn vị", "Đơn vị", "Năm xét",
	"Danh hiệu, hình thức", "Mã khen thưởng", "Kết quả", "Bộ quy tắc", "Căn cứ và lý do"}

// Cells is the line as spreadsheet cells under SuggestHeader; the reasons become one
// readable paragraph with their legal bases.
func (s *Suggestion) Cells() []any {
	var why []string
	for _, r := range s.Reasons {
		mark := "✓"
		if !r.Met {
			mark = "✗"
		}
		why = append(why, mark+" "+r.Message+" ("+r.Basis+")")
	}
	status := map[string]string{"eligible": "Đủ điều kiện", "deferred": "Tạm hoãn (đang xem xét)"}[s.Status]
	return []any{tdkt.Label(string(s.SubjectKind)), s.SubjectID, s.Name, s.OrgCode, s.Org, s.Year, s.AwardName, s.Award,
		status, s.RuleSet, strings.Join(why, "\n")}
}

// SuggestStats says how much the list covered.
type SuggestStats struct {
	People, Collectives, Lines int
	AsOf                       string
}

// Suggest streams the list to emit, subject by subject in id order, people first.
// actor nil means the operator on the command line: the whole tree.
func (s *Service) Suggest(ctx context.Context, actor *tdkt.Account, q SuggestQuery, emit func(*Suggestion) error) (SuggestStats, error) {
	var st SuggestStats
	p := tdkt.Problems{}
	if q.Year < 1990 || q.Year > s.Now().Year()+1 {
		p.Add("year", "Năm xét phải từ 1990 đến "+strconv.Itoa(s.Now().Year()+1)+".")
	}
	var only rules.AwardID
	if q.Award != "" {
		id, ok := rules.AwardIDOf(q.Award)
		if !ok {
			p.Add("award", "Mã danh hiệu/hình thức "+q.Award+" không có trong danh mục.")
		}
		only = id
	}
	if q.AsOf == "" {
		q.AsOf = s.Now().Format("2006-01-02")
		if s.Now().Year() <= q.Year {
			q.AsOf = strconv.Itoa(q.Year+1) + "-01-15"
		}
	}
	asOf, err := rules.ParseDate(q.AsOf)
	if err != nil {
		p.Add("as_of", "Ngày đề nghị không hợp lệ.")
	}
	if err := p.Err(); err != nil {
		return st, err
	}
	st.AsOf = q.AsOf
	path := "/"
	if actor != nil {
		path = actor.OrgPath
	}
	orgs := map[int64]tdkt.Org{}
	var registered map[string][]string
	if err := s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if q.OrgCode != "" {
			o, err := tx.OrgByCode(ctx, q.OrgCode)
			if err != nil {
				return err
			}
			if actor != nil {
				if err := visible(actor, o.Path, "đơn vị "+q.OrgCode); err != nil {
					return err
				}
			}
			path = o.Path
		}
		list, err := tx.OrgsUnder(ctx, path)
		for _, o := range list {
			orgs[o.ID] = o
		}
		if err != nil {
			return err
		}
		registered, err = tx.RegisteredFor(ctx, path, q.Year)
		return err
	}); err != nil {
		return st, err
	}
	eng, err := s.Engine(ctx)
	if err != nil {
		return st, err
	}
	// lines evaluates one subject and appends its lines to out. It runs in the
	// readers' goroutines, so each passes its own codes buffer.
	lines := func(out []Suggestion, codes []string, f *sqldb.Facts, sub *rules.Subject) ([]Suggestion, []string) {
		codes = codes[:0]
		switch {
		case only != 0 && only.Award().For(f.Kind):
			switch eng.Status(sub, only, q.Year, asOf) {
			case rules.Eligible:
				codes = append(codes, q.Award)
			case rules.Deferred:
				if q.Deferred {
					codes = append(codes, q.Award)
				}
			}
		case only != 0:
		case sub.PendingReview && q.Deferred:
			for _, a := range tdkt.Awards {
				if id, ok := rules.AwardIDOf(a.Code); ok && a.For(f.Kind) && eng.Status(sub, id, q.Year, asOf) != rules.NotEligible {
					codes = append(codes, a.Code)
				}
			}
		default:
			codes = eng.AppendEligible(codes, sub, q.Year, asOf)
		}
		for _, code := range codes {
			if !suits(f, code) {
				continue
			}
			res := eng.Eligibility(sub, code, q.Year, asOf)
			o := orgs[f.OrgID]
			out = append(out, Suggestion{SubjectKind: f.Kind, SubjectID: f.ID, Name: f.Name, OrgCode: o.Code, Org: o.Name, Award: code,
				AwardName: tdkt.Label(code), Status: res.Status.String(), Year: q.Year, RuleSet: res.RuleSet,
				Reasons: res.Reasons, Unverified: res.Unverified,
				Registered: len(registered) > 0 && slices.Contains(registered[string(f.Kind)+":"+strconv.FormatInt(f.ID, 10)], code)})
		}
		return out, codes
	}
	// evaluated is a batch read and judged by a reader, handed over in id order.
	type evaluated struct {
		facts []sqldb.Facts
		lines []Suggestion
	}
	evaluate := func(facts []sqldb.Facts, figures map[int64]*sqldb.MemberFigures) evaluated {
		var sub rules.Subject
		var codes []string
		ev := evaluated{facts: facts}
		for i := range facts {
			f := &facts[i]
			var m *sqldb.MemberFigures
			if f.Kind == tdkt.Collective {
				// Member figures exist only for a collective that is an organisation; a
				// division without its own people list is judged on its own records.
				m = figures[f.UnitOrgID]
			}
			fillSubject(&sub, f, m)
			ev.lines, codes = lines(ev.lines, codes, f, &sub)
		}
		return ev
	}
	hand := func(ev evaluated) error {
		for i := range ev.lines {
			if err := emit(&ev.lines[i]); err != nil {
				return err
			}
		}
		st.Lines += len(ev.lines)
		return nil
	}
	readCodes := rules.RecordsRead()
	// The collectives that are units are judged on their members' figures, counted
	// here from the people as they pass, rather than by a second pass over the records.
	figures := map[int64]*sqldb.MemberFigures{}
	err = inBatches(ctx, s.DB, "people", func(tx *sqldb.Tx, lo, hi int64) (evaluated, error) {
		facts, err := tx.PeopleFacts(ctx, sqldb.FactsQuery{Path: path, After: lo, Upto: hi, Codes: readCodes, TitlesOfYear: q.Year})
		return evaluate(facts, nil), err
	}, func(ev evaluated) error {
		for i := range ev.facts {
			m := figures[ev.facts[i].OrgID]
			if m == nil {
				m = &sqldb.MemberFigures{}
				figures[ev.facts[i].OrgID] = m
			}
			m.Count(&ev.facts[i], q.Year)
		}
		st.People += len(ev.facts)
		return hand(ev)
	})
	if err != nil {
		return st, err
	}
	// Every person has been counted: the figures are complete and only read from here on.
	err = inBatches(ctx, s.DB, "collectives", func(tx *sqldb.Tx, lo, hi int64) (evaluated, error) {
		facts, err := tx.CollectiveFacts(ctx, sqldb.FactsQuery{Path: path, After: lo, Upto: hi, Codes: readCodes})
		return evaluate(facts, figures), err
	}, func(ev evaluated) error {
		st.Collectives += len(ev.facts)
		return hand(ev)
	})
	return st, err
}

// suits keeps the armed forces' names of a title for the armed forces and the
// civilian names for everyone else (Law Art 24(2), 27, 28): the engine judges both
// alike and only warns about the name. Collectives carry no group, so they are
// listed under the civilian names.
func suits(f *sqldb.Facts, code string) bool {
	armed := f.Group == tdkt.GroupArmedForces
	switch code {
	case "chien_si_tien_tien":
		return armed
	case "lao_dong_tien_tien":
		return !armed
	case "don_vi_tien_tien", "don_vi_quyet_thang":
		return false
	}
	return true
}

// fillSubject rewrites sub with the facts of f, reusing its slices.
func fillSubject(sub *rules.Subject, f *sqldb.Facts, m *sqldb.MemberFigures) {
	*sub = rules.Subject{Kind: f.Kind, Group: f.Group, Sex: f.Sex, PendingReview: f.UnderReview,
		Ratings: sub.Ratings[:0], Titles: sub.Titles[:0], Awards: sub.Awards[:0], Initiatives: sub.Initiatives[:0], Discipline: sub.Discipline[:0]}
	if f.HiredOn != "" {
		sub.HiredOn, _ = rules.ParseDate(f.HiredOn)
	}
	for _, r := range f.Ratings {
		sub.SetGrade(r.Year, rules.GradeOf(r.Rating))
	}
	for _, h := range f.Honours {
		id, ok := rules.AwardIDOf(h.Code)
		if !ok {
			continue
		}
		if id.Award().Category == tdkt.Title {
			sub.Titles = append(sub.Titles, rules.TitleRecord{Award: id, Year: h.Year})
			continue
		}
		sub.Awards = append(sub.Awards, rules.AwardRecord{Award: id, Year: h.DecidedYear, Kind: h.Kind, AchievementTo: h.Year})
	}
	for _, in := range f.Initiatives {
		sub.Initiatives = append(sub.Initiatives, rules.Initiative{ID: strconv.FormatInt(in.ID, 10), Year: in.Year, Scope: in.Scope,
			Title: in.Title, DecisionNo: in.DecisionNo})
	}
	for _, d := range f.Discipline {
		dec, _ := rules.ParseDate(d.DecidedOn)
		end, _ := rules.ParseDate(d.EndsOn)
		sub.Discipline = append(sub.Discipline, rules.Discipline{Form: d.Form, DecidedOn: dec, EndsOn: end})
	}
	if m != nil {
		sub.Members = &rules.Members{Total: m.Total, HTXSNV: m.HTXSNV, HTTNV: m.HTTNV, HTNV: m.HTNV, KHTNV: m.KHTNV,
			LDTT: m.LDTT, CSTDCS: m.CSTDCS, DisciplinedWarningOrAbove: m.DisciplinedWarning}
	}
}

// PersonOutlook is what a person's page shows from the rules engine: the awards they
// are eligible for now, and for the others on the records route what is missing and
// the earliest year they could be met.
type PersonOutlook struct {
	Year     int
	AsOf     string
	Eligible []rules.Result
	Next     []rules.Result
}

// Outlook evaluates a person's record for the last complete year.
func (s *Service) Outlook(ctx context.Context, actor *tdkt.Account, personID int64) (out PersonOutlook, err error) {
	var f []sqldb.Facts
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		_, path, err := tx.PersonByID(ctx, personID)
		if err != nil {
			return err
		}
		if err := visible(actor, path, "người này"); err != nil {
			return err
		}
		f, err = tx.PeopleFacts(ctx, sqldb.FactsQuery{Path: path, After: personID - 1, Limit: 1})
		return err
	})
	if err != nil || len(f) == 0 || f[0].ID != personID {
		return out, err
	}
	eng, err := s.Engine(ctx)
	if err != nil {
		return out, err
	}
	now := s.Now()
	out.Year, out.AsOf = now.Year()-1, now.Format(time.DateOnly)
	asOf, _ := rules.ParseDate(out.AsOf)
	var sub rules.Subject
	fillSubject(&sub, &f[0], nil)
	for _, code := range []string{"lao_dong_tien_tien", "chien_si_thi_dua_co_so", "bang_khen_bo_tinh", "chien_si_thi_dua_bo_tinh",
		"bang_khen_thu_tuong", "huan_chuong_lao_dong_hang_ba", "chien_si_thi_dua_toan_quoc"} {
		if code == "lao_dong_tien_tien" && f[0].Group == tdkt.GroupArmedForces {
			code = "chien_si_tien_tien"
		}
		res := eng.Eligibility(&sub, code, out.Year, asOf)
		if res.Status == rules.NotEligible {
			out.Next = append(out.Next, res)
		} else {
			out.Eligible = append(out.Eligible, res)
		}
	}
	return out, nil
}
