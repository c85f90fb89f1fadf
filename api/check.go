package api

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"tdkt"
	"tdkt/sqldb"
)

// maxCheckBody bounds a batch of cases; a province's whole year-end list fits well
// below it.
const maxCheckBody = 8 << 20

// checkRoute is POST /api/v1/check: the installation's rules engine (core's
// Service.Engine: the built-in rules with the configured calendar days and
// settings), public because the rules are
// public law, rate limited per address like every public endpoint. Body and answer
// follow docs/check.md: 200 with the array of results (cases that are
// invalid carry `error`), 400 when the body is not JSON.
func (h *handlers) checkRoute() route {
	limit := newRateLimit(func() *sqldb.DB { return h.svc.DB }, "check", func() int64 { return CheckPerMinute }, time.Minute)
	// The service's clock, so that a test fixes the window instead of racing the minute.
	limit.now = func() time.Time { return h.svc.Now() }
	return route{Method: "POST", Path: prefix + "/check", Op: operation{ID: "check", Tag: tagMeta, Public: true, Resp: "object", Limited: true,
		Summary: "Kiểm tra điều kiện khen thưởng, tiền thưởng, tỷ lệ phiếu, ngày làm việc theo quy định, với lịch nghỉ và thiết lập quy tắc quản trị đã cấu hình (không cần đăng nhập)"},
		Raw: func(w http.ResponseWriter, r *http.Request) {
			if !limit.allow(r.Context(), clientIP(r)) {
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

// CheckPerMinute is how many POST /api/v1/check requests one address may send in a
// minute. A variable so that a test of several processes need not send 120.
var CheckPerMinute int64 = 120

// rateLimit allows n requests per window per key (an address). The count lives in
// the database (sqldb.CountRequest), so that processes behind a load balancer share it.
type rateLimit struct {
	db        func() *sqldb.DB // late: the routes are listed (for OpenAPI) without a Service
	name      string
	n         func() int64
	window    time.Duration
	now       func() time.Time // time.Now unless set
	lastSweep atomic.Int64     // unix seconds of this process's last sweep of old windows
}

func newRateLimit(db func() *sqldb.DB, name string, n func() int64, window time.Duration) *rateLimit {
	return &rateLimit{db: db, name: name, n: n, window: window, now: time.Now}
}

// allow counts a request of key and reports whether it is within the limit. When the
// database cannot count, the request is allowed: the limit guards against abuse,
// and a database that is down fails the request anyway.
func (l *rateLimit) allow(ctx context.Context, key string) bool {
	now := l.now()
	start := now.Truncate(l.window)
	if last := l.lastSweep.Load(); now.Unix()-last > int64(10*l.window/time.Second) && l.lastSweep.CompareAndSwap(last, now.Unix()) {
		_ = l.db().SweepRateLimits(ctx, start.Add(-l.window))
	}
	n, err := l.db().CountRequest(ctx, l.name+":"+key, start)
	if err != nil {
		return true
	}
	return n <= l.n()
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
