-- Nomination dossiers and their workflow, councils and their votes, public comment,
-- decisions and certificates. {{BLOB}} is the dialect's binary type.

CREATE TABLE dossiers (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  holder_org_id BIGINT NOT NULL REFERENCES orgs(id),
  award_code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cong_trang','dot_xuat','phong_trao','chuyen_de','cong_hien','nien_han','doi_ngoai')),
  year INTEGER NOT NULL,
  period_from INTEGER NOT NULL,
  simplified {{BOOL}} NOT NULL DEFAULT FALSE,
  title TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('draft','submitted','received','appraisal','returned','public_comment','council','approved','decided','refused')),
  status_since TEXT NOT NULL,
  due_on TEXT NOT NULL DEFAULT '',
  due_rule TEXT NOT NULL DEFAULT '',
  number TEXT NOT NULL DEFAULT '',
  proposed_on TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX dossiers_holder ON dossiers(holder_org_id, status);
CREATE INDEX dossiers_org ON dossiers(org_id, status);

CREATE TABLE dossier_candidates (
  id {{ID}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('ca_nhan','tap_the','ho_gia_dinh')),
  subject_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  position TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  status TEXT NOT NULL DEFAULT '',
  rule_set TEXT NOT NULL DEFAULT '',
  reasons TEXT NOT NULL DEFAULT '',
  justification TEXT NOT NULL DEFAULT '',
  -- the council's tally; how each member voted is not stored anywhere
  yes_votes INTEGER NOT NULL DEFAULT 0,
  voters INTEGER NOT NULL DEFAULT 0,
  passed {{BOOL}} NOT NULL DEFAULT FALSE,
  excluded {{BOOL}} NOT NULL DEFAULT FALSE,
  amount_vnd BIGINT NOT NULL DEFAULT 0,
  honour_id BIGINT,
  UNIQUE (dossier_id, subject_kind, subject_id)
);

CREATE TABLE dossier_events (
  id {{ID}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  org_id BIGINT REFERENCES orgs(id),
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, id);

-- Documents drafted in tdkt (proposal letter, achievement reports, minutes) as
-- editable text, and files attached by the clerk, checked and checksummed.
CREATE TABLE dossier_files (
  id {{ID}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{BLOB}} NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX dossier_files_dossier ON dossier_files(dossier_id);

CREATE TABLE councils (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  established_by TEXT NOT NULL DEFAULT '',
  term_from TEXT NOT NULL,
  term_to TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX councils_org ON councils(org_id);

CREATE TABLE council_members (
  id {{ID}},
  council_id BIGINT NOT NULL REFERENCES councils(id) ON DELETE CASCADE,
  account_id BIGINT REFERENCES accounts(id),
  name TEXT NOT NULL,
  position TEXT NOT NULL DEFAULT '',
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  chair {{BOOL}} NOT NULL DEFAULT FALSE,
  UNIQUE (council_id, account_id)
);

CREATE TABLE meetings (
  id {{ID}},
  council_id BIGINT NOT NULL REFERENCES councils(id),
  held_on TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open','closed')),
  members INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE meeting_items (
  meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  PRIMARY KEY (meeting_id, dossier_id)
);

-- That a member voted (or recused) on a candidate, never what they voted: the yes
-- count lives on the candidate, so the ballot stays secret.
CREATE TABLE ballots (
  candidate_id BIGINT NOT NULL REFERENCES dossier_candidates(id) ON DELETE CASCADE,
  member_id BIGINT NOT NULL REFERENCES council_members(id),
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  recused {{BOOL}} NOT NULL DEFAULT FALSE,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (candidate_id, member_id)
);

CREATE TABLE publications (
  dossier_id BIGINT PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  summary TEXT NOT NULL
);

CREATE TABLE comments (
  id {{ID}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  contact TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  ip_hash TEXT NOT NULL,
  answer TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL DEFAULT '',
  answered_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX comments_dossier ON comments(dossier_id);
CREATE INDEX comments_ip ON comments(ip_hash, created_at);

CREATE TABLE decisions (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  dossier_id BIGINT REFERENCES dossiers(id),
  number TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  signer TEXT NOT NULL,
  signer_title TEXT NOT NULL DEFAULT '',
  issuer TEXT NOT NULL,
  award_code TEXT NOT NULL,
  total_vnd BIGINT NOT NULL DEFAULT 0,
  rule_set TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE certificates (
  id {{ID}},
  honour_id BIGINT NOT NULL REFERENCES honours(id),
  decision_id BIGINT NOT NULL REFERENCES decisions(id),
  serial TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  revoked_at TEXT NOT NULL DEFAULT '',
  revoke_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX certificates_honour ON certificates(honour_id);

ALTER TABLE honours ADD COLUMN decision_id BIGINT REFERENCES decisions(id);
ALTER TABLE honours ADD COLUMN revoke_reason TEXT NOT NULL DEFAULT '';
