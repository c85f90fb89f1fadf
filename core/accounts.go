package core

import (
	"context"
	"strings"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// NewAccount describes an account to create.
type NewAccount struct {
	Login, Name, Password, OrgCode string
	// Email is where notices and password reset links go; may be empty.
	Email string
	Role  tdkt.Role
	// InstallationAdmin makes an administrator of the whole installation; only the
	// command line or another installation administrator grants it.
	InstallationAdmin bool
}

// CreateAccount creates an account. actor is nil when the command line does it (the
// operator of the server is trusted); otherwise it must be an administrator whose
// subtree holds the organisation. The password must pass the policy (passwordProblem).
func (s *Service) CreateAccount(ctx context.Context, actor *tdkt.Account, n NewAccount) (acct tdkt.Account, err error) {
	n.Login = strings.ToLower(strings.TrimSpace(n.Login))
	n.Name = vn.NFC(n.Name)
	p := tdkt.Problems{}
	if len(n.Login) < 3 || len(n.Login) > 60 || strings.ContainsAny(n.Login, " \t/\\|") {
		p.Add("login", "Tên đăng nhập dài 3–60 ký tự, không có dấu cách.")
	}
	if n.Name == "" {
		p.Add("name", "Không được để trống.")
	}
	if !tdkt.In(n.Role, tdkt.Roles) {
		p.Add("role", "Vai trò phải là một trong: quan_tri, can_bo_thi_dua, lanh_dao, thanh_vien_hoi_dong, xem.")
	} else if msg := passwordProblem(n.Password, n.Login, n.Name, n.Role); msg != "" {
		p.Add("password", msg)
	}
	if n.InstallationAdmin && n.Role != tdkt.RoleAdmin {
		p.Add("role", "Chỉ tài khoản quản trị mới là quản trị hệ thống.")
	}
	email, ok := validEmail(n.Email)
	if !ok {
		p.Add("email", errEmail)
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
		acct = tdkt.Account{Login: n.Login, Name: n.Name, Email: email, Role: n.Role, OrgID: o.ID, OrgPath: o.Path, OrgName: o.Name, InstallationAdmin: n.InstallationAdmin,
			ActsFor: o.StandingFor}
		if err := tx.InsertAccount(ctx, &acct, hash, s.stamp()); err != nil {
			return err
		}
		// Read back, so that what the standing office serves is filled as a login fills it.
		if acct, err = tx.AccountByID(ctx, acct.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "account", acct.ID, tdkt.Subject{}, o.ID, nil, acct)
	})
	return acct, err
}

// ChangePassword replaces the actor's password: the current one, then the new one
// twice. It ends the account's other sessions and keeps the current one. Wrong
// current passwords are counted like login attempts (a stolen session must not
// become a password oracle).
func (s *Service) ChangePassword(ctx context.Context, actor *tdkt.Account, current, password, repeat string) error {
	var auth sqldb.AccountAuth
	var reserved bool
	key, win := "change:"+actor.Login, windowOf(s.Now(), pairWindow)
	err := s.DB.Update(ctx, func(tx *sqldb.Tx) (err error) {
		if reserved, err = tx.ReserveLoginAttempt(ctx, key, win, pairLimit); err != nil || !reserved {
			return firstErr(err, &tdkt.Error{Code: tdkt.ETooMany, Message: "Nhập sai mật khẩu hiện tại quá nhiều lần. Hãy thử lại sau 15 phút."})
		}
		auth, err = tx.AccountAuth(ctx, actor.ID)
		return err
	})
	if err != nil {
		return err
	}
	p := tdkt.Problems{}
	if !s.verifyPassword(auth.PasswordHash, current) {
		p.Add("current", "Mật khẩu hiện tại không đúng.")
	} else if msg := passwordProblem(password, actor.Login, actor.Name, actor.Role); msg != "" {
		p.Add("password", msg)
	} else if password != repeat {
		p.Add("repeat", "Hai lần nhập mật khẩu mới không giống nhau.")
	} else if password == current {
		p.Add("password", "Mật khẩu mới phải khác mật khẩu hiện tại.")
	}
	if err := p.Err(); err != nil {
		return err
	}
	keep := ""
	if c := CredentialOf(ctx); c.Kind == CredentialSession {
		keep = HashSecret(c.token)
	}
	hash := HashPassword(password)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if err := tx.SetPassword(ctx, actor.ID, hash, s.stamp()); err != nil {
			return err
		}
		if err := tx.ResetLoginCounter(ctx, key); err != nil {
			return err
		}
		n, err := tx.DeleteSessionsOf(ctx, actor.ID, keep)
		if err != nil {
			return err
		}
		if err := s.notifyPasswordChanged(ctx, tx, actor.ID, ""); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "change_password", "account", actor.ID, tdkt.Subject{}, actor.OrgID, nil, map[string]int64{"other_sessions_ended": n})
	})
}

const errEmail = "Địa chỉ thư điện tử không đúng dạng (ví dụ: nguyenvana@laichau.gov.vn)."

// AccountEdit is what may change of an account after its creation besides its
// password, role and state: the name and the e-mail address.
type AccountEdit struct {
	Name, Email string
}

// UpdateAccount changes the name and e-mail of an account: the actor's own, or one
// that the actor administers.
func (s *Service) UpdateAccount(ctx context.Context, actor *tdkt.Account, id int64, in AccountEdit) (acct tdkt.Account, err error) {
	in.Name = strings.TrimSpace(vn.NFC(in.Name))
	p := tdkt.Problems{}
	if in.Name == "" {
		p.Add("name", "Không được để trống.")
	}
	email, ok := validEmail(in.Email)
	if !ok {
		p.Add("email", errEmail)
	}
	if err := p.Err(); err != nil {
		return acct, err
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var before tdkt.Account
		if id == actor.ID {
			before, err = tx.AccountByID(ctx, id)
		} else {
			before, err = managed(ctx, tx, actor, id)
		}
		if err != nil {
			return err
		}
		if err := tx.SetAccountProfile(ctx, id, in.Name, email); err != nil {
			return err
		}
		if acct, err = tx.AccountByID(ctx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "update", "account", id, tdkt.Subject{}, acct.OrgID,
			map[string]string{"name": before.Name, "email": before.Email}, map[string]string{"name": acct.Name, "email": acct.Email})
	})
	return acct, err
}

// managed loads an account that actor administers: in actor's subtree (NotFound
// otherwise), never actor itself, and an installation administrator only for another
// installation administrator.
func managed(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (tdkt.Account, error) {
	a, err := tx.AccountByID(ctx, id)
	if err != nil {
		return a, err
	}
	if err := visible(actor, a.OrgPath, "tài khoản"); err != nil {
		return a, err
	}
	if !actor.CanManageOrgs() || a.InstallationAdmin && !actor.CanManageInstallation() {
		return a, tdkt.Forbidden()
	}
	if a.ID == actor.ID {
		return a, &tdkt.Error{Code: tdkt.EForbidden, Message: "Không thể tự khóa hay đặt lại mật khẩu cho chính mình; hãy dùng trang Tài khoản của tôi."}
	}
	return a, nil
}

// SetAccountDisabled disables (or enables again) an account that actor administers.
// Disabling ends its sessions and revokes its API tokens at once.
func (s *Service) SetAccountDisabled(ctx context.Context, actor *tdkt.Account, id int64, disabled bool) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		a, err := managed(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := tx.SetDisabled(ctx, a.ID, disabled); err != nil {
			return err
		}
		action, after := "enable", map[string]int64{}
		if disabled {
			action = "disable"
			sessions, err := tx.DeleteSessionsOf(ctx, a.ID, "")
			if err != nil {
				return err
			}
			tokens, err := tx.RevokeTokensOf(ctx, a.ID)
			if err != nil {
				return err
			}
			after = map[string]int64{"sessions_ended": sessions, "tokens_revoked": tokens}
		}
		return s.audit(ctx, tx, actor, action, "account", a.ID, tdkt.Subject{}, a.OrgID, map[string]bool{"disabled": a.Disabled}, after)
	})
}

// ResetAccountPassword sets a new password for an account that actor administers
// (its owner forgot it), ends its sessions and forgets its known devices; clearTOTP
// also removes its second factor (the owner lost the device), so that it enrols again.
// (ResetPassword is the owner's own reset by e-mail: password_reset.go.)
func (s *Service) ResetAccountPassword(ctx context.Context, actor *tdkt.Account, id int64, password string, clearTOTP bool) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		a, err := managed(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if msg := passwordProblem(password, a.Login, a.Name, a.Role); msg != "" {
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"password": msg}}
		}
		if err := tx.SetPassword(ctx, a.ID, HashPassword(password), s.stamp()); err != nil {
			return err
		}
		if _, err := tx.DeleteSessionsOf(ctx, a.ID, ""); err != nil {
			return err
		}
		if err := tx.DeleteKnownDevicesOf(ctx, a.ID); err != nil {
			return err
		}
		if err := s.notifyPasswordChanged(ctx, tx, a.ID, actor.Name); err != nil {
			return err
		}
		if clearTOTP {
			if err := tx.ClearTOTP(ctx, a.ID); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "reset_password", "account", a.ID, tdkt.Subject{}, a.OrgID, nil, map[string]bool{"totp_cleared": clearTOTP})
	})
}

// ManagedAccounts lists the accounts of actor's subtree, for an administrator.
func (s *Service) ManagedAccounts(ctx context.Context, actor *tdkt.Account) (out []tdkt.Account, err error) {
	if !actor.CanManageOrgs() {
		return nil, tdkt.Forbidden()
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		out, err = tx.AccountsUnder(ctx, actor.OrgPath)
		return err
	})
	return out, err
}

// API tokens live DefaultTokenDays unless asked otherwise, MaxTokenDays at most.
const (
	DefaultTokenDays = 90
	MaxTokenDays     = 365
)

// NewToken is an API token just created: the secret is in Token, shown once.
type NewToken struct {
	Token string
	sqldb.APIToken
}

// CreateAPIToken issues an API token for the actor. It needs a session that passed
// the second factor: a token is a long-lived credential that skips it.
func (s *Service) CreateAPIToken(ctx context.Context, actor *tdkt.Account, name string, days int) (NewToken, error) {
	if c := CredentialOf(ctx); c.Kind != CredentialSession || !c.SecondFactor {
		return NewToken{}, &tdkt.Error{Code: tdkt.EForbidden,
			Message: "Chỉ tạo được mã truy cập API trong phiên đăng nhập đã qua xác thực hai bước; hãy bật xác thực hai bước rồi đăng nhập lại."}
	}
	return s.issueToken(ctx, actor, actor, name, days)
}

// CreateToken issues an API token for a login from the command line (the operator
// of the server is trusted), named "dòng lệnh", for DefaultTokenDays.
func (s *Service) CreateToken(ctx context.Context, login string) (string, error) {
	k, err := s.CreateTokenFor(ctx, login, "", 0)
	return k.Token, err
}

// CreateTokenFor is CreateToken with a name and a lifetime in days (0: the default).
func (s *Service) CreateTokenFor(ctx context.Context, login, name string, days int) (k NewToken, err error) {
	var acct tdkt.Account
	err = s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		acct, _, err = tx.AccountByLogin(ctx, strings.ToLower(strings.TrimSpace(login)))
		return err
	})
	if err != nil {
		return k, err
	}
	if name == "" {
		name = "dòng lệnh"
	}
	return s.issueToken(ctx, nil, &acct, name, days)
}

func (s *Service) issueToken(ctx context.Context, actor, owner *tdkt.Account, name string, days int) (k NewToken, err error) {
	name = strings.TrimSpace(vn.NFC(name))
	p := tdkt.Problems{}
	if name == "" {
		name = "Mã truy cập"
	}
	if len([]rune(name)) > 100 {
		p.Add("name", "Tên dài quá 100 ký tự.")
	}
	if days == 0 {
		days = DefaultTokenDays
	}
	if days < 1 || days > MaxTokenDays {
		p.Add("expires_days", "Thời hạn từ 1 đến 365 ngày.")
	}
	if err := p.Err(); err != nil {
		return k, err
	}
	token, hash := NewSecret()
	k = NewToken{Token: token, APIToken: sqldb.APIToken{AccountID: owner.ID, Name: name, CreatedAt: s.stamp(),
		ExpiresAt: stampOf(s.Now().Add(time.Duration(days) * 24 * time.Hour))}}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if k.ID, err = tx.InsertToken(ctx, k.APIToken, hash); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "api_token", k.ID, tdkt.Subject{}, owner.OrgID, nil,
			map[string]string{"login": owner.Login, "name": name, "expires_at": k.ExpiresAt})
	})
	return k, err
}

// APITokens lists the actor's API tokens (never their secrets).
func (s *Service) APITokens(ctx context.Context, actor *tdkt.Account) (out []sqldb.APIToken, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		out, err = tx.TokensOf(ctx, actor.ID)
		return err
	})
	return out, err
}

// RevokeAPIToken revokes one of the actor's API tokens; another account's token is
// NotFound.
func (s *Service) RevokeAPIToken(ctx context.Context, actor *tdkt.Account, id int64) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if err := tx.RevokeToken(ctx, actor.ID, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "revoke", "api_token", id, tdkt.Subject{}, actor.OrgID, nil, nil)
	})
}

// SessionView is one of the actor's sessions as the account page lists it.
type SessionView struct {
	sqldb.Session
	// Current marks the session of the request ("phiên này").
	Current bool
	// Browser is the user agent shortened to what a person recognises.
	Browser string
}

// Sessions lists the actor's live sessions, the current one marked.
func (s *Service) Sessions(ctx context.Context, actor *tdkt.Account) (out []SessionView, err error) {
	now := s.Now()
	cur := CredentialOf(ctx).SessionRef
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		list, err := tx.SessionsOf(ctx, actor.ID, stampOf(now), stampOf(now.Add(-IdleTimeout)))
		for _, x := range list {
			out = append(out, SessionView{Session: x, Current: x.Ref == cur, Browser: BrowserName(x.UserAgent)})
		}
		return err
	})
	return out, err
}

// EndSession ends one of the actor's sessions, named by its Ref.
func (s *Service) EndSession(ctx context.Context, actor *tdkt.Account, ref string) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if err := tx.DeleteSessionByRef(ctx, actor.ID, ref); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "end_session", "account", actor.ID, tdkt.Subject{}, actor.OrgID, nil, map[string]string{"session": ref})
	})
}

// EndOtherSessions ends every session of the actor but the current one ("Đăng xuất
// khỏi các thiết bị khác") and returns how many ended.
func (s *Service) EndOtherSessions(ctx context.Context, actor *tdkt.Account) (n int64, err error) {
	keep := ""
	if c := CredentialOf(ctx); c.Kind == CredentialSession {
		keep = HashSecret(c.token)
	}
	now := s.Now()
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		live, err := tx.SessionsOf(ctx, actor.ID, stampOf(now), stampOf(now.Add(-IdleTimeout)))
		if err != nil {
			return err
		}
		n = int64(len(live))
		if keep != "" {
			n-- // the current one stays
		}
		if _, err = tx.DeleteSessionsOf(ctx, actor.ID, keep); err != nil { // dead ones go too
			return err
		}
		return s.audit(ctx, tx, actor, "end_other_sessions", "account", actor.ID, tdkt.Subject{}, actor.OrgID, nil, map[string]int64{"sessions_ended": n})
	})
	return n, err
}

// BrowserName shortens a user agent to the browser and system a person recognises
// ("Chrome trên Windows"); an unknown one is cut to 60 characters.
func BrowserName(ua string) string {
	browser := ""
	for _, b := range []struct{ key, name string }{{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"CocCoc", "Cốc Cốc"}, {"Firefox/", "Firefox"},
		{"HeadlessChrome/", "Chrome (không giao diện)"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}, {"curl/", "curl"}, {"Go-http-client", "chương trình Go"}} {
		if strings.Contains(ua, b.key) {
			browser = b.name
			break
		}
	}
	system := ""
	for _, o := range []struct{ key, name string }{{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Windows", "Windows"},
		{"Mac OS X", "macOS"}, {"Linux", "Linux"}} {
		if strings.Contains(ua, o.key) {
			system = o.name
			break
		}
	}
	switch {
	case browser != "" && system != "":
		return browser + " trên " + system
	case browser != "":
		return browser
	case ua == "":
		return "không rõ"
	}
	return shorten(ua, 60)
}

// AccountAudit lists the audit events about an account: its own to the account, any
// of its subtree to an administrator (another account is NotFound).
func (s *Service) AccountAudit(ctx context.Context, actor *tdkt.Account, id int64) (out []tdkt.AuditEvent, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		a, err := tx.AccountByID(ctx, id)
		if err != nil {
			return err
		}
		if a.ID != actor.ID && (!actor.CanManageOrgs() || !actor.Sees(a.OrgPath)) {
			return tdkt.NotFound("tài khoản")
		}
		out, err = tx.AccountAuditEvents(ctx, id)
		return err
	})
	return out, err
}
