package web

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"

	"tdkt"
	"tdkt/core"
	"tdkt/vn"
)

// Congresses of patriotic emulation and their typical examples: the staff pages that
// choose the examples and write their stories, and the portal's honour pages. The
// portal's views are built field by field from public fields (name, position, unit,
// story, awards), so that a citizen ID or a birth date cannot reach them; the story is
// plain text, escaped by html/template, one <p> per paragraph.

// congressesView lists the congresses of the account's subtree with the create form.
type congressesView struct {
	Page
	Items     []tdkt.Congress
	CanCreate bool
	Create    Form
	Orgs      []option
}

func (h *handler) congressesPage(r *http.Request, actor *tdkt.Account, f Form) (congressesView, error) {
	v := congressesView{Page: h.page(r, "Đại hội thi đua, gương điển hình", "congresses"), CanCreate: actor.CanEditRecords(), Create: f}
	var err error
	if v.Items, err = h.svc.Congresses(r.Context(), actor); err != nil {
		return v, err
	}
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	v.Orgs = orgOptions(orgs)
	return v, err
}

func (h *handler) congressList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := newForm()
	f.Values["org_id"] = id64(actor.OrgID)
	y := h.svc.Now().In(vietnam).Year()
	f.Values["period_from"], f.Values["period_to"] = strconv.Itoa(y-5), strconv.Itoa(y-1)
	v, err := h.congressesPage(r, actor, f)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if f := listFormat(r); f != "" {
		h.congressExport(w, r, actor, f, v.Items)
		return
	}
	v.Downloads = downloadsFor(r)
	h.render(w, r, http.StatusOK, "congresses.html", v)
}

func (h *handler) congressCreate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, "org_id", "name", "held_on", "place", "period_from", "period_to")
	in := core.CongressInput{OrgID: atoi64(f.Values["org_id"]), Name: f.Values["name"], HeldOn: isoDate(f.Values["held_on"]),
		Place: f.Values["place"], PeriodFrom: atoi(f.Values["period_from"]), PeriodTo: atoi(f.Values["period_to"])}
	g, err := h.svc.CreateCongress(r.Context(), actor, in)
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			v, verr := h.congressesPage(r, actor, f)
			if verr != nil {
				h.fail(w, r, verr, nil)
				return
			}
			v.Create.Errors = fields
			h.render(w, r, http.StatusUnprocessableEntity, "congresses.html", v)
		})
		return
	}
	http.Redirect(w, r, "/app/congresses/"+id64(g.ID)+"?saved=1", http.StatusSeeOther)
}

// congressView is a congress's page: its examples, the steps, the candidate search.
type congressView struct {
	core.CongressView
	Page
	StatusLabel string
	Search      Form
	Awards      []option
	Units       []option
	Candidates  []exampleCandidate
	Orders      []option // how the candidates are ordered: by name (Vietnamese order) or score
	Searched    bool
	Error       string
}

// exampleCandidate is a line of the typical examples' picker: the candidate with the
// birth year of a person, so that namesakes are told apart as in every person picker.
type exampleCandidate struct {
	core.ExampleCandidate
	Born string
}

func (h *handler) congressShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showCongress(w, r, actor, http.StatusOK, "")
}

func (h *handler) showCongress(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, problem string) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	cv, err := h.svc.Congress(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := congressView{CongressView: cv, Page: h.page(r, cv.Congress.Name, "congresses"), StatusLabel: tdkt.CongressStatusLabels[cv.Congress.Status],
		Search: newForm(), Error: problem}
	q := r.URL.Query()
	for _, k := range []string{"award", "org_id", "year", "q", "order"} {
		v.Search.Values[k] = vn.NFC(q.Get(k))
	}
	v.Awards = append(v.Awards, option{Value: "", Label: "Tất cả"})
	for _, a := range tdkt.Awards {
		v.Awards = append(v.Awards, option{Value: a.Code, Label: a.Name})
	}
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v.Units = append([]option{{Value: "", Label: "Tất cả"}}, orgOptions(orgs)...)
	if v.CanEdit {
		v.Searched = true
		f := core.CandidateFilter{Award: v.Search.Values["award"], OrgID: atoi64(v.Search.Values["org_id"]), Year: atoi(v.Search.Values["year"]), Name: v.Search.Values["q"]}
		v.Orders = []option{{"", "Tên (thứ tự tiếng Việt)"}, {"score", "Điểm khen thưởng (cao trước)"}}
		found, err := h.svc.SearchCandidates(r.Context(), actor, id, f)
		var e *tdkt.Error
		if errors.As(err, &e) && e.Code == tdkt.EInvalid {
			v.Search.Errors, err = e.Fields, nil
		}
		var people []int64
		for _, c := range found {
			if c.Subject.Kind == tdkt.Individual {
				people = append(people, c.Subject.ID)
			}
		}
		var born map[int64]string
		if err == nil {
			born, err = h.svc.BirthYears(r.Context(), actor, people)
		}
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		for _, c := range found {
			x := exampleCandidate{ExampleCandidate: c}
			if c.Subject.Kind == tdkt.Individual {
				x.Born = born[c.Subject.ID]
			}
			v.Candidates = append(v.Candidates, x)
		}
		// The use case ranks by score (and keeps the best 50); the picker lists them
		// by name unless asked for the ranking, like every list of people.
		if v.Search.Values["order"] != "score" {
			slices.SortStableFunc(v.Candidates, func(a, b exampleCandidate) int { return vn.Compare(a.Name, b.Name) })
		}
	}
	h.render(w, r, status, "congress.html", v)
}

func (h *handler) congressStep(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if _, err := h.svc.StepCongress(r.Context(), actor, id, tdkt.CongressAction(r.PostFormValue("action")), atoi(r.PostFormValue("version"))); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/congresses/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) exampleSelect(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	sub := tdkt.Subject{Kind: tdkt.SubjectKind(r.PostFormValue("kind")), ID: atoi64(r.PostFormValue("subject"))}
	x, err := h.svc.SelectExample(r.Context(), actor, id, sub)
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			msg := "Không chọn được điển hình."
			for _, m := range fields {
				msg = m
			}
			h.showCongress(w, r, actor, http.StatusUnprocessableEntity, msg)
		})
		return
	}
	http.Redirect(w, r, "/app/congresses/"+id64(id)+"/examples/"+id64(x.ID), http.StatusSeeOther)
}

// exampleView is the page that edits a typical example's story and photo.
type exampleView struct {
	Page
	Congress tdkt.Congress
	X        tdkt.TypicalExample
	Form     Form
	Photo    Form
	Base     string
}

func (h *handler) exampleEdit(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showExample(w, r, actor, http.StatusOK, nil, nil)
}

// showExample renders the story page; f, when not nil, is the story form sent back
// with its errors, and photoErr the message for a refused photo.
func (h *handler) showExample(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, f *Form, photo map[string]string) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	eid, err := pathID(r, "eid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	g, x, err := h.svc.Example(r.Context(), actor, id, eid)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := exampleView{Page: h.page(r, "Gương điển hình: "+x.Name, "congresses"), Congress: g, X: x, Form: newForm(), Photo: newForm(),
		Base: "/app/congresses/" + id64(id) + "/examples/" + id64(eid)}
	if f != nil {
		v.Form = *f
	} else {
		v.Form.Values = map[string]string{"title": x.Title, "summary": x.Summary, "body": x.Body, "published": on(x.Published)}
	}
	if photo != nil {
		v.Photo.Errors = photo
	}
	h.render(w, r, status, "congress_example.html", v)
}

func (h *handler) exampleSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	eid, err := pathID(r, "eid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	// vn.NFC would fold the story's line breaks; core keeps them with vn.NFCText.
	f := formFrom(r, "title", "published")
	f.Values["summary"], f.Values["body"] = r.PostFormValue("summary"), r.PostFormValue("body")
	in := core.StoryInput{Title: f.Values["title"], Summary: f.Values["summary"], Body: f.Values["body"], Published: f.Values["published"] != "",
		Version: atoi(r.PostFormValue("version"))}
	if _, err := h.svc.SaveStory(r.Context(), actor, id, eid, in); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showExample(w, r, actor, http.StatusUnprocessableEntity, &f, nil)
		})
		return
	}
	http.Redirect(w, r, "/app/congresses/"+id64(id)+"/examples/"+id64(eid)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) examplePhotoUpload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	eid, err := pathID(r, "eid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	refuse := func(msg string) {
		h.showExample(w, r, actor, http.StatusUnprocessableEntity, nil, map[string]string{"photo": msg})
	}
	r.Body = http.MaxBytesReader(w, r.Body, tdkt.MaxPhoto+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		refuse("Ảnh lớn quá 2 MB, hoặc không đọc được tệp gửi lên.")
		return
	}
	file, _, err := r.FormFile("photo")
	if err != nil {
		refuse("Hãy chọn ảnh cần gửi.")
		return
	}
	defer file.Close()
	content, err := io.ReadAll(io.LimitReader(file, tdkt.MaxPhoto+1))
	if err != nil {
		refuse("Không đọc được tệp gửi lên.")
		return
	}
	if len(content) == 0 {
		refuse("Tệp ảnh rỗng.")
		return
	}
	if _, err := h.svc.SetPhoto(r.Context(), actor, id, eid, content, atoi(r.FormValue("version"))); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			h.showExample(w, r, actor, http.StatusUnprocessableEntity, nil, fields)
		})
		return
	}
	http.Redirect(w, r, "/app/congresses/"+id64(id)+"/examples/"+id64(eid)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) examplePhoto(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	eid, err := pathID(r, "eid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	ct, content, err := h.svc.Photo(r.Context(), actor, id, eid)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	servePhoto(w, ct, content)
}

func servePhoto(w http.ResponseWriter, contentType string, content []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(content)))
	w.Write(content)
}

func (h *handler) exampleRemove(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	eid, err := pathID(r, "eid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if err := h.svc.RemoveExample(r.Context(), actor, id, eid, atoi(r.PostFormValue("version"))); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/congresses/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

// exampleCard is a typical example on the portal: public fields only.
type exampleCard struct {
	Link, Name, Position, Unit, Title, Summary, Photo string
}

func cardOfExample(x tdkt.TypicalExample) exampleCard {
	c := exampleCard{Link: "/dien-hinh/" + id64(x.ID), Name: x.Name, Position: x.Position, Unit: x.Unit, Title: x.Title, Summary: x.Summary}
	if x.PhotoType != "" {
		c.Photo = c.Link + "/anh"
	}
	return c
}

// featuredExamples gives the portal's front page a few published typical examples;
// a failure only leaves the block out, the rest of the front page still shows.
func (h *handler) featuredExamples(r *http.Request) []exampleCard {
	xs, err := h.svc.FeaturedExamples(r.Context(), 6)
	if err != nil {
		h.log.Error("featured examples", "err", err)
		return nil
	}
	var out []exampleCard
	for _, x := range xs {
		out = append(out, cardOfExample(x))
	}
	return out
}

// publicCongress is a published congress on the portal with its typical examples.
type publicCongress struct {
	Name, OrgName, HeldOn, Period string
	Examples                      []exampleCard
}

type honourPagesView struct {
	Page
	Congresses []publicCongress
}

func (h *handler) honourPages(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.PublishedExamples(r.Context())
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := honourPagesView{Page: h.page(r, "Gương điển hình tiên tiến", "portal")}
	for _, p := range list {
		pc := publicCongress{Name: p.Congress.Name, OrgName: p.Congress.OrgName, HeldOn: vn.FormatDate(p.Congress.HeldOn), Period: p.Congress.Period()}
		for _, x := range p.Examples {
			pc.Examples = append(pc.Examples, cardOfExample(x))
		}
		v.Congresses = append(v.Congresses, pc)
	}
	h.render(w, r, http.StatusOK, "honour_pages.html", v)
}

// publicAwardLine is an award on an honour page.
type publicAwardLine struct {
	Award, DecisionNo, DecidedOn, Issuer string
	Year                                 int
}

type honourPageView struct {
	Page
	Card       exampleCard
	Paragraphs []string
	Awards     []publicAwardLine
	Congress   publicCongress
}

func (h *handler) honourPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	g, x, err := h.svc.PublicExample(r.Context(), id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := honourPageView{Page: h.page(r, x.Name, "portal"), Card: cardOfExample(x), Paragraphs: x.Paragraphs(),
		Congress: publicCongress{Name: g.Name, OrgName: g.OrgName, HeldOn: vn.FormatDate(g.HeldOn), Period: g.Period()}}
	for _, a := range x.Awards {
		v.Awards = append(v.Awards, publicAwardLine{Award: a.AwardName, DecisionNo: a.DecisionNo, DecidedOn: vn.FormatDate(a.DecidedOn), Issuer: a.Issuer, Year: a.Year})
	}
	h.render(w, r, http.StatusOK, "honour_page.html", v)
}

func (h *handler) honourPhoto(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	ct, content, err := h.svc.PublicPhoto(r.Context(), id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	servePhoto(w, ct, content)
}
