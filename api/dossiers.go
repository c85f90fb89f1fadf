package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// The nomination dossiers (hồ sơ đề nghị khen thưởng): a unit proposes candidates
// for an award, the levels above receive, appraise, publish, put to the council,
// approve and decide; every step is one POST /dossiers/{id}/steps with the version
// the client read, so that two people cannot take the same step twice.

// dossierStatuses are the statuses in the order of the workflow.
var dossierStatuses = []tdkt.DossierStatus{tdkt.DossierDraft, tdkt.DossierSubmitted, tdkt.DossierReceived, tdkt.DossierAppraisal,
	tdkt.DossierReturned, tdkt.DossierPublicComment, tdkt.DossierCouncil, tdkt.DossierApproved, tdkt.DossierDecided, tdkt.DossierRefused}

// dossierActions are the actions of the workflow, each once.
var dossierActions = func() (out []tdkt.DossierAction) {
	for _, t := range tdkt.Workflow {
		if !tdkt.In(t.Action, out) {
			out = append(out, t.Action)
		}
	}
	return out
}()

// dossierJSON is a dossier without its candidates and history: a line of a list,
// and the body of POST and PUT /dossiers (the read-only fields are ignored there).
type dossierJSON struct {
	ID          int64              `json:"id" api:"ro"`
	OrgID       int64              `json:"org_id" api:"req" doc:"Đơn vị đề nghị"`
	OrgName     string             `json:"org_name,omitempty" api:"ro"`
	HolderOrgID int64              `json:"holder_org_id" api:"ro" doc:"Cấp đang giữ hồ sơ"`
	HolderName  string             `json:"holder_name,omitempty" api:"ro"`
	Award       string             `json:"award" api:"req,enum=award" doc:"Mã trong danh mục GET /api/v1/awards; không đổi được sau khi tạo"`
	AwardName   string             `json:"award_name,omitempty" api:"ro"`
	Kind        tdkt.RewardKind    `json:"kind,omitempty" api:"enum=reward_kind" doc:"Loại hình khen thưởng; mặc định cong_trang"`
	Year        int                `json:"year" api:"req" doc:"Năm xét (năm cuối của thời kỳ thành tích)"`
	PeriodFrom  int                `json:"period_from,omitempty" doc:"Năm đầu của thời kỳ thành tích; mặc định bằng year"`
	Simplified  bool               `json:"simplified" doc:"Thủ tục đơn giản (chỉ với khen thưởng đột xuất)"`
	Title       string             `json:"title,omitempty" doc:"Trích yếu; để trống thì tự đặt"`
	Reason      string             `json:"reason,omitempty" doc:"Thành tích, như quyết định sẽ ghi"`
	Number      string             `json:"number,omitempty" doc:"Số tờ trình"`
	ProposedOn  string             `json:"proposed_on,omitempty" api:"date" doc:"Ngày tờ trình; mặc định ngày gửi"`
	Status      tdkt.DossierStatus `json:"status,omitempty" api:"ro,enum=dossier_status"`
	StatusLabel string             `json:"status_label,omitempty" api:"ro"`
	StatusSince string             `json:"status_since,omitempty" api:"ro" doc:"Thời điểm chuyển sang trạng thái hiện tại (RFC 3339)"`
	DueOn       string             `json:"due_on,omitempty" api:"ro,date" doc:"Hạn của bước tiếp theo theo quy định, nếu có"`
	DueRule     string             `json:"due_rule,omitempty" api:"ro" doc:"Hạn nào, căn cứ nào"`
	Version     int                `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa và khi chuyển bước"`
	Secret      *bool              `json:"secret,omitempty" doc:"Hồ sơ mật: không bao giờ gửi qua mạng giữa các hệ thống; không gửi thì giữ nguyên"`
	PaperPath   string             `json:"paper_path,omitempty" api:"ro" doc:"Đường gửi bản giấy của hồ sơ mật"`
	SenderOrgID int64              `json:"sender_org_id,omitempty" api:"ro" doc:"Cấp đã gửi hồ sơ đến cấp đang giữ"`
	HolderLevel tdkt.Level         `json:"holder_level,omitempty" api:"ro,enum=level"`
	PeerID      int64              `json:"peer_id,omitempty" api:"ro" doc:"Hệ thống liên thông đang giữ hồ sơ (GET /api/v1/exchange/messages?dossier_id=…)"`
}

type dossierList struct {
	Items []dossierJSON `json:"items" api:"req"`
}

func toDossier(d tdkt.Dossier) dossierJSON {
	a, _ := tdkt.AwardByCode(d.Award)
	return dossierJSON{ID: d.ID, OrgID: d.OrgID, OrgName: d.OrgName, HolderOrgID: d.HolderOrgID, HolderName: d.HolderName,
		Award: d.Award, AwardName: a.Name, Kind: d.Kind, Year: d.Year, PeriodFrom: d.PeriodFrom, Simplified: d.Simplified,
		Title: d.Title, Reason: d.Reason, Number: d.Number, ProposedOn: d.ProposedOn, Status: d.Status,
		StatusLabel: tdkt.StatusLabelAt(d.Status, d.HolderLevel), StatusSince: d.StatusSince, DueOn: d.DueOn, DueRule: d.DueRule, Version: d.Version,
		Secret: &d.Secret, PaperPath: d.PaperPath, SenderOrgID: d.SenderOrgID, HolderLevel: d.HolderLevel, PeerID: d.PeerID}
}

func (j dossierJSON) input() core.DossierInput {
	return core.DossierInput{OrgID: j.OrgID, Award: j.Award, Kind: j.Kind, Year: j.Year, PeriodFrom: j.PeriodFrom, Simplified: j.Simplified,
		Title: j.Title, Reason: j.Reason, Number: j.Number, ProposedOn: j.ProposedOn, Version: j.Version, Secret: j.Secret != nil && *j.Secret}
}

// candidateJSON is a subject proposed in a dossier with the engine's judgement and,
// once every meeting on the dossier has closed, the council's tally.
type candidateJSON struct {
	ID            int64           `json:"id" api:"ro"`
	Subject       subjectJSON     `json:"subject" api:"req"`
	Name          string          `json:"name" api:"req"`
	Position      string          `json:"position,omitempty"`
	Unit          string          `json:"unit,omitempty"`
	OrgID         int64           `json:"org_id"`
	Status        string          `json:"status" api:"req,enum=eligibility" doc:"Nhận định của bộ quy tắc: eligible, not_eligible, deferred"`
	RuleSet       string          `json:"rule_set,omitempty" doc:"Bộ quy tắc đã dùng"`
	Reasons       json.RawMessage `json:"reasons" api:"req" doc:"Các điều kiện và kết quả của bộ quy tắc, như POST /api/v1/check trả về"`
	Justification string          `json:"justification,omitempty" doc:"Thành tích cụ thể, bắt buộc với khen thưởng do Hội đồng xem xét"`
	YesVotes      *int            `json:"yes_votes,omitempty" doc:"Số phiếu đồng ý; chỉ có khi mọi phiên họp về hồ sơ đã kết thúc"`
	Voters        *int            `json:"voters,omitempty" doc:"Số thành viên đã bỏ phiếu; chỉ có khi mọi phiên họp đã kết thúc"`
	Passed        *bool           `json:"passed,omitempty" doc:"Hội đồng thông qua; chỉ có khi mọi phiên họp đã kết thúc"`
	Excluded      bool            `json:"excluded" doc:"Không được đưa vào quyết định"`
	AmountVND     int64           `json:"amount_vnd,omitempty" doc:"Tiền thưởng theo quyết định, đồng"`
	HonourID      int64           `json:"honour_id,omitempty" doc:"Danh hiệu, hình thức đã ghi vào hồ sơ của đối tượng"`
}

// eligibilities are the judgements of the engine on a candidate.
var eligibilities = []string{"eligible", "not_eligible", "deferred"}

// rawObject is the stored JSON of the engine's reasons as an object: {} when there
// is none or it is not an object.
func rawObject(s string) json.RawMessage {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") && json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	return json.RawMessage("{}")
}

func toCandidate(c tdkt.Candidate, tally bool) candidateJSON {
	out := candidateJSON{ID: c.ID, Subject: subjectJSON{Kind: c.Subject.Kind, ID: c.Subject.ID}, Name: c.Name, Position: c.Position,
		Unit: c.Unit, OrgID: c.OrgID, Status: c.Status, RuleSet: c.RuleSet, Reasons: rawObject(c.Reasons), Justification: c.Justification,
		Excluded: c.Excluded, AmountVND: c.AmountVND, HonourID: c.HonourID}
	if tally {
		out.YesVotes, out.Voters, out.Passed = &c.YesVotes, &c.Voters, &c.Passed
	}
	return out
}

// candidateInput is the body of POST /dossiers/{id}/candidates.
type candidateInput struct {
	Subject       subjectJSON `json:"subject" api:"req" doc:"Cá nhân, tập thể hoặc hộ gia đình thuộc đơn vị đề nghị"`
	Justification string      `json:"justification,omitempty" doc:"Thành tích cụ thể; bắt buộc với khen thưởng không xét theo chuỗi hồ sơ"`
}

// stepJSON is an action the account may take on a dossier now.
type stepJSON struct {
	Action      tdkt.DossierAction `json:"action" api:"req,enum=dossier_action"`
	Label       string             `json:"label" api:"req" doc:"Tên bước, tiếng Việt"`
	NeedsReason bool               `json:"needs_reason" api:"req" doc:"Phải ghi lý do (note) khi làm bước này"`
}

func toSteps(ts []tdkt.Transition, at tdkt.Level) []stepJSON {
	out := []stepJSON{}
	for _, t := range ts {
		out = append(out, stepJSON{Action: t.Action, Label: t.LabelAt(at), NeedsReason: t.Reason})
	}
	return out
}

// stepInput is the body of POST /dossiers/{id}/steps.
type stepInput struct {
	Action  tdkt.DossierAction `json:"action" api:"req,enum=dossier_action"`
	Version int                `json:"version" api:"req" doc:"Phiên bản hồ sơ đã đọc"`
	Note    string             `json:"note,omitempty" doc:"Ghi chú; bắt buộc khi bước cần lý do (trả lại, không khen thưởng)"`
}

// eventJSON is a step of the dossier's history.
type eventJSON struct {
	ID      int64              `json:"id"`
	At      string             `json:"at" api:"req" doc:"Thời điểm (RFC 3339)"`
	Actor   string             `json:"actor" doc:"Tài khoản đã làm"`
	OrgName string             `json:"org_name,omitempty" doc:"Đơn vị của tài khoản"`
	Action  tdkt.DossierAction `json:"action" api:"req" doc:"Bước: create hoặc một action của quy trình"`
	Label   string             `json:"label,omitempty"`
	From    tdkt.DossierStatus `json:"from,omitempty"`
	To      tdkt.DossierStatus `json:"to,omitempty"`
	Note    string             `json:"note,omitempty"`
}

func toEvent(e tdkt.DossierEvent) eventJSON {
	label := "Tạo hồ sơ"
	if e.Action != "create" {
		label = ""
		for _, t := range tdkt.Workflow {
			if t.Action == e.Action {
				label = t.Label
				break
			}
		}
	}
	if e.Label != "" {
		label = e.Label
	}
	return eventJSON{ID: e.ID, At: e.At, Actor: e.Actor, OrgName: e.OrgName, Action: e.Action, Label: label, From: e.From, To: e.To, Note: e.Note}
}

// fileJSON describes a document of a dossier, without its content.
func toFile(f sqldb.DossierFile) fileJSON {
	return fileJSON{ID: f.ID, Kind: f.Kind, Name: f.Name, Mime: f.Mime, Size: f.Size, SHA256: f.SHA256, CreatedAt: f.CreatedAt, CreatedBy: f.CreatedBy}
}

type fileJSON struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	Mime      string `json:"mime"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"`
	CreatedAt string `json:"created_at"`
	CreatedBy string `json:"created_by"`
}

// publicationJSON is a dossier's public comment window.
type publicationJSON struct {
	OpensOn  string `json:"opens_on" api:"req,date"`
	ClosesOn string `json:"closes_on" api:"req,date"`
	Summary  string `json:"summary" doc:"Nội dung công khai trên cổng thông tin"`
}

// dossierDetailJSON is a dossier with everything its page shows.
type dossierDetailJSON struct {
	dossierJSON
	Candidates  []candidateJSON  `json:"candidates" api:"req"`
	History     []eventJSON      `json:"history" api:"req" doc:"Các bước đã qua, cũ trước"`
	Files       []fileJSON       `json:"files" api:"req" doc:"Tài liệu kèm theo (chỉ thông tin, không có nội dung)"`
	Publication *publicationJSON `json:"publication,omitempty" doc:"Đợt lấy ý kiến nhân dân, nếu có"`
	Overdue     bool             `json:"overdue" api:"req" doc:"Đã quá hạn của bước hiện tại"`
	Steps       []stepJSON       `json:"steps" api:"req" doc:"Các bước tài khoản được làm ngay bây giờ"`
}

// decisionInput is the body of POST /dossiers/{id}/decision.
type decisionInput struct {
	Number      string `json:"number" api:"req" doc:"Số quyết định, 215/QĐ-UBND"`
	Date        string `json:"date" api:"req,date"`
	Signer      string `json:"signer" api:"req" doc:"Người ký"`
	SignerTitle string `json:"signer_title,omitempty" doc:"Chức vụ người ký"`
	Version     int    `json:"version" api:"req" doc:"Phiên bản hồ sơ đã đọc"`
}

// decisionRecordJSON is a reward decision issued on a dossier.
type decisionRecordJSON struct {
	ID          int64  `json:"id"`
	DossierID   int64  `json:"dossier_id"`
	OrgID       int64  `json:"org_id" doc:"Cơ quan ban hành"`
	Number      string `json:"number" api:"req"`
	Date        string `json:"date" api:"req,date"`
	Signer      string `json:"signer"`
	SignerTitle string `json:"signer_title,omitempty"`
	Issuer      string `json:"issuer" api:"req"`
	Award       string `json:"award" api:"enum=award"`
	AwardName   string `json:"award_name"`
	TotalVND    int64  `json:"total_vnd" doc:"Tổng tiền thưởng, đồng"`
	RuleSet     string `json:"rule_set,omitempty"`
	CorrectedAt string `json:"corrected_at,omitempty" doc:"Thời điểm đính chính gần nhất (RFC 3339)"`
	Correction  string `json:"correction_reason,omitempty" doc:"Văn bản và nội dung đính chính gần nhất"`
}

// correctionInput is the body of POST /decisions/{id}/corrections.
type correctionInput struct {
	Number      string `json:"number" api:"req" doc:"Số quyết định sau đính chính"`
	Date        string `json:"date" api:"req,date" doc:"Ngày quyết định sau đính chính"`
	Signer      string `json:"signer" api:"req"`
	SignerTitle string `json:"signer_title,omitempty"`
	Reason      string `json:"reason" api:"req" doc:"Văn bản đính chính và nội dung sai sót"`
}

func toDecisionRecord(d sqldb.DecisionRow) decisionRecordJSON {
	return decisionRecordJSON{ID: d.ID, DossierID: d.DossierID, OrgID: d.OrgID, Number: d.Number, Date: d.DecidedOn, Signer: d.Signer,
		SignerTitle: d.SignerTitle, Issuer: d.Issuer, Award: d.AwardCode, AwardName: tdkt.Label(d.AwardCode), TotalVND: d.TotalVND, RuleSet: d.RuleSet,
		CorrectedAt: d.CorrectedAt, Correction: d.CorrectionReason}
}

// certificateJSON is a certificate (bằng, giấy khen) of a decision, for the staff.
type certificateJSON struct {
	ID           int64       `json:"id"`
	Serial       string      `json:"serial" doc:"Số thứ tự trong danh sách của quyết định (số sổ vàng)"`
	Subject      subjectJSON `json:"subject"`
	Name         string      `json:"name"`
	Position     string      `json:"position,omitempty"`
	Unit         string      `json:"unit,omitempty"`
	Award        string      `json:"award" api:"enum=award"`
	AwardName    string      `json:"award_name"`
	Year         int         `json:"year"`
	AmountVND    int64       `json:"amount_vnd"`
	HonourID     int64       `json:"honour_id"`
	Status       string      `json:"status" api:"req,enum=certificate_status"`
	RevokedAt    string      `json:"revoked_at,omitempty"`
	RevokeReason string      `json:"revoke_reason,omitempty"`
	Token        string      `json:"token" doc:"Mã xác minh in trên mã QR"`
	VerifyPath   string      `json:"verify_path" doc:"Đường dẫn xác minh công khai"`
}

type certificateList struct {
	Decision decisionRecordJSON `json:"decision" api:"req"`
	Items    []certificateJSON  `json:"items" api:"req"`
}

func certStatus(c sqldb.CertificateRow) string {
	if c.RevokedAt != "" {
		return "revoked"
	}
	return "valid"
}

func toCertificate(c sqldb.CertificateRow) certificateJSON {
	return certificateJSON{ID: c.ID, Serial: c.Serial, Subject: subjectJSON{Kind: c.SubjectKind, ID: c.SubjectID}, Name: c.Name,
		Position: c.Position, Unit: c.Unit, Award: c.AwardCode, AwardName: tdkt.Label(c.AwardCode), Year: c.Year, AmountVND: c.AmountVND,
		HonourID: c.HonourID, Status: certStatus(c), RevokedAt: c.RevokedAt, RevokeReason: c.RevokeReason, Token: c.Token,
		VerifyPath: prefix + "/certificates/verify/" + c.Token}
}

// revokeInput is the body of POST /certificates/{id}/revoke.
type revokeInput struct {
	Reason string `json:"reason" api:"req" doc:"Lý do hủy bỏ, thu hồi (Luật Thi đua, khen thưởng 2022, Điều 93)"`
}

// inboxJSON is "Việc cần làm".
type inboxJSON struct {
	Items       []inboxItemJSON `json:"items" api:"req" doc:"Hồ sơ chờ tài khoản làm một bước, hạn gần nhất trước"`
	Counts      map[string]int  `json:"counts" api:"req" doc:"Số hồ sơ theo trạng thái"`
	Overdue     int             `json:"overdue" api:"req" doc:"Số hồ sơ đã quá hạn"`
	OpenBallots []meetingJSON   `json:"open_ballots" api:"req" doc:"Các phiên họp đang bỏ phiếu mà tài khoản là thành viên"`
}

type inboxItemJSON struct {
	Dossier dossierJSON `json:"dossier" api:"req"`
	Steps   []stepJSON  `json:"steps" api:"req"`
	Overdue bool        `json:"overdue" api:"req"`
}

// staffCommentJSON is a comment of the public on a dossier, with the contact the
// commenter left: for the staff who answer it only.
type staffCommentJSON struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Contact    string `json:"contact,omitempty"`
	Body       string `json:"body"`
	CreatedAt  string `json:"created_at"`
	Answer     string `json:"answer,omitempty"`
	AnsweredBy string `json:"answered_by,omitempty"`
	AnsweredAt string `json:"answered_at,omitempty"`
	Status     string `json:"status" doc:"held (chờ cán bộ xem, chưa công khai), published (đã công bố) hoặc rejected (không công bố)"`
}

type staffCommentList struct {
	Items []staffCommentJSON `json:"items" api:"req"`
}

// moderateInput is the body of POST /dossiers/{id}/comments/{cid}/moderate.
type moderateInput struct {
	Publish bool `json:"publish" api:"req" doc:"true: công bố ý kiến trên cổng thông tin; false: không công bố"`
}

// answerInput is the body of POST /dossiers/{id}/comments/{cid}/answer.
type answerInput struct {
	Answer string `json:"answer" api:"req" doc:"Trả lời, được công khai cùng ý kiến"`
}

const (
	tagDossiers = "Hồ sơ đề nghị khen thưởng"
	tagCouncils = "Hội đồng Thi đua – Khen thưởng"
	tagPublic   = "Công khai"
)

func (h *handlers) dossierRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/inbox", Handle: h.inbox, Op: operation{ID: "getInbox", Tag: tagDossiers,
			Summary: "Việc cần làm: hồ sơ chờ tài khoản làm một bước, với thời hạn; các phiên bỏ phiếu đang mở", Resp: "Inbox"}},
		{Method: "GET", Path: prefix + "/dossiers", Handle: h.listDossiers, Op: operation{ID: "listDossiers", Tag: tagDossiers,
			Summary: "Hồ sơ đề nghị do cây đơn vị của tài khoản đề nghị hoặc đang giữ, mới chuyển bước trước", Resp: "DossierList",
			Query: []param{{"status", "string", "Lọc theo trạng thái; nhiều trạng thái cách nhau bằng dấu phẩy"}}}},
		{Method: "POST", Path: prefix + "/dossiers", Handle: h.createDossier, Op: operation{ID: "createDossier", Tag: tagDossiers,
			Summary: "Lập hồ sơ đề nghị (bản nháp)", Body: "Dossier", Status: http.StatusCreated, Resp: "DossierDetail"}},
		{Method: "GET", Path: prefix + "/dossiers/{id}", Handle: h.getDossier, Op: operation{ID: "getDossier", Tag: tagDossiers,
			Summary: "Hồ sơ với người được đề nghị, quá trình xử lý, tài liệu và các bước được làm", Resp: "DossierDetail"}},
		{Method: "PUT", Path: prefix + "/dossiers/{id}", Handle: h.updateDossier, Op: operation{ID: "updateDossier", Tag: tagDossiers,
			Summary: "Sửa nội dung hồ sơ khi còn là bản nháp hoặc bị trả lại", Body: "Dossier", Resp: "DossierDetail"}},
		{Method: "POST", Path: prefix + "/dossiers/{id}/candidates", Handle: h.addCandidate, Op: operation{ID: "addCandidate", Tag: tagDossiers,
			Summary: "Thêm người được đề nghị; bộ quy tắc xét ngay, người chưa đủ điều kiện bị từ chối (422, trường subject)",
			Body:    "CandidateInput", Status: http.StatusCreated, Resp: "Candidate", Conflict: true}},
		{Method: "DELETE", Path: prefix + "/dossiers/{id}/candidates/{cid}", Handle: h.removeCandidate, Op: operation{ID: "removeCandidate", Tag: tagDossiers,
			Summary: "Bớt người được đề nghị khi hồ sơ còn là bản nháp hoặc bị trả lại", Status: http.StatusNoContent,
			Query: []param{{"version", "integer", "Phiên bản hồ sơ đã đọc"}}}},
		{Method: "POST", Path: prefix + "/dossiers/{id}/steps", Handle: h.step, Op: operation{ID: "stepDossier", Tag: tagDossiers,
			Summary: "Làm một bước của quy trình (gửi, tiếp nhận, thẩm định, trả lại, công khai, trình Hội đồng, phê duyệt, trình cấp trên, không khen thưởng); 409 khi người khác đã làm trước",
			Body:    "StepInput", Resp: "DossierDetail", Conflict: true}},
		{Method: "POST", Path: prefix + "/dossiers/{id}/decision", Handle: h.decide, Op: operation{ID: "decideDossier", Tag: tagDossiers,
			Summary: "Ra quyết định khen thưởng: ghi danh hiệu, tiền thưởng vào hồ sơ từng người, cấp bằng có mã xác minh",
			Body:    "DecisionInput", Status: http.StatusCreated, Resp: "DecisionRecord", Conflict: true}},
		{Method: "GET", Path: prefix + "/dossiers/{id}/certificates", Handle: h.certificates, Op: operation{ID: "listCertificates", Tag: tagDossiers,
			Summary: "Quyết định của hồ sơ và các bằng, giấy khen đã cấp", Resp: "CertificateList"}},
		{Method: "POST", Path: prefix + "/decisions/{id}/corrections", Handle: h.correctDecision, Op: operation{ID: "correctDecision", Tag: tagDossiers,
			Summary: "Đính chính số, ngày, người ký của quyết định (lãnh đạo cơ quan ban hành); danh hiệu, người nhận và tiền thưởng không đính chính được", Body: "CorrectionInput", Resp: "DecisionRecord"}},
		{Method: "POST", Path: prefix + "/certificates/{id}/revoke", Handle: h.revoke, Op: operation{ID: "revokeCertificate", Tag: tagDossiers,
			Summary: "Hủy bỏ, thu hồi bằng và danh hiệu, hình thức nó xác nhận (lãnh đạo cơ quan ban hành)", Body: "RevokeInput", Resp: "Certificate", Conflict: true}},
		{Method: "GET", Path: prefix + "/dossiers/{id}/comments", Handle: h.staffComments, Op: operation{ID: "listDossierComments", Tag: tagDossiers,
			Summary: "Ý kiến nhân dân về hồ sơ, kèm thông tin liên hệ (cho cán bộ xử lý)", Resp: "StaffCommentList"}},
		{Method: "POST", Path: prefix + "/dossiers/{id}/comments/{cid}/answer", Handle: h.answerComment, Op: operation{ID: "answerComment", Tag: tagDossiers,
			Summary: "Trả lời một ý kiến nhân dân; câu trả lời được công khai", Body: "AnswerInput", Status: http.StatusNoContent}},
		{Method: "POST", Path: prefix + "/dossiers/{id}/comments/{cid}/moderate", Handle: h.moderateComment, Op: operation{ID: "moderateComment", Tag: tagDossiers,
			Summary: "Công bố hoặc không công bố một ý kiến nhân dân đang chờ xem xét", Body: "ModerateInput", Status: http.StatusNoContent, Conflict: true}},
	}
}

// pathInt reads an id of the path other than {id}.
func pathInt(r *http.Request, name, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, tdkt.NotFound(what)
	}
	return id, nil
}

const dossierWhat = "hồ sơ"

func (h *handlers) listDossiers(r *http.Request, a *tdkt.Account) (any, error) {
	var statuses []tdkt.DossierStatus
	for _, v := range r.URL.Query()["status"] {
		for s := range strings.SplitSeq(v, ",") {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			if !tdkt.In(tdkt.DossierStatus(s), dossierStatuses) {
				return nil, invalid("status", "Không có trạng thái "+s+".")
			}
			statuses = append(statuses, tdkt.DossierStatus(s))
		}
	}
	list, err := h.svc.Dossiers(r.Context(), a, statuses)
	return dossierList{Items: mapTo(list, toDossier)}, err
}

func (h *handlers) createDossier(r *http.Request, a *tdkt.Account) (any, error) {
	var in dossierJSON
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	d, err := h.svc.CreateDossier(r.Context(), a, in.input())
	if err != nil {
		return nil, err
	}
	return h.dossierDetail(r, a, d.ID)
}

func (h *handlers) getDossier(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	return h.dossierDetail(r, a, id)
}

// dossierDetail reads a dossier as its page shows it. The council's tallies are
// shown only when no meeting on the dossier is still open: CastBallot counts as the
// ballots come, and a running count would tell the members how the others voted.
func (h *handlers) dossierDetail(r *http.Request, a *tdkt.Account, id int64) (any, error) {
	v, err := h.svc.GetDossier(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	var tally bool
	switch meetings, err := h.svc.MeetingsOfDossier(r.Context(), a, id); tdkt.CodeOf(err) {
	case "":
		tally = len(meetings) > 0
		for _, m := range meetings {
			if m.Meeting.Status != meetingClosed {
				tally = false
			}
		}
	case tdkt.ENotFound:
		// The meetings are the council's organisation's, out of the account's sight
		// (the proposing unit): an approved or decided dossier's vote is over.
		tally = v.Dossier.Status == tdkt.DossierApproved || v.Dossier.Status == tdkt.DossierDecided
	default:
		return nil, err
	}
	out := dossierDetailJSON{dossierJSON: toDossier(v.Dossier), Candidates: []candidateJSON{}, History: mapTo(v.Events, toEvent),
		Files: []fileJSON{}, Overdue: v.Overdue, Steps: toSteps(v.Steps, v.Dossier.HolderLevel)}
	for _, c := range v.Dossier.Candidates {
		out.Candidates = append(out.Candidates, toCandidate(c, tally))
	}
	out.Files = append(out.Files, mapTo(v.Files, toFile)...)
	if p := v.Publication; p != nil {
		out.Publication = &publicationJSON{OpensOn: p.OpensOn, ClosesOn: p.ClosesOn, Summary: p.Summary}
	}
	return out, nil
}

func (h *handlers) updateDossier(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	var in dossierJSON
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := needVersion(in.Version); err != nil {
		return nil, err
	}
	if in.Secret == nil { // not sent: kept as it is
		cur, err := h.svc.GetDossier(r.Context(), a, id)
		if err != nil {
			return nil, err
		}
		in.Secret = &cur.Dossier.Secret
	}
	if _, err := h.svc.UpdateDossier(r.Context(), a, id, in.input()); err != nil {
		return nil, err
	}
	return h.dossierDetail(r, a, id)
}

func (h *handlers) addCandidate(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	var in candidateInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if !tdkt.In(in.Subject.Kind, tdkt.SubjectKinds) || in.Subject.ID <= 0 {
		return nil, invalid("subject", "Cần subject {kind, id}: kind là một trong "+strings.Join(strs(tdkt.SubjectKinds), ", ")+".")
	}
	c, err := h.svc.AddCandidate(r.Context(), a, id, tdkt.Subject{Kind: in.Subject.Kind, ID: in.Subject.ID}, in.Justification)
	if err != nil {
		// A subject that does not exist is a wrong field of this request, not a
		// missing dossier.
		if tdkt.CodeOf(err) == tdkt.ENotFound {
			if _, derr := h.svc.GetDossier(r.Context(), a, id); derr == nil {
				return nil, invalid("subject", "Không có đối tượng này.")
			}
		}
		return nil, err
	}
	return toCandidate(c, false), nil
}

func (h *handlers) removeCandidate(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	cid, err := pathInt(r, "cid", "người được đề nghị")
	if err != nil {
		return nil, err
	}
	version, err := queryVersion(r)
	if err != nil {
		return nil, err
	}
	v, err := h.svc.GetDossier(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	if v.Dossier.Version != version {
		return nil, tdkt.Conflict()
	}
	return nil, h.svc.RemoveCandidate(r.Context(), a, id, cid)
}

func (h *handlers) step(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	var in stepInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if !tdkt.In(in.Action, dossierActions) {
		return nil, invalid("action", "Không có bước "+string(in.Action)+"; các bước: "+strings.Join(strs(dossierActions), ", ")+".")
	}
	if in.Action == tdkt.ActDecide {
		return nil, invalid("action", "Ra quyết định bằng POST /api/v1/dossiers/{id}/decision, với số, ngày và người ký.")
	}
	if err := needVersion(in.Version); err != nil {
		return nil, err
	}
	d, err := h.svc.Step(r.Context(), a, id, in.Action, in.Version, in.Note)
	if err != nil {
		return nil, err
	}
	out, err := h.dossierDetail(r, a, id)
	if tdkt.CodeOf(err) == tdkt.ENotFound {
		// The step moved the dossier out of the account's sight: answer what it did.
		return dossierDetailJSON{dossierJSON: toDossier(d), Candidates: []candidateJSON{}, History: []eventJSON{}, Files: []fileJSON{}, Steps: []stepJSON{}}, nil
	}
	return out, err
}

func (h *handlers) decide(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	var in decisionInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := needVersion(in.Version); err != nil {
		return nil, err
	}
	dec, err := h.svc.Decide(r.Context(), a, id, core.DecisionInput{Number: in.Number, Date: in.Date, Signer: in.Signer,
		SignerTitle: in.SignerTitle, Version: in.Version})
	return toDecisionRecord(dec), err
}

func (h *handlers) certificates(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	dec, certs, err := h.svc.Certificates(r.Context(), a, id)
	return certificateList{Decision: toDecisionRecord(dec), Items: mapTo(certs, toCertificate)}, err
}

func (h *handlers) correctDecision(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "quyết định")
	if err != nil {
		return nil, err
	}
	var in correctionInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	d, err := h.svc.CorrectDecision(r.Context(), a, id, core.DecisionCorrection{Number: in.Number, Date: in.Date, Signer: in.Signer,
		SignerTitle: in.SignerTitle, Reason: in.Reason})
	return toDecisionRecord(d), err
}

func (h *handlers) revoke(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "bằng, giấy khen")
	if err != nil {
		return nil, err
	}
	var in revokeInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	c, err := h.svc.Revoke(r.Context(), a, id, in.Reason)
	return toCertificate(c), err
}

func (h *handlers) inbox(r *http.Request, a *tdkt.Account) (any, error) {
	box, err := h.svc.Inbox(r.Context(), a)
	if err != nil {
		return nil, err
	}
	out := inboxJSON{Items: []inboxItemJSON{}, Counts: map[string]int{}, Overdue: box.Overdue, OpenBallots: mapTo(box.Meetings, toMeeting)}
	for _, it := range box.Items {
		out.Items = append(out.Items, inboxItemJSON{Dossier: toDossier(it.Dossier), Steps: toSteps(it.Steps, it.Dossier.HolderLevel), Overdue: it.Overdue})
	}
	for s, n := range box.Counts {
		out.Counts[string(s)] = n
	}
	return out, nil
}

func (h *handlers) staffComments(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	list, err := h.svc.Comments(r.Context(), a, id)
	return staffCommentList{Items: mapTo(list, func(c sqldb.Comment) staffCommentJSON {
		return staffCommentJSON{ID: c.ID, Name: c.Name, Contact: c.Contact, Body: c.Body, CreatedAt: c.CreatedAt, Answer: c.Answer,
			AnsweredBy: c.AnsweredBy, AnsweredAt: c.AnsweredAt, Status: c.Status}
	})}, err
}

func (h *handlers) answerComment(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	cid, err := pathInt(r, "cid", "ý kiến")
	if err != nil {
		return nil, err
	}
	var in answerInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	return nil, h.svc.AnswerComment(r.Context(), a, id, cid, in.Answer)
}

func (h *handlers) moderateComment(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	cid, err := pathInt(r, "cid", "ý kiến")
	if err != nil {
		return nil, err
	}
	var in moderateInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	return nil, h.svc.ModerateComment(r.Context(), a, id, cid, in.Publish)
}
