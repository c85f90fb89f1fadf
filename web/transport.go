package web

import (
	"net/http"
	"strings"
)

// Where the site is, for links that must be absolute (feeds, the sitemap, Open
// Graph, the QR codes of certificates) and for the Secure flag of cookies.

// secureRequest reports whether the visitor reached the site over HTTPS: TLS here,
// or a trusted reverse proxy's X-Forwarded-Proto. The server in front of these pages
// (server.behindProxies) drops that header from every other peer and leaves one value
// from a trusted proxy, so it can be believed here.
func secureRequest(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// siteBase is the scheme and host of absolute links: the configured public URL, or,
// without one, the scheme and Host of the request (a development setup; see
// Options.PublicURL for why such links are then kept out of shared caches).
func (h *handler) siteBase(r *http.Request) string {
	if h.publicURL != "" {
		return h.publicURL
	}
	scheme := "http"
	if secureRequest(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// absURL makes a site path absolute, for Open Graph and feeds.
func (h *handler) absURL(r *http.Request, path string) string { return h.siteBase(r) + path }

// publicCache is the Cache-Control of a response holding absolute links: shared
// caches may keep it only when the links come from the configured public URL, not
// from a Host header that anyone can forge.
func (h *handler) publicCache(maxAge string) string {
	if h.publicURL != "" {
		return "public, max-age=" + maxAge
	}
	return "private, max-age=" + maxAge
}
