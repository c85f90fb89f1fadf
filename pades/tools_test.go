package pades

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"tdkt/pades/padestest"
)

// TestPdfsig has poppler's pdfsig (NSS) check a file with one signature; the files with
// two are checked in TestTwoSignatures and TestNodeSigner. Their two signatures come from
// two certificates: pdfsig reports "Unknown issue with Certificate" for the second of two
// signatures made with the very same certificate, though it finds the signature valid.
func TestPdfsig(t *testing.T) {
	root, s := demoSigner(t, "Nguyễn Văn Á", "Sở Nội vụ tỉnh Mẫu")
	signed := mustSign(t, certificatePDF(t), s, Options{Name: "Nguyễn Văn Á", Reason: "Ký phát hành", Location: "Hà Nội"})
	requireAllValid(t, padestest.Pdfsig(t, signed, root), 1)
}

// TestOpenSSLPKCS12 loads a file written by `openssl pkcs12 -export` with OpenSSL's
// defaults (AES-256-CBC, PBKDF2 in OpenSSL 3).
func TestOpenSSLPKCS12(t *testing.T) {
	openssl := padestest.Tool(t, "openssl")
	root, _, s := ownChain(t, false, "Nguyễn Văn Á")
	keyDER, err := x509.MarshalPKCS8PrivateKey(s.(*keySigner).key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, typ string, der []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	out := filepath.Join(dir, "key.p12")
	cmd := exec.Command(openssl, "pkcs12", "-export", "-inkey", write("key.pem", "PRIVATE KEY", keyDER),
		"-in", write("leaf.pem", "CERTIFICATE", s.Chain()[0].Raw), "-certfile", write("root.pem", "CERTIFICATE", root.Raw),
		"-passout", "pass:mật khẩu", "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("openssl: %v\n%s", err, b)
	}
	p12, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadPKCS12(p12, "mật khẩu")
	if err != nil {
		t.Fatal(err)
	}
	if c := loaded.Chain(); len(c) != 2 || !c[0].Equal(s.Chain()[0]) || !c[1].Equal(root) {
		t.Fatalf("chain: %v", c)
	}
	r := mustVerify(t, mustSign(t, certificatePDF(t), loaded, Options{}), &Trust{Roots: []*x509.Certificate{root}}, 1)[0]
	if !r.Valid || !r.Trusted {
		t.Fatalf("signed with the OpenSSL file: %+v", r)
	}
	if _, err := LoadPKCS12(p12, "sai mật khẩu"); err == nil || err.Error() != "Mật khẩu của tệp chứng thư số (.p12) không đúng." {
		t.Fatalf("wrong password: %v", err)
	}
}

// TestAppearanceRendered renders the page with poppler before and after a visible
// signature: the box, empty before, has the seal's red and the dark text and strokes.
func TestAppearanceRendered(t *testing.T) {
	pdftoppm := padestest.Tool(t, "pdftoppm")
	_, s := demoSigner(t, "Nguyễn Văn Á", "Sở Nội vụ tỉnh Mẫu")
	pdf := certificatePDF(t)
	box := &Appearance{Page: 1, X: 20, Y: 200, W: 90, H: 35, Signature: signaturePNG(t), Seal: sealJPEG(t),
		Lines: []string{"Ký bởi: Nguyễn Văn Á", "Cơ quan: Sở Nội vụ tỉnh Mẫu", "Thời gian ký: 07/12/2026 15:04"}}
	signed := mustSign(t, pdf, s, Options{Appearance: box})
	render := func(b []byte) image.Image {
		dir := t.TempDir()
		in := filepath.Join(dir, "in.pdf")
		if err := os.WriteFile(in, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(pdftoppm, "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		f, err := os.Open(filepath.Join(dir, "page.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	// count counts the pixels of a part of the box (fractions of its width) that match.
	count := func(img image.Image, from, to float64, match func(r, g, b uint32) bool) int {
		px := func(mm float64) int { return int(mm * 50 / 25.4) }
		n := 0
		for y := px(box.Y); y < px(box.Y+box.H); y++ {
			for x := px(box.X + from*box.W); x < px(box.X+to*box.W); x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if match(r>>8, g>>8, b>>8) {
					n++
				}
			}
		}
		return n
	}
	dark := func(r, g, b uint32) bool { return max(r, g, b) < 130 } // not the seal's red
	red := func(r, g, b uint32) bool { return r > 150 && g < 90 && b < 90 }
	before, after := render(pdf), render(signed)
	if n := count(before, 0, 1, func(r, g, b uint32) bool { return !(r > 240 && g > 240 && b > 240) }); n != 0 {
		t.Fatalf("the box area is not empty before signing: %d pixels", n)
	}
	if n := count(after, 0, 0.5, red); n < 50 {
		t.Fatalf("seal: %d red pixels", n)
	}
	if n := count(after, 0.5, 1, dark); n < 50 {
		t.Fatalf("text: %d dark pixels", n)
	}
	if n := count(after, 0, 0.5, dark); n < 20 {
		t.Fatalf("handwritten signature: %d dark pixels", n)
	}
}

func BenchmarkSign(b *testing.B) {
	_, s := demoSigner(b, "Nguyễn Văn Á", "Sở Nội vụ tỉnh Mẫu")
	pdf := certificatePDF(b)
	o := Options{Name: "Nguyễn Văn Á", Time: signedAt, Appearance: &Appearance{Page: 1, X: 110, Y: 200, W: 80, H: 30,
		Lines: []string{"Ký bởi: Nguyễn Văn Á", "Cơ quan: Sở Nội vụ tỉnh Mẫu", "Thời gian ký: 07/12/2026 15:04"}}}
	for b.Loop() {
		if _, err := Sign(context.Background(), pdf, s, o); err != nil {
			b.Fatal(err)
		}
	}
}
