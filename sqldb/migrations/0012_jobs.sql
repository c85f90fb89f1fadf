-- Long work in the background: a job is claimed by one worker at a time through a
-- lease (lease_owner, lease_until). A worker that dies leaves its lease to expire, and
-- the next worker claims the job again, so work survives a restart. Instants are
-- RFC 3339 UTC text with a fixed number of digits, so that text order is time order.
CREATE TABLE jobs (
  id {{ID}},
  kind TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  account_id BIGINT REFERENCES accounts(id),
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed','cancelled')),
  progress_done BIGINT NOT NULL DEFAULT 0,
  progress_total BIGINT NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL DEFAULT '{}',
  result TEXT NOT NULL DEFAULT '',
  result_file {{BLOB}},
  result_name TEXT NOT NULL DEFAULT '',
  cancel_requested {{BOOL}} NOT NULL DEFAULT FALSE,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  started_at TEXT NOT NULL DEFAULT '',
  finished_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX jobs_ready ON jobs(status, id);
CREATE INDEX jobs_org ON jobs(org_id, id);
