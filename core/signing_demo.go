package core

import (
	"bytes"
	"context"
	"crypto/x509"
	"database/sql"
	"image"
	"image/color"
	"image/png"
	"math"

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
	if _, err := s.PutSignatureImage(ctx, system, orgID, "seal", "", demoSeal()); err != nil {
		return 0, err
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

// demoSeal draws the demo's seal: two red rings around a five-pointed star, with no
// words, so that nobody takes it for a real office's seal.
func demoSeal() []byte {
	const size = 240
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	red := color.NRGBA{200, 16, 30, 230}
	c := float64(size) / 2
	var star []point
	for i := range 10 {
		r := 46.0
		if i%2 == 1 {
			r = 18
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		star = append(star, point{c + r*math.Cos(a), c + r*math.Sin(a)})
	}
	for y := range size {
		for x := range size {
			dx, dy := float64(x)-c+0.5, float64(y)-c+0.5
			d := math.Hypot(dx, dy)
			if d <= 118 && d >= 110 || d <= 82 && d >= 78 || inside(star, float64(x)+0.5, float64(y)+0.5) {
				img.Set(x, y, red)
			}
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

type point struct{ x, y float64 }

// inside tells whether (x, y) is inside the polygon (even-odd rule).
func inside(poly []point, x, y float64) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.y > y) != (b.y > y) && x < (b.x-a.x)*(y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
	}
	return in
}
