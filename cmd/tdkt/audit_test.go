package main

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"tdkt/sqldb"
)

// checkAuditVerify runs tdkt audit verify on a database with events, then changes the
// newest event and expects the command to report it and fail.
func checkAuditVerify(t *testing.T, env map[string]string, url string) {
	t.Helper()
	out, e, err := runCmd(t, env, "", "audit", "verify")
	if err != nil || !strings.Contains(out, "toàn vẹn") {
		t.Fatalf("audit verify: %v %q %s", err, out, e)
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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
