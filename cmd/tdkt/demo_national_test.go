package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// `tdkt demo --national` writes the whole-country data set, prints the national roles'
// accounts, and leaves an audit trail that verifies.
func TestDemoNational(t *testing.T) {
	for name, fresh := range databases(t) {
		t.Run(name, func(t *testing.T) {
			url := fresh(t)
			env := map[string]string{"TDKT_DB": url, "TDKT_ADMIN_PASSWORD": "demo-mat-khau", "TDKT_AUDIT_KEY_FILE": filepath.Join(t.TempDir(), "audit.key")}
			_, e, err := runCmd(t, env, "", "demo", "--national", "--people", "2000", "--years", "6")
			if err != nil {
				t.Fatalf("demo --national: %v\n%s", err, e)
			}
			for _, want := range []string{"canbo.ban    ", "truongban    ", "canbo.so.t47 ", "canbo.xa     ", "Chủ tịch nước", "Sở Nội vụ tỉnh Hải Lâm"} {
				if !strings.Contains(e, want) {
					t.Errorf("the output lacks %q:\n%s", want, e)
				}
			}
			if _, e, err := runCmd(t, env, "", "demo", "--national"); err == nil {
				t.Errorf("a second national demo into the same database: %s", e)
			}
			out, e, err := runCmd(t, env, "", "audit", "verify")
			if err != nil || !strings.Contains(out, "toàn vẹn") {
				t.Errorf("audit verify: %v %q %s", err, out, e)
			}
		})
	}
}
