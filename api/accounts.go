package api

import (
	"net/http"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

const tagAccounts = "Tài khoản"

// The JSON shapes of the account routes, added to the document's components here so
// that the shared table stays untouched.
func init() {
	type component = struct {
		name string
		v    any
	}
	components = append(components,
		component{"PasswordInput", passwordInput{}}, component{"Session", sessionJSON{}}, component{"SessionList", sessionList{}},
		component{"Ended", endedJSON{}}, component{"ApiToken", tokenJSON{}}, component{"ApiTokenList", tokenList{}},
		component{"ApiTokenInput", tokenInput{}}, component{"NewApiToken", newTokenJSON{}},
		component{"TOTPEnrolment", totpJSON{}}, component{"CodeInput", codeInput{}}, component{"RecoveryCodes", recoveryJSON{}},
		component{"ManagedAccount", managedJSON{}}, component{"ManagedAccountList", managedList{}}, component{"ResetInput", resetInput{}})
}

type passwordInput struct {
	Current  string `json:"current" api:"req" doc:"Mật khẩu hiện tại"`
	Password string `json:"password" api:"req" doc:"Mật khẩu mới: ít nhất 12 ký tự với quản trị và lãnh đạo, 10 với tài khoản khác; không phổ biến, không chứa tên đăng nhập hay họ tên"`
	Repeat   string `json:"repeat" api:"req" doc:"Nhập lại mật khẩu mới"`
}

type sessionJSON struct {
	Ref          string `json:"ref" api:"req" doc:"Tên ngắn của phiên, dùng để kết thúc phiên"`
	Browser      string `json:"browser" api:"req" doc:"Trình duyệt và hệ điều hành, rút gọn"`
	IP           string `json:"ip" api:"req"`
	CreatedAt    string `json:"created_at" api:"req"`
	LastSeen     string `json:"last_seen" api:"req" doc:"Lần dùng cuối (ghi tối đa mỗi phút một lần); phiên hết sau 30 phút không dùng"`
	ExpiresAt    string `json:"expires_at" api:"req"`
	SecondFactor bool   `json:"second_factor" doc:"Phiên đã qua xác thực hai bước"`
	Current      bool   `json:"current" doc:"Phiên của chính yêu cầu này"`
}

type sessionList struct {
	Items []sessionJSON `json:"items" api:"req"`
}

type endedJSON struct {
	Ended int64 `json:"ended" api:"req" doc:"Số phiên đã kết thúc"`
}

type tokenJSON struct {
	ID         int64  `json:"id" api:"ro"`
	Name       string `json:"name" api:"req"`
	CreatedAt  string `json:"created_at" api:"req"`
	ExpiresAt  string `json:"expires_at" api:"req"`
	LastUsedAt string `json:"last_used_at,omitempty" doc:"Lần dùng cuối; trống khi chưa dùng"`
	Revoked    bool   `json:"revoked"`
}

type tokenList struct {
	Items []tokenJSON `json:"items" api:"req"`
}

type tokenInput struct {
	Name        string `json:"name" doc:"Tên gợi nhớ"`
	ExpiresDays int    `json:"expires_days" doc:"Hết hạn sau bao nhiêu ngày: 1–365, mặc định 90"`
}

type newTokenJSON struct {
	Token string `json:"token" api:"req" doc:"Mã truy cập: chỉ trả về một lần này, máy chủ chỉ giữ mã băm"`
	tokenJSON
}

type totpJSON struct {
	Secret string `json:"secret" api:"req" doc:"Khóa bí mật (base32); chỉ trả về khi bắt đầu đăng ký"`
	URI    string `json:"uri" api:"req" doc:"Địa chỉ otpauth:// cho ứng dụng xác thực (mã QR)"`
}

type codeInput struct {
	Code string `json:"code" api:"req" doc:"Mã 6 chữ số của ứng dụng xác thực"`
}

type recoveryJSON struct {
	Codes []string `json:"recovery_codes" api:"req" doc:"Mười mã khôi phục, mỗi mã dùng một lần; chỉ trả về một lần này"`
}

type managedJSON struct {
	accountJSON
	Disabled          bool `json:"disabled"`
	InstallationAdmin bool `json:"installation_admin"`
}

type managedList struct {
	Items []managedJSON `json:"items" api:"req"`
}

type resetInput struct {
	Password  string `json:"password" api:"req" doc:"Mật khẩu mới theo chính sách mật khẩu"`
	ClearTOTP bool   `json:"clear_totp" doc:"Xóa luôn xác thực hai bước (chủ tài khoản mất điện thoại) để đăng ký lại"`
}

func (h *handlers) accountRoutes() []route {
	return []route{
		{Method: "POST", Path: prefix + "/me/password", Handle: h.changePassword, Op: operation{ID: "changePassword", Tag: tagAccounts,
			Summary: "Đổi mật khẩu; các phiên khác của tài khoản kết thúc, phiên này giữ lại", Body: "PasswordInput", Resp: "Account", Limited: true}},
		{Method: "GET", Path: prefix + "/me/sessions", Handle: h.listSessions, Op: operation{ID: "listSessions", Tag: tagAccounts,
			Summary: "Các phiên đăng nhập đang mở của tài khoản", Resp: "SessionList"}},
		{Method: "POST", Path: prefix + "/me/sessions/end-others", Handle: h.endOtherSessions, Op: operation{ID: "endOtherSessions", Tag: tagAccounts,
			Summary: "Đăng xuất khỏi các thiết bị khác (mọi phiên trừ phiên này)", Resp: "Ended"}},
		{Method: "DELETE", Path: prefix + "/me/sessions/{ref}", Handle: h.endSession, Op: operation{ID: "endSession", Tag: tagAccounts,
			Summary: "Kết thúc một phiên đăng nhập", Status: http.StatusNoContent}},
		{Method: "GET", Path: prefix + "/me/tokens", Handle: h.listTokens, Op: operation{ID: "listApiTokens", Tag: tagAccounts,
			Summary: "Các mã truy cập API của tài khoản (không bao giờ có mã bí mật)", Resp: "ApiTokenList"}},
		{Method: "POST", Path: prefix + "/me/tokens", Handle: h.createToken, Op: operation{ID: "createApiToken", Tag: tagAccounts,
			Summary: "Tạo mã truy cập API; cần phiên đăng nhập (cookie) đã qua xác thực hai bước", Body: "ApiTokenInput",
			Status: http.StatusCreated, Resp: "NewApiToken"}},
		{Method: "POST", Path: prefix + "/me/tokens/{id}/revoke", Handle: h.revokeToken, Op: operation{ID: "revokeApiToken", Tag: tagAccounts,
			Summary: "Thu hồi một mã truy cập API", Resp: "ApiTokenList"}},
		{Method: "POST", Path: prefix + "/me/totp", Handle: h.beginTOTP, Op: operation{ID: "beginTOTP", Tag: tagAccounts,
			Summary: "Bắt đầu đăng ký xác thực hai bước (TOTP): khóa bí mật mới chờ xác nhận", Status: http.StatusCreated, Resp: "TOTPEnrolment"}},
		{Method: "POST", Path: prefix + "/me/totp/confirm", Handle: h.confirmTOTP, Op: operation{ID: "confirmTOTP", Tag: tagAccounts,
			Summary: "Xác nhận khóa bằng mã hiện tại; trả về mười mã khôi phục (một lần)", Body: "CodeInput", Resp: "RecoveryCodes", Conflict: true}},
		{Method: "GET", Path: prefix + "/accounts", Handle: h.listAccounts, Op: operation{ID: "listAccounts", Tag: tagAccounts,
			Summary: "Các tài khoản trong cây đơn vị (quản trị)", Admin: true, Resp: "ManagedAccountList"}},
		{Method: "POST", Path: prefix + "/accounts/{id}/disable", Handle: h.setDisabled(true), Op: operation{ID: "disableAccount", Tag: tagAccounts,
			Summary: "Khóa tài khoản: các phiên và mã truy cập của nó hết hiệu lực ngay", Admin: true, Resp: "ManagedAccount"}},
		{Method: "POST", Path: prefix + "/accounts/{id}/enable", Handle: h.setDisabled(false), Op: operation{ID: "enableAccount", Tag: tagAccounts,
			Summary: "Mở khóa tài khoản (mã truy cập đã thu hồi không trở lại)", Admin: true, Resp: "ManagedAccount"}},
		{Method: "POST", Path: prefix + "/accounts/{id}/reset-password", Handle: h.resetPassword, Op: operation{ID: "resetPassword", Tag: tagAccounts,
			Summary: "Đặt lại mật khẩu cho tài khoản; mọi phiên của nó kết thúc", Admin: true, Body: "ResetInput", Resp: "ManagedAccount"}},
	}
}

func (h *handlers) changePassword(r *http.Request, a *tdkt.Account) (any, error) {
	var in passwordInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := h.svc.ChangePassword(r.Context(), a, in.Current, in.Password, in.Repeat); err != nil {
		return nil, err
	}
	return h.me(r, a)
}

func (h *handlers) listSessions(r *http.Request, a *tdkt.Account) (any, error) {
	list, err := h.svc.Sessions(r.Context(), a)
	out := sessionList{Items: make([]sessionJSON, len(list))}
	for i, s := range list {
		out.Items[i] = sessionJSON{Ref: s.Ref, Browser: s.Browser, IP: s.IP, CreatedAt: s.CreatedAt, LastSeen: s.LastSeen, ExpiresAt: s.ExpiresAt,
			SecondFactor: s.SecondFactor, Current: s.Current}
	}
	return out, err
}

func (h *handlers) endOtherSessions(r *http.Request, a *tdkt.Account) (any, error) {
	n, err := h.svc.EndOtherSessions(r.Context(), a)
	return endedJSON{Ended: n}, err
}

func (h *handlers) endSession(r *http.Request, a *tdkt.Account) (any, error) {
	return nil, h.svc.EndSession(r.Context(), a, r.PathValue("ref"))
}

func toToken(k sqldb.APIToken) tokenJSON {
	return tokenJSON{ID: k.ID, Name: k.Name, CreatedAt: k.CreatedAt, ExpiresAt: k.ExpiresAt, LastUsedAt: k.LastUsedAt, Revoked: k.Revoked}
}

func (h *handlers) listTokens(r *http.Request, a *tdkt.Account) (any, error) {
	list, err := h.svc.APITokens(r.Context(), a)
	out := tokenList{Items: make([]tokenJSON, len(list))}
	for i, k := range list {
		out.Items[i] = toToken(k)
	}
	return out, err
}

func (h *handlers) createToken(r *http.Request, a *tdkt.Account) (any, error) {
	var in tokenInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	k, err := h.svc.CreateAPIToken(r.Context(), a, in.Name, in.ExpiresDays)
	if err != nil {
		return nil, err
	}
	return newTokenJSON{Token: k.Token, tokenJSON: toToken(k.APIToken)}, nil
}

func (h *handlers) revokeToken(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "mã truy cập API")
	if err != nil {
		return nil, err
	}
	if err := h.svc.RevokeAPIToken(r.Context(), a, id); err != nil {
		return nil, err
	}
	return h.listTokens(r, a)
}

func (h *handlers) beginTOTP(r *http.Request, a *tdkt.Account) (any, error) {
	e, err := h.svc.BeginTOTP(r.Context(), a)
	return totpJSON{Secret: e.Secret, URI: e.URI}, err
}

func (h *handlers) confirmTOTP(r *http.Request, a *tdkt.Account) (any, error) {
	var in codeInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	codes, err := h.svc.ConfirmTOTP(r.Context(), a, in.Code)
	for i := range codes {
		codes[i] = core.FormatRecoveryCode(codes[i])
	}
	return recoveryJSON{Codes: codes}, err
}

func toManaged(a tdkt.Account) managedJSON {
	return managedJSON{accountJSON: accountJSON{ID: a.ID, Login: a.Login, Name: a.Name, Role: a.Role, OrgID: a.OrgID, OrgName: a.OrgName},
		Disabled: a.Disabled, InstallationAdmin: a.InstallationAdmin}
}

func (h *handlers) listAccounts(r *http.Request, a *tdkt.Account) (any, error) {
	list, err := h.svc.ManagedAccounts(r.Context(), a)
	out := managedList{Items: make([]managedJSON, len(list))}
	for i, x := range list {
		out.Items[i] = toManaged(x)
	}
	return out, err
}

// managedAfter answers an administrator's change with the account as it now is.
func (h *handlers) managedAfter(r *http.Request, a *tdkt.Account, id int64) (any, error) {
	list, err := h.svc.ManagedAccounts(r.Context(), a)
	for _, x := range list {
		if x.ID == id {
			return toManaged(x), err
		}
	}
	return nil, firstError(err, tdkt.NotFound("tài khoản"))
}

func firstError(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

func (h *handlers) setDisabled(disabled bool) handler {
	return func(r *http.Request, a *tdkt.Account) (any, error) {
		id, err := pathID(r, "tài khoản")
		if err != nil {
			return nil, err
		}
		if err := h.svc.SetAccountDisabled(r.Context(), a, id, disabled); err != nil {
			return nil, err
		}
		return h.managedAfter(r, a, id)
	}
}

func (h *handlers) resetPassword(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "tài khoản")
	if err != nil {
		return nil, err
	}
	var in resetInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := h.svc.ResetAccountPassword(r.Context(), a, id, in.Password, in.ClearTOTP); err != nil {
		return nil, err
	}
	return h.managedAfter(r, a, id)
}
