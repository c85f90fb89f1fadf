package pades

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"time"
)

// vietnam is the zone of the dates in Reason.
var vietnam = time.FixedZone("ICT", 7*3600)

// trust decides whether the signing certificate is trusted at the signing time at:
// inside its validity, chained to one of t.Roots through the certificates of the CMS,
// and neither it nor an intermediate listed on a CRL of t signed by its issuer. Without a
// timestamp the signing time is the signer's own claim; docs/signatures.md says so.
func trust(sd *signedData, t *Trust, at time.Time) (trusted, revoked bool, reason string) {
	leaf := sd.leaf
	if at.Before(leaf.NotBefore) || at.After(leaf.NotAfter) {
		return false, false, reasonTime
	}
	if t == nil || len(t.Roots) == 0 {
		return false, false, reasonUntrusted
	}
	roots, inters := x509.NewCertPool(), x509.NewCertPool()
	for _, r := range t.Roots {
		roots.AddCert(r)
	}
	for _, c := range sd.certs {
		if c != leaf {
			inters.AddCert(c)
		}
	}
	chains, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inters, CurrentTime: at,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil {
		var inv x509.CertificateInvalidError
		if errors.As(err, &inv) && inv.Reason == x509.Expired {
			return false, false, reasonTime
		}
		return false, false, reasonUntrusted
	}
	chain := chains[0]
	for k := 0; k+1 < len(chain); k++ {
		cert, issuer := chain[k], chain[k+1]
		for _, crl := range t.CRLs {
			if crl == nil || !bytes.Equal(crl.RawIssuer, issuer.RawSubject) || crl.CheckSignatureFrom(issuer) != nil {
				continue
			}
			for _, e := range crl.RevokedCertificateEntries {
				if e.SerialNumber.Cmp(cert.SerialNumber) == 0 {
					return false, true, fmt.Sprintf(reasonRevoked, e.RevocationTime.In(vietnam).Format("02/01/2006"))
				}
			}
		}
	}
	return true, false, ""
}
