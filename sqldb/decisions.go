package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// DecisionRow is a reward decision issued in tdkt.
type DecisionRow struct {
	ID, OrgID, DossierID                   int64
	Number, DecidedOn, Signer, SignerTitle string
	Issuer, AwardCode, RuleSet, CreatedAt  string
	TotalVND                               int64
	OrgPath                                string
	// CorrectedAt and CorrectionReason tell the latest correction (đính chính), if any.
	CorrectedAt, CorrectionReason string
	// PeerID is the installation that took the decision, when it arrived from another
	// one: it is corrected or revoked there.
	PeerID int64
}

// InsertDecision stores a decision.
func (t *Tx) InsertDecision(ctx context.Context, d *DecisionRow) (err error) {
	d.ID, err = t.Insert(ctx, `INSERT INTO decisions (org_id, dossier_id, number, decided_on, signer, signer_title, issuer, award_code, total_vnd,
		rule_set, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.OrgID, d.DossierID, d.Number, d.DecidedOn, d.Signer, d.SignerTitle,
		d.Issuer, d.AwardCode, d.TotalVND, d.RuleSet, d.CreatedAt)
	return err
}

const decisionSelect = `SELECT d.id, d.org_id, COALESCE(d.dossier_id, 0), d.number, d.decided_on, d.signer, d.signer_title, d.issuer,
		d.award_code, d.rule_set, d.created_at, d.total_vnd, o.path, d.corrected_at, d.correction_reason, COALESCE(d.peer_id, 0)
		FROM decisions d JOIN orgs o ON o.id = d.org_id`

func decisionDest(d *DecisionRow) []any {
	return []any{&d.ID, &d.OrgID, &d.DossierID, &d.Number, &d.DecidedOn, &d.Signer, &d.SignerTitle, &d.Issuer, &d.AwardCode,
		&d.RuleSet, &d.CreatedAt, &d.TotalVND, &d.OrgPath, &d.CorrectedAt, &d.CorrectionReason, &d.PeerID}
}

// DecisionOfDossier loads the decision a dossier ended in.
func (t *Tx) DecisionOfDossier(ctx context.Context, dossierID int64) (d DecisionRow, err error) {
	err = t.Get(ctx, "quyết định", decisionSelect+` WHERE d.dossier_id = ?`, []any{dossierID}, decisionDest(&d)...)
	return
}

// DecisionByID loads a decision.
func (t *Tx) DecisionByID(ctx context.Context, id int64) (d DecisionRow, err error) {
	err = t.Get(ctx, "quyết định", decisionSelect+` WHERE d.id = ?`, []any{id}, decisionDest(&d)...)
	return
}

// CorrectDecision stores a decision's corrected number, date and signer with the
// correction's time and reason.
func (t *Tx) CorrectDecision(ctx context.Context, d *DecisionRow) error {
	return changed(t.Exec(ctx, `UPDATE decisions SET number = ?, decided_on = ?, signer = ?, signer_title = ?, corrected_at = ?, correction_reason = ?
		WHERE id = ?`, d.Number, d.DecidedOn, d.Signer, d.SignerTitle, d.CorrectedAt, d.CorrectionReason, d.ID))
}

// DecidedHonour is an honour of a decision with the unit that keeps its record.
type DecidedHonour struct {
	tdkt.Honour
	OrgID int64
}

// HonoursOfDecision lists the honours a decision conferred.
func (t *Tx) HonoursOfDecision(ctx context.Context, decisionID int64) ([]DecidedHonour, error) {
	var out []DecidedHonour
	err := t.Each(ctx, `SELECT `+honourCols+`, h.org_id FROM honours h WHERE h.decision_id = ? ORDER BY h.id`, []any{decisionID}, func(r *sql.Rows) error {
		var x DecidedHonour
		var err error
		x.Honour, err = scanHonour(r, &x.OrgID)
		out = append(out, x)
		return err
	})
	return out, err
}

// CorrectHonourDecision writes a decision's corrected details onto one of its honours.
func (t *Tx) CorrectHonourDecision(ctx context.Context, h *DecidedHonour) error {
	err := changed(t.Exec(ctx, `UPDATE honours SET decision_no = ?, decided_on = ?, signer = ?, version = version + 1 WHERE id = ? AND decision_id IS NOT NULL`,
		h.Decision.Number, h.Decision.Date, h.Decision.Signer, h.ID))
	if err == nil {
		h.Version++
	}
	return err
}

// SetHonourDecision links an honour to the decision that conferred it.
func (t *Tx) SetHonourDecision(ctx context.Context, honourID, decisionID int64) error {
	_, err := t.Exec(ctx, `UPDATE honours SET decision_id = ? WHERE id = ?`, decisionID, honourID)
	return err
}

// CertificateRow is a printed certificate with what the verification page shows.
type CertificateRow struct {
	ID, HonourID, DecisionID    int64
	Serial, Token               string
	RevokedAt, RevokeReason     string
	SubjectKind                 tdkt.SubjectKind
	SubjectID                   int64
	Name, Sex, Position, Unit   string
	AwardCode                   string
	Year                        int
	DecisionNumber, DecidedOn   string
	Signer, SignerTitle, Issuer string
	AmountVND                   int64
	IssuerOrgID                 int64
	IssuerPath                  string
	Reason                      string
}

// InsertCertificate stores a certificate.
func (t *Tx) InsertCertificate(ctx context.Context, c *CertificateRow) (err error) {
	c.ID, err = t.Insert(ctx, `INSERT INTO certificates (honour_id, decision_id, serial, token) VALUES (?, ?, ?, ?)`, c.HonourID, c.DecisionID, c.Serial, c.Token)
	return err
}

const certificateSelect = `SELECT c.id, c.honour_id, c.decision_id, c.serial, c.token, c.revoked_at, c.revoke_reason,
	h.subject_kind, h.subject_id, COALESCE(p.full_name, co.name, 'Hộ ' || hh.head_name, ''), COALESCE(p.sex, ''), COALESCE(p.position, ''),
	o.name, h.award_code, h.year, d.number, d.decided_on, d.signer, d.signer_title, d.issuer, h.amount_vnd, d.org_id, io.path,
	COALESCE(ds.reason, '')
	FROM certificates c JOIN honours h ON h.id = c.honour_id JOIN decisions d ON d.id = c.decision_id
	JOIN orgs o ON o.id = h.org_id JOIN orgs io ON io.id = d.org_id
	LEFT JOIN dossiers ds ON ds.id = d.dossier_id
	LEFT JOIN people p ON h.subject_kind = 'ca_nhan' AND p.id = h.subject_id
	LEFT JOIN collectives co ON h.subject_kind = 'tap_the' AND co.id = h.subject_id
	LEFT JOIN households hh ON h.subject_kind = 'ho_gia_dinh' AND hh.id = h.subject_id`

func scanCertificate(r interface{ Scan(...any) error }) (c CertificateRow, err error) {
	err = r.Scan(&c.ID, &c.HonourID, &c.DecisionID, &c.Serial, &c.Token, &c.RevokedAt, &c.RevokeReason, &c.SubjectKind, &c.SubjectID,
		&c.Name, &c.Sex, &c.Position, &c.Unit, &c.AwardCode, &c.Year, &c.DecisionNumber, &c.DecidedOn, &c.Signer, &c.SignerTitle,
		&c.Issuer, &c.AmountVND, &c.IssuerOrgID, &c.IssuerPath, &c.Reason)
	return
}

// CertificateByToken finds a certificate by the token of its verification link.
func (t *Tx) CertificateByToken(ctx context.Context, token string) (c CertificateRow, err error) {
	found := false
	err = t.Each(ctx, certificateSelect+` WHERE c.token = ?`, []any{token}, func(r *sql.Rows) (err error) {
		c, err = scanCertificate(r)
		found = true
		return err
	})
	if err == nil && !found {
		err = tdkt.NotFound("bằng, giấy khen với mã này")
	}
	return
}

// CertificateByID loads a certificate.
func (t *Tx) CertificateByID(ctx context.Context, id int64) (c CertificateRow, err error) {
	found := false
	err = t.Each(ctx, certificateSelect+` WHERE c.id = ?`, []any{id}, func(r *sql.Rows) (err error) {
		c, err = scanCertificate(r)
		found = true
		return err
	})
	if err == nil && !found {
		err = tdkt.NotFound("bằng, giấy khen")
	}
	return
}

// CertificatesOfDecision lists a decision's certificates in the order of its list.
func (t *Tx) CertificatesOfDecision(ctx context.Context, decisionID int64) ([]CertificateRow, error) {
	var out []CertificateRow
	err := t.Each(ctx, certificateSelect+` WHERE c.decision_id = ? ORDER BY c.id`, []any{decisionID}, func(r *sql.Rows) error {
		c, err := scanCertificate(r)
		out = append(out, c)
		return err
	})
	return out, err
}

// RevokeCertificate cancels a certificate and the honour it stands for (Law Art 93):
// the honour leaves the records' chains and the statistics, the row stays for history.
func (t *Tx) RevokeCertificate(ctx context.Context, c *CertificateRow, reason, at string) error {
	n, err := t.Exec(ctx, `UPDATE certificates SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at = ''`, at, reason, c.ID)
	if err != nil {
		return err
	}
	if n == 0 {
		return tdkt.Errorf(tdkt.EConflict, "Bằng, giấy khen này đã bị thu hồi.")
	}
	_, err = t.Exec(ctx, `UPDATE honours SET revoked = TRUE, revoke_reason = ?, version = version + 1 WHERE id = ?`, reason, c.HonourID)
	c.RevokedAt, c.RevokeReason = at, reason
	return err
}
