-- The statutory statistics (biểu 0601.N–0605.N/BNV-TĐKT) and the fast yearly counts.

-- An honour keeps its recipient's group, leadership flag and recipient class
-- (tdkt.RecipientOf) as they were when it was written, so that the statistics read
-- honours alone, from an index, instead of joining a million people.
ALTER TABLE honours ADD COLUMN grp TEXT NOT NULL DEFAULT '';
ALTER TABLE honours ADD COLUMN leader {{BOOL}} NOT NULL DEFAULT FALSE;
ALTER TABLE honours ADD COLUMN recipient TEXT NOT NULL DEFAULT '';

-- Backfill from the people as they are now (the best that is known of the past).
UPDATE honours SET grp = (SELECT p.grp FROM people p WHERE p.id = honours.subject_id),
  leader = (SELECT p.leader FROM people p WHERE p.id = honours.subject_id)
  WHERE subject_kind = 'ca_nhan';

-- The same rule as tdkt.LeaderClassByLevel, written out once for the rows that
-- exist before this migration; new rows get it from Go.
UPDATE honours SET recipient = CASE
  WHEN subject_kind = 'ho_gia_dinh' THEN 'ho_gia_dinh'
  WHEN subject_kind = 'tap_the' THEN
    CASE WHEN (SELECT c.enterprise FROM collectives c WHERE c.id = honours.subject_id) THEN 'doanh_nghiep' ELSE 'tap_the' END
  WHEN NOT leader THEN 'truc_tiep'
  ELSE (SELECT CASE o.level WHEN 'trung_uong' THEN 'lanh_dao_bo_tinh' WHEN 'bo_nganh' THEN 'lanh_dao_bo_tinh'
      WHEN 'tinh' THEN 'lanh_dao_bo_tinh' WHEN 'so_nganh' THEN 'lanh_dao_vu_so' WHEN 'doanh_nghiep' THEN 'doanh_nhan'
      ELSE 'lanh_dao_khac' END FROM orgs o WHERE o.id = honours.org_id)
  END;

-- Covering indexes: the yearly counts (core.YearStats) read honours_year only, in
-- the order of their GROUP BY; the forms read honours_forms, one range of decision
-- dates per award code.
DROP INDEX honours_year;
CREATE INDEX honours_year ON honours(year, org_id, award_code, category, kind, subject_kind, grp, leader, revoked);
CREATE INDEX honours_forms ON honours(award_code, decided_on, org_id, kind, subject_kind, recipient, revoked);

-- The emulation-and-reward apparatus (biểu 0604.N): the units doing that work in an
-- organisation, with the dates they existed.
CREATE TABLE apparatus_units (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('vu','phong_thuoc_vu','ban_so_noi_vu','phong_so_noi_vu')),
  established_on TEXT NOT NULL,
  dissolved_on TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX apparatus_units_org ON apparatus_units(org_id);

-- The civil servants doing emulation and reward work (biểu 0605.N): training and
-- the date they started in the field; age and sex come from people.
CREATE TABLE apparatus_officers (
  id {{ID}},
  person_id BIGINT NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
  training TEXT NOT NULL CHECK (training IN ('so_cap','trung_cap','cao_dang','dai_hoc','tren_dai_hoc')),
  started_on TEXT NOT NULL,
  ended_on TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
