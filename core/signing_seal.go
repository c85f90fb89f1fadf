package core

import (
	"context"
	"crypto/x509"
	"strings"

	"tdkt/pades"
	"tdkt/paper"
	"tdkt/sqldb"
)

// The organisation's seal: the installation's own certificate signing a document of
// an organisation the administrator set it to seal for, with a visible mark over the
// signer block (Decree 30/2020, Art 13 and Phụ lục I: the seal's image over part of
// the signer's signature, the organisation's name and the signing time).

func boxOf(d *sqldb.SignedDocument) paper.Box {
	return paper.Box{Page: d.BoxPage, X: d.BoxX, Y: d.BoxY, W: d.BoxW, H: d.BoxH}
}

// sealsFor reports whether the installation's certificate seals orgID's documents of kind.
func (s *Service) sealsFor(ctx context.Context, tx *sqldb.Tx, orgID int64, kind string) (bool, error) {
	if s.Signing.Signer == nil {
		return false, nil
	}
	return tx.Seals(ctx, orgID, kind)
}

// sealIfSet adds the organisation's seal to a document signed by a person, where the
// administrator set it.
func (s *Service) sealIfSet(ctx context.Context, tx *sqldb.Tx, d *sqldb.SignedDocument, signer string, data []byte) ([]byte, error) {
	on, err := s.sealsFor(ctx, tx, d.OrgID, d.Kind)
	if err != nil || !on {
		return data, err
	}
	return s.seal(ctx, tx, d.OrgID, signer, data, boxOf(d))
}

// seal signs pdf with the installation's certificate, drawing the organisation's seal
// and, where one was uploaded, the named signer's signature image in box.
func (s *Service) seal(ctx context.Context, tx *sqldb.Tx, orgID int64, signer string, pdf []byte, box paper.Box) ([]byte, error) {
	sealImg, err := tx.SignatureImageContent(ctx, orgID, "seal", "")
	if err != nil {
		return nil, err
	}
	var sigImg []byte
	if signer != "" {
		if sigImg, err = tx.SignatureImageContent(ctx, orgID, "signature", signer); err != nil {
			return nil, err
		}
	}
	return s.sealWith(ctx, pdf, box, sealImg, sigImg)
}

// sealWith is seal with the images at hand (the certificates job loads them once).
func (s *Service) sealWith(ctx context.Context, pdf []byte, box paper.Box, sealImg, sigImg []byte) ([]byte, error) {
	cert := s.Signing.Signer.Chain()[0]
	now := s.Now()
	o := pades.Options{Name: cert.Subject.CommonName, Reason: "Ký số của cơ quan, tổ chức", Location: "Việt Nam", Time: now}
	if box.Page > 0 {
		lines := []string{"Ký bởi: " + cert.Subject.CommonName}
		if org := strings.Join(cert.Subject.Organization, ", "); org != "" {
			lines = append(lines, "Cơ quan: "+org)
		}
		lines = append(lines, "Thời gian ký: "+SigningTime(pades.Result{SignedAt: now}))
		if s.Signing.Demo {
			lines = append(lines, "Chứng thư số thử nghiệm (demo), không có giá trị pháp lý")
		}
		o.Appearance = &pades.Appearance{Page: box.Page, X: box.X, Y: box.Y, W: box.W, H: box.H, Signature: sigImg, Seal: sealImg, Lines: lines}
	}
	return pades.Sign(ctx, pdf, s.Signing.Signer, o)
}

// trust is the installation's trust store: the roots the administrator installed and
// the CRLs uploaded for them.
func (s *Service) trust(ctx context.Context, tx *sqldb.Tx) (*pades.Trust, error) {
	roots, err := tx.TrustRoots(ctx)
	if err != nil {
		return nil, err
	}
	crls, err := tx.TrustCRLs(ctx)
	if err != nil {
		return nil, err
	}
	t := &pades.Trust{}
	for _, r := range roots {
		if c, err := x509.ParseCertificate(r.DER); err == nil {
			t.Roots = append(t.Roots, c)
		}
	}
	for _, c := range crls {
		if l, err := x509.ParseRevocationList(c.DER); err == nil {
			t.CRLs = append(t.CRLs, l)
		}
	}
	return t, nil
}

// VerifyPDF checks every signature of a PDF against the installation's trust store
// (tdkt verify, POST /api/v1/verify, the attachments of a dossier).
func (s *Service) VerifyPDF(ctx context.Context, data []byte) (out []pades.Result, err error) {
	return s.VerifyPDFWith(ctx, data, nil)
}

// VerifyPDFWith is VerifyPDF trusting extra roots too (tdkt verify --roots).
func (s *Service) VerifyPDFWith(ctx context.Context, data []byte, extra []*x509.Certificate) (out []pades.Result, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		trust, err := s.trust(ctx, tx)
		if err != nil {
			return err
		}
		trust.Roots = append(trust.Roots, extra...)
		out, err = pades.Verify(data, trust, s.Now())
		if err != nil {
			return fileProblem(messageOf(err))
		}
		return nil
	})
	return out, err
}
