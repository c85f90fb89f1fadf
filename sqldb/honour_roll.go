package sqldb

import (
	"context"
	"database/sql"
	"strings"

	"tdkt"
	"tdkt/vn"
)

// The honour roll (bảng vàng): every conferred, not revoked title and form, with
// public fields only. The queries select no citizen ID, birth date or contact, so
// that no page built on them can show one.

// RollQuery selects lines of the honour roll. Empty fields do not filter.
type RollQuery struct {
	Q      string          // name words, matched without diacritics at word starts
	Year   int             // the assessment year
	Award  string          // award code
	Kind   tdkt.RewardKind // reward kind
	Level  tdkt.Level      // level of the deciding organisation, when it is known
	Org    string          // path prefix of the unit's subtree
	Limit  int
	Offset int
}

// RollLine is one conferred title or form on the honour roll: public fields only.
// Position and Sex are those of a person; OrgPath is the unit's path, for the
// privacy setting that applies to it.
type RollLine struct {
	HonourID                      int64
	Subject                       tdkt.Subject
	Name, Position, Sex           string
	Unit, OrgPath                 string
	AwardCode                     string
	Kind                          tdkt.RewardKind
	Year                          int
	DecisionNo, DecidedOn, Issuer string
	Signer                        string
}

const rollCols = `h.id, h.subject_kind, h.subject_id, COALESCE(p.full_name, c.name, hh.head_name, ''), COALESCE(p.position, ''),
	COALESCE(p.sex, ''), o.name, o.path, h.award_code, h.kind, h.year, h.decision_no, h.decided_on, h.issuer, h.signer`

const rollJoins = ` JOIN orgs o ON o.id = h.org_id
	LEFT JOIN people p ON h.subject_kind = 'ca_nhan' AND p.id = h.subject_id
	LEFT JOIN collectives c ON h.subject_kind = 'tap_the' AND c.id = h.subject_id
	LEFT JOIN households hh ON h.subject_kind = 'ho_gia_dinh' AND hh.id = h.subject_id`

func scanRoll(r interface{ Scan(...any) error }) (RollLine, error) {
	var x RollLine
	err := r.Scan(&x.HonourID, &x.Subject.Kind, &x.Subject.ID, &x.Name, &x.Position, &x.Sex, &x.Unit, &x.OrgPath, &x.AwardCode,
		&x.Kind, &x.Year, &x.DecisionNo, &x.DecidedOn, &x.Issuer, &x.Signer)
	return x, err
}

// from builds the FROM and WHERE clauses. A name search drives the query from the matching
// subjects (a scan of the folded names), then reaches their honours through the
// honours_subject index; without one the query walks honours_roll in date order and
// stops at the page's end.
//
// A common name ("nguyen van" matches a fifth of a province) is the opposite case:
// driving from hundreds of thousands of people and sorting their honours is slow,
// while walking the honours in date order finds a page of matches at once. walk
// chooses that plan: the name is then a filter on the joined subject.
func (q RollQuery) from(walk bool) (string, []any) {
	var args []any
	from := ` FROM honours h`
	var nameFilter string
	if f := likeText(vn.Fold(q.Q)); f != "" {
		if walk {
			// "|| ''" keeps SQLite from reaching for honours_subject, so that it walks
			// honours_roll in date order and stops at the end of the page.
			nameFilter = `((h.subject_kind || '' = 'ca_nhan' AND p.name_fold LIKE ?) OR (h.subject_kind || '' = 'tap_the' AND c.name_fold LIKE ?)
				OR (h.subject_kind || '' = 'ho_gia_dinh' AND hh.name_fold LIKE ?))`
		} else {
			// Few subjects match: reach their honours through honours_subject.
			nameFilter = `((h.subject_kind = 'ca_nhan' AND h.subject_id IN (SELECT id FROM people WHERE name_fold LIKE ?))
				OR (h.subject_kind = 'tap_the' AND h.subject_id IN (SELECT id FROM collectives WHERE name_fold LIKE ?))
				OR (h.subject_kind = 'ho_gia_dinh' AND h.subject_id IN (SELECT id FROM households WHERE name_fold LIKE ?)))`
		}
	}
	w := []string{"NOT h.revoked"}
	if q.Year != 0 {
		w, args = append(w, "h.year = ?"), append(args, q.Year)
	}
	if q.Award != "" {
		w, args = append(w, "h.award_code = ?"), append(args, q.Award)
	}
	if q.Kind != "" {
		w, args = append(w, "h.kind = ?"), append(args, q.Kind)
	}
	if q.Org != "" {
		w, args = append(w, "o.path LIKE ?"), append(args, likeText(q.Org)+"%")
	}
	if q.Level != "" {
		// The deciding organisation is known for decisions issued in tdkt; for a
		// recorded decision, the issuer's name may name an organisation. Otherwise the
		// level is unknown and the line does not match.
		w = append(w, `(EXISTS (SELECT 1 FROM decisions d JOIN orgs lo ON lo.id = d.org_id WHERE d.id = h.decision_id AND lo.level = ?)
			OR (h.decision_id IS NULL AND EXISTS (SELECT 1 FROM orgs lo WHERE lo.name = h.issuer AND lo.level = ?)))`)
		args = append(args, q.Level, q.Level)
	}
	if nameFilter != "" {
		f := likeText(vn.Fold(q.Q))
		pat := "% " + f + "%"
		w, args = append(w, nameFilter), append(args, pat, pat, pat)
	}
	return from + rollJoins + ` WHERE ` + strings.Join(w, " AND "), args
}

// manyNamed is how many matching subjects make a name search walk the honours by date.
const manyNamed = 2000

// commonName reports whether more than manyNamed subjects match the search.
func (t *Tx) commonName(ctx context.Context, q RollQuery) (bool, error) {
	f := likeText(vn.Fold(q.Q))
	if f == "" {
		return false, nil
	}
	pat := "% " + f + "%"
	n, err := t.Int(ctx, `SELECT count(*) FROM (SELECT id FROM people WHERE name_fold LIKE ? LIMIT ?) x`, pat, manyNamed+1)
	return n > manyNamed, err
}

// HonourRoll returns one page of the honour roll, latest decision first. It reads
// one line more than the page holds to tell whether a next page exists, instead of
// counting a large table.
func (t *Tx) HonourRoll(ctx context.Context, q RollQuery) (lines []RollLine, more bool, err error) {
	if q.Limit <= 0 || q.Limit > 200 {
		q.Limit = 50
	}
	walk, err := t.commonName(ctx, q)
	if err != nil {
		return nil, false, err
	}
	from, args := q.from(walk)
	err = t.Each(ctx, `SELECT `+rollCols+from+` ORDER BY h.decided_on DESC, h.id DESC LIMIT ? OFFSET ?`,
		append(args, q.Limit+1, q.Offset), func(r *sql.Rows) error {
			x, err := scanRoll(r)
			lines = append(lines, x)
			return err
		})
	if len(lines) > q.Limit {
		lines, more = lines[:q.Limit], true
	}
	return lines, more, err
}

// SubjectRoll lists a subject's conferred, not revoked titles and forms, latest first.
func (t *Tx) SubjectRoll(ctx context.Context, s tdkt.Subject) ([]RollLine, error) {
	var out []RollLine
	err := t.Each(ctx, `SELECT `+rollCols+` FROM honours h`+rollJoins+`
		WHERE h.subject_kind = ? AND h.subject_id = ? AND NOT h.revoked ORDER BY h.decided_on DESC, h.id DESC`,
		[]any{s.Kind, s.ID}, func(r *sql.Rows) error {
			x, err := scanRoll(r)
			out = append(out, x)
			return err
		})
	return out, err
}

// PublicSubject is what the honour roll shows of a person or a collective: name,
// position, sex and unit, with the unit's path for the privacy setting.
type PublicSubject struct {
	Subject                   tdkt.Subject
	Name, Position, Sex, Unit string
	OrgPath                   string
}

// PublicSubjectByID loads the public fields of a person or a collective.
func (t *Tx) PublicSubjectByID(ctx context.Context, s tdkt.Subject) (x PublicSubject, err error) {
	x.Subject = s
	switch s.Kind {
	case tdkt.Individual:
		err = t.Get(ctx, "người này", `SELECT p.full_name, p.position, p.sex, o.name, o.path FROM people p JOIN orgs o ON o.id = p.org_id
			WHERE p.id = ?`, []any{s.ID}, &x.Name, &x.Position, &x.Sex, &x.Unit, &x.OrgPath)
	case tdkt.Collective:
		err = t.Get(ctx, "tập thể này", `SELECT c.name, o.name, o.path FROM collectives c JOIN orgs o ON o.id = c.org_id
			WHERE c.id = ?`, []any{s.ID}, &x.Name, &x.Unit, &x.OrgPath)
	default:
		err = tdkt.NotFound("đối tượng")
	}
	return x, err
}

// ExampleLink is a published typical example of a subject, for a link to its page.
type ExampleLink struct {
	ID           int64
	Title        string
	CongressName string
}

// PublishedExamplesOf lists the published typical examples of a subject, of
// published congresses, latest congress first.
func (t *Tx) PublishedExamplesOf(ctx context.Context, s tdkt.Subject) ([]ExampleLink, error) {
	var out []ExampleLink
	err := t.Each(ctx, `SELECT e.id, e.title, g.name FROM typical_examples e JOIN congresses g ON g.id = e.congress_id
		WHERE e.subject_kind = ? AND e.subject_id = ? AND e.published AND g.status = ? ORDER BY g.held_on DESC, e.id`,
		[]any{s.Kind, s.ID, tdkt.CongressPublished}, func(r *sql.Rows) error {
			var x ExampleLink
			err := r.Scan(&x.ID, &x.Title, &x.CongressName)
			out = append(out, x)
			return err
		})
	return out, err
}

// DecisionLine is one award of a recent decision with how many subjects received it.
type DecisionLine struct {
	Number, DecidedOn, Issuer, AwardCode string
	Count                                int
}

// LatestDecisions lists the awards of the latest limit decisions, from the honours
// they conferred (recorded ones and those issued in tdkt alike): number, date,
// issuer, award and the count of awardees not revoked. The decisions are picked from
// the latest thousand honours through honours_roll, then counted in full through
// honours_decision.
func (t *Tx) LatestDecisions(ctx context.Context, limit int) ([]DecisionLine, error) {
	var out []DecisionLine
	err := t.Each(ctx, `SELECT d.decision_no, d.decided_on, d.issuer, h.award_code, count(*)
		FROM (SELECT DISTINCT r.decision_no, r.decided_on, r.issuer FROM
			(SELECT decision_no, decided_on, issuer FROM honours WHERE NOT revoked ORDER BY decided_on DESC, id DESC LIMIT 1000) r
			ORDER BY r.decided_on DESC, r.decision_no LIMIT ?) d
		JOIN honours h ON h.decision_no = d.decision_no AND h.decided_on = d.decided_on AND h.issuer = d.issuer AND NOT h.revoked
		GROUP BY d.decision_no, d.decided_on, d.issuer, h.award_code
		ORDER BY d.decided_on DESC, d.decision_no, h.award_code`, []any{limit}, func(r *sql.Rows) error {
		var x DecisionLine
		err := r.Scan(&x.Number, &x.DecidedOn, &x.Issuer, &x.AwardCode, &x.Count)
		out = append(out, x)
		return err
	})
	return out, err
}

// Privacy is an organisation's choice of the optional fields the honour roll shows
// for its subtree. Citizen ID, birth date and contacts are not among them: they are
// never public.
type Privacy struct {
	OrgID        int64
	ShowPosition bool // chức vụ
	ShowUnit     bool // đơn vị
	ShowSex      bool // giới tính
	ShowSigner   bool // người ký quyết định
	Version      int  // 0 when the organisation has no setting of its own
}

// DefaultPrivacy applies where no organisation of the path has a setting: position,
// unit and signer are shown, sex is not.
var DefaultPrivacy = Privacy{ShowPosition: true, ShowUnit: true, ShowSigner: true}

// PrivacySettings loads every organisation's setting, by organisation id. The table
// has at most one row per organisation, so one read serves a whole page.
func (t *Tx) PrivacySettings(ctx context.Context) (map[int64]Privacy, error) {
	out := map[int64]Privacy{}
	err := t.Each(ctx, `SELECT org_id, show_position, show_unit, show_sex, show_signer, version FROM privacy_settings`, nil,
		func(r *sql.Rows) error {
			var x Privacy
			err := r.Scan(&x.OrgID, &x.ShowPosition, &x.ShowUnit, &x.ShowSex, &x.ShowSigner, &x.Version)
			out[x.OrgID] = x
			return err
		})
	return out, err
}

// SavePrivacy creates an organisation's setting (x.Version 0) or changes it if
// nobody changed it since version x.Version was read.
func (t *Tx) SavePrivacy(ctx context.Context, x *Privacy, now string) error {
	if x.Version == 0 {
		n, err := t.Int(ctx, `SELECT count(*) FROM privacy_settings WHERE org_id = ?`, x.OrgID)
		if err != nil {
			return err
		}
		if n > 0 {
			return tdkt.Conflict()
		}
		_, err = t.Exec(ctx, `INSERT INTO privacy_settings (org_id, show_position, show_unit, show_sex, show_signer, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, x.OrgID, x.ShowPosition, x.ShowUnit, x.ShowSex, x.ShowSigner, now)
		x.Version = 1
		return err
	}
	err := changed(t.Exec(ctx, `UPDATE privacy_settings SET show_position = ?, show_unit = ?, show_sex = ?, show_signer = ?,
		version = version + 1, updated_at = ? WHERE org_id = ? AND version = ?`,
		x.ShowPosition, x.ShowUnit, x.ShowSex, x.ShowSigner, now, x.OrgID, x.Version))
	if err == nil {
		x.Version++
	}
	return err
}
