package rules

import (
	"slices"
	"strings"

	"tdkt"
)

// AwardID is a small number standing for an award code of the catalogue
// (tdkt.Awards), so that records can be compared without strings on the hot path.
// The zero AwardID is no award.
type AwardID uint8

type codeIndex struct {
	code string
	id   AwardID
}

// awardCodes is sorted by code for binary search: no map on the hot path.
var awardCodes = func() []codeIndex {
	idx := make([]codeIndex, len(tdkt.Awards))
	for i, a := range tdkt.Awards {
		idx[i] = codeIndex{a.Code, AwardID(i + 1)}
	}
	slices.SortFunc(idx, func(a, b codeIndex) int { return strings.Compare(a.code, b.code) })
	return idx
}()

// AwardIDOf returns the AwardID of a catalogue code; ok is false for an unknown code.
func AwardIDOf(code string) (id AwardID, ok bool) {
	i, found := slices.BinarySearchFunc(awardCodes, code, func(c codeIndex, s string) int { return strings.Compare(c.code, s) })
	if !found {
		return 0, false
	}
	return awardCodes[i].id, true
}

// Award returns the catalogue entry of id.
func (id AwardID) Award() tdkt.Award {
	if id == 0 || int(id) > len(tdkt.Awards) {
		return tdkt.Award{}
	}
	return tdkt.Awards[id-1]
}

// Code returns the award code of id ("" for the zero AwardID).
func (id AwardID) Code() string { return id.Award().Code }

// Name returns the official Vietnamese name of id.
func (id AwardID) Name() string { return id.Award().Name }

func mustAward(code string) AwardID {
	id, ok := AwardIDOf(code)
	if !ok {
		panic("rules: award code missing from tdkt.Awards: " + code)
	}
	return id
}

// The awards the engine reasons about by name.
var (
	idLDTT    = mustAward("lao_dong_tien_tien")
	idCSTT    = mustAward("chien_si_tien_tien")
	idCSTDCS  = mustAward("chien_si_thi_dua_co_so")
	idCSTDBT  = mustAward("chien_si_thi_dua_bo_tinh")
	idCSTDTQ  = mustAward("chien_si_thi_dua_toan_quoc")
	idTTLDTT  = mustAward("tap_the_lao_dong_tien_tien")
	idDVTT    = mustAward("don_vi_tien_tien")
	idTTLDXS  = mustAward("tap_the_lao_dong_xuat_sac")
	idDVQT    = mustAward("don_vi_quyet_thang")
	idBKBT    = mustAward("bang_khen_bo_tinh")
	idBKTTg   = mustAward("bang_khen_thu_tuong")
	idHCLD3   = mustAward("huan_chuong_lao_dong_hang_ba")
	idCoCP    = mustAward("co_thi_dua_chinh_phu")
	idCoBT    = mustAward("co_thi_dua_bo_tinh")
	idGiayKh  = mustAward("giay_khen")
	idXaTB    = mustAward("xa_phuong_tieu_bieu")
	idThonVH  = mustAward("thon_to_dan_pho_van_hoa")
	idGiaDinh = mustAward("gia_dinh_van_hoa")
)

// Grade is a yearly task-completion rating as a small ordered number, for the hot
// path; it equals tdkt.Rating.Rank() (0 = no rating recorded).
type Grade uint8

// The grades, worst first.
const (
	NoGrade     Grade = 0
	GradeKHTNV  Grade = 1 // không hoàn thành nhiệm vụ
	GradeHTNV   Grade = 2 // hoàn thành nhiệm vụ
	GradeHTTNV  Grade = 3 // hoàn thành tốt nhiệm vụ
	GradeHTXSNV Grade = 4 // hoàn thành xuất sắc nhiệm vụ
)

// GradeOf converts a rating code; an unknown code gives NoGrade.
func GradeOf(r tdkt.Rating) Grade { return Grade(r.Rank()) }

// Rating returns the rating code of g ("" for NoGrade).
func (g Grade) Rating() tdkt.Rating {
	if g == NoGrade || g > GradeHTXSNV {
		return ""
	}
	return tdkt.Ratings[GradeHTXSNV-g]
}

// phrase returns how a message names the rating.
func (g Grade) phrase() string {
	switch g {
	case GradeHTXSNV:
		return "hoàn thành xuất sắc nhiệm vụ"
	case GradeHTTNV:
		return "hoàn thành tốt nhiệm vụ"
	case GradeHTNV:
		return "hoàn thành nhiệm vụ"
	case GradeKHTNV:
		return "không hoàn thành nhiệm vụ"
	}
	return "chưa có kết quả xếp loại"
}

// RecordsRead lists the codes of the titles and forms whose records the engine reads
// (the chains: Chiến sĩ thi đua, Tập thể lao động xuất sắc, Bằng khen). A caller
// streaming a country's records may leave the others out (Lao động tiên tiến alone is
// most of them): no answer depends on them. TestRecordsReadIsEnough holds this.
func RecordsRead() []string {
	return []string{"chien_si_thi_dua_co_so", "chien_si_thi_dua_bo_tinh", "chien_si_thi_dua_toan_quoc",
		"tap_the_lao_dong_xuat_sac", "don_vi_quyet_thang", "bang_khen_bo_tinh", "bang_khen_thu_tuong"}
}
