-- The national chain: the President's level above the Government, the level that
-- sent a dossier to its holder, and dossiers marked secret.
-- sqlite rebuilds tables: SQLite cannot change a CHECK constraint in place, so orgs is
-- copied into a table with the new list of levels (the migration runs with foreign
-- keys off and checks them before it commits).

-- sqlite only
CREATE TABLE orgs_new (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('chu_tich_nuoc','trung_uong','bo_nganh','tinh','so_nganh','xa','don_vi_su_nghiep','doanh_nghiep')),
  parent_id BIGINT REFERENCES orgs(id),
  path TEXT NOT NULL DEFAULT '',
  confers TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  standing_for BIGINT REFERENCES orgs(id)
);
-- sqlite only
INSERT INTO orgs_new (id, code, name, name_fold, level, parent_id, path, confers, version, created_at, updated_at, standing_for)
  SELECT id, code, name, name_fold, level, parent_id, path, confers, version, created_at, updated_at, standing_for FROM orgs;
-- sqlite only
DROP TABLE orgs;
-- sqlite only
ALTER TABLE orgs_new RENAME TO orgs;
-- sqlite only
CREATE INDEX orgs_parent ON orgs(parent_id);
-- sqlite only
CREATE INDEX orgs_path ON orgs(path);
-- sqlite only
CREATE INDEX orgs_standing_for ON orgs(standing_for) WHERE standing_for IS NOT NULL;

-- postgres only
ALTER TABLE orgs DROP CONSTRAINT orgs_level_check;
-- postgres only
ALTER TABLE orgs ADD CONSTRAINT orgs_level_check
  CHECK (level IN ('chu_tich_nuoc','trung_uong','bo_nganh','tinh','so_nganh','xa','don_vi_su_nghiep','doanh_nghiep'));

-- The organisation that sent the dossier to its holder: the proposing unit, or the
-- level below that forwarded it. A return sends the dossier back to it; a resubmission
-- goes back up to the level that returned it.
ALTER TABLE dossiers ADD COLUMN sender_org_id BIGINT REFERENCES orgs(id);
UPDATE dossiers SET sender_org_id = org_id;

-- A dossier that carries state secrets (hồ sơ mật) never travels electronically; the
-- way its paper went is recorded instead.
ALTER TABLE dossiers ADD COLUMN secret {{BOOL}} NOT NULL DEFAULT FALSE;
ALTER TABLE dossiers ADD COLUMN paper_path TEXT NOT NULL DEFAULT '';
