package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tdkt/sqldb"
)

// checkAuditVerify runs tdkt audit verify on a database with events, then changes the
// newest event and expects the command to report it and fail.
func checkAuditVerify(t *testing.T, env map[string]string, url string) {
	t.Helper()
	out, e, err := runCmd(t, env, "", "audit", "verify")
	if err != nil || !strings.Contains(out, "toàn vẹn") || !regexp.MustCompile(`, [1-9]\d* điểm kiểm khớp, [1-9]\d{2,} bản ghi khớp`).MatchString(out) {
		t.Fatalf("audit verify: %v %q %s", err, out, e)
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkAuditAttacks(t, env, db)
	if err := db.Update(ctx, func(tx *sqldb.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE audit_events SET after_json = '{}' WHERE id = (SELECT max(id) FROM audit_events WHERE hash <> '')`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCmd(t, env, "", "audit", "verify")
	var code exitError
	if !errors.As(err, &code) || code != 1 || !strings.Contains(out, "sai lệch") {
		t.Errorf("audit verify of a changed event: %v %q", err, out)
	}
}

// checkShutdownCheckpoint expects the checkpoint a clean stop of tdkt serve writes,
// signed with the installation's key, and the database to verify clean against it.
func checkShutdownCheckpoint(t *testing.T, env map[string]string, file string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("checkpoint file after serve: %v", err)
	}
	if lines := strings.Count(string(b), "\n"); lines < 2 { // the chain's start, the stop
		t.Errorf("%d checkpoints after serve started and stopped, want 2 or more:\n%s", lines, b)
	}
}

// verifyFails runs tdkt audit verify and expects status 1 and want in its report.
func verifyFails(t *testing.T, env map[string]string, want string) {
	t.Helper()
	out, e, err := runCmd(t, env, "", "audit", "verify")
	var code exitError
	if !errors.As(err, &code) || code != 1 || !strings.Contains(out, "sai lệch") || !strings.Contains(out, want) {
		t.Errorf("audit verify: %v %q %s; want status 1 naming %q", err, out, e, want)
	}
}

// checkAuditAttacks makes each kind of tampering on a demo database (holding the
// database but not the key) and expects tdkt audit verify to report it; each is
// undone before the next, and the database verifies clean again at the end.
func checkAuditAttacks(t *testing.T, env map[string]string, db *sqldb.DB) {
	ctx := context.Background()
	must := func(query string, args ...any) {
		t.Helper()
		if err := db.Update(ctx, func(tx *sqldb.Tx) error { _, err := tx.Exec(ctx, query, args...); return err }); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	out, e, err := runCmd(t, env, "", "audit", "checkpoint")
	if err != nil || !strings.Contains(out, "Đã ghi điểm kiểm") {
		t.Fatalf("audit checkpoint: %v %q %s", err, out, e)
	}
	if out, e, err := runCmd(t, env, "", "audit", "pubkey"); err != nil || !strings.HasPrefix(out, "ed25519:") {
		t.Fatalf("audit pubkey: %v %q %s", err, out, e)
	}
	var name string
	var person int64
	if err := db.View(ctx, func(tx *sqldb.Tx) error {
		return tx.Get(ctx, "person", `SELECT id, full_name FROM people WHERE id = (SELECT min(id) FROM people)`, nil, &person, &name)
	}); err != nil {
		t.Fatal(err)
	}
	// A data row changed in SQL (the demo's people are written in bulk).
	must(`UPDATE people SET full_name = 'X' WHERE id = ?`, person)
	verifyFails(t, env, "person ")
	must(`UPDATE people SET full_name = ? WHERE id = ?`, name, person)

	// Another key; a checkpoint line changed by hand.
	wrong := map[string]string{}
	for k, v := range env {
		wrong[k] = v
	}
	wrong["TDKT_AUDIT_KEY_FILE"] = filepath.Join(t.TempDir(), "other.key")
	wrong["TDKT_AUDIT_CHECKPOINTS_FILE"] = filepath.Join(filepath.Dir(env["TDKT_AUDIT_KEY_FILE"]), "audit-checkpoints.jsonl")
	os.WriteFile(wrong["TDKT_AUDIT_KEY_FILE"], []byte("32 bytes that are another key..."), 0o600)
	verifyFails(t, wrong, "not by this key's")
	cps := wrong["TDKT_AUDIT_CHECKPOINTS_FILE"]
	saved, err := os.ReadFile(cps)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(cps, regexp.MustCompile(`"events":\d+`).ReplaceAll(saved, []byte(`"events":7`)), 0o600)
	verifyFails(t, env, "line 1: its HMAC does not match")
	os.WriteFile(cps, saved, 0o600)

	// The chain itself: kept aside, attacked three ways, put back each time.
	var head sqldb.AuditHead
	if err := db.View(ctx, func(tx *sqldb.Tx) (err error) { head, err = tx.AuditHead(ctx); return err }); err != nil {
		t.Fatal(err)
	}
	must(`CREATE TABLE audit_kept AS SELECT * FROM audit_events`)
	restore := func() {
		t.Helper()
		must(`DELETE FROM audit_events`)
		must(`INSERT INTO audit_events SELECT * FROM audit_kept`)
		must(`UPDATE audit_head SET hash = ?, mac = ?`, head.Hash, head.MAC)
	}
	// Blank every hash.
	must(`UPDATE audit_events SET hash = '', prev_hash = '', chain = 'sha256'`)
	must(`UPDATE audit_head SET hash = '', mac = ''`)
	verifyFails(t, env, "checkpoint of event")
	restore()
	// Delete the newest 50 events and reset the head to the new last.
	must(`DELETE FROM audit_events WHERE id > (SELECT max(id) - 50 FROM audit_kept)`)
	must(`UPDATE audit_head SET hash = (SELECT hash FROM audit_events WHERE id = (SELECT max(id) FROM audit_events))`)
	verifyFails(t, env, "no longer in the chain")
	restore()
	// Recompute the chain after an edit, without the key.
	var events []sqldb.ChainedEvent
	if err := db.View(ctx, func(tx *sqldb.Tx) error {
		return tx.EachAuditEvent(ctx, func(e sqldb.ChainedEvent) error { events = append(events, e); return nil })
	}); err != nil {
		t.Fatal(err)
	}
	prev := ""
	for i, e := range events {
		if i == len(events)/2 {
			e.After = `{"edited":true}`
		}
		h := sqldb.AuditHash(prev, &e.AuditEvent)
		must(`UPDATE audit_events SET after_json = ?, prev_hash = ?, hash = ?, chain = 'sha256' WHERE id = ?`, e.After, prev, h, e.ID)
		prev = h
	}
	must(`UPDATE audit_head SET hash = ?`, prev)
	verifyFails(t, env, "checkpoint of event")
	restore()
	must(`DROP TABLE audit_kept`)
	if out, e, err := runCmd(t, env, "", "audit", "verify"); err != nil {
		t.Fatalf("audit verify after putting everything back: %v %q %s", err, out, e)
	}
}
