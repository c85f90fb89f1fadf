package core_test

import (
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The provincial Department of Home Affairs, named the standing office of the People's
// Committee, works the province's inbox: its clerk receives, appraises and returns
// what the communes send. A clerk of another department, or of a commune, still
// gets 404; the office does not see the province's people; and it cannot name itself.
func TestStandingOfficeWorksTheProvincialInbox(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		snv := tdkt.Org{Code: "T01-SNV", Name: "Sở Nội vụ", Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
		syt := tdkt.Org{Code: "T01-SYT", Name: "Sở Y tế", Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
		for _, o := range []*tdkt.Org{&snv, &syt} {
			if err := f.Svc.SaveOrg(ctx, &f.Admin, o); err != nil {
				t.Fatal(err)
			}
		}
		acct := func(login string, role tdkt.Role, org string) tdkt.Account {
			a, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: login, Password: tdkttest.Password, Role: role, OrgCode: org})
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		snvAdmin := acct("quantri.snv", tdkt.RoleAdmin, "T01-SNV")
		// The office cannot name itself; the province can.
		self := snv
		self.StandingFor = f.Province.ID
		if err := f.Svc.SaveOrg(ctx, &snvAdmin, &self); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("the office names itself: %v, want forbidden", err)
		}
		named := snv
		named.StandingFor = f.Province.ID
		if err := f.Svc.SaveOrg(ctx, &f.Admin, &named); err != nil {
			t.Fatalf("the province names its standing office: %v", err)
		}
		wrong := syt
		wrong.StandingFor = f.CommuneA.ID // not above it
		if err := f.Svc.SaveOrg(ctx, &f.Admin, &wrong); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a standing office for a unit not above it: %v", err)
		}
		snvClerk := acct("canbo.snv", tdkt.RoleClerk, "T01-SNV")
		sytClerk := acct("canbo.syt", tdkt.RoleClerk, "T01-SYT")
		if snvClerk.ActsFor != f.Province.ID {
			t.Fatalf("the office's clerk acts for %d, want the province %d", snvClerk.ActsFor, f.Province.ID)
		}

		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID}, ""); err != nil {
			t.Fatal(err)
		}
		d = reload(t, f, &f.ClerkA, d.ID)
		if box, err := f.Svc.Inbox(ctx, &snvClerk); err != nil || len(box.Items) != 0 {
			t.Fatalf("a draft in the office's inbox: %v %d", err, len(box.Items))
		}
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		box, err := f.Svc.Inbox(ctx, &snvClerk)
		if err != nil || len(box.Items) != 1 || box.Items[0].Dossier.ID != d.ID {
			t.Fatalf("the office's inbox: %v %+v", err, box.Items)
		}
		for _, a := range []*tdkt.Account{&sytClerk, &f.ClerkB} {
			if _, err := f.Svc.GetDossier(ctx, a, d.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
				t.Errorf("%s reads the province's dossier: %v", a.Login, err)
			}
			if b, _ := f.Svc.Inbox(ctx, a); len(b.Items) != 0 {
				t.Errorf("%s has %d items", a.Login, len(b.Items))
			}
		}
		p.step(t, &snvClerk, &d, tdkt.ActReceive, "")
		p.step(t, &snvClerk, &d, tdkt.ActAppraise, "")
		p.step(t, &snvClerk, &d, tdkt.ActReturn, "Bổ sung xác nhận sáng kiến")
		if d.Status != tdkt.DossierReturned || d.HolderOrgID != f.CommuneA.ID {
			t.Fatalf("after the return: %s held by %d", d.Status, d.HolderOrgID)
		}
		// Returned to the commune, the dossier is no longer the office's.
		if _, err := f.Svc.GetDossier(ctx, &snvClerk, d.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("the office still reads a dossier the commune holds: %v", err)
		}
		p.step(t, &f.ClerkA, &d, tdkt.ActResubmit, "Đã bổ sung")
		p.step(t, &snvClerk, &d, tdkt.ActReceive, "")
		// Approving is the level's leaders', not its office's.
		if _, err := f.Svc.Step(ctx, &snvClerk, d.ID, tdkt.ActRefuse, d.Version, "Không đủ"); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("the office refuses for the province: %v", err)
		}
		// The office opens the level's dossiers, not its subtree's records.
		if _, err := f.Svc.PersonRecord(ctx, &snvClerk, p.Good1.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("the office reads a commune's person: %v", err)
		}
	})
}
