package web

import (
	"net/http"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// Notifications in the staff app: the bell's count on every page, the list with read
// and unread state, a person's choice of how each kind reaches them, the
// administrators' delivery log, and the forgotten-password pages (docs/notifications.md).

// unreadCount is the bell's number; a failure shows no number rather than no page.
func (h *handler) unreadCount(r *http.Request, actor *tdkt.Account) int {
	n, err := h.svc.UnreadCount(r.Context(), actor)
	if err != nil {
		if r.Context().Err() == nil {
			h.log.Warn("unread notifications", "err", err)
		}
		return 0
	}
	return n
}

type notificationsView struct {
	Page
	Items      []sqldb.Notification
	UnreadOnly bool
	Unread     int
	PageNo     int
	More       bool
}

// notificationsPage is GET /app/notifications[?chua-doc=1][&trang=N].
func (h *handler) notificationsPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	q := r.URL.Query()
	v := notificationsView{Page: h.page(r, "Thông báo", "notifications"), UnreadOnly: q.Get("chua-doc") == "1"}
	v.PageNo, _ = strconv.Atoi(q.Get("trang"))
	v.PageNo = max(v.PageNo, 1)
	items, unread, err := h.svc.Notifications(r.Context(), actor, v.UnreadOnly, v.PageNo)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v.Items, v.Unread, v.More = items, unread, len(items) == 20
	h.render(w, r, http.StatusOK, "notifications.html", v)
}

// notificationOpen is POST /app/notifications/{id}/read: marks it read and goes to
// the page it links to (a form, so that a link in a list never changes state).
func (h *handler) notificationOpen(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		err = h.svc.MarkRead(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	next := safeNext(r.PostFormValue("next"))
	if next == "" || next == "/app/" {
		next = "/app/notifications"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// notificationsReadAll is POST /app/notifications/read-all.
func (h *handler) notificationsReadAll(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if _, err := h.svc.MarkAllRead(r.Context(), actor); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/notifications?done=read_all", http.StatusSeeOther)
}

type prefRow struct {
	Kind, Label string
	Security    bool
	Mode        string
}

type prefsView struct {
	Page
	Modes  []option
	Rows   []prefRow
	Errors map[string]string
	Email  string
}

var prefModes = []option{{core.ModeNow, "Gửi ngay"}, {core.ModeDaily, "Gộp vào thư buổi sáng"}, {core.ModeOff, "Không gửi thư"}}

func (h *handler) prefsView(r *http.Request, actor *tdkt.Account, modes map[string]string) prefsView {
	v := prefsView{Page: h.page(r, "Cách nhận thông báo", "notifications"), Errors: map[string]string{}, Modes: prefModes}
	for _, k := range core.NotificationKinds {
		m := modes[k.Kind]
		if m == "" || k.Security {
			m = core.ModeNow
		}
		v.Rows = append(v.Rows, prefRow{Kind: k.Kind, Label: k.Label, Security: k.Security, Mode: m})
	}
	v.Email = actor.Email
	return v
}

// notificationPrefs is GET /app/account/notifications.
func (h *handler) notificationPrefs(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	modes, err := h.svc.NotificationPrefs(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.render(w, r, http.StatusOK, "notification_prefs.html", h.prefsView(r, actor, modes))
}

// notificationPrefsSave is POST /app/account/notifications.
func (h *handler) notificationPrefsSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	r.ParseForm()
	modes := map[string]string{}
	for _, k := range core.NotificationKinds {
		if v := r.PostFormValue("mode-" + k.Kind); v != "" {
			modes[k.Kind] = v
		}
	}
	if err := h.svc.SaveNotificationPrefs(r.Context(), actor, modes); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			v := h.prefsView(r, actor, modes)
			v.Errors = fields
			h.render(w, r, http.StatusUnprocessableEntity, "notification_prefs.html", v)
		})
		return
	}
	http.Redirect(w, r, "/app/account/notifications?saved=1", http.StatusSeeOther)
}

type deliveriesView struct {
	Page
	Filters []option
	Items   []sqldb.Delivery
	Status  string
	PageNo  int
	More    bool
}

// deliveriesPage is GET /app/admin/notifications: the delivery log, failed ones first
// to see (installation administrators).
func (h *handler) deliveriesPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	q := r.URL.Query()
	v := deliveriesView{Page: h.page(r, "Nhật ký gửi thông báo", "admin-notifications"), Status: q.Get("trang-thai"),
		Filters: []option{{"", "Tất cả"}, {sqldb.DeliveryFailed, "Thất bại"}, {sqldb.DeliveryPending, "Đang chờ"}, {sqldb.DeliverySent, "Đã gửi"}}}
	v.PageNo, _ = strconv.Atoi(q.Get("trang"))
	v.PageNo = max(v.PageNo, 1)
	items, err := h.svc.NotificationDeliveries(r.Context(), actor, v.Status, v.PageNo)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v.Items, v.More = items, len(items) == 50
	h.render(w, r, http.StatusOK, "admin_notifications.html", v)
}

type resetView struct {
	Page
	Form    Form
	Sent    bool
	Token   string
	Message string
}

// forgotForm is GET /quen-mat-khau.
func (h *handler) forgotForm(w http.ResponseWriter, r *http.Request) {
	v := resetView{Page: h.page(r, "Quên mật khẩu", ""), Form: newForm()}
	v.Account = nil
	h.render(w, r, http.StatusOK, "password_forgot.html", v)
}

// forgot is POST /quen-mat-khau: the same answer whether or not the account exists.
func (h *handler) forgot(w http.ResponseWriter, r *http.Request) {
	v := resetView{Page: h.page(r, "Quên mật khẩu", ""), Form: formFrom(r, "address")}
	v.Account = nil
	err := h.svc.RequestPasswordReset(r.Context(), v.Form.Values["address"], clientIP(r))
	switch tdkt.CodeOf(err) {
	case "":
		v.Sent = true
		h.render(w, r, http.StatusOK, "password_forgot.html", v)
	case tdkt.EInvalid, tdkt.ETooMany:
		v.Message = messageOf(err)
		if e, ok := err.(*tdkt.Error); ok {
			for k, m := range e.Fields {
				v.Form.Errors[k] = m
			}
		}
		h.render(w, r, statusOf(err), "password_forgot.html", v)
	default:
		h.fail(w, r, err, nil)
	}
}

// resetForm is GET /dat-lai-mat-khau/{token}.
func (h *handler) resetForm(w http.ResponseWriter, r *http.Request) {
	v := resetView{Page: h.page(r, "Đặt lại mật khẩu", ""), Form: newForm(), Token: r.PathValue("token")}
	v.Account = nil
	h.render(w, r, http.StatusOK, "password_reset.html", v)
}

// reset is POST /dat-lai-mat-khau/{token}.
func (h *handler) reset(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	err := h.svc.ResetPassword(r.Context(), token, r.PostFormValue("password"), r.PostFormValue("repeat"))
	if err == nil {
		http.Redirect(w, r, "/app/login?done=password_reset", http.StatusSeeOther)
		return
	}
	v := resetView{Page: h.page(r, "Đặt lại mật khẩu", ""), Form: newForm(), Token: token, Message: messageOf(err)}
	v.Account = nil
	if e, ok := err.(*tdkt.Error); ok && e.Code == tdkt.EInvalid {
		for k, m := range e.Fields {
			v.Form.Errors[k] = m
		}
		if _, bad := e.Fields["token"]; bad {
			v.Token = "" // the link is spent or expired: offer a new request instead of the form
		}
		h.render(w, r, http.StatusUnprocessableEntity, "password_reset.html", v)
		return
	}
	h.fail(w, r, err, nil)
}

// notificationKind names a notification's kind on the pages.
func notificationKind(kind string) string {
	for _, k := range core.NotificationKinds {
		if k.Kind == kind {
			return k.Label
		}
	}
	return strings.ReplaceAll(kind, "_", " ")
}

// accountProfile is POST /app/account/profile: the account's own name and e-mail
// address, where notices and reset links go.
func (h *handler) accountProfile(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, "name", "email")
	if _, err := h.svc.UpdateAccount(r.Context(), actor, actor.ID, core.AccountEdit{Name: f.Values["name"], Email: f.Values["email"]}); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			v := h.prefsView(r, actor, nil)
			v.Errors, v.Email = fields, f.Values["email"]
			h.render(w, r, http.StatusUnprocessableEntity, "notification_prefs.html", v)
		})
		return
	}
	http.Redirect(w, r, "/app/account/notifications?saved=1", http.StatusSeeOther)
}

// deliveryState names a delivery's status.
func deliveryState(s string) string {
	switch s {
	case sqldb.DeliveryPending:
		return "đang chờ gửi"
	case sqldb.DeliverySent:
		return "đã gửi"
	case sqldb.DeliveryFailed:
		return "thất bại"
	case sqldb.DeliveryGrouped:
		return "gộp vào thư khác"
	}
	return s
}

type notifySettingsView struct {
	Page
	Form     Form
	State    core.SettingsState
	Security []option
	Updated  string
}

var smtpSecurities = []option{{"starttls", "STARTTLS (thường là cổng 587)"}, {"tls", "TLS (thường là cổng 465)"}, {"none", "Không mã hóa (chỉ máy chủ chuyển tiếp nội bộ)"}}

func settingsForm(x sqldb.NotifySettings) Form {
	f := newForm()
	f.Values["smtp_host"], f.Values["smtp_port"], f.Values["smtp_security"] = x.SMTPHost, strconv.Itoa(x.SMTPPort), x.SMTPSecurity
	f.Values["smtp_username"], f.Values["smtp_from"], f.Values["webhook_url"] = x.SMTPUsername, x.SMTPFrom, x.WebhookURL
	if x.SMTPEnabled {
		f.Values["smtp_enabled"] = "1"
	}
	if x.WebhookEnabled {
		f.Values["webhook_enabled"] = "1"
	}
	return f
}

// notifySettingsPage is GET /app/admin/notifications/settings.
func (h *handler) notifySettingsPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	x, st, err := h.svc.NotificationSettings(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := notifySettingsView{Page: h.page(r, "Thiết lập gửi thông báo", "admin-notifications"), Form: settingsForm(x), State: st, Security: smtpSecurities}
	if x.UpdatedAt != "" {
		v.Updated = vnTime(x.UpdatedAt) + ", " + x.UpdatedBy
	}
	h.render(w, r, http.StatusOK, "admin_notify_settings.html", v)
}

// notifySettingsSave is POST /app/admin/notifications/settings.
func (h *handler) notifySettingsSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, "smtp_enabled", "smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_from", "webhook_enabled", "webhook_url")
	port, _ := strconv.Atoi(f.Values["smtp_port"])
	x := sqldb.NotifySettings{SMTPEnabled: f.Values["smtp_enabled"] == "1", SMTPHost: f.Values["smtp_host"], SMTPPort: port,
		SMTPSecurity: f.Values["smtp_security"], SMTPUsername: f.Values["smtp_username"], SMTPFrom: f.Values["smtp_from"],
		WebhookEnabled: f.Values["webhook_enabled"] == "1", WebhookURL: f.Values["webhook_url"]}
	if err := h.svc.SaveNotificationSettings(r.Context(), actor, x); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			_, st, _ := h.svc.NotificationSettings(r.Context(), actor)
			f.Errors = fields
			h.render(w, r, http.StatusUnprocessableEntity, "admin_notify_settings.html",
				notifySettingsView{Page: h.page(r, "Thiết lập gửi thông báo", "admin-notifications"), Form: f, State: st, Security: smtpSecurities})
		})
		return
	}
	http.Redirect(w, r, "/app/admin/notifications/settings?saved=1", http.StatusSeeOther)
}
