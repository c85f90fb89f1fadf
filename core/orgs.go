package core

import (
	"context"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// OrgTree lists the organisations of the actor's subtree in tree order.
func (s *Service) OrgTree(ctx context.Context, actor *tdkt.Account) (orgs []tdkt.Org, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		orgs, err = tx.OrgsUnder(ctx, actor.OrgPath)
		return err
	})
	return orgs, err
}

// Org loads one organisation of the actor's subtree by id or, when id is 0, by code.
func (s *Service) Org(ctx context.Context, actor *tdkt.Account, id int64, code string) (o tdkt.Org, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if id != 0 {
			o, err = tx.OrgByID(ctx, id)
		} else {
			o, err = tx.OrgByCode(ctx, code)
		}
		if err != nil {
			return err
		}
		return visible(actor, o.Path, "đơn vị")
	})
	return o, err
}

// SaveOrg creates (ID 0) or updates an organisation. A new organisation goes under a
// parent in the actor's subtree; only administrators change the tree. A new
// organisation without a list of powers gets the default of its level.
func (s *Service) SaveOrg(ctx context.Context, actor *tdkt.Account, o *tdkt.Org) error {
	o.Name, o.Code = vn.NFC(o.Name), vn.NFC(o.Code)
	if err := o.Validate(); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if o.ID == 0 {
			if o.ParentID == 0 {
				if actor != nil {
					return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"parent_id": "Hãy chọn đơn vị cấp trên."}}
				}
			} else {
				parent, err := tx.OrgByID(ctx, o.ParentID)
				if err != nil {
					return err
				}
				if actor != nil {
					if err := visible(actor, parent.Path, "đơn vị cấp trên"); err != nil {
						return err
					}
				}
			}
			if actor != nil && !actor.CanManageOrgs() {
				return tdkt.Forbidden()
			}
			if o.Confers == nil {
				o.Confers = tdkt.DefaultConfers[o.Level]
			}
			if err := tx.InsertOrg(ctx, o, s.stamp()); err != nil {
				return err
			}
			return s.audit(ctx, tx, actor, "create", "org", o.ID, tdkt.Subject{}, o.ID, nil, o)
		}
		before, err := tx.OrgByID(ctx, o.ID)
		if err != nil {
			return err
		}
		if actor != nil {
			if err := visible(actor, before.Path, "đơn vị"); err != nil {
				return err
			}
			if !actor.CanManageOrgs() {
				return tdkt.Forbidden()
			}
		}
		o.ParentID, o.Path = before.ParentID, before.Path
		if err := tx.UpdateOrg(ctx, o, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "org", o.ID, tdkt.Subject{}, o.ID, before, o)
	})
}
