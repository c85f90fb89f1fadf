package core

import (
	"context"
	"strings"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// Yearly submission dates: the law's (tdkt.LawSubmissionDates) and those an
// administrator sets for an organisation of their subtree (a province's own dates
// for the dossiers it receives). An installation administrator's subtree is the
// whole installation; a unit administrator keeps their unit's. The daily pass
// reminds of them (DeadlinePass).

// SubmissionDates lists the law's dates in force today and the organisations' own
// dates in the administrator's subtree.
func (s *Service) SubmissionDates(ctx context.Context, actor *tdkt.Account) (law, own []tdkt.SubmissionDate, err error) {
	if !actor.CanManageOrgs() {
		return nil, nil, tdkt.Forbidden()
	}
	today, _ := s.today()
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		own, err = tx.SubmissionDates(ctx, actor.OrgPath)
		return err
	})
	return tdkt.LawSubmissionDatesOn(today), own, err
}

// SaveSubmissionDate adds an organisation's date (d.ID 0) or changes one. The
// organisation (and, for a change, the one it had) must be in the administrator's
// subtree; another's date is NotFound.
func (s *Service) SaveSubmissionDate(ctx context.Context, actor *tdkt.Account, d *tdkt.SubmissionDate) error {
	d.Note = vn.NFC(strings.TrimSpace(d.Note))
	if err := d.Validate(); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var before any
		if d.ID != 0 {
			old, path, err := tx.SubmissionDateByID(ctx, d.ID)
			if err == nil && !actor.Sees(path) {
				err = tdkt.NotFound("hạn gửi hồ sơ")
			}
			if err != nil {
				return err
			}
			before = old
		}
		o, err := orgInScope(ctx, tx, actor, d.OrgID, "org_id")
		if err != nil {
			return err
		}
		if !actor.CanManageOrgs() {
			return tdkt.Forbidden()
		}
		d.OrgName = o.Name
		action := "create"
		if d.ID == 0 {
			err = tx.InsertSubmissionDate(ctx, d)
		} else {
			action, err = "update", tx.UpdateSubmissionDate(ctx, d)
		}
		if err != nil { // a second identical date: sqldb names its field
			return err
		}
		return s.audit(ctx, tx, actor, action, "submission_date", d.ID, tdkt.Subject{}, d.OrgID, before, d)
	})
}

// DeleteSubmissionDate removes an organisation's date of the administrator's subtree.
func (s *Service) DeleteSubmissionDate(ctx context.Context, actor *tdkt.Account, id int64) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		old, path, err := tx.SubmissionDateByID(ctx, id)
		if err == nil && !actor.Sees(path) {
			err = tdkt.NotFound("hạn gửi hồ sơ")
		}
		if err != nil {
			return err
		}
		if !actor.CanManageOrgs() {
			return tdkt.Forbidden()
		}
		if err := tx.DeleteSubmissionDate(ctx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "delete", "submission_date", id, tdkt.Subject{}, old.OrgID, old, nil)
	})
}
