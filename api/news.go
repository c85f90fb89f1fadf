package api

import (
	"io"
	"net/http"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/markup"
)

// News (Tin tức): staff endpoints that write, review, publish, correct and take down
// articles, and public endpoints that read published articles. body is the article's
// text in the safe Markdown subset; body_html is what the portal shows (package
// markup: no HTML of the author's own, links to http and https only).

const tagNews = "Tin tức"

// articleJSON is an article.
type articleJSON struct {
	ID          int64                `json:"id"`
	Slug        string               `json:"slug" doc:"Địa chỉ trên cổng thông tin: /tin-tuc/{slug}"`
	OrgID       int64                `json:"org_id"`
	OrgName     string               `json:"org_name,omitempty"`
	Author      string               `json:"author,omitempty"`
	Title       string               `json:"title" api:"req"`
	Summary     string               `json:"summary"`
	Body        string               `json:"body" doc:"Markdown rút gọn: đoạn, ## và ###, **đậm**, *nghiêng*, [liên kết](https://…), danh sách, > trích dẫn; HTML hiện như chữ"`
	BodyHTML    string               `json:"body_html" doc:"Nội dung đã trình bày, an toàn để hiển thị"`
	Category    string               `json:"category" api:"req,enum=article_category"`
	Tags        []string             `json:"tags" api:"req"`
	Status      tdkt.ArticleStatus   `json:"status,omitempty" api:"enum=article_status"`
	PublishAt   string               `json:"publish_at,omitempty" doc:"Thời điểm hiện trên cổng thông tin (RFC 3339, UTC)"`
	CorrectedAt string               `json:"corrected_at,omitempty"`
	MovementID  int64                `json:"movement_id,omitempty"`
	DecisionID  int64                `json:"decision_id,omitempty"`
	ExampleID   int64                `json:"example_id,omitempty"`
	Revision    int                  `json:"revision"`
	Version     int                  `json:"version"`
	Images      []articleImageJSON   `json:"images" api:"req"`
	Revisions   []articleRevisionRef `json:"revisions" api:"req"`
	Steps       []tdkt.ArticleAction `json:"steps,omitempty" api:"enum=article_action" doc:"Các bước tài khoản được làm bây giờ"`
}

type articleImageJSON struct {
	ID     int64  `json:"id"`
	URL    string `json:"url"`
	Thumb  string `json:"thumb"`
	Alt    string `json:"alt" api:"req"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

type articleRevisionRef struct {
	Revision  int    `json:"revision"`
	Title     string `json:"title"`
	Summary   string `json:"summary"`
	Body      string `json:"body"`
	Note      string `json:"note,omitempty" doc:"Nội dung đính chính"`
	CreatedAt string `json:"created_at"`
}

type articleList struct {
	Items []articleJSON `json:"items" api:"req"`
	Total int64         `json:"total"`
}

// articleInput is the body of POST and PUT /articles and of POST /articles/{id}/corrections.
type articleInput struct {
	OrgID      int64  `json:"org_id,omitempty" doc:"Đơn vị đăng tin; mặc định là đơn vị của tài khoản"`
	Title      string `json:"title" api:"req"`
	Summary    string `json:"summary,omitempty"`
	Body       string `json:"body" api:"req"`
	Category   string `json:"category" api:"req,enum=article_category"`
	Tags       string `json:"tags,omitempty" doc:"Từ khóa cách nhau bằng dấu phẩy"`
	PublishAt  string `json:"publish_at,omitempty" doc:"Đề nghị thời điểm đăng, RFC 3339"`
	MovementID int64  `json:"movement_id,omitempty"`
	DecisionID int64  `json:"decision_id,omitempty"`
	ExampleID  int64  `json:"example_id,omitempty"`
	Note       string `json:"note,omitempty" doc:"Nội dung đính chính (chỉ khi đính chính)"`
	Version    int    `json:"version,omitempty" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

// articleStepInput is the body of POST /articles/{id}/steps.
type articleStepInput struct {
	Action    tdkt.ArticleAction `json:"action" api:"req,enum=article_action" doc:"submit: gửi duyệt; return: trả lại; approve: duyệt đăng (lãnh đạo); unpublish: gỡ bài"`
	Version   int                `json:"version" api:"req"`
	PublishAt string             `json:"publish_at,omitempty" doc:"Khi duyệt: hẹn giờ đăng, RFC 3339; để trống là đăng ngay"`
}

func toArticle(v core.ArticleView, imageBase string) articleJSON {
	x := v.Article
	out := articleJSON{ID: x.ID, Slug: x.Slug, OrgID: x.OrgID, OrgName: x.OrgName, Author: x.AuthorName, Title: x.Title, Summary: x.Summary,
		Body: x.Body, BodyHTML: string(markup.Render(x.Body)), Category: x.Category, Tags: x.Tags, Status: x.Status, PublishAt: stampRFC(x.PublishAt),
		CorrectedAt: stampRFC(x.CorrectedAt), MovementID: x.MovementID, DecisionID: x.DecisionID, ExampleID: x.ExampleID, Revision: x.Revision,
		Version: x.Version, Images: []articleImageJSON{}, Revisions: []articleRevisionRef{}}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	for _, im := range v.Images {
		u := imageBase + itoa64(im.ID)
		out.Images = append(out.Images, articleImageJSON{ID: im.ID, URL: u, Thumb: u + "?co=nho", Alt: im.Alt, Width: im.Width, Height: im.Height})
	}
	for _, rv := range v.Revisions {
		out.Revisions = append(out.Revisions, articleRevisionRef{Revision: rv.Revision, Title: rv.Title, Summary: rv.Summary, Body: rv.Body,
			Note: rv.Note, CreatedAt: stampRFC(rv.CreatedAt)})
	}
	for _, s := range v.Steps {
		out.Steps = append(out.Steps, s.Action)
	}
	return out
}

func itoa64(n int64) string { return itoa(int(n)) }

func stampRFC(s string) string {
	if t := core.ParseStamp(s); !t.IsZero() {
		return t.Format(time.RFC3339)
	}
	return ""
}

func parseRFC(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, invalid(field, "Thời điểm phải theo RFC 3339, ví dụ 2026-12-01T08:00:00+07:00.")
	}
	return t, nil
}

func (in articleInput) core() (core.ArticleInput, error) {
	at, err := parseRFC("publish_at", in.PublishAt)
	return core.ArticleInput{OrgID: in.OrgID, Title: in.Title, Summary: in.Summary, Body: in.Body, Category: in.Category, Tags: in.Tags,
		PublishAt: at, MovementID: in.MovementID, DecisionID: in.DecisionID, ExampleID: in.ExampleID, Version: in.Version}, err
}

func (h *handlers) newsRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/articles", Handle: h.listArticles, Op: operation{ID: "listArticles", Tag: tagNews,
			Summary: "Bài viết của cây đơn vị của tài khoản (mọi trạng thái)", Resp: "ArticleList"}},
		{Method: "POST", Path: prefix + "/articles", Handle: h.createArticle, Op: operation{ID: "createArticle", Tag: tagNews,
			Summary: "Viết bài mới (bản nháp)", Body: "ArticleInput", Status: http.StatusCreated, Resp: "Article"}},
		{Method: "GET", Path: prefix + "/articles/{id}", Handle: h.getArticle, Op: operation{ID: "getArticle", Tag: tagNews,
			Summary: "Một bài viết với ảnh, các lần đăng và đính chính, các bước được làm", Resp: "Article"}},
		{Method: "PUT", Path: prefix + "/articles/{id}", Handle: h.updateArticle, Op: operation{ID: "updateArticle", Tag: tagNews,
			Summary: "Sửa bản nháp hoặc bài đã gỡ", Body: "ArticleInput", Resp: "Article", Conflict: true}},
		{Method: "POST", Path: prefix + "/articles/{id}/steps", Handle: h.stepArticle, Op: operation{ID: "stepArticle", Tag: tagNews,
			Summary: "Gửi duyệt, trả lại, duyệt đăng (có thể hẹn giờ) hoặc gỡ bài", Body: "ArticleStepInput", Resp: "Article", Conflict: true}},
		{Method: "POST", Path: prefix + "/articles/{id}/corrections", Handle: h.correctArticle, Op: operation{ID: "correctArticle", Tag: tagNews,
			Summary: "Đính chính bài đã đăng (lãnh đạo, quản trị): lưu thành lần đăng mới, giữ nội dung cũ", Body: "ArticleInput", Resp: "Article", Conflict: true}},
		{Method: "POST", Path: prefix + "/articles/{id}/images", Raw: h.postArticleImage, Op: operation{ID: "addArticleImage", Tag: tagNews,
			Summary: "Thêm ảnh: nội dung là ảnh PNG hoặc JPEG (kiểm tra theo nội dung), thu nhỏ còn tối đa 1200 điểm ảnh chiều rộng; mô tả ảnh ở tham số alt",
			Query:   []param{{"alt", "string", "Mô tả ảnh (bắt buộc)"}}, Status: http.StatusCreated, Resp: "Article"}},
		{Method: "GET", Path: prefix + "/news", Handle: h.publicNews, Op: operation{ID: "listNews", Tag: tagPublic, Public: true,
			Summary: "Tin tức đã đăng (không cần đăng nhập)", Resp: "ArticleList",
			Query: []param{{"category", "string", "Chuyên mục"}, {"tag", "string", "Từ khóa (dạng không dấu, ví dụ chi-thi-34)"}, {"page", "integer", "Trang, từ 1"}}}},
		{Method: "GET", Path: prefix + "/news/{slug}", Handle: h.publicArticle, Op: operation{ID: "getNews", Tag: tagPublic, Public: true,
			Summary: "Một tin đã đăng, theo địa chỉ", Resp: "Article"}},
	}
}

const articleWhat = "bài viết"

func (h *handlers) articleDetail(r *http.Request, a *tdkt.Account, id int64) (any, error) {
	v, err := h.svc.Article(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	return toArticle(v, "/app/news/"+itoa64(id)+"/images/"), nil
}

func (h *handlers) listArticles(r *http.Request, a *tdkt.Account) (any, error) {
	xs, err := h.svc.Articles(r.Context(), a)
	if err != nil {
		return nil, err
	}
	out := articleList{Items: []articleJSON{}, Total: int64(len(xs))}
	for _, x := range xs {
		out.Items = append(out.Items, toArticle(core.ArticleView{Article: x}, ""))
	}
	return out, nil
}

func (h *handlers) createArticle(r *http.Request, a *tdkt.Account) (any, error) {
	var in articleInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	ci, err := in.core()
	if err != nil {
		return nil, err
	}
	x, err := h.svc.CreateArticle(r.Context(), a, ci)
	if err != nil {
		return nil, err
	}
	return h.articleDetail(r, a, x.ID)
}

func (h *handlers) getArticle(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, articleWhat)
	if err != nil {
		return nil, err
	}
	return h.articleDetail(r, a, id)
}

func (h *handlers) updateArticle(r *http.Request, a *tdkt.Account) (any, error) {
	return h.changeArticle(r, a, false)
}

func (h *handlers) correctArticle(r *http.Request, a *tdkt.Account) (any, error) {
	return h.changeArticle(r, a, true)
}

func (h *handlers) changeArticle(r *http.Request, a *tdkt.Account, correcting bool) (any, error) {
	id, err := pathID(r, articleWhat)
	if err != nil {
		return nil, err
	}
	var in articleInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := needVersion(in.Version); err != nil {
		return nil, err
	}
	ci, err := in.core()
	if err != nil {
		return nil, err
	}
	if correcting {
		_, err = h.svc.CorrectArticle(r.Context(), a, id, ci, in.Note)
	} else {
		_, err = h.svc.UpdateArticle(r.Context(), a, id, ci)
	}
	if err != nil {
		return nil, err
	}
	return h.articleDetail(r, a, id)
}

func (h *handlers) stepArticle(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, articleWhat)
	if err != nil {
		return nil, err
	}
	var in articleStepInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := needVersion(in.Version); err != nil {
		return nil, err
	}
	at, err := parseRFC("publish_at", in.PublishAt)
	if err != nil {
		return nil, err
	}
	if _, err := h.svc.StepArticle(r.Context(), a, id, in.Action, in.Version, at); err != nil {
		return nil, err
	}
	return h.articleDetail(r, a, id)
}

func (h *handlers) postArticleImage(w http.ResponseWriter, r *http.Request) {
	a := core.Actor(r.Context())
	id, err := pathID(r, articleWhat)
	if err != nil {
		writeError(w, r, err)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, tdkt.MaxImageUpload+1))
	if err != nil {
		writeError(w, r, badRequest("Không đọc được nội dung ảnh."))
		return
	}
	if _, err := h.svc.AddArticleImage(r.Context(), a, id, body, r.URL.Query().Get("alt")); err != nil {
		writeError(w, r, err)
		return
	}
	v, err := h.articleDetail(r, a, id)
	if err != nil {
		writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, v)
}

func (h *handlers) publicNews(r *http.Request, _ *tdkt.Account) (any, error) {
	page, err := queryInt(r, "page", 1)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	p, err := h.svc.PublicNews(r.Context(), q.Get("category"), q.Get("tag"), page, 20)
	if err != nil {
		return nil, err
	}
	out := articleList{Items: []articleJSON{}, Total: p.Total}
	for _, x := range p.Items {
		j := toArticle(core.ArticleView{Article: x}, "")
		j.Status, j.Steps = "", nil
		out.Items = append(out.Items, j)
	}
	return out, nil
}

func (h *handlers) publicArticle(r *http.Request, _ *tdkt.Account) (any, error) {
	v, err := h.svc.PublicArticle(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	j := toArticle(v, "/tin-tuc/anh/")
	j.Status = ""
	return j, nil
}
