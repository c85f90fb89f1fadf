package core_test

import (
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// itemsOf reads a decision's items as actor and fails the test on an error.
func itemsOf(t *testing.T, p *procedure, actor *tdkt.Account, decisionID int64) core.DecisionItems {
	t.Helper()
	d, err := p.Svc.AwardItems(p.ctx, actor, decisionID)
	if err != nil {
		t.Fatalf("items as %s: %v", actor.Login, err)
	}
	return d
}

// lineOf is the line of the first awardee's item of kind k.
func lineOf(t *testing.T, d core.DecisionItems, k tdkt.ItemKind) sqldb.AwardItem {
	t.Helper()
	if len(d.Awardees) == 0 {
		t.Fatal("no awardee")
	}
	for _, l := range d.Awardees[0].Items {
		if l.Kind == k {
			return l
		}
	}
	t.Fatalf("no %s line in %+v", k, d.Awardees[0].Items)
	return sqldb.AwardItem{}
}

func wantCounts(t *testing.T, what string, got, want core.ItemCounts) {
	t.Helper()
	if got != want {
		t.Errorf("%s: counts %+v, want %+v", what, got, want)
	}
}

// A decision's items are seen and recorded by the offices whose subtree holds the
// awardee: another commune's clerk gets 404, a viewer reads but may not write.
func TestAwardItemsScopeAndRoles(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		_, dec, h := decideSudden(t, p)
		for _, a := range []*tdkt.Account{&f.ClerkA, &f.ViewerA, &p.ProvClerk, &p.Leader} {
			d := itemsOf(t, p, a, dec.ID)
			if len(d.Awardees) != 1 || d.Awardees[0].HonourID != h.ID || d.Awardees[0].Name != "Lê Thị Mai" {
				t.Errorf("%s sees the awardees %+v", a.Login, d.Awardees)
			}
			if got := d.Kinds; len(got) != 2 || got[0] != tdkt.ItemCertificate || got[1] != tdkt.ItemFrame {
				t.Errorf("a Bằng khen comes with %v, want the certificate and its frame", got)
			}
		}
		if _, err := f.Svc.AwardItems(ctx, &f.ClerkB, dec.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("commune B's clerk reads commune A's items: %v, want not found", err)
		}
		if _, err := f.Svc.AwardItems(ctx, &f.ClerkA, dec.ID+100); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("a decision that does not exist: %v", err)
		}
		if _, err := f.Svc.ReceiveAwardItems(ctx, &f.ClerkB, dec.ID, "2026-11-21", []string{"bang"}); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("commune B's clerk records commune A's receipt: %v, want not found", err)
		}
		// Scope comes before the form: another commune's empty form is still a 404.
		if _, err := f.Svc.ReceiveAwardItems(ctx, &f.ClerkB, dec.ID, "", nil); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("commune B's clerk with an empty form: %v, want not found", err)
		}
		for _, a := range []*tdkt.Account{&f.ViewerA, &p.Leader} {
			if _, err := f.Svc.ReceiveAwardItems(ctx, a, dec.ID, "2026-11-21", []string{"bang"}); tdkt.CodeOf(err) != tdkt.EForbidden {
				t.Errorf("%s records a receipt: %v, want forbidden", a.Login, err)
			}
		}
		if n, err := f.Svc.ReceiveAwardItems(ctx, &f.ClerkA, dec.ID, "2026-11-21", []string{"bang"}); err != nil || n != 1 {
			t.Fatalf("commune A's clerk records the receipt: %d, %v", n, err)
		}
		line := lineOf(t, itemsOf(t, p, &f.ClerkA, dec.ID), tdkt.ItemCertificate)
		if line.ReceivedBy != f.ClerkA.Login || line.KeeperOrgID != f.CommuneA.ID || line.KeeperName != f.CommuneA.Name {
			t.Errorf("the received line: %+v", line)
		}
		if _, err := f.Svc.HandOverAwardItem(ctx, &f.ClerkB, line.ID, line.Version, "2026-11-25", "Lê Thị Mai", ""); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("commune B's clerk hands commune A's item over: %v, want not found", err)
		}
		if _, err := f.Svc.HandOverAwardItem(ctx, &f.ViewerA, line.ID, line.Version, "2026-11-25", "Lê Thị Mai", ""); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a viewer hands an item over: %v, want forbidden", err)
		}
		if out, err := f.Svc.OutstandingAwardItems(ctx, &f.ClerkB); err != nil || len(out) != 0 {
			t.Errorf("commune B's outstanding list holds commune A's decision: %+v %v", out, err)
		}
	})
}

// A receipt names a real day between the decision and today and the kinds the award
// comes with, and is recorded once; the counts follow.
func TestReceiveAwardItems(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		_, dec, _ := decideSudden(t, p)
		wantCounts(t, "before any receipt", itemsOf(t, p, &f.ClerkA, dec.ID).Totals, core.ItemCounts{Due: 2, Outstanding: 2, NotReceived: 2})
		for _, c := range []struct {
			on, field string
			kinds     []string
		}{
			{"2026-11-19", "received_on", []string{"bang"}}, // before the decision of 20/11/2026
			{"2026-11-27", "received_on", []string{"bang"}}, // the fixture's today is 26/11/2026
			{"21/11/2026", "received_on", []string{"bang"}},
			{"2026-11-21", "kinds", nil},
			{"2026-11-21", "kinds", []string{"huan_chuong"}}, // a Bằng khen has no medal
			{"2026-11-21", "kinds", []string{"ghe"}},
		} {
			_, err := f.Svc.ReceiveAwardItems(ctx, &f.ClerkA, dec.ID, c.on, c.kinds)
			var e *tdkt.Error
			if tdkt.CodeOf(err) != tdkt.EInvalid || !asError(err, &e) || e.Fields[c.field] == "" {
				t.Errorf("receipt on %s of %v: %v, want a message on %s", c.on, c.kinds, err, c.field)
			}
		}
		wantCounts(t, "after refused receipts", itemsOf(t, p, &f.ClerkA, dec.ID).Totals, core.ItemCounts{Due: 2, Outstanding: 2, NotReceived: 2})
		if n, err := f.Svc.ReceiveAwardItems(ctx, &f.ClerkA, dec.ID, "2026-11-20", []string{"bang", "bang"}); err != nil || n != 1 {
			t.Fatalf("receipt on the decision's day: %d %v", n, err)
		}
		d := itemsOf(t, p, &f.ClerkA, dec.ID)
		wantCounts(t, "certificates received", d.Totals, core.ItemCounts{Due: 2, Received: 1, Outstanding: 2, NotReceived: 1})
		if k := d.ByKind[0]; k.Kind != tdkt.ItemCertificate || k.Received != 1 || len(k.ReceivedOn) != 1 || k.ReceivedOn[0] != "2026-11-20" {
			t.Errorf("the certificates' counts: %+v", k)
		}
		if l := lineOf(t, d, tdkt.ItemFrame); l.ID == 0 || l.ReceivedOn != "" {
			t.Errorf("the frame not yet received: %+v", l)
		}
		for _, kinds := range [][]string{{"bang"}, {"khung", "bang"}} {
			if _, err := f.Svc.ReceiveAwardItems(ctx, &f.ClerkA, dec.ID, "2026-11-24", kinds); tdkt.CodeOf(err) != tdkt.EConflict {
				t.Errorf("receiving %v again: %v, want conflict", kinds, err)
			}
		}
		// The province's office records the rest: its subtree holds commune A.
		if n, err := f.Svc.ReceiveAwardItems(ctx, &p.ProvClerk, dec.ID, "2026-11-26", []string{"khung"}); err != nil || n != 1 {
			t.Fatalf("the frames: %d %v", n, err)
		}
		d = itemsOf(t, p, &f.ClerkA, dec.ID)
		wantCounts(t, "everything received", d.Totals, core.ItemCounts{Due: 2, Received: 2, Outstanding: 2})
		if l := lineOf(t, d, tdkt.ItemFrame); l.ReceivedOn != "2026-11-26" || l.ReceivedBy != p.ProvClerk.Login || l.KeeperOrgID != f.Province.ID {
			t.Errorf("the frame's line: %+v", l)
		}
		n, err := db.Raw().QueryContext(ctx, `SELECT count(*) FROM audit_events WHERE entity = 'award_items' AND action = 'receive'`)
		if err != nil {
			t.Fatal(err)
		}
		defer n.Close()
		var events int
		for n.Next() {
			n.Scan(&events)
		}
		if events != 2 {
			t.Errorf("%d receipts audited, want 2", events)
		}
	})
}

// An item is handed over once, after it arrived, on a day between its receipt and
// today, to someone named, at the version read; the counts and the outstanding list
// follow.
func TestHandOverAwardItem(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		_, dec, _ := decideSudden(t, p)
		if _, err := f.Svc.ReceiveAwardItems(ctx, &f.ClerkA, dec.ID, "2026-11-23", []string{"bang"}); err != nil {
			t.Fatal(err)
		}
		d := itemsOf(t, p, &f.ClerkA, dec.ID)
		frame, cert := lineOf(t, d, tdkt.ItemFrame), lineOf(t, d, tdkt.ItemCertificate)
		if _, err := f.Svc.HandOverAwardItem(ctx, &f.ClerkA, frame.ID, frame.Version, "2026-11-25", "Lê Thị Mai", ""); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("handing over a frame not received: %v, want conflict", err)
		}
		for _, c := range []struct{ on, to, field string }{
			{"2026-11-22", "Lê Thị Mai", "handed_on"}, // before the receipt of 23/11
			{"2026-11-27", "Lê Thị Mai", "handed_on"}, // after today
			{"", "Lê Thị Mai", "handed_on"},
			{"2026-11-25", "  ", "handed_to"},
		} {
			_, err := f.Svc.HandOverAwardItem(ctx, &f.ClerkA, cert.ID, cert.Version, c.on, c.to, "")
			var e *tdkt.Error
			if tdkt.CodeOf(err) != tdkt.EInvalid || !asError(err, &e) || e.Fields[c.field] == "" {
				t.Errorf("hand-over on %q to %q: %v, want a message on %s", c.on, c.to, err, c.field)
			}
		}
		if _, err := f.Svc.HandOverAwardItem(ctx, &f.ClerkA, cert.ID, cert.Version+1, "2026-11-25", "Lê Thị Mai", ""); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("a stale version: %v, want conflict", err)
		}
		out, err := f.Svc.OutstandingAwardItems(ctx, &f.ClerkA)
		if err != nil || len(out) != 1 || out[0].Decision.ID != dec.ID || out[0].Outstanding != 2 || out[0].Received != 1 || out[0].Awardees != 1 {
			t.Fatalf("outstanding before the hand-over: %+v %v", out, err)
		}
		got, err := f.Svc.HandOverAwardItem(ctx, &f.ClerkA, cert.ID, cert.Version, "2026-11-25", "Nguyễn Văn Bình (chồng, nhận thay)", "Trao tại hội nghị tổng kết")
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != cert.Version+1 || got.HandedBy != f.ClerkA.Login || got.HandedTo != "Nguyễn Văn Bình (chồng, nhận thay)" {
			t.Errorf("the line handed over: %+v", got)
		}
		if _, err := f.Svc.HandOverAwardItem(ctx, &f.ClerkA, cert.ID, got.Version, "2026-11-26", "Lê Thị Mai", ""); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("handing over twice: %v, want conflict", err)
		}
		d = itemsOf(t, p, &f.ClerkA, dec.ID)
		wantCounts(t, "one handed over", d.Totals, core.ItemCounts{Due: 2, Received: 1, Handed: 1, Outstanding: 1, NotReceived: 1})
		if l := lineOf(t, d, tdkt.ItemCertificate); l.HandedOn != "2026-11-25" || l.Note != "Trao tại hội nghị tổng kết" {
			t.Errorf("the certificate's line: %+v", l)
		}
		if _, err := f.Svc.ReceiveAwardItems(ctx, &f.ClerkA, dec.ID, "2026-11-25", []string{"khung"}); err != nil {
			t.Fatal(err)
		}
		frame = lineOf(t, itemsOf(t, p, &f.ClerkA, dec.ID), tdkt.ItemFrame)
		if _, err := f.Svc.HandOverAwardItem(ctx, &p.ProvClerk, frame.ID, frame.Version, "2026-11-26", "Lê Thị Mai", ""); err != nil {
			t.Fatalf("the province's clerk hands the frame over: %v", err)
		}
		wantCounts(t, "all delivered", itemsOf(t, p, &f.ClerkA, dec.ID).Totals, core.ItemCounts{Due: 2, Received: 2, Handed: 2})
		if out, err := f.Svc.OutstandingAwardItems(ctx, &f.ClerkA); err != nil || len(out) != 0 {
			t.Errorf("outstanding after delivery: %+v %v", out, err)
		}
	})
}

// A revoked honour shows as revoked, counts for nothing, and its items are not
// handed over; with every awardee revoked there is nothing to receive.
func TestAwardItemsOfARevokedHonour(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, dec, _ := decideSudden(t, p)
		if _, err := f.Svc.ReceiveAwardItems(ctx, &f.ClerkA, dec.ID, "2026-11-23", []string{"bang", "khung"}); err != nil {
			t.Fatal(err)
		}
		cert := lineOf(t, itemsOf(t, p, &f.ClerkA, dec.ID), tdkt.ItemCertificate)
		_, certs, err := f.Svc.Certificates(ctx, &p.Leader, d.ID)
		if err != nil || len(certs) != 1 {
			t.Fatalf("certificates: %+v %v", certs, err)
		}
		if _, err := f.Svc.Revoke(ctx, &p.Leader, certs[0].ID, "Khai man thành tích cứu người"); err != nil {
			t.Fatal(err)
		}
		items := itemsOf(t, p, &f.ClerkA, dec.ID)
		if items.Revoked != 1 || !items.Awardees[0].Revoked || !lineOf(t, items, tdkt.ItemCertificate).Revoked {
			t.Errorf("the revoked awardee: %+v", items.Awardees)
		}
		wantCounts(t, "revoked", items.Totals, core.ItemCounts{})
		if _, err := f.Svc.HandOverAwardItem(ctx, &f.ClerkA, cert.ID, cert.Version, "2026-11-25", "Lê Thị Mai", ""); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("handing over a revoked award's item: %v, want conflict", err)
		}
		if out, err := f.Svc.OutstandingAwardItems(ctx, &f.ClerkA); err != nil || len(out) != 0 {
			t.Errorf("a revoked decision is outstanding: %+v %v", out, err)
		}
	})
}

// Receiving is refused when every awardee's honour was revoked before the items came.
func TestReceiveAfterRevocation(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, dec, _ := decideSudden(t, p)
		_, certs, err := f.Svc.Certificates(ctx, &p.Leader, d.ID)
		if err != nil || len(certs) != 1 {
			t.Fatalf("certificates: %+v %v", certs, err)
		}
		if _, err := f.Svc.Revoke(ctx, &p.Leader, certs[0].ID, "Khai man thành tích cứu người"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.ReceiveAwardItems(ctx, &f.ClerkA, dec.ID, "2026-11-23", []string{"bang"}); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("receiving the items of a revoked award: %v, want conflict", err)
		}
	})
}
