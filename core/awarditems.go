package core

import (
	"context"
	"slices"
	"strings"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// ItemCounts count the physical items of the awardees that stand (revoked honours
// are left out): due (what the awards come with), received and handed over;
// Outstanding is what is not yet delivered, NotReceived what has not yet arrived.
type ItemCounts struct {
	Due, Received, Handed, Outstanding, NotReceived int
}

func (c *ItemCounts) add(received, handed bool) {
	c.Due++
	c.Outstanding++
	c.NotReceived++
	if received {
		c.Received++
		c.NotReceived--
	}
	if handed {
		c.Handed++
		c.Outstanding--
	}
}

// KindCounts are the counts of one kind of item, with the days it arrived.
type KindCounts struct {
	Kind tdkt.ItemKind
	ItemCounts
	ReceivedOn []string // distinct receipt dates, earliest first
}

// AwardeeItems is an awardee of a decision with one line per item its award comes
// with. A line with ID 0 has not been recorded yet: nothing of it has arrived.
type AwardeeItems struct {
	sqldb.Awardee
	Items []sqldb.AwardItem
}

// DecisionItems is what an office knows of a decision's physical items: its
// awardees in the account's scope, their items, and the counts.
type DecisionItems struct {
	Decision sqldb.DecisionRow
	Kinds    []tdkt.ItemKind
	Awardees []AwardeeItems
	Totals   ItemCounts
	ByKind   []KindCounts
	// Revoked counts the awardees in scope whose honour was revoked.
	Revoked int
}

// AwardItems lists the physical items of a decision's awardees in the actor's scope
// (an honour whose unit is in the actor's subtree), with the counts received, handed
// over and not yet delivered. A decision with no awardee in scope is NotFound.
func (s *Service) AwardItems(ctx context.Context, actor *tdkt.Account, decisionID int64) (out DecisionItems, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		out, err = loadDecisionItems(ctx, tx, actor, decisionID)
		return err
	})
	return out, err
}

// loadDecisionItems reads a decision's items in the actor's scope (see AwardItems).
func loadDecisionItems(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, decisionID int64) (out DecisionItems, err error) {
	if actor == nil || actor.OrgPath == "" {
		return out, tdkt.NotFound("quyết định")
	}
	if out.Decision, err = tx.DecisionByID(ctx, decisionID); err != nil {
		return out, err
	}
	awardees, err := tx.AwardeesOfDecision(ctx, decisionID, actor.OrgPath)
	if err != nil {
		return out, err
	}
	if len(awardees) == 0 {
		return out, tdkt.NotFound("quyết định")
	}
	lines, err := tx.AwardItemsOfDecision(ctx, decisionID, actor.OrgPath)
	if err != nil {
		return out, err
	}
	type key struct {
		honour int64
		kind   tdkt.ItemKind
	}
	byKey := make(map[key]sqldb.AwardItem, len(lines))
	for _, l := range lines {
		byKey[key{l.HonourID, l.Kind}] = l
	}
	out.Kinds = tdkt.AwardItemKinds(out.Decision.AwardCode)
	out.ByKind = make([]KindCounts, len(out.Kinds))
	for i, k := range out.Kinds {
		out.ByKind[i].Kind = k
	}
	for _, a := range awardees {
		ai := AwardeeItems{Awardee: a}
		if a.Revoked {
			out.Revoked++
		}
		for i, k := range out.Kinds {
			l, ok := byKey[key{a.HonourID, k}]
			if !ok {
				l = sqldb.AwardItem{DecisionID: decisionID, HonourID: a.HonourID, Kind: k, Revoked: a.Revoked}
			}
			ai.Items = append(ai.Items, l)
			if a.Revoked {
				continue
			}
			out.Totals.add(l.ReceivedOn != "", l.HandedOn != "")
			kc := &out.ByKind[i]
			kc.add(l.ReceivedOn != "", l.HandedOn != "")
			if l.ReceivedOn != "" && !slices.Contains(kc.ReceivedOn, l.ReceivedOn) {
				kc.ReceivedOn = append(kc.ReceivedOn, l.ReceivedOn)
			}
		}
		out.Awardees = append(out.Awardees, ai)
	}
	for i := range out.ByKind {
		slices.Sort(out.ByKind[i].ReceivedOn)
	}
	return out, nil
}

// ReceiveAwardItems records that the items of the given kinds arrived on receivedOn
// for every awardee of the decision in the actor's scope whose honour stands: a clerk
// or administrator (a viewer or leader is Forbidden), the date neither before the
// decision nor in the future, kinds the award comes with. A kind already received
// for any of those awardees is a Conflict: a receipt is recorded once. The office of
// the actor's organisation keeps the items. It returns the number of items recorded.
func (s *Service) ReceiveAwardItems(ctx context.Context, actor *tdkt.Account, decisionID int64, receivedOn string, kinds []string) (n int, err error) {
	rc := tdkt.ItemReceipt{On: strings.TrimSpace(receivedOn)}
	for _, k := range kinds {
		if k = strings.TrimSpace(k); k != "" && !slices.Contains(rc.Kinds, tdkt.ItemKind(k)) {
			rc.Kinds = append(rc.Kinds, tdkt.ItemKind(k))
		}
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, err := loadDecisionItems(ctx, tx, actor, decisionID)
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		today := s.Now().In(vnZone).Format(time.DateOnly)
		if err := rc.Validate(d.Decision.AwardCode, d.Decision.DecidedOn, today); err != nil {
			return err
		}
		if d.Revoked == len(d.Awardees) {
			return tdkt.Errorf(tdkt.EConflict, "Khen thưởng của mọi người nhận trong đơn vị đã bị hủy bỏ, thu hồi: không có hiện vật để nhận.")
		}
		var recorded []int64
		for _, a := range d.Awardees {
			if a.Revoked {
				continue
			}
			for _, l := range a.Items {
				chosen := slices.Contains(rc.Kinds, l.Kind)
				switch {
				case chosen && l.ReceivedOn != "":
					return tdkt.Errorf(tdkt.EConflict, "“%s” của quyết định này đã được ghi nhận nhận ngày %s; không ghi nhận lại.", l.Kind.Label(), vn.FormatDate(l.ReceivedOn))
				case chosen && l.ID != 0:
					if err := tx.ReceiveAwardItem(ctx, &l, rc.On, actor.Login, actor.OrgID); err != nil {
						return err
					}
					recorded = append(recorded, l.ID)
				case l.ID == 0:
					// A kind not chosen gets its line too, not received, so that the
					// page and the API can name every item of the awardee.
					l.KeeperOrgID = actor.OrgID
					if chosen {
						l.ReceivedOn, l.ReceivedBy = rc.On, actor.Login
					}
					if err := tx.InsertAwardItem(ctx, &l); err != nil {
						return err
					}
					if chosen {
						recorded = append(recorded, l.ID)
					}
				}
			}
		}
		n = len(recorded)
		return s.audit(ctx, tx, actor, "receive", "award_items", decisionID, tdkt.Subject{}, actor.OrgID, nil,
			map[string]any{"decision_id": decisionID, "received_on": rc.On, "kinds": rc.Kinds, "lines": recorded})
	})
	return n, err
}

// HandOverAwardItem records that a received item was handed over on handedOn to
// handedTo (the awardee, or a relative or representative), by the actor: a clerk or
// administrator whose subtree holds the awardee's unit. The item must have been
// received and not yet handed over, its honour must stand, the date must be neither
// before the receipt nor in the future, and version must be the one read (a stale
// version is a Conflict).
func (s *Service) HandOverAwardItem(ctx context.Context, actor *tdkt.Account, lineID int64, version int, handedOn, handedTo, note string) (x sqldb.AwardItem, err error) {
	in := tdkt.ItemHandOver{On: strings.TrimSpace(handedOn), To: vn.NFC(handedTo), Note: vn.NFCText(note)}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if x, err = tx.AwardItemByID(ctx, lineID); err != nil {
			return err
		}
		if err := visible(actor, x.UnitPath, "hiện vật khen thưởng"); err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		switch {
		case x.Revoked:
			return tdkt.Errorf(tdkt.EConflict, "Khen thưởng này đã bị hủy bỏ, thu hồi: không trao hiện vật.")
		case x.HandedOn != "":
			return tdkt.Errorf(tdkt.EConflict, "“%s” này đã được trao ngày %s cho %s.", x.Kind.Label(), vn.FormatDate(x.HandedOn), x.HandedTo)
		case x.ReceivedOn == "":
			return tdkt.Errorf(tdkt.EConflict, "Chưa ghi nhận nhận “%s” này: hãy ghi nhận ngày nhận hiện vật trước khi trao.", x.Kind.Label())
		case x.Version != version:
			return tdkt.Conflict()
		}
		if err := in.Validate(x.ReceivedOn, s.Now().In(vnZone).Format(time.DateOnly)); err != nil {
			return err
		}
		before := x
		x.HandedOn, x.HandedTo, x.HandedBy, x.Note = in.On, in.To, actor.Login, in.Note
		if err := tx.HandOverAwardItem(ctx, &x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "hand_over", "award_item", x.ID, x.Subject, x.UnitOrgID, before, x)
	})
	if err != nil {
		return sqldb.AwardItem{}, err // the line read may lie outside the actor's scope
	}
	return x, nil
}

// OutstandingDecision is a decision with items not yet delivered in a scope.
type OutstandingDecision struct {
	Decision sqldb.DecisionRow
	Awardees int
	ItemCounts
}

// OutstandingAwardItems lists the decisions whose awardees in the actor's scope
// (honours that stand) still have items not handed over, newest decision first.
func (s *Service) OutstandingAwardItems(ctx context.Context, actor *tdkt.Account) (out []OutstandingDecision, err error) {
	if actor == nil || actor.OrgPath == "" {
		return nil, nil
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		totals, err := tx.DecisionItemTotalsUnder(ctx, actor.OrgPath)
		for _, t := range totals {
			due := t.Awardees * len(tdkt.AwardItemKinds(t.Decision.AwardCode))
			if t.Handed >= due {
				continue
			}
			out = append(out, OutstandingDecision{Decision: t.Decision, Awardees: t.Awardees,
				ItemCounts: ItemCounts{Due: due, Received: t.Received, Handed: t.Handed, Outstanding: due - t.Handed, NotReceived: due - t.Received}})
		}
		return err
	})
	return out, err
}
