package padestest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"
)

// PersonChain makes a root and a person's RSA certificate under it, as a USB token's
// certificate from a CA that tdkt does not know, usable by NodeSign: node-forge needs
// RSA and re-encodes non-ASCII issuer names, so the names are ASCII. The root's key is
// returned to sign CRLs; the person's key and chain (certificate first) make a signer
// with pades.NewKeySigner (this package does not import pades, whose tests use it).
func PersonChain(t testing.TB, cn string, notBefore time.Time) (root *x509.Certificate, rootKey, key crypto.Signer, chain []*x509.Certificate) {
	t.Helper()
	newKey := func() *rsa.PrivateKey {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	rk, lk := newKey(), newKey()
	rootTpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test CA for " + cn, OrganizationalUnit: []string{"tdkt test"}},
		NotBefore: notBefore, NotAfter: notBefore.AddDate(10, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	der, err := x509.CreateCertificate(rand.Reader, rootTpl, rootTpl, rk.Public(), rk)
	if err != nil {
		t.Fatal(err)
	}
	root, _ = x509.ParseCertificate(der)
	leafTpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: cn, Organization: []string{"Test office"}},
		NotBefore: notBefore, NotAfter: notBefore.AddDate(3, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment}
	if der, err = x509.CreateCertificate(rand.Reader, leafTpl, root, lk.Public(), rk); err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return root, rk, lk, []*x509.Certificate{leaf, root}
}

// CRL is a revocation list of issuer listing cert, revoked at the given time.
func CRL(t testing.TB, issuer *x509.Certificate, key crypto.Signer, cert *x509.Certificate, revokedAt time.Time) []byte {
	t.Helper()
	der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{Number: big.NewInt(1), ThisUpdate: revokedAt, NextUpdate: revokedAt.AddDate(0, 0, 7),
		RevokedCertificateEntries: []x509.RevocationListEntry{{SerialNumber: cert.SerialNumber, RevocationTime: revokedAt}}}, issuer, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}
