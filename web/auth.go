package web

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"tdkt"
	"tdkt/core"
)

// appFunc is a staff page: it runs only with a signed-in account.
type appFunc func(w http.ResponseWriter, r *http.Request, actor *tdkt.Account)

// app wraps a staff page: without an account the browser goes to the login form,
// which brings it back afterwards.
func (h *handler) app(fn appFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		actor := core.Actor(r.Context())
		if actor == nil {
			http.Redirect(w, r, "/app/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		fn(w, r, actor)
	})
}

// loginView is the login form, and the second step that asks for the code.
type loginView struct {
	Page
	Login, Next, Message string
	// AskCode shows the code field beside the password: the account-wide limit
	// holds, and the owner gets in with both.
	AskCode bool
	// Pending is the token of the second step (login_code.html).
	Pending string
}

func (h *handler) loginForm(w http.ResponseWriter, r *http.Request) {
	v := loginView{Page: h.page(r, "Đăng nhập", ""), Next: safeNext(r.URL.Query().Get("next"))}
	v.Account = nil // the form is the same whoever is signed in
	h.render(w, r, http.StatusOK, "login.html", v)
}

// login checks the password. An account with a second factor gets the second step
// (login_code.html), held by a short-lived token on the server; the others get a new
// session.
func (h *handler) login(w http.ResponseWriter, r *http.Request) {
	login, password := strings.TrimSpace(r.PostFormValue("login")), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	req := core.LoginRequest{Login: login, Password: password, IP: clientIP(r), UserAgent: r.UserAgent(), Next: next,
		Code: strings.TrimSpace(r.PostFormValue("code"))}
	if c, err := r.Cookie(core.KnownDeviceCookie); err == nil {
		req.Device = c.Value
	}
	res, err := h.svc.Login(r.Context(), req)
	if err != nil {
		v := loginView{Page: h.page(r, "Đăng nhập", ""), Login: login, Next: next}
		v.Account = nil
		switch tdkt.CodeOf(err) {
		case tdkt.EUnauthenticated, tdkt.ETooMany:
			v.Message = err.Error()
			v.AskCode = tdkt.CodeOf(err) == tdkt.ETooMany || req.Code != ""
		default:
			h.fail(w, r, err, nil)
			return
		}
		h.render(w, r, statusOf(err), "login.html", v)
		return
	}
	if res.Pending != "" {
		v := loginView{Page: h.page(r, "Xác thực hai bước", ""), Next: next, Pending: res.Pending}
		v.Account = nil
		h.render(w, r, http.StatusOK, "login_code.html", v)
		return
	}
	h.signedIn(w, r, res)
}

// loginCode completes the second step with a code from the authenticator
// application or a recovery code.
func (h *handler) loginCode(w http.ResponseWriter, r *http.Request) {
	pending := r.PostFormValue("pending")
	res, err := h.svc.LoginSecondFactor(r.Context(), pending, r.PostFormValue("code"), clientIP(r), r.UserAgent())
	if err != nil {
		if tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			h.fail(w, r, err, nil)
			return
		}
		v := loginView{Page: h.page(r, "Xác thực hai bước", ""), Next: safeNext(r.PostFormValue("next")), Pending: pending, Message: err.Error()}
		v.Account = nil
		h.render(w, r, http.StatusUnauthorized, "login_code.html", v)
		return
	}
	h.signedIn(w, r, res)
}

// signedIn sets the cookies of a complete login and goes on: to the enrolment page
// when the account must enrol a second factor, else where the login was headed. The
// old session, if any, is ended first so that a token planted before login is
// worthless afterwards.
func (h *handler) signedIn(w http.ResponseWriter, r *http.Request, res core.LoginResult) {
	if c, err := r.Cookie(core.SessionCookie); err == nil && c.Value != "" {
		if err := h.svc.Logout(r.Context(), c.Value); err != nil {
			h.log.Warn("drop old session", "err", err)
		}
	}
	http.SetCookie(w, &http.Cookie{
		Name: core.SessionCookie, Value: res.Session, Path: "/", HttpOnly: true, Secure: secureRequest(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int(core.SessionLifetime.Seconds()),
	})
	if res.Device != "" {
		// Sent back only to the login form, the one place that reads it.
		http.SetCookie(w, &http.Cookie{
			Name: core.KnownDeviceCookie, Value: res.Device, Path: "/app/login", HttpOnly: true, Secure: secureRequest(r),
			SameSite: http.SameSiteStrictMode, MaxAge: int(core.KnownDeviceLifetime.Seconds()),
		})
	}
	next := safeNext(res.Next)
	if res.MustEnrol {
		next = "/app/account/totp"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends the session and clears the cookie.
func (h *handler) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(core.SessionCookie); err == nil && c.Value != "" {
		if err := h.svc.Logout(r.Context(), c.Value); err != nil {
			h.log.Warn("logout", "err", err)
		}
	}
	http.SetCookie(w, &http.Cookie{Name: core.SessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: secureRequest(r), SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/app/login", http.StatusSeeOther)
}

// safeNext keeps a return address inside the staff application.
func safeNext(next string) string {
	if p := localPath(next); strings.HasPrefix(p, "/app/") && !strings.HasPrefix(p, "/app/login") {
		return p
	}
	return "/app/"
}

// clientIP is the address the login throttle counts; behind a proxy it is the
// proxy's, which only makes the per-address limit stricter.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
