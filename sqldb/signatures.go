package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// Digital signatures: the documents issued for signing and their signed copies, which
// organisation the installation's certificate seals for, the images of seals and
// signatures, and the trust store (roots and CRLs). See docs/signatures.md.

// SignedDocument is a document issued for signing; Signed is empty until a signed
// copy is accepted. Contents are loaded only where they are needed.
type SignedDocument struct {
	ID                 int64
	Owner              string // dossier, meeting
	OwnerID            int64
	Kind, Ref          string
	OrgID              int64
	Name               string
	IssuedSHA256       string
	IssuedAt, IssuedBy string
	BoxPage            int
	BoxX, BoxY         float64
	BoxW, BoxH         float64
	SignedSHA256       string
	SignedAt, SignedBy string
	Signers            string // JSON of the signatures found when the copy was accepted
	Version            int
	Issued, Signed     []byte
}

const signedDocCols = `id, owner, owner_id, kind, ref, org_id, name, issued_sha256, issued_at, issued_by,
	box_page, box_x, box_y, box_w, box_h, signed_sha256, signed_at, signed_by, signers, version`

func (d *SignedDocument) dest() []any {
	return []any{&d.ID, &d.Owner, &d.OwnerID, &d.Kind, &d.Ref, &d.OrgID, &d.Name, &d.IssuedSHA256, &d.IssuedAt, &d.IssuedBy,
		&d.BoxPage, &d.BoxX, &d.BoxY, &d.BoxW, &d.BoxH, &d.SignedSHA256, &d.SignedAt, &d.SignedBy, &d.Signers, &d.Version}
}

// SignedDocument loads a document issued for signing with its contents.
func (t *Tx) SignedDocument(ctx context.Context, owner string, ownerID int64, kind, ref string) (d SignedDocument, err error) {
	err = t.Get(ctx, "văn bản ký số", `SELECT `+signedDocCols+`, issued, signed FROM signed_documents
		WHERE owner = ? AND owner_id = ? AND kind = ? AND ref = ?`, []any{owner, ownerID, kind, ref},
		append(d.dest(), &d.Issued, &d.Signed)...)
	return d, err
}

// SignedDocuments lists the documents issued for signing of an owner, without contents.
func (t *Tx) SignedDocuments(ctx context.Context, owner string, ownerID int64) ([]SignedDocument, error) {
	var out []SignedDocument
	err := t.Each(ctx, `SELECT `+signedDocCols+` FROM signed_documents WHERE owner = ? AND owner_id = ? ORDER BY id`,
		[]any{owner, ownerID}, func(r *sql.Rows) error {
			var d SignedDocument
			err := r.Scan(d.dest()...)
			out = append(out, d)
			return err
		})
	return out, err
}

// InsertSignedDocument records the bytes issued for signing.
func (t *Tx) InsertSignedDocument(ctx context.Context, d *SignedDocument) (err error) {
	d.Version = 1
	d.ID, err = t.Insert(ctx, `INSERT INTO signed_documents (owner, owner_id, kind, ref, org_id, name, issued, issued_sha256, issued_at, issued_by,
		box_page, box_x, box_y, box_w, box_h) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.Owner, d.OwnerID, d.Kind, d.Ref, d.OrgID, d.Name, d.Issued, d.IssuedSHA256, d.IssuedAt, d.IssuedBy,
		d.BoxPage, d.BoxX, d.BoxY, d.BoxW, d.BoxH)
	return err
}

// SetSigned stores the official signed copy, if the document is still at the version
// it was read at.
func (t *Tx) SetSigned(ctx context.Context, d *SignedDocument) error {
	err := changed(t.Exec(ctx, `UPDATE signed_documents SET signed = ?, signed_sha256 = ?, signed_at = ?, signed_by = ?, signers = ?,
		version = version + 1 WHERE id = ? AND version = ?`, d.Signed, d.SignedSHA256, d.SignedAt, d.SignedBy, d.Signers, d.ID, d.Version))
	if err == nil {
		d.Version++
	}
	return err
}

// SigningRule says that the installation's certificate seals an organisation's
// documents of a kind.
type SigningRule struct {
	OrgID int64
	Kind  string
}

// SigningRules lists every rule.
func (t *Tx) SigningRules(ctx context.Context) ([]SigningRule, error) {
	var out []SigningRule
	err := t.Each(ctx, `SELECT org_id, kind FROM signing_rules ORDER BY org_id, kind`, nil, func(r *sql.Rows) error {
		var x SigningRule
		err := r.Scan(&x.OrgID, &x.Kind)
		out = append(out, x)
		return err
	})
	return out, err
}

// Seals reports whether the installation's certificate seals orgID's documents of kind.
func (t *Tx) Seals(ctx context.Context, orgID int64, kind string) (bool, error) {
	n, err := t.Int(ctx, `SELECT COUNT(*) FROM signing_rules WHERE org_id = ? AND kind = ?`, orgID, kind)
	return n > 0, err
}

// SetSigningRule turns a rule on or off.
func (t *Tx) SetSigningRule(ctx context.Context, orgID int64, kind string, on bool) error {
	if _, err := t.Exec(ctx, `DELETE FROM signing_rules WHERE org_id = ? AND kind = ?`, orgID, kind); err != nil || !on {
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO signing_rules (org_id, kind) VALUES (?, ?)`, orgID, kind)
	return err
}

// SignatureImage is a seal or a handwritten signature drawn in a visible signature.
type SignatureImage struct {
	ID               int64
	OrgID            int64
	Kind, Signer     string
	Mime             string
	AddedAt, AddedBy string
	Content          []byte
}

// SignatureImages lists an organisation's images, without contents.
func (t *Tx) SignatureImages(ctx context.Context, orgID int64) ([]SignatureImage, error) {
	var out []SignatureImage
	err := t.Each(ctx, `SELECT id, org_id, kind, signer, mime, added_at, added_by FROM signature_images WHERE org_id = ? ORDER BY kind, signer`,
		[]any{orgID}, func(r *sql.Rows) error {
			var x SignatureImage
			err := r.Scan(&x.ID, &x.OrgID, &x.Kind, &x.Signer, &x.Mime, &x.AddedAt, &x.AddedBy)
			out = append(out, x)
			return err
		})
	return out, err
}

// SignatureImageContent is an organisation's seal (signer "") or a signer's signature;
// nil when none was uploaded.
func (t *Tx) SignatureImageContent(ctx context.Context, orgID int64, kind, signer string) ([]byte, error) {
	var b []byte
	err := t.Get(ctx, "ảnh", `SELECT content FROM signature_images WHERE org_id = ? AND kind = ? AND signer = ?`,
		[]any{orgID, kind, signer}, &b)
	if tdkt.CodeOf(err) == tdkt.ENotFound {
		return nil, nil
	}
	return b, err
}

// PutSignatureImage stores an image in place of the one of the same organisation,
// kind and signer.
func (t *Tx) PutSignatureImage(ctx context.Context, x *SignatureImage) (err error) {
	if _, err = t.Exec(ctx, `DELETE FROM signature_images WHERE org_id = ? AND kind = ? AND signer = ?`, x.OrgID, x.Kind, x.Signer); err != nil {
		return err
	}
	x.ID, err = t.Insert(ctx, `INSERT INTO signature_images (org_id, kind, signer, mime, content, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		x.OrgID, x.Kind, x.Signer, x.Mime, x.Content, x.AddedAt, x.AddedBy)
	return err
}

// TrustRoot is an installed root certificate.
type TrustRoot struct {
	ID               int64
	Subject, SHA256  string
	NotAfter         string
	Demo             bool
	AddedAt, AddedBy string
	DER              []byte
}

// TrustRoots lists the installed roots with their certificates.
func (t *Tx) TrustRoots(ctx context.Context) ([]TrustRoot, error) {
	var out []TrustRoot
	err := t.Each(ctx, `SELECT id, subject, sha256, not_after, demo, added_at, added_by, der FROM trust_roots ORDER BY id`, nil,
		func(r *sql.Rows) error {
			var x TrustRoot
			err := r.Scan(&x.ID, &x.Subject, &x.SHA256, &x.NotAfter, &x.Demo, &x.AddedAt, &x.AddedBy, &x.DER)
			out = append(out, x)
			return err
		})
	return out, err
}

// InsertTrustRoot installs a root; the same certificate twice is a conflict.
func (t *Tx) InsertTrustRoot(ctx context.Context, x *TrustRoot) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO trust_roots (subject, sha256, der, not_after, demo, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		x.Subject, x.SHA256, x.DER, x.NotAfter, x.Demo, x.AddedAt, x.AddedBy)
	return err
}

// DeleteTrustRoot removes an installed root.
func (t *Tx) DeleteTrustRoot(ctx context.Context, id int64) error {
	return changed(t.Exec(ctx, `DELETE FROM trust_roots WHERE id = ?`, id))
}

// TrustCRL is an uploaded certificate revocation list.
type TrustCRL struct {
	ID                     int64
	Issuer, SHA256         string
	ThisUpdate, NextUpdate string
	Entries                int
	AddedAt, AddedBy       string
	DER                    []byte
}

// TrustCRLs lists the uploaded CRLs with their contents.
func (t *Tx) TrustCRLs(ctx context.Context) ([]TrustCRL, error) {
	var out []TrustCRL
	err := t.Each(ctx, `SELECT id, issuer, sha256, this_update, next_update, entries, added_at, added_by, der FROM trust_crls ORDER BY id`, nil,
		func(r *sql.Rows) error {
			var x TrustCRL
			err := r.Scan(&x.ID, &x.Issuer, &x.SHA256, &x.ThisUpdate, &x.NextUpdate, &x.Entries, &x.AddedAt, &x.AddedBy, &x.DER)
			out = append(out, x)
			return err
		})
	return out, err
}

// InsertTrustCRL stores an uploaded CRL.
func (t *Tx) InsertTrustCRL(ctx context.Context, x *TrustCRL) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO trust_crls (issuer, sha256, der, this_update, next_update, entries, added_at, added_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, x.Issuer, x.SHA256, x.DER, x.ThisUpdate, x.NextUpdate, x.Entries, x.AddedAt, x.AddedBy)
	return err
}

// SignedCopy is the official signed copy of a document; nil when it has none.
func (t *Tx) SignedCopy(ctx context.Context, owner string, ownerID int64, kind, ref string) ([]byte, error) {
	var b []byte
	err := t.Get(ctx, "văn bản ký số", `SELECT signed FROM signed_documents WHERE owner = ? AND owner_id = ? AND kind = ? AND ref = ?`,
		[]any{owner, ownerID, kind, ref}, &b)
	if tdkt.CodeOf(err) == tdkt.ENotFound {
		return nil, nil
	}
	return b, err
}
