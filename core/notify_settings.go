package core

import (
	"context"
	"net/mail"
	"net/url"
	"strings"

	"tdkt"
	"tdkt/notify"
	"tdkt/sqldb"
)

// The mail server and the gateway set in the app by an installation administrator
// (Quản trị › Gửi thông báo). The environment, when it names a channel
// (TDKT_SMTP_URL, TDKT_WEBHOOK_URL), wins: Notify.Email and Notify.Webhook are then
// set at start. The password and the secret are never stored: Notify.Secret reads
// them from the environment or a file (docs/notifications.md §3).

// Secret names for NotifyConfig.Secret.
const (
	SecretSMTPPassword  = "smtp_password"
	SecretWebhookSecret = "webhook_secret"
)

// minWebhookSecret is the shortest webhook secret used.
const minWebhookSecret = 16

// NotificationSettings reads the settings (installation administrators), with
// whether the environment overrides each channel and whether the password and the
// secret are available.
func (s *Service) NotificationSettings(ctx context.Context, actor *tdkt.Account) (x sqldb.NotifySettings, st SettingsState, err error) {
	if !actor.CanManageInstallation() {
		return x, st, tdkt.Forbidden()
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		x, err = tx.NotifySettings(ctx)
		return err
	})
	st = SettingsState{EmailFromEnv: s.Notify.Email != nil, WebhookFromEnv: s.Notify.Webhook != nil,
		HasPassword: s.secret(SecretSMTPPassword) != "", HasSecret: len(s.secret(SecretWebhookSecret)) >= minWebhookSecret}
	return x, st, err
}

// SettingsState tells the settings page what the environment decides.
type SettingsState struct {
	EmailFromEnv, WebhookFromEnv bool
	HasPassword, HasSecret       bool
}

func (s *Service) secret(name string) string {
	if s.Notify.Secret == nil {
		return ""
	}
	return s.Notify.Secret(name)
}

// SaveNotificationSettings checks and stores the settings; the next event and the
// next pass of the worker use them.
func (s *Service) SaveNotificationSettings(ctx context.Context, actor *tdkt.Account, x sqldb.NotifySettings) error {
	if !actor.CanManageInstallation() {
		return tdkt.Forbidden()
	}
	x.SMTPHost, x.SMTPUsername = strings.TrimSpace(x.SMTPHost), strings.TrimSpace(x.SMTPUsername)
	x.SMTPFrom, x.WebhookURL = strings.TrimSpace(x.SMTPFrom), strings.TrimSpace(x.WebhookURL)
	p := tdkt.Problems{}
	if x.SMTPEnabled || x.SMTPHost != "" {
		if x.SMTPHost == "" || strings.ContainsAny(x.SMTPHost, " /:@") {
			p.Add("smtp_host", "Ghi tên máy chủ thư, ví dụ mail.tinh.gov.vn.")
		}
		if x.SMTPPort < 1 || x.SMTPPort > 65535 {
			p.Add("smtp_port", "Cổng từ 1 đến 65535 (thường là 587 với STARTTLS, 465 với TLS).")
		}
		switch x.SMTPSecurity {
		case notify.SecurityStartTLS, notify.SecurityTLS:
		case notify.SecurityNone:
			if x.SMTPUsername != "" && x.SMTPHost != "localhost" && x.SMTPHost != "127.0.0.1" {
				p.Add("smtp_security", "Không gửi mật khẩu qua kết nối không mã hóa: chọn STARTTLS hoặc TLS.")
			}
		default:
			p.Add("smtp_security", "Chọn STARTTLS, TLS hoặc không mã hóa.")
		}
		if a, err := mail.ParseAddress(x.SMTPFrom); x.SMTPFrom != "" && (err != nil || a.Address == "") {
			p.Add("smtp_from", "Địa chỉ người gửi không đúng dạng, ví dụ: Thi đua khen thưởng <no-reply@tinh.gov.vn>.")
		}
		if x.SMTPEnabled && x.SMTPUsername != "" && s.secret(SecretSMTPPassword) == "" {
			p.Add("smtp_username", "Chưa có mật khẩu: đặt TDKT_SMTP_PASSWORD hoặc TDKT_SMTP_PASSWORD_FILE cho máy chủ tdkt rồi khởi động lại.")
		}
	}
	if x.WebhookEnabled || x.WebhookURL != "" {
		if u, err := url.Parse(x.WebhookURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			p.Add("webhook_url", "Địa chỉ cổng tin nhắn phải là http(s)://…")
		}
		if x.WebhookEnabled && len(s.secret(SecretWebhookSecret)) < minWebhookSecret {
			p.Add("webhook_url", "Chưa có khóa bí mật (ít nhất 16 ký tự): đặt TDKT_WEBHOOK_SECRET hoặc TDKT_WEBHOOK_SECRET_FILE rồi khởi động lại.")
		}
	}
	if err := p.Err(); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		before, err := tx.NotifySettings(ctx)
		if err != nil {
			return err
		}
		x.UpdatedAt, x.UpdatedBy = s.stamp(), actor.Login
		if err := tx.SaveNotifySettings(ctx, &x); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "notification_settings", 1, tdkt.Subject{}, actor.OrgID, before, x)
	})
}

// liveChannels are the channels in force: the environment's, else the settings'.
func (s *Service) liveChannels(ctx context.Context, tx *sqldb.Tx) (map[string]notify.Channel, error) {
	out := map[string]notify.Channel{}
	if s.Notify.Email != nil {
		out["email"] = s.Notify.Email
	}
	if s.Notify.Webhook != nil {
		out["webhook"] = s.Notify.Webhook
	}
	if len(out) == 2 {
		return out, nil
	}
	x, err := tx.NotifySettings(ctx)
	if err != nil {
		return nil, err
	}
	if out["email"] == nil && x.SMTPEnabled && x.SMTPHost != "" {
		from := x.SMTPFrom
		if from == "" {
			from = "tdkt <no-reply@" + x.SMTPHost + ">"
		}
		out["email"] = notify.NewMailer(notify.SMTPConfig{Host: x.SMTPHost, Port: x.SMTPPort, Security: x.SMTPSecurity,
			Username: x.SMTPUsername, Password: s.secret(SecretSMTPPassword), From: from})
	}
	if secret := s.secret(SecretWebhookSecret); out["webhook"] == nil && x.WebhookEnabled && x.WebhookURL != "" && len(secret) >= minWebhookSecret {
		out["webhook"] = notify.NewWebhook(x.WebhookURL, []byte(secret), nil)
	}
	return out, nil
}

// HasNotificationChannel reports whether any channel is in force, from the
// environment or from the settings set in the app.
func (s *Service) HasNotificationChannel(ctx context.Context) (on bool, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		chans, err := s.liveChannels(ctx, tx)
		on = len(chans) > 0
		return err
	})
	return on, err
}
