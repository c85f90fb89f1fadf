package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strconv"

	"tdkt"
)

// InsertAudit appends an audit event; it runs in the transaction of the change it
// records. The event is chained: its hash covers the previous event's hash and its own
// fields (see AuditHash). The head of the chain is one row that the transaction locks,
// so that events of several processes on one PostgreSQL form one chain; SQLite has
// one writer, and its write lock does the same.
func (t *Tx) InsertAudit(ctx context.Context, e *tdkt.AuditEvent) (err error) {
	var actor, org any
	if e.ActorID != 0 {
		actor = e.ActorID
	}
	if e.OrgID != 0 {
		org = e.OrgID
	}
	head := `SELECT hash FROM audit_head WHERE id = 1`
	if t.Dialect() == Postgres {
		head += ` FOR UPDATE`
	}
	var prev string
	if err := t.Get(ctx, "audit head", head, nil, &prev); err != nil {
		return err
	}
	hash := AuditHash(prev, e)
	e.ID, err = t.Insert(ctx, `INSERT INTO audit_events (at, actor_id, actor, action, entity, entity_id, org_id, subject_kind, subject_id,
		before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.At, actor, e.Actor, e.Action, e.Entity, e.EntityID, org, e.Subject.Kind, e.Subject.ID, e.Before, e.After, prev, hash)
	if err != nil {
		return err
	}
	_, err = t.Exec(ctx, `UPDATE audit_head SET hash = ? WHERE id = 1`, hash)
	return err
}

// AuditHash is the hex SHA-256 of prev followed by the event's canonical fields
// (every stored field but the id, each quoted, one per line).
func AuditHash(prev string, e *tdkt.AuditEvent) string {
	h := sha256.New()
	h.Write([]byte(prev))
	for _, f := range []string{e.At, strconv.FormatInt(e.ActorID, 10), e.Actor, e.Action, e.Entity, strconv.FormatInt(e.EntityID, 10),
		strconv.FormatInt(e.OrgID, 10), string(e.Subject.Kind), strconv.FormatInt(e.Subject.ID, 10), e.Before, e.After} {
		h.Write([]byte("\n" + strconv.Quote(f)))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ChainedEvent is an audit event with the links of the chain as stored.
type ChainedEvent struct {
	tdkt.AuditEvent
	PrevHash, Hash string
}

// EachAuditEvent calls fn for every audit event, in the order of the chain (by id).
func (t *Tx) EachAuditEvent(ctx context.Context, fn func(ChainedEvent) error) error {
	return t.Each(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity, entity_id, COALESCE(org_id, 0), subject_kind, subject_id,
		before_json, after_json, prev_hash, hash FROM audit_events ORDER BY id`, nil, func(r *sql.Rows) error {
		var e ChainedEvent
		if err := r.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.OrgID, &e.Subject.Kind, &e.Subject.ID,
			&e.Before, &e.After, &e.PrevHash, &e.Hash); err != nil {
			return err
		}
		return fn(e)
	})
}

// AuditHead is the hash of the last chained event, as the head row holds it.
func (t *Tx) AuditHead(ctx context.Context) (hash string, err error) {
	err = t.Get(ctx, "audit head", `SELECT hash FROM audit_head WHERE id = 1`, nil, &hash)
	return hash, err
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
