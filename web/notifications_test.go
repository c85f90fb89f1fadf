package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"tdkt/core"
	"tdkt/notify"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// mailbox is a notify.Channel that keeps what it is given: the tests read the reset
// link from it as a person reads it from their mail.
type mailbox struct {
	mu   sync.Mutex
	msgs []notify.Message
}

func (m *mailbox) Name() string { return "email" }
func (m *mailbox) Send(_ context.Context, msg notify.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.msgs = append(m.msgs, msg)
	return nil
}

var resetLink = regexp.MustCompile(`/dat-lai-mat-khau/[A-Za-z0-9_-]+`)

// lastLink delivers what is due and returns the reset link of the last message.
func (m *mailbox) lastLink(t *testing.T, svc *core.Service) string {
	t.Helper()
	if _, err := svc.DeliverNotifications(context.Background(), "test"); err != nil {
		t.Fatal(err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.msgs) - 1; i >= 0; i-- {
		if l := resetLink.FindString(m.msgs[i].Text + " " + m.msgs[i].Link); l != "" {
			return l
		}
	}
	t.Fatal("no reset link was sent")
	return ""
}

// The bell counts the unread notifications on every page; the list marks one read as
// it is opened and all at once; another person's notification is not found; the
// preferences refuse what is not a mode and keep security notices on.
func TestNotificationPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		f.Svc.Notify = core.NotifyConfig{BaseURL: f.Server.URL} // in the app only: no channel
		if err := f.Svc.ChangePassword(ctx, &f.ClerkA, tdkttest.Password, "mat-khau-moi-dai-hon-12", "mat-khau-moi-dai-hon-12"); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.ChangePassword(ctx, &f.ClerkB, tdkttest.Password, "mat-khau-moi-dai-hon-12", "mat-khau-moi-dai-hon-12"); err != nil {
			t.Fatal(err)
		}
		items, unread, err := f.Svc.Notifications(ctx, &f.ClerkA, false, 1)
		if err != nil || unread != 1 || len(items) != 1 {
			t.Fatalf("clerk A's notifications: %d unread, %v, %v", unread, items, err)
		}
		itemsB, _, _ := f.Svc.Notifications(ctx, &f.ClerkB, false, 1)
		if len(itemsB) != 1 {
			t.Fatalf("clerk B's notifications: %v", itemsB)
		}
		c := logInWith(t, f, f.ClerkA.Login, "mat-khau-moi-dai-hon-12")
		home := get(t, f, c, "/app/")
		want(t, "the bell", home, http.StatusOK, `id="bell-count"`, `1 thông báo chưa đọc`)
		list := get(t, f, c, "/app/notifications")
		want(t, "the list", list, http.StatusOK, items[0].Title, "Mới", "thông báo bảo mật")
		if p := post(t, f, c, "/app/notifications/"+itoa(itemsB[0].ID)+"/read", url.Values{}); p.Status != http.StatusNotFound {
			t.Errorf("marking another person's notification: %d", p.Status)
		}
		p := post(t, f, c, "/app/notifications/"+itoa(items[0].ID)+"/read", url.Values{"next": {items[0].Link}})
		if p.Status != http.StatusSeeOther || p.Location == "" {
			t.Fatalf("opening a notification: %d %q", p.Status, p.Location)
		}
		if _, n, _ := f.Svc.Notifications(ctx, &f.ClerkA, false, 1); n != 0 {
			t.Errorf("after opening it, %d unread", n)
		}
		if strings.Contains(get(t, f, c, "/app/").Body, `id="bell-count"`) {
			t.Error("the bell still counts after the only notification was read")
		}
		if _, n, _ := f.Svc.Notifications(ctx, &f.ClerkB, false, 1); n != 1 {
			t.Errorf("clerk B's notification was marked by clerk A: %d unread", n)
		}
		want(t, "mark all", post(t, f, c, "/app/notifications/read-all", url.Values{}), http.StatusSeeOther)

		prefs := get(t, f, c, "/app/account/notifications")
		want(t, "the preferences", prefs, http.StatusOK, "Hồ sơ bị trả lại để bổ sung", "Luôn gửi ngay (bảo mật)", `name="mode-`+core.KindDossierReturned+`"`)
		bad := post(t, f, c, "/app/account/notifications", url.Values{"mode-" + core.KindDossierReturned: {"thinh-thoang"}})
		want(t, "a mode that is not one", bad, http.StatusUnprocessableEntity)
		off := post(t, f, c, "/app/account/notifications", url.Values{"mode-" + core.KindPasswordChanged: {core.ModeOff}})
		want(t, "a security notice turned off", off, http.StatusUnprocessableEntity)
		want(t, "saving", post(t, f, c, "/app/account/notifications", url.Values{"mode-" + core.KindDossierReturned: {core.ModeDaily}}), http.StatusSeeOther)
		if m, err := f.Svc.NotificationPrefs(ctx, &f.ClerkA); err != nil || m[core.KindDossierReturned] != core.ModeDaily {
			t.Errorf("the saved mode: %v %v", m, err)
		}
		want(t, "a bad address", post(t, f, c, "/app/account/profile", url.Values{"email": {"không-phải-thư"}}), http.StatusUnprocessableEntity, "không đúng dạng")
		if p := post(t, f, c, "/app/account/profile", url.Values{"name": {f.ClerkA.Name}, "email": {"canbo.a@tdkt.example"}}); p.Status != http.StatusSeeOther {
			t.Fatalf("an address: %d %s", p.Status, excerpt(p.Body))
		}

		// The delivery log: installation administrators only.
		if p := get(t, f, c, "/app/admin/notifications"); p.Status != http.StatusForbidden {
			t.Errorf("a clerk reading the delivery log: %d", p.Status)
		}
		want(t, "the delivery log", get(t, f, f.Client(t, f.Admin.Login), "/app/admin/notifications"), http.StatusOK, "Nhật ký gửi thông báo")
	})
}

// A forgotten password: the same answer for a known and an unknown address; the link
// from the mail sets a new password once, ends the sessions, and fails after use; the
// sixth request of the hour is throttled.
func TestPasswordResetPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		box := &mailbox{}
		f.Svc.Notify = core.NotifyConfig{Email: box, BaseURL: f.Server.URL}
		if _, err := f.Svc.UpdateAccount(ctx, &f.ClerkA, f.ClerkA.ID, core.AccountEdit{Name: f.ClerkA.Name, Email: "canbo.a@tdkt.example"}); err != nil {
			t.Fatal(err)
		}
		session := f.Client(t, f.ClerkA.Login)
		anon := f.Client(t, "")
		want(t, "the login page", get(t, f, anon, "/app/login"), http.StatusOK, `href="/quen-mat-khau"`)
		known := post(t, f, anon, "/quen-mat-khau", url.Values{"address": {"canbo.a@tdkt.example"}})
		unknown := post(t, f, anon, "/quen-mat-khau", url.Values{"address": {"khong.co@tdkt.example"}})
		if known.Status != http.StatusOK || unknown.Status != known.Status || !strings.Contains(known.Body, `id="reset-sent"`) ||
			noticeOf(known.Body) != noticeOf(unknown.Body) {
			t.Fatalf("known and unknown addresses answer differently: %d %d", known.Status, unknown.Status)
		}
		link := box.lastLink(t, f.Svc)
		want(t, "the reset form", get(t, f, anon, link), http.StatusOK, `id="reset-password"`)
		want(t, "two passwords that differ", post(t, f, anon, link, url.Values{"password": {"mot-mat-khau-dai-moi"}, "repeat": {"mot-mat-khau-khac"}}),
			http.StatusUnprocessableEntity, "không giống nhau")
		done := post(t, f, anon, link, url.Values{"password": {"mot-mat-khau-dai-moi"}, "repeat": {"mot-mat-khau-dai-moi"}})
		if done.Status != http.StatusSeeOther || !strings.Contains(done.Location, "password_reset") {
			t.Fatalf("the reset: %d %q", done.Status, done.Location)
		}
		if p := get(t, f, session, "/app/"); p.Status != http.StatusSeeOther {
			t.Errorf("the session from before the reset still works: %d", p.Status)
		}
		want(t, "the link a second time", post(t, f, anon, link, url.Values{"password": {"lai-mot-mat-khau-nua"}, "repeat": {"lai-mot-mat-khau-nua"}}),
			http.StatusUnprocessableEntity, "đã được dùng", "Yêu cầu liên kết mới")
		for i := 0; i < 3; i++ { // 2 requests above, 3 here: 5 in the hour from this address
			post(t, f, anon, "/quen-mat-khau", url.Values{"address": {"ai.do." + itoa(int64(i)) + "@tdkt.example"}})
		}
		want(t, "the sixth request", post(t, f, anon, "/quen-mat-khau", url.Values{"address": {"nua@tdkt.example"}}), http.StatusTooManyRequests, "quá nhiều yêu cầu")
	})
}

// noticeOf is the confirmation a page shows, so that two answers can be compared.
func noticeOf(body string) string {
	i := strings.Index(body, `id="reset-sent"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</p>")
	return body[i : i+j]
}

// logInWith signs in through the login form with a password the fixture does not know.
func logInWith(t *testing.T, f *tdkttest.Fixture, login, password string) *http.Client {
	t.Helper()
	c := f.Client(t, "")
	p := post(t, f, c, "/app/login", url.Values{"login": {login}, "password": {password}})
	if p.Status != http.StatusSeeOther {
		t.Fatalf("login %s: %d\n%s", login, p.Status, excerpt(p.Body))
	}
	return c
}

// The yearly submission dates page: the law's dates, an organisation's own added by an
// administrator of its subtree, a date that does not exist refused beside its field,
// a clerk refused, and another commune's administrator unable to remove the province's.
func TestSubmissionDatesPage(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin := f.Client(t, f.Admin.Login)
		page := get(t, f, admin, "/app/admin/submission-dates")
		want(t, "the page", page, http.StatusOK, "Chiến sĩ thi đua toàn quốc", "31/12")
		bad := post(t, f, admin, "/app/admin/submission-dates", url.Values{"org_id": {itoa(f.Province.ID)}, "award": {"bang_khen_bo_tinh"}, "month": {"2"}, "day": {"30"}})
		want(t, "30/02", bad, http.StatusUnprocessableEntity, `class="error"`)
		ok := post(t, f, admin, "/app/admin/submission-dates", url.Values{"org_id": {itoa(f.Province.ID)}, "award": {"bang_khen_bo_tinh"},
			"month": {"10"}, "day": {"15"}, "note": {"Kế hoạch của tỉnh"}})
		want(t, "adding", ok, http.StatusSeeOther)
		want(t, "the page after", get(t, f, admin, "/app/admin/submission-dates"), http.StatusOK, "15/10", "Kế hoạch của tỉnh")
		again := post(t, f, admin, "/app/admin/submission-dates", url.Values{"org_id": {itoa(f.Province.ID)}, "award": {"bang_khen_bo_tinh"},
			"month": {"10"}, "day": {"15"}})
		want(t, "the same date twice", again, http.StatusUnprocessableEntity, "Đơn vị đã có hạn này")
		_, own, err := f.Svc.SubmissionDates(context.Background(), &f.Admin)
		if err != nil || len(own) != 1 {
			t.Fatalf("own dates: %v %v", own, err)
		}
		if p := get(t, f, f.Client(t, f.ClerkA.Login), "/app/admin/submission-dates"); p.Status != http.StatusForbidden {
			t.Errorf("a clerk: %d", p.Status)
		}
		if p := post(t, f, f.Client(t, f.AdminA.Login), "/app/admin/submission-dates/"+itoa(own[0].ID)+"/delete", url.Values{}); p.Status != http.StatusNotFound {
			t.Errorf("a commune's administrator removing the province's date: %d", p.Status)
		}
		want(t, "removing", post(t, f, admin, "/app/admin/submission-dates/"+itoa(own[0].ID)+"/delete", url.Values{}), http.StatusSeeOther)
	})
}

// The settings page of the mail server: installation administrators only, a port out
// of range refused beside its field, a good form saved.
func TestNotifySettingsPage(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin := f.Client(t, f.Admin.Login)
		want(t, "the page", get(t, f, admin, "/app/admin/notifications/settings"), http.StatusOK, "Thư điện tử (SMTP)", "chưa đặt")
		if p := get(t, f, f.Client(t, f.AdminA.Login), "/app/admin/notifications/settings"); p.Status != http.StatusForbidden {
			t.Errorf("a commune's administrator: %d", p.Status)
		}
		bad := post(t, f, admin, "/app/admin/notifications/settings", url.Values{"smtp_enabled": {"1"}, "smtp_host": {"mail.tinh.gov.vn"}, "smtp_port": {"99999"}, "smtp_security": {"starttls"}})
		want(t, "a port out of range", bad, http.StatusUnprocessableEntity, "Cổng từ 1 đến 65535")
		ok := post(t, f, admin, "/app/admin/notifications/settings", url.Values{"smtp_enabled": {"1"}, "smtp_host": {"mail.tinh.gov.vn"}, "smtp_port": {"587"}, "smtp_security": {"starttls"}})
		want(t, "saving", ok, http.StatusSeeOther)
		want(t, "the page after", get(t, f, admin, "/app/admin/notifications/settings"), http.StatusOK, `value="mail.tinh.gov.vn"`, "Sửa lần cuối")
	})
}
