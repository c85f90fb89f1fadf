package notify

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// composeMail writes m as an e-mail from from, dated now: multipart/alternative
// with a plain-text part and an HTML part, both quoted-printable UTF-8 (so the
// message is 7-bit and passes any relay), and headers that are ASCII with the
// Vietnamese words encoded as RFC 2047 encoded-words.
func composeMail(m Message, from mail.Address, now time.Time) ([]byte, error) {
	if m.ID == "" {
		return nil, errors.New("thông báo chưa có mã (Message.ID)")
	}
	m = nfcMessage(m)
	from.Name = norm.NFC.String(from.Name)
	to := mail.Address{Name: m.To.Name, Address: strings.TrimSpace(m.To.Email)}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, oneLine(v)) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", encodeSubject(m.Subject))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", "<"+msgIDLocal(m.ID)+"@"+domainOf(from.Address)+">")
	header("MIME-Version", "1.0")
	header("Content-Type", `multipart/alternative; boundary="`+mw.Boundary()+`"`)
	// Automatic replies (out of office) must not answer a machine.
	header("Auto-Submitted", "auto-generated")
	header("X-Auto-Response-Suppress", "All")
	header("X-Tdkt-Kind", m.Kind)
	b.WriteString("\r\n")
	if err := writeQPPart(mw, "text/plain; charset=utf-8", []byte(plainText(m))); err != nil {
		return nil, err
	}
	var h bytes.Buffer
	if err := htmlMail.Execute(&h, htmlView(m)); err != nil {
		return nil, err
	}
	if err := writeQPPart(mw, "text/html; charset=utf-8", h.Bytes()); err != nil {
		return nil, err
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// nfcMessage normalises every text of m to NFC: text typed on a Mac or pasted from
// a PDF may arrive decomposed, and a mail reader shows decomposed Vietnamese badly.
func nfcMessage(m Message) Message {
	n := norm.NFC.String
	m.Subject, m.Text, m.Reason = n(m.Subject), n(m.Text), n(m.Reason)
	m.To.Name = n(m.To.Name)
	items := make([]Item, len(m.Items))
	for i, it := range m.Items {
		items[i] = Item{Subject: n(it.Subject), Link: it.Link}
	}
	m.Items = items
	return m
}

// oneLine keeps a header value on one line whatever the caller passed: a line break
// in a subject would otherwise start a header of the sender's choosing.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("\r", " ", "\n", " ").Replace(s)), " ")
}

// encodeSubject encodes a subject as UTF-8 "B" encoded-words, folded between them so
// that no header line grows past what old relays accept. Plain ASCII stays as it is,
// unless it holds "=?", which a reader would take for the start of an encoded-word.
func encodeSubject(s string) string {
	s = oneLine(s)
	if enc := mime.BEncoding.Encode("utf-8", s); enc != s || !strings.Contains(s, "=?") {
		return strings.ReplaceAll(enc, "?= =?", "?=\r\n =?")
	}
	// mime leaves ASCII alone: encode it by hand, 45 bytes (60 in base64) a word.
	var words []string
	for len(s) > 0 {
		n := min(45, len(s))
		words = append(words, "=?utf-8?b?"+base64.StdEncoding.EncodeToString([]byte(s[:n]))+"?=")
		s = s[n:]
	}
	return strings.Join(words, "\r\n ")
}

// msgIDLocal keeps the characters a Message-ID's left side may hold.
func msgIDLocal(id string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune(".-_+=", r):
			return r
		}
		return '-'
	}, id)
}

// domainOf is an address's domain, the Message-ID's right side.
func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 && i < len(addr)-1 {
		return addr[i+1:]
	}
	return "localhost"
}

func writeQPPart(mw *multipart.Writer, contentType string, body []byte) error {
	pw, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {contentType},
		"Content-Transfer-Encoding": {"quoted-printable"},
	})
	if err != nil {
		return err
	}
	qw := quotedprintable.NewWriter(pw)
	if _, err := qw.Write(body); err != nil {
		return err
	}
	return qw.Close()
}

// The words of the message around what core wrote.
const (
	linkLabel    = "Xem và xử lý trên hệ thống"
	itemsLabel   = "Gồm các việc sau:"
	prefsLabel   = "Đổi cách nhận thông báo"
	securityNote = "Đây là thông báo bảo mật: thông báo loại này luôn được gửi."
)

// plainText is the text part: the body, the link, the grouped items, and the footer.
func plainText(m Message) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(normaliseNewlines(m.Text)))
	b.WriteString("\n\n")
	if len(m.Items) > 0 {
		b.WriteString(itemsLabel + "\n")
		for _, it := range m.Items {
			fmt.Fprintf(&b, "- %s\n", oneLine(it.Subject))
			if it.Link != "" {
				fmt.Fprintf(&b, "  %s\n", it.Link)
			}
		}
		b.WriteString("\n")
	}
	if m.Link != "" {
		fmt.Fprintf(&b, "%s: %s\n\n", linkLabel, m.Link)
	}
	b.WriteString("-- \n")
	if m.Reason != "" {
		b.WriteString(m.Reason + "\n")
	}
	if m.Security {
		b.WriteString(securityNote + "\n")
	}
	if m.PrefsURL != "" {
		fmt.Fprintf(&b, "%s: %s\n", prefsLabel, m.PrefsURL)
	}
	return b.String()
}

func normaliseNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// mailView is what the HTML part shows; html/template escapes every text and keeps
// only http(s) links in href.
type mailView struct {
	Subject    string
	Paragraphs [][]string // paragraphs of lines
	Link       string
	LinkLabel  string
	Items      []Item
	ItemsLabel string
	Reason     string
	Security   string
	PrefsURL   string
	PrefsLabel string
}

func htmlView(m Message) mailView {
	v := mailView{Subject: m.Subject, Link: m.Link, LinkLabel: linkLabel, Items: m.Items,
		ItemsLabel: itemsLabel, Reason: m.Reason, PrefsURL: m.PrefsURL, PrefsLabel: prefsLabel}
	if m.Security {
		v.Security = securityNote
	}
	for _, p := range strings.Split(strings.TrimSpace(normaliseNewlines(m.Text)), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			v.Paragraphs = append(v.Paragraphs, strings.Split(p, "\n"))
		}
	}
	return v
}

var htmlMail = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.Subject}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<div style="max-width:600px;margin:0 auto">
<h1 style="font-size:20px;margin:0 0 16px">{{.Subject}}</h1>
{{range .Paragraphs}}<p style="margin:0 0 12px">{{range $i, $line := .}}{{if $i}}<br>{{end}}{{$line}}{{end}}</p>
{{end}}{{if .Items}}<p style="margin:16px 0 4px">{{.ItemsLabel}}</p>
<ul style="margin:0 0 16px;padding-left:20px">
{{range .Items}}<li>{{if .Link}}<a href="{{.Link}}">{{.Subject}}</a>{{else}}{{.Subject}}{{end}}</li>
{{end}}</ul>
{{end}}{{if .Link}}<p style="margin:20px 0"><a href="{{.Link}}" style="display:inline-block;padding:10px 18px;background:#b3261e;color:#ffffff;text-decoration:none;border-radius:4px">{{.LinkLabel}}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">{{.Link}}</p>
{{end}}<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 12px">
<p style="font-size:13px;color:#555;margin:0 0 4px">{{.Reason}}</p>
{{if .Security}}<p style="font-size:13px;color:#555;margin:0 0 4px">{{.Security}}</p>
{{end}}{{if .PrefsURL}}<p style="font-size:13px;color:#555;margin:0">{{.PrefsLabel}}: <a href="{{.PrefsURL}}">{{.PrefsURL}}</a></p>
{{end}}</div>
</body></html>
`))
