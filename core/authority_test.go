package core_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// A unit's administrator cannot widen what its own head may confer, nor raise its own
// level: both come from the law and the level above (Law Art 80).
func TestUnitAdminCannotGrantItselfAuthority(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		own, err := f.Svc.Org(ctx, &f.AdminA, f.CommuneA.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(own.Confers, "bang_khen_thu_tuong") || !slices.Contains(own.Confers, "giay_khen") {
			t.Fatalf("a commune's powers before: %v", own.Confers)
		}
		widened := own
		widened.Confers = append(slices.Clone(own.Confers), "bang_khen_thu_tuong")
		if err := f.Svc.SaveOrg(ctx, &f.AdminA, &widened); tdkt.CodeOf(err) != tdkt.EInvalid || fieldsOf(err)["confers"] == "" {
			t.Errorf("widening its own powers: %v, want invalid on confers", err)
		}
		raised := own
		raised.Level, raised.Confers = tdkt.LevelProvince, nil
		if err := f.Svc.SaveOrg(ctx, &f.AdminA, &raised); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("raising its own level: %v, want forbidden", err)
		}
		// Nor through a unit of its own placed above the law's order.
		top := tdkt.Org{Code: "X01-TW", Name: "Ban Trung ương tự lập", Level: tdkt.LevelCentral, ParentID: f.CommuneA.ID}
		if err := f.Svc.SaveOrg(ctx, &f.AdminA, &top); tdkt.CodeOf(err) != tdkt.EInvalid || fieldsOf(err)["level"] == "" {
			t.Errorf("a central body under a commune: %v, want invalid on level", err)
		}
		after, err := f.Svc.Org(ctx, &f.Admin, f.CommuneA.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if after.Level != tdkt.LevelCommune || after.Version != own.Version || slices.Contains(after.Confers, "bang_khen_thu_tuong") {
			t.Errorf("commune after the refused changes: %+v", after)
		}

		// The level above changes a unit's level; its powers follow, and it is audited.
		school := tdkt.Org{Code: "X01-TH", Name: "Trường Tiểu học Đông Hòa", Level: tdkt.LevelPublicUnit, ParentID: f.CommuneA.ID}
		if err := f.Svc.SaveOrg(ctx, &f.AdminA, &school); err != nil {
			t.Fatal(err)
		}
		before := auditCount(t, db)
		school.Level, school.Confers = tdkt.LevelEnterprise, nil
		if err := f.Svc.SaveOrg(ctx, &f.AdminA, &school); err != nil {
			t.Fatalf("the commune changes its school's level: %v", err)
		}
		if got := auditCount(t, db); got != before+1 {
			t.Errorf("audit events %d → %d, want one more", before, got)
		}
		own, _ = f.Svc.Org(ctx, &f.Admin, f.CommuneA.ID, "")
		own.Level, own.Confers = tdkt.LevelProvince, nil
		if err := f.Svc.SaveOrg(ctx, &f.Admin, &own); tdkt.CodeOf(err) != tdkt.EInvalid || fieldsOf(err)["level"] == "" {
			t.Errorf("the province makes its commune a province: %v, want invalid on level", err)
		}
	})
}

// Decide refuses an award its holder's level does not confer, whatever the
// dossier's route: a province cannot issue the Prime Minister's Bằng khen.
func TestDecideNeedsTheLegalAuthority(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_thu_tuong", Kind: tdkt.KindSudden,
			Year: 2025, Simplified: true, Reason: "Dũng cảm cứu người trong lũ"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID}, "Cứu ba người bị nước cuốn trôi ngày 10/9/2025"); err != nil {
			t.Fatal(err)
		}
		d = reload(t, f, &f.ClerkA, d.ID)
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		if d.HolderOrgID != f.Province.ID {
			t.Fatalf("held by %d, want the province %d", d.HolderOrgID, f.Province.ID)
		}
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
		p.step(t, &p.Leader, &d, tdkt.ActApprove, "")
		_, err = f.Svc.Decide(ctx, &p.Leader, d.ID, core.DecisionInput{Number: "9/QĐ-UBND", Date: "2026-11-20", Signer: "Chủ tịch", Version: d.Version})
		if tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("a province decides the Prime Minister's Bằng khen: %v, want invalid", err)
		}
		rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, p.Good1.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range rec.Honours {
			if h.AwardCode == "bang_khen_thu_tuong" {
				t.Errorf("the refused decision left an honour: %+v", h)
			}
		}
	})
}

// fieldsOf is the per-field messages of a tdkt.Error, nil for any other error.
func fieldsOf(err error) map[string]string {
	var e *tdkt.Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
