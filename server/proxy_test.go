package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestBehindProxies(t *testing.T) {
	trusted, err := ParsePrefixes("10.0.0.0/8, 127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	var gotAddr, gotProto string
	h := behindProxies(trusted, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAddr, gotProto = r.RemoteAddr, r.Header.Get("X-Forwarded-Proto")
	}))
	cases := []struct {
		name, peer, xff, wantAddr, wantProto string
	}{
		{"a visitor straight in cannot claim another address", "203.0.113.9:5555", "1.2.3.4", "203.0.113.9:5555", ""},
		{"through the load balancer", "10.0.0.2:40000", "198.51.100.7", "198.51.100.7:0", "https"},
		{"a forged entry left of the real one is ignored", "10.0.0.2:40000", "6.6.6.6, 198.51.100.7", "198.51.100.7:0", "https"},
		{"two trusted hops", "127.0.0.1:1", "198.51.100.7, 10.1.2.3", "198.51.100.7:0", "https"},
		{"only trusted hops: the first", "10.0.0.2:1", "10.9.9.9", "10.9.9.9:0", "https"},
		{"a garbled hop stops the walk", "10.0.0.2:40000", "198.51.100.7, không-phải-địa-chỉ", "10.0.0.2:40000", "https"},
		{"no header", "10.0.0.2:40000", "", "10.0.0.2:40000", "https"},
		{"a hop with a port", "10.0.0.2:40000", "198.51.100.7:5678", "198.51.100.7:0", "https"},
		{"an IPv6 hop with a port", "10.0.0.2:40000", "[2001:db8::7]:443", "[2001:db8::7]:0", "https"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		r.Header.Set("X-Forwarded-Proto", "https")
		h.ServeHTTP(httptest.NewRecorder(), r)
		if gotAddr != c.wantAddr || gotProto != c.wantProto {
			t.Errorf("%s: address %q proto %q, want %q %q", c.name, gotAddr, gotProto, c.wantAddr, c.wantProto)
		}
	}
	if _, err := ParsePrefixes("10.0.0.0/33"); err == nil {
		t.Error("a bad network was accepted")
	}
}
