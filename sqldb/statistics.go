package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// The reads behind the statutory statistics (biểu 0601.N–0605.N) and the records of
// the emulation-and-reward apparatus they count.

// recipientOf reads what an honour copies from its subject when it is written: the
// person's group and leadership flag, and the recipient class (tdkt.RecipientOf) from
// the level of the unit orgID.
func (t *Tx) recipientOf(ctx context.Context, s tdkt.Subject, orgID int64) (grp string, leader bool, recipient string, err error) {
	var level tdkt.Level
	var enterprise bool
	switch s.Kind {
	case tdkt.Individual:
		err = t.Get(ctx, "cá nhân", `SELECT p.grp, p.leader, o.level FROM people p, orgs o WHERE p.id = ? AND o.id = ?`,
			[]any{s.ID, orgID}, &grp, &leader, &level)
	case tdkt.Collective:
		err = t.Get(ctx, "tập thể", `SELECT enterprise FROM collectives WHERE id = ?`, []any{s.ID}, &enterprise)
	}
	return grp, leader, tdkt.RecipientOf(s.Kind, leader, level, enterprise), err
}

// HonourFact is a group of honours with the same unit and attributes.
type HonourFact struct {
	OrgID                           int64
	Award, Kind, Subject, Recipient string
	N                               int64
}

// HonourFacts counts the honours of an award level (tdkt.AwardLevelOf) decided
// between from and to (YYYY-MM-DD, both included) in the units under the path
// prefix scope, leaving out revoked ones. It reads the partial covering index
// honours_forms, which holds only the honours of those levels.
func (t *Tx) HonourFacts(ctx context.Context, scope, level, from, to string) ([]HonourFact, error) {
	args := []any{level, from, to}
	where := ""
	if scope != "/" {
		where = ` AND h.org_id IN (SELECT id FROM orgs WHERE path LIKE ?)`
		args = append(args, scope+"%")
	}
	var out []HonourFact
	err := t.Each(ctx, `SELECT h.org_id, h.award_code, h.kind, h.subject_kind, h.recipient, count(*) FROM honours h
		WHERE h.award_level = ? AND h.decided_on >= ? AND h.decided_on <= ? AND NOT h.revoked`+where+`
		GROUP BY h.org_id, h.award_code, h.kind, h.subject_kind, h.recipient`, args, func(r *sql.Rows) error {
		var f HonourFact
		err := r.Scan(&f.OrgID, &f.Award, &f.Kind, &f.Subject, &f.Recipient, &f.N)
		out = append(out, f)
		return err
	})
	return out, err
}

// MovementsLaunchedBetween lists the movements launched (not drafts) in a subtree
// with a launch date between from and to (YYYY-MM-DD, both included).
func (t *Tx) MovementsLaunchedBetween(ctx context.Context, scope, from, to string) ([]MovementRow, error) {
	var out []MovementRow
	err := t.Each(ctx, `SELECT `+movementCols+movementFrom+` WHERE o.path LIKE ? AND m.status <> 'draft' AND m.launched_on >= ? AND m.launched_on <= ?
		ORDER BY m.id`, []any{scope + "%", from, to}, func(r *sql.Rows) error {
		m, err := scanMovement(r)
		out = append(out, m)
		return err
	})
	return out, err
}

// ApparatusUnit is a unit doing emulation and reward work in an organisation (a Vụ
// of a ministry, a Ban or Phòng of a Sở Nội vụ), for biểu 0604.N.
type ApparatusUnit struct {
	ID            int64
	OrgID         int64
	Name          string
	Kind          tdkt.ApparatusKind
	EstablishedOn string // YYYY-MM-DD
	DissolvedOn   string // YYYY-MM-DD, empty while it exists
	Version       int
	OrgName       string
}

// InsertApparatusUnit stores a new unit.
func (t *Tx) InsertApparatusUnit(ctx context.Context, u *ApparatusUnit, now string) (err error) {
	u.ID, err = t.Insert(ctx, `INSERT INTO apparatus_units (org_id, name, kind, established_on, dissolved_on, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		u.OrgID, u.Name, u.Kind, u.EstablishedOn, u.DissolvedOn, now)
	u.Version = 1
	return err
}

// ApparatusUnits lists the units of the organisations under scope that exist on the
// date on, by organisation and name.
func (t *Tx) ApparatusUnits(ctx context.Context, scope, on string) ([]ApparatusUnit, error) {
	var out []ApparatusUnit
	err := t.Each(ctx, `SELECT u.id, u.org_id, u.name, u.kind, u.established_on, u.dissolved_on, u.version, o.name
		FROM apparatus_units u JOIN orgs o ON o.id = u.org_id
		WHERE o.path LIKE ? AND u.established_on <= ? AND (u.dissolved_on = '' OR u.dissolved_on > ?)
		ORDER BY o.path, u.name, u.id`, []any{scope + "%", on, on}, func(r *sql.Rows) error {
		var u ApparatusUnit
		err := r.Scan(&u.ID, &u.OrgID, &u.Name, &u.Kind, &u.EstablishedOn, &u.DissolvedOn, &u.Version, &u.OrgName)
		out = append(out, u)
		return err
	})
	return out, err
}

// ApparatusOfficer is a civil servant doing emulation and reward work, for biểu
// 0605.N: their training and the date they started in the field; sex and birth date
// are the person's.
type ApparatusOfficer struct {
	ID        int64
	PersonID  int64
	Training  tdkt.TrainingLevel
	StartedOn string // YYYY-MM-DD
	EndedOn   string // YYYY-MM-DD, empty while in the post
	Version   int
	// From the person's record.
	FullName, BirthDate, OrgName string
	Sex                          tdkt.Sex
	OrgID                        int64
}

// InsertApparatusOfficer stores a person's officer record; a person has one.
func (t *Tx) InsertApparatusOfficer(ctx context.Context, o *ApparatusOfficer, now string) (err error) {
	o.ID, err = t.Insert(ctx, `INSERT INTO apparatus_officers (person_id, training, started_on, ended_on, created_at) VALUES (?, ?, ?, ?, ?)`,
		o.PersonID, o.Training, o.StartedOn, o.EndedOn, now)
	o.Version = 1
	return err
}

// ApparatusOfficers lists the officers whose unit is under scope and who are in the
// post on the date on, by unit and name.
func (t *Tx) ApparatusOfficers(ctx context.Context, scope, on string) ([]ApparatusOfficer, error) {
	var out []ApparatusOfficer
	err := t.Each(ctx, `SELECT a.id, a.person_id, a.training, a.started_on, a.ended_on, a.version, p.full_name, p.birth_date, o.name, p.sex, p.org_id
		FROM apparatus_officers a JOIN people p ON p.id = a.person_id JOIN orgs o ON o.id = p.org_id
		WHERE o.path LIKE ? AND a.started_on <= ? AND (a.ended_on = '' OR a.ended_on > ?)
		ORDER BY o.path, p.sort_key, a.id`, []any{scope + "%", on, on}, func(r *sql.Rows) error {
		var x ApparatusOfficer
		err := r.Scan(&x.ID, &x.PersonID, &x.Training, &x.StartedOn, &x.EndedOn, &x.Version, &x.FullName, &x.BirthDate, &x.OrgName, &x.Sex, &x.OrgID)
		out = append(out, x)
		return err
	})
	return out, err
}
