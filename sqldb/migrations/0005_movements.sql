-- Emulation movements (phong trào thi đua), cascaded as a tree, with check-ins,
-- reviews and files; the yearly registrations (đăng ký thi đua); and the movement a
-- reward dossier comes from.

CREATE TABLE movements (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  parent_id BIGINT REFERENCES movements(id),
  name TEXT NOT NULL,
  objectives TEXT NOT NULL DEFAULT '',
  scope TEXT NOT NULL CHECK (scope IN ('toan_quoc','bo_tinh','cum_khoi','don_vi')),
  participants TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL CHECK (method IN ('chuyen_de','thuong_xuyen')),
  criteria TEXT NOT NULL DEFAULT '[]',
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  plan TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('draft','launched','mid_review','final_review','closed')),
  launched_on TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX movements_org ON movements(org_id);
CREATE INDEX movements_parent ON movements(parent_id);

CREATE TABLE movement_files (
  id {{ID}},
  movement_id BIGINT NOT NULL REFERENCES movements(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{BLOB}} NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX movement_files_movement ON movement_files(movement_id);

CREATE TABLE movement_checkins (
  id {{ID}},
  movement_id BIGINT NOT NULL REFERENCES movements(id) ON DELETE CASCADE,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  on_date TEXT NOT NULL,
  body TEXT NOT NULL,
  file_id BIGINT REFERENCES movement_files(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX movement_checkins_movement ON movement_checkins(movement_id, on_date);

CREATE TABLE movement_reviews (
  id {{ID}},
  movement_id BIGINT NOT NULL REFERENCES movements(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('so_ket','tong_ket')),
  on_date TEXT NOT NULL,
  report TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

ALTER TABLE dossiers ADD COLUMN movement_id BIGINT REFERENCES movements(id);
CREATE INDEX dossiers_movement ON dossiers(movement_id);

CREATE TABLE registrations (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  year INTEGER NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('submitted','accepted','returned')),
  note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  UNIQUE (org_id, year)
);

CREATE TABLE registration_people (
  id {{ID}},
  registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  award_code TEXT NOT NULL,
  UNIQUE (registration_id, person_id)
);
