package pades

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"math/big"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// signedData is what verification needs from a CMS SignedData (RFC 5652 §5) and its
// first SignerInfo.
type signedData struct {
	certs         []*x509.Certificate
	leaf          *x509.Certificate
	digest        crypto.Hash
	signedAttrs   []byte // DER as signed (SET tag); nil when the signer signed the digest itself
	messageDigest []byte
	signingTime   time.Time
	sigAlg        asn1.ObjectIdentifier
	signature     []byte
}

var errCMS = errors.New("bad CMS")

var tag0 = cbasn1.Tag(0).Constructed().ContextSpecific()

// parseCMS reads a DER ContentInfo holding a SignedData; trailing bytes (the zero padding
// of /Contents) are ignored. BER with indefinite lengths is not read.
func parseCMS(der []byte) (*signedData, error) {
	in := cryptobyte.String(der)
	var ci, content, sd, digestAlgs, encap, certs, infos, si cryptobyte.String
	var oid asn1.ObjectIdentifier
	var version int64
	var hasCerts bool
	if !in.ReadASN1(&ci, cbasn1.SEQUENCE) || !ci.ReadASN1ObjectIdentifier(&oid) || !oid.Equal(oidSignedData) ||
		!ci.ReadASN1(&content, tag0) || !content.ReadASN1(&sd, cbasn1.SEQUENCE) ||
		!sd.ReadASN1Integer(&version) || !sd.ReadASN1(&digestAlgs, cbasn1.SET) || !sd.ReadASN1(&encap, cbasn1.SEQUENCE) ||
		!sd.ReadOptionalASN1(&certs, &hasCerts, tag0) ||
		!sd.SkipOptionalASN1(cbasn1.Tag(1).Constructed().ContextSpecific()) ||
		!sd.ReadASN1(&infos, cbasn1.SET) || !infos.ReadASN1(&si, cbasn1.SEQUENCE) {
		return nil, errCMS
	}
	out := &signedData{}
	for !certs.Empty() {
		var c cryptobyte.String
		var tag cbasn1.Tag
		if !certs.ReadAnyASN1Element(&c, &tag) {
			return nil, errCMS
		}
		if tag == cbasn1.SEQUENCE { // other certificate formats are skipped
			if cert, err := x509.ParseCertificate(c); err == nil {
				out.certs = append(out.certs, cert)
			}
		}
	}
	// SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature.
	var issuer, ski, digestAlg, sigAlg, attrs cryptobyte.String
	serial := new(big.Int)
	if !si.ReadASN1Integer(&version) {
		return nil, errCMS
	}
	if si.PeekASN1Tag(cbasn1.SEQUENCE) {
		var ias cryptobyte.String
		if !si.ReadASN1(&ias, cbasn1.SEQUENCE) || !ias.ReadASN1Element(&issuer, cbasn1.SEQUENCE) || !ias.ReadASN1Integer(serial) {
			return nil, errCMS
		}
	} else if !si.ReadASN1(&ski, cbasn1.Tag(0).ContextSpecific()) {
		return nil, errCMS
	}
	if !si.ReadASN1(&digestAlg, cbasn1.SEQUENCE) || !digestAlg.ReadASN1ObjectIdentifier(&oid) ||
		(si.PeekASN1Tag(tag0) && !si.ReadASN1Element(&attrs, tag0)) ||
		!si.ReadASN1(&sigAlg, cbasn1.SEQUENCE) || !sigAlg.ReadASN1ObjectIdentifier(&out.sigAlg) ||
		!si.ReadASN1Bytes(&out.signature, cbasn1.OCTET_STRING) {
		return nil, errCMS
	}
	out.digest = digestByOID[oid.String()]
	for _, c := range out.certs {
		if (issuer != nil && bytes.Equal(c.RawIssuer, issuer) && c.SerialNumber.Cmp(serial) == 0) ||
			(ski != nil && bytes.Equal(c.SubjectKeyId, ski)) {
			out.leaf = c
		}
	}
	// node-forge re-encodes a non-ASCII issuer name in the SignerInfo, so the bytes differ;
	// the serial alone then picks the certificate. The signature check with its key still
	// decides whether it is the signer.
	for _, c := range out.certs {
		if out.leaf == nil && issuer != nil && c.SerialNumber.Cmp(serial) == 0 {
			out.leaf = c
		}
	}
	if attrs != nil {
		out.signedAttrs = append([]byte{0x31}, attrs[1:]...)
		var set cryptobyte.String
		if !attrs.ReadASN1(&set, tag0) {
			return nil, errCMS
		}
		for !set.Empty() {
			var a, vals cryptobyte.String
			var aoid asn1.ObjectIdentifier
			if !set.ReadASN1(&a, cbasn1.SEQUENCE) || !a.ReadASN1ObjectIdentifier(&aoid) || !a.ReadASN1(&vals, cbasn1.SET) {
				return nil, errCMS
			}
			switch {
			case aoid.Equal(oidMessageDigest):
				vals.ReadASN1Bytes(&out.messageDigest, cbasn1.OCTET_STRING)
			case aoid.Equal(oidSigningTime) && vals.PeekASN1Tag(cbasn1.UTCTime):
				vals.ReadASN1UTCTime(&out.signingTime)
			case aoid.Equal(oidSigningTime):
				vals.ReadASN1GeneralizedTime(&out.signingTime)
			}
		}
	}
	return out, nil
}

// check verifies the signature over content: the messageDigest attribute against the
// digest of the content, then the signature over the signed attributes.
func (sd *signedData) check(content [][]byte) error {
	if sd.leaf == nil || sd.digest == 0 || !sd.digest.Available() {
		return errCMS
	}
	h := sd.digest.New()
	for _, c := range content {
		h.Write(c)
	}
	sum := h.Sum(nil)
	if sd.signedAttrs != nil {
		if !bytes.Equal(sum, sd.messageDigest) {
			return errors.New("message digest differs")
		}
		h.Reset()
		h.Write(sd.signedAttrs)
		sum = h.Sum(nil)
	}
	switch pub := sd.leaf.PublicKey.(type) {
	case *rsa.PublicKey:
		if sd.sigAlg.Equal(oidRSAPSS) {
			return rsa.VerifyPSS(pub, sd.digest, sum, sd.signature, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto})
		}
		return rsa.VerifyPKCS1v15(pub, sd.digest, sum, sd.signature)
	case *ecdsa.PublicKey:
		if ecdsa.VerifyASN1(pub, sum, sd.signature) {
			return nil
		}
		return errors.New("bad ECDSA signature")
	}
	return errUnsupportedKeyType
}
