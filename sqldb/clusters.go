package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// Emulation clusters and blocks: their members, graders, criteria and scores.

const clusterCols = `c.id, c.org_id, c.name, c.kind, c.year, c.stage, c.head_member_id, c.pact_text, c.pact_signed_on, c.approved_by,
	c.approved_at, COALESCE(c.dossier_id, 0), c.version, c.scores_due_on, o.name, o.path`

func scanCluster(r interface{ Scan(...any) error }) (c tdkt.Cluster, err error) {
	err = r.Scan(&c.ID, &c.OrgID, &c.Name, &c.Kind, &c.Year, &c.Stage, &c.HeadID, &c.PactText, &c.PactSignedOn, &c.ApprovedBy,
		&c.ApprovedAt, &c.DossierID, &c.Version, &c.ScoresDueOn, &c.OrgName, &c.OrgPath)
	return
}

// InsertCluster stores a new cluster year.
func (t *Tx) InsertCluster(ctx context.Context, c *tdkt.Cluster, now string) (err error) {
	c.ID, err = t.Insert(ctx, `INSERT INTO clusters (org_id, name, kind, year, scores_due_on, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		c.OrgID, c.Name, c.Kind, c.Year, c.ScoresDueOn, now)
	c.Version, c.Stage = 1, tdkt.StageSetup
	return err
}

// ClusterByID loads a cluster with its organiser's name and path.
func (t *Tx) ClusterByID(ctx context.Context, id int64) (c tdkt.Cluster, err error) {
	found := false
	err = t.Each(ctx, `SELECT `+clusterCols+` FROM clusters c JOIN orgs o ON o.id = c.org_id WHERE c.id = ?`, []any{id}, func(r *sql.Rows) error {
		found = true
		c, err = scanCluster(r)
		return err
	})
	if err == nil && !found {
		err = tdkt.NotFound("cụm, khối thi đua")
	}
	return
}

// Clusters lists every cluster, the latest year first; the caller keeps those the
// actor may see (organised in its subtree, or having it as a member or grader).
func (t *Tx) Clusters(ctx context.Context) ([]tdkt.Cluster, error) {
	var out []tdkt.Cluster
	err := t.Each(ctx, `SELECT `+clusterCols+` FROM clusters c JOIN orgs o ON o.id = c.org_id ORDER BY c.year DESC, c.name, c.id`, nil,
		func(r *sql.Rows) error {
			c, err := scanCluster(r)
			out = append(out, c)
			return err
		})
	return out, err
}

// UpdateCluster stores the head, pact, scores' due date, stage, approval and dossier of a cluster read
// at c.Version; a concurrent change is a Conflict.
func (t *Tx) UpdateCluster(ctx context.Context, c *tdkt.Cluster) error {
	var dossier any
	if c.DossierID != 0 {
		dossier = c.DossierID
	}
	err := changed(t.Exec(ctx, `UPDATE clusters SET stage = ?, head_member_id = ?, pact_text = ?, pact_signed_on = ?, approved_by = ?, approved_at = ?,
		dossier_id = ?, scores_due_on = ?, version = version + 1 WHERE id = ? AND version = ?`, c.Stage, c.HeadID, c.PactText, c.PactSignedOn, c.ApprovedBy,
		c.ApprovedAt, dossier, c.ScoresDueOn, c.ID, c.Version))
	if err == nil {
		c.Version++
	}
	return err
}

// ClusterMembers lists a cluster's members by name.
func (t *Tx) ClusterMembers(ctx context.Context, clusterID int64) ([]tdkt.ClusterMember, error) {
	var out []tdkt.ClusterMember
	err := t.Each(ctx, `SELECT m.id, m.cluster_id, m.collective_id, COALESCE(c.unit_org_id, c.org_id), c.name, u.path, m.signed, m.self_status, m.self_note
		FROM cluster_members m JOIN collectives c ON c.id = m.collective_id JOIN orgs u ON u.id = COALESCE(c.unit_org_id, c.org_id)
		WHERE m.cluster_id = ? ORDER BY c.name, m.id`, []any{clusterID}, func(r *sql.Rows) error {
		var m tdkt.ClusterMember
		err := r.Scan(&m.ID, &m.ClusterID, &m.CollectiveID, &m.UnitOrgID, &m.Name, &m.UnitPath, &m.Signed, &m.SelfStatus, &m.SelfNote)
		out = append(out, m)
		return err
	})
	return out, err
}

// InsertClusterMember adds a collective to a cluster; twice is refused.
func (t *Tx) InsertClusterMember(ctx context.Context, m *tdkt.ClusterMember) (err error) {
	m.ID, err = t.Insert(ctx, `INSERT INTO cluster_members (cluster_id, collective_id) VALUES (?, ?)`, m.ClusterID, m.CollectiveID)
	return err
}

// SetMemberSigned records whether a member signed the pact.
func (t *Tx) SetMemberSigned(ctx context.Context, memberID int64, signed bool) error {
	_, err := t.Exec(ctx, `UPDATE cluster_members SET signed = ? WHERE id = ?`, signed, memberID)
	return err
}

// SetSelfStatus moves a member's self-assessment from one state to another; a
// member found in another state is a Conflict.
func (t *Tx) SetSelfStatus(ctx context.Context, memberID int64, from []string, to, note string) error {
	q := `UPDATE cluster_members SET self_status = ?, self_note = ? WHERE id = ? AND self_status IN (?`
	args := []any{to, note, memberID, from[0]}
	for _, f := range from[1:] {
		q += `, ?`
		args = append(args, f)
	}
	return changed(t.Exec(ctx, q+`)`, args...))
}

// ClusterGraders lists a cluster's graders by name, with the member each one is.
func (t *Tx) ClusterGraders(ctx context.Context, clusterID int64) ([]tdkt.ClusterGrader, error) {
	var out []tdkt.ClusterGrader
	err := t.Each(ctx, `SELECT g.id, g.cluster_id, g.org_id, o.name, COALESCE((SELECT min(m.id) FROM cluster_members m JOIN collectives c ON c.id = m.collective_id
		WHERE m.cluster_id = g.cluster_id AND COALESCE(c.unit_org_id, c.org_id) = g.org_id), 0)
		FROM cluster_graders g JOIN orgs o ON o.id = g.org_id WHERE g.cluster_id = ? ORDER BY o.name, g.id`, []any{clusterID}, func(r *sql.Rows) error {
		var g tdkt.ClusterGrader
		err := r.Scan(&g.ID, &g.ClusterID, &g.OrgID, &g.Name, &g.MemberID)
		out = append(out, g)
		return err
	})
	return out, err
}

// InsertClusterGrader adds a grading organisation to a cluster.
func (t *Tx) InsertClusterGrader(ctx context.Context, g *tdkt.ClusterGrader) (err error) {
	g.ID, err = t.Insert(ctx, `INSERT INTO cluster_graders (cluster_id, org_id) VALUES (?, ?)`, g.ClusterID, g.OrgID)
	return err
}

// ClusterCriteria lists a cluster's criteria in their order.
func (t *Tx) ClusterCriteria(ctx context.Context, clusterID int64) ([]tdkt.ClusterCriterion, error) {
	var out []tdkt.ClusterCriterion
	err := t.Each(ctx, `SELECT id, cluster_id, group_name, name, max_points, weight, position FROM cluster_criteria WHERE cluster_id = ? ORDER BY position, id`,
		[]any{clusterID}, func(r *sql.Rows) error {
			var c tdkt.ClusterCriterion
			err := r.Scan(&c.ID, &c.ClusterID, &c.Group, &c.Name, &c.Max, &c.Weight, &c.Position)
			out = append(out, c)
			return err
		})
	return out, err
}

// InsertClusterCriterion adds a criterion at the end of the table.
func (t *Tx) InsertClusterCriterion(ctx context.Context, c *tdkt.ClusterCriterion) (err error) {
	n, err := t.Int(ctx, `SELECT COALESCE(max(position), 0) FROM cluster_criteria WHERE cluster_id = ?`, c.ClusterID)
	if err != nil {
		return err
	}
	c.Position = int(n) + 1
	c.ID, err = t.Insert(ctx, `INSERT INTO cluster_criteria (cluster_id, group_name, name, max_points, weight, position) VALUES (?, ?, ?, ?, ?, ?)`,
		c.ClusterID, c.Group, c.Name, c.Max, c.Weight, c.Position)
	return err
}

// SelfScore is a member's own score on a criterion with its evidence (the file's
// content is loaded only by SelfScoreFile).
type SelfScore struct {
	ID, ClusterID, MemberID, CriterionID int64
	Score                                float64
	Evidence                             string
	FileName, FileMime, FileSHA256       string
	FileSize                             int64
	UpdatedAt                            string
}

// SelfScores lists the self-assessment scores of a cluster.
func (t *Tx) SelfScores(ctx context.Context, clusterID int64) ([]SelfScore, error) {
	var out []SelfScore
	err := t.Each(ctx, `SELECT id, cluster_id, member_id, criterion_id, score, evidence, file_name, file_mime, file_sha256, file_size, updated_at
		FROM cluster_self_scores WHERE cluster_id = ? ORDER BY member_id, criterion_id`, []any{clusterID}, func(r *sql.Rows) error {
		var s SelfScore
		err := r.Scan(&s.ID, &s.ClusterID, &s.MemberID, &s.CriterionID, &s.Score, &s.Evidence, &s.FileName, &s.FileMime, &s.FileSHA256, &s.FileSize, &s.UpdatedAt)
		out = append(out, s)
		return err
	})
	return out, err
}

// UpsertSelfScore stores a member's own score on a criterion; with content nil the
// file already attached stays.
func (t *Tx) UpsertSelfScore(ctx context.Context, s *SelfScore, content []byte) error {
	if content == nil {
		_, err := t.Exec(ctx, `INSERT INTO cluster_self_scores (cluster_id, member_id, criterion_id, score, evidence, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (member_id, criterion_id) DO UPDATE SET score = excluded.score, evidence = excluded.evidence, updated_at = excluded.updated_at`,
			s.ClusterID, s.MemberID, s.CriterionID, s.Score, s.Evidence, s.UpdatedAt)
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO cluster_self_scores (cluster_id, member_id, criterion_id, score, evidence, file_name, file_mime, file_size, file_sha256,
		file_content, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (member_id, criterion_id) DO UPDATE SET score = excluded.score, evidence = excluded.evidence, file_name = excluded.file_name,
		file_mime = excluded.file_mime, file_size = excluded.file_size, file_sha256 = excluded.file_sha256, file_content = excluded.file_content,
		updated_at = excluded.updated_at`,
		s.ClusterID, s.MemberID, s.CriterionID, s.Score, s.Evidence, s.FileName, s.FileMime, s.FileSize, s.FileSHA256, content, s.UpdatedAt)
	return err
}

// SelfScoreFile loads the evidence file of a self-assessment score.
func (t *Tx) SelfScoreFile(ctx context.Context, clusterID, id int64) (s SelfScore, content []byte, err error) {
	err = t.Get(ctx, "tài liệu minh chứng", `SELECT id, member_id, criterion_id, file_name, file_mime, file_sha256, file_size, file_content
		FROM cluster_self_scores WHERE cluster_id = ? AND id = ? AND file_name <> ''`, []any{clusterID, id},
		&s.ID, &s.MemberID, &s.CriterionID, &s.FileName, &s.FileMime, &s.FileSHA256, &s.FileSize, &content)
	s.ClusterID = clusterID
	return
}

// Grades lists the graders' scores of a cluster.
func (t *Tx) Grades(ctx context.Context, clusterID int64) ([]tdkt.Grade, error) {
	var out []tdkt.Grade
	err := t.Each(ctx, `SELECT id, cluster_id, grader_org_id, member_id, criterion_id, score, reason, at, by_login FROM cluster_scores
		WHERE cluster_id = ? ORDER BY grader_org_id, member_id, criterion_id`, []any{clusterID}, func(r *sql.Rows) error {
		var g tdkt.Grade
		err := r.Scan(&g.ID, &g.ClusterID, &g.GraderOrgID, &g.MemberID, &g.CriterionID, &g.Score, &g.Reason, &g.At, &g.By)
		out = append(out, g)
		return err
	})
	return out, err
}

// UpsertGrade stores a grader's score of a member on a criterion.
func (t *Tx) UpsertGrade(ctx context.Context, g *tdkt.Grade) error {
	_, err := t.Exec(ctx, `INSERT INTO cluster_scores (cluster_id, grader_org_id, member_id, criterion_id, score, reason, at, by_login)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (grader_org_id, member_id, criterion_id) DO UPDATE SET score = excluded.score,
		reason = excluded.reason, at = excluded.at, by_login = excluded.by_login`,
		g.ClusterID, g.GraderOrgID, g.MemberID, g.CriterionID, g.Score, g.Reason, g.At, g.By)
	return err
}

// DeleteGrade makes a score "not scored" again.
func (t *Tx) DeleteGrade(ctx context.Context, graderOrgID, memberID, criterionID int64) error {
	_, err := t.Exec(ctx, `DELETE FROM cluster_scores WHERE grader_org_id = ? AND member_id = ? AND criterion_id = ?`, graderOrgID, memberID, criterionID)
	return err
}

// SaveClusterResults replaces the approved results of a cluster.
func (t *Tx) SaveClusterResults(ctx context.Context, clusterID int64, ss []tdkt.Standing) error {
	if _, err := t.Exec(ctx, `DELETE FROM cluster_results WHERE cluster_id = ?`, clusterID); err != nil {
		return err
	}
	for _, s := range ss {
		if _, err := t.Exec(ctx, `INSERT INTO cluster_results (cluster_id, member_id, raw_total, normalised_total, raw_rank, normalised_rank)
			VALUES (?, ?, ?, ?, ?, ?)`, clusterID, s.MemberID, s.Raw, s.Normalised, s.RawRank, s.NormRank); err != nil {
			return err
		}
	}
	return nil
}

// ClusterResults lists the approved results of a cluster in the normalised order.
func (t *Tx) ClusterResults(ctx context.Context, clusterID int64) ([]tdkt.Standing, error) {
	var out []tdkt.Standing
	err := t.Each(ctx, `SELECT member_id, raw_total, normalised_total, raw_rank, normalised_rank FROM cluster_results WHERE cluster_id = ?
		ORDER BY normalised_rank, member_id`, []any{clusterID}, func(r *sql.Rows) error {
		var s tdkt.Standing
		err := r.Scan(&s.MemberID, &s.Raw, &s.Normalised, &s.RawRank, &s.NormRank)
		out = append(out, s)
		return err
	})
	return out, err
}

// EntityAudit lists the audit events of one entity, oldest first: a cluster's history.
func (t *Tx) EntityAudit(ctx context.Context, entity string, id int64) ([]tdkt.AuditEvent, error) {
	var out []tdkt.AuditEvent
	err := t.Each(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity, entity_id, COALESCE(org_id, 0), before_json, after_json
		FROM audit_events WHERE entity = ? AND entity_id = ? ORDER BY id`, []any{entity, id}, func(r *sql.Rows) error {
		var e tdkt.AuditEvent
		err := r.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.OrgID, &e.Before, &e.After)
		out = append(out, e)
		return err
	})
	return out, err
}
