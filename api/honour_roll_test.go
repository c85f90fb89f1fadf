package api_test

import (
	"net/http"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestHonourRollAPI reads the public honour roll without sign-in and checks that no
// private field leaves, then changes the privacy setting and the links as an
// administrator.
func TestHonourRollAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		anon := as(t, f, "")
		private := func(what string, body []byte) {
			t.Helper()
			for _, p := range []string{"001185012345", "1985-04-02", "02/04/1985"} {
				if strings.Contains(string(body), p) {
					t.Fatalf("%s sends private data %q", what, p)
				}
			}
		}
		code, body := anon.do("GET", "/api/v1/honour-roll?q=nguyen+thi", nil)
		if code != http.StatusOK || !tdkttest.Contains(string(body), "Nguyễn Thị Hồng Nhung", "125/QĐ-UBND", "chien_si_thi_dua_co_so") {
			t.Fatalf("honour roll: %d %s", code, body)
		}
		private("the honour roll", body)
		for _, q := range []string{"year=2024", "award=lao_dong_tien_tien", "kind=dot_xuat"} {
			if _, body := anon.do("GET", "/api/v1/honour-roll?q=nguyen+thi&"+q, nil); strings.Contains(string(body), "Hồng Nhung") {
				t.Errorf("%s does not narrow the roll", q)
			}
		}
		anon.want(http.StatusUnprocessableEntity, "GET", "/api/v1/honour-roll?year=abc", nil)
		code, body = anon.do("GET", "/api/v1/honour-roll/people/"+itoa(f.PersonA.ID), nil)
		if code != http.StatusOK || !tdkttest.Contains(string(body), "Nguyễn Thị Hồng Nhung", "Công chức văn hóa", "125/QĐ-UBND") {
			t.Fatalf("person: %d %s", code, body)
		}
		private("the person", body)
		anon.want(http.StatusNotFound, "GET", "/api/v1/honour-roll/collectives/999999", nil)

		admin := as(t, f, "quantri")
		clerk := as(t, f, "canbo.a")
		clerk.want(http.StatusForbidden, "GET", "/api/v1/privacy", nil)
		anon.want(http.StatusUnauthorized, "PUT", "/api/v1/privacy", map[string]any{"org_id": f.Province.ID})
		p := admin.want(http.StatusOK, "GET", "/api/v1/privacy?org_id="+itoa(f.CommuneA.ID), nil)
		if p["show_position"] != true {
			t.Fatalf("default privacy: %v", p)
		}
		admin.want(http.StatusOK, "PUT", "/api/v1/privacy", map[string]any{"org_id": f.Province.ID, "show_unit": true, "version": 0})
		_, body = anon.do("GET", "/api/v1/honour-roll/people/"+itoa(f.PersonA.ID), nil)
		if strings.Contains(string(body), "Công chức văn hóa") || strings.Contains(string(body), "Lê Văn Minh") {
			t.Fatalf("hidden fields sent: %s", body)
		}

		clerk.want(http.StatusForbidden, "POST", "/api/v1/links", map[string]any{"title": "X", "url": "https://x.example"})
		e := admin.want(http.StatusUnprocessableEntity, "POST", "/api/v1/links", map[string]any{"title": "X", "url": "javascript:alert(1)"})
		if _, fields := e.errFields(); fields["url"] == nil {
			t.Errorf("javascript: refused without naming the field: %v", e)
		}
		l := admin.want(http.StatusCreated, "POST", "/api/v1/links", map[string]any{"title": "Bộ Nội vụ", "url": "https://moha.gov.vn", "position": 1})
		if _, body := anon.do("GET", "/api/v1/links", nil); !strings.Contains(string(body), "https://moha.gov.vn") {
			t.Fatalf("links: %s", body)
		}
		admin.want(http.StatusNoContent, "DELETE", "/api/v1/links/"+itoa(l.n("id"))+"?version=1", nil)
	})
}
