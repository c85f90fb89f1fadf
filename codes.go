package tdkt

// The stored codes below are the ASCII forms of the official Vietnamese names, as
// docs/check.md lists them ("Codes"). Pages show the Vietnamese label; code and
// database keep the code.

// SubjectKind is who receives a title or form: a person, a collective or a household.
type SubjectKind string

// The subject kinds.
const (
	Individual SubjectKind = "ca_nhan"
	Collective SubjectKind = "tap_the"
	Household  SubjectKind = "ho_gia_dinh"
)

// Group is the category of people a rule distinguishes (Law 06/2022 Art 24).
type Group string

// The groups of people.
const (
	GroupOfficials   Group = "can_bo_cong_chuc"   // cán bộ, công chức, viên chức, employees of agencies
	GroupWorkers     Group = "cong_nhan_nong_dan" // workers, farmers, labourers outside agencies
	GroupArmedForces Group = "luc_luong_vu_trang" // army, police, militia
)

// Sex is recorded because the law prefers women when candidates are equal (Decree 152/2025 Art 4(6)).
type Sex string

// The sexes as stored.
const (
	Male   Sex = "nam"
	Female Sex = "nu"
)

// Rating is the yearly task-completion rating (mức độ hoàn thành nhiệm vụ).
type Rating string

// The ratings, best first.
const (
	RatingExcellent Rating = "htxsnv" // hoàn thành xuất sắc nhiệm vụ
	RatingGood      Rating = "httnv"  // hoàn thành tốt nhiệm vụ
	RatingDone      Rating = "htnv"   // hoàn thành nhiệm vụ
	RatingNotDone   Rating = "khtnv"  // không hoàn thành nhiệm vụ
)

// Rank orders ratings: a higher rank is a better rating; 0 for an unknown code.
func (r Rating) Rank() int {
	switch r {
	case RatingExcellent:
		return 4
	case RatingGood:
		return 3
	case RatingDone:
		return 2
	case RatingNotDone:
		return 1
	}
	return 0
}

// Scope is the scope at which an initiative's effect was recognised; a higher scope
// satisfies a lower requirement.
type Scope string

// The scopes, narrowest first.
const (
	ScopeBase     Scope = "co_so"
	ScopeProvince Scope = "bo_tinh"
	ScopeNation   Scope = "toan_quoc"
)

// Rank orders scopes; 0 for an unknown code.
func (s Scope) Rank() int {
	switch s {
	case ScopeBase:
		return 1
	case ScopeProvince:
		return 2
	case ScopeNation:
		return 3
	}
	return 0
}

// RewardKind is the kind of reward (loại hình khen thưởng, Law 06/2022 Art 8).
type RewardKind string

// The reward kinds.
const (
	KindMerit     RewardKind = "cong_trang" // regular achievements; the default
	KindSudden    RewardKind = "dot_xuat"
	KindMovement  RewardKind = "phong_trao"
	KindThematic  RewardKind = "chuyen_de"
	KindDevotion  RewardKind = "cong_hien"
	KindSeniority RewardKind = "nien_han"
	KindForeign   RewardKind = "doi_ngoai"
)

// DisciplineForm is a disciplinary penalty, mildest first.
type DisciplineForm string

// The discipline forms, mildest first.
const (
	Reprimand DisciplineForm = "khien_trach"
	Warning   DisciplineForm = "canh_cao"
	PayCut    DisciplineForm = "ha_bac_luong"
	Demotion  DisciplineForm = "giang_chuc"
	Dismissal DisciplineForm = "cach_chuc"
	Discharge DisciplineForm = "buoc_thoi_viec"
)

// Rank orders discipline forms; 0 for an unknown code.
func (d DisciplineForm) Rank() int {
	for i, f := range disciplineOrder {
		if f == d {
			return i + 1
		}
	}
	return 0
}

var disciplineOrder = []DisciplineForm{Reprimand, Warning, PayCut, Demotion, Dismissal, Discharge}

// Level is an organisation's place in the state apparatus. There is no district level
// since 1 July 2025 (two-level local government).
type Level string

// The organisation levels.
//
// LevelState is the President (Chủ tịch nước), who confers the state's orders and
// honorary titles on the Prime Minister's submission (Law Art 79); LevelCentral is the
// Government and the Prime Minister, with the Central Council and its board.
const (
	LevelState      Level = "chu_tich_nuoc"
	LevelCentral    Level = "trung_uong"
	LevelMinistry   Level = "bo_nganh"
	LevelProvince   Level = "tinh"
	LevelDepartment Level = "so_nganh"
	LevelCommune    Level = "xa"
	LevelPublicUnit Level = "don_vi_su_nghiep"
	LevelEnterprise Level = "doanh_nghiep"
)

// Role is what an account may do inside its organisation's subtree.
type Role string

// The roles.
const (
	RoleAdmin   Role = "quan_tri"            // system administrator
	RoleClerk   Role = "can_bo_thi_dua"      // emulation clerk: keeps the records
	RoleLeader  Role = "lanh_dao"            // approving leader
	RoleCouncil Role = "thanh_vien_hoi_dong" // council member
	RoleViewer  Role = "xem"                 // reads only
)

// Labels gives the Vietnamese label of every code that pages show.
var Labels = map[string]string{
	string(Individual): "Cá nhân", string(Collective): "Tập thể", string(Household): "Hộ gia đình",
	string(GroupOfficials):   "Cán bộ, công chức, viên chức",
	string(GroupWorkers):     "Công nhân, nông dân, người lao động",
	string(GroupArmedForces): "Lực lượng vũ trang",
	string(Male):             "Nam", string(Female): "Nữ",
	string(RatingExcellent): "Hoàn thành xuất sắc nhiệm vụ",
	string(RatingGood):      "Hoàn thành tốt nhiệm vụ",
	string(RatingDone):      "Hoàn thành nhiệm vụ",
	string(RatingNotDone):   "Không hoàn thành nhiệm vụ",
	string(ScopeBase):       "Cơ sở", string(ScopeProvince): "Bộ, ngành, tỉnh", string(ScopeNation): "Toàn quốc",
	string(KindMerit): "Công trạng", string(KindSudden): "Đột xuất", string(KindMovement): "Phong trào thi đua",
	string(KindThematic): "Chuyên đề", string(KindDevotion): "Quá trình cống hiến", string(KindSeniority): "Niên hạn",
	string(KindForeign): "Đối ngoại",
	string(Reprimand):   "Khiển trách", string(Warning): "Cảnh cáo", string(PayCut): "Hạ bậc lương",
	string(Demotion): "Giáng chức", string(Dismissal): "Cách chức", string(Discharge): "Buộc thôi việc",
	string(LevelState): "Chủ tịch nước", string(LevelCentral): "Trung ương (Chính phủ, Thủ tướng Chính phủ)", string(LevelMinistry): "Bộ, ban, ngành", string(LevelProvince): "Tỉnh, thành phố",
	string(LevelDepartment): "Sở, ban, ngành tỉnh", string(LevelCommune): "Xã, phường, đặc khu",
	string(LevelPublicUnit): "Đơn vị sự nghiệp", string(LevelEnterprise): "Doanh nghiệp",
	string(RoleAdmin): "Quản trị hệ thống", string(RoleClerk): "Cán bộ thi đua", string(RoleLeader): "Lãnh đạo phê duyệt",
	string(RoleCouncil): "Thành viên Hội đồng", string(RoleViewer): "Người xem",
}

// Label returns the Vietnamese label of a code, or the code itself when it has none.
func Label(code string) string {
	if l, ok := Labels[code]; ok {
		return l
	}
	if a, ok := AwardByCode(code); ok {
		return a.Name
	}
	return code
}

// The valid values of each code set, in display order.
var (
	SubjectKinds    = []SubjectKind{Individual, Collective, Household}
	Groups          = []Group{GroupOfficials, GroupWorkers, GroupArmedForces}
	Sexes           = []Sex{Male, Female}
	Ratings         = []Rating{RatingExcellent, RatingGood, RatingDone, RatingNotDone}
	Scopes          = []Scope{ScopeBase, ScopeProvince, ScopeNation}
	RewardKinds     = []RewardKind{KindMerit, KindSudden, KindMovement, KindThematic, KindDevotion, KindSeniority, KindForeign}
	DisciplineForms = disciplineOrder
	Levels          = []Level{LevelState, LevelCentral, LevelMinistry, LevelProvince, LevelDepartment, LevelCommune, LevelPublicUnit, LevelEnterprise}
	Roles           = []Role{RoleAdmin, RoleClerk, RoleLeader, RoleCouncil, RoleViewer}
)

// In reports whether v is one of the values.
func In[T comparable](v T, values []T) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
}
