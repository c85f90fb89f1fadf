package core

import (
	"context"
	"crypto/ed25519"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/exchange"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/vn"
)

// Receiving: a package from a registered installation is opened and checked (size,
// zip, signature, hashes, sender, receiver), then applied in one transaction and
// recorded by its message id, so that a second delivery is acknowledged and ignored.
// A package that does not check out is refused with a reason both sides can read, and
// only the refusal is written.

// ViaHTTPS and ViaFile say how a package arrived.
const (
	ViaHTTPS = "https"
	ViaFile  = "tệp"
)

// ReceivePackage opens and applies a package. actor is nil for the inbox endpoint
// (the signature authenticates the sender) and the account that uploads a file on the
// offline path. A refusal is an *exchange.Refusal.
func (s *Service) ReceivePackage(ctx context.Context, actor *tdkt.Account, pkg []byte, via string) (rc exchange.Receipt, err error) {
	if err := s.exchangeOn(); err != nil {
		return rc, err
	}
	if actor != nil && !actor.CanEditRecords() {
		return rc, tdkt.Forbidden()
	}
	var peers []sqldb.Peer
	if err := s.DB.View(ctx, func(tx *sqldb.Tx) error {
		peers, err = tx.Peers(ctx)
		return err
	}); err != nil {
		return rc, err
	}
	byFP := map[string]sqldb.Peer{}
	for _, p := range peers {
		byFP[p.Fingerprint] = p
	}
	p, err := exchange.Open(pkg, func(fp string) (ed25519.PublicKey, bool) {
		peer, ok := byFP[fp]
		if !ok {
			return nil, false
		}
		k, err := exchange.ParsePublicKey(peer.PublicKey)
		return k, err == nil
	})
	var m exchange.Manifest
	if p != nil {
		m = p.Manifest
	}
	if err == nil {
		err = m.CheckReceiver(s.Fingerprint())
	}
	peer := byFP[m.Sender.Installation]
	if err == nil && !peer.Hosts(m.Sender.OrgCode) {
		err = &exchange.Refusal{Code: exchange.CodeUnknownSender, Message: "Hệ thống gửi không được đăng ký quản lý đơn vị mã " + m.Sender.OrgCode + "."}
	}
	var eng *rules.Engine
	if err == nil {
		// The engine before the transaction: fetching it may read the database, and a
		// second connection asked for inside the transaction can starve the pool.
		eng, err = s.Engine(ctx)
	}
	if err == nil {
		err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
			seen, err := tx.InboxSeen(ctx, peer.ID, m.ID)
			if err != nil || seen {
				rc = exchange.Receipt{ID: m.ID, Result: exchange.ResultDuplicate}
				return err
			}
			in := sqldb.InboxRow{PeerID: peer.ID, MessageID: m.ID, Kind: m.Kind, Via: via, ReceivedAt: s.stamp()}
			sys := &tdkt.Account{Login: "lien-thong", Name: "Liên thông: " + peer.Name, Role: tdkt.RoleClerk, OrgPath: "/"}
			if actor != nil {
				sys = actor
			}
			switch m.Kind {
			case exchange.KindDossier:
				in.DossierID, in.Summary, err = s.applyDossier(ctx, tx, eng, sys, peer, p)
			case exchange.KindStatus:
				in.DossierID, in.Summary, err = s.applyStatus(ctx, tx, eng, sys, peer, m.Status, p.Files[exchange.SignedDecisionFile])
			}
			if err != nil {
				return err
			}
			if err := tx.InsertInbox(ctx, &in); err != nil {
				return err
			}
			rc = exchange.Receipt{ID: m.ID, Result: exchange.ResultApplied}
			return s.audit(ctx, tx, actor, "receive", "exchange", in.ID, tdkt.Subject{}, 0, nil, in)
		})
	}
	if err == nil {
		return rc, nil
	}
	var ref *exchange.Refusal
	var te *tdkt.Error
	switch {
	case errors.As(err, &ref):
	case errors.As(err, &te) && (te.Code == tdkt.EInvalid || te.Code == tdkt.EConflict || te.Code == tdkt.ENotFound):
		msg := te.Message
		for _, f := range te.Fields {
			msg += " " + f
		}
		ref = &exchange.Refusal{Code: "not_applicable", Message: msg}
	default:
		return rc, err
	}
	s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		return tx.InsertRefusal(ctx, &sqldb.Refusal{ReceivedAt: s.stamp(), Via: via, Sender: m.Sender.Installation, MessageID: m.ID,
			Code: ref.Code, Message: ref.Message, Size: int64(len(pkg))})
	})
	return rc, ref
}

// applyDossier writes a received dossier into the receiving organisation's inbox: a
// new one, or the revision of one this installation returned. Its candidates become
// (or are matched to) records of the sending organisation here, with the extract of
// their records, so that the rules judge them as the sender did.
func (s *Service) applyDossier(ctx context.Context, tx *sqldb.Tx, eng *rules.Engine, sys *tdkt.Account, peer sqldb.Peer, p *exchange.Package) (int64, string, error) {
	m, x := p.Manifest, p.Manifest.Dossier
	from, err := tx.OrgByCode(ctx, m.Sender.OrgCode)
	if err != nil {
		return 0, "", tdkt.Errorf(tdkt.EInvalid, "Không có đơn vị mã %s trong hệ thống nhận.", m.Sender.OrgCode)
	}
	to, err := tx.OrgByCode(ctx, m.Receiver.OrgCode)
	if err != nil {
		return 0, "", tdkt.Errorf(tdkt.EInvalid, "Không có đơn vị nhận mã %s.", m.Receiver.OrgCode)
	}
	if _, ok := tdkt.AwardByCode(x.Award); !ok {
		return 0, "", tdkt.Errorf(tdkt.EInvalid, "Danh hiệu, hình thức %q không có trong danh mục.", x.Award)
	}
	if !tdkt.In(tdkt.RewardKind(x.Kind), tdkt.RewardKinds) {
		return 0, "", tdkt.Errorf(tdkt.EInvalid, "Loại hình khen thưởng %q không hợp lệ.", x.Kind)
	}
	_, asOf := s.today()
	link, resent, err := tx.LinkByRef(ctx, peer.ID, "received", x.Ref)
	if err != nil {
		return 0, "", err
	}
	var d tdkt.Dossier
	action, from2 := tdkt.ActSubmit, tdkt.DossierStatus("")
	if resent {
		if d, _, _, err = tx.DossierByID(ctx, link.DossierID); err != nil {
			return 0, "", err
		}
		if d.Status != tdkt.DossierReturned || x.Revision <= link.Revision {
			return 0, "", tdkt.Errorf(tdkt.EConflict, "Hồ sơ %s đang được xử lý (%s); chỉ nhận bản gửi lại sau khi đã trả lại.", x.Ref, tdkt.StatusLabelAt(d.Status, d.HolderLevel))
		}
		action, from2 = tdkt.ActResubmit, d.Status
		d.Title, d.Reason, d.Number, d.Year, d.PeriodFrom, d.Kind = vn.NFC(x.Title), vn.NFCText(x.Reason), vn.NFC(x.Number), x.Year, x.PeriodFrom, tdkt.RewardKind(x.Kind)
		if err := tx.UpdateDossierText(ctx, &d); err != nil {
			return 0, "", err
		}
		old, err := tx.Candidates(ctx, d.ID)
		if err != nil {
			return 0, "", err
		}
		for _, c := range old {
			if err := tx.DeleteCandidate(ctx, d.ID, c.ID); err != nil {
				return 0, "", err
			}
		}
	} else {
		d = tdkt.Dossier{OrgID: from.ID, HolderOrgID: from.ID, SenderOrgID: from.ID, Award: x.Award, Kind: tdkt.RewardKind(x.Kind), Year: x.Year,
			PeriodFrom: x.PeriodFrom, Simplified: x.Simplified, Title: vn.NFC(x.Title), Reason: vn.NFCText(x.Reason), Number: vn.NFC(x.Number),
			ProposedOn: s.Now().Format(time.DateOnly), Status: tdkt.DossierDraft}
		if d.PeriodFrom == 0 {
			d.PeriodFrom = d.Year
		}
		if err := tx.InsertDossier(ctx, &d, s.stamp()); err != nil {
			return 0, "", err
		}
		from2 = tdkt.DossierDraft
	}
	for _, ec := range x.Candidates {
		sub, err := s.receivedSubject(ctx, tx, sys, peer, from, ec)
		if err != nil {
			return 0, "", err
		}
		c := tdkt.Candidate{DossierID: d.ID, Subject: sub, Name: vn.NFC(ec.Name), Position: vn.NFC(ec.Position), Unit: vn.NFC(ec.Unit),
			OrgID: from.ID, Justification: vn.NFCText(ec.Justification)}
		if err := s.judge(ctx, tx, eng, &d, &c, asOf); err != nil {
			return 0, "", err
		}
		if err := tx.InsertCandidate(ctx, &c); err != nil {
			return 0, "", err
		}
	}
	for _, f := range m.Files {
		content := p.Files[f.Name]
		df := sqldb.DossierFile{DossierID: d.ID, Kind: "lien_thong_" + f.Role, Name: vn.NFC(f.Title), Mime: f.MediaType, Size: f.Size, SHA256: f.SHA256,
			CreatedAt: s.stamp(), CreatedBy: sys.Login}
		if df.Name == "" {
			df.Name = strings.TrimPrefix(f.Name, "files/")
		}
		if err := tx.InsertFile(ctx, &df, content); err != nil {
			return 0, "", err
		}
	}
	d.Status, d.HolderOrgID, d.SenderOrgID, d.DueOn, d.DueRule = tdkt.DossierSubmitted, to.ID, from.ID, "", ""
	if err := tx.MoveDossier(ctx, &d, from2, s.stamp()); err != nil {
		return 0, "", err
	}
	note := "Nhận qua liên thông từ " + peer.Name + " (" + m.Sender.OrgName + "), lần gửi " + strconv.Itoa(x.Revision)
	sysAt := *sys
	sysAt.OrgID = to.ID
	if err := s.recordStep(ctx, tx, &sysAt, &d, action, from2, note, nil); err != nil {
		return 0, "", err
	}
	link = sqldb.Link{DossierID: d.ID, PeerID: peer.ID, Direction: "received", Ref: x.Ref, Revision: x.Revision, State: "sent", StateAt: s.stamp()}
	if err := tx.SaveLink(ctx, &link); err != nil {
		return 0, "", err
	}
	return d.ID, "Hồ sơ " + d.Title, nil
}

// receivedSubject finds or creates the local record of a candidate sent by peer, and
// adds the records of its extract that are not there yet.
func (s *Service) receivedSubject(ctx context.Context, tx *sqldb.Tx, sys *tdkt.Account, peer sqldb.Peer, org tdkt.Org, ec exchange.Candidate) (tdkt.Subject, error) {
	sub, ok, err := tx.ExchangeSubject(ctx, peer.ID, ec.Ref)
	if err != nil {
		return sub, err
	}
	if !ok {
		sub.Kind = tdkt.SubjectKind(ec.Kind)
		switch sub.Kind {
		case tdkt.Individual:
			p := tdkt.Person{OrgID: org.ID, FullName: vn.NFC(ec.Name), Sex: tdkt.Sex(ec.Sex), BirthDate: ec.BirthDate, Ethnicity: vn.NFC(ec.Ethnicity),
				Group: tdkt.GroupOfficials, Position: vn.NFC(ec.Position)}
			if !tdkt.In(p.Sex, tdkt.Sexes) {
				p.Sex = tdkt.Male
			}
			if err := tx.InsertPerson(ctx, &p, s.stamp()); err != nil {
				return sub, err
			}
			sub.ID = p.ID
			if err := s.audit(ctx, tx, sys, "create", "person", p.ID, sub, org.ID, nil, p); err != nil {
				return sub, err
			}
		case tdkt.Collective:
			c := tdkt.CollectiveUnit{OrgID: org.ID, Name: vn.NFC(ec.Name)}
			if err := tx.InsertCollective(ctx, &c, s.stamp()); err != nil {
				return sub, err
			}
			sub.ID = c.ID
			if err := s.audit(ctx, tx, sys, "create", "collective", c.ID, sub, org.ID, nil, c); err != nil {
				return sub, err
			}
		case tdkt.Household:
			h := tdkt.HouseholdRecord{OrgID: org.ID, HeadName: vn.NFC(strings.TrimPrefix(ec.Name, "Hộ ")), Address: vn.NFC(ec.Position)}
			if err := tx.InsertHousehold(ctx, &h, s.stamp()); err != nil {
				return sub, err
			}
			sub.ID = h.ID
			if err := s.audit(ctx, tx, sys, "create", "household", h.ID, sub, org.ID, nil, h); err != nil {
				return sub, err
			}
		default:
			return sub, tdkt.Errorf(tdkt.EInvalid, "Loại đối tượng %q không hợp lệ.", ec.Kind)
		}
		if err := tx.InsertExchangeSubject(ctx, peer.ID, ec.Ref, sub); err != nil {
			return sub, err
		}
	}
	ratings, err := tx.Ratings(ctx, sub)
	if err != nil {
		return sub, err
	}
	honours, err := tx.Honours(ctx, sub)
	if err != nil {
		return sub, err
	}
	inits, err := tx.Initiatives(ctx, sub)
	if err != nil {
		return sub, err
	}
	for _, r := range ec.Records {
		switch r.Kind {
		case "rating":
			if slices.ContainsFunc(ratings, func(x tdkt.YearRating) bool { return x.Year == r.Year }) || !tdkt.In(tdkt.Rating(r.Code), tdkt.Ratings) {
				continue
			}
			x := tdkt.YearRating{Subject: sub, Year: r.Year, Rating: tdkt.Rating(r.Code), Note: "Theo hồ sơ liên thông từ " + peer.Name}
			if err := tx.InsertRating(ctx, &x); err != nil {
				return sub, err
			}
			if err := s.audit(ctx, tx, sys, "create", "rating", x.ID, sub, org.ID, nil, x); err != nil {
				return sub, err
			}
		case "title", "award":
			a, ok := tdkt.AwardByCode(r.Code)
			if !ok || slices.ContainsFunc(honours, func(h tdkt.Honour) bool {
				return h.AwardCode == r.Code && h.Year == r.Year && h.Decision.Number == r.DecisionNumber
			}) {
				continue
			}
			pf, _ := strconv.Atoi(r.Scope)
			if pf == 0 || pf > r.Year {
				pf = r.Year
			}
			h := tdkt.Honour{Subject: sub, AwardCode: a.Code, Year: r.Year, PeriodFrom: pf, Kind: tdkt.KindMerit,
				Decision: tdkt.Decision{Number: vn.NFC(r.DecisionNumber), Date: r.DecisionDate, Issuer: vn.NFC(r.Issuer)}}
			if err := tx.InsertHonour(ctx, &h, org.ID); err != nil {
				return sub, err
			}
			if err := s.audit(ctx, tx, sys, "create", "honour", h.ID, sub, org.ID, nil, h); err != nil {
				return sub, err
			}
		case "initiative":
			if slices.ContainsFunc(inits, func(x tdkt.Initiative) bool { return x.Year == r.Year && x.Title == r.Title }) || !tdkt.In(tdkt.Scope(r.Scope), tdkt.Scopes) {
				continue
			}
			x := tdkt.Initiative{Subject: sub, Year: r.Year, Title: vn.NFC(r.Title), Scope: tdkt.Scope(r.Scope), DecisionNo: vn.NFC(r.DecisionNumber),
				DecisionOn: r.DecisionDate, RecognisedBy: vn.NFC(r.Issuer)}
			if err := tx.InsertInitiative(ctx, &x); err != nil {
				return sub, err
			}
			if err := s.audit(ctx, tx, sys, "create", "initiative", x.ID, sub, org.ID, nil, x); err != nil {
				return sub, err
			}
		case "discipline":
			if sub.Kind != tdkt.Individual || !tdkt.In(tdkt.DisciplineForm(r.Code), tdkt.DisciplineForms) {
				continue
			}
			ds, err := tx.DisciplineOf(ctx, sub.ID)
			if err != nil {
				return sub, err
			}
			if slices.ContainsFunc(ds, func(x tdkt.Discipline) bool { return x.DecidedOn == r.DecisionDate && string(x.Form) == r.Code }) {
				continue
			}
			x := tdkt.Discipline{PersonID: sub.ID, Form: tdkt.DisciplineForm(r.Code), DecidedOn: r.DecisionDate, EndsOn: r.Title, DecisionNo: vn.NFC(r.DecisionNumber)}
			if err := tx.InsertDiscipline(ctx, &x); err != nil {
				return sub, err
			}
			if err := s.audit(ctx, tx, sys, "create", "discipline", x.ID, sub, org.ID, nil, x); err != nil {
				return sub, err
			}
		}
	}
	return sub, nil
}

// applyStatus applies what the installation holding a dossier sent back about it:
// each state is noted on the dossier's history; a return gives the dossier back to
// the level that forwarded it, a refusal closes it with its reason, and a decision
// lands on every awardee's lifelong record with its decision, in this transaction.
func (s *Service) applyStatus(ctx context.Context, tx *sqldb.Tx, eng *rules.Engine, sys *tdkt.Account, peer sqldb.Peer, st *exchange.Status, signed []byte) (int64, string, error) {
	link, ok, err := tx.LinkByRef(ctx, peer.ID, "sent", st.DossierRef)
	if err != nil {
		return 0, "", err
	}
	if !ok {
		return 0, "", tdkt.Errorf(tdkt.EInvalid, "Không có hồ sơ số %s đã gửi đến %s.", st.DossierRef, peer.Name)
	}
	d, _, _, err := tx.DossierByID(ctx, link.DossierID)
	if err != nil {
		return 0, "", err
	}
	summary := "Hồ sơ " + d.Title + ": " + StateLabel(st.State)
	if st.State == exchange.StateSigned { // after the decision: the dossier is finished here
		sysAt := *sys
		sysAt.OrgID = d.HolderOrgID
		if err := s.applySigned(ctx, tx, &sysAt, peer, &d, signed); err != nil {
			return 0, "", err
		}
		e := tdkt.DossierEvent{DossierID: d.ID, At: s.stamp(), Actor: sysAt.Login, Action: "exchange_signed", From: d.Status, To: d.Status,
			Note: vn.NFC("Từ " + peer.Name + ": " + StateLabel(st.State)), Label: "Cấp trên gửi bản quyết định đã ký số"}
		return d.ID, summary, tx.InsertDossierEvent(ctx, &e, sysAt.OrgID)
	}
	if st.At < link.StateAt && link.State != "sent" {
		return d.ID, summary + " (tin cũ, đã bỏ qua)", nil // a late message never undoes a newer one
	}
	if d.Status == tdkt.DossierDecided || d.Status == tdkt.DossierRefused {
		return d.ID, summary + " (hồ sơ đã kết thúc, đã bỏ qua)", nil
	}
	before, from := d, d.Status
	sysAt := *sys
	sysAt.OrgID = d.HolderOrgID
	action := tdkt.DossierAction("exchange_" + st.State)
	switch st.State {
	case exchange.StateReturned:
		action = tdkt.ActReturn
		d.Status, d.SenderOrgID, d.PeerID, d.DueOn, d.DueRule = tdkt.DossierReturned, d.HolderOrgID, 0, "", ""
	case exchange.StateRefused:
		action = tdkt.ActRefuse
		d.Status, d.PeerID, d.DueOn, d.DueRule = tdkt.DossierRefused, 0, "", ""
	case exchange.StateDecided:
		if st.Decision == nil {
			return 0, "", tdkt.Errorf(tdkt.EInvalid, "Tin “đã có quyết định” thiếu quyết định.")
		}
		action = tdkt.ActDecide
		if err := s.applyDecision(ctx, tx, eng, &sysAt, peer, &d, st.Decision); err != nil {
			return 0, "", err
		}
	}
	note := StateLabel(st.State)
	if st.Note != "" {
		note += ": " + st.Note
	}
	note = vn.NFC("Từ " + peer.Name + ": " + note)
	if d.Status != from {
		if err := tx.MoveDossier(ctx, &d, from, s.stamp()); err != nil {
			return 0, "", err
		}
		if err := s.recordStep(ctx, tx, &sysAt, &d, action, from, note, before); err != nil {
			return 0, "", err
		}
	} else {
		e := tdkt.DossierEvent{DossierID: d.ID, At: s.stamp(), Actor: sysAt.Login, Action: action, From: from, To: from, Note: note,
			Label: "Cấp trên báo: " + StateLabel(st.State)}
		if err := tx.InsertDossierEvent(ctx, &e, sysAt.OrgID); err != nil {
			return 0, "", err
		}
	}
	link.State, link.StateNote, link.StateAt = st.State, vn.NFC(st.Note), st.At
	return d.ID, summary, tx.SaveLink(ctx, &link)
}

// applyDecision writes a decision taken by another installation: the decision, kept
// as that installation's (corrected and revoked there), and each awardee's title or
// form on their record here; the dossier is decided, and the deadline for passing the
// decision on starts (Quyết định 311/QĐ-BNV: 10 working days).
func (s *Service) applyDecision(ctx context.Context, tx *sqldb.Tx, eng *rules.Engine, sys *tdkt.Account, peer sqldb.Peer, d *tdkt.Dossier, x *exchange.Decision) error {
	if x.Award != d.Award {
		return tdkt.Errorf(tdkt.EInvalid, "Quyết định tặng %s, hồ sơ đề nghị %s.", tdkt.Label(x.Award), tdkt.Label(d.Award))
	}
	cands, err := tx.Candidates(ctx, d.ID)
	if err != nil {
		return err
	}
	byRef := map[string]*tdkt.Candidate{}
	for i := range cands {
		c := &cands[i]
		byRef[string(c.Subject.Kind)+":"+strconv.FormatInt(c.Subject.ID, 10)] = c
	}
	dec := sqldb.DecisionRow{OrgID: d.HolderOrgID, DossierID: d.ID, Number: vn.NFC(x.Number), DecidedOn: x.Date, Signer: vn.NFC(x.Signer),
		SignerTitle: vn.NFC(x.SignerTitle), Issuer: vn.NFC(x.Issuer), AwardCode: x.Award, CreatedAt: s.stamp()}
	for _, a := range x.Awardees {
		dec.TotalVND += a.AmountVND
	}
	if err := tx.InsertDecision(ctx, &dec); err != nil {
		return err
	}
	if err := tx.SetDecisionPeer(ctx, dec.ID, peer.ID); err != nil {
		return err
	}
	for _, a := range x.Awardees {
		c, ok := byRef[a.CandidateRef]
		if !ok {
			return tdkt.Errorf(tdkt.EInvalid, "Quyết định khen thưởng %s, người không có trong hồ sơ.", a.Name)
		}
		c.Passed, c.AmountVND = true, a.AmountVND
		if _, err := s.awardHonour(ctx, tx, sys, d, c, dec); err != nil {
			return err
		}
	}
	_, asOf := s.today()
	d.Status, d.PeerID = tdkt.DossierDecided, 0
	d.DueOn, d.DueRule = passOnDeadline(eng, asOf)
	return nil
}
