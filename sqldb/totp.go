package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// SetTOTPPending keeps the secret offered at enrolment until a code confirms it.
func (t *Tx) SetTOTPPending(ctx context.Context, accountID int64, secret string) error {
	return changed(t.Exec(ctx, `UPDATE accounts SET totp_pending = ? WHERE id = ?`, secret, accountID))
}

// ConfirmTOTP makes the pending secret the account's second factor; step is the step
// of the code that confirmed it (it cannot be used again). Zero rows (the pending
// secret changed meanwhile) is a Conflict.
func (t *Tx) ConfirmTOTP(ctx context.Context, accountID int64, secret string, step int64) error {
	return changed(t.Exec(ctx, `UPDATE accounts SET totp_secret = ?, totp_pending = '', totp_last_step = ?, version = version + 1
		WHERE id = ? AND totp_pending = ?`, secret, step, accountID, secret))
}

// ClearTOTP removes an account's second factor and its recovery codes.
func (t *Tx) ClearTOTP(ctx context.Context, accountID int64) error {
	if err := changed(t.Exec(ctx, `UPDATE accounts SET totp_secret = '', totp_pending = '', version = version + 1 WHERE id = ?`, accountID)); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `DELETE FROM recovery_codes WHERE account_id = ?`, accountID)
	return err
}

// UseTOTPStep records that the code of step was used; it reports false when that
// step, or a later one, was used already (a replayed code).
func (t *Tx) UseTOTPStep(ctx context.Context, accountID, step int64) (bool, error) {
	n, err := t.Exec(ctx, `UPDATE accounts SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?`, step, accountID, step)
	return n == 1, err
}

// ReplaceRecoveryCodes drops an account's recovery codes and stores new ones by hash.
func (t *Tx) ReplaceRecoveryCodes(ctx context.Context, accountID int64, hashes []string) error {
	if _, err := t.Exec(ctx, `DELETE FROM recovery_codes WHERE account_id = ?`, accountID); err != nil {
		return err
	}
	for _, h := range hashes {
		if _, err := t.Exec(ctx, `INSERT INTO recovery_codes (account_id, code_hash) VALUES (?, ?)`, accountID, h); err != nil {
			return err
		}
	}
	return nil
}

// UseRecoveryCode spends one unused recovery code; false when there is none with
// that hash.
func (t *Tx) UseRecoveryCode(ctx context.Context, accountID int64, hash, now string) (bool, error) {
	n, err := t.Exec(ctx, `UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at = ''`, now, accountID, hash)
	return n == 1, err
}

// RecoveryCodesLeft counts an account's unused recovery codes.
func (t *Tx) RecoveryCodesLeft(ctx context.Context, accountID int64) (int64, error) {
	return t.Int(ctx, `SELECT count(*) FROM recovery_codes WHERE account_id = ? AND used_at = ''`, accountID)
}

// PendingLogin is a login whose password was right and whose second factor is awaited.
type PendingLogin struct {
	AccountID     int64
	IP, UserAgent string
	Next          string
	Attempts      int
	ExpiresAt     string
}

// InsertPendingLogin stores a pending login by the hash of its token; expired ones
// are swept at the same time.
func (t *Tx) InsertPendingLogin(ctx context.Context, tokenHash string, p PendingLogin, now string) error {
	if _, err := t.Exec(ctx, `DELETE FROM pending_logins WHERE expires_at < ?`, now); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO pending_logins (token_hash, account_id, ip, user_agent, next, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
		tokenHash, p.AccountID, p.IP, p.UserAgent, p.Next, p.ExpiresAt)
	return err
}

// TakePendingAttempt counts one code attempt on a live pending login and returns it;
// a pending login that is unknown, expired or out of attempts is Unauthenticated.
func (t *Tx) TakePendingAttempt(ctx context.Context, tokenHash, now string, maxAttempts int) (PendingLogin, error) {
	var p PendingLogin
	err := t.Each(ctx, `UPDATE pending_logins SET attempts = attempts + 1 WHERE token_hash = ? AND expires_at > ? AND attempts < ?
		RETURNING account_id, ip, user_agent, next, attempts, expires_at`, []any{tokenHash, now, maxAttempts}, func(r *sql.Rows) error {
		return r.Scan(&p.AccountID, &p.IP, &p.UserAgent, &p.Next, &p.Attempts, &p.ExpiresAt)
	})
	if err == nil && p.AccountID == 0 {
		err = &tdkt.Error{Code: tdkt.EUnauthenticated, Message: "Lượt đăng nhập đã hết hạn hoặc nhập sai mã quá nhiều lần; hãy đăng nhập lại."}
	}
	return p, err
}

// DeletePendingLogin ends a pending login.
func (t *Tx) DeletePendingLogin(ctx context.Context, tokenHash string) error {
	_, err := t.Exec(ctx, `DELETE FROM pending_logins WHERE token_hash = ?`, tokenHash)
	return err
}
