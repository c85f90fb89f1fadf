package server

import (
	"crypto/tls"
	"errors"
	"net/http"
	"net/url"
	"strings"
)

// Transport security: HTTPS here (--tls-cert, --tls-key) or at a trusted reverse
// proxy that says so in X-Forwarded-Proto. Either way the session cookie gets Secure
// (web.secureRequest) and every response carries HSTS; over plain HTTP neither, since
// HSTS on a plain-HTTP answer is ignored by browsers and Secure would drop the cookie.

// hsts is the Strict-Transport-Security value: one year, sub-domains included.
const hsts = "max-age=31536000; includeSubDomains"

// isHTTPS reports whether the request reached the site over HTTPS. X-Forwarded-Proto
// is only still present when behindProxies believed it.
func isHTTPS(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// strictTransport adds HSTS to the response of a request that came over HTTPS.
func strictTransport(h http.Header, r *http.Request) {
	if isHTTPS(r) {
		h.Set("Strict-Transport-Security", hsts)
	}
}

// forwardedProto leaves one X-Forwarded-Proto value on a request from a trusted
// proxy: the last one, written by the proxy nearest to this server. A value further
// left may come from the client itself, when a proxy appends instead of replacing.
func forwardedProto(r *http.Request) {
	vals := strings.Split(strings.Join(r.Header.Values("X-Forwarded-Proto"), ","), ",")
	last := strings.ToLower(strings.TrimSpace(vals[len(vals)-1]))
	if last == "" {
		r.Header.Del("X-Forwarded-Proto")
		return
	}
	r.Header.Set("X-Forwarded-Proto", last)
}

// TLSConfig is the TLS setting of `tdkt serve --tls-cert --tls-key`: the key pair,
// and nothing older than TLS 1.2.
func TLSConfig(certFile, keyFile string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, err
	}
	return &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}, nil
}

// ParsePublicURL checks a --public-url: an absolute http or https address with a host
// and no path, query or fragment; the trailing slash is dropped.
func ParsePublicURL(s string) (string, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "/")
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", errors.New("cần dạng https://tên-miền (không có đường dẫn phía sau)")
	}
	return s, nil
}
