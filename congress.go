package tdkt

import (
	"bytes"
	"image/jpeg"
	"image/png"
	"strconv"
	"strings"
	"time"
)

// CongressStatus is where a congress of patriotic emulation stands.
type CongressStatus string

// The statuses of a congress: prepared (typical examples are chosen and their stories
// written), held, then published on the portal.
const (
	CongressPreparing CongressStatus = "preparing" // đang chuẩn bị
	CongressHeld      CongressStatus = "held"      // đã tổ chức
	CongressPublished CongressStatus = "published" // đã công bố gương điển hình
)

// CongressStatuses lists the statuses in their order.
var CongressStatuses = []CongressStatus{CongressPreparing, CongressHeld, CongressPublished}

// CongressStatusLabels are the Vietnamese names of the statuses.
var CongressStatusLabels = map[CongressStatus]string{
	CongressPreparing: "Đang chuẩn bị", CongressHeld: "Đã tổ chức", CongressPublished: "Đã công bố",
}

// CongressAction is a step of a congress.
type CongressAction string

// The steps of a congress.
const (
	CongressHold     CongressAction = "hold"     // the congress took place
	CongressPublish  CongressAction = "publish"  // its typical examples go on the portal
	CongressWithdraw CongressAction = "withdraw" // take them off the portal again
)

// CongressStep is one line of the congress workflow: publishing puts people's names
// and stories before the public, so only a leader (or an administrator) does it.
type CongressStep struct {
	Action CongressAction
	From   CongressStatus
	To     CongressStatus
	Roles  []Role
	Label  string
}

// CongressSteps is the congress workflow.
var CongressSteps = []CongressStep{
	{CongressHold, CongressPreparing, CongressHeld, []Role{RoleAdmin, RoleClerk, RoleLeader}, "Xác nhận đã tổ chức Đại hội"},
	{CongressPublish, CongressHeld, CongressPublished, leaders, "Công bố gương điển hình trên cổng thông tin"},
	{CongressWithdraw, CongressPublished, CongressHeld, leaders, "Thu hồi công bố"},
}

// CongressStepFor finds the step for an action from a status.
func CongressStepFor(a CongressAction, from CongressStatus) (CongressStep, bool) {
	for _, s := range CongressSteps {
		if s.Action == a && s.From == from {
			return s, true
		}
	}
	return CongressStep{}, false
}

// Congress is a congress of patriotic emulation (Đại hội thi đua yêu nước), held every
// five years at each level, or a conference of typical examples (hội nghị điển hình
// tiên tiến), organised by an organisation for the period it reviews (Law 06/2022
// Art 17; the five-year congresses of 2025).
type Congress struct {
	ID         int64
	OrgID      int64 // the organiser; typical examples come from its subtree
	Name       string
	Level      Level
	HeldOn     string // YYYY-MM-DD
	Place      string
	PeriodFrom int // first year of the period it reviews, e.g. 2021
	PeriodTo   int // last year, e.g. 2025
	Status     CongressStatus
	Version    int
	OrgName    string
	Examples   int // how many typical examples are selected, filled by lists
}

// Validate checks a congress; text is expected in NFC already.
func (x *Congress) Validate(now time.Time) error {
	p := Problems{}
	validText(p, "name", x.Name, true, 300)
	if !In(x.Level, Levels) || x.Level == LevelState { // the President holds no congress of its own
		p.Add("level", "Hãy chọn cấp tổ chức Đại hội.")
	}
	validDate(p, "held_on", x.HeldOn, true)
	validText(p, "place", x.Place, false, 200)
	validYear(p, "period_from", x.PeriodFrom, now)
	validYear(p, "period_to", x.PeriodTo, now)
	if x.PeriodFrom > 0 && x.PeriodTo > 0 && (x.PeriodTo < x.PeriodFrom || x.PeriodTo-x.PeriodFrom > 9) {
		p.Add("period_to", "Giai đoạn phải từ năm bắt đầu đến năm kết thúc, không quá 10 năm (thường là 5 năm, ví dụ 2021–2025).")
	}
	if x.OrgID == 0 {
		p.Add("org_id", "Hãy chọn cơ quan, đơn vị tổ chức.")
	}
	return p.Err()
}

// Period is the reviewed period as pages write it: "2021–2025".
func (x Congress) Period() string {
	return strconv.Itoa(x.PeriodFrom) + "–" + strconv.Itoa(x.PeriodTo)
}

// StatusLabel is the Vietnamese name of the congress's status.
func (x Congress) StatusLabel() string { return CongressStatusLabels[x.Status] }

// TypicalExample is a person or a collective chosen as a typical example (điển hình
// tiên tiến, gương người tốt việc tốt) of a congress, with the story told about them.
// Name, Position and Unit are read from the records when it is loaded; nothing
// private (citizen ID, birth date, contacts) belongs here, since it goes on the portal.
type TypicalExample struct {
	ID         int64
	CongressID int64
	Subject    Subject
	Name       string
	Position   string
	Unit       string
	Title      string // the story's headline
	Summary    string // one short paragraph, shown on cards
	Body       string // plain text; blank lines separate paragraphs
	PhotoType  string // image/png or image/jpeg; "" when there is no photo
	Published  bool   // shown on the portal once the congress is published
	Version    int
	Awards     []ExampleAward
}

// ExampleAward is one award that justifies a typical example, public fields only.
type ExampleAward struct {
	AwardCode  string
	AwardName  string
	Year       int
	DecisionNo string
	DecidedOn  string
	Issuer     string
}

// Validate checks a typical example's story; text is expected in NFC already.
func (x *TypicalExample) Validate() error {
	p := Problems{}
	validText(p, "title", x.Title, true, 200)
	validText(p, "summary", x.Summary, false, 1000)
	validText(p, "body", x.Body, false, 20000)
	return p.Err()
}

// Paragraphs cuts the story's body at blank lines; the pages escape each paragraph.
func (x *TypicalExample) Paragraphs() []string {
	var out []string
	for _, part := range strings.Split(strings.ReplaceAll(x.Body, "\r\n", "\n"), "\n\n") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// MaxPhoto bounds a typical example's photo.
const MaxPhoto = 2 << 20

// CheckPhoto recognises a photo by its content, not its name: a PNG or JPEG image
// that decodes, at most MaxPhoto bytes. It returns the content type, or a message
// for the "photo" field.
func CheckPhoto(b []byte) (contentType, problem string) {
	switch {
	case len(b) == 0:
		return "", "Chưa chọn ảnh, hoặc tệp ảnh rỗng."
	case len(b) > MaxPhoto:
		return "", "Ảnh lớn quá 2 MB; hãy thu nhỏ ảnh rồi gửi lại."
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		if _, err := png.DecodeConfig(bytes.NewReader(b)); err != nil {
			return "", "Tệp PNG bị hỏng."
		}
		return "image/png", ""
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		if _, err := jpeg.DecodeConfig(bytes.NewReader(b)); err != nil {
			return "", "Tệp JPEG bị hỏng."
		}
		return "image/jpeg", ""
	}
	return "", "Chỉ nhận ảnh PNG hoặc JPEG; nội dung tệp này không phải là ảnh."
}

// awardWeights rank awards for the search of typical examples: a higher form or title
// weighs more. This is a sorting aid for the clerk, not a legal rule; every award not
// listed weighs 1.
var awardWeights = map[string]int{
	"huan_chuong_sao_vang": 10, "huan_chuong_ho_chi_minh": 10, "anh_hung_llvtnd": 10, "anh_hung_lao_dong": 10,
	"chien_si_thi_dua_toan_quoc": 8, "co_thi_dua_chinh_phu": 8, "ba_me_viet_nam_anh_hung": 8,
	"bang_khen_thu_tuong": 6, "chien_si_thi_dua_bo_tinh": 5, "co_thi_dua_bo_tinh": 5,
	"bang_khen_bo_tinh": 4, "chien_si_thi_dua_co_so": 3, "tap_the_lao_dong_xuat_sac": 3,
	"don_vi_quyet_thang": 3, "xa_phuong_tieu_bieu": 3, "giay_khen": 2,
}

// AwardWeight is an award's weight in the score of a candidate typical example.
func AwardWeight(code string) int {
	if w, ok := awardWeights[code]; ok {
		return w
	}
	switch {
	case strings.HasPrefix(code, "huan_chuong_"):
		return 7
	case strings.HasPrefix(code, "nha_giao_"), strings.HasPrefix(code, "thay_thuoc_"),
		strings.HasPrefix(code, "nghe_si_"), strings.HasPrefix(code, "nghe_nhan_"):
		return 7
	}
	return 1
}
