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

// A clerk cannot file a collective as another commune's unit: it would show in that
// commune's results.
func TestCollectiveUnitStaysInTheKeepersSubtree(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		before := auditCount(t, db)
		c := tdkt.CollectiveUnit{OrgID: f.CommuneA.ID, UnitOrgID: f.CommuneB.ID, Name: "Tổ dân phố 3"}
		err := f.Svc.SaveCollective(ctx, &f.ClerkA, &c)
		if tdkt.CodeOf(err) != tdkt.EInvalid || fieldsOf(err)["unit_org_id"] == "" {
			t.Fatalf("a collective as commune B's unit: %v, want invalid on unit_org_id", err)
		}
		c = tdkt.CollectiveUnit{OrgID: f.CommuneA.ID, UnitOrgID: f.Province.ID, Name: "Tổ dân phố 3"}
		if err := f.Svc.SaveCollective(ctx, &f.Admin, &c); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("a commune's collective as the province: %v, want invalid", err)
		}
		if got := auditCount(t, db); got != before {
			t.Fatalf("refused saves wrote %d audit events", got-before)
		}
		c = tdkt.CollectiveUnit{OrgID: f.CommuneA.ID, UnitOrgID: f.CommuneA.ID, Name: "Ủy ban nhân dân xã Đông Hòa"}
		if err := f.Svc.SaveCollective(ctx, &f.ClerkA, &c); err != nil {
			t.Fatalf("the commune as its own collective: %v", err)
		}
	})
}

// Names with a bidirectional override or a zero-width character are refused by the
// domain, whatever edge they come through.
func TestHiddenCharactersInNames(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		for _, name := range []string{"Nguyễn Văn \u202eA", "Trần\u200bThị B", "Lê\x00Văn C", "Phạm Văn\u2066 D"} {
			p := tdkt.Person{OrgID: f.CommuneA.ID, FullName: name, Sex: tdkt.Male, Group: tdkt.GroupOfficials}
			if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &p); tdkt.CodeOf(err) != tdkt.EInvalid || fieldsOf(err)["full_name"] == "" {
				t.Errorf("%q: %v, want invalid on full_name", name, err)
			}
		}
	})
}

// A viewer cannot queue a decision's certificates; a leader can, and queueing is audited.
func TestCertificateJobNeedsAnOffice(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, _, _ := decideSudden(t, p)
		if _, err := f.Svc.StartCertificatesJob(ctx, &f.ViewerA, d.ID, "http://127.0.0.1", false); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a viewer queues certificates: %v, want forbidden", err)
		}
		before := auditCount(t, db)
		id, err := f.Svc.StartCertificatesJob(ctx, &p.Leader, d.ID, "http://127.0.0.1", false)
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		db.View(ctx, func(tx *sqldb.Tx) error {
			n, err = tx.Int(ctx, `SELECT count(*) FROM audit_events WHERE action = 'queue' AND entity = 'job' AND entity_id = ?`, id)
			return err
		})
		if err != nil || n != 1 || auditCount(t, db) != before+1 {
			t.Errorf("queueing job %d: %d audit events (%v), total %d → %d", id, n, err, before, auditCount(t, db))
		}
	})
}

// A deleted rating is put back once, by the one who deleted it, within the window;
// another commune gets 404; the audit trail still verifies.
func TestUndoDelete(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}
		x := tdkt.YearRating{Subject: sub, Year: 2022, Rating: tdkt.RatingGood, Note: "Năm đầu"}
		if err := f.Svc.SaveRating(ctx, &f.ClerkA, &x); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.UndoDelete(ctx, &f.ClerkA, core.RatingRecord, x.ID); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("undoing a deletion that did not happen: %v", err)
		}
		if err := f.Svc.DeleteRecord(ctx, &f.ClerkA, core.RatingRecord, x.ID, x.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.UndoDelete(ctx, &f.ClerkB, core.RatingRecord, x.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another commune undoes: %v", err)
		}
		if _, err := f.Svc.UndoDelete(ctx, &f.AdminA, core.RatingRecord, x.ID); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("someone else undoes the clerk's deletion: %v", err)
		}
		back, err := f.Svc.UndoDelete(ctx, &f.ClerkA, core.RatingRecord, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, f.PersonA.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, r := range rec.Ratings {
			if r.ID == back && r.Year == 2022 && r.Note == "Năm đầu" {
				found++
			}
		}
		if found != 1 {
			t.Fatalf("the rating put back is %d times in the record", found)
		}
		if _, err := f.Svc.UndoDelete(ctx, &f.ClerkA, core.RatingRecord, x.ID); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("undoing twice: %v", err)
		}
		if _, err := f.Svc.VerifyAudit(ctx); err != nil {
			t.Errorf("the audit trail after an undo: %v", err)
		}
		// Past the window, the deletion stands.
		y := tdkt.YearRating{Subject: sub, Year: 2021, Rating: tdkt.RatingDone}
		if err := f.Svc.SaveRating(ctx, &f.ClerkA, &y); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.DeleteRecord(ctx, &f.ClerkA, core.RatingRecord, y.ID, y.Version); err != nil {
			t.Fatal(err)
		}
		f.Svc.Now = func() time.Time { return tdkttest.Now.Add(core.UndoWindow + time.Minute) }
		if _, err := f.Svc.UndoDelete(ctx, &f.ClerkA, core.RatingRecord, y.ID); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("undoing after the window: %v", err)
		}
	})
}
