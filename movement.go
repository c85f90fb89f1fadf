package tdkt

import (
	"strconv"
	"strings"
	"time"
)

// MovementScope is the scope of an emulation movement (phạm vi tổ chức thi đua, Law
// 06/2022 Art 16(2); rows 02–05 of form 0601.N).
type MovementScope string

// The scopes of a movement.
const (
	MovementNation   MovementScope = "toan_quoc" // toàn quốc
	MovementSector   MovementScope = "bo_tinh"   // bộ, ban, ngành, đoàn thể, địa phương
	MovementCluster  MovementScope = "cum_khoi"  // cụm, khối thi đua do Hội đồng các cấp tổ chức
	MovementUnitwide MovementScope = "don_vi"    // cơ quan, tổ chức, đơn vị
)

// MovementMethod is how a movement is organised (Law 06/2022 Art 16(1); rows 11–12).
type MovementMethod string

// The methods.
const (
	MethodThematic MovementMethod = "chuyen_de"    // thi đua theo chuyên đề
	MethodRegular  MovementMethod = "thuong_xuyen" // thi đua thường xuyên hằng năm
)

// MovementStatus is where a movement stands.
type MovementStatus string

// The statuses of a movement, in order.
const (
	MovementDraft       MovementStatus = "draft"        // being drafted by the launching unit
	MovementLaunched    MovementStatus = "launched"     // phát động: the units below see it
	MovementMidReview   MovementStatus = "mid_review"   // sơ kết held
	MovementFinalReview MovementStatus = "final_review" // tổng kết held
	MovementClosed      MovementStatus = "closed"       // kết thúc
)

// ReviewKind is a movement's review: sơ kết (mid-term) or tổng kết (final).
type ReviewKind string

// The review kinds.
const (
	ReviewMid   ReviewKind = "so_ket"
	ReviewFinal ReviewKind = "tong_ket"
)

// The values of each movement code set, in display order.
var (
	MovementScopes   = []MovementScope{MovementNation, MovementSector, MovementCluster, MovementUnitwide}
	MovementMethods  = []MovementMethod{MethodThematic, MethodRegular}
	MovementStatuses = []MovementStatus{MovementDraft, MovementLaunched, MovementMidReview, MovementFinalReview, MovementClosed}
	ReviewKinds      = []ReviewKind{ReviewMid, ReviewFinal}
)

// MovementLabels are the Vietnamese names of the movement codes.
var MovementLabels = map[string]string{
	string(MovementNation): "Toàn quốc", string(MovementSector): "Bộ, ban, ngành, đoàn thể, địa phương",
	string(MovementCluster): "Cụm, khối thi đua", string(MovementUnitwide): "Cơ quan, tổ chức, đơn vị",
	string(MethodThematic): "Thi đua theo chuyên đề", string(MethodRegular): "Thi đua thường xuyên hằng năm",
	string(MovementDraft): "Dự thảo", string(MovementLaunched): "Đã phát động", string(MovementMidReview): "Đã sơ kết",
	string(MovementFinalReview): "Đã tổng kết", string(MovementClosed): "Đã kết thúc",
	string(ReviewMid): "Sơ kết", string(ReviewFinal): "Tổng kết",
	LaunchCentral: "Cấp Trung ương", LaunchSector: "Cấp bộ, ban, ngành, tỉnh", LaunchUnit: "Cơ quan, tổ chức, đơn vị",
	BandUnder1: "Dưới 1 năm", Band1: "1 năm", Band1To3: "Từ 1 năm đến dưới 3 năm", Band3To5: "Từ 3 năm đến dưới 5 năm", Band5Plus: "Từ 5 năm trở lên",
}

// The launching levels of form 0601.N (columns 2–4).
const (
	LaunchCentral = "cap_trung_uong" // Hội đồng Thi đua – Khen thưởng Trung ương
	LaunchSector  = "cap_bo_tinh"    // bộ, ban, ngành, đoàn thể trung ương, tỉnh
	LaunchUnit    = "cap_don_vi"     // cơ quan, tổ chức, đơn vị
)

// LaunchLevels are the launching levels in the form's column order.
var LaunchLevels = []string{LaunchCentral, LaunchSector, LaunchUnit}

// LaunchLevelOf is the launching level of a movement launched by an organisation of
// the given level.
func LaunchLevelOf(l Level) string {
	switch l {
	case LevelCentral:
		return LaunchCentral
	case LevelMinistry, LevelProvince:
		return LaunchSector
	}
	return LaunchUnit
}

// The duration bands of form 0601.N (rows 06–10).
const (
	BandUnder1 = "duoi_1_nam"
	Band1      = "1_nam"
	Band1To3   = "1_den_duoi_3_nam"
	Band3To5   = "3_den_duoi_5_nam"
	Band5Plus  = "tu_5_nam"
)

// DurationBands are the bands in the form's row order.
var DurationBands = []string{BandUnder1, Band1, Band1To3, Band3To5, Band5Plus}

// DurationBand classifies a movement running from start to end (YYYY-MM-DD, both
// days included). "1 năm" is a movement of exactly one year, give or take the days of
// one month (a calendar year, or a school year from September to August); a longer
// one counts its full years.
func DurationBand(start, end string) string {
	a, err1 := time.Parse(time.DateOnly, start)
	b, err2 := time.Parse(time.DateOnly, end)
	if err1 != nil || err2 != nil || b.Before(a) {
		return ""
	}
	b = b.AddDate(0, 0, 1) // the end day is included
	months := (b.Year()-a.Year())*12 + int(b.Month()-a.Month())
	if b.Day() < a.Day() {
		months--
	}
	switch {
	case months < 11:
		return BandUnder1
	case months <= 13:
		return Band1
	case months < 36:
		return Band1To3
	case months < 60:
		return Band3To5
	}
	return Band5Plus
}

// Criterion is one line of a movement's criteria, with the points it carries (0 when
// the movement does not score).
type Criterion struct {
	Text   string  `json:"text"`
	Points float64 `json:"points,omitempty"`
}

// Movement is an emulation movement (phong trào thi đua) launched by an organisation,
// with the content Law 06/2022 Art 17 requires. A unit below cascades it by launching
// its own plan under it (ParentID), so movements form a tree.
type Movement struct {
	ID           int64
	OrgID        int64 // the launching organisation
	ParentID     int64 // the movement this plan implements; 0 for none
	Name         string
	Objectives   string
	Scope        MovementScope
	Participants string
	Method       MovementMethod
	Criteria     []Criterion
	StartsOn     string // YYYY-MM-DD
	EndsOn       string // YYYY-MM-DD
	Plan         string
	Status       MovementStatus
	LaunchedOn   string // YYYY-MM-DD, set when launched
	Version      int
	OrgName      string
	OrgLevel     Level
	ParentName   string
}

// Band is the movement's duration band.
func (m *Movement) Band() string { return DurationBand(m.StartsOn, m.EndsOn) }

// LaunchLevel is the movement's launching level.
func (m *Movement) LaunchLevel() string { return LaunchLevelOf(m.OrgLevel) }

// Validate checks a movement's content.
func (m *Movement) Validate() error {
	p := Problems{}
	if n := len([]rune(strings.TrimSpace(m.Name))); n == 0 || n > 300 {
		p.Add("name", "Hãy ghi tên phong trào (tối đa 300 ký tự).")
	}
	if strings.TrimSpace(m.Objectives) == "" {
		p.Add("objectives", "Hãy ghi mục tiêu của phong trào (Luật Thi đua, khen thưởng 2022, Điều 17).")
	}
	if !In(m.Scope, MovementScopes) {
		p.Add("scope", "Hãy chọn phạm vi tổ chức thi đua.")
	}
	if !In(m.Method, MovementMethods) {
		p.Add("method", "Hãy chọn hình thức: thường xuyên hoặc theo chuyên đề.")
	}
	a, err1 := time.Parse(time.DateOnly, m.StartsOn)
	if err1 != nil {
		p.Add("starts_on", "Ngày bắt đầu không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
	}
	b, err2 := time.Parse(time.DateOnly, m.EndsOn)
	if err2 != nil {
		p.Add("ends_on", "Ngày kết thúc không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
	}
	if err1 == nil && err2 == nil && b.Before(a) {
		p.Add("ends_on", "Ngày kết thúc phải sau ngày bắt đầu.")
	}
	for i, c := range m.Criteria {
		if strings.TrimSpace(c.Text) == "" || c.Points < 0 {
			p.Add("criteria", "Tiêu chí dòng "+strconv.Itoa(i+1)+" không hợp lệ.")
		}
	}
	if len(m.Criteria) > 100 {
		p.Add("criteria", "Tối đa 100 tiêu chí.")
	}
	return p.Err()
}

// MovementCheckIn is a unit's report of what it did during a movement, with evidence.
type MovementCheckIn struct {
	ID         int64
	MovementID int64
	OrgID      int64
	OrgName    string
	On         string // YYYY-MM-DD
	Text       string
	FileID     int64 // the evidence file, 0 for none
	FileName   string
	CreatedBy  string
}

// MovementReview is a sơ kết or tổng kết of a movement.
type MovementReview struct {
	ID         int64
	MovementID int64
	Kind       ReviewKind
	On         string // YYYY-MM-DD
	Report     string
	CreatedBy  string
}

// RegistrationStatus is where a unit's yearly registration stands.
type RegistrationStatus string

// The statuses of a registration.
const (
	RegistrationSubmitted RegistrationStatus = "submitted" // sent to the level above
	RegistrationAccepted  RegistrationStatus = "accepted"  // accepted by the level above
	RegistrationReturned  RegistrationStatus = "returned"  // returned with a note, to be corrected
)

// RegistrationLabels names the registration statuses.
var RegistrationLabels = map[RegistrationStatus]string{
	RegistrationSubmitted: "Chờ cấp trên xem xét", RegistrationAccepted: "Cấp trên đã chấp nhận", RegistrationReturned: "Trả lại để sửa",
}

// Registration is a unit's đăng ký thi đua for a year: the title it aims for as a
// collective and the titles its people aim for. The 2022 Law no longer makes it a
// condition of any title (Art 7), so it is a plan to compare with outcomes, never a
// rule input.
type Registration struct {
	ID      int64
	OrgID   int64
	Year    int
	Target  string // the collective title aimed for; may be empty
	Status  RegistrationStatus
	Note    string // the level above's note when it returns or accepts
	Version int
	OrgName string
	People  []RegisteredPerson
}

// RegisteredPerson is one person's registered title.
type RegisteredPerson struct {
	PersonID int64
	Award    string
	Name     string
}
