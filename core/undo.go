package core

import (
	"context"
	"encoding/json"
	"time"

	"tdkt"
	"tdkt/sqldb"
)

// UndoWindow is how long after deleting a per-year record its deleter may take it back.
const UndoWindow = 30 * time.Minute

// UndoDelete puts back a per-year record (a rating, an initiative, a discipline, a
// typed-in honour) that the actor deleted within UndoWindow, from the audit trail's
// copy of it. The record comes back under a new id; the deletion's record is marked
// undone in the same transaction, so that it is put back once only.
func (s *Service) UndoDelete(ctx context.Context, actor *tdkt.Account, kind RecordKind, id int64) (restored int64, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		e, err := tx.LatestAuditOf(ctx, string(kind), id)
		if err != nil {
			return err
		}
		// Scope first: another unit's record is a 404 whatever happened to it.
		if _, err := editSubject(ctx, tx, actor, e.Subject); err != nil {
			return err
		}
		if e.Action != "delete" || e.ActorID != actor.ID || e.Before == "" {
			return tdkt.Errorf(tdkt.EConflict, "Không có việc xóa nào của bạn để hoàn tác cho bản ghi này (có thể đã hoàn tác rồi).")
		}
		at, err := time.Parse(time.RFC3339Nano, e.At)
		if err != nil || s.Now().Sub(at) > UndoWindow {
			return tdkt.Errorf(tdkt.EConflict, "Đã quá %d phút từ khi xóa: hãy nhập lại bản ghi.", int(UndoWindow/time.Minute))
		}
		var sub tdkt.Subject
		var insert func(orgID int64) (int64, any, error)
		switch kind {
		case RatingRecord:
			var x tdkt.YearRating
			if err := json.Unmarshal([]byte(e.Before), &x); err != nil {
				return err
			}
			sub = x.Subject
			insert = func(int64) (int64, any, error) {
				x.ID, x.Version = 0, 0
				err := tx.InsertRating(ctx, &x)
				return x.ID, x, err
			}
		case InitiativeRecord:
			var x tdkt.Initiative
			if err := json.Unmarshal([]byte(e.Before), &x); err != nil {
				return err
			}
			sub = x.Subject
			insert = func(int64) (int64, any, error) {
				x.ID, x.Version = 0, 0
				err := tx.InsertInitiative(ctx, &x)
				return x.ID, x, err
			}
		case DisciplineRecord:
			var x tdkt.Discipline
			if err := json.Unmarshal([]byte(e.Before), &x); err != nil {
				return err
			}
			sub = tdkt.Subject{Kind: tdkt.Individual, ID: x.PersonID}
			insert = func(int64) (int64, any, error) {
				x.ID, x.Version = 0, 0
				err := tx.InsertDiscipline(ctx, &x)
				return x.ID, x, err
			}
		case HonourRecord:
			var x tdkt.Honour
			if err := json.Unmarshal([]byte(e.Before), &x); err != nil {
				return err
			}
			sub = x.Subject
			insert = func(orgID int64) (int64, any, error) {
				x.ID, x.Version, x.DecisionID = 0, 0, 0
				err := tx.InsertHonour(ctx, &x, orgID)
				return x.ID, x, err
			}
		default:
			return tdkt.NotFound("bản ghi")
		}
		orgID, err := editSubject(ctx, tx, actor, sub)
		if err != nil {
			return err
		}
		var after any
		if restored, after, err = insert(orgID); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, "undo_delete", string(kind), id, sub, orgID, nil, map[string]int64{"restored_as": restored, "deletion_event": e.ID}); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", string(kind), restored, sub, orgID, nil, after)
	})
	return restored, err
}
