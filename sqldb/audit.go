package sqldb

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"hash"
	"strconv"

	"tdkt"
)

// Chain schemes of audit events: the unkeyed SHA-256 chain of migration 0010 and the
// HMAC-SHA256 chain keyed by the installation's audit key (migration 0016).
const (
	ChainSHA256 = "sha256"
	ChainHMAC1  = "hmac1"
)

// InsertAudit appends an audit event; it runs in the transaction of the change it
// records. The event is chained: with the installation's audit key, its hash is
// AuditMAC over the previous event's hash, its own fields and the state of the audited
// row as stored now (see StateKinds); without a key (tools and tests that hold none)
// it is the legacy AuditHash, which verify rejects once the keyed chain has started.
// The head of the chain is one row that the transaction locks, so that events of
// several processes on one PostgreSQL form one chain; SQLite has one writer, and its
// write lock does the same. The head carries its own HMAC, so that a head reset
// without the key shows.
func (t *Tx) InsertAudit(ctx context.Context, e *tdkt.AuditEvent, key []byte) (err error) {
	var actor, org any
	if e.ActorID != 0 {
		actor = e.ActorID
	}
	if e.OrgID != 0 {
		org = e.OrgID
	}
	prev, err := t.lockAuditHead(ctx)
	if err != nil {
		return err
	}
	chain, state, hash := ChainSHA256, "", ""
	if key == nil {
		hash = AuditHash(prev, e)
	} else {
		chain = ChainHMAC1
		if k := StateKindOf(e.Entity); k != nil && e.EntityID != 0 {
			if state, err = t.rowState(ctx, k, e.EntityID); err != nil {
				return err
			}
		}
		hash = AuditMAC(key, prev, e, state)
	}
	e.ID, err = t.Insert(ctx, `INSERT INTO audit_events (at, actor_id, actor, action, entity, entity_id, org_id, subject_kind, subject_id,
		before_json, after_json, prev_hash, hash, chain, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.At, actor, e.Actor, e.Action, e.Entity, e.EntityID, org, e.Subject.Kind, e.Subject.ID, e.Before, e.After, prev, hash, chain, state)
	if err != nil {
		return err
	}
	_, err = t.Exec(ctx, `UPDATE audit_head SET hash = ?, mac = ? WHERE id = 1`, hash, HeadMAC(key, hash))
	return err
}

// lockAuditHead returns the head's hash and, on PostgreSQL, locks the head row to
// the end of the transaction.
func (t *Tx) lockAuditHead(ctx context.Context) (prev string, err error) {
	head := `SELECT hash FROM audit_head WHERE id = 1`
	if t.Dialect() == Postgres {
		head += ` FOR UPDATE`
	}
	err = t.Get(ctx, "audit head", head, nil, &prev)
	return prev, err
}

// AuditHash is the hex SHA-256 of prev followed by the event's canonical fields
// (every stored field but the id, each quoted, one per line): the legacy scheme.
func AuditHash(prev string, e *tdkt.AuditEvent) string {
	h := sha256.New()
	h.Write([]byte(prev))
	writeAuditFields(h, e)
	return hex.EncodeToString(h.Sum(nil))
}

// AuditMAC is the hex HMAC-SHA256 with key of the scheme's name, prev, the event's
// canonical fields (as in AuditHash) and the state of the audited row.
func AuditMAC(key []byte, prev string, e *tdkt.AuditEvent, state string) string {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(ChainHMAC1 + "\n" + prev))
	writeAuditFields(h, e)
	h.Write([]byte("\n" + strconv.Quote(state)))
	return hex.EncodeToString(h.Sum(nil))
}

func writeAuditFields(h hash.Hash, e *tdkt.AuditEvent) {
	for _, f := range []string{e.At, strconv.FormatInt(e.ActorID, 10), e.Actor, e.Action, e.Entity, strconv.FormatInt(e.EntityID, 10),
		strconv.FormatInt(e.OrgID, 10), string(e.Subject.Kind), strconv.FormatInt(e.Subject.ID, 10), e.Before, e.After} {
		h.Write([]byte("\n" + strconv.Quote(f)))
	}
}

// HeadMAC is the HMAC of the chain's head hash; "" without a key.
func HeadMAC(key []byte, head string) string {
	if key == nil {
		return ""
	}
	h := hmac.New(sha256.New, key)
	h.Write([]byte("audit head\n" + head))
	return hex.EncodeToString(h.Sum(nil))
}

// ChainedEvent is an audit event with the links of the chain as stored.
type ChainedEvent struct {
	tdkt.AuditEvent
	PrevHash, Hash string
	Chain          string // ChainSHA256 or ChainHMAC1
	State          string // the audited row after the change, for keyed events of StateKinds
}

// EachAuditEvent calls fn for every audit event, in the order of the chain (by id).
func (t *Tx) EachAuditEvent(ctx context.Context, fn func(ChainedEvent) error) error {
	return t.Each(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity, entity_id, COALESCE(org_id, 0), subject_kind, subject_id,
		before_json, after_json, prev_hash, hash, chain, state FROM audit_events ORDER BY id`, nil, func(r *sql.Rows) error {
		var e ChainedEvent
		if err := r.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.OrgID, &e.Subject.Kind, &e.Subject.ID,
			&e.Before, &e.After, &e.PrevHash, &e.Hash, &e.Chain, &e.State); err != nil {
			return err
		}
		return fn(e)
	})
}

// AuditHead is the head row: the hash of the last chained event, its HMAC, and the
// latest checkpoint written (for display).
type AuditHead struct {
	Hash, MAC, Checkpoint string
}

// AuditHead reads the head row.
func (t *Tx) AuditHead(ctx context.Context) (h AuditHead, err error) {
	err = t.Get(ctx, "audit head", `SELECT hash, mac, checkpoint FROM audit_head WHERE id = 1`, nil, &h.Hash, &h.MAC, &h.Checkpoint)
	return h, err
}

// LockAuditHead reads the head row and, on PostgreSQL, locks it to the end of the
// transaction, as InsertAudit does.
func (t *Tx) LockAuditHead(ctx context.Context) (h AuditHead, err error) {
	q := `SELECT hash, mac, checkpoint FROM audit_head WHERE id = 1`
	if t.Dialect() == Postgres {
		q += ` FOR UPDATE`
	}
	err = t.Get(ctx, "audit head", q, nil, &h.Hash, &h.MAC, &h.Checkpoint)
	return h, err
}

// SetAuditCheckpoint stores the latest checkpoint line in the head row, for display.
func (t *Tx) SetAuditCheckpoint(ctx context.Context, line string) error {
	_, err := t.Exec(ctx, `UPDATE audit_head SET checkpoint = ? WHERE id = 1`, line)
	return err
}

// AuditTip is the id and hash of the newest event and the number of events up to
// it, read in one statement so that they agree on PostgreSQL too.
func (t *Tx) AuditTip(ctx context.Context) (lastID int64, head string, count int64, err error) {
	err = t.Get(ctx, "audit event", `SELECT e.id, e.hash, (SELECT count(*) FROM audit_events c WHERE c.id <= e.id)
		FROM audit_events e WHERE e.id = (SELECT max(id) FROM audit_events)`, nil, &lastID, &head, &count)
	if tdkt.CodeOf(err) == tdkt.ENotFound {
		return 0, "", 0, nil
	}
	return lastID, head, count, err
}

// HasKeyedAudit tells whether any event of the keyed chain exists.
func (t *Tx) HasKeyedAudit(ctx context.Context) (bool, error) {
	n, err := t.Int(ctx, `SELECT count(*) FROM (SELECT 1 FROM audit_events WHERE chain = ? LIMIT 1) x`, ChainHMAC1)
	return n > 0, err
}

// LastAuditID is the id of the newest audit event, 0 when there is none. Every change
// appends one, so it moves whenever any process changes anything: caches shared
// by nothing but the database compare it. Ids follow the order in which changes
// commit even on PostgreSQL, where an id is taken at the insert: InsertAudit locks the
// chain's head before it inserts and holds the lock to the commit, so no change can
// take a later id and commit first.
func (db *DB) LastAuditID(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	err := db.read.QueryRowContext(ctx, `SELECT max(id) FROM audit_events`).Scan(&n)
	return n.Int64, mapErr(err)
}

// AuditOf lists the audit events of a subject and of all its records, oldest first.
func (t *Tx) AuditOf(ctx context.Context, s tdkt.Subject) ([]tdkt.AuditEvent, error) {
	var out []tdkt.AuditEvent
	err := t.Each(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity, entity_id, COALESCE(org_id, 0), before_json, after_json
		FROM audit_events WHERE subject_kind = ? AND subject_id = ? ORDER BY id`, []any{s.Kind, s.ID}, func(r *sql.Rows) error {
		e := tdkt.AuditEvent{Subject: s}
		err := r.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.OrgID, &e.Before, &e.After)
		out = append(out, e)
		return err
	})
	return out, err
}

// CountAudit counts all audit events; tests compare it before and after a change.
func (t *Tx) CountAudit(ctx context.Context) (int64, error) {
	return t.Int(ctx, `SELECT count(*) FROM audit_events`)
}

// LatestAuditOf is the newest audit event of one record (entity and id), or NotFound.
func (t *Tx) LatestAuditOf(ctx context.Context, entity string, id int64) (e tdkt.AuditEvent, err error) {
	err = t.Get(ctx, "bản ghi", `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity, entity_id, COALESCE(org_id, 0), before_json, after_json,
		subject_kind, subject_id FROM audit_events WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`, []any{entity, id},
		&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.OrgID, &e.Before, &e.After, &e.Subject.Kind, &e.Subject.ID)
	return
}
