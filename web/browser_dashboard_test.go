package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/core"
	"tdkt/tdkttest"
)

// TestBrowserDashboard opens the administrator's home and the dashboard in Chromium
// at a phone's width and a desktop's: the charts are drawn (SVG images with their
// titles, under the application's Content-Security-Policy), nothing is wider than
// the screen, and axe finds no serious accessibility fault.
func TestBrowserDashboard(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := dashboardFixture(t, tdkttest.SQLite(t))
	// A dossier sent in September and not received since: it is overdue, and its
	// one finished stay (prepared at the commune) gives the processing times.
	ctx := context.Background()
	f.Svc.Now = func() time.Time { return time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC) }
	d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindSudden, Year: 2025})
	if err == nil {
		_, err = f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}, "Cứu người trong lũ")
	}
	if err == nil {
		f.Svc.Now = func() time.Time { return time.Date(2025, 9, 4, 8, 0, 0, 0, time.UTC) }
		var v core.DossierView
		if v, err = f.Svc.GetDossier(ctx, &f.ClerkA, d.ID); err == nil {
			_, err = f.Svc.Step(ctx, &f.ClerkA, d.ID, tdkt.ActSubmit, v.Dossier.Version, "")
		}
	}
	f.Svc.Now = func() time.Time { return tdkttest.Now }
	if err != nil {
		t.Fatal(err)
	}
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			b := tdkttest.NewTab(t, bctx, vp, "dashboard-")
			b.Step("log in", b.Emulate(), f.LogIn(t, "quantri"), chromedp.WaitVisible(chromedp.CSS("#todo")))
			for _, p := range []struct {
				name, path string
				// the fixture has no registration or movement: those sections say
				// "Chưa có số liệu" instead of a chart
				charts, marked int
			}{{"dashboard", "/app/dashboard?year=2025", 10, 10}} {
				b.Step("open "+p.name, chromedp.Navigate(f.Server.URL+p.path), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
				ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
				// a chart is drawn when it has a title, a size and marks
				// a chart is drawn when it has a title, a size and, when it has figures, marks
				drawn, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => {
					const all = [...document.querySelectorAll('svg.chart[role=img]')].filter(s => {
						const t = s.querySelector(':scope > title'), r = s.getBoundingClientRect();
						return t && t.textContent.length > 5 && r.width > 200 && r.height > 20 && r.right <= window.innerWidth;
					});
					return [all.length, all.filter(s => s.querySelectorAll('rect, polyline, circle').length > 0).length];
				})()`))
				cancel()
				if err != nil {
					t.Fatal(err)
				}
				if len(drawn) != 2 || drawn[0] != p.charts || drawn[1] != p.marked {
					t.Errorf("%s: %v charts drawn and with marks, want %d and %d", p.name, drawn, p.charts, p.marked)
				}
				ctx, cancel = context.WithTimeout(b.Context(), 10*time.Second)
				trend, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#chart-trend > title').textContent`))
				cancel()
				if err != nil || trend != "Danh hiệu thi đua và hình thức khen thưởng theo năm, 2017–2026" {
					t.Errorf("%s: the trend's title is %q (%v)", p.name, trend, err)
				}
				b.Shot(p.name)
				b.NoOverflow(p.name)
				for _, v := range tdkttest.Axe(t, b.Context(), f.Server.URL+p.path) {
					t.Errorf("%s: %s", p.name, v)
				}
			}

			// Printed, the page keeps its charts and tables and drops the navigation
			// and the download links.
			b.Step("print the dashboard", chromedp.Navigate(f.Server.URL+"/app/dashboard?year=2025"), chromedp.WaitVisible(chromedp.CSS("svg.chart")),
				func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
					_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
					return chromedp.Void{}, err
				})
			ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
			printed, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[
				[...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width > 200).length,
				[...document.querySelectorAll('table.figures')].filter(s => s.getBoundingClientRect().height > 0).length,
				[...document.querySelectorAll('.downloads, header.top')].filter(s => s.getBoundingClientRect().height > 0).length]`))
			cancel()
			if err != nil || len(printed) != 3 || printed[0] != 10 || printed[1] != 7 || printed[2] != 0 {
				t.Errorf("printed: %v charts, tables, visible links and headers (want 10, 7, 0): %v", printed, err)
			}
			b.Shot("print")
		})
	}
}
