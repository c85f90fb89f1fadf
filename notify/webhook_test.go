package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// gateway is a province's messaging gateway as tests see it: it checks each call's
// signature, answers the next status of a script (then 200), and keeps what it got.
type gateway struct {
	secret []byte
	mu     sync.Mutex
	script []int
	calls  int
	ids    map[string]int // event id → calls with a good signature
	bodies []map[string]any
	bad    []error
}

func (g *gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.calls++
	err := VerifyWebhook(g.secret, r.Header.Get(HeaderTimestamp), r.Header.Get(HeaderSignature), body, time.Now(), time.Minute)
	if err != nil {
		g.bad = append(g.bad, err)
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	g.ids[r.Header.Get(HeaderEventID)]++
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		g.bad = append(g.bad, err)
	}
	g.bodies = append(g.bodies, v)
	status := http.StatusOK
	if len(g.script) > 0 {
		status, g.script = g.script[0], g.script[1:]
	}
	w.WriteHeader(status)
	fmt.Fprintln(w, "answer", status)
}

func TestWebhookRetriesUntilDelivered(t *testing.T) {
	g := &gateway{secret: []byte("bí mật của tỉnh"), script: []int{500, 503, 500}, ids: map[string]int{}}
	srv := httptest.NewServer(g)
	defer srv.Close()
	ch := NewWebhook(srv.URL+"/tdkt", g.secret, srv.Client())
	if ch.Name() != "webhook" {
		t.Errorf("Name %q", ch.Name())
	}
	m := sample()
	for i := 1; i <= 3; i++ {
		err := ch.Send(context.Background(), m)
		var p Permanent
		if err == nil || errors.As(err, &p) {
			t.Fatalf("call %d: %v, want an error to retry", i, err)
		}
		if !strings.Contains(err.Error(), "500") && !strings.Contains(err.Error(), "503") {
			t.Errorf("call %d: the error does not name the status: %v", i, err)
		}
	}
	if err := ch.Send(context.Background(), m); err != nil {
		t.Fatalf("fourth call: %v", err)
	}
	if len(g.bad) > 0 {
		t.Fatalf("the gateway refused calls: %v", g.bad)
	}
	// Every retry carries the same event id, so the gateway can drop copies.
	if g.calls != 4 || len(g.ids) != 1 || g.ids[m.ID] != 4 {
		t.Errorf("calls %d, ids %v", g.calls, g.ids)
	}
	b := g.bodies[3]
	if b["id"] != m.ID || b["kind"] != m.Kind || b["at"] != m.At || b["link"] != m.Link || b["security"] != false {
		t.Errorf("body %v", b)
	}
	if b["subject"] != "Hồ sơ \"Tập thể lao động tiên tiến\" năm 2025 bị trả lại để bổ sung — Ủy ban nhân dân xã Đông Hưng" {
		t.Errorf("subject is not NFC or not the message's: %q", b["subject"])
	}
	rec, _ := b["recipient"].(map[string]any)
	if rec["login"] != "vanthu.xa" || rec["name"] != "Nguyễn Thị Hồng Nhung" || rec["email"] != "vanthu.xa@tdkt.example" {
		t.Errorf("recipient %v", rec)
	}
	if items, ok := b["items"].([]any); !ok || len(items) != 0 {
		t.Errorf("items %#v, want []", b["items"])
	}
}

func TestWebhookStatuses(t *testing.T) {
	for _, c := range []struct {
		status    int
		ok, final bool
	}{
		{200, true, false}, {204, true, false},
		{400, false, true}, {404, false, true}, {410, false, true},
		{408, false, false}, {429, false, false}, {500, false, false}, {502, false, false},
	} {
		g := &gateway{secret: []byte("s"), script: []int{c.status}, ids: map[string]int{}}
		srv := httptest.NewServer(g)
		err := NewWebhook(srv.URL, g.secret, nil).Send(context.Background(), sample())
		srv.Close()
		var p Permanent
		if (err == nil) != c.ok || errors.As(err, &p) != c.final {
			t.Errorf("status %d: %v (permanent %v)", c.status, err, errors.As(err, &p))
		}
	}
}

func TestWebhookWrongSecretIsDetected(t *testing.T) {
	g := &gateway{secret: []byte("the gateway's secret"), ids: map[string]int{}}
	srv := httptest.NewServer(g)
	defer srv.Close()
	err := NewWebhook(srv.URL, []byte("another secret"), nil).Send(context.Background(), sample())
	var p Permanent
	if !errors.As(err, &p) { // the gateway answers 401
		t.Errorf("%v, want a permanent refusal", err)
	}
	if len(g.bad) != 1 || len(g.ids) != 0 {
		t.Errorf("the gateway accepted a call signed with another secret: bad %v, ids %v", g.bad, g.ids)
	}
}

func TestWebhookNoAnswerIsRetried(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	err := NewWebhook(url, []byte("s"), nil).Send(context.Background(), sample())
	var p Permanent
	if err == nil || errors.As(err, &p) {
		t.Errorf("%v, want an error to retry", err)
	}
}

func TestVerifyWebhook(t *testing.T) {
	secret := []byte("khóa bí mật")
	body := []byte(`{"id":"tdkt-local-1"}`)
	now := time.Unix(1764578400, 0)
	ts := "1764578400"
	sig := SignWebhook(secret, ts, body)
	if err := VerifyWebhook(secret, ts, sig, body, now.Add(4*time.Minute), 0); err != nil {
		t.Errorf("a good call: %v", err)
	}
	for name, err := range map[string]error{
		"wrong secret":  VerifyWebhook([]byte("khóa khác"), ts, sig, body, now, time.Minute),
		"changed body":  VerifyWebhook(secret, ts, sig, []byte(`{"id":"tdkt-local-2"}`), now, time.Minute),
		"changed time":  VerifyWebhook(secret, "1764578401", sig, body, now, time.Minute),
		"replayed late": VerifyWebhook(secret, ts, sig, body, now.Add(2*time.Minute), time.Minute),
		"from future":   VerifyWebhook(secret, ts, sig, body, now.Add(-2*time.Minute), time.Minute),
		"no prefix":     VerifyWebhook(secret, ts, strings.TrimPrefix(sig, "sha256="), body, now, time.Minute),
		"not hex":       VerifyWebhook(secret, ts, "sha256=zz", body, now, time.Minute),
		"no timestamp":  VerifyWebhook(secret, "", sig, body, now, time.Minute),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestSignWebhookKnownValue pins the signature to values computed with openssl,
// among them the worked example of docs/notifications.md.
func TestSignWebhookKnownValue(t *testing.T) {
	got := SignWebhook([]byte("s3cr3t"), "1764578400", []byte(`{"id":"tdkt-local-1"}`))
	if got != "sha256="+knownSignature {
		t.Errorf("%s", got)
	}
	if got := SignWebhook([]byte("s3cr3t"), "1764578400", []byte(docBody)); got != "sha256="+docSignature {
		t.Errorf("docs/notifications.md example: %s", got)
	}
	// The documented body is what Send writes for such a message.
	m := Message{ID: "tdkt-local-1", Kind: "dossier_returned", At: "2025-12-01T08:30:00Z",
		To:      Recipient{Login: "vanthu.xa", Name: "Nguyễn Thị Nhung", Email: "vanthu.xa@tdkt.example"},
		Subject: "Hồ sơ bị trả lại: Tập thể lao động tiên tiến 2025",
		Text:    "Hồ sơ bị trả lại để bổ sung, hoàn thiện.\n\nLý do: Thiếu biên bản họp.",
		Link:    "https://thidua.example.gov.vn/app/dossiers/17", PrefsURL: "https://thidua.example.gov.vn/app/account/notifications"}
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { body, _ = io.ReadAll(r.Body) }))
	defer srv.Close()
	if err := NewWebhook(srv.URL, []byte("s3cr3t"), nil).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if string(body) != docBody {
		t.Errorf("body\n%s\nwant\n%s", body, docBody)
	}
}

// knownSignature was computed with openssl, not with this package:
//
//	printf '%s' '1764578400.{"id":"tdkt-local-1"}' | openssl dgst -sha256 -hmac 's3cr3t'
const knownSignature = "bba07e2fe788bf065d24825144e3d41fe1a7b48b8528d8fb39b20df101fa4994"

// docBody and docSignature are the worked example of docs/notifications.md:
//
//	printf '%s' "1764578400.$BODY" | openssl dgst -sha256 -hmac 's3cr3t' -r
const (
	docBody      = `{"id":"tdkt-local-1","kind":"dossier_returned","at":"2025-12-01T08:30:00Z","recipient":{"login":"vanthu.xa","name":"Nguyễn Thị Nhung","email":"vanthu.xa@tdkt.example"},"subject":"Hồ sơ bị trả lại: Tập thể lao động tiên tiến 2025","text":"Hồ sơ bị trả lại để bổ sung, hoàn thiện.\n\nLý do: Thiếu biên bản họp.","link":"https://thidua.example.gov.vn/app/dossiers/17","items":[],"security":false}`
	docSignature = "7f639f26011bdf9d1b5975818256c4d167e2dc0d77f9d61b1adab33b722a4f35"
)
