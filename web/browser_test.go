package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt/tdkttest"
)

// TestBrowserFindsAPerson walks the clerk's main path in Chromium at a phone's width
// and at a desktop's: log in, search without diacritics, open the person, read her
// history. It runs on SQLite only: it tests the pages, and the storage is tested on
// both databases elsewhere.
func TestBrowserFindsAPerson(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			// A browser context of its own per width: no cookie carries over.
			b := tdkttest.NewTab(t, bctx, vp, "")
			tab := b.Context()
			step, shot, noOverflow := b.Step, b.Shot, b.NoOverflow
			step("open the portal", b.Emulate(),
				chromedp.Navigate(f.Server.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".card")))
			shot("portal")
			noOverflow("portal")
			step("open the login form", chromedp.Navigate(f.Server.URL+"/app/login"), chromedp.WaitVisible(chromedp.ID("login")))
			shot("login")
			noOverflow("login")
			step("log in", chromedp.SendKeys(chromedp.ID("login"), "canbo.a"), chromedp.SendKeys(chromedp.ID("password"), tdkttest.Password),
				chromedp.Click(chromedp.ID("submit")), chromedp.WaitVisible(chromedp.ID("q")))
			shot("home")
			noOverflow("home")
			step("search", chromedp.SendKeys(chromedp.ID("q"), "nguyen thi"), chromedp.Click(chromedp.ID("search")),
				chromedp.WaitVisible(chromedp.CSS("ul.people a")))
			noOverflow("results")
			step("open the person", chromedp.Click(chromedp.CSS("ul.people a")), chromedp.WaitVisible(chromedp.ID("ratings")))
			ctx, cancel2 := context.WithTimeout(tab, 10*time.Second)
			defer cancel2()
			text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{"Nguyễn Thị Hồng Nhung", "2025", "Hoàn thành xuất sắc nhiệm vụ", "Chiến sĩ thi đua cơ sở", "125/QĐ-UBND", "15/01/2026"} {
				if !strings.Contains(text, w) {
					t.Errorf("the person page lacks %q", w)
				}
			}
			shot("person")
			noOverflow("person")

			// The year-end list, its reasons opened: the widest thing on a phone.
			step("open the suggestion list", chromedp.Navigate(f.Server.URL+"/app/suggest?year=2025"),
				chromedp.WaitVisible(chromedp.CSS("table.suggest td.name a")),
				chromedp.Click(chromedp.CSS("table.suggest details summary")), chromedp.WaitVisible(chromedp.CSS("table.suggest ul.reasons")))
			ctx3, cancel3 := context.WithTimeout(tab, 10*time.Second)
			defer cancel3()
			text, err = chromedp.Run(ctx3, chromedp.Text(chromedp.CSS("main")))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{"Đề xuất khen thưởng năm 2025", "Nguyễn Thị Hồng Nhung", "Lao động tiên tiến", "Tải tệp Excel"} {
				if !strings.Contains(text, w) {
					t.Errorf("the suggestion page lacks %q", w)
				}
			}
			shot("suggest")
			noOverflow("suggestions")

			// A wrong citizen ID comes back with the message beside the field.
			step("edit with a wrong CCCD", chromedp.Navigate(f.Server.URL+"/app/people/"+itoa(f.PersonA.ID)+"/edit"),
				chromedp.WaitVisible(chromedp.ID("f-cccd")), chromedp.SetValue(chromedp.ID("f-cccd"), "12345"),
				chromedp.Click(chromedp.ID("save")), chromedp.WaitVisible(chromedp.ID("e-cccd")))
			shot("edit-invalid")
			noOverflow("edit form")
		})
	}
}
