package core_test

import (
	"context"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func suggestions(t *testing.T, f *tdkttest.Fixture, actor *tdkt.Account, q core.SuggestQuery) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	_, err := f.Svc.Suggest(context.Background(), actor, q, func(s *core.Suggestion) error {
		if len(s.Reasons) == 0 || s.RuleSet == "" || s.Status != "eligible" {
			t.Errorf("line without reasons or rule set: %+v", s)
		}
		got[s.Name+"/"+s.Award] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestSuggestFollowsRecordsAndScope(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		q := core.SuggestQuery{Year: 2025, AsOf: "2026-01-20"}
		got := suggestions(t, f, &f.Admin, q)
		// 2025 rated htxsnv with an initiative: Lao động tiên tiến and Chiến sĩ thi đua cơ sở;
		// only one CSTĐCS and one initiative, so no Bằng khen yet.
		want := map[string]bool{"Nguyễn Thị Hồng Nhung/lao_dong_tien_tien": true, "Nguyễn Thị Hồng Nhung/chien_si_thi_dua_co_so": true}
		if len(got) != len(want) {
			t.Errorf("got %v, want %v", got, want)
		}
		for k := range want {
			if !got[k] {
				t.Errorf("missing %s in %v", k, got)
			}
		}
		// a registration for Chiến sĩ thi đua cơ sở shows on that line of the list
		if _, err := f.Svc.SaveRegistration(ctx, &f.ClerkA, core.RegistrationInput{OrgID: f.CommuneA.ID, Year: 2025,
			People: []tdkt.RegisteredPerson{{PersonID: f.PersonA.ID, Award: "chien_si_thi_dua_co_so"}}}); err != nil {
			t.Fatal(err)
		}
		reg := map[string]bool{}
		f.Svc.Suggest(ctx, &f.ClerkA, q, func(s *core.Suggestion) error { reg[s.Award] = s.Registered; return nil })
		if !reg["chien_si_thi_dua_co_so"] || reg["lao_dong_tien_tien"] {
			t.Errorf("registered flags %v", reg)
		}
		if got := suggestions(t, f, &f.ClerkB, q); len(got) != 0 {
			t.Errorf("commune B sees commune A's people: %v", got)
		}
		if _, err := f.Svc.Suggest(ctx, &f.ClerkB, core.SuggestQuery{Year: 2025, OrgCode: "X01"}, func(*core.Suggestion) error { return nil }); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("commune B asking for commune A: %v", err)
		}
		q.Award = "chien_si_thi_dua_co_so"
		if got := suggestions(t, f, nil, q); len(got) != 1 {
			t.Errorf("award filter: %v", got)
		}
		// a second CSTĐCS year makes her eligible for Bằng khen bộ/tỉnh (Art 74(1)(d))
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}
		if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: sub, AwardCode: "chien_si_thi_dua_co_so", Year: 2024,
			Kind: tdkt.KindMerit, Decision: tdkt.Decision{Number: "12/QĐ-UBND", Date: "2025-01-10", Issuer: "UBND xã Đông Hòa"}}); err != nil {
			t.Fatal(err)
		}
		q.Award = ""
		if got := suggestions(t, f, &f.ClerkA, q); !got["Nguyễn Thị Hồng Nhung/bang_khen_bo_tinh"] {
			t.Errorf("after a second CSTĐCS: %v", got)
		}
		if _, err := f.Svc.Suggest(ctx, nil, core.SuggestQuery{Year: 2025, Award: "khong_co"}, func(*core.Suggestion) error { return nil }); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("unknown award: %v", err)
		}
		out, err := f.Svc.Outlook(ctx, &f.ClerkA, f.PersonA.ID)
		if err != nil || len(out.Eligible) == 0 || len(out.Next) == 0 {
			t.Errorf("outlook: %+v %v", out, err)
		}
	})
}

// A collective that is a unit is judged on its members' figures, counted from the
// people of the unit: all complete their tasks, 70 % hold Lao động tiên tiến, one
// holds Chiến sĩ thi đua cơ sở (Law Art 27); one member failing breaks the 100 %.
func TestSuggestCollectiveFromMembers(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		c := tdkt.CollectiveUnit{OrgID: f.CommuneA.ID, UnitOrgID: f.CommuneA.ID, Name: "UBND xã Đông Hòa"}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(f.Svc.SaveCollective(ctx, &f.ClerkA, &c))
		csub := tdkt.Subject{Kind: tdkt.Collective, ID: c.ID}
		must(f.Svc.SaveRating(ctx, &f.ClerkA, &tdkt.YearRating{Subject: csub, Year: 2025, Rating: tdkt.RatingExcellent}))
		must(f.Svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID},
			AwardCode: "lao_dong_tien_tien", Year: 2025, Kind: tdkt.KindMerit,
			Decision: tdkt.Decision{Number: "125/QĐ-UBND", Date: "2026-01-15", Issuer: "UBND xã Đông Hòa"}}))
		q := core.SuggestQuery{Year: 2025, AsOf: "2026-01-20", Award: "tap_the_lao_dong_xuat_sac"}
		if got := suggestions(t, f, &f.ClerkA, q); !got["UBND xã Đông Hòa/tap_the_lao_dong_xuat_sac"] {
			t.Fatalf("one member, excellent, LĐTT and CSTĐCS: %v", got)
		}
		p := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Lò Văn Pâng", Sex: tdkt.Male, Group: tdkt.GroupOfficials}
		must(f.Svc.CreatePerson(ctx, &f.ClerkA, &p))
		must(f.Svc.SaveRating(ctx, &f.ClerkA, &tdkt.YearRating{Subject: tdkt.Subject{Kind: tdkt.Individual, ID: p.ID}, Year: 2025, Rating: tdkt.RatingNotDone}))
		if got := suggestions(t, f, &f.ClerkA, q); len(got) != 0 {
			t.Errorf("a member who did not complete the tasks: %v", got)
		}
	})
}
