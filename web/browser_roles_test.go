package web_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/core"
	"tdkt/tdkttest"
)

// roleTab is a tab that does one role's task and keeps what a person would
// notice: how many pages it loaded and forms it sent, the requests that failed,
// the confirm dialogs it answered (always yes), and the pages it saw, which
// finish holds to axe.
type roleTab struct {
	*tdkttest.Tab
	t       *testing.T
	console func() []string

	mu           sync.Mutex
	counting     bool
	loads, posts int
	method       string            // of the last document request: a page after a POST is not loaded again for axe
	urls         map[string]string // request id → address, to name a failed request
	pages        []string          // addresses loaded by GET, in order
	afterPost    int               // pages shown as the answer to a POST, to be checked in place
	checkedHere  int               // pages checked in place by axeHere
	failed       []string
	dialogs      []string
}

// newRoleTab opens a tab at vp, logs in as login (when not empty) and starts
// counting from there: the login is not part of a role's task.
func newRoleTab(t *testing.T, bctx context.Context, vp tdkttest.Viewport, f *tdkttest.Fixture, name, login string) *roleTab {
	t.Helper()
	b := tdkttest.NewTab(t, bctx, vp, "roles-"+name+"-")
	r := &roleTab{Tab: b, t: t, urls: map[string]string{}}
	r.console = watchConsole(t, b.Context())
	// The listener must not call the browser itself: the dialog is answered from a goroutine.
	if err := chromedp.Listen(b.Context(), func(ev any) {
		r.mu.Lock()
		defer r.mu.Unlock()
		switch e := ev.(type) {
		case *cdpage.EventJavascriptDialogOpening:
			r.dialogs = append(r.dialogs, e.Message)
			go chromedp.Call(b.Context(), cdpage.HandleJavaScriptDialog, cdpage.HandleJavaScriptDialogParams{Accept: true})
		case *network.EventRequestWillBeSent:
			r.urls[string(e.RequestID)] = e.Request.URL
			if e.Type == network.ResourceTypeDocument {
				r.method = e.Request.Method
				// A redirect after a POST arrives as a GET with the same request id.
				if r.counting && e.Request.Method == "POST" {
					r.posts++
				}
			}
		case *cdpage.EventFrameNavigated:
			if e.Frame.ParentID == "" && r.counting {
				r.loads++
				if r.method == "GET" {
					r.pages = append(r.pages, e.Frame.URL)
				} else {
					r.afterPost++
				}
			}
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				r.failed = append(r.failed, fmt.Sprintf("%d %s", e.Response.Status, e.Response.URL))
			}
		case *network.EventLoadingFailed:
			if !e.Canceled {
				r.failed = append(r.failed, e.ErrorText+" "+r.urls[string(e.RequestID)])
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	steps := []chromedp.Action[chromedp.Void]{b.Emulate()}
	if login != "" {
		steps = append(steps, f.LogIn(t, login))
	}
	b.Step("open the tab", steps...)
	r.mu.Lock()
	r.counting = true
	r.mu.Unlock()
	return r
}

// axeHere runs axe on the page as it stands, for a page that is the answer to a
// POST and so cannot be loaded again by its address.
func (r *roleTab) axeHere(page string) {
	r.t.Helper()
	src, err := os.ReadFile("../tdkttest/axe/axe.min.js")
	if err != nil {
		r.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(r.Context(), 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		r.t.Fatalf("axe on %s: %v", page, err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]tdkttest.Violation](`axe.run(document, {runOnly: {type: 'tag', values: ['`+
		strings.Join(tdkttest.AxeTags, `','`)+`']}, resultTypes: ['violations']}).then(r =>
  r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    ID: v.id, Impact: v.impact, Help: v.help, HelpURL: v.helpUrl, Nodes: v.nodes.length,
    Targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		r.t.Fatalf("axe on %s: %v", page, err)
	}
	for _, v := range vs {
		r.t.Errorf("%s: axe: %s", page, v)
	}
	r.mu.Lock()
	r.checkedHere++
	r.mu.Unlock()
}

// Step runs actions like tdkttest.Tab.Step, with room for a loaded machine: a
// step that posts a form and waits for the next page may take a while there.
func (r *roleTab) Step(what string, actions ...chromedp.Action[chromedp.Void]) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(r.Context(), 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		r.t.Fatalf("%s: %v", what, err)
	}
}

// menu follows a page's link in the staff menu the way a person does: on a phone
// it opens the folded menu and picks the page under its section; on a desktop it
// opens the section from the top row and picks the page in the second row.
func (r *roleTab) menu(href string) chromedp.Action[chromedp.Void] {
	page := `a[href="` + href + `"]`
	if r.Viewport.Mobile {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			return chromedp.Void{}, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#menu > summary")),
				chromedp.WaitVisible(chromedp.CSS("#menu .sub "+page)), chromedp.Click(chromedp.CSS("#menu .sub "+page)))
		}
	}
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		return chromedp.Void{}, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#menu .nav > li:has(.sub "+page+") > a")),
			chromedp.WaitVisible(chromedp.CSS(".subnav "+page)), chromedp.Click(chromedp.CSS(".subnav "+page)))
	}
}

// finish stops counting, logs the counts, and checks every page the scenario saw:
// axe (the pages loaded by GET again in a second tab of the same session), the
// console and the requests. It returns the counts.
func (r *roleTab) finish(scenario string) (loads, posts int) {
	r.t.Helper()
	r.mu.Lock()
	r.counting = false
	loads, posts = r.loads, r.posts
	pages, failed := append([]string(nil), r.pages...), append([]string(nil), r.failed...)
	unchecked := r.afterPost - r.checkedHere
	r.mu.Unlock()
	if unchecked > 0 {
		r.t.Errorf("scenario %s: %d page(s) shown as the answer to a form were not checked with axe", scenario, unchecked)
	}
	r.t.Logf("scenario %s at %d: %d page loads, %d form posts", scenario, r.Viewport.Width, loads, posts)
	if loads == 0 {
		r.t.Errorf("scenario %s loaded no page", scenario)
	}
	for _, m := range r.console() {
		r.t.Errorf("console: %s", m)
	}
	for _, m := range failed {
		r.t.Errorf("failed request: %s", m)
	}
	seen := map[string]bool{}
	for _, u := range pages {
		u, _, _ = strings.Cut(u, "#")
		if seen[u] {
			continue
		}
		seen[u] = true
		ctx, cancel := chromedp.NewContext(r.Context()) // the same browser context: the same session
		for _, v := range tdkttest.Axe(r.t, ctx, u) {
			r.t.Errorf("%s: axe: %s", u, v)
		}
		cancel()
	}
	return loads, posts
}

// submit clicks a form's button and waits for the next page: the page before it
// is marked, and the mark gone is the new page (a notice may be on both).
func submit(sel string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		return chromedp.Void{}, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.body.dataset.before = '1'`),
			chromedp.Click(chromedp.CSS(sel)), chromedp.WaitNotPresent(chromedp.CSS("body[data-before]")), chromedp.WaitReady(chromedp.CSS("main")))
	}
}

// typeIn replaces what a field holds (the form may fill some in) with text typed.
func typeIn(id, text string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		return chromedp.Void{}, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID(id)),
			chromedp.Evaluate[chromedp.Void](`document.getElementById('`+id+`').value = ''`), chromedp.SendKeys(chromedp.ID(id), text))
	}
}

// answered returns the confirm dialogs answered so far.
func (r *roleTab) answered() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.dialogs...)
}

// TestBrowserRoleScenarios: each role does its main task in Chromium at a phone's
// width and a desktop's, starting from its home page (or the portal) and following
// links, never typing a record's number. Each scenario logs how many pages it loaded
// and how many forms it sent (docs/testing.md keeps them); every page it sees passes
// axe, writes nothing to the console and no request of it fails.
func TestBrowserRoleScenarios(t *testing.T) {
	bctx := tdkttest.Browser(t)
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			t.Run("1-commune-clerk", func(t *testing.T) { scenarioCommuneClerk(t, bctx, vp) })
			t.Run("2-standing-office-receives", func(t *testing.T) { scenarioStandingOffice(t, bctx, vp) })
			t.Run("3-council-member-votes", func(t *testing.T) { scenarioVote(t, bctx, vp) })
			t.Run("4-leader-decides", func(t *testing.T) { scenarioDecide(t, bctx, vp) })
			t.Run("5-admin-sets-up-a-cluster", func(t *testing.T) { scenarioCluster(t, bctx, vp) })
			t.Run("6-citizen-verifies", func(t *testing.T) { scenarioVerify(t, bctx, vp) })
		})
	}
}

// toCouncil takes a commune A dossier for Lê Thị Mai to the province's council
// and opens a meeting on it, through the use cases.
func toCouncil(t *testing.T, p *procedure) (tdkt.Dossier, int64) {
	t.Helper()
	f := p.Fixture
	d := proposeThrough(t, p, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025, PeriodFrom: 2023,
		Reason: "Hoàn thành xuất sắc nhiệm vụ ba năm liền, có sáng kiến cấp tỉnh"}, "",
		step{&f.ClerkA, tdkt.ActSubmit}, step{&p.ProvClerk, tdkt.ActReceive}, step{&p.ProvClerk, tdkt.ActAppraise}, step{&p.ProvClerk, tdkt.ActToCouncil})
	m, err := f.Svc.OpenMeeting(context.Background(), &p.ProvClerk, p.Council.ID, "2026-11-26", "Phòng họp số 1, trụ sở Ủy ban nhân dân tỉnh", []int64{d.ID})
	if err != nil {
		t.Fatal(err)
	}
	return d, m.ID
}

// approvedSudden takes a simplified proposal of commune A for Lê Thị Mai (a
// sudden achievement) to the province leader's approval, through the use cases.
func approvedSudden(t *testing.T, p *procedure) tdkt.Dossier {
	t.Helper()
	f := p.Fixture
	return proposeThrough(t, p, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindSudden,
		Year: 2025, Simplified: true, Reason: "Dũng cảm cứu người trong lũ"}, "Cứu ba người bị nước cuốn trôi ngày 10/9/2025",
		step{&f.ClerkA, tdkt.ActSubmit}, step{&p.ProvClerk, tdkt.ActReceive}, step{&p.Leader, tdkt.ActApprove})
}

// step is one move of a dossier by one account.
type step struct {
	who *tdkt.Account
	act tdkt.DossierAction
}

// proposeThrough proposes p.Good in a new dossier of in and takes it through the steps.
func proposeThrough(t *testing.T, p *procedure, in core.DossierInput, justification string, steps ...step) tdkt.Dossier {
	t.Helper()
	ctx, f := context.Background(), p.Fixture
	d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good.ID}, justification); err != nil {
		t.Fatal(err)
	}
	d = p.dossier(t, d.ID).Dossier
	for _, s := range steps {
		if d, err = f.Svc.Step(ctx, s.who, d.ID, s.act, d.Version, ""); err != nil {
			t.Fatal(s.act, err)
		}
	}
	return d
}

// Scenario 3: a council member opens the meeting from the home page and votes yes,
// confirming the vote on the page that asks.
func scenarioVote(t *testing.T, bctx context.Context, vp tdkttest.Viewport) {
	p := newProcedure(t, tdkttest.SQLite(t))
	_, _ = toCouncil(t, p)
	r := newRoleTab(t, bctx, vp, p.Fixture, "vote", "hd2")
	f := p.Fixture
	meeting := `#todo a[href^="/app/meetings/"]`
	r.Step("the home page", chromedp.Navigate(f.Server.URL+"/app/"), chromedp.WaitVisible(chromedp.CSS(meeting)))
	r.Step("open the meeting", chromedp.Click(chromedp.CSS(meeting)), chromedp.WaitVisible(chromedp.CSS(".vote .yes")))
	if s := r.Text("main"); !strings.Contains(s, "Lê Thị Mai") {
		t.Fatalf("the meeting does not show the candidate:\n%s", s)
	}
	r.NoOverflow("meeting")
	r.Step("vote yes", chromedp.Click(chromedp.CSS(".vote .yes")), chromedp.WaitVisible(chromedp.ID("confirm-vote")))
	if s := r.Text("#vote-choice"); s != "Đồng ý" {
		t.Errorf("the confirmation reads %q", s)
	}
	r.NoOverflow("vote confirmation")
	r.axeHere("vote confirmation")
	r.Step("confirm", chromedp.Click(chromedp.ID("confirm-vote")), chromedp.WaitVisible(chromedp.CSS(".done")))
	if s := r.Text(".done"); !strings.Contains(s, "Đã bỏ phiếu") {
		t.Errorf("after the vote: %q", s)
	}
	r.Shot("voted")
	r.NoOverflow("after the vote")
	if loads, posts := r.finish("3 (council member votes)"); posts != 2 {
		t.Errorf("the vote took %d form posts (%d page loads), want 2: the ballot and its confirmation", posts, loads)
	}
}

// Scenario 4: the leader opens the approved dossier from the home page, fills in
// the decision, agrees to the dialog, and the certificate is listed.
func scenarioDecide(t *testing.T, bctx context.Context, vp tdkttest.Viewport) {
	p := newProcedure(t, tdkttest.SQLite(t))
	d := approvedSudden(t, p)
	f := p.Fixture
	r := newRoleTab(t, bctx, vp, f, "decide", "chutich")
	r.Step("the home page", chromedp.Navigate(f.Server.URL+"/app/"), chromedp.WaitVisible(chromedp.CSS("#todo ol a")))
	r.Step("open the dossier", chromedp.Click(chromedp.CSS("#todo ol a")), chromedp.WaitVisible(chromedp.ID("decide")))
	if s := r.Text("h1"); s != d.Title {
		t.Fatalf("the home page's first dossier is %q, want %q", s, d.Title)
	}
	r.NoOverflow("dossier to decide")
	r.Step("fill in the decision", typeIn("f-number", "77/QĐ-UBND"), typeIn("f-date", "20/11/2026"),
		typeIn("f-signer", "Nguyễn Văn Chủ"), typeIn("f-signer_title", "Chủ tịch"))
	r.Step("decide", chromedp.Click(chromedp.ID("decide")), chromedp.WaitVisible(chromedp.CSS("table.certs")))
	if got := r.answered(); len(got) != 1 || !strings.HasPrefix(got[0], "Ra quyết định khen thưởng?") {
		t.Errorf("the dialogs answered: %q", got)
	}
	if s := r.Text("#dossier-status"); !strings.Contains(s, "quyết định") {
		t.Errorf("the status after deciding: %q", s)
	}
	if s := r.Text("table.certs tbody"); !strings.Contains(s, "Lê Thị Mai") {
		t.Errorf("the certificates: %q", s)
	}
	r.Shot("decided")
	r.NoOverflow("decided dossier")
	if loads, posts := r.finish("4 (leader decides)"); posts != 1 {
		t.Errorf("deciding took %d form posts (%d page loads), want 1", posts, loads)
	}
	_, certs, err := f.Svc.Certificates(context.Background(), &p.Leader, d.ID)
	if err != nil || len(certs) != 1 || certs[0].DecisionNumber != "77/QĐ-UBND" {
		t.Fatalf("certificates after the decision: %+v %v", certs, err)
	}
}

// Scenario 6: a citizen, not logged in, goes from the portal's menu to the
// certificate box, types the code printed on a certificate and reads that it is
// genuine.
func scenarioVerify(t *testing.T, bctx context.Context, vp tdkttest.Viewport) {
	p := newProcedure(t, tdkttest.SQLite(t))
	d := approvedSudden(t, p)
	f, ctx := p.Fixture, context.Background()
	if _, err := f.Svc.Decide(ctx, &p.Leader, d.ID, core.DecisionInput{Number: "77/QĐ-UBND", Date: "2026-11-20", Signer: "Nguyễn Văn Chủ", Version: d.Version}); err != nil {
		t.Fatal(err)
	}
	_, certs, err := f.Svc.Certificates(ctx, &p.Leader, d.ID)
	if err != nil || len(certs) != 1 {
		t.Fatalf("certificates: %v %v", certs, err)
	}
	r := newRoleTab(t, bctx, vp, f, "verify", "")
	box := `a[href="/xac-minh/"]`
	r.Step("the portal", chromedp.Navigate(f.Server.URL+"/"), chromedp.WaitVisible(chromedp.ID("site-q")))
	if vp.Mobile {
		r.Step("open the menu", chromedp.Click(chromedp.CSS(".site-menu summary")), chromedp.WaitVisible(chromedp.CSS(".site-menu "+box)))
		box = ".site-menu " + box
	} else {
		box = ".site-nav " + box
	}
	r.Step("the certificate box", chromedp.Click(chromedp.CSS(box)), chromedp.WaitVisible(chromedp.ID("ma")))
	r.NoOverflow("certificate box")
	r.Step("type the code", chromedp.SendKeys(chromedp.ID("ma"), certs[0].Token), chromedp.Click(chromedp.ID("verify-code")),
		chromedp.WaitNotPresent(chromedp.ID("verify-code")))
	if s := r.Text("main"); !strings.Contains(s, "Lê Thị Mai") || !strings.Contains(s, "77/QĐ-UBND") {
		t.Errorf("the certificate's page:\n%s", s)
	}
	r.Shot("verified")
	r.NoOverflow("verified certificate")
	if loads, posts := r.finish("6 (citizen verifies a certificate)"); posts != 0 || loads != 3 {
		t.Errorf("verifying took %d page loads and %d form posts, want 3 and 0", loads, posts)
	}
}

// Scenario 2: the clerk of the province's standing office receives a dossier sent
// by commune A, returns it with a reason (agreeing to the dialog); the commune sends
// it back (through the use cases); the clerk receives it again and starts the
// appraisal.
func scenarioStandingOffice(t *testing.T, bctx context.Context, vp tdkttest.Viewport) {
	p := newProcedure(t, tdkttest.SQLite(t))
	f, ctx := p.Fixture, context.Background()
	snv := tdkt.Org{Code: "T01-SNV", Name: "Sở Nội vụ tỉnh Thử Nghiệm", Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
	if err := f.Svc.SaveOrg(ctx, nil, &snv); err != nil {
		t.Fatal(err)
	}
	snv.StandingFor = f.Province.ID
	if err := f.Svc.SaveOrg(ctx, &f.Admin, &snv); err != nil {
		t.Fatal(err)
	}
	clerk, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: "canbo.snv", Name: "Phạm Thu Hà", Password: tdkttest.Password, Role: tdkt.RoleClerk, OrgCode: snv.Code})
	if err != nil {
		t.Fatal(err)
	}
	if clerk.ActsFor != f.Province.ID {
		t.Fatalf("the standing office's clerk acts for %d, want the province", clerk.ActsFor)
	}
	d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025, PeriodFrom: 2023,
		Reason: "Hoàn thành xuất sắc nhiệm vụ ba năm liền, có sáng kiến cấp tỉnh"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good.ID}, ""); err != nil {
		t.Fatal(err)
	}
	if d, err = f.Svc.Step(ctx, &f.ClerkA, d.ID, tdkt.ActSubmit, p.dossier(t, d.ID).Dossier.Version, ""); err != nil {
		t.Fatal(err)
	}

	r := newRoleTab(t, bctx, vp, f, "standing", "canbo.snv")
	first := "#todo ol a"
	status := func(want string) {
		t.Helper()
		if s := r.Text("#dossier-status"); s != want {
			t.Errorf("the status reads %q, want %q", s, want)
		}
	}
	r.Step("the home page", chromedp.Navigate(f.Server.URL+"/app/"), chromedp.WaitVisible(chromedp.CSS(first)))
	r.Step("open the dossier", chromedp.Click(chromedp.CSS(first)), chromedp.WaitVisible(chromedp.ID("step-receive")))
	if s := r.Text("h1"); s != d.Title {
		t.Fatalf("the home page's first dossier is %q, want %q", s, d.Title)
	}
	r.NoOverflow("submitted dossier")
	r.Step("receive", chromedp.Click(chromedp.ID("step-receive")), chromedp.WaitVisible(chromedp.ID("note-return")))
	status("Đã tiếp nhận")
	reason := "Thiếu báo cáo thành tích có xác nhận của Chủ tịch UBND xã"
	// The dossier goes back to the commune, out of the office's sight: the office
	// lands on its home page.
	r.Step("return with a reason", chromedp.SendKeys(chromedp.ID("note-return"), reason), chromedp.Click(chromedp.ID("step-return")),
		chromedp.WaitNotPresent(chromedp.ID("step-return")), chromedp.WaitVisible(chromedp.ID("todo")))
	if s := r.Text("main"); !strings.Contains(s, "Không có hồ sơ nào chờ bạn xử lý") {
		t.Errorf("after the return the home page reads:\n%s", s)
	}
	if got := r.answered(); len(got) != 1 || !strings.Contains(got[0], "Trả lại để bổ sung") {
		t.Errorf("the dialogs answered: %q", got)
	}
	if ev := p.dossier(t, d.ID).Events; len(ev) == 0 || ev[len(ev)-1].Action != tdkt.ActReturn || ev[len(ev)-1].Note != reason {
		t.Errorf("the return's reason is not kept: %+v", ev)
	}
	r.Shot("returned")
	r.NoOverflow("returned dossier")

	v := p.dossier(t, d.ID).Dossier
	if v.Status != tdkt.DossierReturned {
		t.Fatalf("after the return the dossier is %s", v.Status)
	}
	if _, err := f.Svc.Step(ctx, &f.ClerkA, d.ID, tdkt.ActResubmit, v.Version, "Đã bổ sung báo cáo thành tích có xác nhận"); err != nil {
		t.Fatal(err)
	}
	r.Step("the home page again", chromedp.Click(chromedp.CSS("a.brand")), chromedp.WaitVisible(chromedp.CSS(first)))
	r.Step("open it again", chromedp.Click(chromedp.CSS(first)), chromedp.WaitVisible(chromedp.ID("step-receive")))
	r.Step("receive it again", chromedp.Click(chromedp.ID("step-receive")), chromedp.WaitVisible(chromedp.ID("step-appraise")))
	r.Step("start the appraisal", chromedp.Click(chromedp.ID("step-appraise")), chromedp.WaitNotPresent(chromedp.ID("step-appraise")),
		chromedp.WaitVisible(chromedp.ID("dossier-status")))
	status("Đang thẩm định")
	r.Shot("appraisal")
	r.NoOverflow("dossier in appraisal")
	if loads, posts := r.finish("2 (standing office receives, returns, appraises)"); posts != 4 {
		t.Errorf("the office's work took %d form posts (%d page loads), want 4", posts, loads)
	}
	if v := p.dossier(t, d.ID).Dossier; v.Status != tdkt.DossierAppraisal {
		t.Errorf("at the end the dossier is %s", v.Status)
	}
}

// Scenario 5: the province's administrator opens a cluster from the menu and sets
// it up: a grading unit, the head for the year, and the signed pact.
func scenarioCluster(t *testing.T, bctx context.Context, vp tdkttest.Viewport) {
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	ctx := context.Background()
	c, err := f.Svc.CreateCluster(ctx, &f.Admin, core.ClusterInput{OrgID: f.Province.ID, Name: "Cụm thi đua các sở", Kind: tdkt.ClusterCum, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range []string{"Sở Tài chính", "Sở Xây dựng", "Sở Y tế"} {
		o := tdkt.Org{Code: fmt.Sprintf("S0%d", i+1), Name: n, Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
		if err := f.Svc.SaveOrg(ctx, nil, &o); err != nil {
			t.Fatal(err)
		}
		col := tdkt.CollectiveUnit{OrgID: o.ID, UnitOrgID: o.ID, Name: n}
		if err := f.Svc.SaveCollective(ctx, &f.Admin, &col); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddClusterMember(ctx, &f.Admin, c.ID, col.ID); err != nil {
			t.Fatal(err)
		}
	}
	r := newRoleTab(t, bctx, vp, f, "cluster", "quantri")
	r.Step("the home page", chromedp.Navigate(f.Server.URL+"/app/"), chromedp.WaitVisible(chromedp.ID("todo")))
	r.Step("the clusters", r.menu("/app/clusters"), chromedp.WaitVisible(chromedp.CSS(`main a[href^="/app/clusters/"]`)))
	r.Step("open the cluster", chromedp.Click(chromedp.CSS(`main a[href^="/app/clusters/"]`)), chromedp.WaitVisible(chromedp.ID("add-grader")))
	if s := r.Text("h1"); !strings.Contains(s, "Cụm thi đua các sở") {
		t.Fatalf("the cluster page is %q", s)
	}
	r.NoOverflow("cluster to set up")
	r.Step("add a grader", chooseOption("f-org_id", "Sở Tài chính"), submit("#add-grader"), chromedp.WaitVisible(chromedp.CSS("p.notice")))
	if s := r.Text("#graders"); !strings.Contains(s, "Sở Tài chính") {
		t.Errorf("the graders: %q", s)
	}
	r.Step("set the head", chooseOption("head-member", "Sở Xây dựng"), submit("#set-head"), chromedp.WaitVisible(chromedp.CSS("p.notice")))
	if s := r.Text("#cluster-head"); s != "Sở Xây dựng" {
		t.Errorf("the head: %q", s)
	}
	pact := "Giao ước thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm 2026."
	r.Step("open the pact", chromedp.Click(chromedp.CSS("#pact details summary")), chromedp.WaitVisible(chromedp.ID("sign-pact")))
	r.Step("record the pact", chromedp.SendKeys(chromedp.ID("f-text"), pact), typeIn("f-signed_on", "10/02/2026"),
		chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('#pact input[name=signed]').forEach(x => x.checked || x.click())`),
		submit("#sign-pact"), chromedp.WaitVisible(chromedp.CSS("#pact p.pact")))
	if s := r.Text("#pact"); !strings.Contains(s, pact) || !strings.Contains(s, "10/02/2026") {
		t.Errorf("the pact reads %q", s)
	}
	r.Shot("cluster")
	r.NoOverflow("cluster set up")
	if loads, posts := r.finish("5 (administrator sets up a cluster)"); posts != 3 {
		t.Errorf("the set-up took %d form posts (%d page loads), want 3", posts, loads)
	}
	v, err := f.Svc.GetCluster(ctx, &f.Admin, c.ID)
	if err != nil || v.Cluster.HeadID == 0 || v.Cluster.PactText != pact || v.Cluster.PactSignedOn != "2026-02-10" {
		t.Errorf("the cluster after the set-up: %+v %v", v.Cluster, err)
	}
}

// chooseOption picks, in the select with this id, the option that reads label, as
// a person does by its name.
func chooseOption(id, label string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('` + id + `');
  const o = [...s.options].find(o => o.text.trim() === '` + label + `');
  if (!o) throw new Error('no option ` + label + `');
  s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true})); })()`)
}

// Scenario 1: commune A's clerk finds a person by name from the home page and rates
// her year; registers her for the year's emulation title, choosing her from the
// names the box suggests; and proposes her from the year-end list by ticking her
// line.
func scenarioCommuneClerk(t *testing.T, bctx context.Context, vp tdkttest.Viewport) {
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	ctx := context.Background()
	name := f.PersonA.FullName
	before, err := f.Svc.Dossiers(ctx, &f.ClerkA, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := newRoleTab(t, bctx, vp, f, "clerk", "canbo.a")
	person := `main li > a[href^="/app/people/"]`
	r.Step("the home page", chromedp.Navigate(f.Server.URL+"/app/"), chromedp.WaitVisible(chromedp.ID("q")))
	r.Step("find her", chromedp.SendKeys(chromedp.ID("q"), "nguyen thi hong"), chromedp.Click(chromedp.ID("search")), chromedp.WaitVisible(chromedp.CSS(person)))
	if s := r.Text(person); s != name {
		t.Fatalf("the search found %q", s)
	}
	r.Step("open her record", chromedp.Click(chromedp.CSS(person)), chromedp.WaitVisible(chromedp.CSS(`a[href$="/ratings/new"]`)))
	r.Step("add a rating", chromedp.Click(chromedp.CSS(`a[href$="/ratings/new"]`)), chromedp.WaitVisible(chromedp.ID("f-rating")))
	r.NoOverflow("rating form")
	r.Step("rate 2026", typeIn("f-year", "2026"), chooseOption("f-rating", "Hoàn thành xuất sắc nhiệm vụ"),
		submit(`main form button[type=submit]`), chromedp.WaitVisible(chromedp.CSS(`a[href$="/ratings/new"]`)))
	rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, f.PersonA.ID)
	if err != nil {
		t.Fatal(err)
	}
	rated := false
	for _, x := range rec.Ratings {
		rated = rated || x.Year == 2026 && x.Rating == tdkt.RatingExcellent
	}
	if !rated {
		t.Fatalf("no 2026 rating after the form: %+v", rec.Ratings)
	}

	start := func(href string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			return chromedp.Void{}, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("a.brand")), chromedp.WaitVisible(chromedp.ID("todo")),
				chromedp.Click(chromedp.CSS(`.start-links a[href="`+href+`"]`)))
		}
	}
	r.Step("the registrations", start("/app/registrations"), chromedp.WaitVisible(chromedp.ID("register")))
	// Choosing the suggestion puts the option's value in the box: what a person
	// picks after typing the name.
	ectx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	pick, err := chromedp.Run(ectx, chromedp.Evaluate[string](`[...document.querySelectorAll('#unit-people option')].map(o => o.value).find(v => v.startsWith('`+name+`')) || ''`))
	if err != nil || pick == "" {
		t.Fatalf("the box suggests no %s: %v", name, err)
	}
	r.Step("register her", chromedp.SendKeys(chromedp.ID("p-1"), "Nguyễn Thị"), chromedp.SetValue(chromedp.ID("p-1"), pick),
		chooseOption("a-1", "Chiến sĩ thi đua cơ sở"), submit("#register"))
	if s := r.Text("main"); !strings.Contains(s, name+": Chiến sĩ thi đua cơ sở") {
		t.Errorf("the registrations page does not list her:\n%s", s)
	}
	r.NoOverflow("registrations")

	r.Step("the year-end list", start("/app/suggest"), chromedp.WaitVisible(chromedp.ID("propose-ticked")))
	tick := `input[name=pick][aria-label^="Chọn ` + name + `"]`
	r.Step("tick her line and propose", chromedp.Click(chromedp.CSS(tick)), submit("#propose-ticked"), chromedp.WaitVisible(chromedp.ID("dossier-status")))
	if s := r.Text("#dossier-status"); s != "Nháp" {
		t.Errorf("the proposal's status: %q", s)
	}
	if s := r.Text("main"); !strings.Contains(s, name) {
		t.Errorf("the draft dossier does not hold her:\n%s", s)
	}
	r.Shot("proposed")
	r.NoOverflow("after proposing")
	if loads, posts := r.finish("1 (commune clerk rates, registers, proposes)"); posts != 3 {
		t.Errorf("the clerk's work took %d form posts (%d page loads), want 3", posts, loads)
	}
	after, err := f.Svc.Dossiers(ctx, &f.ClerkA, nil)
	if err != nil || len(after) != len(before)+1 {
		t.Fatalf("dossiers before %d, after %d: %v", len(before), len(after), err)
	}
}
