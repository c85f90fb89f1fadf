package core

import (
	"context"

	"tdkt"
	"tdkt/sqldb"
)

// YearStats are a year's statistics of emulation titles and reward forms, for the
// yearly report: counts by unit, award, reward kind and recipient group.
type YearStats struct {
	Year int
	Rows []sqldb.StatsRow
	// Titles and Forms are the totals of the two categories (danh_hieu, hinh_thuc).
	Titles, Forms int64
}

// YearStats counts the titles and forms of a year in the actor's subtree (the whole
// database when actor is nil: the operator on the command line). The year is the
// year an honour is for (honours.year: the assessment year of a title, the year of
// the achievement of a form), not the date of its decision — a title for 2025 is
// decided in early 2026 and belongs to the 2025 report. Revoked honours are left
// out. A person's group and leader/direct-worker flag are those copied onto the
// honour when it was written (migration 0014 filled the older ones from the people
// as they were then).
func (s *Service) YearStats(ctx context.Context, actor *tdkt.Account, year int) (st YearStats, err error) {
	scope := "/"
	if actor != nil {
		scope = actor.OrgPath
	}
	st.Year = year
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		st.Rows, err = tx.YearStats(ctx, scope, year)
		return err
	})
	for _, r := range st.Rows {
		if r.Category == "hinh_thuc" {
			st.Forms += r.Count
		} else {
			st.Titles += r.Count
		}
	}
	return st, err
}
