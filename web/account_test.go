package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestAccountPageAndAdministration: the account page's sections, an administrator
// disabling, enabling and resetting an account of its commune from the page, and
// the disabled account's browser sent to the login at its next request.
func TestAccountPageAndAdministration(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		clerk, admin := f.Client(t, "canbo.a"), f.Client(t, "quantri.a")
		want(t, "the clerk's page", get(t, f, clerk, "/app/account"), http.StatusOK,
			"Tài khoản của tôi", `id="password-form"`, "(phiên này)", "Bật xác thực hai bước", "hãy bật xác thực hai bước rồi đăng nhập lại")
		want(t, "the administrator's page", get(t, f, admin, "/app/account"), http.StatusOK,
			`id="managed-list"`, "canbo.a", "xem.a", `id="token-form"`, "Đã bật")
		id := itoa(f.ClerkA.ID)
		want(t, "a clerk cannot disable", post(t, f, clerk, "/app/accounts/"+itoa(f.ViewerA.ID)+"/disable", nil), http.StatusForbidden)
		p := post(t, f, admin, "/app/accounts/"+id+"/disable", nil)
		if p.Status != http.StatusSeeOther {
			t.Fatalf("disable: %d %s", p.Status, p.Body)
		}
		if p := get(t, f, clerk, "/app/"); p.Status != http.StatusSeeOther || p.Location != "/app/login?next=%2Fapp%2F" {
			t.Errorf("the disabled clerk's next page: %d %s", p.Status, p.Location)
		}
		want(t, "the list says so", get(t, f, admin, "/app/account"), http.StatusOK, "đã khóa")
		if p := post(t, f, admin, "/app/accounts/"+id+"/enable", nil); p.Status != http.StatusSeeOther {
			t.Fatalf("enable: %d", p.Status)
		}
		want(t, "a weak reset", post(t, f, admin, "/app/accounts/"+id+"/reset", url.Values{"password": {"123456789"}}), http.StatusUnprocessableEntity,
			"Mật khẩu cần ít nhất 10 ký tự")
		if p := post(t, f, admin, "/app/accounts/"+id+"/reset", url.Values{"password": {"bong-sen-giua-dam"}}); p.Status != http.StatusSeeOther {
			t.Fatalf("reset: %d", p.Status)
		}
		want(t, "a wrong current password", post(t, f, admin, "/app/account/password",
			url.Values{"current": {"sai"}, "password": {"bong-sen-giua-dam-2"}, "repeat": {"bong-sen-giua-dam-2"}}), http.StatusUnprocessableEntity,
			"Mật khẩu hiện tại không đúng.")
		// The logout is audited.
		before := auditEvents(t, f)
		post(t, f, admin, "/app/logout", nil)
		if n := auditEvents(t, f); n != before+1 {
			t.Errorf("%d audit events for a logout", n-before)
		}
	})
}

func auditEvents(t *testing.T, f *tdkttest.Fixture) int64 {
	t.Helper()
	var n int64
	if err := f.DB.View(t.Context(), func(tx *sqldb.Tx) (err error) {
		n, err = tx.CountAudit(t.Context())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLoginFormWhileTheAccountIsLimited: after guesses from many addresses, the
// login form refuses the password alone with 429 and offers the code field; the
// owner gets in with the password and the code in that form.
func TestLoginFormWhileTheAccountIsLimited(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		for i := range 50 {
			if _, err := f.Svc.Login(t.Context(), core.LoginRequest{Login: "quantri", Password: "doan-bua", IP: "203.0.113." + itoa(int64(i%10))}); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
				t.Fatalf("guess %d: %v", i, err)
			}
		}
		c := f.Client(t, "")
		want(t, "the password alone", post(t, f, c, "/app/login", url.Values{"login": {"quantri"}, "password": {tdkttest.Password}}),
			http.StatusTooManyRequests, "tạm bị hạn chế", `id="code"`)
		p := post(t, f, c, "/app/login", url.Values{"login": {"quantri"}, "password": {tdkttest.Password}, "code": {f.SecondFactorCode(t, "quantri")}, "next": {"/app/people"}})
		if p.Status != http.StatusSeeOther || p.Location != "/app/people" {
			t.Fatalf("password and code: %d %s\n%s", p.Status, p.Location, p.Body)
		}
		want(t, "signed in", get(t, f, c, "/app/people"), http.StatusOK, `id="nav-account"`)
	})
}
