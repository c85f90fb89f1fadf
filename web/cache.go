package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tdkt/core"
)

// DefaultPageCacheTTL is how long an anonymous public page is served from memory
// and how long browsers and proxies may keep it (Cache-Control max-age).
const DefaultPageCacheTTL = 30 * time.Second

// pageCacheEntries bounds the cache: the key holds the query string, which anyone can
// vary, so past this many live pages a new page is served but not kept.
const pageCacheEntries = 512

// Options are the knobs of the pages that Register leaves at their defaults.
type Options struct {
	// PageCacheTTL is how long anonymous public pages are cached; 0 turns the cache
	// off (every request renders the page, and it is sent with Cache-Control: no-store).
	PageCacheTTL time.Duration
	// PublicURL is the site's address as visitors reach it
	// ("https://thiduakhenthuong.example.gov.vn"), the base of every absolute link.
	// Without it the links use the request's scheme and Host, which a client can
	// forge: the feeds and the sitemap are then sent as private, and the page cache
	// keeps a page per host, so that a forged Host never reaches another visitor.
	PublicURL string
}

// pageCache keeps the rendered HTML of the portal's public pages for anonymous
// visitors: the front page and the public lists, which change a few times a day and
// whose queries are the heaviest of the portal.
//
// Invalidation is kept simple. A page lives at most ttl, and the same ttl is sent as
// max-age. On top of that, every state-changing request through the staff pages and
// the public comment form (see invalidating) bumps a generation counter, and so does
// every write the database of this process commits; either drops every kept page at
// once, so that a clerk who publishes or withdraws something sees the portal change on
// the next load. Writers in other processes (another server behind the same load
// balancer, jobs, the command line) append audit events like every change does; the
// newest event's id, read at most once per revisionRecheck, is part of the generation,
// so their changes show within about a second.
//
// Only 200 responses to anonymous GET and HEAD requests are kept, never one that sets
// a cookie; a signed-in request passes straight through and keeps its no-store.
// Hits carry "X-Cache: HIT", misses "X-Cache: MISS".
type pageCache struct {
	ttl   time.Duration
	now   func() time.Time // the wall clock: fixtures freeze core's clock, not this one
	mu    sync.Mutex
	pages map[string]*cachedPage
	// flights are the pages being rendered: a request that misses while another
	// renders the same page waits for that one instead of rendering it again, so that
	// a page expiring under 32 visitors at once is rendered once, not 32 times.
	flights map[string]chan struct{}
	gen     atomic.Uint64 // bumped by every write; a page of an older generation is dead
	byHost  bool          // pages differ by scheme and Host (no public URL); see Options.PublicURL
	// writes, when set, counts the database writes of this process (sqldb.DB.Writes),
	// so that a change made through any use case, not only the pages, drops the cache.
	writes func() uint64
	// revision, when set, reads the database's revision: the id of the newest audit
	// event (sqldb.DB.LastAuditID), which moves whenever any process changes anything.
	// It is read at most once per revisionRecheck, so that another process's change
	// shows within about a second rather than within ttl.
	revision func(context.Context) (int64, error)
	rev      atomic.Int64 // the last revision read
	revRead  atomic.Int64 // wall clock (UnixNano) of the last read
	// waiting, when set, is called as a request starts waiting for another's render:
	// a test's barrier, so that it releases the render only once the others wait.
	waiting func()
}

// revisionRecheck is how often the cache reads the database's revision; the rules
// engine's cache reads its counter as often (see core's engineRecheck).
const revisionRecheck = time.Second

// refresh reads the database's revision when the last read is older than
// revisionRecheck. One request reads it; the others go on with the last value. A
// failed read keeps the last value: the ttl still bounds what is served.
func (c *pageCache) refresh(ctx context.Context) {
	if c.revision == nil {
		return
	}
	last, now := c.revRead.Load(), c.now().UnixNano()
	if now-last < int64(revisionRecheck) || !c.revRead.CompareAndSwap(last, now) {
		return
	}
	if rev, err := c.revision(ctx); err == nil {
		c.rev.Store(rev)
	}
}

// generation is the cache's current generation: its own counter plus this process's
// writes plus the database revision last read (see refresh).
func (c *pageCache) generation() uint64 {
	g := c.gen.Load()
	if c.writes != nil {
		g += c.writes()
	}
	return g + uint64(c.rev.Load())
}

// cachedPage is one rendered page, kept plain and gzipped.
type cachedPage struct {
	contentType string
	body, gz    []byte
	etag        string // weak: the plain and the gzipped bytes are the same page
	expires     time.Time
	gen         uint64 // the generation the page was rendered in
}

// newPageCache returns a cache of anonymous pages for ttl; a ttl of 0 or less gives
// a cache that keeps nothing.
func newPageCache(ttl time.Duration) *pageCache {
	return &pageCache{ttl: ttl, now: time.Now, pages: map[string]*cachedPage{}, flights: map[string]chan struct{}{}}
}

// wrap serves next's anonymous GETs through the cache.
func (c *pageCache) wrap(next http.HandlerFunc) http.HandlerFunc {
	if c.ttl <= 0 {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || core.Actor(r.Context()) != nil {
			next(w, r)
			return
		}
		c.refresh(r.Context())
		key := r.URL.Path + "?" + r.URL.RawQuery
		if c.byHost {
			key = strconv.FormatBool(secureRequest(r)) + " " + r.Host + " " + key
		}
		if p := c.get(key); p != nil {
			w.Header().Set("X-Cache", "HIT")
			c.serve(w, r, p)
			return
		}
		done, leader := c.join(key)
		if !leader {
			if c.waiting != nil {
				c.waiting()
			}
			select {
			case <-done:
			case <-r.Context().Done():
				return
			}
			if p := c.get(key); p != nil {
				w.Header().Set("X-Cache", "HIT")
				c.serve(w, r, p)
				return
			}
			// The page rendered was not kept (an error page, a write meanwhile): render it here.
		} else {
			defer c.land(key, done)
		}
		gen := c.generation() // before rendering: a write during the render makes the page dead
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		next(rec, r)
		w.Header().Set("X-Cache", "MISS")
		if p := c.keep(key, gen, rec); p != nil {
			c.serve(w, r, p)
			return
		}
		rec.replay(w)
	}
}

// join returns the channel closed when the page under key has been rendered, and
// whether the caller is the one to render it (then it must call land).
func (c *pageCache) join(key string) (done chan struct{}, leader bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if done, ok := c.flights[key]; ok {
		return done, false
	}
	done = make(chan struct{})
	c.flights[key] = done
	return done, true
}

// land ends the render of key and wakes the requests waiting for it.
func (c *pageCache) land(key string, done chan struct{}) {
	c.mu.Lock()
	delete(c.flights, key)
	c.mu.Unlock()
	close(done)
}

// get returns the live page under key, or nil.
func (c *pageCache) get(key string) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.pages[key]
	if p == nil || !c.live(p) {
		return nil
	}
	return p
}

// live reports whether p is of the current generation and not expired.
func (c *pageCache) live(p *cachedPage) bool {
	return p.gen == c.generation() && c.now().Before(p.expires)
}

// invalidating wraps a handler that may change what the public pages show: once a
// request other than GET or HEAD has been handled, every kept page is dropped.
func (c *pageCache) invalidating(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			c.gen.Add(1)
		}
	})
}

// keep stores a response of generation gen fit for the cache and returns it, or
// returns nil when the response must go out as it came (an error page, a redirect,
// a cookie). A page rendered while a write went through is served but not kept.
func (c *pageCache) keep(key string, gen uint64, rec *recorder) *cachedPage {
	ct := rec.header.Get("Content-Type")
	if rec.status != http.StatusOK || rec.header.Get("Set-Cookie") != "" || !strings.HasPrefix(ct, "text/html") {
		return nil
	}
	sum := sha256.Sum256(rec.body.Bytes())
	p := &cachedPage{contentType: ct, body: bytes.Clone(rec.body.Bytes()),
		etag: `W/"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`, expires: c.now().Add(c.ttl), gen: gen}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	zw.Write(p.body)
	zw.Close()
	p.gz = gz.Bytes()

	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.generation() {
		return p
	}
	if len(c.pages) >= pageCacheEntries {
		for k, old := range c.pages {
			if !c.live(old) {
				delete(c.pages, k)
			}
		}
	}
	if _, ok := c.pages[key]; ok || len(c.pages) < pageCacheEntries {
		c.pages[key] = p
	}
	return p
}

// serve writes a kept page: 304 when the browser holds it already, gzip when the
// browser accepts it.
func (c *pageCache) serve(w http.ResponseWriter, r *http.Request, p *cachedPage) {
	h := w.Header()
	h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(c.ttl/time.Second)))
	// The signed-in view of the same address differs (and is never stored); the
	// session cookie keeps a browser from reusing the anonymous copy after sign-in.
	h.Add("Vary", "Accept-Encoding, Cookie")
	h.Set("ETag", p.etag)
	if etagMatches(r.Header.Get("If-None-Match"), p.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", p.contentType)
	body := p.body
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		h.Set("Content-Encoding", "gzip")
		body = p.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// etagMatches applies If-None-Match's weak comparison: "*" or any listed tag whose
// opaque part equals ours.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip (and does not
// give it q=0).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q, found := strings.CutPrefix(strings.ReplaceAll(strings.ToLower(params), " ", ""), "q=")
		if !found {
			return true
		}
		v, err := strconv.ParseFloat(q, 64)
		return err == nil && v > 0
	}
	return false
}

// recorder buffers a handler's response so that it can be kept before it is sent.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}

// replay sends a response that was not kept exactly as the handler wrote it.
func (r *recorder) replay(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	w.WriteHeader(r.status)
	w.Write(r.body.Bytes())
}
