package web

import (
	"net/http"

	"tdkt"
	"tdkt/core"
)

// statusCount is how many dossiers of one status wait for the account.
type statusCount struct {
	Status, Label string
	N             int
}

// inboxView is "Việc cần làm": the dossiers waiting for the account's step, earliest
// deadline first, and the open ballots of the councils the account sits on.
type inboxView struct {
	Page
	Rows     []dossierRow
	Counts   []statusCount
	Overdue  int
	Meetings []meetingRow
}

// meetingRow is an open meeting in the inbox: how many candidates still wait for the
// member's vote.
type meetingRow struct {
	Link, Council, HeldOn, Place string
	Waiting, Lines               int
}

func countsOf(box core.Inbox) []statusCount {
	// A status is named at its dossiers' level when they share one (the central
	// board's inbox holds the Government's and the President's dossiers).
	levels := map[tdkt.DossierStatus]map[tdkt.Level]bool{}
	for _, it := range box.Items {
		d := it.Dossier
		if levels[d.Status] == nil {
			levels[d.Status] = map[tdkt.Level]bool{}
		}
		levels[d.Status][d.HolderLevel] = true
	}
	var out []statusCount
	for _, s := range allStatuses {
		if n := box.Counts[s]; n > 0 {
			label := tdkt.StatusLabels[s]
			if len(levels[s]) == 1 {
				for l := range levels[s] {
					label = tdkt.StatusLabelAt(s, l)
				}
			}
			out = append(out, statusCount{Status: string(s), Label: label, N: n})
		}
	}
	return out
}

func meetingRows(ms []core.MeetingItem) []meetingRow {
	var out []meetingRow
	for _, mi := range ms {
		row := meetingRow{Link: "/app/meetings/" + id64(mi.Meeting.ID), Council: mi.Meeting.CouncilName, HeldOn: mi.Meeting.HeldOn,
			Place: mi.Meeting.Place, Lines: len(mi.Lines)}
		for _, l := range mi.Lines {
			if !l.Voted && !l.Recused {
				row.Waiting++
			}
		}
		out = append(out, row)
	}
	return out
}

func (h *handler) inbox(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	box, err := h.svc.Inbox(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if f := listFormat(r); f != "" {
		h.inboxExport(w, r, actor, f, box)
		return
	}
	v := inboxView{Page: pageCounted(r, "Việc cần làm", "inbox", len(box.Items)+len(box.Meetings)),
		Counts: countsOf(box), Overdue: box.Overdue, Meetings: meetingRows(box.Meetings)}
	v.Unread = h.unreadCount(r, actor)
	v.Downloads = downloadsFor(r)
	for _, it := range box.Items {
		row := rowOf(it.Dossier, it.Overdue)
		for _, s := range it.Steps {
			row.Steps = append(row.Steps, s.LabelAt(it.Dossier.HolderLevel))
		}
		v.Rows = append(v.Rows, row)
	}
	h.render(w, r, http.StatusOK, "inbox.html", v)
}

// inboxCount is the number on the navigation's "Việc cần làm" link. A failure only
// hides the number: the page itself must still show.
func (h *handler) inboxCount(r *http.Request, actor *tdkt.Account) int {
	n, err := h.svc.InboxCount(r.Context(), actor)
	if err != nil {
		if r.Context().Err() == nil {
			h.log.Warn("inbox count", "err", err)
		}
		return 0
	}
	return n
}
