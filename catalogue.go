package tdkt

import "strings"

// Category tells an emulation title (danh hiệu thi đua, Law Art 19–20) from a reward
// form (hình thức khen thưởng, Law Art 9).
type Category string

// The categories of the catalogue.
const (
	Title Category = "danh_hieu"
	Form  Category = "hinh_thuc"
)

// Award is one entry of the catalogue of titles and forms. The codes are those of
// docs/check.md; Name is the official Vietnamese name, Basis cites docs/law.md §2.
type Award struct {
	Code     string
	Name     string
	Category Category
	// Subjects are the kinds of subject that may receive it.
	Subjects []SubjectKind
	// Basis is the article that creates it.
	Basis string
}

func award(code, name string, c Category, basis string, s ...SubjectKind) Award {
	return Award{Code: code, Name: name, Category: c, Subjects: s, Basis: basis}
}

// Awards is the catalogue, ordered as the law lists it: titles for individuals,
// collectives and households, then the forms from the highest down.
var Awards = func() []Award {
	ind, col, hh := Individual, Collective, Household
	a := []Award{
		award("chien_si_thi_dua_toan_quoc", "Chiến sĩ thi đua toàn quốc", Title, "Luật Thi đua, khen thưởng 2022, Điều 21", ind),
		award("chien_si_thi_dua_bo_tinh", "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh", Title, "Luật Thi đua, khen thưởng 2022, Điều 22", ind),
		award("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", Title, "Luật Thi đua, khen thưởng 2022, Điều 23", ind),
		award("lao_dong_tien_tien", "Lao động tiên tiến", Title, "Luật Thi đua, khen thưởng 2022, Điều 24 khoản 1, 3", ind),
		award("chien_si_tien_tien", "Chiến sĩ tiên tiến", Title, "Luật Thi đua, khen thưởng 2022, Điều 24 khoản 2", ind),
		award("co_thi_dua_chinh_phu", "Cờ thi đua của Chính phủ", Title, "Luật Thi đua, khen thưởng 2022, Điều 25", col),
		award("co_thi_dua_bo_tinh", "Cờ thi đua của Bộ, ban, ngành, tỉnh", Title, "Luật Thi đua, khen thưởng 2022, Điều 26", col),
		award("tap_the_lao_dong_xuat_sac", "Tập thể lao động xuất sắc", Title, "Luật Thi đua, khen thưởng 2022, Điều 27", col),
		award("don_vi_quyet_thang", "Đơn vị quyết thắng", Title, "Luật Thi đua, khen thưởng 2022, Điều 27", col),
		award("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến", Title, "Luật Thi đua, khen thưởng 2022, Điều 28", col),
		award("don_vi_tien_tien", "Đơn vị tiên tiến", Title, "Luật Thi đua, khen thưởng 2022, Điều 28", col),
		award("xa_phuong_tieu_bieu", "Xã, phường, đặc khu tiêu biểu", Title, "Luật Thi đua, khen thưởng 2022, Điều 20 khoản 1", col),
		award("thon_to_dan_pho_van_hoa", "Thôn, tổ dân phố văn hóa", Title, "Luật Thi đua, khen thưởng 2022, Điều 20 khoản 1", col),
		award("gia_dinh_van_hoa", "Gia đình văn hóa", Title, "Luật Thi đua, khen thưởng 2022, Điều 20 khoản 2", hh),
		award("huan_chuong_sao_vang", "Huân chương Sao vàng", Form, "Luật Thi đua, khen thưởng 2022, Điều 33", ind, col),
		award("huan_chuong_ho_chi_minh", "Huân chương Hồ Chí Minh", Form, "Luật Thi đua, khen thưởng 2022, Điều 33", ind, col),
	}
	classes := []struct{ code, name string }{{"nhat", "Nhất"}, {"nhi", "Nhì"}, {"ba", "Ba"}}
	for _, m := range []struct{ code, name string }{
		{"doc_lap", "Độc lập"}, {"quan_cong", "Quân công"}, {"lao_dong", "Lao động"},
		{"bao_ve_to_quoc", "Bảo vệ Tổ quốc"}, {"chien_cong", "Chiến công"},
	} {
		for _, c := range classes {
			a = append(a, award("huan_chuong_"+m.code+"_hang_"+c.code, "Huân chương "+m.name+" hạng "+c.name,
				Form, "Luật Thi đua, khen thưởng 2022, Điều 33", ind, col))
		}
	}
	a = append(a,
		award("huan_chuong_dai_doan_ket_dan_toc", "Huân chương Đại đoàn kết dân tộc", Form, "Luật Thi đua, khen thưởng 2022, Điều 33", ind, col),
		award("huan_chuong_dung_cam", "Huân chương Dũng cảm", Form, "Luật Thi đua, khen thưởng 2022, Điều 33", ind),
		award("ba_me_viet_nam_anh_hung", "Bà mẹ Việt Nam anh hùng", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind),
		award("anh_hung_llvtnd", "Anh hùng Lực lượng vũ trang nhân dân", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind, col),
		award("anh_hung_lao_dong", "Anh hùng Lao động", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind, col),
		award("nha_giao_nhan_dan", "Nhà giáo nhân dân", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind),
		award("nha_giao_uu_tu", "Nhà giáo ưu tú", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind),
		award("thay_thuoc_nhan_dan", "Thầy thuốc nhân dân", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind),
		award("thay_thuoc_uu_tu", "Thầy thuốc ưu tú", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind),
		award("nghe_si_nhan_dan", "Nghệ sĩ nhân dân", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind),
		award("nghe_si_uu_tu", "Nghệ sĩ ưu tú", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind),
		award("nghe_nhan_nhan_dan", "Nghệ nhân nhân dân", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind),
		award("nghe_nhan_uu_tu", "Nghệ nhân ưu tú", Form, "Luật Thi đua, khen thưởng 2022, Điều 59", ind),
		award("bang_khen_thu_tuong", "Bằng khen của Thủ tướng Chính phủ", Form, "Luật Thi đua, khen thưởng 2022, Điều 72, 73", ind, col, hh),
		award("bang_khen_bo_tinh", "Bằng khen của Bộ, ban, ngành, tỉnh", Form, "Luật Thi đua, khen thưởng 2022, Điều 72, 74", ind, col, hh),
		award("giay_khen", "Giấy khen", Form, "Luật Thi đua, khen thưởng 2022, Điều 75", ind, col, hh),
	)
	return a
}()

var awardIndex = func() map[string]int {
	m := make(map[string]int, len(Awards))
	for i, a := range Awards {
		m[a.Code] = i
	}
	return m
}()

// AwardByCode finds a catalogue entry; ok is false for an unknown code.
func AwardByCode(code string) (Award, bool) {
	i, ok := awardIndex[code]
	if !ok {
		return Award{}, false
	}
	return Awards[i], true
}

// For reports whether the award may be given to that kind of subject.
func (a Award) For(k SubjectKind) bool { return In(k, a.Subjects) }

// Authority lists what the head of an organisation of each level may confer. It is the
// law, not a setting: Law 06/2022 Art 80 (as amended; commune chairmen took over the
// district's powers on 1 July 2025 by Decree 129/2025 Art 59). The Prime Minister's
// awards sit with the central level (Art 79(2)); the President confers the orders
// (Huân chương) and the state honorary titles on the Prime Minister's submission
// (Art 79(1)).
// Nobody edits an organisation's powers: they follow from its level, and its level is
// set by the level above (core.SaveOrg).
var Authority = map[Level][]string{
	LevelState:      stateAwards(),
	LevelCentral:    {"chien_si_thi_dua_toan_quoc", "co_thi_dua_chinh_phu", "bang_khen_thu_tuong"},
	LevelMinistry:   {"chien_si_thi_dua_bo_tinh", "co_thi_dua_bo_tinh", "tap_the_lao_dong_xuat_sac", "bang_khen_bo_tinh", "chien_si_thi_dua_co_so", "lao_dong_tien_tien", "tap_the_lao_dong_tien_tien", "giay_khen"},
	LevelProvince:   {"chien_si_thi_dua_bo_tinh", "co_thi_dua_bo_tinh", "tap_the_lao_dong_xuat_sac", "xa_phuong_tieu_bieu", "bang_khen_bo_tinh"},
	LevelDepartment: {"chien_si_thi_dua_co_so", "lao_dong_tien_tien", "tap_the_lao_dong_tien_tien", "giay_khen"},
	LevelCommune:    {"chien_si_thi_dua_co_so", "lao_dong_tien_tien", "tap_the_lao_dong_tien_tien", "thon_to_dan_pho_van_hoa", "gia_dinh_van_hoa", "giay_khen"},
	LevelPublicUnit: {"chien_si_thi_dua_co_so", "lao_dong_tien_tien", "tap_the_lao_dong_tien_tien", "giay_khen"},
	LevelEnterprise: {"chien_si_thi_dua_co_so", "lao_dong_tien_tien", "tap_the_lao_dong_tien_tien", "giay_khen"},
}

// AuthorityBasis is the article that gives each level its powers, shown beside them.
const AuthorityBasis = "Luật Thi đua, khen thưởng 2022, Điều 80; Nghị định 129/2025/NĐ-CP, Điều 59"

// ConfersOf is what the head of an organisation of that level may confer (a copy).
func ConfersOf(l Level) []string { return append([]string{}, Authority[l]...) }

// stateAwards are the President's: every Huân chương and every state honorary title
// of the catalogue (Law Art 33–59, Art 79(1)).
func stateAwards() []string {
	var out []string
	for _, a := range Awards {
		if IsStateAward(a.Code) {
			out = append(out, a.Code)
		}
	}
	return out
}

// IsStateAward reports whether the President confers the award: an order (Huân
// chương, Law Art 33) or a state honorary title (Art 59).
func IsStateAward(code string) bool {
	for _, p := range []string{"huan_chuong_", "anh_hung_", "nha_giao_", "thay_thuoc_", "nghe_si_", "nghe_nhan_"} {
		if strings.HasPrefix(code, p) {
			return true
		}
	}
	return code == "ba_me_viet_nam_anh_hung"
}

// DecidedOutside reports whether the head of a level decides outside tdkt: the Prime
// Minister and the President sign on paper in their own offices, and the central board,
// their standing office, takes the steps that record what they did (the submission, the
// Prime Minister's submission to the President, the decision).
func DecidedOutside(l Level) bool { return l == LevelCentral || l == LevelState }

// levelRank orders the levels of the state apparatus from the top; an organisation
// sits below its parent: a commune cannot hold a province, nor a public unit a
// ministry. Public units and enterprises may hold units of their own kind (a
// hospital's centres, a corporation's companies).
var levelRank = map[Level]int{
	LevelState: -1, LevelCentral: 0, LevelMinistry: 1, LevelProvince: 1, LevelDepartment: 2, LevelCommune: 2,
	LevelPublicUnit: 3, LevelEnterprise: 3,
}

// LevelFits reports whether an organisation of level child may sit under one of
// level parent.
func LevelFits(parent, child Level) bool {
	p, ok1 := levelRank[parent]
	c, ok2 := levelRank[child]
	return ok1 && ok2 && (c > p || c == 3 && p == 3)
}
