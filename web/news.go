package web

import (
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/markup"
	"tdkt/vn"
)

// News (Tin tức): the portal's public list and article pages, and the staff pages
// that write, review, publish, correct and take down articles. An article's body is
// rendered by package markup, the only HTML of the page that is not escaped by
// html/template; every other field (title, summary, tags, alt text) is plain text.

const newsPerPage = 10

// newsCard is an article in a list, public fields only.
type newsCard struct {
	Link, Title, Summary, Category, CategoryLink, Date, Unit, Thumb, ThumbAlt string
	Tags                                                                      []tagLink
}

type tagLink struct{ Name, Link string }

func tagLinks(tags []string) []tagLink {
	out := make([]tagLink, 0, len(tags))
	for _, t := range tags {
		out = append(out, tagLink{Name: t, Link: "/tin-tuc?the=" + url.QueryEscape(tdkt.Slug(vn.Fold(t)))})
	}
	return out
}

func cardOfArticle(x tdkt.Article) newsCard {
	c := newsCard{Link: "/tin-tuc/" + x.Slug, Title: x.Title, Summary: x.Summary, Category: x.CategoryName(),
		CategoryLink: "/tin-tuc?muc=" + x.Category, Date: vnDay(x.PublishAt), Unit: x.OrgName, Tags: tagLinks(x.Tags)}
	if x.CoverID != 0 {
		c.Thumb, c.ThumbAlt = "/tin-tuc/anh/"+id64(x.CoverID)+"?co=nho", "Ảnh minh họa: "+x.Title
	}
	return c
}

// vnDay shows a stored UTC stamp as a date in Vietnam.
func vnDay(stamp string) string {
	t := core.ParseStamp(stamp)
	if t.IsZero() {
		return ""
	}
	return t.In(vietnam).Format("02/01/2006")
}

// latestNews gives the front page its "Tin tức" block; a failure leaves it out.
func (h *handler) latestNews(r *http.Request, n int) []newsCard {
	p, err := h.svc.PublicNews(r.Context(), "", "", 1, n)
	if err != nil {
		h.log.Error("latest news", "err", err)
		return nil
	}
	var out []newsCard
	for _, x := range p.Items {
		out = append(out, cardOfArticle(x))
	}
	return out
}

type newsListView struct {
	Page
	Items      []newsCard
	Categories []option // Value is the link
	Category   string
	Tag        string
	Total      int64
	PageNo     int
	Prev, Next string
	Feed       string
}

func (h *handler) newsList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cat, tag := q.Get("muc"), tdkt.Slug(vn.Fold(q.Get("the")))
	if tdkt.CategoryName(cat) == "" {
		cat = ""
	}
	pageNo := max(1, atoi(q.Get("trang")))
	p, err := h.svc.PublicNews(r.Context(), cat, tag, pageNo, newsPerPage)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	title := "Tin tức"
	if cat != "" {
		title = "Tin tức: " + tdkt.CategoryName(cat)
	}
	v := newsListView{Page: h.page(r, title, "news"), Category: cat, Tag: tag, Total: p.Total, PageNo: pageNo}
	v.Categories = append(v.Categories, option{Value: "/tin-tuc", Label: "Tất cả"})
	for _, c := range tdkt.ArticleCategories {
		v.Categories = append(v.Categories, option{Value: "/tin-tuc?muc=" + c.Code, Label: c.Name})
	}
	for _, x := range p.Items {
		v.Items = append(v.Items, cardOfArticle(x))
	}
	link := func(n int) string {
		u := url.Values{}
		if cat != "" {
			u.Set("muc", cat)
		}
		if tag != "" {
			u.Set("the", tag)
		}
		if n > 1 {
			u.Set("trang", strconv.Itoa(n))
		}
		if len(u) == 0 {
			return "/tin-tuc"
		}
		return "/tin-tuc?" + u.Encode()
	}
	if pageNo > 1 {
		v.Prev = link(pageNo - 1)
	}
	if int64(pageNo*newsPerPage) < p.Total {
		v.Next = link(pageNo + 1)
	}
	h.render(w, r, http.StatusOK, "news.html", v)
}

// articlePage is what the public and the staff article pages show.
type articlePage struct {
	Title, Summary, Category, CategoryLink, Date, Unit, Author string
	Body                                                       template.HTML
	Tags                                                       []tagLink
	Cover                                                      *imageCard
	Images                                                     []imageCard
	Corrections                                                []revisionCard
	Movement, Decision, Example, ExampleLink                   string
}

type imageCard struct {
	ID          int64
	Src, Thumb  string
	Alt         string
	Width, High int
}

type revisionCard struct {
	Revision       int
	Date, Note     string
	Title, Summary string
	Body           template.HTML
}

// articlePageOf builds the page of an article; imageBase is where its images are
// served (public or staff).
func articlePageOf(v core.ArticleView, imageBase string) articlePage {
	x := v.Article
	p := articlePage{Title: x.Title, Summary: x.Summary, Category: x.CategoryName(), CategoryLink: "/tin-tuc?muc=" + x.Category,
		Date: vnTime(x.PublishAt), Unit: x.OrgName, Author: x.AuthorName, Body: markup.Render(x.Body), Tags: tagLinks(x.Tags),
		Movement: x.MovementName, Example: x.ExampleName}
	if x.DecisionNo != "" {
		p.Decision = "Quyết định số " + x.DecisionNo + " ngày " + vn.FormatDate(x.DecidedOn)
	}
	if x.ExampleName != "" {
		p.ExampleLink = "/dien-hinh/" + id64(x.ExampleID)
	}
	for i, im := range v.Images {
		c := imageCard{ID: im.ID, Src: imageBase + id64(im.ID), Thumb: imageBase + id64(im.ID) + "?co=nho", Alt: im.Alt, Width: im.Width, High: im.Height}
		if i == 0 {
			p.Cover = &c
		} else {
			p.Images = append(p.Images, c)
		}
	}
	// The revisions come the latest first: each one after the first publication is a
	// correction, and the texts it replaced stay readable.
	for i, rv := range v.Revisions {
		if rv.Revision < 2 {
			continue
		}
		c := revisionCard{Revision: rv.Revision, Date: vnTime(rv.CreatedAt), Note: rv.Note}
		if i+1 < len(v.Revisions) {
			old := v.Revisions[i+1]
			c.Title, c.Summary, c.Body = old.Title, old.Summary, markup.Render(old.Body)
		}
		p.Corrections = append(p.Corrections, c)
	}
	return p
}

type articleView struct {
	Page
	Article articlePage
	URL     string // the absolute address, for Open Graph
	Image   string // the absolute address of the cover image, for Open Graph
	Print   string
}

func (h *handler) newsArticle(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	av, err := h.svc.PublicArticle(r.Context(), slug)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := articleView{Page: h.page(r, av.Article.Title, "news"), Article: articlePageOf(av, "/tin-tuc/anh/"),
		URL: h.absURL(r, "/tin-tuc/"+av.Article.Slug), Print: "/tin-tuc/" + av.Article.Slug + "?in=1"}
	if v.Article.Cover != nil {
		v.Image = h.absURL(r, v.Article.Cover.Src)
	}
	page := "article.html"
	if r.URL.Query().Get("in") == "1" {
		page = "article_print.html"
	}
	h.render(w, r, http.StatusOK, page, v)
}

func (h *handler) newsImage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	ct, content, err := h.svc.PublicArticleImage(r.Context(), id, r.URL.Query().Get("co") == "nho")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	// An image never changes under its id; an hour keeps a taken-down article's
	// images from lingering long in shared caches.
	w.Header().Set("Cache-Control", "public, max-age=3600")
	servePhoto(w, ct, content)
}

// Staff pages.

type newsStaffView struct {
	Page
	Mine, Review, Others []tdkt.Article
	CanWrite             bool
}

func (h *handler) newsStaffList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	list, err := h.svc.Articles(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if f := listFormat(r); f != "" {
		h.articleExport(w, r, actor, f, list)
		return
	}
	v := newsStaffView{Page: h.page(r, "Tin tức", "news"), CanWrite: actor.CanWriteArticles()}
	v.Downloads = downloadsFor(r)
	for _, x := range list {
		switch {
		case x.Status == tdkt.ArticleSubmitted && actor.CanPublishArticles():
			v.Review = append(v.Review, x)
		case x.AuthorID == actor.ID:
			v.Mine = append(v.Mine, x)
		default:
			v.Others = append(v.Others, x)
		}
	}
	h.render(w, r, http.StatusOK, "news_staff.html", v)
}

var articleFields = []string{"org_id", "title", "category", "tags", "publish_at", "movement_id", "decision_id", "example_id", "note"}

type articleFormView struct {
	Page
	Form       Form
	Action     string
	Back       string
	Version    int
	Correcting bool
	Orgs       []option
	Categories []option
}

func (h *handler) articleFormPage(r *http.Request, actor *tdkt.Account, title string, f Form) (articleFormView, error) {
	v := articleFormView{Page: h.page(r, title, "news"), Form: f}
	for _, c := range tdkt.ArticleCategories {
		v.Categories = append(v.Categories, option{Value: c.Code, Label: c.Name})
	}
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	v.Orgs = orgOptions(orgs)
	return v, err
}

// articleForm reads the editor's fields; the body and summary keep their lines.
func articleForm(r *http.Request) Form {
	f := formFrom(r, articleFields...)
	f.Values["summary"], f.Values["body"] = r.PostFormValue("summary"), r.PostFormValue("body")
	return f
}

// localTime reads a datetime-local field as Vietnam time; zero when empty.
func localTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "02/01/2006 15:04"} {
		if t, err := time.ParseInLocation(layout, s, vietnam); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func localInput(stamp string) string {
	t := core.ParseStamp(stamp)
	if t.IsZero() {
		return ""
	}
	return t.In(vietnam).Format("2006-01-02T15:04")
}

func articleInput(f Form) (core.ArticleInput, map[string]string) {
	in := core.ArticleInput{OrgID: atoi64(f.Values["org_id"]), Title: f.Values["title"], Summary: f.Values["summary"], Body: f.Values["body"],
		Category: f.Values["category"], Tags: f.Values["tags"], MovementID: atoi64(f.Values["movement_id"]),
		DecisionID: atoi64(f.Values["decision_id"]), ExampleID: atoi64(f.Values["example_id"])}
	t, ok := localTime(f.Values["publish_at"])
	if !ok {
		return in, map[string]string{"publish_at": "Thời điểm không hợp lệ; hãy nhập ngày và giờ."}
	}
	in.PublishAt = t
	return in, nil
}

func formOfArticle(x tdkt.Article) Form {
	f := newForm()
	ids := func(n int64) string {
		if n == 0 {
			return ""
		}
		return id64(n)
	}
	f.Values = map[string]string{"org_id": id64(x.OrgID), "title": x.Title, "summary": x.Summary, "body": x.Body, "category": x.Category,
		"tags": strings.Join(x.Tags, ", "), "publish_at": localInput(x.PublishAt), "movement_id": ids(x.MovementID),
		"decision_id": ids(x.DecisionID), "example_id": ids(x.ExampleID)}
	return f
}

func (h *handler) renderArticleForm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, v articleFormView) {
	h.render(w, r, status, "article_form.html", v)
}

func (h *handler) articleNew(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := newForm()
	f.Values["org_id"], f.Values["category"] = id64(actor.OrgID), tdkt.ArticleCategories[0].Code
	v, err := h.articleFormPage(r, actor, "Viết bài mới", f)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v.Action, v.Back = "/app/news/new", "/app/news"
	h.renderArticleForm(w, r, actor, http.StatusOK, v)
}

// articleRedo sends the editor back with the messages beside the fields.
func (h *handler) articleRedo(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, title, action, back string, version int, correcting bool, f Form) func(map[string]string) {
	return func(fields map[string]string) {
		v, err := h.articleFormPage(r, actor, title, f)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		v.Form.Errors = fields
		v.Action, v.Back, v.Version, v.Correcting = action, back, version, correcting
		h.renderArticleForm(w, r, actor, http.StatusUnprocessableEntity, v)
	}
}

func (h *handler) articleCreate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := articleForm(r)
	in, bad := articleInput(f)
	redo := h.articleRedo(w, r, actor, "Viết bài mới", "/app/news/new", "/app/news", 0, false, f)
	if bad != nil {
		redo(bad)
		return
	}
	x, err := h.svc.CreateArticle(r.Context(), actor, in)
	if err != nil {
		h.fail(w, r, err, redo)
		return
	}
	http.Redirect(w, r, "/app/news/"+id64(x.ID)+"?saved=1", http.StatusSeeOther)
}

type articleStaffView struct {
	Page
	core.ArticleView
	Article  articlePage
	Base     string
	Public   string
	Upload   Form
	Schedule string
}

func (h *handler) articleShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showArticle(w, r, actor, http.StatusOK, nil)
}

func (h *handler) showArticle(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, upload *Form) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	av, err := h.svc.Article(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	base := "/app/news/" + id64(id)
	v := articleStaffView{Page: h.page(r, av.Article.Title, "news"), ArticleView: av, Article: articlePageOf(av, base+"/images/"),
		Base: base, Upload: newForm(), Schedule: localInput(av.Article.PublishAt)}
	if av.Article.Status == tdkt.ArticlePublished {
		v.Public = "/tin-tuc/" + av.Article.Slug
	}
	if upload != nil {
		v.Upload = *upload
	}
	h.render(w, r, status, "article_staff.html", v)
}

func (h *handler) articleEdit(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.articleEditor(w, r, actor, false)
}

func (h *handler) articleCorrectForm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.articleEditor(w, r, actor, true)
}

func (h *handler) articleEditor(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, correcting bool) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	av, err := h.svc.Article(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	title, action := "Sửa bài viết", "/app/news/"+id64(id)+"/edit"
	if correcting {
		title, action = "Đính chính bài viết", "/app/news/"+id64(id)+"/correct"
	}
	v, err := h.articleFormPage(r, actor, title, formOfArticle(av.Article))
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v.Action, v.Back, v.Version, v.Correcting = action, "/app/news/"+id64(id), av.Article.Version, correcting
	h.renderArticleForm(w, r, actor, http.StatusOK, v)
}

func (h *handler) articleUpdate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.articleSave(w, r, actor, false)
}

func (h *handler) articleCorrect(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.articleSave(w, r, actor, true)
}

func (h *handler) articleSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, correcting bool) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := articleForm(r)
	version := atoi(r.PostFormValue("version"))
	title, action := "Sửa bài viết", "/app/news/"+id64(id)+"/edit"
	if correcting {
		title, action = "Đính chính bài viết", "/app/news/"+id64(id)+"/correct"
	}
	redo := h.articleRedo(w, r, actor, title, action, "/app/news/"+id64(id), version, correcting, f)
	in, bad := articleInput(f)
	if bad != nil {
		redo(bad)
		return
	}
	in.Version = version
	if correcting {
		_, err = h.svc.CorrectArticle(r.Context(), actor, id, in, r.PostFormValue("note"))
	} else {
		_, err = h.svc.UpdateArticle(r.Context(), actor, id, in)
	}
	if err != nil {
		h.fail(w, r, err, redo)
		return
	}
	http.Redirect(w, r, "/app/news/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) articleStep(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	at, ok := localTime(r.PostFormValue("publish_at"))
	if !ok {
		h.fail(w, r, &tdkt.Error{Code: tdkt.EInvalid, Message: "Thời điểm đăng không hợp lệ; hãy nhập ngày và giờ."}, nil)
		return
	}
	if _, err := h.svc.StepArticle(r.Context(), actor, id, tdkt.ArticleAction(r.PostFormValue("action")), atoi(r.PostFormValue("version")), at); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/news/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) articleImageUpload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := newForm()
	refuse := func(fields map[string]string) {
		f.Errors = fields
		h.showArticle(w, r, actor, http.StatusUnprocessableEntity, &f)
	}
	r.Body = http.MaxBytesReader(w, r.Body, tdkt.MaxImageUpload+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		refuse(map[string]string{"image": "Ảnh lớn quá 15 MB, hoặc không đọc được tệp gửi lên."})
		return
	}
	f.Values["alt"] = vn.NFC(r.FormValue("alt"))
	var content []byte
	if file, _, err := r.FormFile("image"); err == nil {
		content, err = io.ReadAll(io.LimitReader(file, tdkt.MaxImageUpload+1))
		file.Close()
		if err != nil {
			refuse(map[string]string{"image": "Không đọc được tệp gửi lên."})
			return
		}
	}
	if _, err := h.svc.AddArticleImage(r.Context(), actor, id, content, f.Values["alt"]); err != nil {
		h.fail(w, r, err, refuse)
		return
	}
	http.Redirect(w, r, "/app/news/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) articleImageDelete(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	iid, err := pathID(r, "iid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if err := h.svc.RemoveArticleImage(r.Context(), actor, id, iid); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/news/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) articleImage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	iid, err := pathID(r, "iid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	ct, content, err := h.svc.ArticleImage(r.Context(), actor, id, iid, r.URL.Query().Get("co") == "nho")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	w.Header().Set("Cache-Control", "private, no-store")
	servePhoto(w, ct, content)
}
