package web_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestBrowserConfirmsBeforeDeleting: a form that deletes asks first in its own words;
// dismissed, nothing is deleted; accepted, the row is gone.
func TestBrowserConfirmsBeforeDeleting(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	link := sqldb.PortalLink{Title: "Cổng thông tin tỉnh", URL: "https://example.vn/", Position: 1}
	if err := f.Svc.SavePortalLink(context.Background(), &f.Admin, &link); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		links, err := f.Svc.PortalLinks(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return len(links)
	}
	b := tdkttest.NewTab(t, bctx, tdkttest.Viewports[1], "confirm-")
	var accept atomic.Bool
	var asked atomic.Value
	// The listener must not call the browser itself: it answers from a goroutine.
	if err := chromedp.Listen(b.Context(), func(ev any) {
		if d, ok := ev.(*cdpage.EventJavascriptDialogOpening); ok {
			asked.Store(d.Message)
			go chromedp.Call(b.Context(), cdpage.HandleJavaScriptDialog, cdpage.HandleJavaScriptDialogParams{Accept: accept.Load()})
		}
	}); err != nil {
		t.Fatal(err)
	}
	del := `form[action="/app/admin/links/` + itoa(link.ID) + `/delete"] button`
	b.Step("open the links", b.Emulate(), f.LogIn(t, "quantri"), chromedp.Navigate(f.Server.URL+"/app/admin/links"), chromedp.WaitVisible(chromedp.CSS(del)))
	b.Step("dismiss", chromedp.Click(chromedp.CSS(del)))
	for end := time.Now().Add(10 * time.Second); asked.Load() == nil && time.Now().Before(end); {
		time.Sleep(20 * time.Millisecond) // waits for the dialog to be answered, not for a race
	}
	if msg, _ := asked.Load().(string); msg != "Xóa liên kết này khỏi trang chủ?" {
		t.Fatalf("the delete asked %q", msg)
	}
	if n := count(); n != 1 {
		t.Fatalf("a dismissed delete removed the link: %d left", n)
	}
	accept.Store(true)
	b.Step("accept", chromedp.Click(chromedp.CSS(del)), chromedp.WaitNotPresent(chromedp.CSS(del)))
	if n := count(); n != 0 {
		t.Fatalf("an accepted delete left %d links", n)
	}
}
