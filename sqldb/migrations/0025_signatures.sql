-- Digital signatures (ký số). signed_documents keeps, for each document tdkt issues
-- for signing, the bytes it offered ("issued") and, once signed, the official copy
-- ("signed"): a signed upload is accepted only when it extends the issued bytes
-- unchanged. owner is 'dossier' (decision, submission, report) or 'meeting' (minutes,
-- ballot); ref tells documents of one kind apart (a report's candidate). The box is
-- where the signer block is printed, in mm from the page's top-left corner.
CREATE TABLE signed_documents (
  id {{ID}},
  owner TEXT NOT NULL CHECK (owner IN ('dossier', 'meeting')),
  owner_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('decision', 'submission', 'report', 'minutes', 'ballot')),
  ref TEXT NOT NULL DEFAULT '',
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  issued {{BLOB}} NOT NULL,
  issued_sha256 TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  box_page INTEGER NOT NULL DEFAULT 0,
  box_x REAL NOT NULL DEFAULT 0,
  box_y REAL NOT NULL DEFAULT 0,
  box_w REAL NOT NULL DEFAULT 0,
  box_h REAL NOT NULL DEFAULT 0,
  signed {{BLOB}},
  signed_sha256 TEXT NOT NULL DEFAULT '',
  signed_at TEXT NOT NULL DEFAULT '',
  signed_by TEXT NOT NULL DEFAULT '',
  signers TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (owner, owner_id, kind, ref)
);

-- Which organisation's documents of which kind the installation's own certificate
-- (ký số của cơ quan, tổ chức) seals. kind adds 'certificate' to the kinds above.
CREATE TABLE signing_rules (
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL CHECK (kind IN ('decision', 'submission', 'report', 'minutes', 'ballot', 'certificate')),
  PRIMARY KEY (org_id, kind)
);

-- Images drawn in a signature's visible mark: an organisation's seal (signer '') and a
-- signer's handwritten signature (signer = the name printed under it).
CREATE TABLE signature_images (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL CHECK (kind IN ('seal', 'signature')),
  signer TEXT NOT NULL DEFAULT '',
  mime TEXT NOT NULL,
  content {{BLOB}} NOT NULL,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  UNIQUE (org_id, kind, signer)
);

-- The trust store: root certificates the administrator installed (the state's roots
-- for digital signatures; a demo root is marked) and the CRLs uploaded for them.
CREATE TABLE trust_roots (
  id {{ID}},
  subject TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  der {{BLOB}} NOT NULL,
  not_after TEXT NOT NULL,
  demo {{BOOL}} NOT NULL DEFAULT FALSE,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL
);
CREATE TABLE trust_crls (
  id {{ID}},
  issuer TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  der {{BLOB}} NOT NULL,
  this_update TEXT NOT NULL,
  next_update TEXT NOT NULL DEFAULT '',
  entries INTEGER NOT NULL DEFAULT 0,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL
);
