package sqldb_test

import (
	"context"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// A replica is another server that streams the primary's changes; here it is a second
// database with different content, so that the test sees which one each read used.
func TestViewReplicaReadsTheReplica(t *testing.T) {
	ctx := context.Background()
	primary := tdkttest.Postgres(t)
	replica := tdkttest.Postgres(t)
	if err := replica.Update(ctx, func(tx *sqldb.Tx) error {
		return tx.InsertOrg(ctx, &tdkt.Org{Code: "R", Name: "Tỉnh Bản Sao", Level: tdkt.LevelProvince}, now)
	}); err != nil {
		t.Fatal(err)
	}
	count := func(view func(context.Context, func(*sqldb.Tx) error) error) (n int64) {
		t.Helper()
		if err := view(ctx, func(tx *sqldb.Tx) (err error) { n, err = tx.CountOrgs(ctx); return err }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(primary.ViewReplica); n != 0 {
		t.Fatalf("without a replica ViewReplica reads the primary: got %d orgs, want 0", n)
	}
	if err := primary.UseReplica(ctx, replica.URL); err != nil {
		t.Fatal(err)
	}
	if n := count(primary.ViewReplica); n != 1 {
		t.Fatalf("ViewReplica read %d orgs, want the replica's 1", n)
	}
	if n := count(primary.View); n != 0 {
		t.Fatalf("View read %d orgs, want the primary's 0", n)
	}
}

func TestReplicaNeedsPostgres(t *testing.T) {
	db := tdkttest.SQLite(t)
	if err := db.UseReplica(context.Background(), "postgres://127.0.0.1:1/x"); err == nil {
		t.Fatal("SQLite accepted a replica")
	}
}
