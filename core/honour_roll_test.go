package core_test

import (
	"context"
	"fmt"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestHonourRoll checks the public honour roll's search, filters, privacy setting,
// revoked honours and the links' validation, on both databases.
func TestHonourRoll(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		roll := func(fl core.RollFilter) []sqldb.RollLine {
			t.Helper()
			res, err := f.Svc.HonourRoll(ctx, fl)
			if err != nil {
				t.Fatal(err)
			}
			return res.Lines
		}
		lines := roll(core.RollFilter{Q: "nguyen thi"})
		if len(lines) != 1 || lines[0].Name != "Nguyễn Thị Hồng Nhung" || lines[0].DecisionNo != "125/QĐ-UBND" ||
			lines[0].AwardCode != "chien_si_thi_dua_co_so" || lines[0].Position == "" || lines[0].Unit == "" {
			t.Fatalf("nguyen thi: %+v", lines)
		}
		for _, fl := range []core.RollFilter{{Q: "nguyen thi", Year: 2024}, {Q: "nguyen thi", Award: "lao_dong_tien_tien"},
			{Q: "nguyen thi", Kind: tdkt.KindSudden}, {Q: "tran van"}, {Org: "X02"}, {Q: "nguyen thi", Level: tdkt.LevelProvince}} {
			if got := roll(fl); len(got) != 0 {
				t.Errorf("%+v: %d lines, want none", fl, len(got))
			}
		}
		for _, fl := range []core.RollFilter{{Q: "NGUYỄN", Year: 2025}, {Award: "chien_si_thi_dua_co_so", Kind: tdkt.KindMerit}, {Org: "T01"},
			{Level: tdkt.LevelCommune}} {
			if got := roll(fl); len(got) != 1 {
				t.Errorf("%+v: %d lines, want 1", fl, len(got))
			}
		}

		// Pages of 50, latest decision first, and a revoked honour is not listed.
		subB := tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonB.ID}
		for i := 0; i < 55; i++ {
			h := tdkt.Honour{Subject: subB, AwardCode: "lao_dong_tien_tien", Year: 2020 - i%10, Kind: tdkt.KindMerit,
				Decision: tdkt.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", 900+i), Date: fmt.Sprintf("20%02d-03-01", 10+i%10), Issuer: "Ủy ban nhân dân phường Ánh Dương"}}
			if err := f.Svc.SaveHonour(ctx, &f.ClerkB, &h); err != nil {
				t.Fatal(err)
			}
		}
		p1, err := f.Svc.HonourRoll(ctx, core.RollFilter{})
		if err != nil || len(p1.Lines) != 50 || !p1.More || p1.Lines[0].DecisionNo != "125/QĐ-UBND" {
			t.Fatalf("page 1: %d lines, more %v, first %+v, %v", len(p1.Lines), p1.More, p1.Lines[0], err)
		}
		p2, err := f.Svc.HonourRoll(ctx, core.RollFilter{Page: 2})
		if err != nil || len(p2.Lines) != 6 || p2.More {
			t.Fatalf("page 2: %d lines, more %v, %v", len(p2.Lines), p2.More, err)
		}
		rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, f.PersonA.ID)
		if err != nil {
			t.Fatal(err)
		}
		h := rec.Honours[0]
		h.Revoked = true
		if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &h); err != nil {
			t.Fatal(err)
		}
		if got := roll(core.RollFilter{Q: "nguyen thi"}); len(got) != 0 {
			t.Errorf("a revoked honour is listed: %+v", got)
		}
		if _, err := f.Svc.RollPerson(ctx, f.PersonA.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("a person with only a revoked honour has a page: %v", err)
		}

		// Privacy: the commune's own setting beats the province's; clerks may not set it.
		pv, err := f.Svc.Privacy(ctx, &f.Admin, f.CommuneB.ID)
		if err != nil || !pv.Setting.ShowPosition || pv.From.ID != 0 {
			t.Fatalf("default privacy: %+v %v", pv, err)
		}
		x := sqldb.Privacy{OrgID: f.Province.ID, ShowUnit: true}
		if err := f.Svc.SavePrivacy(ctx, &f.ClerkB, &x); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("clerk sets privacy: %v", err)
		}
		if err := f.Svc.SavePrivacy(ctx, &f.Admin, &x); err != nil {
			t.Fatal(err)
		}
		s, err := f.Svc.RollPerson(ctx, f.PersonB.ID)
		if err != nil || s.Position != "" || s.Unit == "" || s.Awards[0].Signer != "" {
			t.Fatalf("province hides position: %+v %v", s.PublicSubject, err)
		}
		own := sqldb.Privacy{OrgID: f.CommuneB.ID, ShowPosition: true}
		if err := f.Svc.SavePrivacy(ctx, &f.Admin, &own); err != nil {
			t.Fatal(err)
		}
		if s, _ = f.Svc.RollPerson(ctx, f.PersonB.ID); s.Position != "Chủ tịch UBND phường" || s.Unit != "" {
			t.Errorf("the commune's own setting does not win: %+v", s.PublicSubject)
		}
		if err := f.Svc.SavePrivacy(ctx, &f.Admin, &sqldb.Privacy{OrgID: f.CommuneB.ID}); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("saving over a setting not read: %v", err)
		}

		// Links: http and https only, administrators only.
		for _, bad := range []string{"javascript:alert(1)", "data:text/html,x", "//evil.example", "ftp://x.example", "https://"} {
			err := f.Svc.SavePortalLink(ctx, &f.Admin, &sqldb.PortalLink{Title: "X", URL: bad})
			var e *tdkt.Error
			if tdkt.CodeOf(err) != tdkt.EInvalid || !asError(err, &e) || e.Fields["url"] == "" {
				t.Errorf("link %q: %v", bad, err)
			}
		}
		if err := f.Svc.SavePortalLink(ctx, &f.ClerkA, &sqldb.PortalLink{Title: "Bộ Nội vụ", URL: "https://moha.gov.vn"}); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("clerk adds a link: %v", err)
		}
		l := sqldb.PortalLink{Title: "Bộ Nội vụ", URL: "https://moha.gov.vn", Position: 2}
		if err := f.Svc.SavePortalLink(ctx, &f.Admin, &l); err != nil {
			t.Fatal(err)
		}
		if links, err := f.Svc.PortalLinks(ctx); err != nil || len(links) != 1 || links[0].URL != "https://moha.gov.vn" {
			t.Fatalf("links: %+v %v", links, err)
		}
		if err := f.Svc.DeletePortalLink(ctx, &f.Admin, l.ID, l.Version+1); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("delete at a wrong version: %v", err)
		}
		if err := f.Svc.DeletePortalLink(ctx, &f.Admin, l.ID, l.Version); err != nil {
			t.Fatal(err)
		}

		dec, err := f.Svc.LatestDecisions(ctx, 3)
		if err != nil || len(dec) != 3 || dec[0].Count != 1 || dec[0].Issuer == "" {
			t.Fatalf("latest decisions: %+v %v", dec, err)
		}
	})
}

func asError(err error, e **tdkt.Error) bool {
	x, ok := err.(*tdkt.Error)
	*e = x
	return ok
}
