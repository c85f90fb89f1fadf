-- Comments of the public wait for a clerk before the portal shows them: 'held' until
-- published ('published') or refused ('rejected'). Comments sent before moderation
-- existed were shown at once, so they count as published.
ALTER TABLE comments ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('held', 'published', 'rejected'));
ALTER TABLE comments ADD COLUMN moderated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN moderated_at TEXT NOT NULL DEFAULT '';
