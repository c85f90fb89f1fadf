package core

// The installation's audit key: 32 random bytes in a file outside the database, the
// only thing that can extend or re-sign the audit chain (docs/audit.md).

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// AuditConfig is where the installation keeps what protects its audit trail; it is
// passed to the Service by whoever wires it (tdkt's commands, the test fixture).
type AuditConfig struct {
	// Key is the installation's audit key (32 bytes). Without it the Service writes
	// the unkeyed legacy chain, which verify rejects after the keyed chain started:
	// only tools and tests that never verify run without one.
	Key []byte
	// Checkpoints is the checkpoint log, one signed JSON line per checkpoint,
	// outside the database; "" writes none.
	Checkpoints string
	// Name is the installation's name, written in its checkpoints.
	Name string
}

// AuditKeySize is the length of an audit key.
const AuditKeySize = 32

// LoadAuditKey reads the audit key at path. With create, a missing file is made
// (its folder too) with 32 random bytes, readable by its owner only; without it a
// missing key is an error, so that verify never invents a key.
func LoadAuditKey(path string, create bool) (key []byte, created bool, err error) {
	key, err = os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && create {
		key = make([]byte, AuditKeySize)
		if _, err := rand.Read(key); err != nil {
			return nil, false, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, false, err
		}
		// O_EXCL: two processes starting at once must not each write a key.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return LoadAuditKey(path, false)
		}
		if err != nil {
			return nil, false, err
		}
		if _, err := f.Write(key); err != nil {
			f.Close()
			return nil, false, err
		}
		return key, true, f.Close()
	}
	if err != nil {
		return nil, false, fmt.Errorf("audit key %s: %w", path, err)
	}
	if len(key) != AuditKeySize {
		return nil, false, fmt.Errorf("audit key %s: %d bytes, want %d", path, len(key), AuditKeySize)
	}
	return key, false, nil
}

// derive is HMAC-SHA256(key, purpose): one key, several independent uses.
func derive(key []byte, purpose string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(purpose))
	return h.Sum(nil)
}

// InstallationID names the installation whose key this is, without revealing the key.
func InstallationID(key []byte) string {
	return hex.EncodeToString(derive(key, "tdkt installation id")[:8])
}

// checkpointSigner is the Ed25519 key that signs checkpoints, derived from the audit
// key so that there is one secret to keep; its public half can be given to anyone.
func checkpointSigner(key []byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(derive(key, "tdkt checkpoint ed25519")[:ed25519.SeedSize])
}

// AuditPublicKey is the base64 Ed25519 public key that verifies this installation's
// checkpoints (`tdkt audit pubkey`).
func AuditPublicKey(key []byte) string {
	return base64.StdEncoding.EncodeToString(checkpointSigner(key).Public().(ed25519.PublicKey))
}
