package sqldb

import (
	"context"
	"database/sql"
	"strconv"

	"tdkt"
)

// Facts are the records of one subject that the rules engine reads, in the compact
// form the year-end list streams through: a whole country's records pass here once.
type Facts struct {
	Kind        tdkt.SubjectKind
	ID          int64
	Name        string
	OrgID       int64
	Sex         tdkt.Sex
	Group       tdkt.Group
	HiredOn     string
	UnderReview bool
	Ratings     []FactRating
	Honours     []FactHonour
	Initiatives []FactInitiative
	Discipline  []FactDiscipline
	// UnitOrgID is, for a collective that is an organisation, that organisation.
	UnitOrgID int64
}

// FactRating is a yearly rating.
type FactRating struct {
	Year   int
	Rating tdkt.Rating
}

// FactHonour is a title or form received (revoked ones are left out).
type FactHonour struct {
	Code      string
	Year      int
	Kind      tdkt.RewardKind
	DecidedOn string
}

// FactInitiative is an initiative with its recognition year and scope.
type FactInitiative struct {
	ID    int64
	Year  int
	Scope tdkt.Scope
}

// FactDiscipline is a disciplinary penalty.
type FactDiscipline struct {
	Form              tdkt.DisciplineForm
	DecidedOn, EndsOn string
}

// PeopleFacts reads, for the people of the subtree path whose id is above after, the
// next batch (at most limit people, in id order) with all their records. Records are
// fetched by id range with the subject indexes, so a batch costs five range scans
// whatever its size.
func (t *Tx) PeopleFacts(ctx context.Context, path string, after int64, limit int) ([]Facts, error) {
	var batch []Facts
	err := t.Each(ctx, `SELECT p.id, p.full_name, p.org_id, p.sex, p.grp, p.hired_on, p.under_review
		FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id > ? AND o.path LIKE ? ORDER BY p.id LIMIT ?`,
		[]any{after, path + "%", limit}, func(r *sql.Rows) error {
			f := Facts{Kind: tdkt.Individual}
			err := r.Scan(&f.ID, &f.Name, &f.OrgID, &f.Sex, &f.Group, &f.HiredOn, &f.UnderReview)
			batch = append(batch, f)
			return err
		})
	if err != nil || len(batch) == 0 {
		return batch, err
	}
	return batch, t.fillFacts(ctx, batch)
}

// CollectiveFacts reads the next batch of collectives of the subtree with their records.
func (t *Tx) CollectiveFacts(ctx context.Context, path string, after int64, limit int) ([]Facts, error) {
	var batch []Facts
	err := t.Each(ctx, `SELECT c.id, c.name, c.org_id, COALESCE(c.unit_org_id, 0)
		FROM collectives c JOIN orgs o ON o.id = c.org_id WHERE c.id > ? AND o.path LIKE ? ORDER BY c.id LIMIT ?`,
		[]any{after, path + "%", limit}, func(r *sql.Rows) error {
			f := Facts{Kind: tdkt.Collective}
			err := r.Scan(&f.ID, &f.Name, &f.OrgID, &f.UnitOrgID)
			batch = append(batch, f)
			return err
		})
	if err != nil || len(batch) == 0 {
		return batch, err
	}
	return batch, t.fillFacts(ctx, batch)
}

// fillFacts attaches the records of a batch sorted by id.
func (t *Tx) fillFacts(ctx context.Context, batch []Facts) error {
	lo, hi := batch[0].ID, batch[len(batch)-1].ID
	kind := batch[0].Kind
	idx := make(map[int64]int, len(batch))
	for i := range batch {
		idx[batch[i].ID] = i
	}
	at := func(id int64) *Facts {
		if i, ok := idx[id]; ok {
			return &batch[i]
		}
		return nil
	}
	args := []any{kind, lo, hi}
	if err := t.Each(ctx, `SELECT subject_id, year, rating FROM ratings WHERE subject_kind = ? AND subject_id BETWEEN ? AND ?`, args,
		func(r *sql.Rows) error {
			var id int64
			var x FactRating
			if err := r.Scan(&id, &x.Year, &x.Rating); err != nil {
				return err
			}
			if f := at(id); f != nil {
				f.Ratings = append(f.Ratings, x)
			}
			return nil
		}); err != nil {
		return err
	}
	if err := t.Each(ctx, `SELECT subject_id, award_code, year, kind, decided_on FROM honours
		WHERE subject_kind = ? AND subject_id BETWEEN ? AND ? AND NOT revoked`, args, func(r *sql.Rows) error {
		var id int64
		var x FactHonour
		if err := r.Scan(&id, &x.Code, &x.Year, &x.Kind, &x.DecidedOn); err != nil {
			return err
		}
		if f := at(id); f != nil {
			f.Honours = append(f.Honours, x)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := t.Each(ctx, `SELECT subject_id, id, year, scope FROM initiatives WHERE subject_kind = ? AND subject_id BETWEEN ? AND ?`, args,
		func(r *sql.Rows) error {
			var id int64
			var x FactInitiative
			if err := r.Scan(&id, &x.ID, &x.Year, &x.Scope); err != nil {
				return err
			}
			if f := at(id); f != nil {
				f.Initiatives = append(f.Initiatives, x)
			}
			return nil
		}); err != nil {
		return err
	}
	if kind != tdkt.Individual {
		return nil
	}
	return t.Each(ctx, `SELECT person_id, form, decided_on, ends_on FROM discipline WHERE person_id BETWEEN ? AND ?`, []any{lo, hi},
		func(r *sql.Rows) error {
			var id int64
			var x FactDiscipline
			if err := r.Scan(&id, &x.Form, &x.DecidedOn, &x.EndsOn); err != nil {
				return err
			}
			if f := at(id); f != nil {
				f.Discipline = append(f.Discipline, x)
			}
			return nil
		})
}

// MemberFigures are a unit's members' figures for a year, for the collective titles.
type MemberFigures struct {
	Total, HTXSNV, HTTNV, HTNV, KHTNV, LDTT, CSTDCS, DisciplinedWarning int
}

// UnitMemberFigures counts, for every organisation of the subtree, the people who
// belong to it now and their ratings, titles and discipline of year.
func (t *Tx) UnitMemberFigures(ctx context.Context, path string, year int) (map[int64]*MemberFigures, error) {
	out := map[int64]*MemberFigures{}
	get := func(id int64) *MemberFigures {
		m := out[id]
		if m == nil {
			m = &MemberFigures{}
			out[id] = m
		}
		return m
	}
	if err := t.Each(ctx, `SELECT p.org_id, count(*),
			sum(CASE WHEN r.rating = 'htxsnv' THEN 1 ELSE 0 END), sum(CASE WHEN r.rating = 'httnv' THEN 1 ELSE 0 END),
			sum(CASE WHEN r.rating = 'htnv' THEN 1 ELSE 0 END), sum(CASE WHEN r.rating = 'khtnv' THEN 1 ELSE 0 END)
		FROM people p JOIN orgs o ON o.id = p.org_id
		LEFT JOIN ratings r ON r.subject_kind = 'ca_nhan' AND r.subject_id = p.id AND r.year = ?
		WHERE o.path LIKE ? GROUP BY p.org_id`, []any{year, path + "%"}, func(r *sql.Rows) error {
		var id int64
		var m MemberFigures
		if err := r.Scan(&id, &m.Total, &m.HTXSNV, &m.HTTNV, &m.HTNV, &m.KHTNV); err != nil {
			return err
		}
		*get(id) = m
		return nil
	}); err != nil {
		return nil, err
	}
	if err := t.Each(ctx, `SELECT p.org_id, sum(CASE WHEN h.award_code IN ('lao_dong_tien_tien', 'chien_si_tien_tien') THEN 1 ELSE 0 END),
			sum(CASE WHEN h.award_code = 'chien_si_thi_dua_co_so' THEN 1 ELSE 0 END)
		FROM honours h JOIN people p ON p.id = h.subject_id JOIN orgs o ON o.id = p.org_id
		WHERE h.subject_kind = 'ca_nhan' AND h.year = ? AND NOT h.revoked AND o.path LIKE ? GROUP BY p.org_id`, []any{year, path + "%"},
		func(r *sql.Rows) error {
			var id int64
			var ldtt, cs int
			if err := r.Scan(&id, &ldtt, &cs); err != nil {
				return err
			}
			m := get(id)
			m.LDTT, m.CSTDCS = ldtt, cs
			return nil
		}); err != nil {
		return nil, err
	}
	err := t.Each(ctx, `SELECT p.org_id, count(DISTINCT d.person_id) FROM discipline d JOIN people p ON p.id = d.person_id JOIN orgs o ON o.id = p.org_id
		WHERE d.form <> 'khien_trach' AND d.decided_on BETWEEN ? AND ? AND o.path LIKE ? GROUP BY p.org_id`,
		[]any{strconv.Itoa(year) + "-01-01", strconv.Itoa(year) + "-12-31", path + "%"}, func(r *sql.Rows) error {
			var id int64
			var n int
			if err := r.Scan(&id, &n); err != nil {
				return err
			}
			get(id).DisciplinedWarning = n
			return nil
		})
	return out, err
}
