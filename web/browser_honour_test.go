package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/tdkttest"
)

// TestBrowserHonourRoll searches the public honour roll in Chromium at a phone's
// width and a desktop's, without diacritics, and opens the person's page, which must
// not show her citizen ID or birth date. SQLite only: it tests the pages.
func TestBrowserHonourRoll(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	// a Nguyễn Văn with an award, for the common search "nguyen van"
	van := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Nguyễn Văn Bình", Sex: tdkt.Male, Group: tdkt.GroupOfficials,
		CCCD: "001080012399", BirthDate: "1980-06-15", Position: "Công chức địa chính"}
	if err := f.Svc.CreatePerson(context.Background(), &f.ClerkA, &van); err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.SaveHonour(context.Background(), &f.ClerkA, &tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Individual, ID: van.ID},
		AwardCode: "lao_dong_tien_tien", Year: 2025, Kind: tdkt.KindMerit,
		Decision: tdkt.Decision{Number: "126/QĐ-UBND", Date: "2026-01-15", Issuer: f.CommuneA.Name}}); err != nil {
		t.Fatal(err)
	}
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			b := tdkttest.NewTab(t, bctx, vp, "honour-")
			step, shot, noOverflow := b.Step, b.Shot, b.NoOverflow
			text := func() string { return b.Text("main") }
			step("open the honour roll", b.Emulate(),
				chromedp.Navigate(f.Server.URL+"/bang-vang"), chromedp.WaitVisible(chromedp.ID("q")))
			noOverflow("honour roll")
			step("search nguyen van", chromedp.SendKeys(chromedp.ID("q"), "nguyen van"), chromedp.Click(chromedp.ID("roll-search")),
				chromedp.WaitVisible(chromedp.CSS("ul.roll.searched a")))
			if s := text(); !strings.Contains(s, "Nguyễn Văn Bình") || !strings.Contains(s, "126/QĐ-UBND") || strings.Contains(s, "001080012399") ||
				strings.Contains(s, "Nguyễn Thị Hồng Nhung") {
				t.Errorf("search nguyen van: %s", s)
			}
			step("back to the roll", chromedp.Navigate(f.Server.URL+"/bang-vang"), chromedp.WaitVisible(chromedp.ID("q")))
			step("search", chromedp.SendKeys(chromedp.ID("q"), "nguyen thi"), chromedp.Click(chromedp.ID("roll-search")),
				chromedp.WaitVisible(chromedp.CSS("ul.roll.searched a")))
			if s := text(); !strings.Contains(s, "Nguyễn Thị Hồng Nhung") || !strings.Contains(s, "125/QĐ-UBND") || !strings.Contains(s, "Kết quả tìm kiếm") {
				t.Errorf("the results lack the person: %s", s)
			}
			shot("results")
			noOverflow("results")
			step("open the person", chromedp.Click(chromedp.CSS("ul.roll.searched a")), chromedp.WaitVisible(chromedp.ID("awards")))
			s := text()
			for _, w := range []string{"Nguyễn Thị Hồng Nhung", "Chiến sĩ thi đua cơ sở", "125/QĐ-UBND", "15/01/2026"} {
				if !strings.Contains(s, w) {
					t.Errorf("the person page lacks %q", w)
				}
			}
			for _, p := range privateOfA {
				if strings.Contains(s, p) {
					t.Errorf("the person page shows %q", p)
				}
			}
			shot("person")
			noOverflow("person")
		})
	}
}
