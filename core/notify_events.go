package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The events of the use cases: each says whom it concerns, in Vietnamese, with a link
// and the reason the person gets it. Each is called once, in the transaction of the
// use case that makes the event.

func dossierLink(id int64) string { return "/app/dossiers/" + strconv.FormatInt(id, 10) }

func quoted(s string) string { return "“" + s + "”" }

// unitReason is the footer of a notice to a unit's clerks or leaders.
func unitReason(people []sqldb.Recipient, role, why string) string {
	org := ""
	if len(people) > 0 {
		org = people[0].OrgName
	}
	return vn.NFC("Bạn nhận thông báo này vì là " + role + " của " + org + ", " + why + ".")
}

// audienceOf is the accounts that who picks of an organisation, with the reason.
func audienceOf(ctx context.Context, tx *sqldb.Tx, orgID int64, who func(context.Context, *sqldb.Tx, int64) ([]sqldb.Recipient, error),
	role, why string) (audience, error) {
	people, err := who(ctx, tx, orgID)
	return audience{people: people, reason: unitReason(people, role, why)}, err
}

// notifyStep tells who must act next, or who proposed, about a dossier's step. e is
// the history event the step appended (its id names the event); before is the
// dossier before the step.
func (s *Service) notifyStep(ctx context.Context, tx *sqldb.Tx, d *tdkt.Dossier, e *tdkt.DossierEvent, before any) error {
	if !s.Notify.on() {
		return nil
	}
	key := "dossier_event:" + strconv.FormatInt(e.ID, 10)
	t := quoted(d.Title)
	// toHolder tells the clerks of the level that holds it now; toProposer those of
	// the unit that proposed it (or, for a return, the level it went back to), and
	// its leaders when the outcome is theirs to know.
	toHolder := func(kind, title, body string) error {
		au, err := audienceOf(ctx, tx, d.HolderOrgID, clerks, "cán bộ thi đua", "nơi đang giữ hồ sơ")
		if err != nil {
			return err
		}
		_, err = s.notify(ctx, tx, event{kind: kind, key: key, title: vn.NFC(title), body: vn.NFCText(body), link: dossierLink(d.ID), to: []audience{au}})
		return err
	}
	toProposer := func(kind, title, body string, org int64, withLeaders bool) error {
		if b, ok := before.(tdkt.Dossier); ok && b.PeerID != 0 && d.PeerID == 0 {
			// The installation above sent back its result.
			kind, title = KindExchangeResult, "Cấp trên báo kết quả: "+title
		}
		ev := event{kind: kind, key: key, title: vn.NFC(title), body: vn.NFCText(body), link: dossierLink(d.ID)}
		au, err := audienceOf(ctx, tx, org, clerks, "cán bộ thi đua", "nơi lập hồ sơ")
		if err != nil {
			return err
		}
		ev.to = append(ev.to, au)
		if withLeaders {
			if au, err = audienceOf(ctx, tx, org, leaders, "lãnh đạo", "nơi lập hồ sơ"); err != nil {
				return err
			}
			ev.to = append(ev.to, au)
		}
		_, err = s.notify(ctx, tx, ev)
		return err
	}
	withReason := func(body string) string {
		if e.Note != "" {
			body += "\n\nLý do: " + e.Note
		}
		return body
	}
	switch e.Action {
	case tdkt.ActSubmit, tdkt.ActResubmit:
		if d.PeerID != 0 {
			return toProposer(KindDossierForwarded, "Hồ sơ đã được gửi lên cấp trên: "+d.Title,
				"Hồ sơ "+t+" đã được gửi qua liên thông lên hệ thống cấp trên.", d.OrgID, false)
		}
		return toHolder(KindDossierSubmitted, "Hồ sơ gửi đến: "+d.Title,
			d.OrgName+" đã gửi hồ sơ "+t+". Hãy tiếp nhận, hoặc trả lại nếu hồ sơ chưa đầy đủ.")
	case tdkt.ActForward:
		if d.PeerID == 0 {
			if err := toHolder(KindDossierSubmitted, "Hồ sơ trình lên: "+d.Title,
				"Hồ sơ "+t+" của "+d.OrgName+" được trình lên. Hãy tiếp nhận, hoặc trả lại nếu hồ sơ chưa đầy đủ."); err != nil {
				return err
			}
		}
		return toProposer(KindDossierForwarded, "Hồ sơ đã được trình lên cấp trên: "+d.Title,
			"Hồ sơ "+t+" đã được trình lên cấp trên xét khen thưởng.", d.OrgID, false)
	case tdkt.ActReceive:
		body := "Hồ sơ " + t + " đã được tiếp nhận."
		if d.DueOn != "" {
			body += " Nếu hồ sơ chưa đầy đủ, đơn vị sẽ được báo trước ngày " + vn.FormatDate(d.DueOn) + "."
		}
		return toProposer(KindDossierReceived, "Hồ sơ đã được tiếp nhận: "+d.Title, body, d.OrgID, false)
	case tdkt.ActReturn:
		return toProposer(KindDossierReturned, "Hồ sơ bị trả lại: "+d.Title, withReason("Hồ sơ "+t+" bị trả lại để bổ sung, hoàn thiện."), d.HolderOrgID, true)
	case tdkt.ActToCouncil:
		return toProposer(KindDossierCouncil, "Hồ sơ đã được trình Hội đồng: "+d.Title,
			"Hồ sơ "+t+" đã được trình Hội đồng Thi đua – Khen thưởng xét.", d.OrgID, false)
	case tdkt.ActDecide:
		return toProposer(KindDossierDecided, "Đã có quyết định khen thưởng: "+d.Title, "Hồ sơ "+t+" đã có quyết định khen thưởng: "+e.Note+".", d.OrgID, true)
	case tdkt.ActPassOn:
		return toProposer(KindDossierDecided, "Quyết định đã được chuyển về: "+d.Title,
			"Quyết định khen thưởng của hồ sơ "+t+" đã được chuyển về đơn vị.", d.OrgID, false)
	case tdkt.ActRefuse:
		return toProposer(KindDossierRefused, "Hồ sơ không được khen thưởng: "+d.Title, withReason("Hồ sơ "+t+" không được khen thưởng."), d.OrgID, true)
	case tdkt.ActPublish:
		return toHolder(KindPublicComment, "Bắt đầu lấy ý kiến nhân dân: "+d.Title,
			"Hồ sơ "+t+" được công khai lấy ý kiến nhân dân đến hết ngày "+vn.FormatDate(d.DueOn)+". Sau ngày đó hãy tổng hợp ý kiến và trình Hội đồng.")
	}
	return nil
}

// notifyMeeting asks each member of a council who has not voted to cast their
// ballot in a meeting just opened (once per meeting and member).
func (s *Service) notifyMeeting(ctx context.Context, tx *sqldb.Tx, m *sqldb.Meeting) error {
	if !s.Notify.on() {
		return nil
	}
	members, err := tx.CouncilMembers(ctx, m.CouncilID)
	if err != nil {
		return err
	}
	var people []sqldb.Recipient
	for _, x := range members {
		if x.AccountID == 0 {
			continue
		}
		r, err := self(ctx, tx, x.AccountID)
		if err != nil {
			return err
		}
		people = append(people, r...)
	}
	_, err = s.notify(ctx, tx, event{kind: KindBallot, key: "meeting:" + strconv.FormatInt(m.ID, 10) + ":ballot",
		title: vn.NFC("Phiếu chưa bỏ: " + m.CouncilName + ", phiên họp ngày " + vn.FormatDate(m.HeldOn)),
		body: vn.NFCText(m.CouncilName + " mở phiên họp ngày " + vn.FormatDate(m.HeldOn) + " với " + strconv.Itoa(len(m.DossierIDs)) +
			" hồ sơ. Bạn chưa bỏ phiếu; hãy xem hồ sơ và bỏ phiếu trước khi phiên họp kết thúc."),
		link: "/app/meetings/" + strconv.FormatInt(m.ID, 10),
		to:   []audience{{people: people, reason: vn.NFC("Bạn nhận thông báo này vì là thành viên " + m.CouncilName + ".")}}})
	return err
}

// notifyRegistration tells the registering unit's clerks that the level above
// returned their registration, with its note.
func (s *Service) notifyRegistration(ctx context.Context, tx *sqldb.Tx, x *tdkt.Registration) error {
	if !s.Notify.on() || x.Status != tdkt.RegistrationReturned {
		return nil
	}
	au, err := audienceOf(ctx, tx, x.OrgID, clerks, "cán bộ thi đua", "đơn vị đăng ký thi đua")
	if err != nil {
		return err
	}
	_, err = s.notify(ctx, tx, event{kind: KindRegistration, key: "registration:" + strconv.FormatInt(x.ID, 10) + ":v" + strconv.Itoa(x.Version),
		title: vn.NFC("Đăng ký thi đua năm " + strconv.Itoa(x.Year) + " bị trả lại"),
		body:  vn.NFCText("Bản đăng ký thi đua năm " + strconv.Itoa(x.Year) + " của " + x.OrgName + " bị trả lại.\n\nLý do: " + x.Note),
		link:  "/app/registrations?year=" + strconv.Itoa(x.Year), to: []audience{au}})
	return err
}

// notifyJob tells the account that started a background job how it ended.
func (s *Service) notifyJob(ctx context.Context, tx *sqldb.Tx, j *sqldb.Job, status, message string) error {
	if !s.Notify.on() || j.AccountID == 0 || (status != sqldb.JobDone && status != sqldb.JobFailed) {
		return nil
	}
	people, err := self(ctx, tx, j.AccountID)
	if err != nil {
		return err
	}
	label := JobLabels[j.Kind]
	if label == "" {
		label = j.Kind
	}
	title := "Đã xong: " + label
	if status == sqldb.JobFailed {
		title = "Bị lỗi: " + label
	}
	_, err = s.notify(ctx, tx, event{kind: KindJob, key: "job:" + strconv.FormatInt(j.ID, 10), title: vn.NFC(title), body: vn.NFCText(message),
		link: "/app/jobs/" + strconv.FormatInt(j.ID, 10),
		to:   []audience{{people: people, reason: "Bạn nhận thông báo này vì đã bắt đầu công việc này."}}})
	return err
}

// notifyRevoked tells the clerks of the awardee's unit that a title or form was revoked.
func (s *Service) notifyRevoked(ctx context.Context, tx *sqldb.Tx, c *sqldb.CertificateRow) error {
	if !s.Notify.on() {
		return nil
	}
	orgID, err := tx.HonourOrg(ctx, c.HonourID)
	if err != nil {
		return err
	}
	au, err := audienceOf(ctx, tx, orgID, clerks, "cán bộ thi đua", "đơn vị quản lý hồ sơ của người được khen thưởng")
	if err != nil {
		return err
	}
	link := "/app/people/" + strconv.FormatInt(c.SubjectID, 10)
	if c.SubjectKind == tdkt.Collective {
		link = "/app/collectives/" + strconv.FormatInt(c.SubjectID, 10)
	}
	_, err = s.notify(ctx, tx, event{kind: KindRevoked, key: "revoke:" + strconv.FormatInt(c.ID, 10),
		title: vn.NFC("Hủy bỏ, thu hồi khen thưởng: " + c.Name),
		body: vn.NFCText(tdkt.Label(c.AwardCode) + " năm " + strconv.Itoa(c.Year) + " của " + c.Name + " (Quyết định số " + c.DecisionNumber +
			" của " + c.Issuer + ") đã bị hủy bỏ, thu hồi.\n\nLý do: " + c.RevokeReason),
		link: link, to: []audience{au}})
	return err
}

// notifyPasswordChanged tells an account that its password was changed (by itself,
// or by an administrator when by is not empty).
func (s *Service) notifyPasswordChanged(ctx context.Context, tx *sqldb.Tx, accountID int64, by string) error {
	if !s.Notify.on() {
		return nil
	}
	people, err := self(ctx, tx, accountID)
	if err != nil {
		return err
	}
	body := "Mật khẩu tài khoản của bạn vừa được thay đổi lúc " + vnTime(s.Now()) + "."
	if by != "" {
		body = "Quản trị " + by + " vừa đặt lại mật khẩu tài khoản của bạn lúc " + vnTime(s.Now()) + "."
	}
	body += " Nếu không phải bạn, hãy báo ngay quản trị hệ thống."
	_, err = s.notify(ctx, tx, event{kind: KindPasswordChanged, key: "password:" + s.stamp(), title: "Mật khẩu đã được thay đổi",
		body: vn.NFCText(body), link: "/app/account", to: []audience{{people: people, reason: "Thông báo bảo mật gửi chủ tài khoản; không tắt được."}}})
	return err
}

// notifyLogin remembers the device of a login (browser, system and address) and
// tells the account when it is one never seen before; an account's first login is
// not news.
func (s *Service) notifyLogin(ctx context.Context, tx *sqldb.Tx, acct *tdkt.Account, ip, userAgent string) error {
	if !s.Notify.on() {
		return nil
	}
	browser := BrowserName(userAgent)
	h := sha256.Sum256([]byte(browser + "|" + ip))
	isNew, first, err := tx.SeeLoginDevice(ctx, acct.ID, hex.EncodeToString(h[:]), s.stamp())
	if err != nil || !isNew || first {
		return err
	}
	people, err := self(ctx, tx, acct.ID)
	if err != nil {
		return err
	}
	_, err = s.notify(ctx, tx, event{kind: KindNewDevice, key: "device:" + hex.EncodeToString(h[:8]) + ":" + s.stamp(),
		title: "Đăng nhập từ thiết bị mới",
		body: vn.NFCText("Tài khoản " + acct.Login + " vừa đăng nhập lúc " + vnTime(s.Now()) + " từ " + browser + ", địa chỉ " + ip +
			". Nếu không phải bạn, hãy đổi mật khẩu ngay và báo quản trị hệ thống."),
		link: "/app/account", to: []audience{{people: people, reason: "Thông báo bảo mật gửi chủ tài khoản; không tắt được."}}})
	return err
}

// vnTime is a moment as people in Vietnam read it: "14:05 ngày 26/11/2026".
func vnTime(t time.Time) string {
	l := t.In(vnZone)
	return l.Format("15:04") + " ngày " + l.Format("02/01/2006")
}
