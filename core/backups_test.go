package core_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// countAudit counts the audit events of an entity.
func countAudit(t *testing.T, db *sqldb.DB, entity string) int64 {
	t.Helper()
	var n int64
	err := db.View(context.Background(), func(tx *sqldb.Tx) (err error) {
		n, err = tx.Int(context.Background(), `SELECT count(*) FROM audit_events WHERE entity = ?`, entity)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// The nightly backup is queued once a day, however many processes ask, and not
// before its hour; each run writes a copy, and the rotation keeps exactly the number
// set. Only installation administrators see or change the settings.
func TestBackupScheduleAndRotation(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		if db.Dialect == sqldb.Postgres {
			if _, err := sqldb.FindPgTool("pg_dump"); err != nil && !tdkttest.Required("TDKT_REQUIRE_PG") {
				t.Skip("pg_dump is not installed")
			}
		}
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		dir := filepath.Join(t.TempDir(), "backups")
		if _, err := f.Svc.Backups(ctx, &f.AdminA); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a unit's administrator read the backups: %v", err)
		}
		if _, err := f.Svc.BackupNow(ctx, &f.AdminA); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a unit's administrator started a backup: %v", err)
		}
		v, err := f.Svc.Backups(ctx, &f.Admin)
		if err != nil {
			t.Fatal(err)
		}
		if st := v.Settings; !st.Enabled || st.Hour != 2 || st.Keep != 7 || st.Folder != "" {
			t.Fatalf("default settings: %+v", st)
		}
		if _, err := f.Svc.SaveBackupSettings(ctx, &f.Admin, sqldb.BackupSettings{Enabled: true, Folder: dir, Hour: 24, Keep: 0}); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("hour 24 and keep 0 were accepted: %v", err)
		}
		audits := countAudit(t, db, "backup_settings")
		st, err := f.Svc.SaveBackupSettings(ctx, &f.Admin, sqldb.BackupSettings{Enabled: true, Folder: dir, Hour: 2, Keep: 3})
		if err != nil {
			t.Fatal(err)
		}
		if st.Dir != dir || st.Version != 1 || countAudit(t, db, "backup_settings") != audits+1 {
			t.Fatalf("saved settings: %+v, audit events %d", st, countAudit(t, db, "backup_settings"))
		}
		if _, err := f.Svc.SaveBackupSettings(ctx, &f.Admin, sqldb.BackupSettings{Enabled: true, Folder: dir, Hour: 2, Keep: 3}); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Fatalf("a save with a stale version: %v", err)
		}

		// Two processes on one database, at 01:30 and then 02:05 Vietnam time.
		clock := time.Date(2026, 12, 1, 18, 30, 0, 0, time.UTC) // 01:30 on 2 December in Vietnam
		now := func() time.Time { return clock }
		a, b := core.New(db), core.New(db)
		a.Now, b.Now = now, now
		if id, err := a.ScheduleBackup(ctx); err != nil || id != 0 {
			t.Fatalf("before the hour: job %d, %v", id, err)
		}
		clock = clock.Add(35 * time.Minute)
		idA, errA := a.ScheduleBackup(ctx)
		idB, errB := b.ScheduleBackup(ctx)
		if errA != nil || errB != nil || idA == 0 || idB != 0 {
			t.Fatalf("at the hour: jobs %d and %d (%v, %v); want exactly one", idA, idB, errA, errB)
		}
		if id, err := b.ScheduleBackup(ctx); err != nil || id != 0 {
			t.Fatalf("again the same day: job %d, %v", id, err)
		}

		// Five backups, a second apart: three are kept, the newest.
		w := a.NewWorker(core.WorkerConfig{Owner: "test"})
		var names []string
		for i := 0; i < 5; i++ {
			if i > 0 {
				if _, err := f.Svc.BackupNow(ctx, &f.Admin); err != nil {
					t.Fatal(err)
				}
			}
			worked, err := w.RunOne(ctx)
			if err != nil || !worked {
				t.Fatalf("backup %d: worked %v, %v", i, worked, err)
			}
			j, err := a.Jobs(ctx, &f.Admin)
			if err != nil || j[0].Kind != core.JobBackup || j[0].Status != sqldb.JobDone {
				t.Fatalf("backup %d job: %+v %v", i, j[0], err)
			}
			names = append(names, j[0].Result)
			clock = clock.Add(time.Second)
		}
		v, err = f.Svc.Backups(ctx, &f.Admin)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Copies) != 3 {
			t.Fatalf("%d copies kept, want 3: %+v", len(v.Copies), v.Copies)
		}
		for i, c := range v.Copies {
			if !strings.Contains(names[4-i], c.Name) || c.Size == 0 {
				t.Errorf("copy %d is %s (%d bytes), want the one of %s", i, c.Name, c.Size, names[4-i])
			}
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 3 {
			t.Errorf("the folder holds %d files, want 3", len(entries))
		}
		if n := countAudit(t, db, "backup"); n != 5+4 { // five copies, four requests
			t.Errorf("%d backup audit events, want 9", n)
		}

		// The next day it is queued again.
		clock = clock.Add(24 * time.Hour)
		if id, err := b.ScheduleBackup(ctx); err != nil || id == 0 {
			t.Fatalf("the next day: job %d, %v", id, err)
		}
	})
}
