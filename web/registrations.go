package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/sheet"
	"tdkt/vn"
)

// The yearly registration (đăng ký thi đua): a unit's form, the review and aggregate
// for the level above, and the comparison with outcomes, as a page and a workbook.

type registrationsView struct {
	Page
	Year        int
	Own         *tdkt.Registration // the account's own unit's registration, if any
	Form        Form
	Targets     []option
	Overview    core.RegistrationOverview
	Report      core.RegistrationReport
	Awards      []option
	CanEdit     bool
	OwnOrgID    int64
	StatusLabel map[tdkt.RegistrationStatus]string
	// Lines are the people's part of the form: the saved entries first (or, after a
	// refused submit, the lines as typed), then blank lines to add to them.
	Lines []regLine
	// People are the unit's people offered by the person box (name, birth year, unit,
	// id), in Vietnamese order, each labelled with its name without diacritics.
	People []option
}

// regLine is one line of the people's part of the registration form.
type regLine struct {
	N             int    // its number on the form, from 1
	Person, Award string // as typed or saved; Person is the box's text ("Tên · 1985 · Đơn vị · #12")
	Error         string
}

// blankLines is how many empty lines the form offers below the saved ones.
const blankLines = 3

func yearOf(r *http.Request, def int) int {
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y > 1990 && y < 3000 {
		return y
	}
	return def
}

func (h *handler) registrations(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if f := listFormat(r); f != "" {
		h.registrationExport(w, r, actor, f, yearOf(r, h.svc.Now().Year()))
		return
	}
	h.showRegistrations(w, r, actor, http.StatusOK, yearOf(r, h.svc.Now().Year()), newForm(), nil)
}

// showRegistrations renders the page; typed holds the people's lines of a refused
// submit, so that nothing the clerk typed is lost (nil: the saved entries).
func (h *handler) showRegistrations(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status, year int, f Form, typed []regLine) {
	ov, err := h.svc.Registrations(r.Context(), actor, year)
	var rep core.RegistrationReport
	if err == nil {
		rep, err = h.svc.RegistrationOutcomes(r.Context(), actor, year)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := registrationsView{Page: h.page(r, fmt.Sprintf("Đăng ký thi đua năm %d", year), "registrations"), Year: year, Form: f, Overview: ov,
		Report: rep, CanEdit: actor.CanEditRecords(), OwnOrgID: actor.OrgID, StatusLabel: tdkt.RegistrationLabels}
	for i := range ov.Registrations {
		if ov.Registrations[i].OrgID == actor.OrgID {
			v.Own = &ov.Registrations[i]
		}
	}
	byID := map[int64]tdkt.Person{}
	if v.CanEdit {
		people, err := h.unitPeople(r, actor)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		for _, p := range people {
			v.People = append(v.People, personOption(p))
			byID[p.ID] = p
		}
	}
	v.Lines = typed
	if v.Lines == nil && v.Own != nil {
		for _, p := range v.Own.People {
			text := p.Name + " · #" + strconv.FormatInt(p.PersonID, 10)
			if q, ok := byID[p.PersonID]; ok {
				text = personLabel(q)
			}
			v.Lines = append(v.Lines, regLine{Person: text, Award: p.Award})
		}
	}
	for range blankLines {
		v.Lines = append(v.Lines, regLine{})
	}
	for i := range v.Lines {
		v.Lines[i].N = i + 1
	}
	v.Targets, v.Awards = []option{{"", "— Không đăng ký —"}}, []option{{"", "— Chọn —"}}
	for _, a := range tdkt.Awards {
		if a.For(tdkt.Collective) {
			v.Targets = append(v.Targets, option{a.Code, a.Name})
		}
		if a.For(tdkt.Individual) {
			v.Awards = append(v.Awards, option{a.Code, a.Name})
		}
	}
	if len(f.Values) == 0 && v.Own != nil {
		v.Form.Values["target"], v.Form.Values["version"] = v.Own.Target, strconv.Itoa(v.Own.Version)
	}
	h.render(w, r, status, "registrations.html", v)
}

// registrationSave reads the unit's form: the target and the people's lines. The
// form holds the saved entries as lines too, so that a submit keeps them unless a
// line is removed ("Bỏ" on it) or cleared; a line with a person and no title, or a
// person the box cannot read, is an error on that line, and a refused submit shows
// every line as typed.
func (h *handler) registrationSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	year := atoi(r.PostFormValue("year"))
	f := formFrom(r, "target", "version")
	in := core.RegistrationInput{OrgID: actor.OrgID, Year: year, Target: f.Values["target"], Version: atoi(f.Values["version"])}
	persons, awards := r.PostForm["person"], r.PostForm["award"]
	remove := atoi(r.PostFormValue("remove")) // the number of a line whose "Bỏ" was pressed
	var lines []regLine
	lineOf := map[int]int{} // index in in.People → index in lines
	bad := false
	var people []tdkt.Person // the unit's, read when a line names someone without an id
	for i := range persons {
		l := regLine{Person: strings.TrimSpace(persons[i])}
		if i < len(awards) {
			l.Award = awards[i]
		}
		if i+1 == remove || l.Person == "" && l.Award == "" {
			continue
		}
		if _, ok := readPersonBox(l.Person); !ok && people == nil && l.Person != "" {
			// A name typed without picking: looked up among the unit's people.
			var err error
			if people, err = h.unitPeople(r, actor); err != nil {
				h.fail(w, r, err, nil)
				return
			}
		}
		id, problem := readPersonText(l.Person, people)
		switch {
		case problem != "":
			l.Error, bad = problem, true
		case l.Award == "":
			l.Error, bad = "Hãy chọn danh hiệu đăng ký cho người này.", true
		default:
			lineOf[len(in.People)] = len(lines)
			in.People = append(in.People, tdkt.RegisteredPerson{PersonID: id, Award: l.Award})
		}
		lines = append(lines, l)
	}
	var err error
	if bad {
		err = &tdkt.Error{Code: tdkt.EInvalid, Message: "Có dòng chưa hợp lệ; các dòng đã nhập vẫn được giữ lại bên dưới."}
	} else {
		_, err = h.svc.SaveRegistration(r.Context(), actor, in)
	}
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = map[string]string{}
			for k, msg := range fields {
				var i int
				if _, e := fmt.Sscanf(k, "people.%d", &i); e == nil {
					if li, ok := lineOf[i]; ok {
						lines[li].Error = msg
						continue
					}
				}
				f.Errors[k] = msg
			}
			if len(f.Errors) == 0 {
				f.Errors["people"] = "Có dòng chưa hợp lệ, xem thông báo ở từng dòng bên dưới."
			}
			if lines == nil {
				lines = []regLine{}
			}
			h.showRegistrations(w, r, actor, http.StatusUnprocessableEntity, year, f, lines)
		})
		return
	}
	msg := "saved=1"
	if remove > 0 {
		msg = "done=removed_registration"
	}
	http.Redirect(w, r, fmt.Sprintf("/app/registrations?year=%d&%s", year, msg), http.StatusSeeOther)
}

func (h *handler) registrationReview(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		_, err = h.svc.ReviewRegistration(r.Context(), actor, id, r.PostFormValue("decision") == "accept", r.PostFormValue("note"),
			atoi(r.PostFormValue("version")))
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/app/registrations?year=%s&saved=1", r.PostFormValue("year")), http.StatusSeeOther)
}

// registrationXLSX downloads the comparison of registrations and outcomes.
func (h *handler) registrationXLSX(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	year := yearOf(r, h.svc.Now().Year())
	rep, err := h.svc.RegistrationOutcomes(r.Context(), actor, year)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	out := &download{w: w, ctype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: fmt.Sprintf("dang-ky-thi-dua-%d.xlsx", year)}
	sw, err := sheet.NewXLSX(out, fmt.Sprintf("Đăng ký %d", year), core.RegistrationReportHeader...)
	if err == nil {
		for _, line := range rep.Lines() {
			if err = sw.Row(line...); err != nil {
				break
			}
		}
		if cerr := sw.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		if !out.started {
			h.fail(w, r, err, nil)
			return
		}
		panic(http.ErrAbortHandler)
	}
}

// unitPeople are the people the registration form may name: those of the account's
// own unit, at most 5,000, in Vietnamese order of their names.
func (h *handler) unitPeople(r *http.Request, actor *tdkt.Account) ([]tdkt.Person, error) {
	var out []tdkt.Person
	err := h.svc.EachPerson(r.Context(), actor, "", "", func(p tdkt.Person) error {
		if p.OrgID == actor.OrgID && len(out) < 5000 {
			out = append(out, p)
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b tdkt.Person) int { return vn.Compare(a.FullName, b.FullName) })
	return out, err
}
