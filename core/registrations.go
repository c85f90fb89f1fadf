package core

import (
	"context"
	"fmt"
	"strings"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The yearly registration (đăng ký thi đua): at the start of a year a unit registers
// the title it aims for and its people's titles; the level above accepts it or
// returns it with a note; at year end the report compares it with the honours
// recorded. Since the 2022 Law registration is not a condition of any title, so
// nothing here feeds the rules engine.

// RegistrationInput is what a unit registers for a year.
type RegistrationInput struct {
	OrgID   int64
	Year    int
	Target  string // the collective title aimed for; "" for none
	People  []tdkt.RegisteredPerson
	Version int // 0 for a first registration
}

// SaveRegistration stores (or replaces, until accepted) a unit's registration for a
// year and sends it to the level above.
func (s *Service) SaveRegistration(ctx context.Context, actor *tdkt.Account, in RegistrationInput) (x tdkt.Registration, err error) {
	p := tdkt.Problems{}
	if in.Year < 2000 || in.Year > s.Now().Year()+1 {
		p.Add("year", fmt.Sprintf("Năm đăng ký phải từ 2000 đến %d.", s.Now().Year()+1))
	}
	if in.Target != "" {
		if a, ok := tdkt.AwardByCode(in.Target); !ok || !a.For(tdkt.Collective) {
			p.Add("target", "Hãy chọn một danh hiệu dành cho tập thể.")
		}
	}
	seen := map[int64]bool{}
	for i, r := range in.People {
		if a, ok := tdkt.AwardByCode(r.Award); !ok || !a.For(tdkt.Individual) || seen[r.PersonID] {
			p.Add(fmt.Sprintf("people.%d", i), "Danh hiệu đăng ký không hợp lệ hoặc người này đã có trong danh sách.")
		}
		seen[r.PersonID] = true
	}
	if err := p.Err(); err != nil {
		return x, err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		o, err := orgInScope(ctx, tx, actor, in.OrgID, "org_id")
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		for i, r := range in.People {
			_, path, err := tx.PersonByID(ctx, r.PersonID)
			if err != nil || !strings.HasPrefix(path, o.Path) {
				return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{fmt.Sprintf("people.%d", i): "Người này không thuộc " + o.Name + "."}}
			}
		}
		old, err := tx.RegistrationOf(ctx, o.ID, in.Year)
		switch {
		case tdkt.CodeOf(err) == tdkt.ENotFound:
			x = tdkt.Registration{OrgID: o.ID, Year: in.Year, Target: in.Target, Status: tdkt.RegistrationSubmitted, People: in.People, OrgName: o.Name}
			if err := tx.InsertRegistration(ctx, &x, s.stamp()); err != nil {
				return err
			}
			return s.audit(ctx, tx, actor, "create", "registration", x.ID, tdkt.Subject{}, o.ID, nil, x)
		case err != nil:
			return err
		}
		if old.Status == tdkt.RegistrationAccepted {
			return tdkt.Errorf(tdkt.EConflict, "Cấp trên đã chấp nhận bản đăng ký năm %d; không sửa được nữa.", in.Year)
		}
		if in.Version != old.Version {
			return tdkt.Conflict()
		}
		x = old.Registration
		x.Target, x.People, x.Status = in.Target, in.People, tdkt.RegistrationSubmitted
		if err := tx.UpdateRegistration(ctx, &x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "registration", x.ID, tdkt.Subject{}, o.ID, old.Registration, x)
	})
	return x, err
}

// ReviewRegistration lets the level above accept a registration or return it with
// a note. The reviewer's organisation must be strictly above the unit.
func (s *Service) ReviewRegistration(ctx context.Context, actor *tdkt.Account, id int64, accept bool, note string, version int) (x tdkt.Registration, err error) {
	note = vn.NFCText(note)
	if !accept && strings.TrimSpace(note) == "" {
		return x, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"note": "Hãy ghi lý do trả lại."}}
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		r, err := tx.RegistrationByID(ctx, id)
		if err == nil && !actor.Sees(r.OrgPath) {
			err = tdkt.NotFound("bản đăng ký thi đua")
		}
		if err != nil {
			return err
		}
		if r.OrgPath == actor.OrgPath || !tdkt.In(actor.Role, []tdkt.Role{tdkt.RoleAdmin, tdkt.RoleClerk, tdkt.RoleLeader}) {
			return tdkt.Forbidden()
		}
		if r.Version != version {
			return tdkt.Conflict()
		}
		if r.Status != tdkt.RegistrationSubmitted {
			return tdkt.Errorf(tdkt.EConflict, "Bản đăng ký đã được xem xét (%s).", tdkt.RegistrationLabels[r.Status])
		}
		before := r.Registration
		x = r.Registration
		x.Status, x.Note = tdkt.RegistrationReturned, note
		if accept {
			x.Status = tdkt.RegistrationAccepted
		}
		if err := tx.UpdateRegistration(ctx, &x); err != nil {
			return err
		}
		if err := s.notifyRegistration(ctx, tx, &x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "review", "registration", x.ID, tdkt.Subject{}, x.OrgID, before, x)
	})
	return x, err
}

// RegistrationOverview is what the registration page shows for a year: every
// registration of the actor's subtree and the aggregate per unit.
type RegistrationOverview struct {
	Year          int
	Registrations []tdkt.Registration
	Aggregate     []AggregateLine
}

// AggregateLine counts the registered titles of one unit.
type AggregateLine struct {
	OrgID   int64
	OrgName string
	Target  string
	Counts  map[string]int // award code → people registered for it
	People  int
}

// Registrations lists a year's registrations in the actor's subtree with the
// aggregate counts per title per unit.
func (s *Service) Registrations(ctx context.Context, actor *tdkt.Account, year int) (v RegistrationOverview, err error) {
	v.Year = year
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.RegistrationsUnder(ctx, actor.OrgPath, year)
		for _, r := range rows {
			v.Registrations = append(v.Registrations, r.Registration)
			line := AggregateLine{OrgID: r.OrgID, OrgName: r.OrgName, Target: r.Target, Counts: map[string]int{}, People: len(r.People)}
			for _, p := range r.People {
				line.Counts[p.Award]++
			}
			v.Aggregate = append(v.Aggregate, line)
		}
		return err
	})
	return v, err
}

// RegistrationReport compares a year's registrations with the honours recorded for
// that year.
type RegistrationReport struct {
	Year  int
	Units []UnitOutcome
}

// UnitOutcome is one unit's registered and achieved titles.
type UnitOutcome struct {
	OrgName        string
	Target         string
	TargetAchieved bool
	People         []PersonOutcome
	Registered     int
	Achieved       int
}

// Rate is the share of registered people who achieved their title, in per cent.
func (u UnitOutcome) Rate() float64 {
	if u.Registered == 0 {
		return 0
	}
	return float64(u.Achieved) * 100 / float64(u.Registered)
}

// PersonOutcome is one registered person and whether the title was recorded.
type PersonOutcome struct {
	PersonID int64
	Name     string
	Award    string
	Achieved bool
}

// RegistrationReportHeader is the header of the report's sheet.
var RegistrationReportHeader = []string{"Đơn vị", "Họ và tên / Tập thể", "Danh hiệu đăng ký", "Kết quả", "Tỷ lệ đạt của đơn vị (%)"}

// Lines are the report's rows: one per unit (its collective target and its rate),
// then one per registered person.
func (r *RegistrationReport) Lines() [][]any {
	var out [][]any
	yes := func(b bool) string {
		if b {
			return "Đạt"
		}
		return "Chưa đạt"
	}
	for _, u := range r.Units {
		target, got := "", ""
		if u.Target != "" {
			target, got = tdkt.Label(u.Target), yes(u.TargetAchieved)
		}
		out = append(out, []any{u.OrgName, "Tập thể " + u.OrgName, target, got, fmt.Sprintf("%.1f", u.Rate())})
		for _, p := range u.People {
			out = append(out, []any{u.OrgName, p.Name, tdkt.Label(p.Award), yes(p.Achieved), ""})
		}
	}
	return out
}

// RegistrationOutcomes builds the year's comparison of registrations and outcomes in
// the actor's subtree.
func (s *Service) RegistrationOutcomes(ctx context.Context, actor *tdkt.Account, year int) (rep RegistrationReport, err error) {
	rep.Year = year
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		regs, err := tx.RegistrationsUnder(ctx, actor.OrgPath, year)
		if err != nil {
			return err
		}
		hs, err := tx.HonoursOfYear(ctx, actor.OrgPath, year)
		if err != nil {
			return err
		}
		person := map[string]bool{}
		unit := map[string]bool{}
		for _, h := range hs {
			switch {
			case h.Kind == tdkt.Individual:
				person[fmt.Sprint(h.SubjectID, "/", h.Award)] = true
			case h.Kind == tdkt.Collective && h.UnitOrgID != 0:
				unit[fmt.Sprint(h.UnitOrgID, "/", h.Award)] = true
			}
		}
		for _, r := range regs {
			u := UnitOutcome{OrgName: r.OrgName, Target: r.Target, TargetAchieved: r.Target != "" && unit[fmt.Sprint(r.OrgID, "/", r.Target)]}
			for _, p := range r.People {
				po := PersonOutcome{PersonID: p.PersonID, Name: p.Name, Award: p.Award, Achieved: person[fmt.Sprint(p.PersonID, "/", p.Award)]}
				u.Registered++
				if po.Achieved {
					u.Achieved++
				}
				u.People = append(u.People, po)
			}
			rep.Units = append(rep.Units, u)
		}
		return nil
	})
	return rep, err
}
