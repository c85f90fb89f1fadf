package api

import (
	"net/http"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/vn"
)

// choiceJSON is one allowed value of a setting.
type choiceJSON struct {
	Value string `json:"value" api:"req"`
	Label string `json:"label" api:"req"`
}

// ruleSettingJSON is a configurable provision of the rules engine. Only value and
// version are read (PUT); the rest describes the provision.
type ruleSettingJSON struct {
	Key        string       `json:"key" api:"req,ro" doc:"Mã thiết lập, dùng trong đường dẫn PUT"`
	Label      string       `json:"label" api:"req,ro"`
	Hint       string       `json:"hint" api:"ro"`
	Kind       string       `json:"kind" api:"req,ro,enum=setting_kind" doc:"choice: một trong allowed; bool: true/false; percent: số nguyên từ min đến 100"`
	Allowed    []choiceJSON `json:"allowed" api:"ro" doc:"Các giá trị được chọn (choice, bool)"`
	Min        int          `json:"min,omitempty" api:"ro" doc:"Giá trị nhỏ nhất (percent)"`
	Value      string       `json:"value" api:"req" doc:"Giá trị đã cấu hình; rỗng là theo bộ quy tắc"`
	Default    string       `json:"default" api:"ro" doc:"Giá trị của bộ quy tắc đang có hiệu lực hôm nay"`
	Unverified bool         `json:"unverified" api:"ro" doc:"Quy định chưa xác minh được văn bản trong bộ quy tắc đang có hiệu lực"`
	Basis      string       `json:"basis" api:"ro" doc:"Căn cứ pháp lý"`
	Note       string       `json:"note,omitempty" api:"ro"`
	RuleSet    string       `json:"rule_set" api:"ro"`
	Version    int          `json:"version" doc:"Phiên bản đã đọc; 0 khi chưa từng lưu"`
	UpdatedAt  string       `json:"updated_at,omitempty" api:"ro"`
}

type ruleSettingList struct {
	Items []ruleSettingJSON `json:"items" api:"req"`
}

// ruleSettingInput is the body of PUT /rules/settings/{key}.
type ruleSettingInput struct {
	Value   string `json:"value" doc:"Giá trị mới; rỗng để trở về giá trị của bộ quy tắc"`
	Version int    `json:"version" doc:"Phiên bản đã đọc; 0 khi thiết lập chưa từng lưu"`
}

// calendarDayJSON is a row of the administrator's table of days fixed by the
// Government's notices.
type calendarDayJSON struct {
	ID      int64  `json:"id" api:"ro"`
	Day     string `json:"day" api:"req,date"`
	Off     *bool  `json:"off" api:"req" doc:"true: ngày nghỉ; false: ngày làm việc (làm bù thứ Bảy, hoặc bỏ một ngày nghỉ có sẵn)"`
	Note    string `json:"note" api:"req" doc:"Nội dung, tối đa 200 ký tự"`
	Source  string `json:"source" doc:"Văn bản căn cứ, ví dụ 10065/VPCP-KGVX ngày 02/10/2026"`
	Version int    `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

// calendarEntryJSON is a day of the effective calendar that is not an ordinary day.
type calendarEntryJSON struct {
	Date     string `json:"date" api:"req,date"`
	Kind     string `json:"kind" api:"req,enum=holiday_kind" doc:"le_tet: ngày lễ, Tết; nghi_bu: nghỉ bù; thong_bao: theo thông báo hằng năm"`
	Off      bool   `json:"off" api:"req" doc:"false chỉ với ngày làm việc (làm bù)"`
	Name     string `json:"name" api:"req"`
	Source   string `json:"source"`
	Stored   bool   `json:"stored" api:"req" doc:"Dòng do quản trị nhập (có id, version); còn lại là quy định sẵn có"`
	ID       int64  `json:"id,omitempty"`
	Version  int    `json:"version,omitempty"`
	NoEffect bool   `json:"no_effect,omitempty" doc:"Dòng đã nhập nhưng không làm thay đổi lịch sẵn có"`
}

type calendarYearJSON struct {
	Year  int                 `json:"year" api:"req"`
	Items []calendarEntryJSON `json:"items" api:"req"`
}

func (h *handlers) rulesConfigRoutes() []route {
	version := []param{{"version", "integer", "Phiên bản đã đọc"}}
	return []route{
		{Method: "GET", Path: prefix + "/rules/settings", Handle: h.ruleSettings, Op: operation{ID: "listRuleSettings", Tag: tagRules, Admin: true,
			Summary: "Các quy định cấu hình được của bộ quy tắc, với giá trị mặc định và tình trạng xác minh (quản trị)", Resp: "RuleSettingList"}},
		{Method: "PUT", Path: prefix + "/rules/settings/{key}", Handle: h.saveRuleSetting, Op: operation{ID: "updateRuleSetting", Tag: tagRules, Admin: true,
			Summary: "Đặt giá trị một quy định (quản trị); rỗng để theo bộ quy tắc", Body: "RuleSettingInput", Resp: "RuleSetting"}},
		{Method: "GET", Path: prefix + "/calendar", Handle: h.calendarYear, Op: operation{ID: "getCalendar", Tag: tagRules, Public: true,
			Summary: "Lịch nghỉ khu vực công của một năm: ngày lễ, Tết, nghỉ bù, ngày nghỉ và làm bù theo thông báo (không cần đăng nhập)",
			Query:   []param{{"year", "integer", "Năm; mặc định năm hiện tại"}}, Resp: "CalendarYear"}},
		{Method: "POST", Path: prefix + "/calendar", Handle: h.addCalendarDay, Op: operation{ID: "addCalendarDay", Tag: tagRules, Admin: true,
			Summary: "Thêm một ngày nghỉ hoặc ngày làm việc theo thông báo (quản trị)", Body: "CalendarDay", Status: http.StatusCreated, Resp: "CalendarDay"}},
		{Method: "PUT", Path: prefix + "/calendar/{id}", Handle: h.updateCalendarDay, Op: operation{ID: "updateCalendarDay", Tag: tagRules, Admin: true,
			Summary: "Sửa một ngày đã nhập (quản trị)", Body: "CalendarDay", Resp: "CalendarDay"}},
		{Method: "DELETE", Path: prefix + "/calendar/{id}", Handle: h.deleteCalendarDay, Op: operation{ID: "deleteCalendarDay", Tag: tagRules, Admin: true,
			Summary: "Xóa một ngày đã nhập; lịch sẵn có áp dụng lại cho ngày đó (quản trị)", Status: http.StatusNoContent, Query: version}},
	}
}

func toRuleSetting(s core.RuleSetting) ruleSettingJSON {
	j := ruleSettingJSON{Key: s.Key, Label: s.Label, Hint: s.Hint, Kind: s.Kind, Allowed: []choiceJSON{}, Min: s.Min, Value: s.Value,
		Default: s.Default, Unverified: s.Unverified, Basis: s.Basis, Note: s.Note, RuleSet: s.RuleSet, Version: s.Version, UpdatedAt: s.UpdatedAt}
	for _, c := range s.Choices {
		j.Allowed = append(j.Allowed, choiceJSON{Value: c.Value, Label: c.Label})
	}
	return j
}

func (h *handlers) ruleSettings(r *http.Request, a *tdkt.Account) (any, error) {
	list, err := h.svc.RuleConfig(r.Context(), a)
	out := ruleSettingList{Items: make([]ruleSettingJSON, len(list))}
	for i, s := range list {
		out.Items[i] = toRuleSetting(s)
	}
	return out, err
}

func (h *handlers) saveRuleSetting(r *http.Request, a *tdkt.Account) (any, error) {
	var j ruleSettingInput
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	s, err := h.svc.SaveRuleSetting(r.Context(), a, r.PathValue("key"), vn.NFC(j.Value), j.Version)
	return toRuleSetting(s), err
}

func (h *handlers) calendarYear(r *http.Request, a *tdkt.Account) (any, error) {
	year, err := queryInt(r, "year", h.svc.Now().Year())
	if err != nil {
		return nil, err
	}
	cy, err := h.svc.CalendarDays(r.Context(), a, year)
	out := calendarYearJSON{Year: cy.Year, Items: make([]calendarEntryJSON, len(cy.Entries))}
	for i, e := range cy.Entries {
		out.Items[i] = calendarEntryJSON{Date: e.Date, Kind: string(e.Kind), Off: e.Off, Name: e.Name, Source: e.Source,
			Stored: e.Stored, ID: e.ID, Version: e.Version, NoEffect: e.NoEffect}
	}
	return out, err
}

func toCalendarDay(d sqldb.CalendarDay) calendarDayJSON {
	off := d.Off
	return calendarDayJSON{ID: d.ID, Day: d.Day, Off: &off, Note: d.Note, Source: d.Source, Version: d.Version}
}

// calendarBody reads a row; off must be given, since a missing one would silently
// make the day a working day.
func calendarBody(r *http.Request) (sqldb.CalendarDay, error) {
	var j calendarDayJSON
	if err := decode(r, &j); err != nil {
		return sqldb.CalendarDay{}, err
	}
	if j.Off == nil {
		return sqldb.CalendarDay{}, invalid("off", "Cần cho biết ngày nghỉ (true) hay ngày làm việc (false).")
	}
	return sqldb.CalendarDay{Day: j.Day, Off: *j.Off, Note: j.Note, Source: j.Source, Version: j.Version}, nil
}

func (h *handlers) addCalendarDay(r *http.Request, a *tdkt.Account) (any, error) {
	d, err := calendarBody(r)
	if err != nil {
		return nil, err
	}
	d.ID, d.Version = 0, 0
	err = h.svc.SaveCalendarDay(r.Context(), a, &d)
	return toCalendarDay(d), err
}

func (h *handlers) updateCalendarDay(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "ngày trong lịch nghỉ")
	if err != nil {
		return nil, err
	}
	d, err := calendarBody(r)
	if err == nil {
		err = needVersion(d.Version)
	}
	if err != nil {
		return nil, err
	}
	d.ID = id
	err = h.svc.SaveCalendarDay(r.Context(), a, &d)
	return toCalendarDay(d), err
}

func (h *handlers) deleteCalendarDay(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "ngày trong lịch nghỉ")
	if err != nil {
		return nil, err
	}
	v, err := queryVersion(r)
	if err != nil {
		return nil, err
	}
	return nil, h.svc.DeleteCalendarDay(r.Context(), a, id, v)
}
