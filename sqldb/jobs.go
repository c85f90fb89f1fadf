package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// Job is a row of the jobs table: long work done in the background.
type Job struct {
	ID              int64
	Kind            string
	OrgID           int64
	AccountID       int64
	Status          string // queued, running, done, failed, cancelled
	Done, Total     int64
	Message         string
	Payload         string // JSON, the kind's input
	Result          string // JSON or text, the kind's output
	ResultName      string // file name of ResultFile, "" for none
	CancelRequested bool
	LeaseOwner      string
	LeaseUntil      string
	Attempts        int
	CreatedAt       string
	StartedAt       string
	FinishedAt      string
	OrgPath         string // the path of OrgID, for the scope check
}

// The statuses of a job.
const (
	JobQueued    = "queued"
	JobRunning   = "running"
	JobDone      = "done"
	JobFailed    = "failed"
	JobCancelled = "cancelled"
)

const jobCols = `j.id, j.kind, j.org_id, COALESCE(j.account_id, 0), j.status, j.progress_done, j.progress_total, j.message, j.payload,
	j.result, j.result_name, j.cancel_requested, j.lease_owner, j.lease_until, j.attempts, j.created_at, j.started_at, j.finished_at, o.path`

func scanJob(r interface{ Scan(...any) error }) (j Job, err error) {
	err = r.Scan(&j.ID, &j.Kind, &j.OrgID, &j.AccountID, &j.Status, &j.Done, &j.Total, &j.Message, &j.Payload,
		&j.Result, &j.ResultName, &j.CancelRequested, &j.LeaseOwner, &j.LeaseUntil, &j.Attempts, &j.CreatedAt, &j.StartedAt, &j.FinishedAt, &j.OrgPath)
	return j, err
}

// InsertJob queues a job; it runs in the transaction of the change that asks for it,
// so that a job exists exactly when that change was committed.
func (t *Tx) InsertJob(ctx context.Context, j *Job) (err error) {
	var acct any
	if j.AccountID != 0 {
		acct = j.AccountID
	}
	j.Status = JobQueued
	j.ID, err = t.Insert(ctx, `INSERT INTO jobs (kind, org_id, account_id, status, payload, progress_total, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		j.Kind, j.OrgID, acct, j.Status, j.Payload, j.Total, j.CreatedAt)
	return err
}

// JobByID loads a job.
func (t *Tx) JobByID(ctx context.Context, id int64) (Job, error) {
	var j Job
	err := t.Each(ctx, `SELECT `+jobCols+` FROM jobs j JOIN orgs o ON o.id = j.org_id WHERE j.id = ?`, []any{id}, func(r *sql.Rows) (err error) {
		j, err = scanJob(r)
		return err
	})
	if err == nil && j.ID == 0 {
		err = tdkt.NotFound("công việc")
	}
	return j, err
}

// JobsIn lists the latest jobs of the organisations under path, newest first.
func (t *Tx) JobsIn(ctx context.Context, path string, limit int) ([]Job, error) {
	var out []Job
	err := t.Each(ctx, `SELECT `+jobCols+` FROM jobs j JOIN orgs o ON o.id = j.org_id WHERE o.path LIKE ? ORDER BY j.id DESC LIMIT ?`,
		[]any{path + "%", limit}, func(r *sql.Rows) error {
			j, err := scanJob(r)
			out = append(out, j)
			return err
		})
	return out, err
}

// JobResultFile returns a job's result file.
func (t *Tx) JobResultFile(ctx context.Context, id int64) (name string, content []byte, err error) {
	err = t.Get(ctx, "tệp kết quả", `SELECT result_name, result_file FROM jobs WHERE id = ? AND result_file IS NOT NULL`, []any{id}, &name, &content)
	return name, content, err
}

// SweepJobs ends, before a claim, the jobs that must not run again: those whose
// cancellation was asked while they waited or after their worker died, and those
// that have been claimed maxAttempts times (each claim after a crash counts).
func (t *Tx) SweepJobs(ctx context.Context, now string, maxAttempts int) error {
	if _, err := t.Exec(ctx, `UPDATE jobs SET status = 'cancelled', finished_at = ?, lease_owner = '', message = 'Đã hủy theo yêu cầu.'
		WHERE cancel_requested AND (status = 'queued' OR status = 'running' AND lease_until < ?)`, now, now); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `UPDATE jobs SET status = 'failed', finished_at = ?, lease_owner = '',
		message = 'Công việc bị dừng giữa chừng nhiều lần (máy chủ khởi động lại); đã ngừng thử lại.'
		WHERE status = 'running' AND lease_until < ? AND attempts >= ?`, now, now, maxAttempts)
	return err
}

// ClaimJob takes the oldest job that is queued, or running under a lease that ran
// out (its worker died), for owner until leaseUntil. The UPDATE repeats the
// condition of the SELECT, so when two workers race for one job only one UPDATE
// matches it (PostgreSQL re-checks the WHERE clause on the row the first one
// changed; SQLite has one writer); the other gets NotFound and tries again later.
// kinds limits the claim to the kinds this worker knows. NotFound when none waits.
func (t *Tx) ClaimJob(ctx context.Context, owner, now, leaseUntil string, kinds []string) (Job, error) {
	if len(kinds) == 0 {
		return Job{}, tdkt.NotFound("công việc")
	}
	marks := "?" + repeatMarks(len(kinds)-1)
	args := []any{now}
	for _, k := range kinds {
		args = append(args, k)
	}
	ready := `(status = 'queued' OR status = 'running' AND lease_until < ?) AND NOT cancel_requested AND kind IN (` + marks + `)`
	var id int64
	err := t.Get(ctx, "công việc", `SELECT id FROM jobs WHERE `+ready+` ORDER BY id LIMIT 1`, args, &id)
	if err != nil {
		return Job{}, err
	}
	n, err := t.Exec(ctx, `UPDATE jobs SET status = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1,
		started_at = CASE WHEN started_at = '' THEN ? ELSE started_at END WHERE id = ? AND `+ready,
		append([]any{owner, leaseUntil, now, id}, args...)...)
	if err != nil {
		return Job{}, err
	}
	if n == 0 {
		return Job{}, tdkt.NotFound("công việc")
	}
	return t.JobByID(ctx, id)
}

func repeatMarks(n int) string {
	b := make([]byte, 0, 2*n)
	for range n {
		b = append(b, ",?"...)
	}
	return string(b)
}

// RenewJob extends the lease of a job that owner still holds, and writes its
// progress. It tells whether cancellation was asked; Conflict when the lease was
// lost (another worker claimed the job after this one stalled).
func (t *Tx) RenewJob(ctx context.Context, id int64, owner, leaseUntil string, done, total int64, message string) (cancel bool, err error) {
	n, err := t.Exec(ctx, `UPDATE jobs SET lease_until = ?, progress_done = ?, progress_total = ?, message = ?
		WHERE id = ? AND lease_owner = ? AND status = 'running'`, leaseUntil, done, total, message, id, owner)
	if err != nil {
		return false, err
	}
	if n == 0 {
		return false, tdkt.Conflict()
	}
	err = t.Get(ctx, "công việc", `SELECT cancel_requested FROM jobs WHERE id = ?`, []any{id}, &cancel)
	return cancel, err
}

// FinishJob records the end of a job that owner holds: status done, failed or
// cancelled, with a message, a result and optionally a result file. Conflict when
// owner no longer holds it; a job's own transaction calls it, so that the job's
// changes and its completion commit together or not at all.
func (t *Tx) FinishJob(ctx context.Context, id int64, owner, status, now, message, result, fileName string, file []byte) error {
	var blob any
	if file != nil {
		blob = file
	}
	return changed(t.Exec(ctx, `UPDATE jobs SET status = ?, finished_at = ?, message = ?, result = ?, result_name = ?, result_file = ?,
		lease_owner = '', progress_done = CASE WHEN ? = 'done' THEN progress_total ELSE progress_done END
		WHERE id = ? AND lease_owner = ? AND status = 'running'`, status, now, message, result, fileName, blob, status, id, owner))
}

// RequestCancel asks a job to stop: a queued job is cancelled at once, a running one
// when its worker next looks. Conflict when the job has already ended.
func (t *Tx) RequestCancel(ctx context.Context, id int64, now string) (wasQueued bool, err error) {
	n, err := t.Exec(ctx, `UPDATE jobs SET status = 'cancelled', cancel_requested = TRUE, finished_at = ?, message = 'Đã hủy theo yêu cầu.'
		WHERE id = ? AND status = 'queued'`, now, id)
	if err != nil || n > 0 {
		return n > 0, err
	}
	return false, changed(t.Exec(ctx, `UPDATE jobs SET cancel_requested = TRUE WHERE id = ? AND status = 'running' AND NOT cancel_requested`, id))
}

// ReleaseJob gives back a job that owner holds without finishing it (the process is
// stopping): it waits again, and the next worker claims it at once.
func (t *Tx) ReleaseJob(ctx context.Context, id int64, owner string) error {
	_, err := t.Exec(ctx, `UPDATE jobs SET status = 'queued', lease_owner = '', lease_until = '' WHERE id = ? AND lease_owner = ? AND status = 'running'`, id, owner)
	return err
}

// JobsWaiting tells whether any job is queued, or running under a lease that ran out:
// an idle worker asks this in a read-only transaction, so that its polling does not
// count as a write (a write drops the cached public pages).
func (t *Tx) JobsWaiting(ctx context.Context, now string) (bool, error) {
	n, err := t.Int(ctx, `SELECT count(*) FROM (SELECT id FROM jobs WHERE status = 'queued' OR status = 'running' AND lease_until < ? LIMIT 1) w`, now)
	return n > 0, err
}
