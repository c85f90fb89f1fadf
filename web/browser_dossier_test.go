package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/tdkttest"
)

// TestBrowserDossierAndVote walks the procedure in Chromium at a phone's width and at
// a desktop's: a commune clerk creates a dossier, adds a candidate and submits it; a
// council member opens the meeting and votes. SQLite only, like the other browser tests.
func TestBrowserDossierAndVote(t *testing.T) {
	bctx := tdkttest.Browser(t)
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			p := newProcedure(t, tdkttest.SQLite(t))
			f, ctx := p.Fixture, context.Background()
			open := func(login string) *tdkttest.Tab {
				t.Helper()
				b := tdkttest.NewTab(t, bctx, vp, "")
				b.Step("log in as "+login, b.Emulate(),
					f.LogIn(t, login), chromedp.WaitVisible(chromedp.ID("q")))
				return b
			}

			clerk := open("canbo.a")
			clerk.Step("the new dossier form", chromedp.Navigate(f.Server.URL+"/app/dossiers/new"), chromedp.WaitVisible(chromedp.ID("f-award")))
			clerk.NoOverflow("new dossier")
			clerk.Step("create", chromedp.SetValue(chromedp.ID("f-award"), "chien_si_thi_dua_bo_tinh"),
				chromedp.SetValue(chromedp.ID("f-year"), "2025"), chromedp.SendKeys(chromedp.ID("f-period_from"), "2023"),
				chromedp.SendKeys(chromedp.ID("f-reason"), "Hoàn thành xuất sắc nhiệm vụ ba năm liền, có sáng kiến cấp tỉnh"),
				chromedp.Click(chromedp.ID("save")), chromedp.WaitVisible(chromedp.ID("dossier-status")))
			person := "p-" + itoa(p.Good.ID)
			clerk.Step("find a candidate", chromedp.SendKeys(chromedp.ID("q"), "le thi mai"), chromedp.Click(chromedp.ID("find")),
				chromedp.WaitVisible(chromedp.ID(person)))
			clerk.Shot("dossier-search")
			clerk.NoOverflow("candidate search")
			clerk.Step("add her", chromedp.Click(chromedp.ID(person)), chromedp.Click(chromedp.ID("add-candidate")),
				chromedp.WaitVisible(chromedp.CSS(".candidates")))
			clerk.Step("open the reasons", chromedp.Click(chromedp.CSS(".candidates details summary")), chromedp.WaitVisible(chromedp.CSS(".candidates ul.reasons")))
			clerk.NoOverflow("dossier with a candidate")
			clerk.Step("submit", chromedp.Click(chromedp.ID("step-submit")), chromedp.WaitNotPresent(chromedp.ID("step-submit")),
				chromedp.WaitVisible(chromedp.ID("dossier-status")))
			if s := clerk.Text("#dossier-status"); s != "Đã gửi, chờ tiếp nhận" {
				t.Errorf("status after submitting: %q", s)
			}
			if s := clerk.Text("main"); !strings.Contains(s, "Lê Thị Mai") || !strings.Contains(s, "Ủy ban nhân dân tỉnh Thử Nghiệm") {
				t.Errorf("the submitted dossier page lacks the candidate or the holder")
			}
			clerk.Shot("dossier-submitted")
			clerk.NoOverflow("submitted dossier")

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
			member.Step("the inbox", chromedp.Navigate(f.Server.URL+"/app/inbox"), chromedp.WaitVisible(chromedp.CSS(`a[href="/app/meetings/`+itoa(m.ID)+`"]`)))
			member.NoOverflow("member's inbox")
			member.Step("open the meeting", chromedp.Click(chromedp.CSS(`a[href="/app/meetings/`+itoa(m.ID)+`"]`)), chromedp.WaitVisible(chromedp.CSS(".vote")))
			member.Shot("meeting-ballot")
			member.NoOverflow("ballot")
			member.Step("vote", chromedp.Click(chromedp.CSS(".vote .yes")), chromedp.WaitVisible(chromedp.CSS("#confirm-vote")),
				chromedp.Click(chromedp.CSS("#confirm-vote")), chromedp.WaitVisible(chromedp.CSS(".done")))
			if s := member.Text(".done"); !strings.Contains(s, "Đã bỏ phiếu") {
				t.Errorf("after the vote: %q", s)
			}
			member.Shot("meeting-voted")
			member.NoOverflow("after the vote")
		})
	}
}
