-- The dates the daily reminders look at (docs/notifications.md section 8): the day by
-- which a cluster's members submit their self-scores ('' for none), and the yearly
-- submission dates an organisation sets for the dossiers it receives (the law's own
-- dates are data in the code, tdkt.LawSubmissionDates).
ALTER TABLE clusters ADD COLUMN scores_due_on TEXT NOT NULL DEFAULT '';

CREATE TABLE submission_dates (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  award_code TEXT NOT NULL,
  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (org_id, award_code, month, day)
);
