package sqldb

import (
	"context"
	"database/sql"
	"time"
)

// CountRequest adds one request under key to the window that starts at windowStart
// and returns the window's count so far. The count lives in the database, so every
// process behind a load balancer adds to the same number; it is one statement, so two
// processes counting at once each see their own increment.
//
// It runs outside Update on purpose: a counted request is not a change of records and
// must not bump Writes, which would drop the cached public pages on every request.
func (db *DB) CountRequest(ctx context.Context, key string, windowStart time.Time) (n int64, err error) {
	err = db.write.QueryRowContext(ctx, db.q(`INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
		ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count`),
		key, windowStart.UTC().Format(time.RFC3339)).Scan(&n)
	return n, mapErr(err)
}

// SweepRateLimits removes the windows that started before before.
func (db *DB) SweepRateLimits(ctx context.Context, before time.Time) error {
	_, err := db.write.ExecContext(ctx, db.q(`DELETE FROM rate_limits WHERE window_start < ?`), before.UTC().Format(time.RFC3339))
	return mapErr(err)
}

// ReserveLoginAttempt counts one login attempt under key in the window that starts
// at window, unless the window already holds limit attempts; it reports whether the
// attempt was counted. It is one conditional upsert: on PostgreSQL the conflicting
// row is locked and the condition re-read after a concurrent writer commits, so two
// concurrent attempts never both take the last place (READ COMMITTED is enough);
// SQLite has one writer.
func (t *Tx) ReserveLoginAttempt(ctx context.Context, key, window string, limit int) (bool, error) {
	var n int64
	err := t.Each(ctx, `INSERT INTO login_throttle (key, window_start, count) VALUES (?, ?, 1)
		ON CONFLICT (key, window_start) DO UPDATE SET count = login_throttle.count + 1 WHERE login_throttle.count < ?
		RETURNING count`, []any{key, window, limit}, func(r *sql.Rows) error { return r.Scan(&n) })
	return n > 0, err
}

// CountLoginFailure adds a failure under key whatever the count (a wrong second
// factor after a right password counts against the account).
func (t *Tx) CountLoginFailure(ctx context.Context, key, window string) error {
	_, err := t.Exec(ctx, `INSERT INTO login_throttle (key, window_start, count) VALUES (?, ?, 1)
		ON CONFLICT (key, window_start) DO UPDATE SET count = login_throttle.count + 1`, key, window)
	return err
}

// RefundLoginAttempt gives back an attempt counted under key in window: a login that
// succeeded is not a guess. Failures stay counted.
func (t *Tx) RefundLoginAttempt(ctx context.Context, key, window string) error {
	_, err := t.Exec(ctx, `UPDATE login_throttle SET count = count - 1 WHERE key = ? AND window_start = ? AND count > 0`, key, window)
	return err
}

// ResetLoginCounter forgets the attempts under key (a login and an address that just
// succeeded together).
func (t *Tx) ResetLoginCounter(ctx context.Context, key string) error {
	_, err := t.Exec(ctx, `DELETE FROM login_throttle WHERE key = ?`, key)
	return err
}

// LoginAttempts returns the attempts counted under key in window (for tests and the
// account page).
func (t *Tx) LoginAttempts(ctx context.Context, key, window string) (int64, error) {
	return t.Int(ctx, `SELECT count FROM login_throttle WHERE key = ? AND window_start = ?`, key, window)
}

// SweepLoginThrottle drops the windows that started before before.
func (t *Tx) SweepLoginThrottle(ctx context.Context, before string) error {
	_, err := t.Exec(ctx, `DELETE FROM login_throttle WHERE window_start < ?`, before)
	return err
}

// RecordLoginFailure keeps a failed login (the login tried and the address) beside
// the audit trail; these rows are never deleted by a success.
func (t *Tx) RecordLoginFailure(ctx context.Context, login, ip, now string) error {
	_, err := t.Exec(ctx, `INSERT INTO login_failures (login, ip, at) VALUES (?, ?, ?)`, login, ip, now)
	return err
}
