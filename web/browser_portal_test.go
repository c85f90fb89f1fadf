package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt/tdkttest"
)

// firstScreen tells, for each selector, whether its first match is shown and lies
// wholly within the first screen (no scrolling) of the window.
const firstScreen = `((sels) => Object.fromEntries(sels.map(s => {
  const e = document.querySelector(s);
  if (!e) return [s, false];
  const r = e.getBoundingClientRect(), st = getComputedStyle(e);
  return [s, st.display !== 'none' && st.visibility !== 'hidden' && r.width > 0 && r.height > 0 &&
    r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth];
})))`

// TestBrowserPortalFirstScreen opens the portal in Chromium at a phone's width and a
// desktop's: the first screen holds the province's name, the menu (a button on the
// phone that opens without script) and the search box; the search finds a person by
// a name typed without diacritics; the certificate box answers a wrong code; axe finds
// no serious or critical violation and nothing is written to the console.
func TestBrowserPortalFirstScreen(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			b := tdkttest.NewTab(t, bctx, vp, "portal-")
			console := watchConsole(t, b.Context())
			b.Step("open the portal", b.Emulate(), chromedp.Navigate(f.Server.URL+"/"), chromedp.WaitVisible(chromedp.ID("site-q")))
			b.Shot("first-screen")
			b.NoOverflow("portal")
			menu := ".site-nav a[href='/van-ban']"
			if vp.Mobile {
				menu = ".site-menu summary"
			}
			sels := []string{".site-name", ".emblem", menu, "#site-q", ".site-search button"}
			ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
			defer cancel()
			shown, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]bool](firstScreen+"("+jsList(sels)+")"))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range sels {
				if !shown[s] {
					t.Errorf("%s is not on the first screen", s)
				}
			}
			if name := b.Text(".site-name"); !strings.Contains(name, "Ủy ban nhân dân tỉnh Thử Nghiệm") {
				t.Errorf("the header names %q", name)
			}
			if vp.Mobile {
				hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector('.site-nav')).display === 'none' &&
					!document.querySelector(".site-menu a[href='/van-ban']").checkVisibility()`))
				if err != nil || !hidden {
					t.Fatalf("on a phone the menu is not folded behind its button: %v", err)
				}
				b.Step("open the menu", chromedp.Click(chromedp.CSS(".site-menu summary")),
					chromedp.WaitVisible(chromedp.CSS(".site-menu a[href='/van-ban']")))
				b.Shot("menu-open")
				b.NoOverflow("open menu")
			}
			for _, v := range tdkttest.Axe(t, b.Context(), f.Server.URL+"/") {
				t.Errorf("/: axe: %s", v)
			}

			b.Step("search the honour roll", b.Emulate(), chromedp.Navigate(f.Server.URL+"/"), chromedp.WaitVisible(chromedp.ID("site-q")),
				chromedp.SendKeys(chromedp.ID("site-q"), "nguyen thi hong"), chromedp.Click(chromedp.CSS(".site-search button")),
				chromedp.WaitVisible(chromedp.CSS(".roll-group")))
			if got := b.Text(".roll-group h3"); !strings.Contains(got, "Nguyễn Thị Hồng Nhung — 1 khen thưởng") {
				t.Errorf("the result reads %q", got)
			}
			b.Shot("search")
			b.NoOverflow("search results")
			for _, path := range []string{"/van-ban", "/lien-he", "/xac-minh/"} {
				for _, v := range tdkttest.Axe(t, b.Context(), f.Server.URL+path) {
					t.Errorf("%s: axe: %s", path, v)
				}
			}
			for _, m := range console() {
				t.Errorf("console: %s", m)
			}

			// Last, since the browser logs the 404 of a wrong code on the console.
			b.Step("a wrong code", chromedp.Navigate(f.Server.URL+"/xac-minh/"), chromedp.WaitVisible(chromedp.ID("ma")),
				chromedp.SendKeys(chromedp.ID("ma"), "khong-co-ma"), chromedp.Click(chromedp.ID("verify-code")),
				chromedp.WaitVisible(chromedp.ID("verify-error")))
			if got := b.Text("#verify-error"); !strings.Contains(got, "Không có bằng, giấy khen nào mang mã “khong-co-ma”") {
				t.Errorf("a wrong code reads %q", got)
			}
			b.Shot("wrong-code")
			b.NoOverflow("wrong code")
		})
	}
}

// jsList writes strings as a JavaScript array literal (the selectors hold no quote
// of the kind used here).
func jsList(ss []string) string {
	return `["` + strings.Join(ss, `", "`) + `"]`
}
