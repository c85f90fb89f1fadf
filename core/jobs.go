package core

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"sync"
	"time"

	"tdkt"
	"tdkt/sqldb"
)

// Long work runs in the background as jobs, on tdkt's own table (see
// sqldb/migrations/0012_jobs.sql): a use case queues a job in its transaction, and a
// Worker in every `tdkt serve` process claims jobs one at a time under a lease.
//
// Why not a queue library: the jobs of tdkt are few and long (an import of a
// province's staff, a year-end list), the same SQL runs on both databases, and a
// job's completion must commit in the job's own transaction (an import is written
// exactly once even when a process dies at the worst moment).

// JobFunc does a job's work. It reads its input from run.Job.Payload, reports progress
// through run.Progress, stops early when ctx is cancelled (the user asked, or the
// process is stopping), and returns the result (JSON or text) to store. A job that
// writes to the database in one transaction calls run.Complete in it instead, so
// that its writes and its completion commit together; its returned result is then
// ignored.
type JobFunc func(ctx context.Context, run *JobRun) (result string, err error)

// jobKinds is the registry of job kinds; the zero value has the built-in kinds.
type jobKinds struct {
	mu    sync.Mutex
	kinds map[string]JobFunc
	live  sync.Map // job id → *JobRun running in this process, for live progress
	files parsedFiles
}

// RegisterJob makes a job kind known to the workers of this service. Adding a kind
// is this one call (and a Vietnamese label in JobLabels).
func (s *Service) RegisterJob(kind string, fn JobFunc) {
	s.jobs.mu.Lock()
	defer s.jobs.mu.Unlock()
	s.ensureKinds()
	s.jobs.kinds[kind] = fn
}

// ensureKinds fills the built-in kinds; the caller holds the lock for writing.
func (s *Service) ensureKinds() {
	if s.jobs.kinds == nil {
		s.jobs.kinds = map[string]JobFunc{
			JobImport:       s.runImport,
			JobSuggest:      s.runSuggest,
			JobCertificates: s.runCertificates,
			JobStatistics:   s.runStatistics,
			JobBackup:       s.runBackup,
		}
	}
}

func (s *Service) jobFunc(kind string) (JobFunc, bool) {
	s.jobs.mu.Lock()
	defer s.jobs.mu.Unlock()
	s.ensureKinds()
	fn, ok := s.jobs.kinds[kind]
	return fn, ok
}

func (s *Service) jobKindNames() []string {
	s.jobs.mu.Lock()
	defer s.jobs.mu.Unlock()
	s.ensureKinds()
	out := make([]string, 0, len(s.jobs.kinds))
	for k := range s.jobs.kinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The built-in job kinds.
const (
	JobImport  = "import"
	JobSuggest = "suggest"
)

// JobLabels names the kinds of job on pages.
var JobLabels = map[string]string{JobImport: "Nhập dữ liệu từ tệp", JobSuggest: "Lập danh sách đề xuất khen thưởng",
	JobCertificates: "In bằng, giấy khen của một quyết định", JobStatistics: "Lập các biểu thống kê 0601–0605"}

// JobStatusLabels names the statuses of a job on pages.
var JobStatusLabels = map[string]string{sqldb.JobQueued: "Đang chờ", sqldb.JobRunning: "Đang chạy", sqldb.JobDone: "Đã xong",
	sqldb.JobFailed: "Lỗi", sqldb.JobCancelled: "Đã hủy"}

// WorkerConfig tunes a Worker; the zero value is the production setting.
type WorkerConfig struct {
	Owner string        // the lease owner name; default host-pid-random
	Lease time.Duration // how long a claim holds without renewal; default 1 minute
	Poll  time.Duration // how often an idle worker looks for work; default 1 second
	// MaxAttempts bounds the claims of one job (each restart after a crash is one).
	MaxAttempts int
	Log         *slog.Logger
}

func (c *WorkerConfig) defaults() {
	if c.Owner == "" {
		host, _ := os.Hostname()
		var b [4]byte
		rand.Read(b[:])
		c.Owner = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
	}
	if c.Lease <= 0 {
		c.Lease = time.Minute
	}
	if c.Poll <= 0 {
		c.Poll = time.Second
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 3
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
}

// JobRun is a job being worked on by this process.
type JobRun struct {
	Job      sqldb.Job
	svc      *Service
	owner    string
	mu       sync.Mutex
	done     int64
	total    int64
	message  string
	complete bool // the job's transaction recorded its end
	result   *resultFile
	stop     context.CancelCauseFunc // stops the job's function; see CancelJob
}

// Progress reports how far the job is; it is stored with the next lease renewal and
// shown at once by this process's pages.
func (r *JobRun) Progress(done, total int64, message string) {
	r.mu.Lock()
	r.done, r.total, r.message = done, total, message
	r.mu.Unlock()
}

// Snapshot returns the progress last reported.
func (r *JobRun) Snapshot() (done, total int64, message string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.done, r.total, r.message
}

// Complete records the job's successful end in tx, the job's own transaction:
// Conflict (and so a rollback of everything the job wrote) when this worker no
// longer holds the job.
func (r *JobRun) Complete(ctx context.Context, tx *sqldb.Tx, message, result string) error {
	if err := tx.FinishJob(ctx, r.Job.ID, r.owner, sqldb.JobDone, r.svc.stamp(), message, result, "", nil); err != nil {
		return err
	}
	if err := r.svc.notifyJob(ctx, tx, &r.Job, sqldb.JobDone, message); err != nil {
		return err
	}
	r.complete = true
	return nil
}

// Worker claims jobs and runs them, one at a time.
type Worker struct {
	svc *Service
	cfg WorkerConfig
}

// NewWorker returns a worker for the service's jobs.
func (s *Service) NewWorker(cfg WorkerConfig) *Worker {
	cfg.defaults()
	return &Worker{svc: s, cfg: cfg}
}

// Owner is the name under which the worker holds its leases.
func (w *Worker) Owner() string { return w.cfg.Owner }

// Run works until ctx ends. A job interrupted by the end of ctx is given back to
// wait for the next process (what it wrote in its transaction is rolled back).
func (w *Worker) Run(ctx context.Context) {
	for ctx.Err() == nil {
		worked, err := w.RunOne(ctx)
		if err != nil && ctx.Err() == nil {
			w.cfg.Log.Error("job worker", "err", err)
		}
		if !worked {
			select {
			case <-ctx.Done():
			case <-time.After(w.cfg.Poll):
			}
		}
	}
}

// RunOne claims one job and runs it to its end; worked is false when none waited.
func (w *Worker) RunOne(ctx context.Context) (worked bool, err error) {
	s := w.svc
	var waiting bool
	if err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		waiting, err = tx.JobsWaiting(ctx, stampOf(s.Now()))
		return err
	}); err != nil || !waiting {
		return false, err
	}
	var job sqldb.Job
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		now := s.Now().UTC()
		if err := tx.SweepJobs(ctx, stampOf(now), w.cfg.MaxAttempts); err != nil {
			return err
		}
		// An import whose job the sweep ended may be started again.
		if err := tx.FreeImportsOfEndedJobs(ctx); err != nil {
			return err
		}
		// Nothing to claim is not a failure: the sweep above must still commit, since
		// a job that gave up (or was cancelled while its worker died) is exactly what
		// leaves nothing to claim.
		job, err = tx.ClaimJob(ctx, w.cfg.Owner, stampOf(now), stampOf(now.Add(w.cfg.Lease)), s.jobKindNames())
		if tdkt.CodeOf(err) == tdkt.ENotFound {
			job, err = sqldb.Job{}, nil
		}
		return err
	})
	if err != nil || job.ID == 0 {
		return false, err
	}
	return true, w.run(ctx, job)
}

// run works on a claimed job: the kind's function in one goroutine, the lease
// renewed (and a cancellation noticed) by this one.
func (w *Worker) run(ctx context.Context, job sqldb.Job) error {
	s := w.svc
	fn, _ := s.jobFunc(job.Kind)
	run := &JobRun{Job: job, svc: s, owner: w.cfg.Owner, total: job.Total}
	jctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	run.stop = stop
	s.jobs.live.Store(job.ID, run)
	defer s.jobs.live.Delete(job.ID)
	type outcome struct {
		result string
		err    error
	}
	out := make(chan outcome, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				out <- outcome{err: fmt.Errorf("panic: %v", p)}
			}
		}()
		r, err := fn(jctx, run)
		out <- outcome{r, err}
	}()
	tick := time.NewTicker(w.cfg.Lease / 4)
	defer tick.Stop()
	for {
		select {
		case o := <-out:
			return w.finish(ctx, run, o.result, o.err, context.Cause(jctx))
		case <-tick.C:
			w.renew(jctx, run, stop)
		}
	}
}

var (
	errCancelled = errors.New("cancelled by the user")
	errLeaseLost = errors.New("lease lost")
)

// renew extends the lease and stores the progress. It waits at most a moment for
// the database: on SQLite a job that writes in one long transaction holds the one
// write connection, and its lease cannot be renewed until it commits (nobody else
// can claim it meanwhile either: claiming is a write). The cancel flag is read
// apart, from the read pool, so that a cancellation reaches even such a job.
func (w *Worker) renew(ctx context.Context, run *JobRun, stop context.CancelCauseFunc) {
	s := w.svc
	done, total, msg := run.Snapshot()
	rctx, cancel := context.WithTimeout(ctx, w.cfg.Lease/8)
	defer cancel()
	err := s.DB.Update(rctx, func(tx *sqldb.Tx) error {
		_, err := tx.RenewJob(rctx, run.Job.ID, w.cfg.Owner, stampOf(s.Now().Add(w.cfg.Lease)), done, total, msg)
		return err
	})
	if tdkt.CodeOf(err) == tdkt.EConflict {
		stop(errLeaseLost)
		return
	}
	var cancelAsked bool
	if err := s.DB.View(ctx, func(tx *sqldb.Tx) error {
		j, err := tx.JobByID(ctx, run.Job.ID)
		cancelAsked = j.CancelRequested
		return err
	}); err == nil && cancelAsked {
		stop(errCancelled)
	}
}

// finish records how the job ended, unless its own transaction already did.
func (w *Worker) finish(ctx context.Context, run *JobRun, result string, jobErr, cause error) error {
	if run.complete {
		return nil
	}
	s := w.svc
	status, msg := sqldb.JobDone, "Đã xong."
	switch {
	case errors.Is(cause, errLeaseLost):
		return nil // another worker has it now
	case errors.Is(cause, errCancelled):
		status, msg, result = sqldb.JobCancelled, "Đã hủy theo yêu cầu; không có gì được ghi.", ""
	case ctx.Err() != nil:
		// The process is stopping: what the job wrote was rolled back, and the job
		// waits again for the next process. (A process that dies instead leaves its
		// lease to run out.)
		bg := context.WithoutCancel(ctx)
		return s.DB.Update(bg, func(tx *sqldb.Tx) error { return tx.ReleaseJob(bg, run.Job.ID, w.cfg.Owner) })
	case jobErr != nil:
		status, result = sqldb.JobFailed, ""
		var e *tdkt.Error
		if errors.As(jobErr, &e) {
			msg = e.Error()
		} else {
			w.cfg.Log.Error("job failed", "job", run.Job.ID, "kind", run.Job.Kind, "err", jobErr)
			msg = "Lỗi hệ thống khi chạy công việc; không có gì được ghi. Hãy thử lại hoặc báo quản trị hệ thống."
		}
	}
	var file []byte
	var name string
	if f, ok := run.file(); ok && status == sqldb.JobDone {
		name, file = f.name, f.content
	}
	if _, _, m := run.Snapshot(); status == sqldb.JobDone && m != "" {
		msg = m
	}
	bg := context.WithoutCancel(ctx)
	return s.DB.Update(bg, func(tx *sqldb.Tx) error {
		err := tx.FinishJob(bg, run.Job.ID, w.cfg.Owner, status, s.stamp(), msg, result, name, file)
		if tdkt.CodeOf(err) == tdkt.EConflict {
			return nil
		}
		if err != nil {
			return err
		}
		return s.notifyJob(bg, tx, &run.Job, status, msg)
	})
}

type resultFile struct {
	name    string
	content []byte
}

// SetFile attaches a file to the job's result (a list to download).
func (r *JobRun) SetFile(name string, content []byte) {
	r.mu.Lock()
	r.result = &resultFile{name, content}
	r.mu.Unlock()
}

func (r *JobRun) file() (resultFile, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.result == nil {
		return resultFile{}, false
	}
	return *r.result, true
}

// enqueue queues a job in tx for the actor's organisation (or orgID).
func (s *Service) enqueue(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, kind string, orgID int64, payload string, total int64) (int64, error) {
	j := sqldb.Job{Kind: kind, OrgID: orgID, Payload: payload, Total: total, CreatedAt: s.stamp()}
	if actor != nil {
		j.AccountID = actor.ID
	}
	if err := tx.InsertJob(ctx, &j); err != nil {
		return 0, err
	}
	// Queueing is audited: a job reads (and may write) records on the account's behalf.
	return j.ID, s.audit(ctx, tx, actor, "queue", "job", j.ID, tdkt.Subject{}, orgID, nil, map[string]any{"kind": kind, "payload": json.RawMessage(payload)})
}

// JobView is a job as pages and the API show it, with its live progress when this
// process runs it.
type JobView struct {
	sqldb.Job
	Label, StatusLabel string
	HasFile            bool
}

// Percent is how far the job is, 0–100.
func (j JobView) Percent() int {
	if j.Total <= 0 {
		if j.Status == sqldb.JobDone {
			return 100
		}
		return 0
	}
	return int(min(100, j.Done*100/j.Total))
}

// Finished tells whether the job has ended.
func (j JobView) Finished() bool {
	return j.Status == sqldb.JobDone || j.Status == sqldb.JobFailed || j.Status == sqldb.JobCancelled
}

func (s *Service) viewJob(j sqldb.Job) JobView {
	if v, ok := s.jobs.live.Load(j.ID); ok && j.Status == sqldb.JobRunning {
		j.Done, j.Total, j.Message = v.(*JobRun).Snapshot()
	}
	return JobView{Job: j, Label: JobLabels[j.Kind], StatusLabel: JobStatusLabels[j.Status]}
}

// jobIn loads a job of the actor's subtree; another unit's job is NotFound.
func jobIn(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (sqldb.Job, error) {
	j, err := tx.JobByID(ctx, id)
	if err != nil {
		return j, err
	}
	return j, visible(actor, j.OrgPath, "công việc")
}

// Job loads a job of the actor's subtree; another unit's job is NotFound.
func (s *Service) Job(ctx context.Context, actor *tdkt.Account, id int64) (v JobView, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		j, err := jobIn(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		v = s.viewJob(j)
		// A file and its name are stored together (FinishJob), so the name tells
		// without reading the file, which this page's polling would do every second.
		v.HasFile = j.Status == sqldb.JobDone && j.ResultName != ""
		return nil
	})
	return v, err
}

// Jobs lists the latest jobs of the actor's subtree.
func (s *Service) Jobs(ctx context.Context, actor *tdkt.Account) (out []JobView, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		js, err := tx.JobsIn(ctx, actor.OrgPath, 100)
		for _, j := range js {
			out = append(out, s.viewJob(j))
		}
		return err
	})
	return out, err
}

// JobFile returns the result file of a job of the actor's subtree.
func (s *Service) JobFile(ctx context.Context, actor *tdkt.Account, id int64) (name string, content []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, err := jobIn(ctx, tx, actor, id); err != nil {
			return err
		}
		name, content, err = tx.JobResultFile(ctx, id)
		return err
	})
	return name, content, err
}

// CancelJob asks a job of the actor's subtree to stop. A job that has already ended
// is a Conflict.
func (s *Service) CancelJob(ctx context.Context, actor *tdkt.Account, id int64) error {
	// A job this process runs is stopped at once, before the request is written: on
	// SQLite an import holds the only write connection to its end, so the write below
	// would otherwise wait for the very job it cancels.
	stopped := false
	if v, ok := s.jobs.live.Load(id); ok {
		err := s.DB.View(ctx, func(tx *sqldb.Tx) error {
			if _, err := jobIn(ctx, tx, actor, id); err != nil {
				return err
			}
			return canEdit(actor)
		})
		if err != nil {
			return err
		}
		v.(*JobRun).stop(errCancelled)
		stopped = true
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		j, err := jobIn(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		wasQueued, err := tx.RequestCancel(ctx, id, s.stamp())
		if tdkt.CodeOf(err) == tdkt.EConflict && stopped {
			// Stopped above: the job may have recorded its end meanwhile (read again,
			// as it is now).
			if now, rerr := tx.JobByID(ctx, id); rerr == nil && now.Status == sqldb.JobCancelled {
				err = nil
			}
		}
		switch {
		case tdkt.CodeOf(err) == tdkt.EConflict:
			return &tdkt.Error{Code: tdkt.EConflict, Message: "Công việc đã kết thúc hoặc đã được yêu cầu hủy."}
		case err != nil:
			return err
		}
		if wasQueued && j.Kind == JobImport {
			// It never ran: its import is free to be started again. (A running import
			// job frees it itself when it stops.)
			if err := tx.FailImportOfJob(ctx, id); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "cancel", "job", id, tdkt.Subject{}, j.OrgID, nil, map[string]any{"kind": j.Kind})
	})
}

// jobActor loads the account that queued a job, as the actor its work runs for.
// jobInput reads a running job's payload into in and returns the account that
// started it, on whose behalf (and within whose scope) the job works.
func (s *Service) jobInput(ctx context.Context, run *JobRun, in any) (*tdkt.Account, error) {
	if err := json.Unmarshal([]byte(run.Job.Payload), in); err != nil {
		return nil, err
	}
	return s.jobActor(ctx, run.Job)
}

func (s *Service) jobActor(ctx context.Context, j sqldb.Job) (*tdkt.Account, error) {
	var a tdkt.Account
	err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		a, err = tx.AccountByID(ctx, j.AccountID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if a.Disabled {
		return nil, tdkt.Forbidden()
	}
	return &a, nil
}
