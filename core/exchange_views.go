package core

import (
	"context"
	"strconv"

	"tdkt"
	"tdkt/sqldb"
)

// DossierExchange is what a dossier's page shows of its travel between
// installations: where it went or came from, the last state heard or told, and the
// messages with their delivery status.
type DossierExchange struct {
	Link     *sqldb.Link
	Outbox   []sqldb.OutboxRow
	Received []sqldb.InboxRow
}

// ExchangeOfDossier reads a dossier's exchange for an actor who sees the dossier.
func (s *Service) ExchangeOfDossier(ctx context.Context, actor *tdkt.Account, dossierID int64) (x DossierExchange, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, _, _, err := loadDossier(ctx, tx, actor, dossierID); err != nil {
			return err
		}
		l, ok, err := tx.LinkOf(ctx, dossierID)
		if err != nil {
			return err
		}
		if ok {
			x.Link = &l
		}
		if x.Outbox, err = tx.OutboxOf(ctx, dossierID, 100); err != nil {
			return err
		}
		x.Received, err = tx.InboxOf(ctx, dossierID, 100)
		return err
	})
	return x, err
}

// ExchangeView is the installation's exchange: peers, the latest messages sent
// and received, and the packages refused.
type ExchangeView struct {
	Fingerprint, PublicKey string
	Peers                  []sqldb.Peer
	Outbox                 []sqldb.OutboxRow
	Received               []sqldb.InboxRow
	Refusals               []sqldb.Refusal
}

// ExchangeOverview reads the overview: installation administrators, and the clerks and
// leaders of a standing office (who work what travels).
func (s *Service) ExchangeOverview(ctx context.Context, actor *tdkt.Account) (x ExchangeView, err error) {
	if actor == nil || !actor.CanManageInstallation() && actor.ActsFor == 0 {
		return x, tdkt.Forbidden()
	}
	x.Fingerprint, x.PublicKey = s.Fingerprint(), s.PublicKey()
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if x.Peers, err = tx.Peers(ctx); err != nil {
			return err
		}
		if x.Outbox, err = tx.OutboxOf(ctx, 0, 100); err != nil {
			return err
		}
		if x.Received, err = tx.InboxOf(ctx, 0, 100); err != nil {
			return err
		}
		x.Refusals, err = tx.Refusals(ctx, 50)
		return err
	})
	return x, err
}

// DossierPackage is the latest package sent for a dossier: the very file the outbox
// delivers, for the offline path (a disk, or an upload to a system without an API).
// actor nil is the command line.
func (s *Service) DossierPackage(ctx context.Context, actor *tdkt.Account, dossierID int64) (name string, pkg []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if actor != nil {
			if _, _, _, err := loadDossier(ctx, tx, actor, dossierID); err != nil {
				return err
			}
		} else if _, _, _, err := tx.DossierByID(ctx, dossierID); err != nil {
			return err
		}
		rows, err := tx.OutboxOf(ctx, dossierID, 100)
		if err != nil {
			return err
		}
		for _, o := range rows { // newest first
			if o.Kind == "dossier" || actor == nil {
				pkg, err = tx.OutboxPackage(ctx, o.ID)
				name = "lien-thong-ho-so-" + strconv.FormatInt(dossierID, 10) + "-" + strconv.FormatInt(o.ID, 10) + ".zip"
				return err
			}
		}
		return tdkt.Errorf(tdkt.EConflict, "Hồ sơ này chưa có gói liên thông nào: gói được lập khi trình lên hệ thống cấp trên, và hồ sơ mật không bao giờ có gói.")
	})
	return name, pkg, err
}
