package core

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/vn"
)

// CouncilInput describes a council to set up for an organisation and a term.
type CouncilInput struct {
	OrgID                                 int64
	Name, EstablishedBy, TermFrom, TermTo string
	// Members: logins of accounts of the organisation's subtree that sit on it; the
	// first is the chair.
	Members []CouncilMemberInput
}

// CouncilMemberInput is one member: an account that votes, with a position.
type CouncilMemberInput struct {
	Login, Position string
	Chair           bool
}

// CouncilCandidates lists the accounts that may sit on a council of the actor's
// organisation: council members and leaders of its subtree, in Vietnamese name order,
// for the picker of the council's form (administrators and leaders).
func (s *Service) CouncilCandidates(ctx context.Context, actor *tdkt.Account) (out []tdkt.Account, err error) {
	if actor.Role != tdkt.RoleAdmin && actor.Role != tdkt.RoleLeader {
		return nil, tdkt.Forbidden()
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		all, err := tx.AccountsUnder(ctx, actor.OrgPath)
		for _, a := range all {
			if (a.Role == tdkt.RoleCouncil || a.Role == tdkt.RoleLeader) && !a.Disabled {
				out = append(out, a)
			}
		}
		return err
	})
	slices.SortStableFunc(out, func(a, b tdkt.Account) int { return vn.Compare(a.Name, b.Name) })
	return out, err
}

// CreateCouncil sets up a council (administrators and leaders of the organisation).
func (s *Service) CreateCouncil(ctx context.Context, actor *tdkt.Account, in CouncilInput) (c sqldb.Council, err error) {
	p := tdkt.Problems{}
	in.Name = vn.NFC(in.Name)
	if in.Name == "" {
		p.Add("name", "Không được để trống.")
	}
	if _, e := time.Parse(time.DateOnly, in.TermFrom); e != nil {
		p.Add("term_from", "Ngày bắt đầu nhiệm kỳ không hợp lệ.")
	}
	if in.TermTo != "" {
		if _, e := time.Parse(time.DateOnly, in.TermTo); e != nil || in.TermTo < in.TermFrom {
			p.Add("term_to", "Ngày kết thúc nhiệm kỳ không hợp lệ.")
		}
	}
	if len(in.Members) == 0 {
		p.Add("members", "Hội đồng cần ít nhất một thành viên.")
	}
	if err := p.Err(); err != nil {
		return c, err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		o, err := orgInScope(ctx, tx, actor, in.OrgID, "org_id")
		if err != nil {
			return err
		}
		if actor.Role != tdkt.RoleAdmin && actor.Role != tdkt.RoleLeader {
			return tdkt.Forbidden()
		}
		c = sqldb.Council{OrgID: o.ID, Name: in.Name, EstablishedBy: vn.NFC(in.EstablishedBy), TermFrom: in.TermFrom, TermTo: in.TermTo}
		if err := tx.InsertCouncil(ctx, &c); err != nil {
			return err
		}
		for _, mi := range in.Members {
			a, _, err := tx.AccountByLogin(ctx, strings.ToLower(mi.Login))
			if err != nil || !strings.HasPrefix(a.OrgPath, o.Path) {
				return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"members": "Không có tài khoản " + mi.Login + " trong " + o.Name + "."}}
			}
			m := sqldb.CouncilMember{CouncilID: c.ID, AccountID: a.ID, Name: a.Name, Position: vn.NFC(mi.Position), OrgID: a.OrgID, Chair: mi.Chair, OrgPath: a.OrgPath}
			if err := tx.InsertCouncilMember(ctx, &m); err != nil {
				return err
			}
			c.Members = append(c.Members, m)
		}
		return s.audit(ctx, tx, actor, "create", "council", c.ID, tdkt.Subject{}, o.ID, nil, c)
	})
	return c, err
}

// Councils lists the councils of an organisation of the actor's subtree.
func (s *Service) Councils(ctx context.Context, actor *tdkt.Account, orgID int64) (out []sqldb.Council, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		o, err := tx.OrgByID(ctx, orgID)
		if err != nil {
			return err
		}
		if err := councilVisible(actor, o, "đơn vị"); err != nil {
			return err
		}
		out, err = tx.CouncilsOf(ctx, orgID)
		return err
	})
	return out, err
}

// OpenMeeting opens a council meeting with the dossiers on its agenda: dossiers held by
// the council's organisation and waiting for the council.
func (s *Service) OpenMeeting(ctx context.Context, actor *tdkt.Account, councilID int64, heldOn, place string, dossierIDs []int64) (m sqldb.Meeting, err error) {
	if _, e := time.Parse(time.DateOnly, heldOn); e != nil {
		return m, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"held_on": "Ngày họp không hợp lệ."}}
	}
	if len(dossierIDs) == 0 {
		return m, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"dossiers": "Hãy chọn ít nhất một hồ sơ đưa ra Hội đồng."}}
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		c, err := tx.CouncilByID(ctx, councilID)
		if err != nil {
			return err
		}
		o, err := tx.OrgByID(ctx, c.OrgID)
		if err != nil {
			return err
		}
		if err := councilVisible(actor, o, "Hội đồng"); err != nil {
			return err
		}
		if !actor.CanEditRecords() && actor.Role != tdkt.RoleLeader {
			return tdkt.Forbidden()
		}
		for _, id := range dossierIDs {
			d, _, _, err := tx.DossierByID(ctx, id)
			if err != nil {
				return err
			}
			if d.HolderOrgID != c.OrgID || d.Status != tdkt.DossierCouncil {
				return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"dossiers": "Hồ sơ số " + itoa(id) + " chưa được trình Hội đồng này."}}
			}
		}
		m = sqldb.Meeting{CouncilID: c.ID, HeldOn: heldOn, Place: vn.NFC(place), DossierIDs: dossierIDs, CouncilName: c.Name, CouncilOrgID: c.OrgID}
		if err := tx.InsertMeeting(ctx, &m); err != nil {
			return err
		}
		if err := s.notifyMeeting(ctx, tx, &m); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "open", "meeting", m.ID, tdkt.Subject{}, c.OrgID, nil, m)
	})
	return m, err
}

// councilVisible lets the actor reach the councils of an organisation of its subtree,
// or of the level its standing office serves (the central board puts dossiers before
// the Central Council, the Sở Nội vụ before the provincial council).
func councilVisible(actor *tdkt.Account, o tdkt.Org, what string) error {
	if actsFor(actor, o.ID) {
		return nil
	}
	return visible(actor, o.Path, what)
}

// BallotLine is a candidate on a meeting's agenda as one member sees it.
type BallotLine struct {
	Dossier   tdkt.Dossier
	Candidate tdkt.Candidate
	// Conflict is why the member must stand aside ("" when none): their own record, or
	// their unit or a subordinate unit is the candidate's.
	Conflict string
	Voted    bool
	Recused  bool
	// After the meeting closes: the tally and the threshold.
	Required  int
	Threshold string
}

// MeetingItem is a meeting with the lines of its agenda for one member.
type MeetingItem struct {
	Meeting sqldb.Meeting
	Member  *sqldb.CouncilMember // nil when the actor does not sit on the council
	Lines   []BallotLine
	Members int
}

// conflictOf says why a member may not vote on a candidate: the candidate is the
// member, or belongs to the member's own unit or a unit below it. A member who sits
// for the council's own organisation (a provincial leader on the provincial council)
// stands above every candidate, so only their own nomination is a conflict; a relative
// is declared by the member (Recuse).
func conflictOf(m *sqldb.CouncilMember, councilOrgID int64, c *tdkt.Candidate, candidateOrgPath string) string {
	switch {
	case c.Subject.Kind == tdkt.Individual && c.Name == m.Name && strings.HasPrefix(candidateOrgPath, m.OrgPath):
		return "Người được đề nghị là chính thành viên này."
	case m.OrgID != councilOrgID && strings.HasPrefix(candidateOrgPath, m.OrgPath):
		return "Người được đề nghị thuộc đơn vị của thành viên hoặc đơn vị cấp dưới."
	}
	return ""
}

// Meeting shows a meeting to the actor: every candidate of its agenda, whether the
// actor (as a member) has a conflict or has voted, and, once closed, the tallies.
func (s *Service) Meeting(ctx context.Context, actor *tdkt.Account, id int64) (mi MeetingItem, err error) {
	eng, err := s.Engine(ctx)
	if err != nil {
		return mi, err
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		mi, err = s.meetingItem(ctx, tx, eng, actor, id)
		return err
	})
	return mi, err
}

// meetingItem reads a meeting for the actor inside tx. The engine is passed in, never
// fetched here: fetching it may read the database, and asking the pool for a second
// connection while this transaction holds one can starve the pool under load.
func (s *Service) meetingItem(ctx context.Context, tx *sqldb.Tx, eng *rules.Engine, actor *tdkt.Account, id int64) (mi MeetingItem, err error) {
	m, err := tx.MeetingByID(ctx, id)
	if err != nil {
		return mi, err
	}
	c, err := tx.CouncilByID(ctx, m.CouncilID)
	if err != nil {
		return mi, err
	}
	for i := range c.Members {
		if c.Members[i].AccountID == actor.ID {
			mi.Member = &c.Members[i]
		}
	}
	o, err := tx.OrgByID(ctx, c.OrgID)
	if err != nil {
		return mi, err
	}
	if mi.Member == nil && councilVisible(actor, o, "phiên họp") != nil {
		return mi, tdkt.NotFound("phiên họp")
	}
	mi.Meeting, mi.Members = m, len(c.Members)
	ballots, err := tx.BallotsOf(ctx, id)
	if err != nil {
		return mi, err
	}
	asOf, _ := rules.ParseDate(m.HeldOn)
	for _, did := range m.DossierIDs {
		d, _, _, err := tx.DossierByID(ctx, did)
		if err != nil {
			return mi, err
		}
		cands, err := tx.Candidates(ctx, did)
		if err != nil {
			return mi, err
		}
		for _, cand := range cands {
			if cand.Excluded {
				continue
			}
			line := BallotLine{Dossier: d, Candidate: cand}
			if mi.Member != nil {
				co, err := tx.OrgByID(ctx, cand.OrgID)
				if err != nil {
					return mi, err
				}
				line.Conflict = conflictOf(mi.Member, c.OrgID, &cand, co.Path)
				for _, b := range ballots {
					if b.CandidateID == cand.ID && b.MemberID == mi.Member.ID {
						line.Voted, line.Recused = !b.Recused, b.Recused
					}
				}
			}
			line.Required, line.Threshold = threshold(eng, d.Award, len(c.Members), asOf)
			mi.Lines = append(mi.Lines, line)
		}
	}
	return mi, nil
}

// threshold is how many yes votes a candidate needs: the share of ALL members the
// rule set gives for the award (Decree 98/2023 Art 30(7)), or, for an award without a
// ballot rule, more than half of all members (the council decides by majority).
func threshold(eng *rules.Engine, award string, members int, asOf rules.Date) (int, string) {
	if v, err := eng.Vote(award, members, 0, asOf); err == nil {
		return v.RequiredYes, strconv.Itoa(v.Percent) + "% tổng số thành viên (" + v.Basis + ")"
	}
	return members/2 + 1, "quá bán tổng số thành viên"
}

// Vote records a member's secret vote on a candidate of an open meeting. A member
// whose own record, unit or subordinate unit is the candidate must stand aside.
func (s *Service) Vote(ctx context.Context, actor *tdkt.Account, meetingID, candidateID int64, yes bool) error {
	eng, err := s.Engine(ctx)
	if err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		mi, line, err := s.ballotLine(ctx, tx, eng, actor, meetingID, candidateID)
		if err != nil {
			return err
		}
		if line.Conflict != "" {
			return tdkt.Errorf(tdkt.EConflict, "%s Thành viên phải rút khỏi việc bỏ phiếu cho %s.", line.Conflict, line.Candidate.Name)
		}
		if err := tx.CastBallot(ctx, meetingID, candidateID, mi.Member.ID, yes); err != nil {
			return err
		}
		// The audit says that the member voted, never how.
		return s.audit(ctx, tx, actor, "vote", "meeting", meetingID, line.Candidate.Subject, mi.Meeting.CouncilOrgID, nil,
			map[string]any{"candidate": candidateID})
	})
}

// Recuse records that a member stands aside from the vote on a candidate: a conflict
// tdkt found, or one the member declares (a relative).
func (s *Service) Recuse(ctx context.Context, actor *tdkt.Account, meetingID, candidateID int64, reason string) error {
	eng, err := s.Engine(ctx)
	if err != nil {
		return err
	}
	reason = vn.NFCText(reason)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		mi, line, err := s.ballotLine(ctx, tx, eng, actor, meetingID, candidateID)
		if err != nil {
			return err
		}
		if reason == "" {
			reason = line.Conflict
		}
		if reason == "" {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Cần ghi lý do.", Fields: map[string]string{"reason": "Hãy ghi lý do rút khỏi việc bỏ phiếu (ví dụ: có quan hệ thân thích)."}}
		}
		if err := tx.Recuse(ctx, meetingID, candidateID, mi.Member.ID, reason); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "recuse", "meeting", meetingID, line.Candidate.Subject, mi.Meeting.CouncilOrgID, nil,
			map[string]any{"candidate": candidateID, "reason": reason})
	})
}

// ballotLine finds the actor's line for a candidate of an open meeting.
func (s *Service) ballotLine(ctx context.Context, tx *sqldb.Tx, eng *rules.Engine, actor *tdkt.Account, meetingID, candidateID int64) (MeetingItem, BallotLine, error) {
	mi, err := s.meetingItem(ctx, tx, eng, actor, meetingID)
	if err != nil {
		return mi, BallotLine{}, err
	}
	if mi.Member == nil {
		return mi, BallotLine{}, tdkt.Errorf(tdkt.EForbidden, "Bạn không phải thành viên của %s.", mi.Meeting.CouncilName)
	}
	if mi.Meeting.Status != "open" {
		return mi, BallotLine{}, tdkt.Errorf(tdkt.EConflict, "Phiên họp đã kết thúc; không bỏ phiếu được nữa.")
	}
	for _, l := range mi.Lines {
		if l.Candidate.ID == candidateID {
			if l.Voted || l.Recused {
				return mi, l, tdkt.Errorf(tdkt.EConflict, "Bạn đã bỏ phiếu (hoặc đã rút khỏi việc bỏ phiếu) cho %s.", l.Candidate.Name)
			}
			return mi, l, nil
		}
	}
	return mi, BallotLine{}, tdkt.NotFound("người được đề nghị trong phiên họp")
}

// CloseMeeting ends the vote (leaders and administrators of the council's
// organisation): every candidate passes when their yes votes reach the threshold of
// all members.
func (s *Service) CloseMeeting(ctx context.Context, actor *tdkt.Account, meetingID int64, version int) (mi MeetingItem, err error) {
	eng, err := s.Engine(ctx)
	if err != nil {
		return mi, err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		m, err := tx.MeetingByID(ctx, meetingID)
		if err != nil {
			return err
		}
		o, err := tx.OrgByID(ctx, m.CouncilOrgID)
		if err != nil {
			return err
		}
		if err := councilVisible(actor, o, "phiên họp"); err != nil {
			return err
		}
		if actor.Role != tdkt.RoleLeader && actor.Role != tdkt.RoleAdmin {
			return tdkt.Forbidden()
		}
		if m.Version != version {
			return tdkt.Conflict()
		}
		mi, err = s.meetingItem(ctx, tx, eng, actor, meetingID)
		if err != nil {
			return err
		}
		if err := tx.CloseMeeting(ctx, &m, mi.Members); err != nil {
			return err
		}
		for i := range mi.Lines {
			l := &mi.Lines[i]
			l.Candidate.Passed = l.Candidate.YesVotes >= l.Required
			if err := tx.SetPassed(ctx, l.Candidate.ID, l.Candidate.Passed); err != nil {
				return err
			}
		}
		mi.Meeting = m
		return s.audit(ctx, tx, actor, "close", "meeting", m.ID, tdkt.Subject{}, m.CouncilOrgID, nil, map[string]any{"members": mi.Members})
	})
	return mi, err
}

// OpenBallots lists the open meetings in which the actor sits, for the inbox.
func (s *Service) OpenBallots(ctx context.Context, actor *tdkt.Account) (out []MeetingItem, err error) {
	eng, err := s.Engine(ctx)
	if err != nil {
		return nil, err
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		ms, err := tx.OpenMeetingsFor(ctx, actor.ID)
		if err != nil {
			return err
		}
		for _, m := range ms {
			mi, err := s.meetingItem(ctx, tx, eng, actor, m.ID)
			if err != nil {
				return err
			}
			out = append(out, mi)
		}
		return nil
	})
	return out, err
}

// MeetingsOfDossier lists the meetings that had a dossier on their agenda.
func (s *Service) MeetingsOfDossier(ctx context.Context, actor *tdkt.Account, dossierID int64) (out []MeetingItem, err error) {
	eng, err := s.Engine(ctx)
	if err != nil {
		return nil, err
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, _, _, err := loadDossier(ctx, tx, actor, dossierID); err != nil {
			return err
		}
		ids, err := tx.MeetingsOfDossier(ctx, dossierID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			mi, err := s.meetingItem(ctx, tx, eng, actor, id)
			if tdkt.CodeOf(err) == tdkt.ENotFound {
				continue // a council above the actor's units: its meetings are not theirs to see
			}
			if err != nil {
				return err
			}
			out = append(out, mi)
		}
		return nil
	})
	return out, err
}

func itoa(n int64) string { return vn.Itoa(n) }
