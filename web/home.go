package web

import (
	"net/http"
	"slices"
	"time"

	"tdkt"
	"tdkt/vn"
)

// homeView is the start page of the staff application: what waits for the account,
// first, then the few things its role starts from. The figures are on the dashboard
// and the organisation tree on /app/orgs, so that the first screen answers "what do
// I do next?" on a phone as on a desktop.
type homeView struct {
	Page
	Role     string
	Counts   []statusCount
	Waiting  int
	Overdue  int
	Next     []homeItem // the first dossiers waiting, soonest deadline first
	More     int        // how many more wait in the inbox
	Meetings []meetingRow
	Starts   []option // the role's starting points: link, label
}

// homeItem is a dossier waiting for the account, as the home page lists it.
type homeItem struct {
	Link, Label, Step, Due string
	Overdue                bool
}

// homeShown is how many waiting dossiers the home page lists before "xem tất cả".
const homeShown = 5

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
	box, err := h.svc.Inbox(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := homeView{Page: pageCounted(r, "Trang chính", "home", len(box.Items)+len(box.Meetings)), Role: tdkt.Label(string(actor.Role)),
		Counts: countsOf(box), Waiting: len(box.Items), Overdue: box.Overdue, Meetings: meetingRows(box.Meetings), Starts: startsFor(actor)}
	v.Unread = h.unreadCount(r, actor)
	for i, it := range box.Items {
		if i == homeShown {
			v.More = len(box.Items) - homeShown
			break
		}
		hi := homeItem{Link: "/app/dossiers/" + id64(it.Dossier.ID), Label: it.Dossier.Label(), Overdue: it.Overdue}
		if len(it.Steps) > 0 {
			hi.Step = it.Steps[0].LabelAt(it.Dossier.HolderLevel)
		}
		if it.Dossier.DueOn != "" {
			hi.Due = vn.FormatDate(it.Dossier.DueOn)
		}
		v.Next = append(v.Next, hi)
	}
	h.render(w, r, http.StatusOK, "home.html", v)
}

// startsFor are the pages a role usually starts its work from.
func startsFor(a *tdkt.Account) []option {
	var out []option
	switch {
	case a.Role == tdkt.RoleCouncil:
		out = append(out, option{"/app/councils", "Các phiên họp của Hội đồng"})
	case a.Role == tdkt.RoleLeader:
		out = append(out, option{"/app/dossiers?status=approved,council", "Hồ sơ chờ phê duyệt, quyết định"}, option{"/app/dashboard", "Số liệu thi đua, khen thưởng"})
	case a.ActsFor != 0:
		out = append(out, option{"/app/inbox", "Hồ sơ gửi đến cấp mình tham mưu"}, option{"/app/councils", "Trình Hội đồng"})
	case a.CanEditRecords():
		out = append(out, option{"/app/suggest", "Đề xuất khen thưởng cuối năm"}, option{"/app/dossiers/new", "Lập hồ sơ đề nghị khen thưởng"},
			option{"/app/registrations", "Đăng ký thi đua"}, option{"/app/imports", "Nhập danh sách từ Excel"})
	default:
		out = append(out, option{"/app/people", "Tra cứu cá nhân"}, option{"/app/dashboard", "Số liệu thi đua, khen thưởng"})
	}
	if a.Role == tdkt.RoleAdmin {
		out = append(out, option{"/app/orgs", "Cây đơn vị và tài khoản"})
	}
	return out
}

// orgsIndex shows the account's organisation tree (/app/orgs).
func (h *handler) orgsIndex(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.render(w, r, http.StatusOK, "orgs.html", orgsView{Page: h.page(r, "Cây đơn vị", "orgs"), Tree: buildTree(orgs)})
}

// orgsView is the organisation tree page.
type orgsView struct {
	Page
	Tree []*orgNode
}

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
