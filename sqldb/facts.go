package sqldb

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

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
	Code        string
	Year        int // the assessment year, or the last year of the achievement period
	Kind        tdkt.RewardKind
	DecidedYear int // the year of the decision
}

// FactInitiative is an initiative with its recognition year and scope.
type FactInitiative struct {
	ID    int64
	Year  int
	Scope tdkt.Scope
	// Title and DecisionNo name it in reasons as a clerk knows it.
	Title, DecisionNo string
}

// FactDiscipline is a disciplinary penalty.
type FactDiscipline struct {
	Form              tdkt.DisciplineForm
	DecidedOn, EndsOn string
}

// FactsQuery selects a batch of subjects of one kind for the rules engine: those
// of the subtree Path whose id is in (After, Upto], at most Limit of them (0: no
// limit), with their records. Codes, when set, keeps only the honours with those
// codes (the ones the engine reads).
type FactsQuery struct {
	Path        string
	After, Upto int64
	Limit       int
	Codes       []string
	// TitlesOfYear, when not zero, adds the Lao động tiên tiến and Chiến sĩ tiên tiến
	// titles of that year, which collectives' member figures count.
	TitlesOfYear int
}

func (q FactsQuery) bounds() (string, []any) {
	where, args := "p.id > ? AND o.path LIKE ?", []any{q.After, q.Path + "%"}
	if q.Upto > 0 {
		where += " AND p.id <= ?"
		args = append(args, q.Upto)
	}
	if q.Limit > 0 {
		args = append(args, q.Limit)
		return where + " ORDER BY p.id LIMIT ?", args
	}
	return where + " ORDER BY p.id", args
}

// PeopleFacts reads a batch of people with all their records. Records are fetched by
// id range with the subject indexes, so a batch costs five range scans whatever its
// size.
func (t *Tx) PeopleFacts(ctx context.Context, q FactsQuery) ([]Facts, error) {
	var batch []Facts
	where, args := q.bounds()
	err := t.Each(ctx, `SELECT p.id, p.full_name, p.org_id, p.sex, p.grp, p.hired_on, p.under_review
		FROM people p JOIN orgs o ON o.id = p.org_id WHERE `+where, args, func(r *sql.Rows) error {
		f := Facts{Kind: tdkt.Individual}
		err := r.Scan(&f.ID, &f.Name, &f.OrgID, &f.Sex, &f.Group, &f.HiredOn, &f.UnderReview)
		batch = append(batch, f)
		return err
	})
	if err != nil || len(batch) == 0 {
		return batch, err
	}
	return batch, t.fillFacts(ctx, batch, q)
}

// CollectiveFacts reads a batch of collectives with their records.
func (t *Tx) CollectiveFacts(ctx context.Context, q FactsQuery) ([]Facts, error) {
	var batch []Facts
	where, args := q.bounds()
	err := t.Each(ctx, `SELECT p.id, p.name, p.org_id, COALESCE(p.unit_org_id, 0)
		FROM collectives p JOIN orgs o ON o.id = p.org_id WHERE `+where, args, func(r *sql.Rows) error {
		f := Facts{Kind: tdkt.Collective}
		err := r.Scan(&f.ID, &f.Name, &f.OrgID, &f.UnitOrgID)
		batch = append(batch, f)
		return err
	})
	if err != nil || len(batch) == 0 {
		return batch, err
	}
	return batch, t.fillFacts(ctx, batch, q)
}

// MaxID returns the largest id of people ("people") or collectives ("collectives").
func (t *Tx) MaxID(ctx context.Context, table string) (int64, error) {
	switch table {
	case "people", "collectives":
	default:
		panic("MaxID: unknown table " + table)
	}
	return t.Int(ctx, `SELECT max(id) FROM `+table)
}

// intern returns one shared string per code, so that a million rows of the same
// few codes allocate nothing.
func intern(m map[string]string, b []byte) string {
	if s, ok := m[string(b)]; ok {
		return s
	}
	s := string(b)
	m[s] = s
	return s
}

// fillFacts attaches the records of a batch sorted by id.
func (t *Tx) fillFacts(ctx context.Context, batch []Facts, q FactsQuery) error {
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
	names := map[string]string{}
	var raw, raw2 sql.RawBytes
	if err := t.Each(ctx, `SELECT subject_id, year, rating FROM ratings WHERE subject_kind = ? AND subject_id BETWEEN ? AND ?`, args,
		func(r *sql.Rows) error {
			var id int64
			var x FactRating
			if err := r.Scan(&id, &x.Year, &raw); err != nil {
				return err
			}
			x.Rating = tdkt.Rating(intern(names, raw))
			if f := at(id); f != nil {
				f.Ratings = append(f.Ratings, x)
			}
			return nil
		}); err != nil {
		return err
	}
	only := ""
	hargs := args
	if len(q.Codes) > 0 {
		only = " AND (award_code IN (?" + strings.Repeat(", ?", len(q.Codes)-1) + ")"
		for _, c := range q.Codes {
			hargs = append(hargs, c)
		}
		if q.TitlesOfYear != 0 {
			only += " OR (award_code IN ('lao_dong_tien_tien', 'chien_si_tien_tien') AND year = ?)"
			hargs = append(hargs, q.TitlesOfYear)
		}
		only += ")"
	}
	if err := t.Each(ctx, `SELECT subject_id, award_code, year, kind, CAST(substr(decided_on, 1, 4) AS INTEGER) FROM honours
		WHERE subject_kind = ? AND subject_id BETWEEN ? AND ? AND NOT revoked`+only, hargs, func(r *sql.Rows) error {
		var id int64
		var x FactHonour
		if err := r.Scan(&id, &raw, &x.Year, &raw2, &x.DecidedYear); err != nil {
			return err
		}
		x.Code, x.Kind = intern(names, raw), tdkt.RewardKind(intern(names, raw2))
		if f := at(id); f != nil {
			f.Honours = append(f.Honours, x)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := t.Each(ctx, `SELECT subject_id, id, year, scope, title, decision_no FROM initiatives WHERE subject_kind = ? AND subject_id BETWEEN ? AND ?`, args,
		func(r *sql.Rows) error {
			var id int64
			var x FactInitiative
			if err := r.Scan(&id, &x.ID, &x.Year, &raw, &x.Title, &x.DecisionNo); err != nil {
				return err
			}
			x.Scope = tdkt.Scope(intern(names, raw))
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

// Count adds a person, belonging to the unit now, to the unit's figures for year:
// their rating, whether they hold Lao động tiên tiến (or Chiến sĩ tiên tiến) and
// Chiến sĩ thi đua cơ sở for the year, and whether a penalty of cảnh cáo or above was
// decided that year. The facts must carry the titles of the year (TitlesOfYear).
func (m *MemberFigures) Count(f *Facts, year int) {
	m.Total++
	for _, r := range f.Ratings {
		if r.Year != year {
			continue
		}
		switch r.Rating {
		case tdkt.RatingExcellent:
			m.HTXSNV++
		case tdkt.RatingGood:
			m.HTTNV++
		case tdkt.RatingDone:
			m.HTNV++
		case tdkt.RatingNotDone:
			m.KHTNV++
		}
	}
	var ldtt, cs bool
	for _, h := range f.Honours {
		if h.Year == year {
			ldtt = ldtt || h.Code == "lao_dong_tien_tien" || h.Code == "chien_si_tien_tien"
			cs = cs || h.Code == "chien_si_thi_dua_co_so"
		}
	}
	if ldtt {
		m.LDTT++
	}
	if cs {
		m.CSTDCS++
	}
	y := strconv.Itoa(year)
	for _, d := range f.Discipline {
		if d.Form.Rank() >= tdkt.Warning.Rank() && strings.HasPrefix(d.DecidedOn, y) {
			m.DisciplinedWarning++
			break
		}
	}
}
