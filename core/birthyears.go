package core

import (
	"context"

	"tdkt"
	"tdkt/sqldb"
)

// birthYearsMax bounds one call: the pickers show a page of people, not a province.
const birthYearsMax = 500

// BirthYears gives the birth year ("1985") of each of the people ids names that the
// account may see and whose birth date is known, so that a picker built from other
// records (the candidates of typical examples are honour lines) can tell namesakes
// apart. People outside the account's subtree are left out, like unknown ids.
func (s *Service) BirthYears(ctx context.Context, actor *tdkt.Account, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if actor == nil || actor.OrgPath == "" {
		return out, tdkt.NotFound("cá nhân")
	}
	if len(ids) > birthYearsMax {
		ids = ids[:birthYearsMax]
	}
	err := s.DB.View(ctx, func(tx *sqldb.Tx) error {
		for _, id := range ids {
			p, path, err := tx.PersonByID(ctx, id)
			if tdkt.CodeOf(err) == tdkt.ENotFound {
				continue
			}
			if err != nil {
				return err
			}
			if actor.Sees(path) && len(p.BirthDate) >= 4 {
				out[id] = p.BirthDate[:4]
			}
		}
		return nil
	})
	return out, err
}
