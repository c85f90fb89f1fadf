package api_test

import (
	"context"
	"net/http"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// decidedForPersonA takes a sudden proposal of commune A for the fixture's person to
// the province's Bằng khen (a certificate and a frame) and returns the decision's id.
func decidedForPersonA(t *testing.T, f *tdkttest.Fixture) int64 {
	t.Helper()
	ctx := context.Background()
	acct := func(login string, role tdkt.Role) tdkt.Account {
		a, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: "Đồng chí " + login, Password: tdkttest.Password, Role: role, OrgCode: "T01"})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	leader, provClerk := acct("chutich", tdkt.RoleLeader), acct("canbo.tinh", tdkt.RoleClerk)
	d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindSudden,
		Year: 2025, Simplified: true, Reason: "Dũng cảm cứu người trong lũ"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}, "Cứu ba người bị nước cuốn trôi"); err != nil {
		t.Fatal(err)
	}
	v, err := f.Svc.GetDossier(ctx, &f.ClerkA, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	d = v.Dossier
	for _, s := range []struct {
		who *tdkt.Account
		act tdkt.DossierAction
	}{{&f.ClerkA, tdkt.ActSubmit}, {&provClerk, tdkt.ActReceive}, {&leader, tdkt.ActApprove}} {
		if d, err = f.Svc.Step(ctx, s.who, d.ID, s.act, d.Version, ""); err != nil {
			t.Fatal(s.act, err)
		}
	}
	dec, err := f.Svc.Decide(ctx, &leader, d.ID, core.DecisionInput{Number: "77/QĐ-UBND", Date: "2026-11-20", Signer: "Nguyễn Văn Chủ", Version: d.Version})
	if err != nil {
		t.Fatal(err)
	}
	return dec.ID
}

// The items of a decision through the API: read in scope only, received once by a
// clerk, handed over once at the version read, with the counts in the answers.
func TestAwardItemsAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		decID := decidedForPersonA(t, f)
		base := "/api/v1/decisions/" + itoa(decID) + "/items"
		clerk, viewer, clerkB := as(t, f, f.ClerkA.Login), as(t, f, f.ViewerA.Login), as(t, f, f.ClerkB.Login)

		got := clerk.want(http.StatusOK, "GET", base, nil)
		if got.o("decision").s("number") != "77/QĐ-UBND" || got.o("counts").n("due") != 2 || len(got.list("awardees")) != 1 {
			t.Fatalf("the decision's items: %v", got)
		}
		items := got.list("awardees")[0].list("items")
		if len(items) != 2 || items[0].s("kind") != "bang" || items[0].s("status") != "not_received" || items[1].s("kind") != "khung" {
			t.Errorf("the awardee's items: %v", items)
		}
		clerkB.want(http.StatusNotFound, "GET", base, nil)
		receipt := map[string]any{"received_on": "2026-11-23", "kinds": []string{"bang"}}
		clerkB.want(http.StatusNotFound, "POST", base+"/receipt", receipt)
		viewer.want(http.StatusForbidden, "POST", base+"/receipt", receipt)
		bad := clerk.want(http.StatusUnprocessableEntity, "POST", base+"/receipt", map[string]any{"received_on": "2026-11-19", "kinds": []string{"bang"}})
		if _, fields := bad.errFields(); fields["received_on"] == nil {
			t.Errorf("a receipt before the decision: %v", bad)
		}
		ok := clerk.want(http.StatusOK, "POST", base+"/receipt", receipt)
		if ok.n("recorded") != 1 || ok.o("items").o("counts").n("received") != 1 {
			t.Fatalf("the receipt's answer: %v", ok)
		}
		clerk.want(http.StatusConflict, "POST", base+"/receipt", receipt)

		lines := ok.o("items").list("awardees")[0].list("items")
		cert, frame := lines[0], lines[1]
		if cert.s("status") != "received" || cert.s("received_on") != "2026-11-23" || frame.s("status") != "not_received" || frame.n("id") == 0 {
			t.Fatalf("the lines after the receipt: %v", lines)
		}
		hand := func(line obj) string { return "/api/v1/award-items/" + itoa(line.n("id")) + "/handover" }
		body := map[string]any{"handed_on": "2026-11-25", "handed_to": "Nguyễn Thị Hồng Nhung", "version": cert.n("version")}
		clerk.want(http.StatusConflict, "POST", hand(frame), map[string]any{"handed_on": "2026-11-25", "handed_to": "Nguyễn Thị Hồng Nhung", "version": frame.n("version")})
		clerkB.want(http.StatusNotFound, "POST", hand(cert), body)
		viewer.want(http.StatusForbidden, "POST", hand(cert), body)
		bad = clerk.want(http.StatusUnprocessableEntity, "POST", hand(cert), map[string]any{"handed_on": "2026-11-27", "handed_to": "", "version": cert.n("version")})
		if _, fields := bad.errFields(); fields["handed_on"] == nil || fields["handed_to"] == nil {
			t.Errorf("a hand-over in the future to nobody: %v", bad)
		}
		clerk.want(http.StatusConflict, "POST", hand(cert), map[string]any{"handed_on": "2026-11-25", "handed_to": "X", "version": cert.n("version") + 1})
		done := clerk.want(http.StatusOK, "POST", hand(cert), body)
		if done.s("status") != "handed_over" || done.s("handed_by") != f.ClerkA.Login || done.n("version") != cert.n("version")+1 {
			t.Errorf("the handed-over line: %v", done)
		}
		clerk.want(http.StatusConflict, "POST", hand(cert), map[string]any{"handed_on": "2026-11-25", "handed_to": "X", "version": done.n("version")})

		out := clerk.want(http.StatusOK, "GET", "/api/v1/award-items", nil).list("items")
		if len(out) != 1 || out[0].o("decision").n("id") != decID || out[0].o("counts").n("handed") != 1 || out[0].o("counts").n("outstanding") != 1 {
			t.Errorf("the outstanding list: %v", out)
		}
		if out := clerkB.want(http.StatusOK, "GET", "/api/v1/award-items", nil).list("items"); len(out) != 0 {
			t.Errorf("commune B's outstanding list: %v", out)
		}
	})
}
