package sqldb_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// Two processes starting on one new PostgreSQL database migrate it once between them,
// and the lock that keeps them apart is released while they keep running (a third
// process starting later must not wait for ever).
func TestConcurrentMigrateOnPostgres(t *testing.T) {
	ctx := context.Background()
	// An empty database, so that both processes find every migration pending.
	base := tdkttest.PostgresURL(t)
	name := fmt.Sprintf("t_migrate_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	url := tdkttest.WithDatabase(base, name)
	var wg sync.WaitGroup
	start := make(chan struct{}) // both open, then both migrate at once
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sqldb.Open(ctx, url)
			if err != nil {
				errs[i] = err
				<-start
				return
			}
			t.Cleanup(func() { db.Close() }) // still running when the lock is checked
			<-start
			errs[i] = db.Migrate(ctx)
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	other, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var free bool
	if err := other.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(7347001)`).Scan(&free); err != nil {
		t.Fatal(err)
	}
	if !free {
		t.Fatal("the migration lock is still held after both processes finished")
	}
	var applied, distinct, top int
	if err := other.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT version), max(version) FROM schema_migrations`).Scan(&applied, &distinct, &top); err != nil {
		t.Fatal(err)
	}
	if applied != distinct || top != sqldb.KnownSchemaVersion() || applied < top {
		t.Errorf("migrations recorded %d times, %d distinct, up to %d (the binary knows %d)", applied, distinct, top, sqldb.KnownSchemaVersion())
	}
}
