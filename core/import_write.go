package core

// The writes of an import, all in the import's one transaction.

import (
	"context"
	"fmt"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

const writeBatch = 2000

// write stores the planned rows; tx is the import's one transaction.
func (s *Service) write(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, k ImportKind, a *analysis,
	progress func(done, total int64, message string)) (rep ImportReport, err error) {
	total := int64(len(a.plan))
	now := s.stamp()
	today := s.Now().Format("2006-01-02")
	for start := 0; start < len(a.plan); start += writeBatch {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		part := a.plan[start:min(start+writeBatch, len(a.plan))]
		if k.Staff {
			err = s.writePeople(ctx, tx, actor, a, part, now, today, &rep)
		} else {
			err = s.writeRecords(ctx, tx, actor, k, part, &rep)
		}
		if err != nil {
			return rep, err
		}
		progress(int64(start+len(part)), total, fmt.Sprintf("Đã ghi %d/%d dòng…", start+len(part), total))
	}
	return rep, nil
}

func (s *Service) writePeople(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, a *analysis, part []*planned, now, today string, rep *ImportReport) error {
	var fresh []*tdkt.Person
	for _, p := range part {
		switch {
		case p.match == nil || p.decision == DecideNew:
			fresh = append(fresh, &p.person)
		case p.decision == DecideMerge:
			if err := s.mergePerson(ctx, tx, actor, p, a.bits, today, now); err != nil {
				return err
			}
			rep.Merged++
		default:
			rep.Skipped++
		}
	}
	if err := tx.InsertPeople(ctx, fresh, now); err != nil {
		return err
	}
	ms := make([]tdkt.Membership, 0, len(fresh))
	for _, p := range fresh {
		from := p.HiredOn
		if from == "" {
			from = today
		}
		ms = append(ms, tdkt.Membership{PersonID: p.ID, OrgID: p.OrgID, Position: p.Position, Leader: p.Leader, From: from})
	}
	rep.Created += len(fresh)
	return tx.InsertMemberships(ctx, ms)
}

// mergePerson updates an existing person with the file's values, moving them when
// the unit changed, as UpdatePerson does. Only the fields whose cell is filled
// change: an empty cell, or a column the file does not have (the leader flag, the
// position …), keeps what the record has; a unit chosen for a whole file without a
// unit column is not the file's, and does not move anyone. A
// name that differs only in case or diacritics keeps the recorded spelling: lists
// typed in a hurry ("nguyen thi hong nhung") are how such rows were matched.
func (s *Service) mergePerson(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, p *planned, bits map[string]uint64, today, now string) error {
	before, _, err := tx.PersonByID(ctx, p.match.ID)
	if err != nil {
		return err
	}
	after := before
	f := p.person
	if vn.Fold(f.FullName) != vn.Fold(before.FullName) {
		after.FullName = f.FullName
	}
	has := func(field string) bool { return p.has&bits[field] != 0 }
	if has("sex") {
		after.Sex = f.Sex
	}
	if has("group") {
		after.Group = f.Group
	}
	if has("leader") {
		after.Leader = f.Leader
	}
	for _, kv := range []struct {
		field string
		dst   *string
		v     string
	}{{"birth", &after.BirthDate, f.BirthDate}, {"ethnicity", &after.Ethnicity, f.Ethnicity}, {"cccd", &after.CCCD, f.CCCD},
		{"position", &after.Position, f.Position}, {"hired", &after.HiredOn, f.HiredOn}} {
		if has(kv.field) && kv.v != "" {
			*kv.dst = kv.v
		}
	}
	if has("unit") || has("unit_name") {
		after.OrgID = f.OrgID
	}
	if after.OrgID != before.OrgID || after.Position != before.Position {
		day, _ := time.Parse("2006-01-02", today)
		if err := tx.EndMemberships(ctx, after.ID, day.AddDate(0, 0, -1).Format("2006-01-02")); err != nil {
			return err
		}
		m := tdkt.Membership{PersonID: after.ID, OrgID: after.OrgID, Position: after.Position, Leader: after.Leader, From: today}
		if err := tx.InsertMembership(ctx, &m); err != nil {
			return err
		}
	}
	if err := tx.UpdatePerson(ctx, &after, now); err != nil {
		return err
	}
	before.OrgName, after.OrgName = "", ""
	return s.audit(ctx, tx, actor, "update", "person", after.ID, tdkt.Subject{Kind: tdkt.Individual, ID: after.ID}, after.OrgID, before, after)
}

func (s *Service) writeRecords(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, k ImportKind, part []*planned, rep *ImportReport) error {
	var ids []int64
	for _, p := range part {
		if p.match != nil {
			ids = append(ids, p.match.ID)
		}
	}
	table := map[string]string{"ratings": "ratings", "initiatives": "initiatives", "honours": "honours"}[k.Code]
	existing, err := tx.RecordKeys(ctx, table, ids)
	if err != nil {
		return err
	}
	for _, p := range part {
		if p.match == nil || p.decision == DecideSkip {
			rep.Skipped++
			continue
		}
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: p.match.ID}
		switch k.Code {
		case "ratings":
			x := p.rating
			x.Subject = sub
			if id, ok := existing[sqldb.RecordKey(sub.ID, x.Year, "")]; ok {
				old, err := tx.RatingByID(ctx, id)
				if err != nil {
					return err
				}
				if old.Rating == x.Rating && old.Note == x.Note {
					rep.Skipped++
					continue
				}
				x.ID, x.Version = id, old.Version
				if err := tx.UpdateRating(ctx, &x); err != nil {
					return err
				}
				// A changed rating has its own event, as a merged person has: the
				// import's snapshot covers only the rows it added.
				if err := s.audit(ctx, tx, actor, "update", "rating", x.ID, x.Subject, p.match.OrgID, old, x); err != nil {
					return err
				}
				rep.Updated++
				continue
			}
			if err := tx.InsertRating(ctx, &x); err != nil {
				return err
			}
		case "initiatives":
			x := p.initiative
			x.Subject = sub
			if _, ok := existing[sqldb.RecordKey(sub.ID, x.Year, vn.Fold(x.Title))]; ok {
				rep.Skipped++
				continue
			}
			if err := tx.InsertInitiative(ctx, &x); err != nil {
				return err
			}
		case "honours":
			x := p.honour
			x.Subject = sub
			if _, ok := existing[sqldb.RecordKey(sub.ID, x.Year, x.AwardCode+"|"+x.Decision.Number)]; ok {
				rep.Skipped++
				continue
			}
			if err := tx.InsertHonour(ctx, &x, p.match.OrgID); err != nil {
				return err
			}
		}
		rep.Created++
	}
	return nil
}
