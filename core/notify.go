package core

import (
	"context"
	"log/slog"
	"time"

	"tdkt"
	"tdkt/notify"
	"tdkt/sqldb"
)

// Notifications (docs/notifications.md): a use case that makes an event calls
// s.notify in its own transaction, which writes one notification per person the
// event concerns (the in-app list) and one pending delivery per configured channel
// (the outbox). The worker (DeliverNotifications) sends the due deliveries later, so
// a channel that fails never undoes or delays the step that made the notification.

// NotifyConfig is how the installation tells people outside the application. Its
// zero value turns notifications off: nothing is written (the benchmarks compare it).
// A channel left nil is not used; BaseURL alone turns on the in-app list.
type NotifyConfig struct {
	Email   notify.Channel // nil: no e-mail
	Webhook notify.Channel // nil: no webhook
	BaseURL string         // absolute URL of the site, for links ("https://tdkt.lamgiang.gov.vn")
	// LeadDays is how many working days before a deadline the reminder goes (default 2).
	LeadDays int
	// PerPersonPerHour is how many messages of one kind one person gets on a channel
	// in an hour; more are grouped into one message (default 10).
	PerPersonPerHour int
	// PerPass bounds the messages one pass of the worker sends (default 200), so that
	// a burst drains over several passes.
	PerPass int
	// Log receives the worker's errors (a database error of a pass); nil: none.
	Log *slog.Logger
	// Off writes no notification at all: for measuring what they cost, never in an
	// installation.
	Off bool
	// Secret gives the mail server's password (SecretSMTPPassword) and the webhook's
	// secret (SecretWebhookSecret) for the channels set in the app; read from the
	// environment or a file by the command, never stored.
	Secret func(name string) string
}

// on: the in-app list works on every installation, with or without a channel; only a
// benchmark measuring the cost of notifications turns them off.
func (c NotifyConfig) on() bool { return !c.Off }

func (c NotifyConfig) leadDays() int {
	if c.LeadDays <= 0 {
		return 2
	}
	return c.LeadDays
}

func (c NotifyConfig) perHour() int {
	if c.PerPersonPerHour <= 0 {
		return 10
	}
	return c.PerPersonPerHour
}

func (c NotifyConfig) perPass() int {
	if c.PerPass <= 0 {
		return 200
	}
	return c.PerPass
}

// The kinds of notification.
const (
	KindDossierSubmitted = "dossier_submitted"
	KindDossierReceived  = "dossier_received"
	KindDossierReturned  = "dossier_returned"
	KindDossierCouncil   = "dossier_council"
	KindDossierDecided   = "dossier_decided"
	KindDossierRefused   = "dossier_refused"
	KindDossierForwarded = "dossier_forwarded"
	KindExchangeResult   = "exchange_result"
	KindPublicComment    = "public_comment"
	KindBallot           = "ballot"
	KindRegistration     = "registration_returned"
	KindJob              = "job_finished"
	KindRevoked          = "honour_revoked"
	KindDeadline         = "deadline"
	KindOverdueDigest    = "overdue_digest"
	KindClusterScores    = "cluster_scores"
	KindSubmissionDate   = "submission_date"
	KindPasswordChanged  = "password_changed"
	KindNewDevice        = "new_device"
	KindPasswordReset    = "password_reset"
)

// NotificationKinds are the kinds a person can set a mode for, in the order of the
// preferences page. Security notices cannot be turned off or delayed.
var NotificationKinds = []struct {
	Kind, Label string
	Security    bool
}{
	{KindDossierSubmitted, "Hồ sơ gửi đến đơn vị", false},
	{KindDossierReceived, "Hồ sơ của đơn vị được tiếp nhận", false},
	{KindDossierReturned, "Hồ sơ bị trả lại để bổ sung", false},
	{KindDossierCouncil, "Hồ sơ được trình Hội đồng", false},
	{KindDossierDecided, "Hồ sơ có quyết định khen thưởng", false},
	{KindDossierRefused, "Hồ sơ không được khen thưởng", false},
	{KindDossierForwarded, "Hồ sơ được trình lên cấp trên", false},
	{KindExchangeResult, "Kết quả từ hệ thống cấp trên (liên thông)", false},
	{KindPublicComment, "Lấy ý kiến nhân dân: mở và kết thúc", false},
	{KindBallot, "Phiếu bầu Hội đồng chưa bỏ", false},
	{KindRegistration, "Đăng ký thi đua bị trả lại", false},
	{KindJob, "Công việc chạy nền đã xong hoặc bị lỗi", false},
	{KindRevoked, "Khen thưởng bị hủy bỏ, thu hồi", false},
	{KindDeadline, "Nhắc hạn xử lý hồ sơ", false},
	{KindOverdueDigest, "Tổng hợp hồ sơ quá hạn hằng tuần (lãnh đạo)", false},
	{KindClusterScores, "Nhắc hạn tự chấm điểm cụm, khối thi đua", false},
	{KindSubmissionDate, "Nhắc hạn gửi hồ sơ khen thưởng hằng năm", false},
	{KindPasswordChanged, "Mật khẩu được thay đổi", true},
	{KindNewDevice, "Đăng nhập từ thiết bị mới", true},
	{KindPasswordReset, "Đặt lại mật khẩu", true},
}

func kindInfo(kind string) (label string, security, ok bool) {
	for _, k := range NotificationKinds {
		if k.Kind == kind {
			return k.Label, k.Security, true
		}
	}
	return "", false, false
}

// The modes of a kind.
const (
	ModeNow   = "now"
	ModeDaily = "daily"
	ModeOff   = "off"
)

// event is what a use case tells: one event, to the audiences it concerns.
type event struct {
	kind  string
	key   string // unique for the event; a person gets it once
	title string // one line, Vietnamese
	body  string
	link  string // a path of the site
	to    []audience
	// secretLink goes only in the e-mail (a password reset's token): never in the
	// in-app row, never on the webhook.
	secretLink string
}

// audience is a group of people an event concerns, and why.
type audience struct {
	people []sqldb.Recipient
	reason string
}

// notify writes an event's notifications and deliveries in tx and returns how many
// notifications it added (a person who already has the event's key gets nothing).
func (s *Service) notify(ctx context.Context, tx *sqldb.Tx, ev event) (int, error) {
	if !s.Notify.on() {
		return 0, nil
	}
	_, security, _ := kindInfo(ev.kind)
	chans, err := s.liveChannels(ctx, tx)
	if err != nil {
		return 0, err
	}
	now := s.Now()
	stamp := stampOf(now)
	added := 0
	for _, au := range ev.to {
		if len(au.people) == 0 {
			continue
		}
		var modes map[int64]string
		if !security {
			ids := make([]int64, len(au.people))
			for i, p := range au.people {
				ids[i] = p.ID
			}
			var err error
			if modes, err = tx.NotificationModes(ctx, ids, ev.kind); err != nil {
				return added, err
			}
		}
		for _, p := range au.people {
			n := sqldb.Notification{AccountID: p.ID, Kind: ev.kind, EventKey: ev.key, Title: ev.title, Body: ev.body, Link: ev.link,
				Reason: au.reason, Security: security, CreatedAt: stamp}
			ok, err := tx.InsertNotification(ctx, &n)
			if err != nil {
				return added, err
			}
			if !ok {
				continue
			}
			added++
			mode := modes[p.ID]
			if mode == "" || security {
				mode = ModeNow
			}
			if mode == ModeOff {
				continue // in the app only
			}
			due := stamp
			if mode == ModeDaily {
				due = stampOf(nextMorning(now))
			}
			if chans["email"] != nil && p.Email != "" {
				d := sqldb.Delivery{NotificationID: n.ID, Channel: "email", DueAt: due, NextAt: due, Daily: mode == ModeDaily}
				if err := tx.InsertDelivery(ctx, &d, ev.secretLink); err != nil {
					return added, err
				}
			}
			if chans["webhook"] != nil && ev.secretLink == "" {
				d := sqldb.Delivery{NotificationID: n.ID, Channel: "webhook", DueAt: due, NextAt: due, Daily: mode == ModeDaily}
				if err := tx.InsertDelivery(ctx, &d, ""); err != nil {
					return added, err
				}
			}
		}
	}
	return added, nil
}

// nextMorning is the next 07:00 in Vietnam after t: when the daily digest goes.
func nextMorning(t time.Time) time.Time {
	l := t.In(vnZone)
	m := time.Date(l.Year(), l.Month(), l.Day(), 7, 0, 0, 0, vnZone)
	if !m.After(l) {
		m = m.AddDate(0, 0, 1)
	}
	return m.UTC()
}

// clerks are the emulation clerks of an organisation and of its standing office.
func clerks(ctx context.Context, tx *sqldb.Tx, orgID int64) ([]sqldb.Recipient, error) {
	return tx.AccountsOf(ctx, orgID, []tdkt.Role{tdkt.RoleClerk})
}

// leaders are the leaders of an organisation (and of its standing office).
func leaders(ctx context.Context, tx *sqldb.Tx, orgID int64) ([]sqldb.Recipient, error) {
	return tx.AccountsOf(ctx, orgID, []tdkt.Role{tdkt.RoleLeader})
}

// self is the account itself as its own audience (security notices, a job's end).
func self(ctx context.Context, tx *sqldb.Tx, accountID int64) ([]sqldb.Recipient, error) {
	r, err := tx.RecipientByID(ctx, accountID)
	if tdkt.CodeOf(err) == tdkt.ENotFound {
		return nil, nil // disabled or gone: nobody to tell
	}
	if err != nil {
		return nil, err
	}
	return []sqldb.Recipient{r}, nil
}
