package web

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Visitors who miss a page while it is being rendered wait for that render instead of
// rendering the same page again (a page expiring under load is rendered once).
func TestPageCacheRendersOnceForConcurrentMisses(t *testing.T) {
	const visitors = 10
	c := newPageCache(time.Minute)
	// arrived hears from every later visitor once it waits for the first render or,
	// were the cache broken, starts a render of its own: either way the test goes on.
	arrived := make(chan struct{}, visitors)
	c.waiting = func() { arrived <- struct{}{} }
	var renders atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	h := c.wrap(func(w http.ResponseWriter, r *http.Request) {
		if renders.Add(1) == 1 {
			close(started)
		} else {
			arrived <- struct{}{}
		}
		<-release
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>Bảng vàng</p>"))
	})
	codes := make([]int, visitors)
	bodies := make([]string, visitors)
	var wg sync.WaitGroup
	get := func(i int) {
		defer wg.Done()
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest("GET", "/bang-vang", nil))
		codes[i], bodies[i] = rec.Code, rec.Body.String()
	}
	wg.Add(1)
	go get(0)
	<-started // the first visitor is rendering
	for i := 1; i < visitors; i++ {
		wg.Add(1)
		go get(i)
	}
	for range visitors - 1 {
		<-arrived
	}
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("the page was rendered %d times, want once", n)
	}
	for i := range visitors {
		if codes[i] != http.StatusOK || bodies[i] != "<p>Bảng vàng</p>" {
			t.Errorf("visitor %d: %d %q", i, codes[i], bodies[i])
		}
	}
}
