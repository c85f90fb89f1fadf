package web_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/core"
	"tdkt/tdkttest"
)

// TestBrowserAccount walks "Tài khoản của tôi" in Chromium at a phone's width and a
// desktop's: a leader without a second factor is sent to the enrolment at login,
// scans nothing but reads the secret, confirms a code and sees the recovery codes
// once; logs out and in again through the code step; ends the sessions of another
// device; creates an API token (seen once) and revokes it; changes the password.
// Every page passes axe and writes nothing to the console.
func TestBrowserAccount(t *testing.T) {
	bctx := tdkttest.Browser(t)
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
			if _, err := f.Svc.CreateAccount(context.Background(), nil, core.NewAccount{Login: "lanhdao.t", Name: "Lê Văn Tâm", Password: tdkttest.Password,
				Role: tdkt.RoleLeader, OrgCode: "T01"}); err != nil {
				t.Fatal(err)
			}
			b := tdkttest.NewTab(t, bctx, vp, "account-")
			console := watchConsole(t, b.Context())
			axe := func(path string) {
				t.Helper()
				for _, v := range tdkttest.Axe(t, b.Context(), f.Server.URL+path) {
					t.Errorf("%s: axe: %s", path, v)
				}
			}

			b.Step("log in without a second factor", b.Emulate(), chromedp.Navigate(f.Server.URL+"/app/login"), chromedp.WaitVisible(chromedp.ID("login")),
				chromedp.SendKeys(chromedp.ID("login"), "lanhdao.t"), chromedp.SendKeys(chromedp.ID("password"), tdkttest.Password),
				chromedp.Click(chromedp.ID("submit")), chromedp.WaitVisible(chromedp.ID("totp-secret")))
			secret := b.Text("#totp-secret")
			if uri := b.Text("#totp-uri"); !strings.HasPrefix(uri, "otpauth://totp/TDKT:lanhdao.t?") || !strings.Contains(uri, secret) {
				t.Errorf("the otpauth address: %s", uri)
			}
			b.Step("the QR code is drawn", chromedp.WaitVisible(chromedp.ID("totp-qr")))
			b.Shot("enrol")
			b.NoOverflow("enrolment")
			b.Step("other pages send back to the enrolment", chromedp.Navigate(f.Server.URL+"/app/people"), chromedp.WaitVisible(chromedp.ID("totp-secret")))
			axe("/app/account/totp")
			b.Step("a wrong code", chromedp.SendKeys(chromedp.ID("totp-code"), "000000"), chromedp.Click(chromedp.ID("totp-confirm")),
				chromedp.WaitVisible(chromedp.ID("totp-error")))
			// The code of the step before the fixture's clock, so that the login below has its own.
			b.Step("confirm", chromedp.SendKeys(chromedp.ID("totp-code"), core.TOTPCode(secret, tdkttest.Now.Add(-30*time.Second))),
				chromedp.Click(chromedp.ID("totp-confirm")), chromedp.WaitVisible(chromedp.ID("recovery-codes")))
			if codes := strings.Fields(b.Text("#recovery-codes")); len(codes) != 10 {
				t.Errorf("recovery codes: %v", codes)
			}
			b.Shot("recovery")
			b.NoOverflow("recovery codes")

			b.Step("log out", chromedp.Navigate(f.Server.URL+"/app/"), chromedp.WaitVisible(chromedp.ID("nav-account")),
				chromedp.Click(chromedp.CSS(".who button")), chromedp.WaitVisible(chromedp.ID("login")))
			b.Step("log in with the code", chromedp.SendKeys(chromedp.ID("login"), "lanhdao.t"), chromedp.SendKeys(chromedp.ID("password"), tdkttest.Password),
				chromedp.Click(chromedp.ID("submit")), chromedp.WaitVisible(chromedp.ID("code")))
			b.Shot("code")
			b.NoOverflow("the code step")
			b.Step("the code", chromedp.SendKeys(chromedp.ID("code"), core.TOTPCode(secret, tdkttest.Now)), chromedp.Click(chromedp.ID("submit-code")),
				chromedp.WaitVisible(chromedp.ID("nav-account")))

			// Another device of the same account.
			other := f.Client(t, "lanhdao.t")
			b.Step("the account page", chromedp.Navigate(f.Server.URL+"/app/account"), chromedp.WaitVisible(chromedp.ID("session-list")))
			if rows := b.Text("#session-list tbody"); strings.Count(rows, "Kết thúc") != 1 || !strings.Contains(rows, "(phiên này)") {
				t.Errorf("sessions: %q", rows)
			}
			b.Shot("account")
			b.NoOverflow("account page")
			axe("/app/account")
			b.Step("log out the other devices", chromedp.Click(chromedp.ID("end-others")), chromedp.WaitVisible(chromedp.CSS("p.notice")))
			if rows := b.Text("#session-list tbody"); strings.Contains(rows, "Kết thúc") {
				t.Errorf("sessions after ending the others: %q", rows)
			}
			if resp, err := other.Get(f.Server.URL + "/app/"); err != nil || resp.StatusCode != http.StatusSeeOther {
				t.Errorf("the other device after 'log out elsewhere': %v %v", resp.Status, err)
			}

			b.Step("create a token", chromedp.SendKeys(chromedp.ID("f-name"), "Đồng bộ báo cáo"), chromedp.Click(chromedp.ID("token-create")),
				chromedp.WaitVisible(chromedp.ID("new-token")))
			token := b.Text("#new-token")
			b.Shot("token")
			b.NoOverflow("new token")
			req, _ := http.NewRequest("GET", f.Server.URL+"/api/v1/me", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("the new token: %v %v", resp, err)
			}
			b.Step("the token is not shown again", chromedp.Navigate(f.Server.URL+"/app/account"), chromedp.WaitVisible(chromedp.ID("token-list")))
			if html := b.Text("main"); strings.Contains(html, token) || !strings.Contains(b.Text("#token-list"), "Đồng bộ báo cáo") {
				t.Error("the token list shows the secret, or not the token")
			}
			b.Step("revoke it", chromedp.Submit(chromedp.CSS("#token-list form")), chromedp.WaitVisible(chromedp.CSS("p.notice")))
			if !strings.Contains(b.Text("#token-list"), "đã thu hồi") {
				t.Error("the token is not marked revoked")
			}
			if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("the revoked token: %d", resp.StatusCode)
			}

			b.Step("a weak new password", chromedp.SendKeys(chromedp.ID("f-current"), tdkttest.Password), chromedp.SendKeys(chromedp.ID("f-password"), "12345678"),
				chromedp.SendKeys(chromedp.ID("f-repeat"), "12345678"), chromedp.Click(chromedp.ID("password-submit")), chromedp.WaitVisible(chromedp.ID("e-password")))
			if msg := b.Text("#e-password"); !strings.Contains(msg, "ít nhất 12 ký tự") {
				t.Errorf("the message: %q", msg)
			}
			b.NoOverflow("password errors")
			b.Step("a good new password", chromedp.SendKeys(chromedp.ID("f-current"), tdkttest.Password), chromedp.SendKeys(chromedp.ID("f-password"), "dong-lua-chin-vang-uom"),
				chromedp.SendKeys(chromedp.ID("f-repeat"), "dong-lua-chin-vang-uom"), chromedp.Click(chromedp.ID("password-submit")),
				chromedp.WaitVisible(chromedp.CSS("p.notice")))
			if n := b.Text("p.notice"); !strings.Contains(n, "Đã đổi mật khẩu") {
				t.Errorf("notice: %q", n)
			}
			for _, m := range console() {
				t.Errorf("console: %s", m)
			}
		})
	}
}

// watchConsole records what the tab writes to its console (errors, exceptions,
// refused content) until the test ends; the returned func gives it so far.
func watchConsole(t *testing.T, tab context.Context) func() []string {
	ctx, cancel := context.WithCancel(tab)
	var mu sync.Mutex
	var got []string
	done := make(chan struct{})
	messages := chromedp.Console(ctx)
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			// The browser logs every answer that is not a success: the favicon the
			// application does not have, and the forms the test sends back wrong on
			// purpose (422), are not faults of the page.
			expected := m.Source == "network" && (strings.HasSuffix(m.URL, "/favicon.ico") || strings.Contains(m.Text, "status of 422"))
			if (m.IsException() || m.Type == "error" || m.Type == "warning") && !expected {
				mu.Lock()
				got = append(got, m.String()+" "+m.URL)
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), got...)
	}
}
