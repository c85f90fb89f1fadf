package tdkttest

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, vendored unmodified with its licence and checksum in
// tdkttest/axe/ so that the accessibility tests need no network.
//
//go:embed axe/axe.min.js
var axeSource string

// AxeTags are the rule sets the pages are held to: WCAG 2.0 and 2.1, levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Violation is one axe rule that a page breaks, with the first few elements that
// break it.
type Violation struct {
	ID      string   // the axe rule, e.g. "color-contrast"
	Impact  string   // "serious" or "critical"
	Help    string   // one line saying what is wrong
	HelpURL string   // the rule's page at Deque
	Targets []string // CSS selectors of the first few offending elements
	Nodes   int      // how many elements break the rule in all
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s %v (%d element(s)) %s", v.ID, v.Impact, v.Help, v.Targets, v.Nodes, v.HelpURL)
}

// axeRun runs axe on the loaded document and returns its serious and critical
// violations as JSON. It is an expression whose value is a promise.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']}).then(r =>
  r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    ID: v.id, Impact: v.impact, Help: v.help, HelpURL: v.helpUrl, Nodes: v.nodes.length,
    Targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))
  })))`

// Axe opens url in the tab ctx (the caller sets the viewport and any cookie), runs
// axe-core against it under AxeTags and returns the violations of impact serious
// or critical; moderate and minor findings are left out. A page that does not load
// or a script that fails ends the test.
//
// The script is injected with the DevTools protocol (Runtime.evaluate), not a
// <script> tag: the page's Content-Security-Policy (script-src 'self') governs
// what the page loads, not what the debugger evaluates, so the policy under test
// stays the one the application sends.
func Axe(t testing.TB, ctx context.Context, url string) []Violation {
	t.Helper()
	// A tab's first action binds the tab to its context: start a new tab on the
	// caller's context, not on the timeout below.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("axe: open a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("axe: open %s: %v", url, err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
		t.Fatalf("axe: inject into %s: %v", url, err)
	}
	tags := `['` + strings.Join(AxeTags, `','`) + `']`
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](fmt.Sprintf(axeRun, tags), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: run on %s: %v", url, err)
	}
	return vs
}
