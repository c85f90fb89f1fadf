package core_test

import (
	"context"
	"crypto/ed25519"
	"errors"
	"path/filepath"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/exchange"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func withKey(t *testing.T, svc *core.Service) ed25519.PrivateKey {
	t.Helper()
	k, err := exchange.LoadOrCreateKey(filepath.Join(t.TempDir(), "exchange.key"))
	if err != nil {
		t.Fatal(err)
	}
	svc.Exchange = core.ExchangeConfig{Key: k}
	return k
}

// Registering a peer: only an installation administrator (or the command line), a
// readable key that is not this installation's own and not registered twice, an
// http(s) address, the organisations it hosts, one installation above.
func TestAddPeerRefusesWhatDoesNotHold(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		withKey(t, f.Svc)
		other, _ := exchange.LoadOrCreateKey(filepath.Join(t.TempDir(), "other.key"))
		third, _ := exchange.LoadOrCreateKey(filepath.Join(t.TempDir(), "third.key"))
		good := core.PeerInput{Name: "Trung ương", URL: "https://tdkt.example.gov.vn", PublicKey: exchange.PublicKeyString(other.Public().(ed25519.PublicKey)),
			OrgCodes: []string{"CP"}, Upstream: true}
		if _, err := f.Svc.AddPeer(ctx, &f.AdminA, good); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a commune's administrator registers a peer: %v", err)
		}
		cases := map[string]struct {
			mod   func(*core.PeerInput)
			field string
		}{
			"no name":     {func(p *core.PeerInput) { p.Name = " " }, "name"},
			"ftp address": {func(p *core.PeerInput) { p.URL = "ftp://x" }, "url"},
			"no host":     {func(p *core.PeerInput) { p.URL = "https://" }, "url"},
			"garbage key": {func(p *core.PeerInput) { p.PublicKey = "ed25519:abc" }, "public_key"},
			"own key":     {func(p *core.PeerInput) { p.PublicKey = f.Svc.PublicKey() }, "public_key"},
			"no codes":    {func(p *core.PeerInput) { p.OrgCodes = nil }, "org_codes"},
			"bad code":    {func(p *core.PeerInput) { p.OrgCodes = []string{"A B"} }, "org_codes"},
		}
		for name, c := range cases {
			in := good
			c.mod(&in)
			_, err := f.Svc.AddPeer(ctx, &f.Admin, in)
			var e *tdkt.Error
			if !errors.As(err, &e) || e.Code != tdkt.EInvalid || e.Fields[c.field] == "" {
				t.Errorf("%s: %v, want invalid %s", name, err, c.field)
			}
		}
		if _, err := f.Svc.AddPeer(ctx, &f.Admin, good); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddPeer(ctx, &f.Admin, good); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("the same key twice: %v", err)
		}
		second := good
		second.PublicKey = exchange.PublicKeyString(third.Public().(ed25519.PublicKey))
		if _, err := f.Svc.AddPeer(ctx, &f.Admin, second); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("a second installation above: %v", err)
		}
		second.Upstream = false
		if _, err := f.Svc.AddPeer(ctx, nil, second); err != nil {
			t.Errorf("the command line registers a second peer: %v", err)
		}
		if ps, err := f.Svc.Peers(ctx, &f.ClerkA); err != nil || len(ps) != 2 {
			t.Errorf("peers: %v %d", err, len(ps))
		}
	})
}

// A package that checks out but cannot be applied is refused with a reason and writes
// nothing but the refusal: a status about a dossier never sent, a dossier from an
// organisation this installation does not have; a viewer may not import a file; an
// installation without a key receives nothing.
func TestReceiveRefusesWhatCannotApply(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		if _, err := f.Svc.ReceivePackage(ctx, nil, []byte("x"), core.ViaHTTPS); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("without a key: %v", err)
		}
		withKey(t, f.Svc)
		sender, _ := exchange.LoadOrCreateKey(filepath.Join(t.TempDir(), "sender.key"))
		fp := exchange.Fingerprint(sender.Public().(ed25519.PublicKey))
		if _, err := f.Svc.AddPeer(ctx, nil, core.PeerInput{Name: "Trung ương", URL: "https://tw.example", PublicKey: exchange.PublicKeyString(sender.Public().(ed25519.PublicKey)),
			OrgCodes: []string{"CP", "X99"}}); err != nil {
			t.Fatal(err)
		}
		pack := func(m exchange.Manifest) []byte {
			m.Version, m.CreatedAt, m.Files = exchange.Version, "2026-11-26T09:00:00Z", []exchange.File{}
			m.Sender.Installation, m.Receiver.Installation = fp, f.Svc.Fingerprint()
			b, err := exchange.Pack(m, nil, sender)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		status := pack(exchange.Manifest{ID: "s:1", Kind: exchange.KindStatus, Sender: exchange.Party{OrgCode: "CP", OrgName: "Chính phủ"},
			Receiver: exchange.Party{OrgCode: "T01", OrgName: "Tỉnh"},
			Status:   &exchange.Status{DossierRef: "999", State: exchange.StateReceived, At: "2026-11-26T09:00:00Z"}})
		foreign := pack(exchange.Manifest{ID: "d:1", Kind: exchange.KindDossier, Sender: exchange.Party{OrgCode: "X99", OrgName: "Không có ở đây"},
			Receiver: exchange.Party{OrgCode: "T01", OrgName: "Tỉnh"},
			Dossier: &exchange.Dossier{Ref: "1", Award: "bang_khen_bo_tinh", AwardName: "Bằng khen", Kind: "cong_trang", Year: 2025, PeriodFrom: 2025,
				Title: "Đề nghị", Revision: 1, ProposedBy: exchange.Party{OrgCode: "X99", OrgName: "x"}, History: []exchange.Event{},
				Candidates: []exchange.Candidate{{Ref: "ca_nhan:1", Kind: "ca_nhan", Name: "Nguyễn Văn A", Records: []exchange.Record{}}}}})
		before := countRows(t, db, "dossiers")
		for name, pkg := range map[string][]byte{"unknown dossier": status, "unknown organisation": foreign} {
			_, err := f.Svc.ReceivePackage(ctx, nil, pkg, core.ViaHTTPS)
			var r *exchange.Refusal
			if !errors.As(err, &r) || r.Code != "not_applicable" || r.Message == "" {
				t.Errorf("%s: %v", name, err)
			}
		}
		if _, err := f.Svc.ReceivePackage(ctx, &f.ViewerA, status, core.ViaFile); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a viewer imports a package: %v", err)
		}
		if n := countRows(t, db, "dossiers"); n != before {
			t.Errorf("dossiers %d → %d", before, n)
		}
		if n := countRows(t, db, "exchange_refusals"); n != 2 {
			t.Errorf("%d refusals logged, want 2", n)
		}
		if n := countRows(t, db, "exchange_inbox"); n != 0 {
			t.Errorf("%d messages applied, want 0", n)
		}
	})
}

func countRows(t *testing.T, db *sqldb.DB, table string) (n int64) {
	t.Helper()
	if err := db.View(context.Background(), func(tx *sqldb.Tx) (err error) {
		n, err = tx.Int(context.Background(), `SELECT count(*) FROM `+table)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}
