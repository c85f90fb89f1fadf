package notify

import (
	"context"
	"errors"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tdkt/notify/notifytest"
)

func TestParseSMTPURL(t *testing.T) {
	for _, c := range []struct {
		url, password string
		want          SMTPConfig
	}{
		{"smtp://thidua@mail.example.gov.vn:587?starttls=1", "pw",
			SMTPConfig{Host: "mail.example.gov.vn", Port: 587, Security: "starttls", Username: "thidua", Password: "pw"}},
		{"smtp://thidua@mail.example.gov.vn?starttls=true", "pw",
			SMTPConfig{Host: "mail.example.gov.vn", Port: 587, Security: "starttls", Username: "thidua", Password: "pw"}},
		{"smtp://relay.local:25", "",
			SMTPConfig{Host: "relay.local", Port: 25, Security: "none"}},
		{"smtp://relay.local", "",
			SMTPConfig{Host: "relay.local", Port: 25, Security: "none"}},
		{"smtp://relay.local:2525?starttls=0", "",
			SMTPConfig{Host: "relay.local", Port: 2525, Security: "none"}},
		{"smtps://thidua@mail.example.gov.vn:465", "pw",
			SMTPConfig{Host: "mail.example.gov.vn", Port: 465, Security: "tls", Username: "thidua", Password: "pw"}},
		{"smtps://mail.example.gov.vn", "",
			SMTPConfig{Host: "mail.example.gov.vn", Port: 465, Security: "tls"}},
		// A local relay may take a password without TLS.
		{"smtp://app@localhost:25", "pw",
			SMTPConfig{Host: "localhost", Port: 25, Security: "none", Username: "app", Password: "pw"}},
		{"smtp://app@127.0.0.1:1025", "pw",
			SMTPConfig{Host: "127.0.0.1", Port: 1025, Security: "none", Username: "app", Password: "pw"}},
	} {
		got, err := ParseSMTPURL(c.url, c.password)
		c.want.Timeout = defaultSMTPTimeout
		if err != nil || got != c.want {
			t.Errorf("%s: %+v, %v; want %+v", c.url, got, err, c.want)
		}
	}
	for _, c := range []struct{ url, password, says string }{
		{"smtp://thidua:matkhau@mail.example.gov.vn:587?starttls=1", "", "không được chứa mật khẩu"},
		{"smtps://thidua:@mail.example.gov.vn", "pw", "không được chứa mật khẩu"},
		{"smtp://thidua@mail.example.gov.vn:25", "pw", "không mã hóa"},
		{"smtp://thidua@mail.example.gov.vn:587?starttls=1", "", "chưa có mật khẩu"},
		{"http://mail.example.gov.vn", "", "smtp://"},
		{"mail.example.gov.vn:25", "", ""},
		{"smtp://mail.example.gov.vn:99999", "", "cổng"},
		{"smtp://mail.example.gov.vn?starttls=maybe", "", "starttls"},
		{"", "", ""},
	} {
		_, err := ParseSMTPURL(c.url, c.password)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%q: %v, want an error saying %q", c.url, err, c.says)
		}
		// The password never shows in the error (it may be logged).
		if err != nil && strings.Contains(err.Error(), "matkhau") {
			t.Errorf("%q: the error shows the password: %v", c.url, err)
		}
	}
}

// TestMailerRefusesCredentialsWithoutTLS: a configuration built by hand (not by
// ParseSMTPURL) still never sends a password in clear text to another machine;
// nothing is even dialled.
func TestMailerRefusesCredentialsWithoutTLS(t *testing.T) {
	c := SMTPConfig{Host: "192.0.2.1", Port: 25, Security: SecurityNone, Username: "u", Password: "p", From: "tdkt <no-reply@tdkt.example>"}
	err := NewMailer(c).Send(context.Background(), sample())
	if err == nil || !strings.Contains(err.Error(), "không mã hóa") {
		t.Errorf("%v", err)
	}
}

func TestMailerRefusesAMessageWithoutAddress(t *testing.T) {
	m := sample()
	m.To.Email = ""
	err := NewMailer(SMTPConfig{Host: "127.0.0.1", Port: 1, Security: SecurityNone, From: "no-reply@tdkt.example"}).Send(context.Background(), m)
	var p Permanent
	if !errors.As(err, &p) {
		t.Errorf("%v, want Permanent", err)
	}
}

func TestClassifySMTPReplies(t *testing.T) {
	var p Permanent
	if err := classify("RCPT TO", &textproto.Error{Code: 550, Msg: "no such user"}); !errors.As(err, &p) {
		t.Errorf("550: %v, want Permanent", err)
	}
	if err := classify("RCPT TO", &textproto.Error{Code: 451, Msg: "try later"}); err == nil || errors.As(err, &p) {
		t.Errorf("451: %v, want an error to retry", err)
	}
}

// TestMailerThroughRealSMTP sends through aiosmtpd and reads the Maildir back.
func TestMailerThroughRealSMTP(t *testing.T) {
	host, port, maildir := notifytest.SMTPServer(t)
	c := SMTPConfig{Host: host, Port: port, Security: SecurityNone, From: "Hệ thống thi đua khen thưởng <no-reply@tdkt.example.gov.vn>"}
	ch := NewMailer(c)
	if ch.Name() != "email" {
		t.Errorf("Name %q", ch.Name())
	}
	m := sample()
	if err := ch.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	msgs := notifytest.Messages(t, maildir)
	if len(msgs) != 1 {
		t.Fatalf("%d messages in the Maildir", len(msgs))
	}
	p := parseMessage(t, msgs[0])
	if want := norm.NFC.String(m.Subject); p.subject != want {
		t.Errorf("subject %q, want %q", p.subject, want)
	}
	if got := msgs[0].Header.Get("X-RcptTo"); got != m.To.Email { // aiosmtpd's envelope header
		t.Errorf("envelope recipient %q", got)
	}
	if got := msgs[0].Header.Get("Message-Id"); got != "<tdkt-local-42@tdkt.example.gov.vn>" {
		t.Errorf("Message-ID %q", got)
	}
	text := strings.ReplaceAll(p.text, "\r\n", "\n")
	for _, want := range []string{"Thiếu biên bản họp bình xét <đợt 2> & chữ ký.", linkLabel + ": " + m.Link, m.Reason} {
		if !strings.Contains(text, want) {
			t.Errorf("text part lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(p.html, `href="`+m.Link+`"`) {
		t.Errorf("HTML part lacks the link:\n%s", p.html)
	}
}

// TestMailerSMTPDown: a mail server that does not answer is an error to retry.
func TestMailerSMTPDown(t *testing.T) {
	port := notifytest.FreePort(t)
	c := SMTPConfig{Host: "127.0.0.1", Port: port, Security: SecurityNone, From: "no-reply@tdkt.example", Timeout: 5 * time.Second}
	err := NewMailer(c).Send(context.Background(), sample())
	var p Permanent
	if err == nil || errors.As(err, &p) {
		t.Errorf("%v, want an error to retry", err)
	}
}

// TestMailerRecipientRefused: an address the server refuses (5xx) is Permanent.
// aiosmtpd without SMTPUTF8 refuses a non-ASCII address with a 5xx reply, which
// net/mail accepts, so the refusal comes from the server.
func TestMailerRecipientRefused(t *testing.T) {
	host, port, maildir := notifytest.SMTPServer(t)
	m := sample()
	m.To.Email = "văn.thư@tdkt.example"
	err := NewMailer(SMTPConfig{Host: host, Port: port, Security: SecurityNone, From: "no-reply@tdkt.example"}).Send(context.Background(), m)
	var p Permanent
	var te *textproto.Error
	if !errors.As(err, &p) || !errors.As(err, &te) || te.Code/100 != 5 {
		t.Errorf("%v, want a Permanent 5xx reply", err)
	}
	if !strings.Contains(err.Error(), "RCPT") {
		t.Errorf("the refusal is not the recipient's: %v", err)
	}
	if n := len(notifytest.Messages(t, maildir)); n != 0 {
		t.Errorf("%d messages stored", n)
	}
}
