package api_test

import (
	"net/http"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// A commune's administrator cannot change what every unit shares: a day off moves
// every legal deadline of the installation, a link shows on the public portal.
func TestInstallationSettingsAreNotAUnitAdministrators(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		unit, inst := as(t, f, "quantri.a"), as(t, f, "quantri")
		day := map[string]any{"day": "2026-12-24", "off": true, "note": "Nghỉ bù tự đặt"}
		link := map[string]any{"title": "Trang lạ", "url": "https://example.com/", "position": 1}
		unit.want(http.StatusForbidden, "POST", "/api/v1/calendar", day)
		unit.want(http.StatusForbidden, "POST", "/api/v1/links", link)
		unit.want(http.StatusForbidden, "GET", "/api/v1/rules/settings", nil)
		if cal := unit.want(http.StatusOK, "GET", "/api/v1/calendar?year=2026", nil); containsDay(cal, "2026-12-24") {
			t.Fatal("the refused day off is in the calendar")
		}
		if l := unit.want(http.StatusOK, "GET", "/api/v1/links", nil); len(l.list("items")) != 0 {
			t.Fatalf("the refused link is on the portal: %v", l)
		}
		inst.want(http.StatusCreated, "POST", "/api/v1/calendar", day)
		inst.want(http.StatusCreated, "POST", "/api/v1/links", link)
		if cal := unit.want(http.StatusOK, "GET", "/api/v1/calendar?year=2026", nil); !containsDay(cal, "2026-12-24") {
			t.Error("the installation administrator's day off is not in the calendar")
		}
	})
}

func containsDay(cal obj, day string) bool {
	for _, e := range cal.list("items") {
		if e.s("date") == day {
			return true
		}
	}
	return false
}
