package sqldb_test

import (
	"context"
	"path/filepath"
	"testing"

	"tdkt/sqldb"
)

// A SQLite database syncs every commit (synchronous=FULL) unless its URL asks for
// _sync=normal; any other option after the path is refused.
func TestSQLiteSyncOption(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for url, want := range map[string]int{
		"sqlite:" + filepath.Join(dir, "a.db"):                   2,
		"sqlite:" + filepath.Join(dir, "b.db") + "?_sync=full":   2,
		"sqlite:" + filepath.Join(dir, "c.db") + "?_sync=NORMAL": 1,
	} {
		db, err := sqldb.Open(ctx, url)
		if err != nil {
			t.Fatalf("%s: %v", url, err)
		}
		var got int
		if err := db.Raw().QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if got != want {
			t.Errorf("%s: synchronous %d, want %d", url, got, want)
		}
		if p := sqldb.SQLitePath(url); filepath.Dir(p) != dir {
			t.Errorf("%s: path %q", url, p)
		}
	}
	for _, bad := range []string{"?_sync=off", "?cache=shared", "?_sync=normal&x=1"} {
		if db, err := sqldb.Open(ctx, "sqlite:"+filepath.Join(dir, "d.db")+bad); err == nil {
			db.Close()
			t.Errorf("%s was accepted", bad)
		}
	}
}
