package main

import (
	"context"
	"io"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"tdkt/notify"
	"tdkt/notify/notifytest"
)

func testEnv(vars map[string]string) *env {
	return &env{getenv: func(k string) string { return vars[k] }, stdout: io.Discard, stderr: io.Discard}
}

func TestNotifyConfigFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "webhook.secret")
	if err := os.WriteFile(secretFile, []byte("0123456789abcdef0123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := testEnv(map[string]string{}).notifyConfig()
	if err != nil || cfg.Email != nil || cfg.Webhook != nil || cfg.BaseURL != "" {
		t.Errorf("no settings: %+v, %v", cfg, err)
	}
	cfg, err = testEnv(map[string]string{
		"TDKT_PUBLIC_URL":          "https://thidua.example.gov.vn",
		"TDKT_SMTP_URL":            "smtps://thidua@mail.example.gov.vn",
		"TDKT_SMTP_PASSWORD":       "mật khẩu",
		"TDKT_WEBHOOK_URL":         "https://gateway.example.gov.vn/tdkt",
		"TDKT_WEBHOOK_SECRET_FILE": secretFile,
		"TDKT_NOTIFY_LEAD_DAYS":    "3",
		"TDKT_NOTIFY_PER_HOUR":     "5",
	}).notifyConfig()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Email == nil || cfg.Email.Name() != "email" || cfg.Webhook == nil || cfg.Webhook.Name() != "webhook" ||
		cfg.BaseURL != "https://thidua.example.gov.vn" || cfg.LeadDays != 3 || cfg.PerPersonPerHour != 5 {
		t.Errorf("%+v", cfg)
	}
	for name, c := range map[string]struct {
		vars map[string]string
		says string
	}{
		"password in the URL": {map[string]string{"TDKT_SMTP_URL": "smtp://u:secret@mail.example:587?starttls=1"}, "TDKT_SMTP_PASSWORD"},
		"no password":         {map[string]string{"TDKT_SMTP_URL": "smtp://u@mail.example:587?starttls=1"}, "TDKT_SMTP_PASSWORD"},
		"password file gone":  {map[string]string{"TDKT_SMTP_URL": "smtp://u@mail.example:587?starttls=1", "TDKT_SMTP_PASSWORD_FILE": filepath.Join(dir, "none")}, "TDKT_SMTP_PASSWORD_FILE"},
		"clear text password": {map[string]string{"TDKT_SMTP_URL": "smtp://u@mail.example:25", "TDKT_SMTP_PASSWORD": "p"}, "không mã hóa"},
		"bad sender":          {map[string]string{"TDKT_SMTP_URL": "smtp://relay:25", "TDKT_SMTP_FROM": "tdkt"}, "TDKT_SMTP_FROM"},
		"webhook no secret":   {map[string]string{"TDKT_WEBHOOK_URL": "https://gw.example/x"}, "TDKT_WEBHOOK_SECRET"},
		"webhook short":       {map[string]string{"TDKT_WEBHOOK_URL": "https://gw.example/x", "TDKT_WEBHOOK_SECRET": "short"}, "16"},
		"webhook not http":    {map[string]string{"TDKT_WEBHOOK_URL": "ftp://gw.example/x", "TDKT_WEBHOOK_SECRET": "0123456789abcdef"}, "TDKT_WEBHOOK_URL"},
		"lead days":           {map[string]string{"TDKT_NOTIFY_LEAD_DAYS": "hai"}, "TDKT_NOTIFY_LEAD_DAYS"},
		"public URL":          {map[string]string{"TDKT_PUBLIC_URL": "thidua.example.gov.vn"}, "TDKT_PUBLIC_URL"},
	} {
		_, err := testEnv(c.vars).notifyConfig()
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want an error naming %s", name, err, c.says)
		}
		if err != nil && strings.Contains(err.Error(), "secret@") {
			t.Errorf("%s: the error shows the password: %v", name, err)
		}
	}
}

// TestNotifyConfigSendsMail: the mailer the environment describes reaches a real
// SMTP server, from the default sender on the public site's domain.
func TestNotifyConfigSendsMail(t *testing.T) {
	host, port, maildir := notifytest.SMTPServer(t)
	cfg, err := testEnv(map[string]string{
		"TDKT_PUBLIC_URL": "https://thidua.example.gov.vn",
		"TDKT_SMTP_URL":   "smtp://" + host + ":" + strconv.Itoa(port),
	}).notifyConfig()
	if err != nil {
		t.Fatal(err)
	}
	m := notify.Message{ID: "tdkt-local-7", Kind: "deadline", Subject: "Nhắc hạn nộp hồ sơ khen thưởng",
		Text: "Còn 2 ngày làm việc.", To: notify.Recipient{Login: "a", Name: "Lê Văn Ánh", Email: "a@tdkt.example"},
		Link: cfg.BaseURL + "/app/dossiers/1"}
	if err := cfg.Email.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	msgs := notifytest.Messages(t, maildir)
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	if got, err := mail.ParseAddress(msgs[0].Header.Get("From")); err != nil || got.Name != "tdkt" || got.Address != "no-reply@thidua.example.gov.vn" {
		t.Errorf("From %q: %v", msgs[0].Header.Get("From"), err)
	}
	if got, _ := new(mime.WordDecoder).DecodeHeader(msgs[0].Header.Get("Subject")); got != m.Subject {
		t.Errorf("Subject %q", got)
	}
}
