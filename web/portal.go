package web

import (
	"net/http"

	"tdkt"
	"tdkt/vn"
)

// portalView is the public portal: the latest awards, public fields only.
type portalView struct {
	Page
	Awards      []publicAward
	Nominations []nominationCard
	Examples    []exampleCard  // "Gương điển hình tiên tiến"
	News        []newsCard     // "Tin tức": the latest five
	Decisions   []decisionCard // "Quyết định khen thưởng mới"
	Links       []portalLink   // "Liên kết website"
}

// publicAward is one line of the honour roll. It is built field by field from the
// public projection, so that nothing private can slip into the page.
type publicAward struct {
	Name, Unit, Award, Subject, DecisionNo, DecidedOn string
	Year                                              int
}

func (h *handler) portal(w http.ResponseWriter, r *http.Request) {
	recent, err := h.svc.RecentHonours(r.Context(), 30)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	open, err := h.svc.OpenNominations(r.Context())
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	// The layout adds nothing to the front page's title: it is the site's name.
	v := portalView{Page: h.page(r, portalTitle, "portal-home")}
	if v.Site != "" {
		v.Title = portalTitle + " – " + v.Site
	}
	v.Examples = h.featuredExamples(r)
	v.News = h.latestNews(r, 5)
	v.Decisions = h.latestDecisions(r)
	v.Links = h.portalLinks(r)
	for _, p := range open {
		v.Nominations = append(v.Nominations, cardOf(p, h.today()))
	}
	for _, x := range recent {
		v.Awards = append(v.Awards, publicAward{
			Name: x.Name, Unit: x.Unit, Award: tdkt.Label(x.AwardCode), Subject: tdkt.Label(string(x.Kind)),
			DecisionNo: x.DecisionNo, DecidedOn: vn.FormatDate(x.DecidedOn), Year: x.Year,
		})
	}
	h.render(w, r, http.StatusOK, "portal.html", v)
}

// portalTitle names the public site; the front page's <title> is this and the
// installation's name, every other page's is its own title followed by it.
const portalTitle = "Thi đua, khen thưởng"

// siteName is the installation's name for the public header, or "" when it cannot
// be read: the page is still worth showing without it.
func (h *handler) siteName(r *http.Request) string {
	name, err := h.svc.InstallationName(r.Context())
	if err != nil {
		h.log.Error("installation name", "err", err)
	}
	return name
}
