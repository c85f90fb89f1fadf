package notify

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// sample is a returned dossier as core would hand it over; the clerk's name and the
// reason come decomposed (NFD), as text pasted from a PDF may.
func sample() Message {
	return Message{
		ID:       "tdkt-local-42",
		Kind:     "dossier_returned",
		To:       Recipient{Login: "vanthu.xa", Name: norm.NFD.String("Nguyễn Thị Hồng Nhung"), Email: "vanthu.xa@tdkt.example"},
		Subject:  norm.NFD.String("Hồ sơ \"Tập thể lao động tiên tiến\" năm 2025 bị trả lại để bổ sung — Ủy ban nhân dân xã Đông Hưng"),
		Text:     "Hội đồng trả lại hồ sơ với lý do:\nThiếu biên bản họp bình xét <đợt 2> & chữ ký.\n\nHạn bổ sung: 15/12/2025.",
		Link:     "https://tdkt.example.gov.vn/app/dossiers/17",
		PrefsURL: "https://tdkt.example.gov.vn/app/account/notifications",
		Reason:   "Bạn nhận thư này vì là cán bộ thi đua của Ủy ban nhân dân xã Đông Hưng, nơi lập hồ sơ.",
		At:       "2025-12-01T08:30:00Z",
	}
}

// parsed is an e-mail read back the way a mail reader reads it.
type parsed struct {
	msg        *mail.Message
	subject    string
	text, html string
}

func parseMail(t *testing.T, raw []byte) parsed {
	t.Helper()
	for i, line := range bytes.Split(raw, []byte("\r\n")) {
		if len(line) > 998 {
			t.Fatalf("line %d has %d bytes", i, len(line))
		}
		for _, c := range line {
			if c >= 0x80 {
				t.Fatalf("line %d is not 7-bit: %q", i, line)
			}
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return parseMessage(t, msg)
}

func parseMessage(t *testing.T, msg *mail.Message) parsed {
	t.Helper()
	p := parsed{msg: msg}
	var err error
	if p.subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextRawPart() // raw: check the transfer encoding ourselves
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if cte := part.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
			t.Errorf("part %s: Content-Transfer-Encoding %q", part.Header.Get("Content-Type"), cte)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(part))
		if err != nil {
			t.Fatal(err)
		}
		switch ct := part.Header.Get("Content-Type"); ct {
		case "text/plain; charset=utf-8":
			p.text = string(body)
		case "text/html; charset=utf-8":
			p.html = string(body)
		default:
			t.Errorf("unexpected part %q", ct)
		}
	}
	return p
}

func TestComposeMail(t *testing.T) {
	m := sample()
	from := mail.Address{Name: "Hệ thống thi đua khen thưởng", Address: "no-reply@tdkt.example.gov.vn"}
	now := time.Date(2025, 12, 1, 15, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	raw, err := composeMail(m, from, now)
	if err != nil {
		t.Fatal(err)
	}
	p := parseMail(t, raw)
	if want := norm.NFC.String(m.Subject); p.subject != want {
		t.Errorf("subject %q, want %q", p.subject, want)
	}
	h := p.msg.Header
	to, err := h.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "Nguyễn Thị Hồng Nhung" || to[0].Address != "vanthu.xa@tdkt.example" {
		t.Errorf("To %q → %v, %v", h.Get("To"), to, err)
	}
	fr, err := mail.ParseAddress(h.Get("From"))
	if err != nil || fr.Name != from.Name || fr.Address != from.Address {
		t.Errorf("From %q → %v, %v", h.Get("From"), fr, err)
	}
	if got := h.Get("Message-Id"); got != "<tdkt-local-42@tdkt.example.gov.vn>" {
		t.Errorf("Message-ID %q", got)
	}
	if d, err := h.Date(); err != nil || !d.Equal(now) {
		t.Errorf("Date %q → %v, %v", h.Get("Date"), d, err)
	}
	for k, want := range map[string]string{"MIME-Version": "1.0", "Auto-Submitted": "auto-generated", "X-Tdkt-Kind": "dossier_returned"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s %q, want %q", k, got, want)
		}
	}
	for _, want := range []string{
		"Hội đồng trả lại hồ sơ với lý do:\nThiếu biên bản họp bình xét <đợt 2> & chữ ký.",
		m.Link, m.Reason, "Đổi cách nhận thông báo: " + m.PrefsURL,
	} {
		if !strings.Contains(strings.ReplaceAll(p.text, "\r\n", "\n"), want) {
			t.Errorf("text part lacks %q:\n%s", want, p.text)
		}
	}
	if !norm.NFC.IsNormalString(p.text) || !norm.NFC.IsNormalString(p.html) {
		t.Error("a part is not NFC")
	}
	for _, want := range []string{
		"Thiếu biên bản họp bình xét &lt;đợt 2&gt; &amp; chữ ký.",
		`<a href="` + m.Link + `"`,
		m.Reason,
		`<a href="` + m.PrefsURL + `">`,
	} {
		if !strings.Contains(p.html, want) {
			t.Errorf("HTML part lacks %q:\n%s", want, p.html)
		}
	}
	if strings.Contains(p.html, "<đợt 2>") {
		t.Error("HTML part carries the text unescaped")
	}
}

func TestComposeMailGroupedAndHostile(t *testing.T) {
	m := sample()
	m.Subject = "12 hồ sơ được trả lại\r\nBcc: attacker@example.com"
	m.Text = "Có 2 hồ sơ trong lần trả lại hàng loạt."
	m.Items = []Item{
		{Subject: `Hồ sơ <script>alert("x")</script>`, Link: "https://tdkt.example.gov.vn/app/dossiers/1"},
		{Subject: "Hồ sơ B", Link: "javascript:alert(1)"},
	}
	m.Security = true
	raw, err := composeMail(m, mail.Address{Address: "no-reply@tdkt.example"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	p := parseMail(t, raw)
	if p.msg.Header.Get("Bcc") != "" {
		t.Error("a line break in the subject started a header")
	}
	if p.subject != "12 hồ sơ được trả lại Bcc: attacker@example.com" {
		t.Errorf("subject %q", p.subject)
	}
	if strings.Contains(p.html, "<script>") || !strings.Contains(p.html, "&lt;script&gt;") {
		t.Errorf("HTML does not escape an item's subject:\n%s", p.html)
	}
	if strings.Contains(p.html, `href="javascript:`) {
		t.Errorf("HTML links to javascript:\n%s", p.html)
	}
	for _, want := range []string{"- Hồ sơ <script>", "https://tdkt.example.gov.vn/app/dossiers/1", "- Hồ sơ B", securityNote} {
		if !strings.Contains(p.text, want) {
			t.Errorf("text part lacks %q:\n%s", want, p.text)
		}
	}
}

func TestEncodeSubjectDecodesBack(t *testing.T) {
	for _, s := range []string{
		"Nhắc hạn",
		"Plain ASCII subject",
		strings.Repeat("Đề nghị khen thưởng Huân chương Lao động hạng Ba cho ông Nguyễn Văn Á; ", 4) + "=?",
		strings.Repeat("=?utf-8?q?x?= ", 9) + "end",
		"=?utf-8?q?looks_encoded?=",
	} {
		enc := encodeSubject(s)
		// The header is read as a mail reader does: the folds unfolded.
		msg, err := mail.ReadMessage(strings.NewReader("Subject: " + enc + "\r\n\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil || got != s {
			t.Errorf("%q → %q → %q, %v", s, enc, got, err)
		}
		for _, line := range strings.Split(enc, "\r\n") {
			if len(line) > 78 {
				t.Errorf("subject line of %d bytes: %q", len(line), line)
			}
		}
	}
}

func TestComposeMailNeedsID(t *testing.T) {
	m := sample()
	m.ID = ""
	if _, err := composeMail(m, mail.Address{Address: "a@b.example"}, time.Now()); err == nil {
		t.Error("a message without an ID was composed")
	}
}
