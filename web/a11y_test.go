package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tdkt"
	"tdkt/core"
	"tdkt/tdkttest"
)

// viewports are the widths the public pages are checked at.
var viewports = []struct {
	name          string
	width, height int64
	mobile        bool
}{{"phone", 390, 844, true}, {"desktop", 1280, 800, false}}

// publicSite is the fixture's province with something on every public page: a
// nomination open for comment, a decided dossier with its certificate, a published
// typical example and a published article. It returns the addresses to check.
func publicSite(t *testing.T) (*procedure, []string) {
	t.Helper()
	p := newProcedure(t, tdkttest.SQLite(t))
	f, ctx := p.Fixture, context.Background()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	steps := func(id int64, steps ...struct {
		who *tdkt.Account
		a   tdkt.DossierAction
	}) {
		t.Helper()
		for _, s := range steps {
			_, err := f.Svc.Step(ctx, s.who, id, s.a, p.dossier(t, id).Dossier.Version, "")
			must(string(s.a), err)
		}
	}
	type st = struct {
		who *tdkt.Account
		a   tdkt.DossierAction
	}

	// A nomination open for the public's comments.
	nom, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "huan_chuong_lao_dong_hang_ba", Year: 2025})
	must("nomination", err)
	_, err = f.Svc.AddCandidate(ctx, &f.ClerkA, nom.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good.ID}, "Có sáng chế được ứng dụng rộng rãi")
	must("candidate", err)
	steps(nom.ID, st{&f.ClerkA, tdkt.ActSubmit}, st{&p.ProvClerk, tdkt.ActReceive}, st{&p.ProvClerk, tdkt.ActAppraise}, st{&p.ProvClerk, tdkt.ActPublish})

	// A decided dossier: its certificate has a public verification page.
	d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Kind: tdkt.KindMerit, Year: 2025, PeriodFrom: 2023})
	must("dossier", err)
	cand, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good.ID}, "")
	must("candidate", err)
	steps(d.ID, st{&f.ClerkA, tdkt.ActSubmit}, st{&p.ProvClerk, tdkt.ActReceive}, st{&p.ProvClerk, tdkt.ActAppraise}, st{&p.ProvClerk, tdkt.ActToCouncil})
	m, err := f.Svc.OpenMeeting(ctx, &p.ProvClerk, p.Council.ID, "2026-11-26", "Phòng họp số 1", []int64{d.ID})
	must("meeting", err)
	for i, member := range p.Members {
		if i == 9 { // the chairman of commune A may not vote on his own commune's people
			must("recuse", f.Svc.Recuse(ctx, &member, m.ID, cand.ID, "Cùng đơn vị"))
			continue
		}
		must("vote", f.Svc.Vote(ctx, &member, m.ID, cand.ID, true))
	}
	_, err = f.Svc.CloseMeeting(ctx, &p.Leader, m.ID, m.Version)
	must("close", err)
	steps(d.ID, st{&p.Leader, tdkt.ActApprove})
	_, err = f.Svc.Decide(ctx, &p.Leader, d.ID, core.DecisionInput{Number: "215/QĐ-UBND", Date: "2026-11-26", Signer: "Nguyễn Văn Chủ",
		SignerTitle: "CHỦ TỊCH", Version: p.dossier(t, d.ID).Dossier.Version})
	must("decide", err)
	_, certs, err := f.Svc.Certificates(ctx, &f.ClerkA, d.ID)
	must("certificates", err)

	// A congress's typical example, published.
	g, err := f.Svc.CreateCongress(ctx, &f.Admin, core.CongressInput{OrgID: f.Province.ID, Name: "Đại hội Thi đua yêu nước tỉnh lần thứ VI",
		HeldOn: "2026-10-20", PeriodFrom: 2021, PeriodTo: 2025})
	must("congress", err)
	x, err := f.Svc.SelectExample(ctx, &f.Admin, g.ID, tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID})
	must("example", err)
	x, err = f.Svc.SaveStory(ctx, &f.Admin, g.ID, x.ID, core.StoryInput{Title: "Người gìn giữ ký ức làng", Summary: "Ba năm liền hoàn thành xuất sắc nhiệm vụ.",
		Body: "Chị số hóa hồ sơ của xã.\n\nChị hướng dẫn các thôn lưu giữ hồ sơ thi đua.", Published: true, Version: x.Version})
	must("story", err)
	g, err = f.Svc.StepCongress(ctx, &f.Admin, g.ID, tdkt.CongressHold, g.Version)
	must("hold", err)
	_, err = f.Svc.StepCongress(ctx, &f.Admin, g.ID, tdkt.CongressPublish, g.Version)
	must("publish", err)

	// A published article.
	a, err := f.Svc.CreateArticle(ctx, &p.ProvClerk, core.ArticleInput{Title: "Tỉnh tổ chức Đại hội Thi đua yêu nước lần thứ VI",
		Summary: "Đại hội tôn vinh 120 gương điển hình tiên tiến.", Category: "thi-dua-khen-thuong",
		Body: "Sáng 20/10, tỉnh tổ chức Đại hội Thi đua yêu nước lần thứ VI.\n\nĐại hội tôn vinh các tập thể, cá nhân tiêu biểu."})
	must("article", err)
	a, err = f.Svc.StepArticle(ctx, &p.ProvClerk, a.ID, tdkt.ArticleSubmit, a.Version, time.Time{})
	must("submit article", err)
	a, err = f.Svc.StepArticle(ctx, &p.Leader, a.ID, tdkt.ArticleApprove, a.Version, time.Time{})
	must("approve article", err)

	return p, []string{
		"/",
		"/tin-tuc",
		"/tin-tuc/" + a.Slug,
		"/y-kien",
		"/y-kien/" + itoa(nom.ID),
		"/xac-minh/" + certs[0].Token,
		"/dien-hinh",
		"/dien-hinh/" + itoa(x.ID),
		"/bang-vang",
		"/bang-vang?q=le+thi+mai",
		"/bang-vang/ca-nhan/" + itoa(p.Good.ID),
		"/van-ban",
		"/lien-he",
		"/xac-minh/",
		"/app/login",
	}
}

// TestA11yPublicPages runs axe-core (WCAG 2.1 A and AA) on every public page at a
// phone's width and a desktop's: no serious or critical violation.
func TestA11yPublicPages(t *testing.T) {
	bctx := tdkttest.Browser(t)
	p, paths := publicSite(t)
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			tab, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
			defer cancel()
			var opts []chromedp.EmulateViewportOption
			if vp.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
			}
			if err := chromedp.Do(tab, chromedp.EmulateViewport(vp.width, vp.height, opts...)); err != nil {
				t.Fatal(err)
			}
			for _, path := range paths {
				status := get(t, p.Fixture, p.Client(t, ""), path).Status
				if status != 200 {
					t.Errorf("%s: status %d, want 200", path, status)
					continue
				}
				for _, v := range tdkttest.Axe(t, tab, p.Server.URL+path) {
					t.Errorf("%s: %s", path, v)
				}
			}
		})
	}
}

// TestA11yAxeWorks checks the checker: on a page that breaks the rules on purpose,
// served with the application's Content-Security-Policy, axe must find the missing
// alternative text, the unlabelled field and the faint text. Without this a broken
// injection would pass every page.
func TestA11yAxeWorks(t *testing.T) {
	bctx := tdkttest.Browser(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'")
		if r.URL.Path == "/faint.css" {
			w.Header().Set("Content-Type", "text/css")
			w.Write([]byte(".faint { color: #bbb; background: #fff; }"))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="vi"><head><title>Trang lỗi</title><link rel="stylesheet" href="/faint.css"></head>
<body><main><h1>Trang lỗi</h1><img src="/x.png"><input type="text" name="q"><p class="faint">Chữ quá nhạt</p></main></body></html>`))
	}))
	defer srv.Close()
	tab, cancel := chromedp.NewContext(bctx)
	defer cancel()
	found := map[string]bool{}
	for _, v := range tdkttest.Axe(t, tab, srv.URL+"/") {
		found[v.ID] = true
	}
	for _, id := range []string{"image-alt", "label", "color-contrast"} {
		if !found[id] {
			t.Errorf("axe did not report %s on a page that breaks it; it reported %v", id, found)
		}
	}
}

// focusStep is what the keyboard reached after one press of Tab.
type focusStep struct {
	Tag, ID, Href, Text string
	Visible             bool    // :focus-visible applies and draws an outline or a shadow
	Contrast            float64 // of the outline against the colour behind the element
	Outline             string
}

// focusProbe describes the focused element and whether its focus can be seen: the
// computed outline (style not none, width above 0) or box-shadow, and the contrast
// of the outline's colour with the first opaque background behind the element
// (WCAG 2.1, 1.4.11 asks 3:1 of what shows a state).
const focusProbe = `(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {Tag: 'body'};
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let bg = 'rgb(255, 255, 255)';
  for (let p = e.parentElement; p; p = p.parentElement) {
    const c = getComputedStyle(p).backgroundColor, v = rgb(c);
    if (v.length === 3 || v[3] > 0) { bg = c; break; }
  }
  const a = lum(s.outlineColor), b = lum(bg);
  return {Tag: e.tagName.toLowerCase(), ID: e.id, Href: e.getAttribute('href') || '',
    Text: (e.innerText || e.value || '').trim().slice(0, 60),
    Visible: e.matches(':focus-visible') && (outline || shadow),
    Contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
    Outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor + ' on ' + bg + (shadow ? ' shadow ' + s.boxShadow : '')};
})()`

// tabStops counts the elements that Tab visits: links, buttons and fields that are
// shown and not disabled, without tabindex="-1".
const tabStops = `[...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter(e => !e.disabled && e.getAttribute('tabindex') !== '-1' && e.type !== 'hidden' && e.getClientRects().length > 0).length`

// TestA11yKeyboard tabs through the front page and the honour roll with the
// keyboard only: the skip link comes first, Tab reaches the main links and the
// search box, and every stop shows a focus ring that stands out (3:1) from what is
// behind it.
func TestA11yKeyboard(t *testing.T) {
	bctx := tdkttest.Browser(t)
	p, _ := publicSite(t)
	tab, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer cancel()
	// Open the tab on its own context: the first action binds the tab's life to the
	// context it runs on, and each walk below has a timeout of its own.
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatal(err)
	}
	walk := func(path string, presses int) []focusStep {
		t.Helper()
		ctx, cancel := context.WithTimeout(tab, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx, chromedp.Navigate(p.Server.URL+path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		// Tab past the last stop would leave the page for the browser's own controls,
		// where headless Chromium stops answering key events: press only as often as
		// the page has stops.
		stops, err := chromedp.Run(ctx, chromedp.Evaluate[int](tabStops))
		if err != nil {
			t.Fatal(err)
		}
		var out []focusStep
		for range min(presses, stops) {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			s, err := chromedp.Run(ctx, chromedp.Evaluate[focusStep](focusProbe))
			if err != nil {
				t.Fatal(err)
			}
			if s.Tag == "body" {
				break
			}
			out = append(out, s)
			if !s.Visible {
				t.Errorf("%s: Tab stop %d (%s #%s %q %q) has no visible focus: %s", path, len(out), s.Tag, s.ID, s.Href, s.Text, s.Outline)
			} else if s.Contrast < 3 {
				t.Errorf("%s: Tab stop %d (%s #%s %q %q): the focus ring has a contrast of %.1f:1, want 3:1: %s",
					path, len(out), s.Tag, s.ID, s.Href, s.Text, s.Contrast, s.Outline)
			}
		}
		return out
	}
	reaches := func(path string, got []focusStep, what string, match func(focusStep) bool) {
		t.Helper()
		for _, s := range got {
			if match(s) {
				return
			}
		}
		t.Errorf("%s: Tab never reaches %s; stops: %+v", path, what, got)
	}

	front := walk("/", 40)
	if len(front) == 0 || front[0].Href != "#main" {
		t.Errorf("the first Tab stop on / is %+v, want the skip link to #main", front)
	}
	for _, l := range []struct{ what, href string }{
		{"the front page link", "/"}, {"the staff login", "/app/login"}, {"the honour roll", "/bang-vang"},
	} {
		reaches("/", front, l.what, func(s focusStep) bool { return s.Href == l.href })
	}
	// The public header (name, menu, search box) comes before the page's own form.
	roll := walk("/bang-vang", 24)
	reaches("/bang-vang", roll, "the search box", func(s focusStep) bool { return s.Tag == "input" && s.ID == "q" })
	reaches("/bang-vang", roll, "the search button", func(s focusStep) bool { return s.ID == "roll-search" })
}
