package sqldb

import (
	"context"
	"database/sql"
	"strings"

	"tdkt"
)

const dossierCols = `d.id, d.org_id, d.holder_org_id, d.award_code, d.kind, d.year, d.period_from, d.simplified, d.title, d.reason,
	d.status, d.status_since, d.due_on, d.due_rule, d.number, d.proposed_on, d.version, o.name, h.name, o.path, h.path,
	COALESCE(d.movement_id, 0), COALESCE(d.sender_org_id, d.org_id), h.level, d.secret, d.paper_path, COALESCE(d.peer_id, 0),
	COALESCE((SELECT c.name FROM dossier_candidates c WHERE c.dossier_id = d.id AND NOT c.excluded ORDER BY c.id LIMIT 1), ''),
	(SELECT count(*) FROM dossier_candidates c WHERE c.dossier_id = d.id AND NOT c.excluded)`

func scanDossier(r interface{ Scan(...any) error }) (d tdkt.Dossier, orgPath, holderPath string, err error) {
	err = r.Scan(&d.ID, &d.OrgID, &d.HolderOrgID, &d.Award, &d.Kind, &d.Year, &d.PeriodFrom, &d.Simplified, &d.Title, &d.Reason,
		&d.Status, &d.StatusSince, &d.DueOn, &d.DueRule, &d.Number, &d.ProposedOn, &d.Version, &d.OrgName, &d.HolderName, &orgPath, &holderPath,
		&d.MovementID, &d.SenderOrgID, &d.HolderLevel, &d.Secret, &d.PaperPath, &d.PeerID, &d.FirstNominee, &d.Nominees)
	return
}

const dossierFrom = ` FROM dossiers d JOIN orgs o ON o.id = d.org_id JOIN orgs h ON h.id = d.holder_org_id`

// InsertDossier stores a new dossier.
func (t *Tx) InsertDossier(ctx context.Context, d *tdkt.Dossier, now string) (err error) {
	if d.SenderOrgID == 0 {
		d.SenderOrgID = d.OrgID
	}
	d.ID, err = t.Insert(ctx, `INSERT INTO dossiers (org_id, holder_org_id, award_code, kind, year, period_from, simplified, title, reason,
		status, status_since, number, proposed_on, created_at, movement_id, sender_org_id, secret, paper_path)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.OrgID, d.HolderOrgID, d.Award, d.Kind, d.Year, d.PeriodFrom, d.Simplified, d.Title, d.Reason, d.Status, now, d.Number, d.ProposedOn, now,
		nullID(d.MovementID), d.SenderOrgID, d.Secret, d.PaperPath)
	d.Version, d.StatusSince = 1, now
	return err
}

// DossierByID loads a dossier with the paths of its proposing and holding units.
func (t *Tx) DossierByID(ctx context.Context, id int64) (d tdkt.Dossier, orgPath, holderPath string, err error) {
	found := false
	err = t.Each(ctx, `SELECT `+dossierCols+dossierFrom+` WHERE d.id = ?`, []any{id}, func(r *sql.Rows) (err error) {
		d, orgPath, holderPath, err = scanDossier(r)
		found = true
		return err
	})
	if err == nil && !found {
		err = tdkt.NotFound("hồ sơ")
	}
	return
}

// UpdateDossierText changes the editable text of a dossier read at d.Version.
func (t *Tx) UpdateDossierText(ctx context.Context, d *tdkt.Dossier) error {
	err := changed(t.Exec(ctx, `UPDATE dossiers SET title = ?, reason = ?, number = ?, proposed_on = ?, kind = ?, year = ?, period_from = ?,
		simplified = ?, secret = ?, paper_path = ?, version = version + 1 WHERE id = ? AND version = ?`,
		d.Title, d.Reason, d.Number, d.ProposedOn, d.Kind, d.Year, d.PeriodFrom, d.Simplified, d.Secret, d.PaperPath, d.ID, d.Version))
	if err == nil {
		d.Version++
	}
	return err
}

// MoveDossier changes a dossier's status, holder, sender and holding peer if it is still at version and in
// the status from: a second, concurrent step finds zero rows and is a Conflict.
func (t *Tx) MoveDossier(ctx context.Context, d *tdkt.Dossier, from tdkt.DossierStatus, now string) error {
	err := changed(t.Exec(ctx, `UPDATE dossiers SET status = ?, holder_org_id = ?, sender_org_id = ?, peer_id = ?, status_since = ?, due_on = ?,
		due_rule = ?, version = version + 1 WHERE id = ? AND version = ? AND status = ?`, d.Status, d.HolderOrgID, nullID(d.SenderOrgID), nullID(d.PeerID),
		now, d.DueOn, d.DueRule, d.ID, d.Version, from))
	if err == nil {
		d.Version++
		d.StatusSince = now
	}
	return err
}

// DossierFilter selects dossiers an account may see: proposed by, or held by, an
// organisation of its subtree.
type DossierFilter struct {
	Scope    string
	Statuses []tdkt.DossierStatus
	// HeldOnly keeps the dossiers held by the subtree (the inbox), ProposedOnly those
	// proposed by it.
	HeldOnly, ProposedOnly bool
	// HeldBy adds the dossiers held by those organisations themselves (not their
	// subtrees): what a standing office works for the levels it serves.
	HeldBy []int64
	// DecisionsToPassOn adds the decided dossiers whose decision is still to be passed
	// on (a deadline stands).
	DecisionsToPassOn bool
	Limit             int
}

// DossierRow is a listed dossier with the paths of its proposing and holding units,
// so that the list can be checked against an account without loading each again.
type DossierRow struct {
	tdkt.Dossier
	OrgPath, HolderPath string
}

// Dossiers lists dossiers, the most recently moved first.
func (t *Tx) Dossiers(ctx context.Context, f DossierFilter) ([]DossierRow, error) {
	var where []string
	var args []any
	held, heldArgs := "", []any{}
	for _, id := range f.HeldBy {
		held += " OR d.holder_org_id = ?"
		heldArgs = append(heldArgs, id)
	}
	switch {
	case f.HeldOnly:
		where, args = append(where, "(h.path LIKE ?"+held+")"), append(append(args, f.Scope+"%"), heldArgs...)
	case f.ProposedOnly:
		where, args = append(where, "o.path LIKE ?"), append(args, f.Scope+"%")
	default:
		where, args = append(where, "(o.path LIKE ? OR h.path LIKE ?"+held+")"), append(append(args, f.Scope+"%", f.Scope+"%"), heldArgs...)
	}
	if len(f.Statuses) > 0 {
		cond := "d.status IN (?" + strings.Repeat(", ?", len(f.Statuses)-1) + ")"
		if f.DecisionsToPassOn {
			cond = "(" + cond + " OR d.status = 'decided' AND d.due_on <> '')"
		}
		where = append(where, cond)
		for _, s := range f.Statuses {
			args = append(args, s)
		}
	}
	if f.Limit <= 0 {
		f.Limit = 200
	}
	var out []DossierRow
	err := t.Each(ctx, `SELECT `+dossierCols+dossierFrom+` WHERE `+strings.Join(where, " AND ")+` ORDER BY d.status_since DESC, d.id DESC LIMIT ?`,
		append(args, f.Limit), func(r *sql.Rows) error {
			var x DossierRow
			var err error
			x.Dossier, x.OrgPath, x.HolderPath, err = scanDossier(r)
			out = append(out, x)
			return err
		})
	return out, err
}

const candidateCols = `id, dossier_id, subject_kind, subject_id, name, position, unit, org_id, status, rule_set, reasons, justification,
	yes_votes, voters, passed, excluded, amount_vnd, COALESCE(honour_id, 0)`

// Candidates lists a dossier's candidates in the order they were added.
func (t *Tx) Candidates(ctx context.Context, dossierID int64) ([]tdkt.Candidate, error) {
	var out []tdkt.Candidate
	err := t.Each(ctx, `SELECT `+candidateCols+` FROM dossier_candidates WHERE dossier_id = ? ORDER BY id`, []any{dossierID}, func(r *sql.Rows) error {
		var c tdkt.Candidate
		err := r.Scan(&c.ID, &c.DossierID, &c.Subject.Kind, &c.Subject.ID, &c.Name, &c.Position, &c.Unit, &c.OrgID, &c.Status, &c.RuleSet,
			&c.Reasons, &c.Justification, &c.YesVotes, &c.Voters, &c.Passed, &c.Excluded, &c.AmountVND, &c.HonourID)
		out = append(out, c)
		return err
	})
	return out, err
}

// InsertCandidate adds a candidate; the same subject twice in one dossier is refused.
func (t *Tx) InsertCandidate(ctx context.Context, c *tdkt.Candidate) (err error) {
	c.ID, err = t.Insert(ctx, `INSERT INTO dossier_candidates (dossier_id, subject_kind, subject_id, name, position, unit, org_id, status, rule_set,
		reasons, justification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.DossierID, c.Subject.Kind, c.Subject.ID, c.Name, c.Position, c.Unit,
		c.OrgID, c.Status, c.RuleSet, c.Reasons, c.Justification)
	return err
}

// DeleteCandidate removes a candidate from a dossier.
func (t *Tx) DeleteCandidate(ctx context.Context, dossierID, id int64) error {
	n, err := t.Exec(ctx, `DELETE FROM dossier_candidates WHERE dossier_id = ? AND id = ?`, dossierID, id)
	if err == nil && n == 0 {
		err = tdkt.NotFound("người được đề nghị")
	}
	return err
}

// TouchDossier moves a dossier's version on when its candidates change, so that a step
// taken on what a leader saw before the change is a Conflict.
func (t *Tx) TouchDossier(ctx context.Context, id int64) error {
	_, err := t.Exec(ctx, `UPDATE dossiers SET version = version + 1 WHERE id = ?`, id)
	return err
}

// JudgeCandidate stores the engine's latest judgement of a candidate.
func (t *Tx) JudgeCandidate(ctx context.Context, c *tdkt.Candidate) error {
	_, err := t.Exec(ctx, `UPDATE dossier_candidates SET status = ?, rule_set = ?, reasons = ? WHERE id = ?`, c.Status, c.RuleSet, c.Reasons, c.ID)
	return err
}

// SetCandidateOutcome stores whether the council passed a candidate, whether it is
// left out of the decision, its money and the honour it received.
func (t *Tx) SetCandidateOutcome(ctx context.Context, c *tdkt.Candidate) error {
	var honour any
	if c.HonourID != 0 {
		honour = c.HonourID
	}
	_, err := t.Exec(ctx, `UPDATE dossier_candidates SET passed = ?, excluded = ?, amount_vnd = ?, honour_id = ? WHERE id = ?`,
		c.Passed, c.Excluded, c.AmountVND, honour, c.ID)
	return err
}

// InsertDossierEvent appends a step to a dossier's history.
func (t *Tx) InsertDossierEvent(ctx context.Context, e *tdkt.DossierEvent, orgID int64) (err error) {
	e.ID, err = t.Insert(ctx, `INSERT INTO dossier_events (dossier_id, at, actor, org_id, action, from_status, to_status, note, label)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.DossierID, e.At, e.Actor, orgID, e.Action, e.From, e.To, e.Note, e.Label)
	return err
}

// DossierEvents lists a dossier's history, oldest first.
func (t *Tx) DossierEvents(ctx context.Context, dossierID int64) ([]tdkt.DossierEvent, error) {
	var out []tdkt.DossierEvent
	err := t.Each(ctx, `SELECT e.id, e.dossier_id, e.at, e.actor, COALESCE(o.name, ''), e.action, e.from_status, e.to_status, e.note, e.label
		FROM dossier_events e LEFT JOIN orgs o ON o.id = e.org_id WHERE e.dossier_id = ? ORDER BY e.id`, []any{dossierID}, func(r *sql.Rows) error {
		var e tdkt.DossierEvent
		err := r.Scan(&e.ID, &e.DossierID, &e.At, &e.Actor, &e.OrgName, &e.Action, &e.From, &e.To, &e.Note, &e.Label)
		out = append(out, e)
		return err
	})
	return out, err
}

// DossierFile is a document of a dossier, without its content.
type DossierFile struct {
	ID                   int64
	DossierID            int64
	Kind, Name, Mime     string
	Size                 int64
	SHA256               string
	CreatedAt, CreatedBy string
}

// InsertFile stores a document with its content.
func (t *Tx) InsertFile(ctx context.Context, f *DossierFile, content []byte) (err error) {
	f.ID, err = t.Insert(ctx, `INSERT INTO dossier_files (dossier_id, kind, name, mime, size, sha256, content, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, f.DossierID, f.Kind, f.Name, f.Mime, f.Size, f.SHA256, content, f.CreatedAt, f.CreatedBy)
	return err
}

// Files lists a dossier's documents.
func (t *Tx) Files(ctx context.Context, dossierID int64) ([]DossierFile, error) {
	var out []DossierFile
	err := t.Each(ctx, `SELECT id, dossier_id, kind, name, mime, size, sha256, created_at, created_by FROM dossier_files WHERE dossier_id = ? ORDER BY id`,
		[]any{dossierID}, func(r *sql.Rows) error {
			var f DossierFile
			err := r.Scan(&f.ID, &f.DossierID, &f.Kind, &f.Name, &f.Mime, &f.Size, &f.SHA256, &f.CreatedAt, &f.CreatedBy)
			out = append(out, f)
			return err
		})
	return out, err
}

// FileContent loads a document of a dossier with its content.
func (t *Tx) FileContent(ctx context.Context, dossierID, id int64) (f DossierFile, content []byte, err error) {
	err = t.Get(ctx, "tài liệu", `SELECT id, dossier_id, kind, name, mime, size, sha256, created_at, created_by, content FROM dossier_files
		WHERE dossier_id = ? AND id = ?`, []any{dossierID, id}, &f.ID, &f.DossierID, &f.Kind, &f.Name, &f.Mime, &f.Size, &f.SHA256,
		&f.CreatedAt, &f.CreatedBy, &content)
	return
}

// DeleteFile removes a document of a dossier.
func (t *Tx) DeleteFile(ctx context.Context, dossierID, id int64) error {
	return changed(t.Exec(ctx, `DELETE FROM dossier_files WHERE dossier_id = ? AND id = ?`, dossierID, id))
}

// Candidacy is a dossier a subject was proposed in.
type Candidacy struct {
	DossierID int64
	Award     string
	Year      int
	Status    tdkt.DossierStatus
}

// CandidaciesOf lists the dossiers a subject was proposed in, oldest first.
func (t *Tx) CandidaciesOf(ctx context.Context, s tdkt.Subject) ([]Candidacy, error) {
	var out []Candidacy
	err := t.Each(ctx, `SELECT d.id, d.award_code, d.year, d.status FROM dossier_candidates c JOIN dossiers d ON d.id = c.dossier_id
		WHERE c.subject_kind = ? AND c.subject_id = ? ORDER BY d.id`, []any{s.Kind, s.ID}, func(r *sql.Rows) error {
		var c Candidacy
		err := r.Scan(&c.DossierID, &c.Award, &c.Year, &c.Status)
		out = append(out, c)
		return err
	})
	return out, err
}
