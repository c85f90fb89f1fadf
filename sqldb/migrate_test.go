package sqldb_test

import (
	"context"
	"database/sql"
	"sync"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// Two processes starting on one new PostgreSQL database migrate it once between them,
// and the lock that keeps them apart is released while they keep running (a third
// process starting later must not wait for ever).
func TestConcurrentMigrateOnPostgres(t *testing.T) {
	ctx := context.Background()
	first := tdkttest.Postgres(t) // created and migrated
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sqldb.Open(ctx, first.URL)
			if err != nil {
				errs[i] = err
				return
			}
			t.Cleanup(func() { db.Close() }) // still running when the lock is checked
			errs[i] = db.Migrate(ctx)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	other, err := sql.Open("pgx", first.URL)
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
}
