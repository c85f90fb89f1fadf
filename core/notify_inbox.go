package core

import (
	"context"

	"tdkt"
	"tdkt/sqldb"
)

// NotificationsPage is how many notifications (and deliveries) a page lists.
const NotificationsPage = 20

// Notifications lists the actor's notifications, newest first, NotificationsPage a
// page (page 1 is the first), with the number still unread.
func (s *Service) Notifications(ctx context.Context, actor *tdkt.Account, unreadOnly bool, page int) (items []sqldb.Notification, unread int, err error) {
	page = max(page, 1)
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if items, err = tx.NotificationsOf(ctx, actor.ID, unreadOnly, NotificationsPage, (page-1)*NotificationsPage); err != nil {
			return err
		}
		unread, err = tx.UnreadNotifications(ctx, actor.ID)
		return err
	})
	return items, unread, err
}

// UnreadCount is how many of the actor's notifications are unread (the bell).
func (s *Service) UnreadCount(ctx context.Context, actor *tdkt.Account) (n int, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		n, err = tx.UnreadNotifications(ctx, actor.ID)
		return err
	})
	return n, err
}

// MarkRead marks one of the actor's notifications read; another person's is NotFound.
// Reading is not audited: it changes nothing but the reader's own list.
func (s *Service) MarkRead(ctx context.Context, actor *tdkt.Account, id int64) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		return tx.MarkNotificationRead(ctx, actor.ID, id, s.stamp())
	})
}

// MarkAllRead marks every unread notification of the actor read and returns how many.
func (s *Service) MarkAllRead(ctx context.Context, actor *tdkt.Account) (n int, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		c, err := tx.MarkAllNotificationsRead(ctx, actor.ID, s.stamp())
		n = int(c)
		return err
	})
	return n, err
}

// NotificationPrefs returns the actor's mode for every kind of NotificationKinds
// ("now" when never chosen; security kinds always "now").
func (s *Service) NotificationPrefs(ctx context.Context, actor *tdkt.Account) (out map[string]string, err error) {
	var saved map[string]string
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		saved, err = tx.NotificationPrefsOf(ctx, actor.ID)
		return err
	})
	out = map[string]string{}
	for _, k := range NotificationKinds {
		m := saved[k.Kind]
		if m == "" || k.Security {
			m = ModeNow
		}
		out[k.Kind] = m
	}
	return out, err
}

// SaveNotificationPrefs sets the actor's mode per kind; kinds left out keep "now".
// An unknown kind or mode is Invalid with the kind as its field; a security kind may
// only be "now".
func (s *Service) SaveNotificationPrefs(ctx context.Context, actor *tdkt.Account, modes map[string]string) error {
	p := tdkt.Problems{}
	keep := map[string]string{}
	for kind, mode := range modes {
		label, security, ok := kindInfo(kind)
		switch {
		case !ok:
			p.Add(kind, "Không có loại thông báo này.")
		case mode != ModeNow && mode != ModeDaily && mode != ModeOff:
			p.Add(kind, "Hãy chọn: gửi ngay, gộp vào thư buổi sáng, hoặc chỉ xem trong ứng dụng.")
		case security && mode != ModeNow:
			p.Add(kind, "Thông báo bảo mật “"+label+"” luôn được gửi ngay; không tắt hay gộp được.")
		case mode != ModeNow:
			keep[kind] = mode
		}
	}
	if err := p.Err(); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if err := tx.SaveNotificationPrefs(ctx, actor.ID, keep); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "notification_prefs", "account", actor.ID, tdkt.Subject{}, actor.OrgID, nil, keep)
	})
}

// NotificationDeliveries is the delivery log for the installation's administrators,
// newest first, NotificationsPage a page; status "" for all ("failed" for the ones
// to look into). Anyone else is Forbidden: the log names every person's notices.
func (s *Service) NotificationDeliveries(ctx context.Context, actor *tdkt.Account, status string, page int) (out []sqldb.Delivery, err error) {
	if !actor.CanManageInstallation() {
		return nil, tdkt.Forbidden()
	}
	switch status {
	case "", sqldb.DeliveryPending, sqldb.DeliverySent, sqldb.DeliveryFailed, sqldb.DeliveryGrouped, sqldb.DeliveryOff:
	default:
		return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"status": "Trạng thái gửi không hợp lệ."}}
	}
	page = max(page, 1)
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		out, err = tx.Deliveries(ctx, status, NotificationsPage, (page-1)*NotificationsPage)
		return err
	})
	return out, err
}
