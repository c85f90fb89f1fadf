package sqldb

import (
	"context"
	"database/sql"
)

// StatsRow is one cell of a year's statistics: how many titles or forms one unit
// conferred under one award code, reward kind and recipient group.
type StatsRow struct {
	OrgID    int64
	OrgName  string
	Award    string // award code
	Category string // danh_hieu (title) or hinh_thuc (form)
	Kind     string // reward kind: cong_trang, dot_xuat, …
	Subject  string // ca_nhan, tap_the or ho_gia_dinh
	Group    string // people only: their grp; "" for collectives and households
	Leader   bool   // people only: a leader rather than a direct worker
	Count    int64
}

// YearStats counts the honours of a year (honours.year, the year the title or form is
// for) that are not revoked, in the units under the path prefix scope, in one
// aggregate query: it reads the honours_year index and the rows of that year only,
// and each honoured person's group by primary key.
func (t *Tx) YearStats(ctx context.Context, scope string, year int) ([]StatsRow, error) {
	var out []StatsRow
	err := t.Each(ctx, `SELECT h.org_id, o.name, h.award_code, h.category, h.kind, h.subject_kind,
		COALESCE(p.grp, ''), COALESCE(p.leader, FALSE), count(*)
		FROM honours h JOIN orgs o ON o.id = h.org_id
		LEFT JOIN people p ON h.subject_kind = 'ca_nhan' AND p.id = h.subject_id
		WHERE h.year = ? AND NOT h.revoked AND o.path LIKE ?
		GROUP BY h.org_id, o.name, h.award_code, h.category, h.kind, h.subject_kind, COALESCE(p.grp, ''), COALESCE(p.leader, FALSE)
		ORDER BY h.org_id, h.award_code, h.kind, h.subject_kind, 7, 8`, []any{year, scope + "%"},
		func(r *sql.Rows) error {
			var s StatsRow
			err := r.Scan(&s.OrgID, &s.OrgName, &s.Award, &s.Category, &s.Kind, &s.Subject, &s.Group, &s.Leader, &s.Count)
			out = append(out, s)
			return err
		})
	return out, err
}
