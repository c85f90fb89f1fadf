package tdkt

import "time"

// The classes the statutory statistics count by, that the records do not hold as
// such: the recipient class of an honour (rows 06–14 of 0602.N, 02–10 of 0603.N),
// the kinds of emulation-and-reward units (0604.N) and the bands of the officers
// (0605.N).

// The recipient classes. A person's class is one of the five of rows 10–14 of
// 0602.N; a collective is tap_the or, when it is an enterprise, doanh_nghiep; a
// household is ho_gia_dinh.
const (
	RecipientProvinceLeader   = "lanh_dao_bo_tinh" // Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên
	RecipientDepartmentLeader = "lanh_dao_vu_so"   // Lãnh đạo cấp vụ, sở, ngành và tương đương
	RecipientBusinessperson   = "doanh_nhan"       // Doanh nhân
	RecipientOtherLeader      = "lanh_dao_khac"    // Các cấp lãnh đạo khác từ phó phòng trở lên
	RecipientDirectWorker     = "truc_tiep"        // Người trực tiếp công tác, lao động, học tập, chiến đấu …
	RecipientCollective       = "tap_the"
	RecipientEnterprise       = "doanh_nghiep"
	RecipientHousehold        = "ho_gia_dinh"
)

// PersonClasses are the five person classes in the forms' row order.
var PersonClasses = []string{RecipientProvinceLeader, RecipientDepartmentLeader, RecipientBusinessperson, RecipientOtherLeader, RecipientDirectWorker}

// LeaderClassByLevel gives the class of a person who holds a leadership post
// (people.leader) from the level of the organisation they work in. This is tdkt's
// rule, not the circular's: the circular names the classes but does not say how to
// tell them [UNVERIFIED — a province may change this table]. The reasoning: the
// leaders of a ministry or a province's own body are "cấp bộ, cấp tỉnh"; the leaders
// of a department (sở, ngành) are "cấp vụ, sở"; the leaders of an enterprise are
// "doanh nhân"; a leader of a commune, a public unit or a division is one of the
// "các cấp lãnh đạo khác từ phó phòng trở lên". A person without a leadership post
// is a direct worker (people.leader false), whatever the organisation.
var LeaderClassByLevel = map[Level]string{
	LevelCentral:    RecipientProvinceLeader,
	LevelMinistry:   RecipientProvinceLeader,
	LevelProvince:   RecipientProvinceLeader,
	LevelDepartment: RecipientDepartmentLeader,
	LevelEnterprise: RecipientBusinessperson,
	LevelCommune:    RecipientOtherLeader,
	LevelPublicUnit: RecipientOtherLeader,
}

// RecipientOf is the recipient class of a subject at the time of an honour: for a
// person, from their leadership post and their organisation's level; for a
// collective, whether it is an enterprise. It is copied onto the honour when the
// honour is written, so that the statistics count the class of the time.
func RecipientOf(kind SubjectKind, leader bool, level Level, enterprise bool) string {
	switch kind {
	case Collective:
		if enterprise {
			return RecipientEnterprise
		}
		return RecipientCollective
	case Household:
		return RecipientHousehold
	}
	if !leader {
		return RecipientDirectWorker
	}
	if c, ok := LeaderClassByLevel[level]; ok {
		return c
	}
	return RecipientOtherLeader
}

// ApparatusKind is the kind of an organisational unit doing emulation and reward
// work (rows 02–05 of 0604.N).
type ApparatusKind string

// The kinds of units of 0604.N (TT 02/2023).
const (
	ApparatusVu           ApparatusKind = "vu"              // Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương
	ApparatusVuDivision   ApparatusKind = "phong_thuoc_vu"  // Cấp phòng, ban hoặc bộ phận thuộc Vụ
	ApparatusSoNoiVuBan   ApparatusKind = "ban_so_noi_vu"   // Cấp ban thuộc Sở Nội vụ
	ApparatusSoNoiVuPhong ApparatusKind = "phong_so_noi_vu" // Cấp phòng thuộc Sở Nội vụ
)

// ApparatusKinds are the kinds in the form's row order.
var ApparatusKinds = []ApparatusKind{ApparatusVu, ApparatusVuDivision, ApparatusSoNoiVuBan, ApparatusSoNoiVuPhong}

// TrainingLevel is an officer's highest training (rows 08–12 of 0605.N).
type TrainingLevel string

// The training levels, lowest first.
const (
	TrainingElementary TrainingLevel = "so_cap"
	TrainingSecondary  TrainingLevel = "trung_cap"
	TrainingCollege    TrainingLevel = "cao_dang"
	TrainingUniversity TrainingLevel = "dai_hoc"
	TrainingPostgrad   TrainingLevel = "tren_dai_hoc"
)

// TrainingLevels are the levels in the form's row order.
var TrainingLevels = []TrainingLevel{TrainingElementary, TrainingSecondary, TrainingCollege, TrainingUniversity, TrainingPostgrad}

// The age bands of 0605.N rows 02–07 and the seniority bands of rows 13–15.
const (
	AgeTo30   = "den_30"
	Age31To40 = "31_40"
	Age41To50 = "41_50"
	Age51To55 = "51_55"
	Age56To60 = "56_60"
	AgeOver60 = "tren_60"
	SenUnder5 = "duoi_5"
	Sen5To10  = "5_10"
	Sen10Plus = "tu_10"
)

// AgeBands and SeniorityBands are in the form's row order.
var (
	AgeBands       = []string{AgeTo30, Age31To40, Age41To50, Age51To55, Age56To60, AgeOver60}
	SeniorityBands = []string{SenUnder5, Sen5To10, Sen10Plus}
)

// StatLabels are the Vietnamese names of the statistics codes.
var StatLabels = map[string]string{
	RecipientProvinceLeader: "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", RecipientDepartmentLeader: "Lãnh đạo cấp vụ, sở, ngành và tương đương",
	RecipientBusinessperson: "Doanh nhân", RecipientOtherLeader: "Các cấp lãnh đạo khác từ phó phòng trở lên",
	RecipientDirectWorker: "Người trực tiếp công tác, lao động", RecipientCollective: "Tập thể", RecipientEnterprise: "Doanh nghiệp",
	RecipientHousehold:  "Hộ gia đình",
	string(ApparatusVu): "Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", string(ApparatusVuDivision): "Phòng, ban hoặc bộ phận thuộc Vụ",
	string(ApparatusSoNoiVuBan): "Ban thuộc Sở Nội vụ", string(ApparatusSoNoiVuPhong): "Phòng thuộc Sở Nội vụ",
	string(TrainingElementary): "Sơ cấp", string(TrainingSecondary): "Trung cấp", string(TrainingCollege): "Cao đẳng",
	string(TrainingUniversity): "Đại học", string(TrainingPostgrad): "Trên đại học",
}

// fullYears counts the whole years from a date to another (YYYY-MM-DD); -1 when a
// date is missing or wrong.
func fullYears(from, to string) int {
	a, err1 := time.Parse(time.DateOnly, from)
	b, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil || b.Before(a) {
		return -1
	}
	n := b.Year() - a.Year()
	if b.Month() < a.Month() || (b.Month() == a.Month() && b.Day() < a.Day()) {
		n--
	}
	return n
}

// AgeBand is the band of a person born on birth at the date on; "" when the birth
// date is unknown.
func AgeBand(birth, on string) string {
	age := fullYears(birth, on)
	switch {
	case age < 0:
		return ""
	case age <= 30:
		return AgeTo30
	case age <= 40:
		return Age31To40
	case age <= 50:
		return Age41To50
	case age <= 55:
		return Age51To55
	case age <= 60:
		return Age56To60
	}
	return AgeOver60
}

// SeniorityBand is the band of an officer who started emulation and reward work on
// start, at the date on. The form's "Từ 5 đến 10 năm" and "Từ 10 năm trở lên" share
// the tenth year; tdkt gives a full ten years to the second [INFERENCE].
func SeniorityBand(start, on string) string {
	n := fullYears(start, on)
	switch {
	case n < 0:
		return ""
	case n < 5:
		return SenUnder5
	case n < 10:
		return Sen5To10
	}
	return Sen10Plus
}
