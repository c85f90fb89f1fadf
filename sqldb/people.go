package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"

	"tdkt"
	"tdkt/vn"
)

const personCols = `p.id, p.org_id, p.full_name, p.sex, p.birth_date, p.ethnicity, COALESCE(p.cccd, ''), p.grp,
	p.leader, p.position, p.hired_on, p.under_review, p.version, o.name, o.path`

func scanPerson(s interface{ Scan(...any) error }) (tdkt.Person, string, error) {
	var p tdkt.Person
	var path string
	err := s.Scan(&p.ID, &p.OrgID, &p.FullName, &p.Sex, &p.BirthDate, &p.Ethnicity, &p.CCCD, &p.Group,
		&p.Leader, &p.Position, &p.HiredOn, &p.UnderReview, &p.Version, &p.OrgName, &path)
	return p, path, err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// InsertPerson stores a new person.
func (t *Tx) InsertPerson(ctx context.Context, p *tdkt.Person, now string) error {
	id, err := t.Insert(ctx, `INSERT INTO people (org_id, full_name, name_fold, sort_key, sex, birth_date, ethnicity, cccd, grp,
		leader, position, hired_on, under_review, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.OrgID, p.FullName, vn.SearchKey(p.FullName), vn.SortKey(p.FullName), p.Sex, p.BirthDate, p.Ethnicity, nullable(p.CCCD),
		p.Group, p.Leader, p.Position, p.HiredOn, p.UnderReview, now, now)
	p.ID, p.Version = id, 1
	return err
}

// UpdatePerson saves p if nobody changed it since version p.Version was read;
// otherwise it is a Conflict and nothing changes.
func (t *Tx) UpdatePerson(ctx context.Context, p *tdkt.Person, now string) error {
	n, err := t.Exec(ctx, `UPDATE people SET org_id = ?, full_name = ?, name_fold = ?, sort_key = ?, sex = ?, birth_date = ?, ethnicity = ?,
		cccd = ?, grp = ?, leader = ?, position = ?, hired_on = ?, under_review = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
		p.OrgID, p.FullName, vn.SearchKey(p.FullName), vn.SortKey(p.FullName), p.Sex, p.BirthDate, p.Ethnicity, nullable(p.CCCD),
		p.Group, p.Leader, p.Position, p.HiredOn, p.UnderReview, now, p.ID, p.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return tdkt.Conflict()
	}
	p.Version++
	return nil
}

// DeletePerson removes a person and every record that hangs on them.
func (t *Tx) DeletePerson(ctx context.Context, id int64, version int) error {
	for _, q := range []string{
		`DELETE FROM ratings WHERE subject_kind = 'ca_nhan' AND subject_id = ?`,
		`DELETE FROM initiatives WHERE subject_kind = 'ca_nhan' AND subject_id = ?`,
		`DELETE FROM honours WHERE subject_kind = 'ca_nhan' AND subject_id = ?`,
		`DELETE FROM memberships WHERE person_id = ?`,
		`DELETE FROM discipline WHERE person_id = ?`,
	} {
		if _, err := t.Exec(ctx, q, id); err != nil {
			return err
		}
	}
	n, err := t.Exec(ctx, `DELETE FROM people WHERE id = ? AND version = ?`, id, version)
	if err == nil && n == 0 {
		err = tdkt.Conflict()
	}
	return err
}

// PersonByID loads a person with the path of their unit, for the scope check.
func (t *Tx) PersonByID(ctx context.Context, id int64) (tdkt.Person, string, error) {
	var p tdkt.Person
	var path string
	err := t.Each(ctx, `SELECT `+personCols+` FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?`, []any{id},
		func(r *sql.Rows) (err error) {
			p, path, err = scanPerson(r)
			return err
		})
	if err == nil && p.ID == 0 {
		err = tdkt.NotFound("người này")
	}
	return p, path, err
}

// PeopleQuery selects people: inside the subtree Scope, optionally inside Org's
// subtree, optionally matching Q (folded words at word starts).
type PeopleQuery struct {
	Scope  string // path prefix the actor may see
	Org    string // narrower path prefix, or ""
	Q      string // search text
	Limit  int
	Offset int
}

// likeText keeps a search term from acting as a LIKE pattern.
func likeText(s string) string {
	return strings.NewReplacer("%", "", "_", "", "\\", "").Replace(s)
}

func (q PeopleQuery) where() (string, []any) {
	w := []string{"o.path LIKE ?"}
	args := []any{q.Scope + "%"}
	if q.Org != "" && strings.HasPrefix(q.Org, q.Scope) {
		w[0], args[0] = "o.path LIKE ?", q.Org+"%"
	}
	if f := likeText(vn.Fold(q.Q)); f != "" {
		w = append(w, "p.name_fold LIKE ?")
		args = append(args, "% "+f+"%")
	}
	return strings.Join(w, " AND "), args
}

// SearchPeople returns one page of people in Vietnamese name order, and exactly how
// many match.
func (t *Tx) SearchPeople(ctx context.Context, q PeopleQuery) ([]tdkt.Person, int64, error) {
	items, total, _, err := t.SearchPeopleCapped(ctx, q, 0)
	return items, total, err
}

// SearchPeopleCapped returns one page of people in Vietnamese name order and how many
// match, counting at most countCap of them (0: no cap); capped tells that there are
// more than total. With a cap, one scan collects the sort keys of the first
// countCap+1 matches. When there are more (a common name: "nguyen van" is one in forty
// of a national database), the page walks the people_sort index and stops after Limit
// matches. When there are not, walking the index would read most of it for a handful
// of matches (4 s on 1,000,000 people), so the matches already in hand are sorted
// here and only the page's people are read.
func (t *Tx) SearchPeopleCapped(ctx context.Context, q PeopleQuery, countCap int) (out []tdkt.Person, total int64, capped bool, err error) {
	where, args := q.where()
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	q.Offset = max(q.Offset, 0)
	if countCap > 0 {
		type match struct {
			id  int64
			key string
		}
		var ms []match
		err = t.Each(ctx, `SELECT p.id, p.sort_key FROM people p JOIN orgs o ON o.id = p.org_id WHERE `+where+` LIMIT ?`,
			append(args[:len(args):len(args)], countCap+1), func(r *sql.Rows) error {
				var m match
				err := r.Scan(&m.id, &m.key)
				ms = append(ms, m)
				return err
			})
		if err != nil {
			return nil, 0, false, err
		}
		if len(ms) <= countCap {
			slices.SortFunc(ms, func(a, b match) int { return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.id, b.id)) })
			page := ms[min(q.Offset, len(ms)):min(q.Offset+q.Limit, len(ms))]
			if len(page) == 0 {
				return nil, int64(len(ms)), false, nil
			}
			ids, marks := make([]any, len(page)), strings.Repeat(",?", len(page))[1:]
			for i, m := range page {
				ids[i] = m.id
			}
			byID := map[int64]tdkt.Person{}
			err = t.Each(ctx, `SELECT `+personCols+` FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id IN (`+marks+`)`, ids,
				func(r *sql.Rows) error {
					p, _, err := scanPerson(r)
					byID[p.ID] = p
					return err
				})
			for _, m := range page {
				if p, ok := byID[m.id]; ok {
					out = append(out, p)
				}
			}
			return out, int64(len(ms)), false, err
		}
		total, capped = int64(countCap), true
	}
	err = t.Each(ctx, `SELECT `+personCols+` FROM people p JOIN orgs o ON o.id = p.org_id WHERE `+where+
		` ORDER BY p.sort_key, p.id LIMIT ? OFFSET ?`, append(args[:len(args):len(args)], q.Limit, q.Offset), func(r *sql.Rows) error {
		p, _, err := scanPerson(r)
		out = append(out, p)
		return err
	})
	if err != nil {
		return nil, 0, false, err
	}
	if len(out) > 0 && len(out) < q.Limit || q.Offset == 0 && len(out) == 0 {
		return out, int64(q.Offset + len(out)), false, nil // the last page: the exact count
	}
	if countCap > 0 {
		return out, total, capped, nil
	}
	total, err = t.Int(ctx, `SELECT count(*) FROM people p JOIN orgs o ON o.id = p.org_id WHERE `+where, args...)
	return out, total, false, err
}

// Memberships lists a person's periods in units, oldest first.
func (t *Tx) Memberships(ctx context.Context, personID int64) ([]tdkt.Membership, error) {
	var out []tdkt.Membership
	err := t.Each(ctx, `SELECT m.id, m.person_id, m.org_id, o.name, m.position, m.leader, m.from_date, m.to_date
		FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = ? ORDER BY m.from_date, m.id`, []any{personID},
		func(r *sql.Rows) error {
			var m tdkt.Membership
			err := r.Scan(&m.ID, &m.PersonID, &m.OrgID, &m.OrgName, &m.Position, &m.Leader, &m.From, &m.To)
			out = append(out, m)
			return err
		})
	return out, err
}

// InsertMembership stores a period in a unit.
func (t *Tx) InsertMembership(ctx context.Context, m *tdkt.Membership) error {
	id, err := t.Insert(ctx, `INSERT INTO memberships (person_id, org_id, position, leader, from_date, to_date) VALUES (?, ?, ?, ?, ?, ?)`,
		m.PersonID, m.OrgID, m.Position, m.Leader, m.From, m.To)
	m.ID = id
	return err
}

// EndMemberships closes a person's open periods on the given date (the day before
// they start in a new unit).
func (t *Tx) EndMemberships(ctx context.Context, personID int64, on string) error {
	_, err := t.Exec(ctx, `UPDATE memberships SET to_date = ? WHERE person_id = ? AND to_date = ''`, on, personID)
	return err
}
