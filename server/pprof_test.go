package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// Runtime profiles are for the installation's administrators; to anyone else, a
// commune's administrator included, the address does not exist.
func TestProfilesForAdministratorsOnly(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		get := func(c *http.Client, path string) (int, string) {
			t.Helper()
			resp, err := c.Get(f.Server.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(body)
		}
		admin := f.Client(t, "quantri")
		if code, body := get(admin, "/app/debug/pprof/"); code != 200 || !strings.Contains(body, "goroutine") {
			t.Errorf("admin, index: %d", code)
		}
		if code, body := get(admin, "/app/debug/pprof/goroutine?debug=1"); code != 200 || !strings.Contains(body, "goroutine profile") {
			t.Errorf("admin, goroutines: %d %.200s", code, body)
		}
		if code, body := get(admin, "/app/debug/pprof/cmdline"); code != http.StatusNotFound || strings.Contains(body, "tdkt") {
			t.Errorf("the command line (with the --db URL) is served: %d %.200s", code, body)
		}
		for _, login := range []string{"", "canbo.a", "xem.a", "quantri.a"} {
			for _, path := range []string{"/app/debug/pprof/", "/app/debug/pprof/heap", "/app/debug/pprof/cmdline"} {
				if code, _ := get(f.Client(t, login), path); code != http.StatusNotFound {
					t.Errorf("%q GET %s: %d, want 404", login, path, code)
				}
			}
		}
	})
}
