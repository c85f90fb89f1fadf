-- The audit trail keyed by the installation's audit key, which is kept outside the
-- database (docs/audit.md): whoever holds only the database cannot recompute it.

-- The scheme of each event's hash: 'sha256' (the unkeyed chain of migration 0010,
-- kept verifiable) or 'hmac1' (HMAC-SHA256 with the audit key). state is the audited
-- row as stored after the change (JSON of its columns; 'null' when the row is gone),
-- covered by the event's HMAC, so that verify can compare it with the row today.
ALTER TABLE audit_events ADD COLUMN chain TEXT NOT NULL DEFAULT 'sha256';
ALTER TABLE audit_events ADD COLUMN state TEXT NOT NULL DEFAULT '';

-- The head's own HMAC (so that resetting or blanking the head shows), and the latest
-- checkpoint as written to the checkpoint file, for display only (verify trusts the file).
ALTER TABLE audit_head ADD COLUMN mac TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_head ADD COLUMN checkpoint TEXT NOT NULL DEFAULT '';

-- Rows written in bulk (the demo, imports, the rows found when the keyed chain
-- started) are covered by one snapshot event, which records their number; the rows
-- as it saw them are kept here in runs of up to 1,000 ids: states is the JSON
-- {"columns": [...], "rows": [["id", value, ...], ...]} compressed with DEFLATE,
-- mac its HMAC with the key.
CREATE TABLE audit_bulk (
  event_id BIGINT NOT NULL,
  entity TEXT NOT NULL,
  first_id BIGINT NOT NULL,
  last_id BIGINT NOT NULL,
  rows INTEGER NOT NULL,
  states {{BLOB}} NOT NULL,
  mac TEXT NOT NULL,
  PRIMARY KEY (entity, first_id, event_id)
);
