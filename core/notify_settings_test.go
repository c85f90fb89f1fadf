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
		if on, err := f.Svc.HasNotificationChannel(ctx); err != nil || on {
			t.Fatalf("a channel before any is set: %v %v", on, err)
		}
		if err := f.Svc.SaveNotificationSettings(ctx, &f.Admin, good); err != nil {
			t.Fatal(err)
		}
		if on, err := f.Svc.HasNotificationChannel(ctx); err != nil || !on {
			t.Fatalf("the channel set in the app is not in force: %v %v", on, err)
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

// A council meeting opened: each member with an address gets "Phiếu chưa bỏ" once in
// a real mailbox, and a second pass sends nothing more.
func TestBallotMailReachesEachMemberOnce(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		host, port, maildir := notifytest.SMTPServer(t)
		f.Svc.Notify = core.NotifyConfig{BaseURL: "https://tdkt.example"}
		if err := f.Svc.SaveNotificationSettings(ctx, &f.Admin, sqldb.NotifySettings{SMTPEnabled: true, SMTPHost: host, SMTPPort: port, SMTPSecurity: "none"}); err != nil {
			t.Fatal(err)
		}
		for _, m := range p.Members {
			if _, err := f.Svc.UpdateAccount(ctx, &f.Admin, m.ID, core.AccountEdit{Name: m.Name, Email: m.Login + "@tdkt.example"}); err != nil {
				t.Fatal(err)
			}
		}
		d, err := f.Svc.ProposeFromRecords(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025,
			PeriodFrom: 2023, Reason: "thành tích xuất sắc"}, []tdkt.Subject{{Kind: tdkt.Individual, ID: p.Good1.ID}})
		if err != nil {
			t.Fatal(err)
		}
		d = reload(t, f, &f.ClerkA, d.ID)
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActAppraise, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActToCouncil, "")
		if _, err := f.Svc.OpenMeeting(ctx, &p.ProvClerk, p.Council.ID, "2026-11-26", "Phòng họp số 1", []int64{d.ID}); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if _, err := f.Svc.DeliverNotifications(ctx, "test"); err != nil {
				t.Fatal(err)
			}
		}
		got := map[string]int{}
		for _, m := range notifytest.WaitMessages(t, maildir, len(p.Members), 10*time.Second) {
			if r := notifytest.Read(t, m); strings.Contains(r.Subject, "Phiếu chưa bỏ") {
				got[r.To]++
			}
		}
		if len(got) != len(p.Members) {
			t.Fatalf("%d members got the ballot mail, want %d: %v", len(got), len(p.Members), got)
		}
		for to, n := range got {
			if n != 1 {
				t.Errorf("%s got it %d times", to, n)
			}
		}
	})
}
