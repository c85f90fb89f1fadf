package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/vn"
)

// pageSize is how many people a list shows at once: enough to scan, small enough for a phone.
const pageSize = 20

// peopleView is a page of a people search.
type peopleView struct {
	Page
	Q, Org     string
	Items      []tdkt.Person
	Total      int64
	TotalText  string // "1.234", or "hơn 10.000" when the count stopped at the cap
	PageNo     int
	Pages      int
	Prev, Next string
	CanEdit    bool
}

func (h *handler) peopleList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	q := vn.NFC(r.URL.Query().Get("q"))
	org := strings.TrimSpace(r.URL.Query().Get("org"))
	if f := listFormat(r); f != "" {
		h.peopleExport(w, r, actor, f, q, org)
		return
	}
	v, err := h.searchPeople(r, actor, q, org, "/app/people")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v.Downloads = downloadsFor(r)
	h.render(w, r, http.StatusOK, "people.html", v)
}

// searchPeople runs one page of a search and builds the links to the other pages.
func (h *handler) searchPeople(r *http.Request, actor *tdkt.Account, q, org, base string) (peopleView, error) {
	n, _ := strconv.Atoi(r.URL.Query().Get("page"))
	n = max(n, 1)
	res, err := h.svc.SearchPeople(r.Context(), actor, q, org, pageSize, (n-1)*pageSize)
	if err != nil {
		return peopleView{}, err
	}
	v := peopleView{Page: h.page(r, "Cá nhân", "people"), Q: q, Org: org, Items: res.Items, Total: res.Total, PageNo: n,
		TotalText: strings.TrimSuffix(vn.Money(res.Total), " đ"),
		Pages:     int((res.Total + pageSize - 1) / pageSize), CanEdit: actor.CanEditRecords()}
	if res.Capped {
		v.TotalText = "hơn " + v.TotalText
	}
	link := func(p int) string {
		u := url.Values{}
		if q != "" {
			u.Set("q", q)
		}
		if org != "" && base == "/app/people" {
			u.Set("org", org)
		}
		u.Set("page", strconv.Itoa(p))
		return base + "?" + u.Encode()
	}
	if n > 1 {
		v.Prev = link(n - 1)
	}
	if res.Capped {
		v.Pages = max(v.Pages, n+1) // more pages than counted: keep a way forward
	}
	if n < v.Pages {
		v.Next = link(n + 1)
	}
	return v, nil
}

// personView is the whole lifelong record of a person on one screen.
type personView struct {
	Page
	Rec     tdkt.PersonRecord
	Records records
	Outlook outlookView
	Audit   []auditLine
	// CCCD is the citizen ID after a logged read (RevealCCCD), with its purpose;
	// otherwise the page shows Rec.CCCDMasked and, to those who may, the form to read it.
	CCCD, CCCDPurpose, RevealError string
	CanReveal                      bool
	Purposes                       []string
	// ProposeError is why a proposal from the outlook was refused.
	ProposeError string
}

func (h *handler) personShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showPerson(w, r, actor, http.StatusOK, func(*personView) {})
}

// personRevealCCCD reads a person's citizen ID for a stated purpose (POST
// /app/people/{id}/cccd): the read is logged, and the page shows the number once,
// not stored in any cache.
func (h *handler) personRevealCCCD(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	purpose := r.PostFormValue("purpose")
	cccd, err := h.svc.RevealCCCD(r.Context(), actor, id, purpose)
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			h.showPerson(w, r, actor, http.StatusUnprocessableEntity, func(v *personView) { v.RevealError = fields["purpose"] })
		})
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	h.showPerson(w, r, actor, http.StatusOK, func(v *personView) { v.CCCD, v.CCCDPurpose = cccd, purpose })
}

func (h *handler) showPerson(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, adjust func(*personView)) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	rec, err := h.svc.PersonRecord(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	events, err := h.svc.Audit(r.Context(), actor, tdkt.Subject{Kind: tdkt.Individual, ID: id})
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	out, err := h.svc.Outlook(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := personView{Page: h.page(r, rec.Person.FullName, "people"), Rec: rec, Audit: auditLines(events), Outlook: outlookOf(out),
		Records: records{Base: "/app/people/" + id64(id), CanEdit: actor.CanEditRecords(), Kind: tdkt.Individual,
			Ratings: rec.Ratings, Honours: rec.Honours, Initiatives: rec.Initiatives, Discipline: rec.Discipline},
		CanReveal: actor.CanEditRecords() || actor.Role == tdkt.RoleLeader, Purposes: core.CCCDPurposes}
	if actor.CanEditRecords() {
		v.Outlook.Propose = "/app/people/" + id64(id) + "/propose"
	}
	adjust(&v)
	h.render(w, r, status, "person.html", v)
}

// personFormView is the form to create or edit a person.
type personFormView struct {
	Page
	Form
	Action, Cancel string
	Editing        bool
	Orgs           []option
}

var personFields = []string{"full_name", "sex", "birth_date", "ethnicity", "cccd", "cccd_clear", "cccd_masked", "group", "leader", "position",
	"hired_on", "org_id", "move_on", "under_review", "version"}

func personForm(p tdkt.Person) Form {
	f := newForm()
	f.Values = map[string]string{
		"full_name": p.FullName, "sex": string(p.Sex), "birth_date": vn.FormatDate(p.BirthDate), "ethnicity": p.Ethnicity,
		"cccd": p.CCCD, "group": string(p.Group), "leader": on(p.Leader), "position": p.Position,
		"hired_on": vn.FormatDate(p.HiredOn), "org_id": id64(p.OrgID), "under_review": on(p.UnderReview),
		"version": strconv.Itoa(p.Version),
	}
	return f
}

func personFrom(f Form) tdkt.Person {
	v := f.Values
	return tdkt.Person{
		FullName: v["full_name"], Sex: tdkt.Sex(v["sex"]), BirthDate: isoDate(v["birth_date"]), Ethnicity: v["ethnicity"],
		CCCD: strings.ReplaceAll(v["cccd"], " ", ""), Group: tdkt.Group(v["group"]), Leader: v["leader"] != "",
		Position: v["position"], HiredOn: isoDate(v["hired_on"]), OrgID: atoi64(v["org_id"]),
		UnderReview: v["under_review"] != "", Version: atoi(v["version"]),
	}
}

// showPersonForm renders the person form with status (200, or 422 with errors).
func (h *handler) showPersonForm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, f Form, id int64) {
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := personFormView{Page: h.page(r, "Thêm cá nhân", "people"), Form: f, Action: "/app/people/new", Cancel: "/app/people", Orgs: orgOptions(orgs)}
	if id != 0 {
		v.Title, v.Editing = "Sửa hồ sơ cá nhân", true
		v.Action = "/app/people/" + id64(id) + "/edit"
		v.Cancel = "/app/people/" + id64(id)
	}
	h.render(w, r, status, "person_form.html", v)
}

func (h *handler) personNew(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if !actor.CanEditRecords() {
		h.fail(w, r, tdkt.Forbidden(), nil)
		return
	}
	f := personForm(tdkt.Person{OrgID: actor.OrgID, Group: tdkt.GroupOfficials, Ethnicity: "Kinh"})
	if o := r.URL.Query().Get("org_id"); o != "" {
		f.Values["org_id"] = o
	}
	h.showPersonForm(w, r, actor, http.StatusOK, f, 0)
}

func (h *handler) personCreate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, personFields...)
	p := personFrom(f)
	if err := h.svc.CreatePerson(r.Context(), actor, &p); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showPersonForm(w, r, actor, http.StatusUnprocessableEntity, f, 0)
		})
		return
	}
	http.Redirect(w, r, "/app/people/"+id64(p.ID)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) personEdit(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	rec, ok := h.loadPerson(w, r, actor)
	if !ok {
		return
	}
	if !actor.CanEditRecords() {
		h.fail(w, r, tdkt.Forbidden(), nil)
		return
	}
	f := personForm(rec.Person)
	f.Values["cccd_masked"] = rec.CCCDMasked // the form never shows the number: left empty, it is kept
	h.showPersonForm(w, r, actor, http.StatusOK, f, rec.Person.ID)
}

func (h *handler) personUpdate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	// Loading first makes a person outside the account's subtree a 404 whatever the
	// form holds; UpdatePerson validates before it checks the scope.
	rec, ok := h.loadPerson(w, r, actor)
	if !ok {
		return
	}
	id := rec.Person.ID
	f := formFrom(r, personFields...)
	p := personFrom(f)
	p.ID = id
	if p.CCCD == "" && f.Values["cccd_clear"] == "" {
		p.CCCD = core.KeepCCCD
	}
	f.Values["cccd_masked"] = rec.CCCDMasked
	if err := h.svc.UpdatePerson(r.Context(), actor, &p, isoDate(f.Values["move_on"])); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showPersonForm(w, r, actor, http.StatusUnprocessableEntity, f, id)
		})
		return
	}
	http.Redirect(w, r, "/app/people/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

// confirmView asks before a deletion that cannot be undone from the page.
type confirmView struct {
	Page
	What, Action, Cancel, Version string
}

func (h *handler) personDeleteForm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	rec, ok := h.loadPerson(w, r, actor)
	if !ok {
		return
	}
	if !actor.CanEditRecords() {
		h.fail(w, r, tdkt.Forbidden(), nil)
		return
	}
	base := "/app/people/" + id64(rec.Person.ID)
	h.render(w, r, http.StatusOK, "confirm.html", confirmView{Page: h.page(r, "Xóa hồ sơ", "people"),
		What:   "hồ sơ của " + rec.Person.FullName + " cùng toàn bộ xếp loại, khen thưởng, sáng kiến và kỷ luật",
		Action: base + "/delete", Cancel: base, Version: strconv.Itoa(rec.Person.Version)})
}

func (h *handler) personDelete(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if err := h.svc.DeletePerson(r.Context(), actor, id, atoi(r.PostFormValue("version"))); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/people?saved=1", http.StatusSeeOther)
}

// loadPerson loads the record of the {id} in the path, answering the request itself
// when it cannot.
func (h *handler) loadPerson(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) (tdkt.PersonRecord, bool) {
	id, err := pathID(r, "id")
	if err == nil {
		var rec tdkt.PersonRecord
		if rec, err = h.svc.PersonRecord(r.Context(), actor, id); err == nil {
			return rec, true
		}
	}
	h.fail(w, r, err, nil)
	return tdkt.PersonRecord{}, false
}

// personalDataView asks for the purpose before a person's data is exported, and says
// that the file holds the citizen ID.
type personalDataView struct {
	Page
	Form
	ID   int64
	Name string
}

// personalData shows (GET) and downloads (POST) everything held about a person, for
// the person's own request: the export carries the citizen ID and is logged.
func (h *handler) personalData(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	rec, ok := h.loadPerson(w, r, actor)
	if !ok {
		return
	}
	f := newForm()
	if r.Method == http.MethodPost {
		f = formFrom(r, "purpose")
		data, err := h.svc.ExportPersonalData(r.Context(), actor, rec.Person.ID, f.Values["purpose"])
		if err == nil {
			body, _ := json.MarshalIndent(data, "", "  ")
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Content-Disposition", contentDisposition("du-lieu-ca-nhan-"+id64(rec.Person.ID)+".json"))
			w.Write(body)
			return
		}
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showPersonalData(w, r, http.StatusUnprocessableEntity, f, rec.Person)
		})
		return
	}
	h.showPersonalData(w, r, http.StatusOK, f, rec.Person)
}

func (h *handler) showPersonalData(w http.ResponseWriter, r *http.Request, status int, f Form, p tdkt.Person) {
	h.render(w, r, status, "personal_data.html", personalDataView{Page: h.page(r, "Dữ liệu cá nhân", "people"), Form: f, ID: p.ID, Name: p.FullName})
}

// personPropose starts a dossier for one of the awards the person's outlook offers
// (POST /app/people/{id}/propose), with the person as its candidate, and opens it.
func (h *handler) personPropose(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	rec, ok := h.loadPerson(w, r, actor)
	if !ok {
		return
	}
	in := core.DossierInput{OrgID: rec.Person.OrgID, Award: r.PostFormValue("award"), Kind: tdkt.KindMerit, Year: atoi(r.PostFormValue("year"))}
	d, err := h.svc.ProposeFromRecords(r.Context(), actor, in, []tdkt.Subject{{Kind: tdkt.Individual, ID: rec.Person.ID}})
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			msg := messageOf(err)
			for _, m := range fields {
				msg = m
			}
			h.showPerson(w, r, actor, http.StatusUnprocessableEntity, func(v *personView) { v.ProposeError = msg })
		})
		return
	}
	http.Redirect(w, r, "/app/dossiers/"+id64(d.ID)+"?saved=1", http.StatusSeeOther)
}
