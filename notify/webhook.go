package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The headers of a webhook call (docs/notifications.md, "Webhook").
const (
	HeaderEventID   = "X-Tdkt-Event-Id"
	HeaderTimestamp = "X-Tdkt-Timestamp"
	HeaderSignature = "X-Tdkt-Signature"
)

const defaultWebhookTimeout = 30 * time.Second

// WebhookEvent is the JSON a gateway receives. Its field names are a published
// protocol: add to them, never rename.
// The OpenAPI document carries it as the component WebhookEvent (api/schema.go).
type WebhookEvent struct {
	ID        string        `json:"id" doc:"Mã sự kiện, như tiêu đề X-Tdkt-Event-Id: giữ nguyên khi gửi lại, dùng để bỏ bản trùng"`
	Kind      string        `json:"kind" doc:"Loại thông báo (core.NotificationKinds), ví dụ dossier_returned"`
	At        string        `json:"at" doc:"Thời điểm sự kiện, RFC 3339"`
	Recipient WebhookPerson `json:"recipient"`
	Subject   string        `json:"subject"`
	Text      string        `json:"text" doc:"Nội dung thuần văn bản, các đoạn cách nhau một dòng trống"`
	Link      string        `json:"link" doc:"Địa chỉ tuyệt đối của trang cần xử lý"`
	Items     []WebhookItem `json:"items" doc:"Các sự kiện được gộp vào tin này (rỗng với một sự kiện)"`
	Security  bool          `json:"security" doc:"Thông báo bảo mật (không tắt được)"`
}

// WebhookPerson is the person a webhook event is for.
type WebhookPerson struct {
	Login string `json:"login"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// WebhookItem is one event of a grouped webhook event.
type WebhookItem struct {
	Subject string `json:"subject"`
	Link    string `json:"link"`
}

// NewWebhook is the channel that POSTs each message as JSON to url, signed with
// secret (HMAC-SHA256 over the timestamp, a dot and the body). A 2xx answer is a
// delivery; 4xx other than 408 and 429 is Permanent (the gateway refuses this
// message); anything else, or no answer, is retried. A nil client gets one with a
// 30-second timeout.
func NewWebhook(url string, secret []byte, client *http.Client) Channel {
	if client == nil {
		client = &http.Client{Timeout: defaultWebhookTimeout}
	}
	return &webhook{url: url, secret: secret, client: client, now: time.Now}
}

type webhook struct {
	url    string
	secret []byte
	client *http.Client
	now    func() time.Time
}

func (*webhook) Name() string { return "webhook" }

func (w *webhook) Send(ctx context.Context, m Message) error {
	m = nfcMessage(m)
	body, err := json.Marshal(WebhookEvent{
		ID: m.ID, Kind: m.Kind, At: m.At,
		Recipient: WebhookPerson{Login: m.To.Login, Name: m.To.Name, Email: m.To.Email},
		Subject:   m.Subject, Text: m.Text, Link: m.Link,
		Items: webhookItems(m.Items), Security: m.Security,
	})
	if err != nil {
		return Permanent{err}
	}
	ts := strconv.FormatInt(w.now().Unix(), 10)
	if _, ok := ctx.Deadline(); !ok && w.client.Timeout == 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultWebhookTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return Permanent{fmt.Errorf("địa chỉ webhook %q không hợp lệ: %w", w.url, err)}
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "tdkt-notify")
	req.Header.Set(HeaderEventID, m.ID)
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderSignature, SignWebhook(w.secret, ts, body))
	resp, err := w.client.Do(req)
	if err != nil {
		return fmt.Errorf("không gọi được webhook: %w", err)
	}
	defer resp.Body.Close()
	// A short piece of the answer goes into the delivery log; the rest is drained so
	// that the connection can be reused.
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	err = fmt.Errorf("webhook trả lời %s: %s", resp.Status, printable(snippet))
	if resp.StatusCode >= 400 && resp.StatusCode < 500 &&
		resp.StatusCode != http.StatusRequestTimeout && resp.StatusCode != http.StatusTooManyRequests {
		return Permanent{err}
	}
	return err
}

func webhookItems(items []Item) []WebhookItem {
	out := make([]WebhookItem, len(items)) // [] rather than null for one event
	for i, it := range items {
		out[i] = WebhookItem{Subject: it.Subject, Link: it.Link}
	}
	return out
}

// printable keeps an answer's text readable in one log line.
func printable(b []byte) string {
	if !utf8.Valid(b) {
		return fmt.Sprintf("(%d byte nhị phân)", len(b))
	}
	return oneLine(string(b))
}

// SignWebhook is the X-Tdkt-Signature of body sent at timestamp (unix seconds, as
// written in X-Tdkt-Timestamp): "sha256=" and the hex HMAC-SHA256 of
// timestamp + "." + body under secret.
func SignWebhook(secret []byte, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(timestamp))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifyWebhook checks a webhook call as a receiver should: the signature matches
// the timestamp and the body under secret (compared in constant time), and the
// timestamp is within tolerance of now, so that a recorded call cannot be replayed
// later (a receiver also drops event ids it has seen). A tolerance of zero or less
// means five minutes.
func VerifyWebhook(secret []byte, timestamp, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	if tolerance <= 0 {
		tolerance = 5 * time.Minute
	}
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return fmt.Errorf("%s %q không phải số giây unix", HeaderTimestamp, timestamp)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%s lệch %s so với đồng hồ người nhận (cho phép %s)", HeaderTimestamp, d.Round(time.Second), tolerance)
	}
	got, ok := strings.CutPrefix(strings.TrimSpace(signature), "sha256=")
	if !ok {
		return fmt.Errorf("%s phải có dạng sha256=HEX", HeaderSignature)
	}
	gotMAC, err := hex.DecodeString(got)
	if err != nil {
		return fmt.Errorf("%s phải có dạng sha256=HEX", HeaderSignature)
	}
	want, _ := hex.DecodeString(strings.TrimPrefix(SignWebhook(secret, timestamp, body), "sha256="))
	if !hmac.Equal(gotMAC, want) {
		return errors.New("chữ ký webhook không khớp: sai khóa bí mật hoặc nội dung đã bị sửa")
	}
	return nil
}
