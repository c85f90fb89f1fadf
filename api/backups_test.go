package api_test

import (
	"net/http"
	"path/filepath"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestBackupsAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin, unitAdmin := as(t, f, "quantri"), as(t, f, "quantri.a")
		unitAdmin.want(http.StatusForbidden, "GET", "/api/v1/backups", nil)
		unitAdmin.want(http.StatusForbidden, "POST", "/api/v1/backups", nil)
		got := admin.want(http.StatusOK, "GET", "/api/v1/backups", nil)
		if s := got.o("settings"); s["enabled"] != true || s.n("keep") != 7 || s.n("hour") != 2 {
			t.Fatalf("default settings: %v", s)
		}
		dir := filepath.Join(t.TempDir(), "copies")
		admin.want(http.StatusUnprocessableEntity, "PUT", "/api/v1/backups/settings", map[string]any{"enabled": true, "folder": dir, "hour": 25, "keep": 3, "version": 0})
		s := admin.want(http.StatusOK, "PUT", "/api/v1/backups/settings", map[string]any{"enabled": false, "folder": dir, "hour": 4, "keep": 3, "version": 0})
		if s.s("dir") != dir || s.n("version") != 1 || s["enabled"] != false {
			t.Fatalf("saved settings: %v", s)
		}
		admin.want(http.StatusConflict, "PUT", "/api/v1/backups/settings", map[string]any{"enabled": true, "hour": 4, "keep": 3, "version": 0})
		j := admin.want(http.StatusAccepted, "POST", "/api/v1/backups", nil)
		if j.s("kind") != "backup" || j.s("status") != "queued" {
			t.Fatalf("backup job: %v", j)
		}
	})
}
