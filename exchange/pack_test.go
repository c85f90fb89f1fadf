package exchange

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"testing"
)

// Pack then Open gives back the same manifest (sizes and hashes filled) and the same
// files, and packing the same input twice gives the same bytes.
func TestPackOpenRoundTrip(t *testing.T) {
	dossier, dossierFiles := dossierManifest()
	for _, tc := range []struct {
		name  string
		m     Manifest
		files map[string][]byte
		key   ed25519.PrivateKey
	}{
		{"dossier", dossier, dossierFiles, provinceKey},
		{"returned", returnedStatus(), nil, boardKey},
		{"decided", decidedStatus(), nil, boardKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key := tc.key
			pkg := mustPack(t, tc.m, tc.files, key)
			again := mustPack(t, tc.m, tc.files, key)
			if !bytes.Equal(pkg, again) {
				t.Fatal("the same input gave different bytes")
			}
			p, err := Open(pkg, peers(provinceKey, boardKey))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			want := tc.m
			want.Files = append([]File{}, tc.m.Files...)
			for i := range want.Files {
				sum := sha256.Sum256(tc.files[want.Files[i].Name])
				want.Files[i].Size, want.Files[i].SHA256 = int64(len(tc.files[want.Files[i].Name])), hex.EncodeToString(sum[:])
			}
			normalize(&want)
			if !reflect.DeepEqual(p.Manifest, want) {
				t.Fatalf("manifest\n got %+v\nwant %+v", p.Manifest, want)
			}
			if len(p.Files) != len(tc.files) {
				t.Fatalf("%d files, want %d", len(p.Files), len(tc.files))
			}
			for n, data := range tc.files {
				if !bytes.Equal(p.Files[n], data) {
					t.Fatalf("file %s differs", n)
				}
			}
			es := entries(t, pkg)
			if es[0].name != manifestName || !bytes.Equal(es[0].data, p.Raw) || es[1].name != signatureName {
				t.Fatalf("entries start %q, %q; want manifest.json (the signed bytes), manifest.sig", es[0].name, es[1].name)
			}
			for i := 3; i < len(es); i++ {
				if es[i-1].name >= es[i].name {
					t.Fatalf("files not in name order: %q before %q", es[i-1].name, es[i].name)
				}
			}
			if len(es) != 2+len(tc.files) {
				t.Fatalf("%d entries, want %d", len(es), 2+len(tc.files))
			}
			if err := p.Manifest.CheckReceiver(tc.m.Receiver.Installation); err != nil {
				t.Fatalf("CheckReceiver of the addressee: %v", err)
			}
		})
	}
}

// The zip carries fixed times, so that nothing of the moment of packing leaks in.
func TestPackFixedTimes(t *testing.T) {
	m, files := dossierManifest()
	pkg := mustPack(t, m, files, provinceKey)
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(zipTime) {
			t.Fatalf("%s modified %v, want %v", f.Name, f.Modified, zipTime)
		}
	}
}

// Pack leaves the caller's manifest as it was.
func TestPackLeavesInputAlone(t *testing.T) {
	m, files := dossierManifest()
	mustPack(t, m, files, provinceKey)
	if m.Files[0].Size != 0 || m.Files[0].SHA256 != "" || m.Dossier.History == nil {
		t.Fatalf("Pack changed its input: %+v", m.Files[0])
	}
}

func TestPackRefuses(t *testing.T) {
	t.Run("invalid manifest", func(t *testing.T) {
		m, files := dossierManifest()
		m.Dossier.Candidates = nil
		_, err := Pack(m, files, provinceKey)
		wantRefusal(t, err, CodeBadManifest)
	})
	t.Run("other version", func(t *testing.T) {
		m, files := dossierManifest()
		m.Version = "tdkt-exchange/2"
		_, err := Pack(m, files, provinceKey)
		wantRefusal(t, err, CodeBadVersion)
	})
	t.Run("sender is not the key's installation", func(t *testing.T) {
		m, files := dossierManifest()
		_, err := Pack(m, files, strangerKey)
		wantRefusal(t, err, CodeBadSignature)
	})
	t.Run("no key", func(t *testing.T) {
		m, files := dossierManifest()
		if _, err := Pack(m, files, nil); err == nil {
			t.Fatal("packed without a key")
		}
	})
	t.Run("listed file without content", func(t *testing.T) {
		m, files := dossierManifest()
		delete(files, "files/to-trinh.pdf")
		_, err := Pack(m, files, provinceKey)
		wantRefusal(t, err, CodeMissingFile)
	})
	t.Run("content not listed", func(t *testing.T) {
		m, files := dossierManifest()
		files["files/extra.pdf"] = []byte("x")
		_, err := Pack(m, files, provinceKey)
		wantRefusal(t, err, CodeUnlistedFile)
	})
	t.Run("over MaxPackage", func(t *testing.T) {
		m, files := dossierManifest()
		big := make([]byte, MaxPackage+1) // random: deflate cannot shrink it
		if _, err := rand.Read(big); err != nil {
			t.Fatal(err)
		}
		files["files/to-trinh.pdf"] = big
		_, err := Pack(m, files, provinceKey)
		wantRefusal(t, err, CodeTooLarge)
	})
}
