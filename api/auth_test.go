package api_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestMe(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		anon := as(t, f, "")
		if code, _ := anon.want(http.StatusUnauthorized, "GET", "/api/v1/me", nil).errFields(); code != "unauthenticated" {
			t.Errorf("code %q", code)
		}
		bad := &caller{t: t, base: f.Server.URL, token: "không-phải-token"}
		bad.want(http.StatusUnauthorized, "GET", "/api/v1/me", nil)
		me := as(t, f, "canbo.a").want(http.StatusOK, "GET", "/api/v1/me", nil)
		if me.s("login") != "canbo.a" || me.s("role") != "can_bo_thi_dua" || me.n("org_id") != f.CommuneA.ID || me.s("org_name") != f.CommuneA.Name {
			t.Errorf("me: %v", me)
		}
		// Every other endpoint wants an account too.
		for _, p := range []string{"/api/v1/people?q=nguyen", "/api/v1/awards", "/api/v1/orgs", "/api/v1/people/" + itoa(f.PersonA.ID)} {
			anon.want(http.StatusUnauthorized, "GET", p, nil)
		}
		anon.want(http.StatusUnauthorized, "POST", "/api/v1/people", map[string]any{})
	})
}

func TestMalformedBodies(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := as(t, f, "canbo.a")
		ratings := "/api/v1/people/" + itoa(f.PersonA.ID) + "/ratings"
		for _, tc := range []struct{ body, field, says string }{
			{`{"year": 2022, "rating": "httnv"`, "", "cắt cụt"},
			{`{"year": 2022 "rating": "httnv"}`, "", "cú pháp"},
			{``, "", "Thiếu"},
			{`[1, 2]`, "", "đối tượng"},
			{`{"year": "2022", "rating": "httnv"}`, "year", "số nguyên"},
			{`{"year": 2022, "rating": "httnv", "diem": 9}`, "diem", "diem"},
			{`{"year": 2022, "rating": "httnv"} {}`, "", "thừa"},
		} {
			o := c.want(http.StatusBadRequest, "POST", ratings, tc.body)
			code, fields := o.errFields()
			if msg := o.o("error").s("message"); code != "bad_request" || !strings.Contains(msg, tc.says) {
				t.Errorf("%s: code %q message %q", tc.body, code, msg)
			}
			if tc.field != "" && fields[tc.field] == nil {
				t.Errorf("%s: fields %v", tc.body, fields)
			}
		}
	})
}

func TestUnknownRoutes(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := as(t, f, "quantri")
		o := c.want(http.StatusNotFound, "GET", "/api/v1/nguoi", nil)
		if !strings.HasPrefix(o.o("error").s("message"), "API không có đường dẫn") {
			t.Errorf("unknown path: %v", o)
		}
		c.want(http.StatusMethodNotAllowed, "PATCH", "/api/v1/people/1", nil)
		c.want(http.StatusNotFound, "GET", "/api/v1/people/abc", nil)
	})
}

// TestCrossSitePostRefused checks that a page on another site cannot use a signed-in
// browser's session cookie to change records.
func TestCrossSitePostRefused(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		jar, _ := cookiejar.New(nil)
		client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.PostForm(f.Server.URL+"/app/login", url.Values{"login": {"canbo.a"}, "password": {tdkttest.Password}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		u, _ := url.Parse(f.Server.URL)
		if !hasCookie(jar.Cookies(u), core.SessionCookie) {
			t.Fatalf("POST /app/login gives no session cookie (status %d): the test of cross-site requests needs a signed-in browser", resp.StatusCode)
		}
		post := func(site string) int {
			req, _ := http.NewRequest("POST", f.Server.URL+"/api/v1/people/"+itoa(f.PersonA.ID)+"/ratings", strings.NewReader(`{"year": 2022, "rating": "httnv"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Sec-Fetch-Site", site)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		before := auditCount(t, f)
		if s := post("cross-site"); s != http.StatusForbidden {
			t.Errorf("cross-site POST with a session cookie: status %d, want 403", s)
		}
		if n := auditCount(t, f); n != before {
			t.Errorf("cross-site POST changed something")
		}
		if s := post("same-origin"); s != http.StatusCreated {
			t.Errorf("same-origin POST with a session cookie: status %d, want 201", s)
		}
	})
}

func hasCookie(cs []*http.Cookie, name string) bool {
	for _, c := range cs {
		if c.Name == name && c.Value != "" {
			return true
		}
	}
	return false
}
