// Package server assembles tdkt's HTTP surface: the public portal and the staff
// application (package web), the JSON API (package api), /healthz and the runtime
// profiles for administrators (/app/debug/pprof/), behind the
// security headers, the cross-origin protection and the sign-in that every request
// passes through.
package server

import (
	"context"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"tdkt"
	"tdkt/api"
	"tdkt/core"
	"tdkt/web"
)

// Config is what the HTTP layer needs beyond the use cases.
type Config struct {
	// TrustedOrigins are extra origins allowed to POST (behind a proxy that rewrites Host).
	TrustedOrigins []string
	// TrustedProxies are the reverse proxies (load balancers) whose X-Forwarded-For
	// and X-Forwarded-Proto are believed; see behindProxies.
	TrustedProxies []netip.Prefix
	// PublicURL is the site's address as visitors reach it, the base of every
	// absolute link (feeds, sitemap, QR codes); see web.Options.PublicURL.
	PublicURL string
}

// Handler returns the whole application as one http.Handler.
func Handler(svc *core.Service, cfg Config) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := svc.DB.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("database unavailable\n"))
			return
		}
		w.Write([]byte("ok"))
	})
	web.RegisterWith(mux, svc, web.Options{PageCacheTTL: web.DefaultPageCacheTTL, PublicURL: cfg.PublicURL})
	api.RegisterWith(mux, svc, api.Options{PublicURL: cfg.PublicURL})
	mux.Handle("GET /app/debug/pprof/", profiling())

	cop := http.NewCrossOriginProtection()
	for _, o := range cfg.TrustedOrigins {
		cop.AddTrustedOrigin(o)
	}
	// The rules engine is public law and answers without a session; a page on another
	// site may ask it, so it is the one state-free POST outside the protection.
	cop.AddInsecureBypassPattern("POST /api/v1/check")
	cop.SetDenyHandler(http.HandlerFunc(denyCrossOrigin))
	return behindProxies(cfg.TrustedProxies, securityHeaders(refuseHidden(cop.Handler(signIn(svc, mux)))))
}

// securityHeaders sets the headers every response carries: a strict
// Content-Security-Policy (no inline script, no framing), nosniff and no referrer leak.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
			"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		strictTransport(h, r)
		next.ServeHTTP(w, r)
	})
}

// signIn puts the account of a session cookie or a Bearer token, and how it signed
// in (core.Credential), into the request's context. A missing or dead credential —
// expired, idle for core.IdleTimeout, revoked, or of a disabled account — leaves the
// request anonymous; each page or endpoint decides whether it needs an account. An
// account that must enrol a second factor reaches only the enrolment page, the
// logout and the public pages until it has.
func signIn(svc *core.Service, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var acct tdkt.Account
		var cred core.Credential
		var err error = errAnonymous
		if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
			acct, err = svc.TokenAccount(r.Context(), strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")))
			cred = core.Credential{Kind: core.CredentialToken}
		} else if c, cerr := r.Cookie(core.SessionCookie); cerr == nil && c.Value != "" {
			acct, cred, err = svc.Session(r.Context(), c.Value)
		}
		if err == nil {
			if cred.MustEnrol && !enrolmentAllowed(r) {
				mustEnrol(w, r)
				return
			}
			r = r.WithContext(core.WithCredential(core.WithActor(r.Context(), &acct), cred))
		}
		next.ServeHTTP(w, r)
	})
}

// EnrolmentPath is the page where an account enrols its second factor.
const EnrolmentPath = "/app/account/totp"

// enrolmentAllowed tells the requests an account that must enrol a second factor
// may still make: the enrolment itself, logging out or in, and everything outside
// the staff application and the API.
func enrolmentAllowed(r *http.Request) bool {
	p := r.URL.Path
	switch {
	case p == EnrolmentPath, p == "/app/logout", strings.HasPrefix(p, "/app/login"):
		return true
	case strings.HasPrefix(p, "/app/"), p == "/app", strings.HasPrefix(p, "/api/"):
		return false
	}
	return true
}

// mustEnrol answers a request of an account that has not enrolled its required
// second factor: the browser goes to the enrolment page, an API client gets 403.
func mustEnrol(w http.ResponseWriter, r *http.Request) {
	const msg = "Tài khoản quản trị và lãnh đạo phải bật xác thực hai bước trước khi làm việc khác."
	if strings.HasPrefix(r.URL.Path, "/api/") {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`{"error":{"code":"forbidden","message":"` + msg + `","fields":{}}}`))
		return
	}
	http.Redirect(w, r, EnrolmentPath, http.StatusSeeOther)
}

// denyCrossOrigin answers a refused cross-site request in the form of the part of
// the site it was aimed at: JSON for the API, a short page otherwise.
func denyCrossOrigin(w http.ResponseWriter, r *http.Request) {
	refuse(w, r, http.StatusForbidden, "forbidden", "Bị từ chối", "Yêu cầu từ trang web khác bị từ chối.", nil)
}

var errAnonymous = &tdkt.Error{Code: tdkt.EUnauthenticated, Message: "Chưa đăng nhập."}
