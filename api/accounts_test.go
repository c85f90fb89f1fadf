package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// browser sends API requests with a session cookie, as the staff application's
// pages would.
type browser struct {
	t *testing.T
	c *http.Client
	f *tdkttest.Fixture
}

func (b browser) want(status int, method, path string, body any) obj {
	b.t.Helper()
	var rd io.Reader
	if body != nil {
		j, _ := json.Marshal(body)
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, b.f.Server.URL+path, rd)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		b.t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, status, raw)
	}
	var o obj
	json.Unmarshal(raw, &o)
	return o
}

func TestAPITokensThroughASessionWithSecondFactor(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin := browser{t, f.Client(t, "quantri"), f}
		k := admin.want(http.StatusCreated, "POST", "/api/v1/me/tokens", map[string]any{"name": "Báo cáo tháng", "expires_days": 30})
		tok := k.s("token")
		if tok == "" || k.s("name") != "Báo cáo tháng" || !strings.HasPrefix(k.s("expires_at"), "2026-12-26") {
			t.Fatalf("new token: %v", k)
		}
		byToken := &caller{t: t, base: f.Server.URL, token: tok}
		if me := byToken.want(http.StatusOK, "GET", "/api/v1/me", nil); me.s("login") != "quantri" {
			t.Errorf("me by the new token: %v", me)
		}
		list := admin.want(http.StatusOK, "GET", "/api/v1/me/tokens", nil).list("items")
		if len(list) != 1 || list[0].s("last_used_at") == "" || list[0]["token"] != nil {
			t.Errorf("token list: %v", list)
		}
		// A token cannot make tokens, nor can a session without a second factor.
		byToken.want(http.StatusForbidden, "POST", "/api/v1/me/tokens", map[string]any{"name": "x"})
		clerk := browser{t, f.Client(t, "canbo.a"), f}
		clerk.want(http.StatusForbidden, "POST", "/api/v1/me/tokens", map[string]any{"name": "x"})
		admin.want(http.StatusOK, "POST", "/api/v1/me/tokens/"+itoa(list[0].n("id"))+"/revoke", nil)
		byToken.want(http.StatusUnauthorized, "GET", "/api/v1/me", nil)
		// An expired token is refused too.
		old := as(t, f, "canbo.b")
		f.Svc.Now = func() time.Time { return tdkttest.Now.Add(91 * 24 * time.Hour) }
		old.want(http.StatusUnauthorized, "GET", "/api/v1/me", nil)
	})
}

func TestDisabledAccountIsRefusedAtTheNextRequest(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		clerk := browser{t, f.Client(t, "canbo.a"), f}
		token := as(t, f, "canbo.a")
		clerk.want(http.StatusOK, "GET", "/api/v1/me", nil)
		token.want(http.StatusOK, "GET", "/api/v1/me", nil)
		adminA := browser{t, f.Client(t, "quantri.a"), f}
		list := adminA.want(http.StatusOK, "GET", "/api/v1/accounts", nil).list("items")
		if len(list) != 3 { // quantri.a, canbo.a, xem.a of commune A
			t.Errorf("accounts of commune A: %v", list)
		}
		as(t, f, "canbo.b").want(http.StatusForbidden, "GET", "/api/v1/accounts", nil)
		adminA.want(http.StatusNotFound, "POST", "/api/v1/accounts/"+itoa(f.ClerkB.ID)+"/disable", nil)
		adminA.want(http.StatusForbidden, "POST", "/api/v1/accounts/"+itoa(f.AdminA.ID)+"/disable", nil)
		if a := adminA.want(http.StatusOK, "POST", "/api/v1/accounts/"+itoa(f.ClerkA.ID)+"/disable", nil); a["disabled"] != true {
			t.Errorf("after disabling: %v", a)
		}
		clerk.want(http.StatusUnauthorized, "GET", "/api/v1/me", nil)
		token.want(http.StatusUnauthorized, "GET", "/api/v1/me", nil)
		adminA.want(http.StatusOK, "POST", "/api/v1/accounts/"+itoa(f.ClerkA.ID)+"/enable", nil)
		adminA.want(http.StatusUnprocessableEntity, "POST", "/api/v1/accounts/"+itoa(f.ClerkA.ID)+"/reset-password", map[string]any{"password": "123456789"})
		adminA.want(http.StatusOK, "POST", "/api/v1/accounts/"+itoa(f.ClerkA.ID)+"/reset-password", map[string]any{"password": "lua-chin-vang-dong"})
	})
}

func TestChangePasswordAndSessionsOverTheAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		one, two := browser{t, f.Client(t, "canbo.b"), f}, browser{t, f.Client(t, "canbo.b"), f}
		if o := one.want(http.StatusUnprocessableEntity, "POST", "/api/v1/me/password", map[string]any{"current": tdkttest.Password, "password": "password123", "repeat": "password123"}); !strings.Contains(o.o("error").o("fields").s("password"), "phổ biến") {
			t.Errorf("a common password: %v", o)
		}
		one.want(http.StatusOK, "POST", "/api/v1/me/password", map[string]any{"current": tdkttest.Password, "password": "gio-dong-thoi-qua-song", "repeat": "gio-dong-thoi-qua-song"})
		two.want(http.StatusUnauthorized, "GET", "/api/v1/me", nil)
		three := browser{t, newJar(), f}
		login(t, f, three.c, "canbo.b", "gio-dong-thoi-qua-song")
		sessions := one.want(http.StatusOK, "GET", "/api/v1/me/sessions", nil).list("items")
		if len(sessions) != 2 {
			t.Fatalf("sessions: %v", sessions)
		}
		for _, s := range sessions {
			if !s["current"].(bool) {
				one.want(http.StatusNoContent, "DELETE", "/api/v1/me/sessions/"+s.s("ref"), nil)
			}
		}
		three.want(http.StatusUnauthorized, "GET", "/api/v1/me", nil)
		one.want(http.StatusOK, "GET", "/api/v1/me", nil)
		// Idle for 31 minutes, the session is over.
		f.Svc.Now = func() time.Time { return tdkttest.Now.Add(31 * time.Minute) }
		one.want(http.StatusUnauthorized, "GET", "/api/v1/me", nil)
	})
}

func newJar() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func login(t *testing.T, f *tdkttest.Fixture, c *http.Client, who, password string) *http.Response {
	t.Helper()
	resp, err := c.PostForm(f.Server.URL+"/app/login", url.Values{"login": {who}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// TestLeaderMustEnrolBeforeAnythingElse: a leader without a second factor logs in,
// reaches only the enrolment page until it confirms a code, and then works.
func TestLeaderMustEnrolBeforeAnythingElse(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		if _, err := f.Svc.CreateAccount(t.Context(), nil, core.NewAccount{Login: "lanhdao.y", Name: "Lê Thị Yến", Password: tdkttest.Password,
			Role: tdkt.RoleLeader, OrgCode: "X01"}); err != nil {
			t.Fatal(err)
		}
		c := newJar()
		if resp := login(t, f, c, "lanhdao.y", tdkttest.Password); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app/account/totp" {
			t.Fatalf("login: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		get := func(path string) (*http.Response, string) {
			resp, err := c.Get(f.Server.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp, string(b)
		}
		for _, p := range []string{"/app/", "/app/people", "/app/account"} {
			if resp, _ := get(p); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app/account/totp" {
				t.Errorf("%s before enrolment: %d %s", p, resp.StatusCode, resp.Header.Get("Location"))
			}
		}
		if resp, _ := get("/api/v1/me"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the API before enrolment: %d", resp.StatusCode)
		}
		resp, page := get("/app/account/totp")
		m := regexp.MustCompile(`id="totp-secret">([A-Z2-7]+)<`).FindStringSubmatch(page)
		if resp.StatusCode != http.StatusOK || m == nil || !strings.Contains(page, "otpauth://totp/TDKT:lanhdao.y?") || !strings.Contains(page, `src="data:image/png;base64,`) {
			t.Fatalf("enrolment page: %d %.300s", resp.StatusCode, page)
		}
		if again, page2 := get("/app/account/totp"); again.StatusCode != http.StatusOK || !strings.Contains(page2, m[1]) {
			t.Error("the enrolment page offers another secret before the first is confirmed")
		}
		post := func(code string) (*http.Response, string) {
			resp, err := c.PostForm(f.Server.URL+"/app/account/totp", url.Values{"code": {code}})
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp, string(b)
		}
		if resp, _ := post("000000"); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a wrong code: %d", resp.StatusCode)
		}
		resp, page = post(core.TOTPCode(m[1], tdkttest.Now))
		if codes := regexp.MustCompile(`class="recovery-code">[a-z2-9]{5}-[a-z2-9]{5}<`).FindAllString(page, -1); resp.StatusCode != http.StatusOK || len(codes) != 10 {
			t.Fatalf("confirmation: %d, %d recovery codes", resp.StatusCode, len(codes))
		}
		if resp, _ := get("/app/"); resp.StatusCode != http.StatusOK {
			t.Errorf("the home page after enrolment: %d", resp.StatusCode)
		}
		if resp, page := get("/app/account/totp"); resp.StatusCode != http.StatusOK || strings.Contains(page, m[1]) {
			t.Error("the secret is shown again after enrolment")
		}
	})
}
