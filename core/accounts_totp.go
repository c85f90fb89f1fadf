package core

import (
	"context"
	"crypto/rand"
	"strings"

	"tdkt"
	"tdkt/sqldb"
)

// TOTPIssuer names the installation in authenticator applications.
const TOTPIssuer = "TDKT"

// Recovery codes: ten single-use codes of ten characters from an alphabet without
// look-alikes, shown once at enrolment, stored as SHA-256.
const (
	recoveryCodes    = 10
	recoveryCodeLen  = 10
	recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"
)

// TOTPEnrolment is what the enrolment page shows: the secret as text and as the
// otpauth:// address that the QR code carries.
type TOTPEnrolment struct {
	Secret string
	URI    string
}

// BeginTOTP offers the actor a new second-factor secret; it takes effect when a code
// from it confirms it (ConfirmTOTP). An account that has a second factor keeps it
// until then. The secret is shown here and never again.
func (s *Service) BeginTOTP(ctx context.Context, actor *tdkt.Account) (TOTPEnrolment, error) {
	secret := newTOTPSecret()
	err := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		auth, err := tx.AccountAuth(ctx, actor.ID)
		if err != nil {
			return err
		}
		if err := mayEnrol(ctx, auth); err != nil {
			return err
		}
		return tx.SetTOTPPending(ctx, actor.ID, secret)
	})
	return TOTPEnrolment{Secret: secret, URI: totpURI(TOTPIssuer, actor.Login, secret)}, err
}

// PendingTOTP returns the secret offered by BeginTOTP and not yet confirmed, so that
// the enrolment page shows the same one again after a wrong code; NotFound when none.
func (s *Service) PendingTOTP(ctx context.Context, actor *tdkt.Account) (TOTPEnrolment, error) {
	var auth sqldb.AccountAuth
	err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		auth, err = tx.AccountAuth(ctx, actor.ID)
		return err
	})
	if err == nil && auth.TOTPPending == "" {
		err = tdkt.NotFound("mã bí mật đang chờ xác nhận")
	}
	return TOTPEnrolment{Secret: auth.TOTPPending, URI: totpURI(TOTPIssuer, actor.Login, auth.TOTPPending)}, err
}

// ConfirmTOTP makes the offered secret the actor's second factor when code is its
// current code, and returns the new recovery codes (shown once). The current session,
// if any, counts as having passed the second factor from now on.
func (s *Service) ConfirmTOTP(ctx context.Context, actor *tdkt.Account, code string) (recovery []string, err error) {
	bad := &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"code": "Mã không đúng; hãy nhập mã đang hiện trong ứng dụng xác thực."}}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		auth, err := tx.AccountAuth(ctx, actor.ID)
		if err != nil {
			return err
		}
		if err := mayEnrol(ctx, auth); err != nil {
			return err
		}
		if auth.TOTPPending == "" {
			return &tdkt.Error{Code: tdkt.EConflict, Message: "Chưa có mã bí mật nào đang chờ xác nhận; hãy bắt đầu lại."}
		}
		step := matchTOTP(auth.TOTPPending, code, s.Now())
		if step == 0 {
			return bad
		}
		if err := tx.ConfirmTOTP(ctx, actor.ID, auth.TOTPPending, step); err != nil {
			return err
		}
		recovery = make([]string, recoveryCodes)
		hashes := make([]string, recoveryCodes)
		for i := range recovery {
			recovery[i] = newRecoveryCode()
			hashes[i] = HashSecret(recovery[i])
		}
		if err := tx.ReplaceRecoveryCodes(ctx, actor.ID, hashes); err != nil {
			return err
		}
		if c := CredentialOf(ctx); c.Kind == CredentialSession && c.token != "" {
			if err := tx.SetSessionSecondFactor(ctx, HashSecret(c.token)); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "enable_totp", "account", actor.ID, tdkt.Subject{}, actor.OrgID, nil, map[string]bool{"totp": true})
	})
	return recovery, err
}

// mayEnrol refuses an enrolment through an API token (a token holder must not take
// the owner's second factor), and a change of second factor from a session that has
// not passed the one the account has.
func mayEnrol(ctx context.Context, auth sqldb.AccountAuth) error {
	c := CredentialOf(ctx)
	if c.Kind == CredentialToken {
		return &tdkt.Error{Code: tdkt.EForbidden, Message: "Không đăng ký xác thực hai bước bằng mã truy cập API; hãy dùng phiên đăng nhập."}
	}
	if auth.TOTPSecret != "" && c.Kind == CredentialSession && !c.SecondFactor {
		return &tdkt.Error{Code: tdkt.EForbidden, Message: "Hãy đăng nhập bằng mã xác thực hai bước hiện có trước khi đổi sang khóa mới."}
	}
	return nil
}

// newRecoveryCode returns a random recovery code, written as two groups of five.
func newRecoveryCode() string {
	b := make([]byte, recoveryCodeLen)
	rand.Read(b)
	for i := range b {
		b[i] = recoveryAlphabet[int(b[i])%len(recoveryAlphabet)]
	}
	return string(b)
}

// normaliseRecoveryCode reads a recovery code as a person types it: any case, with
// spaces or a dash between the groups.
func normaliseRecoveryCode(code string) string {
	return strings.NewReplacer(" ", "", "-", "").Replace(strings.ToLower(strings.TrimSpace(code)))
}

// FormatRecoveryCode writes a recovery code as it is shown: xxxxx-xxxxx.
func FormatRecoveryCode(code string) string {
	if len(code) != recoveryCodeLen {
		return code
	}
	return code[:5] + "-" + code[5:]
}

// SecondFactorStatus is what the account page tells about the actor's second factor.
type SecondFactorStatus struct {
	Enabled       bool
	Required      bool
	RecoveryLeft  int64
	PasswordSince string // when the password was last set
}

// SecondFactor returns the actor's second-factor status.
func (s *Service) SecondFactor(ctx context.Context, actor *tdkt.Account) (st SecondFactorStatus, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		auth, err := tx.AccountAuth(ctx, actor.ID)
		if err != nil {
			return err
		}
		st = SecondFactorStatus{Enabled: auth.TOTPSecret != "", Required: RequiresSecondFactor(actor.Role), PasswordSince: auth.PasswordChangedAt}
		st.RecoveryLeft, err = tx.RecoveryCodesLeft(ctx, actor.ID)
		return err
	})
	return st, err
}
