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
	path, name := q.parts()
	if name == "" {
		return "o.path LIKE ?", []any{path}
	}
	return "o.path LIKE ? AND p.name_fold LIKE ?", []any{path, name}
}

// parts gives the path prefix pattern of the scope and the name pattern ("" for no
// name), for the queries that test them apart.
func (q PeopleQuery) parts() (path, name string) {
	path = q.Scope + "%"
	if q.Org != "" && strings.HasPrefix(q.Org, q.Scope) {
		path = q.Org + "%"
	}
	if f := likeText(vn.Fold(q.Q)); f != "" {
		name = "% " + f + "%"
	}
	return path, name
}

// SearchPeople returns one page of people in Vietnamese name order, and exactly how
// many match.
func (t *Tx) SearchPeople(ctx context.Context, q PeopleQuery) ([]tdkt.Person, int64, error) {
	items, total, _, err := t.SearchPeopleCapped(ctx, q, 0)
	return items, total, err
}

// SearchPeopleCapped returns one page of people in Vietnamese name order and how many
// match, counting at most countCap of them (0: no cap); capped tells that there are
// more than total. It is SearchMatches, then SearchPage.
func (t *Tx) SearchPeopleCapped(ctx context.Context, q PeopleQuery, countCap int) (out []tdkt.Person, total int64, capped bool, err error) {
	var ids []int64
	many := true
	if countCap > 0 {
		if ids, many, err = t.SearchMatches(ctx, q, countCap); err != nil {
			return nil, 0, false, err
		}
	}
	return t.SearchPage(ctx, q, ids, many, countCap)
}

// SearchPage reads one page of q from what SearchMatches found (counting at most
// countCap): a slice of every match in order (ids) when there were no more (many is
// false), else a walk in name order. total is exact when the matches were all found or
// the walk reached the last page; otherwise it is countCap with capped set, or a full
// count without a cap.
func (t *Tx) SearchPage(ctx context.Context, q PeopleQuery, ids []int64, many bool, countCap int) (out []tdkt.Person, total int64, capped bool, err error) {
	q = q.Paged()
	if !many {
		out, err = t.PeopleByIDs(ctx, q.slice(ids))
		return out, int64(len(ids)), false, err
	}
	if ids, err = t.SearchWalk(ctx, q); err != nil {
		return nil, 0, false, err
	}
	if out, err = t.PeopleByIDs(ctx, ids); err != nil {
		return nil, 0, false, err
	}
	if total, capped = q.walkTotal(len(out), countCap); total >= 0 {
		return out, total, capped, nil
	}
	where, args := q.where()
	total, err = t.Int(ctx, `SELECT count(*) FROM people p JOIN orgs o ON o.id = p.org_id WHERE `+where, args...)
	return out, total, false, err
}

// slice is the page of q out of every match in order.
func (q PeopleQuery) slice(ids []int64) []int64 {
	q = q.Paged()
	return ids[min(q.Offset, len(ids)):min(q.Offset+q.Limit, len(ids))]
}

// walkTotal tells the total of a walked page of n people when there were more than
// countCap matches: exact when the page is the last one, countCap and capped
// otherwise, or -1 when it has to be counted (no cap).
func (q PeopleQuery) walkTotal(n, countCap int) (total int64, capped bool) {
	q = q.Paged()
	switch {
	case n > 0 && n < q.Limit || q.Offset == 0 && n == 0:
		return int64(q.Offset + n), false // the last page: the exact count
	case countCap > 0:
		return int64(countCap), true
	}
	return -1, false
}

// Paged bounds the page: 50 people unless 1 to 500 are asked for.
func (q PeopleQuery) Paged() PeopleQuery {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	q.Offset = min(max(q.Offset, 0), MaxOffset)
	return q
}

// MaxOffset bounds how far into a list a page may start: beyond any list tdkt keeps,
// and far enough from the integer's limit that offset + limit cannot overflow.
const MaxOffset = 100_000_000

// PageOffset is the offset of a 1-based page of size rows, within MaxOffset.
func PageOffset(page, size int) int {
	if page < 1 || size < 1 {
		return 0
	}
	if page-1 > MaxOffset/size {
		return MaxOffset
	}
	return (page - 1) * size
}

// SearchMatches collects the first countCap+1 matches of q in one scan, in whatever
// order the scan meets them (with the folded name inside people_search, a scan of
// that index, never of the rows). capped tells that there are more than countCap;
// otherwise ids holds every match in Vietnamese name order, so that any page of them
// is a slice.
func (t *Tx) SearchMatches(ctx context.Context, q PeopleQuery, countCap int) (ids []int64, capped bool, err error) {
	type match struct {
		id  int64
		key string
	}
	var ms []match
	where, args := q.where()
	err = t.Each(ctx, `SELECT p.id, p.sort_key FROM people p JOIN orgs o ON o.id = p.org_id WHERE `+where+` LIMIT ?`,
		append(args, countCap+1), func(r *sql.Rows) error {
			var m match
			err := r.Scan(&m.id, &m.key)
			ms = append(ms, m)
			return err
		})
	if err != nil || len(ms) > countCap {
		return nil, len(ms) > countCap, err
	}
	slices.SortFunc(ms, func(a, b match) int { return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.id, b.id)) })
	ids = make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.id
	}
	return ids, false, nil
}

// SearchWalk returns the ids of one page of q's matches by walking people_search in
// name order and stopping after the page. It suits many matches (a common name: one
// person in forty of a national database reads about 2,000 index entries for a page
// of 50); for a handful it would read the whole index, which is why SearchMatches
// comes first. The unit's path is read by a subquery on each name that matches, which
// keeps SQLite to the name order (a join would drive the query by unit) and costs a
// quarter of testing the unit against the list of the scope's units.
func (t *Tx) SearchWalk(ctx context.Context, q PeopleQuery) ([]int64, error) {
	q = q.Paged()
	path, name := q.parts()
	walk, args := `SELECT p.id FROM people p WHERE `, []any{}
	if name != "" {
		walk, args = walk+`p.name_fold LIKE ? AND `, append(args, name)
	}
	walk, args = walk+`(SELECT o.path FROM orgs o WHERE o.id = p.org_id) LIKE ?`, append(args, path)
	var ids []int64
	err := t.Each(ctx, walk+` ORDER BY p.sort_key, p.id LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset), func(r *sql.Rows) error {
		var id int64
		ids = append(ids, id)
		return r.Scan(&ids[len(ids)-1])
	})
	return ids, err
}

// PeopleByIDs reads the given people in the order of ids.
func (t *Tx) PeopleByIDs(ctx context.Context, ids []int64) ([]tdkt.Person, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args, marks := make([]any, len(ids)), strings.Repeat(",?", len(ids))[1:]
	for i, id := range ids {
		args[i] = id
	}
	byID := make(map[int64]tdkt.Person, len(ids))
	err := t.Each(ctx, `SELECT `+personCols+` FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id IN (`+marks+`)`, args,
		func(r *sql.Rows) error {
			p, _, err := scanPerson(r)
			byID[p.ID] = p
			return err
		})
	out := make([]tdkt.Person, 0, len(ids))
	for _, id := range ids {
		if p, ok := byID[id]; ok {
			out = append(out, p)
		}
	}
	return out, err
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
