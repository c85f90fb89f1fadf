package core

// Checkpoints: the chain's head, signed with the audit key and appended to a file
// outside the database, so that removing the newest events, or erasing the chain,
// shows even to someone who restores the head row from a backup.

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"tdkt"
	"tdkt/sqldb"
)

// Checkpoint records that the chain held Events events up to LastEventID, the last
// with hash Head. MAC is HMAC-SHA256 with the audit key and Sig an Ed25519 signature
// (AuditPublicKey), both over the other fields (see signed).
type Checkpoint struct {
	Installation string `json:"installation"`
	Name         string `json:"name"`
	At           string `json:"at"`
	LastEventID  int64  `json:"last_event_id"`
	Events       int64  `json:"events"`
	Head         string `json:"head"`
	MAC          string `json:"mac"`
	Sig          string `json:"sig"`
	// A peer installation's countersignature will be added here by the exchange
	// between installations (docs/audit.md).
}

// signed is the canonical text that MAC and Sig cover.
func (c *Checkpoint) signed() []byte {
	return fmt.Appendf(nil, "tdkt checkpoint 1\n%q\n%q\n%q\n%d\n%d\n%q", c.Installation, c.Name, c.At, c.LastEventID, c.Events, c.Head)
}

func (c *Checkpoint) mac(key []byte) string {
	h := hmac.New(sha256.New, key)
	h.Write(c.signed())
	return hex.EncodeToString(h.Sum(nil))
}

// check tells whether the checkpoint was written with key.
func (c *Checkpoint) check(key []byte) error {
	if c.Installation != InstallationID(key) {
		return fmt.Errorf("written by installation %s, not by this key's (%s)", c.Installation, InstallationID(key))
	}
	if !hmac.Equal([]byte(c.MAC), []byte(c.mac(key))) {
		return errors.New("its HMAC does not match (the line was changed or forged)")
	}
	sig, err := base64.StdEncoding.DecodeString(c.Sig)
	if err != nil || !ed25519.Verify(checkpointSigner(key).Public().(ed25519.PublicKey), c.signed(), sig) {
		return errors.New("its signature does not match")
	}
	return nil
}

// WriteCheckpoint signs the chain's current head and appends it to the checkpoint
// log, then stores it in the database for display. It refuses a head that the key
// did not sign, and needs a key and a checkpoint file.
func (s *Service) WriteCheckpoint(ctx context.Context) (c Checkpoint, err error) {
	if s.AuditTrail.Key == nil || s.AuditTrail.Checkpoints == "" {
		return c, errors.New("checkpoint: no audit key or checkpoint file configured")
	}
	c = Checkpoint{Installation: InstallationID(s.AuditTrail.Key), Name: s.AuditTrail.Name, At: s.stamp()}
	if err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		if c.LastEventID, c.Head, c.Events, err = tx.AuditTip(ctx); err != nil {
			return err
		}
		// Sign only a head that this key signed: a checkpoint must not vouch for a
		// chain without a keyed start, or for a head reset without the key.
		head, err := tx.AuditHead(ctx)
		if err != nil {
			return err
		}
		if head.MAC != sqldb.HeadMAC(s.AuditTrail.Key, head.Hash) || head.MAC == "" || head.Hash != c.Head {
			return tdkt.Errorf(tdkt.EConflict, "the chain's head is not signed with this audit key (the keyed chain has not started, or the head was changed); run tdkt audit verify")
		}
		return nil
	}); err != nil {
		return c, fmt.Errorf("checkpoint: %w", err)
	}
	c.MAC = c.mac(s.AuditTrail.Key)
	c.Sig = base64.StdEncoding.EncodeToString(ed25519.Sign(checkpointSigner(s.AuditTrail.Key), c.signed()))
	line, _ := json.Marshal(c)
	if err := appendLine(s.AuditTrail.Checkpoints, line); err != nil {
		return c, fmt.Errorf("checkpoint: %w", err)
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error { return tx.SetAuditCheckpoint(ctx, string(line)) })
	return c, err
}

// appendLine appends one line and syncs it: a checkpoint that is not on disk protects nothing.
func appendLine(path string, line []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadCheckpoints reads the checkpoint log at path and checks every line with key;
// a missing file is no checkpoints. A line that is not this installation's, or whose
// HMAC or signature does not match, is an EConflict error naming the line.
func ReadCheckpoints(path string, key []byte) ([]Checkpoint, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Checkpoint
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var c Checkpoint
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return out, tdkt.Errorf(tdkt.EConflict, "checkpoint file %s, line %d: not a checkpoint (%v)", path, n, err)
		}
		if err := c.check(key); err != nil {
			return out, tdkt.Errorf(tdkt.EConflict, "checkpoint file %s, line %d: %v", path, n, err)
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// WriteCheckpointIfMoved writes a checkpoint unless the newest event is still
// lastEventID (that of the previous checkpoint): an idle installation does not fill
// its checkpoint file.
func (s *Service) WriteCheckpointIfMoved(ctx context.Context, lastEventID int64) (c Checkpoint, err error) {
	var id int64
	if err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) { id, _, _, err = tx.AuditTip(ctx); return err }); err != nil {
		return c, err
	}
	if id == lastEventID {
		return Checkpoint{LastEventID: id}, nil
	}
	return s.WriteCheckpoint(ctx)
}
