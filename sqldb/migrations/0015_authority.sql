-- Authority comes from the law, and the installation's settings from its administrators.

-- The administrators of the whole installation (tdkt.Account.InstallationAdmin). An
-- existing administrator of a top organisation kept the shared settings before this
-- migration and keeps them; every other administrator manages its own subtree only.
ALTER TABLE accounts ADD COLUMN installation_admin {{BOOL}} NOT NULL DEFAULT FALSE;
UPDATE accounts SET installation_admin = TRUE
  WHERE role = 'quan_tri' AND org_id IN (SELECT id FROM orgs WHERE parent_id IS NULL);

-- What an organisation's head may confer follows from its level (tdkt.Authority, Law
-- Art 80); orgs.confers is rewritten from it here and on every save, and is read by
-- no rule. Lists that an administrator widened by hand are gone with this.
UPDATE orgs SET confers = CASE level
  WHEN 'trung_uong' THEN 'chien_si_thi_dua_toan_quoc,co_thi_dua_chinh_phu,bang_khen_thu_tuong'
  WHEN 'bo_nganh' THEN 'chien_si_thi_dua_bo_tinh,co_thi_dua_bo_tinh,tap_the_lao_dong_xuat_sac,bang_khen_bo_tinh,chien_si_thi_dua_co_so,lao_dong_tien_tien,tap_the_lao_dong_tien_tien,giay_khen'
  WHEN 'tinh' THEN 'chien_si_thi_dua_bo_tinh,co_thi_dua_bo_tinh,tap_the_lao_dong_xuat_sac,xa_phuong_tieu_bieu,bang_khen_bo_tinh'
  WHEN 'xa' THEN 'chien_si_thi_dua_co_so,lao_dong_tien_tien,tap_the_lao_dong_tien_tien,thon_to_dan_pho_van_hoa,gia_dinh_van_hoa,giay_khen'
  ELSE 'chien_si_thi_dua_co_so,lao_dong_tien_tien,tap_the_lao_dong_tien_tien,giay_khen' END;

-- A decision issued in tdkt is corrected (đính chính) only through its own use case,
-- which keeps the time and reason of the latest correction here; the audit trail
-- keeps every one.
ALTER TABLE decisions ADD COLUMN corrected_at TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN correction_reason TEXT NOT NULL DEFAULT '';
