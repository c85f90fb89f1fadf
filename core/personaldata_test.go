package core_test

import (
	"context"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The citizen ID is read only for a stated purpose, by those who keep records, and
// each read and export is in the audit trail with who and why (Law 91/2025/QH15).
func TestCitizenIDReadsAreLogged(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, f.PersonA.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Person.CCCD != "" || rec.CCCDMasked != "•••••••••345" {
			t.Fatalf("the record carries %q, masked %q", rec.Person.CCCD, rec.CCCDMasked)
		}
		logged := func() int64 {
			var n int64
			db.View(ctx, func(tx *sqldb.Tx) (err error) {
				n, err = tx.Int(ctx, `SELECT count(*) FROM audit_events WHERE entity = 'personal_data' AND entity_id = ?`, f.PersonA.ID)
				return err
			})
			return n
		}
		if _, err := f.Svc.RevealCCCD(ctx, &f.ViewerA, f.PersonA.ID, "Tra cứu thông tin"); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a viewer reads the citizen ID: %v", err)
		}
		if _, err := f.Svc.RevealCCCD(ctx, &f.ClerkB, f.PersonA.ID, "Tra cứu thông tin"); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another commune's clerk: %v", err)
		}
		if _, err := f.Svc.RevealCCCD(ctx, &f.ClerkA, f.PersonA.ID, ""); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("no purpose: %v", err)
		}
		if n := logged(); n != 0 {
			t.Fatalf("refused reads were logged: %d", n)
		}
		got, err := f.Svc.RevealCCCD(ctx, &f.ClerkA, f.PersonA.ID, core.CCCDPurposes[0])
		if err != nil || got != "001185012345" {
			t.Fatalf("read: %q %v", got, err)
		}
		out, err := f.Svc.ExportPersonalData(ctx, &f.ClerkA, f.PersonA.ID, "Yêu cầu của chính người có dữ liệu, đơn ngày 01/12/2026")
		if err != nil {
			t.Fatal(err)
		}
		if out.Person.CCCD != "001185012345" || len(out.Honours) != 1 || len(out.Ratings) != 3 || len(out.History) == 0 || out.Purpose == "" {
			t.Errorf("personal data: %+v", out)
		}
		if n := logged(); n != 2 {
			t.Errorf("logged reads and exports: %d, want 2", n)
		}
		// A form or client that never read the number keeps it.
		p := rec.Person
		p.Position, p.CCCD = "Phó Chủ tịch", core.KeepCCCD
		if err := f.Svc.UpdatePerson(ctx, &f.ClerkA, &p, ""); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.Svc.RevealCCCD(ctx, &f.ClerkA, f.PersonA.ID, core.CCCDPurposes[1]); got != "001185012345" {
			t.Errorf("after an update that kept it, the citizen ID is %q", got)
		}
	})
}
