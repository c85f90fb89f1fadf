package core_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// dashboardSite is the procedure's province with more to count: a direct worker of
// the Tày people in commune B with two honours for 2025, a revoked honour, a
// collective's title, a registration, a movement with a dossier, and three dossiers
// whose steps are days apart. It returns the people and collectives it knows of, so
// that a test can count their records itself.
type dashboardSite struct {
	*procedure
	People      []tdkt.Person
	Collectives []int64
	D1, D2, D3  int64 // D1 appraisal, D2 returned and sent again, D3 only submitted
	DraftID     int64
}

func newDashboardSite(t *testing.T, db *sqldb.DB) *dashboardSite {
	t.Helper()
	p := newProcedure(t, db)
	s := &dashboardSite{procedure: p}
	ctx, f := p.ctx, p.Fixture
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	at := func(days int) {
		f.Svc.Now = func() time.Time { return time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC).AddDate(0, 0, days) }
	}
	at(0)
	worker := tdkt.Person{OrgID: f.CommuneB.ID, FullName: "Hoàng Thị Mỷ", Sex: tdkt.Female, Group: tdkt.GroupWorkers, Ethnicity: "Tày",
		Position: "Công nhân", HiredOn: "2015-03-01"}
	must("worker", f.Svc.CreatePerson(ctx, &f.ClerkB, &worker))
	honour := func(who *tdkt.Account, sub tdkt.Subject, award string, kind tdkt.RewardKind, year int, no string) {
		t.Helper()
		must(award, f.Svc.SaveHonour(ctx, who, &tdkt.Honour{Subject: sub, AwardCode: award, Year: year, Kind: kind,
			Decision: tdkt.Decision{Number: no, Date: strconv.Itoa(year+1) + "-01-02", Issuer: "Ủy ban nhân dân"}}))
	}
	wsub := tdkt.Subject{Kind: tdkt.Individual, ID: worker.ID}
	honour(&f.ClerkB, wsub, "lao_dong_tien_tien", tdkt.KindMerit, 2025, "12/QĐ-UBND")
	honour(&f.ClerkB, wsub, "giay_khen", tdkt.KindSudden, 2025, "13/QĐ-UBND")
	honour(&f.ClerkB, wsub, "lao_dong_tien_tien", tdkt.KindMerit, 2019, "7/QĐ-UBND")
	// Trần Văn Đức's Giấy khen of 2025 was revoked: it counts nowhere.
	honour(&f.ClerkB, tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonB.ID}, "giay_khen", tdkt.KindMerit, 2025, "14/QĐ-UBND")
	if _, err := db.Raw().Exec(`UPDATE honours SET revoked = TRUE WHERE decision_no = '14/QĐ-UBND'`); err != nil {
		t.Fatal(err)
	}
	team := tdkt.CollectiveUnit{OrgID: f.CommuneB.ID, Name: "Tổ dân phố số 3"}
	must("collective", f.Svc.SaveCollective(ctx, &f.ClerkB, &team))
	honour(&f.ClerkB, tdkt.Subject{Kind: tdkt.Collective, ID: team.ID}, "tap_the_lao_dong_tien_tien", tdkt.KindMerit, 2025, "15/QĐ-UBND")
	s.People = []tdkt.Person{f.PersonA, f.PersonB, p.Good1, p.Good2, p.P3, worker}
	s.Collectives = []int64{team.ID}

	_, err := f.Svc.SaveRegistration(ctx, &f.ClerkA, core.RegistrationInput{OrgID: f.CommuneA.ID, Year: 2025, People: []tdkt.RegisteredPerson{
		{PersonID: f.PersonA.ID, Award: "chien_si_thi_dua_co_so"}, {PersonID: p.Good1.ID, Award: "lao_dong_tien_tien"},
		{PersonID: p.P3.ID, Award: "chien_si_thi_dua_co_so"}}})
	must("registration", err)

	m := tdkt.Movement{OrgID: f.Province.ID, Name: "Thi đua xây dựng nông thôn mới", Objectives: "Nông thôn mới nâng cao",
		Scope: tdkt.MovementSector, Method: tdkt.MethodThematic, StartsOn: "2025-01-01", EndsOn: "2026-06-30"}
	must("movement", f.Svc.CreateMovement(ctx, &p.ProvClerk, &m))
	_, err = f.Svc.LaunchMovement(ctx, &p.ProvClerk, m.ID, m.Version)
	must("launch", err)
	md, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "giay_khen", Kind: tdkt.KindMovement, Year: 2025, MovementID: m.ID})
	must("movement dossier", err)
	for _, who := range []int64{p.Good1.ID, p.Good2.ID} {
		_, err = f.Svc.AddCandidate(ctx, &f.ClerkA, md.ID, tdkt.Subject{Kind: tdkt.Individual, ID: who}, "Đóng góp ngày công")
		must("candidate", err)
	}
	s.DraftID = md.ID // a draft: it waits for no one and is never overdue

	step := func(day int, who *tdkt.Account, id int64, a tdkt.DossierAction) {
		t.Helper()
		at(day)
		_, err := f.Svc.Step(ctx, who, id, a, s.dossier(t, id).Dossier.Version, "Bổ sung biên bản họp")
		must(string(a), err)
	}
	create := func(day int) int64 {
		t.Helper()
		at(day)
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025, PeriodFrom: 2023})
		must("dossier", err)
		_, err = f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID}, "")
		must("candidate", err)
		return d.ID
	}
	s.D1 = create(0)
	step(2, &f.ClerkA, s.D1, tdkt.ActSubmit)
	step(5, &p.ProvClerk, s.D1, tdkt.ActReceive)
	step(9, &p.ProvClerk, s.D1, tdkt.ActAppraise)
	s.D2 = create(0)
	step(1, &f.ClerkA, s.D2, tdkt.ActSubmit)
	step(11, &p.ProvClerk, s.D2, tdkt.ActReceive)
	step(12, &p.ProvClerk, s.D2, tdkt.ActReturn)
	step(20, &f.ClerkA, s.D2, tdkt.ActResubmit)
	s.D3 = create(0)
	step(4, &f.ClerkA, s.D3, tdkt.ActSubmit)
	f.Svc.Now = func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }
	return s
}

// dossier reads a dossier as the province's leader sees it.
func (s *dashboardSite) dossier(t *testing.T, id int64) core.DossierView {
	t.Helper()
	v, err := s.Svc.GetDossier(s.ctx, &s.Leader, id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// nearestRank is the p-th percentile of the values by the nearest-rank method.
func nearestRank(vs []float64, p int) float64 {
	vs = slices.Clone(vs)
	slices.Sort(vs)
	for i, v := range vs {
		if (i+1)*100 >= p*len(vs) {
			return v
		}
	}
	return 0
}

// TestDashboardCounts checks every figure of the dashboard against the records the
// test reads back itself, for the province (everything) and for commune B (its own).
func TestDashboardCounts(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		s := newDashboardSite(t, db)
		ctx, f := s.ctx, s.Fixture
		d, err := f.Svc.Dashboard(ctx, &s.Leader, 0)
		if err != nil {
			t.Fatal(err)
		}
		if d.Year != 2025 || d.FromYear != 2017 || d.ThisYear != 2026 || len(d.Trend) != 10 {
			t.Fatalf("years: %d, %d–%d, %d trend points", d.Year, d.FromYear, d.ThisYear, len(d.Trend))
		}

		// Count the honours from each record, as a clerk would on the person pages.
		type tally struct{ titles, forms int64 }
		byYear, byUnit, byKind, byAward := map[int]tally{}, map[string]tally{}, map[string]int64{}, map[string]int64{}
		awardees := map[int64]tdkt.Person{}
		add := func(h tdkt.Honour, unit string, p *tdkt.Person) {
			if h.Revoked {
				return
			}
			a, _ := tdkt.AwardByCode(h.AwardCode)
			title := a.Category == tdkt.Title
			y := byYear[h.Year]
			if title {
				y.titles++
			} else {
				y.forms++
			}
			byYear[h.Year] = y
			if h.Year != 2025 {
				return
			}
			u := byUnit[unit]
			if title {
				u.titles++
			} else {
				u.forms++
			}
			byUnit[unit] = u
			byKind[string(h.Kind)]++
			byAward[h.AwardCode]++
			if p != nil {
				awardees[p.ID] = *p
			}
		}
		for _, p := range s.People {
			rec, err := f.Svc.PersonRecord(ctx, &f.Admin, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range rec.Honours {
				add(h, rec.Person.OrgName, &rec.Person)
			}
		}
		for _, id := range s.Collectives {
			rec, err := f.Svc.Collective(ctx, &f.Admin, id)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range rec.Honours {
				add(h, rec.Collective.OrgName, nil)
			}
		}
		for _, c := range d.Trend {
			if w := byYear[c.Year]; c.Titles != w.titles || c.Forms != w.forms {
				t.Errorf("%d: %d titles and %d forms, the records hold %d and %d", c.Year, c.Titles, c.Forms, w.titles, w.forms)
			}
		}
		if byYear[2025].titles != 6 || byYear[2025].forms != 1 { // a check of the check: 4 CSTĐCS, LĐTT, TTLĐTT; one Giấy khen
			t.Errorf("the fixture changed: 2025 holds %+v", byYear[2025])
		}
		if len(d.ByUnit) != len(byUnit) {
			t.Errorf("%d units, want %d: %+v", len(d.ByUnit), len(byUnit), d.ByUnit)
		}
		for _, b := range d.ByUnit {
			if w := byUnit[b.Name]; b.Titles != w.titles || b.Forms != w.forms {
				t.Errorf("unit %s: %d+%d, the records hold %+v", b.Name, b.Titles, b.Forms, w)
			}
		}
		for _, b := range d.ByKind {
			if b.Total() != byKind[b.Key] {
				t.Errorf("kind %s: %d, the records hold %d", b.Key, b.Total(), byKind[b.Key])
			}
		}
		for _, b := range d.ByAward {
			if b.Total() != byAward[b.Key] {
				t.Errorf("award %s: %d, the records hold %d", b.Key, b.Total(), byAward[b.Key])
			}
		}
		if len(d.ByKind) != len(byKind) || len(d.ByAward) != len(byAward) {
			t.Errorf("kinds %+v, awards %+v", d.ByKind, d.ByAward)
		}

		var want sqldb.AwardeeShares
		for _, p := range awardees {
			want.Awardees++
			if p.Group == tdkt.GroupWorkers {
				want.DirectWorkers++
			}
			if p.Sex == tdkt.Female {
				want.Women++
			}
			switch p.Ethnicity {
			case "":
				want.EthnicityUnknown++
			case "Kinh":
			default:
				want.Minorities++
			}
		}
		if d.Shares != want {
			t.Errorf("shares %+v, the records give %+v", d.Shares, want)
		}
		if want.Awardees != 5 || want.DirectWorkers != 1 || want.Minorities != 1 {
			t.Errorf("the fixture changed: %+v", want)
		}

		// Overdue on 01/03/2026: each waiting dossier is past its deadline or, without
		// one, has waited more than 30 days; the draft waits for no one.
		overdue := map[int64]bool{}
		for _, id := range []int64{s.D1, s.D2, s.D3, s.DraftID} {
			x := s.dossier(t, id).Dossier
			waiting := x.Status != tdkt.DossierDraft && x.Status != tdkt.DossierDecided && x.Status != tdkt.DossierRefused
			late := (x.DueOn != "" && x.DueOn < "2026-03-01") || (x.DueOn == "" && x.StatusSince < "2026-01-30")
			if waiting && late {
				overdue[id] = true
			}
		}
		if len(overdue) != 3 || overdue[s.DraftID] {
			t.Fatalf("the site should have three overdue dossiers: %v", overdue)
		}
		if d.OverdueTotal != 3 || len(d.Overdue) != 3 {
			t.Errorf("overdue %d (%d listed), want 3", d.OverdueTotal, len(d.Overdue))
		}
		for _, o := range d.Overdue {
			if !overdue[o.ID] {
				t.Errorf("dossier %d listed as overdue", o.ID)
			}
		}
		// D3 waits since 09/01 (51 days, no deadline), D1 since 14/01 past its deadline, D2 since 25/01
		if tb, _ := d.Table("overdue"); len(tb.Rows) != 3 || tb.Rows[0][0] != "HS-"+strconv.FormatInt(s.D3, 10) || tb.Rows[0][5] != "Đã gửi, chờ tiếp nhận" ||
			tb.Rows[0][4] != "Tỉnh, thành phố" || tb.Rows[0][6] != "09/01/2026" || tb.Rows[0][8] != int64(51) ||
			tb.Rows[1][0] != "HS-"+strconv.FormatInt(s.D1, 10) || tb.Rows[1][5] != "Đang thẩm định" || tb.Rows[1][7] == "" ||
			tb.Rows[2][0] != "HS-"+strconv.FormatInt(s.D2, 10) {
			t.Errorf("the overdue table, the longest waiting first: %q", tb.Rows)
		}
		if len(d.OverdueByLevel) != 1 || d.OverdueByLevel[0].Level != string(tdkt.LevelProvince) || d.OverdueByLevel[0].Count != 3 {
			t.Errorf("overdue by level %+v: all three wait at the province", d.OverdueByLevel)
		}

		// Days at each level, from the steps' dates: commune A prepared D1 for 2 days,
		// D2 for 1 + 8 after its return, D3 for 4; the province held D1 3 + 4 days and
		// D2 10 + 1 days. The movement's draft has no second step.
		commune, province := []float64{2, 9, 4}, []float64{7, 11}
		times := map[string]sqldb.LevelTime{}
		for _, l := range d.Times {
			times[l.Level] = l
		}
		for lvl, vs := range map[tdkt.Level][]float64{tdkt.LevelCommune: commune, tdkt.LevelProvince: province} {
			got := times[string(lvl)]
			w := sqldb.LevelTime{Level: string(lvl), Dossiers: int64(len(vs)), Median: nearestRank(vs, 50), P90: nearestRank(vs, 90), Max: slices.Max(vs)}
			if got != w {
				t.Errorf("%s: %+v, want %+v", lvl, got, w)
			}
		}
		if len(d.Times) != 2 {
			t.Errorf("levels %+v", d.Times)
		}

		// Registered: Nguyễn Thị Hồng Nhung and Đỗ Thị Lan for CSTĐCS (both got it),
		// Lê Thị Mai for LĐTT (she got CSTĐCS instead).
		if len(d.Registrations) != 1 || d.Registrations[0].Registered != 3 || d.Registrations[0].Achieved != 2 {
			t.Errorf("registrations %+v", d.Registrations)
		}
		if tb, _ := d.Table("registrations"); len(tb.Rows) != 1 || tb.Rows[0][3] != 66.7 || tb.Rows[0][6] != "Chờ cấp trên xem xét" {
			t.Errorf("the registrations table %q", tb.Rows)
		}
		if len(d.Movements) != 1 || d.Movements[0].Dossiers != 1 || d.Movements[0].Candidates != 2 || d.Movements[0].Rewarded != 0 {
			t.Errorf("movements %+v", d.Movements)
		}

		// Commune B sees its own: the worker's two honours and the collective's title.
		b, err := f.Svc.Dashboard(ctx, &f.ClerkB, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if b.Shares.Awardees != 1 || b.Shares.Minorities != 1 || len(b.ByUnit) != 1 || b.ByUnit[0].Total() != 3 {
			t.Errorf("commune B: shares %+v, units %+v", b.Shares, b.ByUnit)
		}
		if b.OverdueTotal != 0 || len(b.Registrations) != 0 || len(b.Movements) != 0 || len(b.Times) != 0 {
			t.Errorf("commune B sees commune A's or the province's work: %+v", b)
		}
		// One section alone: the others are not counted.
		one, err := f.Svc.Dashboard(ctx, &s.Leader, 2025, "shares")
		if err != nil || one.Shares != want || one.Trend != nil || one.ByUnit != nil || one.OverdueTotal != 0 {
			t.Errorf("the shares alone: %+v, %v", one, err)
		}
		if _, err := f.Svc.Dashboard(ctx, &s.Leader, 2025, "nothing"); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("an unknown section: %v", err)
		}
		tb, ok := b.Table("units")
		if !ok || len(tb.Rows) != 1 || tb.Rows[0][0] != f.CommuneB.Name || tb.Rows[0][3] != int64(3) {
			t.Errorf("commune B's unit table %+v", tb)
		}
	})
}
