package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestLogin(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := f.Client(t, "")

		p := get(t, f, c, "/app/people?q=x")
		if p.Status != http.StatusSeeOther || p.Location != "/app/login?next=%2Fapp%2Fpeople%3Fq%3Dx" {
			t.Fatalf("anonymous: %d %q", p.Status, p.Location)
		}
		want(t, "login form", get(t, f, c, "/app/login"), 200, `name="login"`, `name="password"`, `lang="vi"`)

		p = post(t, f, c, "/app/login", url.Values{"login": {"canbo.a"}, "password": {tdkttest.Password}, "next": {"/app/people?q=x"}})
		if p.Status != http.StatusSeeOther || p.Location != "/app/people?q=x" {
			t.Fatalf("login: %d %q", p.Status, p.Location)
		}
		ck := sessionCookie(p)
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
			t.Fatalf("session cookie %+v", ck)
		}
		want(t, "home", get(t, f, c, "/app/"), 200, "Cán bộ canbo.a", "Cán bộ thi đua", "Ủy ban nhân dân xã Đông Hòa")

		// A second login renews the token and ends the first session.
		p = post(t, f, c, "/app/login", url.Values{"login": {"canbo.a"}, "password": {tdkttest.Password}, "next": {"https://evil.example/"}})
		if p.Location != "/app/" {
			t.Fatalf("next outside the app followed: %q", p.Location)
		}
		if ck2 := sessionCookie(p); ck2 == nil || ck2.Value == ck.Value {
			t.Fatal("the token was not renewed at login")
		}
		old := f.Client(t, "")
		u, _ := url.Parse(f.Server.URL)
		old.Jar.SetCookies(u, []*http.Cookie{{Name: core.SessionCookie, Value: ck.Value}})
		if p := get(t, f, old, "/app/"); p.Status != http.StatusSeeOther {
			t.Fatalf("the old session still works: %d", p.Status)
		}

		want(t, "logout", post(t, f, c, "/app/logout", nil), http.StatusSeeOther)
		if p := get(t, f, c, "/app/"); p.Status != http.StatusSeeOther {
			t.Fatalf("after logout: %d", p.Status)
		}

		bad := url.Values{"login": {"canbo.b"}, "password": {"sai-mat-khau"}}
		for i := 1; i <= 5; i++ {
			want(t, "wrong password", post(t, f, c, "/app/login", bad), http.StatusUnauthorized, "Tên đăng nhập hoặc mật khẩu không đúng.", `value="canbo.b"`)
		}
		want(t, "6th wrong password", post(t, f, c, "/app/login", bad), http.StatusTooManyRequests, "Đăng nhập sai quá nhiều lần")
		// Even the right password waits now.
		want(t, "right password while throttled", post(t, f, c, "/app/login", url.Values{"login": {"canbo.b"}, "password": {tdkttest.Password}}),
			http.StatusTooManyRequests)
	})
}

func sessionCookie(p page) *http.Cookie {
	for _, c := range (&http.Response{Header: p.Header}).Cookies() {
		if c.Name == core.SessionCookie {
			return c
		}
	}
	return nil
}

func TestCrossSiteAndHeaders(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := f.Client(t, "canbo.a")
		form := url.Values{"login": {"canbo.a"}, "password": {tdkttest.Password}}
		req, _ := http.NewRequest(http.MethodPost, f.Server.URL+"/app/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if p := do(t, c, req); p.Status != http.StatusForbidden {
			t.Fatalf("cross-site login: %d", p.Status)
		}
		before := recordOf(t, f, f.PersonA.ID)
		edit := personForm(before.Person, map[string]string{"position": "Bị sửa từ trang khác"})
		req, _ = http.NewRequest(http.MethodPost, f.Server.URL+"/app/people/"+itoa(f.PersonA.ID)+"/edit", strings.NewReader(edit.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://evil.example")
		if p := do(t, c, req); p.Status != http.StatusForbidden {
			t.Fatalf("cross-origin edit: %d", p.Status)
		}
		if after := recordOf(t, f, f.PersonA.ID); after.Person.Position != before.Person.Position {
			t.Fatal("a cross-origin edit changed the record")
		}
		for _, path := range []string{"/", "/app/login", "/app/", "/app/people/" + itoa(f.PersonA.ID)} {
			p := get(t, f, c, path)
			csp := p.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") ||
				p.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Fatalf("%s: headers %v", path, p.Header)
			}
			if !norm.NFC.IsNormalString(p.Body) {
				t.Fatalf("%s: the page is not in NFC", path)
			}
			if body := withoutOwnScripts(p.Body); strings.Contains(body, "style=") || strings.Contains(body, "<script") {
				t.Fatalf("%s: inline style or script, which the CSP blocks", path)
			}
		}
		if p := get(t, f, c, "/static/app.css"); p.Status != 200 || !strings.HasPrefix(p.Header.Get("Content-Type"), "text/css") {
			t.Fatalf("style sheet: %d %s", p.Status, p.Header.Get("Content-Type"))
		}
	})
}

func TestPortal(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		p := get(t, f, f.Client(t, ""), "/")
		want(t, "portal", p, 200, "Thi đua – Khen thưởng", "Nguyễn Thị Hồng Nhung", "Chiến sĩ thi đua cơ sở",
			"125/QĐ-UBND", "15/01/2026", "Ủy ban nhân dân xã Đông Hòa", `href="/app/login"`)
		for _, private := range []string{"001185012345", "02/04/1985", "1985-04-02"} {
			if strings.Contains(p.Body, private) {
				t.Fatalf("the portal shows private data %q", private)
			}
		}
	})
}

func TestSearch(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin := f.Client(t, "quantri")
		want(t, "admin search", get(t, f, admin, "/app/people?q=nguyen+thi"), 200, "Nguyễn Thị Hồng Nhung", "Tìm thấy 1 người")
		want(t, "admin search by org", get(t, f, admin, "/app/people?q=&org=X02"), 200, "Trần Văn Đức")
		p := get(t, f, f.Client(t, "canbo.b"), "/app/people?q=nguyen+thi")
		want(t, "clerk B search", p, 200, "Tìm thấy 0 người")
		if strings.Contains(p.Body, "Nhung") {
			t.Fatal("clerk B finds a person of commune A")
		}
		want(t, "clerk B searching commune A", get(t, f, f.Client(t, "canbo.b"), "/app/people?org=X01"), http.StatusNotFound)
	})
}

// An address the site does not have gets the site's own page: Vietnamese, with a
// title and the language set, and a 404.
func TestUnknownPublicAddress(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		p := get(t, f, f.Client(t, ""), "/khong-co-trang-nay")
		want(t, "unknown address", p, http.StatusNotFound, `<html lang="vi">`, "<title>", "Không tìm thấy")
	})
}
