-- What an administrator configures in the rules engine: the days off and make-up
-- working days of the Government's yearly notices, and the provisions the law
-- reference marks unverified. The built-in notices (rules.DefaultNotices) stay the
-- defaults: a row here adds a day, and a row for a date the defaults already fix
-- replaces them (off = FALSE cancels a default day off).

CREATE TABLE calendar_days (
  id {{ID}},
  day TEXT NOT NULL UNIQUE, -- YYYY-MM-DD
  off {{BOOL}} NOT NULL,    -- TRUE a day off; FALSE a working day (a make-up Saturday, or a cancelled default)
  note TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '', -- the notice, "10065/VPCP-KGVX ngày 02/10/2026"
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

-- One row per configured provision; value '' means the rule set's own value.
CREATE TABLE rule_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

-- A counter that every change of the two tables above increments in its own
-- transaction, so that each tdkt process sharing the database notices a change with
-- one cheap read (timestamps alone miss two changes in the same instant).
CREATE TABLE rules_config_revision (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision BIGINT NOT NULL
);
INSERT INTO rules_config_revision (id, revision) VALUES (1, 0);
