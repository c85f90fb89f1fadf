package core

import (
	"context"
	"strconv"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// News (Tin tức): articles written by an emulation office, reviewed and published by
// a leader of a unit above or at the article's unit, corrected in the open, or taken
// down. An article belongs to a unit; it is seen and changed inside that unit's
// subtree (outside it is NotFound, as every record). The portal reads only published
// articles whose publication time has come.

// ArticleInput is what a writer fills in to create or edit an article.
type ArticleInput struct {
	OrgID      int64 // the author's unit when 0
	Title      string
	Summary    string
	Body       string
	Category   string
	Tags       string    // comma-separated
	PublishAt  time.Time // the wished publication time; zero for as soon as approved
	MovementID int64
	DecisionID int64
	ExampleID  int64
	Version    int
}

// ArticleView is an article with its images, its published revisions and what the
// actor may do with it.
type ArticleView struct {
	Article    tdkt.Article
	Images     []tdkt.ArticleImage
	Revisions  []tdkt.ArticleRevision
	Steps      []tdkt.ArticleStep
	CanEdit    bool // text and images: a writer, while the article is a draft or taken down
	CanCorrect bool // a leader, while it is published
}

// stampOf formats a time as the stamps of the database, so that they compare as text.
func stampOf(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// ParseStamp reads a stamp of the database; the zero time for "".
func ParseStamp(s string) time.Time {
	t, _ := time.Parse("2006-01-02T15:04:05.000000Z", s)
	return t
}

func loadArticle(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (tdkt.Article, error) {
	x, path, err := tx.ArticleByID(ctx, id)
	if err == nil {
		err = visible(actor, path, "bài viết")
	}
	return x, err
}

// fillArticle normalises an input into x and checks the links: each must exist, and a
// movement or decision must belong to a unit the actor sees.
func (s *Service) fillArticle(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, x *tdkt.Article, in ArticleInput) error {
	x.Title, x.Summary, x.Body = vn.NFC(in.Title), vn.NFCText(in.Summary), vn.NFCText(in.Body)
	x.Category = in.Category
	x.Tags = tdkt.SplitTags(vn.NFC(in.Tags))
	x.MovementID, x.DecisionID, x.ExampleID = in.MovementID, in.DecisionID, in.ExampleID
	x.PublishAt = ""
	if !in.PublishAt.IsZero() {
		x.PublishAt = stampOf(in.PublishAt)
	}
	p := tdkt.Problems{}
	if err := x.Validate(); err != nil {
		p = err.(*tdkt.Error).Fields
	}
	for _, l := range []struct {
		kind, field string
		id          int64
	}{{"movement", "movement_id", x.MovementID}, {"decision", "decision_id", x.DecisionID}} {
		if l.id == 0 {
			continue
		}
		path, err := tx.LinkOrgPath(ctx, l.kind, l.id)
		if tdkt.CodeOf(err) == tdkt.ENotFound || err == nil && !actor.Sees(path) {
			p.Add(l.field, "Không có bản ghi số "+strconv.FormatInt(l.id, 10)+" trong phạm vi của bạn.")
		} else if err != nil {
			return err
		}
	}
	if x.ExampleID != 0 {
		if _, err := tx.PublicExample(ctx, x.ExampleID); tdkt.CodeOf(err) == tdkt.ENotFound {
			p.Add("example_id", "Không có gương điển hình đã công bố số "+strconv.FormatInt(x.ExampleID, 10)+".")
		} else if err != nil {
			return err
		}
	}
	return p.Err()
}

// uniqueSlug makes the article's address from its title without diacritics, adding
// -2, -3 … when another article has it.
func uniqueSlug(ctx context.Context, tx *sqldb.Tx, title string, id int64) (string, error) {
	base := tdkt.Slug(vn.Fold(title))
	if base == "" {
		base = "bai-viet"
	}
	taken, err := tx.SlugsLike(ctx, base, id)
	if err != nil {
		return "", err
	}
	slug := base
	for n := 2; taken[slug]; n++ {
		slug = base + "-" + strconv.Itoa(n)
	}
	return slug, nil
}

// CreateArticle starts a draft in a unit of the actor's subtree (their own by default).
func (s *Service) CreateArticle(ctx context.Context, actor *tdkt.Account, in ArticleInput) (x tdkt.Article, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if !actor.CanWriteArticles() {
			return tdkt.Forbidden()
		}
		if in.OrgID == 0 {
			in.OrgID = actor.OrgID
		}
		o, err := orgInScope(ctx, tx, actor, in.OrgID, "org_id")
		if err != nil {
			return err
		}
		x = tdkt.Article{OrgID: o.ID, OrgName: o.Name, AuthorID: actor.ID, AuthorName: actor.Name, Status: tdkt.ArticleDraft}
		if err := s.fillArticle(ctx, tx, actor, &x, in); err != nil {
			return err
		}
		if x.Slug, err = uniqueSlug(ctx, tx, x.Title, 0); err != nil {
			return err
		}
		if err := tx.InsertArticle(ctx, &x, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "article", x.ID, tdkt.Subject{}, x.OrgID, nil, x)
	})
	return x, err
}

// UpdateArticle changes a draft (or an article taken down). The address follows the
// title until the article is first published; after that it never changes, since
// others link to it.
func (s *Service) UpdateArticle(ctx context.Context, actor *tdkt.Account, id int64, in ArticleInput) (x tdkt.Article, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if x, err = loadArticle(ctx, tx, actor, id); err != nil {
			return err
		}
		if !actor.CanWriteArticles() {
			return tdkt.Forbidden()
		}
		if x.Status != tdkt.ArticleDraft && x.Status != tdkt.ArticleUnpublished {
			return tdkt.Errorf(tdkt.EConflict, "Bài viết đang ở trạng thái %s; chỉ sửa được bản nháp hoặc bài đã gỡ (bài đã đăng thì đính chính).", x.StatusLabel())
		}
		if in.Version != x.Version {
			return tdkt.Conflict()
		}
		before := x
		if err := s.fillArticle(ctx, tx, actor, &x, in); err != nil {
			return err
		}
		if x.Revision == 0 && x.Title != before.Title {
			if x.Slug, err = uniqueSlug(ctx, tx, x.Title, x.ID); err != nil {
				return err
			}
		}
		if err := tx.UpdateArticle(ctx, &x, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "article", x.ID, tdkt.Subject{}, x.OrgID, before, x)
	})
	return x, err
}

// StepArticle takes a workflow step of an article read at version. Approving
// publishes the article from publishAt when it is later than now (a scheduled
// publication), else from the time the writer wished, else now; the first
// publication and any re-publication of a changed text keep the text as a revision.
func (s *Service) StepArticle(ctx context.Context, actor *tdkt.Account, id int64, action tdkt.ArticleAction, version int, publishAt time.Time) (x tdkt.Article, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if x, err = loadArticle(ctx, tx, actor, id); err != nil {
			return err
		}
		st, ok := tdkt.ArticleStepFor(action, x.Status)
		if !ok {
			return tdkt.Errorf(tdkt.EConflict, "Bài viết đang ở trạng thái %s; không thực hiện được thao tác này.", x.StatusLabel())
		}
		if !tdkt.In(actor.Role, st.Roles) {
			return tdkt.Forbidden()
		}
		if version != x.Version {
			return tdkt.Conflict()
		}
		before, from, now := x, x.Status, s.Now()
		x.Status = st.To
		if action == tdkt.ArticleApprove {
			switch {
			case !publishAt.IsZero():
				x.PublishAt = stampOf(publishAt)
			case x.PublishAt == "" || ParseStamp(x.PublishAt).Before(now):
				x.PublishAt = stampOf(now)
			}
			revs, err := tx.Revisions(ctx, x.ID)
			if err != nil {
				return err
			}
			if len(revs) == 0 || revs[0].Title != x.Title || revs[0].Summary != x.Summary || revs[0].Body != x.Body {
				note := ""
				if len(revs) > 0 {
					note = "Đăng lại sau khi sửa."
				}
				x.Revision = len(revs) + 1
				if err := tx.InsertRevision(ctx, x.ID, actor.ID, tdkt.ArticleRevision{Revision: x.Revision, Title: x.Title, Summary: x.Summary,
					Body: x.Body, Note: note, CreatedAt: x.PublishAt}); err != nil {
					return err
				}
				if note != "" {
					x.CorrectedAt = x.PublishAt
				}
			}
		}
		if err := tx.MoveArticle(ctx, &x, from, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, string(action), "article", x.ID, tdkt.Subject{}, x.OrgID, before, x)
	})
	return x, err
}

// CorrectArticle changes the text of a published article (Đính chính): the new text
// is a new revision with the note saying what was corrected, and the earlier texts
// stay readable on the article. Only leaders (and administrators) correct, since the
// text goes before the public without another review.
func (s *Service) CorrectArticle(ctx context.Context, actor *tdkt.Account, id int64, in ArticleInput, note string) (x tdkt.Article, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if x, err = loadArticle(ctx, tx, actor, id); err != nil {
			return err
		}
		if !actor.CanPublishArticles() {
			return tdkt.Forbidden()
		}
		if x.Status != tdkt.ArticlePublished {
			return tdkt.Errorf(tdkt.EConflict, "Chỉ đính chính được bài đã đăng; bài này đang ở trạng thái %s.", x.StatusLabel())
		}
		if in.Version != x.Version {
			return tdkt.Conflict()
		}
		before := x
		in.PublishAt = ParseStamp(x.PublishAt) // a correction does not move the publication
		if err := s.fillArticle(ctx, tx, actor, &x, in); err != nil {
			return err
		}
		note = vn.NFCText(note)
		p := tdkt.Problems{}
		if note == "" {
			p.Add("note", "Hãy ghi nội dung đính chính.")
		} else if len([]rune(note)) > 500 {
			p.Add("note", "Dài quá 500 ký tự.")
		}
		if err := p.Err(); err != nil {
			return err
		}
		if err := tx.UpdateArticle(ctx, &x, s.stamp()); err != nil {
			return err
		}
		x.Revision++
		x.CorrectedAt = s.stamp()
		if err := tx.InsertRevision(ctx, x.ID, actor.ID, tdkt.ArticleRevision{Revision: x.Revision, Title: x.Title, Summary: x.Summary,
			Body: x.Body, Note: note, CreatedAt: x.CorrectedAt}); err != nil {
			return err
		}
		if err := tx.MoveArticle(ctx, &x, tdkt.ArticlePublished, x.CorrectedAt); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "correct", "article", x.ID, tdkt.Subject{}, x.OrgID, before, map[string]any{"article": x, "note": note})
	})
	return x, err
}

// Article loads an article the actor may see with its images, revisions and steps.
func (s *Service) Article(ctx context.Context, actor *tdkt.Account, id int64) (v ArticleView, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if v.Article, err = loadArticle(ctx, tx, actor, id); err != nil {
			return err
		}
		if err := tx.ArticleLinks(ctx, &v.Article); err != nil {
			return err
		}
		if v.Images, err = tx.ArticleImages(ctx, id); err != nil {
			return err
		}
		if v.Revisions, err = tx.Revisions(ctx, id); err != nil {
			return err
		}
		for _, st := range tdkt.ArticleSteps {
			if tdkt.In(v.Article.Status, st.From) && tdkt.In(actor.Role, st.Roles) {
				v.Steps = append(v.Steps, st)
			}
		}
		v.CanEdit = actor.CanWriteArticles() && (v.Article.Status == tdkt.ArticleDraft || v.Article.Status == tdkt.ArticleUnpublished)
		v.CanCorrect = actor.CanPublishArticles() && v.Article.Status == tdkt.ArticlePublished
		return nil
	})
	return v, err
}

// Articles lists the articles of the actor's subtree, the latest changed first; the
// pages split them into the actor's own, those waiting for review and the others.
func (s *Service) Articles(ctx context.Context, actor *tdkt.Account) (out []tdkt.Article, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if actor == nil || actor.OrgPath == "" {
			return tdkt.NotFound("bài viết")
		}
		out, err = tx.ArticlesIn(ctx, actor.OrgPath)
		return err
	})
	return out, err
}

// AddArticleImage adds an image to an article the actor may edit: a PNG or JPEG
// recognised by its content, resized to at most 1,200 px wide with a 400 px
// thumbnail; the alternative text is required.
func (s *Service) AddArticleImage(ctx context.Context, actor *tdkt.Account, id int64, content []byte, alt string) (im tdkt.ArticleImage, err error) {
	alt = vn.NFC(alt)
	p := tdkt.Problems{}
	prep, problem := tdkt.PrepareImage(content)
	if problem != "" {
		p.Add("image", problem)
	}
	switch n := len([]rune(alt)); {
	case n == 0:
		p.Add("alt", "Hãy mô tả ảnh cho người không xem được ảnh (ví dụ: “Đồng chí Chủ tịch UBND xã trao Giấy khen cho các tập thể”).")
	case n > 300:
		p.Add("alt", "Dài quá 300 ký tự.")
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		x, err := loadArticle(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if !actor.CanWriteArticles() {
			return tdkt.Forbidden()
		}
		if x.Status != tdkt.ArticleDraft && x.Status != tdkt.ArticleUnpublished {
			return tdkt.Errorf(tdkt.EConflict, "Chỉ thêm ảnh vào bản nháp hoặc bài đã gỡ.")
		}
		if err := p.Err(); err != nil {
			return err
		}
		im = tdkt.ArticleImage{ArticleID: id, ContentType: prep.ContentType, Width: prep.Width, Height: prep.Height, Alt: alt}
		if err := tx.InsertArticleImage(ctx, &im, prep.Content, prep.Thumb, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "image", "article", id, tdkt.Subject{}, x.OrgID, nil, im)
	})
	return im, err
}

// RemoveArticleImage removes an image from an article the actor may edit.
func (s *Service) RemoveArticleImage(ctx context.Context, actor *tdkt.Account, id, imageID int64) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		x, err := loadArticle(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if !actor.CanWriteArticles() {
			return tdkt.Forbidden()
		}
		if x.Status != tdkt.ArticleDraft && x.Status != tdkt.ArticleUnpublished {
			return tdkt.Errorf(tdkt.EConflict, "Chỉ bỏ ảnh khỏi bản nháp hoặc bài đã gỡ.")
		}
		if err := tx.DeleteArticleImage(ctx, id, imageID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "image_delete", "article", id, tdkt.Subject{}, x.OrgID, map[string]any{"image_id": imageID}, nil)
	})
}

// ArticleImage loads an image (or its thumbnail) of an article the actor may see.
func (s *Service) ArticleImage(ctx context.Context, actor *tdkt.Account, id, imageID int64, thumb bool) (contentType string, content []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, err := loadArticle(ctx, tx, actor, id); err != nil {
			return err
		}
		var owner int64
		owner, contentType, content, err = tx.ArticleImageData(ctx, imageID, thumb)
		if err == nil && owner != id {
			err = tdkt.NotFound("ảnh")
		}
		return err
	})
	return contentType, content, err
}

// NewsPage is one page of the public news.
type NewsPage struct {
	Items []tdkt.Article
	Total int64
}

// PublicNews lists the public articles of a category and a tag (each optional; the
// tag by its slug), page by page (the first page is 1).
func (s *Service) PublicNews(ctx context.Context, category, tag string, page, perPage int) (out NewsPage, err error) {
	if page < 1 {
		page = 1
	}
	if perPage < 1 || perPage > 100 {
		perPage = 10
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		out.Items, out.Total, err = tx.PublicArticles(ctx, sqldb.NewsFilter{Now: s.stamp(), Category: category, Tag: tag,
			Limit: perPage, Offset: sqldb.PageOffset(page, perPage)})
		return err
	})
	return out, err
}

// PublicArticle loads a public article by its address, with its images and the
// history of its published texts; a draft, a scheduled article before its time or
// one taken down is NotFound.
func (s *Service) PublicArticle(ctx context.Context, slug string) (v ArticleView, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if v.Article, err = tx.PublicArticle(ctx, slug, s.stamp()); err != nil {
			return err
		}
		if err := tx.ArticleLinks(ctx, &v.Article); err != nil {
			return err
		}
		if v.Images, err = tx.ArticleImages(ctx, v.Article.ID); err != nil {
			return err
		}
		v.Revisions, err = tx.Revisions(ctx, v.Article.ID)
		return err
	})
	return v, err
}

// PublicArticleImage loads an image (or its thumbnail) of a public article.
func (s *Service) PublicArticleImage(ctx context.Context, imageID int64, thumb bool) (contentType string, content []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		var owner int64
		if owner, contentType, content, err = tx.ArticleImageData(ctx, imageID, thumb); err != nil {
			return err
		}
		x, _, err := tx.ArticleByID(ctx, owner)
		if err != nil {
			return err
		}
		if _, err := tx.PublicArticle(ctx, x.Slug, s.stamp()); err != nil {
			return tdkt.NotFound("ảnh")
		}
		return nil
	})
	return contentType, content, err
}
