package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The emulation movements (phong trào thi đua, Law 06/2022 Art 16–18): launched by an
// organisation, received by every organisation below it, cascaded into the units'
// own plans, followed by check-ins, reviewed at sơ kết and tổng kết, and rewarded by
// dossiers of kind phong_trao or chuyen_de that carry the movement's id.

// movementVisible reports whether the actor may see a movement: one launched inside
// its subtree, or one launched (not a draft) by an organisation above it.
func movementVisible(actor *tdkt.Account, m *sqldb.MovementRow) bool {
	return actor.Sees(m.OrgPath) || (m.Status != tdkt.MovementDraft && actor != nil && strings.HasPrefix(actor.OrgPath, m.OrgPath))
}

func loadMovement(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (sqldb.MovementRow, error) {
	m, err := tx.MovementByID(ctx, id)
	if err == nil && !movementVisible(actor, &m) {
		err = tdkt.NotFound("phong trào thi đua")
	}
	return m, err
}

// mayRun reports whether the actor runs the movement: an editor of the launching
// organisation's subtree.
func mayRun(actor *tdkt.Account, m *sqldb.MovementRow) error {
	if !actor.Sees(m.OrgPath) || !actor.CanEditRecords() {
		return tdkt.Forbidden()
	}
	return nil
}

func normaliseMovement(m *tdkt.Movement) {
	m.Name, m.Participants = vn.NFC(m.Name), vn.NFCText(m.Participants)
	m.Objectives, m.Plan = vn.NFCText(m.Objectives), vn.NFCText(m.Plan)
	var cs []tdkt.Criterion
	for _, c := range m.Criteria {
		if c.Text = vn.NFC(c.Text); c.Text != "" || c.Points != 0 {
			cs = append(cs, c)
		}
	}
	m.Criteria = cs
}

// CreateMovement drafts a movement launched by an organisation of the actor's
// subtree. With ParentID set it is a unit's plan cascading that movement: the parent
// must be launched, visible to the actor, and launched by an organisation strictly
// above the new plan's.
func (s *Service) CreateMovement(ctx context.Context, actor *tdkt.Account, m *tdkt.Movement) error {
	normaliseMovement(m)
	if err := m.Validate(); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		o, err := orgInScope(ctx, tx, actor, m.OrgID, "org_id")
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if m.ParentID != 0 {
			p, err := loadMovement(ctx, tx, actor, m.ParentID)
			if err != nil {
				return err
			}
			if p.Status == tdkt.MovementDraft || p.Status == tdkt.MovementClosed {
				return tdkt.Errorf(tdkt.EConflict, "Phong trào %q chưa phát động hoặc đã kết thúc; không triển khai được.", p.Name)
			}
			if o.Path == p.OrgPath || !strings.HasPrefix(o.Path, p.OrgPath) {
				return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{
					"org_id": "Kế hoạch triển khai phải do một đơn vị cấp dưới của " + p.OrgName + " ban hành."}}
			}
			m.ParentName = p.Name
		}
		m.Status, m.LaunchedOn, m.OrgName, m.OrgLevel = tdkt.MovementDraft, "", o.Name, o.Level
		if err := tx.InsertMovement(ctx, m, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "movement", m.ID, tdkt.Subject{}, m.OrgID, nil, m)
	})
}

// UpdateMovement changes a movement's content, read at m.Version, until it is closed.
func (s *Service) UpdateMovement(ctx context.Context, actor *tdkt.Account, m *tdkt.Movement) error {
	normaliseMovement(m)
	if err := m.Validate(); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		old, err := loadMovement(ctx, tx, actor, m.ID)
		if err != nil {
			return err
		}
		if err := mayRun(actor, &old); err != nil {
			return err
		}
		if old.Status == tdkt.MovementClosed {
			return tdkt.Errorf(tdkt.EConflict, "Phong trào đã kết thúc; không sửa được.")
		}
		if m.Version != old.Version {
			return tdkt.Conflict()
		}
		next := old.Movement
		next.Name, next.Objectives, next.Scope, next.Participants, next.Method = m.Name, m.Objectives, m.Scope, m.Participants, m.Method
		next.Criteria, next.StartsOn, next.EndsOn, next.Plan = m.Criteria, m.StartsOn, m.EndsOn, m.Plan
		if err := tx.UpdateMovement(ctx, &next); err != nil {
			return err
		}
		*m = next
		return s.audit(ctx, tx, actor, "update", "movement", m.ID, tdkt.Subject{}, m.OrgID, old.Movement, next)
	})
}

// LaunchMovement phát động a draft movement: from now on every organisation below the
// launching one sees it. The launch date places it in form 0601.N's year.
func (s *Service) LaunchMovement(ctx context.Context, actor *tdkt.Account, id int64, version int) (m tdkt.Movement, err error) {
	return s.moveMovement(ctx, actor, id, version, "launch", []tdkt.MovementStatus{tdkt.MovementDraft}, tdkt.MovementLaunched)
}

// CloseMovement ends a movement after its tổng kết.
func (s *Service) CloseMovement(ctx context.Context, actor *tdkt.Account, id int64, version int) (m tdkt.Movement, err error) {
	return s.moveMovement(ctx, actor, id, version, "close", []tdkt.MovementStatus{tdkt.MovementFinalReview}, tdkt.MovementClosed)
}

func (s *Service) moveMovement(ctx context.Context, actor *tdkt.Account, id int64, version int, action string, from []tdkt.MovementStatus,
	to tdkt.MovementStatus) (m tdkt.Movement, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		row, err := loadMovement(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := mayRun(actor, &row); err != nil {
			return err
		}
		if row.Version != version {
			return tdkt.Conflict()
		}
		if !tdkt.In(row.Status, from) {
			return tdkt.Errorf(tdkt.EConflict, "Phong trào đang ở trạng thái %q; không thực hiện được thao tác này.", tdkt.MovementLabels[string(row.Status)])
		}
		before := row.Movement
		m = row.Movement
		m.Status = to
		if to == tdkt.MovementLaunched {
			m.LaunchedOn, _ = s.today()
		}
		if err := tx.UpdateMovement(ctx, &m); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, action, "movement", m.ID, tdkt.Subject{}, m.OrgID, before, m)
	})
	return m, err
}

// MovementView is a movement with everything its page shows.
type MovementView struct {
	Movement tdkt.Movement
	// Tree is the movement and the plans cascaded under it, parents first; Depth
	// gives each one's level in the tree.
	Tree     []MovementNode
	CheckIns []tdkt.MovementCheckIn
	Reviews  []tdkt.MovementReview
	Files    []sqldb.MovementFile
	Rewards  []MovementReward
	// CanRun: the actor runs this movement (edits, launches, reviews, closes);
	// CanTakePart: it may check in or cascade it.
	CanRun, CanTakePart bool
}

// MovementNode is one movement of a tree.
type MovementNode struct {
	tdkt.Movement
	Depth int
}

// MovementReward is a reward dossier proposed from a movement, with its decision and
// awardees once decided.
type MovementReward struct {
	Dossier  tdkt.Dossier
	Movement string // the name of the movement (or cascaded plan) it came from
	Decision *sqldb.DecisionRow
	Awardees []tdkt.Candidate
}

// GetMovement loads a movement the actor may see with its tree, check-ins, reviews,
// files and the rewards it produced (those the actor may see).
func (s *Service) GetMovement(ctx context.Context, actor *tdkt.Account, id int64) (v MovementView, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		m, err := loadMovement(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		v.Movement = m.Movement
		v.CanRun = mayRun(actor, &m) == nil
		v.CanTakePart = actor.CanEditRecords() && m.Status != tdkt.MovementDraft && m.Status != tdkt.MovementClosed
		tree, err := tx.MovementTree(ctx, id)
		if err != nil {
			return err
		}
		depth := map[int64]int{}
		names := map[int64]string{}
		var ids []int64
		for _, x := range tree {
			if x.ID != id {
				depth[x.ID] = depth[x.ParentID] + 1
			}
			if !movementVisible(actor, &x) {
				continue
			}
			v.Tree = append(v.Tree, MovementNode{Movement: x.Movement, Depth: depth[x.ID]})
			names[x.ID] = x.Name
			ids = append(ids, x.ID)
		}
		if v.CheckIns, err = tx.CheckIns(ctx, id); err != nil {
			return err
		}
		if v.Reviews, err = tx.Reviews(ctx, id); err != nil {
			return err
		}
		if v.Files, err = tx.MovementFiles(ctx, id); err != nil {
			return err
		}
		v.Rewards, err = s.rewardsOf(ctx, tx, actor, ids, names)
		return err
	})
	return v, err
}

// rewardsOf lists the dossiers of the movements that the actor may see.
func (s *Service) rewardsOf(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, ids []int64, names map[int64]string) ([]MovementReward, error) {
	rows, err := tx.DossiersOfMovements(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []MovementReward
	for _, d := range rows {
		if !actor.Sees(d.OrgPath) && !actor.Sees(d.HolderPath) {
			continue
		}
		r := MovementReward{Dossier: d.Dossier, Movement: names[d.MovementID]}
		if r.Dossier.Candidates, err = tx.Candidates(ctx, d.ID); err != nil {
			return nil, err
		}
		if d.Status == tdkt.DossierDecided {
			dec, err := tx.DecisionOfDossier(ctx, d.ID)
			if err != nil {
				return nil, err
			}
			r.Decision = &dec
			for _, c := range r.Dossier.Candidates {
				if c.HonourID != 0 {
					r.Awardees = append(r.Awardees, c)
				}
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// MovementRewards lists the rewards a movement (with its cascaded plans) produced.
func (s *Service) MovementRewards(ctx context.Context, actor *tdkt.Account, id int64) ([]MovementReward, error) {
	v, err := s.GetMovement(ctx, actor, id)
	return v.Rewards, err
}

// Movements lists the movements the actor's organisation launched or received.
func (s *Service) Movements(ctx context.Context, actor *tdkt.Account) (out []tdkt.Movement, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.MovementsFor(ctx, actor.OrgPath)
		for _, r := range rows {
			out = append(out, r.Movement)
		}
		return err
	})
	return out, err
}

// CheckInInput is a unit's check-in, with an optional evidence file.
type CheckInInput struct {
	OrgID    int64 // the reporting unit; the actor's organisation when 0
	On       string
	Text     string
	FileName string
	File     []byte
}

// AddCheckIn records what a unit of the actor's subtree did in a running movement.
func (s *Service) AddCheckIn(ctx context.Context, actor *tdkt.Account, movementID int64, in CheckInInput) (c tdkt.MovementCheckIn, err error) {
	p := tdkt.Problems{}
	in.Text = vn.NFCText(in.Text)
	if strings.TrimSpace(in.Text) == "" || len([]rune(in.Text)) > 4000 {
		p.Add("text", "Hãy ghi kết quả thực hiện (tối đa 4.000 ký tự).")
	}
	if _, err := time.Parse(time.DateOnly, in.On); err != nil {
		p.Add("on", "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
	}
	var mime string
	if len(in.File) > 0 {
		in.FileName = vn.NFC(filepath.Base(strings.ReplaceAll(in.FileName, "\\", "/")))
		var problem string
		if mime, problem = sniff(in.FileName, in.File); problem != "" {
			p.Add("file", problem)
		}
	}
	if err := p.Err(); err != nil {
		return c, err
	}
	if in.OrgID == 0 {
		in.OrgID = actor.OrgID
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		m, err := loadMovement(ctx, tx, actor, movementID)
		if err != nil {
			return err
		}
		o, err := orgInScope(ctx, tx, actor, in.OrgID, "org_id")
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if !strings.HasPrefix(o.Path, m.OrgPath) {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"org_id": o.Name + " không thuộc phạm vi phong trào."}}
		}
		if m.Status == tdkt.MovementDraft || m.Status == tdkt.MovementClosed {
			return tdkt.Errorf(tdkt.EConflict, "Phong trào chưa phát động hoặc đã kết thúc.")
		}
		// Work reported for a day before the movement began cannot belong to it.
		if in.On < m.StartsOn {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"on": "Ngày " + vn.FormatDate(in.On) +
				" trước ngày bắt đầu phong trào (" + vn.FormatDate(m.StartsOn) + "): kết quả chỉ được ghi từ ngày phong trào bắt đầu."}}
		}
		c = tdkt.MovementCheckIn{MovementID: m.ID, OrgID: o.ID, OrgName: o.Name, On: in.On, Text: in.Text, CreatedBy: actor.Login}
		if len(in.File) > 0 {
			sum := sha256.Sum256(in.File)
			f := sqldb.MovementFile{MovementID: m.ID, Name: in.FileName, Mime: mime, Size: int64(len(in.File)), SHA256: hex.EncodeToString(sum[:]),
				CreatedAt: s.stamp(), CreatedBy: actor.Login}
			if err := tx.InsertMovementFile(ctx, &f, in.File); err != nil {
				return err
			}
			c.FileID, c.FileName = f.ID, f.Name
		}
		if err := tx.InsertCheckIn(ctx, &c, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "check_in", "movement", m.ID, tdkt.Subject{}, o.ID, nil, c)
	})
	return c, err
}

// AttachMovementFile stores a document of a movement (its plan, the launching
// letter): PDF, Word or an image, checked as dossier attachments are.
func (s *Service) AttachMovementFile(ctx context.Context, actor *tdkt.Account, movementID int64, name string, content []byte) (f sqldb.MovementFile, err error) {
	name = vn.NFC(filepath.Base(strings.ReplaceAll(name, "\\", "/")))
	mime, problem := sniff(name, content)
	if problem != "" {
		return f, &tdkt.Error{Code: tdkt.EInvalid, Message: "Tệp không hợp lệ.", Fields: map[string]string{"file": problem}}
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		m, err := loadMovement(ctx, tx, actor, movementID)
		if err != nil {
			return err
		}
		if err := mayRun(actor, &m); err != nil {
			return err
		}
		sum := sha256.Sum256(content)
		f = sqldb.MovementFile{MovementID: m.ID, Name: name, Mime: mime, Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:]),
			CreatedAt: s.stamp(), CreatedBy: actor.Login}
		if err := tx.InsertMovementFile(ctx, &f, content); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "attach", "movement", m.ID, tdkt.Subject{}, m.OrgID, nil, f)
	})
	return f, err
}

// MovementFile loads a document of a movement the actor may see.
func (s *Service) MovementFile(ctx context.Context, actor *tdkt.Account, movementID, fileID int64) (f sqldb.MovementFile, content []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, err := loadMovement(ctx, tx, actor, movementID); err != nil {
			return err
		}
		f, content, err = tx.MovementFileContent(ctx, movementID, fileID)
		return err
	})
	return
}

// AddReview records a sơ kết (from launched) or tổng kết (from launched or after the
// sơ kết) of a movement the actor runs, and moves its status on.
func (s *Service) AddReview(ctx context.Context, actor *tdkt.Account, movementID int64, version int, r tdkt.MovementReview) (out tdkt.MovementReview, err error) {
	p := tdkt.Problems{}
	r.Report = vn.NFCText(r.Report)
	if !tdkt.In(r.Kind, tdkt.ReviewKinds) {
		p.Add("kind", "Hãy chọn sơ kết hoặc tổng kết.")
	}
	if _, err := time.Parse(time.DateOnly, r.On); err != nil {
		p.Add("on", "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
	}
	if strings.TrimSpace(r.Report) == "" {
		p.Add("report", "Hãy ghi báo cáo sơ kết, tổng kết.")
	}
	if err := p.Err(); err != nil {
		return out, err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		m, err := loadMovement(ctx, tx, actor, movementID)
		if err != nil {
			return err
		}
		if err := mayRun(actor, &m); err != nil {
			return err
		}
		if m.Version != version {
			return tdkt.Conflict()
		}
		from, to := []tdkt.MovementStatus{tdkt.MovementLaunched}, tdkt.MovementMidReview
		if r.Kind == tdkt.ReviewFinal {
			from, to = []tdkt.MovementStatus{tdkt.MovementLaunched, tdkt.MovementMidReview}, tdkt.MovementFinalReview
		}
		if !tdkt.In(m.Status, from) {
			return tdkt.Errorf(tdkt.EConflict, "Phong trào đang ở trạng thái %q; không %s được.", tdkt.MovementLabels[string(m.Status)],
				strings.ToLower(tdkt.MovementLabels[string(r.Kind)]))
		}
		before := m.Movement
		m.Status = to
		if err := tx.UpdateMovement(ctx, &m.Movement); err != nil {
			return err
		}
		r.MovementID, r.CreatedBy = m.ID, actor.Login
		if err := tx.InsertReview(ctx, &r, s.stamp()); err != nil {
			return err
		}
		out = r
		return s.audit(ctx, tx, actor, string(r.Kind), "movement", m.ID, tdkt.Subject{}, m.OrgID, before, r)
	})
	return out, err
}

// movementForDossier checks that a reward dossier may come from a movement: the
// actor sees a movement that has been launched, and the dossier's kind is a
// movement's (phong trào or chuyên đề; such rewards do not feed công trạng chains,
// Decree 152/2025 Art 4(3)).
func movementForDossier(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64, kind tdkt.RewardKind) error {
	m, err := tx.MovementByID(ctx, id)
	if err == nil && !movementVisible(actor, &m) {
		err = tdkt.NotFound("phong trào thi đua")
	}
	if tdkt.CodeOf(err) == tdkt.ENotFound {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"movement_id": "Không có phong trào này trong phạm vi của bạn."}}
	}
	if err != nil {
		return err
	}
	if kind != tdkt.KindMovement && kind != tdkt.KindThematic {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"kind": "Khen thưởng từ phong trào thi đua phải là loại hình phong trào hoặc chuyên đề."}}
	}
	if m.Status == tdkt.MovementDraft {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"movement_id": "Phong trào chưa được phát động."}}
	}
	return nil
}

// MovementStats are the counts of form 0601.N (số phong trào thi đua) for the
// movements launched in a year in a subtree. Rows holds the form's rows 01–12, each
// split by launching level; the maps give the same totals by code.
type MovementStats struct {
	Year       int
	Total      int
	ByLevel    map[string]int // trung_uong / bo_tinh / don_vi launch levels (tdkt.LaunchLevels)
	ByScope    map[tdkt.MovementScope]int
	ByDuration map[string]int // tdkt.DurationBands
	ByMethod   map[tdkt.MovementMethod]int
	Rows       []StatsRow
}

// StatsRow is one row of form 0601.N: column 1 (Total) and columns 2–4 by launching level.
type StatsRow struct {
	Code, Label string
	Total       int
	ByLevel     [3]int // in the order of tdkt.LaunchLevels
}

// MovementStats counts the movements launched in year by organisations of the
// actor's subtree, as form 0601.N classifies them.
func (s *Service) MovementStats(ctx context.Context, actor *tdkt.Account, year int) (st MovementStats, err error) {
	st = MovementStats{Year: year, ByLevel: map[string]int{}, ByScope: map[tdkt.MovementScope]int{}, ByDuration: map[string]int{},
		ByMethod: map[tdkt.MovementMethod]int{}}
	type rowDef struct{ code, label, key string }
	defs := []rowDef{{"01", "Tổng số", ""}}
	for i, sc := range tdkt.MovementScopes {
		defs = append(defs, rowDef{"0" + string(rune('2'+i)), "- " + tdkt.MovementLabels[string(sc)], "scope:" + string(sc)})
	}
	for i, b := range tdkt.DurationBands {
		code := []string{"06", "07", "08", "09", "10"}[i]
		defs = append(defs, rowDef{code, "- " + tdkt.MovementLabels[b], "band:" + b})
	}
	defs = append(defs, rowDef{"11", "- Thi đua theo chuyên đề", "method:" + string(tdkt.MethodThematic)},
		rowDef{"12", "- Thi đua thường xuyên hằng năm", "method:" + string(tdkt.MethodRegular)})
	idx := map[string]int{}
	for i, d := range defs {
		st.Rows = append(st.Rows, StatsRow{Code: d.code, Label: d.label})
		idx[d.key] = i
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		ms, err := tx.MovementsLaunched(ctx, actor.OrgPath, year)
		for _, m := range ms {
			lvl := m.LaunchLevel()
			col := 0
			for i, l := range tdkt.LaunchLevels {
				if l == lvl {
					col = i
				}
			}
			band := m.Band()
			st.Total++
			st.ByLevel[lvl]++
			st.ByScope[m.Scope]++
			st.ByDuration[band]++
			st.ByMethod[m.Method]++
			for _, key := range []string{"", "scope:" + string(m.Scope), "band:" + band, "method:" + string(m.Method)} {
				if i, ok := idx[key]; ok {
					st.Rows[i].Total++
					st.Rows[i].ByLevel[col]++
				}
			}
		}
		return err
	})
	return st, err
}
