package core_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/notify/notifytest"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The mail server set in the app by an installation administrator: checked as it is
// saved, used by the next event and the next pass, its password read through
// Notify.Secret and never stored; a message reaches a real SMTP server.
func TestNotificationSettingsInTheApp(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		host, port, maildir := notifytest.SMTPServer(t)
		f.Svc.Notify = core.NotifyConfig{BaseURL: "https://tdkt.example", Secret: func(string) string { return "" }}
		good := sqldb.NotifySettings{SMTPEnabled: true, SMTPHost: host, SMTPPort: port, SMTPSecurity: "none", SMTPFrom: "Thi đua khen thưởng <no-reply@tdkt.example>"}

		if err := f.Svc.SaveNotificationSettings(ctx, &f.AdminA, good); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a commune's administrator: %v", err)
		}
		for what, bad := range map[string]sqldb.NotifySettings{
			"smtp_port":     {SMTPEnabled: true, SMTPHost: host, SMTPPort: 70000, SMTPSecurity: "none"},
			"smtp_security": {SMTPEnabled: true, SMTPHost: "mail.tinh.gov.vn", SMTPPort: 25, SMTPSecurity: "none", SMTPUsername: "thu"},
			"smtp_username": {SMTPEnabled: true, SMTPHost: "mail.tinh.gov.vn", SMTPPort: 587, SMTPSecurity: "starttls", SMTPUsername: "thu"},
			"smtp_from":     {SMTPEnabled: true, SMTPHost: host, SMTPPort: port, SMTPSecurity: "none", SMTPFrom: "không phải địa chỉ"},
			"webhook_url":   {WebhookEnabled: true, WebhookURL: "ftp://cong.tinh"},
		} {
			err := f.Svc.SaveNotificationSettings(ctx, &f.Admin, bad)
			if e, ok := err.(*tdkt.Error); !ok || e.Fields[what] == "" {
				t.Errorf("%s: %v", what, err)
			}
		}
		// Nothing was stored by the refusals: no e-mail goes yet.
		if _, err := f.Svc.UpdateAccount(ctx, &f.ClerkA, f.ClerkA.ID, core.AccountEdit{Name: f.ClerkA.Name, Email: "canbo.a@tdkt.example"}); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.SaveNotificationSettings(ctx, &f.Admin, good); err != nil {
			t.Fatal(err)
		}
		got, st, err := f.Svc.NotificationSettings(ctx, &f.Admin)
		if err != nil || got.SMTPHost != host || got.SMTPPort != port || got.UpdatedBy != f.Admin.Login || st.EmailFromEnv || st.HasPassword {
			t.Fatalf("the stored settings: %+v %+v %v", got, st, err)
		}
		if err := f.Svc.ChangePassword(ctx, &f.ClerkA, tdkttest.Password, "mat-khau-moi-rat-dai-2026", "mat-khau-moi-rat-dai-2026"); err != nil {
			t.Fatal(err)
		}
		if n, err := f.Svc.DeliverNotifications(ctx, "test"); err != nil || n != 1 {
			t.Fatalf("delivered %d: %v", n, err)
		}
		msgs := notifytest.WaitMessages(t, maildir, 1, 10*time.Second)
		if to := msgs[0].Header.Get("To"); !strings.Contains(to, "canbo.a@tdkt.example") {
			t.Errorf("the message went to %q", to)
		}
	})
}
