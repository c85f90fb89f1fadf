package web_test

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt"
	"tdkt/core"
	"tdkt/exchange"
	"tdkt/server"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The national chain in Chromium: the central board's inbox and steps with the
// central level's names, a dossier that came from a province's installation with its
// block "Liên thông" on both sides, and the import of a package file on the exchange
// page. SQLite only, like the other browser tests; the use cases under them run on
// both databases in core and server.

// mover is a clock the tests move (public comment lasts days; a failed delivery
// waits before its next try).
type mover struct{ now time.Time }

func (m *mover) Now() time.Time { return m.now }

// chainStep takes a step through the use case and keeps the dossier it returns.
var chainStep = tdkttest.Step

// councilVotes puts the dossier before a council, every member votes yes and closer
// closes the meeting: the dossier waits for the leader's approval.
func councilVotes(t *testing.T, svc *core.Service, opener, closer *tdkt.Account, cl sqldb.Council, members []tdkt.Account, d *tdkt.Dossier) {
	t.Helper()
	chainStep(t, svc, opener, d, tdkt.ActToCouncil, "")
	tdkttest.CouncilPasses(t, svc, opener, closer, cl, members, d)
}

// provinceForwards takes commune A's Huân chương Lao động hạng Ba through the
// province (public comment moves the clock 20 days) and forwards it above.
func provinceForwards(t *testing.T, n *tdkttest.National, clock *mover) tdkt.Dossier {
	t.Helper()
	d := provinceApproves(t, n, clock, false)
	chainStep(t, n.Svc, &n.ProvLeader, &d, tdkt.ActForward, "Tờ trình số 45/TTr-UBND")
	return d
}

// provinceApproves takes commune A's Huân chương Lao động hạng Ba (secret when
// asked) up to the province's approval.
func provinceApproves(t *testing.T, n *tdkttest.National, clock *mover, secret bool) tdkt.Dossier {
	t.Helper()
	ctx, svc := context.Background(), n.Svc
	d, err := svc.CreateDossier(ctx, &n.ClerkA, core.DossierInput{OrgID: n.CommuneA.ID, Award: "huan_chuong_lao_dong_hang_ba", Year: 2025, PeriodFrom: 2021,
		Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddCandidate(ctx, &n.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: n.Worker.ID}, ""); err != nil {
		t.Fatal(err)
	}
	v, err := svc.GetDossier(ctx, &n.ClerkA, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	d = v.Dossier
	chainStep(t, svc, &n.ClerkA, &d, tdkt.ActSubmit, "")
	chainStep(t, svc, &n.ProvClerk, &d, tdkt.ActReceive, "")
	chainStep(t, svc, &n.ProvClerk, &d, tdkt.ActAppraise, "")
	chainStep(t, svc, &n.ProvClerk, &d, tdkt.ActPublish, "")
	clock.now = clock.now.AddDate(0, 0, 20)
	councilVotes(t, svc, &n.ProvClerk, &n.ProvLeader, n.ProvCouncil, n.ProvMembers, &d)
	chainStep(t, svc, &n.ProvLeader, &d, tdkt.ActApprove, "")
	return d
}

// textOf reads the text of every element matching sel, joined by newlines ("" when
// none matches).
func textOf(t *testing.T, b *tdkttest.Tab, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll(`+jsString(sel)+`)].map(e => e.innerText).join("\n")`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// rowsOf counts the elements matching sel.
func rowsOf(t *testing.T, b *tdkttest.Tab, sel string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
	defer cancel()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func jsString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// axeOn runs axe on a page of the tab's session.
func axeOn(t *testing.T, b *tdkttest.Tab, url string) {
	t.Helper()
	for _, v := range tdkttest.Axe(t, b.Context(), url) {
		t.Errorf("%s: axe: %s", url, v)
	}
}

// TestBrowserCentralBoard: a Huân chương comes up from the province to the central
// board inside one installation. The board's clerk finds it in the inbox with the
// central names of its status and step and sends it to the Central Council from its
// page; after the vote the board's head sees "Trình Thủ tướng Chính phủ", and after
// that step "Trình Chủ tịch nước (tờ trình của Thủ tướng Chính phủ)", after which the
// status reads "Thủ tướng Chính phủ đã trình Chủ tịch nước" and the decision form
// records the President's decision. At a phone's and a desktop's width, without
// sideways scrolling, and held to axe.
func TestBrowserCentralBoard(t *testing.T) {
	bctx := tdkttest.Browser(t)
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			n := tdkttest.NewNational(t, tdkttest.SQLite(t))
			clock := &mover{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
			n.Svc.Now = clock.Now
			d := provinceForwards(t, n, clock)
			if d.HolderOrgID != n.Government.ID || d.Status != tdkt.DossierSubmitted {
				t.Fatalf("forwarded: %s held by %d", d.Status, d.HolderOrgID)
			}
			chainStep(t, n.Svc, &n.BoardClerk, &d, tdkt.ActReceive, "")
			chainStep(t, n.Svc, &n.BoardClerk, &d, tdkt.ActAppraise, "")
			chainStep(t, n.Svc, &n.BoardClerk, &d, tdkt.ActPublish, "")
			clock.now = clock.now.AddDate(0, 0, 20)
			page := n.Server.URL + "/app/dossiers/" + itoa(d.ID)

			clerk := tdkttest.NewTab(t, bctx, vp, "central-clerk-")
			clerk.Step("log in as canbo.ban", clerk.Emulate(), n.LogIn(t, "canbo.ban"),
				chromedp.Navigate(n.Server.URL+"/app/inbox"), chromedp.WaitVisible(chromedp.CSS(`a[href="/app/dossiers/`+itoa(d.ID)+`"]`)))
			row := textOf(t, clerk, "table.dossiers tbody tr")
			for _, want := range []string{"Đang lấy ý kiến nhân dân", "Trình Hội đồng Thi đua – Khen thưởng Trung ương", "Hoàng Thị Thu Hà", "Thủ tướng Chính phủ"} {
				if !strings.Contains(row, want) {
					t.Errorf("the board's inbox row lacks %q: %q", want, row)
				}
			}
			clerk.Shot("inbox")
			clerk.NoOverflow("the board's inbox")
			axeOn(t, clerk, n.Server.URL+"/app/inbox")

			clerk.Step("the dossier", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("step-to_council")))
			if s := clerk.Text("#step-to_council"); s != "Trình Hội đồng Thi đua – Khen thưởng Trung ương" {
				t.Errorf("the board's council button: %q", s)
			}
			clerk.Step("to the Central Council", chromedp.Click(chromedp.ID("step-to_council")), chromedp.WaitNotPresent(chromedp.ID("step-to_council")),
				chromedp.WaitVisible(chromedp.ID("dossier-status")))
			if s := clerk.Text("#dossier-status"); s != "Trình Hội đồng Thi đua – Khen thưởng Trung ương" {
				t.Errorf("status before the Central Council: %q", s)
			}
			clerk.NoOverflow("the dossier before the Central Council")

			v, err := n.Svc.GetDossier(context.Background(), &n.BoardClerk, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			d = v.Dossier
			if d.Status != tdkt.DossierCouncil {
				t.Fatalf("after the clerk's click: %s", d.Status)
			}
			tdkttest.CouncilPasses(t, n.Svc, &n.BoardClerk, &n.BoardLeader, n.CentralCouncil, n.CentralMembers, &d)

			head := tdkttest.NewTab(t, bctx, vp, "central-head-")
			head.Step("log in as truongban", head.Emulate(), n.LogIn(t, "truongban"), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("step-approve")))
			if s := head.Text("#step-approve"); s != "Trình Thủ tướng Chính phủ" {
				t.Errorf("the head's button after the vote: %q", s)
			}
			head.NoOverflow("the dossier after the Central Council")
			axeOn(t, head, page)
			head.Step("submit to the Prime Minister", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("step-approve")),
				chromedp.Click(chromedp.ID("step-approve")), chromedp.WaitVisible(chromedp.ID("step-forward")))
			if s := head.Text("#dossier-status"); s != "Đã trình Thủ tướng Chính phủ" {
				t.Errorf("status after the board's submission: %q", s)
			}
			if s := head.Text("#step-forward"); s != "Trình Chủ tịch nước (tờ trình của Thủ tướng Chính phủ)" {
				t.Errorf("the forward button at the Government: %q", s)
			}
			head.Step("submit to the President", chromedp.Click(chromedp.ID("step-forward")), chromedp.WaitNotPresent(chromedp.ID("step-forward")),
				chromedp.WaitVisible(chromedp.ID("decision-form")))
			if s := head.Text("#dossier-status"); s != "Thủ tướng Chính phủ đã trình Chủ tịch nước" {
				t.Errorf("status after forwarding: %q", s)
			}
			if s := head.Text("#decision-form"); s != "Ghi nhận quyết định của Chủ tịch nước" {
				t.Errorf("the decision form at the President's level: %q", s)
			}
			if s := head.Text("#step-refuse"); s != "Ghi nhận Chủ tịch nước không khen thưởng" {
				t.Errorf("the refusal at the President's level: %q", s)
			}
			head.Shot("at-the-president")
			head.NoOverflow("the dossier at the President's level")
			head.Step("the head's inbox", chromedp.Navigate(n.Server.URL+"/app/inbox"), chromedp.WaitVisible(chromedp.CSS(`a[href="/app/dossiers/`+itoa(d.ID)+`"]`)))
			if row := textOf(t, head, "table.dossiers tbody tr"); !strings.Contains(row, "Thủ tướng Chính phủ đã trình Chủ tịch nước") ||
				!strings.Contains(row, "Ghi nhận quyết định của Chủ tịch nước") {
				t.Errorf("the head's inbox row: %q", row)
			}
			head.NoOverflow("the head's inbox")

			// The President's decision recorded, the commune passes it on: its inbox
			// and the dossier's page offer the step like any other, and nothing else.
			v, err = n.Svc.GetDossier(context.Background(), &n.BoardLeader, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := n.Svc.Decide(context.Background(), &n.BoardLeader, d.ID, core.DecisionInput{Number: "1234/QĐ-CTN", Date: clock.now.Format(time.DateOnly),
				Signer: "Lương Cường", SignerTitle: "Chủ tịch nước", Version: v.Dossier.Version}); err != nil {
				t.Fatalf("recording the President's decision: %v", err)
			}
			commune := tdkttest.NewTab(t, bctx, vp, "central-commune-")
			commune.Step("the commune's inbox", commune.Emulate(), n.LogIn(t, "canbo.a"), chromedp.Navigate(n.Server.URL+"/app/inbox"),
				chromedp.WaitVisible(chromedp.CSS(`a[href="/app/dossiers/`+itoa(d.ID)+`"]`)))
			if row := textOf(t, commune, "table.dossiers tbody tr"); !strings.Contains(row, "Đã có quyết định") || !strings.Contains(row, "Đã chuyển quyết định đến đơn vị, cá nhân") {
				t.Errorf("the commune's inbox row after the decision: %q", row)
			}
			commune.NoOverflow("the commune's inbox")
			commune.Step("the decided dossier", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("step-pass_on")))
			if s := commune.Text("#step-pass_on"); s != "Đã chuyển quyết định đến đơn vị, cá nhân" {
				t.Errorf("the pass-on button: %q", s)
			}
			if n := rowsOf(t, commune, "#edit-dossier, #add, form[action$='/delete'] button"); n != 0 {
				t.Errorf("a decided dossier offers %d ways to change it", n)
			}
			commune.NoOverflow("a decision to pass on")
			axeOn(t, commune, page)
			commune.Step("pass it on", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("note-pass_on")),
				chromedp.SendKeys(chromedp.ID("note-pass_on"), "Đã trao tại hội nghị tổng kết"),
				chromedp.Click(chromedp.ID("step-pass_on")), chromedp.WaitNotPresent(chromedp.ID("step-pass_on")))
			if s := textOf(t, commune, "#history tbody"); !strings.Contains(s, "Đã trao tại hội nghị tổng kết") {
				t.Errorf("the history after passing on: %q", s)
			}
		})
	}
}

// twoSites is a province's installation and the central board's, each with its own
// SQLite database and HTTP server, registered as each other's peers (as in
// server/exchange_test.go). The centre is served only after up.
type twoSites struct {
	prov    *tdkttest.National
	cen     *tdkttest.Central
	cenAddr string
	cenURL  string
	clock   *mover
}

func newTwoSites(t *testing.T) *twoSites {
	t.Helper()
	w := &twoSites{clock: &mover{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}}
	w.prov = tdkttest.NewProvinceInstallation(t, tdkttest.SQLite(t))
	w.cen = tdkttest.NewCentral(t, tdkttest.SQLite(t), w.prov.Province.Code, w.prov.Province.Name)
	for _, svc := range []*core.Service{w.prov.Svc, w.cen.Svc} {
		key, err := exchange.LoadOrCreateKey(filepath.Join(t.TempDir(), "exchange.key"))
		if err != nil {
			t.Fatal(err)
		}
		svc.Exchange = core.ExchangeConfig{Key: key, Client: &http.Client{Timeout: 20 * time.Second}}
		svc.Now = w.clock.Now
	}
	// The centre's address is chosen now and served later: until then the province
	// finds it down (connection refused).
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w.cenAddr = l.Addr().String()
	w.cenURL = "http://" + w.cenAddr
	l.Close()
	ctx := context.Background()
	if _, err := w.prov.Svc.AddPeer(ctx, nil, core.PeerInput{Name: "Ban Thi đua – Khen thưởng Trung ương", URL: w.cenURL,
		PublicKey: w.cen.Svc.PublicKey(), OrgCodes: []string{"CP", "CTN", "BTDKTTW"}, Upstream: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.cen.Svc.AddPeer(ctx, nil, core.PeerInput{Name: "Tỉnh Thử Nghiệm", URL: w.prov.Server.URL,
		PublicKey: w.prov.Svc.PublicKey(), OrgCodes: []string{w.prov.Province.Code}}); err != nil {
		t.Fatal(err)
	}
	return w
}

// up serves the central installation at its address.
func (w *twoSites) up(t *testing.T) {
	t.Helper()
	l, err := net.Listen("tcp", w.cenAddr)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(server.Handler(w.cen.Svc, server.Config{}))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
}

func deliverN(t *testing.T, svc *core.Service, want int) {
	t.Helper()
	n, err := svc.DeliverOutbox(context.Background())
	if err != nil || n != want {
		t.Fatalf("delivered %d (%v), want %d", n, err, want)
	}
}

// logInAt signs a central account without a second factor in at base.
func logInAt(base, login string) chromedp.Action[chromedp.Void] {
	steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + "/app/login"), chromedp.WaitVisible(chromedp.ID("login")),
		chromedp.SendKeys(chromedp.ID("login"), login), chromedp.SendKeys(chromedp.ID("password"), tdkttest.Password),
		chromedp.Click(chromedp.ID("submit")), chromedp.WaitVisible(chromedp.ID("nav-account"))}
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		for _, a := range steps {
			if _, err := a(ctx, tg); err != nil {
				return chromedp.Void{}, err
			}
		}
		return chromedp.Void{}, nil
	}
}

// TestBrowserTravellingDossier: a province forwards a Huân chương while the central
// installation is down; its dossier page says the other installation handles it and
// shows the waiting message with its attempt, error and next try. Delivered, it is in
// the board's inbox, whose page names the sending installation and province and the
// sender's reference. Returned by the centre, the province's page shows the state
// heard with its reason, the message delivered and the messages received.
func TestBrowserTravellingDossier(t *testing.T) {
	bctx := tdkttest.Browser(t)
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			w := newTwoSites(t)
			p, c, ctx := w.prov, w.cen, context.Background()
			d := provinceForwards(t, p, w.clock)
			if d.PeerID == 0 {
				t.Fatalf("forwarded: held here (%s by %d)", d.Status, d.HolderOrgID)
			}
			deliverN(t, p.Svc, 0) // the centre is down
			provPage := p.Server.URL + "/app/dossiers/" + itoa(d.ID)

			prov := tdkttest.NewTab(t, bctx, vp, "travel-province-")
			prov.Step("the province's dossier", prov.Emulate(), p.LogIn(t, "canbo.snv"), chromedp.Navigate(provPage), chromedp.WaitVisible(chromedp.ID("exchange")))
			if s := prov.Text("#held-there"); !strings.Contains(s, "Ban Thi đua – Khen thưởng Trung ương") || !strings.Contains(s, "không thực hiện được bước xử lý nào") {
				t.Errorf("the notice of a dossier held by the centre: %q", s)
			}
			if s := prov.Text("#travel-to"); s != "Ban Thi đua – Khen thưởng Trung ương" {
				t.Errorf("sent to: %q", s)
			}
			out := textOf(t, prov, ".travel-out tbody")
			if !strings.Contains(out, "Đang chờ gửi — lần thử 1, lỗi: ") || !strings.Contains(out, "thử lại lúc 22/03/2026") {
				t.Errorf("the waiting message: %q", out)
			}
			if s := textOf(t, prov, "#steps"); s != "" {
				t.Errorf("steps offered on a dossier the centre holds: %q", s)
			}
			if s := textOf(t, prov, "#travel-package"); s != "Tải gói liên thông (.zip)" {
				t.Errorf("the package link: %q", s)
			}
			prov.Shot("waiting")
			prov.NoOverflow("a dossier waiting to be delivered")

			// The package link serves the signed zip.
			resp, err := p.Client(t, "canbo.snv").Get(provPage + "/package")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" ||
				!strings.HasPrefix(resp.Header.Get("Content-Disposition"), `attachment; filename="lien-thong-ho-so-`) {
				t.Errorf("the package: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
			}

			w.up(t)
			w.clock.now = w.clock.now.Add(time.Minute)
			deliverN(t, p.Svc, 1)
			box, err := c.Svc.Inbox(ctx, &c.BoardClerk)
			if err != nil || len(box.Items) != 1 {
				t.Fatalf("the board's inbox: %v %d", err, len(box.Items))
			}
			cd := box.Items[0].Dossier

			cen := tdkttest.NewTab(t, bctx, vp, "travel-centre-")
			cenPage := w.cenURL + "/app/dossiers/" + itoa(cd.ID)
			cen.Step("the centre's inbox", cen.Emulate(), logInAt(w.cenURL, "canbo.ban"), chromedp.Navigate(w.cenURL+"/app/inbox"),
				chromedp.WaitVisible(chromedp.CSS(`a[href="/app/dossiers/`+itoa(cd.ID)+`"]`)))
			cen.NoOverflow("the board's inbox of a received dossier")
			cen.Step("the received dossier", chromedp.Click(chromedp.CSS(`a[href="/app/dossiers/`+itoa(cd.ID)+`"]`)), chromedp.WaitVisible(chromedp.ID("exchange")))
			if s := cen.Text("#travel-from"); s != "Tỉnh Thử Nghiệm (Ủy ban nhân dân tỉnh Thử Nghiệm)" {
				t.Errorf("received from: %q", s)
			}
			if s := cen.Text("#travel-ref"); s != itoa(d.ID) {
				t.Errorf("the sender's reference: %q, want %d", s, d.ID)
			}
			if s := textOf(t, cen, ".travel-in tbody"); !strings.Contains(s, "Huân chương Lao động hạng Ba") || !strings.Contains(s, "mạng (HTTPS)") {
				t.Errorf("the received messages: %q", s)
			}
			if s := textOf(t, cen, "#held-there"); s != "" {
				t.Errorf("the centre's page says the dossier is held elsewhere: %q", s)
			}
			if s := cen.Text("#step-receive"); s != "Tiếp nhận hồ sơ" {
				t.Errorf("the board's step: %q", s)
			}
			cen.Shot("received")
			cen.NoOverflow("a received dossier")
			axeOn(t, cen, cenPage)

			chainStep(t, c.Svc, &c.BoardClerk, &cd, tdkt.ActReceive, "")
			chainStep(t, c.Svc, &c.BoardClerk, &cd, tdkt.ActReturn, "Thiếu bản xác nhận sáng kiến")
			deliverN(t, c.Svc, 2) // received, returned

			prov.Step("the returned dossier", chromedp.Navigate(provPage), chromedp.WaitVisible(chromedp.ID("exchange")))
			if s := prov.Text("#dossier-status"); s != "Trả lại để bổ sung" {
				t.Errorf("the province's status after the return: %q", s)
			}
			if s := prov.Text("#travel-state"); !strings.Contains(s, "cấp trên trả lại để bổ sung: Thiếu bản xác nhận sáng kiến") {
				t.Errorf("the state heard: %q", s)
			}
			if s := textOf(t, prov, ".travel-out tbody"); !strings.Contains(s, "Đã giao lúc 22/03/2026") {
				t.Errorf("the delivered message: %q", s)
			}
			if s := textOf(t, prov, ".travel-in tbody"); rowsOf(t, prov, ".travel-in tbody tr") != 2 || !strings.Contains(s, ": cấp trên trả lại để bổ sung") || !strings.Contains(s, ": cấp trên đã tiếp nhận") {
				t.Errorf("the status messages received: %q", s)
			}
			if s := textOf(t, prov, "#held-there"); s != "" {
				t.Errorf("a returned dossier is said to be held by the centre: %q", s)
			}
			if s := prov.Text("#step-resubmit"); s != "Gửi lại hồ sơ đã bổ sung" {
				t.Errorf("the province's step after the return: %q", s)
			}
			prov.Shot("returned")
			prov.NoOverflow("a returned dossier")
			axeOn(t, prov, provPage)
		})
	}
}

// TestBrowserExchangeImport: the centre's board imports packages by hand on the
// exchange page. A changed package is refused with its code and reason next to the
// file field and listed among the refusals; the province's package is applied and its
// receipt shown after the redirect; the same file again is acknowledged, not applied
// twice. The page shows the installation's key and the peers.
func TestBrowserExchangeImport(t *testing.T) {
	bctx := tdkttest.Browser(t)
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			w := newTwoSites(t)
			p, c, ctx := w.prov, w.cen, context.Background()
			d := provinceForwards(t, p, w.clock)
			_, pkg, err := p.Svc.DossierPackage(ctx, &p.ProvLeader, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			good, bad := filepath.Join(dir, "goi.zip"), filepath.Join(dir, "goi-sua.zip")
			changed := bytes.Clone(pkg)
			changed[len(changed)/2] ^= 0x20
			if err := os.WriteFile(good, pkg, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(bad, changed, 0o600); err != nil {
				t.Fatal(err)
			}
			w.up(t)

			b := tdkttest.NewTab(t, bctx, vp, "exchange-")
			page := w.cenURL + "/app/exchange"
			b.Step("the exchange page", b.Emulate(), logInAt(w.cenURL, "canbo.ban"), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("f-file")))
			if s := b.Text("#fingerprint"); s != c.Svc.Fingerprint() || s == "" {
				t.Errorf("the fingerprint: %q, want %q", s, c.Svc.Fingerprint())
			}
			if s := b.Text("#public-key"); s != c.Svc.PublicKey() {
				t.Errorf("the public key: %q", s)
			}
			if s := textOf(t, b, "table.peers"); !strings.Contains(s, "Tỉnh Thử Nghiệm") || !strings.Contains(s, p.Svc.Fingerprint()) {
				t.Errorf("the peers: %q", s)
			}
			if s := textOf(t, b, "#add-peer"); s != "" {
				t.Errorf("a board clerk is offered to register a peer")
			}
			b.Step("the changed package", chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{bad}), chromedp.Click(chromedp.ID("import-package")),
				chromedp.WaitVisible(chromedp.ID("e-file")))
			if s := b.Text("#e-file"); !strings.HasPrefix(s, "Gói bị từ chối (") {
				t.Errorf("the refusal: %q", s)
			}
			if n := rowsOf(t, b, "table.refusals tbody tr"); n != 1 {
				t.Errorf("%d refusals listed, want 1", n)
			}
			if n := len(mustInbox(t, c)); n != 0 {
				t.Fatalf("a refused package put %d dossiers in the board's inbox", n)
			}
			b.Shot("refused")
			b.NoOverflow("a refused package")

			b.Step("the province's package", chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{good}), chromedp.Click(chromedp.ID("import-package")),
				chromedp.WaitVisible(chromedp.ID("receipt")))
			if s := b.Text("#receipt"); !strings.HasPrefix(s, "Đã nhận và áp dụng gói ") {
				t.Errorf("the receipt: %q", s)
			}
			if s := textOf(t, b, "table.in tbody tr"); !strings.Contains(s, "Huân chương Lao động hạng Ba") || !strings.Contains(s, "tệp") {
				t.Errorf("the messages received: %q", s)
			}
			if n := len(mustInbox(t, c)); n != 1 {
				t.Fatalf("the imported package put %d dossiers in the board's inbox", n)
			}
			b.Shot("received")
			b.NoOverflow("an imported package")
			axeOn(t, b, page)

			b.Step("the same package again", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("f-file")),
				chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{good}), chromedp.Click(chromedp.ID("import-package")),
				chromedp.WaitVisible(chromedp.ID("receipt")))
			if s := b.Text("#receipt"); !strings.Contains(s, "đã được nhận từ trước") {
				t.Errorf("the receipt of a second import: %q", s)
			}
			if n := len(mustInbox(t, c)); n != 1 {
				t.Errorf("the second import made %d dossiers", n)
			}
		})
	}
}

func mustInbox(t *testing.T, c *tdkttest.Central) []core.InboxItem {
	t.Helper()
	box, err := c.Svc.Inbox(context.Background(), &c.BoardClerk)
	if err != nil {
		t.Fatal(err)
	}
	return box.Items
}
