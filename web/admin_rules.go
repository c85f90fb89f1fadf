package web

import (
	"net/http"
	"strconv"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/rules"
	"tdkt/sqldb"
)

// The administrator's pages of the rules engine: the configurable provisions
// (/app/admin/rules) and the per-year table of days fixed by the Government's
// notices (/app/admin/calendar). Both are for administrators only.

// installationOnly refuses the pages to everyone but the installation's
// administrators (the use cases check again).
func installationOnly(actor *tdkt.Account) error {
	if !actor.CanManageInstallation() {
		return tdkt.Forbidden()
	}
	return nil
}

// rulesView lists the configurable provisions, each with its own form.
type rulesView struct {
	Page
	RuleSet  string
	Settings []settingRow
}

// settingRow is one provision and, when a value was refused, what was typed and why.
type settingRow struct {
	core.RuleSetting
	Typed string
	Error string
}

func (h *handler) rulesPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showRules(w, r, actor, http.StatusOK, "", "", "")
}

func (h *handler) showRules(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, key, typed, msg string) {
	list, err := h.svc.RuleConfig(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := rulesView{Page: h.page(r, "Cấu hình quy tắc", "admin-rules")}
	for _, s := range list {
		row := settingRow{RuleSetting: s, Typed: s.Value}
		if s.Key == key {
			row.Typed, row.Error = typed, msg
		}
		v.RuleSet = s.RuleSet
		v.Settings = append(v.Settings, row)
	}
	h.render(w, r, status, "admin_rules.html", v)
}

// ruleSave is POST /app/admin/rules/{key}: one setting's value and the version read.
func (h *handler) ruleSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, "value", "version")
	key := r.PathValue("key")
	_, err := h.svc.SaveRuleSetting(r.Context(), actor, key, f.Values["value"], atoi(f.Values["version"]))
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			h.showRules(w, r, actor, http.StatusUnprocessableEntity, key, f.Values["value"], fields["value"])
		})
		return
	}
	http.Redirect(w, r, "/app/admin/rules?saved=1#s-"+key, http.StatusSeeOther)
}

// calendarView is a year's calendar with the form to add a day.
type calendarView struct {
	Page
	Form
	Year, Prev, Next int
	Entries          []calendarRow
}

// calendarRow is a day of the list as the page shows it.
type calendarRow struct {
	core.CalendarEntry
	Weekday, Origin string
}

var weekdaysVN = [...]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

func originOf(e core.CalendarEntry) string {
	switch {
	case e.Stored:
		return "Quản trị nhập"
	case e.Kind == rules.HolidayStatutory:
		return "Ngày lễ, Tết theo luật"
	case e.Kind == rules.HolidayCompensatory:
		return "Nghỉ bù theo luật"
	}
	return "Thông báo có sẵn trong phần mềm"
}

// offOptions are the two kinds of row.
var offOptions = []option{
	{"1", "Ngày nghỉ"},
	{"0", "Ngày làm việc (làm bù, hoặc bỏ một ngày nghỉ có sẵn)"},
}

// OffOptions are the choices of the "Loại ngày" field.
func (calendarView) OffOptions() []option { return offOptions }

// OffOptions are the choices of the "Loại ngày" field.
func (calendarFormView) OffOptions() []option { return offOptions }

func (h *handler) calendarPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := newForm()
	f.Values["off"] = "1"
	h.showCalendar(w, r, actor, http.StatusOK, f, 0)
}

func (h *handler) showCalendar(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, f Form, year int) {
	if err := installationOnly(actor); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if year == 0 {
		year = h.svc.Now().Year()
		if y := r.URL.Query().Get("year"); y != "" {
			year = atoi(y)
		}
	}
	cy, err := h.svc.CalendarDays(r.Context(), actor, year)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := calendarView{Page: h.page(r, "Lịch nghỉ năm "+strconv.Itoa(year), "admin-calendar"), Form: f, Year: year, Prev: year - 1, Next: year + 1}
	for _, e := range cy.Entries {
		row := calendarRow{CalendarEntry: e, Origin: originOf(e)}
		if t, err := time.Parse(time.DateOnly, e.Date); err == nil {
			row.Weekday = weekdaysVN[t.Weekday()]
		}
		v.Entries = append(v.Entries, row)
	}
	h.render(w, r, status, "admin_calendar.html", v)
}

// calendarFromForm reads a row typed in a form; the day may be typed dd/mm/yyyy.
func calendarFromForm(r *http.Request) (sqldb.CalendarDay, Form) {
	f := formFrom(r, "day", "off", "note", "source", "version")
	return sqldb.CalendarDay{Day: isoDate(f.Values["day"]), Off: f.Values["off"] != "0", Note: f.Values["note"],
		Source: f.Values["source"], Version: atoi(f.Values["version"])}, f
}

// calendarAdd is POST /app/admin/calendar.
func (h *handler) calendarAdd(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	d, f := calendarFromForm(r)
	d.ID, d.Version = 0, 0
	if err := h.svc.SaveCalendarDay(r.Context(), actor, &d); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showCalendar(w, r, actor, http.StatusUnprocessableEntity, f, 0)
		})
		return
	}
	http.Redirect(w, r, "/app/admin/calendar?year="+d.Day[:4]+"&saved=1", http.StatusSeeOther)
}

// calendarFormView edits one stored row.
type calendarFormView struct {
	Page
	Form
	ID   int64
	Back string
}

func (h *handler) calendarEdit(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var d sqldb.CalendarDay
	if err == nil {
		d, err = h.svc.CalendarDay(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := newForm()
	f.Values = map[string]string{"day": d.Day, "off": "1", "note": d.Note, "source": d.Source, "version": strconv.Itoa(d.Version)}
	if !d.Off {
		f.Values["off"] = "0"
	}
	h.showCalendarForm(w, r, http.StatusOK, f, id)
}

func (h *handler) showCalendarForm(w http.ResponseWriter, r *http.Request, status int, f Form, id int64) {
	back := "/app/admin/calendar"
	if len(f.Values["day"]) >= 4 {
		back += "?year=" + f.Values["day"][:4]
	}
	if d := isoDate(f.Values["day"]); len(d) == 10 {
		f.Values["day"] = d[8:10] + "/" + d[5:7] + "/" + d[:4]
	}
	h.render(w, r, status, "calendar_form.html", calendarFormView{Page: h.page(r, "Sửa ngày trong lịch nghỉ", "admin-calendar"),
		Form: f, ID: id, Back: back})
}

// calendarSave is POST /app/admin/calendar/{id}/edit.
func (h *handler) calendarSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	d, f := calendarFromForm(r)
	d.ID = id
	if err := h.svc.SaveCalendarDay(r.Context(), actor, &d); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showCalendarForm(w, r, http.StatusUnprocessableEntity, f, id)
		})
		return
	}
	http.Redirect(w, r, "/app/admin/calendar?year="+d.Day[:4]+"&saved=1", http.StatusSeeOther)
}

// calendarDelete is POST /app/admin/calendar/{id}/delete with the version read.
func (h *handler) calendarDelete(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		err = h.svc.DeleteCalendarDay(r.Context(), actor, id, atoi(r.PostFormValue("version")))
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	back := localPath(r.PostFormValue("back"))
	if back == "" {
		back = "/app/admin/calendar"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
