package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// InsertAudit appends an audit event; it runs in the transaction of the change it records.
func (t *Tx) InsertAudit(ctx context.Context, e *tdkt.AuditEvent) (err error) {
	var actor, org any
	if e.ActorID != 0 {
		actor = e.ActorID
	}
	if e.OrgID != 0 {
		org = e.OrgID
	}
	e.ID, err = t.Insert(ctx, `INSERT INTO audit_events (at, actor_id, actor, action, entity, entity_id, org_id, subject_kind, subject_id,
		before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.At, actor, e.Actor, e.Action, e.Entity, e.EntityID, org, e.Subject.Kind, e.Subject.ID, e.Before, e.After)
	return err
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
