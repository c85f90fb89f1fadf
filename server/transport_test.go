package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"tdkt/core"
	"tdkt/server"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// login posts the fixture clerk's password and returns the session cookie set and
// the response's HSTS header.
func login(t *testing.T, c *http.Client, base string, header http.Header) (*http.Cookie, string) {
	t.Helper()
	form := url.Values{"login": {"canbo.a"}, "password": {tdkttest.Password}}
	req, _ := http.NewRequest("POST", base+"/app/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %s", resp.Status)
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == core.SessionCookie {
			return ck, resp.Header.Get("Strict-Transport-Security")
		}
	}
	t.Fatal("login set no session cookie")
	return nil, ""
}

// Over HTTPS, or through a trusted proxy that says the visitor used HTTPS, the
// session cookie is Secure and responses carry HSTS; over plain HTTP, or when an
// untrusted peer claims HTTPS, neither.
func TestSecureCookieAndHSTS(t *testing.T) {
	db := tdkttest.SQLite(t)
	f := tdkttest.NewFixture(t, db)
	loopback := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	elsewhere := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	forwarded := http.Header{"X-Forwarded-Proto": {"https"}}

	tlsSrv := httptest.NewTLSServer(server.Handler(f.Svc, server.Config{}))
	defer tlsSrv.Close()
	ck, h := login(t, tlsSrv.Client(), tlsSrv.URL, nil)
	if !ck.Secure || h != "max-age=31536000; includeSubDomains" {
		t.Errorf("over TLS: cookie Secure %v, HSTS %q", ck.Secure, h)
	}
	resp, err := tlsSrv.Client().Get(tlsSrv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Error("the portal over TLS has no HSTS")
	}

	for _, c := range []struct {
		name    string
		proxies []netip.Prefix
		header  http.Header
		secure  bool
	}{
		{"plain HTTP", nil, nil, false},
		{"plain HTTP claiming HTTPS without trusted proxies", nil, forwarded, false},
		{"HTTPS said by a trusted proxy", loopback, forwarded, true},
		{"HTTPS claimed by an untrusted peer", elsewhere, forwarded, false},
		{"HTTPS forged left of the trusted proxy's http", loopback, http.Header{"X-Forwarded-Proto": {"https, http"}}, false},
	} {
		srv := httptest.NewServer(server.Handler(f.Svc, server.Config{TrustedProxies: c.proxies}))
		ck, h := login(t, srv.Client(), srv.URL, c.header)
		srv.Close()
		if ck.Secure != c.secure || (h != "") != c.secure {
			t.Errorf("%s: cookie Secure %v, HSTS %q; want secure %v", c.name, ck.Secure, h, c.secure)
		}
	}
}

func getWithHost(t *testing.T, base, path, host string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// The feeds and the sitemap link to the public URL whatever Host the request names;
// without a public URL they follow the Host but are not cached by shared caches.
func TestFeedLinksUsePublicURL(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		const public = "https://thiduakhenthuong.example.gov.vn"
		srv := httptest.NewServer(server.Handler(f.Svc, server.Config{PublicURL: public}))
		defer srv.Close()
		for _, path := range []string{"/rss.xml", "/atom.xml", "/quyet-dinh.rss", "/sitemap.xml"} {
			resp, body := getWithHost(t, srv.URL, path, "evil.example")
			if resp.StatusCode != 200 || !strings.Contains(body, public+"/") || strings.Contains(body, "evil.example") {
				t.Errorf("%s with a forged Host: %d, public URL %v, forged host %v", path, resp.StatusCode,
					strings.Contains(body, public+"/"), strings.Contains(body, "evil.example"))
			}
			if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") {
				t.Errorf("%s: Cache-Control %q, want public", path, cc)
			}
		}
		if _, body := getWithHost(t, srv.URL, "/api/v1/openapi.json", "evil.example"); !strings.Contains(body, `"servers":[{"url":"`+public+`"}]`) {
			t.Errorf("the OpenAPI document does not name the public URL as its server: %.300s", body)
		}
		plain := httptest.NewServer(server.Handler(f.Svc, server.Config{}))
		defer plain.Close()
		resp, body := getWithHost(t, plain.URL, "/rss.xml", "evil.example")
		if !strings.Contains(body, "http://evil.example/") || resp.Header.Get("Cache-Control") != "private, max-age=300" {
			t.Errorf("without a public URL: links from Host %v, Cache-Control %q", strings.Contains(body, "http://evil.example/"), resp.Header.Get("Cache-Control"))
		}
	})
}

func TestParsePublicURL(t *testing.T) {
	for in, want := range map[string]string{"https://tdkt.example.gov.vn/": "https://tdkt.example.gov.vn", "": "", "http://127.0.0.1:8080": "http://127.0.0.1:8080"} {
		if got, err := server.ParsePublicURL(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"tdkt.example.gov.vn", "ftp://x", "https://x/app", "https://x?a=1", "https://u@x"} {
		if _, err := server.ParsePublicURL(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
