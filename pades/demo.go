package pades

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"time"
)

// demoOU marks every demo certificate, so that nobody mistakes one for a real one.
const demoOU = "tdkt demo – không có giá trị pháp lý"

// DemoChain makes a root CA, an intermediate CA and an end-entity certificate for org
// (CN = name, O = org), ECDSA P-256, all marked as demo in their subject, for tests and
// `tdkt demo`. The root is valid 20 years from notBefore, the intermediate 10, the
// signing certificate 3.
func DemoChain(name, org string, notBefore time.Time) (root, inter *x509.Certificate, leaf Signer, err error) {
	issue := func(cn string, years int, ca bool, parent *x509.Certificate, parentKey crypto.Signer) (*x509.Certificate, *ecdsa.PrivateKey, error) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, nil, err
		}
		serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
		if err != nil {
			return nil, nil, err
		}
		tpl := &x509.Certificate{
			SerialNumber: serial,
			Subject:      pkix.Name{CommonName: cn, Organization: []string{org}, OrganizationalUnit: []string{demoOU}, Country: []string{"VN"}},
			NotBefore:    notBefore.Add(-time.Minute),
			NotAfter:     notBefore.AddDate(years, 0, 0),
			KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		}
		if ca {
			tpl.IsCA, tpl.BasicConstraintsValid = true, true
			tpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		}
		if parent == nil {
			parent, parentKey = tpl, key
		}
		der, err := x509.CreateCertificate(rand.Reader, tpl, parent, &key.PublicKey, parentKey)
		if err != nil {
			return nil, nil, err
		}
		cert, err := x509.ParseCertificate(der)
		return cert, key, err
	}
	root, rootKey, err := issue("tdkt demo Root CA", 20, true, nil, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	inter, interKey, err := issue("tdkt demo Issuing CA", 10, true, root, rootKey)
	if err != nil {
		return nil, nil, nil, err
	}
	cert, key, err := issue(name, 3, false, inter, interKey)
	if err != nil {
		return nil, nil, nil, err
	}
	return root, inter, NewKeySigner(key, []*x509.Certificate{cert, inter}), nil
}
