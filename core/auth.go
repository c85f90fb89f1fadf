package core

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"tdkt"
	"tdkt/sqldb"
)

// Password hashing: argon2id with the OWASP minimum (t=2, m=19 MiB, p=1), about 20 ms
// on the target machine, which shares two cores with everything else.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// Sessions end SessionLifetime after login, or IdleTimeout after their last request,
// whichever comes first. The last request is written at most once per touchEvery, so
// that a page view is not a database write.
const (
	// SessionLifetime is how long a session lasts after login at most.
	SessionLifetime = 12 * time.Hour
	// IdleTimeout ends a session that made no request for this long.
	IdleTimeout = 30 * time.Minute
	touchEvery  = time.Minute
	// pendingLifetime is how long the second step of a login waits for its code, and
	// pendingAttempts how many codes it takes.
	pendingLifetime = 5 * time.Minute
	pendingAttempts = 5
)

// HashPassword returns the PHC-style argon2id hash of a password.
func HashPassword(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// checkPassword compares a password with a hash from HashPassword in constant time.
func checkPassword(hash, password string) bool {
	var m, t uint32
	var p uint8
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// verifyPassword checks a password against a hash (or the dummy hash when the login
// does not exist) and tells the test hook, which counts the checks.
func (s *Service) verifyPassword(hash, password string) bool {
	if s.passwordChecked != nil {
		s.passwordChecked()
	}
	if hash == "" {
		checkPassword(dummyHash, password)
		return false
	}
	return checkPassword(hash, password)
}

// dummyHash is compared against when the login does not exist, so that a wrong login
// and a wrong password take the same time.
var dummyHash = HashPassword("tdkt-không-có-tài-khoản")

// NewSecret returns a random token for a session or an API key, and the hash stored
// in the database (the token itself is never stored).
func NewSecret() (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashSecret(token)
}

// HashSecret is the stored form of a session token or API key.
func HashSecret(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

var errLogin = &tdkt.Error{Code: tdkt.EUnauthenticated, Message: "Tên đăng nhập hoặc mật khẩu không đúng."}

// RequiresSecondFactor reports whether accounts of a role must have a second factor:
// administrators and the leaders who decide.
func RequiresSecondFactor(role tdkt.Role) bool {
	return role == tdkt.RoleAdmin || role == tdkt.RoleLeader
}

// LoginRequest is one login attempt from the form or a client.
type LoginRequest struct {
	Login, Password string
	IP, UserAgent   string
	// Device is the known-device cookie the browser sent, if any.
	Device string
	// Code is a second-factor code (TOTP or recovery) given together with the
	// password: it is how the owner logs in while the account-wide limit holds.
	Code string
	// Next is where the browser goes after the login; a pending login keeps it.
	Next string
}

// LoginResult is where a login attempt stands.
type LoginResult struct {
	Account tdkt.Account
	// Session is the new session's token when the login is complete.
	Session string
	// Pending is the token of the second step when the account's second factor is
	// awaited (LoginSecondFactor); Session is empty then.
	Pending string
	// Next is where to go after the login.
	Next string
	// MustEnrol: the account must enrol a second factor before anything else.
	MustEnrol bool
	// Device is a new known-device token for the browser's cookie (a complete login).
	Device string
}

// Login checks a login and password. The attempt is counted before the password is
// checked (see reserveAttempt); a refused attempt is ETooMany. When the account has a
// second factor, a right password gives a pending login (LoginResult.Pending) that
// LoginSecondFactor completes; otherwise a new session. The caller drops any old
// session so that the token is renewed at every login. Failures are kept in the audit
// trail (action "login_failed").
func (s *Service) Login(ctx context.Context, req LoginRequest) (LoginResult, error) {
	req.Login = strings.ToLower(strings.TrimSpace(req.Login))
	res := LoginResult{Next: req.Next}
	var acct tdkt.Account
	var auth sqldb.AccountAuth
	var r reservation
	err := s.DB.Update(ctx, func(tx *sqldb.Tx) (err error) {
		if r, err = s.reserveAttempt(ctx, tx, req.Login, req.IP); err != nil {
			return err
		}
		a, _, err := tx.AccountByLogin(ctx, req.Login)
		if tdkt.CodeOf(err) == tdkt.ENotFound {
			err = nil
		} else if err == nil {
			acct = a
			auth, err = tx.AccountAuth(ctx, a.ID)
		}
		if err != nil || !r.locked {
			return err
		}
		// The account-wide limit holds: the owner still gets in from a known device,
		// or with the second factor given together with the password.
		if acct.ID != 0 && req.Device != "" {
			if r.device, err = tx.IsKnownDevice(ctx, HashSecret(req.Device), acct.ID, s.stamp()); err != nil || r.device {
				return err
			}
		}
		if req.Code == "" {
			return errLocked
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	ok := s.verifyPassword(auth.PasswordHash, req.Password) && !acct.Disabled
	withCode := r.locked && !r.device
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if ok && withCode {
			ok = auth.TOTPSecret != ""
			if ok {
				ok, err = s.spendCode(ctx, tx, acct.ID, auth.TOTPSecret, req.Code)
				if err != nil {
					return err
				}
			}
		}
		if !ok {
			reason := "mật khẩu sai"
			switch {
			case acct.ID == 0:
				reason = "không có tài khoản"
			case acct.Disabled:
				reason = "tài khoản bị khóa"
			case withCode:
				reason = "mật khẩu hoặc mã xác thực sai khi tài khoản đang bị hạn chế"
			}
			return s.loginFailed(ctx, tx, acct, req.Login, req.IP, reason)
		}
		if err := s.settleAttempt(ctx, tx, r); err != nil {
			return err
		}
		res.Account = acct
		if auth.TOTPSecret != "" && !withCode {
			pending, ph := NewSecret()
			res.Pending = pending
			return tx.InsertPendingLogin(ctx, ph, sqldb.PendingLogin{AccountID: acct.ID, IP: req.IP, UserAgent: req.UserAgent, Next: req.Next,
				ExpiresAt: stampOf(s.Now().Add(pendingLifetime))}, s.stamp())
		}
		return s.openSession(ctx, tx, &res, req.IP, req.UserAgent, withCode)
	})
	if err == nil && !ok {
		err = errLogin
	}
	return res, err
}

var errLocked = &tdkt.Error{Code: tdkt.ETooMany, Message: "Tài khoản đang tạm bị hạn chế đăng nhập vì có nhiều lần đăng nhập sai. " +
	"Chủ tài khoản vẫn đăng nhập được từ thiết bị đã dùng trước đây, hoặc nhập mật khẩu cùng mã xác thực hai bước."}

var errCode = &tdkt.Error{Code: tdkt.EUnauthenticated, Message: "Mã xác thực không đúng hoặc đã được dùng."}

// LoginSecondFactor completes a pending login with a TOTP code or a recovery code.
// A pending login takes pendingAttempts codes within pendingLifetime; a wrong code
// counts against the account-wide limit and is kept in the audit trail.
func (s *Service) LoginSecondFactor(ctx context.Context, pending, code, ip, userAgent string) (LoginResult, error) {
	var res LoginResult
	ok := false
	err := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		p, err := tx.TakePendingAttempt(ctx, HashSecret(pending), s.stamp(), pendingAttempts)
		if err != nil {
			return err
		}
		acct, err := tx.AccountByID(ctx, p.AccountID)
		if err != nil {
			return err
		}
		auth, err := tx.AccountAuth(ctx, acct.ID)
		if err != nil {
			return err
		}
		if ok, err = s.spendCode(ctx, tx, acct.ID, auth.TOTPSecret, code); err != nil {
			return err
		}
		if !ok || acct.Disabled {
			ok = false
			if err := tx.CountLoginFailure(ctx, "login:"+acct.Login, windowOf(s.Now(), accountWindow)); err != nil {
				return err
			}
			return s.loginFailed(ctx, tx, acct, acct.Login, ip, "mã xác thực hai bước sai")
		}
		if err := tx.DeletePendingLogin(ctx, HashSecret(pending)); err != nil {
			return err
		}
		res = LoginResult{Account: acct, Next: p.Next}
		return s.openSession(ctx, tx, &res, ip, userAgent, true)
	})
	if err == nil && !ok {
		err = errCode
	}
	return res, err
}

// spendCode accepts a TOTP code once (its step must be later than the last one used)
// or an unused recovery code, and spends it.
func (s *Service) spendCode(ctx context.Context, tx *sqldb.Tx, accountID int64, secret, code string) (bool, error) {
	if secret == "" {
		return false, nil
	}
	if step := matchTOTP(secret, code, s.Now()); step != 0 {
		return tx.UseTOTPStep(ctx, accountID, step)
	}
	if rc := normaliseRecoveryCode(code); len(rc) == recoveryCodeLen {
		return tx.UseRecoveryCode(ctx, accountID, HashSecret(rc), s.stamp())
	}
	return false, nil
}

// openSession starts a session for res.Account, remembers the browser as a known
// device and audits the login.
func (s *Service) openSession(ctx context.Context, tx *sqldb.Tx, res *LoginResult, ip, userAgent string, secondFactor bool) error {
	now := s.Now()
	token, th := NewSecret()
	if err := tx.InsertSession(ctx, th, sqldb.Session{AccountID: res.Account.ID, CreatedAt: s.stamp(), ExpiresAt: stampOf(now.Add(SessionLifetime)),
		IP: ip, UserAgent: shorten(userAgent, 200), SecondFactor: secondFactor}); err != nil {
		return err
	}
	device, dh := NewSecret()
	if err := tx.InsertKnownDevice(ctx, dh, res.Account.ID, s.stamp(), stampOf(now.Add(KnownDeviceLifetime))); err != nil {
		return err
	}
	res.Session, res.Device = token, device
	if err := s.notifyLogin(ctx, tx, &res.Account, ip, userAgent); err != nil {
		return err
	}
	auth, err := tx.AccountAuth(ctx, res.Account.ID)
	if err != nil {
		return err
	}
	res.MustEnrol = RequiresSecondFactor(res.Account.Role) && auth.TOTPSecret == ""
	return s.audit(ctx, tx, &res.Account, "login", "account", res.Account.ID, tdkt.Subject{}, res.Account.OrgID, nil,
		map[string]any{"ip": ip, "second_factor": secondFactor})
}

// loginFailed keeps a failed login: a row for the record and an audit event with the
// login tried and the address, never the password. An unknown login has no account:
// its event has entity id 0.
func (s *Service) loginFailed(ctx context.Context, tx *sqldb.Tx, acct tdkt.Account, login, ip, reason string) error {
	if err := tx.RecordLoginFailure(ctx, login, ip, s.stamp()); err != nil {
		return err
	}
	return s.audit(ctx, tx, &tdkt.Account{Login: "ẩn danh"}, "login_failed", "account", acct.ID, tdkt.Subject{}, acct.OrgID, nil,
		map[string]string{"login": login, "ip": ip, "reason": reason})
}

// Logout ends a session and audits it.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		acct, _, err := tx.AccountBySession(ctx, HashSecret(token), s.stamp(), "")
		if err := tx.DeleteSession(ctx, HashSecret(token), s.stamp()); err != nil {
			return err
		}
		if err != nil {
			return nil // a dead session: nothing to record
		}
		return s.audit(ctx, tx, &acct, "logout", "account", acct.ID, tdkt.Subject{}, acct.OrgID, nil, nil)
	})
}

// SessionAccount returns the account of a live session token.
func (s *Service) SessionAccount(ctx context.Context, token string) (tdkt.Account, error) {
	a, _, err := s.Session(ctx, token)
	return a, err
}

// Session returns the account and the credential of a live session token: one that
// has not expired, was used within IdleTimeout, of an account that is not disabled.
// It records the use at most once a minute.
func (s *Service) Session(ctx context.Context, token string) (acct tdkt.Account, c Credential, err error) {
	now := s.Now()
	h := HashSecret(token)
	var sess sqldb.Session
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		acct, sess, err = tx.AccountBySession(ctx, h, stampOf(now), stampOf(now.Add(-IdleTimeout)))
		return err
	})
	if err != nil {
		return acct, c, err
	}
	if sess.LastSeen < stampOf(now.Add(-touchEvery)) {
		// Not through Update: recording a use is not a change of records, and must
		// not drop the cached public pages (see sqldb.DB.Writes).
		if err := s.DB.TouchSession(ctx, h, stampOf(now), stampOf(now.Add(-touchEvery))); err != nil {
			return acct, c, err
		}
	}
	c = Credential{Kind: CredentialSession, SessionRef: sess.Ref, SecondFactor: sess.SecondFactor,
		MustEnrol: RequiresSecondFactor(acct.Role) && !sess.AccountHasTOTP, token: token}
	return acct, c, nil
}

// TokenAccount returns the account of a live API token: not revoked, not expired. It
// records the token's use at most once a minute.
func (s *Service) TokenAccount(ctx context.Context, token string) (acct tdkt.Account, err error) {
	now := s.Now()
	var k sqldb.APIToken
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		acct, k, err = tx.AccountByToken(ctx, HashSecret(token), stampOf(now))
		return err
	})
	if err == nil && k.LastUsedAt < stampOf(now.Add(-touchEvery)) {
		err = s.DB.TouchToken(ctx, k.ID, stampOf(now), stampOf(now.Add(-touchEvery)))
	}
	return acct, err
}

// shorten cuts s to at most n bytes on a rune boundary.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
