// Package padestest runs the independent tools that tdkt's signature tests compare with:
// poppler's pdfsig (verifier, with NSS) and @signpdf under node (signer). A missing tool
// skips the test, unless TDKT_REQUIRE_TOOLS=1, when it fails it.
package padestest

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Missing skips t because a tool is missing, or fails it when TDKT_REQUIRE_TOOLS=1.
func Missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("TDKT_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is missing and TDKT_REQUIRE_TOOLS=1", what)
	}
	t.Skipf("%s is missing (set TDKT_REQUIRE_TOOLS=1 to make this a failure)", what)
}

// Tool returns the path of an executable, or skips/fails t as Missing does.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name)
	}
	return p
}

// repoRoot is the directory of tdkt's go.mod above the working directory.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.HasPrefix(string(b), "module tdkt\n") {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("padestest: tdkt's go.mod not found above the working directory")
		}
		dir = parent
	}
}

// NodeSign signs pdf with @signpdf (scripts/signpdf, after `npm ci` there) using the key
// and chain of a PKCS#12 file. Its node-forge reads the modern (AES) form but wants an RSA
// key, an ASCII password and ASCII names in the signing certificate's issuer.
func NodeSign(t testing.TB, in []byte, p12 []byte, password string) []byte {
	t.Helper()
	node := Tool(t, "node")
	dir := filepath.Join(repoRoot(t), "scripts", "signpdf")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@signpdf", "signpdf")); err != nil {
		Missing(t, "scripts/signpdf/node_modules (run npm ci there)")
	}
	tmp := t.TempDir()
	inPath, outPath, keyPath := filepath.Join(tmp, "in.pdf"), filepath.Join(tmp, "out.pdf"), filepath.Join(tmp, "key.p12")
	write(t, inPath, in)
	write(t, keyPath, p12)
	cmd := exec.Command(node, filepath.Join(dir, "sign.js"), inPath, outPath, keyPath, password)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("node sign.js: %v\n%s", err, out)
	}
	b, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Pdfsig runs poppler's pdfsig on pdf with an NSS database that trusts roots, and returns
// its output (whatever its exit status: pdfsig exits non-zero for a bad signature).
func Pdfsig(t testing.TB, pdf []byte, roots ...*x509.Certificate) string {
	t.Helper()
	pdfsig, certutil := Tool(t, "pdfsig"), Tool(t, "certutil")
	tmp := t.TempDir()
	db := "sql:" + filepath.Join(tmp, "nss")
	if err := os.Mkdir(filepath.Join(tmp, "nss"), 0o700); err != nil {
		t.Fatal(err)
	}
	run(t, certutil, "-N", "--empty-password", "-d", db)
	for i, r := range roots {
		p := filepath.Join(tmp, fmt.Sprintf("root%d.pem", i))
		write(t, p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: r.Raw}))
		run(t, certutil, "-A", "-n", fmt.Sprintf("root%d", i), "-t", "CT,C,C", "-i", p, "-d", db)
	}
	file := filepath.Join(tmp, "doc.pdf")
	write(t, file, pdf)
	out, _ := exec.Command(pdfsig, "-nssdir", db, file).CombinedOutput()
	if len(out) == 0 {
		t.Fatal("pdfsig printed nothing")
	}
	return string(out)
}

func run(t testing.TB, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func write(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
