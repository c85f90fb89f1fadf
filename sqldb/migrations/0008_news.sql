-- News articles (Tin tức) of the portal, their published revisions (each correction
-- keeps the earlier text), their tags (for the filter by tag) and their images, kept
-- resized with a thumbnail. The optional links to a movement, a decision and a typical
-- example are plain ids, not foreign keys: those records may be removed, and the
-- article then simply loses the link.

CREATE TABLE articles (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  author_id BIGINT NOT NULL REFERENCES accounts(id),
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL CHECK (category IN ('thi-dua-khen-thuong','phong-trao-thi-dua','van-ban','thong-bao')),
  tags TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('draft','submitted','published','unpublished')),
  publish_at TEXT NOT NULL DEFAULT '',
  movement_id BIGINT,
  decision_id BIGINT,
  example_id BIGINT,
  revision INTEGER NOT NULL DEFAULT 0,
  corrected_at TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX articles_public ON articles(status, publish_at);
CREATE INDEX articles_org ON articles(org_id);

CREATE TABLE article_tags (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_slug TEXT NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (article_id, tag_slug)
);
CREATE INDEX article_tags_slug ON article_tags(tag_slug);

CREATE TABLE article_revisions (
  id {{ID}},
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  author_id BIGINT NOT NULL REFERENCES accounts(id),
  created_at TEXT NOT NULL,
  UNIQUE (article_id, revision)
);

CREATE TABLE article_images (
  id {{ID}},
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  content_type TEXT NOT NULL CHECK (content_type IN ('image/png','image/jpeg')),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  alt TEXT NOT NULL,
  content {{BLOB}} NOT NULL,
  thumb {{BLOB}} NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX article_images_article ON article_images(article_id);
