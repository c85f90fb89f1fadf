-- The public portal: the honour roll's privacy settings, the "Liên kết website" links,
-- and the indexes the honour roll and the latest-decisions block read through.

-- Which optional fields the honour roll shows, per organisation; the setting of the
-- nearest ancestor applies to a subtree. Citizen ID, birth date and contacts have no
-- column here: they are never public.
CREATE TABLE privacy_settings (
  org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
  show_position {{BOOL}} NOT NULL DEFAULT TRUE,
  show_unit {{BOOL}} NOT NULL DEFAULT TRUE,
  show_sex {{BOOL}} NOT NULL DEFAULT FALSE,
  show_signer {{BOOL}} NOT NULL DEFAULT TRUE,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

-- Links to other websites shown on the front page, in the order of position.
CREATE TABLE portal_links (
  id {{ID}},
  title TEXT NOT NULL,
  url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
  position INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX portal_links_order ON portal_links(position, id);

-- The honour roll lists by decision date and finds a decision's awardees by number.
CREATE INDEX honours_roll ON honours(decided_on, id);
CREATE INDEX honours_decision ON honours(decision_no, decided_on);
