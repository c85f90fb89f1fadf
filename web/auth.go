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

// loginView is the login form.
type loginView struct {
	Page
	Login, Next, Message string
}

func (h *handler) loginForm(w http.ResponseWriter, r *http.Request) {
	v := loginView{Page: h.page(r, "Đăng nhập", ""), Next: safeNext(r.URL.Query().Get("next"))}
	v.Account = nil // the form is the same whoever is signed in
	h.render(w, r, http.StatusOK, "login.html", v)
}

// login checks the password and opens a new session. The old session, if any, is
// ended first so that a token planted before login is worthless afterwards.
func (h *handler) login(w http.ResponseWriter, r *http.Request) {
	login, password := strings.TrimSpace(r.PostFormValue("login")), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	token, _, err := h.svc.Login(r.Context(), login, password, clientIP(r))
	if err != nil {
		v := loginView{Page: h.page(r, "Đăng nhập", ""), Login: login, Next: next}
		v.Account = nil
		status := statusOf(err)
		switch tdkt.CodeOf(err) {
		case tdkt.EUnauthenticated, tdkt.ETooMany:
			v.Message = err.Error()
		default:
			h.fail(w, r, err, nil)
			return
		}
		h.render(w, r, status, "login.html", v)
		return
	}
	if c, err := r.Cookie(core.SessionCookie); err == nil && c.Value != "" {
		if err := h.svc.Logout(r.Context(), c.Value); err != nil {
			h.log.Warn("drop old session", "err", err)
		}
	}
	http.SetCookie(w, &http.Cookie{
		Name: core.SessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: secureRequest(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int(core.SessionLifetime.Seconds()),
	})
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
