package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/exchange"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The outbox survives a crash: a province's server commits a dossier's forwarding to
// the central board's installation, which is down, and is killed with SIGKILL before
// it delivers; after the restart, with the centre up, the dossier arrives, once, and
// both audit trails verify.
func TestForwardedDossierSurvivesKill9(t *testing.T) {
	for name, fresh := range databases(t) {
		t.Run(name, func(t *testing.T) { exchangeKillScenario(t, fresh, name) })
	}
}

// installation is a database prepared in this process and served by a child process
// with the same audit and exchange keys.
type installation struct {
	url string
	db  *sqldb.DB
	svc *core.Service
	env map[string]string
	srv *childServer
}

func prepare(t *testing.T, url string, svc *core.Service, db *sqldb.DB, addr string) *installation {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "exchange.key")
	key, err := exchange.LoadOrCreateKey(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	svc.Exchange = core.ExchangeConfig{Key: key, Client: &http.Client{Timeout: 10 * time.Second}}
	in := &installation{url: url, db: db, svc: svc, env: map[string]string{
		"TDKT_AUDIT_KEY_FILE":    filepath.Join(filepath.Dir(svc.AuditTrail.Checkpoints), "audit.key"),
		"TDKT_EXCHANGE_KEY_FILE": keyFile,
		// Delivery runs at start and then rarely: the test decides when the outbox is
		// worked, by restarting.
		"TDKT_EXCHANGE_EVERY": "1h",
	}}
	in.srv = &childServer{t: t, addr: addr, url: url, dir: dir, env: in.env}
	return in
}

func exchangeKillScenario(t *testing.T, fresh func(t *testing.T) string, name string) {
	ctx := context.Background()
	open := func(url string) *sqldb.DB {
		db, err := sqldb.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		return db
	}
	pURL, cURL := fresh(t), fresh(t)
	pdb, cdb := open(pURL), open(cURL)
	prov := tdkttest.NewProvinceInstallation(t, pdb)
	cen := tdkttest.NewCentral(t, cdb, prov.Province.Code, prov.Province.Name)
	pAddr, cAddr := freeAddr(t), freeAddr(t)
	p := prepare(t, pURL, prov.Svc, pdb, pAddr)
	c := prepare(t, cURL, cen.Svc, cdb, cAddr)
	if _, err := p.svc.AddPeer(ctx, nil, core.PeerInput{Name: "Trung ương", URL: "http://" + cAddr, PublicKey: c.svc.PublicKey(),
		OrgCodes: []string{"CP", "CTN"}, Upstream: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.svc.AddPeer(ctx, nil, core.PeerInput{Name: "Tỉnh", URL: "http://" + pAddr, PublicKey: p.svc.PublicKey(),
		OrgCodes: []string{prov.Province.Code}}); err != nil {
		t.Fatal(err)
	}

	// A Prime Minister's Bằng khen taken to the province's approval in this process.
	svc := prov.Svc
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	svc.Now = func() time.Time { return clock }
	d, err := svc.CreateDossier(ctx, &prov.ClerkA, core.DossierInput{OrgID: prov.CommuneA.ID, Award: "bang_khen_thu_tuong", Year: 2025, PeriodFrom: 2021})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddCandidate(ctx, &prov.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: prov.Officer.ID}, ""); err != nil {
		t.Fatal(err)
	}
	v, err := svc.GetDossier(ctx, &prov.ClerkA, d.ID) // adding the candidate moved its version
	if err != nil {
		t.Fatal(err)
	}
	d = v.Dossier
	step := func(a *tdkt.Account, act tdkt.DossierAction) {
		t.Helper()
		tdkttest.Step(t, svc, a, &d, act, "")
	}
	step(&prov.ClerkA, tdkt.ActSubmit)
	step(&prov.ProvClerk, tdkt.ActReceive)
	step(&prov.ProvClerk, tdkt.ActAppraise)
	step(&prov.ProvClerk, tdkt.ActToCouncil)
	tdkttest.CouncilPasses(t, svc, &prov.ProvClerk, &prov.ProvLeader, prov.ProvCouncil, prov.ProvMembers, &d)
	step(&prov.ProvLeader, tdkt.ActApprove)
	svc.Now = time.Now // the child processes live in real time, and so does the token
	token, err := svc.CreateToken(ctx, prov.ProvLeader.Login)
	if err != nil {
		t.Fatal(err)
	}

	// The province's server forwards it over its API while the centre is down, and
	// dies before it delivers.
	budget, cancel := context.WithTimeout(ctx, killBudget)
	defer cancel()
	p.srv.start(budget)
	api := &apiClient{base: "http://" + pAddr, token: token, hc: &http.Client{Timeout: 10 * time.Second}}
	var detail struct {
		Version int `json:"version"`
	}
	if status, err := api.do("GET", "/api/v1/dossiers/"+strconv.FormatInt(d.ID, 10), nil, &detail); err != nil {
		t.Fatalf("%d %v", status, err)
	}
	if status, err := api.do("POST", "/api/v1/dossiers/"+strconv.FormatInt(d.ID, 10)+"/steps",
		map[string]any{"action": "forward", "version": detail.Version, "note": "Tờ trình số 45/TTr-UBND"}, nil); err != nil {
		t.Fatalf("forward: %d %v\n%s", status, err, p.srv.output())
	}
	p.srv.kill()
	pending := func() (n int64) {
		if err := pdb.View(ctx, func(tx *sqldb.Tx) (err error) {
			n, err = tx.Int(ctx, `SELECT count(*) FROM exchange_outbox WHERE status = 'pending'`)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := pending(); n != 1 {
		t.Fatalf("after the kill the province's outbox holds %d pending packages, want 1", n)
	}

	// The centre comes up, the province restarts: the package goes, once.
	c.srv.start(budget)
	p.srv.start(budget)
	for pending() != 0 {
		select {
		case <-budget.Done():
			t.Fatalf("the package was not delivered after the restart\n%s", p.srv.output())
		case <-time.After(50 * time.Millisecond): // polling the outcome, not ordering events
		}
	}
	var n int64
	if err := cdb.View(ctx, func(tx *sqldb.Tx) (err error) {
		n, err = tx.Int(ctx, `SELECT count(*) FROM dossiers`)
		return err
	}); err != nil || n != 1 {
		t.Fatalf("the centre holds %d dossiers (%v), want 1", n, err)
	}
	p.srv.stop()
	c.srv.stop()
	for _, in := range []*installation{p, c} {
		if out, e, err := runCmd(t, in.env, "", "audit", "verify", "--db", in.url); err != nil {
			t.Errorf("audit verify on %s: %v\n%s%s", name, err, out, e)
		}
	}
}
