package core

import (
	"encoding/base32"
	"testing"
	"time"
)

// TestTOTPRFC6238Vectors checks the code against the SHA-1 test vectors of RFC 6238,
// Appendix B (secret "12345678901234567890" in ASCII, 8 digits), and their 6-digit
// truncation, which is what tdkt uses.
func TestTOTPRFC6238Vectors(t *testing.T) {
	key := []byte("12345678901234567890")
	secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(key)
	for _, v := range []struct {
		unix  int64
		step  uint64
		eight string
	}{
		{59, 0x1, "94287082"},
		{1111111109, 0x23523EC, "07081804"},
		{1111111111, 0x23523ED, "14050471"},
		{1234567890, 0x273EF07, "89005924"},
		{2000000000, 0x3F940AA, "69279037"},
		{20000000000, 0x27BC86AA, "65353130"},
	} {
		at := time.Unix(v.unix, 0).UTC()
		if s := totpStep(at); uint64(s) != v.step {
			t.Errorf("T=%d: step %X, want %X", v.unix, s, v.step)
		}
		if got := hotp(key, v.step, 8); got != v.eight {
			t.Errorf("T=%d: %s, want %s", v.unix, got, v.eight)
		}
		if got := TOTPCode(secret, at); got != v.eight[2:] {
			t.Errorf("T=%d: six digits %s, want %s", v.unix, got, v.eight[2:])
		}
		if s := matchTOTP(secret, v.eight[2:], at.Add(totpPeriod*time.Second)); uint64(s) != v.step {
			t.Errorf("T=%d: a code one step old matched step %d", v.unix, s)
		}
		if s := matchTOTP(secret, v.eight[2:], at.Add(2*totpPeriod*time.Second)); s != 0 {
			t.Errorf("T=%d: a code two steps old was accepted", v.unix)
		}
	}
}
