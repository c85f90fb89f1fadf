package pades

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"testing"

	"tdkt/pades/padestest"
)

// xrefStreamPDF writes a PDF 1.5 whose catalog, page tree and page live in a compressed
// object stream, indexed by a compressed xref stream with the PNG Up predictor, as
// modern writers do.
func xrefStreamPDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	content := "BT /F1 24 Tf 72 720 Td (Xref stream) Tj ET"
	offs := map[int]int{}
	offs[4] = b.Len()
	fmt.Fprintf(&b, "4 0 obj\n<</Length %d>>\nstream\n%s\nendstream\nendobj\n", len(content), content)
	objs := []string{
		"<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1/MediaBox[0 0 595 842]>>",
		"<</Type/Page/Parent 2 0 R/Contents 4 0 R/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>",
	}
	var head, body bytes.Buffer
	for i, o := range objs {
		fmt.Fprintf(&head, "%d %d ", i+1, body.Len())
		body.WriteString(o + "\n")
	}
	stm := deflate(append(head.Bytes(), body.Bytes()...))
	offs[5] = b.Len()
	fmt.Fprintf(&b, "5 0 obj\n<</Type/ObjStm/N 3/First %d/Filter/FlateDecode/Length %d>>\nstream\n", head.Len(), len(stm))
	b.Write(stm)
	b.WriteString("\nendstream\nendobj\n")
	offs[6] = b.Len()
	// Rows of W [1 2 1]: type, offset or object stream, generation or index.
	rows := [][4]byte{{0, 0, 0, 255}, {2, 0, 5, 0}, {2, 0, 5, 1}, {2, 0, 5, 2}}
	for _, n := range []int{4, 5, 6} {
		rows = append(rows, [4]byte{1, byte(offs[n] >> 8), byte(offs[n]), 0})
	}
	var raw []byte
	prev := [4]byte{}
	for _, r := range rows { // PNG "Up" predictor, row by row
		raw = append(raw, 2)
		for i := range r {
			raw = append(raw, r[i]-prev[i])
		}
		prev = r
	}
	xs := deflate(raw)
	fmt.Fprintf(&b, "6 0 obj\n<</Type/XRef/Size 7/W[1 2 1]/Root 1 0 R/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 4>>/Length %d>>\nstream\n", len(xs))
	b.Write(xs)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", offs[6])
	return b.Bytes()
}

// TestXrefStream signs a file with an xref stream and object streams twice (the second
// time over pades' own xref stream update) and has pdfsig check both.
func TestXrefStream(t *testing.T) {
	root, s := demoSigner(t, "Nguyễn Văn Á", "Sở Nội vụ tỉnh Mẫu")
	pdf := xrefStreamPDF()
	one := mustSign(t, pdf, s, Options{Appearance: personBox("Ký bởi: Nguyễn Văn Á")})
	two := mustSign(t, one, s, Options{Appearance: &Appearance{Page: 1, X: 20, Y: 200, W: 60, H: 20, Lines: []string{"Lần hai"}}})
	trust := &Trust{Roots: []*x509.Certificate{root}}
	for i, r := range mustVerify(t, two, trust, 2) {
		if !r.Valid || !r.CoversWholeDocument || !r.Trusted {
			t.Fatalf("signature %d: %+v", i, r)
		}
	}
	doc, err := readDocument(two)
	if err != nil {
		t.Fatal(err)
	}
	if fields, _ := doc.resolve(doc.dictOf(doc.dictOf(doc.trailer["Root"])["AcroForm"])["Fields"]).([]any); len(fields) != 2 {
		t.Fatalf("fields after two signatures: %v", fields)
	}
	// pdfsig trips over one certificate in two signatures (see TestPdfsig), so it checks one.
	requireAllValid(t, padestest.Pdfsig(t, one, root), 1)
}
