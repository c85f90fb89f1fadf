-- Accounts as a government system keeps them: login throttling that counts before it
-- checks, known devices, idle sessions, named and expiring API tokens, a second factor
-- (TOTP) with single-use recovery codes, and a pending login between the password and
-- the code.

-- Login attempts counted per fixed window under a key: "pair:<login>|<ip>",
-- "login:<login>" and "ip:<ip>". An attempt is reserved by a conditional upsert
-- before the password is checked, so two concurrent attempts never both pass a limit.
CREATE TABLE login_throttle (
  key TEXT NOT NULL,
  window_start TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX login_throttle_window ON login_throttle(window_start);

-- A browser where the account once completed its login (with its second factor when
-- it has one): it may still log in while the account-wide limit holds. Only the hash
-- of the cookie's token is kept.
CREATE TABLE known_devices (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX known_devices_account ON known_devices(account_id);

-- Sessions: when they were last used (the idle timeout; written at most once a
-- minute), from where, and whether the second factor was passed.
ALTER TABLE sessions ADD COLUMN last_seen TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN second_factor {{BOOL}} NOT NULL DEFAULT FALSE;
CREATE INDEX sessions_account ON sessions(account_id);

-- API tokens have a name, an expiry and a last use. A token issued before this
-- migration has no expiry and stops working: issue a new one.
ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT NOT NULL DEFAULT '';
CREATE INDEX api_tokens_account ON api_tokens(account_id);

-- The second factor: the confirmed secret (base32), the secret offered at enrolment
-- and not yet confirmed, and the last time step used (a code is accepted once).
ALTER TABLE accounts ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN totp_pending TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN password_changed_at TEXT NOT NULL DEFAULT '';

CREATE TABLE recovery_codes (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX recovery_codes_account ON recovery_codes(account_id);

-- A login whose password was right and whose second factor is awaited: held here
-- under the hash of a short-lived token, never in a cookie that says "password ok".
CREATE TABLE pending_logins (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  next TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  expires_at TEXT NOT NULL
);
