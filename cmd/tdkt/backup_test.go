package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/server"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// writeUntil creates people through the service until stop is closed or max people
// were written; first is closed after the first write. It returns the count.
func writeUntil(ctx context.Context, f *tdkttest.Fixture, stop <-chan struct{}, first chan<- struct{}, max int) (int, error) {
	for i := 0; i < max; i++ {
		select {
		case <-stop:
			return i, nil
		default:
		}
		p := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Lê Thị Ghi " + letters(i), Sex: tdkt.Female, BirthDate: "1990-01-01",
			Group: tdkt.GroupOfficials, Position: "Công chức", HiredOn: "2015-01-01", Ethnicity: "Kinh"}
		if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &p); err != nil {
			return i, err
		}
		if i == 0 {
			close(first)
		}
	}
	return max, nil
}

// letters spells n in letters (a name holds no digits).
func letters(n int) string {
	s := ""
	for {
		s = string(rune('A'+n%26)) + s
		n /= 26
		if n == 0 {
			return s
		}
	}
}

func countPeople(t *testing.T, db *sqldb.DB) int64 {
	t.Helper()
	var n int64
	if err := db.View(context.Background(), func(tx *sqldb.Tx) (err error) {
		n, err = tx.Int(context.Background(), `SELECT count(*) FROM people`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBackupDuringWritesRestoresAndServes takes a backup while the service writes
// without pause, restores it into a fresh path, verifies its audit chain and serves
// it: a person written before the backup started is on its page.
func TestBackupDuringWritesRestoresAndServes(t *testing.T) {
	ctx := context.Background()
	db := tdkttest.SQLite(t)
	f := tdkttest.NewFixture(t, db)
	dir := t.TempDir()
	copyPath := filepath.Join(dir, "copy.db")

	stop, first := make(chan struct{}), make(chan struct{})
	var written atomic.Int64
	werr := make(chan error, 1)
	go func() {
		n, err := writeUntil(ctx, f, stop, first, 20000)
		written.Store(int64(n))
		werr <- err
	}()
	<-first // the writer is under way before the backup starts
	before := countPeople(t, db)
	out, e, err := runCmd(t, nil, "", "backup", "--out", copyPath, "--db", db.URL)
	close(stop)
	if err := <-werr; err != nil {
		t.Fatalf("writer: %v", err)
	}
	if err != nil || !strings.Contains(out, "Đã sao lưu") {
		t.Fatalf("backup: %v %q %s", err, out, e)
	}
	if written.Load() < 2 {
		t.Fatalf("the writer wrote %d people; the backup did not run under writes", written.Load())
	}
	t.Logf("%s; %d people written meanwhile", strings.TrimSpace(out), written.Load())

	target := filepath.Join(t.TempDir(), "restored", "tdkt.db")
	// The copy's trail is keyed with the installation's key, which restore reads.
	keyFile := filepath.Join(filepath.Dir(f.Svc.AuditTrail.Checkpoints), "audit.key")
	out, e, err = runCmd(t, nil, "", "restore", "--from", copyPath, "--db", "sqlite:"+target, "--audit-key", keyFile)
	if err != nil || !strings.Contains(out, "Đã khôi phục") {
		t.Fatalf("restore: %v %q %s", err, out, e)
	}
	restored, err := sqldb.Open(ctx, "sqlite:"+target)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if err := restored.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := core.New(restored)
	svc.AuditTrail = core.AuditConfig{Key: f.Svc.AuditTrail.Key}
	if rep, err := svc.VerifyAudit(ctx); err != nil || rep.Events == 0 || rep.Keyed == 0 {
		t.Fatalf("restored audit chain: %+v, %v", rep, err)
	}
	if got := countPeople(t, restored); got < before || got > before+written.Load() {
		t.Errorf("restored copy has %d people; %d existed when the backup started, %d were written meanwhile", got, before, written.Load())
	}

	srv := httptest.NewServer(server.Handler(svc, server.Config{}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz on the restored database: %v %v", err, resp)
	}
	resp.Body.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err = c.PostForm(srv.URL+"/app/login", url.Values{"login": {f.ClerkA.Login}, "password": {tdkttest.Password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.Get(srv.URL + "/app/people/" + strconv.FormatInt(f.PersonA.ID, 10))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), f.PersonA.FullName) {
		t.Errorf("person page on the restored database: %d, name %q shown: %v", resp.StatusCode, f.PersonA.FullName, strings.Contains(string(body), f.PersonA.FullName))
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestRestoreRefusesBadCopies offers a truncated copy, a SQLite file that is not a
// tdkt database, a file that is not a database at all, and a good copy while a
// server holds the target: each is refused and the target keeps its bytes.
func TestRestoreRefusesBadCopies(t *testing.T) {
	ctx := context.Background()
	src := tdkttest.SQLite(t)
	f := tdkttest.NewFixture(t, src)
	keyFile := filepath.Join(filepath.Dir(f.Svc.AuditTrail.Checkpoints), "audit.key")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if _, e, err := runCmd(t, nil, "", "backup", "--out", good, "--db", src.URL); err != nil {
		t.Fatalf("backup: %v %s", err, e)
	}
	// The target: a database of its own, closed, as after the server stopped.
	target := filepath.Join(t.TempDir(), "tdkt.db")
	tdb, err := sqldb.Open(ctx, "sqlite:"+target)
	if err != nil {
		t.Fatal(err)
	}
	if err := tdb.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	tdb.Close()
	want := fileHash(t, target)

	truncated := filepath.Join(dir, "truncated.db")
	b, _ := os.ReadFile(good)
	if len(b) < 8192 {
		t.Fatalf("good copy is only %d bytes", len(b))
	}
	os.WriteFile(truncated, b[:len(b)/2], 0o600)
	foreign := filepath.Join(dir, "foreign.db")
	fdb, err := sql.Open("sqlite", "file:"+foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fdb.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x')`); err != nil {
		t.Fatal(err)
	}
	fdb.Close()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("không phải cơ sở dữ liệu ", 400)), 0o600)

	for name, c := range map[string]struct{ from, msg string }{
		"truncated":    {truncated, "hỏng"},
		"not tdkt":     {foreign, "không phải cơ sở dữ liệu tdkt"},
		"not sqlite":   {garbage, "Không khôi phục"},
		"no such file": {filepath.Join(dir, "none.db"), "Không khôi phục"},
	} {
		_, e, err := runCmd(t, nil, "", "restore", "--force", "--from", c.from, "--db", "sqlite:"+target)
		var code exitError
		if !errors.As(err, &code) || code != 1 || !strings.Contains(e, c.msg) {
			t.Errorf("%s: restore gave %v %q, want exit 1 mentioning %q", name, err, e, c.msg)
		}
		if fileHash(t, target) != want {
			t.Fatalf("%s: the target changed", name)
		}
	}

	// Without --force an existing database is not replaced.
	if _, e, err := runCmd(t, nil, "", "restore", "--from", good, "--db", "sqlite:"+target); err == nil || !strings.Contains(e, "--force") {
		t.Errorf("restore over an existing database without --force: %v %q", err, e)
	}
	// A server holding the target: refused, even with --force.
	served, err := sqldb.Open(ctx, "sqlite:"+target)
	if err != nil {
		t.Fatal(err)
	}
	release, err := served.HoldServing()
	if err != nil {
		t.Fatal(err)
	}
	if _, e, err := runCmd(t, nil, "", "restore", "--force", "--from", good, "--db", "sqlite:"+target); err == nil || !strings.Contains(e, "dừng máy chủ") {
		t.Errorf("restore under a server: %v %q", err, e)
	}
	release()
	served.Close()
	if fileHash(t, target) != want {
		t.Fatal("the target changed while refused")
	}
	// Without the installation's key the copy's trail cannot be checked: refused.
	if _, e, err := runCmd(t, nil, "", "restore", "--force", "--from", good, "--db", "sqlite:"+target); err == nil || !strings.Contains(e, "--audit-key") {
		t.Errorf("restore without the audit key: %v %q", err, e)
	}
	if got := fileHash(t, target); got != want {
		t.Fatal("a refused restore changed the target")
	}
	// Stopped, with the key: the good copy replaces it.
	if out, e, err := runCmd(t, nil, "", "restore", "--force", "--from", good, "--db", "sqlite:"+target, "--audit-key", keyFile); err != nil || !strings.Contains(out, "Đã khôi phục") {
		t.Fatalf("restore of a good copy: %v %q %s", err, out, e)
	}
	if fileHash(t, target) == want {
		t.Error("the good copy did not replace the target")
	}
}

// TestBackupPostgres dumps a PostgreSQL database with tdkt backup and reads the dump
// back with pg_restore --list; then restores it into a fresh database and checks
// that the audit chain and the people came with it.
func TestBackupPostgres(t *testing.T) {
	if _, err := sqldb.FindPgTool("pg_dump"); err != nil && !tdkttest.Required("TDKT_REQUIRE_PG") {
		t.Skip("pg_dump is not installed")
	}
	ctx := context.Background()
	db := tdkttest.Postgres(t)
	f := tdkttest.NewFixture(t, db)
	dump := filepath.Join(t.TempDir(), "tdkt.dump")
	out, e, err := runCmd(t, nil, "", "backup", "--out", dump, "--db", db.URL)
	if err != nil || !strings.Contains(out, "Đã sao lưu postgres") {
		t.Fatalf("backup: %v %q %s", err, out, e)
	}
	if err := sqldb.PgTool(ctx, "pg_restore", "--list", dump); err != nil {
		t.Fatalf("pg_restore --list: %v", err)
	}
	fresh := tdkttest.PostgresURL(t)
	name := "t_restore_" + strconv.FormatInt(int64(os.Getpid()), 10)
	admin, err := sql.Open("pgx", fresh)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	targetURL := tdkttest.WithDatabase(fresh, name)
	keyFile := filepath.Join(filepath.Dir(f.Svc.AuditTrail.Checkpoints), "audit.key")
	if out, e, err := runCmd(t, nil, "", "restore", "--from", dump, "--db", targetURL, "--audit-key", keyFile); err != nil || !strings.Contains(out, "Đã khôi phục") {
		t.Fatalf("restore: %v %q %s", err, out, e)
	}
	restored, err := sqldb.Open(ctx, targetURL)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	svc := core.New(restored)
	svc.AuditTrail = core.AuditConfig{Key: f.Svc.AuditTrail.Key}
	if rep, err := svc.VerifyAudit(ctx); err != nil || rep.Keyed == 0 {
		t.Fatalf("restored audit chain: %+v, %v", rep, err)
	}
	if got, want := countPeople(t, restored), countPeople(t, f.DB); got != want {
		t.Errorf("restored %d people, want %d", got, want)
	}
	// A file that is no dump is refused before anything is touched.
	bad := filepath.Join(t.TempDir(), "bad.dump")
	os.WriteFile(bad, []byte("không phải bản sao"), 0o600)
	if _, e, err := runCmd(t, nil, "", "restore", "--force", "--from", bad, "--db", targetURL); err == nil || !strings.Contains(e, "pg_dump") {
		t.Errorf("restore of a non-dump: %v %q", err, e)
	}
}
