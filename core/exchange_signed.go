package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"tdkt"
	"tdkt/exchange"
	"tdkt/pades"
	"tdkt/sqldb"
	"tdkt/vn"
)

// A decision is usually signed after it was recorded, and so after its "decided"
// status went back to the installation that sent the dossier. When its signed copy is
// accepted here, a "signed" status carries it there, where it becomes the decision's
// official copy too (docs/exchange.md, docs/signatures.md).

// tellSigned queues the signed copy of a received dossier's decision for its sender.
func (s *Service) tellSigned(ctx context.Context, tx *sqldb.Tx, dossierID int64, pdf []byte) error {
	link, ok, err := tx.LinkOf(ctx, dossierID)
	if err != nil || !ok || link.Direction != "received" {
		return err
	}
	if err := s.exchangeOn(); err != nil {
		return err
	}
	d, _, _, err := tx.DossierByID(ctx, dossierID)
	if err != nil {
		return err
	}
	h, err := tx.OrgByID(ctx, d.HolderOrgID)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(pdf)
	files := []exchange.File{{Name: exchange.SignedDecisionFile, Role: "document", Title: "Quyết định khen thưởng (bản ký số)",
		MediaType: "application/pdf", Size: int64(len(pdf)), SHA256: hex.EncodeToString(sum[:])}}
	st := &exchange.Status{DossierRef: link.Ref, State: exchange.StateSigned, At: s.Now().UTC().Format(time.RFC3339)}
	return s.queueStatus(ctx, tx, &d, link, h, st, files, map[string][]byte{exchange.SignedDecisionFile: pdf})
}

// applySigned keeps the signed copy of a decision another installation took on a
// dossier sent from here: its signatures must check, and it becomes the decision's
// official copy here.
func (s *Service) applySigned(ctx context.Context, tx *sqldb.Tx, sys *tdkt.Account, peer sqldb.Peer, d *tdkt.Dossier, pdf []byte) error {
	if d.Status != tdkt.DossierDecided {
		return tdkt.Errorf(tdkt.EConflict, "Hồ sơ %q chưa có quyết định: chưa nhận được bản ký số.", d.Title)
	}
	dec, err := tx.DecisionOfDossier(ctx, d.ID)
	if err != nil {
		return err
	}
	if dec.PeerID != peer.ID {
		return tdkt.Errorf(tdkt.EInvalid, "Quyết định của hồ sơ %q không do %s ban hành.", d.Title, peer.Name)
	}
	trust, err := s.trust(ctx, tx)
	if err != nil {
		return err
	}
	rs, err := pades.Verify(pdf, trust, s.Now())
	if err != nil {
		return err
	}
	if len(rs) == 0 || !rs[len(rs)-1].Valid || !rs[len(rs)-1].CoversWholeDocument {
		return tdkt.Errorf(tdkt.EInvalid, "Bản quyết định gửi đến không có chữ ký số hợp lệ bao trùm toàn bộ tệp.")
	}
	sd, err := tx.SignedDocument(ctx, ownerDossier, d.ID, "decision", "")
	if tdkt.CodeOf(err) == tdkt.ENotFound {
		sum := sha256.Sum256(pdf)
		sd = sqldb.SignedDocument{Owner: ownerDossier, OwnerID: d.ID, Kind: "decision", OrgID: d.OrgID,
			Name: "quyet-dinh-" + vn.Fold(dec.Number) + ".pdf", Issued: pdf, IssuedSHA256: hex.EncodeToString(sum[:]),
			IssuedAt: s.stamp(), IssuedBy: sys.Login}
		err = tx.InsertSignedDocument(ctx, &sd)
	}
	if err != nil {
		return err
	}
	before := map[string]string{"signed_sha256": sd.SignedSHA256}
	if err := s.storeSigned(ctx, tx, sys, &sd, pdf, trust); err != nil {
		return err
	}
	return s.audit(ctx, tx, sys, "receive_signed_document", ownerDossier, d.ID, tdkt.Subject{}, d.OrgID, before,
		map[string]any{"kind": "decision", "signed_sha256": sd.SignedSHA256, "from": peer.Name})
}
