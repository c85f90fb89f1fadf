package core

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/exchange"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/vn"
)

// DossierView is a dossier with everything its page shows: candidates with the
// engine's reasons, its history, its documents and the steps the actor may take now.
type DossierView struct {
	Dossier     tdkt.Dossier
	Events      []tdkt.DossierEvent
	Files       []sqldb.DossierFile
	Steps       []tdkt.Transition
	Publication *Publication
	Overdue     bool
}

// Publication is a dossier's public comment window.
type Publication struct {
	OpensOn, ClosesOn, Summary string
}

// today is the service's date as the rules engine reads it.
func (s *Service) today() (string, rules.Date) {
	t := s.Now().In(vnZone).Format(time.DateOnly)
	d, _ := rules.ParseDate(t)
	return t, d
}

// vnZone is Vietnam's time: a working day starts at midnight in Hà Nội, not in UTC.
var vnZone = time.FixedZone("ICT", 7*3600)

// loadDossier loads a dossier the actor may see: one proposed by, or held by, an
// organisation of its subtree. Any other is NotFound.
func loadDossier(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (d tdkt.Dossier, orgPath, holderPath string, err error) {
	d, orgPath, holderPath, err = tx.DossierByID(ctx, id)
	if err != nil {
		return
	}
	if !actor.Sees(orgPath) && !actor.Sees(holderPath) && !actsFor(actor, d.HolderOrgID) {
		err = tdkt.NotFound("hồ sơ")
	}
	return
}

// actsFor reports whether the actor works the inbox of the holding organisation as
// its standing office (the provincial Sở Nội vụ for the People's Committee, the central
// board for the Government and, on the Prime Minister's submission, the President):
// it sees and steps the dossiers that level holds, and nothing else of the level's
// subtree (tdkt.Org.StandingFor). Clerks do so at every level; at the central level,
// whose heads decide outside tdkt, the board's leaders too: they sign the submission
// to the Prime Minister and record the decisions.
func actsFor(actor *tdkt.Account, holderOrgID int64) bool {
	if actor == nil || actor.ActsFor == 0 || holderOrgID == 0 || holderOrgID != actor.ActsFor && holderOrgID != actor.AlsoActsFor {
		return false
	}
	return actor.Role == tdkt.RoleClerk || actor.Role == tdkt.RoleLeader && tdkt.DecidedOutside(actor.ActsForLevel)
}

// heldBy are the organisations whose held dossiers a list adds for the actor: the
// levels its standing office serves (-1, no organisation, for everyone else).
func heldBy(actor *tdkt.Account) []int64 {
	var out []int64
	for _, id := range []int64{actor.ActsFor, actor.AlsoActsFor} {
		if actsFor(actor, id) {
			out = append(out, id)
		}
	}
	return out
}

// mayStep reports whether the actor may take the transition on a dossier: the right
// side (the proposing unit's subtree, or the holding unit's) and the right role. A
// standing office's clerk takes the holding level's clerk steps (receive, appraise,
// return, publish, put to the council); approving and deciding stay with the level's
// own leaders.
func mayStep(actor *tdkt.Account, t tdkt.Transition, d *tdkt.Dossier, orgPath, holderPath string) bool {
	if t.Side == tdkt.Proposer {
		if d.Status == tdkt.DossierReturned && d.HolderOrgID != d.OrgID {
			// Returned by the level above to the level that forwarded it (the centre
			// returns a province's submission): that level revises and resends.
			return (actor.Sees(holderPath) || actsFor(actor, d.HolderOrgID)) && tdkt.In(actor.Role, t.Roles)
		}
		return actor.Sees(orgPath) && tdkt.In(actor.Role, t.Roles)
	}
	return (actor.Sees(holderPath) || actsFor(actor, d.HolderOrgID)) && tdkt.In(actor.Role, t.Roles)
}

// stepsFor lists the transitions the actor may take on the dossier now.
func stepsFor(actor *tdkt.Account, d *tdkt.Dossier, orgPath, holderPath string) []tdkt.Transition {
	var out []tdkt.Transition
	confers := tdkt.In(d.Award, tdkt.Authority[d.HolderLevel])
	for _, t := range tdkt.Workflow {
		if !tdkt.In(d.Status, t.From) || (t.Simplified && !d.Simplified) || !t.AppliesAt(d.HolderLevel) || !mayStep(actor, t, d, orgPath, holderPath) {
			continue
		}
		// The holder decides what its head confers and forwards the rest; a decision
		// waits to be passed on only while its deadline stands.
		if d.PeerID != 0 && t.Side == tdkt.Holder { // held by another installation
			continue
		}
		if t.Action == tdkt.ActDecide && !confers || t.Action == tdkt.ActForward && confers || t.Action == tdkt.ActPassOn && d.DueOn == "" {
			continue
		}
		if t.Action == tdkt.ActPublish && !tdkt.NeedsPublicComment(d.Award) {
			continue
		}
		if t.Action == tdkt.ActToCouncil && tdkt.NeedsPublicComment(d.Award) && d.Status != tdkt.DossierPublicComment {
			continue
		}
		out = append(out, t)
	}
	return out
}

// recordStep appends the history event and the audit event of a step.
func (s *Service) recordStep(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, d *tdkt.Dossier, action tdkt.DossierAction,
	from tdkt.DossierStatus, note string, before any) error {
	e := tdkt.DossierEvent{DossierID: d.ID, At: s.stamp(), Actor: actor.Login, Action: action, From: from, To: d.Status, Note: note}
	if t, ok := tdkt.StepFor(action, from, d.Simplified, d.HolderLevel); ok {
		e.Label = t.LabelAt(d.HolderLevel)
	}
	if err := tx.InsertDossierEvent(ctx, &e, actor.OrgID); err != nil {
		return err
	}
	if err := s.audit(ctx, tx, actor, string(action), "dossier", d.ID, tdkt.Subject{}, d.OrgID, before, d); err != nil {
		return err
	}
	return s.notifyStep(ctx, tx, d, &e, before)
}

// DossierInput is what a clerk fills in to create or edit a dossier.
type DossierInput struct {
	OrgID      int64
	Award      string
	Kind       tdkt.RewardKind
	Year       int
	PeriodFrom int
	Simplified bool
	Title      string
	Reason     string
	Number     string
	ProposedOn string
	Version    int
	// MovementID links a new dossier to the emulation movement whose review proposes it.
	MovementID int64
	// Secret marks a dossier that carries state secrets: it never travels
	// electronically between installations.
	Secret bool
}

func (in *DossierInput) validate(now time.Time) error {
	p := tdkt.Problems{}
	in.Title, in.Reason, in.Number = vn.NFC(in.Title), vn.NFCText(in.Reason), vn.NFC(in.Number)
	if _, ok := tdkt.AwardByCode(in.Award); !ok {
		p.Add("award", "Hãy chọn danh hiệu hoặc hình thức khen thưởng trong danh mục.")
	}
	if in.Kind == "" {
		in.Kind = tdkt.KindMerit
	}
	if !tdkt.In(in.Kind, tdkt.RewardKinds) {
		p.Add("kind", "Loại hình khen thưởng không hợp lệ.")
	}
	if in.Year < 1990 || in.Year > now.Year()+1 {
		p.Add("year", "Năm xét phải từ 1990 đến "+strconv.Itoa(now.Year()+1)+".")
	}
	if in.PeriodFrom == 0 {
		in.PeriodFrom = in.Year
	}
	if in.PeriodFrom > in.Year || in.Year-in.PeriodFrom > 40 {
		p.Add("period_from", "Năm bắt đầu thời kỳ thành tích phải trước hoặc bằng năm xét.")
	}
	if in.Simplified && in.Kind != tdkt.KindSudden {
		p.Add("simplified", "Thủ tục đơn giản chỉ áp dụng cho khen thưởng đột xuất (Luật Thi đua, khen thưởng 2022, Điều 85).")
	}
	if len([]rune(in.Title)) > 150 { // a line of the decision's list, not a paragraph
		p.Add("title", "Trích yếu dài quá 150 ký tự; hãy viết gọn lại.")
	}
	if len([]rune(in.Reason)) > 4000 {
		p.Add("reason", "Nội dung thành tích dài quá 4.000 ký tự.")
	}
	if in.ProposedOn != "" {
		if _, err := time.Parse(time.DateOnly, in.ProposedOn); err != nil {
			p.Add("proposed_on", "Ngày tờ trình không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
		}
	}
	return p.Err()
}

// CreateDossier starts a dossier (draft) of a unit of the actor's subtree.
func (s *Service) CreateDossier(ctx context.Context, actor *tdkt.Account, in DossierInput) (d tdkt.Dossier, err error) {
	if err := in.validate(s.Now()); err != nil {
		return d, err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, err = s.createDossier(ctx, tx, actor, in)
		return err
	})
	return d, err
}

// createDossier is CreateDossier inside the caller's transaction (in is validated).
func (s *Service) createDossier(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, in DossierInput) (d tdkt.Dossier, err error) {
	o, err := orgInScope(ctx, tx, actor, in.OrgID, "org_id")
	if err != nil {
		return d, err
	}
	if err := canEdit(actor); err != nil {
		return d, err
	}
	if in.MovementID != 0 {
		if err := movementForDossier(ctx, tx, actor, in.MovementID, in.Kind); err != nil {
			return d, err
		}
	}
	d = tdkt.Dossier{OrgID: o.ID, MovementID: in.MovementID, HolderOrgID: o.ID, Award: in.Award, Kind: in.Kind, Year: in.Year, PeriodFrom: in.PeriodFrom,
		Simplified: in.Simplified, Title: in.Title, Reason: in.Reason, Number: in.Number, ProposedOn: in.ProposedOn, Status: tdkt.DossierDraft,
		OrgName: o.Name, HolderName: o.Name, Secret: in.Secret}
	if d.Title == "" {
		d.Title = autoTitle(d)
	}
	if err := tx.InsertDossier(ctx, &d, s.stamp()); err != nil {
		return d, err
	}
	return d, s.recordStep(ctx, tx, actor, &d, "create", "", "", nil)
}

// ProposeFromRecords starts a dossier for an award with the given subjects as its
// candidates, in one transaction: from the year-end list's ticked lines or a person's
// page. A subject that cannot be proposed refuses the whole, naming them.
func (s *Service) ProposeFromRecords(ctx context.Context, actor *tdkt.Account, in DossierInput, subjects []tdkt.Subject) (d tdkt.Dossier, err error) {
	if len(subjects) == 0 {
		return d, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"subject": "Hãy chọn ít nhất một người hoặc tập thể."}}
	}
	if err := in.validate(s.Now()); err != nil {
		return d, err
	}
	eng, err := s.Engine(ctx)
	if err != nil {
		return d, err
	}
	_, asOf := s.today()
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if d, err = s.createDossier(ctx, tx, actor, in); err != nil {
			return err
		}
		for _, sub := range subjects {
			if _, err := s.addCandidate(ctx, tx, eng, asOf, actor, d.ID, sub, ""); err != nil {
				return err
			}
		}
		return nil
	})
	return d, err
}

// autoTitle is the summary (trích yếu) of a dossier whose clerk left it empty.
func autoTitle(d tdkt.Dossier) string {
	return "Đề nghị tặng " + tdkt.Label(d.Award) + " năm " + strconv.Itoa(d.Year)
}

// UpdateDossier changes the text of a dossier while its unit still holds it (draft
// or returned for revision).
func (s *Service) UpdateDossier(ctx context.Context, actor *tdkt.Account, id int64, in DossierInput) (d tdkt.Dossier, err error) {
	if err := in.validate(s.Now()); err != nil {
		return d, err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var orgPath string
		d, orgPath, _, err = loadDossier(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if !actor.Sees(orgPath) || !actor.CanEditRecords() {
			return tdkt.Forbidden()
		}
		if d.Status != tdkt.DossierDraft && d.Status != tdkt.DossierReturned {
			return tdkt.Errorf(tdkt.EConflict, "Hồ sơ đã gửi đi (%s); chỉ sửa được khi còn là bản nháp hoặc bị trả lại.", tdkt.StatusLabels[d.Status])
		}
		if d.Award != in.Award {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"award": "Không đổi được danh hiệu, hình thức của hồ sơ đã tạo; hãy tạo hồ sơ mới."}}
		}
		before := d
		if in.Version != d.Version {
			return tdkt.Conflict()
		}
		d.Kind, d.Year, d.PeriodFrom, d.Simplified, d.Title, d.Reason, d.Number, d.ProposedOn, d.Secret =
			in.Kind, in.Year, in.PeriodFrom, in.Simplified, in.Title, in.Reason, in.Number, in.ProposedOn, in.Secret
		if d.Title == "" {
			d.Title = autoTitle(d) // as the form promises: left empty, the system words it
		}
		if err := tx.UpdateDossierText(ctx, &d); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "dossier", d.ID, tdkt.Subject{}, d.OrgID, before, d)
	})
	return d, err
}

// GetDossier loads a dossier with its candidates, history, documents and the steps
// the actor may take.
func (s *Service) GetDossier(ctx context.Context, actor *tdkt.Account, id int64) (v DossierView, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		d, orgPath, holderPath, err := loadDossier(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if d.Candidates, err = tx.Candidates(ctx, id); err != nil {
			return err
		}
		if v.Events, err = tx.DossierEvents(ctx, id); err != nil {
			return err
		}
		if v.Files, err = tx.Files(ctx, id); err != nil {
			return err
		}
		if p, err := tx.PublicationOf(ctx, id); err == nil {
			v.Publication = &Publication{OpensOn: p.OpensOn, ClosesOn: p.ClosesOn, Summary: p.Summary}
		} else if tdkt.CodeOf(err) != tdkt.ENotFound {
			return err
		}
		v.Dossier, v.Steps = d, stepsFor(actor, &d, orgPath, holderPath)
		today, _ := s.today()
		v.Overdue = d.DueOn != "" && d.DueOn < today
		return nil
	})
	return v, err
}

// judge runs the rules engine on a candidate for the dossier's award and year on the
// date asOf, and stores the judgement on the candidate.
func (s *Service) judge(ctx context.Context, tx *sqldb.Tx, eng *rules.Engine, d *tdkt.Dossier, c *tdkt.Candidate, asOf rules.Date) error {
	var facts []sqldb.Facts
	var err error
	q := sqldb.FactsQuery{Path: "/", After: c.Subject.ID - 1, Limit: 1}
	switch c.Subject.Kind {
	case tdkt.Individual:
		facts, err = tx.PeopleFacts(ctx, q)
	case tdkt.Collective:
		facts, err = tx.CollectiveFacts(ctx, q)
	default:
		facts = []sqldb.Facts{{Kind: tdkt.Household, ID: c.Subject.ID}}
	}
	if err != nil {
		return err
	}
	if len(facts) == 0 || facts[0].ID != c.Subject.ID {
		return tdkt.NotFound("đối tượng được đề nghị")
	}
	var m *sqldb.MemberFigures
	if c.Subject.Kind == tdkt.Collective && facts[0].UnitOrgID != 0 {
		if m, err = s.unitFigures(ctx, tx, facts[0].UnitOrgID, d.Year); err != nil {
			return err
		}
	}
	var sub rules.Subject
	fillSubject(&sub, &facts[0], m)
	res := eng.Eligibility(&sub, d.Award, d.Year, asOf)
	if d.Kind != tdkt.KindMerit {
		// Only công trạng rewards rest on the records chains; the other kinds (sudden
		// achievements, movements, devotion…) are judged by people on their merits.
		res.Status = rules.NotEligible
		res.Reasons = append(res.Reasons, rules.Reason{Rule: "loai_hinh", Met: false, Basis: "Luật Thi đua, khen thưởng 2022, Điều 8",
			Message: "Khen thưởng " + strings.ToLower(tdkt.Label(string(d.Kind))) + " được xét theo thành tích cụ thể, không theo chuỗi hồ sơ hằng năm"})
	}
	reasons, _ := json.Marshal(struct {
		Reasons     []rules.Reason     `json:"reasons"`
		OtherRoutes []rules.Route      `json:"other_routes,omitempty"`
		Unverified  []rules.Unverified `json:"unverified,omitempty"`
	}{res.Reasons, res.OtherRoutes, res.Unverified})
	c.Status, c.RuleSet, c.Reasons = res.Status.String(), res.RuleSet, string(reasons)
	if c.ID != 0 {
		return tx.JudgeCandidate(ctx, c)
	}
	return nil
}

// unitFigures counts a unit's members' figures for a year, for a collective candidate.
func (s *Service) unitFigures(ctx context.Context, tx *sqldb.Tx, orgID int64, year int) (*sqldb.MemberFigures, error) {
	o, err := tx.OrgByID(ctx, orgID)
	if err != nil {
		return nil, err
	}
	m := &sqldb.MemberFigures{}
	for after := int64(0); ; {
		batch, err := tx.PeopleFacts(ctx, sqldb.FactsQuery{Path: o.Path, After: after, Limit: 2000, Codes: rules.RecordsRead(), TitlesOfYear: year})
		if err != nil || len(batch) == 0 {
			return m, err
		}
		for i := range batch {
			if batch[i].OrgID == orgID {
				m.Count(&batch[i], year)
			}
		}
		after = batch[len(batch)-1].ID
	}
}

// recordsRoute reports whether the award is decided on records for this dossier: a
// công trạng reward of an award the engine judges from records.
func recordsRoute(d *tdkt.Dossier) bool {
	return d.Kind == tdkt.KindMerit && rules.DecidedOnRecords(d.Award)
}

// candidateProblem says why a candidate may not go on, or "" when it may: on the
// records route the engine must find them eligible (a deferred subject waits); on a
// judgement route the unit must write why they deserve it.
func candidateProblem(d *tdkt.Dossier, c *tdkt.Candidate) string {
	switch {
	case c.Excluded:
		return ""
	case c.Status == "deferred":
		return c.Name + " đang bị xem xét kỷ luật, thanh tra hoặc xác minh; chưa được đề nghị (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4)."
	case recordsRoute(d) && c.Status != "eligible" && strings.TrimSpace(c.Justification) == "":
		return c.Name + " chưa đủ điều kiện theo hồ sơ: " + unmet(c.Reasons)
	case !recordsRoute(d) && strings.TrimSpace(c.Justification) == "":
		return "Cần ghi thành tích cụ thể của " + c.Name + " (khen thưởng này do Hội đồng xem xét, không xét theo chuỗi hồ sơ)."
	}
	return ""
}

// unmet joins the messages of the conditions the engine found unmet.
func unmet(reasonsJSON string) string {
	var r struct{ Reasons []rules.Reason }
	json.Unmarshal([]byte(reasonsJSON), &r)
	var parts []string
	for _, x := range r.Reasons {
		if !x.Met {
			parts = append(parts, x.Message)
		}
	}
	if len(parts) == 0 {
		return "không đạt tiêu chuẩn."
	}
	return strings.Join(parts, "; ") + "."
}

// AddCandidate proposes a subject of the dossier's unit. The engine judges them at
// once; on the records route someone ineligible is refused, with the reasons, unless
// the clerk writes an achievement for a judgement route; a subject under review is
// refused.
func (s *Service) AddCandidate(ctx context.Context, actor *tdkt.Account, dossierID int64, sub tdkt.Subject, justification string) (c tdkt.Candidate, err error) {
	eng, err := s.Engine(ctx)
	if err != nil {
		return c, err
	}
	_, asOf := s.today()
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		c, err = s.addCandidate(ctx, tx, eng, asOf, actor, dossierID, sub, justification)
		return err
	})
	return c, err
}

// addCandidate is AddCandidate inside the caller's transaction.
func (s *Service) addCandidate(ctx context.Context, tx *sqldb.Tx, eng *rules.Engine, asOf rules.Date, actor *tdkt.Account, dossierID int64, sub tdkt.Subject, justification string) (c tdkt.Candidate, err error) {
	d, orgPath, _, err := loadDossier(ctx, tx, actor, dossierID)
	if err != nil {
		return c, err
	}
	if !actor.Sees(orgPath) || !actor.CanEditRecords() {
		return c, tdkt.Forbidden()
	}
	if d.Status != tdkt.DossierDraft && d.Status != tdkt.DossierReturned {
		return c, tdkt.Errorf(tdkt.EConflict, "Hồ sơ đã gửi đi; chỉ thêm người khi hồ sơ còn là bản nháp hoặc bị trả lại.")
	}
	a, _ := tdkt.AwardByCode(d.Award)
	if !a.For(sub.Kind) {
		return c, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"subject": a.Name + " không trao cho " + tdkt.Label(string(sub.Kind)) + "."}}
	}
	c = tdkt.Candidate{DossierID: d.ID, Subject: sub, Justification: vn.NFCText(justification)}
	var path string
	switch sub.Kind {
	case tdkt.Individual:
		p, pp, err := tx.PersonByID(ctx, sub.ID)
		if err != nil {
			return c, err
		}
		c.Name, c.Position, c.Unit, c.OrgID, path = p.FullName, p.Position, p.OrgName, p.OrgID, pp
	case tdkt.Collective:
		x, pp, err := tx.CollectiveByID(ctx, sub.ID)
		if err != nil {
			return c, err
		}
		c.Name, c.Unit, c.OrgID, path = x.Name, x.OrgName, x.OrgID, pp
	case tdkt.Household:
		x, pp, err := tx.HouseholdByID(ctx, sub.ID)
		if err != nil {
			return c, err
		}
		c.Name, c.Position, c.Unit, c.OrgID, path = "Hộ "+x.HeadName, x.Address, x.OrgName, x.OrgID, pp
	}
	if !strings.HasPrefix(path, orgPath) {
		return c, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"subject": "Chỉ đề nghị được cá nhân, tập thể thuộc đơn vị " + d.OrgName + "."}}
	}
	// One achievement, one reward (Law 06/2022 Art 5(2)): an emulation title is given
	// once for a year. Forms are left to the council: one code stands for a ministry's
	// and a province's Bằng khen, which may reward different achievements of one year.
	// The message names the decision that gave the title.
	held, err := tx.Honours(ctx, sub)
	if err != nil {
		return c, err
	}
	for _, h := range held {
		if h.AwardCode == d.Award && h.Year == d.Year && !h.Revoked && a.Category == tdkt.Title {
			return c, &tdkt.Error{Code: tdkt.EInvalid, Message: "Không thể đề nghị người này.", Fields: map[string]string{"subject": c.Name + " đã được tặng " +
				tdkt.Label(d.Award) + " năm " + strconv.Itoa(d.Year) + " (Quyết định số " + h.Decision.Number + " ngày " + vn.FormatDate(h.Decision.Date) +
				" của " + h.Decision.Issuer + "): không đề nghị lại cho cùng thành tích (Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2)."}}
		}
	}
	if err := s.judge(ctx, tx, eng, &d, &c, asOf); err != nil {
		return c, err
	}
	if msg := candidateProblem(&d, &c); msg != "" {
		return c, &tdkt.Error{Code: tdkt.EInvalid, Message: "Không thể đề nghị người này.", Fields: map[string]string{"subject": msg}}
	}
	if err := tx.InsertCandidate(ctx, &c); err != nil {
		if strings.Contains(err.Error(), "dossier_candidates") || strings.Contains(strings.ToLower(err.Error()), "unique") {
			return c, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"subject": c.Name + " đã có trong hồ sơ."}}
		}
		return c, err
	}
	if err := tx.TouchDossier(ctx, d.ID); err != nil {
		return c, err
	}
	return c, s.audit(ctx, tx, actor, "add_candidate", "dossier", d.ID, sub, d.OrgID, nil, c)
}

// RemoveCandidate takes a candidate out of a dossier the unit still holds.
func (s *Service) RemoveCandidate(ctx context.Context, actor *tdkt.Account, dossierID, candidateID int64) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, orgPath, _, err := loadDossier(ctx, tx, actor, dossierID)
		if err != nil {
			return err
		}
		if !actor.Sees(orgPath) || !actor.CanEditRecords() {
			return tdkt.Forbidden()
		}
		if d.Status != tdkt.DossierDraft && d.Status != tdkt.DossierReturned {
			return tdkt.Errorf(tdkt.EConflict, "Hồ sơ đã gửi đi; chỉ bớt người khi hồ sơ còn là bản nháp hoặc bị trả lại.")
		}
		if err := tx.DeleteCandidate(ctx, dossierID, candidateID); err != nil {
			return err
		}
		if err := tx.TouchDossier(ctx, d.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "remove_candidate", "dossier", d.ID, tdkt.Subject{}, d.OrgID, map[string]int64{"candidate": candidateID}, nil)
	})
}

// Step takes a workflow action on a dossier read at version. It checks the actor's
// side and role against the workflow table, moves only from the expected status (a
// second, concurrent step is a Conflict), re-judges every candidate with the engine,
// sets the legal deadline of the next step in working days, and records the history.
// Deciding has its own use case (Decide), since it needs the decision's details.
func (s *Service) Step(ctx context.Context, actor *tdkt.Account, id int64, action tdkt.DossierAction, version int, note string) (d tdkt.Dossier, err error) {
	if action == tdkt.ActDecide {
		return d, &tdkt.Error{Code: tdkt.EInvalid, Message: "Ra quyết định cần số, ngày và người ký quyết định.", Fields: map[string]string{"action": "Dùng chức năng Ra quyết định."}}
	}
	eng, err := s.Engine(ctx)
	if err != nil {
		return d, err
	}
	note = vn.NFCText(note)
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		return s.step(ctx, tx, eng, actor, id, action, version, note, &d)
	})
	return d, err
}

func (s *Service) step(ctx context.Context, tx *sqldb.Tx, eng *rules.Engine, actor *tdkt.Account, id int64, action tdkt.DossierAction, version int, note string, out *tdkt.Dossier) error {
	d, orgPath, holderPath, err := loadDossier(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	t, ok := tdkt.StepFor(action, d.Status, d.Simplified, d.HolderLevel)
	if !ok || action == tdkt.ActPassOn && d.DueOn == "" {
		return tdkt.Errorf(tdkt.EConflict, "Không thể %s khi hồ sơ đang ở trạng thái “%s”.", actionLabel(action), tdkt.StatusLabelAt(d.Status, d.HolderLevel))
	}
	if !mayStep(actor, t, &d, orgPath, holderPath) {
		return tdkt.Forbidden()
	}
	if d.Version != version {
		return tdkt.Conflict()
	}
	if d.PeerID != 0 && t.Side == tdkt.Holder {
		return tdkt.Errorf(tdkt.EConflict, "Hồ sơ đang được xử lý ở hệ thống cấp trên; trạng thái sẽ được cập nhật khi có tin báo về.")
	}
	if t.Reason && strings.TrimSpace(note) == "" {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Cần ghi lý do.", Fields: map[string]string{"note": "Hãy ghi rõ lý do " + strings.ToLower(t.Label) + "."}}
	}
	before := d
	from := d.Status
	today, asOf := s.today()
	if d.Candidates, err = tx.Candidates(ctx, d.ID); err != nil {
		return err
	}
	if action != tdkt.ActReturn && action != tdkt.ActRefuse && action != tdkt.ActPassOn {
		if len(d.Candidates) == 0 {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Hồ sơ chưa có người được đề nghị.", Fields: map[string]string{"candidates": "Hãy thêm ít nhất một cá nhân, tập thể hoặc hộ gia đình."}}
		}
		var problems []string
		for i := range d.Candidates {
			c := &d.Candidates[i]
			if err := s.judge(ctx, tx, eng, &d, c, asOf); err != nil {
				return err
			}
			if msg := candidateProblem(&d, c); msg != "" {
				problems = append(problems, msg)
			}
		}
		if len(problems) > 0 {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Có người được đề nghị chưa đủ điều kiện; hãy bỏ họ ra khỏi hồ sơ hoặc bổ sung.",
				Fields: map[string]string{"candidates": strings.Join(problems, " ")}}
		}
	}
	d.Status, d.DueOn, d.DueRule = t.To, "", ""
	rs, _ := eng.RuleSetOn(asOf)
	due := func(key, label string) {
		if rs == nil {
			return
		}
		if dl, ok := rs.Deadline(key); ok {
			d.DueOn, d.DueRule = eng.Calendar().AddWorkingDays(asOf, dl.Days).String(), label+" ("+strconv.Itoa(dl.Days)+" ngày làm việc; "+dl.Basis+")"
		}
	}
	switch action {
	case tdkt.ActResubmit, tdkt.ActSubmit:
		if action == tdkt.ActResubmit {
			// Returned by the installation above: the revision goes back there.
			link, ok, err := tx.LinkOf(ctx, d.ID)
			if err != nil {
				return err
			}
			if ok && link.Direction == "sent" && link.State == exchange.StateReturned {
				h, err := tx.OrgByID(ctx, d.HolderOrgID)
				if err != nil {
					return err
				}
				peer, err := tx.PeerByID(ctx, link.PeerID)
				if err != nil {
					return err
				}
				if err := s.sendDossier(ctx, tx, actor, &d, h, peer, note); err != nil {
					return err
				}
				break
			}
		}
		if action == tdkt.ActResubmit && d.SenderOrgID != 0 && d.SenderOrgID != d.HolderOrgID {
			// Back up to the level that returned it.
			d.HolderOrgID, d.SenderOrgID = d.SenderOrgID, d.HolderOrgID
			break
		}
		d.SenderOrgID = d.OrgID
		o, err := tx.OrgByID(ctx, d.OrgID)
		if err != nil {
			return err
		}
		switch {
		case tdkt.In(d.Award, o.Confers):
			// The unit's own head confers it (a commune's Chiến sĩ thi đua cơ sở, a
			// province's Cờ thi đua): its own emulation office and council handle it.
			d.HolderOrgID = o.ID
		case o.ParentID == 0:
			return tdkt.Errorf(tdkt.EInvalid, "%s không có cấp trên để gửi hồ sơ.", o.Name)
		default:
			d.HolderOrgID = o.ParentID
		}
		if d.ProposedOn == "" {
			d.ProposedOn = today
		}
	case tdkt.ActReceive:
		due("tra_lai_ho_so", "Hạn trả lại hồ sơ chưa đầy đủ")
	case tdkt.ActAppraise:
		key := "tham_dinh_trinh_trung_uong"
		if h, err := tx.OrgByID(ctx, d.HolderOrgID); err == nil && h.Level == tdkt.LevelCommune {
			key = "tham_dinh_cap_xa"
		}
		due(key, "Hạn thẩm định")
	case tdkt.ActReturn:
		// Back to the level that sent it, which revises it (or returns it further down).
		d.HolderOrgID, d.SenderOrgID = d.SenderOrgID, d.HolderOrgID
		if d.HolderOrgID == 0 {
			d.HolderOrgID = d.OrgID
		}
	case tdkt.ActPassOn:
		d.DueOn, d.DueRule = "", ""
	case tdkt.ActPublish:
		due("lay_y_kien_nhan_dan", "Hết hạn lấy ý kiến nhân dân")
		if d.DueOn == "" {
			return tdkt.Errorf(tdkt.EInvalid, "Bộ quy tắc hiện hành không có thời hạn lấy ý kiến nhân dân.")
		}
		if err := tx.InsertPublication(ctx, d.ID, today, d.DueOn, publicSummary(&d)); err != nil {
			return err
		}
	case tdkt.ActToCouncil:
		if tdkt.NeedsPublicComment(d.Award) {
			p, err := tx.PublicationOf(ctx, d.ID)
			if err != nil {
				return tdkt.Errorf(tdkt.EInvalid, "%s phải được công khai lấy ý kiến nhân dân trước khi trình Hội đồng.", tdkt.Label(d.Award))
			}
			if today <= p.ClosesOn {
				return tdkt.Errorf(tdkt.EConflict, "Chưa hết thời hạn lấy ý kiến nhân dân (đến hết ngày %s, 10 ngày làm việc); Hội đồng chưa được xét.", vn.FormatDate(p.ClosesOn))
			}
		}
	case tdkt.ActApprove:
		if !d.Simplified || from == tdkt.DossierCouncil {
			passed := 0
			for i := range d.Candidates {
				c := &d.Candidates[i]
				c.Excluded = !c.Passed
				if c.Passed {
					passed++
				}
				if err := tx.SetCandidateOutcome(ctx, c); err != nil {
					return err
				}
			}
			if passed == 0 {
				return tdkt.Errorf(tdkt.EInvalid, "Chưa có người nào được Hội đồng thông qua; hãy kết thúc phiên bỏ phiếu trước khi phê duyệt.")
			}
		} else {
			for i := range d.Candidates {
				d.Candidates[i].Passed = true
				if err := tx.SetCandidateOutcome(ctx, &d.Candidates[i]); err != nil {
					return err
				}
			}
		}
	case tdkt.ActForward:
		h, err := tx.OrgByID(ctx, d.HolderOrgID)
		if err != nil {
			return err
		}
		if tdkt.In(d.Award, h.Confers) {
			return tdkt.Errorf(tdkt.EInvalid, "%s có thẩm quyền tặng %s; hãy ra quyết định thay vì trình cấp trên.", h.Name, tdkt.Label(d.Award))
		}
		if h.ParentID == 0 {
			// Above this installation's top level: to the installation registered as
			// the one above (the central board's, for a province).
			peer, ok, err := upstreamPeer(ctx, tx)
			if err != nil {
				return err
			}
			if !ok {
				return tdkt.Errorf(tdkt.EInvalid, "%s không có cấp trên để trình.", h.Name)
			}
			if err := s.sendDossier(ctx, tx, actor, &d, h, peer, note); err != nil {
				return err
			}
			break
		}
		d.HolderOrgID, d.SenderOrgID = h.ParentID, h.ID
	}
	if err := tx.MoveDossier(ctx, &d, from, s.stamp()); err != nil {
		return err
	}
	if err := s.recordStep(ctx, tx, actor, &d, action, from, note, before); err != nil {
		return err
	}
	if err := s.tellSender(ctx, tx, &d, action, note, nil); err != nil {
		return err
	}
	*out = d
	return nil
}

// publicSummary is what the portal shows of a dossier under public comment: names,
// positions and units, the award and the achievement; never a citizen ID, a birth date
// or contact details.
func publicSummary(d *tdkt.Dossier) string {
	var b strings.Builder
	b.WriteString("Đề nghị " + tdkt.Label(d.Award) + " cho:\n")
	for _, c := range d.Candidates {
		if c.Excluded {
			continue
		}
		line := "- " + c.Name
		if c.Position != "" && c.Subject.Kind == tdkt.Individual {
			line += ", " + c.Position
		}
		if c.Unit != "" {
			line += ", " + c.Unit
		}
		b.WriteString(line + "\n")
	}
	if d.Reason != "" {
		b.WriteString("Thành tích: " + d.Reason + "\n")
	}
	return b.String()
}

func actionLabel(a tdkt.DossierAction) string {
	for _, t := range tdkt.Workflow {
		if t.Action == a {
			return strings.ToLower(t.Label)
		}
	}
	return string(a)
}

// InboxItem is a dossier waiting for the actor's step, with its deadline.
type InboxItem struct {
	Dossier tdkt.Dossier
	Steps   []tdkt.Transition
	Overdue bool
}

// Inbox is "Việc cần làm": the dossiers on which the actor may take a step now,
// earliest deadline first, overdue ones marked, and how many per status.
type Inbox struct {
	Items    []InboxItem
	Counts   map[tdkt.DossierStatus]int
	Overdue  int
	Meetings []MeetingItem
}

// openStatuses are the statuses in which a dossier waits for someone's step.
var openStatuses = []tdkt.DossierStatus{tdkt.DossierDraft, tdkt.DossierReturned, tdkt.DossierSubmitted, tdkt.DossierReceived,
	tdkt.DossierAppraisal, tdkt.DossierPublicComment, tdkt.DossierCouncil, tdkt.DossierApproved}

// Inbox lists what waits for the actor.
func (s *Service) Inbox(ctx context.Context, actor *tdkt.Account) (box Inbox, err error) {
	box.Counts = map[tdkt.DossierStatus]int{}
	today, _ := s.today()
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		list, err := tx.Dossiers(ctx, sqldb.DossierFilter{Scope: actor.OrgPath, HeldBy: heldBy(actor), Limit: 1000,
			Statuses: openStatuses, DecisionsToPassOn: true})
		if err != nil {
			return err
		}
		for _, row := range list {
			d := row.Dossier
			steps := stepsFor(actor, &d, row.OrgPath, row.HolderPath)
			if len(steps) == 0 {
				continue
			}
			it := InboxItem{Dossier: d, Steps: steps, Overdue: d.DueOn != "" && d.DueOn < today}
			box.Items = append(box.Items, it)
			box.Counts[d.Status]++
			if it.Overdue {
				box.Overdue++
			}
		}
		return nil
	})
	if err != nil {
		return box, err
	}
	sortInbox(box.Items)
	box.Meetings, err = s.OpenBallots(ctx, actor)
	return box, err
}

// sortInbox puts the nearest deadline first and dossiers without one last.
func sortInbox(items []InboxItem) {
	key := func(it InboxItem) string {
		if it.Dossier.DueOn == "" {
			return "9999"
		}
		return it.Dossier.DueOn
	}
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && key(items[j]) < key(items[j-1]); j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

// Dossiers lists the dossiers the actor may see, the most recently moved first.
func (s *Service) Dossiers(ctx context.Context, actor *tdkt.Account, statuses []tdkt.DossierStatus) (out []tdkt.Dossier, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.Dossiers(ctx, sqldb.DossierFilter{Scope: actor.OrgPath, HeldBy: heldBy(actor), Statuses: statuses})
		for _, r := range rows {
			out = append(out, r.Dossier)
		}
		return err
	})
	return out, err
}

// InboxCount is how many things wait for the actor: the dossiers on which they may
// take a step, and the open meetings in which they sit. It is cheap enough for the
// navigation bar of every page.
func (s *Service) InboxCount(ctx context.Context, actor *tdkt.Account) (n int, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.Dossiers(ctx, sqldb.DossierFilter{Scope: actor.OrgPath, HeldBy: heldBy(actor), Limit: 1000,
			Statuses: openStatuses, DecisionsToPassOn: true})
		if err != nil {
			return err
		}
		for i := range rows {
			if len(stepsFor(actor, &rows[i].Dossier, rows[i].OrgPath, rows[i].HolderPath)) > 0 {
				n++
			}
		}
		meetings, err := tx.OpenMeetingsFor(ctx, actor.ID)
		n += len(meetings)
		return err
	})
	return n, err
}
