package core_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The fixture's changes form a valid chain; changing one stored event, or removing
// the newest, is reported with the event's id.
func TestVerifyAuditFindsTampering(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		rep, err := f.Svc.VerifyAudit(ctx)
		if err != nil || int64(rep.Events) != auditCount(t, db) || rep.Events < 5 {
			t.Fatalf("fresh chain: checked %d of %d events, %v", rep.Events, auditCount(t, db), err)
		}
		var id int64
		if err := db.Update(ctx, func(tx *sqldb.Tx) (err error) {
			if id, err = tx.Int(ctx, `SELECT min(id) FROM audit_events WHERE action = 'create' AND entity = 'person'`); err != nil {
				return err
			}
			_, err = tx.Exec(ctx, `UPDATE audit_events SET actor = 'ai đó khác' WHERE id = ?`, id)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		_, err = f.Svc.VerifyAudit(ctx)
		if tdkt.CodeOf(err) != tdkt.EConflict || !strings.Contains(err.Error(), "audit event "+strconv.FormatInt(id, 10)+":") {
			t.Errorf("changed event %d: %v, want it reported", id, err)
		}
		// Put it back, then remove the newest event: the head no longer matches.
		if err := db.Update(ctx, func(tx *sqldb.Tx) error {
			if _, err := tx.Exec(ctx, `UPDATE audit_events SET actor = 'canbo.a' WHERE id = ?`, id); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)`)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "head") {
			t.Errorf("newest event removed: %v, want the head reported", err)
		}
	})
}
