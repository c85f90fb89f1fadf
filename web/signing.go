package web

import (
	"context"
	"errors"
	"io"
	"net/http"

	"tdkt"
	"tdkt/core"
	"tdkt/pades"
	"tdkt/sqldb"
)

// Digital signatures (ký số) on the staff pages: the block "Ký số" of a dossier and of
// a closed council meeting, listing the documents tdkt issues with their signatures,
// and the three ways to sign one: download it to sign with a USB token, upload the
// signed copy back, or have the installation seal it with the organisation's own
// certificate. core decides who may do what; the pages only leave out buttons that
// would certainly be refused.

// sigLine is one signature as the pages show it.
type sigLine struct {
	Signer, Org, At, Reason string
	Valid, Trusted, Revoked bool
}

func sigLines(rs []pades.Result) []sigLine {
	out := make([]sigLine, 0, len(rs))
	for _, r := range rs {
		out = append(out, sigLine{Signer: r.Signer, Org: r.Organisation, At: core.SigningTime(r), Reason: r.Reason,
			Valid: r.Valid, Trusted: r.Trusted, Revoked: r.Revoked})
	}
	return out
}

// signDoc is one document of a "Ký số" block.
type signDoc struct {
	Doc    string // its name in the routes: quyet-dinh, to-trinh, bao-cao-12, bien-ban, kiem-phieu
	Label  string
	Action string // …/sign/{doc}
	// Issued tells that it was downloaded for signing (its bytes are then fixed).
	Issued             bool
	IssuedAt, IssuedBy string
	Signed             bool
	Signatures         []sigLine
	CanIssue, CanSeal  bool
	Error              string // a refused upload's message
}

// signBlock builds the rows of a "Ký số" block from what core lists as issued.
type signBlock struct {
	h      *handler
	ctx    context.Context
	actor  *tdkt.Account
	base   string
	issued []sqldb.SignedDocument
	sees   map[int64]bool
}

// mayIssue says whether the account could issue a document of the organisation: its
// leader, a clerk or administrator who sees it, or the standing office acting for it
// (core.mayIssue decides; this only keeps sure refusals off the page).
func (b *signBlock) mayIssue(orgID int64) bool {
	a := b.actor
	if a.ActsFor != 0 && (orgID == a.ActsFor || orgID == a.AlsoActsFor) && (a.Role == tdkt.RoleClerk || a.Role == tdkt.RoleLeader) {
		return true
	}
	if !a.CanEditRecords() && a.Role != tdkt.RoleLeader {
		return false
	}
	seen, ok := b.sees[orgID]
	if !ok {
		_, err := b.h.svc.Org(b.ctx, a, orgID, "")
		seen = err == nil
		b.sees[orgID] = seen
	}
	return seen
}

func (b *signBlock) row(doc, label, kind, ref string, orgID int64) (signDoc, error) {
	s := signDoc{Doc: doc, Label: label, Action: b.base + "/sign/" + doc}
	for _, d := range b.issued {
		if d.Kind == kind && d.Ref == ref {
			s.Issued, s.IssuedAt, s.IssuedBy = true, vnTime(d.IssuedAt), d.IssuedBy
			s.Signed = d.SignedSHA256 != ""
			s.Signatures = sigLines(core.DocumentSignatures(d))
		}
	}
	if s.CanIssue = b.mayIssue(orgID); s.CanIssue {
		on, err := b.h.svc.CanSeal(b.ctx, orgID, kind)
		if err != nil {
			return s, err
		}
		s.CanSeal = on
	}
	return s, nil
}

// dossierSigning fills the dossier page's "Ký số" block, the signatures of its PDF
// attachments and the certificates' signed job.
func (h *handler) dossierSigning(ctx context.Context, actor *tdkt.Account, v *dossierView) error {
	issued, err := h.svc.SignedDocuments(ctx, actor, "dossier", v.D.ID)
	if err != nil {
		return err
	}
	b := &signBlock{h: h, ctx: ctx, actor: actor, base: v.Base, issued: issued, sees: map[int64]bool{}}
	add := func(doc, label, kind, ref string, orgID int64) error {
		s, err := b.row(doc, label, kind, ref, orgID)
		v.Signing = append(v.Signing, s)
		return err
	}
	// A decision taken by another installation is signed there.
	if dec := v.Decision; dec != nil && dec.PeerID == 0 {
		if err := add("quyet-dinh", "Quyết định khen thưởng số "+dec.Number, "decision", "", dec.OrgID); err != nil {
			return err
		}
		v.DecisionSigned = v.Signing[0].Signed
		if b.mayIssue(dec.OrgID) {
			if v.SealCertificates, err = h.svc.CanSeal(ctx, dec.OrgID, "certificate"); err != nil {
				return err
			}
		}
	}
	if err := add("to-trinh", "Tờ trình kèm danh sách đề nghị khen thưởng", "submission", "", v.D.OrgID); err != nil {
		return err
	}
	for _, c := range v.D.Candidates {
		if c.Excluded {
			continue
		}
		if err := add("bao-cao-"+id64(c.ID), "Báo cáo thành tích: "+c.Name, "report", id64(c.ID), v.D.OrgID); err != nil {
			return err
		}
	}
	entries, err := h.svc.DossierDocuments(ctx, actor, v.D.ID)
	if err != nil {
		return err
	}
	v.FileSignatures = map[int64][]sigLine{}
	for _, e := range entries {
		if e.Kind == "attachment" && e.Signed {
			v.FileSignatures[atoi64(e.Path[len("files/"):])] = sigLines(e.Signatures)
		}
	}
	return nil
}

// meetingSigning fills a closed meeting's "Ký số" block: the minutes and the ballot
// count, issued by the council's organisation.
func (h *handler) meetingSigning(ctx context.Context, actor *tdkt.Account, v *meetingView) error {
	issued, err := h.svc.SignedDocuments(ctx, actor, "meeting", v.M.ID)
	if err != nil {
		return err
	}
	b := &signBlock{h: h, ctx: ctx, actor: actor, base: "/app/meetings/" + id64(v.M.ID), issued: issued, sees: map[int64]bool{}}
	for _, d := range []struct{ doc, label, kind string }{{"bien-ban", "Biên bản họp Hội đồng", "minutes"}, {"kiem-phieu", "Biên bản kiểm phiếu", "ballot"}} {
		s, err := b.row(d.doc, d.label, d.kind, "", v.M.CouncilOrgID)
		if err != nil {
			return err
		}
		v.Signing = append(v.Signing, s)
	}
	return nil
}

// msgNoFile is uploaded's problem when the form came without a file.
const msgNoFile = "Hãy chọn tệp."

// uploaded reads the multipart field "file" of at most maxUpload bytes; problem is
// the message for the form when there is none to read.
func uploaded(w http.ResponseWriter, r *http.Request) (content []byte, name, problem string) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, "", "Tệp lớn hơn 10 MB."
		}
		return nil, "", "Không đọc được tệp gửi lên."
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return nil, "", msgNoFile
	}
	defer file.Close()
	content, err = io.ReadAll(io.LimitReader(file, maxUpload+1))
	if err != nil {
		return nil, "", "Không đọc được tệp gửi lên."
	}
	if len(content) > maxUpload {
		return nil, "", "Tệp lớn hơn 10 MB."
	}
	return content, hdr.Filename, ""
}

// fieldMessage is the message of a refusal for one upload field: the field's own, or
// the refusal's.
func fieldMessage(err error, fields map[string]string) string {
	if m := fields["file"]; m != "" {
		return m
	}
	for _, m := range fields {
		return m
	}
	return messageOf(err)
}

// markRefused puts a refused upload's message on its row, or at the top of the page
// when the page has no such row.
func markRefused(rows []signDoc, doc, msg string, alert *string) {
	for i := range rows {
		if rows[i].Doc == doc {
			rows[i].Error = msg
			return
		}
	}
	*alert = msg
}

// dossierSignDownload is GET /app/dossiers/{id}/sign/{doc}: the document to sign.
func (h *handler) dossierSignDownload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var ref core.DocRef
	if err == nil {
		ref, err = core.DossierDocRef(id, r.PathValue("doc"))
	}
	h.signDownload(w, r, actor, ref, err)
}

// meetingSignDownload is GET /app/meetings/{id}/sign/{doc}.
func (h *handler) meetingSignDownload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var ref core.DocRef
	if err == nil {
		ref, err = core.MeetingDocRef(id, r.PathValue("doc"))
	}
	h.signDownload(w, r, actor, ref, err)
}

func (h *handler) signDownload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, ref core.DocRef, err error) {
	var name string
	var data []byte
	if err == nil {
		name, data, err = h.svc.PrepareForSigning(r.Context(), actor, ref)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	serveFile(w, name, "application/pdf", data)
}

// dossierSignUpload is POST /app/dossiers/{id}/sign/{doc}: the signed copy back. A
// refused file shows the page again with the message beside its upload field.
func (h *handler) dossierSignUpload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var ref core.DocRef
	if err == nil {
		ref, err = core.DossierDocRef(id, r.PathValue("doc"))
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	refuse := func(msg string) {
		h.showDossier(w, r, actor, http.StatusUnprocessableEntity, func(v *dossierView) {
			markRefused(v.Signing, r.PathValue("doc"), msg, &v.Alert)
		})
	}
	h.signUpload(w, r, actor, ref, refuse, "/app/dossiers/"+id64(id))
}

// meetingSignUpload is POST /app/meetings/{id}/sign/{doc}.
func (h *handler) meetingSignUpload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var ref core.DocRef
	if err == nil {
		ref, err = core.MeetingDocRef(id, r.PathValue("doc"))
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	refuse := func(msg string) {
		v, err := h.meetingPage(r, actor)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		markRefused(v.Signing, r.PathValue("doc"), msg, &v.Alert)
		h.render(w, r, http.StatusUnprocessableEntity, "meeting.html", v)
	}
	h.signUpload(w, r, actor, ref, refuse, "/app/meetings/"+id64(id))
}

func (h *handler) signUpload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, ref core.DocRef, refuse func(string), back string) {
	content, _, problem := uploaded(w, r)
	if problem != "" {
		refuse(problem)
		return
	}
	if _, err := h.svc.AcceptSigned(r.Context(), actor, ref, content); err != nil {
		h.fail(w, r, err, func(fields map[string]string) { refuse(fieldMessage(err, fields)) })
		return
	}
	http.Redirect(w, r, back+"?done=signed#signing", http.StatusSeeOther)
}

// dossierSeal is POST /app/dossiers/{id}/sign/{doc}/seal: the organisation's own
// certificate signs the document.
func (h *handler) dossierSeal(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var ref core.DocRef
	if err == nil {
		ref, err = core.DossierDocRef(id, r.PathValue("doc"))
	}
	h.seal(w, r, actor, ref, err, "/app/dossiers/"+id64(id))
}

// meetingSeal is POST /app/meetings/{id}/sign/{doc}/seal.
func (h *handler) meetingSeal(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var ref core.DocRef
	if err == nil {
		ref, err = core.MeetingDocRef(id, r.PathValue("doc"))
	}
	h.seal(w, r, actor, ref, err, "/app/meetings/"+id64(id))
}

func (h *handler) seal(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, ref core.DocRef, err error, back string) {
	if err == nil {
		_, err = h.svc.SealDocument(r.Context(), actor, ref)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, back+"?done=sealed#signing", http.StatusSeeOther)
}
