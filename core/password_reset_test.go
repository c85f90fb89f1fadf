package core_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestPasswordReset(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		rec := withMail(t, f.Svc, &f.ClerkA)
		clock := tdkttest.Now
		f.Svc.Now = func() time.Time { return clock }
		login := func(password string) error {
			_, err := f.Svc.Login(ctx, core.LoginRequest{Login: f.ClerkA.Login, Password: password, IP: "10.9.9.9", UserAgent: "Firefox/140 (Windows)"})
			return err
		}
		if err := login(tdkttest.Password); err != nil {
			t.Fatal(err)
		}
		res, _ := f.Svc.Login(ctx, core.LoginRequest{Login: f.ClerkA.Login, Password: tdkttest.Password, IP: "10.9.9.9", UserAgent: "Firefox/140 (Windows)"})

		// The same answer for a known and an unknown address.
		known := f.Svc.RequestPasswordReset(ctx, "CanBo.A@tdkt.example", "10.0.0.1")
		unknown := f.Svc.RequestPasswordReset(ctx, "khong-co@tdkt.example", "10.0.0.1")
		if known != nil || unknown != nil {
			t.Fatalf("known %v, unknown %v", known, unknown)
		}
		if n, err := f.Svc.DeliverNotifications(ctx, "A"); err != nil || n != 1 {
			t.Fatalf("sent %d, %v", n, err)
		}
		m := rec.messages()[0]
		if m.To.Email != "canbo.a@tdkt.example" || !m.Security || !strings.HasPrefix(m.Link, base+core.ResetPath) {
			t.Fatalf("reset message %+v", m)
		}
		token := strings.TrimPrefix(m.Link, base+core.ResetPath)
		for _, n := range notificationsOf(t, f.Svc, &f.ClerkA) {
			if strings.Contains(n.Link+n.Body+n.Title, token) {
				t.Fatal("the token is readable in the app")
			}
		}
		log, _ := f.Svc.NotificationDeliveries(ctx, &f.Admin, "", 1)
		if strings.Contains(fmt.Sprintf("%+v", log), token) {
			t.Fatal("the token is in the delivery log")
		}

		// The policy, then once.
		if err := f.Svc.ResetPassword(ctx, token, "12345678", "12345678"); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("a weak password: %v", err)
		}
		if err := f.Svc.ResetPassword(ctx, token, "hoa-sen-trong-dam-2026", "hoa-sen-trong-dam-2025"); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("two different passwords: %v", err)
		}
		if err := f.Svc.ResetPassword(ctx, token, "hoa-sen-trong-dam-2026", "hoa-sen-trong-dam-2026"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.SessionAccount(ctx, res.Session); err == nil {
			t.Error("a session outlived the reset")
		}
		if err := login("hoa-sen-trong-dam-2026"); err != nil {
			t.Fatalf("the new password: %v", err)
		}
		if err := f.Svc.ResetPassword(ctx, token, "mot-mat-khau-khac-2026", "mot-mat-khau-khac-2026"); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("a second use: %v", err)
		}
		if k := kinds(notificationsOf(t, f.Svc, &f.ClerkA)); k[core.KindPasswordReset] != 2 {
			t.Errorf("security notices %v", k)
		}

		// 30 minutes.
		if err := f.Svc.RequestPasswordReset(ctx, f.ClerkA.Login, "10.0.0.2"); err != nil {
			t.Fatal(err)
		}
		f.Svc.DeliverNotifications(ctx, "A")
		last := rec.messages()[len(rec.messages())-1]
		clock = clock.Add(31 * time.Minute)
		if err := f.Svc.ResetPassword(ctx, strings.TrimPrefix(last.Link, base+core.ResetPath), "mot-mat-khau-khac-2026", "mot-mat-khau-khac-2026"); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("after 30 minutes: %v", err)
		}

		// Five an hour per address asked, known or not; the sixth refused alike.
		for _, addr := range []string{"canbo.b@tdkt.example", "khong-ai@tdkt.example"} {
			if addr == "canbo.b@tdkt.example" {
				withMail(t, f.Svc, &f.ClerkB)
				f.Svc.Now = func() time.Time { return clock }
			}
			var errs []string
			for i := range 6 {
				errs = append(errs, fmt.Sprint(f.Svc.RequestPasswordReset(ctx, addr, fmt.Sprintf("10.1.%d.%d", len(addr), i))))
			}
			if strings.Join(errs[:5], ",") != "<nil>,<nil>,<nil>,<nil>,<nil>" || !strings.Contains(errs[5], "quá nhiều") {
				t.Fatalf("%s: %v", addr, errs)
			}
		}
		// And five an hour from one client address.
		for i := range 6 {
			err := f.Svc.RequestPasswordReset(ctx, fmt.Sprintf("nguoi%d@tdkt.example", i), "10.2.0.1")
			if (i < 5) != (err == nil) || i == 5 && tdkt.CodeOf(err) != tdkt.ETooMany {
				t.Fatalf("request %d from one address: %v", i+1, err)
			}
		}
	})
}

// Security notices: a password change and a login from a new device.
func TestSecurityNotices(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		rec := withMail(t, f.Svc, &f.ClerkA)
		f.Svc.SaveNotificationPrefs(ctx, &f.ClerkA, map[string]string{core.KindJob: "off"})
		req := core.LoginRequest{Login: f.ClerkA.Login, Password: tdkttest.Password, IP: "10.0.0.1", UserAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/140"}
		for range 2 {
			if _, err := f.Svc.Login(ctx, req); err != nil {
				t.Fatal(err)
			}
		}
		if k := kinds(notificationsOf(t, f.Svc, &f.ClerkA)); k[core.KindNewDevice] != 0 {
			t.Fatalf("the first device is news: %v", k)
		}
		req.UserAgent = "Mozilla/5.0 (Android 15) Firefox/140"
		if _, err := f.Svc.Login(ctx, req); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.ChangePassword(ctx, &f.ClerkA, tdkttest.Password, "hoa-sen-trong-dam-2026", "hoa-sen-trong-dam-2026"); err != nil {
			t.Fatal(err)
		}
		list := notificationsOf(t, f.Svc, &f.ClerkA)
		if k := kinds(list); k[core.KindNewDevice] != 1 || k[core.KindPasswordChanged] != 1 || !list[0].Security {
			t.Fatalf("notices %v", k)
		}
		if n, _ := f.Svc.DeliverNotifications(ctx, "A"); n != 2 || !rec.messages()[0].Security {
			t.Fatalf("sent %d: %+v", n, rec.messages())
		}
		if !strings.Contains(rec.messages()[0].Text, "Firefox trên Android") {
			t.Errorf("new device %q", rec.messages()[0].Text)
		}
	})
}

// A returned registration and a finished job tell their people.
func TestRegistrationAndJobNotify(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		withMail(t, f.Svc, &f.ClerkA)
		r, err := f.Svc.SaveRegistration(ctx, &f.ClerkA, core.RegistrationInput{OrgID: f.CommuneA.ID, Year: 2026, Target: "tap_the_lao_dong_tien_tien",
			People: []tdkt.RegisteredPerson{{PersonID: f.PersonA.ID, Award: "chien_si_thi_dua_co_so"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.ReviewRegistration(ctx, &f.Admin, r.ID, false, "Thiếu chỉ tiêu tập thể", r.Version); err != nil {
			t.Fatal(err)
		}
		list := notificationsOf(t, f.Svc, &f.ClerkA)
		if len(list) != 1 || list[0].Kind != core.KindRegistration || !strings.Contains(list[0].Body, "Thiếu chỉ tiêu tập thể") {
			t.Fatalf("after a return: %+v", list)
		}
		f.Svc.RegisterJob("test_notify", func(ctx context.Context, run *core.JobRun) (string, error) { return `"ok"`, nil })
		f.Svc.RegisterJob("test_notify_fail", func(ctx context.Context, run *core.JobRun) (string, error) {
			return "", &tdkt.Error{Code: tdkt.EInvalid, Message: "Tệp không đọc được."}
		})
		if err := db.Update(ctx, func(tx *sqldb.Tx) error {
			for _, k := range []string{"test_notify", "test_notify_fail"} {
				j := sqldb.Job{Kind: k, OrgID: f.CommuneA.ID, AccountID: f.ClerkA.ID, Payload: "{}", CreatedAt: "2026-11-26T09:00:00.000000Z"}
				if err := tx.InsertJob(ctx, &j); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		w := f.Svc.NewWorker(core.WorkerConfig{Owner: "A"})
		for range 2 {
			if worked, err := w.RunOne(ctx); !worked || err != nil {
				t.Fatal(worked, err)
			}
		}
		list = notificationsOf(t, f.Svc, &f.ClerkA)
		if len(list) != 3 || list[0].Kind != core.KindJob || !strings.HasPrefix(list[0].Title, "Bị lỗi") || list[0].Body != "Tệp không đọc được." ||
			!strings.HasPrefix(list[1].Title, "Đã xong") {
			t.Fatalf("after two jobs: %+v", list)
		}
	})
}
