-- The nightly backup (core/backups.go): one row of settings kept by the installation's
-- administrators. The backup is on by default, at 02:00 (Vietnam time), keeping the
-- newest 7 copies; an empty folder means the default one (beside a SQLite database,
-- or unset on PostgreSQL, where the administrator chooses it). last_queued_day is the
-- day (YYYY-MM-DD, Vietnam time) whose backup was queued: the conditional UPDATE that
-- moves it lets only one of several processes sharing a PostgreSQL queue the day's job.
CREATE TABLE backup_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  enabled {{BOOL}} NOT NULL DEFAULT TRUE,
  folder TEXT NOT NULL DEFAULT '',
  hour INTEGER NOT NULL DEFAULT 2 CHECK (hour BETWEEN 0 AND 23),
  keep INTEGER NOT NULL DEFAULT 7 CHECK (keep BETWEEN 1 AND 365),
  last_queued_day TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL DEFAULT ''
);
INSERT INTO backup_settings (id) VALUES (1);
