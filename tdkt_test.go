package tdkt

import (
	"testing"
	"time"
)

func TestCheckCCCD(t *testing.T) {
	ok := []struct {
		id, birth string
		sex       Sex
	}{
		{"001085012345", "1985-04-02", Male},
		{"079301000123", "2001-01-01", Female},
		{"038190000001", "", ""},
	}
	for _, c := range ok {
		if err := CheckCCCD(c.id, c.sex, c.birth); err != nil {
			t.Errorf("CheckCCCD(%s) = %v", c.id, err)
		}
	}
	bad := []struct {
		id, birth string
		sex       Sex
	}{
		{"00108501234", "", ""},                // 11 digits
		{"0010850123456", "", ""},              // 13 digits
		{"00108501234a", "", ""},               // letter
		{"003085012345", "", ""},               // 003 is not a province code
		{"001085012345", "1985-04-02", Female}, // digit 4 says male
		{"001085012345", "1986-04-02", Male},   // year 85 ≠ 86
		{"001285012345", "1985-04-02", Male},   // century 2000s ≠ 1985
	}
	for _, c := range bad {
		if err := CheckCCCD(c.id, c.sex, c.birth); err == nil {
			t.Errorf("CheckCCCD(%s, %s, %s) accepted", c.id, c.sex, c.birth)
		}
	}
}

func TestPersonValidate(t *testing.T) {
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	p := Person{FullName: "Nguyễn Văn A", Sex: Male, Group: GroupOfficials, OrgID: 1, BirthDate: "1985-04-02", CCCD: "001085012345"}
	if err := p.Validate(now); err != nil {
		t.Fatal(err)
	}
	p.CCCD, p.BirthDate, p.Sex = "123", "2030-01-01", "x"
	err := p.Validate(now)
	e, _ := err.(*Error)
	if e == nil || e.Code != EInvalid || e.Fields["cccd"] == "" || e.Fields["birth_date"] == "" || e.Fields["sex"] == "" {
		t.Fatalf("want field errors for cccd, birth_date, sex; got %v", err)
	}
	// A hire date that has not come yet is a typing mistake.
	p = Person{FullName: "Nguyễn Văn A", Sex: Male, Group: GroupOfficials, OrgID: 1, BirthDate: "1985-04-02", HiredOn: "2030-01-01"}
	if err := p.Validate(now); CodeOf(err) != EInvalid || err.(*Error).Fields["hired_on"] != "Ngày tuyển dụng không thể sau ngày hôm nay." {
		t.Fatalf("a hire date in 2030: %v", err)
	}
	p.HiredOn = "2026-11-26"
	if err := p.Validate(now); err != nil {
		t.Fatalf("hired today: %v", err)
	}
}

func TestCatalogueCoversContractCodes(t *testing.T) {
	for _, c := range []string{"lao_dong_tien_tien", "chien_si_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_bo_tinh",
		"chien_si_thi_dua_toan_quoc", "tap_the_lao_dong_tien_tien", "don_vi_tien_tien", "tap_the_lao_dong_xuat_sac",
		"don_vi_quyet_thang", "co_thi_dua_bo_tinh", "co_thi_dua_chinh_phu", "xa_phuong_tieu_bieu", "thon_to_dan_pho_van_hoa",
		"gia_dinh_van_hoa", "giay_khen", "bang_khen_bo_tinh", "bang_khen_thu_tuong", "huan_chuong_lao_dong_hang_ba",
		"huan_chuong_lao_dong_hang_nhi", "huan_chuong_lao_dong_hang_nhat", "huan_chuong_doc_lap_hang_nhat",
		"huan_chuong_quan_cong_hang_ba", "huan_chuong_chien_cong_hang_nhi", "huan_chuong_bao_ve_to_quoc_hang_ba",
		"huan_chuong_ho_chi_minh", "huan_chuong_sao_vang", "huan_chuong_dai_doan_ket_dan_toc", "huan_chuong_dung_cam",
		"anh_hung_lao_dong", "anh_hung_llvtnd", "nha_giao_nhan_dan", "nha_giao_uu_tu", "thay_thuoc_nhan_dan",
		"thay_thuoc_uu_tu", "nghe_si_nhan_dan", "nghe_si_uu_tu", "nghe_nhan_nhan_dan", "nghe_nhan_uu_tu", "ba_me_viet_nam_anh_hung"} {
		if _, ok := AwardByCode(c); !ok {
			t.Errorf("catalogue lacks %s", c)
		}
	}
	if a, _ := AwardByCode("bang_khen_thu_tuong"); a.Name != "Bằng khen của Thủ tướng Chính phủ" {
		t.Errorf("name %q", a.Name)
	}
}
