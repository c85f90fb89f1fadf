package core

import (
	"context"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// A person who forgot their password asks for a link by e-mail ("Quên mật khẩu").
// The link holds a random token of 32 bytes; only its SHA-256 is kept. It works once,
// for resetLifetime. The token is never in the notifications table (which the app
// shows): the link travels in the e-mail delivery only (notification_deliveries.
// secret_link, blanked as soon as the delivery ends), so it is not sent on the
// webhook either.
const (
	resetLifetime = 30 * time.Minute
	// resetLimit requests an hour are accepted per address asked, per account and
	// per client address.
	resetLimit  = 5
	resetWindow = time.Hour
	// ResetPath is where the link of a reset points: ResetPath + token.
	ResetPath = "/dat-lai-mat-khau/"
)

var errResetLink = &tdkt.Error{Code: tdkt.EInvalid, Message: "Liên kết đặt lại mật khẩu không đúng, đã được dùng hoặc đã hết hạn (30 phút). Hãy yêu cầu một liên kết mới.",
	Fields: map[string]string{"token": "Liên kết không còn dùng được."}}

var errResetTooMany = &tdkt.Error{Code: tdkt.ETooMany, Message: "Đã có quá nhiều yêu cầu đặt lại mật khẩu. Hãy thử lại sau một giờ."}

// RequestPasswordReset sends a reset link to the active account whose e-mail (or
// login) is address. It answers the same whether or not such an account exists: nil,
// or the same Invalid for a malformed address, or the same TooMany for the sixth
// request of the hour from one address asked or one client address. An account's own
// limit drops further requests silently (answering otherwise would tell that the
// account exists).
func (s *Service) RequestPasswordReset(ctx context.Context, address, ip string) error {
	address = strings.ToLower(strings.TrimSpace(vn.NFC(address)))
	if address == "" || len(address) > 254 {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"address": "Hãy nhập địa chỉ thư điện tử hoặc tên đăng nhập."}}
	}
	token, hash := NewSecret() // 32 random bytes; made before the transaction either way
	win := windowOf(s.Now(), resetWindow)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		for _, key := range []string{"reset-address:" + address, "reset-ip:" + ip} {
			ok, err := tx.ReserveLoginAttempt(ctx, key, win, resetLimit)
			if err != nil {
				return err
			}
			if !ok {
				return errResetTooMany
			}
		}
		r, err := tx.RecipientByAddress(ctx, address)
		if tdkt.CodeOf(err) == tdkt.ENotFound {
			return nil
		}
		if err != nil {
			return err
		}
		if ok, err := tx.ReserveLoginAttempt(ctx, "reset-account:"+strconv.FormatInt(r.ID, 10), win, resetLimit); err != nil || !ok {
			return err
		}
		id, err := tx.InsertPasswordReset(ctx, r.ID, hash, s.stamp(), stampOf(s.Now().Add(resetLifetime)), ip)
		if err != nil {
			return err
		}
		acct := &tdkt.Account{ID: r.ID, Login: r.Login}
		if err := s.audit(ctx, tx, acct, "request_password_reset", "account", r.ID, tdkt.Subject{}, r.OrgID, nil, map[string]string{"ip": ip}); err != nil {
			return err
		}
		_, err = s.notify(ctx, tx, event{kind: KindPasswordReset, key: "reset:" + strconv.FormatInt(id, 10), title: "Yêu cầu đặt lại mật khẩu",
			body: vn.NFCText("Có yêu cầu đặt lại mật khẩu tài khoản " + r.Login + " lúc " + vnTime(s.Now()) + " từ địa chỉ " + ip + ".\n\n" +
				"Liên kết đặt lại mật khẩu được gửi qua thư điện tử, dùng được một lần trong 30 phút. Nếu không phải bạn yêu cầu, hãy bỏ qua; mật khẩu của bạn không đổi."),
			link:       strings.TrimSuffix(ResetPath, "/"),
			secretLink: strings.TrimRight(s.Notify.BaseURL, "/") + ResetPath + token,
			to:         []audience{{people: []sqldb.Recipient{r}, reason: "Thông báo bảo mật gửi chủ tài khoản; không tắt được."}}})
		return err
	})
}

// ResetPassword sets the password of the account a reset link was made for: the
// link must be unused and not expired, the password pass the policy and be typed
// twice alike. It spends the link (and any other open link of the account), ends
// every session of the account, tells the account and audits.
func (s *Service) ResetPassword(ctx context.Context, token, password, repeat string) error {
	var acct tdkt.Account
	var reset sqldb.PasswordReset
	now := s.stamp()
	err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		if reset, err = tx.PasswordResetByHash(ctx, HashSecret(token)); err != nil {
			return err
		}
		acct, err = tx.AccountByID(ctx, reset.AccountID)
		return err
	})
	if tdkt.CodeOf(err) == tdkt.ENotFound || err == nil && (reset.UsedAt != "" || reset.ExpiresAt <= now || acct.Disabled) {
		return errResetLink
	}
	if err != nil {
		return err
	}
	p := tdkt.Problems{}
	if msg := passwordProblem(password, acct.Login, acct.Name, acct.Role); msg != "" {
		p.Add("password", msg)
	} else if password != repeat {
		p.Add("repeat", "Hai lần nhập mật khẩu mới không giống nhau.")
	}
	if err := p.Err(); err != nil {
		return err // the link stays usable: a mistyped password does not spend it
	}
	hash := HashPassword(password)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if err := tx.UsePasswordReset(ctx, reset.ID, now); tdkt.CodeOf(err) == tdkt.EConflict {
			return errResetLink
		} else if err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, acct.ID, hash, now); err != nil {
			return err
		}
		if err := tx.EndPasswordResetsOf(ctx, acct.ID, now); err != nil {
			return err
		}
		n, err := tx.DeleteSessionsOf(ctx, acct.ID, "")
		if err != nil {
			return err
		}
		if err := tx.ResetLoginCounter(ctx, "login:"+acct.Login); err != nil {
			return err
		}
		people, err := self(ctx, tx, acct.ID)
		if err != nil {
			return err
		}
		if _, err := s.notify(ctx, tx, event{kind: KindPasswordReset, key: "reset_done:" + strconv.FormatInt(reset.ID, 10), title: "Mật khẩu đã được đặt lại",
			body: vn.NFCText("Mật khẩu tài khoản " + acct.Login + " đã được đặt lại qua liên kết gửi bằng thư điện tử lúc " + vnTime(s.Now()) +
				". Mọi phiên đăng nhập đã kết thúc. Nếu không phải bạn, hãy báo ngay quản trị hệ thống."),
			link: "/app/account", to: []audience{{people: people, reason: "Thông báo bảo mật gửi chủ tài khoản; không tắt được."}}}); err != nil {
			return err
		}
		return s.audit(ctx, tx, &acct, "reset_password_by_email", "account", acct.ID, tdkt.Subject{}, acct.OrgID, nil, map[string]int64{"sessions_ended": n})
	})
}

// validEmail normalises an e-mail address and checks its form; "" is allowed (none).
func validEmail(e string) (string, bool) {
	e = strings.ToLower(strings.TrimSpace(e))
	if e == "" {
		return "", true
	}
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || len(e) > 254 || !strings.Contains(e[strings.LastIndexByte(e, '@'):], ".") {
		return e, false
	}
	return e, true
}
