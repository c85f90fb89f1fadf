-- Exchange between installations (docs/exchange.md): the installations this one knows,
-- the messages waiting to go (committed with the step that sends them), the messages
-- applied once each, the packages refused, and which dossiers travel where.

CREATE TABLE peers (
  id {{ID}},
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  -- the codes of the organisations it hosts, comma separated
  org_codes TEXT NOT NULL DEFAULT '',
  -- the installation that receives what this one forwards above its top level
  upstream {{BOOL}} NOT NULL DEFAULT FALSE,
  created_at TEXT NOT NULL
);

CREATE TABLE exchange_outbox (
  id {{ID}},
  peer_id BIGINT NOT NULL REFERENCES peers(id),
  message_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  dossier_id BIGINT REFERENCES dossiers(id),
  summary TEXT NOT NULL DEFAULT '',
  package {{BLOB}} NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','refused')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at TEXT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  delivered_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exchange_outbox_due ON exchange_outbox(status, next_at);
CREATE INDEX exchange_outbox_dossier ON exchange_outbox(dossier_id);

CREATE TABLE exchange_inbox (
  id {{ID}},
  peer_id BIGINT NOT NULL REFERENCES peers(id),
  message_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  dossier_id BIGINT REFERENCES dossiers(id),
  summary TEXT NOT NULL DEFAULT '',
  via TEXT NOT NULL,
  received_at TEXT NOT NULL,
  UNIQUE (peer_id, message_id)
);
CREATE INDEX exchange_inbox_dossier ON exchange_inbox(dossier_id);

-- Refused packages: nothing of them is written but this line.
CREATE TABLE exchange_refusals (
  id {{ID}},
  received_at TEXT NOT NULL,
  via TEXT NOT NULL,
  sender TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  size BIGINT NOT NULL
);

-- A dossier that travels: sent to a peer (ref is our own reference) or received from
-- one (ref is the sender's), with the last state heard or told.
CREATE TABLE dossier_links (
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  peer_id BIGINT NOT NULL REFERENCES peers(id),
  direction TEXT NOT NULL CHECK (direction IN ('sent','received')),
  ref TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  state TEXT NOT NULL DEFAULT '',
  state_note TEXT NOT NULL DEFAULT '',
  state_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (dossier_id)
);
CREATE UNIQUE INDEX dossier_links_ref ON dossier_links(peer_id, direction, ref);

-- The subjects a received dossier proposed, by the sender's reference.
CREATE TABLE exchange_subjects (
  peer_id BIGINT NOT NULL REFERENCES peers(id),
  ref TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  PRIMARY KEY (peer_id, ref)
);

-- A dossier held by another installation: the peer (0 or null when held here).
ALTER TABLE dossiers ADD COLUMN peer_id BIGINT REFERENCES peers(id);

-- A decision that arrived from the installation that took it: its issuer corrects or
-- revokes it there, never here.
ALTER TABLE decisions ADD COLUMN peer_id BIGINT REFERENCES peers(id);
