package web

import (
	"fmt"
	"net/http"
	"strconv"

	"tdkt"
	"tdkt/core"
	"tdkt/sheet"
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
	Lines       []int // the blank lines of the people's part of the form
}

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
	h.showRegistrations(w, r, actor, http.StatusOK, yearOf(r, h.svc.Now().Year()), newForm())
}

func (h *handler) showRegistrations(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status, year int, f Form) {
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
		Report: rep, CanEdit: actor.CanEditRecords(), OwnOrgID: actor.OrgID, StatusLabel: tdkt.RegistrationLabels,
		Lines: []int{1, 2, 3, 4, 5}}
	for i := range ov.Registrations {
		if ov.Registrations[i].OrgID == actor.OrgID {
			v.Own = &ov.Registrations[i]
		}
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

// registrationSave reads the unit's form: the target and one line per person
// (person id and award code, lines left empty are skipped).
func (h *handler) registrationSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	year := atoi(r.PostFormValue("year"))
	f := formFrom(r, "target", "version", "people")
	in := core.RegistrationInput{OrgID: actor.OrgID, Year: year, Target: f.Values["target"], Version: atoi(f.Values["version"])}
	persons, awards := r.PostForm["person_id"], r.PostForm["award"]
	for i := range persons {
		if i < len(awards) && persons[i] != "" && awards[i] != "" {
			in.People = append(in.People, tdkt.RegisteredPerson{PersonID: atoi64(persons[i]), Award: awards[i]})
		}
	}
	if _, err := h.svc.SaveRegistration(r.Context(), actor, in); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showRegistrations(w, r, actor, http.StatusUnprocessableEntity, year, f)
		})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/app/registrations?year=%d&saved=1", year), http.StatusSeeOther)
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
