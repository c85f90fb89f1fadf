-- Accounts, sessions, API tokens, login throttling and the audit trail. Sessions,
-- tokens and throttling live in the database so that several tdkt processes behind
-- one load balancer agree on them.

CREATE TABLE accounts (
  id {{ID}},
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('quan_tri','can_bo_thi_dua','lanh_dao','thanh_vien_hoi_dong','xem')),
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  password_hash TEXT NOT NULL,
  disabled {{BOOL}} NOT NULL DEFAULT FALSE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE api_tokens (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked {{BOOL}} NOT NULL DEFAULT FALSE
);

-- One row per failed login; the throttle counts recent rows for a login or an address.
CREATE TABLE login_failures (
  id {{ID}},
  login TEXT NOT NULL,
  ip TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_login ON login_failures(login, at);
CREATE INDEX login_failures_ip ON login_failures(ip, at);

CREATE TABLE audit_events (
  id {{ID}},
  at TEXT NOT NULL,
  actor_id BIGINT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL DEFAULT 0,
  org_id BIGINT,
  -- the person, collective or household the changed record belongs to, so that a
  -- subject's page shows the history of all its records
  subject_kind TEXT NOT NULL DEFAULT '',
  subject_id BIGINT NOT NULL DEFAULT 0,
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entity ON audit_events(entity, entity_id);
CREATE INDEX audit_subject ON audit_events(subject_kind, subject_id);
