package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestStepOutOfSightGoesHome: the standing office's clerk returns a dossier to the
// commune, which the office does not see; the answer is the home page, not a
// redirect to a dossier page that would say "not found". A step that keeps the
// dossier in sight still goes back to its page.
func TestStepOutOfSightGoesHome(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f := p.Fixture
		ctx := context.Background()
		snv := tdkt.Org{Code: "T01-SNV", Name: "Sở Nội vụ tỉnh Thử Nghiệm", Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
		if err := f.Svc.SaveOrg(ctx, nil, &snv); err != nil {
			t.Fatal(err)
		}
		snv.StandingFor = f.Province.ID
		if err := f.Svc.SaveOrg(ctx, &f.Admin, &snv); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: "canbo.snv", Name: "Phạm Thu Hà", Password: tdkttest.Password, Role: tdkt.RoleClerk, OrgCode: snv.Code}); err != nil {
			t.Fatal(err)
		}
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025, PeriodFrom: 2023})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good.ID}, ""); err != nil {
			t.Fatal(err)
		}
		v, _ := f.Svc.GetDossier(ctx, &f.Admin, d.ID)
		if d, err = f.Svc.Step(ctx, &f.ClerkA, d.ID, tdkt.ActSubmit, v.Dossier.Version, ""); err != nil {
			t.Fatal(err)
		}
		c := f.Client(t, "canbo.snv")
		path := "/app/dossiers/" + itoa(d.ID)
		r := post(t, f, c, path+"/step", url.Values{"action": {"receive"}, "version": {itoa(int64(d.Version))}})
		want(t, "receive", r, http.StatusSeeOther)
		if r.Location != path+"?saved=1#status" {
			t.Errorf("after receiving: %q, want the dossier's page", r.Location)
		}
		v, _ = f.Svc.GetDossier(ctx, &f.Admin, d.ID)
		r = post(t, f, c, path+"/step", url.Values{"action": {"return"}, "version": {itoa(int64(v.Dossier.Version))}, "note": {"Thiếu báo cáo thành tích"}})
		want(t, "return", r, http.StatusSeeOther)
		if r.Location != "/app/?saved=1" {
			t.Errorf("after returning: %q, want the home page", r.Location)
		}
		want(t, "the dossier, now out of sight", get(t, f, c, path), http.StatusNotFound)
		want(t, "the home page", get(t, f, c, "/app/?saved=1"), http.StatusOK, "Đã lưu thay đổi.")
	})
}
