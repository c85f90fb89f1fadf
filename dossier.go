package tdkt

import "strconv"

// DossierStatus is where a nomination dossier (hồ sơ đề nghị khen thưởng) stands.
type DossierStatus string

// The statuses of a dossier. A forwarded dossier becomes "submitted" again in the
// parent organisation's inbox, with its history.
const (
	DossierDraft         DossierStatus = "draft"          // nháp, at the proposing unit
	DossierSubmitted     DossierStatus = "submitted"      // đã gửi, waiting to be received
	DossierReceived      DossierStatus = "received"       // đã tiếp nhận
	DossierAppraisal     DossierStatus = "appraisal"      // đang thẩm định
	DossierReturned      DossierStatus = "returned"       // trả lại để bổ sung
	DossierPublicComment DossierStatus = "public_comment" // đang lấy ý kiến nhân dân
	DossierCouncil       DossierStatus = "council"        // trình Hội đồng
	DossierApproved      DossierStatus = "approved"       // lãnh đạo đã phê duyệt
	DossierDecided       DossierStatus = "decided"        // đã có quyết định khen thưởng
	DossierRefused       DossierStatus = "refused"        // không khen thưởng
)

// DossierAction is a step of the workflow.
type DossierAction string

// The actions of the workflow.
const (
	ActSubmit    DossierAction = "submit"
	ActReceive   DossierAction = "receive"
	ActAppraise  DossierAction = "appraise"
	ActReturn    DossierAction = "return"
	ActResubmit  DossierAction = "resubmit"
	ActPublish   DossierAction = "publish"
	ActToCouncil DossierAction = "to_council"
	ActApprove   DossierAction = "approve"
	ActDecide    DossierAction = "decide"
	ActForward   DossierAction = "forward"
	ActRefuse    DossierAction = "refuse"
	ActPassOn    DossierAction = "pass_on"
)

// Side says whose step it is: the unit that proposed, or the level that holds the
// dossier now.
type Side string

// The sides.
const (
	Proposer Side = "proposer"
	Holder   Side = "holder"
)

// Transition is one line of the workflow: from which statuses an action may be taken,
// by which side and roles, and the status it leads to. The use cases check every step
// against this table, so the workflow is data.
type Transition struct {
	Action DossierAction
	From   []DossierStatus
	To     DossierStatus
	Side   Side
	Roles  []Role
	// Reason: the step needs a written reason (a return, a refusal).
	Reason bool
	// Simplified: the step exists only under the simplified procedure (Law Art 85):
	// a sudden achievement is approved without council and public comment.
	Simplified bool
	Label      string
	// Levels, when set, are the only holder levels where the line applies. The
	// President's level has only its own lines: the Prime Minister's submission arrives
	// there and the President's decision (or refusal) is recorded.
	Levels []Level
}

// AppliesAt reports whether the line applies to a dossier held at level l. The
// proposing side's lines apply wherever the dossier is held.
func (t Transition) AppliesAt(l Level) bool {
	if len(t.Levels) > 0 {
		return In(l, t.Levels)
	}
	return l != LevelState || t.Side == Proposer
}

// LabelAt is the step's name at the holder's level: at the central level the head
// decides outside tdkt, so approving is the board's submission to the Prime Minister,
// forwarding is the Prime Minister's submission to the President, and deciding records
// the decision signed on paper (Law Art 79; Decree 152/2025 on the central procedure).
func (t Transition) LabelAt(l Level) string {
	if DecidedOutside(l) && len(t.Levels) == 0 {
		if s, ok := centralLabels[t.Action]; ok {
			return s
		}
	}
	return t.Label
}

var centralLabels = map[DossierAction]string{
	ActToCouncil: "Trình Hội đồng Thi đua – Khen thưởng Trung ương",
	ActApprove:   "Trình Thủ tướng Chính phủ",
	ActForward:   "Trình Chủ tịch nước (tờ trình của Thủ tướng Chính phủ)",
	ActDecide:    "Ghi nhận quyết định khen thưởng",
	ActRefuse:    "Ghi nhận không khen thưởng",
}

// StatusLabelAt is the status's name for a dossier held at level l.
func StatusLabelAt(s DossierStatus, l Level) string {
	switch {
	case l == LevelState && s == DossierSubmitted:
		return "Thủ tướng Chính phủ đã trình Chủ tịch nước"
	case l == LevelCentral && s == DossierApproved:
		return "Đã trình Thủ tướng Chính phủ"
	case l == LevelCentral && s == DossierCouncil:
		return "Trình Hội đồng Thi đua – Khen thưởng Trung ương"
	}
	return StatusLabels[s]
}

var (
	clerks  = []Role{RoleAdmin, RoleClerk}
	leaders = []Role{RoleAdmin, RoleLeader}
)

// Workflow is the dossier workflow.
var Workflow = []Transition{
	{ActSubmit, []DossierStatus{DossierDraft}, DossierSubmitted, Proposer, clerks, false, false, "Gửi hồ sơ lên cấp trên", nil},
	{ActResubmit, []DossierStatus{DossierReturned}, DossierSubmitted, Proposer, clerks, false, false, "Gửi lại hồ sơ đã bổ sung", nil},
	{ActReceive, []DossierStatus{DossierSubmitted}, DossierReceived, Holder, clerks, false, false, "Tiếp nhận hồ sơ", nil},
	{ActAppraise, []DossierStatus{DossierReceived}, DossierAppraisal, Holder, clerks, false, false, "Bắt đầu thẩm định", nil},
	{ActReturn, []DossierStatus{DossierReceived, DossierAppraisal}, DossierReturned, Holder, clerks, true, false, "Trả lại để bổ sung", nil},
	{ActPublish, []DossierStatus{DossierAppraisal}, DossierPublicComment, Holder, clerks, false, false, "Công khai lấy ý kiến nhân dân", nil},
	{ActToCouncil, []DossierStatus{DossierAppraisal, DossierPublicComment}, DossierCouncil, Holder, clerks, false, false, "Trình Hội đồng Thi đua – Khen thưởng", nil},
	{ActApprove, []DossierStatus{DossierCouncil}, DossierApproved, Holder, leaders, false, false, "Phê duyệt kết quả", nil},
	{ActApprove, []DossierStatus{DossierReceived, DossierAppraisal}, DossierApproved, Holder, leaders, false, true, "Phê duyệt theo thủ tục đơn giản", nil},
	{ActDecide, []DossierStatus{DossierApproved}, DossierDecided, Holder, leaders, false, false, "Ra quyết định khen thưởng", nil},
	{ActForward, []DossierStatus{DossierApproved}, DossierSubmitted, Holder, leaders, false, false, "Trình cấp trên", nil},
	{ActRefuse, []DossierStatus{DossierSubmitted, DossierReceived, DossierAppraisal, DossierPublicComment, DossierCouncil, DossierApproved}, DossierRefused, Holder, leaders, true, false, "Không khen thưởng", nil},
	// A decision taken above is passed on to the units and people within the deadline
	// (Decree 152/2025; Quyết định 311/QĐ-BNV: 10 working days at each level).
	{ActPassOn, []DossierStatus{DossierDecided}, DossierDecided, Proposer, clerks, false, false, "Đã chuyển quyết định đến đơn vị, cá nhân", nil},
	// The President decides on the Prime Minister's submission; the central board
	// records the decision or the refusal (Law Art 79(1)).
	{ActDecide, []DossierStatus{DossierSubmitted}, DossierDecided, Holder, leaders, false, false, "Ghi nhận quyết định của Chủ tịch nước", []Level{LevelState}},
	{ActRefuse, []DossierStatus{DossierSubmitted}, DossierRefused, Holder, leaders, true, false, "Ghi nhận Chủ tịch nước không khen thưởng", []Level{LevelState}},
}

// StepFor finds the transition for an action from a status at the holder's level; ok
// is false when the action is not possible from there.
func StepFor(a DossierAction, from DossierStatus, simplified bool, at Level) (Transition, bool) {
	for _, t := range Workflow {
		if t.Action == a && In(from, t.From) && (!t.Simplified || simplified) && t.AppliesAt(at) {
			return t, true
		}
	}
	return Transition{}, false
}

// StatusLabels are the Vietnamese names of the statuses.
var StatusLabels = map[DossierStatus]string{
	DossierDraft: "Nháp", DossierSubmitted: "Đã gửi, chờ tiếp nhận", DossierReceived: "Đã tiếp nhận",
	DossierAppraisal: "Đang thẩm định", DossierReturned: "Trả lại để bổ sung", DossierPublicComment: "Đang lấy ý kiến nhân dân",
	DossierCouncil: "Trình Hội đồng", DossierApproved: "Đã phê duyệt", DossierDecided: "Đã có quyết định", DossierRefused: "Không khen thưởng",
}

// NeedsPublicComment reports whether nominees for an award must be published for
// comment before the council considers them: Huân chương, the state honorary titles
// and Chiến sĩ thi đua toàn quốc (Decree 98/2023 Art 46; Decree 152/2025 Art 44(2),
// 10 working days).
func NeedsPublicComment(award string) bool {
	return IsStateAward(award) || award == "chien_si_thi_dua_toan_quoc"
}

// Dossier is a unit's proposal of one or more candidates for one award and one kind
// of reward.
type Dossier struct {
	ID          int64
	OrgID       int64 // the proposing unit
	HolderOrgID int64 // the level whose inbox holds it now
	// SenderOrgID is the organisation that sent it to its holder: the proposing unit, or
	// the level below that forwarded it. A return goes back to it.
	SenderOrgID int64
	HolderLevel Level // filled by queries
	// Secret marks a dossier that carries state secrets (hồ sơ mật): it never travels
	// electronically, and PaperPath says how its paper went.
	Secret    bool
	PaperPath string
	// PeerID is the other installation that holds it now (docs/exchange.md), 0 when
	// it is held here.
	PeerID      int64
	Award       string
	Kind        RewardKind
	Year        int // the assessment year (the last year of the achievement period)
	PeriodFrom  int
	Simplified  bool
	Title       string // trích yếu
	Reason      string // the achievement, as the decision will word it
	Status      DossierStatus
	StatusSince string // RFC 3339
	DueOn       string // YYYY-MM-DD: the legal deadline of the current step, if any
	DueRule     string // which deadline, with its basis
	Number      string // the proposal letter's number (Số …/TTr-…)
	ProposedOn  string // YYYY-MM-DD
	Version     int
	// FirstNominee and Nominees tell the dossier apart in lists where titles repeat
	// ("Đề nghị tặng Bằng khen … năm 2025" of many units): filled by queries.
	FirstNominee string
	Nominees     int
	OrgName      string
	HolderName   string
	Candidates   []Candidate
	MovementID   int64 // the emulation movement whose review proposes it, 0 for none
}

// Candidate is one subject proposed in a dossier, with the rules engine's latest
// judgement and, later, the council's tally and the award given.
type Candidate struct {
	ID            int64
	DossierID     int64
	Subject       Subject
	Name          string
	Position      string
	Unit          string
	OrgID         int64
	Status        string // the engine's: eligible, not_eligible, deferred
	RuleSet       string
	Reasons       string // JSON of the engine's reasons
	Justification string // required for an award that needs judgement
	YesVotes      int
	Voters        int
	Passed        bool
	Excluded      bool
	AmountVND     int64
	HonourID      int64
}

// DossierEvent is one step in a dossier's history, shown to the proposing unit so that
// it always knows where its dossier is and why.
type DossierEvent struct {
	ID        int64
	DossierID int64
	At        string
	Actor     string
	OrgName   string
	Action    DossierAction
	From, To  DossierStatus
	Note      string
	// Label is the step's name as it was taken (Transition.LabelAt the holder's level
	// then); empty for older events.
	Label string
}

// Label names a dossier in a list: its number, its first nominee and how many more,
// and its summary, so that dossiers with the same summary are told apart.
func (d Dossier) Label() string {
	s := "Hồ sơ số " + strconv.FormatInt(d.ID, 10)
	if d.FirstNominee != "" {
		s += " · " + d.FirstNominee
		if d.Nominees > 1 {
			s += " và " + strconv.Itoa(d.Nominees-1) + " người khác"
		}
	}
	return s + " · " + d.Title
}
