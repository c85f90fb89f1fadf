package core

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
)

// Searches that miss the same key together count it once; one whose wait is
// cancelled leaves at once; a failed count is not kept, and the next request counts.
func TestSearchCacheCountsOnceForConcurrentMisses(t *testing.T) {
	var c searchCache
	ctx := context.Background()
	k := searchKey{path: "/1/", q: "nguyen van"}
	var runs atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	// arrived hears from every later request once it waits for the first count or,
	// were the cache broken, starts a count of its own: either way the test goes on.
	arrived := make(chan struct{}, 16)
	c.waiting = func() { arrived <- struct{}{} }
	count := func() (searchHit, error) {
		if runs.Add(1) == 1 {
			close(started)
		} else {
			arrived <- struct{}{}
		}
		<-release
		return searchHit{capped: true}, nil
	}
	var wg sync.WaitGroup
	hits := make([]searchHit, 8)
	wg.Add(1)
	go func() { defer wg.Done(); hits[0], _ = c.fetch(ctx, 1, k, count) }()
	<-started
	for i := 1; i < len(hits); i++ {
		wg.Add(1)
		go func() { defer wg.Done(); hits[i], _ = c.fetch(ctx, 1, k, count) }()
	}
	// A request whose wait is cancelled returns its context's error, not the count
	// (it is read after the release, so that a broken cache fails rather than hangs).
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	cancelledErr := make(chan error, 1)
	go func() { _, err := c.fetch(cancelled, 1, k, count); cancelledErr <- err }()
	for range len(hits) { // the other requests and the cancelled one
		<-arrived
	}
	close(release)
	wg.Wait()
	if err := <-cancelledErr; err == nil {
		t.Error("a cancelled request waited for the count")
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("counted %d times, want once", n)
	}
	for i, h := range hits {
		if !h.capped {
			t.Errorf("request %d got %+v", i, h)
		}
	}
	// A failed count is not kept.
	k2 := searchKey{path: "/1/", q: "tran"}
	if _, err := c.fetch(ctx, 1, k2, func() (searchHit, error) { return searchHit{}, context.DeadlineExceeded }); err == nil {
		t.Fatal("the error was lost")
	}
	if _, ok := c.get(1, k2); ok {
		t.Error("a failed count was kept")
	}
}
