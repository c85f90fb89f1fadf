-- Congresses of patriotic emulation (Đại hội thi đua yêu nước) and conferences of
-- typical examples, with the typical examples chosen from the records and their
-- stories. The photo is kept in the row; lists never select it.

CREATE TABLE congresses (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('trung_uong','bo_nganh','tinh','so_nganh','xa','don_vi_su_nghiep','doanh_nghiep')),
  held_on TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  period_from INTEGER NOT NULL,
  period_to INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('preparing','held','published')),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  CHECK (period_from <= period_to)
);
CREATE INDEX congresses_org ON congresses(org_id);
CREATE INDEX congresses_status ON congresses(status, held_on);

CREATE TABLE typical_examples (
  id {{ID}},
  congress_id BIGINT NOT NULL REFERENCES congresses(id) ON DELETE CASCADE,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('ca_nhan','tap_the')),
  subject_id BIGINT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  photo {{BLOB}},
  photo_type TEXT NOT NULL DEFAULT '' CHECK (photo_type IN ('','image/png','image/jpeg')),
  published {{BOOL}} NOT NULL DEFAULT FALSE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  UNIQUE (congress_id, subject_kind, subject_id)
);
