package main

import (
	"cmp"
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"tdkt/core"
	"tdkt/notify"
	"tdkt/server"
)

// The notification channels come from the environment at start (docs/notifications.md):
// TDKT_SMTP_URL (smtp://user@host:587?starttls=1, smtps://user@host:465,
// smtp://host:25) with TDKT_SMTP_PASSWORD or TDKT_SMTP_PASSWORD_FILE and
// TDKT_SMTP_FROM; TDKT_WEBHOOK_URL with TDKT_WEBHOOK_SECRET or
// TDKT_WEBHOOK_SECRET_FILE; TDKT_PUBLIC_URL for the links; TDKT_NOTIFY_LEAD_DAYS and
// TDKT_NOTIFY_PER_HOUR. Passwords and secrets never come from the command line or the
// database.

// minWebhookSecret is the shortest webhook secret accepted: a short one can be
// guessed from signed bodies that a gateway's logs may keep.
const minWebhookSecret = 16

// notifyConfig reads the channels. No TDKT_SMTP_URL is no e-mail and no
// TDKT_WEBHOOK_URL no webhook: the notifications still appear in the application.
func (e *env) notifyConfig() (core.NotifyConfig, error) {
	var cfg core.NotifyConfig
	base, err := server.ParsePublicURL(e.getenv("TDKT_PUBLIC_URL"))
	if err != nil {
		return cfg, fmt.Errorf("TDKT_PUBLIC_URL: %w", err)
	}
	cfg.BaseURL = base
	// The channels an administrator sets in the app take their password and secret
	// from here as well, when they are used.
	cfg.Secret = func(name string) string {
		env := map[string]string{core.SecretSMTPPassword: "TDKT_SMTP_PASSWORD", core.SecretWebhookSecret: "TDKT_WEBHOOK_SECRET"}[name]
		if env == "" {
			return ""
		}
		v, _ := e.secret(env)
		return v
	}
	if v := e.getenv("TDKT_NOTIFY_LEAD_DAYS"); v != "" {
		if cfg.LeadDays, err = strconv.Atoi(v); err != nil || cfg.LeadDays < 0 || cfg.LeadDays > 60 {
			return cfg, fmt.Errorf("TDKT_NOTIFY_LEAD_DAYS=%q phải là số ngày làm việc từ 0 đến 60", v)
		}
	}
	if v := e.getenv("TDKT_NOTIFY_PER_HOUR"); v != "" {
		if cfg.PerPersonPerHour, err = strconv.Atoi(v); err != nil || cfg.PerPersonPerHour < 1 {
			return cfg, fmt.Errorf("TDKT_NOTIFY_PER_HOUR=%q phải là số dương", v)
		}
	}
	if raw := e.getenv("TDKT_SMTP_URL"); raw != "" {
		password, err := e.secret("TDKT_SMTP_PASSWORD")
		if err != nil {
			return cfg, err
		}
		sc, err := notify.ParseSMTPURL(raw, password)
		if err != nil {
			return cfg, err
		}
		if sc.From, err = e.smtpFrom(base, sc.Host); err != nil {
			return cfg, err
		}
		if caFile := e.getenv("TDKT_SMTP_CA_FILE"); caFile != "" {
			b, err := os.ReadFile(caFile)
			if err != nil {
				return cfg, fmt.Errorf("TDKT_SMTP_CA_FILE: %w", err)
			}
			sc.RootCAs = x509.NewCertPool()
			if !sc.RootCAs.AppendCertsFromPEM(b) {
				return cfg, fmt.Errorf("TDKT_SMTP_CA_FILE %s không có chứng thư PEM nào", caFile)
			}
		}
		cfg.Email = notify.NewMailer(sc)
	}
	if raw := e.getenv("TDKT_WEBHOOK_URL"); raw != "" {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return cfg, fmt.Errorf("TDKT_WEBHOOK_URL %q phải là địa chỉ http(s)://…", raw)
		}
		secret, err := e.secret("TDKT_WEBHOOK_SECRET")
		if err != nil {
			return cfg, err
		}
		if len(secret) < minWebhookSecret {
			return cfg, fmt.Errorf("TDKT_WEBHOOK_URL cần khóa bí mật TDKT_WEBHOOK_SECRET hoặc tệp TDKT_WEBHOOK_SECRET_FILE dài ít nhất %d ký tự (ví dụ: openssl rand -hex 32)", minWebhookSecret)
		}
		cfg.Webhook = notify.NewWebhook(raw, []byte(secret), nil)
	}
	return cfg, nil
}

// secret is NAME's value, or the content of the file NAME_FILE without its final
// line break; neither is no secret.
func (e *env) secret(name string) (string, error) {
	if v := e.getenv(name); v != "" {
		return v, nil
	}
	path := e.getenv(name + "_FILE")
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s_FILE: %w", name, err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// smtpFrom is TDKT_SMTP_FROM, by default "tdkt <no-reply@HOST>" with the public
// site's host (else the mail server's).
func (e *env) smtpFrom(base, smtpHost string) (string, error) {
	from := e.getenv("TDKT_SMTP_FROM")
	if from == "" {
		host := smtpHost
		if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
			host = u.Hostname()
		}
		from = "tdkt <no-reply@" + host + ">"
	}
	if _, err := mail.ParseAddress(from); err != nil {
		return "", fmt.Errorf("TDKT_SMTP_FROM %q không phải địa chỉ thư điện tử (ví dụ: Thi đua khen thưởng <no-reply@tinh.gov.vn>)", from)
	}
	return from, nil
}

// notifyEvery is how often tdkt serve delivers due notifications.
func (e *env) notifyEvery(log *slog.Logger) time.Duration {
	v := cmp.Or(e.getenv("TDKT_NOTIFY_EVERY"), "15s")
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		log.Warn("TDKT_NOTIFY_EVERY is not a positive duration; 15s is used", "value", v)
		return 15 * time.Second
	}
	return d
}

// notifyCmd is tdkt notify deliver|deadlines: one pass of the delivery worker or of
// the deadline reminders, for scripts and for an installation that runs no server.
func (e *env) notifyCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "deliver" && args[0] != "deadlines") {
		return e.unknown("notify " + strings.Join(args, " "))
	}
	fs := flag.NewFlagSet("notify "+args[0], flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	paths := e.auditFlags(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return exitError(2)
	}
	svc, closeDB, err := e.openService(ctx, *dbURL, paths)
	if err != nil {
		return err
	}
	defer closeDB()
	switch args[0] {
	case "deliver":
		// a channel set in the app counts as well as the environment's
		if on, err := svc.HasNotificationChannel(ctx); err != nil || !on {
			if err == nil {
				err = errors.New("chưa cấu hình kênh gửi thông báo: đặt TDKT_SMTP_URL hoặc TDKT_WEBHOOK_URL, hoặc thiết lập trong Quản trị › Nhật ký gửi thông báo (xem docs/notifications.md)")
			}
			return err
		}
		host, _ := os.Hostname()
		n, err := svc.DeliverNotifications(ctx, fmt.Sprintf("%s-%d-cli", host, os.Getpid()))
		if err != nil {
			return err
		}
		e.say("Đã gửi %d thông báo.\n", n)
	case "deadlines":
		n, err := svc.DeadlinePass(ctx)
		if err != nil {
			return err
		}
		e.say("Đã tạo %d thông báo nhắc hạn.\n", n)
	}
	return nil
}
