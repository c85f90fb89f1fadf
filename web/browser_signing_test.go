package web_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"software.sslmate.com/src/go-pkcs12"

	"tdkt/pades/padestest"
	"tdkt/tdkttest"
)

// nodeSignerP12 makes an RSA key and a chain for @signpdf (node-forge reads RSA keys
// only, in the legacy 3DES PKCS#12 form, and re-encodes non-ASCII names: the names
// stay ASCII) and returns the PKCS#12 file and the signer's common name.
func nodeSignerP12(t *testing.T, password string) ([]byte, string) {
	t.Helper()
	const cn = "Nguyen Van Chu"
	rootKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	leafKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	nb := tdkttest.Now.AddDate(0, 0, -1)
	rootTpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test root", OrganizationalUnit: []string{"tdkt demo"}},
		NotBefore: nb, NotAfter: nb.AddDate(10, 0, 0), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	der, err := x509.CreateCertificate(rand.Reader, rootTpl, rootTpl, &rootKey.PublicKey, rootKey)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := x509.ParseCertificate(der)
	leafTpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: cn, Organization: []string{"UBND tinh Thu Nghiem"}},
		NotBefore: nb, NotAfter: nb.AddDate(3, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment}
	der, err = x509.CreateCertificate(rand.Reader, leafTpl, root, &leafKey.PublicKey, rootKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	p12, err := pkcs12.LegacyDES.Encode(leafKey, leaf, []*x509.Certificate{root}, password)
	if err != nil {
		t.Fatal(err)
	}
	return p12, cn
}

// fetchLink downloads the target of a link of the page with the tab's session, as
// the browser would when the link is clicked, and returns its bytes.
func fetchLink(t *testing.T, b *tdkttest.Tab, sel string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Context(), 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector(`+jsString(sel)+`).href)
		.then(r => { if (!r.ok) throw new Error("HTTP " + r.status); return r.arrayBuffer(); })
		.then(buf => { const a = new Uint8Array(buf); let s = ""; for (let i = 0; i < a.length; i += 8192) s += String.fromCharCode(...a.subarray(i, i + 8192)); return btoa(s); })`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("download %s: %v", sel, err)
	}
	data, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestBrowserSigning: the province's clerk opens a decided dossier, downloads the
// decision through "Tải về để ký", signs it with @signpdf (a signer independent of
// tdkt) and uploads it through the page's file field: the page shows the signature as
// valid. A signed copy of the submission uploaded as the decision is refused with the
// Vietnamese message beside the field, and the first signature stays the only one. At
// a phone's width and a desktop's, without sideways scrolling, and held to axe.
func TestBrowserSigning(t *testing.T) {
	bctx := tdkttest.Browser(t)
	const password = "mat-khau"
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			p := newProcedure(t, tdkttest.SQLite(t))
			f := p.Fixture
			d := decidedForSigning(t, p)
			p12, cn := nodeSignerP12(t, password)
			url := f.Server.URL + "/app/dossiers/" + itoa(d.ID)
			dir := t.TempDir()

			b := tdkttest.NewTab(t, bctx, vp, "signing-")
			b.Step("log in", b.Emulate(), f.LogIn(t, p.ProvClerk.Login), chromedp.WaitVisible(chromedp.ID("q")))
			b.Step("the dossier", chromedp.Navigate(url), chromedp.WaitVisible(chromedp.ID("signing")))
			if s := textOf(t, b, "#sign-quyet-dinh"); !strings.Contains(s, "Chưa ký số") {
				t.Fatalf("the decision before signing: %q", s)
			}
			b.Shot("unsigned")
			b.NoOverflow("the signing block")

			decision := fetchLink(t, b, "#download-quyet-dinh")
			if !strings.HasPrefix(string(decision), "%PDF-") {
				t.Fatalf("the decision to sign is not a PDF: %q", decision[:min(16, len(decision))])
			}
			signed := filepath.Join(dir, "quyet-dinh-da-ky.pdf")
			if err := os.WriteFile(signed, padestest.NodeSign(t, decision, p12, password), 0o600); err != nil {
				t.Fatal(err)
			}
			b.Step("upload the signed decision", chromedp.SetUploadFiles(chromedp.ID("signed-quyet-dinh"), []string{signed}),
				chromedp.Click(chromedp.ID("upload-quyet-dinh")), chromedp.WaitVisible(chromedp.CSS("#sign-quyet-dinh .signature")))
			got := textOf(t, b, "#sign-quyet-dinh")
			for _, w := range []string{"Đã ký số", cn, "Hợp lệ", "Chưa được tin cậy"} {
				if !strings.Contains(got, w) {
					t.Errorf("the signed decision lacks %q: %q", w, got)
				}
			}
			if s := textOf(t, b, ".notice"); !strings.Contains(s, "Đã nhận bản đã ký số") {
				t.Errorf("the notice after the upload: %q", s)
			}
			if s := textOf(t, b, "#decision-pdf"); !strings.Contains(s, "(bản đã ký số)") {
				t.Errorf("the decision's download: %q", s)
			}
			b.Shot("signed")
			b.NoOverflow("the signed decision")

			// The submission, signed, is not the decision.
			other := filepath.Join(dir, "to-trinh-da-ky.pdf")
			if err := os.WriteFile(other, padestest.NodeSign(t, fetchLink(t, b, "#download-to-trinh"), p12, password), 0o600); err != nil {
				t.Fatal(err)
			}
			b.Step("upload another document as the decision", chromedp.SetUploadFiles(chromedp.ID("signed-quyet-dinh"), []string{other}),
				chromedp.Click(chromedp.ID("upload-quyet-dinh")), chromedp.WaitVisible(chromedp.ID("e-signed-quyet-dinh")))
			if s := textOf(t, b, "#e-signed-quyet-dinh"); !strings.Contains(s, "Tệp đã ký không phải là văn bản này") {
				t.Errorf("the refusal: %q", s)
			}
			if n := rowsOf(t, b, "#sign-quyet-dinh .signature"); n != 1 {
				t.Errorf("the decision shows %d signatures after the refusal, want 1", n)
			}
			if n := rowsOf(t, b, "#sign-to-trinh .signature"); n != 0 {
				t.Errorf("the submission shows %d signatures, want 0", n)
			}
			b.Shot("refused")
			b.NoOverflow("the refused upload")
			axeOn(t, b, url)
		})
	}
}
