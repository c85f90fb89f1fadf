package core

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"net/http"
	"slices"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The administrator's side of digital signatures: the trust store (the state's root
// certificates and the CRLs, uploaded because these machines reach no network), which
// organisation's documents the installation's certificate seals, and the images of
// seals and signatures drawn in a signature's visible mark.

// TrustStore lists the installed roots and CRLs (an installation administrator).
func (s *Service) TrustStore(ctx context.Context, actor *tdkt.Account) (roots []sqldb.TrustRoot, crls []sqldb.TrustCRL, err error) {
	if !actor.CanManageInstallation() {
		return nil, nil, tdkt.Forbidden()
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if roots, err = tx.TrustRoots(ctx); err != nil {
			return err
		}
		crls, err = tx.TrustCRLs(ctx)
		return err
	})
	return roots, crls, err
}

// derOf reads a PEM block of the given type, or DER as it is.
func derOf(data []byte, pemType string) []byte {
	if b, _ := pem.Decode(data); b != nil && b.Type == pemType {
		return b.Bytes
	}
	return data
}

func trustProblem(msg string) error {
	return &tdkt.Error{Code: tdkt.EInvalid, Message: "Không cài được tệp.", Fields: map[string]string{"file": msg}}
}

// AddTrustRoot installs a root certificate (PEM or DER). It must be a CA certificate
// that signs itself; installing the same one twice is a conflict.
func (s *Service) AddTrustRoot(ctx context.Context, actor *tdkt.Account, data []byte, demo bool) (r sqldb.TrustRoot, err error) {
	if !actor.CanManageInstallation() {
		return r, tdkt.Forbidden()
	}
	der := derOf(data, "CERTIFICATE")
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return r, trustProblem("Tệp không phải là chứng thư số (PEM hoặc DER).")
	}
	if !c.IsCA || c.CheckSignatureFrom(c) != nil {
		return r, trustProblem("Chứng thư số này không phải là chứng thư gốc (tự ký, dùng để cấp chứng thư khác).")
	}
	sum := sha256.Sum256(der)
	r = sqldb.TrustRoot{Subject: vn.NFC(c.Subject.String()), SHA256: hex.EncodeToString(sum[:]), NotAfter: c.NotAfter.UTC().Format(time.DateOnly),
		Demo: demo, AddedAt: s.stamp(), AddedBy: actor.Login, DER: der}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		// the same certificate twice is a Conflict from the table's UNIQUE (sqldb mapErr)
		if err := tx.InsertTrustRoot(ctx, &r); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "add_trust_root", "trust_root", r.ID, tdkt.Subject{}, 0, nil,
			map[string]any{"subject": r.Subject, "sha256": r.SHA256, "demo": demo})
	})
	return r, err
}

// RemoveTrustRoot uninstalls a root: signatures under it are no longer trusted.
func (s *Service) RemoveTrustRoot(ctx context.Context, actor *tdkt.Account, id int64) error {
	if !actor.CanManageInstallation() {
		return tdkt.Forbidden()
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if err := tx.DeleteTrustRoot(ctx, id); err != nil {
			if tdkt.CodeOf(err) == tdkt.EConflict {
				return tdkt.NotFound("chứng thư gốc")
			}
			return err
		}
		return s.audit(ctx, tx, actor, "remove_trust_root", "trust_root", id, tdkt.Subject{}, 0, nil, nil)
	})
}

// AddCRL stores a certificate revocation list (PEM or DER) signed by an installed root
// or by a CA certificate under one; the CRL's signature is checked when it is used.
func (s *Service) AddCRL(ctx context.Context, actor *tdkt.Account, data []byte) (c sqldb.TrustCRL, err error) {
	if !actor.CanManageInstallation() {
		return c, tdkt.Forbidden()
	}
	der := derOf(data, "X509 CRL")
	l, err := x509.ParseRevocationList(der)
	if err != nil {
		return c, trustProblem("Tệp không phải là danh sách chứng thư số bị thu hồi (CRL, PEM hoặc DER).")
	}
	sum := sha256.Sum256(der)
	c = sqldb.TrustCRL{Issuer: vn.NFC(l.Issuer.String()), SHA256: hex.EncodeToString(sum[:]), ThisUpdate: l.ThisUpdate.UTC().Format(time.RFC3339),
		Entries: len(l.RevokedCertificateEntries), AddedAt: s.stamp(), AddedBy: actor.Login, DER: der}
	if !l.NextUpdate.IsZero() {
		c.NextUpdate = l.NextUpdate.UTC().Format(time.RFC3339)
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		// the same list twice is a Conflict from the table's UNIQUE (sqldb mapErr)
		if err := tx.InsertTrustCRL(ctx, &c); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "add_crl", "trust_crl", c.ID, tdkt.Subject{}, 0, nil,
			map[string]any{"issuer": c.Issuer, "sha256": c.SHA256, "entries": c.Entries})
	})
	return c, err
}

// SigningRules lists which organisations' documents the installation's certificate
// seals, with whether the installation has a certificate at all.
func (s *Service) SigningRules(ctx context.Context, actor *tdkt.Account) (rules []sqldb.SigningRule, configured bool, err error) {
	if !actor.CanManageOrgs() {
		return nil, false, tdkt.Forbidden()
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		all, err := tx.SigningRules(ctx)
		for _, r := range all {
			if o, err := tx.OrgByID(ctx, r.OrgID); err == nil && actor.Sees(o.Path) {
				rules = append(rules, r)
			}
		}
		return err
	})
	return rules, s.Signing.Signer != nil, err
}

// SetSigningRule sets whether the installation's certificate seals an organisation's
// documents of a kind: an administrator whose subtree holds the organisation.
func (s *Service) SetSigningRule(ctx context.Context, actor *tdkt.Account, orgID int64, kind string, on bool) error {
	if signKindLabel(kind) == "" {
		return badSignKind()
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		o, err := s.ruleOrg(ctx, tx, actor, orgID)
		if err != nil {
			return err
		}
		return s.setSigningRule(ctx, tx, actor, o, kind, on)
	})
}

// SetSigningRules sets, in one transaction, exactly which kinds of an organisation's
// documents the installation's certificate seals (the administrator's form).
func (s *Service) SetSigningRules(ctx context.Context, actor *tdkt.Account, orgID int64, kinds []string) error {
	for _, k := range kinds {
		if signKindLabel(k) == "" {
			return badSignKind()
		}
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		o, err := s.ruleOrg(ctx, tx, actor, orgID)
		if err != nil {
			return err
		}
		for _, k := range SignKinds {
			if err := s.setSigningRule(ctx, tx, actor, o, k.Kind, slices.Contains(kinds, k.Kind)); err != nil {
				return err
			}
		}
		return nil
	})
}

func badSignKind() error {
	return &tdkt.Error{Code: tdkt.EInvalid, Message: "Loại văn bản không hợp lệ.", Fields: map[string]string{"kind": "Chọn các loại văn bản trong danh sách."}}
}

// ruleOrg loads the organisation of a signing rule for an administrator who sees it.
func (s *Service) ruleOrg(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, orgID int64) (tdkt.Org, error) {
	o, err := tx.OrgByID(ctx, orgID)
	if err != nil {
		return o, err
	}
	if err := visible(actor, o.Path, "đơn vị"); err != nil {
		return o, err
	}
	if !actor.CanManageOrgs() {
		return o, tdkt.Forbidden()
	}
	return o, nil
}

func (s *Service) setSigningRule(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, o tdkt.Org, kind string, on bool) error {
	was, err := tx.Seals(ctx, o.ID, kind)
	if err != nil || was == on {
		return err
	}
	if err := tx.SetSigningRule(ctx, o.ID, kind, on); err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, "signing_rule", "org", o.ID, tdkt.Subject{}, o.ID,
		map[string]any{"kind": kind, "on": was}, map[string]any{"kind": kind, "on": on})
}

// SignatureImages lists an organisation's seal and signature images.
func (s *Service) SignatureImages(ctx context.Context, actor *tdkt.Account, orgID int64) (out []sqldb.SignatureImage, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		o, err := tx.OrgByID(ctx, orgID)
		if err != nil {
			return err
		}
		if err := visible(actor, o.Path, "đơn vị"); err != nil {
			return err
		}
		if !actor.CanManageOrgs() {
			return tdkt.Forbidden()
		}
		out, err = tx.SignatureImages(ctx, orgID)
		return err
	})
	return out, err
}

// PutSignatureImage uploads an organisation's seal (kind "seal") or a signer's
// handwritten signature (kind "signature", signer = the name printed under it), as
// PNG or JPEG of at most 1 MB, in place of the one before.
func (s *Service) PutSignatureImage(ctx context.Context, actor *tdkt.Account, orgID int64, kind, signer string, content []byte) (x sqldb.SignatureImage, err error) {
	signer = vn.NFC(signer)
	fields := map[string]string{}
	switch kind {
	case "seal":
		signer = ""
	case "signature":
		if signer == "" {
			fields["signer"] = "Ghi họ và tên người ký như in dưới chữ ký."
		}
	default:
		fields["kind"] = "Chọn con dấu hoặc chữ ký."
	}
	mime := http.DetectContentType(content)
	switch {
	case len(content) == 0:
		fields["file"] = "Hãy chọn ảnh."
	case len(content) > 1<<20:
		fields["file"] = "Ảnh lớn quá 1 MB."
	case mime != "image/png" && mime != "image/jpeg" || bytes.HasPrefix(content, []byte("%PDF")):
		fields["file"] = "Chỉ nhận ảnh PNG hoặc JPEG."
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		o, err := tx.OrgByID(ctx, orgID)
		if err != nil {
			return err
		}
		if err := visible(actor, o.Path, "đơn vị"); err != nil {
			return err
		}
		if !actor.CanManageOrgs() {
			return tdkt.Forbidden()
		}
		if len(fields) > 0 {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Ảnh không hợp lệ.", Fields: fields}
		}
		x = sqldb.SignatureImage{OrgID: orgID, Kind: kind, Signer: signer, Mime: mime, Content: content, AddedAt: s.stamp(), AddedBy: actor.Login}
		if err := tx.PutSignatureImage(ctx, &x); err != nil {
			return err
		}
		sum := sha256.Sum256(content)
		return s.audit(ctx, tx, actor, "signature_image", "org", orgID, tdkt.Subject{}, orgID, nil,
			map[string]any{"kind": kind, "signer": signer, "sha256": hex.EncodeToString(sum[:])})
	})
	return x, err
}
