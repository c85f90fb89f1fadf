package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// checkOne sends one case to POST /api/v1/check and returns its answer.
func checkOne(t *testing.T, c *caller, cs map[string]any) obj {
	t.Helper()
	code, body := c.do("POST", "/api/v1/check", []any{cs})
	if code != http.StatusOK {
		t.Fatalf("check: status %d: %s", code, body)
	}
	var out []obj
	if err := json.Unmarshal(body, &out); err != nil || len(out) != 1 {
		t.Fatalf("check answer: %v: %s", err, body)
	}
	return out[0]
}

// A day off that an administrator adds moves a working-day deadline; deleting it
// restores the answer. Only administrators change the calendar, each change is one
// audit event, and a stale version is a conflict.
func TestCalendarDaysChangeDeadlines(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin, clerk, viewer, anon := as(t, f, "quantri"), as(t, f, "canbo.a"), as(t, f, "xem.a"), as(t, f, "")
		// 2026-12-31 is a Thursday; 01/01/2027 (Friday) is Tết Dương lịch, then a
		// weekend, so one working day ends on Monday 04/01/2027.
		wd := map[string]any{"id": "han", "check": "working_days", "as_of": "2026-12-31", "from": "2026-12-31", "days": 1}
		if got := checkOne(t, anon, wd).s("date"); got != "2027-01-04" {
			t.Fatalf("default deadline %s, want 2027-01-04", got)
		}
		day := map[string]any{"day": "2027-01-04", "off": true, "note": "Nghỉ bù thử nghiệm", "source": "Công văn thử nghiệm"}
		for _, c := range []*caller{clerk, viewer} {
			c.want(http.StatusForbidden, "POST", "/api/v1/calendar", day)
		}
		anon.want(http.StatusUnauthorized, "POST", "/api/v1/calendar", day)

		n0 := auditCount(t, f)
		row := admin.want(http.StatusCreated, "POST", "/api/v1/calendar", day)
		if auditCount(t, f) != n0+1 {
			t.Fatalf("adding a day wrote %d audit events, want 1", auditCount(t, f)-n0)
		}
		ans := checkOne(t, anon, wd)
		if ans.s("date") != "2027-01-05" || !strings.Contains(mustJSON(t, ans), "Nghỉ bù thử nghiệm") {
			t.Fatalf("deadline after the day off: %v", ans)
		}
		id := itoa(row.n("id"))
		cal := anon.want(http.StatusOK, "GET", "/api/v1/calendar?year=2027", nil)
		found := false
		for _, e := range cal.list("items") {
			if e.s("date") == "2027-01-04" {
				found = e["stored"] == true && e.n("id") == row.n("id") && e["off"] == true
			}
		}
		if !found {
			t.Fatalf("the calendar of 2027 does not show the stored day: %v", cal)
		}

		code, fields := admin.want(http.StatusUnprocessableEntity, "POST", "/api/v1/calendar",
			map[string]any{"day": "2027-02-30", "off": true, "note": ""}).errFields()
		if code != "invalid" || fields["day"] == nil || fields["note"] == nil {
			t.Fatalf("invalid day: %s %v", code, fields)
		}
		if _, fields := admin.want(http.StatusUnprocessableEntity, "POST", "/api/v1/calendar", day).errFields(); fields["day"] == nil {
			t.Fatalf("a second row for the same day: %v", fields)
		}
		if _, fields := admin.want(http.StatusUnprocessableEntity, "POST", "/api/v1/calendar",
			map[string]any{"day": "2027-01-06", "note": "x"}).errFields(); fields["off"] == nil {
			t.Fatalf("a row without off: %v", fields)
		}

		upd := map[string]any{"day": "2027-01-04", "off": true, "note": "Nghỉ bù thử nghiệm (sửa)", "version": 1}
		clerk.want(http.StatusForbidden, "PUT", "/api/v1/calendar/"+id, upd)
		if v := admin.want(http.StatusOK, "PUT", "/api/v1/calendar/"+id, upd).n("version"); v != 2 {
			t.Fatalf("version after update %d, want 2", v)
		}
		admin.want(http.StatusConflict, "PUT", "/api/v1/calendar/"+id, upd) // a second client still holds version 1
		clerk.want(http.StatusForbidden, "DELETE", "/api/v1/calendar/"+id+"?version=2", nil)
		admin.want(http.StatusConflict, "DELETE", "/api/v1/calendar/"+id+"?version=1", nil)
		if auditCount(t, f) != n0+2 {
			t.Fatalf("audit events %d, want %d (refused changes write none)", auditCount(t, f), n0+2)
		}
		admin.want(http.StatusNoContent, "DELETE", "/api/v1/calendar/"+id+"?version=2", nil)
		if auditCount(t, f) != n0+3 {
			t.Fatalf("deleting wrote %d audit events, want 1", auditCount(t, f)-n0-2)
		}
		if got := checkOne(t, anon, wd).s("date"); got != "2027-01-04" {
			t.Fatalf("deadline after deleting the day %s, want 2027-01-04", got)
		}
		admin.want(http.StatusNotFound, "DELETE", "/api/v1/calendar/"+id+"?version=3", nil)
	})
}

// A setting changes the answers of the check endpoint, which name the configured
// value; setting it back to "" restores the rule set's own value.
func TestRuleSettingsChangeAnswers(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin, clerk, anon := as(t, f, "quantri"), as(t, f, "canbo.a"), as(t, f, "")
		clerk.want(http.StatusForbidden, "GET", "/api/v1/rules/settings", nil)
		anon.want(http.StatusUnauthorized, "GET", "/api/v1/rules/settings", nil)
		list := admin.want(http.StatusOK, "GET", "/api/v1/rules/settings", nil).list("items")
		var cstdcs obj
		for _, s := range list {
			if s.s("key") == "cstdcs_variant" {
				cstdcs = s
			}
		}
		// Today (26/11/2026) the amended law is in force and its text was not read.
		if cstdcs == nil || cstdcs["unverified"] != true || cstdcs.s("default") != "luat-2022" || cstdcs.s("value") != "" ||
			!strings.Contains(cstdcs.s("basis"), "Điều 23") || len(cstdcs.list("allowed")) != 2 {
			t.Fatalf("cstdcs_variant setting: %v", cstdcs)
		}

		// HTXSNV in 2025 and no initiative: eligible under the 2022 text, not under the draft's.
		cs := map[string]any{"id": "cstdcs", "check": "eligibility", "as_of": "2026-11-26", "award": "chien_si_thi_dua_co_so", "year": 2025,
			"subject": map[string]any{"kind": "ca_nhan", "hired_on": "2012-09-01",
				"ratings": map[string]any{"2022": "httnv", "2023": "httnv", "2024": "httnv", "2025": "htxsnv"}}}
		if got := checkOne(t, anon, cs).s("status"); got != "eligible" {
			t.Fatalf("default configuration: %s", got)
		}
		strict := map[string]any{"value": "du-thao-2026", "version": 0}
		clerk.want(http.StatusForbidden, "PUT", "/api/v1/rules/settings/cstdcs_variant", strict)
		n0 := auditCount(t, f)
		if v := admin.want(http.StatusOK, "PUT", "/api/v1/rules/settings/cstdcs_variant", strict).n("version"); v != 1 {
			t.Fatalf("version %d, want 1", v)
		}
		if auditCount(t, f) != n0+1 {
			t.Fatal("a setting change is not one audit event")
		}
		ans := checkOne(t, anon, cs)
		if ans.s("status") != "not_eligible" || !strings.Contains(mustJSON(t, ans), "đã cấu hình: phương án du-thao-2026") {
			t.Fatalf("strict variant: %s", mustJSON(t, ans))
		}
		admin.want(http.StatusConflict, "PUT", "/api/v1/rules/settings/cstdcs_variant", strict) // stale: version 0
		if _, fields := admin.want(http.StatusUnprocessableEntity, "PUT", "/api/v1/rules/settings/cstdcs_variant",
			map[string]any{"value": "khac", "version": 1}).errFields(); fields["value"] == nil {
			t.Fatal("an unknown variant is accepted")
		}
		if _, fields := admin.want(http.StatusUnprocessableEntity, "PUT", "/api/v1/rules/settings/advanced_share_pct",
			map[string]any{"value": "150", "version": 0}).errFields(); fields["value"] == nil {
			t.Fatal("150% is accepted")
		}
		admin.want(http.StatusNotFound, "PUT", "/api/v1/rules/settings/khong_co", strict)
		admin.want(http.StatusOK, "PUT", "/api/v1/rules/settings/cstdcs_variant", map[string]any{"value": "", "version": 1})
		if got := checkOne(t, anon, cs).s("status"); got != "eligible" {
			t.Fatalf("back to the rule set's value: %s", got)
		}
		if auditCount(t, f) != n0+2 {
			t.Fatalf("audit events %d, want %d", auditCount(t, f), n0+2)
		}

		// A ballot threshold: 8 yes of 10 passes at 80 %, not at 90 %.
		vote := map[string]any{"id": "phieu", "check": "vote", "as_of": "2026-11-26", "award": "chien_si_thi_dua_co_so", "members": 10, "yes": 8}
		if checkOne(t, anon, vote)["passed"] != true {
			t.Fatalf("8/10 at the default 80%%: %v", checkOne(t, anon, vote))
		}
		admin.want(http.StatusOK, "PUT", "/api/v1/rules/settings/vote_pct_chien_si_thi_dua_co_so", map[string]any{"value": "90", "version": 0})
		if ans := checkOne(t, anon, vote); ans["passed"] != false || !strings.Contains(mustJSON(t, ans), "ngưỡng phiếu theo cấu hình") {
			t.Fatalf("8/10 at a configured 90%%: %s", mustJSON(t, ans))
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
