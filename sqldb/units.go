package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
	"tdkt/vn"
)

// Collectives and households: the other subjects of titles and forms.

const collectiveCols = `c.id, c.org_id, COALESCE(c.unit_org_id, 0), c.name, c.enterprise, c.version, o.name, o.path`

// InsertCollective stores a new collective.
func (t *Tx) InsertCollective(ctx context.Context, c *tdkt.CollectiveUnit, now string) (err error) {
	var unit any
	if c.UnitOrgID != 0 {
		unit = c.UnitOrgID
	}
	c.ID, err = t.Insert(ctx, `INSERT INTO collectives (org_id, unit_org_id, name, name_fold, enterprise, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, c.OrgID, unit, c.Name, vn.SearchKey(c.Name), c.Enterprise, now, now)
	c.Version = 1
	return err
}

// UpdateCollective changes a collective read at c.Version.
func (t *Tx) UpdateCollective(ctx context.Context, c *tdkt.CollectiveUnit, now string) error {
	err := changed(t.Exec(ctx, `UPDATE collectives SET org_id = ?, name = ?, name_fold = ?, enterprise = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`, c.OrgID, c.Name, vn.SearchKey(c.Name), c.Enterprise, now, c.ID, c.Version))
	if err == nil {
		c.Version++
	}
	return err
}

// CollectiveByID loads a collective with its unit's path.
func (t *Tx) CollectiveByID(ctx context.Context, id int64) (tdkt.CollectiveUnit, string, error) {
	var c tdkt.CollectiveUnit
	var path string
	err := t.Get(ctx, "tập thể", `SELECT `+collectiveCols+` FROM collectives c JOIN orgs o ON o.id = c.org_id WHERE c.id = ?`, []any{id},
		&c.ID, &c.OrgID, &c.UnitOrgID, &c.Name, &c.Enterprise, &c.Version, &c.OrgName, &path)
	return c, path, err
}

// Collectives lists the collectives kept by organisations under path.
func (t *Tx) Collectives(ctx context.Context, path, q string, limit int) ([]tdkt.CollectiveUnit, error) {
	var out []tdkt.CollectiveUnit
	err := t.Each(ctx, `SELECT `+collectiveCols+` FROM collectives c JOIN orgs o ON o.id = c.org_id
		WHERE o.path LIKE ? AND c.name_fold LIKE ? ORDER BY o.path, c.name LIMIT ?`, []any{path + "%", "% " + likeText(vn.Fold(q)) + "%", limit},
		func(r *sql.Rows) error {
			var c tdkt.CollectiveUnit
			var p string
			err := r.Scan(&c.ID, &c.OrgID, &c.UnitOrgID, &c.Name, &c.Enterprise, &c.Version, &c.OrgName, &p)
			out = append(out, c)
			return err
		})
	return out, err
}

const householdCols = `h.id, h.org_id, h.head_name, h.address, h.version, o.name, o.path`

// InsertHousehold stores a new household.
func (t *Tx) InsertHousehold(ctx context.Context, h *tdkt.HouseholdRecord, now string) (err error) {
	h.ID, err = t.Insert(ctx, `INSERT INTO households (org_id, head_name, name_fold, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		h.OrgID, h.HeadName, vn.SearchKey(h.HeadName), h.Address, now, now)
	h.Version = 1
	return err
}

// UpdateHousehold changes a household read at h.Version.
func (t *Tx) UpdateHousehold(ctx context.Context, h *tdkt.HouseholdRecord, now string) error {
	err := changed(t.Exec(ctx, `UPDATE households SET org_id = ?, head_name = ?, name_fold = ?, address = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`, h.OrgID, h.HeadName, vn.SearchKey(h.HeadName), h.Address, now, h.ID, h.Version))
	if err == nil {
		h.Version++
	}
	return err
}

// HouseholdByID loads a household with its commune's path.
func (t *Tx) HouseholdByID(ctx context.Context, id int64) (tdkt.HouseholdRecord, string, error) {
	var h tdkt.HouseholdRecord
	var path string
	err := t.Get(ctx, "hộ gia đình", `SELECT `+householdCols+` FROM households h JOIN orgs o ON o.id = h.org_id WHERE h.id = ?`, []any{id},
		&h.ID, &h.OrgID, &h.HeadName, &h.Address, &h.Version, &h.OrgName, &path)
	return h, path, err
}

// Households lists the households of the communes under path.
func (t *Tx) Households(ctx context.Context, path, q string, limit int) ([]tdkt.HouseholdRecord, error) {
	var out []tdkt.HouseholdRecord
	err := t.Each(ctx, `SELECT `+householdCols+` FROM households h JOIN orgs o ON o.id = h.org_id
		WHERE o.path LIKE ? AND h.name_fold LIKE ? ORDER BY o.path, h.head_name LIMIT ?`, []any{path + "%", "% " + likeText(vn.Fold(q)) + "%", limit},
		func(r *sql.Rows) error {
			var h tdkt.HouseholdRecord
			var p string
			err := r.Scan(&h.ID, &h.OrgID, &h.HeadName, &h.Address, &h.Version, &h.OrgName, &p)
			out = append(out, h)
			return err
		})
	return out, err
}
