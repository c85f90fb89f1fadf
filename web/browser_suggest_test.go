package web_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/tdkttest"
)

// fillEligible adds n people to commune A, each rated excellent in 2025 with a base
// initiative: two lines of the year-end list each (Lao động tiên tiến and Chiến sĩ
// thi đua cơ sở), on top of PersonA's two.
func fillEligible(t testing.TB, f *tdkttest.Fixture, n int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		p := tdkt.Person{OrgID: f.CommuneA.ID, FullName: fmt.Sprintf("Lê Văn Thử %03d", i), Sex: tdkt.Male, BirthDate: "1990-01-01",
			Group: tdkt.GroupOfficials, Position: "Công chức", HiredOn: "2015-01-01", Ethnicity: "Kinh"}
		if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &p); err != nil {
			t.Fatal(err)
		}
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: p.ID}
		if err := f.Svc.SaveRating(ctx, &f.ClerkA, &tdkt.YearRating{Subject: sub, Year: 2025, Rating: tdkt.RatingExcellent}); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.SaveInitiative(ctx, &f.ClerkA, &tdkt.Initiative{Subject: sub, Year: 2025, Title: "Sáng kiến", Scope: tdkt.ScopeBase}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserSuggestPages works the year-end list of a commune with 122 lines in
// Chromium: the first screen counts the lines per award, a page is a few screens on a
// phone, the award's count lists that award alone, the next page keeps the filter,
// and ticking two lines of that page and proposing makes a dossier with those two.
// It runs on SQLite only: it tests the page, the storage is tested on both databases.
func TestBrowserSuggestPages(t *testing.T) {
	bctx := tdkttest.Browser(t)
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
			fillEligible(t, f, 60)
			b := tdkttest.NewTab(t, bctx, vp, "suggest-")
			ctx := b.Context()
			eval := func(js string) float64 {
				t.Helper()
				c, cancel := context.WithTimeout(ctx, 10*time.Second)
				defer cancel()
				v, err := chromedp.Run(c, chromedp.Evaluate[float64](js))
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			b.Step("log in", b.Emulate(), f.LogIn(t, "canbo.a"))
			axeOn(t, b, f.Server.URL+"/app/suggest?year=2025&page=2")
			b.Step("open the list", chromedp.Navigate(f.Server.URL+"/app/suggest?year=2025"), chromedp.WaitVisible(chromedp.ID("award-counts")))
			counts := b.Text("#award-counts")
			for _, w := range []string{"61 Lao động tiên tiến", "61 Chiến sĩ thi đua cơ sở"} {
				if !strings.Contains(counts, w) {
					t.Errorf("the first screen's counts %q lack %q", counts, w)
				}
			}
			if got := b.Text("#page-of"); !strings.Contains(got, "Trang 1/7: dòng 1–20 của 122") {
				t.Errorf("page line %q", got)
			}
			if n := eval(`document.querySelectorAll('table.suggest tbody tr').length`); n != 20 {
				t.Errorf("%v lines on the first page, want 20", n)
			}
			if n := eval(`document.querySelectorAll('#unverified').length`); n != 1 {
				t.Errorf("the unverified note is said %v times, want once at the top", n)
			}
			height := eval(`document.body.scrollHeight`)
			t.Logf("%s: a page of the list is %.0f px high (%.1f screens)", vp.Name, height, height/float64(vp.Height))
			if height > 6*float64(vp.Height) {
				t.Errorf("a page of the list is %.0f px high, more than 6 screens of %d px", height, vp.Height)
			}
			b.Shot("page1")
			b.NoOverflow("suggest page 1")

			b.Step("list one award", chromedp.Click(chromedp.CSS(`#award-counts a[href*="award=lao_dong_tien_tien"]`)),
				chromedp.WaitVisible(chromedp.ID("page-next")))
			if got := b.Text("#page-of"); !strings.Contains(got, "Trang 1/4: dòng 1–20 của 61") {
				t.Errorf("the award's list: page line %q", got)
			}
			b.Step("next page", chromedp.Click(chromedp.ID("page-next")), chromedp.WaitVisible(chromedp.ID("page-prev")))
			if got := b.Text("#page-of"); !strings.Contains(got, "Trang 2/4: dòng 21–40 của 61") {
				t.Errorf("the second page: page line %q", got)
			}
			if n := eval(`[...document.querySelectorAll('table.suggest tbody tr strong')].filter(e => e.textContent !== 'Lao động tiên tiến').length`); n != 0 {
				t.Errorf("the next page lost the award filter: %v other lines", n)
			}
			b.Shot("page2")
			b.NoOverflow("suggest page 2")

			c, cancel := context.WithTimeout(ctx, 10*time.Second)
			picks, err := chromedp.Run(c, chromedp.Evaluate[[]string](`[...document.querySelectorAll('input[name=pick]')].slice(3, 5).map(e => e.value)`))
			cancel()
			if err != nil || len(picks) != 2 {
				t.Fatalf("picks %v, %v", picks, err)
			}
			b.Step("tick two lines and propose", chromedp.Click(chromedp.CSS(`input[name=pick][value="`+picks[0]+`"]`)),
				chromedp.Click(chromedp.CSS(`input[name=pick][value="`+picks[1]+`"]`)),
				chromedp.Click(chromedp.ID("propose-ticked")), chromedp.WaitVisible(chromedp.ID("candidates")))
			c, cancel = context.WithTimeout(ctx, 10*time.Second)
			loc, err := chromedp.Run(c, chromedp.Evaluate[string](`location.pathname`))
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			var id int64
			if _, err := fmt.Sscanf(loc, "/app/dossiers/%d", &id); err != nil {
				t.Fatalf("proposing ended on %q, not a dossier", loc)
			}
			d, err := f.Svc.GetDossier(context.Background(), &f.ClerkA, id)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, cd := range d.Dossier.Candidates {
				got = append(got, d.Dossier.Award+"|"+string(cd.Subject.Kind)+"|"+itoa(cd.Subject.ID))
			}
			slices.Sort(got)
			slices.Sort(picks)
			if !slices.Equal(got, picks) {
				t.Errorf("the dossier holds %v, want the two ticked lines %v", got, picks)
			}
		})
	}
}
