package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"tdkt"
	"tdkt/api"
	"tdkt/core"
	"tdkt/server"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// Two complete application instances on one PostgreSQL database, as behind a load
// balancer, give the same answers: sessions, tokens, login throttling, rate limits,
// the page cache, the audit chain and the rules engine hold across them.
func TestTwoProcessesOneDatabase(t *testing.T) {
	ctx := context.Background()
	dbA := tdkttest.Postgres(t)
	f := tdkttest.NewFixture(t, dbA) // process A: f.Svc, f.Server
	dbB, err := sqldb.Open(ctx, dbA.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dbB.Close() })
	svcB := core.New(dbB)
	svcB.Now = func() time.Time { return tdkttest.Now }
	svcB.AuditTrail = f.Svc.AuditTrail // one installation: the same audit key and checkpoint file
	b := httptest.NewServer(server.Handler(svcB, server.Config{}))
	t.Cleanup(b.Close)
	a := f.Server

	get := func(base, path string, header ...string) (int, string, http.Header) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body), resp.Header
	}
	check := func(base, body string) (int, string) {
		t.Helper()
		resp, err := http.Post(base+"/api/v1/check", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(out)
	}

	t.Run("a session opened on A works on B", func(t *testing.T) {
		c := f.Client(t, "canbo.a")
		u, _ := url.Parse(a.URL)
		var cookie string
		for _, ck := range c.Jar.Cookies(u) {
			if ck.Name == core.SessionCookie {
				cookie = ck.Name + "=" + ck.Value
			}
		}
		if code, body, _ := get(b.URL, "/api/v1/me", "Cookie", cookie); code != 200 || !strings.Contains(body, "canbo.a") {
			t.Errorf("B /api/v1/me with A's cookie: %d %s", code, body)
		}
	})

	t.Run("a token made on A works on B", func(t *testing.T) {
		tok := f.Token(t, "canbo.b")
		if code, body, _ := get(b.URL, "/api/v1/me", "Authorization", "Bearer "+tok); code != 200 || !strings.Contains(body, "canbo.b") {
			t.Errorf("B /api/v1/me with a token of A: %d %s", code, body)
		}
	})

	t.Run("failed logins on A and B add up", func(t *testing.T) {
		login := func(base, pw string) int {
			t.Helper()
			resp, err := f.Client(t, "").PostForm(base+"/app/login", url.Values{"login": {"xem.a"}, "password": {pw}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		for i, base := range []string{a.URL, b.URL, a.URL, b.URL, a.URL} {
			if code := login(base, "sai-mat-khau"); code != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d, want 401", i+1, code)
			}
		}
		if code := login(b.URL, tdkttest.Password); code != http.StatusTooManyRequests {
			t.Errorf("right password after 5 failures spread over A and B: %d, want 429", code)
		}
	})

	t.Run("check requests on A and B add up to the limit", func(t *testing.T) {
		old := api.CheckPerMinute
		api.CheckPerMinute = 10
		t.Cleanup(func() { api.CheckPerMinute = old })
		// The count is per minute of the services' clock, which both processes fix at
		// tdkttest.Now: all eleven requests fall in one minute however long they take.
		if !f.Svc.Now().Equal(tdkttest.Now) || !svcB.Now().Equal(tdkttest.Now) {
			t.Fatalf("the processes' clocks are not fixed: %v, %v", f.Svc.Now(), svcB.Now())
		}
		const wd = `{"id":"wd","check":"working_days","as_of":"2026-12-01","from":"2026-12-31","days":1}`
		for i := range 10 {
			base := []string{a.URL, b.URL}[i%2]
			if code, body := check(base, wd); code != 200 {
				t.Fatalf("request %d of 10: %d %s", i+1, code, body)
			}
		}
		for _, base := range []string{a.URL, b.URL} {
			if code, _ := check(base, wd); code != http.StatusTooManyRequests {
				t.Errorf("11th request (%s): %d, want 429", base, code)
			}
		}
	})

	t.Run("a change through B shows on A's cached front page", func(t *testing.T) {
		const title = "Cổng liên kết thêm qua tiến trình B"
		get(a.URL, "/")
		code, body, h := get(a.URL, "/")
		if code != 200 || h.Get("X-Cache") != "HIT" || strings.Contains(body, title) {
			t.Fatalf("A's front page before: %d, X-Cache %q", code, h.Get("X-Cache"))
		}
		if err := svcB.SavePortalLink(ctx, &f.Admin, &sqldb.PortalLink{Title: title, URL: "https://example.gov.vn/b", Position: 1}); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(15 * time.Second)
		for {
			if _, body, _ := get(a.URL, "/"); strings.Contains(body, title) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("B's new portal link never showed on A's front page")
			}
			time.Sleep(200 * time.Millisecond)
		}
	})

	t.Run("events of A and B form one audit chain", func(t *testing.T) {
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for i := range 16 {
			svc := []*core.Service{f.Svc, svcB}[i%2]
			wg.Go(func() {
				p := tdkt.Person{OrgID: f.CommuneA.ID, FullName: fmt.Sprintf("Người Thử Số %d", i+1), Sex: tdkt.Female, BirthDate: "1990-01-01",
					Group: tdkt.GroupOfficials, Position: "Công chức", HiredOn: "2015-01-01", Ethnicity: "Kinh"}
				errs <- svc.CreatePerson(ctx, &f.ClerkA, &p)
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		var total int64
		dbA.View(ctx, func(tx *sqldb.Tx) (err error) { total, err = tx.CountAudit(ctx); return err })
		rep, err := svcB.VerifyAudit(ctx)
		if err != nil || int64(rep.Events) != total || rep.Keyed != rep.Events {
			t.Errorf("chain: checked %d of %d events (%d keyed): %v", rep.Events, total, rep.Keyed, err)
		}
	})

	t.Run("rules configured on B apply to A's checks", func(t *testing.T) {
		old := api.CheckPerMinute
		api.CheckPerMinute = 1 << 30
		t.Cleanup(func() { api.CheckPerMinute = old })
		const wd = `[{"id":"wd","check":"working_days","as_of":"2026-12-01","from":"2026-12-31","days":1}]`
		if code, body := check(a.URL, wd); code != 200 || !strings.Contains(body, "2027-01-04") {
			t.Fatalf("A before: %d %s", code, body)
		}
		d := sqldb.CalendarDay{Day: "2027-01-04", Off: true, Note: "Nghỉ bù thử nghiệm"}
		if err := svcB.SaveCalendarDay(ctx, &f.Admin, &d); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(15 * time.Second)
		for {
			if _, body := check(a.URL, wd); strings.Contains(body, "2027-01-05") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("A never used B's calendar day")
			}
			time.Sleep(200 * time.Millisecond)
		}
	})
}
