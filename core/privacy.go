package core

import (
	"context"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/sqldb"
)

// The per-organisation privacy setting of the honour roll: which optional public
// fields it shows. An organisation's setting applies to its subtree; the nearest
// ancestor's setting wins. Administrators change it.

// PrivacyView is the setting in force for an organisation and where it comes from.
type PrivacyView struct {
	Org     tdkt.Org
	Setting sqldb.Privacy // the setting in force; Version is that of the organisation's own row, 0 for none
	From    tdkt.Org      // the organisation whose row applies; zero when the default applies
}

// privacyAt finds the setting in force at path ("/1/4/17/"): the row of the deepest
// organisation of the path, else the default.
func privacyAt(settings map[int64]sqldb.Privacy, path string) sqldb.Privacy {
	p, _ := privacyFrom(settings, path)
	return p
}

func privacyFrom(settings map[int64]sqldb.Privacy, path string) (sqldb.Privacy, int64) {
	ids := strings.Split(strings.Trim(path, "/"), "/")
	for i := len(ids) - 1; i >= 0; i-- {
		id, err := strconv.ParseInt(ids[i], 10, 64)
		if err != nil {
			continue
		}
		if p, ok := settings[id]; ok {
			return p, id
		}
	}
	return sqldb.DefaultPrivacy, 0
}

// Privacy returns the setting in force for an organisation of the actor's subtree
// (the actor's own when orgID is 0). Administrators only.
func (s *Service) Privacy(ctx context.Context, actor *tdkt.Account, orgID int64) (v PrivacyView, err error) {
	if err := adminOnly(actor); err != nil {
		return v, err
	}
	if orgID == 0 && actor != nil {
		orgID = actor.OrgID
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if v.Org, err = tx.OrgByID(ctx, orgID); err != nil {
			return err
		}
		if err := visible(actor, v.Org.Path, "đơn vị"); err != nil {
			return err
		}
		settings, err := tx.PrivacySettings(ctx)
		if err != nil {
			return err
		}
		var from int64
		v.Setting, from = privacyFrom(settings, v.Org.Path)
		if from != 0 && from != orgID {
			v.Setting.Version = 0 // inherited: saving creates the organisation's own row
			if v.From, err = tx.OrgByID(ctx, from); err != nil {
				return err
			}
		} else if from == orgID {
			v.From = v.Org
		}
		v.Setting.OrgID = orgID
		return nil
	})
	return v, err
}

// SavePrivacy stores an organisation's own setting, read at x.Version (0 when it had
// none). Administrators only; audited.
func (s *Service) SavePrivacy(ctx context.Context, actor *tdkt.Account, x *sqldb.Privacy) error {
	if err := adminOnly(actor); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		o, err := tx.OrgByID(ctx, x.OrgID)
		if err != nil {
			return err
		}
		if err := visible(actor, o.Path, "đơn vị"); err != nil {
			return err
		}
		settings, err := tx.PrivacySettings(ctx)
		if err != nil {
			return err
		}
		var before any
		if b, ok := settings[x.OrgID]; ok {
			before = b
		}
		if err := tx.SavePrivacy(ctx, x, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "privacy", x.OrgID, tdkt.Subject{}, x.OrgID, before, x)
	})
}
