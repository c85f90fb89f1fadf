package web

import (
	"net/http"
	"net/url"
	"strings"

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

// portalMenu is the public menu, in the header of every public page.
var portalMenu = []portalLink{
	{Title: "Tin tức", URL: "/tin-tuc"},
	{Title: "Bảng vàng", URL: "/bang-vang"},
	{Title: "Gương điển hình", URL: "/dien-hinh"},
	{Title: "Văn bản", URL: "/van-ban"},
	{Title: "Xác minh bằng khen", URL: "/xac-minh/"},
	{Title: "Liên hệ", URL: "/lien-he"},
}

// documentsShown bounds the decisions listed on the Văn bản page.
const documentsShown = 100

// portalDocumentsView is the Văn bản page: the reward decisions published on the
// honour roll, newest first (the data of the decisions feed, grouped by decision).
type portalDocumentsView struct {
	Page
	Decisions []decisionCard
}

func (h *handler) portalDocuments(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.LatestDecisions(r.Context(), documentsShown)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := portalDocumentsView{Page: h.page(r, "Văn bản: quyết định khen thưởng", "portal")}
	for _, x := range list {
		v.Decisions = append(v.Decisions, decisionCard{Number: x.Number, DecidedOn: vn.FormatDate(x.DecidedOn), Issuer: x.Issuer,
			Award: tdkt.Label(x.AwardCode), Count: x.Count})
	}
	h.render(w, r, http.StatusOK, "portal_documents.html", v)
}

// portalContact is the Liên hệ page: who runs the portal. The installation's top
// organisation is the one answerable for it; no separate setting is kept.
func (h *handler) portalContact(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "portal_contact.html", h.page(r, "Liên hệ", "portal"))
}

// verifyFormView is the page where a visitor types a certificate's code.
type verifyFormView struct {
	Page
	Code    string
	Message string // why the code typed was not found
}

// verifyForm shows the box for a certificate's code; the form's answer (?ma=) goes to
// the certificate's own address, the one its QR code opens.
func (h *handler) verifyForm(w http.ResponseWriter, r *http.Request) {
	code := strings.Join(strings.Fields(r.URL.Query().Get("ma")), "")
	if code != "" {
		http.Redirect(w, r, "/xac-minh/"+url.PathEscape(code), http.StatusSeeOther)
		return
	}
	h.render(w, r, http.StatusOK, "portal_verify.html", verifyFormView{Page: h.page(r, "Xác minh bằng, giấy khen", "portal")})
}

// verifyNotFound answers a code that matches no certificate: the box again, saying
// so, with the code as typed.
func (h *handler) verifyNotFound(w http.ResponseWriter, r *http.Request, code string) {
	v := verifyFormView{Page: h.page(r, "Không tìm thấy bằng, giấy khen", "portal"), Code: code,
		Message: "Không có bằng, giấy khen nào mang mã “" + code + "”. Hãy kiểm tra lại mã in dưới mã QR (chỉ gồm chữ và số, không phân biệt chữ hoa, chữ thường)."}
	h.render(w, r, http.StatusNotFound, "portal_verify.html", v)
}
