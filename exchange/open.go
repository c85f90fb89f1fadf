package exchange

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Open checks size and zip structure (no path tricks, no duplicate or unlisted entries,
// bounded uncompressed sizes), reads the manifest, finds the sender's key by
// Manifest.Sender.Installation through keyOf (false: unknown_sender), checks that the
// key's Fingerprint equals Sender.Installation and the signature, checks every file's
// size and hash, and runs Validate. Every failure is a *Refusal. Open does not know who
// opens: the receiver then calls CheckReceiver with its own fingerprint.
func Open(zipBytes []byte, keyOf func(installation string) (ed25519.PublicKey, bool)) (*Package, error) {
	if len(zipBytes) > MaxPackage {
		return nil, refuse(CodeTooLarge, fmt.Sprintf("Gói tin %d byte, vượt giới hạn %d byte.", len(zipBytes), MaxPackage))
	}
	entries, err := readDirectory(zipBytes)
	if err != nil {
		return nil, err
	}

	mf, ok := entries[manifestName]
	if !ok {
		return nil, refuse(CodeBadManifest, "Gói tin không có tệp kê khai manifest.json.")
	}
	raw, err := readEntry(mf)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := decodeManifest(raw, &m); err != nil {
		return nil, err
	}
	// The version first: a later version may mean other things by the same fields.
	if m.Version != Version {
		return nil, m.Validate()
	}

	pub, ok := keyOf(m.Sender.Installation)
	if !ok {
		return nil, refuse(CodeUnknownSender, fmt.Sprintf("Hệ thống gửi %s chưa được đăng ký là hệ thống kết nối.", quote(m.Sender.Installation)))
	}
	if len(pub) != ed25519.PublicKeySize || Fingerprint(pub) != m.Sender.Installation {
		return nil, refuse(CodeBadSignature, "Khóa đã đăng ký của hệ thống gửi không khớp với mã hệ thống ghi trong gói tin.")
	}
	sf, ok := entries[signatureName]
	if !ok {
		return nil, refuse(CodeBadSignature, "Gói tin không có chữ ký manifest.sig.")
	}
	sigText, err := readEntry(sf)
	if err != nil {
		return nil, err
	}
	sig, err := base64.StdEncoding.Strict().DecodeString(strings.TrimRight(string(sigText), " \t\r\n"))
	if err != nil || len(sig) != ed25519.SignatureSize || !ed25519.Verify(pub, raw, sig) {
		return nil, refuse(CodeBadSignature, "Chữ ký của gói tin không đúng: gói tin đã bị thay đổi hoặc không do hệ thống gửi ký.")
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}

	listed := make(map[string]File, len(m.Files))
	for _, f := range m.Files {
		listed[f.Name] = f
	}
	for name := range entries {
		if _, ok := listed[name]; !ok && name != manifestName && name != signatureName {
			return nil, refuse(CodeUnlistedFile, fmt.Sprintf("Gói tin chứa tệp %s không có trong tệp kê khai.", quote(name)))
		}
	}
	pkg := &Package{Manifest: m, Raw: raw, Files: make(map[string][]byte, len(m.Files))}
	for _, f := range m.Files {
		e, ok := entries[f.Name]
		if !ok {
			return nil, refuse(CodeMissingFile, fmt.Sprintf("Gói tin thiếu tệp %s ghi trong tệp kê khai.", quote(f.Name)))
		}
		data, err := readEntry(e)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != f.Size || hex.EncodeToString(sum[:]) != f.SHA256 {
			return nil, refuse(CodeBadHash, fmt.Sprintf("Tệp %s không đúng kích thước hoặc mã băm ghi trong tệp kê khai.", quote(f.Name)))
		}
		pkg.Files[f.Name] = data
	}
	return pkg, nil
}

// readDirectory reads the zip's central directory and refuses what a package never
// holds: directories, names that are not plain relative paths, duplicate names (also
// differing only by case), encryption, methods other than store and deflate, more
// entries than a manifest may list, and declared sizes over the bounds.
func readDirectory(zipBytes []byte) (map[string]*zip.File, error) {
	zr, err := zip.NewReader(bytes.NewReader(zipBytes), int64(len(zipBytes)))
	if err != nil && zr == nil { // zip.ErrInsecurePath still gives a reader; the names are checked below
		return nil, refuse(CodeBadZip, "Gói tin không phải là tệp zip đọc được.")
	}
	if len(zr.File) > maxFiles+2 {
		return nil, refuse(CodeBadZip, fmt.Sprintf("Gói tin có %d tệp, quá giới hạn %d.", len(zr.File), maxFiles+2))
	}
	entries := make(map[string]*zip.File, len(zr.File))
	folded := make(map[string]bool, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		if !safeName(f.Name) {
			return nil, refuse(CodeBadZip, fmt.Sprintf("Gói tin chứa tên tệp không hợp lệ %s.", quote(f.Name)))
		}
		if k := strings.ToLower(f.Name); folded[k] {
			return nil, refuse(CodeBadZip, fmt.Sprintf("Gói tin chứa hai lần tệp %s.", quote(f.Name)))
		} else {
			folded[k] = true
		}
		if f.Flags&0x1 != 0 {
			return nil, refuse(CodeBadZip, fmt.Sprintf("Tệp %s trong gói tin bị mã hóa.", quote(f.Name)))
		}
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return nil, refuse(CodeBadZip, fmt.Sprintf("Tệp %s trong gói tin dùng cách nén không được hỗ trợ.", quote(f.Name)))
		}
		limit := uint64(maxUncompressed)
		switch f.Name {
		case manifestName:
			limit = maxManifest
		case signatureName:
			limit = maxSignature
		}
		total += f.UncompressedSize64
		if f.UncompressedSize64 > limit || total > maxUncompressed {
			return nil, refuse(CodeTooLarge, fmt.Sprintf("Nội dung giải nén của gói tin vượt giới hạn (tệp %s).", quote(f.Name)))
		}
		entries[f.Name] = f
	}
	return entries, nil
}

// safeName accepts the names a package may hold: manifest.json, manifest.sig and
// "files/…" names without any path trick. Names matching neither are refused here,
// before anything is read; names of the right shape that the manifest does not list
// are refused later as unlisted_file.
func safeName(name string) bool {
	return name == manifestName || name == signatureName || reFileName.MatchString(name)
}

// readEntry reads an entry, never more than its declared size: a zip whose data
// expands beyond what its directory says is refused rather than read on.
func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, refuse(CodeBadZip, fmt.Sprintf("Không đọc được tệp %s trong gói tin.", quote(f.Name)))
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err != nil || uint64(len(data)) != f.UncompressedSize64 {
		return nil, refuse(CodeBadZip, fmt.Sprintf("Tệp %s trong gói tin hỏng hoặc khai sai kích thước.", quote(f.Name)))
	}
	return data, nil
}

// decodeManifest reads manifest.json: valid UTF-8, one JSON object and nothing after,
// every required member present and no null (checkMembers). Members this version does
// not know are ignored (additive changes).
func decodeManifest(raw []byte, m *Manifest) error {
	bad := func(why string) error {
		return refuse(CodeBadManifest, "Tệp kê khai (manifest.json) không đọc được: "+why+".")
	}
	if !utf8.Valid(raw) {
		return bad("không phải văn bản UTF-8")
	}
	if t := bytes.TrimLeft(raw, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return bad("không phải một đối tượng JSON")
	}
	// The version first, alone: a later version may change the other members' types.
	var v struct {
		Version string `json:"version"`
	}
	if json.Unmarshal(raw, &v) == nil && v.Version != Version {
		m.Version = v.Version
		return nil // the caller refuses it as bad_version
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(m); err != nil {
		return bad(err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad("có dữ liệu thừa sau đối tượng JSON")
	}
	return checkMembers(raw)
}
