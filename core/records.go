package core

import (
	"context"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// subjectOrg loads the unit of a subject and checks that the actor sees it.
func subjectOrg(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, sub tdkt.Subject) (orgID int64, err error) {
	var path string
	switch sub.Kind {
	case tdkt.Individual:
		var p tdkt.Person
		p, path, err = tx.PersonByID(ctx, sub.ID)
		orgID = p.OrgID
	case tdkt.Collective:
		var c tdkt.CollectiveUnit
		c, path, err = tx.CollectiveByID(ctx, sub.ID)
		orgID = c.OrgID
	case tdkt.Household:
		var h tdkt.HouseholdRecord
		h, path, err = tx.HouseholdByID(ctx, sub.ID)
		orgID = h.OrgID
	default:
		return 0, tdkt.NotFound("đối tượng")
	}
	if err != nil {
		return 0, err
	}
	return orgID, visible(actor, path, "đối tượng")
}

// editSubject opens the subject of a record for a change: visible, and the actor may edit.
func editSubject(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, sub tdkt.Subject) (int64, error) {
	orgID, err := subjectOrg(ctx, tx, actor, sub)
	if err != nil {
		return 0, err
	}
	return orgID, canEdit(actor)
}

// SaveRating creates (ID 0) or updates a yearly rating.
func (s *Service) SaveRating(ctx context.Context, actor *tdkt.Account, x *tdkt.YearRating) error {
	x.Note = vn.NFC(x.Note)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var before *tdkt.YearRating
		if x.ID != 0 {
			b, err := tx.RatingByID(ctx, x.ID)
			if err != nil {
				return err
			}
			before, x.Subject = &b, b.Subject
		}
		orgID, err := editSubject(ctx, tx, actor, x.Subject)
		if err != nil {
			return err
		}
		if err := x.Validate(s.Now()); err != nil {
			return err
		}
		if before == nil {
			if err := tx.InsertRating(ctx, x); err != nil {
				return err
			}
			return s.audit(ctx, tx, actor, "create", "rating", x.ID, x.Subject, orgID, nil, x)
		}
		if err := tx.UpdateRating(ctx, x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "rating", x.ID, x.Subject, orgID, before, x)
	})
}

// SaveInitiative creates (ID 0) or updates an initiative or scientific work.
func (s *Service) SaveInitiative(ctx context.Context, actor *tdkt.Account, x *tdkt.Initiative) error {
	x.Title, x.DecisionNo, x.RecognisedBy = vn.NFC(x.Title), vn.NFC(x.DecisionNo), vn.NFC(x.RecognisedBy)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var before *tdkt.Initiative
		if x.ID != 0 {
			b, err := tx.InitiativeByID(ctx, x.ID)
			if err != nil {
				return err
			}
			before, x.Subject = &b, b.Subject
		}
		orgID, err := editSubject(ctx, tx, actor, x.Subject)
		if err != nil {
			return err
		}
		if err := x.Validate(s.Now()); err != nil {
			return err
		}
		if before == nil {
			if err := tx.InsertInitiative(ctx, x); err != nil {
				return err
			}
			return s.audit(ctx, tx, actor, "create", "initiative", x.ID, x.Subject, orgID, nil, x)
		}
		if err := tx.UpdateInitiative(ctx, x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "initiative", x.ID, x.Subject, orgID, before, x)
	})
}

// SaveDiscipline creates (ID 0) or updates a person's disciplinary penalty.
func (s *Service) SaveDiscipline(ctx context.Context, actor *tdkt.Account, x *tdkt.Discipline) error {
	x.DecisionNo, x.Reason = vn.NFC(x.DecisionNo), vn.NFC(x.Reason)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var before *tdkt.Discipline
		if x.ID != 0 {
			b, err := tx.DisciplineByID(ctx, x.ID)
			if err != nil {
				return err
			}
			before, x.PersonID = &b, b.PersonID
		}
		orgID, err := editSubject(ctx, tx, actor, tdkt.Subject{Kind: tdkt.Individual, ID: x.PersonID})
		if err != nil {
			return err
		}
		if err := x.Validate(); err != nil {
			return err
		}
		if before == nil {
			if err := tx.InsertDiscipline(ctx, x); err != nil {
				return err
			}
			return s.audit(ctx, tx, actor, "create", "discipline", x.ID, tdkt.Subject{Kind: tdkt.Individual, ID: x.PersonID}, orgID, nil, x)
		}
		if err := tx.UpdateDiscipline(ctx, x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "discipline", x.ID, tdkt.Subject{Kind: tdkt.Individual, ID: x.PersonID}, orgID, before, x)
	})
}

// SaveHonour creates (ID 0) or updates a title or form a subject received, with its
// decision; this is how past decisions are entered.
func (s *Service) SaveHonour(ctx context.Context, actor *tdkt.Account, x *tdkt.Honour) error {
	x.Decision.Number, x.Decision.Signer, x.Decision.Issuer = vn.NFC(x.Decision.Number), vn.NFC(x.Decision.Signer), vn.NFC(x.Decision.Issuer)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var before *tdkt.Honour
		if x.ID != 0 {
			b, err := tx.HonourByID(ctx, x.ID)
			if err != nil {
				return err
			}
			before, x.Subject = &b, b.Subject
		}
		orgID, err := editSubject(ctx, tx, actor, x.Subject)
		if err != nil {
			return err
		}
		if before != nil && before.Decided() {
			return decidedHonour(*before)
		}
		x.DecisionID = 0 // typed in from a paper decision; tdkt's own decisions write through Decide
		if err := x.Validate(s.Now()); err != nil {
			return err
		}
		if before == nil {
			if err := tx.InsertHonour(ctx, x, orgID); err != nil {
				return err
			}
			return s.audit(ctx, tx, actor, "create", "honour", x.ID, x.Subject, orgID, nil, x)
		}
		if err := tx.UpdateHonour(ctx, x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "honour", x.ID, x.Subject, orgID, before, x)
	})
}

// decidedHonour refuses a change to an honour of a decision issued in tdkt: it
// changes only through that decision, by the level that issued it (Law Art 93).
func decidedHonour(h tdkt.Honour) error {
	return tdkt.Errorf(tdkt.EForbidden, "%s này thuộc Quyết định số %s ngày %s của %s, ban hành trên hệ thống: chỉ cấp đã quyết định mới đính chính hoặc hủy bỏ, thu hồi được, qua chính quyết định đó.",
		tdkt.Label(h.AwardCode), h.Decision.Number, vn.FormatDate(h.Decision.Date), h.Decision.Issuer)
}

// RecordKind names a per-year record table for DeleteRecord.
type RecordKind string

// The record kinds that can be deleted one by one.
const (
	RatingRecord     RecordKind = "rating"
	InitiativeRecord RecordKind = "initiative"
	DisciplineRecord RecordKind = "discipline"
	HonourRecord     RecordKind = "honour"
)

// DeleteRecord removes one per-year record read at version.
func (s *Service) DeleteRecord(ctx context.Context, actor *tdkt.Account, kind RecordKind, id int64, version int) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var before any
		var sub tdkt.Subject
		var table string
		switch kind {
		case RatingRecord:
			b, err := tx.RatingByID(ctx, id)
			if err != nil {
				return err
			}
			before, sub, table = b, b.Subject, "ratings"
		case InitiativeRecord:
			b, err := tx.InitiativeByID(ctx, id)
			if err != nil {
				return err
			}
			before, sub, table = b, b.Subject, "initiatives"
		case DisciplineRecord:
			b, err := tx.DisciplineByID(ctx, id)
			if err != nil {
				return err
			}
			before, sub, table = b, tdkt.Subject{Kind: tdkt.Individual, ID: b.PersonID}, "discipline"
		case HonourRecord:
			b, err := tx.HonourByID(ctx, id)
			if err != nil {
				return err
			}
			if b.Decided() {
				if _, err := editSubject(ctx, tx, actor, b.Subject); err != nil {
					return err
				}
				return decidedHonour(b)
			}
			before, sub, table = b, b.Subject, "honours"
		default:
			return tdkt.NotFound("bản ghi")
		}
		orgID, err := editSubject(ctx, tx, actor, sub)
		if err != nil {
			return err
		}
		if err := tx.DeleteRow(ctx, table, id, version); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "delete", string(kind), id, sub, orgID, before, nil)
	})
}

// Audit lists the audit events of a subject the actor can see and of all its records.
func (s *Service) Audit(ctx context.Context, actor *tdkt.Account, sub tdkt.Subject) (events []tdkt.AuditEvent, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, err := subjectOrg(ctx, tx, actor, sub); err != nil {
			return err
		}
		events, err = tx.AuditOf(ctx, sub)
		return err
	})
	return events, err
}

// RecentHonours lists the latest conferred titles and forms for the public portal;
// only public fields leave the database.
func (s *Service) RecentHonours(ctx context.Context, limit int) (out []sqldb.PublicHonour, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		out, err = tx.RecentHonours(ctx, limit)
		return err
	})
	return out, err
}
