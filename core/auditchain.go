package core

import (
	"context"
	"fmt"

	"tdkt"
	"tdkt/sqldb"
)

// VerifyAudit walks the audit chain from its first chained event (events written
// before the chain existed have no hash and are skipped) and checks every link: each
// event's prev_hash is the hash of the event before it, its hash matches its fields,
// and the head row holds the last hash (so that removing the newest events shows
// too). It returns how many chained events it checked, and an EConflict error naming
// the first broken link.
func (s *Service) VerifyAudit(ctx context.Context) (checked int, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		prev, started := "", false
		err := tx.EachAuditEvent(ctx, func(e sqldb.ChainedEvent) error {
			if !started && e.Hash == "" && e.PrevHash == "" {
				return nil // written before the chain existed
			}
			started = true
			switch {
			case e.PrevHash != prev:
				return tdkt.Errorf(tdkt.EConflict, "audit event %d: prev_hash does not match the hash of the event before it (an event was removed or changed)", e.ID)
			case sqldb.AuditHash(prev, &e.AuditEvent) != e.Hash:
				return tdkt.Errorf(tdkt.EConflict, "audit event %d: its fields do not match its hash (the event was changed)", e.ID)
			}
			prev = e.Hash
			checked++
			return nil
		})
		if err != nil {
			return err
		}
		head, err := tx.AuditHead(ctx)
		if err != nil {
			return err
		}
		if head != prev {
			return tdkt.Errorf(tdkt.EConflict, "audit chain: the head does not match the last event (the newest events were removed)")
		}
		return nil
	})
	if err != nil {
		return checked, fmt.Errorf("verify audit: %w", err)
	}
	return checked, nil
}
