-- Emulation clusters and blocks (cụm, khối thi đua): one row per cluster and year,
-- with its members, graders, criteria, the units' self-assessments, the graders'
-- scores and the approved results. A missing score row means "not scored"; 0 is a score.

CREATE TABLE clusters (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cum','khoi')),
  year INTEGER NOT NULL,
  stage TEXT NOT NULL DEFAULT 'setup' CHECK (stage IN ('setup','scoring','approved')),
  head_member_id BIGINT NOT NULL DEFAULT 0,
  pact_text TEXT NOT NULL DEFAULT '',
  pact_signed_on TEXT NOT NULL DEFAULT '',
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at TEXT NOT NULL DEFAULT '',
  dossier_id BIGINT REFERENCES dossiers(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  UNIQUE (org_id, name, year)
);

CREATE TABLE cluster_members (
  id {{ID}},
  cluster_id BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  collective_id BIGINT NOT NULL REFERENCES collectives(id),
  signed {{BOOL}} NOT NULL DEFAULT FALSE,
  self_status TEXT NOT NULL DEFAULT '' CHECK (self_status IN ('','draft','submitted','returned')),
  self_note TEXT NOT NULL DEFAULT '',
  UNIQUE (cluster_id, collective_id)
);

CREATE TABLE cluster_graders (
  id {{ID}},
  cluster_id BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  UNIQUE (cluster_id, org_id)
);

CREATE TABLE cluster_criteria (
  id {{ID}},
  cluster_id BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  group_name TEXT NOT NULL,
  name TEXT NOT NULL,
  max_points DOUBLE PRECISION NOT NULL CHECK (max_points > 0),
  weight DOUBLE PRECISION NOT NULL CHECK (weight > 0),
  position INTEGER NOT NULL
);

CREATE TABLE cluster_self_scores (
  id {{ID}},
  cluster_id BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  member_id BIGINT NOT NULL REFERENCES cluster_members(id) ON DELETE CASCADE,
  criterion_id BIGINT NOT NULL REFERENCES cluster_criteria(id),
  score DOUBLE PRECISION NOT NULL CHECK (score >= 0),
  evidence TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL DEFAULT '',
  file_mime TEXT NOT NULL DEFAULT '',
  file_size BIGINT NOT NULL DEFAULT 0,
  file_sha256 TEXT NOT NULL DEFAULT '',
  file_content {{BLOB}},
  updated_at TEXT NOT NULL,
  UNIQUE (member_id, criterion_id)
);

CREATE TABLE cluster_scores (
  id {{ID}},
  cluster_id BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  grader_org_id BIGINT NOT NULL REFERENCES orgs(id),
  member_id BIGINT NOT NULL REFERENCES cluster_members(id) ON DELETE CASCADE,
  criterion_id BIGINT NOT NULL REFERENCES cluster_criteria(id),
  score DOUBLE PRECISION NOT NULL CHECK (score >= 0),
  reason TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,
  by_login TEXT NOT NULL,
  UNIQUE (grader_org_id, member_id, criterion_id)
);
CREATE INDEX cluster_scores_cluster ON cluster_scores(cluster_id);

CREATE TABLE cluster_results (
  id {{ID}},
  cluster_id BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  member_id BIGINT NOT NULL REFERENCES cluster_members(id) ON DELETE CASCADE,
  raw_total DOUBLE PRECISION NOT NULL,
  normalised_total DOUBLE PRECISION NOT NULL,
  raw_rank INTEGER NOT NULL,
  normalised_rank INTEGER NOT NULL,
  UNIQUE (cluster_id, member_id)
);
