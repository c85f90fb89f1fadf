-- The lifelong records: organisations, people, collectives, households and what
-- they received year by year. Dates are 'YYYY-MM-DD' text and instants are RFC 3339
-- UTC text in both databases, so that the same SQL reads them the same way.
-- {{ID}} is the dialect's auto-increment primary key and {{BOOL}} its boolean type.

CREATE TABLE orgs (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('trung_uong','bo_nganh','tinh','so_nganh','xa','don_vi_su_nghiep','doanh_nghiep')),
  parent_id BIGINT REFERENCES orgs(id),
  path TEXT NOT NULL DEFAULT '',
  confers TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_path ON orgs(path);

CREATE TABLE people (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  full_name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('nam','nu')),
  birth_date TEXT NOT NULL DEFAULT '',
  ethnicity TEXT NOT NULL DEFAULT '',
  cccd TEXT,
  grp TEXT NOT NULL CHECK (grp IN ('can_bo_cong_chuc','cong_nhan_nong_dan','luc_luong_vu_trang')),
  leader {{BOOL}} NOT NULL DEFAULT FALSE,
  position TEXT NOT NULL DEFAULT '',
  hired_on TEXT NOT NULL DEFAULT '',
  -- under disciplinary consideration, investigation, inspection or a complaint being
  -- verified: proposals wait (Decree 152/2025 Art 4(4))
  under_review {{BOOL}} NOT NULL DEFAULT FALSE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX people_cccd ON people(cccd);
CREATE INDEX people_org ON people(org_id, sort_key);
CREATE INDEX people_sort ON people(sort_key);

CREATE TABLE memberships (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  position TEXT NOT NULL DEFAULT '',
  leader {{BOOL}} NOT NULL DEFAULT FALSE,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL DEFAULT ''
);
CREATE INDEX memberships_person ON memberships(person_id, from_date);
CREATE INDEX memberships_org ON memberships(org_id);

CREATE TABLE collectives (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  unit_org_id BIGINT REFERENCES orgs(id),
  name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  enterprise {{BOOL}} NOT NULL DEFAULT FALSE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX collectives_org ON collectives(org_id);

CREATE TABLE households (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  head_name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX households_org ON households(org_id);

-- Per-year records name their subject by kind and id: a person (ca_nhan), a
-- collective (tap_the) or a household (ho_gia_dinh).
CREATE TABLE ratings (
  id {{ID}},
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('ca_nhan','tap_the','ho_gia_dinh')),
  subject_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('htxsnv','httnv','htnv','khtnv')),
  note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (subject_kind, subject_id, year)
);

CREATE TABLE initiatives (
  id {{ID}},
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('ca_nhan','tap_the','ho_gia_dinh')),
  subject_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('co_so','bo_tinh','toan_quoc')),
  decision_no TEXT NOT NULL DEFAULT '',
  decision_on TEXT NOT NULL DEFAULT '',
  recognised_by TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX initiatives_subject ON initiatives(subject_kind, subject_id, year);

CREATE TABLE discipline (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  form TEXT NOT NULL CHECK (form IN ('khien_trach','canh_cao','ha_bac_luong','giang_chuc','cach_chuc','buoc_thoi_viec')),
  decided_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  decision_no TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX discipline_person ON discipline(person_id);

-- Titles and forms conferred, each with its decision. org_id is the subject's unit at
-- the time, for statistics by unit; decided_on is the decision date.
CREATE TABLE honours (
  id {{ID}},
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('ca_nhan','tap_the','ho_gia_dinh')),
  subject_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  award_code TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('danh_hieu','hinh_thuc')),
  year INTEGER NOT NULL,
  period_from INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cong_trang','dot_xuat','phong_trao','chuyen_de','cong_hien','nien_han','doi_ngoai')),
  decision_no TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  signer TEXT NOT NULL DEFAULT '',
  issuer TEXT NOT NULL,
  amount_vnd BIGINT NOT NULL DEFAULT 0,
  revoked {{BOOL}} NOT NULL DEFAULT FALSE,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX honours_subject ON honours(subject_kind, subject_id, year);
CREATE INDEX honours_recent ON honours(decided_on);
CREATE INDEX honours_year ON honours(year, org_id);
