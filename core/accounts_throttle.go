package core

import (
	"context"
	"time"

	"tdkt"
	"tdkt/sqldb"
)

// Login throttling counts attempts, in the database so that every tdkt process
// agrees, in fixed windows under three keys:
//
//   - a login and an address together ("pair"): pairLimit per pairWindow. This is
//     the limit a guesser meets first, and it does not touch the owner, who logs in
//     from another address.
//   - a login from anywhere: accountLimit per accountWindow. When it is reached the
//     account is not locked: its owner still gets in from a known device (a browser
//     where the account completed a login before) or by giving the second factor
//     together with the password; everyone else is refused.
//   - an address across logins: ipLimit per ipWindow, against one address trying
//     many accounts.
//
// An attempt is reserved before the password is checked, by a conditional upsert in
// one transaction (sqldb.ReserveLoginAttempt), so concurrent attempts never check
// more passwords than the limit. A successful login gives its own reservation back
// and resets its pair; the failures stay counted and stay in the audit trail.
const (
	pairLimit     = 5
	pairWindow    = 15 * time.Minute
	accountLimit  = 50
	accountWindow = time.Hour
	ipLimit       = 30
	ipWindow      = 15 * time.Minute
	// KnownDeviceLifetime is how long a browser stays known after a complete login.
	KnownDeviceLifetime = 180 * 24 * time.Hour
)

// KnownDeviceCookie is the cookie that names a known device; only the hash of its
// value is stored.
const KnownDeviceCookie = "tdkt_device"

// reservation is what an attempt took from the counters, to give back on success.
type reservation struct {
	pairKey, accountKey, ipKey     string
	pairWin, accountWin, ipWin     string
	accountCounted, locked, device bool
}

// windowOf is the start of the fixed window of length d that holds t.
func windowOf(t time.Time, d time.Duration) string { return stampOf(t.Truncate(d)) }

var errTooManyHere = &tdkt.Error{Code: tdkt.ETooMany, Message: "Đăng nhập sai quá nhiều lần từ địa chỉ này. Hãy thử lại sau 15 phút."}

// reserveAttempt counts one attempt for login from ip, or refuses it. When only the
// account-wide limit is reached the attempt goes on with locked set: the caller lets
// it in only from a known device or with the second factor.
func (s *Service) reserveAttempt(ctx context.Context, tx *sqldb.Tx, login, ip string) (r reservation, err error) {
	now := s.Now()
	r = reservation{pairKey: "pair:" + login + "|" + ip, accountKey: "login:" + login, ipKey: "ip:" + ip,
		pairWin: windowOf(now, pairWindow), accountWin: windowOf(now, accountWindow), ipWin: windowOf(now, ipWindow)}
	ok, err := tx.ReserveLoginAttempt(ctx, r.pairKey, r.pairWin, pairLimit)
	if err != nil || !ok {
		return r, firstErr(err, errTooManyHere)
	}
	if ok, err = tx.ReserveLoginAttempt(ctx, r.ipKey, r.ipWin, ipLimit); err != nil || !ok {
		return r, firstErr(err, errTooManyHere)
	}
	if r.accountCounted, err = tx.ReserveLoginAttempt(ctx, r.accountKey, r.accountWin, accountLimit); err != nil {
		return r, err
	}
	r.locked = !r.accountCounted
	return r, nil
}

// settleAttempt runs after a right password: the pair starts afresh, and the attempt
// is given back to the account and the address (it was not a guess).
func (s *Service) settleAttempt(ctx context.Context, tx *sqldb.Tx, r reservation) error {
	if err := tx.ResetLoginCounter(ctx, r.pairKey); err != nil {
		return err
	}
	if err := tx.RefundLoginAttempt(ctx, r.ipKey, r.ipWin); err != nil {
		return err
	}
	if r.accountCounted {
		if err := tx.RefundLoginAttempt(ctx, r.accountKey, r.accountWin); err != nil {
			return err
		}
	}
	return tx.SweepLoginThrottle(ctx, stampOf(s.Now().Add(-2*accountWindow)))
}

func firstErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}
