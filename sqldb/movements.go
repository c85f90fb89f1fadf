package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"tdkt"
)

// nullID stores 0 as NULL, for an optional reference.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const movementCols = `m.id, m.org_id, COALESCE(m.parent_id, 0), m.name, m.objectives, m.scope, m.participants, m.method, m.criteria,
	m.starts_on, m.ends_on, m.plan, m.status, m.launched_on, m.version, o.name, o.level, COALESCE(p.name, ''), o.path`

const movementFrom = ` FROM movements m JOIN orgs o ON o.id = m.org_id LEFT JOIN movements p ON p.id = m.parent_id`

// MovementRow is a movement with the path of its launching organisation, so that it
// can be checked against an account.
type MovementRow struct {
	tdkt.Movement
	OrgPath string
}

func scanMovement(r interface{ Scan(...any) error }) (m MovementRow, err error) {
	var criteria string
	err = r.Scan(&m.ID, &m.OrgID, &m.ParentID, &m.Name, &m.Objectives, &m.Scope, &m.Participants, &m.Method, &criteria,
		&m.StartsOn, &m.EndsOn, &m.Plan, &m.Status, &m.LaunchedOn, &m.Version, &m.OrgName, &m.OrgLevel, &m.ParentName, &m.OrgPath)
	if err == nil {
		json.Unmarshal([]byte(criteria), &m.Criteria)
	}
	return
}

func criteriaJSON(cs []tdkt.Criterion) string {
	if cs == nil {
		cs = []tdkt.Criterion{}
	}
	b, _ := json.Marshal(cs)
	return string(b)
}

// InsertMovement stores a new movement.
func (t *Tx) InsertMovement(ctx context.Context, m *tdkt.Movement, now string) (err error) {
	m.ID, err = t.Insert(ctx, `INSERT INTO movements (org_id, parent_id, name, objectives, scope, participants, method, criteria, starts_on, ends_on,
		plan, status, launched_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.OrgID, nullID(m.ParentID), m.Name, m.Objectives,
		m.Scope, m.Participants, m.Method, criteriaJSON(m.Criteria), m.StartsOn, m.EndsOn, m.Plan, m.Status, m.LaunchedOn, now)
	m.Version = 1
	return err
}

// MovementByID loads a movement.
func (t *Tx) MovementByID(ctx context.Context, id int64) (m MovementRow, err error) {
	found := false
	err = t.Each(ctx, `SELECT `+movementCols+movementFrom+` WHERE m.id = ?`, []any{id}, func(r *sql.Rows) (err error) {
		m, err = scanMovement(r)
		found = true
		return err
	})
	if err == nil && !found {
		err = tdkt.NotFound("phong trào thi đua")
	}
	return
}

// UpdateMovement changes a movement read at m.Version, status included.
func (t *Tx) UpdateMovement(ctx context.Context, m *tdkt.Movement) error {
	err := changed(t.Exec(ctx, `UPDATE movements SET name = ?, objectives = ?, scope = ?, participants = ?, method = ?, criteria = ?, starts_on = ?,
		ends_on = ?, plan = ?, status = ?, launched_on = ?, version = version + 1 WHERE id = ? AND version = ?`, m.Name, m.Objectives, m.Scope,
		m.Participants, m.Method, criteriaJSON(m.Criteria), m.StartsOn, m.EndsOn, m.Plan, m.Status, m.LaunchedOn, m.ID, m.Version))
	if err == nil {
		m.Version++
	}
	return err
}

// MovementsFor lists the movements an account at scope (its organisation's path)
// takes part in: launched inside its subtree, or launched (not drafts) by one of the
// organisations above it. Newest first.
func (t *Tx) MovementsFor(ctx context.Context, scope string) ([]MovementRow, error) {
	var out []MovementRow
	err := t.Each(ctx, `SELECT `+movementCols+movementFrom+` WHERE o.path LIKE ? OR (m.status <> 'draft' AND ? LIKE o.path || '%')
		ORDER BY m.starts_on DESC, m.id DESC`, []any{scope + "%", scope}, func(r *sql.Rows) error {
		m, err := scanMovement(r)
		out = append(out, m)
		return err
	})
	return out, err
}

// MovementTree lists a movement and every plan cascaded under it, at any depth,
// parents before children.
func (t *Tx) MovementTree(ctx context.Context, rootID int64) ([]MovementRow, error) {
	var out []MovementRow
	err := t.Each(ctx, `WITH RECURSIVE tree(id, depth) AS (SELECT id, 0 FROM movements WHERE id = ?
		UNION ALL SELECT c.id, tree.depth + 1 FROM movements c JOIN tree ON c.parent_id = tree.id)
		SELECT `+movementCols+movementFrom+` JOIN tree ON tree.id = m.id ORDER BY tree.depth, m.id`, []any{rootID}, func(r *sql.Rows) error {
		m, err := scanMovement(r)
		out = append(out, m)
		return err
	})
	return out, err
}

// MovementsLaunched lists the movements launched (not drafts) in a subtree with a
// launch date in a year, for form 0601.N.
func (t *Tx) MovementsLaunched(ctx context.Context, scope string, year int) ([]MovementRow, error) {
	var out []MovementRow
	y := fmt.Sprintf("%04d", year)
	err := t.Each(ctx, `SELECT `+movementCols+movementFrom+` WHERE o.path LIKE ? AND m.status <> 'draft' AND m.launched_on >= ? AND m.launched_on <= ?
		ORDER BY m.id`, []any{scope + "%", y + "-01-01", y + "-12-31"}, func(r *sql.Rows) error {
		m, err := scanMovement(r)
		out = append(out, m)
		return err
	})
	return out, err
}

// MovementFile is a document of a movement (its plan, a launching letter, evidence
// of a check-in), without its content.
type MovementFile struct {
	ID, MovementID       int64
	Name, Mime           string
	Size                 int64
	SHA256               string
	CreatedAt, CreatedBy string
}

// InsertMovementFile stores a document with its content.
func (t *Tx) InsertMovementFile(ctx context.Context, f *MovementFile, content []byte) (err error) {
	f.ID, err = t.Insert(ctx, `INSERT INTO movement_files (movement_id, name, mime, size, sha256, content, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, f.MovementID, f.Name, f.Mime, f.Size, f.SHA256, content, f.CreatedAt, f.CreatedBy)
	return err
}

// MovementFiles lists a movement's documents.
func (t *Tx) MovementFiles(ctx context.Context, movementID int64) ([]MovementFile, error) {
	var out []MovementFile
	err := t.Each(ctx, `SELECT id, movement_id, name, mime, size, sha256, created_at, created_by FROM movement_files WHERE movement_id = ? ORDER BY id`,
		[]any{movementID}, func(r *sql.Rows) error {
			var f MovementFile
			err := r.Scan(&f.ID, &f.MovementID, &f.Name, &f.Mime, &f.Size, &f.SHA256, &f.CreatedAt, &f.CreatedBy)
			out = append(out, f)
			return err
		})
	return out, err
}

// MovementFileContent loads a document of a movement with its content.
func (t *Tx) MovementFileContent(ctx context.Context, movementID, id int64) (f MovementFile, content []byte, err error) {
	err = t.Get(ctx, "tài liệu", `SELECT id, movement_id, name, mime, size, sha256, created_at, created_by, content FROM movement_files
		WHERE movement_id = ? AND id = ?`, []any{movementID, id}, &f.ID, &f.MovementID, &f.Name, &f.Mime, &f.Size, &f.SHA256,
		&f.CreatedAt, &f.CreatedBy, &content)
	return
}

// InsertCheckIn stores a unit's check-in.
func (t *Tx) InsertCheckIn(ctx context.Context, c *tdkt.MovementCheckIn, now string) (err error) {
	c.ID, err = t.Insert(ctx, `INSERT INTO movement_checkins (movement_id, org_id, on_date, body, file_id, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, c.MovementID, c.OrgID, c.On, c.Text, nullID(c.FileID), now, c.CreatedBy)
	return err
}

// CheckIns lists a movement's check-ins, newest first.
func (t *Tx) CheckIns(ctx context.Context, movementID int64) ([]tdkt.MovementCheckIn, error) {
	var out []tdkt.MovementCheckIn
	err := t.Each(ctx, `SELECT c.id, c.movement_id, c.org_id, o.name, c.on_date, c.body, COALESCE(c.file_id, 0), COALESCE(f.name, ''), c.created_by
		FROM movement_checkins c JOIN orgs o ON o.id = c.org_id LEFT JOIN movement_files f ON f.id = c.file_id
		WHERE c.movement_id = ? ORDER BY c.on_date DESC, c.id DESC`, []any{movementID}, func(r *sql.Rows) error {
		var c tdkt.MovementCheckIn
		err := r.Scan(&c.ID, &c.MovementID, &c.OrgID, &c.OrgName, &c.On, &c.Text, &c.FileID, &c.FileName, &c.CreatedBy)
		out = append(out, c)
		return err
	})
	return out, err
}

// InsertReview stores a sơ kết or tổng kết.
func (t *Tx) InsertReview(ctx context.Context, v *tdkt.MovementReview, now string) (err error) {
	v.ID, err = t.Insert(ctx, `INSERT INTO movement_reviews (movement_id, kind, on_date, report, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`,
		v.MovementID, v.Kind, v.On, v.Report, now, v.CreatedBy)
	return err
}

// Reviews lists a movement's reviews in date order.
func (t *Tx) Reviews(ctx context.Context, movementID int64) ([]tdkt.MovementReview, error) {
	var out []tdkt.MovementReview
	err := t.Each(ctx, `SELECT id, movement_id, kind, on_date, report, created_by FROM movement_reviews WHERE movement_id = ? ORDER BY on_date, id`,
		[]any{movementID}, func(r *sql.Rows) error {
			var v tdkt.MovementReview
			err := r.Scan(&v.ID, &v.MovementID, &v.Kind, &v.On, &v.Report, &v.CreatedBy)
			out = append(out, v)
			return err
		})
	return out, err
}

// DossiersOfMovements lists the reward dossiers proposed from any of the movements.
func (t *Tx) DossiersOfMovements(ctx context.Context, ids []int64) ([]DossierRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	var out []DossierRow
	err := t.Each(ctx, `SELECT `+dossierCols+dossierFrom+` WHERE d.movement_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY d.id`,
		args, func(r *sql.Rows) error {
			var x DossierRow
			var err error
			x.Dossier, x.OrgPath, x.HolderPath, err = scanDossier(r)
			out = append(out, x)
			return err
		})
	return out, err
}
