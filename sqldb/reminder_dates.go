package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// The dates the daily reminders look at: clusters' self-scores due, and the yearly
// submission dates organisations set.

// ScoresDue is a cluster member whose self-score is not submitted, in a cluster
// whose scores are due.
type ScoresDue struct {
	ClusterID   int64
	ClusterName string
	Year        int
	DueOn       string
	MemberName  string
	UnitOrgID   int64 // the member's unit, whose clerks score for it
}

// ScoresDueMembers lists, for every cluster with a due date that is not approved
// yet, the members that have not submitted their self-score.
func (t *Tx) ScoresDueMembers(ctx context.Context) ([]ScoresDue, error) {
	var out []ScoresDue
	err := t.Each(ctx, `SELECT c.id, c.name, c.year, c.scores_due_on, col.name, COALESCE(col.unit_org_id, col.org_id)
		FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id JOIN collectives col ON col.id = m.collective_id
		WHERE c.scores_due_on <> '' AND c.stage <> 'approved' AND m.self_status <> 'submitted' ORDER BY c.id, m.id`, nil,
		func(r *sql.Rows) error {
			var x ScoresDue
			err := r.Scan(&x.ClusterID, &x.ClusterName, &x.Year, &x.DueOn, &x.MemberName, &x.UnitOrgID)
			out = append(out, x)
			return err
		})
	return out, err
}

const submissionDateCols = `s.id, s.org_id, s.award_code, s.month, s.day, s.note, o.name`

// SubmissionDates lists the organisations' own yearly dates, by organisation and day
// of the year; with path not empty, only those of organisations under it.
func (t *Tx) SubmissionDates(ctx context.Context, path string) ([]tdkt.SubmissionDate, error) {
	var out []tdkt.SubmissionDate
	err := t.Each(ctx, `SELECT `+submissionDateCols+` FROM submission_dates s JOIN orgs o ON o.id = s.org_id
		WHERE o.path LIKE ? ORDER BY o.path, s.month, s.day, s.award_code`, []any{path + "%"}, func(r *sql.Rows) error {
		var d tdkt.SubmissionDate
		err := r.Scan(&d.ID, &d.OrgID, &d.AwardCode, &d.Month, &d.Day, &d.Note, &d.OrgName)
		out = append(out, d)
		return err
	})
	return out, err
}

// SubmissionDateByID loads one organisation's date with the path of its organisation.
func (t *Tx) SubmissionDateByID(ctx context.Context, id int64) (d tdkt.SubmissionDate, path string, err error) {
	err = t.Get(ctx, "hạn gửi hồ sơ", `SELECT `+submissionDateCols+`, o.path FROM submission_dates s JOIN orgs o ON o.id = s.org_id WHERE s.id = ?`,
		[]any{id}, &d.ID, &d.OrgID, &d.AwardCode, &d.Month, &d.Day, &d.Note, &d.OrgName, &path)
	return
}

// InsertSubmissionDate stores a new date; the same award and day twice for one
// organisation is refused by the database.
func (t *Tx) InsertSubmissionDate(ctx context.Context, d *tdkt.SubmissionDate) (err error) {
	d.ID, err = t.Insert(ctx, `INSERT INTO submission_dates (org_id, award_code, month, day, note) VALUES (?, ?, ?, ?, ?)`,
		d.OrgID, d.AwardCode, d.Month, d.Day, d.Note)
	return err
}

// UpdateSubmissionDate changes a date's award, day and note.
func (t *Tx) UpdateSubmissionDate(ctx context.Context, d *tdkt.SubmissionDate) error {
	return changed(t.Exec(ctx, `UPDATE submission_dates SET award_code = ?, month = ?, day = ?, note = ? WHERE id = ?`,
		d.AwardCode, d.Month, d.Day, d.Note, d.ID))
}

// DeleteSubmissionDate removes a date.
func (t *Tx) DeleteSubmissionDate(ctx context.Context, id int64) error {
	return changed(t.Exec(ctx, `DELETE FROM submission_dates WHERE id = ?`, id))
}

// OrgsAtLevels lists the organisations of the given levels, by path: the provinces
// and ministries that send dossiers to the central level.
func (t *Tx) OrgsAtLevels(ctx context.Context, levels ...tdkt.Level) ([]tdkt.Org, error) {
	args := make([]any, len(levels))
	for i, l := range levels {
		args[i] = string(l)
	}
	var out []tdkt.Org
	err := t.Each(ctx, `SELECT `+orgCols+` FROM orgs WHERE level IN (?`+repeatMarks(len(levels)-1)+`) ORDER BY path`, args, func(r *sql.Rows) error {
		o, err := scanOrg(r)
		out = append(out, o)
		return err
	})
	return out, err
}
