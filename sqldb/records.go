package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// The per-year records of a subject. Each change checks the version it was read at,
// so that two clerks editing one record cannot silently overwrite each other.

func changed(n int64, err error) error {
	if err == nil && n == 0 {
		return tdkt.Conflict()
	}
	return err
}

// Ratings lists a subject's yearly ratings, latest year first.
func (t *Tx) Ratings(ctx context.Context, s tdkt.Subject) ([]tdkt.YearRating, error) {
	var out []tdkt.YearRating
	err := t.Each(ctx, `SELECT id, year, rating, note, version FROM ratings WHERE subject_kind = ? AND subject_id = ? ORDER BY year DESC`,
		[]any{s.Kind, s.ID}, func(r *sql.Rows) error {
			x := tdkt.YearRating{Subject: s}
			err := r.Scan(&x.ID, &x.Year, &x.Rating, &x.Note, &x.Version)
			out = append(out, x)
			return err
		})
	return out, err
}

// RatingByID loads one rating.
func (t *Tx) RatingByID(ctx context.Context, id int64) (tdkt.YearRating, error) {
	var x tdkt.YearRating
	err := t.Get(ctx, "xếp loại", `SELECT id, subject_kind, subject_id, year, rating, note, version FROM ratings WHERE id = ?`, []any{id},
		&x.ID, &x.Subject.Kind, &x.Subject.ID, &x.Year, &x.Rating, &x.Note, &x.Version)
	return x, err
}

// InsertRating stores a new yearly rating; a second rating for the same year is refused.
func (t *Tx) InsertRating(ctx context.Context, x *tdkt.YearRating) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO ratings (subject_kind, subject_id, year, rating, note) VALUES (?, ?, ?, ?, ?)`,
		x.Subject.Kind, x.Subject.ID, x.Year, x.Rating, x.Note)
	x.Version = 1
	return err
}

// UpdateRating changes a rating read at x.Version.
func (t *Tx) UpdateRating(ctx context.Context, x *tdkt.YearRating) error {
	err := changed(t.Exec(ctx, `UPDATE ratings SET year = ?, rating = ?, note = ?, version = version + 1 WHERE id = ? AND version = ?`,
		x.Year, x.Rating, x.Note, x.ID, x.Version))
	if err == nil {
		x.Version++
	}
	return err
}

// DeleteRow removes a row of one of the per-year record tables read at version.
func (t *Tx) DeleteRow(ctx context.Context, table string, id int64, version int) error {
	switch table {
	case "ratings", "initiatives", "discipline", "honours":
	default:
		panic("DeleteRow: unknown table " + table)
	}
	guard := ""
	if table == "honours" {
		guard = " AND decision_id IS NULL" // a decided honour stays: it is revoked, not deleted
	}
	return changed(t.Exec(ctx, `DELETE FROM `+table+` WHERE id = ? AND version = ?`+guard, id, version))
}

// Initiatives lists a subject's initiatives and scientific works, latest first.
func (t *Tx) Initiatives(ctx context.Context, s tdkt.Subject) ([]tdkt.Initiative, error) {
	var out []tdkt.Initiative
	err := t.Each(ctx, `SELECT id, year, title, scope, decision_no, decision_on, recognised_by, version FROM initiatives
		WHERE subject_kind = ? AND subject_id = ? ORDER BY year DESC, id`, []any{s.Kind, s.ID}, func(r *sql.Rows) error {
		x := tdkt.Initiative{Subject: s}
		err := r.Scan(&x.ID, &x.Year, &x.Title, &x.Scope, &x.DecisionNo, &x.DecisionOn, &x.RecognisedBy, &x.Version)
		out = append(out, x)
		return err
	})
	return out, err
}

// InitiativeByID loads one initiative.
func (t *Tx) InitiativeByID(ctx context.Context, id int64) (tdkt.Initiative, error) {
	var x tdkt.Initiative
	err := t.Get(ctx, "sáng kiến", `SELECT id, subject_kind, subject_id, year, title, scope, decision_no, decision_on, recognised_by, version
		FROM initiatives WHERE id = ?`, []any{id},
		&x.ID, &x.Subject.Kind, &x.Subject.ID, &x.Year, &x.Title, &x.Scope, &x.DecisionNo, &x.DecisionOn, &x.RecognisedBy, &x.Version)
	return x, err
}

// InsertInitiative stores a new initiative.
func (t *Tx) InsertInitiative(ctx context.Context, x *tdkt.Initiative) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO initiatives (subject_kind, subject_id, year, title, scope, decision_no, decision_on, recognised_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, x.Subject.Kind, x.Subject.ID, x.Year, x.Title, x.Scope, x.DecisionNo, x.DecisionOn, x.RecognisedBy)
	x.Version = 1
	return err
}

// UpdateInitiative changes an initiative read at x.Version.
func (t *Tx) UpdateInitiative(ctx context.Context, x *tdkt.Initiative) error {
	err := changed(t.Exec(ctx, `UPDATE initiatives SET year = ?, title = ?, scope = ?, decision_no = ?, decision_on = ?, recognised_by = ?,
		version = version + 1 WHERE id = ? AND version = ?`, x.Year, x.Title, x.Scope, x.DecisionNo, x.DecisionOn, x.RecognisedBy, x.ID, x.Version))
	if err == nil {
		x.Version++
	}
	return err
}

// DisciplineOf lists a person's disciplinary penalties, latest first.
func (t *Tx) DisciplineOf(ctx context.Context, personID int64) ([]tdkt.Discipline, error) {
	var out []tdkt.Discipline
	err := t.Each(ctx, `SELECT id, person_id, form, decided_on, ends_on, decision_no, reason, version FROM discipline
		WHERE person_id = ? ORDER BY decided_on DESC, id`, []any{personID}, func(r *sql.Rows) error {
		var x tdkt.Discipline
		err := r.Scan(&x.ID, &x.PersonID, &x.Form, &x.DecidedOn, &x.EndsOn, &x.DecisionNo, &x.Reason, &x.Version)
		out = append(out, x)
		return err
	})
	return out, err
}

// DisciplineByID loads one discipline record.
func (t *Tx) DisciplineByID(ctx context.Context, id int64) (tdkt.Discipline, error) {
	var x tdkt.Discipline
	err := t.Get(ctx, "quyết định kỷ luật", `SELECT id, person_id, form, decided_on, ends_on, decision_no, reason, version
		FROM discipline WHERE id = ?`, []any{id}, &x.ID, &x.PersonID, &x.Form, &x.DecidedOn, &x.EndsOn, &x.DecisionNo, &x.Reason, &x.Version)
	return x, err
}

// InsertDiscipline stores a new discipline record.
func (t *Tx) InsertDiscipline(ctx context.Context, x *tdkt.Discipline) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO discipline (person_id, form, decided_on, ends_on, decision_no, reason) VALUES (?, ?, ?, ?, ?, ?)`,
		x.PersonID, x.Form, x.DecidedOn, x.EndsOn, x.DecisionNo, x.Reason)
	x.Version = 1
	return err
}

// UpdateDiscipline changes a discipline record read at x.Version.
func (t *Tx) UpdateDiscipline(ctx context.Context, x *tdkt.Discipline) error {
	err := changed(t.Exec(ctx, `UPDATE discipline SET form = ?, decided_on = ?, ends_on = ?, decision_no = ?, reason = ?, version = version + 1
		WHERE id = ? AND version = ?`, x.Form, x.DecidedOn, x.EndsOn, x.DecisionNo, x.Reason, x.ID, x.Version))
	if err == nil {
		x.Version++
	}
	return err
}

const honourCols = `h.id, h.subject_kind, h.subject_id, h.award_code, h.year, h.period_from, h.kind, h.decision_no, h.decided_on,
	h.signer, h.issuer, h.amount_vnd, h.revoked, COALESCE(h.decision_id, 0), h.version`

func scanHonour(r interface{ Scan(...any) error }, extra ...any) (tdkt.Honour, error) {
	var x tdkt.Honour
	dest := []any{&x.ID, &x.Subject.Kind, &x.Subject.ID, &x.AwardCode, &x.Year, &x.PeriodFrom, &x.Kind, &x.Decision.Number,
		&x.Decision.Date, &x.Decision.Signer, &x.Decision.Issuer, &x.AmountVND, &x.Revoked, &x.DecisionID, &x.Version}
	err := r.Scan(append(dest, extra...)...)
	return x, err
}

// Honours lists the titles and forms a subject received, latest first.
func (t *Tx) Honours(ctx context.Context, s tdkt.Subject) ([]tdkt.Honour, error) {
	var out []tdkt.Honour
	err := t.Each(ctx, `SELECT `+honourCols+` FROM honours h WHERE h.subject_kind = ? AND h.subject_id = ? ORDER BY h.year DESC, h.decided_on DESC, h.id`,
		[]any{s.Kind, s.ID}, func(r *sql.Rows) error {
			x, err := scanHonour(r)
			out = append(out, x)
			return err
		})
	return out, err
}

// HonourByID loads one conferred title or form.
func (t *Tx) HonourByID(ctx context.Context, id int64) (tdkt.Honour, error) {
	var x tdkt.Honour
	err := t.Each(ctx, `SELECT `+honourCols+` FROM honours h WHERE h.id = ?`, []any{id}, func(r *sql.Rows) (err error) {
		x, err = scanHonour(r)
		return err
	})
	if err == nil && x.ID == 0 {
		err = tdkt.NotFound("danh hiệu, hình thức khen thưởng")
	}
	return x, err
}

// InsertHonour stores a conferred title or form; orgID is the subject's unit now. It
// copies the subject's group, leadership flag and recipient class onto the honour, as
// they are now, for the statistics.
func (t *Tx) InsertHonour(ctx context.Context, x *tdkt.Honour, orgID int64) (err error) {
	a, _ := tdkt.AwardByCode(x.AwardCode)
	grp, leader, recipient, err := t.recipientOf(ctx, x.Subject, orgID)
	if err != nil {
		return err
	}
	x.ID, err = t.Insert(ctx, `INSERT INTO honours (subject_kind, subject_id, org_id, award_code, category, year, period_from, kind,
		decision_no, decided_on, signer, issuer, amount_vnd, revoked, grp, leader, recipient, award_level)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		x.Subject.Kind, x.Subject.ID, orgID, x.AwardCode, a.Category, x.Year, x.PeriodFrom, x.Kind, x.Decision.Number,
		x.Decision.Date, x.Decision.Signer, x.Decision.Issuer, x.AmountVND, x.Revoked, grp, leader, recipient, awardLevel(x.AwardCode))
	x.Version = 1
	return err
}

// UpdateHonour changes a title or form typed in from a paper decision, read at
// x.Version; an honour of a decision issued in tdkt is not changed here.
func (t *Tx) UpdateHonour(ctx context.Context, x *tdkt.Honour) error {
	a, _ := tdkt.AwardByCode(x.AwardCode)
	err := changed(t.Exec(ctx, `UPDATE honours SET award_code = ?, category = ?, award_level = ?, year = ?, period_from = ?, kind = ?, decision_no = ?,
		decided_on = ?, signer = ?, issuer = ?, amount_vnd = ?, revoked = ?, version = version + 1 WHERE id = ? AND version = ? AND decision_id IS NULL`,
		x.AwardCode, a.Category, awardLevel(x.AwardCode), x.Year, x.PeriodFrom, x.Kind, x.Decision.Number, x.Decision.Date, x.Decision.Signer,
		x.Decision.Issuer, x.AmountVND, x.Revoked, x.ID, x.Version))
	if err == nil {
		x.Version++
	}
	return err
}

// PublicHonour is a line of the portal's list of recent awards: public fields only.
type PublicHonour struct {
	Name, Unit, AwardCode, DecisionNo, DecidedOn string
	Kind                                         tdkt.SubjectKind
	Year                                         int
}

// RecentHonours lists the latest conferred titles and forms for the portal, without
// any private field (no citizen ID, no birth date).
func (t *Tx) RecentHonours(ctx context.Context, limit int) ([]PublicHonour, error) {
	var out []PublicHonour
	err := t.Each(ctx, `SELECT COALESCE(p.full_name, c.name, hh.head_name, ''), o.name, h.award_code, h.decision_no, h.decided_on, h.subject_kind, h.year
		FROM honours h JOIN orgs o ON o.id = h.org_id
		LEFT JOIN people p ON h.subject_kind = 'ca_nhan' AND p.id = h.subject_id
		LEFT JOIN collectives c ON h.subject_kind = 'tap_the' AND c.id = h.subject_id
		LEFT JOIN households hh ON h.subject_kind = 'ho_gia_dinh' AND hh.id = h.subject_id
		WHERE NOT h.revoked ORDER BY h.decided_on DESC, h.id DESC LIMIT ?`, []any{limit}, func(r *sql.Rows) error {
		var x PublicHonour
		err := r.Scan(&x.Name, &x.Unit, &x.AwardCode, &x.DecisionNo, &x.DecidedOn, &x.Kind, &x.Year)
		out = append(out, x)
		return err
	})
	return out, err
}

// awardLevel is honours.award_level: the award's level for the statutory forms, NULL
// for the awards they do not count (so that the partial index leaves them out).
func awardLevel(code string) any {
	if l := tdkt.AwardLevelOf(code); l != "" {
		return l
	}
	return nil
}
