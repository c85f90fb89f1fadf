package tdkt

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// The years a record may carry: emulation work as kept today started long before the
// 2022 law, and nothing may be recorded for a year that has not begun.
const minYear = 1945

func validDate(p Problems, field, v string, required bool) {
	if v == "" {
		if required {
			p.Add(field, "Chưa nhập ngày.")
		}
		return
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		p.Add(field, "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
	}
}

func validYear(p Problems, field string, y int, now time.Time) {
	if y < minYear || y > now.Year()+1 {
		p.Add(field, "Năm phải từ "+strconv.Itoa(minYear)+" đến "+strconv.Itoa(now.Year()+1)+".")
	}
}

func validText(p Problems, field, v string, required bool, max int) {
	switch {
	case v == "" && required:
		p.Add(field, "Không được để trống.")
	case utf8.RuneCountInString(v) > max:
		p.Add(field, "Dài quá "+strconv.Itoa(max)+" ký tự.")
	default:
		// Line breaks are allowed: one-line fields reach here through vn.NFC, which
		// has already folded them into spaces.
		if r, bad := HiddenRune(v, true); bad {
			p.Add(field, HiddenMessage(r))
		}
	}
}

// Validate checks a person's record; text is expected in NFC already (the edges
// normalise it). now bounds the dates.
func (x *Person) Validate(now time.Time) error {
	p := Problems{}
	validText(p, "full_name", x.FullName, true, 120)
	if !In(x.Sex, Sexes) {
		p.Add("sex", "Hãy chọn giới tính Nam hoặc Nữ.")
	}
	validDate(p, "birth_date", x.BirthDate, false)
	if x.BirthDate != "" && p["birth_date"] == "" {
		if x.BirthDate > now.Format("2006-01-02") || x.BirthDate < "1900-01-01" {
			p.Add("birth_date", "Ngày sinh phải trong khoảng 01/01/1900 đến hôm nay.")
		}
	}
	validDate(p, "hired_on", x.HiredOn, false)
	if x.HiredOn != "" && x.BirthDate != "" && x.HiredOn < x.BirthDate {
		p.Add("hired_on", "Ngày tuyển dụng không thể trước ngày sinh.")
	}
	if x.HiredOn != "" && p["hired_on"] == "" && x.HiredOn > now.Format("2006-01-02") {
		p.Add("hired_on", "Ngày tuyển dụng không thể sau ngày hôm nay.")
	}
	validText(p, "ethnicity", x.Ethnicity, false, 40)
	validText(p, "position", x.Position, false, 120)
	if x.CCCD != "" {
		if err := CheckCCCD(x.CCCD, x.Sex, x.BirthDate); err != nil {
			p.Add("cccd", "Số CCCD không hợp lệ: "+err.Error()+".")
		}
	}
	if !In(x.Group, Groups) {
		p.Add("group", "Hãy chọn nhóm đối tượng.")
	}
	if x.OrgID == 0 {
		p.Add("org_id", "Hãy chọn đơn vị.")
	}
	return p.Err()
}

// Validate checks an organisation.
func (x *Org) Validate() error {
	p := Problems{}
	validText(p, "code", x.Code, true, 40)
	for _, c := range x.Code {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			p.Add("code", "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số, dấu - _ .")
			break
		}
	}
	validText(p, "name", x.Name, true, 200)
	if !In(x.Level, Levels) {
		p.Add("level", "Hãy chọn cấp của đơn vị.")
	}
	for _, c := range x.Confers {
		if _, ok := AwardByCode(c); !ok {
			p.Add("confers", "Mã danh hiệu/hình thức "+c+" không có trong danh mục.")
		}
	}
	return p.Err()
}

// Validate checks a collective.
func (x *CollectiveUnit) Validate() error {
	p := Problems{}
	validText(p, "name", x.Name, true, 200)
	if x.OrgID == 0 {
		p.Add("org_id", "Hãy chọn đơn vị quản lý.")
	}
	return p.Err()
}

// Validate checks a household.
func (x *HouseholdRecord) Validate() error {
	p := Problems{}
	validText(p, "head_name", x.HeadName, true, 120)
	validText(p, "address", x.Address, false, 200)
	if x.OrgID == 0 {
		p.Add("org_id", "Hãy chọn xã, phường, đặc khu.")
	}
	return p.Err()
}

// Validate checks a membership period.
func (x *Membership) Validate() error {
	p := Problems{}
	if x.OrgID == 0 {
		p.Add("org_id", "Hãy chọn đơn vị.")
	}
	validText(p, "position", x.Position, false, 120)
	validDate(p, "from", x.From, true)
	validDate(p, "to", x.To, false)
	if x.To != "" && x.From != "" && x.To < x.From {
		p.Add("to", "Ngày kết thúc không thể trước ngày bắt đầu.")
	}
	return p.Err()
}

// Validate checks a yearly rating.
func (x *YearRating) Validate(now time.Time) error {
	p := Problems{}
	validYear(p, "year", x.Year, now)
	if !In(x.Rating, Ratings) {
		p.Add("rating", "Mức xếp loại không hợp lệ; hãy chọn một trong: HTXSNV, HTTNV, HTNV, KHTNV.")
	}
	validText(p, "note", x.Note, false, 500)
	return p.Err()
}

// Validate checks an initiative.
func (x *Initiative) Validate(now time.Time) error {
	p := Problems{}
	validYear(p, "year", x.Year, now)
	validText(p, "title", x.Title, true, 300)
	if !In(x.Scope, Scopes) {
		p.Add("scope", "Hãy chọn phạm vi ảnh hưởng: cơ sở, bộ/tỉnh hoặc toàn quốc.")
	}
	validText(p, "decision_no", x.DecisionNo, false, 60)
	validDate(p, "decision_on", x.DecisionOn, false)
	validText(p, "recognised_by", x.RecognisedBy, false, 200)
	return p.Err()
}

// Validate checks a discipline record.
func (x *Discipline) Validate() error {
	p := Problems{}
	if !In(x.Form, DisciplineForms) {
		p.Add("form", "Hãy chọn hình thức kỷ luật.")
	}
	validDate(p, "decided_on", x.DecidedOn, true)
	validDate(p, "ends_on", x.EndsOn, true)
	if x.EndsOn != "" && x.DecidedOn != "" && x.EndsOn < x.DecidedOn {
		p.Add("ends_on", "Ngày hết thời hạn kỷ luật không thể trước ngày quyết định.")
	}
	validText(p, "decision_no", x.DecisionNo, false, 60)
	validText(p, "reason", x.Reason, false, 500)
	return p.Err()
}

// Validate checks a conferred title or form against the catalogue.
func (x *Honour) Validate(now time.Time) error {
	p := Problems{}
	a, ok := AwardByCode(x.AwardCode)
	switch {
	case !ok:
		p.Add("award", "Danh hiệu/hình thức không có trong danh mục.")
	case !a.For(x.Subject.Kind):
		p.Add("award", a.Name+" không trao cho "+Labels[string(x.Subject.Kind)]+".")
	}
	validYear(p, "year", x.Year, now)
	if x.PeriodFrom == 0 {
		x.PeriodFrom = x.Year
	}
	if x.PeriodFrom > x.Year || x.Year-x.PeriodFrom > 30 {
		p.Add("period_from", "Năm bắt đầu của thời kỳ thành tích phải trước hoặc bằng năm xét.")
	}
	if x.Kind == "" {
		x.Kind = KindMerit
	}
	if !In(x.Kind, RewardKinds) {
		p.Add("kind", "Loại hình khen thưởng không hợp lệ.")
	}
	validText(p, "decision_no", x.Decision.Number, true, 60)
	validDate(p, "decision_date", x.Decision.Date, true)
	if x.Decision.Date != "" && p["decision_date"] == "" && x.Decision.Date > now.AddDate(0, 0, 1).Format("2006-01-02") {
		p.Add("decision_date", "Ngày quyết định không thể ở tương lai.")
	}
	validText(p, "signer", x.Decision.Signer, false, 120)
	validText(p, "issuer", x.Decision.Issuer, true, 200)
	if x.AmountVND < 0 {
		p.Add("amount_vnd", "Số tiền không thể âm.")
	}
	return p.Err()
}
