package web

import (
	"errors"
	"net/http"
	"strings"

	"tdkt"
)

// errorView is the page shown for an error: what happened and where to go next.
type errorView struct {
	Page
	Status  int
	Message string
	Reload  string // for a conflict: the form to load again with the newest version
	Back    string
}

// statusOf maps a tdkt error to its HTTP status; this is the one place that does it.
func statusOf(err error) int {
	switch tdkt.CodeOf(err) {
	case tdkt.ENotFound:
		return http.StatusNotFound
	case tdkt.EForbidden:
		return http.StatusForbidden
	case tdkt.EConflict:
		return http.StatusConflict
	case tdkt.EInvalid:
		return http.StatusUnprocessableEntity
	case tdkt.ETooMany:
		return http.StatusTooManyRequests
	case tdkt.EUnauthenticated:
		return http.StatusUnauthorized
	}
	return http.StatusInternalServerError
}

// fail answers a request whose use case returned err. An invalid input goes back to
// its form through redo (with status 422 and the field messages) when the page has a
// form; everything else is an error page. Unexpected errors are logged and shown
// with a generic message, since their text may hold SQL or paths.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error, redo func(fields map[string]string)) {
	status := statusOf(err)
	if status == http.StatusUnprocessableEntity && redo != nil {
		var e *tdkt.Error
		errors.As(err, &e)
		redo(explainDates(r, e.Fields))
		return
	}
	v := errorView{Page: h.page(r, "Lỗi", ""), Status: status, Back: "/app/"}
	var e *tdkt.Error
	if status == http.StatusInternalServerError || !errors.As(err, &e) {
		h.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		v.Message = "Đã có lỗi hệ thống. Hãy thử lại sau ít phút; nếu vẫn lỗi, báo cho quản trị hệ thống."
	} else {
		v.Message = e.Message
		if status == http.StatusUnprocessableEntity && len(e.Fields) > 0 {
			v.Message = e.Error()
		}
	}
	v.Title = titleOf(status)
	if back := localPath(r.PostFormValue("back")); back != "" {
		v.Back = back
	}
	if status == http.StatusConflict {
		v.Reload = v.Back
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/edit") {
			v.Reload = r.URL.Path
		}
	}
	if v.Account == nil {
		v.Back = "/"
	}
	h.render(w, r, status, "error.html", v)
}

func titleOf(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Không tìm thấy"
	case http.StatusForbidden:
		return "Không có quyền"
	case http.StatusConflict:
		return "Bản ghi đã thay đổi"
	case http.StatusTooManyRequests:
		return "Tạm khóa"
	case http.StatusUnprocessableEntity:
		return "Dữ liệu chưa hợp lệ"
	}
	return "Lỗi hệ thống"
}

// notFound answers every /app/ address that has no page.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request, _ *tdkt.Account) {
	h.fail(w, r, tdkt.NotFound("trang này"), nil)
}

// localPath returns p when it is a path on this site (so redirecting to it cannot
// send the user elsewhere), and "" otherwise.
func localPath(p string) string {
	if p == "" || p[0] != '/' || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") {
		return ""
	}
	return p
}
