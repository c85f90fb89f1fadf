package core

import (
	"context"
	"strings"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// CollectiveRecord is a collective with its yearly records.
type CollectiveRecord struct {
	Collective  tdkt.CollectiveUnit
	Ratings     []tdkt.YearRating
	Honours     []tdkt.Honour
	Initiatives []tdkt.Initiative
}

// SaveCollective creates (ID 0) or updates a collective kept by a unit of the actor's subtree.
func (s *Service) SaveCollective(ctx context.Context, actor *tdkt.Account, c *tdkt.CollectiveUnit) error {
	c.Name = vn.NFC(c.Name)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var before *tdkt.CollectiveUnit
		if c.ID != 0 {
			b, path, err := tx.CollectiveByID(ctx, c.ID)
			if err != nil {
				return err
			}
			if err := visible(actor, path, "tập thể"); err != nil {
				return err
			}
			before = &b
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if err := c.Validate(); err != nil {
			return err
		}
		keeper, err := orgInScope(ctx, tx, actor, c.OrgID, "org_id")
		if err != nil {
			return err
		}
		// The organisation a collective is must be the keeping unit or one under it:
		// otherwise a clerk could file a collective as another commune's unit and
		// have it counted in that commune's results.
		if c.UnitOrgID != 0 {
			unit, err := orgInScope(ctx, tx, actor, c.UnitOrgID, "unit_org_id")
			if err != nil {
				return err
			}
			if !strings.HasPrefix(unit.Path, keeper.Path) {
				return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"unit_org_id": "Tập thể phải là chính đơn vị quản lý hoặc một đơn vị trực thuộc đơn vị đó."}}
			}
		}
		if before == nil {
			if err := tx.InsertCollective(ctx, c, s.stamp()); err != nil {
				return err
			}
			return s.audit(ctx, tx, actor, "create", "collective", c.ID, tdkt.Subject{Kind: tdkt.Collective, ID: c.ID}, c.OrgID, nil, c)
		}
		if err := tx.UpdateCollective(ctx, c, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "collective", c.ID, tdkt.Subject{Kind: tdkt.Collective, ID: c.ID}, c.OrgID, before, c)
	})
}

// Collective loads a collective's record.
func (s *Service) Collective(ctx context.Context, actor *tdkt.Account, id int64) (rec CollectiveRecord, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		c, path, err := tx.CollectiveByID(ctx, id)
		if err != nil {
			return err
		}
		if err := visible(actor, path, "tập thể"); err != nil {
			return err
		}
		rec.Collective = c
		sub := tdkt.Subject{Kind: tdkt.Collective, ID: id}
		if rec.Ratings, err = tx.Ratings(ctx, sub); err != nil {
			return err
		}
		if rec.Initiatives, err = tx.Initiatives(ctx, sub); err != nil {
			return err
		}
		rec.Honours, err = tx.Honours(ctx, sub)
		return err
	})
	return rec, err
}

// Collectives lists the collectives of the actor's subtree matching q.
func (s *Service) Collectives(ctx context.Context, actor *tdkt.Account, q string, limit int) (out []tdkt.CollectiveUnit, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		out, err = tx.Collectives(ctx, actor.OrgPath, q, clampLimit(limit))
		return err
	})
	return out, err
}

// SaveHousehold creates (ID 0) or updates a household of a commune in the actor's subtree.
func (s *Service) SaveHousehold(ctx context.Context, actor *tdkt.Account, h *tdkt.HouseholdRecord) error {
	h.HeadName, h.Address = vn.NFC(h.HeadName), vn.NFC(h.Address)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var before *tdkt.HouseholdRecord
		if h.ID != 0 {
			b, path, err := tx.HouseholdByID(ctx, h.ID)
			if err != nil {
				return err
			}
			if err := visible(actor, path, "hộ gia đình"); err != nil {
				return err
			}
			before = &b
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if err := h.Validate(); err != nil {
			return err
		}
		if _, err := orgInScope(ctx, tx, actor, h.OrgID, "org_id"); err != nil {
			return err
		}
		if before == nil {
			if err := tx.InsertHousehold(ctx, h, s.stamp()); err != nil {
				return err
			}
			return s.audit(ctx, tx, actor, "create", "household", h.ID, tdkt.Subject{Kind: tdkt.Household, ID: h.ID}, h.OrgID, nil, h)
		}
		if err := tx.UpdateHousehold(ctx, h, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "household", h.ID, tdkt.Subject{Kind: tdkt.Household, ID: h.ID}, h.OrgID, before, h)
	})
}

// Household loads a household with its titles and forms.
func (s *Service) Household(ctx context.Context, actor *tdkt.Account, id int64) (h tdkt.HouseholdRecord, honours []tdkt.Honour, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		var path string
		h, path, err = tx.HouseholdByID(ctx, id)
		if err != nil {
			return err
		}
		if err := visible(actor, path, "hộ gia đình"); err != nil {
			return err
		}
		honours, err = tx.Honours(ctx, tdkt.Subject{Kind: tdkt.Household, ID: id})
		return err
	})
	return h, honours, err
}

// Households lists the households of the actor's subtree matching q.
func (s *Service) Households(ctx context.Context, actor *tdkt.Account, q string, limit int) (out []tdkt.HouseholdRecord, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		out, err = tx.Households(ctx, actor.OrgPath, q, clampLimit(limit))
		return err
	})
	return out, err
}

func clampLimit(n int) int {
	if n <= 0 || n > 500 {
		return 100
	}
	return n
}
