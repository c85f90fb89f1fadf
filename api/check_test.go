package api_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tdkt/api"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The public cases pass through POST /api/v1/check exactly as through the CLI; the
// endpoint needs no login, and a body that is not JSON is a 400 JSON error.
func TestCheckEndpointPublicCases(t *testing.T) {
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	cases := tdkttest.PublicCases(t)
	resp, err := http.Post(f.Server.URL+"/api/v1/check", "application/json", bytes.NewReader(tdkttest.CaseInputs(cases)))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	tdkttest.CheckExpect(t, cases, body)

	resp, err = http.Post(f.Server.URL+"/api/v1/check", "application/json", strings.NewReader("{không phải json"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(body), `"error"`) {
		t.Errorf("non-JSON body: %d %s", resp.StatusCode, body)
	}
}

// The limit of POST /api/v1/check is counted in the database (see the two-process
// test in package server): past CheckPerMinute in a minute the answer is 429, and
// the next minute counts afresh. The service's clock is set by the test, so the
// requests fall in the minute the test means however slowly they run.
func TestCheckRateLimit(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		old := api.CheckPerMinute
		api.CheckPerMinute = 3
		t.Cleanup(func() { api.CheckPerMinute = old })
		var clock atomic.Int64 // unix nanoseconds; read by the server's goroutines
		clock.Store(time.Date(2026, 11, 26, 9, 0, 59, 0, time.UTC).UnixNano())
		f.Svc.Now = func() time.Time { return time.Unix(0, clock.Load()).UTC() }
		post := func() int {
			t.Helper()
			resp, err := http.Post(f.Server.URL+"/api/v1/check", "application/json", strings.NewReader(`[]`))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		for i := range 4 {
			want := 200
			if i == 3 {
				want = http.StatusTooManyRequests
			}
			if code := post(); code != want {
				t.Errorf("request %d in the minute: %d, want %d", i+1, code, want)
			}
		}
		clock.Add(int64(time.Second)) // 09:01:00, a new minute
		if code := post(); code != 200 {
			t.Errorf("the first request of the next minute: %d, want 200", code)
		}
	})
}
