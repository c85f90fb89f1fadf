package core

import (
	"context"
	"strings"

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
// parent in the actor's subtree, at a level that fits under the parent's. What its
// head may confer is never taken from the caller: it is the law's list for its level
// (tdkt.Authority), and a caller that asks for another list is told so. An
// organisation's level, and so its authority, is changed by the level above (an
// administrator whose organisation holds it) or by an installation administrator,
// never by its own administrator. actor is nil for the command line and the demo.
func (s *Service) SaveOrg(ctx context.Context, actor *tdkt.Account, o *tdkt.Org) error {
	o.Name, o.Code = vn.NFC(o.Name), vn.NFC(o.Code)
	if err := o.Validate(); err != nil {
		return err
	}
	asked := o.Confers
	o.Confers = tdkt.ConfersOf(o.Level)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if o.ID == 0 {
			if asked != nil && !sameSet(asked, o.Confers) {
				return confersFixed()
			}
			return s.createOrg(ctx, tx, actor, o)
		}
		before, err := tx.OrgByID(ctx, o.ID)
		if err != nil {
			return err
		}
		// A client that sends back the list it read is not asking for a change.
		if asked != nil && !sameSet(asked, o.Confers) && !sameSet(asked, before.Confers) {
			return confersFixed()
		}
		if actor != nil {
			if err := visible(actor, before.Path, "đơn vị"); err != nil {
				return err
			}
			if !actor.CanManageOrgs() {
				return tdkt.Forbidden()
			}
			if o.Level != before.Level && before.Path == actor.OrgPath && !actor.CanManageInstallation() {
				return &tdkt.Error{Code: tdkt.EForbidden, Message: "Cấp của đơn vị (và thẩm quyền khen thưởng theo cấp) do cấp trên thay đổi, không tự thay đổi được.",
					Fields: map[string]string{"level": "Cấp của đơn vị mình do cấp trên hoặc quản trị hệ thống thay đổi."}}
			}
		}
		if o.Level != before.Level {
			if err := levelFitsTree(ctx, tx, before, o.Level); err != nil {
				return err
			}
		}
		if o.StandingFor != before.StandingFor {
			// Ending the role, or moving it, is the served level's decision too.
			if err := standingForFits(ctx, tx, actor, before.Path, before.StandingFor); err != nil {
				return err
			}
			if err := standingForFits(ctx, tx, actor, before.Path, o.StandingFor); err != nil {
				return err
			}
		}
		o.ParentID, o.Path = before.ParentID, before.Path
		if err := tx.UpdateOrg(ctx, o, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "org", o.ID, tdkt.Subject{}, o.ID, before, o)
	})
}

func (s *Service) createOrg(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, o *tdkt.Org) error {
	if o.ParentID == 0 {
		// A top organisation (a province, a ministry) is set up with the installation.
		if actor != nil && !actor.CanManageInstallation() {
			if !actor.CanManageOrgs() {
				return tdkt.Forbidden()
			}
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
			if !actor.CanManageOrgs() {
				return tdkt.Forbidden()
			}
		}
		if !tdkt.LevelFits(parent.Level, o.Level) {
			return levelMisfit(parent, o.Level)
		}
	}
	standing := o.StandingFor
	o.StandingFor = 0
	if err := tx.InsertOrg(ctx, o, s.stamp()); err != nil {
		return err
	}
	if standing != 0 {
		// Named at creation: checked and stored as a later change would be.
		if err := standingForFits(ctx, tx, actor, o.Path, standing); err != nil {
			return err
		}
		o.StandingFor = standing
		if err := tx.UpdateOrg(ctx, o, s.stamp()); err != nil {
			return err
		}
	}
	return s.audit(ctx, tx, actor, "create", "org", o.ID, tdkt.Subject{}, o.ID, nil, o)
}

// levelFitsTree checks a new level of an organisation against its parent and its children.
func levelFitsTree(ctx context.Context, tx *sqldb.Tx, o tdkt.Org, level tdkt.Level) error {
	if o.ParentID != 0 {
		parent, err := tx.OrgByID(ctx, o.ParentID)
		if err != nil {
			return err
		}
		if !tdkt.LevelFits(parent.Level, level) {
			return levelMisfit(parent, level)
		}
	}
	children, err := tx.OrgChildren(ctx, o.ID)
	if err != nil {
		return err
	}
	for _, c := range children {
		if !tdkt.LevelFits(level, c.Level) {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"level": "Đơn vị trực thuộc " + c.Name +
				" (" + tdkt.Label(string(c.Level)) + ") không thể ở dưới một đơn vị cấp " + tdkt.Label(string(level)) + "."}}
		}
	}
	return nil
}

// standingForFits checks that the organisation at path may become the standing office
// of the organisation target (0 ends the role): target sits above it, and the actor
// speaks for target's level (an administrator whose subtree holds target, or the
// command line). An office cannot name itself the standing office of its superior.
func standingForFits(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, path string, target int64) error {
	if target == 0 {
		return nil
	}
	t, err := tx.OrgByID(ctx, target)
	if err != nil || !strings.HasPrefix(path, t.Path) || path == t.Path {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"standing_for": "Chỉ làm cơ quan thường trực cho một cơ quan cấp trên của mình."}}
	}
	if actor != nil && (!actor.Sees(t.Path) || !actor.CanManageOrgs()) {
		return &tdkt.Error{Code: tdkt.EForbidden, Message: "Cơ quan thường trực do chính cấp được tham mưu (hoặc quản trị hệ thống) giao, không tự nhận được.",
			Fields: map[string]string{"standing_for": "Cơ quan thường trực do cấp được tham mưu giao."}}
	}
	return nil
}

func confersFixed() error {
	return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"confers": "Thẩm quyền khen thưởng do pháp luật quy định theo cấp của đơn vị (" +
		tdkt.AuthorityBasis + "), không sửa riêng cho từng đơn vị được."}}
}

func levelMisfit(parent tdkt.Org, level tdkt.Level) error {
	return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"level": "Đơn vị cấp " + tdkt.Label(string(level)) +
		" không thể trực thuộc " + parent.Name + " (" + tdkt.Label(string(parent.Level)) + ")."}}
}

// sameSet reports whether two lists hold the same codes, in any order.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !tdkt.In(x, b) {
			return false
		}
	}
	return true
}
