package web

import (
	"net/http"
	"strconv"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The "Liên kết website" links of the front page, kept by administrators at
// /app/admin/links, and the front page's blocks built from them and from the latest
// decisions. The address of a link is checked in core to be http or https, so that
// an href can never run script.

// linkRow is a link of the administrator's list with its own edit form.
type linkRow struct {
	sqldb.PortalLink
	Form
}

// linkField is a field of a link's own form, with an id unique on the page.
type linkField struct {
	field
	ID string
}

// Field gives the template one field of the row's form.
func (r linkRow) Field(name, label, typ string) linkField {
	return linkField{field: mkField(r.Form, name, label, typ), ID: "l" + id64(r.PortalLink.ID) + "-" + name}
}

// linksView lists the links with a form each and the form to add one.
type linksView struct {
	Page
	Links []linkRow
	New   Form
}

func linkForm(x sqldb.PortalLink) Form {
	f := newForm()
	f.Values["title"], f.Values["url"] = x.Title, x.URL
	f.Values["position"], f.Values["version"] = strconv.Itoa(x.Position), strconv.Itoa(x.Version)
	return f
}

func (h *handler) linksPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showLinks(w, r, actor, http.StatusOK, 0, Form{})
}

// showLinks renders the list; when failed is a form that was refused, it replaces
// the form of link id (0: the new link's form).
func (h *handler) showLinks(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, id int64, failed Form) {
	if err := installationOnly(actor); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	links, err := h.svc.PortalLinks(r.Context())
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := linksView{Page: h.page(r, "Liên kết website", "admin-links"), New: newForm()}
	v.New.Values["position"] = strconv.Itoa((len(links) + 1) * 10)
	for _, x := range links {
		row := linkRow{PortalLink: x, Form: linkForm(x)}
		if failed.Values != nil && id == x.ID {
			row.Form = failed
		}
		v.Links = append(v.Links, row)
	}
	if failed.Values != nil && id == 0 {
		v.New = failed
	}
	h.render(w, r, status, "links.html", v)
}

func (h *handler) linkSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			h.fail(w, r, err, nil)
			return
		}
	}
	f := formFrom(r, "title", "url", "position", "version")
	x := sqldb.PortalLink{ID: id, Title: f.Values["title"], URL: f.Values["url"], Position: atoi(f.Values["position"]),
		Version: atoi(f.Values["version"])}
	if err := h.svc.SavePortalLink(r.Context(), actor, &x); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showLinks(w, r, actor, http.StatusUnprocessableEntity, id, f)
		})
		return
	}
	http.Redirect(w, r, "/app/admin/links?saved=1", http.StatusSeeOther)
}

func (h *handler) linkDelete(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if err := h.svc.DeletePortalLink(r.Context(), actor, id, atoi(r.PostFormValue("version"))); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/admin/links?saved=1", http.StatusSeeOther)
}

// portalLink is a link of the front page's block.
type portalLink struct{ Title, URL string }

// portalLinks gives the front page its links; a failure only leaves the block out.
func (h *handler) portalLinks(r *http.Request) []portalLink {
	links, err := h.svc.PortalLinks(r.Context())
	if err != nil {
		h.log.Error("portal links", "err", err)
		return nil
	}
	out := make([]portalLink, len(links))
	for i, x := range links {
		out[i] = portalLink{Title: x.Title, URL: x.URL}
	}
	return out
}

// decisionCard is a line of the front page's "Quyết định khen thưởng mới" block.
type decisionCard struct {
	Number, DecidedOn, Issuer, Award string
	Count                            int
}

// latestDecisions gives the front page the latest decisions; a failure only leaves
// the block out.
func (h *handler) latestDecisions(r *http.Request) []decisionCard {
	list, err := h.svc.LatestDecisions(r.Context(), 6)
	if err != nil {
		h.log.Error("latest decisions", "err", err)
		return nil
	}
	out := make([]decisionCard, len(list))
	for i, x := range list {
		out[i] = decisionCard{Number: x.Number, DecidedOn: vn.FormatDate(x.DecidedOn), Issuer: x.Issuer, Award: tdkt.Label(x.AwardCode), Count: x.Count}
	}
	return out
}
