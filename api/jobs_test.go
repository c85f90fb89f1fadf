package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestJobAPI reads and cancels a job through the API; another unit's job is a 404,
// and a finished job cannot be cancelled (409).
func TestJobAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		queued, err := f.Svc.StartSuggestJob(ctx, &f.ClerkA, core.SuggestQuery{Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		a, b := as(t, f, "canbo.a"), as(t, f, "canbo.b")
		path := fmt.Sprintf("/api/v1/jobs/%d", queued)
		if j := a.want(http.StatusOK, "GET", path, nil); j["status"] != "queued" || j["kind"] != "suggest" {
			t.Errorf("queued job: %v", j)
		}
		if code, _ := b.do("GET", path, nil); code != http.StatusNotFound {
			t.Errorf("another unit reads the job: %d", code)
		}
		if code, _ := b.do("POST", path+"/cancel", nil); code != http.StatusNotFound {
			t.Errorf("another unit cancels the job: %d", code)
		}
		if j := a.want(http.StatusOK, "POST", path+"/cancel", nil); j["status"] != "cancelled" {
			t.Errorf("cancelled job: %v", j)
		}
		done, err := f.Svc.StartSuggestJob(ctx, &f.ClerkA, core.SuggestQuery{Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "api-test"}).RunOne(ctx); err != nil {
			t.Fatal(err)
		}
		path = fmt.Sprintf("/api/v1/jobs/%d", done)
		if j := a.want(http.StatusOK, "GET", path, nil); j["status"] != "done" || j["percent"] != float64(100) {
			t.Errorf("finished job: %v", j)
		}
		if code, _ := a.do("POST", path+"/cancel", nil); code != http.StatusConflict {
			t.Errorf("cancelling a finished job: %d, want 409", code)
		}
		// The staff pages scope the same way.
		c := f.Client(t, "canbo.b")
		for _, p := range []string{"/app/jobs/%d", "/app/jobs/%d/status.json"} {
			resp, err := c.Get(f.Server.URL + fmt.Sprintf(p, done))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s for another unit: %d", p, resp.StatusCode)
			}
		}
	})
}
