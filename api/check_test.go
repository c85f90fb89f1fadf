package api_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
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
// test in package server): past CheckPerMinute in a minute the answer is 429.
func TestCheckRateLimit(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		old := api.CheckPerMinute
		api.CheckPerMinute = 3
		t.Cleanup(func() { api.CheckPerMinute = old })
		if left := time.Until(time.Now().Truncate(time.Minute).Add(time.Minute)); left < 3*time.Second {
			time.Sleep(left + 100*time.Millisecond)
		}
		for i := range 4 {
			resp, err := http.Post(f.Server.URL+"/api/v1/check", "application/json", strings.NewReader(`[]`))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			want := 200
			if i == 3 {
				want = http.StatusTooManyRequests
			}
			if resp.StatusCode != want {
				t.Errorf("request %d: %d, want %d", i+1, resp.StatusCode, want)
			}
		}
	})
}
