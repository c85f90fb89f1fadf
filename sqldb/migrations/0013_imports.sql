-- Imports from Excel and CSV: the uploaded file is kept (the commit runs as a job,
-- possibly in another process) with the clerk's column mapping, and after the commit
-- the report: counts, errors, who and when. The audit event of the import points here.
CREATE TABLE imports (
  id {{ID}},
  kind TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{BLOB}} NOT NULL,
  mapping TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'staged' CHECK (status IN ('staged','queued','committed','failed')),
  job_id BIGINT REFERENCES jobs(id),
  rows_total INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  merged INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  committed_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX imports_org ON imports(org_id, id);
-- Finding an existing person by name and birth date (the duplicate check of an import).
CREATE INDEX people_fold_birth ON people(name_fold, birth_date);
