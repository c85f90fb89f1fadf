package sqldb

import (
	"context"
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
