package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdkt/core"
)

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns their files
// and a pool that trusts the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "tdkt test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// TestServeTLS runs tdkt serve with --tls-cert and --tls-key: it answers HTTPS only,
// refuses TLS 1.1, and the login's cookie is Secure with HSTS on the answer.
func TestServeTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	url0 := "sqlite:" + filepath.Join(t.TempDir(), "tdkt.db")
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var errOut bytes.Buffer
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--db", url0, "--demo", "--tls-cert", certFile, "--tls-key", keyFile},
			func(k string) string { return map[string]string{"TDKT_ADMIN_PASSWORD": "demo-mat-khau"}[k] },
			strings.NewReader(""), io.Discard, &syncWriter{w: &errOut})
	}()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	base := "https://" + addr
	healthy := false
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline) && !healthy; {
		select {
		case err := <-done:
			t.Fatalf("serve stopped early: %v", err)
		default:
		}
		if resp, err := client.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			healthy = resp.StatusCode == 200
		}
		if !healthy {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if !healthy {
		t.Fatal("server never became healthy over HTTPS")
	}
	if resp, err := http.Get("http://" + addr + "/healthz"); err == nil && resp.StatusCode == 200 {
		t.Error("plain HTTP was answered on the TLS port")
	}
	old := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MaxVersion: tls.VersionTLS11}}}
	if _, err := old.Get(base + "/healthz"); err == nil {
		t.Error("TLS 1.1 was accepted")
	}
	// A clerk signs in with the password alone (administrators give a second factor).
	resp, err := client.PostForm(base+"/app/login", url.Values{"login": {"canbo.xa"}, "password": {"demo-mat-khau"}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("clerk login: %v %v", err, resp)
	}
	resp.Body.Close()
	var secure bool
	for _, c := range resp.Cookies() {
		if c.Name == core.SessionCookie {
			secure = c.Secure
		}
	}
	if !secure || resp.Header.Get("Strict-Transport-Security") == "" {
		t.Errorf("login over TLS: Secure cookie %v, HSTS %q", secure, resp.Header.Get("Strict-Transport-Security"))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve ended with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}
