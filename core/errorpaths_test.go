package core_test

import (
	"context"
	"strings"

	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// wantCode fails the test when err does not carry code; for Invalid it also wants
// a message on field.
func wantCode(t *testing.T, what string, err error, code tdkt.ErrorCode, field string) {
	t.Helper()
	if got := tdkt.CodeOf(err); got != code {
		t.Errorf("%s: %v (code %q), want %q", what, err, got, code)
		return
	}
	if field == "" {
		return
	}
	e, ok := err.(*tdkt.Error)
	if !ok || e.Fields[field] == "" {
		t.Errorf("%s: %v, want a message on field %q", what, err, field)
	}
}

// approvedMerit takes commune A's simplified proposal of Good1, on records, for the
// province's Bằng khen up to the province's approval, one step before the decision.
func approvedMerit(t *testing.T, p *procedure) tdkt.Dossier {
	t.Helper()
	ctx, f := p.ctx, p.Fixture
	d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindMerit,
		Year: 2025, PeriodFrom: 2024, Reason: "Hoàn thành xuất sắc nhiệm vụ hai năm 2024–2025"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID}, ""); err != nil {
		t.Fatal(err)
	}
	d = reload(t, f, &f.ClerkA, d.ID)
	if len(d.Candidates) != 1 || d.Candidates[0].Status != "eligible" {
		t.Fatalf("the candidate on records: %+v", d.Candidates)
	}
	p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
	p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
	p.step(t, &p.ProvClerk, &d, tdkt.ActAppraise, "")
	p.step(t, &p.ProvClerk, &d, tdkt.ActToCouncil, "")
	m, err := f.Svc.OpenMeeting(ctx, &p.ProvClerk, p.Council.ID, "2026-11-26", "Phòng họp số 1", []int64{d.ID})
	if err != nil {
		t.Fatal(err)
	}
	c := d.Candidates[0]
	for _, member := range p.Members {
		if member.Login == "hd10" { // from the candidate's commune
			err = f.Svc.Recuse(ctx, &member, m.ID, c.ID, "")
		} else {
			err = f.Svc.Vote(ctx, &member, m.ID, c.ID, true)
		}
		if err != nil {
			t.Fatalf("%s: %v", member.Login, err)
		}
	}
	if _, err := f.Svc.CloseMeeting(ctx, &p.Leader, m.ID, 1); err != nil {
		t.Fatal(err)
	}
	d = reload(t, f, &p.Leader, d.ID)
	p.step(t, &p.Leader, &d, tdkt.ActApprove, "")
	return d
}

// honoursOf counts a person's honours of one award.
func honoursOf(t *testing.T, p *procedure, personID int64, award string) int {
	t.Helper()
	rec, err := p.Svc.PersonRecord(p.ctx, &p.ClerkA, personID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, h := range rec.Honours {
		if h.AwardCode == award {
			n++
		}
	}
	return n
}

// Every refusal of Decide leaves the dossier approved at its version and confers
// nothing; a version from the future is as stale as one from the past.
func TestDecideRefusals(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d := approvedMerit(t, p)
		ok := core.DecisionInput{Number: "77/QĐ-UBND", Date: "2026-11-20", Signer: "Nguyễn Văn Chủ", Version: d.Version}
		with := func(change func(*core.DecisionInput)) core.DecisionInput {
			in := ok
			change(&in)
			return in
		}
		for _, c := range []struct {
			name  string
			actor *tdkt.Account
			in    core.DecisionInput
			code  tdkt.ErrorCode
			field string
		}{
			{"a clerk of the deciding level", &p.ProvClerk, ok, tdkt.EForbidden, ""},
			{"a council member", &p.Members[0], ok, tdkt.EForbidden, ""},
			{"another commune's clerk", &f.ClerkB, ok, tdkt.ENotFound, ""},
			{"an older version", &p.Leader, with(func(in *core.DecisionInput) { in.Version-- }), tdkt.EConflict, ""},
			{"a newer version", &p.Leader, with(func(in *core.DecisionInput) { in.Version++ }), tdkt.EConflict, ""},
			{"a date two days ahead", &p.Leader, with(func(in *core.DecisionInput) { in.Date = "2026-11-28" }), tdkt.EInvalid, "date"},
			{"a date that is not one", &p.Leader, with(func(in *core.DecisionInput) { in.Date = "20/11/2026" }), tdkt.EInvalid, "date"},
			{"no number", &p.Leader, with(func(in *core.DecisionInput) { in.Number = "" }), tdkt.EInvalid, "number"},
			{"no signer", &p.Leader, with(func(in *core.DecisionInput) { in.Signer = " " }), tdkt.EInvalid, "signer"},
		} {
			_, err := f.Svc.Decide(ctx, c.actor, d.ID, c.in)
			wantCode(t, c.name, err, c.code, c.field)
		}
		// The province approves a sudden proposal for the Prime Minister's Bằng khen:
		// its chairman may not confer it (Law 2022 Art 79), so the decision is refused.
		tt, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_thu_tuong", Kind: tdkt.KindSudden,
			Year: 2025, Simplified: true, Reason: "Dũng cảm cứu người trong lũ"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, tt.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good2.ID}, "Cứu năm người bị nước cuốn trôi ngày 10/9/2025"); err != nil {
			t.Fatal(err)
		}
		tt = reload(t, f, &f.ClerkA, tt.ID)
		p.step(t, &f.ClerkA, &tt, tdkt.ActSubmit, "")
		p.step(t, &p.ProvClerk, &tt, tdkt.ActReceive, "")
		p.step(t, &p.Leader, &tt, tdkt.ActApprove, "")
		_, err = f.Svc.Decide(ctx, &p.Leader, tt.ID, core.DecisionInput{Number: "78/QĐ-UBND", Date: "2026-11-20", Signer: "Nguyễn Văn Chủ", Version: tt.Version})
		wantCode(t, "the province decides the Prime Minister's Bằng khen", err, tdkt.EInvalid, "")
		if err == nil || !strings.Contains(err.Error(), "không có thẩm quyền") {
			t.Errorf("the refusal does not name the missing authority: %v", err)
		}
		if after := reload(t, f, &p.Leader, tt.ID); after.Status != tt.Status || after.Version != tt.Version {
			t.Errorf("the refused dossier is %s v%d, was %s v%d", after.Status, after.Version, tt.Status, tt.Version)
		}
		if n := honoursOf(t, p, p.Good2.ID, "bang_khen_thu_tuong"); n != 0 {
			t.Errorf("a decision without authority conferred %d honours", n)
		}

		// The candidate comes under disciplinary review after the approval: on the
		// decision date they are no longer eligible (Decree 152/2025 Art 4(4)).
		person := p.Good1
		person.UnderReview = true
		if err := f.Svc.UpdatePerson(ctx, &f.ClerkA, &person, ""); err != nil {
			t.Fatal(err)
		}
		_, err = f.Svc.Decide(ctx, &p.Leader, d.ID, ok)
		wantCode(t, "a candidate under review on the decision date", err, tdkt.EInvalid, "candidates")

		after := reload(t, f, &p.Leader, d.ID)
		if after.Status != d.Status || after.Version != d.Version {
			t.Errorf("after the refusals the dossier is %s v%d, was %s v%d", after.Status, after.Version, d.Status, d.Version)
		}
		if n := honoursOf(t, p, p.Good1.ID, "bang_khen_bo_tinh"); n != 0 {
			t.Errorf("refused decisions conferred %d honours", n)
		}
		// The same input, once the review is over, is accepted: the refusals above
		// were for their own reasons.
		person.UnderReview = false
		if err := f.Svc.UpdatePerson(ctx, &f.ClerkA, &person, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.Decide(ctx, &p.Leader, d.ID, ok); err != nil {
			t.Fatalf("the valid decision: %v", err)
		}
		if n := honoursOf(t, p, p.Good1.ID, "bang_khen_bo_tinh"); n != 1 {
			t.Errorf("the decision conferred %d honours, want 1", n)
		}
	})
}

// ApproveRanking belongs to a leader of the organising organisation: a leader of a
// member unit sees the ranking but may not approve it; a stale version conflicts.
func TestApproveRankingRefusals(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		cy := newClusterYear(t, db)
		ctx, id := cy.ctx, cy.Cluster.ID
		cy.scoreAll(t)
		memberLeader, err := cy.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: "giamdoc.s2", Name: "Giám đốc Sở Xây dựng",
			Password: tdkttest.Password, Role: tdkt.RoleLeader, OrgCode: cy.Depts[1].Code})
		if err != nil {
			t.Fatal(err)
		}
		r, err := cy.Svc.ClusterRanking(ctx, &memberLeader, id)
		if err != nil {
			t.Fatalf("a member's leader reads the ranking: %v", err)
		}
		if r.Organiser || r.CanApprove {
			t.Fatalf("a member's leader counts as organiser (%v) or approver (%v)", r.Organiser, r.CanApprove)
		}
		v := r.Cluster.Version
		_, err = cy.Svc.ApproveRanking(ctx, &memberLeader, id, v)
		wantCode(t, "a member unit's leader approves", err, tdkt.EForbidden, "")
		_, err = cy.Svc.ApproveRanking(ctx, &cy.Clerks[0], id, v)
		wantCode(t, "a member unit's clerk approves", err, tdkt.EForbidden, "")
		_, err = cy.Svc.ApproveRanking(ctx, &cy.ClerkA, id, v)
		wantCode(t, "a unit outside the cluster approves", err, tdkt.ENotFound, "")
		for _, stale := range []int{v - 1, v + 1} {
			_, err = cy.Svc.ApproveRanking(ctx, &cy.Leader, id, stale)
			wantCode(t, "approval at another version", err, tdkt.EConflict, "")
		}
		after, err := cy.Svc.GetCluster(ctx, &cy.Admin, id)
		if err != nil {
			t.Fatal(err)
		}
		if after.Cluster.Stage != tdkt.StageScoring || after.Cluster.Version != v || after.Cluster.ApprovedBy != "" {
			t.Errorf("after the refusals the cluster is %s v%d approved by %q, was %s v%d", after.Cluster.Stage, after.Cluster.Version, after.Cluster.ApprovedBy, tdkt.StageScoring, v)
		}
		if _, err := cy.Svc.ApproveRanking(ctx, &cy.Leader, id, v); err != nil {
			t.Fatalf("the organiser's leader approves: %v", err)
		}
	})
}

// Updating an organisation: one outside the actor's subtree is not found, a stale
// version conflicts, and neither changes it.
func TestSaveOrgUpdateRefusals(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		before, err := f.Svc.Org(ctx, &f.Admin, f.CommuneB.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		renamed := before
		renamed.Name = "Xã Đổi Tên"
		x := renamed
		wantCode(t, "commune A's administrator renames commune B", f.Svc.SaveOrg(ctx, &f.AdminA, &x), tdkt.ENotFound, "")
		x = renamed
		wantCode(t, "commune A's clerk renames commune B", f.Svc.SaveOrg(ctx, &f.ClerkA, &x), tdkt.ENotFound, "")
		for _, v := range []int{before.Version - 1, before.Version + 1} {
			x = renamed
			x.Version = v
			wantCode(t, "a rename at another version", f.Svc.SaveOrg(ctx, &f.Admin, &x), tdkt.EConflict, "")
		}
		after, err := f.Svc.Org(ctx, &f.Admin, f.CommuneB.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if after.Name != before.Name || after.Version != before.Version {
			t.Errorf("commune B after the refusals: %q v%d, was %q v%d", after.Name, after.Version, before.Name, before.Version)
		}
		x = renamed
		if err := f.Svc.SaveOrg(ctx, &f.Admin, &x); err != nil {
			t.Fatalf("the province renames its commune: %v", err)
		}
	})
}

// SaveHonour on a typed-in honour: another unit's is not found, a viewer may not
// write, a stale version conflicts, invalid input names its fields; none of them
// changes the record.
func TestSaveHonourRefusals(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		h := tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}, AwardCode: "giay_khen", Year: 2024, Kind: tdkt.KindMerit,
			Decision: tdkt.Decision{Number: "12/QĐ-UBND", Date: "2025-01-15", Issuer: f.CommuneA.Name}}
		if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &h); err != nil {
			t.Fatal(err)
		}
		read := func() tdkt.Honour {
			t.Helper()
			rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, f.PersonA.ID)
			if err != nil {
				t.Fatal(err)
			}
			var out []tdkt.Honour
			for _, g := range rec.Honours {
				if g.ID == h.ID {
					out = append(out, g)
				}
			}
			if len(out) != 1 {
				t.Fatalf("the honour is on the record %d times", len(out))
			}
			return out[0]
		}
		before := read()
		edit := before
		edit.Decision.Signer = "Trần Văn Ký"
		x := edit
		wantCode(t, "commune B's clerk", f.Svc.SaveHonour(ctx, &f.ClerkB, &x), tdkt.ENotFound, "")
		x = edit
		wantCode(t, "commune A's viewer", f.Svc.SaveHonour(ctx, &f.ViewerA, &x), tdkt.EForbidden, "")
		for _, v := range []int{before.Version - 1, before.Version + 1} {
			x = edit
			x.Version = v
			wantCode(t, "an edit at another version", f.Svc.SaveHonour(ctx, &f.ClerkA, &x), tdkt.EConflict, "")
		}
		for _, c := range []struct {
			field  string
			change func(*tdkt.Honour)
		}{
			{"award", func(x *tdkt.Honour) { x.AwardCode = "khong_co" }},
			{"decision_date", func(x *tdkt.Honour) { x.Decision.Date = "2026-12-25" }},
			{"decision_no", func(x *tdkt.Honour) { x.Decision.Number = "" }},
			{"period_from", func(x *tdkt.Honour) { x.PeriodFrom = x.Year + 1 }},
			{"amount_vnd", func(x *tdkt.Honour) { x.AmountVND = -1 }},
		} {
			x = edit
			c.change(&x)
			wantCode(t, "invalid "+c.field, f.Svc.SaveHonour(ctx, &f.ClerkA, &x), tdkt.EInvalid, c.field)
		}
		if after := read(); after.Version != before.Version || after.Decision != before.Decision || after.AwardCode != before.AwardCode || after.AmountVND != before.AmountVND {
			t.Errorf("the honour after the refusals: %+v, was %+v", after, before)
		}
		x = edit
		if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &x); err != nil {
			t.Fatalf("the valid edit: %v", err)
		}
	})
}

// A second revocation of the same certificate conflicts and keeps the first
// revocation's reason and time; a reason too short is a field error.
func TestRevokeTwiceConflicts(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, _, _ := decideSudden(t, p)
		_, certs, err := f.Svc.Certificates(ctx, &p.Leader, d.ID)
		if err != nil || len(certs) != 1 {
			t.Fatalf("certificates: %v, %d", err, len(certs))
		}
		_, err = f.Svc.Revoke(ctx, &p.Leader, certs[0].ID, "x")
		wantCode(t, "a revocation without its reason", err, tdkt.EInvalid, "reason")
		if c, err := f.Svc.Verify(ctx, certs[0].Token); err != nil || c.RevokedAt != "" {
			t.Fatalf("after a refused revocation: %+v %v", c, err)
		}
		first, err := f.Svc.Revoke(ctx, &p.Leader, certs[0].ID, "Khai man thành tích")
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.Svc.Revoke(ctx, &p.Leader, certs[0].ID, "Lý do khác của lần thứ hai")
		wantCode(t, "revoking twice", err, tdkt.EConflict, "")
		c, err := f.Svc.Verify(ctx, certs[0].Token)
		if err != nil {
			t.Fatal(err)
		}
		if c.RevokedAt == "" || c.RevokedAt != first.RevokedAt || c.RevokeReason != "Khai man thành tích" {
			t.Errorf("after the second revocation: revoked at %q for %q, want %q for %q", c.RevokedAt, c.RevokeReason, first.RevokedAt, "Khai man thành tích")
		}
	})
}

// ReviewRegistration: the level above accepts or returns; the unit itself, a viewer
// and another unit may not; a stale version or a second review conflicts; a return
// needs its note. Refusals leave the registration as it was.
func TestReviewRegistrationRefusals(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		provViewer, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: "xem.tinh", Name: "Người xem tỉnh", Password: tdkttest.Password, Role: tdkt.RoleViewer, OrgCode: "T01"})
		if err != nil {
			t.Fatal(err)
		}
		r, err := f.Svc.SaveRegistration(ctx, &f.ClerkA, core.RegistrationInput{OrgID: f.CommuneA.ID, Year: 2026, Target: "tap_the_lao_dong_tien_tien",
			People: []tdkt.RegisteredPerson{{PersonID: f.PersonA.ID, Award: "chien_si_thi_dua_co_so"}}})
		if err != nil {
			t.Fatal(err)
		}
		read := func() tdkt.Registration {
			t.Helper()
			v, err := f.Svc.Registrations(ctx, &f.Admin, 2026)
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Registrations) != 1 || v.Registrations[0].ID != r.ID {
				t.Fatalf("registrations of 2026: %+v", v.Registrations)
			}
			return v.Registrations[0]
		}
		before := read()
		if before.Status != tdkt.RegistrationSubmitted {
			t.Fatalf("a new registration is %s", before.Status)
		}
		for _, c := range []struct {
			name   string
			actor  *tdkt.Account
			id     int64
			accept bool
			note   string
			ver    int
			code   tdkt.ErrorCode
			field  string
		}{
			{"a registration that does not exist", &f.Admin, r.ID + 1000, true, "", r.Version, tdkt.ENotFound, ""},
			{"another commune's clerk", &f.ClerkB, r.ID, true, "", r.Version, tdkt.ENotFound, ""},
			{"the unit's own clerk", &f.ClerkA, r.ID, true, "", r.Version, tdkt.EForbidden, ""},
			{"a viewer of the province", &provViewer, r.ID, true, "", r.Version, tdkt.EForbidden, ""},
			{"an older version", &f.Admin, r.ID, true, "", r.Version - 1, tdkt.EConflict, ""},
			{"a newer version", &f.Admin, r.ID, true, "", r.Version + 1, tdkt.EConflict, ""},
			{"a return without its note", &f.Admin, r.ID, false, "  ", r.Version, tdkt.EInvalid, "note"},
		} {
			_, err := f.Svc.ReviewRegistration(ctx, c.actor, c.id, c.accept, c.note, c.ver)
			wantCode(t, c.name, err, c.code, c.field)
		}
		if after := read(); after.Status != before.Status || after.Version != before.Version || after.Note != before.Note {
			t.Errorf("after the refusals: %+v, was %+v", after, before)
		}
		accepted, err := f.Svc.ReviewRegistration(ctx, &f.Admin, r.ID, true, "", r.Version)
		if err != nil {
			t.Fatalf("the province accepts: %v", err)
		}
		_, err = f.Svc.ReviewRegistration(ctx, &f.Admin, r.ID, false, "Xem lại chỉ tiêu", accepted.Version)
		wantCode(t, "a second review", err, tdkt.EConflict, "")
		if after := read(); after.Status != tdkt.RegistrationAccepted || after.Version != accepted.Version {
			t.Errorf("after the second review: %+v", after)
		}
	})
}

// SaveDiscipline on an existing record: another unit's is not found, a viewer may
// not write, a stale version conflicts, invalid input names its fields.
func TestSaveDisciplineRefusals(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		x := tdkt.Discipline{PersonID: f.PersonA.ID, Form: tdkt.Reprimand, DecidedOn: "2024-03-01", EndsOn: "2025-03-01", DecisionNo: "5/QĐ-UBND", Reason: "Vi phạm giờ làm việc"}
		if err := f.Svc.SaveDiscipline(ctx, &f.ClerkA, &x); err != nil {
			t.Fatal(err)
		}
		read := func() tdkt.Discipline {
			t.Helper()
			rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, f.PersonA.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Discipline) != 1 || rec.Discipline[0].ID != x.ID {
				t.Fatalf("discipline on the record: %+v", rec.Discipline)
			}
			return rec.Discipline[0]
		}
		before := read()
		edit := before
		edit.Reason = "Vi phạm quy chế làm việc"
		try := func(actor *tdkt.Account, change func(*tdkt.Discipline)) error {
			y := edit
			change(&y)
			return f.Svc.SaveDiscipline(ctx, actor, &y)
		}
		same := func(*tdkt.Discipline) {}
		wantCode(t, "commune B's clerk", try(&f.ClerkB, same), tdkt.ENotFound, "")
		wantCode(t, "commune B's clerk adding to commune A's person", f.Svc.SaveDiscipline(ctx, &f.ClerkB,
			&tdkt.Discipline{PersonID: f.PersonA.ID, Form: tdkt.Warning, DecidedOn: "2025-01-01"}), tdkt.ENotFound, "")
		wantCode(t, "commune A's viewer", try(&f.ViewerA, same), tdkt.EForbidden, "")
		wantCode(t, "an older version", try(&f.ClerkA, func(y *tdkt.Discipline) { y.Version-- }), tdkt.EConflict, "")
		wantCode(t, "a newer version", try(&f.ClerkA, func(y *tdkt.Discipline) { y.Version++ }), tdkt.EConflict, "")
		wantCode(t, "no form", try(&f.ClerkA, func(y *tdkt.Discipline) { y.Form = "" }), tdkt.EInvalid, "form")
		wantCode(t, "ends before it is decided", try(&f.ClerkA, func(y *tdkt.Discipline) { y.EndsOn = "2024-01-01" }), tdkt.EInvalid, "ends_on")
		wantCode(t, "no decision date", try(&f.ClerkA, func(y *tdkt.Discipline) { y.DecidedOn = "" }), tdkt.EInvalid, "decided_on")
		if after := read(); after != before {
			t.Errorf("after the refusals: %+v, was %+v", after, before)
		}
		if err := try(&f.ClerkA, same); err != nil {
			t.Fatalf("the valid edit: %v", err)
		}
		if after := read(); after.Reason != edit.Reason || after.Version != before.Version+1 {
			t.Errorf("after the valid edit: %+v", after)
		}
	})
}
