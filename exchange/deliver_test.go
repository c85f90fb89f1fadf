package exchange

import (
	"context"
	"crypto/ed25519"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// inbox is a receiver as the protocol describes it: it opens the package with its
// registry of peers, checks that it is the addressee, and applies each ID once.
func inbox(t *testing.T, self ed25519.PrivateKey, registry func(string) (ed25519.PublicKey, bool)) http.HandlerFunc {
	var mu sync.Mutex
	seen := map[string]bool{}
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/zip" {
			t.Errorf("inbox got %s with Content-Type %q", r.Method, r.Header.Get("Content-Type"))
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, MaxPackage+1))
		if err != nil {
			http.Error(w, "read", http.StatusInternalServerError)
			return
		}
		p, err := Open(body, registry)
		if err == nil {
			err = p.Manifest.CheckReceiver(fingerprintOf(self))
		}
		var ref *Refusal
		if errors.As(err, &ref) {
			WriteRefusal(w, ref)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		result := ResultApplied
		if seen[p.Manifest.ID] {
			result = ResultDuplicate
		}
		seen[p.Manifest.ID] = true
		WriteReceipt(w, Receipt{ID: p.Manifest.ID, Result: result})
	}
}

func TestDeliverReceipt(t *testing.T) {
	srv := httptest.NewServer(inbox(t, boardKey, peers(provinceKey)))
	defer srv.Close()
	pkg, m, _ := packedDossier(t)
	for _, want := range []string{ResultApplied, ResultDuplicate} {
		rc, err := Deliver(context.Background(), srv.Client(), srv.URL+"/api/v1/exchange/inbox", pkg)
		if err != nil {
			t.Fatalf("Deliver: %v", err)
		}
		if rc.ID != m.ID || rc.Result != want {
			t.Fatalf("receipt %+v, want id %q result %q", rc, m.ID, want)
		}
	}
}

func TestDeliverRefusal(t *testing.T) {
	pkg, _, _ := packedDossier(t)
	t.Run("unknown sender", func(t *testing.T) {
		srv := httptest.NewServer(inbox(t, boardKey, peers(strangerKey)))
		defer srv.Close()
		_, err := Deliver(context.Background(), srv.Client(), srv.URL, pkg)
		r := wantRefusal(t, err, CodeUnknownSender)
		if IsTemporary(r) || IsTemporary(err) {
			t.Fatal("a refusal is reported temporary")
		}
	})
	t.Run("wrong receiver", func(t *testing.T) {
		srv := httptest.NewServer(inbox(t, strangerKey, peers(provinceKey)))
		defer srv.Close()
		_, err := Deliver(context.Background(), srv.Client(), srv.URL, pkg)
		wantRefusal(t, err, CodeWrongReceiver)
	})
	t.Run("answer written by WriteRefusal", func(t *testing.T) {
		rec := httptest.NewRecorder()
		WriteRefusal(rec, &Refusal{Code: CodeBadHash, Message: "Tệp hỏng."})
		if rec.Code != http.StatusUnprocessableEntity || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" ||
			rec.Body.String() != `{"error":{"code":"bad_hash","message":"Tệp hỏng."}}`+"\n" {
			t.Fatalf("WriteRefusal wrote %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
		}
	})
}

func TestDeliverTemporary(t *testing.T) {
	pkg, _, _ := packedDossier(t)
	answer := func(status int, contentType, body string) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(status)
			io.WriteString(w, body)
		}))
	}
	for _, tc := range []struct {
		name              string
		status            int
		contentType, body string
	}{
		{"503", http.StatusServiceUnavailable, "text/plain", "maintenance"},
		{"500 with a refusal's body", http.StatusInternalServerError, "application/json", `{"error":{"code":"bad_zip","message":"x"}}`},
		{"404 from a proxy", http.StatusNotFound, "text/html", "<h1>Not Found</h1>"},
		{"429 asks to come back", http.StatusTooManyRequests, "application/json", `{"error":{"code":"too_many","message":"x"}}`},
		{"200 without a receipt", http.StatusOK, "text/html", "<p>ok</p>"},
		{"200 with an unknown result", http.StatusOK, "application/json", `{"id":"x","result":"maybe"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := answer(tc.status, tc.contentType, tc.body)
			defer srv.Close()
			_, err := Deliver(context.Background(), srv.Client(), srv.URL, pkg)
			if err == nil || !IsTemporary(err) {
				t.Fatalf("error %v, want a temporary one", err)
			}
			var r *Refusal
			if errors.As(err, &r) {
				t.Fatalf("a temporary failure reads as refusal %q", r.Code)
			}
		})
	}
	t.Run("closed server", func(t *testing.T) {
		srv := answer(http.StatusOK, "application/json", `{"id":"x","result":"applied"}`)
		url, client := srv.URL, srv.Client()
		srv.Close()
		_, err := Deliver(context.Background(), client, url, pkg)
		if err == nil || !IsTemporary(err) {
			t.Fatalf("error %v, want a temporary one", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		srv := answer(http.StatusOK, "application/json", `{"id":"x","result":"applied"}`)
		defer srv.Close()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Deliver(ctx, srv.Client(), srv.URL, pkg)
		if err == nil || !IsTemporary(err) || !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v, want a temporary one wrapping context.Canceled", err)
		}
	})
	if IsTemporary(nil) || IsTemporary(errors.New("other")) {
		t.Fatal("IsTemporary is true of an error Deliver did not make")
	}
}

func TestBackoff(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want time.Duration
	}{
		{0, 30 * time.Second},
		{1, 30 * time.Second},
		{2, time.Minute},
		{3, 2 * time.Minute},
		{10, 30 * time.Second << 9}, // 4 h 16 min
		{11, 6 * time.Hour},
		{30, 6 * time.Hour},
		{1000, 6 * time.Hour},
	} {
		if got := Backoff(tc.n); got != tc.want {
			t.Errorf("Backoff(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}
