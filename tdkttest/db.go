// Package tdkttest holds what the tests of every package share: a real database of
// each engine, builders of common records, and the browser for page tests.
package tdkttest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tdkt/sqldb"
)

// Required reports whether CI demands a resource: there a skip is a failure.
func Required(env string) bool { return os.Getenv(env) == "1" }

// EachDB runs fn once on a fresh SQLite database and once on a fresh PostgreSQL
// database (from TDKT_TEST_PG). Without TDKT_TEST_PG the PostgreSQL run is skipped
// with a message, or fails when TDKT_REQUIRE_PG=1 (as CI sets it).
func EachDB(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a migrated SQLite database in the test's temporary folder.
func SQLite(t testing.TB) *sqldb.DB {
	t.Helper()
	return open(t, "sqlite:"+filepath.Join(t.TempDir(), "tdkt.db"))
}

var pgSeq atomic.Int64

// Postgres creates a fresh, migrated PostgreSQL database for the test and drops it
// afterwards.
func Postgres(t testing.TB) *sqldb.DB {
	t.Helper()
	u := PostgresURL(t)
	name := fmt.Sprintf("t_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, pgSeq.Add(1))
	admin, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", u)
		if err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	return open(t, WithDatabase(u, name))
}

// PostgresURL returns the server URL of TDKT_TEST_PG, skipping (or failing in CI)
// when it is not set.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("TDKT_TEST_PG")
	if u == "" {
		if Required("TDKT_REQUIRE_PG") {
			t.Fatal("TDKT_REQUIRE_PG=1 but TDKT_TEST_PG is not set: start PostgreSQL with scripts/pg-up.sh")
		}
		t.Skip("PostgreSQL not configured: set TDKT_TEST_PG (eval \"$(bash scripts/pg-up.sh)\") to run this on PostgreSQL too")
	}
	return u
}

// WithDatabase replaces the database name in a postgres:// URL.
func WithDatabase(u, name string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	p.Path = "/" + strings.TrimPrefix(name, "/")
	return p.String()
}

func open(t testing.TB, u string) *sqldb.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}
