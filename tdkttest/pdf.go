package tdkttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// PDFText extracts the text of a PDF with pdftotext (poppler-utils), so that a test
// checks what a reader sees. Without pdftotext the test skips, or fails when CI demands
// the tools (TDKT_REQUIRE_BROWSER=1, which also installs poppler-utils).
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if Required("TDKT_REQUIRE_BROWSER") {
			t.Fatal("pdftotext is required (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils): PDF text not checked")
	}
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
