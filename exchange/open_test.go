package exchange

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"
)

func packedDossier(t *testing.T) ([]byte, Manifest, map[string][]byte) {
	t.Helper()
	m, files := dossierManifest()
	return mustPack(t, m, files, provinceKey), m, files
}

// One changed byte inside manifest.json, a file or the signature never opens.
func TestOpenRefusesChangedByte(t *testing.T) {
	pkg, _, _ := packedDossier(t)
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	tried := 0
	for _, f := range zr.File {
		start, err := f.DataOffset()
		if err != nil {
			t.Fatal(err)
		}
		size := int64(f.CompressedSize64)
		for _, off := range []int64{start, start + 1, start + size/3, start + size/2, start + size - 1} {
			bad := bytes.Clone(pkg)
			bad[off] ^= 0x01
			_, err := Open(bad, peers(provinceKey))
			if err == nil {
				t.Fatalf("%s: a byte changed at %d and the package opened", f.Name, off)
			}
			r, ok := err.(*Refusal)
			if !ok {
				t.Fatalf("%s at %d: %v is not a refusal", f.Name, off, err)
			}
			switch r.Code {
			case CodeBadZip, CodeBadManifest, CodeBadSignature, CodeBadHash:
			default:
				t.Fatalf("%s at %d: refusal %q", f.Name, off, r.Code)
			}
			tried++
		}
	}
	if tried != 5*4 {
		t.Fatalf("tried %d offsets, want 20 (manifest, signature, two files)", tried)
	}
}

// A byte changed anywhere in the zip, headers and directory included, either refuses the
// package or leaves exactly the same content (a zip's times and comments are not signed).
func TestOpenAnyChangedByte(t *testing.T) {
	pkg, _, _ := packedDossier(t)
	orig, err := Open(pkg, peers(provinceKey))
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	for off := range pkg {
		bad := bytes.Clone(pkg)
		bad[off] ^= 0x20
		p, err := Open(bad, peers(provinceKey))
		if err != nil {
			if _, ok := err.(*Refusal); !ok {
				t.Fatalf("offset %d: %v is not a refusal", off, err)
			}
			refused++
			continue
		}
		if !bytes.Equal(p.Raw, orig.Raw) || !reflect.DeepEqual(p.Files, orig.Files) {
			t.Fatalf("offset %d: a changed byte opened with other content", off)
		}
	}
	t.Logf("%d of %d changed bytes refused, the others left the content as it was", refused, len(pkg))
	if refused < len(pkg)/2 {
		t.Fatalf("only %d of %d changed bytes refused", refused, len(pkg))
	}
}

// A manifest changed after signing, with the zip's checksums mended, is a bad signature;
// so is a package signed by another key than the sender's.
func TestOpenRefusesForgery(t *testing.T) {
	pkg, _, _ := packedDossier(t)
	es := entries(t, pkg)
	t.Run("manifest changed after signing", func(t *testing.T) {
		forged := append([]entry{}, es...)
		forged[0].data = bytes.Replace(es[0].data, []byte("Huân chương Lao động hạng Ba"), []byte("Huân chương Lao động hạng Nhì"), 1)
		if bytes.Equal(forged[0].data, es[0].data) {
			t.Fatal("the test did not change the manifest")
		}
		_, err := Open(rezip(t, forged), peers(provinceKey))
		wantRefusal(t, err, CodeBadSignature)
	})
	t.Run("signed by another key", func(t *testing.T) {
		_, err := Open(signed(t, es[0].data, strangerKey, es[2:]...), peers(provinceKey, strangerKey))
		wantRefusal(t, err, CodeBadSignature)
	})
	t.Run("signature missing", func(t *testing.T) {
		_, err := Open(rezip(t, append([]entry{es[0]}, es[2:]...)), peers(provinceKey))
		wantRefusal(t, err, CodeBadSignature)
	})
	t.Run("signature not base64", func(t *testing.T) {
		forged := append([]entry{}, es...)
		forged[1].data = []byte("not a signature")
		_, err := Open(rezip(t, forged), peers(provinceKey))
		wantRefusal(t, err, CodeBadSignature)
	})
}

func TestOpenRefusesSender(t *testing.T) {
	pkg, _, _ := packedDossier(t)
	t.Run("unknown sender", func(t *testing.T) {
		_, err := Open(pkg, peers(boardKey, strangerKey))
		wantRefusal(t, err, CodeUnknownSender)
	})
	t.Run("registered key of another fingerprint", func(t *testing.T) {
		// The registry maps the province's fingerprint to the wrong key: never trusted.
		wrong := func(string) (ed25519.PublicKey, bool) { return strangerKey.Public().(ed25519.PublicKey), true }
		_, err := Open(pkg, wrong)
		wantRefusal(t, err, CodeBadSignature)
	})
	t.Run("sender names another installation", func(t *testing.T) {
		// Signed by the stranger, claiming to be the province.
		m, _ := dossierManifest()
		raw, _ := json.Marshal(m)
		_, err := Open(signed(t, raw, strangerKey), peers(provinceKey, strangerKey))
		wantRefusal(t, err, CodeBadSignature)
	})
	t.Run("addressed to another installation", func(t *testing.T) {
		p, err := Open(pkg, peers(provinceKey))
		if err != nil {
			t.Fatal(err)
		}
		wantRefusal(t, p.Manifest.CheckReceiver(fingerprintOf(strangerKey)), CodeWrongReceiver)
	})
}

func TestOpenRefusesFiles(t *testing.T) {
	pkg, _, _ := packedDossier(t)
	es := entries(t, pkg)
	t.Run("file changed", func(t *testing.T) {
		forged := append([]entry{}, es...)
		forged[2].data = append(bytes.Clone(es[2].data), '!')
		_, err := Open(rezip(t, forged), peers(provinceKey))
		wantRefusal(t, err, CodeBadHash)
	})
	t.Run("same size, other content", func(t *testing.T) {
		forged := append([]entry{}, es...)
		forged[2].data = bytes.ToUpper(es[2].data)
		_, err := Open(rezip(t, forged), peers(provinceKey))
		wantRefusal(t, err, CodeBadHash)
	})
	t.Run("entry not listed", func(t *testing.T) {
		_, err := Open(rezip(t, append(append([]entry{}, es...), entry{"files/extra.pdf", []byte("x")})), peers(provinceKey))
		wantRefusal(t, err, CodeUnlistedFile)
	})
	t.Run("listed file missing", func(t *testing.T) {
		_, err := Open(rezip(t, es[:3]), peers(provinceKey))
		wantRefusal(t, err, CodeMissingFile)
	})
	t.Run("manifest missing", func(t *testing.T) {
		_, err := Open(rezip(t, es[1:]), peers(provinceKey))
		wantRefusal(t, err, CodeBadManifest)
	})
}

// Names that could write outside a folder when unpacked, directories, duplicates and
// other shapes are refused before anything is read.
func TestOpenRefusesNames(t *testing.T) {
	pkg, _, _ := packedDossier(t)
	es := entries(t, pkg)
	for _, name := range []string{
		"../evil.pdf", "files/../manifest.json", "files/../../etc/passwd", "/etc/passwd",
		"files\\..\\evil.pdf", "files/", "files/sub/a.pdf", "C:/evil.pdf", "files/.hidden",
		"other/a.pdf", "files/a b.pdf",
	} {
		t.Run(name, func(t *testing.T) {
			var data []byte
			if !strings.HasSuffix(name, "/") {
				data = []byte("x")
			}
			_, err := Open(rezip(t, append(append([]entry{}, es...), entry{name, data})), peers(provinceKey))
			wantRefusal(t, err, CodeBadZip)
		})
	}
	t.Run("duplicate entry", func(t *testing.T) {
		_, err := Open(rezip(t, append(append([]entry{}, es...), es[2])), peers(provinceKey))
		wantRefusal(t, err, CodeBadZip)
	})
	t.Run("names differing by case", func(t *testing.T) {
		other := entry{strings.ToUpper(es[2].name[:7]) + es[2].name[7:], es[2].data}
		_, err := Open(rezip(t, append(append([]entry{}, es...), other)), peers(provinceKey))
		wantRefusal(t, err, CodeBadZip)
	})
}

func TestOpenRefusesSizes(t *testing.T) {
	pkg, _, _ := packedDossier(t)
	es := entries(t, pkg)
	t.Run("over MaxPackage", func(t *testing.T) {
		big := make([]byte, MaxPackage+1)
		copy(big, pkg)
		_, err := Open(big, peers(provinceKey))
		wantRefusal(t, err, CodeTooLarge)
	})
	t.Run("not a zip", func(t *testing.T) {
		_, err := Open([]byte("PK\x03\x04 not really"), peers(provinceKey))
		wantRefusal(t, err, CodeBadZip)
	})
	// raw writes es with the file's declared uncompressed size replaced, its data
	// stored as is: what a hostile or broken writer makes.
	raw := func(t *testing.T, declared uint64, data []byte) []byte {
		t.Helper()
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, e := range es[:2] {
			w, _ := zw.Create(e.name)
			w.Write(e.data)
		}
		for _, e := range es[2:] {
			h := &zip.FileHeader{Name: e.name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(e.data),
				CompressedSize64: uint64(len(e.data)), UncompressedSize64: uint64(len(e.data))}
			d := e.data
			if e.name == es[2].name {
				h.CRC32, h.CompressedSize64, h.UncompressedSize64, d = crc32.ChecksumIEEE(data), uint64(len(data)), declared, data
			}
			w, err := zw.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(d)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	t.Run("well-formed control", func(t *testing.T) {
		if _, err := Open(raw(t, uint64(len(es[2].data)), es[2].data), peers(provinceKey)); err != nil {
			t.Fatalf("the hand-written zip itself does not open: %v", err)
		}
	})
	t.Run("declared smaller than the data", func(t *testing.T) {
		_, err := Open(raw(t, 10, es[2].data), peers(provinceKey))
		wantRefusal(t, err, CodeBadZip)
	})
	t.Run("declared larger than the data", func(t *testing.T) {
		_, err := Open(raw(t, uint64(len(es[2].data))+10, es[2].data), peers(provinceKey))
		wantRefusal(t, err, CodeBadZip)
	})
	t.Run("declared beyond the bound", func(t *testing.T) {
		_, err := Open(raw(t, 1<<40, es[2].data), peers(provinceKey))
		wantRefusal(t, err, CodeTooLarge)
	})
	t.Run("deflated data expanding beyond its declared size", func(t *testing.T) {
		// 1 MiB of zeros deflates to about a kilobyte; the directory claims 100 bytes.
		var comp bytes.Buffer
		zw := zip.NewWriter(&comp)
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: es[2].name, Method: zip.Deflate})
		w.Write(make([]byte, 1<<20))
		zw.Close()
		zr, _ := zip.NewReader(bytes.NewReader(comp.Bytes()), int64(comp.Len()))
		f := zr.File[0]
		rawData, _ := f.OpenRaw()
		deflated := make([]byte, f.CompressedSize64)
		if _, err := rawData.Read(deflated); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw = zip.NewWriter(&buf)
		for _, e := range es[:2] {
			w, _ := zw.Create(e.name)
			w.Write(e.data)
		}
		bomb, err := zw.CreateRaw(&zip.FileHeader{Name: es[2].name, Method: zip.Deflate, CRC32: f.CRC32,
			CompressedSize64: f.CompressedSize64, UncompressedSize64: 100})
		if err != nil {
			t.Fatal(err)
		}
		bomb.Write(deflated)
		for _, e := range es[3:] {
			w, _ := zw.Create(e.name)
			w.Write(e.data)
		}
		zw.Close()
		_, err = Open(buf.Bytes(), peers(provinceKey))
		wantRefusal(t, err, CodeBadZip)
	})
}

func TestOpenRefusesVersion(t *testing.T) {
	m, _ := dossierManifest()
	m.Version = "tdkt-exchange/2"
	m.Files = nil
	raw, _ := json.Marshal(m)
	_, err := Open(signed(t, raw, provinceKey), peers(provinceKey))
	wantRefusal(t, err, CodeBadVersion)
}

// A manifest that is signed but breaks the schema is refused as bad_manifest.
func TestOpenRefusesInvalidManifest(t *testing.T) {
	for name, raw := range map[string]string{
		"not JSON":      "{",
		"not an object": "[]",
		"trailing data": `{"version":"tdkt-exchange/1"} {}`,
		"missing files": `{"version":"tdkt-exchange/1","id":"x","kind":"status"}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Open(signed(t, []byte(raw), provinceKey), peers(provinceKey))
			wantRefusal(t, err, CodeBadManifest)
		})
	}
	t.Run("member differing only by case", func(t *testing.T) {
		m, _ := dossierManifest()
		m.Files = []File{}
		raw, _ := json.Marshal(m)
		raw = bytes.Replace(raw, []byte(`"revision":1,`), []byte(`"revision":1,"Revision":2,`), 1)
		_, err := Open(signed(t, raw, provinceKey), peers(provinceKey))
		if r := wantRefusal(t, err, CodeBadManifest); !strings.Contains(r.Message, "dossier.Revision") {
			t.Fatalf("message %q does not name the member", r.Message)
		}
	})
	t.Run("missing member", func(t *testing.T) {
		m, _ := dossierManifest()
		m.Files = []File{}
		raw, _ := json.Marshal(m)
		raw = bytes.Replace(raw, []byte(`"simplified":false,`), nil, 1)
		_, err := Open(signed(t, raw, provinceKey), peers(provinceKey))
		if r := wantRefusal(t, err, CodeBadManifest); !strings.Contains(r.Message, `dossier: thiếu trường "simplified"`) {
			t.Fatalf("message %q does not name the member", r.Message)
		}
	})
}

// A later version is refused as such even when its members no longer fit this one.
func TestOpenRefusesVersionFirst(t *testing.T) {
	raw := []byte(`{"version":"tdkt-exchange/2","id":7,"kind":["dossier"],"files":{}}`)
	_, err := Open(signed(t, raw, provinceKey), peers(provinceKey))
	wantRefusal(t, err, CodeBadVersion)
}

// A refusal's message is bounded whatever the sender wrote: it goes back in the answer.
func TestRefusalMessageBounded(t *testing.T) {
	m, _ := dossierManifest()
	m.ID = strings.Repeat("x", 1<<20)
	for range 500 {
		m.Dossier.Candidates = append(m.Dossier.Candidates, Candidate{Ref: "r", Kind: strings.Repeat("k", 1000), Name: "n"})
	}
	m.Files = nil
	r := wantRefusal(t, m.Validate(), CodeBadManifest)
	if len(r.Message) > 8<<10 || !strings.Contains(r.Message, "lỗi khác") {
		t.Fatalf("message of %d bytes", len(r.Message))
	}
}
