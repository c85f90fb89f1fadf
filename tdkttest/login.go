package tdkttest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// Administrators and leaders must have a second factor (core.RequiresSecondFactor).
// The fixture enrols one for such an account the first time it logs one in, and
// completes the second step of the login with a code computed at the fixture's clock
// (Now) from the secret it reads back from the database. A code is accepted once and
// the clock does not move, so the fixture uses the steps of Now and the one after,
// then the account's recovery codes, which it kept from the enrolment.

// secondFactors holds the recovery codes of the accounts the fixture enrolled.
type secondFactors struct {
	mu       sync.Mutex
	recovery map[string][]string
}

// EnsureSecondFactor enrols a second factor for login when its role requires one and
// it has none yet. The code that confirms it is the one of the step before Now, so
// that the steps of Now and after stay for logins.
func (f *Fixture) EnsureSecondFactor(t testing.TB, login string) {
	t.Helper()
	if err := f.ensureSecondFactor(login); err != nil {
		t.Fatal(err)
	}
}

func (f *Fixture) ensureSecondFactor(login string) error {
	ctx := context.Background()
	var a tdkt.Account
	var secret string
	err := f.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		if a, _, err = tx.AccountByLogin(ctx, login); err != nil {
			return err
		}
		auth, err := tx.AccountAuth(ctx, a.ID)
		secret = auth.TOTPSecret
		return err
	})
	if err != nil || !core.RequiresSecondFactor(a.Role) || secret != "" {
		return nil // an unknown login fails at the form, as the test expects
	}
	e, err := f.Svc.BeginTOTP(ctx, &a)
	if err != nil {
		return err
	}
	codes, err := f.Svc.ConfirmTOTP(ctx, &a, core.TOTPCode(e.Secret, f.Svc.Now().Add(-30*time.Second)))
	if err != nil {
		return fmt.Errorf("enrol %s: %w", login, err)
	}
	f.second.mu.Lock()
	defer f.second.mu.Unlock()
	if f.second.recovery == nil {
		f.second.recovery = map[string][]string{}
	}
	f.second.recovery[login] = codes
	return nil
}

// SecondFactorCode returns a code that the second step of a login as login accepts
// now: the TOTP code of the first unused step around the fixture's clock, else an
// unused recovery code.
func (f *Fixture) SecondFactorCode(t testing.TB, login string) string {
	t.Helper()
	code, err := f.secondFactorCode(login)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func (f *Fixture) secondFactorCode(login string) (string, error) {
	ctx := context.Background()
	var secret string
	var last int64
	err := f.DB.View(ctx, func(tx *sqldb.Tx) error {
		return tx.Get(ctx, "tài khoản", `SELECT totp_secret, totp_last_step FROM accounts WHERE login = ?`, []any{login}, &secret, &last)
	})
	if err != nil {
		return "", err
	}
	if secret == "" {
		return "", fmt.Errorf("%s has no second factor", login)
	}
	now := f.Svc.Now()
	for d := -1; d <= 1; d++ {
		at := now.Add(time.Duration(d) * 30 * time.Second)
		if at.Unix()/30 > last {
			return core.TOTPCode(secret, at), nil
		}
	}
	f.second.mu.Lock()
	defer f.second.mu.Unlock()
	codes := f.second.recovery[login]
	if len(codes) == 0 {
		return "", fmt.Errorf("%s: no TOTP step and no recovery code left at the fixture's clock", login)
	}
	f.second.recovery[login] = codes[1:]
	return codes[0], nil
}

var pendingField = regexp.MustCompile(`name="pending" value="([^"]+)"`)

// logIn posts the login form with c, and the second step when the account has a
// second factor.
func (f *Fixture) logIn(c *http.Client, login, password, next string) (*http.Response, error) {
	if err := f.ensureSecondFactor(login); err != nil {
		return nil, err
	}
	form := url.Values{"login": {login}, "password": {password}}
	if next != "" {
		form.Set("next", next)
	}
	resp, err := c.PostForm(f.Server.URL+"/app/login", form)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return resp, nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := pendingField.FindSubmatch(body)
	if err != nil || m == nil {
		return resp, errors.Join(err, fmt.Errorf("login %s: a page without the second step", login))
	}
	code, err := f.secondFactorCode(login)
	if err != nil {
		return nil, err
	}
	return c.PostForm(f.Server.URL+"/app/login/code", url.Values{"pending": {string(m[1])}, "code": {code}, "next": {next}})
}

// LogIn is a browser's login as login with the fixture password, through the second
// step when the account has a second factor; it ends on a signed-in page.
func (f *Fixture) LogIn(t testing.TB, login string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if err := f.ensureSecondFactor(login); err != nil {
			return chromedp.Void{}, err
		}
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(f.Server.URL + "/app/login"), chromedp.WaitVisible(chromedp.ID("login")),
			chromedp.SendKeys(chromedp.ID("login"), login), chromedp.SendKeys(chromedp.ID("password"), Password),
			chromedp.Click(chromedp.ID("submit")), chromedp.WaitVisible(chromedp.CSS("#submit-code, #nav-account")),
		}
		if err := runAll(ctx, tg, steps); err != nil {
			return chromedp.Void{}, err
		}
		second, err := chromedp.Evaluate[bool](`!!document.querySelector('input[name=pending]')`)(ctx, tg)
		if err != nil || !second {
			return chromedp.Void{}, err
		}
		code, err := f.secondFactorCode(login)
		if err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.Void{}, runAll(ctx, tg, []chromedp.Action[chromedp.Void]{
			chromedp.SendKeys(chromedp.ID("code"), code), chromedp.Click(chromedp.ID("submit-code")), chromedp.WaitVisible(chromedp.ID("nav-account")),
		})
	}
}

func runAll(ctx context.Context, tg *chromedp.Target, steps []chromedp.Action[chromedp.Void]) error {
	for _, a := range steps {
		if _, err := a(ctx, tg); err != nil {
			return err
		}
	}
	return nil
}
