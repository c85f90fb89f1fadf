package pades

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"sort"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Object identifiers of CMS (RFC 5652), ESS (RFC 5035) and the algorithms.
var (
	oidData               = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSigningCertV2      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA1               = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA256             = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA384             = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512             = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}
	oidRSA                = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidRSAPSS             = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidECDSASHA256        = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	digestByOID           = map[string]crypto.Hash{oidSHA1.String(): crypto.SHA1, oidSHA256.String(): crypto.SHA256, oidSHA384.String(): crypto.SHA384, oidSHA512.String(): crypto.SHA512}
	errUnsupportedKeyType = errors.New("unsupported key type")
)

func addOID(b *cryptobyte.Builder, oid asn1.ObjectIdentifier) {
	b.AddASN1ObjectIdentifier(oid)
}

// algID writes an AlgorithmIdentifier; RSA carries an explicit NULL, the others none.
func algID(b *cryptobyte.Builder, oid asn1.ObjectIdentifier, null bool) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		addOID(b, oid)
		if null {
			b.AddASN1NULL()
		}
	})
}

func attribute(oid asn1.ObjectIdentifier, value func(*cryptobyte.Builder)) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		addOID(b, oid)
		b.AddASN1(cbasn1.SET, value)
	})
	return b.BytesOrPanic()
}

// signedAttributes returns the DER of the SET OF Attribute, elements in DER order, as it
// is signed (tag SET); the SignerInfo carries the same bytes under [0] IMPLICIT.
func signedAttributes(digest []byte, at time.Time, leaf *x509.Certificate) []byte {
	certHash := sha256.Sum256(leaf.Raw)
	attrs := [][]byte{
		attribute(oidContentType, func(b *cryptobyte.Builder) { addOID(b, oidData) }),
		attribute(oidMessageDigest, func(b *cryptobyte.Builder) { b.AddASN1OctetString(digest) }),
		attribute(oidSigningTime, func(b *cryptobyte.Builder) {
			t := at.UTC()
			if t.Year() >= 1950 && t.Year() < 2050 {
				b.AddASN1UTCTime(t)
			} else {
				b.AddASN1GeneralizedTime(t)
			}
		}),
		// SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { certHash (SHA-256 is the
		// default algorithm, so it is omitted), issuerSerial { GeneralNames, serial } } }
		attribute(oidSigningCertV2, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1OctetString(certHash[:])
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
								b.AddASN1(cbasn1.Tag(4).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
									b.AddBytes(leaf.RawIssuer)
								})
							})
							b.AddASN1BigInt(leaf.SerialNumber)
						})
					})
				})
			})
		}),
	}
	sort.Slice(attrs, func(i, j int) bool { return bytes.Compare(attrs[i], attrs[j]) < 0 })
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
		for _, a := range attrs {
			b.AddBytes(a)
		}
	})
	return b.BytesOrPanic()
}

// buildCMS makes a detached CMS SignedData (RFC 5652) with SHA-256 over content, signed
// by s; the signed attributes make it a PAdES baseline B signature (ETSI EN 319 142-1).
func buildCMS(ctx context.Context, content [][]byte, s Signer, at time.Time) ([]byte, error) {
	chain := s.Chain()
	if len(chain) == 0 {
		return nil, errors.New("no certificate")
	}
	leaf := chain[0]
	h := sha256.New()
	for _, c := range content {
		h.Write(c)
	}
	attrs := signedAttributes(h.Sum(nil), at, leaf)
	attrDigest := sha256.Sum256(attrs)
	sig, err := s.SignDigest(ctx, attrDigest[:], crypto.SHA256)
	if err != nil {
		return nil, err
	}
	var sigAlg asn1.ObjectIdentifier
	null := false
	switch leaf.PublicKey.(type) {
	case *rsa.PublicKey:
		sigAlg, null = oidRSA, true
	case *ecdsa.PublicKey:
		sigAlg = oidECDSASHA256
	default:
		return nil, errUnsupportedKeyType
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ContentInfo
		addOID(b, oidSignedData)
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignedData
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { algID(b, oidSHA256, false) })
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { addOID(b, oidData) })
				b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					for _, c := range chain {
						b.AddBytes(c.Raw)
					}
				})
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignerInfo
						b.AddASN1Int64(1)
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // IssuerAndSerialNumber
							b.AddBytes(leaf.RawIssuer)
							b.AddASN1BigInt(leaf.SerialNumber)
						})
						algID(b, oidSHA256, false)
						b.AddBytes(append([]byte{0xA0}, attrs[1:]...)) // [0] IMPLICIT, same length
						algID(b, sigAlg, null)
						b.AddASN1OctetString(sig)
					})
				})
			})
		})
	})
	return b.Bytes()
}

// keySigner signs with a key held in this process.
type keySigner struct {
	key   crypto.Signer
	chain []*x509.Certificate
}

func (k *keySigner) Chain() []*x509.Certificate { return k.chain }

func (k *keySigner) SignDigest(ctx context.Context, digest []byte, h crypto.Hash) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if _, ok := k.key.(ed25519.PrivateKey); ok {
		return nil, errUnsupportedKeyType
	}
	return k.key.Sign(rand.Reader, digest, h)
}
