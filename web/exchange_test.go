package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/exchange"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// withKey gives the fixture's installation an exchange key, as tdkt serve does.
func withKey(t *testing.T, svc *core.Service) {
	t.Helper()
	key, err := exchange.LoadOrCreateKey(filepath.Join(t.TempDir(), "exchange.key"))
	if err != nil {
		t.Fatal(err)
	}
	svc.Exchange = core.ExchangeConfig{Key: key, Client: &http.Client{Timeout: 5 * time.Second}}
}

// otherKey is the public key of another installation.
func otherKey(t *testing.T) string {
	t.Helper()
	var s core.Service
	withKey(t, &s)
	return s.PublicKey()
}

// TestSecretDossierForm: the dossier form carries "Hồ sơ mật": created with it, the
// dossier is secret and says so; its edit form shows the box ticked, so that saving
// keeps it, and unticking it clears it.
func TestSecretDossierForm(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := f.Client(t, "canbo.a")
		form := url.Values{"org_id": {itoa(f.CommuneA.ID)}, "award": {"chien_si_thi_dua_co_so"}, "kind": {string(tdkt.KindMerit)}, "year": {"2025"},
			"title": {"Hồ sơ mật thử nghiệm"}, "secret": {"on"}}
		p := post(t, f, c, "/app/dossiers/new", form)
		want(t, "create", p, http.StatusSeeOther)
		id := strings.TrimSuffix(strings.TrimPrefix(p.Location, "/app/dossiers/"), "?saved=1")
		secret := func() bool {
			t.Helper()
			list, err := f.Svc.Dossiers(context.Background(), &f.ClerkA, nil)
			if err != nil || len(list) != 1 || itoa(list[0].ID) != id {
				t.Fatalf("the dossiers: %v %+v", err, list)
			}
			return list[0].Secret
		}
		if !secret() {
			t.Fatal("created from the form with the box ticked, the dossier is not secret")
		}
		want(t, "page", get(t, f, c, "/app/dossiers/"+id), http.StatusOK, `id="dossier-secret"`, "Hồ sơ mật: không gửi qua mạng")
		edit := get(t, f, c, "/app/dossiers/"+id+"/edit")
		want(t, "edit form", edit, http.StatusOK, `<input type="checkbox" id="f-secret" name="secret" value="on" checked>`, "Hồ sơ mật (không gửi qua mạng)")
		form.Set("version", "1")
		form.Set("title", "Hồ sơ mật, sửa trích yếu")
		want(t, "save with the box", post(t, f, c, "/app/dossiers/"+id+"/edit", form), http.StatusSeeOther)
		if !secret() {
			t.Error("saving the edit form cleared the secret mark")
		}
		form.Del("secret")
		form.Set("version", "2")
		want(t, "save without the box", post(t, f, c, "/app/dossiers/"+id+"/edit", form), http.StatusSeeOther)
		if secret() {
			t.Error("unticking the box left the dossier secret")
		}
		if p := get(t, f, c, "/app/dossiers/"+id); strings.Contains(p.Body, `id="dossier-secret"`) {
			t.Error("the page still says secret")
		}
	})
}

// TestSecretDossierGoesOnPaper: a secret Huân chương approved by a province that
// runs its own installation is forwarded above it only with the paper path written in
// the step's note: the note field says so, a forward without it is refused next to
// the field, and with it the page shows the paper path and the state "đã gửi bản
// giấy", and no package exists.
func TestSecretDossierGoesOnPaper(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		n := tdkttest.NewProvinceInstallation(t, db)
		clock := &mover{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		n.Svc.Now = clock.Now
		withKey(t, n.Svc)
		if _, err := n.Svc.AddPeer(context.Background(), nil, core.PeerInput{Name: "Ban Thi đua – Khen thưởng Trung ương", URL: "http://127.0.0.1:9",
			PublicKey: otherKey(t), OrgCodes: []string{"CP", "CTN"}, Upstream: true}); err != nil {
			t.Fatal(err)
		}
		d := provinceApproves(t, n, clock, true)
		c := n.Client(t, "chutich.tinh")
		path := "/app/dossiers/" + itoa(d.ID)
		want(t, "approved", get(t, n.Fixture, c, path), http.StatusOK, `id="note-forward"`, "hồ sơ mật không gửi qua mạng: khi trình lên hệ thống cấp trên, ghi đường gửi bản giấy")
		step := url.Values{"action": {"forward"}, "version": {itoa(int64(d.Version))}, "back": {path}}
		want(t, "forward without a note", post(t, n.Fixture, c, path+"/step", step), http.StatusUnprocessableEntity,
			`id="e-note-forward"`, "Hãy gửi bản giấy theo đường công văn mật")
		step.Set("note", "Công văn mật số 12/CV-UBND ngày 23/03/2026, gửi qua bưu điện")
		want(t, "forward with the paper path", post(t, n.Fixture, c, path+"/step", step), http.StatusSeeOther)
		p := get(t, n.Fixture, c, path)
		want(t, "forwarded on paper", p, http.StatusOK, `id="paper-path">Công văn mật số 12/CV-UBND ngày 23/03/2026, gửi qua bưu điện`,
			"đã gửi bản giấy (hồ sơ mật)", `id="held-there"`)
		if strings.Contains(p.Body, "travel-package") || strings.Contains(p.Body, `id="steps"`) {
			t.Error("a secret dossier sent on paper offers a package or a step")
		}
		want(t, "no package", get(t, n.Fixture, c, path+"/package"), http.StatusConflict, "hồ sơ mật không bao giờ có gói")
		x, err := n.Svc.ExchangeOfDossier(context.Background(), &n.ProvLeader, d.ID)
		if err != nil || len(x.Outbox) != 0 || x.Link == nil || x.Link.State != "paper" {
			t.Errorf("the exchange of the secret dossier: %v %+v", err, x)
		}
	})
}

// postFile posts a file in the multipart field "file".
func postFile(t *testing.T, f *tdkttest.Fixture, c *http.Client, path, name string, content []byte) page {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if name != "" {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, f.Server.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return do(t, c, req)
}

// TestExchangePageAndPeers: the exchange page is the installation administrators'
// and the standing offices', in their menus; a commune clerk is refused it. The
// administrator registers a peer with the errors next to the fields, and a second
// upstream installation is refused with its reason; a file that is no package is
// refused next to the file field and logged.
func TestExchangePageAndPeers(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		n := tdkttest.NewProvinceInstallation(t, db)
		f := n.Fixture
		withKey(t, f.Svc)
		clerk, admin, office := f.Client(t, "canbo.a"), f.Client(t, "quantri"), f.Client(t, "canbo.snv")
		want(t, "a commune clerk", get(t, f, clerk, "/app/exchange"), http.StatusForbidden)
		if p := get(t, f, clerk, "/app/"); strings.Contains(p.Body, `href="/app/exchange"`) {
			t.Error("a commune clerk's menu offers the exchange")
		}
		for name, c := range map[string]*http.Client{"admin": admin, "office": office} {
			want(t, name+"'s menu", get(t, f, c, "/app/"), http.StatusOK, `href="/app/exchange"`)
			want(t, name+"'s page", get(t, f, c, "/app/exchange"), http.StatusOK, f.Svc.Fingerprint(),
				strings.ReplaceAll(f.Svc.PublicKey(), "+", "&#43;"), "Chưa đăng ký hệ thống nào.")
		}
		if p := get(t, f, office, "/app/exchange"); strings.Contains(p.Body, `action="/app/exchange/peers"`) {
			t.Error("the standing office is offered to register a peer")
		}
		want(t, "the office registers a peer", post(t, f, office, "/app/exchange/peers", url.Values{"name": {"X"}}), http.StatusForbidden)

		p := post(t, f, admin, "/app/exchange/peers", url.Values{"name": {""}, "url": {"ftp://x"}, "public_key": {"abc"}, "org_codes": {" , "}})
		want(t, "an empty peer", p, http.StatusUnprocessableEntity, `id="e-name"`, `id="e-url"`, `id="e-public_key"`, `id="e-org_codes"`,
			"Khóa công khai không hợp lệ")
		p = post(t, f, admin, "/app/exchange/peers", url.Values{"name": {"Chính mình"}, "url": {"https://a.example"}, "public_key": {f.Svc.PublicKey()}, "org_codes": {"T01"}})
		want(t, "its own key", p, http.StatusUnprocessableEntity, "Đây là khóa của chính hệ thống này.", `value="Chính mình"`)
		central := url.Values{"name": {"Ban Thi đua – Khen thưởng Trung ương"}, "url": {"https://tdkt.example.gov.vn"}, "public_key": {otherKey(t)},
			"org_codes": {"CP, CTN,BTDKTTW"}, "upstream": {"on"}}
		p = post(t, f, admin, "/app/exchange/peers", central)
		want(t, "the centre", p, http.StatusSeeOther)
		if p.Location != "/app/exchange?done=peer_added#peers" {
			t.Errorf("after registering: %q", p.Location)
		}
		want(t, "the peers", get(t, f, admin, "/app/exchange?done=peer_added"), http.StatusOK, "Đã đăng ký hệ thống liên thông.",
			"Ban Thi đua – Khen thưởng Trung ương", "CP, CTN, BTDKTTW", "https://tdkt.example.gov.vn")
		central.Set("public_key", otherKey(t))
		central.Set("name", "Một cấp trên nữa")
		want(t, "a second upstream", post(t, f, admin, "/app/exchange/peers", central), http.StatusConflict, `id="peer-alert"`, "Đã có hệ thống cấp trên")

		want(t, "no file", postFile(t, f, office, "/app/exchange/import", "", nil), http.StatusUnprocessableEntity, `id="e-file"`, "Hãy chọn tệp gói liên thông")
		p = postFile(t, f, office, "/app/exchange/import", "goi.zip", []byte("không phải tệp zip"))
		want(t, "not a zip", p, http.StatusUnprocessableEntity, `id="e-file"`, "Gói bị từ chối (")
		ov, err := f.Svc.ExchangeOverview(context.Background(), &f.Admin)
		if err != nil || len(ov.Refusals) != 1 || ov.Refusals[0].Via != core.ViaFile {
			t.Errorf("the refusal log: %v %+v", err, ov.Refusals)
		}
		want(t, "the refusal listed", get(t, f, office, "/app/exchange"), http.StatusOK, "<code>"+ov.Refusals[0].Code+"</code>")
	})
}
