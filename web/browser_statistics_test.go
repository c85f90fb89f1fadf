package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tdkt/tdkttest"
)

// TestBrowserStatistics opens biểu 0602.N as the province's administrator on a phone
// and a desktop: the form shows its totals, the wide table scrolls inside its box
// rather than the page, and axe finds no serious or critical violation.
func TestBrowserStatistics(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewStatsFixture(t, tdkttest.SQLite(t))
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			b := tdkttest.NewTab(t, bctx, vp, "statistics-")
			b.Step("log in", b.Emulate(),
				f.LogIn(t, "quantri"), chromedp.WaitVisible(chromedp.ID("q")))
			b.Step("choose 0602 for 2025", chromedp.Navigate(f.Server.URL+"/app/statistics"), chromedp.WaitVisible(chromedp.ID("f-form")),
				chromedp.SetValue(chromedp.ID("f-form"), "0602"), chromedp.SetValue(chromedp.ID("f-year"), "2025"),
				// The page already shows this year's form: wait for the chosen year's.
				chromedp.Click(chromedp.ID("run")), chromedp.WaitVisible(chromedp.Search(`//p[@class="stat-year" and contains(., "Năm 2025")]`)))
			if s := b.Text("main"); !strings.Contains(s, "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC") || !strings.Contains(s, "Biểu số: 0602.N/BNV-TĐKT") {
				t.Errorf("the page: %s", s)
			}
			b.Shot("0602")
			b.NoOverflow("0602")
			for _, v := range tdkttest.Axe(t, b.Context(), f.Server.URL+"/app/statistics?form=0602&year=2025") {
				t.Errorf("axe: %s", v)
			}
		})
	}
}
