package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// runCmd runs the program as a user would, with the given environment.
func runCmd(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

// databases gives a fresh database URL of each engine.
func databases(t *testing.T) map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"sqlite": func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "tdkt.db") },
		"postgres": func(t *testing.T) string {
			db := tdkttest.Postgres(t) // a fresh, migrated database of its own
			return db.URL
		},
	}
}

func TestCommandsOnBothDatabases(t *testing.T) {
	for name, fresh := range databases(t) {
		t.Run(name, func(t *testing.T) {
			url := fresh(t)
			env := map[string]string{"TDKT_DB": url, "TDKT_ADMIN_PASSWORD": "demo-mat-khau", "TDKT_AUDIT_KEY_FILE": filepath.Join(t.TempDir(), "audit.key")}
			if _, e, err := runCmd(t, env, "", "demo", "--people", "300", "--years", "3"); err != nil {
				t.Fatalf("demo: %v\n%s", err, e)
			}
			if _, e, err := runCmd(t, env, "", "migrate"); err != nil {
				t.Fatalf("migrate: %v %s", err, e)
			}
			env["TDKT_PASSWORD"] = "mat-khau-moi-123"
			out, e, err := runCmd(t, env, "", "user", "add", "--login", "thu.ky", "--name", "Phạm Thị Thu", "--role", "can_bo_thi_dua", "--org", orgCode(t, url))
			if err != nil || !strings.Contains(out, "thu.ky") {
				t.Fatalf("user add: %v %s %s", err, out, e)
			}
			if _, _, err := runCmd(t, env, "", "user", "add", "--login", "thu.ky", "--name", "Trùng", "--role", "xem", "--org", orgCode(t, url)); err == nil {
				t.Error("a second account with the same login was created")
			}
			tok, e, err := runCmd(t, env, "", "token", "create", "--login", "thu.ky")
			if err != nil || len(strings.TrimSpace(tok)) < 40 {
				t.Fatalf("token create: %v %q %s", err, tok, e)
			}
			if tok, e, err := runCmd(t, env, "", "token", "create", "--login", "thu.ky", "--name", "Đồng bộ", "--expires", "30"); err != nil ||
				len(strings.TrimSpace(tok)) < 40 || !strings.Contains(e, "Đồng bộ") {
				t.Errorf("token create with a name and an expiry: %v %q %s", err, tok, e)
			}
			if _, _, err := runCmd(t, env, "", "token", "create", "--login", "thu.ky", "--expires", "400"); err == nil {
				t.Error("a token for 400 days was created")
			}
			env["TDKT_PASSWORD"] = "12345678"
			if _, _, err := runCmd(t, env, "", "user", "add", "--login", "yeu.qua", "--name", "Yếu", "--role", "xem", "--org", orgCode(t, url)); err == nil {
				t.Error("an account with the password 12345678 was created")
			}
			checkSuggest(t, env)
			checkAuditVerify(t, env, url)
			checkSignatures(t, env, url)
		})
	}
}

// orgCode finds the province the demo created.
func orgCode(t *testing.T, url string) string {
	t.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var code string
	err = db.View(ctx, func(tx *sqldb.Tx) error {
		return tx.Get(ctx, "tỉnh", `SELECT code FROM orgs WHERE level = 'tinh' ORDER BY id LIMIT 1`, nil, &code)
	})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// syncWriter lets the server goroutine and the test share a buffer.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func TestServeShutsDownCleanly(t *testing.T) {
	for name, fresh := range databases(t) {
		t.Run(name, func(t *testing.T) {
			url := fresh(t)
			addr := freeAddr(t)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			var errOut bytes.Buffer
			keyFile := filepath.Join(t.TempDir(), "audit.key")
			env := map[string]string{"TDKT_ADMIN_PASSWORD": "demo-mat-khau", "TDKT_AUDIT_KEY_FILE": keyFile}
			sw := &syncWriter{w: &errOut}
			go func() {
				done <- run(ctx, []string{"serve", "--addr", addr, "--db", url, "--demo"},
					func(k string) string { return env[k] },
					strings.NewReader(""), io.Discard, sw)
			}()
			base := "http://" + addr
			waitHealthy(t, base, done)
			resp, err := http.Get(base + "/")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(body), "Thi đua – Khen thưởng") {
				t.Errorf("portal: %d %.200s", resp.StatusCode, body)
			}
			// the demo admin can log in, with the second factor whose secret the demo printed
			c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			resp, err = c.PostForm(base+"/app/login", map[string][]string{"login": {"admin"}, "password": {"demo-mat-khau"}})
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("admin login: %v %v", err, resp.Status)
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			pending := regexp.MustCompile(`name="pending" value="([^"]+)"`).FindSubmatch(page)
			sw.mu.Lock()
			secret := regexp.MustCompile(`admin +khóa ([A-Z2-7]+)`).FindStringSubmatch(errOut.String())
			sw.mu.Unlock()
			if pending == nil || secret == nil {
				t.Fatalf("admin login: no second step (%v) or no printed secret (%v)", pending != nil, secret != nil)
			}
			resp, err = c.PostForm(base+"/app/login/code", map[string][]string{"pending": {string(pending[1])}, "code": {core.TOTPCode(secret[1], time.Now())}})
			if err != nil || resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("admin second step: %v %v", err, resp.Status)
			}
			resp.Body.Close()
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("serve ended with %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop")
			}
			checkShutdownCheckpoint(t, env, filepath.Join(filepath.Dir(keyFile), "audit-checkpoints.jsonl"))
		})
	}
}

func TestCheckCommandOnPublicCases(t *testing.T) {
	cases := tdkttest.PublicCases(t)
	out, e, err := runCmd(t, nil, string(tdkttest.CaseInputs(cases)), "check")
	if err != nil {
		t.Fatalf("check: %v %s", err, e)
	}
	tdkttest.CheckExpect(t, cases, []byte(out))
	// the same cases split over two files give the same answers, in order
	dir := t.TempDir()
	var one, two []json.RawMessage
	for i, c := range cases {
		if i < 10 {
			one = append(one, c.Case)
		} else {
			two = append(two, c.Case)
		}
	}
	for name, v := range map[string][]json.RawMessage{"a.json": one, "b.json": two} {
		b, _ := json.Marshal(v)
		os.WriteFile(filepath.Join(dir, name), b, 0o600)
	}
	out, _, err = runCmd(t, nil, "", "check", filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json"))
	if err != nil {
		t.Fatal(err)
	}
	tdkttest.CheckExpect(t, cases, []byte(out))
	if _, _, err := runCmd(t, nil, "không phải json", "check"); fmt.Sprint(err) != "exit status 2" {
		t.Errorf("non-JSON input: %v, want exit status 2", err)
	}
	if _, _, err := runCmd(t, nil, `{"id":"x","check":"eligibility","as_of":"2026-01-01","award":"khong_co","year":2025,"subject":{"kind":"ca_nhan"}}`, "check"); fmt.Sprint(err) != "exit status 1" {
		t.Errorf("invalid case: %v, want exit status 1", err)
	}
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func waitHealthy(t *testing.T, base string, done chan error) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve stopped early: %v", err)
		default:
		}
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("server never became healthy")
}

// checkSuggest runs the year-end list on the demo data in the three formats and reads
// them back: the same lines, each with its reasons.
func checkSuggest(t *testing.T, env map[string]string) {
	t.Helper()
	year := strconv.Itoa(time.Now().Year() - 1)
	out, e, err := runCmd(t, env, "", "suggest", "--year", year)
	if err != nil {
		t.Fatalf("suggest: %v %s", err, e)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 50 {
		t.Fatalf("only %d suggestions for 300 people", len(lines))
	}
	awards := map[string]int{}
	for _, l := range lines {
		var s struct {
			Award   string
			Reasons []map[string]any
		}
		if err := json.Unmarshal([]byte(l), &s); err != nil || len(s.Reasons) == 0 {
			t.Fatalf("line %q: %v", l, err)
		}
		awards[s.Award]++
	}
	if awards["lao_dong_tien_tien"] == 0 || awards["chien_si_thi_dua_co_so"] == 0 {
		t.Errorf("awards listed: %v", awards)
	}
	dir := t.TempDir()
	x := filepath.Join(dir, "de-xuat.xlsx")
	if _, e, err := runCmd(t, env, "", "suggest", "--year", year, "--format", "xlsx", "--out", x); err != nil {
		t.Fatalf("suggest xlsx: %v %s", err, e)
	}
	f, err := excelize.OpenFile(x)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	f.Close()
	if err != nil || len(rows) != len(lines)+1 || rows[0][2] != "Họ và tên / Tên tập thể" {
		t.Errorf("xlsx: %d rows for %d lines, header %q, %v", len(rows), len(lines), rows[0], err)
	}
	c := filepath.Join(dir, "de-xuat.csv")
	if _, _, err := runCmd(t, env, "", "suggest", "--year", year, "--format", "csv", "--out", c, "--award", "chien_si_thi_dua_co_so"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(c)
	if n := strings.Count(string(b), "\n"); n < awards["chien_si_thi_dua_co_so"]+1 {
		t.Errorf("csv has %d lines for %d CSTĐCS", n, awards["chien_si_thi_dua_co_so"])
	}
}
