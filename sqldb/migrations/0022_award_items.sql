-- Physical award items (hiện vật khen thưởng): one line per awardee of a decision
-- (an honour with decision_id) and kind of item (tdkt.ItemKinds), written when the
-- office that keeps them records their receipt, updated once when it hands them over.
-- keeper_org_id is the organisation whose office received them. Dates are YYYY-MM-DD,
-- '' for not yet; received_by and handed_by are account logins, handed_to is who took
-- the items (the awardee, or a relative or representative).
CREATE TABLE award_items (
  id {{ID}},
  decision_id BIGINT NOT NULL REFERENCES decisions(id),
  honour_id BIGINT NOT NULL REFERENCES honours(id),
  kind TEXT NOT NULL CHECK (kind IN ('bang', 'huan_chuong', 'huy_hieu', 'hop', 'khung', 'co')),
  keeper_org_id BIGINT NOT NULL REFERENCES orgs(id),
  received_on TEXT NOT NULL DEFAULT '',
  received_by TEXT NOT NULL DEFAULT '',
  handed_on TEXT NOT NULL DEFAULT '',
  handed_to TEXT NOT NULL DEFAULT '',
  handed_by TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (honour_id, kind),
  CHECK (handed_on = '' OR (received_on <> '' AND handed_on >= received_on AND handed_to <> ''))
);
CREATE INDEX award_items_decision ON award_items(decision_id);
-- The items page reads a decision's awardees and the outstanding list every decided
-- honour: neither scans the lifelong records of everyone.
CREATE INDEX honours_by_decision_id ON honours(decision_id) WHERE decision_id IS NOT NULL;
-- A line is updated in place once or twice (its receipt, its hand-over): on PostgreSQL,
-- room left in each page keeps those updates on the page (HOT updates), indexes untouched.
-- postgres only
ALTER TABLE award_items SET (fillfactor = 90);
