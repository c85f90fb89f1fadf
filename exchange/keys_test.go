package exchange

import (
	"crypto/ed25519"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "exchange.pem")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the key exists before the test: %v", err)
	}
	key, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", st.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "-----BEGIN PRIVATE KEY-----\n") {
		t.Fatalf("key file starts %q, want a PEM PRIVATE KEY", data[:min(len(data), 30)])
	}
	again, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !key.Equal(again) {
		t.Fatal("the second call gave another key")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".exchange-key-*"))
	if len(left) != 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
	sig := ed25519.Sign(key, []byte("x"))
	if !ed25519.Verify(again.Public().(ed25519.PublicKey), []byte("x"), sig) {
		t.Fatal("the loaded key does not verify the created key's signature")
	}
}

func TestLoadOrCreateKeyRefusesGarbage(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"not PEM":      "hello",
		"other type":   "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
		"broken PKCS8": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".pem")
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadOrCreateKey(path); err == nil {
			t.Errorf("%s: loaded", name)
		}
		// A broken key file is never replaced by a new key: peers know the old one.
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Errorf("%s: the file was rewritten", name)
		}
	}
}

func TestPublicKeyString(t *testing.T) {
	pub := provinceKey.Public().(ed25519.PublicKey)
	s := PublicKeyString(pub)
	if !strings.HasPrefix(s, "ed25519:") || len(s) != len("ed25519:")+44 {
		t.Fatalf("PublicKeyString = %q", s)
	}
	got, err := ParsePublicKey("  " + s + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(got) {
		t.Fatal("round trip gave another key")
	}
	short := base64.StdEncoding.EncodeToString(pub[:31])
	for _, bad := range []string{
		"", "ed25519:", strings.TrimPrefix(s, "ed25519:"), "rsa:" + strings.TrimPrefix(s, "ed25519:"),
		"ed25519:" + short, "ed25519:" + strings.TrimRight(strings.TrimPrefix(s, "ed25519:"), "=") + "!",
		"ed25519:" + base64.URLEncoding.EncodeToString(append([]byte{0xfb, 0xff}, pub[2:]...)),
	} {
		if _, err := ParsePublicKey(bad); err == nil {
			t.Errorf("ParsePublicKey(%q) accepted", bad)
		}
	}
}

func TestFingerprint(t *testing.T) {
	a, b := Fingerprint(provinceKey.Public().(ed25519.PublicKey)), Fingerprint(boardKey.Public().(ed25519.PublicKey))
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(a) || a == b {
		t.Fatalf("fingerprints %q and %q", a, b)
	}
	// The first 16 bytes of SHA-256 of 32 zero bytes.
	if got := Fingerprint(make([]byte, 32)); got != "66687aadf862bd776c8fc18b8e9f8e20" {
		t.Fatalf("Fingerprint(zeros) = %s", got)
	}
}
