package sqldb

// The state of audited rows: which tables hold user data, how a row is read for the
// audit trail, and the snapshots that keep the rows written in bulk (docs/audit.md).

import (
	"bytes"
	"compress/flate"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"tdkt"
)

// StateKind is a kind of audited row that holds user data: the audit events of its
// entity carry the row as stored after the change, and verify compares the newest
// with the row today.
type StateKind struct {
	Entity  string   // the entity of its audit events
	Table   string   // the table of its rows
	Columns []string // the compared columns; a trailing "?" marks a boolean
}

// StateKinds lists the audited kinds compared with their rows. created_at and
// updated_at are left out: they move with version, which is compared.
var StateKinds = []StateKind{
	{"org", "orgs", []string{"code", "name", "name_fold", "level", "parent_id", "path", "confers", "version"}},
	{"person", "people", []string{"org_id", "full_name", "name_fold", "sort_key", "sex", "birth_date", "ethnicity", "cccd", "grp",
		"leader?", "position", "hired_on", "under_review?", "version"}},
	{"collective", "collectives", []string{"org_id", "unit_org_id", "name", "name_fold", "enterprise?", "version"}},
	{"household", "households", []string{"org_id", "head_name", "name_fold", "address", "version"}},
	{"rating", "ratings", []string{"subject_kind", "subject_id", "year", "rating", "note", "version"}},
	{"initiative", "initiatives", []string{"subject_kind", "subject_id", "year", "title", "scope", "decision_no", "decision_on",
		"recognised_by", "version"}},
	{"discipline", "discipline", []string{"person_id", "form", "decided_on", "ends_on", "decision_no", "reason", "version"}},
	{"honour", "honours", []string{"subject_kind", "subject_id", "org_id", "award_code", "category", "award_level", "year", "period_from",
		"kind", "decision_no", "decided_on", "signer", "issuer", "amount_vnd", "revoked?", "revoke_reason", "decision_id", "grp", "leader?",
		"recipient", "version"}},
	{"dossier", "dossiers", []string{"org_id", "holder_org_id", "award_code", "kind", "year", "period_from", "simplified?", "title",
		"reason", "status", "status_since", "due_on", "due_rule", "number", "proposed_on", "movement_id", "version"}},
	{"account", "accounts", []string{"login", "name", "role", "org_id", "password_hash", "disabled?", "version"}},
}

// StateKindOf returns the state kind of an audit entity, nil for entities that are
// not compared with rows.
func StateKindOf(entity string) *StateKind {
	for i := range StateKinds {
		if StateKinds[i].Entity == entity {
			return &StateKinds[i]
		}
	}
	return nil
}

// Name is the name of the i-th compared column.
func (k *StateKind) Name(i int) string { return strings.TrimSuffix(k.Columns[i], "?") }

// selectList reads id and the compared columns; booleans read as 1 or 0 on both engines.
func (k *StateKind) selectList() string {
	cols := []string{"id"}
	for i, c := range k.Columns {
		if strings.HasSuffix(c, "?") {
			cols = append(cols, "CASE WHEN "+k.Name(i)+" THEN 1 ELSE 0 END")
		} else {
			cols = append(cols, k.Name(i))
		}
	}
	return strings.Join(cols, ", ")
}

// StateRow is a row of a state kind as verify compares it: its compared columns as text.
type StateRow struct {
	ID     int64
	Values []sql.NullString
}

// StateRows reads at most limit rows of k with after < id <= upTo, in id order.
func (t *Tx) StateRows(ctx context.Context, k *StateKind, after, upTo int64, limit int) ([]StateRow, error) {
	var out []StateRow
	err := t.Each(ctx, `SELECT `+k.selectList()+` FROM `+k.Table+` WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`, []any{after, upTo, limit},
		func(r *sql.Rows) error {
			row := StateRow{Values: make([]sql.NullString, len(k.Columns))}
			dest := []any{&row.ID}
			for i := range row.Values {
				dest = append(dest, &row.Values[i])
			}
			if err := r.Scan(dest...); err != nil {
				return err
			}
			out = append(out, row)
			return nil
		})
	return out, err
}

// rowState is the state an audit event records for row id of k: the JSON of its
// compared columns, or "null" when the row does not exist.
func (t *Tx) rowState(ctx context.Context, k *StateKind, id int64) (string, error) {
	rows, err := t.StateRows(ctx, k, id-1, id, 1)
	if err != nil || len(rows) == 0 {
		return "null", err
	}
	return k.StateJSON(&rows[0]), nil
}

// StateJSON is the JSON object of a row's compared columns (null for SQL NULL).
func (k *StateKind) StateJSON(r *StateRow) string {
	m := make(map[string]*string, len(k.Columns))
	for i, v := range r.Values {
		if v.Valid {
			s := v.String
			m[k.Name(i)] = &s
		} else {
			m[k.Name(i)] = nil
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// Recorded is what the trail recorded of a row: that it is gone, or its values
// aligned with the kind's Columns (Missing[i] when the record holds no value for
// column i, such as a column added to the kind after the record was written).
type Recorded struct {
	Gone    bool
	Values  []*string
	Missing []bool
}

// RecordedState decodes the state of an event (StateJSON, or "null").
func (k *StateKind) RecordedState(state string) (Recorded, error) {
	var m map[string]*string
	if err := json.Unmarshal([]byte(state), &m); err != nil {
		return Recorded{}, err
	}
	if m == nil {
		return Recorded{Gone: true}, nil
	}
	rec := Recorded{Values: make([]*string, len(k.Columns)), Missing: make([]bool, len(k.Columns))}
	for i := range k.Columns {
		rec.Values[i], rec.Missing[i] = m[k.Name(i)], !hasKey(m, k.Name(i))
	}
	return rec, nil
}

func hasKey(m map[string]*string, k string) bool { _, ok := m[k]; return ok }

// Compare compares a recorded row with the row today (nil when it does not exist). It
// returns the first differing column and the two values as text; field is "" when
// they agree.
func (k *StateKind) Compare(rec Recorded, r *StateRow) (field, recorded, now string) {
	switch {
	case rec.Gone && r == nil:
		return "", "", ""
	case rec.Gone:
		return "(row)", "(deleted)", "(exists)"
	case r == nil:
		return "(row)", "(exists)", "(missing)"
	}
	for i, v := range r.Values {
		want := rec.Values[i]
		switch {
		case rec.Missing[i]:
			return k.Name(i), "(not recorded)", show(v)
		case want == nil && !v.Valid:
		case want == nil || !v.Valid || *want != v.String:
			return k.Name(i), showPtr(want), show(v)
		}
	}
	return "", "", ""
}

func show(v sql.NullString) string {
	if !v.Valid {
		return "NULL"
	}
	return strconv.Quote(v.String)
}

func showPtr(p *string) string {
	if p == nil {
		return "NULL"
	}
	return strconv.Quote(*p)
}

// bulkRun is how many rows one audit_bulk row holds.
const bulkRun = 1000

// BulkChunk is one run of rows written in bulk, as the snapshot that covers them
// recorded them: States is the JSON {"columns": [...], "rows": [["id", value, …], …]}
// compressed with DEFLATE, and MAC its HMAC with the audit key (see mac).
type BulkChunk struct {
	EventID, FirstID, LastID int64
	Entity                   string
	Rows                     int64
	States                   []byte
	MAC                      string
}

// bulkStates is the JSON of a BulkChunk's States; ids and values are all strings, so
// that one Unmarshal reads a run.
type bulkStates struct {
	Columns []string    `json:"columns"`
	Rows    [][]*string `json:"rows"`
}

// mac is the HMAC of everything a chunk stores but its MAC.
func (c *BulkChunk) mac(key []byte) string {
	h := hmac.New(sha256.New, key)
	fmt.Fprintf(h, "bulk\n%s\n%d\n%d\n%d\n%d\n", c.Entity, c.EventID, c.FirstID, c.LastID, c.Rows)
	h.Write(c.States)
	return hex.EncodeToString(h.Sum(nil))
}

// Decode checks the chunk's HMAC with key and returns its rows, aligned with k's columns.
func (c *BulkChunk) Decode(key []byte, k *StateKind) (ids []int64, recs []Recorded, err error) {
	if !hmac.Equal([]byte(c.MAC), []byte(c.mac(key))) {
		return nil, nil, fmt.Errorf("the rows it stores for ids %d to %d do not match their HMAC (changed outside the application)", c.FirstID, c.LastID)
	}
	var st bulkStates
	if err := json.NewDecoder(flate.NewReader(bytes.NewReader(c.States))).Decode(&st); err != nil {
		return nil, nil, err
	}
	if int64(len(st.Rows)) != c.Rows {
		return nil, nil, fmt.Errorf("%d rows stored, %d recorded", len(st.Rows), c.Rows)
	}
	pos := make([]int, len(k.Columns)) // k's column i is the run's column pos[i], or -1
	for i := range k.Columns {
		pos[i] = slices.Index(st.Columns, k.Name(i))
	}
	for _, r := range st.Rows {
		if len(r) != len(st.Columns)+1 || r[0] == nil {
			return nil, nil, fmt.Errorf("a row of %d values for %d columns", len(r), len(st.Columns))
		}
		id, err := strconv.ParseInt(*r[0], 10, 64)
		if err != nil {
			return nil, nil, err
		}
		rec := Recorded{Values: make([]*string, len(k.Columns)), Missing: make([]bool, len(k.Columns))}
		for i, p := range pos {
			if p < 0 {
				rec.Missing[i] = true
			} else {
				rec.Values[i] = r[p+1]
			}
		}
		ids, recs = append(ids, id), append(recs, rec)
	}
	return ids, recs, nil
}

// SnapshotRange is what a snapshot event records of one kind: it covers the rows
// with From < id <= To, Rows of them.
type SnapshotRange struct {
	From int64 `json:"from"`
	To   int64 `json:"to"`
	Rows int64 `json:"rows"`
}

// InsertSnapshot appends event e, which covers rows written in bulk: for each
// audited kind, the rows with an id above from[kind] (all rows for a nil from). Its
// after JSON is the map after with "snapshot" set to the SnapshotRange of each kind
// that has such rows, and the covered rows are stored as it saw them (audit_bulk). It
// locks the head first, so that no change of another transaction can commit between
// the count and the rows.
func (t *Tx) InsertSnapshot(ctx context.Context, key []byte, e *tdkt.AuditEvent, after map[string]any, from map[string]int64) error {
	if key == nil {
		return fmt.Errorf("audit snapshot: no audit key")
	}
	if _, err := t.lockAuditHead(ctx); err != nil {
		return err
	}
	ranges := map[string]SnapshotRange{}
	for i := range StateKinds {
		k := &StateKinds[i]
		r := SnapshotRange{From: from[k.Entity]}
		if err := t.Get(ctx, k.Table, `SELECT count(*), COALESCE(max(id), 0) FROM `+k.Table+` WHERE id > ?`, []any{r.From}, &r.Rows, &r.To); err != nil {
			return err
		}
		if r.Rows > 0 {
			ranges[k.Entity] = r
		}
	}
	a := map[string]any{"snapshot": ranges}
	for k, v := range after {
		a[k] = v
	}
	b, _ := json.Marshal(a)
	e.After = string(b)
	if err := t.InsertAudit(ctx, e, key); err != nil {
		return err
	}
	for i := range StateKinds {
		k := &StateKinds[i]
		if r, ok := ranges[k.Entity]; ok {
			if err := t.storeRows(ctx, key, k, e.ID, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// storeRows stores the rows of r as the snapshot records them, bulkRun rows to an
// audit_bulk row, each run authenticated by its HMAC.
func (t *Tx) storeRows(ctx context.Context, key []byte, k *StateKind, eventID int64, r SnapshotRange) error {
	cols := make([]string, len(k.Columns))
	for i := range cols {
		cols[i] = k.Name(i)
	}
	var done int64
	for from := r.From; ; {
		rows, err := t.StateRows(ctx, k, from, r.To, bulkRun)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			break
		}
		st := bulkStates{Columns: cols, Rows: make([][]*string, len(rows))}
		for i := range rows {
			row := make([]*string, 1, len(cols)+1)
			id := strconv.FormatInt(rows[i].ID, 10)
			row[0] = &id
			for j := range rows[i].Values {
				if v := &rows[i].Values[j]; v.Valid {
					row = append(row, &v.String)
				} else {
					row = append(row, nil)
				}
			}
			st.Rows[i] = row
		}
		var buf bytes.Buffer
		zw, _ := flate.NewWriter(&buf, flate.BestSpeed)
		if err := json.NewEncoder(zw).Encode(st); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		c := BulkChunk{EventID: eventID, Entity: k.Entity, FirstID: rows[0].ID, LastID: rows[len(rows)-1].ID, Rows: int64(len(rows)), States: buf.Bytes()}
		c.MAC = c.mac(key)
		if _, err := t.Exec(ctx, `INSERT INTO audit_bulk (event_id, entity, first_id, last_id, rows, states, mac) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			c.EventID, c.Entity, c.FirstID, c.LastID, c.Rows, c.States, c.MAC); err != nil {
			return err
		}
		done += c.Rows
		from = c.LastID
	}
	if done != r.Rows {
		return fmt.Errorf("audit snapshot of %s: counted %d rows, stored %d", k.Table, r.Rows, done)
	}
	return nil
}

// StateMaxID is the largest id of k's table, 0 when it is empty.
func (t *Tx) StateMaxID(ctx context.Context, k *StateKind) (int64, error) {
	return t.Int(ctx, `SELECT COALESCE(max(id), 0) FROM `+k.Table)
}

// LatestEvent is the newest audit event of one row.
type LatestEvent struct {
	EntityID, EventID int64
	Chain, State      string
}

// LatestEvents returns the newest event of each row of k with lo < id <= hi that has
// events, in id order.
func (t *Tx) LatestEvents(ctx context.Context, k *StateKind, lo, hi int64) ([]LatestEvent, error) {
	var out []LatestEvent
	err := t.Each(ctx, `SELECT entity_id, id, chain, state FROM audit_events WHERE entity = ? AND entity_id > ? AND entity_id <= ?
		ORDER BY entity_id, id`, []any{k.Entity, lo, hi}, func(r *sql.Rows) error {
		var x LatestEvent
		if err := r.Scan(&x.EntityID, &x.EventID, &x.Chain, &x.State); err != nil {
			return err
		}
		if n := len(out); n > 0 && out[n-1].EntityID == x.EntityID {
			out[n-1] = x
		} else {
			out = append(out, x)
		}
		return nil
	})
	return out, err
}

// BulkSpan is the widest run of k (last_id - first_id), which bounds the search of
// BulkChunks on the primary key.
func (t *Tx) BulkSpan(ctx context.Context, k *StateKind) (int64, error) {
	return t.Int(ctx, `SELECT COALESCE(max(last_id - first_id), 0) FROM audit_bulk WHERE entity = ?`, k.Entity)
}

// BulkChunks returns the runs of k that cover ids in lo < id <= hi; span is BulkSpan.
func (t *Tx) BulkChunks(ctx context.Context, k *StateKind, lo, hi, span int64) ([]BulkChunk, error) {
	var out []BulkChunk
	err := t.Each(ctx, `SELECT event_id, first_id, last_id, rows, states, mac FROM audit_bulk WHERE entity = ? AND first_id >= ? AND first_id <= ?
		AND last_id > ? ORDER BY first_id`, []any{k.Entity, max(lo-span, 0), hi, lo}, func(r *sql.Rows) error {
		c := BulkChunk{Entity: k.Entity}
		if err := r.Scan(&c.EventID, &c.FirstID, &c.LastID, &c.Rows, &c.States, &c.MAC); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// NoUpperID is the hi of an open range.
const NoUpperID = math.MaxInt64

// RecordState is the state of one row as an audit event records it.
type RecordState struct {
	Entity string
	ID     int64
	State  string
}

// PersonRecordStates lists the records that DeletePerson removes with a person
// (ratings, initiatives, honours, discipline), each with its state, so that the
// deletion can record each removal in the trail.
func (t *Tx) PersonRecordStates(ctx context.Context, personID int64) ([]RecordState, error) {
	var out []RecordState
	for _, q := range []struct{ entity, where string }{
		{"rating", "subject_kind = 'ca_nhan' AND subject_id = ?"},
		{"initiative", "subject_kind = 'ca_nhan' AND subject_id = ?"},
		{"honour", "subject_kind = 'ca_nhan' AND subject_id = ?"},
		{"discipline", "person_id = ?"},
	} {
		k := StateKindOf(q.entity)
		err := t.Each(ctx, `SELECT `+k.selectList()+` FROM `+k.Table+` WHERE `+q.where+` ORDER BY id`, []any{personID}, func(r *sql.Rows) error {
			row := StateRow{Values: make([]sql.NullString, len(k.Columns))}
			dest := []any{&row.ID}
			for i := range row.Values {
				dest = append(dest, &row.Values[i])
			}
			if err := r.Scan(dest...); err != nil {
				return err
			}
			out = append(out, RecordState{Entity: k.Entity, ID: row.ID, State: k.StateJSON(&row)})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
