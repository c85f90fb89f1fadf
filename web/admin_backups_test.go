package web_test

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The backup page is the installation administrators': it lists the copies, keeps
// the nightly setting and starts a backup now, whose job page follows.
func TestAdminBackupsPage(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin, unitAdmin := f.Client(t, "quantri"), f.Client(t, "quantri.a")
		want(t, "admin nav", get(t, f, admin, "/app/"), 200, `href="/app/admin/backups"`)
		if p := get(t, f, unitAdmin, "/app/"); strings.Contains(p.Body, "/app/admin/backups") {
			t.Fatal("a unit's administrator sees the link to the backups")
		}
		want(t, "unit admin page", get(t, f, unitAdmin, "/app/admin/backups"), http.StatusForbidden)
		want(t, "unit admin backup now", post(t, f, unitAdmin, "/app/admin/backups/now", nil), http.StatusForbidden)
		want(t, "page", get(t, f, admin, "/app/admin/backups"), 200, "Sao lưu ngay", "Sao lưu hằng ngày", `name="keep" value="7"`)

		dir := filepath.Join(t.TempDir(), "copies")
		want(t, "bad keep", post(t, f, admin, "/app/admin/backups", url.Values{"enabled": {"on"}, "folder": {dir}, "hour": {"3"}, "keep": {"0"}, "version": {"0"}}),
			http.StatusUnprocessableEntity, "Số bản giữ lại là một số nguyên từ 1 đến 365", `value="0"`)
		p := post(t, f, admin, "/app/admin/backups", url.Values{"enabled": {"on"}, "folder": {dir}, "hour": {"3"}, "keep": {"5"}, "version": {"0"}})
		want(t, "save", p, http.StatusSeeOther)
		want(t, "saved", get(t, f, admin, p.Location), 200, "Đã lưu", `name="keep" value="5"`, dir)
		want(t, "stale", post(t, f, admin, "/app/admin/backups", url.Values{"hour": {"3"}, "keep": {"5"}, "version": {"0"}}), http.StatusConflict)

		if db.Dialect == sqldb.Postgres {
			if _, err := sqldb.FindPgTool("pg_dump"); err != nil && !tdkttest.Required("TDKT_REQUIRE_PG") {
				return
			}
		}
		p = post(t, f, admin, "/app/admin/backups/now", nil)
		want(t, "backup now", p, http.StatusSeeOther)
		if !strings.HasPrefix(p.Location, "/app/jobs/") {
			t.Fatalf("backup now went to %q", p.Location)
		}
		if worked, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "test"}).RunOne(context.Background()); err != nil || !worked {
			t.Fatalf("backup job: %v %v", worked, err)
		}
		want(t, "job page", get(t, f, admin, p.Location), 200, "Sao lưu cơ sở dữ liệu", "Đã sao lưu vào tdkt-")
		want(t, "copy listed", get(t, f, admin, "/app/admin/backups"), 200, "<code>tdkt-", " KB</td>")
	})
}
