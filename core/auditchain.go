package core

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"tdkt"
	"tdkt/sqldb"
)

// AuditReport tells what VerifyAudit checked.
type AuditReport struct {
	Events      int   // events whose link and hash were checked
	Keyed       int   // of which keyed (HMAC with the installation's key)
	Legacy      int   // events written before the chain existed (no hash), at the start only
	Checkpoints int   // checkpoints of the checkpoint file found in the chain
	Rows        int64 // rows compared with the state the trail implies
}

// VerifyAudit checks the audit trail with the installation's key (s.AuditTrail.Key):
//   - the chain: every event links to the one before it and its hash matches its
//     fields (the legacy SHA-256 before the keyed chain, HMAC-SHA256 with the key
//     from the first keyed event on); no event after the first hashed one lacks a
//     hash, and no legacy event follows a keyed one;
//   - the head: it holds the last hash and its HMAC matches, and a keyed chain exists;
//   - the checkpoint file (s.AuditTrail.Checkpoints): every line is signed with the key,
//     and the chain still holds each checkpointed event with the same hash and the
//     same number of events up to it;
//   - the state: every row of the audited kinds (sqldb.StateKinds) is what the
//     newest event about it, or the snapshot that covers it, recorded.
//
// It returns what it checked, and an EConflict error naming the first problem.
func (s *Service) VerifyAudit(ctx context.Context) (rep AuditReport, err error) {
	key := s.AuditTrail.Key
	if key == nil {
		return rep, tdkt.Errorf(tdkt.EInvalid, "verify audit: no audit key")
	}
	var cps map[int64][]Checkpoint
	if s.AuditTrail.Checkpoints != "" {
		list, err := ReadCheckpoints(s.AuditTrail.Checkpoints, key)
		if err != nil {
			return rep, fmt.Errorf("verify audit: %w", err)
		}
		cps = map[int64][]Checkpoint{}
		for _, c := range list {
			cps[c.LastEventID] = append(cps[c.LastEventID], c)
		}
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if tx.Dialect() == sqldb.Postgres {
			// One snapshot for the whole check: the chain, the head and the rows must
			// be seen as of one moment while the installation keeps working.
			if _, err := tx.Exec(ctx, `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`); err != nil {
				return err
			}
		}
		snapshots := map[int64]int64{} // snapshot event id → rows it says it covers
		if err := s.verifyChain(ctx, tx, key, cps, snapshots, &rep); err != nil {
			return err
		}
		return verifyState(ctx, tx, key, snapshots, &rep)
	})
	if err != nil {
		return rep, fmt.Errorf("verify audit: %w", err)
	}
	return rep, nil
}

// verifyChain walks the chain (see VerifyAudit), matching the checkpoints and
// collecting the snapshot events for the state check.
func (s *Service) verifyChain(ctx context.Context, tx *sqldb.Tx, key []byte, cps map[int64][]Checkpoint, snapshots map[int64]int64, rep *AuditReport) error {
	prev := ""
	var firstHashed, firstKeyed, count int64
	err := tx.EachAuditEvent(ctx, func(e sqldb.ChainedEvent) error {
		count++
		if err := matchCheckpoints(cps[e.ID], e.Hash, count); err != nil {
			return err
		}
		rep.Checkpoints += len(cps[e.ID])
		delete(cps, e.ID)
		if e.Hash == "" && e.PrevHash == "" {
			switch {
			case e.Chain == sqldb.ChainHMAC1:
				return tdkt.Errorf(tdkt.EConflict, "audit event %d: a keyed event without its hash (the hash was erased)", e.ID)
			case firstHashed != 0:
				return tdkt.Errorf(tdkt.EConflict, "audit event %d: no hash after the chain started at event %d (the hash was erased)", e.ID, firstHashed)
			}
			rep.Legacy++ // written before the chain existed
			return nil
		}
		if firstHashed == 0 {
			firstHashed = e.ID
		}
		if e.PrevHash != prev {
			return tdkt.Errorf(tdkt.EConflict, "audit event %d: prev_hash does not match the hash of the event before it (an event was removed or changed)", e.ID)
		}
		switch e.Chain {
		case sqldb.ChainSHA256:
			if firstKeyed != 0 {
				return tdkt.Errorf(tdkt.EConflict, "audit event %d: an unkeyed event after the keyed chain started at event %d (written without the key)", e.ID, firstKeyed)
			}
			if sqldb.AuditHash(prev, &e.AuditEvent) != e.Hash {
				return tdkt.Errorf(tdkt.EConflict, "audit event %d: its fields do not match its hash (the event was changed)", e.ID)
			}
		case sqldb.ChainHMAC1:
			if firstKeyed == 0 {
				firstKeyed = e.ID
			}
			rep.Keyed++
			if sqldb.AuditMAC(key, prev, &e.AuditEvent, e.State) != e.Hash {
				return tdkt.Errorf(tdkt.EConflict, "audit event %d: its fields do not match its HMAC (the event was changed, or this is not the installation's key)", e.ID)
			}
			if (e.Action == "snapshot" || e.Action == "import") && strings.Contains(e.After, `"snapshot":`) {
				var a struct {
					Snapshot map[string]sqldb.SnapshotRange
				}
				if err := json.Unmarshal([]byte(e.After), &a); err != nil {
					return tdkt.Errorf(tdkt.EConflict, "audit event %d: an unreadable snapshot (%v)", e.ID, err)
				}
				for _, r := range a.Snapshot {
					snapshots[e.ID] += r.Rows
				}
			}
		default:
			return tdkt.Errorf(tdkt.EConflict, "audit event %d: unknown chain scheme %q", e.ID, e.Chain)
		}
		prev = e.Hash
		rep.Events++
		return nil
	})
	if err != nil {
		return err
	}
	for id := range cps {
		return tdkt.Errorf(tdkt.EConflict, "checkpoint of event %d (%d events): the event is no longer in the chain (the newest events were removed)", id, cps[id][0].Events)
	}
	head, err := tx.AuditHead(ctx)
	if err != nil {
		return err
	}
	switch {
	case head.Hash != prev:
		return tdkt.Errorf(tdkt.EConflict, "audit chain: the head does not match the last event (the newest events were removed)")
	case firstKeyed == 0:
		return tdkt.Errorf(tdkt.EConflict, "audit chain: no event is keyed (the keyed chain was erased, or never started: run tdkt serve once)")
	case head.MAC != sqldb.HeadMAC(key, head.Hash):
		return tdkt.Errorf(tdkt.EConflict, "audit chain: the head's HMAC does not match (the head was reset, or this is not the installation's key)")
	}
	return nil
}

// matchCheckpoints checks the checkpoints of one event against the chain as walked.
func matchCheckpoints(cps []Checkpoint, hash string, count int64) error {
	for _, c := range cps {
		if c.Head != hash {
			return tdkt.Errorf(tdkt.EConflict, "checkpoint of event %d (%s): the event's hash is no longer the one checkpointed (the event was changed or its hash erased)", c.LastEventID, c.At)
		}
		if c.Events != count {
			return tdkt.Errorf(tdkt.EConflict, "checkpoint of event %d (%s): %d events up to it, the checkpoint recorded %d (events were removed)", c.LastEventID, c.At, count, c.Events)
		}
	}
	return nil
}
