package sqldb

import (
	"context"
	"database/sql"

	"tdkt"
)

// APIToken is an API token as its account sees it: never its secret.
type APIToken struct {
	ID         int64
	AccountID  int64
	Name       string
	CreatedAt  string
	ExpiresAt  string
	LastUsedAt string // empty until first used
	Revoked    bool
}

// InsertToken stores an API token by its hash.
func (t *Tx) InsertToken(ctx context.Context, k APIToken, tokenHash string) (int64, error) {
	return t.Insert(ctx, `INSERT INTO api_tokens (account_id, token_hash, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		k.AccountID, tokenHash, k.Name, k.CreatedAt, k.ExpiresAt)
}

// AccountByToken finds the account of a live API token: not revoked, not expired, of
// an account that is not disabled.
func (t *Tx) AccountByToken(ctx context.Context, tokenHash, now string) (tdkt.Account, APIToken, error) {
	var a tdkt.Account
	var k APIToken
	err := t.Each(ctx, `SELECT `+accountCols+`, k.id, k.name, k.created_at, k.expires_at, k.last_used_at
		FROM api_tokens k JOIN accounts a ON a.id = k.account_id JOIN orgs o ON o.id = a.org_id
		WHERE k.token_hash = ? AND NOT k.revoked AND k.expires_at > ? AND NOT a.disabled`, []any{tokenHash, now}, func(r *sql.Rows) error {
		return r.Scan(&a.ID, &a.Login, &a.Name, &a.Role, &a.OrgID, &a.Disabled, &a.InstallationAdmin, &a.ActsFor, &a.ActsForLevel, &a.AlsoActsFor, &a.OrgPath, &a.OrgName, &a.Email,
			&k.ID, &k.Name, &k.CreatedAt, &k.ExpiresAt, &k.LastUsedAt)
	})
	if err == nil && a.ID == 0 {
		err = &tdkt.Error{Code: tdkt.EUnauthenticated, Message: "Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."}
	}
	k.AccountID = a.ID
	return a, k, err
}

// TouchToken records a token's use now unless one after notBefore is recorded; like
// TouchSession it runs outside Update.
func (db *DB) TouchToken(ctx context.Context, id int64, now, notBefore string) error {
	_, err := db.write.ExecContext(ctx, db.q(`UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND last_used_at < ?`), now, id, notBefore)
	return mapErr(err)
}

// TokensOf lists an account's tokens, newest first.
func (t *Tx) TokensOf(ctx context.Context, accountID int64) ([]APIToken, error) {
	var out []APIToken
	err := t.Each(ctx, `SELECT id, name, created_at, expires_at, last_used_at, revoked FROM api_tokens WHERE account_id = ? ORDER BY id DESC`,
		[]any{accountID}, func(r *sql.Rows) error {
			k := APIToken{AccountID: accountID}
			err := r.Scan(&k.ID, &k.Name, &k.CreatedAt, &k.ExpiresAt, &k.LastUsedAt, &k.Revoked)
			out = append(out, k)
			return err
		})
	return out, err
}

// RevokeToken revokes one of an account's tokens; a token of another account, or one
// already revoked, is NotFound.
func (t *Tx) RevokeToken(ctx context.Context, accountID, id int64) error {
	n, err := t.Exec(ctx, `UPDATE api_tokens SET revoked = TRUE WHERE id = ? AND account_id = ? AND NOT revoked`, id, accountID)
	if err == nil && n == 0 {
		err = tdkt.NotFound("mã truy cập API")
	}
	return err
}

// RevokeTokensOf revokes every token of an account and returns how many.
func (t *Tx) RevokeTokensOf(ctx context.Context, accountID int64) (int64, error) {
	return t.Exec(ctx, `UPDATE api_tokens SET revoked = TRUE WHERE account_id = ? AND NOT revoked`, accountID)
}
