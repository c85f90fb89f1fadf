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
	"tdkt/vn"
)

// Password hashing: argon2id with the OWASP minimum (t=2, m=19 MiB, p=1), about 20 ms
// on the target machine, which shares two cores with everything else.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// Throttling: after this many failures within the window a login (or an address) must
// wait; the rows live in the database so that every tdkt process agrees.
const (
	maxFailuresPerLogin = 5
	maxFailuresPerIP    = 30
	failureWindow       = 15 * time.Minute
	// SessionLifetime is how long a session lasts after login.
	SessionLifetime = 12 * time.Hour
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

// Login checks a login and password and opens a new session; the caller drops any
// old session so that the token is renewed at every login. Repeated failures for a
// login or from an address are refused with ETooMany for a while.
func (s *Service) Login(ctx context.Context, login, password, ip string) (token string, acct tdkt.Account, err error) {
	login = strings.ToLower(strings.TrimSpace(login))
	now := s.Now()
	since := now.Add(-failureWindow).Format(time.RFC3339Nano)
	var hash string
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		byLogin, byIP, err := tx.LoginFailures(ctx, login, ip, since)
		if err != nil {
			return err
		}
		if byLogin >= maxFailuresPerLogin || byIP >= maxFailuresPerIP {
			return &tdkt.Error{Code: tdkt.ETooMany, Message: "Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút."}
		}
		acct, hash, err = tx.AccountByLogin(ctx, login)
		if tdkt.CodeOf(err) == tdkt.ENotFound {
			return nil
		}
		return err
	})
	if err != nil {
		return "", acct, err
	}
	if hash == "" {
		checkPassword(dummyHash, password)
	}
	if hash == "" || !checkPassword(hash, password) || acct.Disabled {
		ferr := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
			return tx.RecordLoginFailure(ctx, login, ip, now.Format(time.RFC3339Nano))
		})
		if ferr != nil {
			return "", tdkt.Account{}, ferr
		}
		return "", tdkt.Account{}, errLogin
	}
	token, th := NewSecret()
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if err := tx.ClearLoginFailures(ctx, login, since); err != nil {
			return err
		}
		if err := tx.InsertSession(ctx, th, acct.ID, s.stamp(), now.Add(SessionLifetime).Format("2006-01-02T15:04:05.000000Z")); err != nil {
			return err
		}
		return s.audit(ctx, tx, &acct, "login", "account", acct.ID, tdkt.Subject{}, acct.OrgID, nil, map[string]string{"ip": ip})
	})
	return token, acct, err
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error { return tx.DeleteSession(ctx, HashSecret(token), s.stamp()) })
}

// SessionAccount returns the account of a live session token.
func (s *Service) SessionAccount(ctx context.Context, token string) (acct tdkt.Account, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		acct, err = tx.AccountBySession(ctx, HashSecret(token), s.stamp())
		return err
	})
	return acct, err
}

// TokenAccount returns the account of a live API token.
func (s *Service) TokenAccount(ctx context.Context, token string) (acct tdkt.Account, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		acct, err = tx.AccountByToken(ctx, HashSecret(token))
		return err
	})
	return acct, err
}

// NewAccount describes an account to create.
type NewAccount struct {
	Login, Name, Password, OrgCode string
	Role                           tdkt.Role
	// InstallationAdmin makes an administrator of the whole installation; only the
	// command line or another installation administrator grants it.
	InstallationAdmin bool
}

// CreateAccount creates an account. actor is nil when the command line does it (the
// operator of the server is trusted); otherwise it must be an administrator whose
// subtree holds the organisation.
func (s *Service) CreateAccount(ctx context.Context, actor *tdkt.Account, n NewAccount) (acct tdkt.Account, err error) {
	n.Login = strings.ToLower(strings.TrimSpace(n.Login))
	n.Name = vn.NFC(n.Name)
	p := tdkt.Problems{}
	if len(n.Login) < 3 || len(n.Login) > 60 || strings.ContainsAny(n.Login, " \t/\\") {
		p.Add("login", "Tên đăng nhập dài 3–60 ký tự, không có dấu cách.")
	}
	if n.Name == "" {
		p.Add("name", "Không được để trống.")
	}
	if len([]rune(n.Password)) < 8 {
		p.Add("password", "Mật khẩu cần ít nhất 8 ký tự.")
	}
	if !tdkt.In(n.Role, tdkt.Roles) {
		p.Add("role", "Vai trò phải là một trong: quan_tri, can_bo_thi_dua, lanh_dao, thanh_vien_hoi_dong, xem.")
	}
	if n.InstallationAdmin && n.Role != tdkt.RoleAdmin {
		p.Add("role", "Chỉ tài khoản quản trị mới là quản trị hệ thống.")
	}
	if err := p.Err(); err != nil {
		return acct, err
	}
	hash := HashPassword(n.Password)
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		o, err := tx.OrgByCode(ctx, n.OrgCode)
		if err != nil {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"org": "Không có đơn vị mã " + n.OrgCode + "."}}
		}
		if actor != nil {
			if err := visible(actor, o.Path, "đơn vị"); err != nil {
				return err
			}
			if !actor.CanManageOrgs() || n.InstallationAdmin && !actor.CanManageInstallation() {
				return tdkt.Forbidden()
			}
		}
		acct = tdkt.Account{Login: n.Login, Name: n.Name, Role: n.Role, OrgID: o.ID, OrgPath: o.Path, OrgName: o.Name, InstallationAdmin: n.InstallationAdmin,
			ActsFor: o.StandingFor}
		if err := tx.InsertAccount(ctx, &acct, hash, s.stamp()); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "account", acct.ID, tdkt.Subject{}, o.ID, nil, acct)
	})
	return acct, err
}

// CreateToken issues a new API token for a login and returns it; only its hash is kept.
func (s *Service) CreateToken(ctx context.Context, login string) (string, error) {
	token, hash := NewSecret()
	err := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		acct, _, err := tx.AccountByLogin(ctx, strings.ToLower(login))
		if err != nil {
			return err
		}
		id, err := tx.InsertToken(ctx, acct.ID, hash, s.stamp())
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, nil, "create", "api_token", id, tdkt.Subject{}, acct.OrgID, nil, map[string]string{"login": acct.Login})
	})
	return token, err
}
