package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// Session is one signed-in browser of an account. Ref is a short public name of the
// session (the start of its token's hash) by which the account ends it.
type Session struct {
	Ref          string
	AccountID    int64
	CreatedAt    string
	ExpiresAt    string
	LastSeen     string
	IP           string
	UserAgent    string
	SecondFactor bool // the login passed the second factor
	// AccountHasTOTP tells whether the account has a second factor (filled by
	// AccountBySession).
	AccountHasTOTP bool
}

// sessionRefLen is how much of the token's hash names a session in lists and forms.
const sessionRefLen = 16

// InsertSession stores a session by the hash of its token.
func (t *Tx) InsertSession(ctx context.Context, tokenHash string, s Session) error {
	_, err := t.Exec(ctx, `INSERT INTO sessions (token_hash, account_id, created_at, expires_at, last_seen, ip, user_agent, second_factor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		tokenHash, s.AccountID, s.CreatedAt, s.ExpiresAt, s.CreatedAt, s.IP, s.UserAgent, s.SecondFactor)
	return err
}

var errSessionOver = &tdkt.Error{Code: tdkt.EUnauthenticated, Message: "Phiên đăng nhập đã hết hạn; hãy đăng nhập lại."}

// AccountBySession finds the account of a live session: not expired, used since
// idleSince, of an account that is not disabled.
func (t *Tx) AccountBySession(ctx context.Context, tokenHash, now, idleSince string) (tdkt.Account, Session, error) {
	var a tdkt.Account
	var s Session
	err := t.Each(ctx, `SELECT `+accountCols+`, s.token_hash, s.created_at, s.expires_at, s.last_seen, s.ip, s.user_agent, s.second_factor, a.totp_secret <> ''
		FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN orgs o ON o.id = a.org_id
		WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen > ? AND NOT a.disabled`, []any{tokenHash, now, idleSince}, func(r *sql.Rows) error {
		return r.Scan(&a.ID, &a.Login, &a.Name, &a.Role, &a.OrgID, &a.Disabled, &a.InstallationAdmin, &a.ActsFor, &a.ActsForLevel, &a.AlsoActsFor, &a.OrgPath, &a.OrgName, &a.Email,
			&s.Ref, &s.CreatedAt, &s.ExpiresAt, &s.LastSeen, &s.IP, &s.UserAgent, &s.SecondFactor, &s.AccountHasTOTP)
	})
	if err == nil && a.ID == 0 {
		err = errSessionOver
	}
	s.Ref = ref(s.Ref)
	s.AccountID = a.ID
	return a, s, err
}

func ref(hash string) string {
	if len(hash) > sessionRefLen {
		return hash[:sessionRefLen]
	}
	return hash
}

// TouchSession records that a session was used now, unless that was already
// recorded after notBefore: a session is written at most once a minute, not on every
// request. It runs outside Update on purpose, as CountRequest does: a use is not a
// change of records and must not drop the cached public pages.
func (db *DB) TouchSession(ctx context.Context, tokenHash, now, notBefore string) error {
	_, err := db.write.ExecContext(ctx, db.q(`UPDATE sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?`), now, tokenHash, notBefore)
	return mapErr(err)
}

// SetSessionSecondFactor marks a session as having passed the second factor (after
// an enrolment made in it).
func (t *Tx) SetSessionSecondFactor(ctx context.Context, tokenHash string) error {
	return changed(t.Exec(ctx, `UPDATE sessions SET second_factor = TRUE WHERE token_hash = ?`, tokenHash))
}

// DeleteSession ends a session; expired sessions are swept at the same time.
func (t *Tx) DeleteSession(ctx context.Context, tokenHash, now string) error {
	_, err := t.Exec(ctx, `DELETE FROM sessions WHERE token_hash = ? OR expires_at < ?`, tokenHash, now)
	return err
}

// DeleteSessionsOf ends every session of an account but the one whose token hash is
// keep (empty: all), and returns how many ended.
func (t *Tx) DeleteSessionsOf(ctx context.Context, accountID int64, keep string) (int64, error) {
	return t.Exec(ctx, `DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?`, accountID, keep)
}

// DeleteSessionByRef ends one session of an account named by its Ref.
func (t *Tx) DeleteSessionByRef(ctx context.Context, accountID int64, sessionRef string) error {
	if len(sessionRef) != sessionRefLen {
		return tdkt.NotFound("phiên đăng nhập")
	}
	n, err := t.Exec(ctx, `DELETE FROM sessions WHERE account_id = ? AND substr(token_hash, 1, 16) = ?`, accountID, sessionRef)
	if err == nil && n == 0 {
		err = tdkt.NotFound("phiên đăng nhập")
	}
	return err
}

// SessionsOf lists an account's live sessions, the most recently used first.
func (t *Tx) SessionsOf(ctx context.Context, accountID int64, now, idleSince string) ([]Session, error) {
	var out []Session
	err := t.Each(ctx, `SELECT token_hash, created_at, expires_at, last_seen, ip, user_agent, second_factor FROM sessions
		WHERE account_id = ? AND expires_at > ? AND last_seen > ? ORDER BY last_seen DESC, created_at DESC`, []any{accountID, now, idleSince}, func(r *sql.Rows) error {
		s := Session{AccountID: accountID}
		err := r.Scan(&s.Ref, &s.CreatedAt, &s.ExpiresAt, &s.LastSeen, &s.IP, &s.UserAgent, &s.SecondFactor)
		s.Ref = ref(s.Ref)
		out = append(out, s)
		return err
	})
	return out, err
}

// InsertKnownDevice remembers a browser where the account completed a login.
func (t *Tx) InsertKnownDevice(ctx context.Context, tokenHash string, accountID int64, now, expires string) error {
	_, err := t.Exec(ctx, `INSERT INTO known_devices (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`, tokenHash, accountID, now, expires)
	return err
}

// IsKnownDevice reports whether a device token belongs to the account and is live.
func (t *Tx) IsKnownDevice(ctx context.Context, tokenHash string, accountID int64, now string) (bool, error) {
	n, err := t.Int(ctx, `SELECT count(*) FROM known_devices WHERE token_hash = ? AND account_id = ? AND expires_at > ?`, tokenHash, accountID, now)
	return n > 0, err
}

// DeleteKnownDevicesOf forgets an account's devices (its password was reset).
func (t *Tx) DeleteKnownDevicesOf(ctx context.Context, accountID int64) error {
	_, err := t.Exec(ctx, `DELETE FROM known_devices WHERE account_id = ?`, accountID)
	return err
}
