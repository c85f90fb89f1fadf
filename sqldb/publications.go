package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// PublicationRow is a dossier's public comment window.
type PublicationRow struct {
	DossierID                  int64
	OpensOn, ClosesOn, Summary string
	Award                      string
	OrgName                    string
}

// InsertPublication opens a dossier's public comment window.
func (t *Tx) InsertPublication(ctx context.Context, dossierID int64, opens, closes, summary string) error {
	// A dossier is published once by the level that proposes it upwards and again by
	// the centre (national comment): the window is the latest one; the comments stay.
	_, err := t.Exec(ctx, `INSERT INTO publications (dossier_id, opens_on, closes_on, summary) VALUES (?, ?, ?, ?)
		ON CONFLICT (dossier_id) DO UPDATE SET opens_on = excluded.opens_on, closes_on = excluded.closes_on, summary = excluded.summary`,
		dossierID, opens, closes, summary)
	return err
}

// PublicationOf loads a dossier's public comment window.
func (t *Tx) PublicationOf(ctx context.Context, dossierID int64) (p PublicationRow, err error) {
	err = t.Get(ctx, "đợt lấy ý kiến", `SELECT p.dossier_id, p.opens_on, p.closes_on, p.summary, d.award_code, h.name FROM publications p
		JOIN dossiers d ON d.id = p.dossier_id JOIN orgs h ON h.id = d.holder_org_id WHERE p.dossier_id = ?`, []any{dossierID},
		&p.DossierID, &p.OpensOn, &p.ClosesOn, &p.Summary, &p.Award, &p.OrgName)
	return
}

// OpenPublications lists the windows open on the given date, closing soonest first.
func (t *Tx) OpenPublications(ctx context.Context, today string) ([]PublicationRow, error) {
	var out []PublicationRow
	err := t.Each(ctx, `SELECT p.dossier_id, p.opens_on, p.closes_on, p.summary, d.award_code, h.name FROM publications p
		JOIN dossiers d ON d.id = p.dossier_id JOIN orgs h ON h.id = d.holder_org_id
		WHERE p.opens_on <= ? AND p.closes_on >= ? AND d.status = 'public_comment' ORDER BY p.closes_on, p.dossier_id`, []any{today, today},
		func(r *sql.Rows) error {
			var p PublicationRow
			err := r.Scan(&p.DossierID, &p.OpensOn, &p.ClosesOn, &p.Summary, &p.Award, &p.OrgName)
			out = append(out, p)
			return err
		})
	return out, err
}

// Comment is a comment of the public on a published dossier, with its answer.
type Comment struct {
	ID, DossierID                  int64
	Name, Contact, Body, CreatedAt string
	Answer, AnsweredBy, AnsweredAt string
	// Status is CommentHeld until a clerk publishes or refuses the comment.
	Status                   string
	ModeratedBy, ModeratedAt string
}

// The statuses of a comment (the CHECK of migration 0020).
const (
	CommentHeld      = "held"
	CommentPublished = "published"
	CommentRejected  = "rejected"
)

// InsertComment stores a comment, held for moderation.
func (t *Tx) InsertComment(ctx context.Context, c *Comment, ipHash string) (err error) {
	c.Status = CommentHeld
	c.ID, err = t.Insert(ctx, `INSERT INTO comments (dossier_id, name, contact, body, created_at, ip_hash, status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.DossierID, c.Name, c.Contact, c.Body, c.CreatedAt, ipHash, c.Status)
	return err
}

// ModerateComment moves a held comment of a dossier to status (published or
// rejected). A comment that is not held any more is a conflict; one that does not
// exist on the dossier is not found.
func (t *Tx) ModerateComment(ctx context.Context, dossierID, id int64, status, by, at string) error {
	n, err := t.Exec(ctx, `UPDATE comments SET status = ?, moderated_by = ?, moderated_at = ? WHERE dossier_id = ? AND id = ? AND status = 'held'`,
		status, by, at, dossierID, id)
	if err != nil || n == 1 {
		return err
	}
	exists, err := t.Int(ctx, `SELECT count(*) FROM comments WHERE dossier_id = ? AND id = ?`, dossierID, id)
	if err != nil {
		return err
	}
	if exists == 0 {
		return tdkt.NotFound("ý kiến")
	}
	return tdkt.Errorf(tdkt.EConflict, "Ý kiến này đã được xử lý (công bố hoặc không công bố) trước đó.")
}

// CommentsSince counts an address's comments since an instant, for the rate limit.
func (t *Tx) CommentsSince(ctx context.Context, ipHash, since string) (int64, error) {
	return t.Int(ctx, `SELECT count(*) FROM comments WHERE ip_hash = ? AND created_at > ?`, ipHash, since)
}

// Comments lists a dossier's comments, oldest first.
func (t *Tx) Comments(ctx context.Context, dossierID int64) ([]Comment, error) {
	var out []Comment
	err := t.Each(ctx, `SELECT id, dossier_id, name, contact, body, created_at, answer, answered_by, answered_at, status, moderated_by, moderated_at
		FROM comments WHERE dossier_id = ? ORDER BY id`,
		[]any{dossierID}, func(r *sql.Rows) error {
			var c Comment
			err := r.Scan(&c.ID, &c.DossierID, &c.Name, &c.Contact, &c.Body, &c.CreatedAt, &c.Answer, &c.AnsweredBy, &c.AnsweredAt,
				&c.Status, &c.ModeratedBy, &c.ModeratedAt)
			out = append(out, c)
			return err
		})
	return out, err
}

// AnswerComment records the answer to a comment of a dossier.
func (t *Tx) AnswerComment(ctx context.Context, dossierID, id int64, answer, by, at string) error {
	n, err := t.Exec(ctx, `UPDATE comments SET answer = ?, answered_by = ?, answered_at = ? WHERE dossier_id = ? AND id = ?`, answer, by, at, dossierID, id)
	if err == nil && n == 0 {
		err = tdkt.NotFound("ý kiến")
	}
	return err
}
