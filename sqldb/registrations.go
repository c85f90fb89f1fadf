package sqldb

import (
	"context"
	"database/sql"
	"strconv"

	"tdkt"
)

// RegistrationRow is a registration with the path of its unit.
type RegistrationRow struct {
	tdkt.Registration
	OrgPath string
}

const registrationCols = `r.id, r.org_id, r.year, r.target, r.status, r.note, r.version, o.name, o.path`

func scanRegistration(r interface{ Scan(...any) error }) (x RegistrationRow, err error) {
	err = r.Scan(&x.ID, &x.OrgID, &x.Year, &x.Target, &x.Status, &x.Note, &x.Version, &x.OrgName, &x.OrgPath)
	return
}

// RegistrationOf loads a unit's registration for a year with its people.
func (t *Tx) RegistrationOf(ctx context.Context, orgID int64, year int) (x RegistrationRow, err error) {
	found := false
	err = t.Each(ctx, `SELECT `+registrationCols+` FROM registrations r JOIN orgs o ON o.id = r.org_id WHERE r.org_id = ? AND r.year = ?`,
		[]any{orgID, year}, func(r *sql.Rows) (err error) {
			x, err = scanRegistration(r)
			found = true
			return err
		})
	if err == nil && !found {
		err = tdkt.NotFound("bản đăng ký thi đua")
	}
	if err == nil {
		x.People, err = t.registeredPeople(ctx, x.ID)
	}
	return
}

// RegistrationByID loads a registration with its people.
func (t *Tx) RegistrationByID(ctx context.Context, id int64) (x RegistrationRow, err error) {
	err = t.Get(ctx, "bản đăng ký thi đua", `SELECT `+registrationCols+` FROM registrations r JOIN orgs o ON o.id = r.org_id WHERE r.id = ?`,
		[]any{id}, &x.ID, &x.OrgID, &x.Year, &x.Target, &x.Status, &x.Note, &x.Version, &x.OrgName, &x.OrgPath)
	if err == nil {
		x.People, err = t.registeredPeople(ctx, x.ID)
	}
	return
}

// RegistrationsUnder lists the registrations of a year in a subtree, with their people,
// in the order of the organisation tree.
func (t *Tx) RegistrationsUnder(ctx context.Context, scope string, year int) ([]RegistrationRow, error) {
	var out []RegistrationRow
	err := t.Each(ctx, `SELECT `+registrationCols+` FROM registrations r JOIN orgs o ON o.id = r.org_id WHERE o.path LIKE ? AND r.year = ?
		ORDER BY o.path`, []any{scope + "%", year}, func(r *sql.Rows) error {
		x, err := scanRegistration(r)
		out = append(out, x)
		return err
	})
	for i := range out {
		if err == nil {
			out[i].People, err = t.registeredPeople(ctx, out[i].ID)
		}
	}
	return out, err
}

func (t *Tx) registeredPeople(ctx context.Context, id int64) ([]tdkt.RegisteredPerson, error) {
	var out []tdkt.RegisteredPerson
	err := t.Each(ctx, `SELECT x.person_id, x.award_code, p.full_name FROM registration_people x JOIN people p ON p.id = x.person_id
		WHERE x.registration_id = ? ORDER BY p.sort_key, p.id`, []any{id}, func(r *sql.Rows) error {
		var p tdkt.RegisteredPerson
		err := r.Scan(&p.PersonID, &p.Award, &p.Name)
		out = append(out, p)
		return err
	})
	return out, err
}

// InsertRegistration stores a new registration with its people.
func (t *Tx) InsertRegistration(ctx context.Context, x *tdkt.Registration, now string) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO registrations (org_id, year, target, status, note, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		x.OrgID, x.Year, x.Target, x.Status, x.Note, now)
	if err != nil {
		return err
	}
	x.Version = 1
	return t.setRegisteredPeople(ctx, x)
}

// UpdateRegistration changes a registration read at x.Version, replacing its people.
func (t *Tx) UpdateRegistration(ctx context.Context, x *tdkt.Registration) error {
	if err := changed(t.Exec(ctx, `UPDATE registrations SET target = ?, status = ?, note = ?, version = version + 1 WHERE id = ? AND version = ?`,
		x.Target, x.Status, x.Note, x.ID, x.Version)); err != nil {
		return err
	}
	x.Version++
	if _, err := t.Exec(ctx, `DELETE FROM registration_people WHERE registration_id = ?`, x.ID); err != nil {
		return err
	}
	return t.setRegisteredPeople(ctx, x)
}

func (t *Tx) setRegisteredPeople(ctx context.Context, x *tdkt.Registration) error {
	for _, p := range x.People {
		if _, err := t.Exec(ctx, `INSERT INTO registration_people (registration_id, person_id, award_code) VALUES (?, ?, ?)`,
			x.ID, p.PersonID, p.Award); err != nil {
			return err
		}
	}
	return nil
}

// Achieved is an honour of a year as the registration report reads it.
type Achieved struct {
	Kind      tdkt.SubjectKind
	SubjectID int64
	UnitOrgID int64 // for a collective that is an organisation
	Award     string
}

// HonoursOfYear lists the honours (not revoked) of a year received by people and
// collectives of a subtree.
func (t *Tx) HonoursOfYear(ctx context.Context, scope string, year int) ([]Achieved, error) {
	var out []Achieved
	err := t.Each(ctx, `SELECT h.subject_kind, h.subject_id, COALESCE(c.unit_org_id, 0), h.award_code FROM honours h JOIN orgs o ON o.id = h.org_id
		LEFT JOIN collectives c ON h.subject_kind = 'tap_the' AND c.id = h.subject_id
		WHERE o.path LIKE ? AND h.year = ? AND h.revoked = ?`, []any{scope + "%", year, false}, func(r *sql.Rows) error {
		var a Achieved
		err := r.Scan(&a.Kind, &a.SubjectID, &a.UnitOrgID, &a.Award)
		out = append(out, a)
		return err
	})
	return out, err
}

// RegisteredFor maps "kind:id" of the subjects of a subtree to the award codes they
// registered for in a year: each person's intended title, and each unit's collective
// target under its collectives that are that unit.
func (t *Tx) RegisteredFor(ctx context.Context, scope string, year int) (map[string][]string, error) {
	out := map[string][]string{}
	err := t.Each(ctx, `SELECT rp.person_id, rp.award_code FROM registration_people rp JOIN registrations r ON r.id = rp.registration_id
		JOIN orgs o ON o.id = r.org_id WHERE r.year = ? AND o.path LIKE ?`, []any{year, scope + "%"}, func(r *sql.Rows) error {
		var id int64
		var award string
		if err := r.Scan(&id, &award); err != nil {
			return err
		}
		k := "ca_nhan:" + strconv.FormatInt(id, 10)
		out[k] = append(out[k], award)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = t.Each(ctx, `SELECT c.id, r.target FROM registrations r JOIN orgs o ON o.id = r.org_id JOIN collectives c ON c.unit_org_id = r.org_id
		WHERE r.year = ? AND r.target <> '' AND o.path LIKE ?`, []any{year, scope + "%"}, func(r *sql.Rows) error {
		var id int64
		var award string
		if err := r.Scan(&id, &award); err != nil {
			return err
		}
		k := "tap_the:" + strconv.FormatInt(id, 10)
		out[k] = append(out[k], award)
		return nil
	})
	return out, err
}
