package core_test

import (
	"context"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// chain drives dossiers through a national fixture with a clock it moves.
type chain struct {
	*tdkttest.National
	ctx context.Context
	now time.Time
}

func newChain(t *testing.T, db *sqldb.DB) *chain {
	n := tdkttest.NewNational(t, db)
	c := &chain{National: n, ctx: context.Background(), now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	n.Svc.Now = func() time.Time { return c.now }
	return c
}

func (c *chain) step(t *testing.T, actor *tdkt.Account, d *tdkt.Dossier, a tdkt.DossierAction, note string) {
	t.Helper()
	tdkttest.Step(t, c.Svc, actor, d, a, note)
}

// propose makes commune A's dossier for award with one candidate and submits it.
func (c *chain) propose(t *testing.T, award string, p tdkt.Person) tdkt.Dossier {
	t.Helper()
	d, err := c.Svc.CreateDossier(c.ctx, &c.ClerkA, core.DossierInput{OrgID: c.CommuneA.ID, Award: award, Year: 2025, PeriodFrom: 2021})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Svc.AddCandidate(c.ctx, &c.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.ID}, ""); err != nil {
		t.Fatal(err)
	}
	d = reload(t, c.Fixture, &c.ClerkA, d.ID)
	c.step(t, &c.ClerkA, &d, tdkt.ActSubmit, "")
	return d
}

// council puts the dossier before a council, every member votes yes, and the leader
// closes the meeting.
func (c *chain) council(t *testing.T, opener, closer *tdkt.Account, cl sqldb.Council, members []tdkt.Account, d *tdkt.Dossier) {
	t.Helper()
	c.step(t, opener, d, tdkt.ActToCouncil, "")
	tdkttest.CouncilPasses(t, c.Svc, opener, closer, cl, members, d)
}

// publish opens public comment and moves the clock past its end.
func (c *chain) publish(t *testing.T, actor *tdkt.Account, d *tdkt.Dossier) {
	t.Helper()
	c.step(t, actor, d, tdkt.ActPublish, "")
	c.now = c.now.AddDate(0, 0, 20)
}

func stepNames(ts []tdkt.Transition) map[tdkt.DossierAction]bool {
	out := map[tdkt.DossierAction]bool{}
	for _, t := range ts {
		out[t.Action] = true
	}
	return out
}

// A commune's Huân chương Lao động hạng Ba goes the whole chain inside one
// installation: the province's Sở Nội vụ works the provincial inbox, the central board
// returns it once, the province resends it, the centre publishes it, the Central
// Council votes, the board submits to the Prime Minister, the Prime Minister submits
// to the President, the board records the President's decision, and the award lands
// on the person's lifelong record, in the province's statistics and in the audit
// trail that verifies.
func TestStateAwardTravelsTheWholeChain(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		c := newChain(t, db)
		ctx := c.ctx
		before, err := c.Svc.Statistics(ctx, &c.Admin, "0602", 2026, c.Province.ID)
		if err != nil {
			t.Fatal(err)
		}
		total0, _ := before.Table.Cell("1", 0)

		d := c.propose(t, "huan_chuong_lao_dong_hang_ba", c.Worker)
		if d.HolderOrgID != c.Province.ID || d.SenderOrgID != c.CommuneA.ID {
			t.Fatalf("submitted: held by %d sent by %d, want the province from the commune", d.HolderOrgID, d.SenderOrgID)
		}
		// The provincial Sở Nội vụ works it; another department and another commune do not see it.
		for _, a := range []*tdkt.Account{&c.HealthClerk, &c.ClerkB, &c.BoardClerk} {
			if _, err := c.Svc.GetDossier(ctx, a, d.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
				t.Errorf("%s reads the province's dossier: %v", a.Login, err)
			}
		}
		c.step(t, &c.ProvClerk, &d, tdkt.ActReceive, "")
		c.step(t, &c.ProvClerk, &d, tdkt.ActAppraise, "")
		c.publish(t, &c.ProvClerk, &d)
		c.council(t, &c.ProvClerk, &c.ProvLeader, c.ProvCouncil, c.ProvMembers, &d)
		c.step(t, &c.ProvLeader, &d, tdkt.ActApprove, "")
		// The province may not decide a Huân chương; it forwards it.
		v, _ := c.Svc.GetDossier(ctx, &c.ProvLeader, d.ID)
		if s := stepNames(v.Steps); s[tdkt.ActDecide] || !s[tdkt.ActForward] {
			t.Errorf("the province's steps on an approved Huân chương: %v", s)
		}
		if _, err := c.Svc.Decide(ctx, &c.ProvLeader, d.ID, core.DecisionInput{Number: "1/QĐ-UBND", Date: "2026-03-30", Signer: "X", Version: d.Version}); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("the province decides a Huân chương: %v", err)
		}
		c.step(t, &c.ProvLeader, &d, tdkt.ActForward, "Tờ trình số 45/TTr-UBND")
		if d.HolderOrgID != c.Government.ID || d.SenderOrgID != c.Province.ID || d.Status != tdkt.DossierSubmitted {
			t.Fatalf("forwarded: %s held by %d sent by %d", d.Status, d.HolderOrgID, d.SenderOrgID)
		}
		// The central board's inbox holds it; the province's office no longer works it.
		box, err := c.Svc.Inbox(ctx, &c.BoardClerk)
		if err != nil || len(box.Items) != 1 || box.Items[0].Dossier.ID != d.ID {
			t.Fatalf("the board's inbox: %v %+v", err, box.Items)
		}
		if b, _ := c.Svc.Inbox(ctx, &c.ProvClerk); len(b.Items) != 0 {
			t.Errorf("the Sở Nội vụ still has %d items", len(b.Items))
		}
		// The board reads the dossier, not the province's records.
		if _, err := c.Svc.PersonRecord(ctx, &c.BoardClerk, c.Worker.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("the board reads the person's whole record: %v", err)
		}

		// Returned once, with its reason, to the province, which resends it.
		c.step(t, &c.BoardClerk, &d, tdkt.ActReceive, "")
		if d.DueOn == "" {
			t.Error("receiving sets no deadline for returning an incomplete dossier")
		}
		c.step(t, &c.BoardClerk, &d, tdkt.ActReturn, "Thiếu bản xác nhận sáng kiến")
		if d.HolderOrgID != c.Province.ID || d.Status != tdkt.DossierReturned {
			t.Fatalf("returned: %s held by %d", d.Status, d.HolderOrgID)
		}
		if v, _ := c.Svc.GetDossier(ctx, &c.ClerkA, d.ID); stepNames(v.Steps)[tdkt.ActResubmit] {
			t.Error("the commune may resend what the centre returned to the province")
		}
		c.step(t, &c.ProvClerk, &d, tdkt.ActResubmit, "Đã bổ sung bản xác nhận")
		if d.HolderOrgID != c.Government.ID || d.SenderOrgID != c.Province.ID {
			t.Fatalf("resent: held by %d sent by %d", d.HolderOrgID, d.SenderOrgID)
		}

		// The central procedure.
		c.step(t, &c.BoardClerk, &d, tdkt.ActReceive, "")
		c.step(t, &c.BoardClerk, &d, tdkt.ActAppraise, "")
		c.step(t, &c.BoardClerk, &d, tdkt.ActPublish, "")
		if open, err := c.Svc.OpenNominations(ctx); err != nil || len(open) != 1 || open[0].OrgName != c.Government.Name {
			t.Errorf("national public comment is not on the portal: %v %+v", err, open)
		}
		c.now = c.now.AddDate(0, 0, 20)
		c.council(t, &c.BoardClerk, &c.BoardLeader, c.CentralCouncil, c.CentralMembers, &d)
		if _, err := c.Svc.Step(ctx, &c.BoardClerk, d.ID, tdkt.ActApprove, d.Version, ""); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("the board's clerk signs the submission to the Prime Minister: %v", err)
		}
		c.step(t, &c.BoardLeader, &d, tdkt.ActApprove, "Tờ trình số 12/TTr-BNV")
		if got := tdkt.StatusLabelAt(d.Status, tdkt.LevelCentral); got != "Đã trình Thủ tướng Chính phủ" {
			t.Errorf("status at the centre: %q", got)
		}
		v, _ = c.Svc.GetDossier(ctx, &c.BoardLeader, d.ID)
		if s := stepNames(v.Steps); s[tdkt.ActDecide] || !s[tdkt.ActForward] {
			t.Errorf("the Prime Minister decides a Huân chương: %v", s)
		}
		c.step(t, &c.BoardLeader, &d, tdkt.ActForward, "Tờ trình số 88/TTr-TTg")
		if v, _ := c.Svc.GetDossier(ctx, &c.BoardLeader, d.ID); v.Events[len(v.Events)-1].Label != "Trình Chủ tịch nước (tờ trình của Thủ tướng Chính phủ)" ||
			v.Events[len(v.Events)-2].Label != "Trình Thủ tướng Chính phủ" {
			t.Errorf("the history names the central steps: %+v", v.Events[len(v.Events)-2:])
		}
		if d.HolderOrgID != c.President.ID || d.Status != tdkt.DossierSubmitted {
			t.Fatalf("submitted to the President: %s held by %d", d.Status, d.HolderOrgID)
		}
		v, _ = c.Svc.GetDossier(ctx, &c.BoardLeader, d.ID)
		if s := stepNames(v.Steps); !s[tdkt.ActDecide] || !s[tdkt.ActRefuse] || s[tdkt.ActReceive] {
			t.Errorf("steps at the President's level: %v", s)
		}
		c.now = c.now.AddDate(0, 0, 10)
		dec, err := c.Svc.Decide(ctx, &c.BoardLeader, d.ID, core.DecisionInput{Number: "1234/QĐ-CTN", Date: c.now.Format(time.DateOnly),
			Signer: "Lương Cường", SignerTitle: "Chủ tịch nước", Version: d.Version})
		if err != nil {
			t.Fatalf("recording the President's decision: %v", err)
		}
		if dec.OrgID != c.President.ID || dec.Issuer != "Chủ tịch nước" {
			t.Errorf("decision issued by %d %q", dec.OrgID, dec.Issuer)
		}

		// The result is home: the person's record at the province holds the award.
		rec, err := c.Svc.PersonRecord(ctx, &c.ClerkA, c.Worker.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range rec.Honours {
			if h.AwardCode == "huan_chuong_lao_dong_hang_ba" && h.Decision.Number == "1234/QĐ-CTN" && h.DecisionID == dec.ID {
				found = true
			}
		}
		if !found {
			t.Errorf("the person's record lacks the Huân chương: %+v", rec.Honours)
		}
		after, err := c.Svc.Statistics(ctx, &c.Admin, "0602", 2026, c.Province.ID)
		if err != nil {
			t.Fatal(err)
		}
		if total, _ := after.Table.Cell("1", 0); total != total0+1 {
			t.Errorf("0602 of the province: %d, want %d", total, total0+1)
		}
		// The commune passes the decision on within its deadline.
		d = reload(t, c.Fixture, &c.ClerkA, d.ID)
		if d.Status != tdkt.DossierDecided || d.DueOn == "" {
			t.Fatalf("decided: %s due %q", d.Status, d.DueOn)
		}
		box, _ = c.Svc.Inbox(ctx, &c.ClerkA)
		if len(box.Items) != 1 || !stepNames(box.Items[0].Steps)[tdkt.ActPassOn] {
			t.Fatalf("the commune's inbox after the decision: %+v", box.Items)
		}
		c.step(t, &c.ClerkA, &d, tdkt.ActPassOn, "Đã trao tại hội nghị tổng kết")
		if d.DueOn != "" {
			t.Errorf("passed on, the deadline stays: %q", d.DueOn)
		}
		if _, err := c.Svc.Step(ctx, &c.ClerkA, d.ID, tdkt.ActPassOn, d.Version, ""); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("passing on twice: %v", err)
		}
		if rep, err := c.Svc.VerifyAudit(ctx); err != nil || rep.Events == 0 {
			t.Errorf("audit: %v %+v", err, rep)
		}
	})
}

// The Prime Minister's own award stops at the Government: the board submits, records
// the Prime Minister's decision; a refusal is recorded with its reason.
func TestPrimeMinistersAwardAndRefusal(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		c := newChain(t, db)
		ctx := c.ctx
		toCentre := func(p tdkt.Person, award string) tdkt.Dossier {
			d := c.propose(t, award, p)
			c.step(t, &c.ProvClerk, &d, tdkt.ActReceive, "")
			c.step(t, &c.ProvClerk, &d, tdkt.ActAppraise, "")
			if tdkt.NeedsPublicComment(award) {
				c.publish(t, &c.ProvClerk, &d)
			}
			c.council(t, &c.ProvClerk, &c.ProvLeader, c.ProvCouncil, c.ProvMembers, &d)
			c.step(t, &c.ProvLeader, &d, tdkt.ActApprove, "")
			c.step(t, &c.ProvLeader, &d, tdkt.ActForward, "")
			c.step(t, &c.BoardClerk, &d, tdkt.ActReceive, "")
			c.step(t, &c.BoardClerk, &d, tdkt.ActAppraise, "")
			if tdkt.NeedsPublicComment(award) {
				c.publish(t, &c.BoardClerk, &d)
			}
			c.council(t, &c.BoardClerk, &c.BoardLeader, c.CentralCouncil, c.CentralMembers, &d)
			c.step(t, &c.BoardLeader, &d, tdkt.ActApprove, "")
			return d
		}
		d := toCentre(c.Officer, "bang_khen_thu_tuong")
		v, _ := c.Svc.GetDossier(ctx, &c.BoardLeader, d.ID)
		if s := stepNames(v.Steps); !s[tdkt.ActDecide] || s[tdkt.ActForward] {
			t.Errorf("steps on the Prime Minister's award: %v", s)
		}
		if _, err := c.Svc.Step(ctx, &c.BoardLeader, d.ID, tdkt.ActForward, d.Version, ""); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("forwarding what the Prime Minister confers: %v", err)
		}
		// A clerk of the board does not record decisions; a leader of a province does not reach them.
		in := core.DecisionInput{Number: "556/QĐ-TTg", Date: c.now.Format(time.DateOnly), Signer: "Phạm Minh Chính", SignerTitle: "Thủ tướng Chính phủ", Version: d.Version}
		if _, err := c.Svc.Decide(ctx, &c.BoardClerk, d.ID, in); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("the board's clerk records the decision: %v", err)
		}
		if _, err := c.Svc.Decide(ctx, &c.ProvLeader, d.ID, in); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("the province's leader records the Prime Minister's decision: %v", err)
		}
		dec, err := c.Svc.Decide(ctx, &c.BoardLeader, d.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if dec.OrgID != c.Government.ID || dec.Issuer != c.Government.Name {
			t.Errorf("issued by %d %q", dec.OrgID, dec.Issuer)
		}

		// The President refuses the other; the reason stays on the dossier.
		r := toCentre(c.Worker, "huan_chuong_lao_dong_hang_ba")
		c.step(t, &c.BoardLeader, &r, tdkt.ActForward, "")
		if _, err := c.Svc.Step(ctx, &c.BoardLeader, r.ID, tdkt.ActRefuse, r.Version, " "); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a refusal without a reason: %v", err)
		}
		c.step(t, &c.BoardLeader, &r, tdkt.ActRefuse, "Chủ tịch nước không đồng ý khen thưởng (Thông báo số 7/TB-VPCTN)")
		v, err = c.Svc.GetDossier(ctx, &c.ClerkA, r.ID)
		if err != nil || v.Dossier.Status != tdkt.DossierRefused {
			t.Fatalf("the commune reads the refusal: %v %s", err, v.Dossier.Status)
		}
		last := v.Events[len(v.Events)-1]
		if last.Action != tdkt.ActRefuse || last.Note == "" {
			t.Errorf("the refusal's event: %+v", last)
		}
	})
}
