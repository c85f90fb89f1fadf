package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
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
// for) that are not revoked, in the units under the path prefix scope. The recipient's
// group and leadership flag are those copied onto the honour when it was written, so
// the aggregate reads the covering index honours_year alone, in the order of its
// GROUP BY (the category comes from the catalogue), and joins the few thousand organisations afterwards.
func (t *Tx) YearStats(ctx context.Context, scope string, year int) ([]StatsRow, error) {
	args := []any{year}
	where := ""
	if scope != "/" {
		where = ` AND h.org_id IN (SELECT id FROM orgs WHERE path LIKE ?)`
		args = append(args, scope+"%")
	}
	var out []StatsRow
	err := t.Each(ctx, `SELECT s.org_id, o.name, s.award_code, s.kind, s.subject_kind, s.grp, s.leader, s.n
		FROM (SELECT h.org_id, h.award_code, h.kind, h.subject_kind, h.grp, h.leader, count(*) AS n
			FROM honours h WHERE h.year = ? AND NOT h.revoked`+where+`
			GROUP BY h.org_id, h.award_code, h.kind, h.subject_kind, h.grp, h.leader) s
		JOIN orgs o ON o.id = s.org_id
		ORDER BY s.org_id, s.award_code, s.kind, s.subject_kind, s.grp, s.leader`, args,
		func(r *sql.Rows) error {
			var s StatsRow
			err := r.Scan(&s.OrgID, &s.OrgName, &s.Award, &s.Kind, &s.Subject, &s.Group, &s.Leader, &s.Count)
			a, _ := tdkt.AwardByCode(s.Award)
			s.Category = string(a.Category)
			out = append(out, s)
			return err
		})
	return out, err
}
