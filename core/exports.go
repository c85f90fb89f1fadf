package core

import (
	"context"

	"tdkt"
	"tdkt/sqldb"
)

// The list exports: each runs the same selection as its list page, within the actor's
// subtree, and hands every row to fn as the database returns it.

// EachPerson calls fn for every person SearchPeople would find, without pages.
func (s *Service) EachPerson(ctx context.Context, actor *tdkt.Account, q, orgCode string, fn func(tdkt.Person) error) error {
	return s.DB.View(ctx, func(tx *sqldb.Tx) error {
		query := sqldb.PeopleQuery{Scope: actor.OrgPath, Q: q}
		if orgCode != "" {
			o, err := tx.OrgByCode(ctx, orgCode)
			if err != nil {
				return err
			}
			if err := visible(actor, o.Path, "đơn vị "+orgCode); err != nil {
				return err
			}
			query.Org = o.Path
		}
		return tx.EachPerson(ctx, query, fn)
	})
}

// EachCollective calls fn for every collective Collectives would list, without a limit.
func (s *Service) EachCollective(ctx context.Context, actor *tdkt.Account, q string, fn func(tdkt.CollectiveUnit) error) error {
	return s.DB.View(ctx, func(tx *sqldb.Tx) error { return tx.EachCollective(ctx, actor.OrgPath, q, fn) })
}

// EachHousehold calls fn for every household Households would list, without a limit.
func (s *Service) EachHousehold(ctx context.Context, actor *tdkt.Account, q string, fn func(tdkt.HouseholdRecord) error) error {
	return s.DB.View(ctx, func(tx *sqldb.Tx) error { return tx.EachHousehold(ctx, actor.OrgPath, q, fn) })
}

// EachDossier calls fn for every dossier Dossiers would list, without a limit.
func (s *Service) EachDossier(ctx context.Context, actor *tdkt.Account, statuses []tdkt.DossierStatus, fn func(tdkt.Dossier) error) error {
	return s.DB.View(ctx, func(tx *sqldb.Tx) error { return tx.EachDossier(ctx, actor.OrgPath, statuses, fn) })
}
