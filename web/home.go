package web

import (
	"net/http"
	"slices"
	"time"

	"tdkt"
	"tdkt/vn"
)

// homeView is the start page of the staff application.
type homeView struct {
	Page
	Role     string
	Tree     []*orgNode
	Counts   []statusCount
	Waiting  int
	Overdue  int
	Meetings []meetingRow
	// Dash holds the leaders' summary (trend, shares, overdue dossiers, registrations
	// and movements); clerks and other roles see the link to the dashboard instead.
	Dash     []dashSection
	DashYear int
}

// orgNode is an organisation with its children, for the nested list of the tree.
type orgNode struct {
	Org      tdkt.Org
	Children []*orgNode
}

// buildTree nests a subtree listed in path order; the roots are the organisations
// whose parent is not in the list. Children are sorted by name the Vietnamese way.
func buildTree(orgs []tdkt.Org) []*orgNode {
	byID := map[int64]*orgNode{}
	for _, o := range orgs {
		byID[o.ID] = &orgNode{Org: o}
	}
	var roots []*orgNode
	for _, o := range orgs {
		n := byID[o.ID]
		if p, ok := byID[o.ParentID]; ok {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	var sortAll func([]*orgNode)
	sortAll = func(ns []*orgNode) {
		sortByName(ns, func(n *orgNode) string { return n.Org.Name })
		for _, n := range ns {
			sortAll(n.Children)
		}
	}
	sortAll(roots)
	return roots
}

func (h *handler) home(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	box, err := h.svc.Inbox(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := homeView{Page: h.page(r, "Trang chính", "home"), Role: tdkt.Label(string(actor.Role)), Tree: buildTree(orgs),
		Counts: countsOf(box), Waiting: len(box.Items), Overdue: box.Overdue, Meetings: meetingRows(box.Meetings)}
	if actor.Role == tdkt.RoleLeader || actor.Role == tdkt.RoleAdmin {
		d, err := h.svc.Dashboard(r.Context(), actor, 0, homeSections...)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		v.Dash, v.DashYear = dashSections(d, homeSections...), d.Year
	}
	h.render(w, r, http.StatusOK, "home.html", v)
}

// homeSections are the dashboard sections a leader's home page shows; the others are
// on /app/dashboard.
var homeSections = []string{"trend", "shares", "overdue", "registrations", "movements"}

var vietnam = time.FixedZone("ICT", 7*3600)

// vnTime shows a stored UTC timestamp as Vietnam time (UTC+7, no daylight saving),
// dd/mm/yyyy hh:mm, as clerks read it.
func vnTime(rfc string) string {
	t, err := time.Parse(time.RFC3339Nano, rfc)
	if err != nil {
		return rfc
	}
	return t.In(vietnam).Format("02/01/2006 15:04")
}

// sortByName orders items by a name with the Vietnamese collation (a < á < ă < â …).
func sortByName[T any](items []T, name func(T) string) {
	slices.SortStableFunc(items, func(a, b T) int { return vn.Compare(name(a), name(b)) })
}
