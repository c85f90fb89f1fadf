package core

// The state the audit trail implies: every row of the audited kinds must be what the
// newest event about it recorded (its state column) or, for rows written in bulk,
// what the snapshot that covers them recorded (docs/audit.md).

import (
	"context"
	"encoding/json"
	"slices"

	"tdkt"
	"tdkt/sqldb"
)

// statePage is how many rows verify compares at a time: the rows, their newest events
// and the snapshots' runs that cover them are read a page at a time, in id order, so
// that memory stays flat on a million people.
const statePage = 5000

// StartAuditChain begins the keyed chain on a database that has none: an event that
// records the installation, then a snapshot of every row of the audited kinds as
// found (the rows of a database that was kept before its trail was keyed), then a
// first checkpoint. It is safe to call at every start: a database whose head is
// already signed with this key is left alone. A head signed with another key, or a
// database without a keyed chain while the checkpoint file says it had one, is an
// EConflict error: the trail must be checked (tdkt audit verify), not restarted.
func (s *Service) StartAuditChain(ctx context.Context) (started bool, err error) {
	key := s.AuditTrail.Key
	if key == nil {
		return false, tdkt.Errorf(tdkt.EInvalid, "audit chain: no audit key")
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		// Locked: two processes starting at once on one PostgreSQL start one chain.
		head, err := tx.LockAuditHead(ctx)
		if err != nil {
			return err
		}
		if head.MAC != "" {
			if head.MAC != sqldb.HeadMAC(key, head.Hash) {
				return tdkt.Errorf(tdkt.EConflict, "audit chain: the head is not signed with this audit key (another installation's key, or the trail was changed); run tdkt audit verify")
			}
			return nil
		}
		keyed, err := tx.HasKeyedAudit(ctx)
		if err != nil {
			return err
		}
		if keyed {
			return tdkt.Errorf(tdkt.EConflict, "audit chain: keyed events exist but the head is not signed (written without the key, or the trail was changed); run tdkt audit verify")
		}
		if s.AuditTrail.Checkpoints != "" {
			cps, err := ReadCheckpoints(s.AuditTrail.Checkpoints, key)
			if err != nil {
				return err
			}
			if len(cps) > 0 {
				return tdkt.Errorf(tdkt.EConflict, "audit chain: the checkpoint file records a keyed chain of %d events that the database no longer has; run tdkt audit verify", cps[len(cps)-1].Events)
			}
		}
		started = true
		after, _ := json.Marshal(map[string]string{"installation": InstallationID(key), "name": s.AuditTrail.Name, "public_key": AuditPublicKey(key)})
		e := tdkt.AuditEvent{At: s.stamp(), Actor: "hệ thống", Action: "start", Entity: "audit", After: string(after)}
		if err := tx.InsertAudit(ctx, &e, key); err != nil {
			return err
		}
		return s.snapshotAfter(ctx, tx, nil, "baseline", nil)
	})
	if err != nil || !started || s.AuditTrail.Checkpoints == "" {
		return started, err
	}
	_, err = s.WriteCheckpoint(ctx)
	return started, err
}

// stateMaxIDs is the largest id of each audited kind's table, taken before a bulk
// write so that its snapshot covers only the rows it wrote.
func stateMaxIDs(ctx context.Context, tx *sqldb.Tx) (map[string]int64, error) {
	out := map[string]int64{}
	for i := range sqldb.StateKinds {
		n, err := tx.StateMaxID(ctx, &sqldb.StateKinds[i])
		if err != nil {
			return nil, err
		}
		out[sqldb.StateKinds[i].Entity] = n
	}
	return out, nil
}

// snapshotAfter appends one snapshot event in tx that covers, for every audited
// kind, the rows with an id above from[kind] (all rows for a nil from). Bulk writers
// (the demo, the start of the keyed chain) call it after their writes. Without a key
// it does nothing: the legacy chain records no state.
func (s *Service) snapshotAfter(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, reason string, from map[string]int64) error {
	return s.auditSnapshot(ctx, tx, actor, "snapshot", "audit", 0, 0, map[string]any{"reason": reason}, from)
}

// auditSnapshot appends an audit event like audit does, whose after is the map after
// plus the snapshot of the rows written in bulk above from (see sqldb.InsertSnapshot):
// an import's one summarising event covers the rows it wrote this way. Without a key
// it is a plain event.
func (s *Service) auditSnapshot(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, action, entity string, id, orgID int64,
	after map[string]any, from map[string]int64) error {
	if s.AuditTrail.Key == nil {
		return s.audit(ctx, tx, actor, action, entity, id, tdkt.Subject{}, orgID, nil, after)
	}
	e := tdkt.AuditEvent{At: s.stamp(), Action: action, Entity: entity, EntityID: id, OrgID: orgID, Actor: "hệ thống"}
	if actor != nil {
		e.ActorID, e.Actor = actor.ID, actor.Login
	}
	return tx.InsertSnapshot(ctx, s.AuditTrail.Key, &e, after, from)
}

// SnapshotBulk covers the rows with ids above from (see StateMaxIDs) by a snapshot
// event, for writers that load rows in bulk outside the use cases (the demo).
func (s *Service) SnapshotBulk(ctx context.Context, reason string, from map[string]int64) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error { return s.snapshotAfter(ctx, tx, nil, reason, from) })
}

// StateMaxIDs is the largest id of each audited kind's table; see SnapshotBulk.
func (s *Service) StateMaxIDs(ctx context.Context) (out map[string]int64, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) (err error) { out, err = stateMaxIDs(ctx, tx); return err })
	return out, err
}

// verifyState compares every row of the audited kinds with the trail, a page of ids
// at a time, and checks that each snapshot still holds all the rows it recorded.
func verifyState(ctx context.Context, tx *sqldb.Tx, key []byte, snapshots map[int64]int64, rep *AuditReport) error {
	stored := map[int64]int64{} // snapshot event id → rows found in its runs
	for i := range sqldb.StateKinds {
		if err := verifyKind(ctx, tx, key, &sqldb.StateKinds[i], stored, rep); err != nil {
			return err
		}
	}
	for id, n := range stored {
		if want, ok := snapshots[id]; !ok || want != n {
			return tdkt.Errorf(tdkt.EConflict, "snapshot event %d: %d rows stored, the event recorded %d (rows were removed or added)", id, n, want)
		}
	}
	for id, want := range snapshots {
		if _, ok := stored[id]; !ok && want > 0 {
			return tdkt.Errorf(tdkt.EConflict, "snapshot event %d: the %d rows it recorded are gone", id, want)
		}
	}
	return nil
}

// bulkRow is a row as the newest snapshot that covers it recorded it.
type bulkRow struct {
	event int64
	rec   sqldb.Recorded
}

// verifyKind merges, a page at a time, the rows of k with their newest events and
// the rows the snapshots recorded, in id order; stored counts the rows of each
// snapshot's runs (each run once: in the page that holds its last id).
func verifyKind(ctx context.Context, tx *sqldb.Tx, key []byte, k *sqldb.StateKind, stored map[int64]int64, rep *AuditReport) error {
	span, err := tx.BulkSpan(ctx, k)
	if err != nil {
		return err
	}
	for lo := int64(0); ; {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows, err := tx.StateRows(ctx, k, lo, sqldb.NoUpperID, statePage)
		if err != nil {
			return err
		}
		hi := int64(sqldb.NoUpperID)
		if len(rows) == statePage {
			hi = rows[len(rows)-1].ID
		}
		events, err := tx.LatestEvents(ctx, k, lo, hi)
		if err != nil {
			return err
		}
		chunks, err := tx.BulkChunks(ctx, k, lo, hi, span)
		if err != nil {
			return err
		}
		bulk := map[int64]bulkRow{} // the ids of this page only
		for _, c := range chunks {
			ids, recs, err := c.Decode(key, k)
			if err != nil {
				return tdkt.Errorf(tdkt.EConflict, "snapshot event %d, %s: %v", c.EventID, k.Entity, err)
			}
			if c.LastID <= hi {
				stored[c.EventID] += c.Rows
			}
			for j, id := range ids {
				if id > lo && id <= hi && c.EventID > bulk[id].event {
					bulk[id] = bulkRow{c.EventID, recs[j]}
				}
			}
		}
		ids := make([]int64, 0, len(rows)+len(events)+len(bulk))
		byID := make(map[int64]*sqldb.StateRow, len(rows))
		for j := range rows {
			ids = append(ids, rows[j].ID)
			byID[rows[j].ID] = &rows[j]
		}
		newest := make(map[int64]*sqldb.LatestEvent, len(events))
		for j := range events {
			ids = append(ids, events[j].EntityID)
			newest[events[j].EntityID] = &events[j]
		}
		for id := range bulk {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range slices.Compact(ids) {
			if err := compareRow(k, id, byID[id], newest[id], bulk[id]); err != nil {
				return err
			}
		}
		rep.Rows += int64(len(rows))
		if hi == sqldb.NoUpperID {
			return nil
		}
		lo = hi
	}
}

// compareRow checks one row (nil when it does not exist) against its newest event
// (nil for none) and the newest snapshot that covers it (zero for none), whichever
// is later.
func compareRow(k *sqldb.StateKind, id int64, row *sqldb.StateRow, ev *sqldb.LatestEvent, b bulkRow) error {
	differs := func(field, recorded, now string, event int64) error {
		return tdkt.Errorf(tdkt.EConflict, "%s %d: %s is %s in the trail (event %d) but %s in the database (the row was changed outside the application)",
			k.Entity, id, field, recorded, event, now)
	}
	switch {
	case b.event != 0 && (ev == nil || b.event > ev.EventID):
		if field, recorded, now := k.Compare(b.rec, row); field != "" {
			return differs(field, recorded, now, b.event)
		}
	case ev != nil && ev.Chain == sqldb.ChainHMAC1:
		rec, err := k.RecordedState(ev.State)
		if err != nil {
			return tdkt.Errorf(tdkt.EConflict, "audit event %d: its record of %s %d is unreadable (%v)", ev.EventID, k.Entity, id, err)
		}
		if field, recorded, now := k.Compare(rec, row); field != "" {
			return differs(field, recorded, now, ev.EventID)
		}
	case ev != nil: // only events from before the keyed chain, whose start covered every row
		if row != nil {
			return tdkt.Errorf(tdkt.EConflict, "%s %d: the row is not covered by the keyed trail (it was added outside the application)", k.Entity, id)
		}
	case row != nil:
		return tdkt.Errorf(tdkt.EConflict, "%s %d: the row has no audit event (it was added outside the application)", k.Entity, id)
	}
	return nil
}
