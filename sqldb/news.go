package sqldb

import (
	"context"
	"database/sql"
	"strings"

	"tdkt"
	"tdkt/vn"
)

// News articles, their revisions, tags and images. Lists never select image bytes.

const articleCols = `a.id, a.org_id, o.name, a.author_id, u.name, a.slug, a.title, a.summary, a.body, a.category, a.tags, a.status,
	a.publish_at, COALESCE(a.movement_id, 0), COALESCE(a.decision_id, 0), COALESCE(a.example_id, 0), a.revision, a.corrected_at,
	a.version, a.created_at, a.updated_at,
	COALESCE((SELECT min(i.id) FROM article_images i WHERE i.article_id = a.id), 0)`

const articleFrom = ` FROM articles a JOIN orgs o ON o.id = a.org_id JOIN accounts u ON u.id = a.author_id`

func scanArticle(r interface{ Scan(...any) error }, extra ...any) (tdkt.Article, error) {
	var x tdkt.Article
	var tags string
	dest := []any{&x.ID, &x.OrgID, &x.OrgName, &x.AuthorID, &x.AuthorName, &x.Slug, &x.Title, &x.Summary, &x.Body, &x.Category, &tags,
		&x.Status, &x.PublishAt, &x.MovementID, &x.DecisionID, &x.ExampleID, &x.Revision, &x.CorrectedAt, &x.Version, &x.CreatedAt,
		&x.UpdatedAt, &x.CoverID}
	err := r.Scan(append(dest, extra...)...)
	if tags != "" {
		x.Tags = strings.Split(tags, "\n")
	}
	return x, err
}

// InsertArticle stores a new article with its tags.
func (t *Tx) InsertArticle(ctx context.Context, x *tdkt.Article, now string) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO articles (org_id, author_id, slug, title, summary, body, category, tags, status, publish_at,
		movement_id, decision_id, example_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		x.OrgID, x.AuthorID, x.Slug, x.Title, x.Summary, x.Body, x.Category, strings.Join(x.Tags, "\n"), x.Status, x.PublishAt,
		nullID(x.MovementID), nullID(x.DecisionID), nullID(x.ExampleID), now, now)
	if err != nil {
		return err
	}
	x.Version, x.CreatedAt, x.UpdatedAt = 1, now, now
	return t.setArticleTags(ctx, x)
}

func (t *Tx) setArticleTags(ctx context.Context, x *tdkt.Article) error {
	if _, err := t.Exec(ctx, `DELETE FROM article_tags WHERE article_id = ?`, x.ID); err != nil {
		return err
	}
	for _, tag := range x.Tags {
		if _, err := t.Exec(ctx, `INSERT INTO article_tags (article_id, tag_slug, tag) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			x.ID, TagSlug(tag), tag); err != nil {
			return err
		}
	}
	return nil
}

// TagSlug is how a tag is written in an address and compared: "Chỉ thị 34" → "chi-thi-34".
func TagSlug(tag string) string { return tdkt.Slug(vn.Fold(tag)) }

// ArticleByID loads an article with the path of its unit.
func (t *Tx) ArticleByID(ctx context.Context, id int64) (x tdkt.Article, orgPath string, err error) {
	err = t.Each(ctx, `SELECT `+articleCols+`, o.path`+articleFrom+` WHERE a.id = ?`, []any{id}, func(r *sql.Rows) (err error) {
		x, err = scanArticle(r, &orgPath)
		return err
	})
	if err == nil && x.ID == 0 {
		err = tdkt.NotFound("bài viết")
	}
	return x, orgPath, err
}

// SlugsLike lists the slugs equal to base or of the form base-N, other than the
// article except's own, so that a new slug can be made unique.
func (t *Tx) SlugsLike(ctx context.Context, base string, except int64) (map[string]bool, error) {
	out := map[string]bool{}
	err := t.Each(ctx, `SELECT slug FROM articles WHERE (slug = ? OR slug LIKE ?) AND id <> ?`, []any{base, base + "-%", except},
		func(r *sql.Rows) error {
			var s string
			err := r.Scan(&s)
			out[s] = true
			return err
		})
	return out, err
}

// UpdateArticle changes an article's text, category, tags, wished publication time,
// links and slug, if it is still at x.Version.
func (t *Tx) UpdateArticle(ctx context.Context, x *tdkt.Article, now string) error {
	err := changed(t.Exec(ctx, `UPDATE articles SET slug = ?, title = ?, summary = ?, body = ?, category = ?, tags = ?, publish_at = ?,
		movement_id = ?, decision_id = ?, example_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		x.Slug, x.Title, x.Summary, x.Body, x.Category, strings.Join(x.Tags, "\n"), x.PublishAt, nullID(x.MovementID), nullID(x.DecisionID),
		nullID(x.ExampleID), now, x.ID, x.Version))
	if err != nil {
		return err
	}
	x.Version++
	x.UpdatedAt = now
	return t.setArticleTags(ctx, x)
}

// MoveArticle changes an article's status, publication time, revision and correction
// stamp if it is still at its version and in the status from.
func (t *Tx) MoveArticle(ctx context.Context, x *tdkt.Article, from tdkt.ArticleStatus, now string) error {
	err := changed(t.Exec(ctx, `UPDATE articles SET status = ?, publish_at = ?, revision = ?, corrected_at = ?, updated_at = ?,
		version = version + 1 WHERE id = ? AND version = ? AND status = ?`,
		x.Status, x.PublishAt, x.Revision, x.CorrectedAt, now, x.ID, x.Version, from))
	if err == nil {
		x.Version++
		x.UpdatedAt = now
	}
	return err
}

// InsertRevision keeps one published text of an article.
func (t *Tx) InsertRevision(ctx context.Context, articleID, authorID int64, rv tdkt.ArticleRevision) error {
	_, err := t.Exec(ctx, `INSERT INTO article_revisions (article_id, revision, title, summary, body, note, author_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, articleID, rv.Revision, rv.Title, rv.Summary, rv.Body, rv.Note, authorID, rv.CreatedAt)
	return err
}

// Revisions lists an article's published texts, the latest first.
func (t *Tx) Revisions(ctx context.Context, articleID int64) ([]tdkt.ArticleRevision, error) {
	var out []tdkt.ArticleRevision
	err := t.Each(ctx, `SELECT r.revision, r.title, r.summary, r.body, r.note, u.name, r.created_at FROM article_revisions r
		JOIN accounts u ON u.id = r.author_id WHERE r.article_id = ? ORDER BY r.revision DESC`, []any{articleID}, func(r *sql.Rows) error {
		var v tdkt.ArticleRevision
		err := r.Scan(&v.Revision, &v.Title, &v.Summary, &v.Body, &v.Note, &v.Author, &v.CreatedAt)
		out = append(out, v)
		return err
	})
	return out, err
}

// ArticleLinks fills the names behind an article's optional links; a link whose
// record is gone keeps its id with an empty name.
func (t *Tx) ArticleLinks(ctx context.Context, x *tdkt.Article) error {
	if x.MovementID != 0 {
		if err := t.Each(ctx, `SELECT name FROM movements WHERE id = ?`, []any{x.MovementID}, func(r *sql.Rows) error {
			return r.Scan(&x.MovementName)
		}); err != nil {
			return err
		}
	}
	if x.DecisionID != 0 {
		if err := t.Each(ctx, `SELECT number, decided_on FROM decisions WHERE id = ?`, []any{x.DecisionID}, func(r *sql.Rows) error {
			return r.Scan(&x.DecisionNo, &x.DecidedOn)
		}); err != nil {
			return err
		}
	}
	if x.ExampleID != 0 {
		if err := t.Each(ctx, `SELECT e.title FROM typical_examples e JOIN congresses g ON g.id = e.congress_id
			WHERE e.id = ? AND e.published AND g.status = ?`, []any{x.ExampleID, tdkt.CongressPublished}, func(r *sql.Rows) error {
			return r.Scan(&x.ExampleName)
		}); err != nil {
			return err
		}
	}
	return nil
}

// LinkOrgPath returns the path of the unit owning a movement ("movement") or a
// decision ("decision"), or NotFound.
func (t *Tx) LinkOrgPath(ctx context.Context, kind string, id int64) (path string, err error) {
	table := map[string]string{"movement": "movements", "decision": "decisions"}[kind]
	err = t.Get(ctx, "bản ghi liên kết", `SELECT o.path FROM `+table+` x JOIN orgs o ON o.id = x.org_id WHERE x.id = ?`, []any{id}, &path)
	return path, err
}

// ArticlesIn lists the articles of the units of a subtree, the latest changed first.
func (t *Tx) ArticlesIn(ctx context.Context, scope string) ([]tdkt.Article, error) {
	var out []tdkt.Article
	err := t.Each(ctx, `SELECT `+articleCols+articleFrom+` WHERE o.path LIKE ? ORDER BY a.updated_at DESC, a.id DESC LIMIT 500`,
		[]any{scope + "%"}, func(r *sql.Rows) error {
			x, err := scanArticle(r)
			out = append(out, x)
			return err
		})
	return out, err
}

// NewsFilter selects public articles: published, with a publication time not after
// Now, optionally of one category and one tag (by its slug).
type NewsFilter struct {
	Now      string
	Category string
	Tag      string
	Limit    int
	Offset   int
}

func (f NewsFilter) where() (string, []any) {
	w := ` WHERE a.status = ? AND a.publish_at <> '' AND a.publish_at <= ?`
	args := []any{tdkt.ArticlePublished, f.Now}
	if f.Category != "" {
		w, args = w+` AND a.category = ?`, append(args, f.Category)
	}
	if f.Tag != "" {
		w, args = w+` AND EXISTS (SELECT 1 FROM article_tags g WHERE g.article_id = a.id AND g.tag_slug = ?)`, append(args, f.Tag)
	}
	return w, args
}

// PublicArticles lists the public articles of a filter, the latest published first,
// with how many there are in all.
func (t *Tx) PublicArticles(ctx context.Context, f NewsFilter) (out []tdkt.Article, total int64, err error) {
	w, args := f.where()
	if total, err = t.Int(ctx, `SELECT count(*) FROM articles a`+w, args...); err != nil {
		return nil, 0, err
	}
	err = t.Each(ctx, `SELECT `+articleCols+articleFrom+w+` ORDER BY a.publish_at DESC, a.id DESC LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset), func(r *sql.Rows) error {
			x, err := scanArticle(r)
			out = append(out, x)
			return err
		})
	return out, total, err
}

// PublicArticle loads a public article by its slug; any other is NotFound.
func (t *Tx) PublicArticle(ctx context.Context, slug, now string) (x tdkt.Article, err error) {
	w, args := NewsFilter{Now: now}.where()
	err = t.Each(ctx, `SELECT `+articleCols+articleFrom+w+` AND a.slug = ?`, append(args, slug), func(r *sql.Rows) (err error) {
		x, err = scanArticle(r)
		return err
	})
	if err == nil && x.ID == 0 {
		err = tdkt.NotFound("bài viết")
	}
	return x, err
}

// InsertArticleImage stores an image of an article.
func (t *Tx) InsertArticleImage(ctx context.Context, im *tdkt.ArticleImage, content, thumb []byte, now string) (err error) {
	im.ID, err = t.Insert(ctx, `INSERT INTO article_images (article_id, content_type, width, height, alt, content, thumb, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, im.ArticleID, im.ContentType, im.Width, im.Height, im.Alt, content, thumb, now)
	return err
}

// ArticleImages lists an article's images in the order they were added.
func (t *Tx) ArticleImages(ctx context.Context, articleID int64) ([]tdkt.ArticleImage, error) {
	var out []tdkt.ArticleImage
	err := t.Each(ctx, `SELECT id, article_id, content_type, width, height, alt FROM article_images WHERE article_id = ? ORDER BY id`,
		[]any{articleID}, func(r *sql.Rows) error {
			var im tdkt.ArticleImage
			err := r.Scan(&im.ID, &im.ArticleID, &im.ContentType, &im.Width, &im.Height, &im.Alt)
			out = append(out, im)
			return err
		})
	return out, err
}

// ArticleImageData loads an image's content (or its thumbnail) with the id of its article.
func (t *Tx) ArticleImageData(ctx context.Context, id int64, thumb bool) (articleID int64, contentType string, content []byte, err error) {
	col := "content"
	if thumb {
		col = "thumb"
	}
	err = t.Get(ctx, "ảnh", `SELECT article_id, content_type, `+col+` FROM article_images WHERE id = ?`, []any{id}, &articleID, &contentType, &content)
	return
}

// DeleteArticleImage removes an image of an article.
func (t *Tx) DeleteArticleImage(ctx context.Context, articleID, id int64) error {
	return changed(t.Exec(ctx, `DELETE FROM article_images WHERE id = ? AND article_id = ?`, id, articleID))
}
