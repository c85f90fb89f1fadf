package core

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/pades"
	"tdkt/paper"
	"tdkt/sqldb"
	"tdkt/vn"
)

// Digital signatures (ký số) of the documents tdkt issues: decisions, submissions,
// achievement reports, council minutes and ballot counts, and certificates.
//
// A document is issued for signing once: its bytes are kept, and a signed copy is
// accepted only when it extends those bytes unchanged with valid signatures (a person
// signs on their own computer with a USB token). The installation's own certificate
// (ký số của cơ quan, tổ chức) then adds the organisation's seal, where the
// administrator set it to seal that organisation's documents of that kind. The signed
// copy is the official one everywhere the document is given out. See docs/signatures.md.

// SigningConfig is the installation's own certificate, read from a PKCS#12 file at
// start (cmd/tdkt): its password never goes to the database.
type SigningConfig struct {
	Signer pades.Signer // nil: the installation seals nothing
	Demo   bool         // made by tdkt demo: its marks say so
}

const (
	ownerDossier = "dossier"
	ownerMeeting = "meeting"
)

// SignKinds are the kinds of document an organisation's certificate may seal, with
// their names in the staff app.
var SignKinds = []struct{ Kind, Label string }{
	{"decision", "Quyết định khen thưởng"},
	{"certificate", "Bằng khen, giấy khen"},
	{"submission", "Tờ trình"},
	{"report", "Báo cáo thành tích (xác nhận của cấp trình)"},
	{"minutes", "Biên bản họp Hội đồng"},
	{"ballot", "Biên bản kiểm phiếu"},
}

func signKindLabel(kind string) string {
	for _, k := range SignKinds {
		if k.Kind == kind {
			return k.Label
		}
	}
	return ""
}

// DocRef names a document that can be signed: "quyet-dinh", "to-trinh",
// "bao-cao-<candidate>" of a dossier, "bien-ban" or "kiem-phieu" of a meeting.
type DocRef struct {
	Owner     string
	OwnerID   int64
	Kind, Ref string
}

// DossierDocRef reads a dossier document's name as the pages and the API write it.
func DossierDocRef(dossierID int64, name string) (DocRef, error) {
	r := DocRef{Owner: ownerDossier, OwnerID: dossierID}
	switch {
	case name == "quyet-dinh":
		r.Kind = "decision"
	case name == "to-trinh":
		r.Kind = "submission"
	case strings.HasPrefix(name, "bao-cao-"):
		id, err := strconv.ParseInt(strings.TrimPrefix(name, "bao-cao-"), 10, 64)
		if err != nil || id <= 0 {
			return r, tdkt.NotFound("văn bản")
		}
		r.Kind, r.Ref = "report", strconv.FormatInt(id, 10)
	default:
		return r, tdkt.NotFound("văn bản")
	}
	return r, nil
}

// MeetingDocRef reads a meeting document's name: "bien-ban" or "kiem-phieu".
func MeetingDocRef(meetingID int64, name string) (DocRef, error) {
	k, ok := signKindOf[name]
	if !ok {
		return DocRef{}, tdkt.NotFound("văn bản")
	}
	return DocRef{Owner: ownerMeeting, OwnerID: meetingID, Kind: k}, nil
}

// officialCopy is the signed copy of a document, nil while it has none.
func officialCopy(ctx context.Context, tx *sqldb.Tx, owner string, id int64, kind, ref string) ([]byte, error) {
	return tx.SignedCopy(ctx, owner, id, kind, ref)
}

// signable is a document laid out for signing, with who issues it.
type signable struct {
	name   string
	org    tdkt.Org
	signer string // the name printed in the signer block, for its signature image
	paper.Signable
}

// render lays out the document ref names, after checking that the actor sees it.
func (s *Service) renderSignable(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, ref DocRef) (sg signable, err error) {
	orgID := int64(0)
	if ref.Owner == ownerMeeting {
		eng, err := s.Engine(ctx)
		if err != nil {
			return sg, err
		}
		var doc any
		if sg.name, orgID, doc, err = s.meetingPaper(ctx, tx, eng, actor, ref.OwnerID, map[string]string{"minutes": "bien-ban", "ballot": "kiem-phieu"}[ref.Kind]); err != nil {
			return sg, err
		}
		if b, ok := doc.(paper.BallotCount); ok {
			sg.Signable, err = paper.BallotCountSignable(b)
		} else {
			sg.Signable, err = paper.MinutesSignable(doc.(paper.Minutes))
		}
	} else {
		dd, err := s.loadDocs(ctx, tx, actor, ref.OwnerID)
		if err != nil {
			return sg, err
		}
		base := "ho-so-" + strconv.FormatInt(dd.d.ID, 10) + "-"
		switch ref.Kind {
		case "decision":
			if dd.d.Status != tdkt.DossierDecided {
				return sg, tdkt.NotFound("quyết định")
			}
			n, dec, p, err := s.decisionPaper(ctx, tx, &dd)
			if err != nil {
				return sg, err
			}
			if dec.PeerID != 0 {
				return sg, tdkt.Errorf(tdkt.EConflict, "Quyết định này do cài đặt khác ban hành; bản ký số do nơi ban hành cung cấp.")
			}
			sg.name, orgID, sg.signer = n+".pdf", dec.OrgID, dec.Signer
			sg.Signable, err = paper.DecisionSignable(p)
			if err != nil {
				return sg, err
			}
		case "submission":
			sg.name, orgID = base+"to-trinh.pdf", dd.d.OrgID
			sg.Signable, err = paper.ProposalSignable(dd.proposal())
		case "report":
			id, _ := strconv.ParseInt(ref.Ref, 10, 64)
			var c *tdkt.Candidate
			for i := range dd.d.Candidates {
				if dd.d.Candidates[i].ID == id {
					c = &dd.d.Candidates[i]
				}
			}
			if c == nil || c.Excluded {
				return sg, tdkt.NotFound("báo cáo thành tích")
			}
			r, err := s.report(ctx, tx, &dd, c)
			if err != nil {
				return sg, err
			}
			sg.name, orgID = base+"bao-cao-"+ref.Ref+".pdf", dd.d.OrgID
			sg.Signable, err = paper.ReportSignable(r)
			if err != nil {
				return sg, err
			}
		default:
			return sg, tdkt.NotFound("văn bản")
		}
	}
	if err != nil {
		return sg, err
	}
	sg.org, err = tx.OrgByID(ctx, orgID)
	return sg, err
}

// mayIssue checks that the actor works for the issuing organisation: its leader or a
// clerk or administrator of it or above it, or the standing office acting for it.
// Viewers and council members sign nothing.
func mayIssue(actor *tdkt.Account, org tdkt.Org) error {
	if actsFor(actor, org.ID) || actor.Sees(org.Path) && (actor.CanEditRecords() || actor.Role == tdkt.RoleLeader) {
		return nil
	}
	return tdkt.Forbidden()
}

// issued loads the document issued for signing, issuing it first if it was not yet.
func (s *Service) issued(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, ref DocRef) (sqldb.SignedDocument, signable, error) {
	sg, err := s.renderSignable(ctx, tx, actor, ref)
	if err != nil {
		return sqldb.SignedDocument{}, sg, err
	}
	if err := mayIssue(actor, sg.org); err != nil {
		return sqldb.SignedDocument{}, sg, err
	}
	d, err := tx.SignedDocument(ctx, ref.Owner, ref.OwnerID, ref.Kind, ref.Ref)
	if tdkt.CodeOf(err) != tdkt.ENotFound {
		return d, sg, err
	}
	sum := sha256.Sum256(sg.PDF)
	d = sqldb.SignedDocument{Owner: ref.Owner, OwnerID: ref.OwnerID, Kind: ref.Kind, Ref: ref.Ref, OrgID: sg.org.ID, Name: sg.name,
		Issued: sg.PDF, IssuedSHA256: hex.EncodeToString(sum[:]), IssuedAt: s.stamp(), IssuedBy: actor.Login,
		BoxPage: sg.Box.Page, BoxX: sg.Box.X, BoxY: sg.Box.Y, BoxW: sg.Box.W, BoxH: sg.Box.H}
	if err := tx.InsertSignedDocument(ctx, &d); err != nil {
		return d, sg, err
	}
	return d, sg, s.audit(ctx, tx, actor, "issue_for_signing", ref.Owner, ref.OwnerID, tdkt.Subject{}, sg.org.ID, nil,
		map[string]any{"kind": ref.Kind, "ref": ref.Ref, "name": d.Name, "sha256": d.IssuedSHA256})
}

// current is what the next signature is added to: the signed copy, else the issued bytes.
func current(d *sqldb.SignedDocument) []byte {
	if d.Signed != nil {
		return d.Signed
	}
	return d.Issued
}

// PrepareForSigning gives the document to sign ("Tải về để ký"): the bytes issued for
// signing, or the signed copy when someone signed already, so that a further signature
// is added after theirs.
func (s *Service) PrepareForSigning(ctx context.Context, actor *tdkt.Account, ref DocRef) (name string, data []byte, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, _, err := s.issued(ctx, tx, actor, ref)
		name, data = d.Name, current(&d)
		return err
	})
	return name, data, err
}

// AcceptSigned takes a signed copy back ("Tải lên bản đã ký"). It must be the issued
// document with signatures appended, each new one valid and the last covering the
// whole file; otherwise nothing changes. The organisation's seal is then added where
// the administrator set it.
func (s *Service) AcceptSigned(ctx context.Context, actor *tdkt.Account, ref DocRef, data []byte) (out sqldb.SignedDocument, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		sg, err := s.renderSignable(ctx, tx, actor, ref)
		if err != nil {
			return err
		}
		if err := mayIssue(actor, sg.org); err != nil {
			return err
		}
		// the content after the scope: another unit's document stays a 404
		if !bytes.HasPrefix(data, []byte("%PDF-")) {
			return fileProblem("Tệp tải lên không phải là PDF.")
		}
		if len(data) > MaxAttachment {
			return fileProblem("Tệp lớn quá 10 MB.")
		}
		d, err := tx.SignedDocument(ctx, ref.Owner, ref.OwnerID, ref.Kind, ref.Ref)
		if tdkt.CodeOf(err) == tdkt.ENotFound {
			return tdkt.Errorf(tdkt.EConflict, "Văn bản chưa được tải về để ký: hãy bấm «Tải về để ký», ký số tệp đó rồi tải lên.")
		}
		if err != nil {
			return err
		}
		base := current(&d)
		if !bytes.HasPrefix(data, base) {
			return fileProblem("Tệp đã ký không phải là văn bản này: nội dung khác với bản đã tải về để ký.")
		}
		if err := pades.Extends(base, data); err != nil {
			return fileProblem(messageOf(err))
		}
		trust, err := s.trust(ctx, tx)
		if err != nil {
			return err
		}
		results, err := pades.Verify(data, trust, s.Now())
		if err != nil {
			return fileProblem(messageOf(err))
		}
		var added []pades.Result
		for _, r := range results {
			if r.SignedLength > int64(len(base)) {
				added = append(added, r)
			}
		}
		if len(added) == 0 {
			return fileProblem("Tệp tải lên chưa có chữ ký số mới.")
		}
		for _, r := range added {
			if !r.Valid {
				return fileProblem("Chữ ký số của " + firstNonEmpty(r.Signer, "người ký") + " không hợp lệ: " + r.Reason)
			}
		}
		if last := results[len(results)-1]; !last.CoversWholeDocument {
			return fileProblem("Tệp có nội dung được thêm sau chữ ký cuối cùng.")
		}
		if data, err = s.sealIfSet(ctx, tx, &d, sg.signer, data); err != nil {
			return err
		}
		before := map[string]string{"signed_sha256": d.SignedSHA256}
		if err := s.storeSigned(ctx, tx, actor, &d, data, trust); err != nil {
			return err
		}
		out = d
		return s.audit(ctx, tx, actor, "sign_document", ref.Owner, ref.OwnerID, tdkt.Subject{}, d.OrgID, before,
			map[string]any{"kind": d.Kind, "ref": d.Ref, "signed_sha256": d.SignedSHA256, "signers": json.RawMessage(d.Signers)})
	})
	return out, err
}

// SealDocument signs a document with the organisation's own certificate only, where
// the administrator set the installation to seal that organisation's documents of
// that kind (an office without USB tokens, or the demo).
func (s *Service) SealDocument(ctx context.Context, actor *tdkt.Account, ref DocRef) (out sqldb.SignedDocument, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, sg, err := s.issued(ctx, tx, actor, ref)
		if err != nil {
			return err
		}
		if on, err := s.sealsFor(ctx, tx, d.OrgID, d.Kind); err != nil || !on {
			if err == nil {
				err = tdkt.Errorf(tdkt.EConflict, "Cài đặt chưa được giao ký số %s của %s bằng chứng thư số của cơ quan.", strings.ToLower(signKindLabel(d.Kind)), sg.org.Name)
			}
			return err
		}
		data, err := s.seal(ctx, tx, d.OrgID, sg.signer, current(&d), boxOf(&d))
		if err != nil {
			return err
		}
		trust, err := s.trust(ctx, tx)
		if err != nil {
			return err
		}
		before := map[string]string{"signed_sha256": d.SignedSHA256}
		if err := s.storeSigned(ctx, tx, actor, &d, data, trust); err != nil {
			return err
		}
		out = d
		return s.audit(ctx, tx, actor, "seal_document", ref.Owner, ref.OwnerID, tdkt.Subject{}, d.OrgID, before,
			map[string]any{"kind": d.Kind, "ref": d.Ref, "signed_sha256": d.SignedSHA256, "signers": json.RawMessage(d.Signers)})
	})
	return out, err
}

// storeSigned keeps a signed copy with a summary of its signatures.
func (s *Service) storeSigned(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, d *sqldb.SignedDocument, data []byte, trust *pades.Trust) error {
	results, err := pades.Verify(data, trust, s.Now())
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	js, _ := json.Marshal(results)
	d.Signed, d.SignedSHA256, d.SignedAt, d.SignedBy, d.Signers = data, hex.EncodeToString(sum[:]), s.stamp(), actor.Login, string(js)
	if err := tx.SetSigned(ctx, d); err != nil {
		return err
	}
	if d.Owner == ownerDossier && d.Kind == "decision" {
		return s.tellSigned(ctx, tx, d.OwnerID, data) // a received dossier's sender gets it too
	}
	return nil
}

func fileProblem(msg string) error {
	return &tdkt.Error{Code: tdkt.EInvalid, Message: "Không nhận tệp đã ký.", Fields: map[string]string{"file": msg}}
}

func messageOf(err error) string {
	if e, ok := err.(*tdkt.Error); ok {
		return e.Message
	}
	return err.Error()
}

// DocumentSignatures are the signatures of a document's official copy (nil while it
// is unsigned), as they were checked when the copy was accepted.
func DocumentSignatures(d sqldb.SignedDocument) []pades.Result {
	var out []pades.Result
	if d.Signers != "" {
		json.Unmarshal([]byte(d.Signers), &out)
	}
	return out
}

// SigningTime writes a signature's time as the pages show it.
func SigningTime(r pades.Result) string {
	if r.SignedAt.IsZero() {
		return ""
	}
	t := r.SignedAt.In(vnZone)
	return vn.FormatDate(t.Format("2006-01-02")) + " " + t.Format("15:04")
}
