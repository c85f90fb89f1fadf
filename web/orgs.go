package web

import (
	"net/http"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/vn"
)

// orgView is an organisation's page: its children and its people.
type orgView struct {
	Page
	Org       tdkt.Org
	Children  []tdkt.Org
	Confers   []string // the names of the awards its head may confer, by law for its level
	People    peopleView
	CanManage bool
	// AuthorityBasis is the article that gives the level its powers.
	AuthorityBasis string
}

func (h *handler) orgShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var o tdkt.Org
	if err == nil {
		o, err = h.svc.Org(r.Context(), actor, id, "")
	}
	var all []tdkt.Org
	if err == nil {
		all, err = h.svc.OrgTree(r.Context(), actor)
	}
	if f := listFormat(r); f != "" && err == nil { // the unit's people, as the list below
		h.peopleExport(w, r, actor, f, vn.NFC(r.URL.Query().Get("q")), o.Code)
		return
	}
	var people peopleView
	if err == nil {
		people, err = h.searchPeople(r, actor, vn.NFC(r.URL.Query().Get("q")), o.Code, "/app/orgs/"+id64(id))
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	people.Downloads = downloadsFor(r)
	v := orgView{Page: h.page(r, o.Name, "orgs"), Org: o, People: people, CanManage: actor.CanManageOrgs(), AuthorityBasis: tdkt.AuthorityBasis}
	for _, c := range all {
		if c.ParentID == o.ID {
			v.Children = append(v.Children, c)
		}
	}
	sortByName(v.Children, func(o tdkt.Org) string { return o.Name })
	for _, c := range o.Confers {
		v.Confers = append(v.Confers, tdkt.Label(c))
	}
	h.render(w, r, http.StatusOK, "org.html", v)
}

// orgFormView is the form to create a child organisation or edit one.
type orgFormView struct {
	Page
	Form
	Creating       bool
	Parent         string
	Action, Cancel string
	// LevelFixed shows the level without a choice: an administrator's own
	// organisation takes its level from the level above.
	LevelFixed     bool
	AuthorityBasis string
	// Above are the organisations above the one edited that the account may name it
	// the standing office of ("" first: none).
	Above []option
}

func (h *handler) showOrgForm(w http.ResponseWriter, r *http.Request, status int, f Form, actor *tdkt.Account, o tdkt.Org, creating bool) {
	v := orgFormView{Page: h.page(r, "Sửa đơn vị", "orgs"), Form: f, Creating: creating, Parent: o.Name,
		Action: "/app/orgs/" + id64(o.ID) + "/edit", Cancel: "/app/orgs/" + id64(o.ID), AuthorityBasis: tdkt.AuthorityBasis,
		LevelFixed: !creating && o.Path == actor.OrgPath && !actor.CanManageInstallation()}
	if creating {
		v.Title, v.Action = "Thêm đơn vị trực thuộc", "/app/orgs/"+id64(o.ID)+"/new"
	} else if all, err := h.svc.OrgTree(r.Context(), actor); err == nil {
		v.Above = []option{{"0", "— Không —"}}
		for _, a := range all {
			if a.ID != o.ID && strings.HasPrefix(o.Path, a.Path) {
				v.Above = append(v.Above, option{id64(a.ID), a.Name})
			}
		}
	}
	h.render(w, r, status, "org_form.html", v)
}

// loadOrgForManage loads the {id} organisation for an administrator's change.
func (h *handler) loadOrgForManage(r *http.Request, actor *tdkt.Account) (tdkt.Org, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return tdkt.Org{}, err
	}
	o, err := h.svc.Org(r.Context(), actor, id, "")
	if err == nil && !actor.CanManageOrgs() {
		err = tdkt.Forbidden()
	}
	return o, err
}

func (h *handler) orgEdit(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	o, err := h.loadOrgForManage(r, actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := newForm()
	f.Values = map[string]string{"code": o.Code, "name": o.Name, "level": string(o.Level), "version": strconv.Itoa(o.Version),
		"standing_for": id64(o.StandingFor)}
	h.showOrgForm(w, r, http.StatusOK, f, actor, o, false)
}

func (h *handler) orgNew(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	parent, err := h.loadOrgForManage(r, actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := newForm()
	f.Values["level"] = string(tdkt.LevelPublicUnit)
	h.showOrgForm(w, r, http.StatusOK, f, actor, parent, true)
}

// orgSave creates a child (POST /app/orgs/{id}/new) or updates the organisation
// (POST /app/orgs/{id}/edit).
func (h *handler) orgSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	o, err := h.loadOrgForManage(r, actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	creating := strings.HasSuffix(r.URL.Path, "/new")
	f := formFrom(r, "code", "name", "level", "version", "standing_for")
	x := tdkt.Org{ID: o.ID, Code: o.Code, Name: f.Values["name"], Level: tdkt.Level(f.Values["level"]), ParentID: o.ParentID,
		Version: atoi(f.Values["version"]), StandingFor: o.StandingFor}
	if _, posted := r.PostForm["standing_for"]; posted {
		x.StandingFor = atoi64(f.Values["standing_for"])
	}
	if creating {
		x.ID, x.Code, x.ParentID, x.Version = 0, f.Values["code"], o.ID, 0
	}
	if err := h.svc.SaveOrg(r.Context(), actor, &x); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showOrgForm(w, r, http.StatusUnprocessableEntity, f, actor, o, creating)
		})
		return
	}
	http.Redirect(w, r, "/app/orgs/"+id64(x.ID)+"?saved=1", http.StatusSeeOther)
}
