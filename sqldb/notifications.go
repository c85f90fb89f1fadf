package sqldb

import (
	"context"
	"database/sql"
	"strconv"

	"tdkt"
)

// Notification is a row of the in-app list: one event told to one person.
type Notification struct {
	ID        int64
	AccountID int64
	Kind      string
	EventKey  string // names the event for the person; a second insert of it adds nothing
	Title     string
	Body      string
	Link      string // a path of the site ("/app/dossiers/12")
	Reason    string // why the person got it
	Security  bool
	CreatedAt string
	ReadAt    string // "" while unread
}

// The statuses of a delivery.
const (
	DeliveryPending = "pending"
	DeliverySent    = "sent"
	DeliveryFailed  = "failed"
	DeliveryGrouped = "grouped"
	DeliveryOff     = "off"
)

// Delivery is a row of the outbox: a notification to send on one channel. The log
// that administrators read fills Kind, Title and Login from the notification.
type Delivery struct {
	ID             int64
	NotificationID int64
	Channel        string // email, webhook
	Status         string
	DueAt, NextAt  string
	Attempts       int
	LastError      string
	SentAt         string
	MessageID      string
	GroupID        int64 // the delivery whose message carried this one ('grouped')
	Daily          bool  // gathered into the morning digest
	Kind, Title    string
	Login          string
	CreatedAt      string
}

// Outgoing is a claimed delivery with what its message needs: the notification, the
// person, and the secret link when there is one.
type Outgoing struct {
	Delivery
	Notification Notification
	Name, Email  string
	SecretLink   string
}

// Recipient is an account an event concerns, as notices need it.
type Recipient struct {
	ID                 int64
	Login, Name, Email string
	Role               tdkt.Role
	OrgID              int64
	OrgName, OrgPath   string
}

// InsertNotification adds a notification unless the person already has one with its
// event key; inserted tells which.
func (t *Tx) InsertNotification(ctx context.Context, n *Notification) (inserted bool, err error) {
	err = t.Each(ctx, `INSERT INTO notifications (account_id, kind, event_key, title, body, link, reason, security, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, event_key) DO NOTHING RETURNING id`,
		[]any{n.AccountID, n.Kind, n.EventKey, n.Title, n.Body, n.Link, n.Reason, n.Security, n.CreatedAt},
		func(r *sql.Rows) error { inserted = true; return r.Scan(&n.ID) })
	return inserted, err
}

// InsertDelivery queues a notification on a channel.
func (t *Tx) InsertDelivery(ctx context.Context, d *Delivery, secretLink string) (err error) {
	if d.Status == "" {
		d.Status = DeliveryPending
	}
	d.ID, err = t.Insert(ctx, `INSERT INTO notification_deliveries (notification_id, channel, status, due_at, next_at, daily, secret_link)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, d.NotificationID, d.Channel, d.Status, d.DueAt, d.NextAt, d.Daily, secretLink)
	return err
}

// NotificationModes returns the modes the accounts chose for a kind; an account
// without a row is missing from the map ('now').
func (t *Tx) NotificationModes(ctx context.Context, accountIDs []int64, kind string) (map[int64]string, error) {
	out := map[int64]string{}
	if len(accountIDs) == 0 {
		return out, nil
	}
	args := []any{kind}
	for _, id := range accountIDs {
		args = append(args, id)
	}
	err := t.Each(ctx, `SELECT account_id, mode FROM notification_prefs WHERE kind = ? AND account_id IN (?`+repeatMarks(len(accountIDs)-1)+`)`,
		args, func(r *sql.Rows) error {
			var id int64
			var mode string
			err := r.Scan(&id, &mode)
			out[id] = mode
			return err
		})
	return out, err
}

const recipientCols = `a.id, a.login, a.name, a.email, a.role, a.org_id, o.name, o.path`

func scanRecipient(r *sql.Rows) (x Recipient, err error) {
	err = r.Scan(&x.ID, &x.Login, &x.Name, &x.Email, &x.Role, &x.OrgID, &x.OrgName, &x.OrgPath)
	return x, err
}

// AccountsOf lists the active accounts with one of roles of an organisation and of
// its standing office (the Sở Nội vụ works the People's Committee's inbox), by login.
func (t *Tx) AccountsOf(ctx context.Context, orgID int64, roles []tdkt.Role) ([]Recipient, error) {
	args := []any{orgID, orgID}
	for _, r := range roles {
		args = append(args, string(r))
	}
	var out []Recipient
	err := t.Each(ctx, `SELECT `+recipientCols+` FROM accounts a JOIN orgs o ON o.id = a.org_id
		WHERE NOT a.disabled AND (a.org_id = ? OR o.standing_for = ?) AND a.role IN (?`+repeatMarks(len(roles)-1)+`) ORDER BY a.login`,
		args, func(r *sql.Rows) error {
			x, err := scanRecipient(r)
			out = append(out, x)
			return err
		})
	return out, err
}

// RecipientByID loads one active account as a recipient; NotFound when it is gone
// or disabled.
func (t *Tx) RecipientByID(ctx context.Context, id int64) (x Recipient, err error) {
	err = t.Each(ctx, `SELECT `+recipientCols+` FROM accounts a JOIN orgs o ON o.id = a.org_id WHERE a.id = ? AND NOT a.disabled`,
		[]any{id}, func(r *sql.Rows) (err error) {
			x, err = scanRecipient(r)
			return err
		})
	if err == nil && x.ID == 0 {
		err = tdkt.NotFound("tài khoản")
	}
	return x, err
}

// AccountsWithRole lists the active accounts of a role, by organisation path.
func (t *Tx) AccountsWithRole(ctx context.Context, role tdkt.Role) ([]Recipient, error) {
	var out []Recipient
	err := t.Each(ctx, `SELECT `+recipientCols+` FROM accounts a JOIN orgs o ON o.id = a.org_id WHERE NOT a.disabled AND a.role = ? ORDER BY o.path, a.login`,
		[]any{string(role)}, func(r *sql.Rows) error {
			x, err := scanRecipient(r)
			out = append(out, x)
			return err
		})
	return out, err
}

// RecipientByAddress finds the active account whose e-mail (or login) is address.
func (t *Tx) RecipientByAddress(ctx context.Context, address string) (x Recipient, err error) {
	err = t.Each(ctx, `SELECT `+recipientCols+` FROM accounts a JOIN orgs o ON o.id = a.org_id
		WHERE NOT a.disabled AND (LOWER(a.email) = ? OR a.login = ?) ORDER BY CASE WHEN LOWER(a.email) = ? THEN 0 ELSE 1 END, a.id LIMIT 1`,
		[]any{address, address, address}, func(r *sql.Rows) (err error) {
			x, err = scanRecipient(r)
			return err
		})
	if err == nil && x.ID == 0 {
		err = tdkt.NotFound("tài khoản")
	}
	return x, err
}

// SetAccountProfile changes an account's name and e-mail address.
func (t *Tx) SetAccountProfile(ctx context.Context, id int64, name, email string) error {
	return changed(t.Exec(ctx, `UPDATE accounts SET name = ?, email = ?, version = version + 1 WHERE id = ?`, name, email, id))
}

const notificationCols = `id, account_id, kind, event_key, title, body, link, reason, security, created_at, read_at`

func scanNotification(r *sql.Rows) (n Notification, err error) {
	err = r.Scan(&n.ID, &n.AccountID, &n.Kind, &n.EventKey, &n.Title, &n.Body, &n.Link, &n.Reason, &n.Security, &n.CreatedAt, &n.ReadAt)
	return n, err
}

// NotificationsOf lists a person's notifications, newest first.
func (t *Tx) NotificationsOf(ctx context.Context, accountID int64, unreadOnly bool, limit, offset int) ([]Notification, error) {
	q := `SELECT ` + notificationCols + ` FROM notifications WHERE account_id = ?`
	if unreadOnly {
		q += ` AND read_at = ''`
	}
	var out []Notification
	err := t.Each(ctx, q+` ORDER BY id DESC LIMIT ? OFFSET ?`, []any{accountID, limit, offset}, func(r *sql.Rows) error {
		n, err := scanNotification(r)
		out = append(out, n)
		return err
	})
	return out, err
}

// UnreadNotifications counts a person's unread notifications.
func (t *Tx) UnreadNotifications(ctx context.Context, accountID int64) (n int, err error) {
	err = t.Get(ctx, "thông báo", `SELECT COUNT(*) FROM notifications WHERE account_id = ? AND read_at = ''`, []any{accountID}, &n)
	return n, err
}

// MarkNotificationRead marks one of a person's notifications read (again is no
// change); another person's is NotFound.
func (t *Tx) MarkNotificationRead(ctx context.Context, accountID, id int64, now string) error {
	var n int64
	if err := t.Get(ctx, "thông báo", `SELECT id FROM notifications WHERE id = ? AND account_id = ?`, []any{id, accountID}, &n); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `UPDATE notifications SET read_at = ? WHERE id = ? AND read_at = ''`, now, id)
	return err
}

// MarkAllNotificationsRead marks every unread notification of a person read.
func (t *Tx) MarkAllNotificationsRead(ctx context.Context, accountID int64, now string) (int64, error) {
	return t.Exec(ctx, `UPDATE notifications SET read_at = ? WHERE account_id = ? AND read_at = ''`, now, accountID)
}

// NotificationPrefsOf returns a person's modes by kind (kinds left at 'now' may be absent).
func (t *Tx) NotificationPrefsOf(ctx context.Context, accountID int64) (map[string]string, error) {
	out := map[string]string{}
	err := t.Each(ctx, `SELECT kind, mode FROM notification_prefs WHERE account_id = ?`, []any{accountID}, func(r *sql.Rows) error {
		var k, m string
		err := r.Scan(&k, &m)
		out[k] = m
		return err
	})
	return out, err
}

// SaveNotificationPrefs replaces a person's modes.
func (t *Tx) SaveNotificationPrefs(ctx context.Context, accountID int64, modes map[string]string) error {
	if _, err := t.Exec(ctx, `DELETE FROM notification_prefs WHERE account_id = ?`, accountID); err != nil {
		return err
	}
	for k, m := range modes {
		if _, err := t.Exec(ctx, `INSERT INTO notification_prefs (account_id, kind, mode) VALUES (?, ?, ?)`, accountID, k, m); err != nil {
			return err
		}
	}
	return nil
}

// deliveryReady is a delivery a worker may claim at now (the first argument).
const deliveryReady = `status = 'pending' AND next_at <= ? AND lease_until < ?`

// ClaimDeliveries takes up to limit due deliveries for owner until leaseUntil, oldest
// first, and returns them with their notifications. As with jobs, the UPDATE repeats
// the condition of the SELECT: when two workers race, PostgreSQL re-checks it on each
// row the other changed, so a delivery is claimed by one of them only (SQLite has one
// writer). A worker that dies leaves its lease to run out.
func (t *Tx) ClaimDeliveries(ctx context.Context, owner, now, leaseUntil string, limit int) ([]Outgoing, error) {
	if _, err := t.Exec(ctx, `UPDATE notification_deliveries SET lease_owner = ?, lease_until = ?
		WHERE `+deliveryReady+` AND id IN (SELECT id FROM notification_deliveries WHERE `+deliveryReady+` ORDER BY next_at, id LIMIT ?)`,
		owner, leaseUntil, now, now, now, now, limit); err != nil {
		return nil, err
	}
	var out []Outgoing
	err := t.Each(ctx, `SELECT d.id, d.notification_id, d.channel, d.status, d.due_at, d.next_at, d.attempts, d.last_error, d.daily, d.secret_link,
		n.id, n.account_id, n.kind, n.event_key, n.title, n.body, n.link, n.reason, n.security, n.created_at, n.read_at, a.login, a.name, a.email
		FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id JOIN accounts a ON a.id = n.account_id
		WHERE d.lease_owner = ? AND d.lease_until = ? AND d.status = 'pending' ORDER BY d.id`, []any{owner, leaseUntil}, func(r *sql.Rows) error {
		var o Outgoing
		n := &o.Notification
		err := r.Scan(&o.ID, &o.NotificationID, &o.Channel, &o.Status, &o.DueAt, &o.NextAt, &o.Attempts, &o.LastError, &o.Daily, &o.SecretLink,
			&n.ID, &n.AccountID, &n.Kind, &n.EventKey, &n.Title, &n.Body, &n.Link, &n.Reason, &n.Security, &n.CreatedAt, &n.ReadAt, &o.Login, &o.Name, &o.Email)
		o.Kind, o.Title = n.Kind, n.Title
		out = append(out, o)
		return err
	})
	return out, err
}

// SentCount is how many messages of a kind went to a person on a channel since a time.
type SentCount struct {
	AccountID int64
	Kind      string
	N         int
	Oldest    string // the earliest sent_at among them
}

// SentSince counts, per person and kind, the messages sent on a channel since since
// (a grouped message counts once): the rate limit reads it.
func (t *Tx) SentSince(ctx context.Context, channel, since string) (map[[2]string]SentCount, error) {
	out := map[[2]string]SentCount{}
	err := t.Each(ctx, `SELECT n.account_id, n.kind, COUNT(*), MIN(d.sent_at) FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
		WHERE d.channel = ? AND d.status = 'sent' AND d.sent_at >= ? GROUP BY n.account_id, n.kind`, []any{channel, since}, func(r *sql.Rows) error {
		var c SentCount
		err := r.Scan(&c.AccountID, &c.Kind, &c.N, &c.Oldest)
		out[[2]string{strconv.FormatInt(c.AccountID, 10), c.Kind}] = c
		return err
	})
	return out, err
}

// MarkDeliverySent records that owner sent a delivery; Conflict when the lease was lost.
func (t *Tx) MarkDeliverySent(ctx context.Context, id int64, owner, now, messageID string) error {
	return changed(t.Exec(ctx, `UPDATE notification_deliveries SET status = 'sent', sent_at = ?, message_id = ?, attempts = attempts + 1,
		lease_owner = '', lease_until = '', last_error = '', secret_link = '' WHERE id = ? AND lease_owner = ? AND status = 'pending'`, now, messageID, id, owner))
}

// MarkDeliveryGrouped records that a delivery went out inside the message of groupID.
func (t *Tx) MarkDeliveryGrouped(ctx context.Context, id int64, owner, now string, groupID int64) error {
	return changed(t.Exec(ctx, `UPDATE notification_deliveries SET status = 'grouped', sent_at = ?, group_id = ?,
		lease_owner = '', lease_until = '', last_error = '', secret_link = '' WHERE id = ? AND lease_owner = ? AND status = 'pending'`, now, groupID, id, owner))
}

// RetryDelivery records a failed attempt: pending again from nextAt, or failed for
// good when final (the error is kept either way).
func (t *Tx) RetryDelivery(ctx context.Context, id int64, owner, nextAt, lastError string, final bool) error {
	status, secret := "pending", "secret_link"
	if final {
		status, secret = "failed", "''"
	}
	return changed(t.Exec(ctx, `UPDATE notification_deliveries SET status = ?, next_at = ?, attempts = attempts + 1, last_error = ?,
		lease_owner = '', lease_until = '', secret_link = `+secret+` WHERE id = ? AND lease_owner = ? AND status = 'pending'`, status, nextAt, lastError, id, owner))
}

// ReleaseDelivery gives back a claimed delivery unsent, to wait until nextAt.
func (t *Tx) ReleaseDelivery(ctx context.Context, id int64, owner, nextAt string) error {
	_, err := t.Exec(ctx, `UPDATE notification_deliveries SET next_at = ?, lease_owner = '', lease_until = '' WHERE id = ? AND lease_owner = ? AND status = 'pending'`,
		nextAt, id, owner)
	return err
}

// DeliveriesWaiting tells whether a delivery is due at now: an idle worker asks it in
// a read-only transaction, so that polling is not a write.
func (t *Tx) DeliveriesWaiting(ctx context.Context, now string) (bool, error) {
	var n int
	err := t.Get(ctx, "thông báo", `SELECT COUNT(*) FROM (SELECT id FROM notification_deliveries WHERE `+deliveryReady+` LIMIT 1) x`, []any{now, now}, &n)
	return n > 0, err
}

// Deliveries lists the delivery log, newest first; status "" for every status.
func (t *Tx) Deliveries(ctx context.Context, status string, limit, offset int) ([]Delivery, error) {
	q := `SELECT d.id, d.notification_id, d.channel, d.status, d.due_at, d.next_at, d.attempts, d.last_error, d.sent_at, d.message_id,
		COALESCE(d.group_id, 0), d.daily, n.kind, n.title, a.login, n.created_at
		FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id JOIN accounts a ON a.id = n.account_id`
	args := []any{}
	if status != "" {
		q += ` WHERE d.status = ?`
		args = append(args, status)
	}
	var out []Delivery
	err := t.Each(ctx, q+` ORDER BY d.id DESC LIMIT ? OFFSET ?`, append(args, limit, offset), func(r *sql.Rows) error {
		var d Delivery
		err := r.Scan(&d.ID, &d.NotificationID, &d.Channel, &d.Status, &d.DueAt, &d.NextAt, &d.Attempts, &d.LastError, &d.SentAt, &d.MessageID,
			&d.GroupID, &d.Daily, &d.Kind, &d.Title, &d.Login, &d.CreatedAt)
		out = append(out, d)
		return err
	})
	return out, err
}

// DueDossier is a dossier with a deadline, for the daily reminders.
type DueDossier struct {
	ID, OrgID, HolderOrgID int64
	Title, Status          string
	DueOn, DueRule         string
	HolderPath, HolderName string
}

// DossiersWithDeadline lists the dossiers held here whose current step has a
// deadline (an incomplete dossier to return, an appraisal, a public comment window, a
// decision to pass on).
func (t *Tx) DossiersWithDeadline(ctx context.Context) ([]DueDossier, error) {
	var out []DueDossier
	err := t.Each(ctx, `SELECT d.id, d.org_id, d.holder_org_id, d.title, d.status, d.due_on, d.due_rule, h.path, h.name
		FROM dossiers d JOIN orgs h ON h.id = d.holder_org_id WHERE d.due_on <> '' AND d.peer_id IS NULL AND d.status <> 'refused'
		ORDER BY d.due_on, d.id`, nil, func(r *sql.Rows) error {
		var x DueDossier
		err := r.Scan(&x.ID, &x.OrgID, &x.HolderOrgID, &x.Title, &x.Status, &x.DueOn, &x.DueRule, &x.HolderPath, &x.HolderName)
		out = append(out, x)
		return err
	})
	return out, err
}

// HonourOrg returns the organisation whose record holds an honour.
func (t *Tx) HonourOrg(ctx context.Context, honourID int64) (id int64, err error) {
	err = t.Get(ctx, "khen thưởng", `SELECT org_id FROM honours WHERE id = ?`, []any{honourID}, &id)
	return id, err
}

// SeeLoginDevice records a login from a device; isNew is true when the account never
// logged in from it, first when the account had no device at all (its first login).
func (t *Tx) SeeLoginDevice(ctx context.Context, accountID int64, deviceHash, now string) (isNew, first bool, err error) {
	var n int
	if err = t.Get(ctx, "thiết bị", `SELECT COUNT(*) FROM login_devices WHERE account_id = ?`, []any{accountID}, &n); err != nil {
		return
	}
	changedRows, err := t.Exec(ctx, `UPDATE login_devices SET last_seen = ? WHERE account_id = ? AND device_hash = ?`, now, accountID, deviceHash)
	if err != nil || changedRows > 0 {
		return false, false, err
	}
	_, err = t.Exec(ctx, `INSERT INTO login_devices (account_id, device_hash, first_seen, last_seen) VALUES (?, ?, ?, ?)
		ON CONFLICT (account_id, device_hash) DO UPDATE SET last_seen = excluded.last_seen`, accountID, deviceHash, now, now)
	return true, n == 0, err
}

// PasswordReset is a row of password_resets.
type PasswordReset struct {
	ID, AccountID int64
	CreatedAt     string
	ExpiresAt     string
	UsedAt        string
}

// InsertPasswordReset stores a reset under the hash of its token.
func (t *Tx) InsertPasswordReset(ctx context.Context, accountID int64, tokenHash, now, expiresAt, ip string) (int64, error) {
	return t.Insert(ctx, `INSERT INTO password_resets (account_id, token_hash, created_at, expires_at, ip) VALUES (?, ?, ?, ?, ?)`,
		accountID, tokenHash, now, expiresAt, ip)
}

// PasswordResetByHash loads a reset by the hash of its token.
func (t *Tx) PasswordResetByHash(ctx context.Context, tokenHash string) (p PasswordReset, err error) {
	err = t.Get(ctx, "yêu cầu đặt lại mật khẩu", `SELECT id, account_id, created_at, expires_at, used_at FROM password_resets WHERE token_hash = ?`,
		[]any{tokenHash}, &p.ID, &p.AccountID, &p.CreatedAt, &p.ExpiresAt, &p.UsedAt)
	return p, err
}

// UsePasswordReset spends a reset that is unused and unexpired at now; Conflict otherwise.
func (t *Tx) UsePasswordReset(ctx context.Context, id int64, now string) error {
	return changed(t.Exec(ctx, `UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at = '' AND expires_at > ?`, now, id, now))
}

// EndPasswordResetsOf spends every open reset of an account (its password was just set).
func (t *Tx) EndPasswordResetsOf(ctx context.Context, accountID int64, now string) error {
	_, err := t.Exec(ctx, `UPDATE password_resets SET used_at = ? WHERE account_id = ? AND used_at = ''`, now, accountID)
	return err
}

// NotifySettings is the one row of notification_settings: the mail server and the
// gateway an installation administrator sets in the app. Their password and secret
// are never stored (docs/notifications.md §3).
type NotifySettings struct {
	SMTPEnabled            bool
	SMTPHost               string
	SMTPPort               int
	SMTPSecurity           string // starttls, tls, none
	SMTPUsername, SMTPFrom string
	WebhookEnabled         bool
	WebhookURL             string
	UpdatedAt, UpdatedBy   string
}

// NotifySettings reads the settings row.
func (t *Tx) NotifySettings(ctx context.Context) (x NotifySettings, err error) {
	err = t.Get(ctx, "thiết lập gửi thông báo", `SELECT smtp_enabled, smtp_host, smtp_port, smtp_security, smtp_username, smtp_from,
		webhook_enabled, webhook_url, updated_at, updated_by FROM notification_settings WHERE id = 1`, nil,
		&x.SMTPEnabled, &x.SMTPHost, &x.SMTPPort, &x.SMTPSecurity, &x.SMTPUsername, &x.SMTPFrom, &x.WebhookEnabled, &x.WebhookURL, &x.UpdatedAt, &x.UpdatedBy)
	return x, err
}

// SaveNotifySettings writes the settings row.
func (t *Tx) SaveNotifySettings(ctx context.Context, x *NotifySettings) error {
	_, err := t.Exec(ctx, `UPDATE notification_settings SET smtp_enabled = ?, smtp_host = ?, smtp_port = ?, smtp_security = ?, smtp_username = ?,
		smtp_from = ?, webhook_enabled = ?, webhook_url = ?, updated_at = ?, updated_by = ? WHERE id = 1`,
		x.SMTPEnabled, x.SMTPHost, x.SMTPPort, x.SMTPSecurity, x.SMTPUsername, x.SMTPFrom, x.WebhookEnabled, x.WebhookURL, x.UpdatedAt, x.UpdatedBy)
	return err
}
