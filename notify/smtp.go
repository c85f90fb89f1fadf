package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// SMTPConfig says how to reach the mail server. The password is never part of the
// URL nor of the database: it comes from TDKT_SMTP_PASSWORD or a file.
type SMTPConfig struct {
	Host string
	Port int
	// Security is "starttls" (upgrade a plain connection, usually port 587), "tls"
	// (implicit TLS, smtps, usually port 465) or "none" (a relay on the same machine
	// or network, port 25).
	Security           string
	Username, Password string
	// From is the sender, e.g. "tdkt <no-reply@tdkt.example.gov.vn>"; its domain also
	// names the Message-ID's right side.
	From string
	// Timeout bounds one whole conversation with the server (30s when zero).
	Timeout time.Duration
	// RootCAs verifies the server's certificate; nil is the system's roots. A
	// province whose mail server has a certificate from its own CA sets it
	// (TDKT_SMTP_CA_FILE).
	RootCAs *x509.CertPool
}

// The values of SMTPConfig.Security.
const (
	SecurityStartTLS = "starttls"
	SecurityTLS      = "tls"
	SecurityNone     = "none"
)

const defaultSMTPTimeout = 30 * time.Second

// ParseSMTPURL reads TDKT_SMTP_URL: smtp://[user@]host[:port][?starttls=1] (port 25,
// or 587 with STARTTLS) or smtps://[user@]host[:port] (implicit TLS, port 465). A
// URL carrying a password is refused: passwords live in the environment or a file,
// never in a URL that ends up in process lists and logs. A username with no password,
// or credentials over a connection without TLS to another machine, is refused too.
func ParseSMTPURL(raw, password string) (SMTPConfig, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return SMTPConfig{}, fmt.Errorf("TDKT_SMTP_URL %q không đúng dạng smtp://người-dùng@máy-chủ:587?starttls=1 hoặc smtps://người-dùng@máy-chủ:465", raw)
	}
	c := SMTPConfig{Host: u.Hostname(), Password: password, Timeout: defaultSMTPTimeout}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			return SMTPConfig{}, errors.New("TDKT_SMTP_URL không được chứa mật khẩu: bỏ mật khẩu khỏi địa chỉ và đặt nó trong TDKT_SMTP_PASSWORD hoặc tệp TDKT_SMTP_PASSWORD_FILE")
		}
		c.Username = u.User.Username()
	}
	q := u.Query()
	switch u.Scheme {
	case "smtp":
		c.Security, c.Port = SecurityNone, 25
		if v := q.Get("starttls"); v != "" {
			on, err := strconv.ParseBool(v)
			if err != nil {
				return SMTPConfig{}, fmt.Errorf("TDKT_SMTP_URL: starttls=%q phải là 1 hoặc 0", v)
			}
			if on {
				c.Security, c.Port = SecurityStartTLS, 587
			}
		}
	case "smtps":
		c.Security, c.Port = SecurityTLS, 465
	default:
		return SMTPConfig{}, fmt.Errorf("TDKT_SMTP_URL phải bắt đầu bằng smtp:// hoặc smtps://, không phải %q", u.Scheme+"://")
	}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port <= 0 || c.Port > 65535 {
			return SMTPConfig{}, fmt.Errorf("TDKT_SMTP_URL: cổng %q không hợp lệ", p)
		}
	}
	if c.Username != "" && c.Password == "" {
		return SMTPConfig{}, fmt.Errorf("TDKT_SMTP_URL có người dùng %q nhưng chưa có mật khẩu: đặt TDKT_SMTP_PASSWORD hoặc tệp TDKT_SMTP_PASSWORD_FILE", c.Username)
	}
	if err := c.checkCredentials(); err != nil {
		return SMTPConfig{}, err
	}
	return c, nil
}

// checkCredentials refuses to send a password in clear text to another machine.
func (c SMTPConfig) checkCredentials() error {
	if c.Username != "" && c.Security == SecurityNone && !isLocalhost(c.Host) {
		return fmt.Errorf("không gửi mật khẩu thư điện tử qua kết nối không mã hóa tới %s: dùng smtp://…?starttls=1 hoặc smtps://", c.Host)
	}
	return nil
}

func isLocalhost(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// NewMailer is the e-mail channel: each Send is one SMTP conversation (the worker
// sends few messages, and a fresh connection never finds a stale one). A refusal of
// the recipient or the message (a 5xx reply) is Permanent; a network failure or a
// 4xx reply is retried. Failures that belong to the installation's settings (no
// TLS offered, a wrong password) are retried too, so that the messages go once an
// administrator fixes the settings, instead of being marked failed.
func NewMailer(c SMTPConfig) Channel {
	if c.Timeout <= 0 {
		c.Timeout = defaultSMTPTimeout
	}
	return &mailer{c: c, now: time.Now}
}

type mailer struct {
	c   SMTPConfig
	now func() time.Time
}

func (*mailer) Name() string { return "email" }

func (m *mailer) Send(ctx context.Context, msg Message) error {
	from, err := mail.ParseAddress(m.c.From)
	if err != nil {
		return fmt.Errorf("địa chỉ gửi TDKT_SMTP_FROM %q không hợp lệ: %w", m.c.From, err)
	}
	to := strings.TrimSpace(msg.To.Email)
	if to == "" {
		return Permanent{fmt.Errorf("%s chưa có địa chỉ thư điện tử", msg.To.Login)}
	}
	if _, err := mail.ParseAddress(to); err != nil {
		return Permanent{fmt.Errorf("địa chỉ thư điện tử %q của %s không hợp lệ", to, msg.To.Login)}
	}
	if err := m.c.checkCredentials(); err != nil {
		return err
	}
	body, err := composeMail(msg, *from, m.now())
	if err != nil {
		return Permanent{err}
	}
	ctx, cancel := context.WithTimeout(ctx, m.c.Timeout)
	defer cancel()
	return m.deliver(ctx, from.Address, to, body)
}

// deliver holds one SMTP conversation; the context's deadline bounds every read and
// write on the connection.
func (m *mailer) deliver(ctx context.Context, from, to string, body []byte) error {
	addr := net.JoinHostPort(m.c.Host, strconv.Itoa(m.c.Port))
	tlsConfig := &tls.Config{ServerName: m.c.Host, MinVersion: tls.VersionTLS12, RootCAs: m.c.RootCAs}
	var conn net.Conn
	var err error
	if m.c.Security == SecurityTLS {
		conn, err = (&tls.Dialer{Config: tlsConfig}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("không kết nối được máy chủ thư %s: %w", addr, err)
	}
	defer conn.Close()
	if d, ok := ctx.Deadline(); ok {
		conn.SetDeadline(d)
	}
	// Closing the connection when the context ends unblocks a conversation stuck
	// before the deadline (a shutting-down worker).
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c, err := smtp.NewClient(conn, m.c.Host)
	if err != nil {
		return classify("chào", err)
	}
	defer c.Close()
	if err := c.Hello(helloName(from)); err != nil {
		return classify("EHLO", err)
	}
	if m.c.Security == SecurityStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return fmt.Errorf("máy chủ thư %s không hỗ trợ STARTTLS", addr)
		}
		if err := c.StartTLS(tlsConfig); err != nil {
			return fmt.Errorf("STARTTLS với %s: %w", addr, err)
		}
	}
	if m.c.Username != "" {
		// net/smtp's PLAIN refuses, too, to send it without TLS to another machine.
		if err := c.Auth(smtp.PlainAuth("", m.c.Username, m.c.Password, m.c.Host)); err != nil {
			return fmt.Errorf("máy chủ thư %s không chấp nhận người dùng %q: %w", addr, m.c.Username, err)
		}
	}
	if err := c.Mail(from); err != nil {
		// A refused sender is the installation's setting, not the message's fault.
		return fmt.Errorf("máy chủ thư không nhận địa chỉ gửi %s: %w", from, err)
	}
	if err := c.Rcpt(to); err != nil {
		return classify("RCPT TO <"+to+">", err)
	}
	w, err := c.Data()
	if err != nil {
		return classify("DATA", err)
	}
	if _, err := w.Write(body); err != nil {
		return classify("DATA", err)
	}
	if err := w.Close(); err != nil {
		return classify("DATA", err)
	}
	// The message is accepted; a failed QUIT changes nothing.
	c.Quit()
	return nil
}

// classify makes a 5xx reply Permanent and leaves the rest to be retried.
func classify(stage string, err error) error {
	err = fmt.Errorf("máy chủ thư trả lời %s: %w", stage, err)
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 && te.Code < 600 {
		return Permanent{err}
	}
	return err
}

// helloName is the name given in EHLO: the sender's domain, which a receiving server
// can check against the sender's records better than "localhost".
func helloName(from string) string {
	if _, domain, ok := strings.Cut(from, "@"); ok && domain != "" {
		return domain
	}
	return "localhost"
}
