package core

import (
	"archive/zip"
	"bytes"
	"context"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/pades"
	"tdkt/paper"
	"tdkt/sqldb"
)

// DocumentEntry is one document of a dossier as GET /api/v1/dossiers/{id}/documents
// lists it: what tdkt drafted or issued and the files attached, each with the
// signatures of the copy that the URL gives.
type DocumentEntry struct {
	Kind       string         `json:"kind"` // decision, submission, report, minutes, ballot, certificate, attachment
	Name       string         `json:"name"`
	Path       string         `json:"-"` // the name in the dossier's document routes ("to-trinh.pdf", "files/12")
	Signed     bool           `json:"signed"`
	Signatures []pades.Result `json:"signatures"`
}

// DossierDocuments lists a dossier's documents: the submission, each achievement
// report, the decision and each certificate once decided, and the attachments. A
// signed document lists the signatures of its official copy; an attachment that is a
// PDF is checked against the trust store as it is listed.
func (s *Service) DossierDocuments(ctx context.Context, actor *tdkt.Account, dossierID int64) (out []DocumentEntry, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		dd, err := s.loadDocs(ctx, tx, actor, dossierID)
		if err != nil {
			return err
		}
		signed, err := tx.SignedDocuments(ctx, ownerDossier, dossierID)
		if err != nil {
			return err
		}
		entry := func(kind, ref, name, path string) DocumentEntry {
			e := DocumentEntry{Kind: kind, Name: name, Path: path, Signatures: []pades.Result{}}
			for _, d := range signed {
				if d.Kind == kind && d.Ref == ref && d.SignedSHA256 != "" {
					e.Signed, e.Signatures = true, DocumentSignatures(d)
				}
			}
			return e
		}
		base := "ho-so-" + strconv.FormatInt(dossierID, 10) + "-"
		out = append(out, entry("submission", "", base+"to-trinh.pdf", "to-trinh.pdf"))
		for _, c := range dd.d.Candidates {
			if !c.Excluded {
				id := strconv.FormatInt(c.ID, 10)
				out = append(out, entry("report", id, base+"bao-cao-"+id+".pdf", "bao-cao-"+id+".pdf"))
			}
		}
		if dd.d.Status == tdkt.DossierDecided {
			dec, err := tx.DecisionOfDossier(ctx, dossierID)
			if err != nil {
				return err
			}
			out = append(out, entry("decision", "", "quyet-dinh-"+strings.NewReplacer("/", "-", " ", "").Replace(dec.Number)+".pdf", "quyet-dinh.pdf"))
			certs, err := tx.CertificatesOfDecision(ctx, dec.ID)
			if err != nil {
				return err
			}
			for _, c := range certs {
				e := DocumentEntry{Kind: "certificate", Name: "bang-" + c.Token[:8] + ".pdf", Path: "bang-" + strconv.FormatInt(c.ID, 10) + ".pdf", Signatures: []pades.Result{}}
				out = append(out, e)
			}
		}
		files, err := tx.Files(ctx, dossierID)
		if err != nil {
			return err
		}
		trust, err := s.trust(ctx, tx)
		if err != nil {
			return err
		}
		for _, f := range files {
			e := DocumentEntry{Kind: "attachment", Name: f.Name, Path: "files/" + strconv.FormatInt(f.ID, 10), Signatures: []pades.Result{}}
			if f.Mime == "application/pdf" {
				_, content, err := tx.FileContent(ctx, dossierID, f.ID)
				if err != nil {
					return err
				}
				if rs, err := pades.Verify(content, trust, s.Now()); err == nil {
					e.Signatures, e.Signed = rs, len(rs) > 0
				}
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// SignedDocuments lists the documents of a dossier or a meeting issued for signing,
// without their contents (the staff app's "Ký số" block).
func (s *Service) SignedDocuments(ctx context.Context, actor *tdkt.Account, owner string, ownerID int64) (out []sqldb.SignedDocument, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if owner == ownerMeeting {
			eng, err := s.Engine(ctx)
			if err != nil {
				return err
			}
			if _, err := s.meetingItem(ctx, tx, eng, actor, ownerID); err != nil {
				return err
			}
		} else if _, _, _, err := loadDossier(ctx, tx, actor, ownerID); err != nil {
			return err
		}
		out, err = tx.SignedDocuments(ctx, owner, ownerID)
		return err
	})
	return out, err
}

// CanSeal reports whether the installation's certificate seals an organisation's
// documents of a kind, for the pages to offer "Ký số bằng chứng thư của cơ quan".
func (s *Service) CanSeal(ctx context.Context, orgID int64, kind string) (on bool, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		on, err = s.sealsFor(ctx, tx, orgID, kind)
		return err
	})
	return on, err
}

// signedCertificates is every certificate of a decision as its own PDF sealed with the
// organisation's certificate, in one zip: the electronic copies sent to the awardees.
func (s *Service) signedCertificates(ctx context.Context, actor *tdkt.Account, dossierID int64, baseURL string, progress func(done, total int)) (name string, data []byte, err error) {
	dec, certs, err := s.Certificates(ctx, actor, dossierID)
	if err != nil {
		return "", nil, err
	}
	var layouts []paper.Certificate
	var sealImg, sigImg []byte
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		on, err := s.sealsFor(ctx, tx, dec.OrgID, "certificate")
		if err != nil {
			return err
		}
		if !on {
			return tdkt.Errorf(tdkt.EConflict, "Cài đặt chưa được giao ký số bằng, giấy khen của đơn vị ban hành quyết định này.")
		}
		issuer, err := orgChain(ctx, tx, dec.OrgID)
		if err != nil {
			return err
		}
		for i := range certs {
			if certs[i].RevokedAt == "" {
				layouts = append(layouts, certificateOf(&certs[i], issuer, certs[i].Reason, baseURL))
			}
		}
		if sealImg, err = tx.SignatureImageContent(ctx, dec.OrgID, "seal", ""); err != nil {
			return err
		}
		sigImg, err = tx.SignatureImageContent(ctx, dec.OrgID, "signature", dec.Signer)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, c := range layouts {
		if err := ctx.Err(); err != nil {
			return "", nil, err
		}
		sg, err := paper.CertificateSignable(c)
		if err != nil {
			return "", nil, err
		}
		pdf, err := s.sealWith(ctx, sg.PDF, sg.Box, sealImg, sigImg)
		if err != nil {
			return "", nil, err
		}
		w, err := zw.Create(strings.NewReplacer("/", "-", " ", "-").Replace(c.Serial) + ".pdf")
		if err == nil {
			_, err = w.Write(pdf)
		}
		if err != nil {
			return "", nil, err
		}
		if progress != nil {
			progress(i+1, len(layouts))
		}
	}
	if err := zw.Close(); err != nil {
		return "", nil, err
	}
	return "bang-ky-so-" + strings.NewReplacer("/", "-").Replace(dec.Number) + ".zip", buf.Bytes(), nil
}

// DossierCertificatePDF renders one certificate of a dossier's decision (sealed where
// the administrator set it), refusing a certificate of another dossier as not found.
func (s *Service) DossierCertificatePDF(ctx context.Context, actor *tdkt.Account, dossierID, certificateID int64, baseURL string) (string, []byte, error) {
	dec, certs, err := s.Certificates(ctx, actor, dossierID)
	if err != nil {
		return "", nil, err
	}
	for _, c := range certs {
		if c.ID == certificateID && c.DecisionID == dec.ID {
			return s.CertificatePDF(ctx, actor, certificateID, baseURL)
		}
	}
	return "", nil, tdkt.NotFound("bằng, giấy khen")
}

// VerifiedDecision is the signed copy of the decision that conferred a certificate,
// for its public verification page (/xac-minh/…): nil when the decision has no signed
// copy. Reward work is public (Law Art 5(2), Art 84(5)), so the page offers the decision
// to anyone holding the certificate's code.
func (s *Service) VerifiedDecision(ctx context.Context, token string) (name string, pdf []byte, sigs []pades.Result, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		c, err := tx.CertificateByToken(ctx, strings.ToLower(strings.TrimSpace(token)))
		if err != nil {
			return err
		}
		var dossierID int64
		if err := tx.Get(ctx, "quyết định", `SELECT COALESCE(dossier_id, 0) FROM decisions WHERE id = ?`, []any{c.DecisionID}, &dossierID); err != nil {
			return err
		}
		d, err := tx.SignedDocument(ctx, ownerDossier, dossierID, "decision", "")
		if tdkt.CodeOf(err) == tdkt.ENotFound || err == nil && d.Signed == nil {
			return nil
		}
		if err != nil {
			return err
		}
		name, pdf, sigs = d.Name, d.Signed, DocumentSignatures(d)
		return nil
	})
	return name, pdf, sigs, err
}
