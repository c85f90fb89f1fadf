package core

import (
	"context"

	"tdkt/sqldb"
)

// InstallationName is the name of the installation's top organisation (the province
// or ministry that runs it), which the public pages carry in their header. It is ""
// while no organisation exists, so that a fresh installation still shows its pages.
func (s *Service) InstallationName(ctx context.Context) (name string, err error) {
	err = s.DB.ViewReplica(ctx, func(tx *sqldb.Tx) error {
		id, err := tx.RootOrgID(ctx)
		if err != nil || id == 0 {
			return err
		}
		o, err := tx.OrgByID(ctx, id)
		name = o.Name
		return err
	})
	return name, err
}
