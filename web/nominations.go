package web

import (
	"net/http"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/pades"
	"tdkt/sqldb"
	"tdkt/vn"
)

// nominationCard is a nomination under public comment on the portal: public fields only.
type nominationCard struct {
	Link, AwardName, OrgName, OpensOn, ClosesOn string
	Names                                       []string
	DaysLeft                                    int
	Open                                        bool
}

// cardOf keeps the public parts of a nomination. The summary is written by core for
// publication (names, positions, units, the achievement) and is the only text of the
// dossier that reaches the portal.
func cardOf(p core.OpenNomination, today string) nominationCard {
	c := nominationCard{Link: "/y-kien/" + id64(p.DossierID), AwardName: p.AwardName, OrgName: p.OrgName,
		OpensOn: vn.FormatDate(p.OpensOn), ClosesOn: vn.FormatDate(p.ClosesOn), DaysLeft: p.DaysLeft,
		Open: today >= p.OpensOn && today <= p.ClosesOn}
	for _, line := range strings.Split(p.Summary, "\n") {
		if name, ok := strings.CutPrefix(line, "- "); ok {
			c.Names = append(c.Names, name)
		}
	}
	return c
}

// nominationsView is the portal's list of nominations open for comment.
type nominationsView struct {
	Page
	Items []nominationCard
}

func (h *handler) today() string { return h.svc.Now().In(vietnam).Format("2006-01-02") }

func (h *handler) nominations(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.OpenNominations(r.Context())
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := nominationsView{Page: h.page(r, "Lấy ý kiến nhân dân", "portal")}
	for _, p := range list {
		v.Items = append(v.Items, cardOf(p, h.today()))
	}
	h.render(w, r, http.StatusOK, "nominations.html", v)
}

// publicComment is a comment as the portal shows it: never the contact.
type publicComment struct {
	Name, Body, At, Answer, AnsweredAt string
}

// nominationView is one nomination with its comments and the comment form.
type nominationView struct {
	Page
	N        nominationCard
	Summary  []string
	Comments []publicComment
	Form
	Thanks bool
}

func (h *handler) nominationPage(r *http.Request, f Form) (nominationView, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nominationView{}, err
	}
	p, comments, err := h.svc.Nomination(r.Context(), id)
	if err != nil {
		return nominationView{}, err
	}
	v := nominationView{Page: h.page(r, "Lấy ý kiến: "+p.AwardName, "portal"), N: cardOf(p, h.today()), Form: f,
		Thanks: r.URL.Query().Get("cam-on") == "1"}
	for _, line := range strings.Split(strings.TrimSpace(p.Summary), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			v.Summary = append(v.Summary, line)
		}
	}
	for _, c := range comments {
		v.Comments = append(v.Comments, publicOf(c))
	}
	return v, nil
}

func publicOf(c sqldb.Comment) publicComment {
	pc := publicComment{Name: c.Name, Body: c.Body, At: vnTime(c.CreatedAt), Answer: c.Answer}
	if c.AnsweredAt != "" {
		pc.AnsweredAt = vnTime(c.AnsweredAt)
	}
	return pc
}

func (h *handler) nominationShow(w http.ResponseWriter, r *http.Request) {
	v, err := h.nominationPage(r, newForm())
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.render(w, r, http.StatusOK, "nomination.html", v)
}

func (h *handler) nominationComment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, "name", "contact", "body")
	if _, err := h.svc.AddComment(r.Context(), id, f.Values["name"], f.Values["contact"], f.Values["body"], clientIP(r)); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			v, verr := h.nominationPage(r, f)
			if verr != nil {
				h.fail(w, r, verr, nil)
				return
			}
			h.render(w, r, http.StatusUnprocessableEntity, "nomination.html", v)
		})
		return
	}
	http.Redirect(w, r, "/y-kien/"+id64(id)+"?cam-on=1#y-kien", http.StatusSeeOther)
}

// verifyView is the public page a certificate's QR code opens.
type verifyView struct {
	Page
	C                    sqldb.CertificateRow
	Valid                bool
	AwardName, DecidedOn string
	RevokedOn            string
	// The decision's signed copy, when it has one, with its signatures.
	DecisionSigned bool
	Signatures     []pades.Result
}

// verifiedDecision answers the signed copy of the decision behind a certificate.
func (h *handler) verifiedDecision(w http.ResponseWriter, r *http.Request) {
	name, pdf, _, err := h.svc.VerifiedDecision(r.Context(), r.PathValue("token"))
	if err == nil && pdf == nil {
		err = tdkt.NotFound("bản quyết định đã ký số")
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	serveFile(w, name, "application/pdf", pdf)
}

func (h *handler) verify(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.Verify(r.Context(), r.PathValue("token"))
	if tdkt.CodeOf(err) == tdkt.ENotFound {
		h.verifyNotFound(w, r, r.PathValue("token"))
		return
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := verifyView{Page: h.page(r, "Xác minh bằng, giấy khen", "portal"), C: c, Valid: c.RevokedAt == "",
		AwardName: tdkt.Label(c.AwardCode), DecidedOn: vn.FormatDate(c.DecidedOn)}
	if _, pdf, sigs, err := h.svc.VerifiedDecision(r.Context(), r.PathValue("token")); err == nil && pdf != nil {
		v.DecisionSigned, v.Signatures = true, sigs
	}
	if c.RevokedAt != "" {
		v.RevokedOn = vnTime(c.RevokedAt)
		if len(c.RevokedAt) == 10 {
			v.RevokedOn = vn.FormatDate(c.RevokedAt)
		}
	}
	h.render(w, r, http.StatusOK, "verify.html", v)
}
