package core

import (
	_ "embed"
	"strings"
	"unicode"

	"tdkt"
	"tdkt/vn"
)

// The password policy. Administrators (quan_tri) and leaders who decide (lanh_dao)
// hold the most power, so their passwords are longer. A long passphrase beats
// composition rules (NIST SP 800-63B): no "one capital, one digit" demands, only a
// length, a list of common passwords and nothing taken from the account itself.
const (
	minPasswordPrivileged = 12
	minPasswordOthers     = 10
	maxPassword           = 200 // argon2 takes any length; this bounds the work of one login
)

//go:embed passwords.txt
var commonPasswordsText string

// commonPasswords holds the embedded list, folded (no diacritics, lower case).
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(commonPasswordsText, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[foldPassword(l)] = true
		}
	}
	return m
}()

// foldPassword is the form compared with the list and the account's names: without
// diacritics, lower case, without spaces.
func foldPassword(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(vn.Fold(s)), " ", "")
}

// MinPasswordLength is the shortest password the policy accepts for a role.
func MinPasswordLength(role tdkt.Role) int {
	if role == tdkt.RoleAdmin || role == tdkt.RoleLeader {
		return minPasswordPrivileged
	}
	return minPasswordOthers
}

// passwordProblem applies the policy: it returns the Vietnamese message naming what is wrong with a
// new password for an account, or "" when the password is acceptable.
func passwordProblem(password, login, name string, role tdkt.Role) string {
	n := len([]rune(password))
	if min := MinPasswordLength(role); n < min {
		return "Mật khẩu cần ít nhất " + itoa(int64(min)) + " ký tự (" + roleWord(role) + ")."
	}
	if n > maxPassword {
		return "Mật khẩu dài quá " + itoa(maxPassword) + " ký tự."
	}
	f := foldPassword(password)
	if commonPasswords[f] || commonPasswords[strings.TrimRightFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })] {
		return "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn một cụm từ khác dài hơn."
	}
	if l := foldPassword(login); len(l) >= 3 && strings.Contains(f, l) {
		return "Mật khẩu không được chứa tên đăng nhập."
	}
	for _, part := range strings.FieldsFunc(foldPassword(login), func(r rune) bool { return r == '.' || r == '_' || r == '-' || r == '@' }) {
		if len(part) >= 4 && strings.Contains(f, part) {
			return "Mật khẩu không được chứa tên đăng nhập."
		}
	}
	if nm := foldPassword(name); len(nm) >= 4 && strings.Contains(f, nm) {
		return "Mật khẩu không được chứa họ tên của chủ tài khoản."
	}
	if len(uniqueRunes(f)) < 4 {
		return "Mật khẩu gồm quá ít ký tự khác nhau."
	}
	return ""
}

// CheckPassword applies the password policy to a new password for an account with
// that login, name and role: an EInvalid error on the field "password" naming what is
// wrong, or nil. The demo checks the password it is given with it.
func CheckPassword(password, login, name string, role tdkt.Role) error {
	if msg := passwordProblem(password, login, name, role); msg != "" {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: "Mật khẩu chưa đạt: " + msg, Fields: map[string]string{"password": msg}}
	}
	return nil
}

func roleWord(role tdkt.Role) string {
	if role == tdkt.RoleAdmin || role == tdkt.RoleLeader {
		return "tài khoản quản trị và lãnh đạo"
	}
	return "tài khoản cán bộ"
}

func uniqueRunes(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}
