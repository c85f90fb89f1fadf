// Package notifytest runs a real SMTP server for tests: aiosmtpd (Debian
// python3-aiosmtpd), which stores every message it accepts in a Maildir that the
// test reads back.
package notifytest

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// python is Debian's interpreter, where apt installs aiosmtpd (a virtualenv's
// python3 first in PATH would not have it).
const python = "/usr/bin/python3"

// SMTPServer starts aiosmtpd on a free port of 127.0.0.1 for the test's lifetime and
// returns where it listens and the Maildir it fills. Without aiosmtpd the test is
// skipped, or fails when TDKT_REQUIRE_TOOLS=1.
func SMTPServer(t testing.TB) (host string, port int, maildir string) {
	t.Helper()
	maildir = filepath.Join(t.TempDir(), "maildir")
	port = FreePort(t)
	StartSMTP(t, port, maildir)
	return "127.0.0.1", port, maildir
}

// RequireAiosmtpd skips the test when aiosmtpd is missing (fails with
// TDKT_REQUIRE_TOOLS=1).
func RequireAiosmtpd(t testing.TB) {
	t.Helper()
	if err := exec.Command(python, "-c", "import aiosmtpd").Run(); err != nil {
		msg := "aiosmtpd is missing (apt-get install -y python3-aiosmtpd): " + err.Error()
		if os.Getenv("TDKT_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

// FreePort is a TCP port of 127.0.0.1 that nothing listens on now: a place for a
// server that starts later, or that a test keeps down.
func FreePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// StartSMTP starts aiosmtpd on 127.0.0.1:port storing into maildir, and waits until
// it accepts connections. stop ends it (the test's cleanup does too); a test that
// stops and starts again on the same port and Maildir simulates a mail server that
// was down for a while.
func StartSMTP(t testing.TB, port int, maildir string, extra ...string) (stop func()) {
	t.Helper()
	RequireAiosmtpd(t)
	if err := os.MkdirAll(filepath.Dir(maildir), 0o755); err != nil {
		t.Fatal(err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	// extra are aiosmtpd's options before the handler: --tlscert/--tlskey for
	// STARTTLS, --smtpscert/--smtpskey for implicit TLS.
	args := append([]string{"-m", "aiosmtpd", "-n", "-l", addr}, extra...)
	cmd := exec.Command(python, append(args, "-c", "aiosmtpd.handlers.Mailbox", maildir)...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cmd.Process.Kill()
		<-exited
	}
	t.Cleanup(stop)
	// Wait until it listens, or give up if it exits (a port taken meanwhile).
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return stop
		}
		select {
		case err := <-exited:
			stopped = true
			t.Fatalf("aiosmtpd on %s exited: %v\n%s", addr, err, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("aiosmtpd on %s does not accept connections: %v\n%s", addr, err, stderr.String())
		}
	}
}

// Messages reads every message of the Maildir, oldest first (none when nothing
// arrived yet).
func Messages(t testing.TB, maildir string) []*mail.Message {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(maildir, "new"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	type file struct {
		mod  time.Time
		name string
	}
	var files []file
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file{info.ModTime(), e.Name()})
	}
	sort.Slice(files, func(i, j int) bool {
		if !files[i].mod.Equal(files[j].mod) {
			return files[i].mod.Before(files[j].mod)
		}
		return files[i].name < files[j].name
	})
	var out []*mail.Message
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(maildir, "new", f.name))
		if err != nil {
			t.Fatal(err)
		}
		m, err := mail.ReadMessage(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		out = append(out, m)
	}
	return out
}

// WaitMessages waits until the Maildir holds at least n messages and returns them;
// it fails the test after within (a background worker delivers on its own time).
func WaitMessages(t testing.TB, maildir string, n int, within time.Duration) []*mail.Message {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		if ms := Messages(t, maildir); len(ms) >= n {
			return ms
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d message(s) after %s, want %d", maildir, len(Messages(t, maildir)), within, n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Mail is a message as a reader sees it: the decoded subject, the text and HTML
// parts, and the headers a test checks.
type Mail struct {
	Subject, Text, HTML string
	MessageID, Kind     string
	// To is the envelope recipient (aiosmtpd's X-RcptTo).
	To string
}

// Read decodes a message of tdkt's: RFC 2047 subject, multipart/alternative with
// quoted-printable parts (CRLF turned into LF).
func Read(t testing.TB, m *mail.Message) Mail {
	t.Helper()
	out := Mail{MessageID: m.Header.Get("Message-Id"), Kind: m.Header.Get("X-Tdkt-Kind"), To: m.Header.Get("X-RcptTo")}
	var err error
	if out.Subject, err = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q: %v", m.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart() // decodes quoted-printable
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ReplaceAll(string(b), "\r\n", "\n")
		switch ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type")); ct {
		case "text/plain":
			out.Text = s
		case "text/html":
			out.HTML = s
		}
	}
	return out
}
