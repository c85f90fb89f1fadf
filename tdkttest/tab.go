package tdkttest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Viewport is a screen size a page test runs at.
type Viewport struct {
	Name          string
	Width, Height int64
	Mobile        bool
}

// Viewports are the phone and desktop widths every page test checks.
var Viewports = []Viewport{{"phone", 390, 844, true}, {"desktop", 1280, 800, false}}

// Tab is a browser context of its own (no cookie carries over from another) at one
// viewport, with the steps page tests take: act, screenshot, check that nothing is
// wider than the screen, read text.
type Tab struct {
	t        testing.TB
	ctx      context.Context
	Viewport Viewport
	shots    string
	prefix   string
}

// NewTab opens a tab in the browser for one viewport; prefix starts the names of its
// screenshots (they are written under ScreenshotDir). The tab closes with the test.
func NewTab(t testing.TB, browser context.Context, vp Viewport, prefix string) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return &Tab{t: t, ctx: ctx, Viewport: vp, shots: ScreenshotDir(t), prefix: prefix}
}

// Context is the tab's context, for actions the methods do not cover.
func (b *Tab) Context() context.Context { return b.ctx }

// Emulate sets the tab's screen to its viewport (a touch phone held upright, or a desktop).
func (b *Tab) Emulate() chromedp.Action[chromedp.Void] {
	var opts []chromedp.EmulateViewportOption
	if b.Viewport.Mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	return chromedp.EmulateViewport(b.Viewport.Width, b.Viewport.Height, opts...)
}

// Step runs actions, failing the test with what was being done.
func (b *Tab) Step(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// Shot saves a full-page screenshot named prefix+viewport+"-"+name.png.
func (b *Tab) Shot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(b.shots, b.prefix+b.Viewport.Name+"-"+name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", path)
}

// NoOverflow reports an error when the page is wider than the screen (a phone user
// would have to scroll sideways).
func (b *Tab) NoOverflow(page string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("document.documentElement.scrollWidth <= window.innerWidth"))
	if err != nil {
		b.t.Fatal(err)
	}
	if !ok {
		b.t.Errorf("%s: the page is wider than the %d px screen", page, b.Viewport.Width)
	}
}

// Text reads the text of the first element matching a CSS selector.
func (b *Tab) Text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatal(err)
	}
	return s
}
