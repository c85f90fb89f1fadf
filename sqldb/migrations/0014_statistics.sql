-- The statutory statistics (biểu 0601.N–0605.N/BNV-TĐKT) and the fast yearly counts.

-- An honour keeps its recipient's group, leadership flag and recipient class
-- (tdkt.RecipientOf) as they were when it was written, so that the statistics read
-- honours alone, from an index, instead of joining a million people.
ALTER TABLE honours ADD COLUMN grp TEXT NOT NULL DEFAULT '';
ALTER TABLE honours ADD COLUMN leader {{BOOL}} NOT NULL DEFAULT FALSE;
ALTER TABLE honours ADD COLUMN recipient TEXT NOT NULL DEFAULT '';
-- The level of the award for the statutory forms (tdkt.AwardLevelOf): nha_nuoc for
-- the state-level awards of 0602.N, bo_tinh for the ministry/province-level ones of
-- 0603.N, NULL for the rest (nine honours in ten), so that the forms' index holds
-- only the few rows they read.
ALTER TABLE honours ADD COLUMN award_level TEXT;

-- Backfill, in one pass over the table, from the people and collectives as they are
-- now (the best that is known of the past). The recipient rule is that of
-- tdkt.RecipientOf and tdkt.LeaderClassByLevel, and the levels those of
-- tdkt.AwardLevelOf, written out once for the rows that exist before this
-- migration; new rows get them from Go. On PostgreSQL, run VACUUM ANALYZE honours
-- afterwards so that the index-only scans below do not visit the rewritten rows.
UPDATE honours SET
  grp = CASE WHEN subject_kind = 'ca_nhan'
    THEN COALESCE((SELECT p.grp FROM people p WHERE p.id = honours.subject_id), '') ELSE '' END,
  leader = CASE WHEN subject_kind = 'ca_nhan'
    THEN COALESCE((SELECT p.leader FROM people p WHERE p.id = honours.subject_id), FALSE) ELSE FALSE END,
  recipient = CASE
    WHEN subject_kind = 'ho_gia_dinh' THEN 'ho_gia_dinh'
    WHEN subject_kind = 'tap_the' THEN
      CASE WHEN COALESCE((SELECT c.enterprise FROM collectives c WHERE c.id = honours.subject_id), FALSE) THEN 'doanh_nghiep' ELSE 'tap_the' END
    WHEN NOT COALESCE((SELECT p.leader FROM people p WHERE p.id = honours.subject_id), FALSE) THEN 'truc_tiep'
    ELSE (SELECT CASE o.level WHEN 'trung_uong' THEN 'lanh_dao_bo_tinh' WHEN 'bo_nganh' THEN 'lanh_dao_bo_tinh'
        WHEN 'tinh' THEN 'lanh_dao_bo_tinh' WHEN 'so_nganh' THEN 'lanh_dao_vu_so' WHEN 'doanh_nghiep' THEN 'doanh_nhan'
        ELSE 'lanh_dao_khac' END FROM orgs o WHERE o.id = honours.org_id)
    END,
  award_level = CASE
    WHEN award_code LIKE 'huan_chuong_%' OR award_code IN ('ba_me_viet_nam_anh_hung', 'anh_hung_llvtnd', 'anh_hung_lao_dong',
      'nha_giao_nhan_dan', 'nha_giao_uu_tu', 'thay_thuoc_nhan_dan', 'thay_thuoc_uu_tu', 'nghe_si_nhan_dan', 'nghe_si_uu_tu',
      'nghe_nhan_nhan_dan', 'nghe_nhan_uu_tu', 'co_thi_dua_chinh_phu', 'bang_khen_thu_tuong', 'chien_si_thi_dua_toan_quoc') THEN 'nha_nuoc'
    WHEN award_code IN ('bang_khen_bo_tinh', 'chien_si_thi_dua_bo_tinh', 'co_thi_dua_bo_tinh') THEN 'bo_tinh'
    END;

-- Covering indexes: the yearly counts (core.YearStats) read honours_year only, in
-- the order of their GROUP BY (the category follows from the award code); the forms
-- read honours_forms, a partial index of the awards they count.
DROP INDEX honours_year;
CREATE INDEX honours_year ON honours(year, org_id, award_code, kind, subject_kind, grp, leader, revoked);
CREATE INDEX honours_forms ON honours(award_level, decided_on, org_id, award_code, kind, subject_kind, recipient, revoked)
  WHERE award_level IS NOT NULL;

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
