-- Several processes on one database: rate limits counted in the database, and the
-- audit trail chained by hashes so that a changed or removed event shows.

-- One row per key (an endpoint and an address) and window; old windows are swept.
CREATE TABLE rate_limits (
  key TEXT NOT NULL,
  window_start TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits(window_start);

-- hash = sha256(prev_hash || the event's canonical fields); events written before
-- the chain existed keep ''.
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_events ADD COLUMN hash TEXT NOT NULL DEFAULT '';

-- The last hash of the chain, in one row that a writer locks (PostgreSQL: FOR
-- UPDATE), so that two processes never chain onto the same event.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, hash) VALUES (1, '');
