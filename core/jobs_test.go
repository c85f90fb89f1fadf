package core_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func jobOf(t *testing.T, f *tdkttest.Fixture, id int64) core.JobView {
	t.Helper()
	j, err := f.Svc.Job(context.Background(), &f.Admin, id)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// A worker that died leaves its job running under a lease; when the lease runs out
// the next worker claims the job again and finishes it.
func TestJobResumesAfterCrash(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		id, err := f.Svc.StartSuggestJob(ctx, &f.ClerkA, core.SuggestQuery{Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		stamp := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }
		claim := func(owner string, now, until time.Time) error {
			return db.Update(ctx, func(tx *sqldb.Tx) error {
				_, err := tx.ClaimJob(ctx, owner, stamp(now), stamp(until), []string{core.JobSuggest})
				return err
			})
		}
		// A worker claims it for a minute, then its process dies.
		now := f.Svc.Now()
		if err := claim("dead-worker", now, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if j := jobOf(t, f, id); j.Status != sqldb.JobRunning || j.LeaseOwner != "dead-worker" || j.Attempts != 1 {
			t.Fatalf("claimed job: %s by %q", j.Status, j.LeaseOwner)
		}
		// While the lease lives, nobody else takes the job.
		if err := claim("other", now.Add(30*time.Second), now.Add(2*time.Minute)); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Fatalf("claiming a job under a live lease: %v, want not found", err)
		}
		// Two minutes later the next process starts, and its worker takes the job over.
		f.Svc.Now = func() time.Time { return now.Add(2 * time.Minute) }
		w := f.Svc.NewWorker(core.WorkerConfig{Owner: "restarted"})
		if worked, err := w.RunOne(ctx); err != nil || !worked {
			t.Fatalf("restarted worker: %v, worked %v", err, worked)
		}
		j := jobOf(t, f, id)
		if j.Status != sqldb.JobDone || j.Attempts != 2 || j.LeaseOwner != "" || j.Result == "" {
			t.Fatalf("resumed job: %s after %d attempts, result %q, message %q", j.Status, j.Attempts, j.Result, j.Message)
		}
		name, file, err := f.Svc.JobFile(ctx, &f.ClerkA, id)
		if err != nil || name != "de-xuat-2025.xlsx" || len(file) == 0 {
			t.Fatalf("result file %q (%d bytes): %v", name, len(file), err)
		}
		if _, _, err := f.Svc.JobFile(ctx, &f.ClerkB, id); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another unit's result: %v", err)
		}
	})
}

// Two workers (as two `tdkt serve` processes on one database) run every job exactly once.
func TestTwoWorkersNeverRunOneJobTwice(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		var mu sync.Mutex
		runs := map[int64][]string{}
		for _, svc := range []*core.Service{f.Svc} {
			svc.RegisterJob("test_count", func(ctx context.Context, run *core.JobRun) (string, error) {
				time.Sleep(5 * time.Millisecond)
				mu.Lock()
				runs[run.Job.ID] = append(runs[run.Job.ID], run.Job.LeaseOwner)
				mu.Unlock()
				return `"ok"`, nil
			})
		}
		other := core.New(db)
		other.Now = f.Svc.Now // one clock: leases compare instants written by both
		other.RegisterJob("test_count", func(ctx context.Context, run *core.JobRun) (string, error) {
			time.Sleep(5 * time.Millisecond)
			mu.Lock()
			runs[run.Job.ID] = append(runs[run.Job.ID], run.Job.LeaseOwner)
			mu.Unlock()
			return `"ok"`, nil
		})
		var ids []int64
		if err := db.Update(ctx, func(tx *sqldb.Tx) error {
			for range 30 {
				j := sqldb.Job{Kind: "test_count", OrgID: f.CommuneA.ID, Payload: "{}", CreatedAt: "2026-11-26T09:00:00.000000Z"}
				if err := tx.InsertJob(ctx, &j); err != nil {
					return err
				}
				ids = append(ids, j.ID)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for i, svc := range []*core.Service{f.Svc, other} {
			w := svc.NewWorker(core.WorkerConfig{Owner: []string{"A", "B"}[i]})
			wg.Go(func() {
				for {
					worked, err := w.RunOne(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if !worked {
						return
					}
				}
			})
		}
		wg.Wait()
		owners := map[string]int{}
		for _, id := range ids {
			if len(runs[id]) != 1 {
				t.Errorf("job %d ran %d times (%v)", id, len(runs[id]), runs[id])
				continue
			}
			owners[runs[id][0]]++
			if j := jobOf(t, f, id); j.Status != sqldb.JobDone {
				t.Errorf("job %d: %s", id, j.Status)
			}
		}
		t.Logf("jobs per worker: %v", owners)
	})
}

// Cancelling: a queued job ends at once; a running one stops when its worker looks,
// and what it did is not kept.
func TestCancelJob(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		started := make(chan struct{}, 1)
		f.Svc.RegisterJob("test_slow", func(ctx context.Context, run *core.JobRun) (string, error) {
			started <- struct{}{}
			for i := int64(0); ; i++ {
				run.Progress(i, 1000, "")
				select {
				case <-ctx.Done():
					return "", ctx.Err()
				case <-time.After(10 * time.Millisecond):
				}
			}
		})
		queue := func() int64 {
			j := sqldb.Job{Kind: "test_slow", OrgID: f.CommuneA.ID, AccountID: f.ClerkA.ID, Payload: "{}", CreatedAt: "2026-11-26T09:00:00.000000Z"}
			if err := db.Update(ctx, func(tx *sqldb.Tx) error { return tx.InsertJob(ctx, &j) }); err != nil {
				t.Fatal(err)
			}
			return j.ID
		}
		waiting := queue()
		if err := f.Svc.CancelJob(ctx, &f.ClerkB, waiting); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Fatalf("another unit cancels: %v, want not found", err)
		}
		if err := f.Svc.CancelJob(ctx, &f.ClerkA, waiting); err != nil {
			t.Fatal(err)
		}
		if j := jobOf(t, f, waiting); j.Status != sqldb.JobCancelled {
			t.Fatalf("cancelled queued job: %s", j.Status)
		}
		running := queue()
		w := f.Svc.NewWorker(core.WorkerConfig{Owner: "w", Lease: 400 * time.Millisecond})
		done := make(chan error, 1)
		go func() { _, err := w.RunOne(ctx); done <- err }()
		<-started
		if err := f.Svc.CancelJob(ctx, &f.ClerkA, running); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the worker did not stop the cancelled job")
		}
		if j := jobOf(t, f, running); j.Status != sqldb.JobCancelled {
			t.Fatalf("cancelled running job: %s (%s)", j.Status, j.Message)
		}
		if err := f.Svc.CancelJob(ctx, &f.ClerkA, running); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("cancelling an ended job: %v, want a conflict", err)
		}
	})
}

// A process that stops cleanly gives its running job back: the job waits again, with
// nothing of it written, and the next process runs it from the start.
func TestStoppingWorkerGivesTheJobBack(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		started := make(chan struct{}, 1)
		var calls int
		f.Svc.RegisterJob("test_restart", func(ctx context.Context, run *core.JobRun) (string, error) {
			calls++
			if calls > 1 {
				return `"second run"`, nil
			}
			started <- struct{}{}
			<-ctx.Done()
			return "", ctx.Err()
		})
		j := sqldb.Job{Kind: "test_restart", OrgID: f.CommuneA.ID, Payload: "{}", CreatedAt: "2026-11-26T09:00:00.000000Z"}
		if err := db.Update(ctx, func(tx *sqldb.Tx) error { return tx.InsertJob(ctx, &j) }); err != nil {
			t.Fatal(err)
		}
		wctx, stop := context.WithCancel(ctx)
		stopped := make(chan struct{})
		go func() {
			defer close(stopped)
			f.Svc.NewWorker(core.WorkerConfig{Owner: "first", Poll: 10 * time.Millisecond}).Run(wctx)
		}()
		<-started
		stop() // SIGTERM
		<-stopped
		if got := jobOf(t, f, j.ID); got.Status != sqldb.JobQueued || got.LeaseOwner != "" {
			t.Fatalf("after a clean stop the job is %s, held by %q", got.Status, got.LeaseOwner)
		}
		if worked, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "second"}).RunOne(ctx); err != nil || !worked {
			t.Fatalf("next process: %v %v", worked, err)
		}
		if got := jobOf(t, f, j.ID); got.Status != sqldb.JobDone || got.Result != `"second run"` || got.Attempts != 2 {
			t.Fatalf("job after the restart: %s, %q, %d attempts", got.Status, got.Result, got.Attempts)
		}
	})
}

// An idle worker's polling writes nothing: a write would drop the cached public pages.
func TestIdleWorkerDoesNotWrite(t *testing.T) {
	db := tdkttest.SQLite(t)
	svc := core.New(db)
	before := db.Writes()
	for range 3 {
		if worked, err := svc.NewWorker(core.WorkerConfig{Owner: "idle"}).RunOne(context.Background()); err != nil || worked {
			t.Fatal(worked, err)
		}
	}
	if db.Writes() != before {
		t.Errorf("an idle worker committed %d writes", db.Writes()-before)
	}
}

// A job whose workers died on every attempt is given up by the next worker's sweep,
// even though that leaves the worker nothing to claim.
func TestSweepEndsAJobThatGaveUp(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		id, err := f.Svc.StartSuggestJob(ctx, &f.ClerkA, core.SuggestQuery{Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		stamp := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }
		now := f.Svc.Now()
		for i := range 3 { // three workers claim it and die, each after its lease ran out
			at := now.Add(time.Duration(i) * 2 * time.Minute)
			if err := db.Update(ctx, func(tx *sqldb.Tx) error {
				_, err := tx.ClaimJob(ctx, "dead", stamp(at), stamp(at.Add(time.Minute)), []string{core.JobSuggest})
				return err
			}); err != nil {
				t.Fatalf("claim %d: %v", i+1, err)
			}
		}
		f.Svc.Now = func() time.Time { return now.Add(20 * time.Minute) }
		worked, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "next", MaxAttempts: 3}).RunOne(ctx)
		if err != nil || worked {
			t.Fatalf("worker: worked %v, %v", worked, err)
		}
		if j := jobOf(t, f, id); j.Status != sqldb.JobFailed {
			t.Fatalf("after the sweep the job is %s (attempts %d), want failed", j.Status, j.Attempts)
		}
	})
}

// A job that holds a write transaction to its end (an import does; on SQLite that is
// the only write connection) is still cancelled at once from the process running it,
// and what it wrote is rolled back.
func TestCancelJobHoldingTheWriter(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		started := make(chan struct{}, 1)
		f.Svc.RegisterJob("test_writer", func(ctx context.Context, run *core.JobRun) (string, error) {
			return "", db.Update(ctx, func(tx *sqldb.Tx) error {
				if _, err := tx.Exec(ctx, `UPDATE orgs SET name = 'Đang ghi' WHERE id = ?`, f.CommuneA.ID); err != nil {
					return err
				}
				started <- struct{}{}
				<-ctx.Done() // holds the transaction until the job is stopped
				return ctx.Err()
			})
		})
		j := sqldb.Job{Kind: "test_writer", OrgID: f.CommuneA.ID, AccountID: f.ClerkA.ID, Payload: "{}", CreatedAt: "2026-11-26T09:00:00.000000Z"}
		if err := db.Update(ctx, func(tx *sqldb.Tx) error { return tx.InsertJob(ctx, &j) }); err != nil {
			t.Fatal(err)
		}
		w := f.Svc.NewWorker(core.WorkerConfig{Owner: "w", Lease: time.Minute})
		done := make(chan error, 1)
		go func() { _, err := w.RunOne(ctx); done <- err }()
		<-started
		// A guard against waiting for ever, not a measure of speed: with the writer held,
		// a cancel that first wrote its request would never get through.
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := f.Svc.CancelJob(cctx, &f.ClerkA, j.ID); err != nil {
			t.Fatalf("cancel: %v", err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if got := jobOf(t, f, j.ID); got.Status != sqldb.JobCancelled {
			t.Fatalf("job %s (%s), want cancelled", got.Status, got.Message)
		}
		var name string
		if err := db.View(ctx, func(tx *sqldb.Tx) error {
			return tx.Get(ctx, "org", `SELECT name FROM orgs WHERE id = ?`, []any{f.CommuneA.ID}, &name)
		}); err != nil || name != f.CommuneA.Name {
			t.Fatalf("the cancelled job's write was kept: %q %v", name, err)
		}
	})
}
