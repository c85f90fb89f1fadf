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
	c := newPageCache(time.Minute)
	var renders atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	h := c.wrap(func(w http.ResponseWriter, r *http.Request) {
		if renders.Add(1) == 1 {
			close(started)
		}
		<-release
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>Bảng vàng</p>"))
	})
	const visitors = 10
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
	time.Sleep(50 * time.Millisecond) // let the others arrive and wait
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
