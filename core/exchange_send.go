package core

import (
	"context"
	"errors"
	"path"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/exchange"
	"tdkt/sqldb"
	"tdkt/vn"
)

// Sending: a dossier forwarded above this installation's top level becomes a signed
// package in the outbox, in the transaction of the step; status messages about a
// dossier received from another installation go back the same way. DeliverOutbox
// takes them over HTTPS with retries (docs/exchange.md).

// sendDossier queues the package of a dossier forwarded (or resent) to peer by the
// holding organisation h, and marks d as sent by h and held by peer (the step's move
// stores both). A secret dossier is never packaged: the note must say how its paper
// went, and that is recorded instead.
func (s *Service) sendDossier(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, d *tdkt.Dossier, h tdkt.Org, peer sqldb.Peer, note string) error {
	d.SenderOrgID, d.PeerID = h.ID, peer.ID
	link, ok, err := tx.LinkOf(ctx, d.ID)
	if err != nil {
		return err
	}
	rev := 1
	if ok {
		rev = link.Revision + 1
	}
	link = sqldb.Link{DossierID: d.ID, PeerID: peer.ID, Direction: "sent", Ref: strconv.FormatInt(d.ID, 10), Revision: rev,
		State: "sent", StateAt: s.stamp()}
	if d.Secret {
		if strings.TrimSpace(note) == "" {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Hồ sơ mật không được gửi qua mạng.",
				Fields: map[string]string{"note": "Hãy gửi bản giấy theo đường công văn mật và ghi vào đây đường gửi (số công văn, ngày gửi)."}}
		}
		d.PaperPath = vn.NFC(note)
		if err := tx.UpdateDossierText(ctx, d); err != nil {
			return err
		}
		link.State = "paper"
		return tx.SaveLink(ctx, &link)
	}
	if err := s.exchangeOn(); err != nil {
		return err
	}
	m, files, err := s.dossierPackage(ctx, tx, actor, d, h, peer, rev)
	if err != nil {
		return err
	}
	pkg, err := exchange.Pack(m, files, s.Exchange.Key)
	if err != nil {
		return err
	}
	o := sqldb.OutboxRow{PeerID: peer.ID, MessageID: m.ID, Kind: m.Kind, DossierID: d.ID, NextAt: s.stamp(), CreatedAt: s.stamp(),
		Summary: "Hồ sơ " + d.Title + " (lần gửi " + strconv.Itoa(rev) + ")"}
	if err := tx.InsertOutbox(ctx, &o, pkg); err != nil {
		return err
	}
	return tx.SaveLink(ctx, &link)
}

// dossierPackage builds the manifest and files of a dossier: the dossier, its
// candidates with the extract of their records that the receiver judges them on, the
// proposal letter and the achievement reports as PDF and Word, and the attachments.
func (s *Service) dossierPackage(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, d *tdkt.Dossier, h tdkt.Org, peer sqldb.Peer, rev int) (exchange.Manifest, map[string][]byte, error) {
	fp := s.Fingerprint()
	m := exchange.Manifest{Version: exchange.Version, Kind: exchange.KindDossier,
		ID:        fp + ":dossier:" + strconv.FormatInt(d.ID, 10) + ":" + strconv.Itoa(rev),
		Sender:    exchange.Party{Installation: fp, OrgCode: h.Code, OrgName: h.Name},
		Receiver:  exchange.Party{Installation: peer.Fingerprint, OrgCode: peer.OrgCodes[0], OrgName: peer.Name},
		CreatedAt: s.Now().UTC().Format(time.RFC3339)}
	prop, err := tx.OrgByID(ctx, d.OrgID)
	if err != nil {
		return m, nil, err
	}
	x := &exchange.Dossier{Ref: strconv.FormatInt(d.ID, 10), Award: d.Award, AwardName: tdkt.Label(d.Award), Kind: string(d.Kind), Year: d.Year,
		PeriodFrom: d.PeriodFrom, Simplified: d.Simplified, Title: d.Title, Reason: d.Reason, Number: d.Number,
		ProposedBy: exchange.Party{OrgCode: prop.Code, OrgName: prop.Name}, Revision: rev}
	if d.Candidates, err = tx.Candidates(ctx, d.ID); err != nil {
		return m, nil, err
	}
	for _, c := range d.Candidates {
		if c.Excluded {
			continue
		}
		ec, err := candidateExtract(ctx, tx, d, c)
		if err != nil {
			return m, nil, err
		}
		x.Candidates = append(x.Candidates, ec)
	}
	events, err := tx.DossierEvents(ctx, d.ID)
	if err != nil {
		return m, nil, err
	}
	for _, e := range events {
		label := e.Label
		if label == "" {
			label = actionLabel(e.Action)
		}
		x.History = append(x.History, exchange.Event{At: e.At, Actor: e.Actor, Action: label, Note: e.Note})
	}
	m.Dossier = x
	files := map[string][]byte{}
	dd, err := s.loadDocs(ctx, tx, actor, d.ID)
	if err != nil {
		return m, nil, err
	}
	dd.d.Status = d.Status
	kinds := []string{"to-trinh"}
	for _, c := range dd.d.Candidates {
		if !c.Excluded {
			kinds = append(kinds, "bao-cao-"+strconv.FormatInt(c.ID, 10))
		}
	}
	for _, k := range kinds {
		for _, f := range []string{"pdf", "docx"} {
			_, b, err := s.render(ctx, tx, &dd, k, f)
			if err != nil {
				return m, nil, err
			}
			name := "files/" + k + "." + f
			title := "Tờ trình đề nghị khen thưởng"
			if k != "to-trinh" {
				title = "Báo cáo thành tích"
			}
			files[name] = b
			m.Files = append(m.Files, exchange.File{Name: name, Role: "document", Title: title + " (" + strings.ToUpper(f) + ")", MediaType: mimeOf(f)})
		}
	}
	att, err := tx.Files(ctx, d.ID)
	if err != nil {
		return m, nil, err
	}
	for _, f := range att {
		_, content, err := tx.FileContent(ctx, d.ID, f.ID)
		if err != nil {
			return m, nil, err
		}
		name := "files/dinh-kem-" + strconv.FormatInt(f.ID, 10) + strings.ToLower(path.Ext(asciiName(f.Name)))
		files[name] = content
		m.Files = append(m.Files, exchange.File{Name: name, Role: "attachment", Title: f.Name, MediaType: f.Mime})
	}
	return m, files, nil
}

// asciiName keeps the extension of a file's name when it is plain ASCII.
func asciiName(n string) string {
	for _, r := range n {
		if r > 127 {
			return "x" + path.Ext(vn.Fold(n))
		}
	}
	return n
}

// candidateExtract is a candidate with the records of the counted years: ratings from
// ten years before the dossier's period, every title and form received (prior awards
// count), initiatives and discipline.
func candidateExtract(ctx context.Context, tx *sqldb.Tx, d *tdkt.Dossier, c tdkt.Candidate) (exchange.Candidate, error) {
	ec := exchange.Candidate{Ref: string(c.Subject.Kind) + ":" + strconv.FormatInt(c.Subject.ID, 10), Kind: string(c.Subject.Kind), Name: c.Name,
		Position: c.Position, Unit: c.Unit, Justification: c.Justification, Records: []exchange.Record{}}
	from := d.PeriodFrom - 10
	if c.Subject.Kind == tdkt.Individual {
		p, _, err := tx.PersonByID(ctx, c.Subject.ID)
		if err != nil {
			return ec, err
		}
		ec.Sex, ec.BirthDate, ec.Ethnicity = string(p.Sex), p.BirthDate, p.Ethnicity
		ds, err := tx.DisciplineOf(ctx, p.ID)
		if err != nil {
			return ec, err
		}
		for _, x := range ds {
			y, _ := strconv.Atoi(x.DecidedOn[:4])
			ec.Records = append(ec.Records, exchange.Record{Kind: "discipline", Year: y, Code: string(x.Form), Label: tdkt.Label(string(x.Form)),
				DecisionNumber: x.DecisionNo, DecisionDate: x.DecidedOn, Title: x.EndsOn})
		}
	}
	rs, err := tx.Ratings(ctx, c.Subject)
	if err != nil {
		return ec, err
	}
	for _, r := range rs {
		if r.Year >= from && r.Year <= d.Year {
			ec.Records = append(ec.Records, exchange.Record{Kind: "rating", Year: r.Year, Code: string(r.Rating), Label: tdkt.Label(string(r.Rating))})
		}
	}
	hs, err := tx.Honours(ctx, c.Subject)
	if err != nil {
		return ec, err
	}
	for _, h := range hs {
		if h.Revoked {
			continue
		}
		kind := "award"
		if a, _ := tdkt.AwardByCode(h.AwardCode); a.Category == tdkt.Title {
			kind = "title"
		}
		ec.Records = append(ec.Records, exchange.Record{Kind: kind, Year: h.Year, Code: h.AwardCode, Label: tdkt.Label(h.AwardCode),
			DecisionNumber: h.Decision.Number, DecisionDate: h.Decision.Date, Issuer: h.Decision.Issuer, Scope: strconv.Itoa(h.PeriodFrom)})
	}
	is, err := tx.Initiatives(ctx, c.Subject)
	if err != nil {
		return ec, err
	}
	for _, in := range is {
		ec.Records = append(ec.Records, exchange.Record{Kind: "initiative", Year: in.Year, Label: "Sáng kiến", Title: in.Title, Scope: string(in.Scope),
			DecisionNumber: in.DecisionNo, DecisionDate: in.DecisionOn, Issuer: in.RecognisedBy})
	}
	return ec, nil
}

// statusOf maps a step taken here on a received dossier to the state told to its
// sender; ok is false for steps the sender is not told of.
func statusOf(a tdkt.DossierAction) (string, bool) {
	switch a {
	case tdkt.ActReceive:
		return exchange.StateReceived, true
	case tdkt.ActReturn:
		return exchange.StateReturned, true
	case tdkt.ActPublish:
		return exchange.StatePublicComment, true
	case tdkt.ActToCouncil:
		return exchange.StateCouncil, true
	case tdkt.ActApprove, tdkt.ActForward:
		return exchange.StateSubmitted, true
	case tdkt.ActDecide:
		return exchange.StateDecided, true
	case tdkt.ActRefuse:
		return exchange.StateRefused, true
	}
	return "", false
}

// tellSender queues a status message about a dossier received from another
// installation, in the transaction of the step that changed it.
func (s *Service) tellSender(ctx context.Context, tx *sqldb.Tx, d *tdkt.Dossier, a tdkt.DossierAction, note string, dec *exchange.Decision) error {
	link, ok, err := tx.LinkOf(ctx, d.ID)
	if err != nil || !ok || link.Direction != "received" {
		return err
	}
	state, ok := statusOf(a)
	if !ok {
		return nil
	}
	if err := s.exchangeOn(); err != nil {
		return err
	}
	h, err := tx.OrgByID(ctx, d.HolderOrgID)
	if err != nil {
		return err
	}
	if a == tdkt.ActReturn {
		h, err = tx.OrgByID(ctx, d.SenderOrgID) // the level that returned it
		if err != nil {
			return err
		}
	}
	now := s.Now().UTC().Format(time.RFC3339)
	if note == "" && (a == tdkt.ActApprove || a == tdkt.ActForward) {
		label := tdkt.Transition{Action: a}.LabelAt(tdkt.LevelCentral) // "Trình …", told mid-sentence
		note = strings.ToLower(label[:1]) + label[1:]
	}
	st := &exchange.Status{DossierRef: link.Ref, State: state, Note: note, At: now, Decision: dec}
	if err := s.queueStatus(ctx, tx, d, link, h, st, nil, nil); err != nil {
		return err
	}
	link.State, link.StateNote, link.StateAt = state, note, now
	return tx.SaveLink(ctx, &link)
}

// queueStatus packs a status message about a dossier received from another
// installation, sent by the holding level h with the given files, into the outbox.
func (s *Service) queueStatus(ctx context.Context, tx *sqldb.Tx, d *tdkt.Dossier, link sqldb.Link, h tdkt.Org, st *exchange.Status,
	files []exchange.File, contents map[string][]byte) error {
	peer, err := tx.PeerByID(ctx, link.PeerID)
	if err != nil {
		return err
	}
	sender, err := tx.OrgByID(ctx, d.OrgID)
	if err != nil {
		return err
	}
	sent, err := tx.OutboxOf(ctx, d.ID, 10000)
	if err != nil {
		return err
	}
	if files == nil {
		files = []exchange.File{}
	}
	fp := s.Fingerprint()
	m := exchange.Manifest{Version: exchange.Version, Kind: exchange.KindStatus,
		ID:        fp + ":status:" + strconv.FormatInt(d.ID, 10) + ":" + strconv.Itoa(len(sent)+1),
		Sender:    exchange.Party{Installation: fp, OrgCode: h.Code, OrgName: h.Name},
		Receiver:  exchange.Party{Installation: peer.Fingerprint, OrgCode: sender.Code, OrgName: sender.Name},
		CreatedAt: st.At, Files: files, Status: st}
	pkg, err := exchange.Pack(m, contents, s.Exchange.Key)
	if err != nil {
		return err
	}
	o := sqldb.OutboxRow{PeerID: peer.ID, MessageID: m.ID, Kind: m.Kind, DossierID: d.ID, NextAt: s.stamp(), CreatedAt: s.stamp(),
		Summary: "Trạng thái: " + StateLabel(st.State)}
	return tx.InsertOutbox(ctx, &o, pkg)
}

// StateLabel names a status message's state in Vietnamese.
func StateLabel(state string) string {
	switch state {
	case "sent":
		return "đã gửi"
	case "paper":
		return "đã gửi bản giấy (hồ sơ mật)"
	case exchange.StateReceived:
		return "cấp trên đã tiếp nhận"
	case exchange.StateSigned:
		return "có bản quyết định đã ký số"
	case exchange.StateReturned:
		return "cấp trên trả lại để bổ sung"
	case exchange.StatePublicComment:
		return "đang lấy ý kiến nhân dân"
	case exchange.StateCouncil:
		return "trình Hội đồng Thi đua – Khen thưởng Trung ương"
	case exchange.StateSubmitted:
		return "đã trình cấp có thẩm quyền quyết định"
	case exchange.StateDecided:
		return "đã có quyết định khen thưởng"
	case exchange.StateRefused:
		return "không khen thưởng"
	}
	return state
}

// DeliverOutbox takes the due messages to their peers once: a message delivered or
// refused by its receiver is done; any other failure is tried again after
// exchange.Backoff. Two processes may deliver the same message: the receiver applies
// it once, and only one of them records the attempt. It returns how many were
// delivered.
func (s *Service) DeliverOutbox(ctx context.Context) (delivered int, err error) {
	var due []sqldb.OutboxRow
	if err := s.DB.View(ctx, func(tx *sqldb.Tx) error {
		due, err = tx.OutboxDue(ctx, s.stamp(), 50)
		return err
	}); err != nil {
		return 0, err
	}
	for _, o := range due {
		var pkg []byte
		if err := s.DB.View(ctx, func(tx *sqldb.Tx) error {
			pkg, err = tx.OutboxPackage(ctx, o.ID)
			return err
		}); err != nil {
			return delivered, err
		}
		rc, derr := exchange.Deliver(ctx, s.Exchange.Client, o.PeerURL+"/api/v1/exchange/inbox", pkg)
		if ctx.Err() != nil {
			return delivered, ctx.Err()
		}
		o.Attempts++
		switch {
		case derr == nil:
			o.Status, o.Result, o.DeliveredAt, o.LastError = "delivered", rc.Result, s.stamp(), ""
			delivered++
		case exchange.IsTemporary(derr):
			o.NextAt = s.Now().Add(exchange.Backoff(o.Attempts)).UTC().Format(time.RFC3339)
			o.LastError = "Chưa kết nối được với hệ thống nhận, hoặc hệ thống đó tạm thời chưa nhận; sẽ tự gửi lại. Chi tiết kỹ thuật: " + derr.Error()
		default:
			o.Status, o.LastError = "refused", derr.Error() // the receiver's own Vietnamese reason
			var ref *exchange.Refusal
			if errors.As(derr, &ref) {
				o.LastError = ref.Message + " (" + ref.Code + ")"
			}
		}
		if err := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
			if err := tx.SetOutboxResult(ctx, &o); err != nil {
				if tdkt.CodeOf(err) == tdkt.EConflict {
					return nil // another process recorded this attempt
				}
				return err
			}
			return nil
		}); err != nil {
			return delivered, err
		}
	}
	return delivered, nil
}

// RunOutbox delivers due messages every interval until ctx ends.
func (s *Service) RunOutbox(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		s.DeliverOutbox(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
