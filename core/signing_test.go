package core_test

import (
	"archive/zip"
	"bytes"
	"encoding/pem"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/pades"
	"tdkt/pades/padestest"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// sealPNG is a red ring, as an organisation's seal image.
func sealPNG(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 120, 120))
	for y := range 120 {
		for x := range 120 {
			dx, dy := x-60, y-60
			if r := dx*dx + dy*dy; r < 58*58 && r > 50*50 {
				img.Set(x, y, color.NRGBA{200, 16, 30, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The chairman signs a decision outside tdkt (an independent signer), tdkt accepts it
// only when it is the document it issued, adds the province's seal, and the signed copy
// is the one every download gives; pdfsig agrees on both signatures.
func TestDecisionSignedByPersonThenSealed(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, _, _ := decideSudden(t, p)
		ref, err := core.DossierDocRef(d.ID, "quyet-dinh")
		if err != nil {
			t.Fatal(err)
		}

		orgRoot, _, orgSigner, err := pades.DemoChain("Chủ tịch "+f.Province.Name, f.Province.Name, tdkttest.Now.AddDate(-1, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		f.Svc.Signing = core.SigningConfig{Signer: orgSigner}
		personRoot, _, personKey, personChain := padestest.PersonChain(t, "Nguyen Van Chu", tdkttest.Now.AddDate(-1, 0, 0))
		person := pades.NewKeySigner(personKey, personChain)
		p12, err := pades.EncodePKCS12(person, "bi-mat")
		if err != nil {
			t.Fatal(err)
		}

		// Who may take it to sign: not another commune (404), not a viewer (403).
		if _, _, err := f.Svc.PrepareForSigning(ctx, &f.ClerkB, ref); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Fatalf("another commune: %v", err)
		}
		if _, _, err := f.Svc.PrepareForSigning(ctx, &f.ViewerA, ref); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a viewer: %v", err)
		}
		if _, err := f.Svc.AcceptSigned(ctx, &p.Leader, ref, []byte("%PDF-1.4\n")); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Fatalf("a signed copy before the document was issued for signing: %v", err)
		}
		name, issued, err := f.Svc.PrepareForSigning(ctx, &p.Leader, ref)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(name, "quyet-dinh-77-QĐ-UBND") || !bytes.HasPrefix(issued, []byte("%PDF-")) {
			t.Fatalf("issued %q, %d bytes", name, len(issued))
		}
		if _, again, err := f.Svc.PrepareForSigning(ctx, &p.ProvClerk, ref); err != nil || !bytes.Equal(again, issued) {
			t.Fatalf("the document is issued once: the second download differs (%v)", err)
		}

		// The administrator installs the province's root, sets the seal and its image.
		if _, err := f.Svc.AddTrustRoot(ctx, &f.ClerkA, orgRoot.Raw, false); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a clerk installing a root: %v", err)
		}
		if _, err := f.Svc.AddTrustRoot(ctx, &f.Admin, orgRoot.Raw, false); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.SetSigningRule(ctx, &f.AdminA, f.Province.ID, "decision", true); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Fatalf("a commune's administrator setting the province's seal: %v", err)
		}
		if err := f.Svc.SetSigningRule(ctx, &f.Admin, f.Province.ID, "decision", true); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.PutSignatureImage(ctx, &f.Admin, f.Province.ID, "seal", "", sealPNG(t)); err != nil {
			t.Fatal(err)
		}

		// A signed PDF of another document is refused, and nothing changes.
		_, otherIssued, err := f.Svc.PrepareForSigning(ctx, &f.ClerkA, core.DocRef{Owner: "dossier", OwnerID: d.ID, Kind: "submission"})
		if err != nil {
			t.Fatal(err)
		}
		other := padestest.NodeSign(t, otherIssued, p12, "bi-mat")
		_, err = f.Svc.AcceptSigned(ctx, &p.Leader, ref, other)
		if e, ok := err.(*tdkt.Error); !ok || e.Code != tdkt.EInvalid || !strings.Contains(e.Fields["file"], "không phải là văn bản này") {
			t.Fatalf("a signed copy of another document: %v", err)
		}
		docs, err := f.Svc.SignedDocuments(ctx, &p.Leader, "dossier", d.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, sd := range docs {
			if sd.SignedSHA256 != "" {
				t.Fatalf("a refused upload left a signed copy of %s", sd.Kind)
			}
		}

		// The chairman's signature, then the province's seal.
		signed := padestest.NodeSign(t, issued, p12, "bi-mat")
		if _, err := f.Svc.AcceptSigned(ctx, &f.ViewerA, ref, signed); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a viewer uploading: %v", err)
		}
		got, err := f.Svc.AcceptSigned(ctx, &p.ProvClerk, ref, signed)
		if err != nil {
			t.Fatal(err)
		}
		sigs := core.DocumentSignatures(got)
		if len(sigs) != 2 || sigs[0].Signer != "Nguyen Van Chu" || sigs[1].Signer != "Chủ tịch "+f.Province.Name {
			t.Fatalf("signatures %+v", sigs)
		}
		if !sigs[0].Valid || !sigs[0].CoversWholeDocument || sigs[0].Trusted || !sigs[1].Valid || !sigs[1].Trusted {
			t.Fatalf("the person's root is not installed, the province's is: %+v", sigs)
		}

		// Every download gives the signed copy.
		_, _, pdf, err := f.Svc.DecisionDocument(ctx, &f.ClerkA, d.ID, "pdf")
		if err != nil || !bytes.Equal(pdf, got.Signed) || !bytes.HasPrefix(pdf, signed) {
			t.Fatalf("the decision's PDF is not the signed copy (%v)", err)
		}
		_, zipped, err := f.Svc.DossierExport(ctx, &f.ClerkA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
		if err != nil {
			t.Fatal(err)
		}
		inZip := false
		for _, zf := range zr.File {
			if strings.HasPrefix(zf.Name, "quyet-dinh-") && strings.HasSuffix(zf.Name, ".pdf") {
				rc, _ := zf.Open()
				var b bytes.Buffer
				b.ReadFrom(rc)
				rc.Close()
				inZip = bytes.Equal(b.Bytes(), got.Signed)
			}
		}
		if !inZip {
			t.Error("the dossier's zip does not carry the signed decision")
		}
		list, err := f.Svc.DossierDocuments(ctx, &f.ClerkA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range list {
			if e.Kind == "decision" {
				found = e.Signed && len(e.Signatures) == 2
			}
		}
		if !found {
			t.Errorf("the document list does not show the signed decision: %+v", list)
		}

		// After the person's root is installed, both are trusted; pdfsig agrees.
		if _, err := f.Svc.AddTrustRoot(ctx, &f.Admin, personRoot.Raw, false); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddTrustRoot(ctx, &f.Admin, personRoot.Raw, false); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Fatalf("the same root twice: %v", err)
		}
		rs, err := f.Svc.VerifyPDF(ctx, pdf)
		if err != nil || len(rs) != 2 || !rs[0].Trusted || !rs[1].Trusted {
			t.Fatalf("after installing the person's root: %+v %v", rs, err)
		}
		out := padestest.Pdfsig(t, pdf, orgRoot, personRoot)
		if strings.Count(out, "Signature is Valid.") != 2 || strings.Count(out, "Certificate is Trusted.") != 2 {
			t.Fatalf("pdfsig:\n%s", out)
		}
	})
}

// A signed copy is refused when its signature was broken after signing, when bytes
// were added after it, or when it is not a PDF; the refusals change nothing.
func TestSignedCopyRefusals(t *testing.T) {
	p := newProcedure(t, tdkttest.SQLite(t))
	ctx, f := p.ctx, p.Fixture
	d, _, _ := decideSudden(t, p)
	ref := core.DocRef{Owner: "dossier", OwnerID: d.ID, Kind: "decision"}
	_, _, personKey, personChain := padestest.PersonChain(t, "Nguyen Van Chu", tdkttest.Now.AddDate(-1, 0, 0))
	person := pades.NewKeySigner(personKey, personChain)
	p12, err := pades.EncodePKCS12(person, "bi-mat")
	if err != nil {
		t.Fatal(err)
	}
	_, issued, err := f.Svc.PrepareForSigning(ctx, &p.Leader, ref)
	if err != nil {
		t.Fatal(err)
	}
	signed := padestest.NodeSign(t, issued, p12, "bi-mat")
	broken := bytes.Clone(signed)
	broken[len(broken)-40] ^= 0x01 // in the signed trailer of the signature's revision
	appended := append(bytes.Clone(signed), "\n% thêm sau khi ký\n"...)
	// A second signature broken after signing, the first one still good.
	twice, err := pades.Sign(ctx, signed, person, pades.Options{Name: "Nguyen Van Chu", Time: tdkttest.Now})
	if err != nil {
		t.Fatal(err)
	}
	twice[len(twice)-40] ^= 0x01
	for what, b := range map[string][]byte{"broken": broken, "appended": appended, "the issued bytes unsigned": issued,
		"not a PDF": []byte("GIF89a"), "a second signature broken": twice} {
		_, err := f.Svc.AcceptSigned(ctx, &p.Leader, ref, b)
		if e, ok := err.(*tdkt.Error); !ok || e.Code != tdkt.EInvalid || e.Fields["file"] == "" {
			t.Errorf("%s: %v, want a refusal naming the file", what, err)
		} else if what == "a second signature broken" && !strings.Contains(e.Fields["file"], "không hợp lệ") {
			t.Errorf("%s: %q does not say which signature is not valid", what, e.Fields["file"])
		}
	}
	docs, err := f.Svc.SignedDocuments(ctx, &p.Leader, "dossier", d.ID)
	if err != nil || len(docs) != 1 || docs[0].SignedSHA256 != "" {
		t.Fatalf("after the refusals: %+v %v", docs, err)
	}
	if _, err := f.Svc.AcceptSigned(ctx, &p.Leader, ref, signed); err != nil {
		t.Fatalf("the good copy after the refusals: %v", err)
	}
}

// An office without USB tokens: the province's certificate alone seals the decision and
// every certificate (one at a time and in the background job); without a rule, or
// without a certificate, nothing is sealed.
func TestSealedByTheOrganisation(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, _, _ := decideSudden(t, p)
		ref := core.DocRef{Owner: "dossier", OwnerID: d.ID, Kind: "decision"}
		if _, err := f.Svc.SealDocument(ctx, &p.Leader, ref); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Fatalf("sealing without a certificate: %v", err)
		}
		_, certs0, err := f.Svc.Certificates(ctx, &f.ClerkA, d.ID)
		if err != nil || len(certs0) != 1 {
			t.Fatal(err)
		}
		if _, pdf, _, err := f.Svc.VerifiedDecision(ctx, certs0[0].Token); err != nil || pdf != nil {
			t.Fatalf("an unsigned decision on the verification page: %d bytes, %v", len(pdf), err)
		}
		root, _, signer, err := pades.DemoChain("Chủ tịch "+f.Province.Name, f.Province.Name, tdkttest.Now.AddDate(-1, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		f.Svc.Signing = core.SigningConfig{Signer: signer, Demo: true}
		if _, err := f.Svc.SealDocument(ctx, &p.Leader, ref); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Fatalf("sealing without the administrator's rule: %v", err)
		}
		for _, k := range []string{"decision", "certificate"} {
			if err := f.Svc.SetSigningRule(ctx, &f.Admin, f.Province.ID, k, true); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Svc.SetSigningRule(ctx, &f.Admin, f.Province.ID, "thu", true); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("an unknown kind: %v", err)
		}
		if _, err := f.Svc.SealDocument(ctx, &f.ViewerA, ref); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a viewer sealing: %v", err)
		}
		got, err := f.Svc.SealDocument(ctx, &p.Leader, ref)
		if err != nil {
			t.Fatal(err)
		}
		if sigs := core.DocumentSignatures(got); len(sigs) != 1 || !sigs[0].Valid || sigs[0].Trusted {
			t.Fatalf("sealed before the root is installed: %+v", sigs)
		}
		if _, err := f.Svc.AddTrustRoot(ctx, &f.Admin, root.Raw, true); err != nil {
			t.Fatal(err)
		}
		// The seal's mark names the demo certificate as such.
		if text := tdkttest.PDFText(t, got.Signed); !strings.Contains(text, "không có giá trị pháp lý") {
			t.Errorf("the demo seal's mark does not say it is a demo:\n%s", text)
		}

		_, certs, err := f.Svc.Certificates(ctx, &f.ClerkA, d.ID)
		if err != nil || len(certs) != 1 {
			t.Fatalf("certificates %v %v", certs, err)
		}
		// The certificate's public verification page offers the signed decision.
		if _, pdf, sigs, err := f.Svc.VerifiedDecision(ctx, certs[0].Token); err != nil || !bytes.Equal(pdf, got.Signed) || len(sigs) != 1 {
			t.Fatalf("the verification page's decision: %d bytes, %+v, %v", len(pdf), sigs, err)
		}
		_, one, err := f.Svc.CertificatePDF(ctx, &f.ClerkA, certs[0].ID, "https://tdkt.example")
		if err != nil {
			t.Fatal(err)
		}
		if rs, err := f.Svc.VerifyPDF(ctx, one); err != nil || len(rs) != 1 || !rs[0].Valid || !rs[0].Trusted {
			t.Fatalf("a certificate: %+v %v", rs, err)
		}
		jobID, err := f.Svc.StartCertificatesJob(ctx, &f.ClerkA, d.ID, "https://tdkt.example", true)
		if err != nil {
			t.Fatal(err)
		}
		if worked, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "test"}).RunOne(ctx); err != nil || !worked {
			t.Fatalf("the job: %v %v", worked, err)
		}
		name, zipped, err := f.Svc.JobFile(ctx, &f.ClerkA, jobID)
		if err != nil || !strings.HasSuffix(name, ".zip") {
			t.Fatalf("the job's file %q: %v", name, err)
		}
		zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
		if err != nil || len(zr.File) != 1 {
			t.Fatalf("the zip: %v", err)
		}
		rc, _ := zr.File[0].Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		if rs, err := f.Svc.VerifyPDF(ctx, b.Bytes()); err != nil || len(rs) != 1 || !rs[0].Valid || !rs[0].Trusted {
			t.Fatalf("a certificate from the job: %+v %v", rs, err)
		}
		if out := padestest.Pdfsig(t, b.Bytes(), root); !strings.Contains(out, "Signature is Valid.") || !strings.Contains(out, "Certificate is Trusted.") {
			t.Fatalf("pdfsig on a certificate:\n%s", out)
		}

		// The commune's submission, sealed with the same certificate where the
		// administrator set it: pdfsig agrees, and its download is the signed copy.
		if err := f.Svc.SetSigningRule(ctx, &f.Admin, f.CommuneA.ID, "submission", true); err != nil {
			t.Fatal(err)
		}
		sub, err := f.Svc.SealDocument(ctx, &f.ClerkA, core.DocRef{Owner: "dossier", OwnerID: d.ID, Kind: "submission"})
		if err != nil {
			t.Fatal(err)
		}
		if out := padestest.Pdfsig(t, sub.Signed, root); !strings.Contains(out, "Signature is Valid.") || !strings.Contains(out, "Certificate is Trusted.") {
			t.Fatalf("pdfsig on the submission:\n%s", out)
		}
		if _, _, pdf, err := f.Svc.DossierDocument(ctx, &f.ClerkA, d.ID, "to-trinh", "pdf"); err != nil || !bytes.Equal(pdf, sub.Signed) {
			t.Fatalf("the submission's download is not the signed copy: %v", err)
		}
	})
}

// The trust store: only an installation administrator changes it; a root must be a
// CA; a CRL listing a person's certificate makes its signature revoked.
func TestTrustStoreAndRevocation(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, _, _ := decideSudden(t, p)
		root, rootKey, personKey, personChain := padestest.PersonChain(t, "Nguyen Van Chu", tdkttest.Now.AddDate(-1, 0, 0))
		person := pades.NewKeySigner(personKey, personChain)
		p12, err := pades.EncodePKCS12(person, "bi-mat")
		if err != nil {
			t.Fatal(err)
		}
		_, issued, err := f.Svc.PrepareForSigning(ctx, &p.Leader, core.DocRef{Owner: "dossier", OwnerID: d.ID, Kind: "decision"})
		if err != nil {
			t.Fatal(err)
		}
		signed := padestest.NodeSign(t, issued, p12, "bi-mat")
		trusted := func() pades.Result {
			t.Helper()
			rs, err := f.Svc.VerifyPDF(ctx, signed)
			if err != nil || len(rs) != 1 || !rs[0].Valid {
				t.Fatalf("verify: %+v %v", rs, err)
			}
			return rs[0]
		}
		if r := trusted(); r.Trusted || r.Reason == "" {
			t.Fatalf("before the root is installed: %+v", r)
		}
		if _, err := f.Svc.AddTrustRoot(ctx, &f.AdminA, root.Raw, false); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a commune's administrator: %v", err)
		}
		if _, err := f.Svc.AddTrustRoot(ctx, &f.Admin, person.Chain()[0].Raw, false); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("a person's certificate as a root: %v", err)
		}
		if _, err := f.Svc.AddTrustRoot(ctx, &f.Admin, []byte("không phải chứng thư"), false); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("garbage as a root: %v", err)
		}
		r0, err := f.Svc.AddTrustRoot(ctx, &f.Admin, pemOf("CERTIFICATE", root.Raw), false)
		if err != nil {
			t.Fatal(err)
		}
		if r := trusted(); !r.Trusted || r.Revoked {
			t.Fatalf("after the root is installed: %+v", r)
		}
		if _, err := f.Svc.AddCRL(ctx, &f.Admin, []byte("x")); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("garbage as a CRL: %v", err)
		}
		crl := padestest.CRL(t, root, rootKey, person.Chain()[0], tdkttest.Now.AddDate(0, 0, -3))
		if _, err := f.Svc.AddCRL(ctx, &f.ClerkA, crl); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a clerk uploading a CRL: %v", err)
		}
		if _, err := f.Svc.AddCRL(ctx, &f.Admin, pemOf("X509 CRL", crl)); err != nil {
			t.Fatal(err)
		}
		if r := trusted(); r.Trusted || !r.Revoked || !strings.Contains(r.Reason, "thu hồi") {
			t.Fatalf("after the CRL: %+v", r)
		}
		roots, crls, err := f.Svc.TrustStore(ctx, &f.Admin)
		if err != nil || len(roots) != 1 || len(crls) != 1 || crls[0].Entries != 1 {
			t.Fatalf("the store: %+v %+v %v", roots, crls, err)
		}
		if err := f.Svc.RemoveTrustRoot(ctx, &f.Admin, r0.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.RemoveTrustRoot(ctx, &f.Admin, r0.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Fatalf("removing twice: %v", err)
		}
	})
}

func pemOf(kind string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der})
}
