package web

import (
	"net/http"
	"strconv"

	"tdkt"
)

// The yearly submission dates: the law's, shown as they are, and an organisation's
// own (a province's date for the dossiers it receives), which an administrator of
// its subtree adds and removes. The daily pass reminds of each (docs/notifications.md §8).

type submissionDatesView struct {
	Page
	Law, Own []tdkt.SubmissionDate
	Form     Form
	Orgs     []option
	Awards   []option
}

func (h *handler) showSubmissionDates(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, f Form) {
	law, own, err := h.svc.SubmissionDates(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if f.Values == nil {
		f = newForm()
	}
	v := submissionDatesView{Page: h.page(r, "Hạn gửi hồ sơ hằng năm", "admin-submission-dates"), Law: law, Own: own, Form: f,
		Orgs: orgOptions(orgs), Awards: awardOptions()}
	h.render(w, r, status, "submission_dates.html", v)
}

// submissionDatesPage is GET /app/admin/submission-dates.
func (h *handler) submissionDatesPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showSubmissionDates(w, r, actor, http.StatusOK, Form{})
}

// submissionDateAdd is POST /app/admin/submission-dates.
func (h *handler) submissionDateAdd(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, "org_id", "award", "month", "day", "note")
	month, _ := strconv.Atoi(f.Values["month"])
	day, _ := strconv.Atoi(f.Values["day"])
	d := tdkt.SubmissionDate{OrgID: atoi64(f.Values["org_id"]), AwardCode: f.Values["award"], Month: month, Day: day, Note: f.Values["note"]}
	if err := h.svc.SaveSubmissionDate(r.Context(), actor, &d); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			for k, m := range fields {
				if k == "award_code" {
					k = "award"
				}
				f.Errors[k] = m
			}
			h.showSubmissionDates(w, r, actor, http.StatusUnprocessableEntity, f)
		})
		return
	}
	http.Redirect(w, r, "/app/admin/submission-dates?saved=1", http.StatusSeeOther)
}

// submissionDateDelete is POST /app/admin/submission-dates/{id}/delete.
func (h *handler) submissionDateDelete(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		err = h.svc.DeleteSubmissionDate(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/admin/submission-dates?saved=1", http.StatusSeeOther)
}
