package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdkt/pades"
	"tdkt/sqldb"
)

// checkSignatures follows tdkt demo: it made the installation's demo certificate (the
// PKCS#12 file and its password beside the audit key, readable by the owner only),
// installed its root and sealed the province's decisions; tdkt verify prints one JSON
// line per file and agrees.
func checkSignatures(t *testing.T, env map[string]string, url string) {
	t.Helper()
	dir := filepath.Dir(env["TDKT_AUDIT_KEY_FILE"])
	for _, name := range []string{"signing.p12", "signing.password"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", name, err, st)
		}
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	var signed, issued []byte
	err = db.View(ctx, func(tx *sqldb.Tx) error {
		return tx.Get(ctx, "quyết định", `SELECT signed, issued FROM signed_documents WHERE kind = 'decision' AND signed IS NOT NULL ORDER BY id LIMIT 1`,
			nil, &signed, &issued)
	})
	db.Close()
	if err != nil {
		t.Fatalf("the demo has no signed decision: %v", err)
	}
	tmp := t.TempDir()
	files := map[string][]byte{"signed.pdf": signed, "unsigned.pdf": issued, "tampered.pdf": append([]byte(nil), signed...)}
	files["tampered.pdf"][len(issued)/2] ^= 0x01 // inside the signed range
	var paths []string
	for _, n := range []string{"signed.pdf", "unsigned.pdf", "tampered.pdf"} {
		p := filepath.Join(tmp, n)
		if err := os.WriteFile(p, files[n], 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out, e, err := runCmd(t, env, "", append([]string{"verify", "--db", url}, paths...)...)
	if err != nil {
		t.Fatalf("verify: %v %s", err, e)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("verify printed %d lines, want one per file:\n%s", len(lines), out)
	}
	type line struct {
		File       string         `json:"file"`
		Signatures []pades.Result `json:"signatures"`
	}
	var got [3]line
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &got[i]); err != nil || got[i].File != paths[i] {
			t.Fatalf("line %d %q: %v", i, l, err)
		}
	}
	if s := got[0].Signatures; len(s) != 1 || !s[0].Valid || !s[0].CoversWholeDocument || !s[0].Trusted || !strings.Contains(s[0].Signer, "Chủ tịch") {
		t.Errorf("the demo's signed decision: %+v", s)
	}
	if !strings.Contains(lines[1], `"signatures":[]`) {
		t.Errorf("an unsigned file: %s", lines[1])
	}
	if s := got[2].Signatures; len(s) != 1 || s[0].Valid || s[0].Reason == "" {
		t.Errorf("a tampered file: %+v", s)
	}
	// Without the database, nothing is trusted; a file that is not a PDF fails the run.
	out, _, err = runCmd(t, env, "", "verify", paths[0])
	if err != nil || !strings.Contains(out, `"trusted":false`) || !strings.Contains(out, `"valid":true`) {
		t.Errorf("verify without a trust store: %v %s", err, out)
	}
	bad := filepath.Join(tmp, "bad.pdf")
	os.WriteFile(bad, []byte("không phải PDF"), 0o600)
	if out, _, err := runCmd(t, env, "", "verify", bad); err == nil || !strings.Contains(out, `"error"`) {
		t.Errorf("verify of a file that is not a PDF: %v %s", err, out)
	}
}
