package pades

import (
	"crypto/x509"
	"strings"
	"testing"

	"tdkt"
	"tdkt/pades/padestest"
)

// TestNodeSigner checks pades against @signpdf, a signer written independently of it:
// pades verifies its signature, Extends accepts it, and pades signs on top of it.
func TestNodeSigner(t *testing.T) {
	root, _, person := ownChain(t, true, "Nguyen Van A")
	// node-forge reads the AES form too, but not a non-ASCII password.
	p12, err := EncodePKCS12(person, "bi-mat")
	if err != nil {
		t.Fatal(err)
	}
	issued := certificatePDF(t)
	signed := padestest.NodeSign(t, issued, p12, "bi-mat")
	trust := &Trust{Roots: []*x509.Certificate{root}}
	r := mustVerify(t, signed, trust, 1)[0]
	if !r.Valid || !r.CoversWholeDocument || !r.Trusted || r.Signer != "Nguyen Van A" {
		t.Fatalf("node signature: %+v", r)
	}

	br := findSignatures(signed)[0].byteRange
	bad := []byte(string(signed))
	bad[br[2]+br[3]/2] ^= 0x20 // a byte after /Contents, inside the signed range
	if r := mustVerify(t, bad, trust, 1)[0]; r.Valid || r.Reason != reasonMismatch {
		t.Fatalf("changed after /Contents: %+v", r)
	}
	if r := mustVerify(t, append([]byte(string(signed)), "\n% more\n"...), trust, 1)[0]; !r.Valid || r.CoversWholeDocument {
		t.Fatalf("appended bytes: %+v", r)
	}

	if err := Extends(issued, signed); err != nil {
		t.Fatal(err)
	}
	other := []byte(string(issued))
	other[len(other)/2] ^= 0x01
	if err := Extends(other, signed); tdkt.CodeOf(err) != tdkt.EInvalid || !strings.Contains(err.Error(), "nội dung gốc đã bị thay đổi") {
		t.Fatalf("another issue: %v", err)
	}

	// An organisation's seal after the person's signature.
	rootB, seal := demoSigner(t, "Sở Nội vụ tỉnh Mẫu", "Sở Nội vụ tỉnh Mẫu")
	both := mustSign(t, signed, seal, Options{Name: "Sở Nội vụ", Appearance: &Appearance{Page: 1, X: 20, Y: 200, W: 70, H: 35,
		Seal: sealJPEG(t), Lines: []string{"Ký bởi: Sở Nội vụ tỉnh Mẫu"}}})
	trust.Roots = append(trust.Roots, rootB)
	for i, r := range mustVerify(t, both, trust, 2) {
		if !r.Valid || !r.CoversWholeDocument || !r.Trusted {
			t.Fatalf("signature %d: %+v", i, r)
		}
	}
	if err := Extends(issued, both); err != nil {
		t.Fatal(err)
	}
	requireAllValid(t, padestest.Pdfsig(t, both, root, rootB), 2)
}
