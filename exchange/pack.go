package exchange

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"
)

// The two entries every package holds besides its files.
const (
	manifestName  = "manifest.json"
	signatureName = "manifest.sig"
)

// zipTime is every entry's modification time, so that the same input gives the same
// bytes (the earliest time a zip can hold).
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Pack fills each listed File's Size and SHA256 from files (keys are File.Name), writes
// a zip with manifest.json, manifest.sig (base64 of the Ed25519 signature over the
// exact manifest.json bytes) and the files, in a fixed order (manifest.json,
// manifest.sig, then the files by name) with fixed timestamps: the same input gives
// the same bytes. Entries are stored, not deflated: the documents of a dossier (PDF,
// DOCX) are compressed already, the bytes do not depend on a compressor's version,
// and every byte of content is covered by the zip's CRC as well as by the hashes.
//
// It refuses, with the *Refusal a receiver would give, a manifest that does not pass
// Validate, a sender that is not the key's installation (bad_signature), a listed file
// without content (missing_file), content that is not listed (unlisted_file) and a
// result over MaxPackage (too_large).
func Pack(m Manifest, files map[string][]byte, key ed25519.PrivateKey) ([]byte, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, errors.New("exchange: Pack needs the installation's Ed25519 private key")
	}
	// A package whose sender is not the signing key is refused by every receiver:
	// refuse it here, where the mistake is made.
	if fp := Fingerprint(key.Public().(ed25519.PublicKey)); m.Sender.Installation != fp {
		return nil, refuse(CodeBadSignature, fmt.Sprintf("Mã hệ thống gửi %s không phải của khóa ký (%s).", quote(m.Sender.Installation), fp))
	}
	m.Files = append([]File{}, m.Files...) // the caller's slice stays as it was
	for i := range m.Files {
		f := &m.Files[i]
		data, ok := files[f.Name]
		if !ok {
			return nil, refuse(CodeMissingFile, fmt.Sprintf("Thiếu nội dung của tệp %q.", f.Name))
		}
		sum := sha256.Sum256(data)
		f.Size, f.SHA256 = int64(len(data)), hex.EncodeToString(sum[:])
	}
	if len(files) != len(m.Files) {
		listed := make(map[string]bool, len(m.Files))
		for _, f := range m.Files {
			listed[f.Name] = true
		}
		for name := range files {
			if !listed[name] {
				return nil, refuse(CodeUnlistedFile, fmt.Sprintf("Tệp %q không có trong danh sách tệp của gói tin.", name))
			}
		}
	}
	normalize(&m)
	if err := m.Validate(); err != nil {
		return nil, err
	}
	raw, err := marshalManifest(m)
	if err != nil {
		return nil, err
	}
	if len(raw) > maxManifest {
		return nil, refuse(CodeTooLarge, "Tệp kê khai của gói tin quá lớn.")
	}
	sig := base64.StdEncoding.EncodeToString(ed25519.Sign(key, raw))

	names := make([]string, 0, len(m.Files))
	for _, f := range m.Files {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: zipTime})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	if err := write(manifestName, raw); err != nil {
		return nil, err
	}
	if err := write(signatureName, []byte(sig)); err != nil {
		return nil, err
	}
	for _, name := range names {
		if err := write(name, files[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if buf.Len() > MaxPackage {
		return nil, refuse(CodeTooLarge, fmt.Sprintf("Gói tin %d byte, vượt giới hạn %d byte: hãy gửi bớt tệp đính kèm hoặc gửi qua đường giấy.", buf.Len(), MaxPackage))
	}
	return buf.Bytes(), nil
}

// normalize writes empty lists as [] rather than null, as the schema asks.
func normalize(m *Manifest) {
	if m.Files == nil {
		m.Files = []File{}
	}
	if d := m.Dossier; d != nil {
		dc := *d
		dc.Candidates = append([]Candidate{}, d.Candidates...)
		for i := range dc.Candidates {
			if dc.Candidates[i].Records == nil {
				dc.Candidates[i].Records = []Record{}
			}
		}
		if dc.History == nil {
			dc.History = []Event{}
		}
		m.Dossier = &dc
	}
	if s := m.Status; s != nil && s.Decision != nil && s.Decision.Awardees == nil {
		sc, dc := *s, *s.Decision
		dc.Awardees = []Awardee{}
		sc.Decision = &dc
		m.Status = &sc
	}
}

// marshalManifest writes the manifest as indented JSON without HTML escaping, so that
// a person reading manifest.json sees "<" and "&" as they are. Any writer's bytes are
// fine: the signature covers the bytes, never a re-serialisation.
func marshalManifest(m Manifest) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
