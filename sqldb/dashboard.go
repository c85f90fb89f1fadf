package sqldb

import (
	"context"
	"database/sql"
	"strconv"
)

// The leaders' dashboard: every figure is one aggregate query over the units whose
// path starts with scope (the account's subtree). Honours count when they are not
// revoked; their year is honours.year (the year a title or form is for) and their unit
// is honours.org_id (the subject's unit at the time).

// YearCount is how many titles and forms were conferred for one year.
type YearCount struct {
	Year          int
	Titles, Forms int64
}

// HonoursByYear counts the titles (danh_hieu) and forms (hinh_thuc) of each year from
// `from` to `to`, both included; a year without honours is not listed.
func (t *Tx) HonoursByYear(ctx context.Context, scope string, from, to int) ([]YearCount, error) {
	var out []YearCount
	err := t.Each(ctx, `SELECT h.year,
		SUM(CASE WHEN h.category = 'danh_hieu' THEN 1 ELSE 0 END), SUM(CASE WHEN h.category = 'hinh_thuc' THEN 1 ELSE 0 END)
		FROM honours h JOIN orgs o ON o.id = h.org_id
		WHERE h.year BETWEEN ? AND ? AND NOT h.revoked AND o.path LIKE ?
		GROUP BY h.year ORDER BY h.year`, []any{from, to, scope + "%"}, func(r *sql.Rows) error {
		var y YearCount
		err := r.Scan(&y.Year, &y.Titles, &y.Forms)
		out = append(out, y)
		return err
	})
	return out, err
}

// AwardeeShares counts the distinct people honoured for a year (individual awardees)
// and, among them, the direct workers (grp cong_nhan_nong_dan), the women and the
// people of an ethnic minority (an ethnicity recorded and other than Kinh). Unknown
// counts the awardees whose ethnicity is not recorded.
type AwardeeShares struct {
	Awardees, DirectWorkers, Women, Minorities, EthnicityUnknown int64
}

// AwardeeShares counts a year's individual awardees in scope, each person once
// however many honours they received.
func (t *Tx) AwardeeShares(ctx context.Context, scope string, year int) (s AwardeeShares, err error) {
	err = t.Get(ctx, "số liệu", `SELECT count(*),
		COALESCE(SUM(CASE WHEN p.grp = 'cong_nhan_nong_dan' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN p.sex = 'nu' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN p.ethnicity <> '' AND lower(p.ethnicity) <> 'kinh' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN p.ethnicity = '' THEN 1 ELSE 0 END), 0)
		FROM people p WHERE p.id IN (SELECT h.subject_id FROM honours h JOIN orgs o ON o.id = h.org_id
			WHERE h.subject_kind = 'ca_nhan' AND h.year = ? AND NOT h.revoked AND o.path LIKE ?)`,
		[]any{year, scope + "%"}, &s.Awardees, &s.DirectWorkers, &s.Women, &s.Minorities, &s.EthnicityUnknown)
	return s, err
}

// Breakdown is one line of a count by some key (a unit, an award, a reward kind),
// split into titles and forms.
type Breakdown struct {
	Key, Name     string // the key (an org id, an award or kind code) and, for units, its name
	Category      string // for awards: danh_hieu or hinh_thuc
	Titles, Forms int64
}

// Total is the line's titles and forms together.
func (b Breakdown) Total() int64 { return b.Titles + b.Forms }

// breakdownBy counts a year's honours in scope grouped by the expression key; name
// and category are expressions that do not vary within a group.
func (t *Tx) breakdownBy(ctx context.Context, scope string, year int, key, name, category string) ([]Breakdown, error) {
	var out []Breakdown
	err := t.Each(ctx, `SELECT `+key+`, MIN(`+name+`), MIN(`+category+`),
		SUM(CASE WHEN h.category = 'danh_hieu' THEN 1 ELSE 0 END), SUM(CASE WHEN h.category = 'hinh_thuc' THEN 1 ELSE 0 END)
		FROM honours h JOIN orgs o ON o.id = h.org_id
		WHERE h.year = ? AND NOT h.revoked AND o.path LIKE ?
		GROUP BY `+key+` ORDER BY count(*) DESC, 1`, []any{year, scope + "%"}, func(r *sql.Rows) error {
		var b Breakdown
		err := r.Scan(&b.Key, &b.Name, &b.Category, &b.Titles, &b.Forms)
		out = append(out, b)
		return err
	})
	return out, err
}

// HonoursByUnit counts a year's titles and forms per unit (honours.org_id), the most first.
func (t *Tx) HonoursByUnit(ctx context.Context, scope string, year int) ([]Breakdown, error) {
	return t.breakdownBy(ctx, scope, year, "CAST(h.org_id AS TEXT)", "o.name", "''")
}

// HonoursByAward counts a year's honours per title or form, the most first.
func (t *Tx) HonoursByAward(ctx context.Context, scope string, year int) ([]Breakdown, error) {
	return t.breakdownBy(ctx, scope, year, "h.award_code", "''", "h.category")
}

// HonoursByKind counts a year's honours per reward kind (công trạng, đột xuất, …).
func (t *Tx) HonoursByKind(ctx context.Context, scope string, year int) ([]Breakdown, error) {
	return t.breakdownBy(ctx, scope, year, "h.kind", "''", "''")
}

// waitingStatuses are the statuses in which a dossier waits for someone's step: all
// but the draft (not yet sent) and the two ends (decided, refused).
const waitingStatuses = `('submitted','received','appraisal','returned','public_comment','council','approved')`

// OverdueDossier is a dossier that waits past its deadline, or for longer than the
// allowed number of days when it has no deadline.
type OverdueDossier struct {
	ID                  int64
	Award, Status       string
	OrgName, HolderName string
	HolderLevel         string
	Since, DueOn        string
}

// OverdueDossiers lists the waiting dossiers of scope (proposed or held by its units)
// whose deadline (due_on) is before today, or that have no deadline and have been in
// their status since before cutoff (an RFC 3339 instant); the longest waiting in its
// status first,
// at most limit of them, and how many there are in all.
func (t *Tx) OverdueDossiers(ctx context.Context, scope, today, cutoff string, limit int) (out []OverdueDossier, total int64, err error) {
	where := ` FROM dossiers d JOIN orgs o ON o.id = d.org_id JOIN orgs h ON h.id = d.holder_org_id
		WHERE (o.path LIKE ? OR h.path LIKE ?) AND d.status IN ` + waitingStatuses + `
		AND ((d.due_on <> '' AND d.due_on < ?) OR (d.due_on = '' AND d.status_since < ?))`
	args := []any{scope + "%", scope + "%", today, cutoff}
	if total, err = t.Int(ctx, `SELECT count(*)`+where, args...); err != nil {
		return nil, 0, err
	}
	err = t.Each(ctx, `SELECT d.id, d.award_code, d.status, o.name, h.name, h.level, d.status_since, d.due_on`+where+`
		ORDER BY d.status_since, d.id LIMIT ?`,
		append(args, limit), func(r *sql.Rows) error {
			var x OverdueDossier
			err := r.Scan(&x.ID, &x.Award, &x.Status, &x.OrgName, &x.HolderName, &x.HolderLevel, &x.Since, &x.DueOn)
			out = append(out, x)
			return err
		})
	return out, total, err
}

// LevelCount is a count for one organisation level.
type LevelCount struct {
	Level string
	Count int64
}

// OverdueByLevel counts the overdue dossiers (as OverdueDossiers defines them) by the
// level of the organisation that holds them.
func (t *Tx) OverdueByLevel(ctx context.Context, scope, today, cutoff string) ([]LevelCount, error) {
	var out []LevelCount
	err := t.Each(ctx, `SELECT h.level, count(*)
		FROM dossiers d JOIN orgs o ON o.id = d.org_id JOIN orgs h ON h.id = d.holder_org_id
		WHERE (o.path LIKE ? OR h.path LIKE ?) AND d.status IN `+waitingStatuses+`
		AND ((d.due_on <> '' AND d.due_on < ?) OR (d.due_on = '' AND d.status_since < ?))
		GROUP BY h.level ORDER BY count(*) DESC, h.level`, []any{scope + "%", scope + "%", today, cutoff}, func(r *sql.Rows) error {
		var x LevelCount
		err := r.Scan(&x.Level, &x.Count)
		out = append(out, x)
		return err
	})
	return out, err
}

// LevelTime is how long dossiers stayed at one organisation level: over Dossiers
// dossiers, the median and the 90th percentile (nearest rank) of the days each spent
// there, and the longest.
type LevelTime struct {
	Level            string
	Dossiers         int64
	Median, P90, Max float64
}

// daysBetween is the dialect's expression for the days from instant a to instant b,
// both RFC 3339 text.
func (t *Tx) daysBetween(a, b string) string {
	if t.db.Dialect == Postgres {
		return "CAST(EXTRACT(EPOCH FROM (CAST(" + b + " AS timestamptz) - CAST(" + a + " AS timestamptz))) / 86400.0 AS DOUBLE PRECISION)"
	}
	return "(julianday(" + b + ") - julianday(" + a + "))"
}

// ProcessingTimes measures, from the dossiers' histories, the time dossiers spend at
// each organisation level. A dossier's history is a sequence of steps (dossier_events,
// each taken by an account of some organisation); the time between two consecutive
// steps is spent at the level of the organisation that takes the later step — it had
// the dossier in hand and moved it on. A dossier's days at a level are the sum of
// those intervals (a dossier returned and sent again counts both stays); a stay that
// has not ended yet is not measured. Dossiers count when they were proposed or are
// held in scope and their last step is on or after since (YYYY-MM-DD).
func (t *Tx) ProcessingTimes(ctx context.Context, scope, since string) ([]LevelTime, error) {
	var out []LevelTime
	q := `WITH ev AS (
			SELECT e.dossier_id, e.org_id, e.at, LAG(e.at) OVER (PARTITION BY e.dossier_id ORDER BY e.id) AS prev_at,
				MAX(e.at) OVER (PARTITION BY e.dossier_id) AS last_at
			FROM dossier_events e
			WHERE e.dossier_id IN (SELECT d.id FROM dossiers d JOIN orgs o ON o.id = d.org_id JOIN orgs h ON h.id = d.holder_org_id
				WHERE o.path LIKE ? OR h.path LIKE ?)
		), stay AS (
			SELECT ev.dossier_id, lo.level, SUM(` + t.daysBetween("ev.prev_at", "ev.at") + `) AS days
			FROM ev JOIN orgs lo ON lo.id = ev.org_id
			WHERE ev.prev_at IS NOT NULL AND ev.last_at >= ?
			GROUP BY ev.dossier_id, lo.level
		), ranked AS (
			SELECT level, days, ROW_NUMBER() OVER (PARTITION BY level ORDER BY days) AS rn, COUNT(*) OVER (PARTITION BY level) AS n
			FROM stay
		)
		SELECT level, MAX(n), MIN(CASE WHEN rn * 2 >= n THEN days END), MIN(CASE WHEN rn * 10 >= n * 9 THEN days END), MAX(days)
		FROM ranked GROUP BY level`
	err := t.Each(ctx, q, []any{scope + "%", scope + "%", since}, func(r *sql.Rows) error {
		var x LevelTime
		err := r.Scan(&x.Level, &x.Dossiers, &x.Median, &x.P90, &x.Max)
		out = append(out, x)
		return err
	})
	return out, err
}

// UnitRegistration is one unit's registration of a year against its outcome: how many
// people it registered for a title and how many received that title for that year,
// and whether the unit registered a collective title and received it.
type UnitRegistration struct {
	OrgID                int64
	OrgName, Status      string
	Target               string // the unit's own registered title ("" for none)
	TargetAchieved       bool
	Registered, Achieved int64
}

// RegistrationResults compares the registrations (đăng ký thi đua) of a year in scope
// with the honours of that year, one line per registering unit in path order. A
// person's registration is achieved when they hold a non-revoked honour of the award
// they registered for that year; a unit's target when a collective that is that unit
// holds it.
func (t *Tx) RegistrationResults(ctx context.Context, scope string, year int) ([]UnitRegistration, error) {
	var out []UnitRegistration
	err := t.Each(ctx, `SELECT r.org_id, o.name, r.status, r.target,
		CASE WHEN r.target <> '' AND EXISTS (SELECT 1 FROM honours h JOIN collectives c ON c.id = h.subject_id
			WHERE h.subject_kind = 'tap_the' AND c.unit_org_id = r.org_id AND h.award_code = r.target AND h.year = r.year AND NOT h.revoked)
			THEN 1 ELSE 0 END,
		(SELECT count(*) FROM registration_people x WHERE x.registration_id = r.id),
		(SELECT count(*) FROM registration_people x WHERE x.registration_id = r.id AND EXISTS (SELECT 1 FROM honours h
			WHERE h.subject_kind = 'ca_nhan' AND h.subject_id = x.person_id AND h.award_code = x.award_code AND h.year = r.year AND NOT h.revoked))
		FROM registrations r JOIN orgs o ON o.id = r.org_id
		WHERE r.year = ? AND o.path LIKE ? ORDER BY o.path`, []any{year, scope + "%"}, func(r *sql.Rows) error {
		var x UnitRegistration
		var achieved int
		err := r.Scan(&x.OrgID, &x.OrgName, &x.Status, &x.Target, &achieved, &x.Registered, &x.Achieved)
		x.TargetAchieved = achieved == 1
		out = append(out, x)
		return err
	})
	return out, err
}

// MovementResult is what one movement produced: the dossiers proposed from it, the
// candidates they named and how many of those were rewarded.
type MovementResult struct {
	ID                             int64
	Name, Status, StartsOn, EndsOn string
	Dossiers, Candidates, Rewarded int64
}

// MovementResults lists the movements launched by units of scope that run during year
// (started on or before its end, ending on or after its start), with the dossiers
// linked to each, their candidates and the candidates whose honour was recorded.
func (t *Tx) MovementResults(ctx context.Context, scope string, year int) ([]MovementResult, error) {
	var out []MovementResult
	y := strconv.Itoa(year)
	err := t.Each(ctx, `SELECT m.id, m.name, m.status, m.starts_on, m.ends_on,
		(SELECT count(*) FROM dossiers d WHERE d.movement_id = m.id),
		(SELECT count(*) FROM dossier_candidates c JOIN dossiers d ON d.id = c.dossier_id WHERE d.movement_id = m.id AND NOT c.excluded),
		(SELECT count(*) FROM dossier_candidates c JOIN dossiers d ON d.id = c.dossier_id JOIN honours h ON h.id = c.honour_id
			WHERE d.movement_id = m.id AND NOT h.revoked)
		FROM movements m JOIN orgs o ON o.id = m.org_id
		WHERE o.path LIKE ? AND m.status <> 'draft' AND m.starts_on <= ? AND m.ends_on >= ?
		ORDER BY m.starts_on DESC, m.id`, []any{scope + "%", y + "-12-31", y + "-01-01"}, func(r *sql.Rows) error {
		var x MovementResult
		err := r.Scan(&x.ID, &x.Name, &x.Status, &x.StartsOn, &x.EndsOn, &x.Dossiers, &x.Candidates, &x.Rewarded)
		out = append(out, x)
		return err
	})
	return out, err
}
