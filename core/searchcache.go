package core

import (
	"context"
	"sync"
	"time"

	"tdkt"
	"tdkt/sqldb"
)

// searchCache keeps what counting a people search found — every match in name order
// when there are at most SearchCountCap, or only that there are more, and then the
// pages answered — so that the next page of the same search skips the count, and the
// same page asked again (a colleague's identical search, a page reloaded) is served
// without reading the database at all.
// Counting is the expensive half of a search: a common name reads 40,000 index
// entries to find 1,001 matches, while the page itself reads about 2,000.
//
// An entry is good for one generation of the database: the writes this process has
// committed plus the newest audit event, which every change of every process appends
// and which is read at most once per searchRecheck. So a change made here is seen at
// once and a change made by another process within a second.
type searchCache struct {
	mu      sync.Mutex
	gen     int64
	rev     int64     // newest audit event id, last read
	checked time.Time // when rev was read
	entries map[searchKey]searchHit
	// flights are the searches being counted or paged: a request that misses while
	// another computes the same key waits for it (32 clerks opening the same common
	// name at once count it once).
	flights map[searchKey]*searchFlight
	// waiting, when set, is called as a request starts waiting for another's count:
	// a test's barrier, so that it releases the count only once the others wait.
	waiting func()
}

type searchFlight struct {
	done chan struct{}
	hit  searchHit
	err  error
}

// searchKey names a search; with offset and limit set, one walked page of it.
type searchKey struct {
	path, org, q  string
	offset, limit int
}

// searchHit is a count (ids and capped) or, under a key with offset and limit, the
// page answered (people, total and capped).
type searchHit struct {
	ids    []int64 // every match in name order, when not capped
	capped bool
	people []tdkt.Person
	total  int64
}

const (
	searchRecheck    = time.Second
	searchCacheLimit = 1024 // entries (a page is about 15 kB); the whole cache is dropped when full
)

// generation returns the current generation of the database, reading the newest
// audit event when the last read is older than searchRecheck.
func (c *searchCache) generation(ctx context.Context, db *sqldb.DB, now time.Time) int64 {
	c.mu.Lock()
	stale := now.Sub(c.checked) >= searchRecheck
	rev := c.rev
	if stale {
		c.checked = now // one reader refreshes; the others go on with the last value
	}
	c.mu.Unlock()
	if stale {
		if r, err := db.LastAuditID(ctx); err == nil {
			rev = r
			c.mu.Lock()
			c.rev = max(c.rev, r)
			c.mu.Unlock()
		}
	}
	return int64(db.Writes()) + rev
}

func (c *searchCache) get(gen int64, k searchKey) (searchHit, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return searchHit{}, false
	}
	h, ok := c.entries[k]
	return h, ok
}

func (c *searchCache) put(gen int64, k searchKey, h searchHit) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen {
		return // computed by a slow request before the last change: already stale
	}
	if c.gen != gen || c.entries == nil || len(c.entries) >= searchCacheLimit {
		c.gen, c.entries = gen, map[searchKey]searchHit{}
	}
	c.entries[k] = h
}

// fetch returns the entry under k of generation gen, computing it with fn when it is
// not kept; concurrent misses of one key wait for the first one's fn. When that one
// fails (its request may have been cancelled), a waiting request computes its own.
func (c *searchCache) fetch(ctx context.Context, gen int64, k searchKey, fn func() (searchHit, error)) (searchHit, error) {
	if h, ok := c.get(gen, k); ok {
		return h, nil
	}
	c.mu.Lock()
	if f, ok := c.flights[k]; ok {
		c.mu.Unlock()
		if c.waiting != nil {
			c.waiting()
		}
		select {
		case <-f.done:
		case <-ctx.Done():
			return searchHit{}, ctx.Err()
		}
		if f.err == nil {
			return f.hit, nil
		}
		return fn()
	}
	if c.flights == nil {
		c.flights = map[searchKey]*searchFlight{}
	}
	f := &searchFlight{done: make(chan struct{})}
	c.flights[k] = f
	c.mu.Unlock()
	f.hit, f.err = fn()
	if f.err == nil {
		c.put(gen, k, f.hit)
	}
	c.mu.Lock()
	delete(c.flights, k)
	c.mu.Unlock()
	close(f.done)
	return f.hit, f.err
}
