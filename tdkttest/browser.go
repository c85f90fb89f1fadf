package tdkttest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where the test machines and CI install Chromium.
const ChromiumPath = "/usr/bin/chromium"

// Browser starts a headless Chromium for the test and returns its long-lived
// context; the browser stops when the test ends. Callers open tabs with
// chromedp.NewContext on it and put per-step timeouts on the tab's context, never
// on this one (a timeout here would end the browser itself).
//
// Without Chromium the test is skipped with a message, or fails when
// TDKT_REQUIRE_BROWSER=1 (as CI sets it), so that a missing browser is never a
// silent pass there.
func Browser(t testing.TB) context.Context {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		if Required("TDKT_REQUIRE_BROWSER") {
			t.Fatalf("TDKT_REQUIRE_BROWSER=1 but Chromium is missing at %s: install it (apt-get install chromium)", ChromiumPath)
		}
		t.Skipf("Chromium not found at %s: install it to run the browser tests (TDKT_REQUIRE_BROWSER=1 makes this a failure)", ChromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox, // containers and CI run as root, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.WindowSize(1280, 800),
		// No traffic of its own: the tests run offline and must not wait on the network.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	// Starting the browser on the long-lived context binds its life to that context.
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		t.Fatalf("start Chromium: %v", err)
	}
	t.Cleanup(func() {
		bcancel()
		acancel()
	})
	return bctx
}

// ScreenshotDir is where a test saves its screenshots: TDKT_SCREENSHOTS when set
// (CI keeps them as artefacts; people look at them), else a temporary folder.
func ScreenshotDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("TDKT_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
