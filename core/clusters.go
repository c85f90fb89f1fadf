package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// Emulation clusters and blocks (cụm, khối thi đua). Who sees a cluster: the
// organising organisation's subtree-holders above it (actor.Sees(organiser)), the
// members (an account at or below a member unit) and the grading organisations.
// Anyone else — a unit of another cluster of the same province included — gets
// NotFound for its page, scores and history.

// ClusterView is a cluster with everything its pages show, and what the actor may do.
type ClusterView struct {
	Cluster    tdkt.Cluster
	Members    []tdkt.ClusterMember
	Graders    []tdkt.ClusterGrader
	Criteria   []tdkt.ClusterCriterion
	SelfScores []sqldb.SelfScore
	Grades     []tdkt.Grade
	// Organiser: the actor works for the organising organisation (manages the cluster).
	Organiser bool
	// MemberID is the member the actor belongs to (0 for none); GraderOrgID the
	// grading organisation the actor scores for (0 for none).
	MemberID, GraderOrgID int64
}

// Member returns the member with the id, and whether there is one.
func (v *ClusterView) Member(id int64) (tdkt.ClusterMember, bool) {
	for _, m := range v.Members {
		if m.ID == id {
			return m, true
		}
	}
	return tdkt.ClusterMember{}, false
}

// loadCluster loads a cluster the actor may see, with its members, graders and criteria.
func loadCluster(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (v ClusterView, err error) {
	v.Cluster, err = tx.ClusterByID(ctx, id)
	if err != nil {
		return v, err
	}
	if v.Members, err = tx.ClusterMembers(ctx, id); err != nil {
		return v, err
	}
	if v.Graders, err = tx.ClusterGraders(ctx, id); err != nil {
		return v, err
	}
	if v.Criteria, err = tx.ClusterCriteria(ctx, id); err != nil {
		return v, err
	}
	v.Organiser = actor.Sees(v.Cluster.OrgPath)
	for _, m := range v.Members {
		if actor != nil && strings.HasPrefix(actor.OrgPath, m.UnitPath) {
			v.MemberID = m.ID
		}
	}
	for _, g := range v.Graders {
		if actor != nil && actor.OrgID == g.OrgID {
			v.GraderOrgID = g.OrgID
		}
	}
	if !v.Organiser && v.MemberID == 0 && v.GraderOrgID == 0 {
		return ClusterView{}, tdkt.NotFound("cụm, khối thi đua")
	}
	return v, nil
}

// loadClusterScores loads a visible cluster with its self-assessments and grades.
func loadClusterScores(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (v ClusterView, err error) {
	if v, err = loadCluster(ctx, tx, actor, id); err != nil {
		return v, err
	}
	if v.SelfScores, err = tx.SelfScores(ctx, id); err != nil {
		return v, err
	}
	v.Grades, err = tx.Grades(ctx, id)
	return v, err
}

// manage checks that the actor may set a cluster up: a clerk or administrator of the
// organising organisation's subtree-holders.
func (v *ClusterView) manage(actor *tdkt.Account) error {
	if !v.Organiser || !actor.CanEditRecords() {
		return tdkt.Forbidden()
	}
	return nil
}

// ClusterInput is what the organiser fills in to create a cluster year.
type ClusterInput struct {
	OrgID int64
	Name  string
	Kind  tdkt.ClusterKind
	Year  int
	// ScoresDueOn is the day the members' self-scores are due (YYYY-MM-DD, "" for none).
	ScoresDueOn string
}

// CreateCluster creates a cluster or block of an organisation of the actor's subtree.
func (s *Service) CreateCluster(ctx context.Context, actor *tdkt.Account, in ClusterInput) (c tdkt.Cluster, err error) {
	in.Name = vn.NFC(strings.TrimSpace(in.Name))
	p := tdkt.Problems{}
	if in.Name == "" {
		p.Add("name", "Hãy ghi tên cụm, khối thi đua.")
	}
	if !tdkt.In(in.Kind, tdkt.ClusterKinds) {
		p.Add("kind", "Hãy chọn cụm hoặc khối thi đua.")
	}
	if in.Year < 2000 || in.Year > s.Now().Year()+1 {
		p.Add("year", "Năm phải từ 2000 đến "+strconv.Itoa(s.Now().Year()+1)+".")
	}
	if msg := tdkt.ScoresDueProblem(in.ScoresDueOn, in.Year); msg != "" {
		p.Add("scores_due_on", msg)
	}
	if err := p.Err(); err != nil {
		return c, err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		o, err := orgInScope(ctx, tx, actor, in.OrgID, "org_id")
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		c = tdkt.Cluster{OrgID: o.ID, Name: in.Name, Kind: in.Kind, Year: in.Year, ScoresDueOn: in.ScoresDueOn, OrgName: o.Name, OrgPath: o.Path}
		if err := tx.InsertCluster(ctx, &c, s.stamp()); err != nil {
			if strings.Contains(strings.ToLower(err.Error()), "unique") || strings.Contains(err.Error(), "clusters_org_id") {
				return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"name": "Đơn vị đã có cụm, khối thi đua tên này trong năm."}}
			}
			return err
		}
		return s.audit(ctx, tx, actor, "create", "cluster", c.ID, tdkt.Subject{}, c.OrgID, nil, c)
	})
	return c, err
}

// Clusters lists the clusters the actor may see, the latest year first.
func (s *Service) Clusters(ctx context.Context, actor *tdkt.Account) (out []tdkt.Cluster, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		all, err := tx.Clusters(ctx)
		if err != nil {
			return err
		}
		for _, c := range all {
			if _, err := loadCluster(ctx, tx, actor, c.ID); err == nil {
				out = append(out, c)
			} else if tdkt.CodeOf(err) != tdkt.ENotFound {
				return err
			}
		}
		return nil
	})
	return out, err
}

// GetCluster loads a cluster the actor may see with its scores.
func (s *Service) GetCluster(ctx context.Context, actor *tdkt.Account, id int64) (v ClusterView, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		v, err = loadClusterScores(ctx, tx, actor, id)
		return err
	})
	return v, err
}

// ClusterHistory lists the audit events of a cluster the actor may see.
func (s *Service) ClusterHistory(ctx context.Context, actor *tdkt.Account, id int64) (out []tdkt.AuditEvent, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, err := loadCluster(ctx, tx, actor, id); err != nil {
			return err
		}
		out, err = tx.EntityAudit(ctx, "cluster", id)
		return err
	})
	return out, err
}

// changeCluster runs fn on a cluster the actor manages, then audits the change.
func (s *Service) changeCluster(ctx context.Context, actor *tdkt.Account, id int64, action string, fn func(tx *sqldb.Tx, v *ClusterView) (any, error)) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		v, err := loadCluster(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := v.manage(actor); err != nil {
			return err
		}
		after, err := fn(tx, &v)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, action, "cluster", id, tdkt.Subject{}, v.Cluster.OrgID, nil, after)
	})
}

// AddClusterMember adds a collective of the organiser's subtree to a cluster. Which
// members also grade the others is chosen with AddClusterGrader.
func (s *Service) AddClusterMember(ctx context.Context, actor *tdkt.Account, clusterID, collectiveID int64) (m tdkt.ClusterMember, err error) {
	err = s.changeCluster(ctx, actor, clusterID, "add_member", func(tx *sqldb.Tx, v *ClusterView) (any, error) {
		if v.Cluster.Stage == tdkt.StageApproved {
			return nil, tdkt.Errorf(tdkt.EConflict, "Kết quả của cụm đã được phê duyệt; không thêm thành viên được nữa.")
		}
		col, path, err := tx.CollectiveByID(ctx, collectiveID)
		if err != nil || !strings.HasPrefix(path, v.Cluster.OrgPath) {
			return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"collective_id": "Tập thể không có hoặc không thuộc đơn vị tổ chức cụm."}}
		}
		for _, x := range v.Members {
			if x.CollectiveID == collectiveID {
				return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"collective_id": col.Name + " đã là thành viên của cụm."}}
			}
		}
		m = tdkt.ClusterMember{ClusterID: clusterID, CollectiveID: col.ID, Name: col.Name, UnitOrgID: col.UnitOrgID}
		if m.UnitOrgID == 0 {
			m.UnitOrgID = col.OrgID
		}
		if err := tx.InsertClusterMember(ctx, &m); err != nil {
			return nil, err
		}
		return m, nil
	})
	return m, err
}

// AddClusterGrader adds a grading organisation of the organiser's subtree: a member
// unit or the organising board.
func (s *Service) AddClusterGrader(ctx context.Context, actor *tdkt.Account, clusterID, orgID int64) (g tdkt.ClusterGrader, err error) {
	err = s.changeCluster(ctx, actor, clusterID, "add_grader", func(tx *sqldb.Tx, v *ClusterView) (any, error) {
		o, err := tx.OrgByID(ctx, orgID)
		if err != nil || !strings.HasPrefix(o.Path, v.Cluster.OrgPath) {
			return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"org_id": "Đơn vị chấm điểm phải thuộc đơn vị tổ chức cụm."}}
		}
		if slices.ContainsFunc(v.Graders, func(x tdkt.ClusterGrader) bool { return x.OrgID == orgID }) {
			return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"org_id": o.Name + " đã chấm điểm cụm này."}}
		}
		g = tdkt.ClusterGrader{ClusterID: clusterID, OrgID: orgID, Name: o.Name}
		return g, tx.InsertClusterGrader(ctx, &g)
	})
	return g, err
}

// SetClusterHead makes a member the head of the cluster for its year (the head
// rotates: each year's cluster names its own).
func (s *Service) SetClusterHead(ctx context.Context, actor *tdkt.Account, clusterID, memberID int64, version int) error {
	return s.changeCluster(ctx, actor, clusterID, "set_head", func(tx *sqldb.Tx, v *ClusterView) (any, error) {
		if _, ok := v.Member(memberID); !ok {
			return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"member_id": "Cụm trưởng phải là thành viên của cụm."}}
		}
		if version != v.Cluster.Version {
			return nil, tdkt.Conflict()
		}
		v.Cluster.HeadID = memberID
		return map[string]int64{"head_member_id": memberID}, tx.UpdateCluster(ctx, &v.Cluster)
	})
}

// SetScoresDue sets (or, with "", clears) the day by which the members submit their
// self-scores; the daily pass reminds the members that have not (DeadlinePass).
func (s *Service) SetScoresDue(ctx context.Context, actor *tdkt.Account, clusterID int64, dueOn string, version int) error {
	return s.changeCluster(ctx, actor, clusterID, "set_scores_due", func(tx *sqldb.Tx, v *ClusterView) (any, error) {
		if msg := tdkt.ScoresDueProblem(dueOn, v.Cluster.Year); msg != "" {
			return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"scores_due_on": msg}}
		}
		if version != v.Cluster.Version {
			return nil, tdkt.Conflict()
		}
		v.Cluster.ScoresDueOn = dueOn
		return map[string]string{"scores_due_on": dueOn}, tx.UpdateCluster(ctx, &v.Cluster)
	})
}

// PactInput is the emulation pact: its text, the signing date and who signed.
type PactInput struct {
	Text      string
	SignedOn  string // YYYY-MM-DD
	MemberIDs []int64
	Version   int
}

// SignPact records the emulation pact (giao ước thi đua) and the members who signed it.
func (s *Service) SignPact(ctx context.Context, actor *tdkt.Account, clusterID int64, in PactInput) error {
	in.Text = vn.NFCText(strings.TrimSpace(in.Text))
	p := tdkt.Problems{}
	if in.Text == "" {
		p.Add("text", "Hãy ghi nội dung giao ước thi đua.")
	}
	if _, err := time.Parse(time.DateOnly, in.SignedOn); err != nil {
		p.Add("signed_on", "Ngày ký không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
	}
	if len(in.MemberIDs) == 0 {
		p.Add("member_ids", "Hãy chọn các thành viên đã ký.")
	}
	if err := p.Err(); err != nil {
		return err
	}
	return s.changeCluster(ctx, actor, clusterID, "sign_pact", func(tx *sqldb.Tx, v *ClusterView) (any, error) {
		if in.Version != v.Cluster.Version {
			return nil, tdkt.Conflict()
		}
		for _, id := range in.MemberIDs {
			if _, ok := v.Member(id); !ok {
				return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"member_ids": "Chỉ thành viên của cụm mới ký giao ước."}}
			}
		}
		for _, m := range v.Members {
			if err := tx.SetMemberSigned(ctx, m.ID, slices.Contains(in.MemberIDs, m.ID)); err != nil {
				return nil, err
			}
		}
		v.Cluster.PactText, v.Cluster.PactSignedOn = in.Text, in.SignedOn
		return in, tx.UpdateCluster(ctx, &v.Cluster)
	})
}

// AddCriterion adds a criterion to a cluster's table while it is being built; once
// scoring has started the table is frozen (Conflict).
func (s *Service) AddCriterion(ctx context.Context, actor *tdkt.Account, clusterID int64, c tdkt.ClusterCriterion) (out tdkt.ClusterCriterion, err error) {
	c.Group, c.Name = vn.NFC(strings.TrimSpace(c.Group)), vn.NFC(strings.TrimSpace(c.Name))
	if err := c.Validate(); err != nil {
		return out, err
	}
	err = s.changeCluster(ctx, actor, clusterID, "add_criterion", func(tx *sqldb.Tx, v *ClusterView) (any, error) {
		if v.Cluster.Stage != tdkt.StageSetup {
			return nil, tdkt.Errorf(tdkt.EConflict, "Cụm đã bắt đầu chấm điểm; bảng tiêu chí không sửa được nữa.")
		}
		c.ClusterID = clusterID
		if err := tx.InsertClusterCriterion(ctx, &c); err != nil {
			return nil, err
		}
		out = c
		return c, nil
	})
	return out, err
}

// startScoring freezes the criteria at the first score, and refuses scores once the
// ranking is approved.
func startScoring(ctx context.Context, tx *sqldb.Tx, v *ClusterView) error {
	switch v.Cluster.Stage {
	case tdkt.StageApproved:
		return tdkt.Errorf(tdkt.EConflict, "Kết quả của cụm đã được phê duyệt; điểm không thay đổi được nữa.")
	case tdkt.StageSetup:
		if len(v.Criteria) == 0 {
			return tdkt.Errorf(tdkt.EConflict, "Cụm chưa có bảng tiêu chí.")
		}
		v.Cluster.Stage = tdkt.StageScoring
		return tx.UpdateCluster(ctx, &v.Cluster)
	}
	return nil
}

// SelfScoreInput is a member's own score on one criterion, with its evidence and
// optionally a file (PDF, PNG or JPEG).
type SelfScoreInput struct {
	CriterionID int64
	Score       *float64 // nil: not scored
	Evidence    string
	FileName    string
	File        []byte
}

// SaveSelfAssessment stores a member unit's own scores and, with submit, sends the
// self-assessment to the graders. Only an account of the member unit (clerk or
// administrator) may do it, while it is not submitted.
func (s *Service) SaveSelfAssessment(ctx context.Context, actor *tdkt.Account, clusterID, memberID int64, in []SelfScoreInput, submit bool) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		v, err := loadCluster(ctx, tx, actor, clusterID)
		if err != nil {
			return err
		}
		m, ok := v.Member(memberID)
		if !ok {
			return tdkt.NotFound("thành viên của cụm")
		}
		if !strings.HasPrefix(actor.OrgPath, m.UnitPath) || !actor.CanEditRecords() {
			return tdkt.Forbidden()
		}
		if m.SelfStatus == tdkt.SelfSubmitted {
			return tdkt.Errorf(tdkt.EConflict, "Bản tự chấm đã gửi; chỉ sửa được khi bị trả lại.")
		}
		if err := startScoring(ctx, tx, &v); err != nil {
			return err
		}
		p := tdkt.Problems{}
		crit := map[int64]tdkt.ClusterCriterion{}
		for _, c := range v.Criteria {
			crit[c.ID] = c
		}
		scored := 0
		for _, x := range in {
			c, ok := crit[x.CriterionID]
			f := "score_" + strconv.FormatInt(x.CriterionID, 10)
			if !ok {
				p.Add(f, "Tiêu chí không thuộc cụm.")
				continue
			}
			if x.Score == nil {
				continue
			}
			if msg := tdkt.ScoreProblem(*x.Score, c.Max); msg != "" {
				p.Add(f, msg)
				continue
			}
			ss := sqldb.SelfScore{ClusterID: clusterID, MemberID: memberID, CriterionID: c.ID, Score: *x.Score, Evidence: vn.NFCText(strings.TrimSpace(x.Evidence)), UpdatedAt: s.stamp()}
			var content []byte
			if len(x.File) > 0 {
				name := vn.NFC(filepath.Base(strings.ReplaceAll(x.FileName, "\\", "/")))
				mime, problem := sniffEvidence(name, x.File)
				if problem != "" {
					p.Add("file_"+strconv.FormatInt(c.ID, 10), problem)
					continue
				}
				sum := sha256.Sum256(x.File)
				ss.FileName, ss.FileMime, ss.FileSize, ss.FileSHA256, content = name, mime, int64(len(x.File)), hex.EncodeToString(sum[:]), x.File
			}
			if err := tx.UpsertSelfScore(ctx, &ss, content); err != nil {
				return err
			}
			scored++
		}
		if err := p.Err(); err != nil {
			return err
		}
		status := tdkt.SelfDraft
		if submit {
			status = tdkt.SelfSubmitted
			existing, err := tx.SelfScores(ctx, clusterID)
			if err != nil {
				return err
			}
			n := 0
			for _, x := range existing {
				if x.MemberID == memberID {
					n++
				}
			}
			if n < len(v.Criteria) {
				return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"submit": "Hãy tự chấm đủ mọi tiêu chí trước khi gửi."}}
			}
		}
		if err := tx.SetSelfStatus(ctx, memberID, []string{"", tdkt.SelfDraft, tdkt.SelfReturned}, status, m.SelfNote); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "self_assess", "cluster", clusterID, tdkt.Subject{Kind: tdkt.Collective, ID: m.CollectiveID}, v.Cluster.OrgID, nil,
			map[string]any{"member_id": memberID, "scored": scored, "status": status})
	})
}

// ReturnSelfAssessment sends a submitted self-assessment back to its unit; the
// organiser must say why.
func (s *Service) ReturnSelfAssessment(ctx context.Context, actor *tdkt.Account, clusterID, memberID int64, reason string) error {
	reason = vn.NFCText(strings.TrimSpace(reason))
	if reason == "" {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"reason": "Trả lại bản tự chấm cần ghi lý do."}}
	}
	return s.changeCluster(ctx, actor, clusterID, "return_self", func(tx *sqldb.Tx, v *ClusterView) (any, error) {
		if v.Cluster.Stage == tdkt.StageApproved {
			return nil, tdkt.Errorf(tdkt.EConflict, "Kết quả của cụm đã được phê duyệt.")
		}
		if _, ok := v.Member(memberID); !ok {
			return nil, tdkt.NotFound("thành viên của cụm")
		}
		return map[string]any{"member_id": memberID, "reason": reason}, tx.SetSelfStatus(ctx, memberID, []string{tdkt.SelfSubmitted}, tdkt.SelfReturned, reason)
	})
}

// ScoreInput is a grader's score of a member on one criterion.
type ScoreInput struct {
	CriterionID int64
	Score       *float64 // nil: not scored (a score given before is removed)
	Reason      string   // required for an extreme score
}

// SaveScores stores a grading organisation's scores of one member. The actor must
// belong to the grading organisation; a member does not score itself; a score above
// the maximum is invalid; an extreme score needs a reason; after approval every
// change is a Conflict.
func (s *Service) SaveScores(ctx context.Context, actor *tdkt.Account, clusterID, memberID int64, in []ScoreInput) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		v, err := loadClusterScores(ctx, tx, actor, clusterID)
		if err != nil {
			return err
		}
		m, ok := v.Member(memberID)
		if !ok {
			return tdkt.NotFound("thành viên của cụm")
		}
		if v.GraderOrgID == 0 || !actor.CanEditRecords() && actor.Role != tdkt.RoleLeader {
			return tdkt.Forbidden()
		}
		grader := v.GraderOrgID
		if m.UnitOrgID == grader {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"member_id": "Đơn vị không tự chấm điểm cho mình ở đây; hãy dùng bản tự chấm."}}
		}
		if err := startScoring(ctx, tx, &v); err != nil {
			return err
		}
		p := tdkt.Problems{}
		for _, x := range in {
			fs := "score_" + strconv.FormatInt(x.CriterionID, 10)
			i := slices.IndexFunc(v.Criteria, func(c tdkt.ClusterCriterion) bool { return c.ID == x.CriterionID })
			if i < 0 {
				p.Add(fs, "Tiêu chí không thuộc cụm.")
				continue
			}
			c := v.Criteria[i]
			if x.Score == nil {
				if err := tx.DeleteGrade(ctx, grader, memberID, c.ID); err != nil {
					return err
				}
				continue
			}
			if msg := tdkt.ScoreProblem(*x.Score, c.Max); msg != "" {
				p.Add(fs, msg)
				continue
			}
			var own []float64
			for _, g := range v.Grades {
				if g.GraderOrgID == grader && g.CriterionID == c.ID && g.MemberID != memberID {
					own = append(own, g.Score)
				}
			}
			var self *float64
			for _, ss := range v.SelfScores {
				if ss.MemberID == memberID && ss.CriterionID == c.ID {
					self = &ss.Score
				}
			}
			reason := vn.NFCText(strings.TrimSpace(x.Reason))
			if why := tdkt.ExtremeScore(*x.Score, c.Max, own, self); why != "" && reason == "" {
				p.Add("reason_"+strconv.FormatInt(c.ID, 10), why)
				continue
			}
			g := tdkt.Grade{ClusterID: clusterID, GraderOrgID: grader, MemberID: memberID, CriterionID: c.ID, Score: *x.Score, Reason: reason, At: s.stamp(), By: actor.Login}
			if err := tx.UpsertGrade(ctx, &g); err != nil {
				return err
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "score", "cluster", clusterID, tdkt.Subject{Kind: tdkt.Collective, ID: m.CollectiveID}, v.Cluster.OrgID, nil,
			map[string]any{"grader_org_id": grader, "member_id": memberID, "scores": in})
	})
}

// RankingView is a cluster's ranking: computed from the current scores, or the
// approved one once frozen.
type RankingView struct {
	ClusterView
	Ranking tdkt.Ranking
	// Approved: the results are the frozen ones stored at approval.
	Approved bool
	// CanApprove: the actor is a leader or administrator of the organiser and the
	// ranking is not approved yet.
	CanApprove bool
	// CanPropose: approved, no Cờ thi đua dossier yet, the actor may create one.
	CanPropose bool
}

// ClusterRanking computes (or, once approved, loads) a cluster's rankings.
func (s *Service) ClusterRanking(ctx context.Context, actor *tdkt.Account, id int64) (v RankingView, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		v.ClusterView, err = loadClusterScores(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		return fillRanking(ctx, tx, actor, &v)
	})
	return v, err
}

func fillRanking(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, v *RankingView) error {
	ids := make([]int64, len(v.Members))
	for i, m := range v.Members {
		ids[i] = m.ID
	}
	v.Ranking = tdkt.Rank(ids, v.Criteria, v.Grades)
	v.Approved = v.Cluster.Stage == tdkt.StageApproved
	if v.Approved {
		stored, err := tx.ClusterResults(ctx, v.Cluster.ID)
		if err != nil {
			return err
		}
		v.Ranking.Standings = stored
	}
	leader := v.Organiser && (actor.Role == tdkt.RoleLeader || actor.Role == tdkt.RoleAdmin)
	v.CanApprove = leader && !v.Approved && len(v.Grades) > 0
	v.CanPropose = v.Approved && v.Cluster.DossierID == 0 && v.Organiser && actor.CanEditRecords()
	return nil
}

// ApproveRanking approves the computed ranking (a leader or administrator of the
// organiser) and freezes the scores.
func (s *Service) ApproveRanking(ctx context.Context, actor *tdkt.Account, id int64, version int) (v RankingView, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		v.ClusterView, err = loadClusterScores(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if !v.Organiser || (actor.Role != tdkt.RoleLeader && actor.Role != tdkt.RoleAdmin) {
			return tdkt.Forbidden()
		}
		if v.Cluster.Stage != tdkt.StageScoring || len(v.Grades) == 0 {
			return tdkt.Errorf(tdkt.EConflict, "Chỉ phê duyệt được kết quả khi cụm đang chấm điểm và đã có điểm.")
		}
		if version != v.Cluster.Version {
			return tdkt.Conflict()
		}
		if err := fillRanking(ctx, tx, actor, &v); err != nil {
			return err
		}
		if err := tx.SaveClusterResults(ctx, id, v.Ranking.Standings); err != nil {
			return err
		}
		v.Cluster.Stage, v.Cluster.ApprovedBy, v.Cluster.ApprovedAt = tdkt.StageApproved, actor.Login, s.stamp()
		if err := tx.UpdateCluster(ctx, &v.Cluster); err != nil {
			return err
		}
		v.Approved, v.CanApprove = true, false
		return s.audit(ctx, tx, actor, "approve", "cluster", id, tdkt.Subject{}, v.Cluster.OrgID, nil, v.Ranking.Standings)
	})
	return v, err
}

// ProposeFlag creates the Cờ thi đua dossier (co_thi_dua_bo_tinh, Law 2022 Art 26)
// of the organising organisation for the leading member(s) of the approved ranking:
// its candidates are the leaders' collectives, with the ranking as justification.
func (s *Service) ProposeFlag(ctx context.Context, actor *tdkt.Account, id int64) (d tdkt.Dossier, err error) {
	var v RankingView
	if v, err = s.ClusterRanking(ctx, actor, id); err != nil {
		return d, err
	}
	if !v.Approved {
		return d, tdkt.Errorf(tdkt.EConflict, "Kết quả của cụm chưa được phê duyệt.")
	}
	if v.Cluster.DossierID != 0 {
		return d, tdkt.Errorf(tdkt.EConflict, "Đã lập hồ sơ đề nghị Cờ thi đua từ kết quả này (hồ sơ số %d).", v.Cluster.DossierID)
	}
	if !v.Organiser || !actor.CanEditRecords() {
		return d, tdkt.Forbidden()
	}
	kind := "cụm"
	if v.Cluster.Kind == tdkt.ClusterKhoi {
		kind = "khối"
	}
	d, err = s.CreateDossier(ctx, actor, DossierInput{OrgID: v.Cluster.OrgID, Award: "co_thi_dua_bo_tinh", Kind: tdkt.KindMerit, Year: v.Cluster.Year,
		Title: "Đề nghị tặng Cờ thi đua cho đơn vị dẫn đầu " + v.Cluster.Name + " năm " + strconv.Itoa(v.Cluster.Year)})
	if err != nil {
		return d, err
	}
	for _, st := range v.Ranking.Standings {
		if st.NormRank != 1 {
			continue
		}
		m, _ := v.Member(st.MemberID)
		why := fmt.Sprintf("Dẫn đầu %s %s năm %d với %s điểm (xếp hạng đã chuẩn hóa, phê duyệt ngày %s).", kind,
			strings.TrimPrefix(strings.TrimPrefix(v.Cluster.Name, "Cụm thi đua "), "Khối thi đua "), v.Cluster.Year, tdkt.FormatPoints(st.Normalised),
			vn.FormatDate(v.Cluster.ApprovedAt[:10]))
		if _, err := s.AddCandidate(ctx, actor, d.ID, tdkt.Subject{Kind: tdkt.Collective, ID: m.CollectiveID}, why); err != nil {
			return d, err
		}
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		c, err := tx.ClusterByID(ctx, id)
		if err != nil {
			return err
		}
		if c.DossierID != 0 {
			return tdkt.Conflict()
		}
		c.DossierID = d.ID
		if err := tx.UpdateCluster(ctx, &c); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "propose_flag", "cluster", id, tdkt.Subject{}, c.OrgID, nil, map[string]int64{"dossier_id": d.ID})
	})
	return d, err
}

// EvidenceFile loads the evidence file of a self-assessment score of a cluster the
// actor may see.
func (s *Service) EvidenceFile(ctx context.Context, actor *tdkt.Account, clusterID, scoreID int64) (f sqldb.SelfScore, content []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, err := loadCluster(ctx, tx, actor, clusterID); err != nil {
			return err
		}
		f, content, err = tx.SelfScoreFile(ctx, clusterID, scoreID)
		return err
	})
	return f, content, err
}

// sniffEvidence accepts PDF, PNG and JPEG evidence recognised by content, at most
// 10 MB; sniff (documents.go) also takes Word files, which a score's evidence need not.
func sniffEvidence(name string, b []byte) (mime, problem string) {
	mime, problem = sniff(name, b)
	if problem == "" && mime != "application/pdf" && mime != "image/png" && mime != "image/jpeg" {
		return "", "Minh chứng chỉ nhận tệp PDF hoặc ảnh PNG, JPEG."
	}
	return mime, problem
}
