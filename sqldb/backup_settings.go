package sqldb

import (
	"context"

	"tdkt"
)

// BackupSettings is the one row of backup_settings: the nightly backup as an
// installation administrator set it (migration 0018).
type BackupSettings struct {
	Enabled       bool
	Folder        string // "" for the default folder
	Hour          int    // 0–23, Vietnam time
	Keep          int    // how many copies to keep, 1–365
	LastQueuedDay string // YYYY-MM-DD of the last day whose backup was queued
	Version       int
	UpdatedAt     string
}

// BackupSettings loads the backup settings.
func (t *Tx) BackupSettings(ctx context.Context) (BackupSettings, error) {
	var s BackupSettings
	err := t.Get(ctx, "thiết lập sao lưu", `SELECT enabled, folder, hour, keep, last_queued_day, version, updated_at FROM backup_settings WHERE id = 1`,
		nil, &s.Enabled, &s.Folder, &s.Hour, &s.Keep, &s.LastQueuedDay, &s.Version, &s.UpdatedAt)
	return s, err
}

// SaveBackupSettings stores s when its Version is the stored one (Conflict
// otherwise) and increments it.
func (t *Tx) SaveBackupSettings(ctx context.Context, s *BackupSettings, now string) error {
	n, err := t.Exec(ctx, `UPDATE backup_settings SET enabled = ?, folder = ?, hour = ?, keep = ?, version = version + 1, updated_at = ?
		WHERE id = 1 AND version = ?`, s.Enabled, s.Folder, s.Hour, s.Keep, now, s.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return tdkt.Conflict()
	}
	s.Version++
	s.UpdatedAt = now
	return nil
}

// ClaimBackupDay marks day's backup as queued and reports whether this call did it:
// when several processes try at once, the row's lock (PostgreSQL) or the one writer
// (SQLite) lets exactly one UPDATE match.
func (t *Tx) ClaimBackupDay(ctx context.Context, day string) (bool, error) {
	n, err := t.Exec(ctx, `UPDATE backup_settings SET last_queued_day = ? WHERE id = 1 AND last_queued_day < ?`, day, day)
	return n == 1, err
}

// RootOrgID is the first organisation without a parent (0 when there is none): the
// owner of the installation's own jobs, such as the nightly backup.
func (t *Tx) RootOrgID(ctx context.Context) (int64, error) {
	return t.Int(ctx, `SELECT COALESCE(min(id), 0) FROM orgs WHERE parent_id IS NULL`)
}
