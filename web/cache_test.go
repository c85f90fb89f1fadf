package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"tdkt/core"
	"tdkt/demo"
	"tdkt/tdkttest"
	"tdkt/web"
)

// fetch sends a GET with the given headers through c and returns the response with
// its body read, undecoded.
func fetch(t testing.TB, c *http.Client, u string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// An explicit Accept-Encoding keeps the transport from decoding gzip on its own.
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// TestPublicPageCache follows the front page through the cache: rendered once, then
// served from memory with an ETag, revalidated with 304, gzipped on request, never
// kept for a signed-in account, and dropped when a staff page changes something.
func TestPublicPageCache(t *testing.T) {
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	anon, clerk := f.Client(t, ""), f.Client(t, "canbo.a")
	front := f.Server.URL + "/"

	r1, body1 := fetch(t, anon, front)
	r2, body2 := fetch(t, anon, front)
	if r1.StatusCode != 200 || r2.StatusCode != 200 {
		t.Fatalf("status %d, %d", r1.StatusCode, r2.StatusCode)
	}
	if r1.Header.Get("X-Cache") != "MISS" || r2.Header.Get("X-Cache") != "HIT" {
		t.Errorf("X-Cache %q then %q, want MISS then HIT", r1.Header.Get("X-Cache"), r2.Header.Get("X-Cache"))
	}
	if !bytes.Equal(body1, body2) || !strings.Contains(string(body2), "Nguyễn Thị Hồng Nhung") {
		t.Error("the cached front page differs from the rendered one")
	}
	if cc := r2.Header.Get("Cache-Control"); cc != "public, max-age=30" {
		t.Errorf("Cache-Control %q", cc)
	}
	if r2.Header.Get("Content-Security-Policy") == "" {
		t.Error("a cached page lost the security headers")
	}
	etag := r2.Header.Get("ETag")
	if etag == "" || etag != r1.Header.Get("ETag") {
		t.Fatalf("ETag %q then %q", r1.Header.Get("ETag"), etag)
	}

	r3, body3 := fetch(t, anon, front, "If-None-Match", etag)
	if r3.StatusCode != http.StatusNotModified || len(body3) != 0 || r3.Header.Get("ETag") != etag {
		t.Errorf("If-None-Match: status %d, %d bytes, ETag %q; want 304, empty", r3.StatusCode, len(body3), r3.Header.Get("ETag"))
	}
	if r, _ := fetch(t, anon, front, "If-None-Match", `W/"autre"`); r.StatusCode != 200 {
		t.Errorf("a stale ETag gives %d, want 200", r.StatusCode)
	}

	r4, gz := fetch(t, anon, front, "Accept-Encoding", "gzip, deflate, br")
	if r4.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(r4.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("Content-Encoding %q, Vary %q", r4.Header.Get("Content-Encoding"), r4.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(plain, body1) {
		t.Errorf("gzip decodes to %d bytes (%v), want the %d of the page", len(plain), err, len(body1))
	}
	if len(gz) >= len(body1) {
		t.Errorf("gzip is %d bytes for a page of %d", len(gz), len(body1))
	}
	if r, _ := fetch(t, anon, front, "Accept-Encoding", "gzip;q=0, identity"); r.Header.Get("Content-Encoding") != "" {
		t.Error("gzip sent although the client refused it with q=0")
	}

	// Signed in, the same address is the account's own page: rendered every time,
	// never stored, never marked public.
	for range 2 {
		r, body := fetch(t, clerk, front)
		if r.Header.Get("X-Cache") != "" || r.Header.Get("ETag") != "" || r.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("signed in: X-Cache %q, ETag %q, Cache-Control %q", r.Header.Get("X-Cache"), r.Header.Get("ETag"), r.Header.Get("Cache-Control"))
		}
		if !strings.Contains(string(body), "Đăng xuất") {
			t.Error("the signed-in front page lacks the account's header")
		}
	}
	if r, body := fetch(t, anon, front); r.Header.Get("X-Cache") != "HIT" || strings.Contains(string(body), "Đăng xuất") {
		t.Errorf("after a signed-in visit the anonymous page is %q and shows the account: %v", r.Header.Get("X-Cache"), strings.Contains(string(body), "Đăng xuất"))
	}

	// The staff application, error pages and the query string.
	if r, _ := fetch(t, anon, f.Server.URL+"/app/login"); r.Header.Get("X-Cache") != "" {
		t.Error("the login form went through the cache")
	}
	if r, _ := fetch(t, anon, f.Server.URL+"/dien-hinh/999999"); r.StatusCode != 404 || r.Header.Get("Cache-Control") == "public, max-age=30" {
		t.Errorf("a missing page: %d, Cache-Control %q", r.StatusCode, r.Header.Get("Cache-Control"))
	}
	if r, _ := fetch(t, anon, front+"?x=1"); r.Header.Get("X-Cache") != "MISS" {
		t.Error("another query string was served from the front page's entry")
	}

	// A change through the staff pages drops the kept pages at once: the person
	// deleted, her award leaves the front page on the next load, not 30 s later.
	resp, err := clerk.PostForm(f.Server.URL+"/app/people/"+itoa(f.PersonA.ID)+"/delete", url.Values{"version": {itoa(int64(f.PersonA.Version))}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", resp.StatusCode)
	}
	if r, body := fetch(t, anon, front); r.Header.Get("X-Cache") != "MISS" || strings.Contains(string(body), "Nguyễn Thị Hồng Nhung") {
		t.Errorf("after the deletion the front page is %q and still shows her: %v", r.Header.Get("X-Cache"), strings.Contains(string(body), "Nguyễn Thị Hồng Nhung"))
	}
}

// BenchmarkFrontPage measures the portal's front page on a demo province of 20,000
// people (SQLite), rendered on every request and served from the page cache:
//
//	go test ./web -run XXX -bench BenchmarkFrontPage -benchtime=2000x
//
// Generating the data set takes most of the run; it is made once for both cases.
func BenchmarkFrontPage(b *testing.B) {
	db := tdkttest.SQLite(b)
	if _, err := demo.Generate(context.Background(), db, demo.Options{People: 20_000, Years: 10, AdminPassword: "mat-khau-demo"}); err != nil {
		b.Fatal(err)
	}
	svc := core.New(db)
	for _, c := range []struct {
		name string
		ttl  time.Duration
	}{{"nocache", 0}, {"cache", web.DefaultPageCacheTTL}} {
		b.Run(c.name, func(b *testing.B) {
			// The pages alone, without the server's middleware: every request is
			// anonymous, and the two cases differ only in the cache.
			h := http.NewServeMux()
			web.RegisterWith(h, svc, web.Options{PageCacheTTL: c.ttl})
			srv := httptest.NewServer(h)
			defer srv.Close()
			client := srv.Client()
			b.ResetTimer()
			for range b.N {
				resp, err := client.Get(srv.URL + "/")
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatalf("status %d", resp.StatusCode)
				}
			}
		})
	}
}
