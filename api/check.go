package api

import (
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"tdkt"
)

// maxCheckBody bounds a batch of cases; a province's whole year-end list fits well
// below it.
const maxCheckBody = 8 << 20

// checkRoute is POST /api/v1/check: the installation's rules engine (core's
// Service.Engine: the built-in rules with the configured calendar days and
// settings), public because the rules are
// public law, rate limited per address like every public endpoint. Body and answer
// follow ../shared/contract/check.md: 200 with the array of results (cases that are
// invalid carry `error`), 400 when the body is not JSON.
func (h *handlers) checkRoute() route {
	limit := newRateLimit(120, time.Minute)
	return route{Method: "POST", Path: prefix + "/check", Op: operation{ID: "check", Tag: tagMeta, Public: true, Resp: "object", Limited: true,
		Summary: "Kiểm tra điều kiện khen thưởng, tiền thưởng, tỷ lệ phiếu, ngày làm việc theo quy định, với lịch nghỉ và thiết lập quy tắc quản trị đã cấu hình (không cần đăng nhập)"},
		Raw: func(w http.ResponseWriter, r *http.Request) {
			if !limit.allow(clientIP(r)) {
				writeError(w, r, &tdkt.Error{Code: tdkt.ETooMany, Message: "Gửi quá nhiều yêu cầu kiểm tra; hãy thử lại sau ít phút."})
				return
			}
			body, err := io.ReadAll(io.LimitReader(r.Body, maxCheckBody+1))
			if err != nil || len(body) > maxCheckBody {
				writeError(w, r, badRequest("Nội dung gửi lên quá lớn hoặc không đọc được (tối đa 8 MB)."))
				return
			}
			// The installation's engine: its calendar days and settings apply.
			eng, err := h.svc.Engine(r.Context())
			if err != nil {
				writeError(w, r, err)
				return
			}
			out, status := eng.RunCheck(body)
			if status == 2 {
				writeError(w, r, badRequest("Nội dung gửi lên không phải JSON hợp lệ: cần một trường hợp (đối tượng JSON) hoặc một mảng các trường hợp."))
				return
			}
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(http.StatusOK)
			w.Write(out)
		}}
}

// rateLimit allows n requests per window per key (an address), counted in this process.
type rateLimit struct {
	mu     sync.Mutex
	n      int
	window time.Duration
	seen   map[string]*bucket
}

type bucket struct {
	start time.Time
	count int
}

func newRateLimit(n int, window time.Duration) *rateLimit {
	return &rateLimit{n: n, window: window, seen: map[string]*bucket{}}
}

func (l *rateLimit) allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	b := l.seen[key]
	if b == nil || now.Sub(b.start) > l.window {
		if len(l.seen) > 100000 { // forget everyone rather than grow without bound
			l.seen = map[string]*bucket{}
		}
		b = &bucket{start: now}
		l.seen[key] = b
	}
	b.count++
	return b.count <= l.n
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
