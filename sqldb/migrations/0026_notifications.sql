-- Notifications (docs/notifications.md). An event writes, in its own transaction, one
-- row per person it concerns (the in-app list) and one pending delivery per channel
-- (the outbox); a worker in every `tdkt serve` process claims due deliveries under a
-- lease, as it does jobs, and hands them to the e-mail or webhook channel.

-- The address notices go to; '' for none (then only the in-app list and the webhook).
ALTER TABLE accounts ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- event_key names the event for the person: a daily pass that runs twice, or a step
-- retried, adds nothing. read_at '' is unread.
CREATE TABLE notifications (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  event_key TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  security {{BOOL}} NOT NULL DEFAULT FALSE,
  created_at TEXT NOT NULL,
  read_at TEXT NOT NULL DEFAULT '',
  UNIQUE (account_id, event_key)
);
CREATE INDEX notifications_account ON notifications(account_id, id);

-- The outbox. due_at is when the person wants it (now, or the next 07:00 for a daily
-- digest); next_at when the worker may try next (backoff after a failure). A grouped
-- delivery went out inside the message of the delivery group_id. secret_link holds a
-- link that must not be readable in-app (a password reset's token); it is blanked as
-- soon as the delivery ends. daily marks deliveries gathered into a morning digest.
CREATE TABLE notification_deliveries (
  id {{ID}},
  notification_id BIGINT NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'grouped', 'off')),
  due_at TEXT NOT NULL,
  next_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  sent_at TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  group_id BIGINT,
  daily {{BOOL}} NOT NULL DEFAULT FALSE,
  secret_link TEXT NOT NULL DEFAULT '',
  UNIQUE (notification_id, channel)
);
CREATE INDEX notification_deliveries_due ON notification_deliveries(status, next_at);
CREATE INDEX notification_deliveries_sent ON notification_deliveries(channel, sent_at);

-- A person's mode per kind; a missing row is 'now'.
CREATE TABLE notification_prefs (
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('now', 'daily', 'off')),
  PRIMARY KEY (account_id, kind)
);

-- The channels' settings as administrators keep them on a page; the environment wins
-- over them at start. Passwords and the webhook's secret are never stored here.
CREATE TABLE notification_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  smtp_enabled {{BOOL}} NOT NULL DEFAULT FALSE,
  smtp_host TEXT NOT NULL DEFAULT '',
  smtp_port INTEGER NOT NULL DEFAULT 587,
  smtp_security TEXT NOT NULL DEFAULT 'starttls' CHECK (smtp_security IN ('starttls', 'tls', 'none')),
  smtp_username TEXT NOT NULL DEFAULT '',
  smtp_from TEXT NOT NULL DEFAULT '',
  webhook_enabled {{BOOL}} NOT NULL DEFAULT FALSE,
  webhook_url TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT ''
);
INSERT INTO notification_settings (id) VALUES (1);

-- Password reset by e-mail: only the SHA-256 of the token is kept; single use.
CREATE TABLE password_resets (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX password_resets_account ON password_resets(account_id);

-- The devices (browser and system, and the address) an account has logged in from:
-- a login from one not seen before sends a security notice.
CREATE TABLE login_devices (
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  device_hash TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (account_id, device_hash)
);
