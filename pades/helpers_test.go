package pades

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// signedAt is the signing time of the tests; the demo chains start a day before it.
var signedAt = time.Date(2026, 12, 7, 15, 4, 0, 0, vietnam)

// certificatePDF draws a one-page A4 certificate-like PDF with fpdf and Tinos; the lower
// part of the page is left empty for the signature box.
func certificatePDF(t testing.TB) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("Tinos", "", tinosTTF)
	pdf.AddPage()
	pdf.SetFont("Tinos", "", 16)
	pdf.CellFormat(0, 12, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", 1, "C", false, 0, "")
	pdf.CellFormat(0, 10, "Độc lập – Tự do – Hạnh phúc", "", 1, "C", false, 0, "")
	pdf.SetFont("Tinos", "", 28)
	pdf.CellFormat(0, 30, "GIẤY KHEN", "", 1, "C", false, 0, "")
	pdf.SetFont("Tinos", "", 14)
	pdf.MultiCell(0, 8, "Tặng ông Nguyễn Văn Á, phòng Tổ chức – Hành chính, đã có thành tích xuất sắc trong phong trào thi đua năm 2026.", "", "C", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// demoSigner makes a demo chain that starts a day before signedAt.
func demoSigner(t testing.TB, name, org string) (*x509.Certificate, Signer) {
	t.Helper()
	root, _, s, err := DemoChain(name, org, signedAt.AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	return root, s
}

// ownChain makes a root and a signing certificate it issues directly, and keeps the root
// key (DemoChain does not) to issue CRLs. RSA for node-forge (behind @signpdf), which
// reads RSA keys only; ECDSA otherwise.
func ownChain(t testing.TB, useRSA bool, cn string) (*x509.Certificate, crypto.Signer, Signer) {
	t.Helper()
	newKey := func() crypto.Signer {
		var k crypto.Signer
		var err error
		if useRSA {
			k, err = rsa.GenerateKey(rand.Reader, 2048)
		} else {
			k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		}
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	rootKey, leafKey := newKey(), newKey()
	ou, org := []string{demoOU}, []string{"Sở Nội vụ"}
	if useRSA {
		// node-forge re-encodes a non-ASCII issuer name in its SignerInfo, and pdfsig then
		// finds no signing certificate: keep that chain ASCII.
		ou, org = []string{"tdkt demo"}, []string{"So Noi vu"}
	}
	nb := signedAt.AddDate(0, 0, -1)
	rootTpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test root " + cn, OrganizationalUnit: ou},
		NotBefore: nb, NotAfter: nb.AddDate(10, 0, 0), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	der, err := x509.CreateCertificate(rand.Reader, rootTpl, rootTpl, rootKey.Public(), rootKey)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := x509.ParseCertificate(der)
	leafTpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: cn, Organization: org},
		NotBefore: nb, NotAfter: nb.AddDate(3, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment}
	der, err = x509.CreateCertificate(rand.Reader, leafTpl, root, leafKey.Public(), rootKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return root, rootKey, NewKeySigner(leafKey, []*x509.Certificate{leaf, root})
}

// signaturePNG is a dark scribble on a transparent background.
func signaturePNG(t testing.TB) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 120, 40))
	for x := 5; x < 115; x++ {
		y := 20 + (x%20 - 10)
		for d := -2; d <= 2; d++ {
			img.Set(x, y+d, color.NRGBA{0, 0, 120, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sealJPEG is a red disc on white.
func sealJPEG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 80, 80))
	for y := range 80 {
		for x := range 80 {
			c := color.RGBA{255, 255, 255, 255}
			if (x-40)*(x-40)+(y-40)*(y-40) < 36*36 {
				c = color.RGBA{200, 0, 0, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mustSign(t testing.TB, pdf []byte, s Signer, o Options) []byte {
	t.Helper()
	if o.Time.IsZero() {
		o.Time = signedAt
	}
	out, err := Sign(context.Background(), pdf, s, o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, pdf) {
		t.Fatal("the signed file does not start with the input")
	}
	return out
}

func mustVerify(t testing.TB, pdf []byte, tr *Trust, want int) []Result {
	t.Helper()
	rs, err := Verify(pdf, tr, signedAt)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != want {
		t.Fatalf("%d signatures, want %d: %+v", len(rs), want, rs)
	}
	return rs
}

func personBox(lines ...string) *Appearance {
	return &Appearance{Page: 1, X: 110, Y: 200, W: 80, H: 30, Lines: lines}
}

// requireAllValid checks pdfsig's report: n signatures, each valid and trusted.
func requireAllValid(t *testing.T, out string, n int) {
	t.Helper()
	if got := strings.Count(out, "Signature Validation: Signature is Valid."); got != n {
		t.Fatalf("pdfsig: %d valid signatures, want %d:\n%s", got, n, out)
	}
	if got := strings.Count(out, "Certificate Validation: Certificate is Trusted."); got != n {
		t.Fatalf("pdfsig: %d trusted certificates, want %d:\n%s", got, n, out)
	}
}
