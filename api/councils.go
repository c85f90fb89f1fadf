package api

import (
	"net/http"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// The councils (Hội đồng Thi đua – Khen thưởng) and their meetings. A vote is
// secret: the API says whether a member has voted, never how; the tallies appear
// only once the meeting is closed.

// councilJSON is a council with its members.
type councilJSON struct {
	ID            int64               `json:"id"`
	OrgID         int64               `json:"org_id" api:"req"`
	Name          string              `json:"name" api:"req"`
	EstablishedBy string              `json:"established_by,omitempty" doc:"Quyết định thành lập"`
	TermFrom      string              `json:"term_from" api:"req,date"`
	TermTo        string              `json:"term_to,omitempty" api:"date"`
	Version       int                 `json:"version"`
	Members       []councilMemberJSON `json:"members" api:"req"`
}

type councilMemberJSON struct {
	ID        int64  `json:"id"`
	AccountID int64  `json:"account_id,omitempty" doc:"Tài khoản bỏ phiếu"`
	Name      string `json:"name"`
	Position  string `json:"position,omitempty"`
	Chair     bool   `json:"chair"`
	OrgID     int64  `json:"org_id"`
}

type councilList struct {
	Items []councilJSON `json:"items" api:"req"`
}

func toCouncilMember(m sqldb.CouncilMember) councilMemberJSON {
	return councilMemberJSON{ID: m.ID, AccountID: m.AccountID, Name: m.Name, Position: m.Position, Chair: m.Chair, OrgID: m.OrgID}
}

func toCouncil(c sqldb.Council) councilJSON {
	return councilJSON{ID: c.ID, OrgID: c.OrgID, Name: c.Name, EstablishedBy: c.EstablishedBy, TermFrom: c.TermFrom, TermTo: c.TermTo,
		Version: c.Version, Members: mapTo(c.Members, toCouncilMember)}
}

// councilInput is the body of POST /councils.
type councilInput struct {
	OrgID         int64                    `json:"org_id" api:"req" doc:"Cơ quan, đơn vị có Hội đồng"`
	Name          string                   `json:"name" api:"req"`
	EstablishedBy string                   `json:"established_by,omitempty" doc:"Quyết định thành lập"`
	TermFrom      string                   `json:"term_from" api:"req,date"`
	TermTo        string                   `json:"term_to,omitempty" api:"date"`
	Members       []councilMemberInputJSON `json:"members" api:"req" doc:"Thành viên: tài khoản thuộc cây đơn vị của org_id"`
}

type councilMemberInputJSON struct {
	Login    string `json:"login" api:"req" doc:"Tài khoản của thành viên"`
	Position string `json:"position,omitempty"`
	Chair    bool   `json:"chair" doc:"Chủ tịch Hội đồng"`
}

// meetingInput is the body of POST /councils/{id}/meetings.
type meetingInput struct {
	HeldOn     string  `json:"held_on" api:"req,date"`
	Place      string  `json:"place,omitempty"`
	DossierIDs []int64 `json:"dossier_ids" api:"req" doc:"Hồ sơ đã trình Hội đồng này"`
}

// meetingJSON is a meeting as the caller sees it: its agenda, and for a member
// whether each candidate is a conflict of theirs and whether they have voted.
type meetingJSON struct {
	ID           int64              `json:"id"`
	CouncilID    int64              `json:"council_id"`
	CouncilName  string             `json:"council_name"`
	CouncilOrgID int64              `json:"council_org_id"`
	HeldOn       string             `json:"held_on" api:"date"`
	Place        string             `json:"place,omitempty"`
	Status       string             `json:"status" api:"req,enum=meeting_status"`
	Members      int                `json:"members" doc:"Tổng số thành viên Hội đồng"`
	Version      int                `json:"version" doc:"Phiên bản; bắt buộc khi kết thúc phiên"`
	DossierIDs   []int64            `json:"dossier_ids" api:"req"`
	Member       *councilMemberJSON `json:"member,omitempty" doc:"Ghế của tài khoản trong Hội đồng; không có khi tài khoản không là thành viên"`
	Lines        []ballotLineJSON   `json:"lines" api:"req"`
}

// ballotLineJSON is a candidate of the agenda. The tally fields appear only after
// the meeting is closed, and no answer ever says how a member voted.
type ballotLineJSON struct {
	DossierID    int64           `json:"dossier_id"`
	DossierTitle string          `json:"dossier_title"`
	Award        string          `json:"award" api:"enum=award"`
	AwardName    string          `json:"award_name"`
	Candidate    ballotCandidate `json:"candidate" api:"req"`
	Conflict     string          `json:"conflict,omitempty" doc:"Vì sao thành viên phải rút khỏi việc bỏ phiếu cho người này"`
	Voted        bool            `json:"voted" doc:"Thành viên đã bỏ phiếu (không nói bỏ phiếu thế nào)"`
	Recused      bool            `json:"recused" doc:"Thành viên đã rút khỏi việc bỏ phiếu"`
	YesVotes     *int            `json:"yes_votes,omitempty" doc:"Chỉ có sau khi kết thúc phiên"`
	Required     *int            `json:"required,omitempty" doc:"Số phiếu đồng ý cần có; chỉ có sau khi kết thúc phiên"`
	Threshold    string          `json:"threshold,omitempty" doc:"Tỷ lệ và căn cứ; chỉ có sau khi kết thúc phiên"`
	Passed       *bool           `json:"passed,omitempty" doc:"Được thông qua; chỉ có sau khi kết thúc phiên"`
}

type ballotCandidate struct {
	ID       int64       `json:"id" api:"req"`
	Subject  subjectJSON `json:"subject"`
	Name     string      `json:"name"`
	Position string      `json:"position,omitempty"`
	Unit     string      `json:"unit,omitempty"`
}

const meetingClosed = "closed"

func toMeeting(mi core.MeetingItem) meetingJSON {
	m := mi.Meeting
	out := meetingJSON{ID: m.ID, CouncilID: m.CouncilID, CouncilName: m.CouncilName, CouncilOrgID: m.CouncilOrgID, HeldOn: m.HeldOn,
		Place: m.Place, Status: m.Status, Members: mi.Members, Version: m.Version, DossierIDs: nonNil(m.DossierIDs), Lines: []ballotLineJSON{}}
	if mi.Member != nil {
		me := toCouncilMember(*mi.Member)
		out.Member = &me
	}
	closed := m.Status == meetingClosed
	for _, l := range mi.Lines {
		c := l.Candidate
		line := ballotLineJSON{DossierID: l.Dossier.ID, DossierTitle: l.Dossier.Title, Award: l.Dossier.Award, AwardName: tdkt.Label(l.Dossier.Award),
			Candidate: ballotCandidate{ID: c.ID, Subject: subjectJSON{Kind: c.Subject.Kind, ID: c.Subject.ID}, Name: c.Name, Position: c.Position, Unit: c.Unit},
			Conflict:  l.Conflict, Voted: l.Voted, Recused: l.Recused}
		if closed {
			yes, req, passed := c.YesVotes, l.Required, c.Passed
			line.YesVotes, line.Required, line.Threshold, line.Passed = &yes, &req, l.Threshold, &passed
		}
		out.Lines = append(out.Lines, line)
	}
	return out
}

// voteInput is the body of POST /meetings/{id}/votes.
type voteInput struct {
	CandidateID int64 `json:"candidate_id" api:"req"`
	Yes         *bool `json:"yes" api:"req" doc:"true: đồng ý; false: không đồng ý"`
}

// recusalInput is the body of POST /meetings/{id}/recusals.
type recusalInput struct {
	CandidateID int64  `json:"candidate_id" api:"req"`
	Reason      string `json:"reason,omitempty" doc:"Lý do; để trống khi tdkt đã nêu xung đột (conflict)"`
}

// versionInput is a body that carries only the version read.
type versionInput struct {
	Version int `json:"version" api:"req" doc:"Phiên bản đã đọc"`
}

func (h *handlers) councilRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/orgs/{id}/councils", Handle: h.listCouncils, Op: operation{ID: "listCouncils", Tag: tagCouncils,
			Summary: "Các Hội đồng của một đơn vị, nhiệm kỳ mới trước", Resp: "CouncilList"}},
		{Method: "POST", Path: prefix + "/councils", Handle: h.createCouncil, Op: operation{ID: "createCouncil", Tag: tagCouncils,
			Summary: "Thành lập Hội đồng (lãnh đạo, quản trị của đơn vị)", Body: "CouncilInput", Status: http.StatusCreated, Resp: "Council"}},
		{Method: "POST", Path: prefix + "/councils/{id}/meetings", Handle: h.openMeeting, Op: operation{ID: "openMeeting", Tag: tagCouncils,
			Summary: "Mở phiên họp với các hồ sơ đã trình Hội đồng", Body: "MeetingInput", Status: http.StatusCreated, Resp: "Meeting"}},
		{Method: "GET", Path: prefix + "/meetings/{id}", Handle: h.getMeeting, Op: operation{ID: "getMeeting", Tag: tagCouncils,
			Summary: "Phiên họp: người được đề nghị, xung đột lợi ích, đã bỏ phiếu hay chưa; kết quả chỉ có sau khi kết thúc", Resp: "Meeting"}},
		{Method: "POST", Path: prefix + "/meetings/{id}/votes", Handle: h.vote, Op: operation{ID: "vote", Tag: tagCouncils,
			Summary: "Bỏ phiếu kín cho một người được đề nghị; 409 khi đã bỏ phiếu hoặc có xung đột lợi ích", Body: "VoteInput",
			Status: http.StatusNoContent, Conflict: true}},
		{Method: "POST", Path: prefix + "/meetings/{id}/recusals", Handle: h.recuse, Op: operation{ID: "recuse", Tag: tagCouncils,
			Summary: "Rút khỏi việc bỏ phiếu cho một người được đề nghị", Body: "RecusalInput", Status: http.StatusNoContent, Conflict: true}},
		{Method: "POST", Path: prefix + "/meetings/{id}/close", Handle: h.closeMeeting, Op: operation{ID: "closeMeeting", Tag: tagCouncils,
			Summary: "Kết thúc bỏ phiếu và kiểm phiếu theo tỷ lệ trên tổng số thành viên", Body: "VersionInput", Resp: "Meeting", Conflict: true}},
	}
}

const meetingWhat = "phiên họp"

func (h *handlers) listCouncils(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "đơn vị")
	if err != nil {
		return nil, err
	}
	list, err := h.svc.Councils(r.Context(), a, id)
	return councilList{Items: mapTo(list, toCouncil)}, err
}

func (h *handlers) createCouncil(r *http.Request, a *tdkt.Account) (any, error) {
	var in councilInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	ci := core.CouncilInput{OrgID: in.OrgID, Name: in.Name, EstablishedBy: in.EstablishedBy, TermFrom: in.TermFrom, TermTo: in.TermTo}
	for _, m := range in.Members {
		ci.Members = append(ci.Members, core.CouncilMemberInput{Login: m.Login, Position: m.Position, Chair: m.Chair})
	}
	c, err := h.svc.CreateCouncil(r.Context(), a, ci)
	return toCouncil(c), err
}

func (h *handlers) openMeeting(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "Hội đồng")
	if err != nil {
		return nil, err
	}
	var in meetingInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	m, err := h.svc.OpenMeeting(r.Context(), a, id, in.HeldOn, in.Place, in.DossierIDs)
	if err != nil {
		return nil, renameFields(err, map[string]string{"dossiers": "dossier_ids"})
	}
	mi, err := h.svc.Meeting(r.Context(), a, m.ID)
	return toMeeting(mi), err
}

func (h *handlers) getMeeting(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, meetingWhat)
	if err != nil {
		return nil, err
	}
	mi, err := h.svc.Meeting(r.Context(), a, id)
	return toMeeting(mi), err
}

func (h *handlers) vote(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, meetingWhat)
	if err != nil {
		return nil, err
	}
	var in voteInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.Yes == nil {
		return nil, invalid("yes", "Cần true (đồng ý) hoặc false (không đồng ý).")
	}
	return nil, h.svc.Vote(r.Context(), a, id, in.CandidateID, *in.Yes)
}

func (h *handlers) recuse(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, meetingWhat)
	if err != nil {
		return nil, err
	}
	var in recusalInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	return nil, h.svc.Recuse(r.Context(), a, id, in.CandidateID, in.Reason)
}

func (h *handlers) closeMeeting(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, meetingWhat)
	if err != nil {
		return nil, err
	}
	var in versionInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := needVersion(in.Version); err != nil {
		return nil, err
	}
	mi, err := h.svc.CloseMeeting(r.Context(), a, id, in.Version)
	return toMeeting(mi), err
}
