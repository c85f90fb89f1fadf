package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tdkt/core"
	"tdkt/tdkttest"
)

// TestBrowserNotifications: a clerk sees the bell's count, opens the list, marks all
// read, chooses the morning digest for returned dossiers; then, signed out, asks for
// a reset link, follows it from the mail, sets a new password and signs in with it.
// At a phone's width and a desktop's, without sideways scrolling, and held to axe.
func TestBrowserNotifications(t *testing.T) {
	bctx := tdkttest.Browser(t)
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
			ctx := context.Background()
			box := &mailbox{}
			f.Svc.Notify = core.NotifyConfig{Email: box, BaseURL: f.Server.URL}
			if _, err := f.Svc.UpdateAccount(ctx, &f.ClerkA, f.ClerkA.ID, core.AccountEdit{Name: f.ClerkA.Name, Email: "canbo.a@tdkt.example"}); err != nil {
				t.Fatal(err)
			}
			// The password changed, and changed back: one security notice (both at the
			// fixture's fixed clock, one event).
			const other = "mot-mat-khau-tam-thoi-dai"
			if err := f.Svc.ChangePassword(ctx, &f.ClerkA, tdkttest.Password, other, other); err != nil {
				t.Fatal(err)
			}
			if err := f.Svc.ChangePassword(ctx, &f.ClerkA, other, tdkttest.Password, tdkttest.Password); err != nil {
				t.Fatal(err)
			}
			base := f.Server.URL
			b := tdkttest.NewTab(t, bctx, vp, "notifications-")
			b.Step("log in", b.Emulate(), f.LogIn(t, f.ClerkA.Login), chromedp.WaitVisible(chromedp.ID("nav-bell")))
			if s := textOf(t, b, "#bell-count"); s != "1" {
				t.Fatalf("the bell counts %q, want 1", s)
			}
			b.Step("the list", chromedp.Click(chromedp.ID("nav-bell")), chromedp.WaitVisible(chromedp.ID("notification-list")))
			if n := rowsOf(t, b, "#notification-list li.unread"); n != 1 {
				t.Errorf("%d unread in the list, want 1", n)
			}
			b.Shot("list")
			b.NoOverflow("the notifications")
			axeOn(t, b, base+"/app/notifications")
			b.Step("mark all read", chromedp.Navigate(base+"/app/notifications"), chromedp.Click(chromedp.ID("read-all")), chromedp.WaitVisible(chromedp.CSS(".notice")))
			if n := rowsOf(t, b, "#bell-count"); n != 0 {
				t.Error("the bell still counts after marking all read")
			}
			if n := rowsOf(t, b, "#notification-list li.unread"); n != 0 {
				t.Errorf("%d still unread", n)
			}

			sel := "#mode-" + core.KindDossierReturned
			b.Step("the preferences", chromedp.Navigate(base+"/app/account/notifications"), chromedp.WaitVisible(chromedp.ID("save-prefs")),
				chromedp.SetValue(chromedp.CSS(sel), core.ModeDaily), chromedp.Click(chromedp.ID("save-prefs")), chromedp.WaitVisible(chromedp.CSS(".notice")))
			if m, err := f.Svc.NotificationPrefs(ctx, &f.ClerkA); err != nil || m[core.KindDossierReturned] != core.ModeDaily {
				t.Errorf("the saved mode: %v %v", m, err)
			}
			b.Shot("prefs")
			b.NoOverflow("the preferences")
			axeOn(t, b, base+"/app/account/notifications")

			b.Step("sign out, forgot the password", chromedp.Click(chromedp.CSS(".who button")), chromedp.WaitVisible(chromedp.ID("forgot")),
				chromedp.Click(chromedp.ID("forgot")), chromedp.WaitVisible(chromedp.ID("address")),
				chromedp.SendKeys(chromedp.ID("address"), "canbo.a@tdkt.example"), chromedp.Click(chromedp.ID("send-reset")), chromedp.WaitVisible(chromedp.ID("reset-sent")))
			b.NoOverflow("the reset request")
			axeOn(t, b, base+"/quen-mat-khau")
			link := box.lastLink(t, f.Svc)
			const fresh = "mat-khau-hoan-toan-moi-2026"
			b.Step("the link from the mail", chromedp.Navigate(base+link), chromedp.WaitVisible(chromedp.ID("reset-password")),
				chromedp.SendKeys(chromedp.ID("password"), fresh), chromedp.SendKeys(chromedp.ID("repeat"), fresh),
				chromedp.Click(chromedp.ID("reset-password")), chromedp.WaitVisible(chromedp.CSS(".notice")))
			if s := textOf(t, b, ".notice"); !strings.Contains(s, "Đã đặt mật khẩu mới") {
				t.Errorf("after the reset: %q", s)
			}
			b.Shot("reset")
			b.Step("sign in with the new password", chromedp.SendKeys(chromedp.ID("login"), f.ClerkA.Login), chromedp.SendKeys(chromedp.ID("password"), fresh),
				chromedp.Click(chromedp.ID("submit")), chromedp.WaitVisible(chromedp.ID("nav-bell")))
		})
	}
}
