package api

import (
	"net/http"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// The public side: nominations open for the people's comment (Decree 152/2025 Art
// 44(2)) and the verification of a certificate by the token of its QR code. No
// sign-in; only what the law makes public is sent: never a citizen ID, a birth date
// or the contact a commenter left.

// nominationJSON is a nomination under public comment.
type nominationJSON struct {
	DossierID int64  `json:"dossier_id" api:"req"`
	Award     string `json:"award" api:"req,enum=award"`
	AwardName string `json:"award_name" api:"req"`
	OrgName   string `json:"org_name" doc:"Cơ quan lấy ý kiến"`
	OpensOn   string `json:"opens_on" api:"req,date"`
	ClosesOn  string `json:"closes_on" api:"req,date" doc:"Nhận ý kiến đến hết ngày này"`
	DaysLeft  int    `json:"days_left" doc:"Số ngày làm việc còn lại, kể cả hôm nay"`
	Summary   string `json:"summary" api:"req" doc:"Người được đề nghị (họ tên, chức vụ, đơn vị) và thành tích"`
}

type nominationList struct {
	Items []nominationJSON `json:"items" api:"req"`
}

// nominationDetailJSON is a nomination with the comments received and their answers.
type nominationDetailJSON struct {
	nominationJSON
	Comments []publicCommentJSON `json:"comments" api:"req"`
}

// publicCommentJSON is a comment as the portal shows it: without the contact.
type publicCommentJSON struct {
	ID         int64  `json:"id"`
	Name       string `json:"name" api:"req"`
	Body       string `json:"body" api:"req"`
	CreatedAt  string `json:"created_at"`
	Answer     string `json:"answer,omitempty" doc:"Trả lời của cơ quan lấy ý kiến"`
	AnsweredAt string `json:"answered_at,omitempty"`
}

// commentInput is the body of POST /nominations/{id}/comments.
type commentInput struct {
	Name    string `json:"name" api:"req" doc:"Họ tên người góp ý"`
	Contact string `json:"contact,omitempty" doc:"Điện thoại hoặc thư điện tử; chỉ cán bộ xử lý thấy, không công khai"`
	Body    string `json:"body" api:"req" doc:"Nội dung ý kiến, 5–4.000 ký tự"`
}

// verificationJSON is what the public verification of a certificate says.
type verificationJSON struct {
	Name        string         `json:"name" api:"req" doc:"Cá nhân, tập thể hoặc hộ gia đình được khen thưởng"`
	Unit        string         `json:"unit,omitempty"`
	Award       awardRefJSON   `json:"award" api:"req"`
	Year        int            `json:"year"`
	Decision    verifyDecision `json:"decision" api:"req"`
	Serial      string         `json:"serial" api:"req" doc:"Số thứ tự trong quyết định (số sổ vàng)"`
	Status      string         `json:"status" api:"req,enum=certificate_status" doc:"valid: còn hiệu lực; revoked: đã bị hủy bỏ, thu hồi"`
	RevokedAt   string         `json:"revoked_at,omitempty" doc:"Thời điểm thu hồi (RFC 3339)"`
	Reason      string         `json:"reason,omitempty" doc:"Lý do thu hồi"`
	Achievement string         `json:"achievement,omitempty" doc:"Thành tích ghi trong hồ sơ đề nghị"`
}

type awardRefJSON struct {
	Code string `json:"code" api:"req,enum=award"`
	Name string `json:"name" api:"req"`
}

type verifyDecision struct {
	Number      string `json:"number" api:"req"`
	Date        string `json:"date" api:"req,date"`
	Issuer      string `json:"issuer" api:"req"`
	Signer      string `json:"signer,omitempty"`
	SignerTitle string `json:"signer_title,omitempty"`
}

func (h *handlers) publicRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/nominations", Handle: h.nominations, Op: operation{ID: "listNominations", Tag: tagPublic, Public: true,
			Summary: "Các đề nghị khen thưởng đang lấy ý kiến nhân dân (không cần đăng nhập)", Resp: "NominationList"}},
		{Method: "GET", Path: prefix + "/nominations/{id}", Handle: h.nomination, Op: operation{ID: "getNomination", Tag: tagPublic, Public: true,
			Summary: "Một đề nghị đã công khai, với các ý kiến và câu trả lời (không cần đăng nhập)", Resp: "NominationDetail"}},
		{Method: "POST", Path: prefix + "/nominations/{id}/comments", Handle: h.comment, Op: operation{ID: "addComment", Tag: tagPublic, Public: true,
			Summary: "Gửi ý kiến về một đề nghị đang lấy ý kiến (không cần đăng nhập; 429 khi một địa chỉ gửi quá nhiều)",
			Body:    "CommentInput", Status: http.StatusCreated, Resp: "PublicComment", Conflict: true, Limited: true}},
		{Method: "GET", Path: prefix + "/certificates/verify/{token}", Handle: h.verify, Op: operation{ID: "verifyCertificate", Tag: tagPublic, Public: true,
			Summary: "Xác minh bằng, giấy khen theo mã trên mã QR (không cần đăng nhập)", Resp: "Verification"}},
	}
}

func toNomination(n core.OpenNomination) nominationJSON {
	return nominationJSON{DossierID: n.DossierID, Award: n.Award, AwardName: n.AwardName, OrgName: n.OrgName, OpensOn: n.OpensOn,
		ClosesOn: n.ClosesOn, DaysLeft: n.DaysLeft, Summary: n.Summary}
}

func toPublicComment(c sqldb.Comment) publicCommentJSON {
	return publicCommentJSON{ID: c.ID, Name: c.Name, Body: c.Body, CreatedAt: c.CreatedAt, Answer: c.Answer, AnsweredAt: c.AnsweredAt}
}

func (h *handlers) nominations(r *http.Request, _ *tdkt.Account) (any, error) {
	list, err := h.svc.OpenNominations(r.Context())
	return nominationList{Items: mapTo(list, toNomination)}, err
}

const nominationWhat = "đề nghị đang lấy ý kiến"

func (h *handlers) nomination(r *http.Request, _ *tdkt.Account) (any, error) {
	id, err := pathID(r, nominationWhat)
	if err != nil {
		return nil, err
	}
	n, comments, err := h.svc.Nomination(r.Context(), id)
	return nominationDetailJSON{nominationJSON: toNomination(n), Comments: mapTo(comments, toPublicComment)}, err
}

func (h *handlers) comment(r *http.Request, _ *tdkt.Account) (any, error) {
	id, err := pathID(r, nominationWhat)
	if err != nil {
		return nil, err
	}
	var in commentInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	c, err := h.svc.AddComment(r.Context(), id, in.Name, in.Contact, in.Body, clientIP(r))
	return toPublicComment(c), err
}

func (h *handlers) verify(r *http.Request, _ *tdkt.Account) (any, error) {
	token := r.PathValue("token")
	if token == "" || len(token) > 100 {
		return nil, tdkt.NotFound("bằng, giấy khen với mã này")
	}
	c, err := h.svc.Verify(r.Context(), token)
	if err != nil {
		return nil, err
	}
	return verificationJSON{Name: c.Name, Unit: c.Unit, Award: awardRefJSON{Code: c.AwardCode, Name: tdkt.Label(c.AwardCode)}, Year: c.Year,
		Decision: verifyDecision{Number: c.DecisionNumber, Date: c.DecidedOn, Issuer: c.Issuer, Signer: c.Signer, SignerTitle: c.SignerTitle},
		Serial:   c.Serial, Status: certStatus(c), RevokedAt: c.RevokedAt, Reason: c.RevokeReason, Achievement: c.Reason}, nil
}
