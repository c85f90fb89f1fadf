package sqldb

import (
	"context"
	"database/sql"
	"strings"

	"tdkt"
)

// AwardItem is one physical item of one awardee of a decision (migration 0022).
type AwardItem struct {
	ID, DecisionID, HonourID int64
	Kind                     tdkt.ItemKind
	KeeperOrgID              int64
	KeeperName               string
	// ReceivedOn and HandedOn are YYYY-MM-DD, "" for not yet.
	ReceivedOn, ReceivedBy       string
	HandedOn, HandedTo, HandedBy string
	Note                         string
	Version                      int
	// Read with the line, for the checks and the audit of a hand-over: the
	// awardee, the unit that keeps its record and whether the honour was revoked.
	Subject   tdkt.Subject
	UnitOrgID int64
	UnitPath  string
	Revoked   bool
}

// Awardee is an honour of a decision as the items page lists it.
type Awardee struct {
	HonourID   int64
	Subject    tdkt.Subject
	Name, Unit string
	OrgID      int64
	Serial     string // the certificate's number in the decision's list
	Revoked    bool
}

// AwardeesOfDecision lists the honours of a decision whose unit lies under scope (an
// organisation path), in the order of the decision's list.
func (t *Tx) AwardeesOfDecision(ctx context.Context, decisionID int64, scope string) ([]Awardee, error) {
	var out []Awardee
	err := t.Each(ctx, `SELECT h.id, h.subject_kind, h.subject_id, COALESCE(p.full_name, co.name, 'Hộ ' || hh.head_name, ''), o.name, h.org_id,
		COALESCE(c.serial, ''), CASE WHEN h.revoked THEN 1 ELSE 0 END
		FROM honours h JOIN orgs o ON o.id = h.org_id
		LEFT JOIN certificates c ON c.honour_id = h.id
		LEFT JOIN people p ON h.subject_kind = 'ca_nhan' AND p.id = h.subject_id
		LEFT JOIN collectives co ON h.subject_kind = 'tap_the' AND co.id = h.subject_id
		LEFT JOIN households hh ON h.subject_kind = 'ho_gia_dinh' AND hh.id = h.subject_id
		WHERE h.decision_id = ? AND o.path LIKE ? ORDER BY h.id`, []any{decisionID, scope + "%"}, func(r *sql.Rows) error {
		var a Awardee
		var revoked int
		err := r.Scan(&a.HonourID, &a.Subject.Kind, &a.Subject.ID, &a.Name, &a.Unit, &a.OrgID, &a.Serial, &revoked)
		a.Revoked = revoked == 1
		out = append(out, a)
		return err
	})
	return out, err
}

const awardItemSelect = `SELECT i.id, i.decision_id, i.honour_id, i.kind, i.keeper_org_id, k.name, i.received_on, i.received_by,
	i.handed_on, i.handed_to, i.handed_by, i.note, i.version, h.subject_kind, h.subject_id, h.org_id, o.path, CASE WHEN h.revoked THEN 1 ELSE 0 END
	FROM award_items i JOIN honours h ON h.id = i.honour_id JOIN orgs o ON o.id = h.org_id JOIN orgs k ON k.id = i.keeper_org_id`

func scanAwardItem(r interface{ Scan(...any) error }) (x AwardItem, err error) {
	var revoked int
	err = r.Scan(&x.ID, &x.DecisionID, &x.HonourID, &x.Kind, &x.KeeperOrgID, &x.KeeperName, &x.ReceivedOn, &x.ReceivedBy,
		&x.HandedOn, &x.HandedTo, &x.HandedBy, &x.Note, &x.Version, &x.Subject.Kind, &x.Subject.ID, &x.UnitOrgID, &x.UnitPath, &revoked)
	x.Revoked = revoked == 1
	return x, err
}

// AwardItemsOfDecision lists the item lines of a decision's awardees whose unit lies
// under scope, by awardee and kind.
func (t *Tx) AwardItemsOfDecision(ctx context.Context, decisionID int64, scope string) ([]AwardItem, error) {
	var out []AwardItem
	err := t.Each(ctx, awardItemSelect+` WHERE i.decision_id = ? AND o.path LIKE ? ORDER BY i.honour_id, i.id`, []any{decisionID, scope + "%"},
		func(r *sql.Rows) error {
			x, err := scanAwardItem(r)
			out = append(out, x)
			return err
		})
	return out, err
}

// AwardItemByID loads an item line; a missing line is NotFound.
func (t *Tx) AwardItemByID(ctx context.Context, id int64) (x AwardItem, err error) {
	found := false
	err = t.Each(ctx, awardItemSelect+` WHERE i.id = ?`, []any{id}, func(r *sql.Rows) error {
		found = true
		x, err = scanAwardItem(r)
		return err
	})
	if err == nil && !found {
		err = tdkt.NotFound("hiện vật khen thưởng")
	}
	return x, err
}

// InsertAwardItem stores a new line; a line of the same awardee and kind already
// there is a Conflict (its UNIQUE key).
func (t *Tx) InsertAwardItem(ctx context.Context, x *AwardItem) (err error) {
	x.ID, err = t.Insert(ctx, `INSERT INTO award_items (decision_id, honour_id, kind, keeper_org_id, received_on, received_by)
		VALUES (?, ?, ?, ?, ?, ?)`, x.DecisionID, x.HonourID, x.Kind, x.KeeperOrgID, x.ReceivedOn, x.ReceivedBy)
	x.Version = 1
	return err
}

// ReceiveAwardItem records the receipt of a line not received yet, by the office of
// keeper; a line received meanwhile, or changed since it was read, is a Conflict.
func (t *Tx) ReceiveAwardItem(ctx context.Context, x *AwardItem, on, by string, keeper int64) error {
	err := changed(t.Exec(ctx, `UPDATE award_items SET received_on = ?, received_by = ?, keeper_org_id = ?, version = version + 1
		WHERE id = ? AND version = ? AND received_on = ''`, on, by, keeper, x.ID, x.Version))
	if err == nil {
		x.ReceivedOn, x.ReceivedBy, x.KeeperOrgID = on, by, keeper
		x.Version++
	}
	return err
}

// HandOverAwardItem records the hand-over of a received line at the version read;
// zero rows (another change came first, or it was handed over already) is a Conflict.
func (t *Tx) HandOverAwardItem(ctx context.Context, x *AwardItem) error {
	err := changed(t.Exec(ctx, `UPDATE award_items SET handed_on = ?, handed_to = ?, handed_by = ?, note = ?, version = version + 1
		WHERE id = ? AND version = ? AND handed_on = '' AND received_on <> ''`, x.HandedOn, x.HandedTo, x.HandedBy, x.Note, x.ID, x.Version))
	if err == nil {
		x.Version++
	}
	return err
}

// DecisionItemTotals are the counts of a decision's items under one scope.
type DecisionItemTotals struct {
	Decision DecisionRow
	// Awardees counts the honours under the scope that stand (not revoked), and
	// Received and Handed their item lines received and handed over.
	Awardees, Received, Handed int
}

// DecisionItemTotalsUnder counts, for every decision with an awardee under scope, the
// standing awardees there and their items received and handed over, newest decision
// first. What an award comes with is domain data (tdkt.AwardItemKinds), so the caller
// works out what is still due.
func (t *Tx) DecisionItemTotalsUnder(ctx context.Context, scope string) ([]DecisionItemTotals, error) {
	var out []DecisionItemTotals
	// The decision's columns are decisionSelect's, with the totals put before its FROM,
	// so that the decision reads as everywhere else.
	err := t.Each(ctx, `WITH mine AS (
			SELECT h.id, h.decision_id FROM honours h JOIN orgs o ON o.id = h.org_id
			WHERE h.decision_id IS NOT NULL AND NOT h.revoked AND o.path LIKE ?),
		items AS (SELECT i.decision_id, sum(CASE WHEN i.received_on <> '' THEN 1 ELSE 0 END) AS received,
			sum(CASE WHEN i.handed_on <> '' THEN 1 ELSE 0 END) AS handed
			FROM award_items i JOIN mine m ON m.id = i.honour_id GROUP BY i.decision_id),
		totals AS (SELECT m.decision_id, count(*) AS n, COALESCE(max(it.received), 0) AS received, COALESCE(max(it.handed), 0) AS handed
			FROM mine m LEFT JOIN items it ON it.decision_id = m.decision_id GROUP BY m.decision_id)
		`+strings.Replace(decisionSelect, "FROM decisions d", ", tt.n, tt.received, tt.handed FROM decisions d", 1)+`
		JOIN totals tt ON tt.decision_id = d.id ORDER BY d.decided_on DESC, d.id DESC`, []any{scope + "%"}, func(r *sql.Rows) error {
		var x DecisionItemTotals
		err := r.Scan(append(decisionDest(&x.Decision), &x.Awardees, &x.Received, &x.Handed)...)
		out = append(out, x)
		return err
	})
	return out, err
}
