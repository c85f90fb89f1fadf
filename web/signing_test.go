package web_test

import (
	"bytes"
	"context"
	"encoding/pem"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/pades"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// decidedForSigning is commune A's sudden proposal decided by the province: the
// decision is the province's to sign, the submission and the report commune A's.
func decidedForSigning(t *testing.T, p *procedure) tdkt.Dossier {
	t.Helper()
	d := approvedSudden(t, p)
	if _, err := p.Svc.Decide(context.Background(), &p.Leader, d.ID, core.DecisionInput{Number: "77/QĐ-UBND", Date: "2026-11-20",
		Signer: "Nguyễn Văn Chủ", SignerTitle: "Chủ tịch", Version: d.Version}); err != nil {
		t.Fatal(err)
	}
	return p.dossier(t, d.ID).Dossier
}

// goSign signs pdf with pades under a demo chain whose signer is cn.
func goSign(t *testing.T, pdf []byte, signer pades.Signer) []byte {
	t.Helper()
	out, err := pades.Sign(context.Background(), pdf, signer, pades.Options{Name: signer.Chain()[0].Subject.CommonName, Reason: "Phê duyệt", Time: tdkttest.Now})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// signedState is what core keeps of a dossier's document.
func signedState(t *testing.T, f *tdkttest.Fixture, dossierID int64, kind string) sqldb.SignedDocument {
	t.Helper()
	docs, err := f.Svc.SignedDocuments(context.Background(), &f.Admin, "dossier", dossierID)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Kind == kind {
			return d
		}
	}
	return sqldb.SignedDocument{}
}

// The "Ký số" block of a dossier: the province's clerk downloads the decision, and a
// signed copy of another document is refused with its message beside the field and
// nothing kept; the decision signed comes back, is kept, and the page shows its
// signature and offers the signed copy. Commune B's clerk finds none of it, commune
// A's viewer may sign nothing.
func TestSigningPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f := p.Fixture
		d := decidedForSigning(t, p)
		base := "/app/dossiers/" + itoa(d.ID)
		clerk := f.Client(t, p.ProvClerk.Login)
		_, _, signer, err := pades.DemoChain("Nguyễn Văn Chủ", "Ủy ban nhân dân tỉnh Thử Nghiệm", tdkttest.Now.AddDate(0, 0, -1))
		if err != nil {
			t.Fatal(err)
		}

		page := get(t, f, clerk, base)
		want(t, "the dossier", page, http.StatusOK, `id="signing"`, `id="download-quyet-dinh"`, `id="download-to-trinh"`, "Chưa ký số",
			`action="`+base+`/sign/quyet-dinh"`)
		if strings.Contains(page.Body, `id="seal-quyet-dinh"`) {
			t.Error("the seal is offered though the installation has no certificate")
		}

		dec := get(t, f, clerk, base+"/sign/quyet-dinh")
		want(t, "the decision to sign", dec, http.StatusOK)
		if !strings.HasPrefix(dec.Body, "%PDF-") || !strings.Contains(dec.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("the decision to sign: %q %q", dec.Header.Get("Content-Disposition"), dec.Body[:min(20, len(dec.Body))])
		}
		sub := get(t, f, clerk, base+"/sign/to-trinh")
		want(t, "the submission to sign", sub, http.StatusOK)

		before := auditCount(t, f)
		r := upload(t, f, clerk, base+"/sign/quyet-dinh", "", "to-trinh-da-ky.pdf", string(goSign(t, []byte(sub.Body), signer)))
		want(t, "another document", r, http.StatusUnprocessableEntity, `id="e-signed-quyet-dinh"`, "Tệp đã ký không phải là văn bản này")
		if s := signedState(t, f, d.ID, "decision"); s.SignedSHA256 != "" {
			t.Fatal("a refused file was kept as the decision's signed copy")
		}
		if n := auditCount(t, f); n != before {
			t.Errorf("a refused file left %d audit events", n-before)
		}
		want(t, "not a PDF", upload(t, f, clerk, base+"/sign/quyet-dinh", "", "x.pdf", "not a pdf"), http.StatusUnprocessableEntity,
			"Tệp tải lên không phải là PDF.")
		want(t, "no file", uploadWith(t, f, clerk, base+"/sign/to-trinh", nil, "", ""), http.StatusUnprocessableEntity, `id="e-signed-to-trinh"`)

		r = upload(t, f, clerk, base+"/sign/quyet-dinh", "", "quyet-dinh-da-ky.pdf", string(goSign(t, []byte(dec.Body), signer)))
		want(t, "the signed decision", r, http.StatusSeeOther)
		if !strings.Contains(r.Location, "done=signed") {
			t.Errorf("after the upload: %s", r.Location)
		}
		if s := signedState(t, f, d.ID, "decision"); s.SignedSHA256 == "" || s.SignedBy != p.ProvClerk.Login {
			t.Fatalf("the signed decision was not kept: %+v", s)
		}
		want(t, "signed", get(t, f, clerk, r.Location), http.StatusOK, "Đã nhận bản đã ký số", "Đã ký số", "Nguyễn Văn Chủ", "Hợp lệ",
			"Chưa được tin cậy", "(bản đã ký số)")
		off := get(t, f, clerk, base+"/decision/quyet-dinh.pdf")
		if off.Status != http.StatusOK || !strings.Contains(off.Body, "/ByteRange") {
			t.Errorf("the decision's download is not the signed copy (%d)", off.Status)
		}

		// Another unit's dossier is not there; a viewer signs nothing.
		clerkB, viewer := f.Client(t, f.ClerkB.Login), f.Client(t, f.ViewerA.Login)
		want(t, "commune B downloads", get(t, f, clerkB, base+"/sign/to-trinh"), http.StatusNotFound)
		want(t, "commune B uploads", upload(t, f, clerkB, base+"/sign/to-trinh", "", "x.pdf", sub.Body), http.StatusNotFound)
		want(t, "commune B seals", post(t, f, clerkB, base+"/sign/to-trinh/seal", nil), http.StatusNotFound)
		want(t, "unknown document", get(t, f, clerk, base+"/sign/bao-cao-x"), http.StatusNotFound)
		want(t, "a viewer downloads", get(t, f, viewer, base+"/sign/to-trinh"), http.StatusForbidden)
		want(t, "a viewer uploads", upload(t, f, viewer, base+"/sign/to-trinh", "", "x.pdf", sub.Body), http.StatusForbidden)
		if pg := get(t, f, viewer, base); pg.Status != http.StatusOK || strings.Contains(pg.Body, `id="download-to-trinh"`) ||
			!strings.Contains(pg.Body, "Nguyễn Văn Chủ") {
			t.Errorf("the viewer's page: %d, offers signing or lacks the signature", pg.Status)
		}
		// Commune A's clerk issues the submission, not the province's decision.
		clerkA := f.Client(t, f.ClerkA.Login)
		if pg := get(t, f, clerkA, base); !strings.Contains(pg.Body, `id="download-to-trinh"`) || strings.Contains(pg.Body, `id="download-quyet-dinh"`) {
			t.Error("commune A's clerk is offered the wrong documents to sign")
		}
		want(t, "commune A's clerk and the decision", get(t, f, clerkA, base+"/sign/quyet-dinh"), http.StatusForbidden)
	})
}

// A signed PDF attached to a dossier shows its signatures beside it.
func TestSignedAttachment(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		d, err := f.Svc.CreateDossier(context.Background(), &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "giay_khen", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		base := "/app/dossiers/" + itoa(d.ID)
		clerk := f.Client(t, f.ClerkA.Login)
		sub := get(t, f, clerk, base+"/documents/to-trinh.pdf")
		_, _, signer, err := pades.DemoChain("Trần Thị Ký", "Xã Đông Hòa", tdkttest.Now.AddDate(0, 0, -1))
		if err != nil {
			t.Fatal(err)
		}
		want(t, "attach", upload(t, f, clerk, base+"/files", "to_trinh", "to-trinh-ky.pdf", string(goSign(t, []byte(sub.Body), signer))), http.StatusSeeOther)
		want(t, "attach unsigned", upload(t, f, clerk, base+"/files", "khac", "khac.pdf", sub.Body), http.StatusSeeOther)
		pg := get(t, f, clerk, base)
		want(t, "the attachments", pg, http.StatusOK, "file-signatures", "Trần Thị Ký", "Xã Đông Hòa", "Hợp lệ")
		files := pg.Body[strings.Index(pg.Body, `id="files"`):]
		if strings.Count(files, "Chưa ký số") != 1 || strings.Count(files, `class="badge sign-yes">Đã ký số`) != 1 {
			t.Errorf("the attachments' states:\n%s", excerpt(files))
		}
	})
}

// The administrators' page: the trust store for the installation's administrator
// only, the sealing rules and the images for an administrator of the subtree, nothing
// for anyone else; refused files and fields come back with their messages.
func TestAdminSignaturesPage(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin, unitAdmin, clerk := f.Client(t, "quantri"), f.Client(t, "quantri.a"), f.Client(t, f.ClerkA.Login)
		const page = "/app/admin/signatures"
		want(t, "the menu", get(t, f, admin, "/app/"), http.StatusOK, `href="`+page+`"`)
		if pg := get(t, f, clerk, "/app/"); strings.Contains(pg.Body, page) {
			t.Error("a clerk's menu links to the signatures page")
		}
		want(t, "a clerk", get(t, f, clerk, page), http.StatusForbidden)
		want(t, "a clerk's rules", post(t, f, clerk, page+"/rules", url.Values{"org_id": {itoa(f.CommuneA.ID)}, "kind": {"decision"}}), http.StatusForbidden)
		want(t, "a clerk's image", upload(t, f, clerk, page+"/images", "seal", "dau.png", "x"), http.StatusForbidden)

		unit := get(t, f, unitAdmin, page)
		want(t, "a unit's administrator", unit, http.StatusOK, "Ký số bằng chứng thư số của cơ quan", f.CommuneA.Name)
		if strings.Contains(unit.Body, `id="trust"`) {
			t.Error("a unit's administrator sees the trust store")
		}
		want(t, "a unit's administrator's root", upload(t, f, unitAdmin, page+"/roots", "", "root.pem", "x"), http.StatusForbidden)
		want(t, "another unit", get(t, f, unitAdmin, page+"?org="+itoa(f.CommuneB.ID)), http.StatusNotFound)
		want(t, "another unit's rules", post(t, f, unitAdmin, page+"/rules", url.Values{"org_id": {itoa(f.CommuneB.ID)}, "kind": {"decision"}}),
			http.StatusNotFound)

		want(t, "the page", get(t, f, admin, page), http.StatusOK, `id="trust"`, "Chưa cài đặt chứng thư gốc nào", "chưa được cài chứng thư số")
		want(t, "not a certificate", upload(t, f, admin, page+"/roots", "", "root.pem", "hello"), http.StatusUnprocessableEntity,
			`id="e-root"`, "Tệp không phải là chứng thư số")
		root, _, _, err := pades.DemoChain("Người ký", "Tỉnh Thử Nghiệm", tdkttest.Now)
		if err != nil {
			t.Fatal(err)
		}
		pemRoot := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: root.Raw}))
		r := upload(t, f, admin, page+"/roots", "", "root.pem", pemRoot)
		want(t, "a root", r, http.StatusSeeOther)
		want(t, "installed", get(t, f, admin, r.Location), http.StatusOK, "Đã lưu", "tdkt demo", `id="remove-root-`)
		want(t, "twice", upload(t, f, admin, page+"/roots", "", "root.pem", pemRoot), http.StatusConflict, `id="e-root"`, "đã được cài đặt")
		roots, _, err := f.Svc.TrustStore(context.Background(), &f.Admin)
		if err != nil || len(roots) != 1 {
			t.Fatalf("the trust store: %v %v", roots, err)
		}
		want(t, "not a CRL", upload(t, f, admin, page+"/crls", "", "x.crl", "hello"), http.StatusUnprocessableEntity, `id="e-crl"`)
		r = post(t, f, admin, page+"/roots/"+itoa(roots[0].ID)+"/delete", nil)
		want(t, "remove", r, http.StatusSeeOther)
		want(t, "removed", get(t, f, admin, r.Location), http.StatusOK, "Chưa cài đặt chứng thư gốc nào")

		r = post(t, f, unitAdmin, page+"/rules", url.Values{"org_id": {itoa(f.CommuneA.ID)}, "kind": {"decision", "certificate"}})
		want(t, "rules", r, http.StatusSeeOther)
		want(t, "rules saved", get(t, f, unitAdmin, r.Location), http.StatusOK, `id="k-decision" name="kind" value="decision" checked`,
			`id="k-certificate" name="kind" value="certificate" checked`, "Quyết định khen thưởng; Bằng khen, giấy khen")
		want(t, "a kind that is none", post(t, f, unitAdmin, page+"/rules", url.Values{"org_id": {itoa(f.CommuneA.ID)}, "kind": {"thu"}}),
			http.StatusUnprocessableEntity, `id="e-kind"`)

		org := url.Values{"org_id": {itoa(f.CommuneA.ID)}}
		want(t, "a signature without its signer", uploadWith(t, f, unitAdmin, page+"/images", with(org, "kind", "signature"), "ky.png", "not an image"),
			http.StatusUnprocessableEntity, "Ghi họ và tên người ký", "Chỉ nhận ảnh PNG hoặc JPEG", `<option value="signature" selected>`)
		want(t, "no picture", uploadWith(t, f, unitAdmin, page+"/images", with(org, "kind", "seal"), "", ""),
			http.StatusUnprocessableEntity, "Hãy chọn ảnh.")
		r = uploadWith(t, f, unitAdmin, page+"/images", with(with(org, "kind", "signature"), "signer", "Nguyễn Văn Chủ"), "ky.png", string(tinyPNG(t)))
		want(t, "a signature", r, http.StatusSeeOther)
		want(t, "the signature", get(t, f, unitAdmin, r.Location), http.StatusOK, "Chữ ký của người ký", "Nguyễn Văn Chủ", "image/png")
	})
}

// with is v with one more value.
func with(v url.Values, k, x string) url.Values {
	out := url.Values{}
	for a, b := range v {
		out[a] = append([]string(nil), b...)
	}
	out.Set(k, x)
	return out
}

// uploadWith posts a multipart form of fields and a file (none when name is "").
func uploadWith(t *testing.T, f *tdkttest.Fixture, c *http.Client, path string, fields url.Values, name, content string) page {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte(content))
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, f.Server.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return do(t, c, req)
}

// tinyPNG is a 4×4 picture.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The installation's own certificate: where the administrator set it to seal the
// province's decisions and certificates, the dossier page offers "Ký số bằng chứng thư
// của cơ quan" and the signed certificates job, and the seal signs the decision.
func TestSealingPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f, ctx := p.Fixture, context.Background()
		d := decidedForSigning(t, p)
		base := "/app/dossiers/" + itoa(d.ID)
		_, _, signer, err := pades.DemoChain("UBND tỉnh Thử Nghiệm", "Ủy ban nhân dân tỉnh Thử Nghiệm", tdkttest.Now.AddDate(0, 0, -1))
		if err != nil {
			t.Fatal(err)
		}
		f.Svc.Signing = core.SigningConfig{Signer: signer, Demo: true}
		leader := f.Client(t, p.Leader.Login)
		if pg := get(t, f, leader, base); strings.Contains(pg.Body, `id="seal-quyet-dinh"`) || strings.Contains(pg.Body, `id="certificates-signed"`) {
			t.Fatal("the seal is offered before the administrator set it")
		}
		for _, k := range []string{"decision", "certificate"} {
			if err := f.Svc.SetSigningRule(ctx, &f.Admin, f.Province.ID, k, true); err != nil {
				t.Fatal(err)
			}
		}
		pg := get(t, f, leader, base)
		want(t, "offered", pg, http.StatusOK, `id="seal-quyet-dinh"`, `id="certificates-signed"`, `name="signed" value="1"`)
		if strings.Contains(pg.Body, `id="seal-to-trinh"`) {
			t.Error("the seal is offered for commune A's submission, which nobody set")
		}
		want(t, "a viewer seals", post(t, f, f.Client(t, f.ViewerA.Login), base+"/sign/quyet-dinh/seal", nil), http.StatusForbidden)
		r := post(t, f, leader, base+"/sign/quyet-dinh/seal", nil)
		want(t, "seal", r, http.StatusSeeOther)
		want(t, "sealed", get(t, f, leader, r.Location), http.StatusOK, "Đã ký số bằng chứng thư số của cơ quan", "UBND tỉnh Thử Nghiệm", "Hợp lệ", "(bản đã ký số)")
		want(t, "the submission cannot be sealed", post(t, f, leader, base+"/sign/to-trinh/seal", nil), http.StatusConflict)
	})
}

// A closed meeting's minutes and ballot count are signed from the meeting's page by
// the council's organisation; a member of the council only reads the signatures.
func TestMeetingSigningPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f, ctx := p.Fixture, context.Background()
		d := proposeThrough(t, p, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Kind: tdkt.KindMerit, Year: 2025, PeriodFrom: 2023},
			"", step{&f.ClerkA, tdkt.ActSubmit}, step{&p.ProvClerk, tdkt.ActReceive}, step{&p.ProvClerk, tdkt.ActAppraise}, step{&p.ProvClerk, tdkt.ActToCouncil})
		m, err := f.Svc.OpenMeeting(ctx, &p.ProvClerk, p.Council.ID, "2026-11-26", "Phòng họp số 1", []int64{d.ID})
		if err != nil {
			t.Fatal(err)
		}
		base := "/app/meetings/" + itoa(m.ID)
		leader := f.Client(t, p.Leader.Login)
		if pg := get(t, f, leader, base); strings.Contains(pg.Body, `id="signing"`) {
			t.Error("an open meeting offers its minutes for signing")
		}
		if _, err := f.Svc.CloseMeeting(ctx, &p.Leader, m.ID, m.Version); err != nil {
			t.Fatal(err)
		}
		want(t, "closed", get(t, f, leader, base), http.StatusOK, `id="download-bien-ban"`, `id="download-kiem-phieu"`, "Chưa ký số")
		minutes := get(t, f, leader, base+"/sign/bien-ban")
		want(t, "the minutes to sign", minutes, http.StatusOK)
		ballot := get(t, f, leader, base+"/sign/kiem-phieu")
		_, _, signer, err := pades.DemoChain("Chủ tịch Hội đồng", "Hội đồng Thi đua – Khen thưởng tỉnh", tdkttest.Now.AddDate(0, 0, -1))
		if err != nil {
			t.Fatal(err)
		}
		want(t, "the ballot count as the minutes", upload(t, f, leader, base+"/sign/bien-ban", "", "x.pdf", string(goSign(t, []byte(ballot.Body), signer))),
			http.StatusUnprocessableEntity, `id="e-signed-bien-ban"`, "Tệp đã ký không phải là văn bản này")
		r := upload(t, f, leader, base+"/sign/bien-ban", "", "bien-ban.pdf", string(goSign(t, []byte(minutes.Body), signer)))
		want(t, "the signed minutes", r, http.StatusSeeOther)
		want(t, "signed", get(t, f, leader, r.Location), http.StatusOK, "Đã nhận bản đã ký số", "Chủ tịch Hội đồng", "Hợp lệ")
		member := f.Client(t, p.Members[1].Login)
		if pg := get(t, f, member, base); pg.Status != http.StatusOK || strings.Contains(pg.Body, `id="download-bien-ban"`) || !strings.Contains(pg.Body, "Chủ tịch Hội đồng") {
			t.Errorf("a member's page: %d, offers signing or lacks the signature", pg.Status)
		}
		want(t, "a member downloads", get(t, f, member, base+"/sign/bien-ban"), http.StatusForbidden)
		want(t, "commune B", get(t, f, f.Client(t, f.ClerkB.Login), base+"/sign/bien-ban"), http.StatusNotFound)
		want(t, "unknown document", get(t, f, leader, base+"/sign/quyet-dinh"), http.StatusNotFound)
	})
}
