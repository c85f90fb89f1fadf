package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

const accountCols = `a.id, a.login, a.name, a.role, a.org_id, a.disabled, a.installation_admin, COALESCE(o.standing_for, 0), o.path, o.name`

func scanAccount(r interface{ Scan(...any) error }) (tdkt.Account, error) {
	var a tdkt.Account
	err := r.Scan(&a.ID, &a.Login, &a.Name, &a.Role, &a.OrgID, &a.Disabled, &a.InstallationAdmin, &a.ActsFor, &a.OrgPath, &a.OrgName)
	return a, err
}

// InsertAccount stores a new account with an already hashed password.
func (t *Tx) InsertAccount(ctx context.Context, a *tdkt.Account, passwordHash, now string) (err error) {
	a.ID, err = t.Insert(ctx, `INSERT INTO accounts (login, name, role, org_id, password_hash, installation_admin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		a.Login, a.Name, a.Role, a.OrgID, passwordHash, a.InstallationAdmin, now)
	return err
}

// AccountByLogin loads an account and its password hash for a login attempt.
func (t *Tx) AccountByLogin(ctx context.Context, login string) (tdkt.Account, string, error) {
	var a tdkt.Account
	var hash string
	err := t.Get(ctx, "tài khoản", `SELECT `+accountCols+`, a.password_hash FROM accounts a JOIN orgs o ON o.id = a.org_id WHERE a.login = ?`,
		[]any{login}, &a.ID, &a.Login, &a.Name, &a.Role, &a.OrgID, &a.Disabled, &a.InstallationAdmin, &a.ActsFor, &a.OrgPath, &a.OrgName, &hash)
	return a, hash, err
}

// SetPassword replaces an account's password hash.
func (t *Tx) SetPassword(ctx context.Context, id int64, hash string) error {
	return changed(t.Exec(ctx, `UPDATE accounts SET password_hash = ?, version = version + 1 WHERE id = ?`, hash, id))
}

// AccountBySession finds the account of a live session.
func (t *Tx) AccountBySession(ctx context.Context, tokenHash, now string) (tdkt.Account, error) {
	var a tdkt.Account
	err := t.Each(ctx, `SELECT `+accountCols+` FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN orgs o ON o.id = a.org_id
		WHERE s.token_hash = ? AND s.expires_at > ? AND NOT a.disabled`, []any{tokenHash, now}, func(r *sql.Rows) (err error) {
		a, err = scanAccount(r)
		return err
	})
	if err == nil && a.ID == 0 {
		err = &tdkt.Error{Code: tdkt.EUnauthenticated, Message: "Phiên đăng nhập đã hết hạn; hãy đăng nhập lại."}
	}
	return a, err
}

// AccountByToken finds the account of a live API token.
func (t *Tx) AccountByToken(ctx context.Context, tokenHash string) (tdkt.Account, error) {
	var a tdkt.Account
	err := t.Each(ctx, `SELECT `+accountCols+` FROM api_tokens k JOIN accounts a ON a.id = k.account_id JOIN orgs o ON o.id = a.org_id
		WHERE k.token_hash = ? AND NOT k.revoked AND NOT a.disabled`, []any{tokenHash}, func(r *sql.Rows) (err error) {
		a, err = scanAccount(r)
		return err
	})
	if err == nil && a.ID == 0 {
		err = &tdkt.Error{Code: tdkt.EUnauthenticated, Message: "Mã truy cập API không hợp lệ hoặc đã bị thu hồi."}
	}
	return a, err
}

// InsertSession stores a session by the hash of its token.
func (t *Tx) InsertSession(ctx context.Context, tokenHash string, accountID int64, now, expires string) error {
	_, err := t.Exec(ctx, `INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`, tokenHash, accountID, now, expires)
	return err
}

// DeleteSession ends a session; expired sessions are swept at the same time.
func (t *Tx) DeleteSession(ctx context.Context, tokenHash, now string) error {
	_, err := t.Exec(ctx, `DELETE FROM sessions WHERE token_hash = ? OR expires_at < ?`, tokenHash, now)
	return err
}

// InsertToken stores an API token by its hash.
func (t *Tx) InsertToken(ctx context.Context, accountID int64, tokenHash, now string) (int64, error) {
	return t.Insert(ctx, `INSERT INTO api_tokens (account_id, token_hash, created_at) VALUES (?, ?, ?)`, accountID, tokenHash, now)
}

// RecordLoginFailure notes a failed login for throttling.
func (t *Tx) RecordLoginFailure(ctx context.Context, login, ip, now string) error {
	_, err := t.Exec(ctx, `INSERT INTO login_failures (login, ip, at) VALUES (?, ?, ?)`, login, ip, now)
	return err
}

// LoginFailures counts failures since the given instant for a login and for an address.
func (t *Tx) LoginFailures(ctx context.Context, login, ip, since string) (byLogin, byIP int64, err error) {
	if byLogin, err = t.Int(ctx, `SELECT count(*) FROM login_failures WHERE login = ? AND at > ?`, login, since); err != nil {
		return
	}
	byIP, err = t.Int(ctx, `SELECT count(*) FROM login_failures WHERE ip = ? AND at > ?`, ip, since)
	return
}

// ClearLoginFailures forgets a login's failures after a success, and old rows.
func (t *Tx) ClearLoginFailures(ctx context.Context, login, before string) error {
	_, err := t.Exec(ctx, `DELETE FROM login_failures WHERE login = ? OR at < ?`, login, before)
	return err
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
