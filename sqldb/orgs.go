package sqldb

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/vn"
)

const orgCols = `id, code, name, level, COALESCE(parent_id, 0), path, COALESCE(standing_for, 0), version`

// scanOrg reads an organisation; its powers are the law's for its level, whatever the
// stored confers column says (it is written from the same list, for readers of the
// raw table).
func scanOrg(s interface{ Scan(...any) error }) (tdkt.Org, error) {
	var o tdkt.Org
	err := s.Scan(&o.ID, &o.Code, &o.Name, &o.Level, &o.ParentID, &o.Path, &o.StandingFor, &o.Version)
	o.Confers = tdkt.ConfersOf(o.Level)
	return o, err
}

// InsertOrg stores a new organisation under its parent and sets its path.
func (t *Tx) InsertOrg(ctx context.Context, o *tdkt.Org, now string) error {
	parentPath := "/"
	var parent any
	if o.ParentID != 0 {
		p, err := t.OrgByID(ctx, o.ParentID)
		if err != nil {
			return err
		}
		parentPath, parent = p.Path, o.ParentID
	}
	id, err := t.Insert(ctx, `INSERT INTO orgs (code, name, name_fold, level, parent_id, path, confers, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)`, o.Code, o.Name, vn.Fold(o.Name), o.Level, parent, strings.Join(tdkt.Authority[o.Level], ","), now, now)
	if err != nil {
		return err
	}
	o.ID, o.Path, o.Version = id, parentPath+strconv.FormatInt(id, 10)+"/", 1
	_, err = t.Exec(ctx, `UPDATE orgs SET path = ? WHERE id = ?`, o.Path, id)
	return err
}

// UpdateOrg changes an organisation's name, level and powers if its version is
// still o.Version; the parent does not change here (moving a subtree is its own use case).
func (t *Tx) UpdateOrg(ctx context.Context, o *tdkt.Org, now string) error {
	n, err := t.Exec(ctx, `UPDATE orgs SET code = ?, name = ?, name_fold = ?, level = ?, confers = ?, standing_for = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`, o.Code, o.Name, vn.Fold(o.Name), o.Level, strings.Join(tdkt.Authority[o.Level], ","), nullID(o.StandingFor), now, o.ID, o.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return tdkt.Conflict()
	}
	o.Version++
	return nil
}

// OrgByID loads one organisation.
func (t *Tx) OrgByID(ctx context.Context, id int64) (tdkt.Org, error) {
	var o tdkt.Org
	err := t.Each(ctx, `SELECT `+orgCols+` FROM orgs WHERE id = ?`, []any{id}, func(r *sql.Rows) (err error) {
		o, err = scanOrg(r)
		return err
	})
	if err == nil && o.ID == 0 {
		err = tdkt.NotFound("đơn vị")
	}
	return o, err
}

// OrgByCode loads one organisation by its code.
func (t *Tx) OrgByCode(ctx context.Context, code string) (tdkt.Org, error) {
	var o tdkt.Org
	err := t.Each(ctx, `SELECT `+orgCols+` FROM orgs WHERE code = ?`, []any{code}, func(r *sql.Rows) (err error) {
		o, err = scanOrg(r)
		return err
	})
	if err == nil && o.ID == 0 {
		err = tdkt.NotFound("đơn vị " + code)
	}
	return o, err
}

// OrgsUnder lists the organisations whose path starts with path, in tree order.
func (t *Tx) OrgsUnder(ctx context.Context, path string) ([]tdkt.Org, error) {
	var out []tdkt.Org
	err := t.Each(ctx, `SELECT `+orgCols+` FROM orgs WHERE path LIKE ? ORDER BY path`, []any{path + "%"}, func(r *sql.Rows) error {
		o, err := scanOrg(r)
		out = append(out, o)
		return err
	})
	return out, err
}

// OrgChildren lists the organisations directly under one.
func (t *Tx) OrgChildren(ctx context.Context, id int64) ([]tdkt.Org, error) {
	var out []tdkt.Org
	err := t.Each(ctx, `SELECT `+orgCols+` FROM orgs WHERE parent_id = ? ORDER BY id`, []any{id}, func(r *sql.Rows) error {
		o, err := scanOrg(r)
		out = append(out, o)
		return err
	})
	return out, err
}

// CountOrgs counts all organisations; an empty database has none.
func (t *Tx) CountOrgs(ctx context.Context) (int64, error) {
	return t.Int(ctx, `SELECT count(*) FROM orgs`)
}
