package sqldb

import (
	"context"
	"database/sql"
	"strings"

	"tdkt"
	"tdkt/vn"
)

// The lists of the staff application as files: the same selection as the page, every
// row rather than one page, each row handed to fn as it is read so that a list of a
// million lines is never held in memory.

// EachPerson calls fn for every person q selects (Limit and Offset are ignored), in
// Vietnamese name order.
func (t *Tx) EachPerson(ctx context.Context, q PeopleQuery, fn func(tdkt.Person) error) error {
	where, args := q.where()
	return t.Each(ctx, `SELECT `+personCols+` FROM people p JOIN orgs o ON o.id = p.org_id WHERE `+where+` ORDER BY p.sort_key, p.id`, args,
		func(r *sql.Rows) error {
			p, _, err := scanPerson(r)
			if err != nil {
				return err
			}
			return fn(p)
		})
}

// EachCollective calls fn for every collective of the units under path whose name
// matches q, in the order of the list page (unit, then name).
func (t *Tx) EachCollective(ctx context.Context, path, q string, fn func(tdkt.CollectiveUnit) error) error {
	return t.Each(ctx, `SELECT `+collectiveCols+` FROM collectives c JOIN orgs o ON o.id = c.org_id
		WHERE o.path LIKE ? AND c.name_fold LIKE ? ORDER BY o.path, c.name, c.id`, []any{path + "%", "% " + likeText(vn.Fold(q)) + "%"},
		func(r *sql.Rows) error {
			var c tdkt.CollectiveUnit
			var p string
			if err := r.Scan(&c.ID, &c.OrgID, &c.UnitOrgID, &c.Name, &c.Enterprise, &c.Version, &c.OrgName, &p); err != nil {
				return err
			}
			return fn(c)
		})
}

// EachHousehold calls fn for every household of the units under path whose head's
// name matches q, in the order of the list page.
func (t *Tx) EachHousehold(ctx context.Context, path, q string, fn func(tdkt.HouseholdRecord) error) error {
	return t.Each(ctx, `SELECT `+householdCols+` FROM households h JOIN orgs o ON o.id = h.org_id
		WHERE o.path LIKE ? AND h.name_fold LIKE ? ORDER BY o.path, h.head_name, h.id`, []any{path + "%", "% " + likeText(vn.Fold(q)) + "%"},
		func(r *sql.Rows) error {
			var h tdkt.HouseholdRecord
			var p string
			if err := r.Scan(&h.ID, &h.OrgID, &h.HeadName, &h.Address, &h.Version, &h.OrgName, &p); err != nil {
				return err
			}
			return fn(h)
		})
}

// EachDossier calls fn for every dossier proposed or held under scope, in one of the
// statuses (all when none), the most recently moved first, as the list page orders them.
func (t *Tx) EachDossier(ctx context.Context, scope string, statuses []tdkt.DossierStatus, fn func(tdkt.Dossier) error) error {
	where := "(o.path LIKE ? OR h.path LIKE ?)"
	args := []any{scope + "%", scope + "%"}
	if len(statuses) > 0 {
		where += " AND d.status IN (?" + strings.Repeat(", ?", len(statuses)-1) + ")"
		for _, s := range statuses {
			args = append(args, s)
		}
	}
	return t.Each(ctx, `SELECT `+dossierCols+dossierFrom+` WHERE `+where+` ORDER BY d.status_since DESC, d.id DESC`, args,
		func(r *sql.Rows) error {
			d, _, _, err := scanDossier(r)
			if err != nil {
				return err
			}
			return fn(d)
		})
}
