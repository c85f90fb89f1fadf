package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"tdkt"
	"tdkt/core"
	"tdkt/exchange"
	"tdkt/pades"
	"tdkt/server"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// twoInstallations is a province's installation and the central board's, each with
// its own database and HTTP server, registered as each other's peers.
type twoInstallations struct {
	prov    *tdkttest.National
	cen     *tdkttest.Central
	cenAddr string
	cenSrv  *httptest.Server
	now     time.Time
	ctx     context.Context
}

func newTwo(t *testing.T, db *sqldb.DB) *twoInstallations {
	w := &twoInstallations{ctx: context.Background(), now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	w.prov = tdkttest.NewProvinceInstallation(t, db)
	other := tdkttest.SQLite(t)
	if db.Dialect == sqldb.Postgres {
		other = tdkttest.Postgres(t)
	}
	w.cen = tdkttest.NewCentral(t, other, w.prov.Province.Code, w.prov.Province.Name)
	for i, svc := range []*core.Service{w.prov.Svc, w.cen.Svc} {
		key, err := exchange.LoadOrCreateKey(filepath.Join(t.TempDir(), "exchange.key"))
		if err != nil {
			t.Fatal(err)
		}
		svc.Exchange = core.ExchangeConfig{Key: key, Client: &http.Client{Timeout: 20 * time.Second}}
		svc.Now = func() time.Time { return w.now }
		_ = i
	}
	// The centre's address is chosen now and served later: until then the province
	// finds it down (connection refused).
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w.cenAddr = l.Addr().String()
	l.Close()
	if _, err := w.prov.Svc.AddPeer(w.ctx, nil, core.PeerInput{Name: "Ban Thi đua – Khen thưởng Trung ương", URL: "http://" + w.cenAddr,
		PublicKey: w.cen.Svc.PublicKey(), OrgCodes: []string{"CP", "CTN", "BTDKTTW"}, Upstream: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.cen.Svc.AddPeer(w.ctx, nil, core.PeerInput{Name: "Tỉnh Thử Nghiệm", URL: w.prov.Server.URL,
		PublicKey: w.prov.Svc.PublicKey(), OrgCodes: []string{w.prov.Province.Code}}); err != nil {
		t.Fatal(err)
	}
	return w
}

// up serves the central installation at its address.
func (w *twoInstallations) up(t *testing.T) {
	l, err := net.Listen("tcp", w.cenAddr)
	if err != nil {
		t.Fatal(err)
	}
	w.cenSrv = httptest.NewUnstartedServer(server.Handler(w.cen.Svc, server.Config{}))
	w.cenSrv.Listener.Close()
	w.cenSrv.Listener = l
	w.cenSrv.Start()
	t.Cleanup(w.cenSrv.Close)
}

func deliver(t *testing.T, svc *core.Service, want int) {
	t.Helper()
	n, err := svc.DeliverOutbox(context.Background())
	if err != nil || n != want {
		t.Fatalf("delivered %d (%v), want %d", n, err, want)
	}
}

func countDossiers(t *testing.T, db *sqldb.DB) int64 {
	t.Helper()
	var n int64
	if err := db.View(context.Background(), func(tx *sqldb.Tx) error {
		var err error
		n, err = tx.Int(context.Background(), `SELECT count(*) FROM dossiers`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func post(t *testing.T, url string, pkg []byte) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(url+"/api/v1/exchange/inbox", "application/zip", bytes.NewReader(pkg))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(resp.Body)
	json.Unmarshal(b, &out)
	return resp.StatusCode, out
}

// resign replaces a package's signature with one made by another key.
func resign(t *testing.T, pkg []byte, key ed25519.PrivateKey) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var manifest []byte
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "manifest.json" {
			manifest = b
		}
		if f.Name == "manifest.sig" {
			b = []byte(base64.StdEncoding.EncodeToString(ed25519.Sign(key, manifest)))
		}
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store, Modified: f.Modified})
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

// A Huân chương Lao động hạng Ba goes from a province's installation to the central
// board's and back over HTTP: the centre is down when the province sends and the
// dossier arrives once when it comes back; the centre returns it with a reason; the
// province resends it; national comment, the Central Council, the Prime Minister's
// submission to the President and the President's decision happen at the centre; the
// decision lands on the person's record at the province, in its 0602, and both audit
// trails verify. A replayed, altered, re-signed or foreign package is refused and
// writes nothing; a secret dossier never leaves.
func TestDossierTravelsBetweenInstallations(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		w := newTwo(t, db)
		ctx, p, c := w.ctx, w.prov, w.cen
		step := func(svc *core.Service, a *tdkt.Account, d *tdkt.Dossier, act tdkt.DossierAction, note string) {
			t.Helper()
			tdkttest.Step(t, svc, a, d, act, note)
		}
		council := func(svc *core.Service, opener, closer *tdkt.Account, cl sqldb.Council, members []tdkt.Account, d *tdkt.Dossier) {
			t.Helper()
			step(svc, opener, d, tdkt.ActToCouncil, "")
			tdkttest.CouncilPasses(t, svc, opener, closer, cl, members, d)
		}
		before, err := p.Svc.Statistics(ctx, &p.Admin, "0602", 2026, p.Province.ID)
		if err != nil {
			t.Fatal(err)
		}
		total0, _ := before.Table.Cell("1", 0)

		// At the province: proposed, appraised, published, voted, approved, forwarded.
		d, err := p.Svc.CreateDossier(ctx, &p.ClerkA, core.DossierInput{OrgID: p.CommuneA.ID, Award: "huan_chuong_lao_dong_hang_ba", Year: 2025, PeriodFrom: 2021})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Svc.AddCandidate(ctx, &p.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Worker.ID}, ""); err != nil {
			t.Fatal(err)
		}
		v, _ := p.Svc.GetDossier(ctx, &p.ClerkA, d.ID)
		d = v.Dossier
		step(p.Svc, &p.ClerkA, &d, tdkt.ActSubmit, "")
		step(p.Svc, &p.ProvClerk, &d, tdkt.ActReceive, "")
		step(p.Svc, &p.ProvClerk, &d, tdkt.ActAppraise, "")
		step(p.Svc, &p.ProvClerk, &d, tdkt.ActPublish, "")
		w.now = w.now.AddDate(0, 0, 20)
		council(p.Svc, &p.ProvClerk, &p.ProvLeader, p.ProvCouncil, p.ProvMembers, &d)
		step(p.Svc, &p.ProvLeader, &d, tdkt.ActApprove, "")
		step(p.Svc, &p.ProvLeader, &d, tdkt.ActForward, "Tờ trình số 45/TTr-UBND")
		if d.PeerID == 0 || d.Status != tdkt.DossierSubmitted {
			t.Fatalf("forwarded to the centre: %s peer %d", d.Status, d.PeerID)
		}
		// The centre is down: the attempt fails and waits.
		deliver(t, p.Svc, 0)
		x, err := p.Svc.ExchangeOfDossier(ctx, &p.ProvLeader, d.ID)
		if err != nil || len(x.Outbox) != 1 || x.Outbox[0].Status != "pending" || x.Outbox[0].Attempts != 1 || x.Outbox[0].LastError == "" {
			t.Fatalf("after a failed delivery: %v %+v", err, x.Outbox)
		}
		pkg := mustPackage(t, p.Svc, &p.ProvLeader, d.ID)
		w.up(t)
		deliver(t, p.Svc, 0) // not due yet: the backoff holds
		w.now = w.now.Add(time.Minute)
		deliver(t, p.Svc, 1)
		if n := countDossiers(t, c.DB); n != 1 {
			t.Fatalf("the centre holds %d dossiers", n)
		}
		// The same package again is acknowledged and ignored.
		if code, out := post(t, w.cenSrv.URL, pkg); code != 200 || out["result"] != "duplicate" {
			t.Errorf("a second delivery: %d %v", code, out)
		}
		// One changed byte, another signature, an unknown sender: refused, nothing written.
		bad := bytes.Clone(pkg)
		bad[len(bad)/2] ^= 0x20
		stranger, _ := exchange.LoadOrCreateKey(filepath.Join(t.TempDir(), "stranger.key"))
		foreign := func() []byte {
			m := exchange.Manifest{Version: exchange.Version, ID: "x:1", Kind: exchange.KindStatus, CreatedAt: "2026-03-02T09:00:00Z", Files: []exchange.File{},
				Sender:   exchange.Party{Installation: exchange.Fingerprint(stranger.Public().(ed25519.PublicKey)), OrgCode: "T01", OrgName: "Giả mạo"},
				Receiver: exchange.Party{Installation: c.Svc.Fingerprint(), OrgCode: "T01", OrgName: "x"},
				Status:   &exchange.Status{DossierRef: "1", State: exchange.StateReceived, At: "2026-03-02T09:00:00Z"}}
			b, err := exchange.Pack(m, nil, stranger)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}()
		for name, tc := range map[string]struct {
			pkg  []byte
			code string
		}{"changed byte": {bad, ""}, "other signature": {resign(t, pkg, stranger), exchange.CodeBadSignature}, "unknown sender": {foreign, exchange.CodeUnknownSender}} {
			status, out := post(t, w.cenSrv.URL, tc.pkg)
			e, _ := out["error"].(map[string]any)
			if status != 422 || e == nil || e["message"] == "" || tc.code != "" && e["code"] != tc.code {
				t.Errorf("%s: %d %v", name, status, out)
			}
		}
		if n := countDossiers(t, c.DB); n != 1 {
			t.Fatalf("after the refusals the centre holds %d dossiers", n)
		}
		ov, err := c.Svc.ExchangeOverview(ctx, &c.Admin)
		if err != nil || len(ov.Refusals) != 3 || len(ov.Received) != 1 {
			t.Fatalf("the centre's log: %v %d refusals %d received", err, len(ov.Refusals), len(ov.Received))
		}

		// At the centre: the board's inbox, a return with its reason.
		box, err := c.Svc.Inbox(ctx, &c.BoardClerk)
		if err != nil || len(box.Items) != 1 {
			t.Fatalf("the board's inbox: %v %+v", err, box.Items)
		}
		cd := box.Items[0].Dossier
		if cd.OrgName != p.Province.Name || cd.HolderOrgID != c.Government.ID {
			t.Errorf("at the centre: from %q held by %d", cd.OrgName, cd.HolderOrgID)
		}
		step(c.Svc, &c.BoardClerk, &cd, tdkt.ActReceive, "")
		step(c.Svc, &c.BoardClerk, &cd, tdkt.ActReturn, "Thiếu bản xác nhận sáng kiến")
		deliver(t, c.Svc, 2) // received, returned
		v, _ = p.Svc.GetDossier(ctx, &p.ProvClerk, d.ID)
		d = v.Dossier
		if d.Status != tdkt.DossierReturned || d.PeerID != 0 || v.Events[len(v.Events)-1].Note == "" {
			t.Fatalf("the province after the return: %s peer %d %+v", d.Status, d.PeerID, v.Events[len(v.Events)-1])
		}
		step(p.Svc, &p.ProvClerk, &d, tdkt.ActResubmit, "Đã bổ sung")
		deliver(t, p.Svc, 1)
		if n := countDossiers(t, c.DB); n != 1 {
			t.Fatalf("the resent dossier made %d at the centre", n)
		}

		// The central procedure, then the President's decision.
		v, _ = c.Svc.GetDossier(ctx, &c.BoardClerk, cd.ID)
		cd = v.Dossier
		if cd.Status != tdkt.DossierSubmitted {
			t.Fatalf("resent: %s", cd.Status)
		}
		step(c.Svc, &c.BoardClerk, &cd, tdkt.ActReceive, "")
		step(c.Svc, &c.BoardClerk, &cd, tdkt.ActAppraise, "")
		step(c.Svc, &c.BoardClerk, &cd, tdkt.ActPublish, "")
		w.now = w.now.AddDate(0, 0, 20)
		council(c.Svc, &c.BoardClerk, &c.BoardLeader, c.Council, c.Members, &cd)
		step(c.Svc, &c.BoardLeader, &cd, tdkt.ActApprove, "")
		step(c.Svc, &c.BoardLeader, &cd, tdkt.ActForward, "")
		dec, err := c.Svc.Decide(ctx, &c.BoardLeader, cd.ID, core.DecisionInput{Number: "1234/QĐ-CTN", Date: w.now.Format(time.DateOnly),
			Signer: "Lương Cường", SignerTitle: "Chủ tịch nước", Version: cd.Version})
		if err != nil {
			t.Fatal(err)
		}
		deliver(t, c.Svc, 6) // received, public comment, council, submitted to the Prime Minister and to the President, decided
		// The decision is signed after it was sent: its signed copy follows it home and
		// becomes the official copy at the province too.
		root, _, seal, err := pades.DemoChain("Văn phòng Chủ tịch nước", "Văn phòng Chủ tịch nước", w.now.AddDate(-1, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		c.Svc.Signing = core.SigningConfig{Signer: seal, Demo: true}
		if err := c.Svc.SetSigningRule(ctx, &c.Admin, dec.OrgID, "decision", true); err != nil {
			t.Fatal(err)
		}
		sealed, err := c.Svc.SealDocument(ctx, &c.BoardLeader, core.DocRef{Owner: "dossier", OwnerID: cd.ID, Kind: "decision"})
		if err != nil {
			t.Fatal(err)
		}
		deliver(t, c.Svc, 1) // signed
		if _, err := p.Svc.AddTrustRoot(ctx, &p.Admin, root.Raw, true); err != nil {
			t.Fatal(err)
		}
		_, _, atHome, err := p.Svc.DecisionDocument(ctx, &p.ClerkA, d.ID, "pdf")
		if err != nil || !bytes.Equal(atHome, sealed.Signed) {
			t.Fatalf("the province's copy of the decision is not the signed one (%v)", err)
		}
		if rs, err := p.Svc.VerifyPDF(ctx, atHome); err != nil || len(rs) != 1 || !rs[0].Valid || !rs[0].Trusted {
			t.Fatalf("the signed decision at the province: %+v %v", rs, err)
		}
		v, _ = p.Svc.GetDossier(ctx, &p.ClerkA, d.ID)
		if v.Dossier.Status != tdkt.DossierDecided || v.Dossier.DueOn == "" {
			t.Fatalf("the province after the decision: %s due %q", v.Dossier.Status, v.Dossier.DueOn)
		}
		rec, err := p.Svc.PersonRecord(ctx, &p.ClerkA, p.Worker.ID)
		if err != nil {
			t.Fatal(err)
		}
		var decisionID int64
		for _, h := range rec.Honours {
			if h.AwardCode == "huan_chuong_lao_dong_hang_ba" && h.Decision.Number == "1234/QĐ-CTN" && h.Decision.Issuer == "Chủ tịch nước" {
				decisionID = h.DecisionID
			}
		}
		if decisionID == 0 {
			t.Fatalf("the person's record at the province: %+v", rec.Honours)
		}
		// The medal, its certificate and its box come from the centre: the province
		// records their receipt against the decision that came home.
		if _, err := p.Svc.ReceiveAwardItems(ctx, &p.ClerkA, decisionID, w.now.Format(time.DateOnly), []string{"bang", "huan_chuong", "hop"}); err != nil {
			t.Errorf("receiving the physical awards of the central decision: %v", err)
		}
		if items, err := p.Svc.AwardItems(ctx, &p.ClerkA, decisionID); err != nil || items.Totals.Received != 3 {
			t.Errorf("the decision's items at the province: %v %+v", err, items.Totals)
		}
		roll, err := p.Svc.HonourRoll(ctx, core.RollFilter{Award: "huan_chuong_lao_dong_hang_ba"})
		if err != nil || len(roll.Lines) != 1 || roll.Lines[0].DecisionNo != "1234/QĐ-CTN" || roll.Lines[0].Name != p.Worker.FullName {
			t.Errorf("the province's honour roll: %v %+v", err, roll.Lines)
		}
		after, err := p.Svc.Statistics(ctx, &p.Admin, "0602", 2026, p.Province.ID)
		if err != nil {
			t.Fatal(err)
		}
		if total, _ := after.Table.Cell("1", 0); total != total0+1 {
			t.Errorf("0602: %d, want %d", total, total0+1)
		}
		for _, svc := range []*core.Service{p.Svc, c.Svc} {
			if rep, err := svc.VerifyAudit(ctx); err != nil || rep.Events == 0 {
				t.Errorf("audit: %v %+v", err, rep)
			}
		}
		// Every package the two installations sent is valid under the published schema.
		if n := validateSent(t, p.DB) + validateSent(t, c.DB); n != 11 {
			t.Errorf("%d packages validated, want 11 (2 dossiers, 9 status messages)", n)
		}

		// A secret dossier never leaves: refused without its paper path, recorded with it.
		s, err := p.Svc.CreateDossier(ctx, &p.ClerkA, core.DossierInput{OrgID: p.CommuneA.ID, Award: "bang_khen_thu_tuong", Year: 2025, PeriodFrom: 2021, Secret: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Svc.AddCandidate(ctx, &p.ClerkA, s.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Officer.ID}, ""); err != nil {
			t.Fatal(err)
		}
		v, _ = p.Svc.GetDossier(ctx, &p.ClerkA, s.ID)
		s = v.Dossier
		step(p.Svc, &p.ClerkA, &s, tdkt.ActSubmit, "")
		step(p.Svc, &p.ProvClerk, &s, tdkt.ActReceive, "")
		step(p.Svc, &p.ProvClerk, &s, tdkt.ActAppraise, "")
		council(p.Svc, &p.ProvClerk, &p.ProvLeader, p.ProvCouncil, p.ProvMembers, &s)
		step(p.Svc, &p.ProvLeader, &s, tdkt.ActApprove, "")
		if _, err := p.Svc.Step(ctx, &p.ProvLeader, s.ID, tdkt.ActForward, s.Version, ""); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a secret dossier forwarded without its paper path: %v", err)
		}
		step(p.Svc, &p.ProvLeader, &s, tdkt.ActForward, "Công văn mật số 12/UBND-M ngày 20/04/2026")
		if s.PaperPath == "" {
			t.Error("the paper path is not recorded")
		}
		if _, _, err := p.Svc.DossierPackage(ctx, &p.ProvLeader, s.ID); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("a secret dossier has a package: %v", err)
		}
		deliver(t, p.Svc, 0)
	})
}

// validateSent checks the manifest of every package in db's outbox against
// exchange/manifest.schema.json with a validator nobody here wrote.
func validateSent(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	ctx := context.Background()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(exchange.Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("manifest.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("manifest.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = db.View(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.OutboxOf(ctx, 0, 1000)
		if err != nil {
			return err
		}
		for _, o := range rows {
			pkg, err := tx.OutboxPackage(ctx, o.ID)
			if err != nil {
				return err
			}
			zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
			if err != nil {
				return err
			}
			rc, err := zr.Open("manifest.json")
			if err != nil {
				return err
			}
			inst, err := jsonschema.UnmarshalJSON(rc)
			rc.Close()
			if err != nil {
				return err
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("package %s: %v", o.MessageID, err)
			}
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func mustPackage(t *testing.T, svc *core.Service, a *tdkt.Account, id int64) []byte {
	t.Helper()
	_, pkg, err := svc.DossierPackage(context.Background(), a, id)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}
