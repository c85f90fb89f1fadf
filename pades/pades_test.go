package pades

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/pades/padestest"
)

func TestSignVerify(t *testing.T) {
	root, s := demoSigner(t, "Nguyễn Văn Á", "Sở Nội vụ tỉnh Mẫu")
	signed := mustSign(t, certificatePDF(t), s, Options{Name: "Nguyễn Văn Á", Reason: "Ký phát hành", Location: "Hà Nội",
		Appearance: personBox("Ký bởi: Nguyễn Văn Á", "Cơ quan: Sở Nội vụ tỉnh Mẫu", "Thời gian ký: 07/12/2026 15:04")})

	r := mustVerify(t, signed, &Trust{Roots: []*x509.Certificate{root}}, 1)[0]
	if !r.Valid || !r.CoversWholeDocument || !r.Trusted || r.Revoked || r.Reason != "" {
		t.Fatalf("trusted signature: %+v", r)
	}
	if r.Signer != "Nguyễn Văn Á" || r.Organisation != "Sở Nội vụ tỉnh Mẫu" || !r.SignedAt.Equal(signedAt) || r.SignedLength != int64(len(signed)) {
		t.Fatalf("signature facts: %+v", r)
	}

	r = mustVerify(t, signed, &Trust{}, 1)[0]
	if !r.Valid || r.Trusted || r.Reason != reasonUntrusted {
		t.Fatalf("without the root: %+v", r)
	}
	// A root that did not issue the chain is no better.
	other, _ := demoSigner(t, "Khác", "Khác")
	if r = mustVerify(t, signed, &Trust{Roots: []*x509.Certificate{other}}, 1)[0]; r.Trusted {
		t.Fatalf("trusted by another root: %+v", r)
	}

	for _, at := range []time.Time{signedAt.AddDate(0, 0, -2), signedAt.AddDate(4, 0, 0)} { // before and after the leaf's validity
		early := mustSign(t, certificatePDF(t), s, Options{Time: at})
		r = mustVerify(t, early, &Trust{Roots: []*x509.Certificate{root}}, 1)[0]
		if !r.Valid || r.Trusted || r.Reason != reasonTime {
			t.Fatalf("signed at %v: %+v", at, r)
		}
	}
}

func TestTwoSignatures(t *testing.T) {
	rootA, person := demoSigner(t, "Nguyễn Văn Á", "Sở Nội vụ tỉnh Mẫu")
	rootB, seal := demoSigner(t, "Sở Nội vụ tỉnh Mẫu", "Sở Nội vụ tỉnh Mẫu")
	issued := certificatePDF(t)
	one := mustSign(t, issued, person, Options{Name: "Nguyễn Văn Á", Appearance: personBox("Ký bởi: Nguyễn Văn Á")})
	two := mustSign(t, one, seal, Options{Name: "Sở Nội vụ", Reason: "Đóng dấu",
		Appearance: &Appearance{Page: 1, X: 20, Y: 200, W: 80, H: 35, Signature: signaturePNG(t), Seal: sealJPEG(t),
			Lines: []string{"Ký bởi: Sở Nội vụ tỉnh Mẫu", "Thời gian ký: 07/12/2026 15:04"}}})
	trust := &Trust{Roots: []*x509.Certificate{rootA, rootB}}
	rs := mustVerify(t, two, trust, 2)
	for i, r := range rs {
		if !r.Valid || !r.CoversWholeDocument || !r.Trusted {
			t.Fatalf("signature %d: %+v", i, r)
		}
	}
	if rs[0].Signer != "Nguyễn Văn Á" || rs[1].Signer != "Sở Nội vụ tỉnh Mẫu" || rs[0].SignedLength != int64(len(one)) {
		t.Fatalf("order or lengths: %+v", rs)
	}
	if err := Extends(issued, two); err != nil {
		t.Fatal(err)
	}

	// Junk and an incremental update without a signature: neither signature covers it.
	tampered := append([]byte(string(two)), "\n% junk\n1 0 obj\n<</Type/Catalog>>\nendobj\nxref\n1 1\n0000000000 00000 n\r\ntrailer\n<</Size 2/Root 1 0 R>>\nstartxref\n0\n%%EOF\n"...)
	for i, r := range mustVerify(t, tampered, trust, 2) {
		if !r.Valid || r.CoversWholeDocument || !strings.Contains(r.Reason, reasonAppended) {
			t.Fatalf("signature %d after an unsigned update: %+v", i, r)
		}
	}
	out := padestest.Pdfsig(t, two, rootA, rootB)
	requireAllValid(t, out, 2)
}

func TestTamperedAndUnsigned(t *testing.T) {
	root, s := demoSigner(t, "Nguyễn Văn Á", "Sở Nội vụ")
	pdf := certificatePDF(t)
	signed := mustSign(t, pdf, s, Options{})
	bad := []byte(string(signed))
	bad[len(pdf)/2] ^= 0x01 // inside the first range, in the issued document
	r := mustVerify(t, bad, &Trust{Roots: []*x509.Certificate{root}}, 1)[0]
	if r.Valid || r.Trusted || r.CoversWholeDocument || r.Reason != reasonMismatch {
		t.Fatalf("changed byte: %+v", r)
	}

	rs := mustVerify(t, pdf, nil, 0)
	if b, _ := json.Marshal(rs); string(b) != "[]" {
		t.Fatalf("unsigned: %s", b)
	}
	if _, err := Verify([]byte("not a pdf"), nil, signedAt); tdkt.CodeOf(err) != tdkt.EInvalid {
		t.Fatalf("not a PDF: %v", err)
	}
	if err := Extends(pdf, pdf); err == nil {
		t.Fatal("an unsigned file extends its issue")
	}
}

func TestRevoked(t *testing.T) {
	root, rootKey, s := ownChain(t, false, "Nguyễn Văn Á")
	signed := mustSign(t, certificatePDF(t), s, Options{})
	revokedAt := time.Date(2026, 12, 1, 9, 0, 0, 0, vietnam)
	crlDER, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number: big.NewInt(1), ThisUpdate: signedAt, NextUpdate: signedAt.AddDate(0, 1, 0),
		RevokedCertificateEntries: []x509.RevocationListEntry{{SerialNumber: s.Chain()[0].SerialNumber, RevocationTime: revokedAt}},
	}, root, rootKey)
	if err != nil {
		t.Fatal(err)
	}
	crl, err := x509.ParseRevocationList(crlDER)
	if err != nil {
		t.Fatal(err)
	}
	r := mustVerify(t, signed, &Trust{Roots: []*x509.Certificate{root}, CRLs: []*x509.RevocationList{crl}}, 1)[0]
	if !r.Valid || r.Trusted || !r.Revoked || r.Reason != "Chứng thư số đã bị thu hồi từ ngày 01/12/2026." {
		t.Fatalf("revoked: %+v", r)
	}
	// The same CRL says nothing about a chain of another issuer whose leaf has the same serial.
	otherRoot, _, other := ownChain(t, false, "Trần Thị B")
	r = mustVerify(t, mustSign(t, certificatePDF(t), other, Options{}), &Trust{Roots: []*x509.Certificate{otherRoot}, CRLs: []*x509.RevocationList{crl}}, 1)[0]
	if !r.Trusted || r.Revoked {
		t.Fatalf("CRL of another issuer: %+v", r)
	}
}

func TestPKCS12(t *testing.T) {
	root, s := demoSigner(t, "Nguyễn Văn Á", "Sở Nội vụ")
	p12, err := EncodePKCS12(s, "mật khẩu")
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadPKCS12(p12, "mật khẩu")
	if err != nil {
		t.Fatal(err)
	}
	if len(loaded.Chain()) != 2 || !loaded.Chain()[0].Equal(s.Chain()[0]) {
		t.Fatalf("chain: %v", loaded.Chain())
	}
	r := mustVerify(t, mustSign(t, certificatePDF(t), loaded, Options{}), &Trust{Roots: []*x509.Certificate{root}}, 1)[0]
	if !r.Valid || !r.Trusted {
		t.Fatalf("signed with the loaded key: %+v", r)
	}
	_, err = LoadPKCS12(p12, "sai")
	if e, ok := err.(*tdkt.Error); !ok || e.Message != "Mật khẩu của tệp chứng thư số (.p12) không đúng." {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := LoadPKCS12([]byte("rác"), "x"); tdkt.CodeOf(err) != tdkt.EInvalid {
		t.Fatalf("garbage: %v", err)
	}
	if _, err := Sign(context.Background(), []byte("%PDF-1.4\nrác"), loaded, Options{}); tdkt.CodeOf(err) != tdkt.EInvalid ||
		!strings.HasPrefix(err.Error(), "Không thêm được chữ ký vào tệp này: ") {
		t.Fatalf("signing garbage: %v", err)
	}
}
