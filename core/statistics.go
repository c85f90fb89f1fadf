package core

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// StatReport is a statutory form (biểu 0601.N–0605.N/BNV-TĐKT) filled for a report
// year and an organisation's subtree, in the layout in force at the end of that
// year's emulation period.
type StatReport struct {
	Layout   tdkt.StatLayout
	Table    tdkt.StatTable
	Year     int
	From, To string   // the emulation period, YYYY-MM-DD, both included
	Org      tdkt.Org // the reporting unit (Đơn vị báo cáo)
}

// Notes are the form's notes on what is not verified about its layout, numbered in
// the order a reader meets them: the form's own, then the header cells', then the
// rows'. The page and the XLSX number their marks by this list.
func (r StatReport) Notes() []string {
	out := append([]string(nil), r.Table.Form.Notes...)
	add := func(note string) {
		if note != "" && !slices.Contains(out, note) {
			out = append(out, note)
		}
	}
	for _, row := range r.Table.Header {
		for _, c := range row {
			add(c.Note)
		}
	}
	for _, row := range r.Table.Rows {
		add(row.Note)
	}
	return out
}

// Statistics fills form key ("0601" … "0605") for year over the subtree of the
// organisation orgID (the actor's own when 0). An organisation outside the actor's
// subtree is NotFound; an unknown form, or a year before the first layout, is Invalid.
// Honours count by decision date and movements by launch date inside the period
// (01/12 of the previous year to 30/11 under TT 02/2023); revoked honours never count.
func (s *Service) Statistics(ctx context.Context, actor *tdkt.Account, key string, year int, orgID int64) (rep StatReport, err error) {
	if actor == nil {
		return rep, tdkt.NotFound("đơn vị")
	}
	layout, ok := tdkt.StatLayoutOn(tdkt.StatReportDate(year))
	if !ok || year > s.Now().Year()+1 {
		return rep, &tdkt.Error{Code: tdkt.EInvalid, Message: "Chưa có mẫu biểu thống kê cho năm này.",
			Fields: map[string]string{"year": "Mẫu biểu của Thông tư số 02/2023/TT-BNV áp dụng từ năm báo cáo 2023."}}
	}
	form, ok := layout.Form(key)
	if !ok {
		return rep, &tdkt.Error{Code: tdkt.EInvalid, Message: "Không có biểu thống kê này.", Fields: map[string]string{"form": "Hãy chọn một biểu từ 0601 đến 0605."}}
	}
	if orgID == 0 {
		orgID = actor.OrgID
	}
	rep = StatReport{Layout: layout, Year: year}
	rep.From, rep.To = layout.Period(year)
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		org, err := tx.OrgByID(ctx, orgID)
		if err != nil {
			return err
		}
		if err := visible(actor, org.Path, "đơn vị"); err != nil {
			return err
		}
		rep.Org = org
		facts, err := statFacts(ctx, tx, form, org, rep.From, rep.To)
		if err != nil {
			return err
		}
		rep.Table = form.Fill(facts)
		return nil
	})
	return rep, err
}

// statFacts reads the facts a form counts in the subtree of org over the period.
func statFacts(ctx context.Context, tx *sqldb.Tx, form tdkt.StatForm, org tdkt.Org, from, to string) ([]tdkt.StatFact, error) {
	var facts []tdkt.StatFact
	switch form.Counts {
	case tdkt.CountsMovements:
		ms, err := tx.MovementsLaunchedBetween(ctx, org.Path, from, to)
		for _, m := range ms {
			facts = append(facts, tdkt.StatFact{N: 1, Attrs: map[string]string{tdkt.AttrLaunch: m.LaunchLevel(), tdkt.AttrScope: string(m.Scope),
				tdkt.AttrBand: m.Band(), tdkt.AttrMethod: string(m.Method)}})
		}
		return facts, err
	case tdkt.CountsHonours:
		hs, err := tx.HonourFacts(ctx, org.Path, form.AwardLevel, from, to)
		if err != nil {
			return nil, err
		}
		proposer, err := proposers(ctx, tx, org)
		for _, h := range hs {
			facts = append(facts, tdkt.StatFact{N: h.N, Attrs: map[string]string{tdkt.AttrAward: h.Award, tdkt.AttrKind: h.Kind,
				tdkt.AttrSubject: h.Subject, tdkt.AttrRecipient: h.Recipient, tdkt.AttrProposer: proposer(h.OrgID)}})
		}
		return facts, err
	case tdkt.CountsUnits:
		us, err := tx.ApparatusUnits(ctx, org.Path, to)
		for _, u := range us {
			facts = append(facts, tdkt.StatFact{N: 1, Attrs: map[string]string{tdkt.AttrUnitKind: string(u.Kind)}})
		}
		return facts, err
	case tdkt.CountsOfficers:
		os, err := tx.ApparatusOfficers(ctx, org.Path, to)
		for _, o := range os {
			facts = append(facts, tdkt.StatFact{N: 1, Attrs: map[string]string{tdkt.AttrSex: string(o.Sex),
				tdkt.AttrAge: tdkt.AgeBand(o.BirthDate, to), tdkt.AttrTraining: string(o.Training),
				tdkt.AttrSeniority: tdkt.SeniorityBand(o.StartedOn, to)}})
		}
		return facts, err
	}
	return nil, nil
}

// proposers tells, for a unit of org's subtree, the level of the body that proposes
// its state awards to the Prime Minister: its nearest ancestor (or itself) that is a
// ministry or a province (rows 2–3 of 0602.N); "" when there is none.
func proposers(ctx context.Context, tx *sqldb.Tx, org tdkt.Org) (func(int64) string, error) {
	orgs, err := tx.OrgsUnder(ctx, org.Path)
	if err != nil {
		return nil, err
	}
	level := map[int64]tdkt.Level{}
	path := map[int64]string{}
	for _, o := range orgs {
		level[o.ID], path[o.ID] = o.Level, o.Path
	}
	for _, part := range strings.Split(strings.Trim(org.Path, "/"), "/") {
		id, _ := strconv.ParseInt(part, 10, 64)
		if _, ok := level[id]; !ok && id != 0 {
			a, err := tx.OrgByID(ctx, id)
			if err != nil {
				return nil, err
			}
			level[id] = a.Level
		}
	}
	return func(id int64) string {
		parts := strings.Split(strings.Trim(path[id], "/"), "/")
		for i := len(parts) - 1; i >= 0; i-- {
			a, _ := strconv.ParseInt(parts[i], 10, 64)
			if l := level[a]; l == tdkt.LevelMinistry || l == tdkt.LevelProvince {
				return string(l)
			}
		}
		return ""
	}, nil
}

// Apparatus is what biểu 0604.N and 0605.N count in a subtree: the units doing
// emulation and reward work and their officers.
type Apparatus struct {
	Units    []sqldb.ApparatusUnit
	Officers []sqldb.ApparatusOfficer
}

// Apparatus lists the units and officers of the actor's subtree that exist on the
// date on (YYYY-MM-DD).
func (s *Service) Apparatus(ctx context.Context, actor *tdkt.Account, on string) (a Apparatus, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if a.Units, err = tx.ApparatusUnits(ctx, actor.OrgPath, on); err != nil {
			return err
		}
		a.Officers, err = tx.ApparatusOfficers(ctx, actor.OrgPath, on)
		return err
	})
	return a, err
}

// AddApparatusUnit records a unit doing emulation and reward work in an organisation
// of the actor's subtree (for biểu 0604.N).
func (s *Service) AddApparatusUnit(ctx context.Context, actor *tdkt.Account, u *sqldb.ApparatusUnit) error {
	u.Name = vn.NFC(strings.TrimSpace(u.Name))
	p := tdkt.Problems{}
	if n := len([]rune(u.Name)); n == 0 || n > 200 {
		p.Add("name", "Hãy ghi tên tổ chức (tối đa 200 ký tự).")
	}
	if !tdkt.In(u.Kind, tdkt.ApparatusKinds) {
		p.Add("kind", "Hãy chọn cấp tổ chức theo biểu 0604.N.")
	}
	checkDate(p, "established_on", u.EstablishedOn, true, s.Now())
	checkDate(p, "dissolved_on", u.DissolvedOn, false, s.Now())
	if u.DissolvedOn != "" && u.DissolvedOn <= u.EstablishedOn {
		p.Add("dissolved_on", "Ngày giải thể phải sau ngày thành lập.")
	}
	if err := p.Err(); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		org, err := tx.OrgByID(ctx, u.OrgID)
		if err != nil {
			return err
		}
		if err := visible(actor, org.Path, "đơn vị"); err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if err := tx.InsertApparatusUnit(ctx, u, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "apparatus_unit", u.ID, tdkt.Subject{}, u.OrgID, nil, u)
	})
}

// AddApparatusOfficer records that a person of the actor's subtree does emulation
// and reward work (for biểu 0605.N). The person's birth date is needed for the age
// rows.
func (s *Service) AddApparatusOfficer(ctx context.Context, actor *tdkt.Account, o *sqldb.ApparatusOfficer) error {
	p := tdkt.Problems{}
	if !tdkt.In(o.Training, tdkt.TrainingLevels) {
		p.Add("training", "Hãy chọn trình độ đào tạo.")
	}
	checkDate(p, "started_on", o.StartedOn, true, s.Now())
	checkDate(p, "ended_on", o.EndedOn, false, s.Now())
	if err := p.Err(); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: o.PersonID}
		orgID, err := editSubject(ctx, tx, actor, sub)
		if err != nil {
			return err
		}
		person, _, err := tx.PersonByID(ctx, o.PersonID)
		if err != nil {
			return err
		}
		if person.BirthDate == "" {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{
				"person_id": "Hồ sơ của người này chưa có ngày sinh, cần để thống kê theo độ tuổi (biểu 0605.N)."}}
		}
		if err := tx.InsertApparatusOfficer(ctx, o, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "apparatus_officer", o.ID, sub, orgID, nil, o)
	})
}

// checkDate checks a YYYY-MM-DD date that may not be in the future.
func checkDate(p tdkt.Problems, field, d string, required bool, now time.Time) {
	if d == "" {
		if required {
			p.Add(field, "Hãy nhập ngày theo dạng dd/mm/yyyy.")
		}
		return
	}
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		p.Add(field, "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
	} else if t.After(now) {
		p.Add(field, "Ngày không thể ở tương lai.")
	}
}
