package core

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// The second factor is TOTP as RFC 6238 defines it with the parameters every
// authenticator application assumes: HMAC-SHA-1, six digits, a 30-second step, and
// one step of clock drift either way.
const (
	totpDigits = 6
	totpPeriod = 30
	totpSkew   = 1
)

// totpEncoding is base32 without padding, as authenticator applications expect.
var totpEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a random 160-bit second-factor secret in base32 (RFC 4226
// recommends 160 bits); the demo enrols its accounts with it.
func NewTOTPSecret() string { return newTOTPSecret() }

// TOTPURI is the otpauth:// address of a secret for login, as the QR code carries it.
func TOTPURI(login, secret string) string { return totpURI(TOTPIssuer, login, secret) }

func newTOTPSecret() string {
	b := make([]byte, 20)
	rand.Read(b)
	return totpEncoding.EncodeToString(b)
}

// hotp is RFC 4226's HOTP: HMAC-SHA-1 of the big-endian counter, dynamic truncation,
// the low digits in decimal.
func hotp(key []byte, counter uint64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

// totpStep is the RFC 6238 time step of an instant (T0 = 0).
func totpStep(t time.Time) int64 { return t.Unix() / totpPeriod }

// TOTPCode returns the code of a base32 secret at an instant; tests and the
// enrolment check use it. An invalid secret gives an empty code.
func TOTPCode(secret string, at time.Time) string {
	key, err := decodeTOTPSecret(secret)
	if err != nil {
		return ""
	}
	return hotp(key, uint64(totpStep(at)), totpDigits)
}

func decodeTOTPSecret(secret string) ([]byte, error) {
	return totpEncoding.DecodeString(strings.ToUpper(strings.TrimRight(strings.ReplaceAll(secret, " ", ""), "=")))
}

// matchTOTP returns the step whose code equals code within the allowed drift of now,
// or 0 when none does. Every candidate is compared, in constant time, so that the
// time taken does not tell which step matched.
func matchTOTP(secret, code string, now time.Time) int64 {
	key, err := decodeTOTPSecret(secret)
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if err != nil || len(code) != totpDigits {
		return 0
	}
	var found int64
	cur := totpStep(now)
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if subtle.ConstantTimeCompare([]byte(hotp(key, uint64(s), totpDigits)), []byte(code)) == 1 {
			found = s
		}
	}
	return found
}

// totpURI is the otpauth:// address an authenticator application reads from the QR
// code (the Key Uri Format of Google Authenticator, which the others follow).
func totpURI(issuer, login, secret string) string {
	label := url.PathEscape(issuer + ":" + login)
	q := url.Values{"secret": {secret}, "issuer": {issuer}, "algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}
	return "otpauth://totp/" + label + "?" + q.Encode()
}
