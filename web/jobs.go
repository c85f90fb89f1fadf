package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"tdkt"
	"tdkt/core"
)

// jobsView lists the account's jobs: those of its organisation's subtree.
type jobsView struct {
	Page
	Jobs []core.JobView
}

func (h *handler) jobList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	jobs, err := h.svc.Jobs(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.render(w, r, http.StatusOK, "jobs.html", jobsView{Page: h.page(r, "Công việc chạy nền", "jobs"), Jobs: jobs})
}

// jobView is one job with its progress bar. ImportID links an import job to its report.
type jobView struct {
	Page
	Job      core.JobView
	ImportID int64
	Result   map[string]any
}

func (h *handler) jobShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	j, err := h.svc.Job(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := jobView{Page: h.page(r, j.Label, "jobs"), Job: j}
	var in struct {
		ImportID int64 `json:"import_id"`
	}
	_ = json.Unmarshal([]byte(j.Payload), &in)
	v.ImportID = in.ImportID
	if j.Result != "" {
		_ = json.Unmarshal([]byte(j.Result), &v.Result)
	}
	h.render(w, r, http.StatusOK, "job.html", v)
}

// JobStatus is the JSON that the job page polls to move its progress bar.
type JobStatus struct {
	ID       int64  `json:"id"`
	Status   string `json:"status"`
	Label    string `json:"status_label"`
	Done     int64  `json:"done"`
	Total    int64  `json:"total"`
	Percent  int    `json:"percent"`
	Message  string `json:"message"`
	Finished bool   `json:"finished"`
}

func (h *handler) jobStatus(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		var j core.JobView
		if j, err = h.svc.Job(r.Context(), actor, id); err == nil {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			json.NewEncoder(w).Encode(JobStatus{ID: j.ID, Status: j.Status, Label: j.StatusLabel, Done: j.Done, Total: j.Total,
				Percent: j.Percent(), Message: j.Message, Finished: j.Finished()})
			return
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(statusOf(err))
	json.NewEncoder(w).Encode(map[string]string{"error": "Không tìm thấy công việc."})
}

func (h *handler) jobCancel(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		err = h.svc.CancelJob(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/app/jobs/%d", id), http.StatusSeeOther)
}

func (h *handler) jobResult(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	name, content, err := h.svc.JobFile(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	sendFile(w, name, content)
}

// suggestJob queues the year-end list of the filter as a background job, for a list
// too long to wait for on the page.
func (h *handler) suggestJob(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	year, _ := strconv.Atoi(r.PostFormValue("year"))
	q := core.SuggestQuery{Year: year, Award: r.PostFormValue("award"), OrgCode: r.PostFormValue("org"), Deferred: r.PostFormValue("deferred") != ""}
	id, err := h.svc.StartSuggestJob(r.Context(), actor, q)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/app/jobs/%d", id), http.StatusSeeOther)
}

// certificatesJob prints a decision's certificates in the background and shows the
// job's progress.
func (h *handler) certificatesJob(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		id, err = h.svc.StartCertificatesJob(r.Context(), actor, id, h.siteBase(r), r.FormValue("signed") == "1")
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/app/jobs/%d", id), http.StatusSeeOther)
}

// statisticsJob fills the five statutory forms of a year in the background.
func (h *handler) statisticsJob(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	year, _ := strconv.Atoi(r.PostFormValue("year"))
	id, err := h.svc.StartStatisticsJob(r.Context(), actor, year, atoi64(r.PostFormValue("org")))
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/app/jobs/%d", id), http.StatusSeeOther)
}
