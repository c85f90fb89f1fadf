package web

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// accountView is "Tài khoản của tôi": the password, the second factor, the sessions,
// the API tokens and, for an administrator, the accounts of its subtree.
type accountView struct {
	Page
	Password     Form
	MinLength    int
	SecondFactor core.SecondFactorStatus
	Sessions     []core.SessionView
	Tokens       []sqldb.APIToken
	TokenForm    Form
	// NewToken is the secret of a token just created, shown this once.
	NewToken string
	// CanCreateToken: the session passed the second factor.
	CanCreateToken bool
	Managed        []tdkt.Account
	ResetFor       int64 // the account whose reset form came back with an error
	ResetForm      Form
	Now            string
}

// accountPage shows the page with the given forms (they come back with errors).
func (h *handler) accountPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, v accountView) {
	ctx := r.Context()
	v.Page = h.page(r, "Tài khoản của tôi", "account")
	switch r.URL.Query().Get("done") {
	case "password":
		v.Notice = "Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc."
	case "others":
		v.Notice = "Đã đăng xuất khỏi các thiết bị khác."
	case "session":
		v.Notice = "Đã kết thúc phiên đăng nhập."
	case "revoked":
		v.Notice = "Đã thu hồi mã truy cập."
	case "account":
		v.Notice = "Đã lưu thay đổi của tài khoản."
	}
	if v.Password.Values == nil {
		v.Password = newForm()
	}
	if v.TokenForm.Values == nil {
		v.TokenForm = newForm()
		v.TokenForm.Values["expires_days"] = strconv.Itoa(core.DefaultTokenDays)
	}
	if v.ResetForm.Values == nil {
		v.ResetForm = newForm()
	}
	v.MinLength = core.MinPasswordLength(actor.Role)
	v.CanCreateToken = core.CredentialOf(ctx).SecondFactor
	var err error
	if v.SecondFactor, err = h.svc.SecondFactor(ctx, actor); err == nil {
		if v.Sessions, err = h.svc.Sessions(ctx, actor); err == nil {
			v.Tokens, err = h.svc.APITokens(ctx, actor)
		}
	}
	if err == nil && actor.CanManageOrgs() {
		v.Managed, err = h.svc.ManagedAccounts(ctx, actor)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v.Now = h.svc.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
	h.render(w, r, status, "account.html", v)
}

func (h *handler) account(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.accountPage(w, r, actor, http.StatusOK, accountView{})
}

func (h *handler) accountPassword(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	err := h.svc.ChangePassword(r.Context(), actor, r.PostFormValue("current"), r.PostFormValue("password"), r.PostFormValue("repeat"))
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f := newForm()
			f.Errors = fields
			h.accountPage(w, r, actor, http.StatusUnprocessableEntity, accountView{Password: f})
		})
		return
	}
	http.Redirect(w, r, "/app/account?done=password", http.StatusSeeOther)
}

func (h *handler) accountEndOthers(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if _, err := h.svc.EndOtherSessions(r.Context(), actor); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/account?done=others#sessions", http.StatusSeeOther)
}

func (h *handler) accountEndSession(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if err := h.svc.EndSession(r.Context(), actor, r.PathValue("ref")); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/account?done=session#sessions", http.StatusSeeOther)
}

func (h *handler) accountTokenCreate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, "name", "expires_days")
	days, err := strconv.Atoi(strings.TrimSpace(f.Values["expires_days"]))
	if err != nil {
		f.Errors["expires_days"] = "Hãy nhập số ngày, từ 1 đến 365."
		h.accountPage(w, r, actor, http.StatusUnprocessableEntity, accountView{TokenForm: f})
		return
	}
	k, err := h.svc.CreateAPIToken(r.Context(), actor, f.Values["name"], days)
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.accountPage(w, r, actor, http.StatusUnprocessableEntity, accountView{TokenForm: f})
		})
		return
	}
	// The secret is shown in this answer and never again, so it is not a redirect.
	h.accountPage(w, r, actor, http.StatusCreated, accountView{NewToken: k.Token})
}

func (h *handler) accountTokenRevoke(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		err = h.svc.RevokeAPIToken(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/account?done=revoked#tokens", http.StatusSeeOther)
}

// accountManage disables, enables or resets the password of an account of the
// administrator's subtree.
func (h *handler) accountManage(action string) appFunc {
	return func(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
		id, err := pathID(r, "id")
		if err == nil {
			switch action {
			case "disable", "enable":
				err = h.svc.SetAccountDisabled(r.Context(), actor, id, action == "disable")
			case "reset":
				err = h.svc.ResetAccountPassword(r.Context(), actor, id, r.PostFormValue("password"), r.PostFormValue("clear_totp") != "")
			}
		}
		if err != nil {
			h.fail(w, r, err, func(fields map[string]string) {
				f := newForm()
				f.Errors = fields
				h.accountPage(w, r, actor, http.StatusUnprocessableEntity, accountView{ResetFor: id, ResetForm: f})
			})
			return
		}
		http.Redirect(w, r, "/app/account?done=account#managed", http.StatusSeeOther)
	}
}

// totpView is the enrolment of the second factor.
type totpView struct {
	Page
	Enabled bool
	Secret  string
	URI     string
	QR      template.URL // a PNG data: address (the CSP allows data: images)
	Error   string
	// Recovery holds the recovery codes after a confirmation, shown this once.
	Recovery []string
	Required bool
}

// totpPage shows the enrolment: the secret waiting for confirmation, or a new one.
// An account that has a second factor sees its status and may start again (a new
// phone) with POST /app/account/totp/new.
func (h *handler) totpPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.totpRender(w, r, actor, http.StatusOK, "")
}

func (h *handler) totpRender(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, msg string) {
	ctx := r.Context()
	st, err := h.svc.SecondFactor(ctx, actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := totpView{Page: h.page(r, "Xác thực hai bước", "account"), Enabled: st.Enabled, Required: st.Required, Error: msg}
	e, err := h.svc.PendingTOTP(ctx, actor)
	if tdkt.CodeOf(err) == tdkt.ENotFound && !st.Enabled {
		e, err = h.svc.BeginTOTP(ctx, actor)
	} else if tdkt.CodeOf(err) == tdkt.ENotFound {
		err = nil
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if e.Secret != "" {
		v.Secret, v.URI = e.Secret, e.URI
		if png, err := qrcode.Encode(e.URI, qrcode.Medium, 240); err == nil {
			v.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
		}
	}
	h.render(w, r, status, "account_totp.html", v)
}

func (h *handler) totpNew(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if _, err := h.svc.BeginTOTP(r.Context(), actor); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/account/totp", http.StatusSeeOther)
}

func (h *handler) totpConfirm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	codes, err := h.svc.ConfirmTOTP(r.Context(), actor, r.PostFormValue("code"))
	if err != nil {
		if tdkt.CodeOf(err) == tdkt.EInvalid {
			h.totpRender(w, r, actor, http.StatusUnprocessableEntity, "Mã không đúng; hãy nhập mã đang hiện trong ứng dụng xác thực.")
			return
		}
		h.fail(w, r, err, nil)
		return
	}
	v := totpView{Page: h.page(r, "Xác thực hai bước", "account"), Enabled: true}
	for _, c := range codes {
		v.Recovery = append(v.Recovery, core.FormatRecoveryCode(c))
	}
	h.render(w, r, http.StatusOK, "account_totp.html", v)
}
