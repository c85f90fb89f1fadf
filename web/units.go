package web

import (
	"net/http"
	"strconv"

	"tdkt"
	"tdkt/core"
	"tdkt/vn"
)

// records are the per-year sections a subject's page shows, with the address that
// their add, edit and delete links hang under.
type records struct {
	Base        string
	CanEdit     bool
	Kind        tdkt.SubjectKind
	Ratings     []tdkt.YearRating
	Honours     []tdkt.Honour
	Initiatives []tdkt.Initiative
	Discipline  []tdkt.Discipline
}

// unitListView lists collectives or households.
type unitListView struct {
	Page
	Q           string
	Collectives []tdkt.CollectiveUnit
	Households  []tdkt.HouseholdRecord
	CanEdit     bool
}

// unitView is the page of a collective or a household with its records.
type unitView struct {
	Page
	Collective *tdkt.CollectiveUnit
	Household  *tdkt.HouseholdRecord
	Records    records
	Audit      []auditLine
}

// unitFormView is the form of a collective or a household.
type unitFormView struct {
	Page
	Form
	Household      bool
	Action, Cancel string
	Orgs           []option
}

// listLimit bounds a list of collectives or households; the search box narrows it.
const listLimit = 200

func (h *handler) collectiveList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	q := vn.NFC(r.URL.Query().Get("q"))
	if f := listFormat(r); f != "" {
		h.collectiveExport(w, r, actor, f, q)
		return
	}
	items, err := h.svc.Collectives(r.Context(), actor, q, listLimit)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := unitListView{Page: h.page(r, "Tập thể", "collectives"), Q: q, Collectives: items, CanEdit: actor.CanEditRecords()}
	v.Downloads = downloadsFor(r)
	h.render(w, r, http.StatusOK, "units.html", v)
}

func (h *handler) householdList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	q := vn.NFC(r.URL.Query().Get("q"))
	if f := listFormat(r); f != "" {
		h.householdExport(w, r, actor, f, q)
		return
	}
	items, err := h.svc.Households(r.Context(), actor, q, listLimit)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := unitListView{Page: h.page(r, "Hộ gia đình", "households"), Q: q, Households: items, CanEdit: actor.CanEditRecords()}
	v.Downloads = downloadsFor(r)
	h.render(w, r, http.StatusOK, "units.html", v)
}

func (h *handler) collectiveShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	rec, err := h.svc.Collective(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	events, err := h.svc.Audit(r.Context(), actor, tdkt.Subject{Kind: tdkt.Collective, ID: id})
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.render(w, r, http.StatusOK, "unit.html", unitView{Page: h.page(r, rec.Collective.Name, "collectives"),
		Collective: &rec.Collective, Audit: auditLines(events),
		Records: records{Base: "/app/collectives/" + id64(id), CanEdit: actor.CanEditRecords(), Kind: tdkt.Collective,
			Ratings: rec.Ratings, Honours: rec.Honours, Initiatives: rec.Initiatives}})
}

func (h *handler) householdShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	hh, honours, err := h.svc.Household(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	events, err := h.svc.Audit(r.Context(), actor, tdkt.Subject{Kind: tdkt.Household, ID: id})
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.render(w, r, http.StatusOK, "unit.html", unitView{Page: h.page(r, "Hộ "+hh.HeadName, "households"),
		Household: &hh, Audit: auditLines(events),
		Records: records{Base: "/app/households/" + id64(id), CanEdit: actor.CanEditRecords(), Kind: tdkt.Household, Honours: honours}})
}

func (h *handler) showUnitForm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, household bool, f Form, id int64) {
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	seg, title := "collectives", "tập thể"
	if household {
		seg, title = "households", "hộ gia đình"
	}
	v := unitFormView{Page: h.page(r, "Thêm "+title, seg), Form: f, Household: household, Orgs: orgOptions(orgs),
		Action: "/app/" + seg + "/new", Cancel: "/app/" + seg}
	if id != 0 {
		v.Title = "Sửa " + title
		v.Action, v.Cancel = "/app/"+seg+"/"+id64(id)+"/edit", "/app/"+seg+"/"+id64(id)
	}
	h.render(w, r, status, "unit_form.html", v)
}

func (h *handler) collectiveNew(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if !actor.CanEditRecords() {
		h.fail(w, r, tdkt.Forbidden(), nil)
		return
	}
	f := newForm()
	f.Values["org_id"] = id64(actor.OrgID)
	h.showUnitForm(w, r, actor, http.StatusOK, false, f, 0)
}

func (h *handler) householdNew(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if !actor.CanEditRecords() {
		h.fail(w, r, tdkt.Forbidden(), nil)
		return
	}
	f := newForm()
	f.Values["org_id"] = id64(actor.OrgID)
	h.showUnitForm(w, r, actor, http.StatusOK, true, f, 0)
}

func (h *handler) collectiveEdit(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var rec core.CollectiveRecord
	if err == nil {
		rec, err = h.svc.Collective(r.Context(), actor, id)
	}
	if err == nil && !actor.CanEditRecords() {
		err = tdkt.Forbidden()
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	c := rec.Collective
	f := newForm()
	f.Values = map[string]string{"name": c.Name, "org_id": id64(c.OrgID), "enterprise": on(c.Enterprise), "version": strconv.Itoa(c.Version)}
	h.showUnitForm(w, r, actor, http.StatusOK, false, f, id)
}

func (h *handler) householdEdit(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var hh tdkt.HouseholdRecord
	if err == nil {
		hh, _, err = h.svc.Household(r.Context(), actor, id)
	}
	if err == nil && !actor.CanEditRecords() {
		err = tdkt.Forbidden()
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := newForm()
	f.Values = map[string]string{"head_name": hh.HeadName, "address": hh.Address, "org_id": id64(hh.OrgID), "version": strconv.Itoa(hh.Version)}
	h.showUnitForm(w, r, actor, http.StatusOK, true, f, id)
}

// collectiveSave creates (POST …/new) or updates (POST …/{id}/edit) a collective.
func (h *handler) collectiveSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			h.fail(w, r, err, nil)
			return
		}
	}
	f := formFrom(r, "name", "org_id", "enterprise", "version")
	c := tdkt.CollectiveUnit{ID: id, Name: f.Values["name"], OrgID: atoi64(f.Values["org_id"]), Enterprise: f.Values["enterprise"] != "",
		Version: atoi(f.Values["version"])}
	if err := h.svc.SaveCollective(r.Context(), actor, &c); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showUnitForm(w, r, actor, http.StatusUnprocessableEntity, false, f, id)
		})
		return
	}
	http.Redirect(w, r, "/app/collectives/"+id64(c.ID)+"?saved=1", http.StatusSeeOther)
}

// householdSave creates (POST …/new) or updates (POST …/{id}/edit) a household.
func (h *handler) householdSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			h.fail(w, r, err, nil)
			return
		}
	}
	f := formFrom(r, "head_name", "address", "org_id", "version")
	hh := tdkt.HouseholdRecord{ID: id, HeadName: f.Values["head_name"], Address: f.Values["address"], OrgID: atoi64(f.Values["org_id"]),
		Version: atoi(f.Values["version"])}
	if err := h.svc.SaveHousehold(r.Context(), actor, &hh); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showUnitForm(w, r, actor, http.StatusUnprocessableEntity, true, f, id)
		})
		return
	}
	http.Redirect(w, r, "/app/households/"+id64(hh.ID)+"?saved=1", http.StatusSeeOther)
}
