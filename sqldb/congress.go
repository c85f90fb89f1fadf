package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// Congresses of patriotic emulation and their typical examples. The names, positions
// and units of typical examples are read from the records at each load, never copied,
// and only those public columns are selected: the portal reads these queries.

const congressCols = `g.id, g.org_id, g.name, g.level, g.held_on, g.place, g.period_from, g.period_to, g.status, g.version, o.name,
	(SELECT count(*) FROM typical_examples e WHERE e.congress_id = g.id)`

const congressFrom = ` FROM congresses g JOIN orgs o ON o.id = g.org_id`

func scanCongress(r interface{ Scan(...any) error }, extra ...any) (tdkt.Congress, error) {
	var g tdkt.Congress
	var n int64
	dest := []any{&g.ID, &g.OrgID, &g.Name, &g.Level, &g.HeldOn, &g.Place, &g.PeriodFrom, &g.PeriodTo, &g.Status, &g.Version, &g.OrgName, &n}
	err := r.Scan(append(dest, extra...)...)
	g.Examples = int(n)
	return g, err
}

// InsertCongress stores a new congress.
func (t *Tx) InsertCongress(ctx context.Context, g *tdkt.Congress, now string) (err error) {
	g.ID, err = t.Insert(ctx, `INSERT INTO congresses (org_id, name, level, held_on, place, period_from, period_to, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, g.OrgID, g.Name, g.Level, g.HeldOn, g.Place, g.PeriodFrom, g.PeriodTo, g.Status, now)
	g.Version = 1
	return err
}

// CongressByID loads a congress with the path of its organiser.
func (t *Tx) CongressByID(ctx context.Context, id int64) (g tdkt.Congress, orgPath string, err error) {
	found := false
	err = t.Each(ctx, `SELECT `+congressCols+`, o.path`+congressFrom+` WHERE g.id = ?`, []any{id}, func(r *sql.Rows) (err error) {
		g, err = scanCongress(r, &orgPath)
		found = true
		return err
	})
	if err == nil && !found {
		err = tdkt.NotFound("Đại hội thi đua")
	}
	return
}

// UpdateCongress changes a congress read at g.Version.
func (t *Tx) UpdateCongress(ctx context.Context, g *tdkt.Congress) error {
	err := changed(t.Exec(ctx, `UPDATE congresses SET name = ?, level = ?, held_on = ?, place = ?, period_from = ?, period_to = ?,
		version = version + 1 WHERE id = ? AND version = ?`, g.Name, g.Level, g.HeldOn, g.Place, g.PeriodFrom, g.PeriodTo, g.ID, g.Version))
	if err == nil {
		g.Version++
	}
	return err
}

// MoveCongress changes a congress's status if it is still at its version and in from.
func (t *Tx) MoveCongress(ctx context.Context, g *tdkt.Congress, from tdkt.CongressStatus) error {
	err := changed(t.Exec(ctx, `UPDATE congresses SET status = ?, version = version + 1 WHERE id = ? AND version = ? AND status = ?`,
		g.Status, g.ID, g.Version, from))
	if err == nil {
		g.Version++
	}
	return err
}

// CongressesIn lists the congresses organised inside a subtree, the latest first.
func (t *Tx) CongressesIn(ctx context.Context, scope string) ([]tdkt.Congress, error) {
	return t.congresses(ctx, `o.path LIKE ?`, scope+"%")
}

// PublishedCongresses lists the published congresses, the latest first.
func (t *Tx) PublishedCongresses(ctx context.Context) ([]tdkt.Congress, error) {
	return t.congresses(ctx, `g.status = ?`, tdkt.CongressPublished)
}

func (t *Tx) congresses(ctx context.Context, where string, arg any) ([]tdkt.Congress, error) {
	var out []tdkt.Congress
	err := t.Each(ctx, `SELECT `+congressCols+congressFrom+` WHERE `+where+` ORDER BY g.held_on DESC, g.id DESC LIMIT 500`, []any{arg},
		func(r *sql.Rows) error {
			g, err := scanCongress(r)
			out = append(out, g)
			return err
		})
	return out, err
}

// HonourFilter selects the honours a search of typical examples ranks: not revoked,
// of people and collectives, given in a unit of Scope during the years From–To.
type HonourFilter struct {
	Scope    string // the organiser's path
	From, To int
	Award    string // an award code, or ""
	Year     int    // one year of the period, or 0
	Unit     string // the path of a unit inside Scope, or ""
	NameLike string // a LIKE pattern on the folded name, or ""
}

// HonourLine is one honour found by a search of typical examples: public fields only.
type HonourLine struct {
	Subject    tdkt.Subject
	Name       string
	Position   string
	Unit       string
	AwardCode  string
	Year       int
	DecisionNo string
}

// HonoursForCongress lists the honours of a search of typical examples, grouped by
// subject (consecutive rows of one subject), the latest year first within a subject.
// At most 5,000 rows are read: enough for a province's five years once filtered.
func (t *Tx) HonoursForCongress(ctx context.Context, f HonourFilter) ([]HonourLine, error) {
	where := `NOT h.revoked AND h.subject_kind IN ('ca_nhan', 'tap_the') AND o.path LIKE ? AND h.year >= ? AND h.year <= ?`
	args := []any{f.Scope + "%", f.From, f.To}
	if f.Award != "" {
		where, args = where+` AND h.award_code = ?`, append(args, f.Award)
	}
	if f.Year != 0 {
		where, args = where+` AND h.year = ?`, append(args, f.Year)
	}
	if f.Unit != "" {
		where, args = where+` AND o.path LIKE ?`, append(args, f.Unit+"%")
	}
	if f.NameLike != "" {
		where, args = where+` AND COALESCE(p.name_fold, c.name_fold, '') LIKE ?`, append(args, f.NameLike)
	}
	var out []HonourLine
	err := t.Each(ctx, `SELECT h.subject_kind, h.subject_id, COALESCE(p.full_name, c.name, ''), COALESCE(p.position, ''), o.name,
		h.award_code, h.year, h.decision_no
		FROM honours h JOIN orgs o ON o.id = h.org_id
		LEFT JOIN people p ON h.subject_kind = 'ca_nhan' AND p.id = h.subject_id
		LEFT JOIN collectives c ON h.subject_kind = 'tap_the' AND c.id = h.subject_id
		WHERE `+where+` ORDER BY h.subject_kind, h.subject_id, h.year DESC, h.id DESC LIMIT 5000`, args, func(r *sql.Rows) error {
		var x HonourLine
		err := r.Scan(&x.Subject.Kind, &x.Subject.ID, &x.Name, &x.Position, &x.Unit, &x.AwardCode, &x.Year, &x.DecisionNo)
		out = append(out, x)
		return err
	})
	return out, err
}

// CountHonoursIn counts a subject's honours, not revoked, given in a unit of scope
// during the years from–to: a typical example must have at least one.
func (t *Tx) CountHonoursIn(ctx context.Context, s tdkt.Subject, scope string, from, to int) (int64, error) {
	return t.Int(ctx, `SELECT count(*) FROM honours h JOIN orgs o ON o.id = h.org_id
		WHERE h.subject_kind = ? AND h.subject_id = ? AND NOT h.revoked AND o.path LIKE ? AND h.year >= ? AND h.year <= ?`,
		s.Kind, s.ID, scope+"%", from, to)
}

// ExampleAwards lists the awards of a subject in the years from–to, not revoked,
// with the public fields of their decisions, the latest first.
func (t *Tx) ExampleAwards(ctx context.Context, s tdkt.Subject, from, to int) ([]tdkt.ExampleAward, error) {
	var out []tdkt.ExampleAward
	err := t.Each(ctx, `SELECT award_code, year, decision_no, decided_on, issuer FROM honours
		WHERE subject_kind = ? AND subject_id = ? AND NOT revoked AND year >= ? AND year <= ? ORDER BY year DESC, decided_on DESC, id DESC`,
		[]any{s.Kind, s.ID, from, to}, func(r *sql.Rows) error {
			var a tdkt.ExampleAward
			err := r.Scan(&a.AwardCode, &a.Year, &a.DecisionNo, &a.DecidedOn, &a.Issuer)
			a.AwardName = tdkt.Label(a.AwardCode)
			out = append(out, a)
			return err
		})
	return out, err
}

const exampleCols = `e.id, e.congress_id, e.subject_kind, e.subject_id, COALESCE(p.full_name, c.name, ''), COALESCE(p.position, ''),
	COALESCE(po.name, co.name, ''), e.title, e.summary, e.body, e.photo_type, e.published, e.version`

const exampleFrom = ` FROM typical_examples e
	LEFT JOIN people p ON e.subject_kind = 'ca_nhan' AND p.id = e.subject_id
	LEFT JOIN orgs po ON po.id = p.org_id
	LEFT JOIN collectives c ON e.subject_kind = 'tap_the' AND c.id = e.subject_id
	LEFT JOIN orgs co ON co.id = c.org_id`

func scanExample(r interface{ Scan(...any) error }) (tdkt.TypicalExample, error) {
	var x tdkt.TypicalExample
	err := r.Scan(&x.ID, &x.CongressID, &x.Subject.Kind, &x.Subject.ID, &x.Name, &x.Position, &x.Unit, &x.Title, &x.Summary, &x.Body,
		&x.PhotoType, &x.Published, &x.Version)
	return x, err
}

// InsertExample selects a subject as a typical example of a congress; the same
// subject twice in one congress is refused.
func (t *Tx) InsertExample(ctx context.Context, x *tdkt.TypicalExample, now string) (err error) {
	n, err := t.Int(ctx, `SELECT count(*) FROM typical_examples WHERE congress_id = ? AND subject_kind = ? AND subject_id = ?`,
		x.CongressID, x.Subject.Kind, x.Subject.ID)
	if err != nil {
		return err
	}
	if n > 0 {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.",
			Fields: map[string]string{"subject": "Đã chọn điển hình này cho Đại hội."}}
	}
	x.ID, err = t.Insert(ctx, `INSERT INTO typical_examples (congress_id, subject_kind, subject_id, title, summary, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, x.CongressID, x.Subject.Kind, x.Subject.ID, x.Title, x.Summary, x.Body, now)
	x.Version = 1
	return err
}

// ExampleByID loads a typical example of a congress.
func (t *Tx) ExampleByID(ctx context.Context, congressID, id int64) (x tdkt.TypicalExample, err error) {
	err = t.Each(ctx, `SELECT `+exampleCols+exampleFrom+` WHERE e.congress_id = ? AND e.id = ?`, []any{congressID, id},
		func(r *sql.Rows) (err error) {
			x, err = scanExample(r)
			return err
		})
	if err == nil && x.ID == 0 {
		err = tdkt.NotFound("gương điển hình")
	}
	return x, err
}

// Examples lists a congress's typical examples in the order they were selected;
// publishedOnly keeps those marked for publication.
func (t *Tx) Examples(ctx context.Context, congressID int64, publishedOnly bool) ([]tdkt.TypicalExample, error) {
	where := ` WHERE e.congress_id = ?`
	if publishedOnly {
		where += ` AND e.published`
	}
	var out []tdkt.TypicalExample
	err := t.Each(ctx, `SELECT `+exampleCols+exampleFrom+where+` ORDER BY e.id`, []any{congressID}, func(r *sql.Rows) error {
		x, err := scanExample(r)
		out = append(out, x)
		return err
	})
	return out, err
}

// PublicExample loads a typical example the portal may show: marked for publication,
// of a published congress. Any other is NotFound.
func (t *Tx) PublicExample(ctx context.Context, id int64) (x tdkt.TypicalExample, err error) {
	err = t.Each(ctx, `SELECT `+exampleCols+exampleFrom+` JOIN congresses g ON g.id = e.congress_id
		WHERE e.id = ? AND e.published AND g.status = ?`, []any{id, tdkt.CongressPublished}, func(r *sql.Rows) (err error) {
		x, err = scanExample(r)
		return err
	})
	if err == nil && x.ID == 0 {
		err = tdkt.NotFound("gương điển hình")
	}
	return x, err
}

// FeaturedExamples lists up to limit published typical examples of published
// congresses, those with a photo and of the latest congresses first.
func (t *Tx) FeaturedExamples(ctx context.Context, limit int) ([]tdkt.TypicalExample, error) {
	var out []tdkt.TypicalExample
	err := t.Each(ctx, `SELECT `+exampleCols+exampleFrom+` JOIN congresses g ON g.id = e.congress_id
		WHERE e.published AND g.status = ? ORDER BY g.held_on DESC, CASE WHEN e.photo_type = '' THEN 1 ELSE 0 END, e.id LIMIT ?`,
		[]any{tdkt.CongressPublished, limit}, func(r *sql.Rows) error {
			x, err := scanExample(r)
			out = append(out, x)
			return err
		})
	return out, err
}

// UpdateExampleStory changes a typical example's story and publication flag read at x.Version.
func (t *Tx) UpdateExampleStory(ctx context.Context, x *tdkt.TypicalExample) error {
	err := changed(t.Exec(ctx, `UPDATE typical_examples SET title = ?, summary = ?, body = ?, published = ?, version = version + 1
		WHERE id = ? AND congress_id = ? AND version = ?`, x.Title, x.Summary, x.Body, x.Published, x.ID, x.CongressID, x.Version))
	if err == nil {
		x.Version++
	}
	return err
}

// SetExamplePhoto stores (or, with empty content, removes) a typical example's photo.
func (t *Tx) SetExamplePhoto(ctx context.Context, x *tdkt.TypicalExample, contentType string, content []byte) error {
	var blob any
	if len(content) > 0 {
		blob = content
	}
	err := changed(t.Exec(ctx, `UPDATE typical_examples SET photo = ?, photo_type = ?, version = version + 1
		WHERE id = ? AND congress_id = ? AND version = ?`, blob, contentType, x.ID, x.CongressID, x.Version))
	if err == nil {
		x.Version++
		x.PhotoType = contentType
	}
	return err
}

// ExamplePhoto loads a typical example's photo with its content type.
func (t *Tx) ExamplePhoto(ctx context.Context, id int64) (contentType string, content []byte, err error) {
	err = t.Get(ctx, "ảnh", `SELECT photo_type, photo FROM typical_examples WHERE id = ? AND photo_type <> ''`, []any{id}, &contentType, &content)
	return
}

// DeleteExample removes a typical example read at version.
func (t *Tx) DeleteExample(ctx context.Context, congressID, id int64, version int) error {
	return changed(t.Exec(ctx, `DELETE FROM typical_examples WHERE id = ? AND congress_id = ? AND version = ?`, id, congressID, version))
}
