package api

import (
	"net/http"

	"tdkt"
	"tdkt/core"
)

const tagJobs = "Công việc chạy nền"

// jobJSON is a background job with its progress.
type jobJSON struct {
	ID       int64  `json:"id" api:"ro"`
	Kind     string `json:"kind" api:"req" doc:"import (nhập dữ liệu từ tệp), suggest (danh sách đề xuất khen thưởng) …"`
	OrgID    int64  `json:"org_id" api:"req"`
	Status   string `json:"status" api:"req" doc:"queued, running, done, failed hoặc cancelled"`
	Done     int64  `json:"done" api:"req" doc:"Số phần việc đã xong"`
	Total    int64  `json:"total" api:"req" doc:"Tổng số phần việc; 0 khi chưa biết"`
	Percent  int    `json:"percent" api:"req"`
	Message  string `json:"message,omitempty"`
	Result   string `json:"result,omitempty" doc:"Kết quả (JSON) khi đã xong"`
	Attempts int    `json:"attempts" api:"req" doc:"Số lần được nhận chạy (mỗi lần máy chủ khởi động lại giữa chừng là một lần)"`
	Created  string `json:"created_at" api:"req"`
	Started  string `json:"started_at,omitempty"`
	Finished string `json:"finished_at,omitempty"`
	// CancelRequested: the user asked the job to stop; a running job stops when its
	// worker next looks.
	CancelRequested bool `json:"cancel_requested"`
}

func toJob(j core.JobView) jobJSON {
	return jobJSON{ID: j.ID, Kind: j.Kind, OrgID: j.OrgID, Status: j.Status, Done: j.Done, Total: j.Total, Percent: j.Percent(),
		Message: j.Message, Result: j.Result, Attempts: j.Attempts, Created: j.CreatedAt, Started: j.StartedAt, Finished: j.FinishedAt,
		CancelRequested: j.CancelRequested}
}

func (h *handlers) jobRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/jobs/{id}", Handle: h.getJob, Op: operation{ID: "getJob", Tag: tagJobs,
			Summary: "Một công việc chạy nền của cây đơn vị tài khoản, với tiến độ và kết quả", Resp: "Job"}},
		{Method: "POST", Path: prefix + "/jobs/{id}/cancel", Handle: h.cancelJob, Op: operation{ID: "cancelJob", Tag: tagJobs,
			Summary: "Yêu cầu dừng công việc; công việc đang chờ bị hủy ngay; 409 khi đã kết thúc", Resp: "Job", Conflict: true}},
	}
}

func (h *handlers) getJob(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "công việc")
	if err != nil {
		return nil, err
	}
	j, err := h.svc.Job(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	return toJob(j), nil
}

func (h *handlers) cancelJob(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "công việc")
	if err != nil {
		return nil, err
	}
	if err := h.svc.CancelJob(r.Context(), a, id); err != nil {
		return nil, err
	}
	return h.getJob(r, a)
}
