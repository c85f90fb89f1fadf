package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// CalendarDay is one row of the administrator's table of days fixed by the
// Government's yearly notices: a day off (Off) or a working day.
type CalendarDay struct {
	ID        int64
	Day       string // YYYY-MM-DD
	Off       bool
	Note      string
	Source    string
	Version   int
	UpdatedAt string
}

// RuleSetting is one configured provision of the rules engine; Value "" means the
// rule set's own value. A key without a row has Version 0.
type RuleSetting struct {
	Key       string
	Value     string
	Version   int
	UpdatedAt string
}

const calendarCols = `id, day, off, note, source, version, updated_at`

func scanCalendarDay(r *sql.Rows) (CalendarDay, error) {
	var d CalendarDay
	err := r.Scan(&d.ID, &d.Day, &d.Off, &d.Note, &d.Source, &d.Version, &d.UpdatedAt)
	return d, err
}

// CalendarDays lists the rows whose day is in [from, to] (YYYY-MM-DD; an empty
// bound is open), in date order.
func (t *Tx) CalendarDays(ctx context.Context, from, to string) ([]CalendarDay, error) {
	if to == "" {
		to = "9999-12-31"
	}
	var out []CalendarDay
	err := t.Each(ctx, `SELECT `+calendarCols+` FROM calendar_days WHERE day >= ? AND day <= ? ORDER BY day`,
		[]any{from, to}, func(r *sql.Rows) error {
			d, err := scanCalendarDay(r)
			out = append(out, d)
			return err
		})
	return out, err
}

// CalendarDayByID loads one row.
func (t *Tx) CalendarDayByID(ctx context.Context, id int64) (CalendarDay, error) {
	var d CalendarDay
	err := t.Each(ctx, `SELECT `+calendarCols+` FROM calendar_days WHERE id = ?`, []any{id}, func(r *sql.Rows) (err error) {
		d, err = scanCalendarDay(r)
		return err
	})
	if err == nil && d.ID == 0 {
		err = tdkt.NotFound("ngày trong lịch nghỉ")
	}
	return d, err
}

// InsertCalendarDay stores a new row; a second row for the same day is invalid.
func (t *Tx) InsertCalendarDay(ctx context.Context, d *CalendarDay, now string) error {
	id, err := t.Insert(ctx, `INSERT INTO calendar_days (day, off, note, source, updated_at) VALUES (?, ?, ?, ?, ?)`,
		d.Day, d.Off, d.Note, d.Source, now)
	if err != nil {
		return err
	}
	d.ID, d.Version, d.UpdatedAt = id, 1, now
	return t.bumpRulesConfig(ctx)
}

// UpdateCalendarDay changes a row if its version is still d.Version.
func (t *Tx) UpdateCalendarDay(ctx context.Context, d *CalendarDay, now string) error {
	n, err := t.Exec(ctx, `UPDATE calendar_days SET day = ?, off = ?, note = ?, source = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`, d.Day, d.Off, d.Note, d.Source, now, d.ID, d.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return tdkt.Conflict()
	}
	d.Version++
	d.UpdatedAt = now
	return t.bumpRulesConfig(ctx)
}

// DeleteCalendarDay removes a row if its version is still version.
func (t *Tx) DeleteCalendarDay(ctx context.Context, id int64, version int) error {
	n, err := t.Exec(ctx, `DELETE FROM calendar_days WHERE id = ? AND version = ?`, id, version)
	if err != nil {
		return err
	}
	if n == 0 {
		return tdkt.Conflict()
	}
	return t.bumpRulesConfig(ctx)
}

// RuleSettings lists the configured provisions, by key.
func (t *Tx) RuleSettings(ctx context.Context) ([]RuleSetting, error) {
	var out []RuleSetting
	err := t.Each(ctx, `SELECT key, value, version, updated_at FROM rule_settings ORDER BY key`, nil, func(r *sql.Rows) error {
		var s RuleSetting
		err := r.Scan(&s.Key, &s.Value, &s.Version, &s.UpdatedAt)
		out = append(out, s)
		return err
	})
	return out, err
}

// SaveRuleSetting stores s.Value if the stored version is still s.Version (0: no
// row yet); otherwise the change lost a race and it is a conflict.
func (t *Tx) SaveRuleSetting(ctx context.Context, s *RuleSetting, now string) error {
	var n int64
	var err error
	if s.Version == 0 {
		n, err = t.Exec(ctx, `INSERT INTO rule_settings (key, value, version, updated_at) VALUES (?, ?, 1, ?)
			ON CONFLICT (key) DO NOTHING`, s.Key, s.Value, now)
	} else {
		n, err = t.Exec(ctx, `UPDATE rule_settings SET value = ?, version = version + 1, updated_at = ? WHERE key = ? AND version = ?`,
			s.Value, now, s.Key, s.Version)
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return tdkt.Conflict()
	}
	s.Version++
	s.UpdatedAt = now
	return t.bumpRulesConfig(ctx)
}

// RulesConfigRevision is a number that changes whenever a calendar day or a rule
// setting changes: the cheap test of whether a cached engine is still current.
func (t *Tx) RulesConfigRevision(ctx context.Context) (int64, error) {
	return t.Int(ctx, `SELECT revision FROM rules_config_revision WHERE id = 1`)
}

func (t *Tx) bumpRulesConfig(ctx context.Context) error {
	_, err := t.Exec(ctx, `UPDATE rules_config_revision SET revision = revision + 1 WHERE id = 1`)
	return err
}
