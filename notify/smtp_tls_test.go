package notify

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tdkt/notify/notifytest"
)

// serverCert makes a certificate for 127.0.0.1 signed by a CA of the test, written as
// PEM files for aiosmtpd, and the pool that trusts it.
func serverCert(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Now()
	caTpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "CA thư điện tử thử nghiệm"}, NotBefore: now.Add(-time.Hour),
		NotAfter: now.Add(24 * time.Hour), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, caTpl, caTpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(der)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"}, NotBefore: now.Add(-time.Hour),
		NotAfter: now.Add(24 * time.Hour), IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err = x509.CreateCertificate(rand.Reader, tpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	kb, _ := x509.MarshalECPrivateKey(key)
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	pool = x509.NewCertPool()
	pool.AddCert(ca)
	return certFile, keyFile, pool
}

// The mail goes over STARTTLS and over implicit TLS to a real server, the server's
// certificate verified against the province's own CA; a server whose certificate is
// not trusted is refused, never sent to in clear.
func TestMailerOverTLS(t *testing.T) {
	notifytest.RequireAiosmtpd(t)
	cert, key, pool := serverCert(t)
	for _, mode := range []struct{ security, certFlag, keyFlag string }{
		{SecurityStartTLS, "--tlscert", "--tlskey"},
		{SecurityTLS, "--smtpscert", "--smtpskey"},
	} {
		t.Run(mode.security, func(t *testing.T) {
			port := notifytest.FreePort(t)
			maildir := filepath.Join(t.TempDir(), "Maildir")
			notifytest.StartSMTP(t, port, maildir, mode.certFlag, cert, mode.keyFlag, key)
			c := SMTPConfig{Host: "127.0.0.1", Port: port, Security: mode.security, From: "tdkt <no-reply@tdkt.example.gov.vn>", Timeout: 10 * time.Second}
			if err := NewMailer(c).Send(context.Background(), sample()); err == nil {
				t.Fatal("sent to a server whose certificate is not trusted")
			}
			c.RootCAs = pool
			if err := NewMailer(c).Send(context.Background(), sample()); err != nil {
				t.Fatal(err)
			}
			if n := len(notifytest.WaitMessages(t, maildir, 1, 10*time.Second)); n != 1 {
				t.Fatalf("%d messages", n)
			}
		})
	}
}
