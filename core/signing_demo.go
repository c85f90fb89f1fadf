package core

import (
	"context"
	"crypto/x509"
	"database/sql"

	"tdkt"
	"tdkt/sqldb"
)

// The demo's signatures: tdkt demo makes a demo root, an intermediate and the
// province's certificate (package pades, marked as demo in their subjects), and this
// installs them so that the demo's decided dossiers carry signed decisions and its
// certificates come sealed.

// DemoSigningOrg is the organisation the demo's certificate is made for: the first
// province.
func (s *Service) DemoSigningOrg(ctx context.Context) (o tdkt.Org, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		var id int64
		if err := tx.Get(ctx, "tỉnh", `SELECT id FROM orgs WHERE level = ? ORDER BY id LIMIT 1`, []any{tdkt.LevelProvince}, &id); err != nil {
			return err
		}
		o, err = tx.OrgByID(ctx, id)
		return err
	})
	return o, err
}

// DemoSigning installs the demo root in the trust store, sets the installation's
// certificate (already in s.Signing) to seal the organisation's decisions and
// certificates, and seals the decisions it has already taken. It tells how many.
func (s *Service) DemoSigning(ctx context.Context, root *x509.Certificate, orgID int64) (sealed int, err error) {
	system := &tdkt.Account{Login: "demo", Name: "Dữ liệu mẫu", Role: tdkt.RoleAdmin, OrgPath: "/", InstallationAdmin: true}
	if _, err := s.AddTrustRoot(ctx, system, root.Raw, true); err != nil && tdkt.CodeOf(err) != tdkt.EConflict {
		return 0, err
	}
	for _, kind := range []string{"decision", "certificate"} {
		if err := s.SetSigningRule(ctx, system, orgID, kind, true); err != nil {
			return 0, err
		}
	}
	var dossiers []int64
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		return tx.Each(ctx, `SELECT d.dossier_id FROM decisions d WHERE d.org_id = ? AND d.dossier_id IS NOT NULL AND d.peer_id IS NULL
			AND NOT EXISTS (SELECT 1 FROM signed_documents s WHERE s.owner = 'dossier' AND s.owner_id = d.dossier_id AND s.kind = 'decision')
			ORDER BY d.id`, []any{orgID}, func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			dossiers = append(dossiers, id)
			return err
		})
	})
	if err != nil {
		return 0, err
	}
	for _, id := range dossiers {
		if _, err := s.SealDocument(ctx, system, DocRef{Owner: ownerDossier, OwnerID: id, Kind: "decision"}); err != nil {
			return sealed, err
		}
		sealed++
	}
	return sealed, nil
}
