package sqldb

import (
	"context"
	"database/sql"
	"strings"

	"tdkt"
)

// Council is an organisation's Hội đồng Thi đua – Khen thưởng for a term.
type Council struct {
	ID                  int64
	OrgID               int64
	Name, EstablishedBy string
	TermFrom, TermTo    string
	Version             int
	Members             []CouncilMember
}

// CouncilMember is a member of a council; AccountID links the account that votes.
type CouncilMember struct {
	ID, CouncilID, AccountID, OrgID int64
	Name, Position                  string
	Chair                           bool
	OrgPath                         string
}

// Meeting is a council meeting with its agenda of dossiers.
type Meeting struct {
	ID, CouncilID int64
	HeldOn, Place string
	Status        string // open, closed
	Members       int    // the council's members when the meeting closed
	Version       int
	CouncilName   string
	CouncilOrgID  int64
	DossierIDs    []int64
}

// InsertCouncil stores a council.
func (t *Tx) InsertCouncil(ctx context.Context, c *Council) (err error) {
	c.ID, err = t.Insert(ctx, `INSERT INTO councils (org_id, name, established_by, term_from, term_to) VALUES (?, ?, ?, ?, ?)`,
		c.OrgID, c.Name, c.EstablishedBy, c.TermFrom, c.TermTo)
	c.Version = 1
	return err
}

// InsertCouncilMember adds a member to a council.
func (t *Tx) InsertCouncilMember(ctx context.Context, m *CouncilMember) (err error) {
	var acct any
	if m.AccountID != 0 {
		acct = m.AccountID
	}
	m.ID, err = t.Insert(ctx, `INSERT INTO council_members (council_id, account_id, name, position, org_id, chair) VALUES (?, ?, ?, ?, ?, ?)`,
		m.CouncilID, acct, m.Name, m.Position, m.OrgID, m.Chair)
	return err
}

// CouncilsOf lists the councils of an organisation with their members, the current
// term first.
func (t *Tx) CouncilsOf(ctx context.Context, orgID int64) ([]Council, error) {
	var out []Council
	if err := t.Each(ctx, `SELECT id, org_id, name, established_by, term_from, term_to, version FROM councils WHERE org_id = ? ORDER BY term_from DESC, id DESC`,
		[]any{orgID}, func(r *sql.Rows) error {
			var c Council
			err := r.Scan(&c.ID, &c.OrgID, &c.Name, &c.EstablishedBy, &c.TermFrom, &c.TermTo, &c.Version)
			out = append(out, c)
			return err
		}); err != nil {
		return nil, err
	}
	for i := range out {
		ms, err := t.CouncilMembers(ctx, out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].Members = ms
	}
	return out, nil
}

// CouncilByID loads a council with its members.
func (t *Tx) CouncilByID(ctx context.Context, id int64) (c Council, err error) {
	if err = t.Get(ctx, "Hội đồng", `SELECT id, org_id, name, established_by, term_from, term_to, version FROM councils WHERE id = ?`, []any{id},
		&c.ID, &c.OrgID, &c.Name, &c.EstablishedBy, &c.TermFrom, &c.TermTo, &c.Version); err != nil {
		return
	}
	c.Members, err = t.CouncilMembers(ctx, id)
	return
}

// CouncilMembers lists a council's members, the chair first.
func (t *Tx) CouncilMembers(ctx context.Context, councilID int64) ([]CouncilMember, error) {
	var out []CouncilMember
	err := t.Each(ctx, `SELECT m.id, m.council_id, COALESCE(m.account_id, 0), m.org_id, m.name, m.position, m.chair, o.path
		FROM council_members m JOIN orgs o ON o.id = m.org_id WHERE m.council_id = ? ORDER BY m.chair DESC, m.id`, []any{councilID},
		func(r *sql.Rows) error {
			var m CouncilMember
			err := r.Scan(&m.ID, &m.CouncilID, &m.AccountID, &m.OrgID, &m.Name, &m.Position, &m.Chair, &m.OrgPath)
			out = append(out, m)
			return err
		})
	return out, err
}

// InsertMeeting opens a meeting with its agenda.
func (t *Tx) InsertMeeting(ctx context.Context, m *Meeting) error {
	var err error
	m.ID, err = t.Insert(ctx, `INSERT INTO meetings (council_id, held_on, place, status) VALUES (?, ?, ?, 'open')`, m.CouncilID, m.HeldOn, m.Place)
	if err != nil {
		return err
	}
	m.Status, m.Version = "open", 1
	for _, d := range m.DossierIDs {
		if _, err := t.Exec(ctx, `INSERT INTO meeting_items (meeting_id, dossier_id) VALUES (?, ?)`, m.ID, d); err != nil {
			return err
		}
	}
	return nil
}

// MeetingByID loads a meeting with its agenda.
func (t *Tx) MeetingByID(ctx context.Context, id int64) (m Meeting, err error) {
	if err = t.Get(ctx, "phiên họp", `SELECT m.id, m.council_id, m.held_on, m.place, m.status, m.members, m.version, c.name, c.org_id
		FROM meetings m JOIN councils c ON c.id = m.council_id WHERE m.id = ?`, []any{id},
		&m.ID, &m.CouncilID, &m.HeldOn, &m.Place, &m.Status, &m.Members, &m.Version, &m.CouncilName, &m.CouncilOrgID); err != nil {
		return
	}
	err = t.Each(ctx, `SELECT dossier_id FROM meeting_items WHERE meeting_id = ? ORDER BY dossier_id`, []any{id}, func(r *sql.Rows) error {
		var d int64
		err := r.Scan(&d)
		m.DossierIDs = append(m.DossierIDs, d)
		return err
	})
	return
}

// MeetingsOfDossier lists the meetings whose agenda holds a dossier, latest first.
func (t *Tx) MeetingsOfDossier(ctx context.Context, dossierID int64) ([]int64, error) {
	var out []int64
	err := t.Each(ctx, `SELECT meeting_id FROM meeting_items WHERE dossier_id = ? ORDER BY meeting_id DESC`, []any{dossierID}, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		out = append(out, id)
		return err
	})
	return out, err
}

// OpenMeetingsFor lists the open meetings of councils in which an account sits.
func (t *Tx) OpenMeetingsFor(ctx context.Context, accountID int64) ([]Meeting, error) {
	var ids []int64
	if err := t.Each(ctx, `SELECT DISTINCT m.id FROM meetings m JOIN council_members cm ON cm.council_id = m.council_id
		WHERE cm.account_id = ? AND m.status = 'open' ORDER BY m.id`, []any{accountID}, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		ids = append(ids, id)
		return err
	}); err != nil {
		return nil, err
	}
	out := make([]Meeting, 0, len(ids))
	for _, id := range ids {
		m, err := t.MeetingByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// CloseMeeting closes an open meeting read at version, noting how many members the
// council had: the vote shares are of all members.
func (t *Tx) CloseMeeting(ctx context.Context, m *Meeting, members int) error {
	err := changed(t.Exec(ctx, `UPDATE meetings SET status = 'closed', members = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'open'`,
		members, m.ID, m.Version))
	if err == nil {
		m.Status, m.Members = "closed", members
		m.Version++
	}
	return err
}

// CastBallot records that a member voted on a candidate, and adds a yes to the
// candidate's tally when it is one: the choice is stored nowhere else, so the ballot
// stays secret. A second ballot of the same member is refused by the primary key.
func (t *Tx) CastBallot(ctx context.Context, meetingID, candidateID, memberID int64, yes bool) error {
	if _, err := t.Exec(ctx, `INSERT INTO ballots (candidate_id, member_id, meeting_id) VALUES (?, ?, ?)`, candidateID, memberID, meetingID); err != nil {
		return ballotErr(err)
	}
	inc := 0
	if yes {
		inc = 1
	}
	_, err := t.Exec(ctx, `UPDATE dossier_candidates SET yes_votes = yes_votes + ?, voters = voters + 1 WHERE id = ?`, inc, candidateID)
	return err
}

// Recuse records that a member stands aside from the vote on a candidate.
func (t *Tx) Recuse(ctx context.Context, meetingID, candidateID, memberID int64, reason string) error {
	_, err := t.Exec(ctx, `INSERT INTO ballots (candidate_id, member_id, meeting_id, recused, reason) VALUES (?, ?, ?, TRUE, ?)`,
		candidateID, memberID, meetingID, reason)
	return ballotErr(err)
}

func ballotErr(err error) error {
	if err != nil && (strings.Contains(err.Error(), "ballots") || strings.Contains(err.Error(), "UNIQUE") || strings.Contains(err.Error(), "duplicate")) {
		return tdkt.Errorf(tdkt.EConflict, "Bạn đã bỏ phiếu (hoặc đã rút khỏi việc bỏ phiếu) cho người này.")
	}
	return err
}

// Ballot is one member's participation on a candidate, without the choice.
type Ballot struct {
	CandidateID, MemberID int64
	Recused               bool
	Reason                string
}

// BallotsOf lists who took part in the vote on the candidates of a meeting.
func (t *Tx) BallotsOf(ctx context.Context, meetingID int64) ([]Ballot, error) {
	var out []Ballot
	err := t.Each(ctx, `SELECT candidate_id, member_id, recused, reason FROM ballots WHERE meeting_id = ?`, []any{meetingID}, func(r *sql.Rows) error {
		var b Ballot
		err := r.Scan(&b.CandidateID, &b.MemberID, &b.Recused, &b.Reason)
		out = append(out, b)
		return err
	})
	return out, err
}

// SetPassed stores the council's outcome for a candidate.
func (t *Tx) SetPassed(ctx context.Context, candidateID int64, passed bool) error {
	_, err := t.Exec(ctx, `UPDATE dossier_candidates SET passed = ? WHERE id = ?`, passed, candidateID)
	return err
}
