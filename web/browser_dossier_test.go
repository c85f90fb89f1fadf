package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/tdkttest"
)

// tab is one signed-in browser context of a browser test, with the checks every
// page gets: a screenshot and no horizontal overflow.
type tab struct {
	t      *testing.T
	ctx    context.Context
	url    string
	shots  string
	prefix string
	width  int64
}

func (b *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *tab) shot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(b.shots, b.prefix+"-"+name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", path)
}

func (b *tab) noOverflow(page string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("document.documentElement.scrollWidth <= window.innerWidth"))
	if err != nil {
		b.t.Fatal(err)
	}
	if !ok {
		b.t.Errorf("%s: the page is wider than the %d px screen", page, b.width)
	}
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatal(err)
	}
	return s
}

// TestBrowserDossierAndVote walks the procedure in Chromium at a phone's width and at
// a desktop's: a commune clerk creates a dossier, adds a candidate and submits it; a
// council member opens the meeting and votes. SQLite only, like the other browser tests.
func TestBrowserDossierAndVote(t *testing.T) {
	bctx := tdkttest.Browser(t)
	shots := tdkttest.ScreenshotDir(t)
	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"phone", 390, 844, true}, {"desktop", 1280, 800, false}} {
		t.Run(vp.name, func(t *testing.T) {
			p := newProcedure(t, tdkttest.SQLite(t))
			f, ctx := p.Fixture, context.Background()
			open := func(login string) *tab {
				t.Helper()
				c, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
				t.Cleanup(cancel)
				if err := chromedp.Do(c); err != nil {
					t.Fatal(err)
				}
				b := &tab{t: t, ctx: c, url: f.Server.URL, shots: shots, prefix: vp.name, width: vp.width}
				var opts []chromedp.EmulateViewportOption
				if vp.mobile {
					opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
				}
				b.do("log in as "+login, chromedp.EmulateViewport(vp.width, vp.height, opts...),
					chromedp.Navigate(f.Server.URL+"/app/login"), chromedp.WaitVisible(chromedp.ID("login")),
					chromedp.SendKeys(chromedp.ID("login"), login), chromedp.SendKeys(chromedp.ID("password"), tdkttest.Password),
					chromedp.Click(chromedp.ID("submit")), chromedp.WaitVisible(chromedp.ID("q")))
				return b
			}

			clerk := open("canbo.a")
			clerk.do("the new dossier form", chromedp.Navigate(f.Server.URL+"/app/dossiers/new"), chromedp.WaitVisible(chromedp.ID("f-award")))
			clerk.noOverflow("new dossier")
			clerk.do("create", chromedp.SetValue(chromedp.ID("f-award"), "chien_si_thi_dua_bo_tinh"),
				chromedp.SetValue(chromedp.ID("f-year"), "2025"), chromedp.SendKeys(chromedp.ID("f-period_from"), "2023"),
				chromedp.SendKeys(chromedp.ID("f-reason"), "Hoàn thành xuất sắc nhiệm vụ ba năm liền, có sáng kiến cấp tỉnh"),
				chromedp.Click(chromedp.ID("save")), chromedp.WaitVisible(chromedp.ID("dossier-status")))
			person := "p-" + itoa(p.Good.ID)
			clerk.do("find a candidate", chromedp.SendKeys(chromedp.ID("q"), "le thi mai"), chromedp.Click(chromedp.ID("find")),
				chromedp.WaitVisible(chromedp.ID(person)))
			clerk.shot("dossier-search")
			clerk.noOverflow("candidate search")
			clerk.do("add her", chromedp.Click(chromedp.ID(person)), chromedp.Click(chromedp.ID("add-candidate")),
				chromedp.WaitVisible(chromedp.CSS(".candidates")))
			clerk.do("open the reasons", chromedp.Click(chromedp.CSS(".candidates details summary")), chromedp.WaitVisible(chromedp.CSS(".candidates ul.reasons")))
			clerk.noOverflow("dossier with a candidate")
			clerk.do("submit", chromedp.Click(chromedp.ID("step-submit")), chromedp.WaitNotPresent(chromedp.ID("step-submit")),
				chromedp.WaitVisible(chromedp.ID("dossier-status")))
			if s := clerk.text("#dossier-status"); s != "Đã gửi, chờ tiếp nhận" {
				t.Errorf("status after submitting: %q", s)
			}
			if s := clerk.text("main"); !strings.Contains(s, "Lê Thị Mai") || !strings.Contains(s, "Ủy ban nhân dân tỉnh Thử Nghiệm") {
				t.Errorf("the submitted dossier page lacks the candidate or the holder")
			}
			clerk.shot("dossier-submitted")
			clerk.noOverflow("submitted dossier")

			// The province takes it to its council (through the use cases: the pages
			// of these steps are tested over HTTP).
			list, _ := f.Svc.Dossiers(ctx, &p.ProvClerk, nil)
			d := list[0]
			for _, a := range []tdkt.DossierAction{tdkt.ActReceive, tdkt.ActAppraise, tdkt.ActToCouncil} {
				var err error
				if d, err = f.Svc.Step(ctx, &p.ProvClerk, d.ID, a, p.dossier(t, d.ID).Dossier.Version, ""); err != nil {
					t.Fatal(a, err)
				}
			}
			m, err := f.Svc.OpenMeeting(ctx, &p.ProvClerk, p.Council.ID, "2026-11-26", "Phòng họp số 1, trụ sở Ủy ban nhân dân tỉnh", []int64{d.ID})
			if err != nil {
				t.Fatal(err)
			}

			member := open("hd2")
			member.do("the inbox", chromedp.Navigate(f.Server.URL+"/app/inbox"), chromedp.WaitVisible(chromedp.CSS(`a[href="/app/meetings/`+itoa(m.ID)+`"]`)))
			member.noOverflow("member's inbox")
			member.do("open the meeting", chromedp.Click(chromedp.CSS(`a[href="/app/meetings/`+itoa(m.ID)+`"]`)), chromedp.WaitVisible(chromedp.CSS(".vote")))
			member.shot("meeting-ballot")
			member.noOverflow("ballot")
			member.do("vote", chromedp.Click(chromedp.CSS(".vote .yes")), chromedp.WaitVisible(chromedp.CSS(".done")))
			if s := member.text(".done"); !strings.Contains(s, "Đã bỏ phiếu") {
				t.Errorf("after the vote: %q", s)
			}
			member.shot("meeting-voted")
			member.noOverflow("after the vote")
		})
	}
}
