package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// accountCols are the columns scanAccount reads, in its order; a query that adds its
// own columns after them scans these first (sessions.go, tokens.go).
const accountCols = `a.id, a.login, a.name, a.role, a.org_id, a.disabled, a.installation_admin, COALESCE(o.standing_for, 0),
	COALESCE((SELECT s.level FROM orgs s WHERE s.id = o.standing_for), ''),
	COALESCE((SELECT p.id FROM orgs s JOIN orgs p ON p.id = s.parent_id WHERE s.id = o.standing_for AND p.level = 'chu_tich_nuoc'), 0),
	o.path, o.name, a.email`

func scanAccount(r interface{ Scan(...any) error }) (tdkt.Account, error) {
	var a tdkt.Account
	err := r.Scan(&a.ID, &a.Login, &a.Name, &a.Role, &a.OrgID, &a.Disabled, &a.InstallationAdmin, &a.ActsFor, &a.ActsForLevel, &a.AlsoActsFor, &a.OrgPath, &a.OrgName, &a.Email)
	return a, err
}

// InsertAccount stores a new account with an already hashed password.
func (t *Tx) InsertAccount(ctx context.Context, a *tdkt.Account, passwordHash, now string) (err error) {
	a.ID, err = t.Insert(ctx, `INSERT INTO accounts (login, name, email, role, org_id, password_hash, installation_admin, created_at, password_changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.Login, a.Name, a.Email, a.Role, a.OrgID, passwordHash, a.InstallationAdmin, now, now)
	return err
}

// AccountByLogin loads an account and its password hash for a login attempt.
func (t *Tx) AccountByLogin(ctx context.Context, login string) (tdkt.Account, string, error) {
	var a tdkt.Account
	var hash string
	err := t.Get(ctx, "tài khoản", `SELECT `+accountCols+`, a.password_hash FROM accounts a JOIN orgs o ON o.id = a.org_id WHERE a.login = ?`,
		[]any{login}, &a.ID, &a.Login, &a.Name, &a.Role, &a.OrgID, &a.Disabled, &a.InstallationAdmin, &a.ActsFor, &a.ActsForLevel, &a.AlsoActsFor, &a.OrgPath, &a.OrgName, &a.Email, &hash)
	return a, hash, err
}

// AccountAuth is what sign-in needs of an account beyond tdkt.Account: its password
// hash and its second factor.
type AccountAuth struct {
	PasswordHash string
	TOTPSecret   string // base32; empty when the account has no second factor
	TOTPPending  string // a secret offered at enrolment, not yet confirmed
	TOTPLastStep int64  // the last time step whose code was accepted
	// PasswordChangedAt is when the password was last set (RFC 3339).
	PasswordChangedAt string
}

// AccountAuth loads an account's password hash and second factor.
func (t *Tx) AccountAuth(ctx context.Context, id int64) (x AccountAuth, err error) {
	err = t.Get(ctx, "tài khoản", `SELECT password_hash, totp_secret, totp_pending, totp_last_step, password_changed_at FROM accounts WHERE id = ?`,
		[]any{id}, &x.PasswordHash, &x.TOTPSecret, &x.TOTPPending, &x.TOTPLastStep, &x.PasswordChangedAt)
	return x, err
}

// SetPassword replaces an account's password hash.
func (t *Tx) SetPassword(ctx context.Context, id int64, hash, now string) error {
	return changed(t.Exec(ctx, `UPDATE accounts SET password_hash = ?, password_changed_at = ?, version = version + 1 WHERE id = ?`, hash, now, id))
}

// SetDisabled disables or enables an account.
func (t *Tx) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	return changed(t.Exec(ctx, `UPDATE accounts SET disabled = ?, version = version + 1 WHERE id = ?`, disabled, id))
}

// AccountsUnder lists the accounts of the organisations whose path starts with path,
// by login.
func (t *Tx) AccountsUnder(ctx context.Context, path string) ([]tdkt.Account, error) {
	var out []tdkt.Account
	err := t.Each(ctx, `SELECT `+accountCols+` FROM accounts a JOIN orgs o ON o.id = a.org_id WHERE o.path LIKE ? ORDER BY a.login`,
		[]any{path + "%"}, func(r *sql.Rows) error {
			a, err := scanAccount(r)
			out = append(out, a)
			return err
		})
	return out, err
}

// AccountByID loads an account (a background job runs for the account that queued it).
func (t *Tx) AccountByID(ctx context.Context, id int64) (tdkt.Account, error) {
	var a tdkt.Account
	err := t.Each(ctx, `SELECT `+accountCols+` FROM accounts a JOIN orgs o ON o.id = a.org_id WHERE a.id = ?`, []any{id},
		func(r *sql.Rows) (err error) {
			a, err = scanAccount(r)
			return err
		})
	if err == nil && a.ID == 0 {
		err = tdkt.NotFound("tài khoản")
	}
	return a, err
}

// AccountAuditEvents lists the audit events about an account (entity "account"),
// oldest first: logins, failures, changes of password, second factor and state.
func (t *Tx) AccountAuditEvents(ctx context.Context, id int64) ([]tdkt.AuditEvent, error) {
	var out []tdkt.AuditEvent
	err := t.Each(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity, entity_id, COALESCE(org_id, 0), before_json, after_json
		FROM audit_events WHERE entity = 'account' AND entity_id = ? ORDER BY id`, []any{id}, func(r *sql.Rows) error {
		var e tdkt.AuditEvent
		err := r.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.OrgID, &e.Before, &e.After)
		out = append(out, e)
		return err
	})
	return out, err
}
