package core

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/exchange"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/vn"
)

// DecisionInput is what the leader fills in to decide a dossier.
type DecisionInput struct {
	Number, Date, Signer, SignerTitle string
	Version                           int
}

// Decide issues the reward decision of an approved dossier held by a level whose head
// may confer its award: in one transaction it stores the decision, adds the title or
// form with its money (coefficient × the base salary on the decision date, from the
// rules engine) to every awardee's lifelong record, issues a certificate with a serial
// number (the awardee's ordinal in the decision's list, "số sổ vàng") and a
// verification token, closes the dossier and sets the deadline for sending the
// decision on.
func (s *Service) Decide(ctx context.Context, actor *tdkt.Account, dossierID int64, in DecisionInput) (dec sqldb.DecisionRow, err error) {
	in.Number, in.Signer, in.SignerTitle = vn.NFC(in.Number), vn.NFC(in.Signer), vn.NFC(in.SignerTitle)
	p := tdkt.Problems{}
	if in.Number == "" || len([]rune(in.Number)) > 60 {
		p.Add("number", "Hãy ghi số quyết định (ví dụ 125/QĐ-UBND).")
	}
	date, derr := time.Parse(time.DateOnly, in.Date)
	switch {
	case derr != nil:
		p.Add("date", "Ngày quyết định không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
	case date.After(s.Now().AddDate(0, 0, 1)):
		p.Add("date", "Ngày quyết định không thể ở tương lai.")
	}
	if in.Signer == "" {
		p.Add("signer", "Hãy ghi họ tên người ký.")
	}
	if err := p.Err(); err != nil {
		return dec, err
	}
	eng, err := s.Engine(ctx)
	if err != nil {
		return dec, err
	}
	asOf, _ := rules.ParseDate(in.Date)
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, orgPath, holderPath, err := loadDossier(ctx, tx, actor, dossierID)
		if err != nil {
			return err
		}
		t, ok := tdkt.StepFor(tdkt.ActDecide, d.Status, d.Simplified, d.HolderLevel)
		if !ok {
			return tdkt.Errorf(tdkt.EConflict, "Chỉ ra quyết định cho hồ sơ đã được phê duyệt (hồ sơ đang ở trạng thái “%s”).", tdkt.StatusLabelAt(d.Status, d.HolderLevel))
		}
		if !mayStep(actor, t, &d, orgPath, holderPath) {
			return tdkt.Forbidden()
		}
		if d.Version != in.Version {
			return tdkt.Conflict()
		}
		holder, err := tx.OrgByID(ctx, d.HolderOrgID)
		if err != nil {
			return err
		}
		if !tdkt.In(d.Award, holder.Confers) {
			return tdkt.Errorf(tdkt.EInvalid, "Người đứng đầu %s không có thẩm quyền tặng %s; hãy trình cấp trên.", holder.Name, tdkt.Label(d.Award))
		}
		if d.Candidates, err = tx.Candidates(ctx, d.ID); err != nil {
			return err
		}
		before := d
		var awardees []*tdkt.Candidate
		var problems []string
		for i := range d.Candidates {
			c := &d.Candidates[i]
			if c.Excluded || !c.Passed {
				continue
			}
			if err := s.judge(ctx, tx, eng, &d, c, asOf); err != nil {
				return err
			}
			if msg := candidateProblem(&d, c); msg != "" {
				problems = append(problems, msg)
			}
			awardees = append(awardees, c)
		}
		if len(problems) > 0 {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Có người chưa đủ điều kiện vào ngày quyết định.", Fields: map[string]string{"candidates": strings.Join(problems, " ")}}
		}
		if len(awardees) == 0 {
			return tdkt.Errorf(tdkt.EInvalid, "Hồ sơ không còn ai được khen thưởng.")
		}
		period := strconv.Itoa(d.Year)
		if d.PeriodFrom != d.Year {
			period = strconv.Itoa(d.PeriodFrom) + "-" + period
		}
		dec = sqldb.DecisionRow{OrgID: holder.ID, DossierID: d.ID, Number: in.Number, DecidedOn: in.Date, Signer: in.Signer,
			SignerTitle: in.SignerTitle, Issuer: holder.Name, AwardCode: d.Award, CreatedAt: s.stamp()}
		for _, c := range awardees {
			m, err := eng.Money([]rules.MoneyItem{{Award: d.Award, SubjectKind: c.Subject.Kind, Period: period}}, asOf)
			if err != nil {
				return err
			}
			c.AmountVND = m.TotalVND
			dec.TotalVND += m.TotalVND
			dec.RuleSet = m.RuleSet
		}
		if err := tx.InsertDecision(ctx, &dec); err != nil {
			return err
		}
		for k, c := range awardees {
			h, err := s.awardHonour(ctx, tx, actor, &d, c, dec)
			if err != nil {
				return err
			}
			cert := sqldb.CertificateRow{HonourID: h.ID, DecisionID: dec.ID, Serial: strconv.Itoa(k + 1), Token: newToken()}
			if err := tx.InsertCertificate(ctx, &cert); err != nil {
				return err
			}
		}
		from := d.Status
		d.Status = tdkt.DossierDecided
		d.DueOn, d.DueRule = passOnDeadline(eng, asOf)
		if err := tx.MoveDossier(ctx, &d, from, s.stamp()); err != nil {
			return err
		}
		if err := s.recordStep(ctx, tx, actor, &d, tdkt.ActDecide, from, "Quyết định số "+in.Number+" ngày "+vn.FormatDate(in.Date), before); err != nil {
			return err
		}
		return s.tellDecision(ctx, tx, &d, holder, dec, awardees)
	})
	return dec, err
}

// awardHonour writes a decision's award on a candidate's lifelong record, bound to
// the decision (it then changes only through it), and the candidate's outcome, audited.
func (s *Service) awardHonour(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, d *tdkt.Dossier, c *tdkt.Candidate, dec sqldb.DecisionRow) (tdkt.Honour, error) {
	h := tdkt.Honour{Subject: c.Subject, AwardCode: d.Award, Year: d.Year, PeriodFrom: d.PeriodFrom, Kind: d.Kind, AmountVND: c.AmountVND,
		Decision: tdkt.Decision{Number: dec.Number, Date: dec.DecidedOn, Signer: dec.Signer, Issuer: dec.Issuer}}
	if err := tx.InsertHonour(ctx, &h, c.OrgID); err != nil {
		return h, err
	}
	if err := tx.SetHonourDecision(ctx, h.ID, dec.ID); err != nil {
		return h, err
	}
	h.DecisionID, c.HonourID = dec.ID, h.ID
	if err := tx.SetCandidateOutcome(ctx, c); err != nil {
		return h, err
	}
	return h, s.audit(ctx, tx, actor, "create", "honour", h.ID, c.Subject, c.OrgID, nil, h)
}

// passOnDeadline is the deadline for sending a decision dated asOf on to the units
// and people it names, with its basis ("" when the rule set has none).
func passOnDeadline(eng *rules.Engine, asOf rules.Date) (on, rule string) {
	if rs, ok := eng.RuleSetOn(asOf); ok {
		if dl, ok := rs.Deadline("gui_quyet_dinh"); ok {
			return eng.Calendar().AddWorkingDays(asOf, dl.Days).String(),
				"Hạn gửi quyết định đến các đơn vị, cá nhân (" + strconv.Itoa(dl.Days) + " ngày làm việc; " + dl.Basis + ")"
		}
	}
	return "", ""
}

// tellDecision sends a decision on a dossier received from another installation back
// to it, with each awardee by the sender's own reference.
func (s *Service) tellDecision(ctx context.Context, tx *sqldb.Tx, d *tdkt.Dossier, holder tdkt.Org, dec sqldb.DecisionRow, awardees []*tdkt.Candidate) error {
	link, ok, err := tx.LinkOf(ctx, d.ID)
	if err != nil || !ok || link.Direction != "received" {
		return err
	}
	x := &exchange.Decision{Number: dec.Number, Date: dec.DecidedOn, Signer: dec.Signer, SignerTitle: dec.SignerTitle, Issuer: dec.Issuer,
		Award: dec.AwardCode, Authority: "thu_tuong", Awardees: []exchange.Awardee{}}
	if holder.Level == tdkt.LevelState {
		x.Authority = "chu_tich_nuoc"
	}
	for _, c := range awardees {
		ref, err := tx.ExchangeRefOf(ctx, link.PeerID, c.Subject)
		if err != nil {
			return err
		}
		x.Awardees = append(x.Awardees, exchange.Awardee{CandidateRef: ref, Name: c.Name, AmountVND: c.AmountVND})
	}
	return s.tellSender(ctx, tx, d, tdkt.ActDecide, "", x)
}

// newToken is the random part of a certificate's verification link.
func newToken() string {
	b := make([]byte, 15)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}

// Verify finds a certificate by the token of its QR code, for the public verification
// page: whose it is, for what, by which decision, and whether it still stands.
func (s *Service) Verify(ctx context.Context, token string) (c sqldb.CertificateRow, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		c, err = tx.CertificateByToken(ctx, strings.ToLower(strings.TrimSpace(token)))
		return err
	})
	return c, err
}

// Certificates lists the certificates of a dossier's decision.
func (s *Service) Certificates(ctx context.Context, actor *tdkt.Account, dossierID int64) (dec sqldb.DecisionRow, out []sqldb.CertificateRow, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, _, _, err := loadDossier(ctx, tx, actor, dossierID); err != nil {
			return err
		}
		if dec, err = tx.DecisionOfDossier(ctx, dossierID); err != nil {
			return err
		}
		out, err = tx.CertificatesOfDecision(ctx, dec.ID)
		return err
	})
	return dec, out, err
}

// Revoke cancels a certificate and the title or form it stands for (Law Art 93), with
// its reason: a leader or administrator of the issuing organisation. The honour leaves
// the chains and the statistics; the audit keeps everything; the verification page
// says it was revoked.
func (s *Service) Revoke(ctx context.Context, actor *tdkt.Account, certificateID int64, reason string) (c sqldb.CertificateRow, err error) {
	reason = vn.NFCText(reason)
	if len([]rune(reason)) < 5 {
		return c, &tdkt.Error{Code: tdkt.EInvalid, Message: "Cần ghi lý do.", Fields: map[string]string{"reason": "Hãy ghi lý do hủy bỏ, thu hồi (Luật Thi đua, khen thưởng 2022, Điều 93)."}}
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		c, err = tx.CertificateByID(ctx, certificateID)
		if err != nil {
			return err
		}
		if err := visible(actor, c.IssuerPath, "bằng, giấy khen"); err != nil {
			return err
		}
		if !issues(actor, c.IssuerOrgID) {
			return tdkt.Forbidden()
		}
		before := c
		if err := tx.RevokeCertificate(ctx, &c, reason, s.stamp()); err != nil {
			return err
		}
		if err := s.notifyRevoked(ctx, tx, &c); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "revoke", "honour", c.HonourID, tdkt.Subject{Kind: c.SubjectKind, ID: c.SubjectID}, c.IssuerOrgID, before, c)
	})
	return c, err
}

// issues reports whether the actor speaks for the organisation that issued a
// decision: its leader or administrator. Revoking and correcting follow the power to
// decide (Law Art 93(8)); the level above does not revoke a lower level's decision.
func issues(actor *tdkt.Account, issuerOrgID int64) bool {
	return actor != nil && (actor.OrgID == issuerOrgID && (actor.Role == tdkt.RoleLeader || actor.Role == tdkt.RoleAdmin) ||
		actor.Role == tdkt.RoleLeader && actsFor(actor, issuerOrgID)) // the central board for the Prime Minister and the President
}

// DecisionCorrection is a correction (đính chính) of an issued decision's clerical
// details. The award, the awardees and the money are not corrected: a wrong award is
// revoked and decided anew.
type DecisionCorrection struct {
	Number, Date, Signer, SignerTitle string
	// Reason names the correcting document and what was wrong.
	Reason string
}

// CorrectDecision corrects the number, date or signer of a decision issued in tdkt,
// by a leader or administrator of the issuing organisation: the decision and every
// honour it conferred change together, each audited, and the decision keeps the
// date and reason of its latest correction (the certificates' verification page
// shows it).
func (s *Service) CorrectDecision(ctx context.Context, actor *tdkt.Account, decisionID int64, in DecisionCorrection) (dec sqldb.DecisionRow, err error) {
	in.Number, in.Signer, in.SignerTitle, in.Reason = vn.NFC(in.Number), vn.NFC(in.Signer), vn.NFC(in.SignerTitle), vn.NFCText(in.Reason)
	p := tdkt.Problems{}
	if in.Number == "" || len([]rune(in.Number)) > 60 {
		p.Add("number", "Hãy ghi số quyết định (ví dụ 125/QĐ-UBND).")
	}
	if date, derr := time.Parse(time.DateOnly, in.Date); derr != nil {
		p.Add("date", "Ngày quyết định không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")
	} else if date.After(s.Now().AddDate(0, 0, 1)) {
		p.Add("date", "Ngày quyết định không thể ở tương lai.")
	}
	if in.Signer == "" || len([]rune(in.Signer)) > 120 {
		p.Add("signer", "Hãy ghi họ tên người ký.")
	}
	if n := len([]rune(in.Reason)); n < 5 || n > 1000 {
		p.Add("reason", "Hãy ghi văn bản đính chính và nội dung sai sót (5–1.000 ký tự).")
	}
	if err := p.Err(); err != nil {
		return dec, err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if dec, err = tx.DecisionByID(ctx, decisionID); err != nil {
			return err
		}
		if !actsFor(actor, dec.OrgID) {
			if err := visible(actor, dec.OrgPath, "quyết định"); err != nil {
				return err
			}
		}
		if !issues(actor, dec.OrgID) {
			return tdkt.Forbidden()
		}
		if dec.PeerID != 0 {
			return tdkt.Errorf(tdkt.EInvalid, "Quyết định này do %s ban hành và được chuyển về qua liên thông; việc đính chính làm tại hệ thống của cơ quan ban hành.", dec.Issuer)
		}
		before := dec
		dec.Number, dec.DecidedOn, dec.Signer, dec.SignerTitle = in.Number, in.Date, in.Signer, in.SignerTitle
		dec.CorrectedAt, dec.CorrectionReason = s.stamp(), in.Reason
		if err := tx.CorrectDecision(ctx, &dec); err != nil {
			return err
		}
		honours, err := tx.HonoursOfDecision(ctx, dec.ID)
		if err != nil {
			return err
		}
		for _, h := range honours {
			old := h.Honour
			h.Decision.Number, h.Decision.Date, h.Decision.Signer = dec.Number, dec.DecidedOn, dec.Signer
			if err := tx.CorrectHonourDecision(ctx, &h); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, actor, "update", "honour", h.ID, h.Subject, h.OrgID, old, h.Honour); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "correct", "decision", dec.ID, tdkt.Subject{}, dec.OrgID, before, dec)
	})
	return dec, err
}
