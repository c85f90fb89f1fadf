package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/core"
	"tdkt/tdkttest"
)

// TestBrowserPublishesNews walks the news path in Chromium at a phone's width and at a
// desktop's: the clerk writes an article and submits it, a leader logs in and approves
// it, and it shows on the portal's front page and its own page. SQLite only: the
// storage is tested on both databases elsewhere.
func TestBrowserPublishesNews(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	if _, err := f.Svc.CreateAccount(context.Background(), nil, core.NewAccount{Login: "lanhdao", Name: "Lê Văn Minh",
		Password: tdkttest.Password, Role: tdkt.RoleLeader, OrgCode: "T01"}); err != nil {
		t.Fatal(err)
	}
	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
		title         string
	}{{"phone", 390, 844, true, "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 34-CT/TW"},
		{"desktop", 1280, 800, false, "Tuyên dương 20 gương điển hình tiên tiến xã Đông Hòa"}} {
		t.Run(vp.name, func(t *testing.T) {
			b := tdkttest.NewTab(t, bctx, tdkttest.Viewport{Name: vp.name, Width: vp.width, Height: vp.height, Mobile: vp.mobile}, "news-")
			tab := b.Context()
			step, shot, noOverflow := b.Step, b.Shot, b.NoOverflow
			text := b.Text
			// waitStatus waits until the article's page shows a status: a click submits a
			// form, and the old page stays in place until the new one loads.
			waitStatus := func(what, want string) {
				t.Helper()
				js := `(document.getElementById("article-status") || {}).textContent === ` + strconv.Quote(want)
				for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(100 * time.Millisecond) {
					ctx, cancel := context.WithTimeout(tab, 5*time.Second)
					ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
					cancel()
					if err == nil && ok {
						return
					}
					if time.Now().After(deadline) {
						t.Fatalf("%s: the status is not %q (%v)", what, want, err)
					}
				}
			}
			login := func(who string) {
				t.Helper()
				step("log in as "+who, f.LogIn(t, who), chromedp.WaitVisible(chromedp.CSS("nav .nav")))
			}
			step("set the screen", b.Emulate())

			login("canbo.a")
			step("open the editor", chromedp.Navigate(f.Server.URL+"/app/news"), chromedp.WaitVisible(chromedp.ID("new-article")),
				chromedp.Click(chromedp.ID("new-article")), chromedp.WaitVisible(chromedp.ID("f-title")))
			step("write", chromedp.SendKeys(chromedp.ID("f-title"), vp.title),
				chromedp.SendKeys(chromedp.ID("f-summary"), "Sáng 20/11, UBND xã Đông Hòa tổ chức hội nghị, khen thưởng 12 tập thể và 20 cá nhân."),
				chromedp.SendKeys(chromedp.ID("f-body"), "## Kết quả nổi bật\n\nPhong trào **“Cả nước thi đua xây dựng nông thôn mới”** đạt nhiều kết quả.\n\n- 12 tập thể\n- 20 cá nhân"),
				chromedp.SendKeys(chromedp.ID("f-tags"), "Chỉ thị 34, nông thôn mới"))
			noOverflow("editor")
			shot("editor")
			step("save", chromedp.Click(chromedp.ID("save-article")), chromedp.WaitVisible(chromedp.ID("step-submit")))
			step("submit", chromedp.Click(chromedp.ID("step-submit")))
			waitStatus("submit", "Chờ duyệt")
			step("log out", chromedp.Click(chromedp.CSS(".who button")), chromedp.WaitVisible(chromedp.ID("login")))

			login("lanhdao")
			step("open the list", chromedp.Navigate(f.Server.URL+"/app/news"), chromedp.WaitVisible(chromedp.ID("h-review")))
			if s := text("main"); !strings.Contains(s, vp.title) {
				t.Fatalf("the leader's list lacks the article: %s", s)
			}
			shot("review-list")
			noOverflow("review list")
			step("open the article", chromedp.Click(chromedp.CSS("section[aria-labelledby=h-review] ul a")), chromedp.WaitVisible(chromedp.ID("step-approve")))
			shot("review")
			noOverflow("review")
			step("approve", chromedp.Click(chromedp.ID("step-approve")))
			waitStatus("approve", "Đã duyệt đăng")
			step("log out", chromedp.Click(chromedp.CSS(".who button")), chromedp.WaitVisible(chromedp.ID("login")))

			step("open the portal", chromedp.Navigate(f.Server.URL+"/"), chromedp.WaitVisible(chromedp.ID("h-news")))
			if s := text(".portal-news"); !strings.Contains(s, vp.title) {
				t.Errorf("the front page lacks the article: %s", s)
			}
			shot("portal")
			noOverflow("portal")
			step("read it", chromedp.Click(chromedp.CSS(".portal-news h3 a")), chromedp.WaitVisible(chromedp.CSS("article.news-article h1")))
			if s := text("article.news-article"); !strings.Contains(s, vp.title) || !strings.Contains(s, "Kết quả nổi bật") || !strings.Contains(s, "20 cá nhân") {
				t.Errorf("the article page lacks its text: %s", s)
			}
			shot("article")
			noOverflow("article")
			// the news feed, as a reader's feed reader fetches it
			step("open the RSS feed", chromedp.Navigate(f.Server.URL+"/rss.xml"))
			ctx, cancel := context.WithTimeout(tab, 10*time.Second)
			feed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.textContent`))
			cancel()
			if err != nil || !strings.Contains(feed, vp.title) {
				t.Errorf("the RSS feed lacks the article (%v): %.300s", err, feed)
			}
		})
	}
}
