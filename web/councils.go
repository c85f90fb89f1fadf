package web

import (
	"net/http"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/vn"
)

// councilBox is a council with its members and the form that opens a meeting.
type councilBox struct {
	C        sqldb.Council
	Agenda   []tdkt.Dossier // dossiers held by its organisation and waiting for a council
	Form     Form
	Selected map[int64]bool
}

// councilsView is the councils of the account's organisation.
type councilsView struct {
	Page
	OrgName   string
	Councils  []councilBox
	CanCreate bool
	CanOpen   bool
	Create    Form
	// Candidates are the accounts the council's form offers to pick, with what was
	// chosen: ticked, their position, and the chair.
	Candidates []councilPick
}

// councilPick is one account of the council's picker.
type councilPick struct {
	ID            int64
	Name, Org     string
	Role          string
	Picked, Chair bool
	Position      string
}

func (h *handler) councilsPage(r *http.Request, actor *tdkt.Account) (councilsView, error) {
	ctx := r.Context()
	v := councilsView{Page: h.page(r, "Hội đồng Thi đua – Khen thưởng", "councils"), OrgName: actor.OrgName,
		CanCreate: actor.Role == tdkt.RoleAdmin || actor.Role == tdkt.RoleLeader,
		CanOpen:   actor.CanEditRecords() || actor.Role == tdkt.RoleLeader, Create: newForm()}
	cs, err := h.svc.Councils(ctx, actor, actor.OrgID)
	if err != nil {
		return v, err
	}
	if v.CanCreate {
		accts, err := h.svc.CouncilCandidates(ctx, actor)
		if err != nil {
			return v, err
		}
		for _, a := range accts {
			v.Candidates = append(v.Candidates, councilPick{ID: a.ID, Name: a.Name, Org: a.OrgName, Role: tdkt.Label(string(a.Role))})
		}
	}
	waiting, err := h.svc.Dossiers(ctx, actor, []tdkt.DossierStatus{tdkt.DossierCouncil})
	if err != nil {
		return v, err
	}
	today := h.svc.Now().In(vietnam).Format("02/01/2006")
	for _, c := range cs {
		b := councilBox{C: c, Form: newForm(), Selected: map[int64]bool{}}
		b.Form.Values["held_on"] = today
		for _, d := range waiting {
			if d.HolderOrgID == c.OrgID {
				b.Agenda = append(b.Agenda, d)
			}
		}
		v.Councils = append(v.Councils, b)
	}
	return v, nil
}

func (h *handler) councilList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	v, err := h.councilsPage(r, actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if f := listFormat(r); f != "" {
		h.councilExport(w, r, actor, f, v.Councils)
		return
	}
	v.Downloads = downloadsFor(r)
	h.render(w, r, http.StatusOK, "councils.html", v)
}

func (h *handler) councilCreate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, "name", "established_by", "term_from", "term_to")
	in := core.CouncilInput{OrgID: actor.OrgID, Name: f.Values["name"], EstablishedBy: f.Values["established_by"],
		TermFrom: isoDate(f.Values["term_from"]), TermTo: isoDate(f.Values["term_to"])}
	// The members are picked from the list of accounts (ticked, with a position and
	// the chair), never typed as login names.
	accts, err := h.svc.CouncilCandidates(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	picked := map[int64]bool{}
	for _, s := range r.PostForm["member"] {
		picked[atoi64(s)] = true
	}
	chair := atoi64(r.PostFormValue("chair"))
	for _, a := range accts {
		if !picked[a.ID] && a.ID != chair {
			continue
		}
		pos := vn.NFC(r.PostFormValue("position_" + id64(a.ID)))
		if pos == "" {
			pos = "Ủy viên"
			if a.ID == chair {
				pos = "Chủ tịch Hội đồng"
			}
		}
		m := core.CouncilMemberInput{Login: a.Login, Position: pos, Chair: a.ID == chair}
		if m.Chair { // the chair is listed first
			in.Members = append([]core.CouncilMemberInput{m}, in.Members...)
		} else {
			in.Members = append(in.Members, m)
		}
	}
	if len(in.Members) > 0 && chair == 0 {
		err = &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"members": "Hãy chọn Chủ tịch Hội đồng."}}
	} else {
		_, err = h.svc.CreateCouncil(r.Context(), actor, in)
	}
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			v, verr := h.councilsPage(r, actor)
			if verr != nil {
				h.fail(w, r, verr, nil)
				return
			}
			f.Errors = fields
			v.Create = f
			for i := range v.Candidates { // what was picked stays picked
				c := &v.Candidates[i]
				c.Picked, c.Chair, c.Position = picked[c.ID], c.ID == chair, r.PostFormValue("position_"+id64(c.ID))
			}
			h.render(w, r, http.StatusUnprocessableEntity, "councils.html", v)
		})
		return
	}
	http.Redirect(w, r, "/app/councils?saved=1", http.StatusSeeOther)
}

func (h *handler) meetingOpen(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	r.ParseForm()
	f := formFrom(r, "held_on", "place")
	var ids []int64
	selected := map[int64]bool{}
	for _, s := range r.PostForm["dossier"] {
		if n := atoi64(s); n > 0 {
			ids = append(ids, n)
			selected[n] = true
		}
	}
	m, err := h.svc.OpenMeeting(r.Context(), actor, id, isoDate(f.Values["held_on"]), f.Values["place"], ids)
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			v, verr := h.councilsPage(r, actor)
			if verr != nil {
				h.fail(w, r, verr, nil)
				return
			}
			f.Errors = fields
			for i := range v.Councils {
				if v.Councils[i].C.ID == id {
					v.Councils[i].Form, v.Councils[i].Selected = f, selected
				}
			}
			h.render(w, r, http.StatusUnprocessableEntity, "councils.html", v)
		})
		return
	}
	http.Redirect(w, r, "/app/meetings/"+id64(m.ID), http.StatusSeeOther)
}

// ballotRow is one candidate of a meeting as the account sees it. How anyone voted
// is never on it: only whether this member has voted and, once closed, the tally.
type ballotRow struct {
	L          core.BallotLine
	AwardName  string
	DossierURL string
	Error      string // a refused recusal's message
}

// meetingView is a council meeting: the ballot for a member, the tally once closed.
type meetingView struct {
	Page
	M        sqldb.Meeting
	Member   *sqldb.CouncilMember
	Members  int
	Open     bool
	Rows     []ballotRow
	CanClose bool
	Docs     []docLink
	// Signing is the block "Ký số" of a closed meeting; Alert a refused upload's
	// message that has no row to go to.
	Signing []signDoc
	Alert   string
}

func (h *handler) meetingPage(r *http.Request, actor *tdkt.Account) (meetingView, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return meetingView{}, err
	}
	mi, err := h.svc.Meeting(r.Context(), actor, id)
	if err != nil {
		return meetingView{}, err
	}
	m := mi.Meeting
	v := meetingView{Page: h.page(r, "Phiên họp "+m.CouncilName, "councils"), M: m, Member: mi.Member, Members: mi.Members,
		Open: m.Status == "open"}
	if m.Members > 0 {
		v.Members = m.Members
	}
	_, oerr := h.svc.Org(r.Context(), actor, m.CouncilOrgID, "")
	v.CanClose = v.Open && oerr == nil && (actor.Role == tdkt.RoleLeader || actor.Role == tdkt.RoleAdmin)
	if !v.Open {
		// The minutes and the ballot count exist once the vote is over.
		base := "/app/meetings/" + id64(m.ID) + "/documents/"
		v.Docs = []docLink{{Label: "Biên bản họp Hội đồng", PDF: base + "bien-ban.pdf"}, {Label: "Biên bản kiểm phiếu", PDF: base + "kiem-phieu.pdf"}}
		if err := h.meetingSigning(r.Context(), actor, &v); err != nil {
			return v, err
		}
	}
	for _, l := range mi.Lines {
		v.Rows = append(v.Rows, ballotRow{L: l, AwardName: tdkt.Label(l.Dossier.Award), DossierURL: "/app/dossiers/" + id64(l.Dossier.ID)})
	}
	return v, nil
}

func (h *handler) meetingShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	v, err := h.meetingPage(r, actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.render(w, r, http.StatusOK, "meeting.html", v)
}

// voteConfirmView asks a member to confirm a ballot before it is cast: a vote
// cannot be taken back, and one tap on a phone is easily a mistake.
type voteConfirmView struct {
	Page
	MeetingID int64
	Row       ballotRow
	Yes       bool
}

func (h *handler) meetingVote(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	yes := r.PostFormValue("yes")
	if err == nil && yes != "1" && yes != "0" {
		err = tdkt.Errorf(tdkt.EInvalid, "Hãy chọn Đồng ý hoặc Không đồng ý.")
	}
	cid := atoi64(r.PostFormValue("candidate"))
	if err == nil && r.PostFormValue("confirm") != "1" {
		v, verr := h.meetingPage(r, actor)
		if verr != nil {
			h.fail(w, r, verr, nil)
			return
		}
		for _, row := range v.Rows {
			// A line the member may not vote on goes to Vote, which says why.
			if row.L.Candidate.ID == cid && v.Open && v.Member != nil && !row.L.Voted && !row.L.Recused && row.L.Conflict == "" {
				h.render(w, r, http.StatusOK, "vote_confirm.html", voteConfirmView{Page: h.page(r, "Xác nhận phiếu bầu", "councils"),
					MeetingID: id, Row: row, Yes: yes == "1"})
				return
			}
		}
	}
	if err == nil {
		err = h.svc.Vote(r.Context(), actor, id, cid, yes == "1")
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/meetings/"+id64(id)+"?done=voted#c-"+id64(cid), http.StatusSeeOther)
}

func (h *handler) meetingRecuse(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	cid := atoi64(r.PostFormValue("candidate"))
	if err := h.svc.Recuse(r.Context(), actor, id, cid, vn.NFC(r.PostFormValue("reason"))); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			v, verr := h.meetingPage(r, actor)
			if verr != nil {
				h.fail(w, r, verr, nil)
				return
			}
			for i := range v.Rows {
				if v.Rows[i].L.Candidate.ID == cid {
					v.Rows[i].Error = fields["reason"]
				}
			}
			h.render(w, r, http.StatusUnprocessableEntity, "meeting.html", v)
		})
		return
	}
	http.Redirect(w, r, "/app/meetings/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) meetingClose(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		_, err = h.svc.CloseMeeting(r.Context(), actor, id, atoi(r.PostFormValue("version")))
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/meetings/"+id64(id)+"?saved=1", http.StatusSeeOther)
}
