package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestBrowserRegistrationPicker types a name without diacritics into the
// registration's person box in Chromium, at a phone's width and a desktop's: the
// list under the box offers the person with birth year and unit, a tap fills the box,
// and the registration saved names her. SQLite only, like the other browser tests.
func TestBrowserRegistrationPicker(t *testing.T) {
	bctx := tdkttest.Browser(t)
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			db := tdkttest.SQLite(t)
			f := tdkttest.NewFixture(t, db)
			b := tdkttest.NewTab(t, bctx, vp, "picker-")
			b.Step("log in", b.Emulate(), f.LogIn(t, "canbo.a"))
			axeOn(t, b, f.Server.URL+"/app/registrations?year=2026")
			b.Step("open the registration", chromedp.Navigate(f.Server.URL+"/app/registrations?year=2026"), chromedp.WaitVisible(chromedp.ID("p-1")))
			b.Step("type a name without diacritics", chromedp.SendKeys(chromedp.ID("p-1"), "nguyen thi"),
				chromedp.WaitVisible(chromedp.CSS("#p-1-list li")))
			offer := b.Text("#p-1-list")
			wantText := nhung + " · 1985 · Ủy ban nhân dân xã Đông Hòa · #" + itoa(f.PersonA.ID)
			if !strings.Contains(offer, wantText) {
				t.Fatalf("the box offers %q, want %q", offer, wantText)
			}
			b.Shot("offer")
			b.NoOverflow("registration with the person list open")
			b.Step("pick her and register", chromedp.Click(chromedp.CSS("#p-1-list li")),
				chromedp.SetValue(chromedp.ID("a-1"), "lao_dong_tien_tien"), chromedp.Click(chromedp.ID("register")),
				chromedp.WaitVisible(chromedp.CSS(".reg-line input[value*='#"+itoa(f.PersonA.ID)+"']")))
			var x sqldb.RegistrationRow
			ctx := context.Background()
			if err := db.View(ctx, func(tx *sqldb.Tx) (err error) { x, err = tx.RegistrationOf(ctx, f.CommuneA.ID, 2026); return err }); err != nil {
				t.Fatal(err)
			}
			if len(x.People) != 1 || x.People[0].PersonID != f.PersonA.ID || x.People[0].Award != "lao_dong_tien_tien" {
				t.Fatalf("the registration holds %+v, want %s for Lao động tiên tiến", x.People, nhung)
			}
		})
	}
}
