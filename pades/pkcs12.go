package pades

import (
	"crypto"
	"crypto/x509"
	"errors"

	"software.sslmate.com/src/go-pkcs12"

	"tdkt"
)

// LoadPKCS12 reads a PKCS#12 file (.p12, .pfx) holding a private key and its certificate
// chain, including files written by OpenSSL 3 (AES, PBKDF2) and the legacy 3DES ones.
func LoadPKCS12(data []byte, password string) (Signer, error) {
	key, leaf, cas, err := pkcs12.DecodeChain(data, password)
	if errors.Is(err, pkcs12.ErrIncorrectPassword) {
		return nil, tdkt.Errorf(tdkt.EInvalid, "Mật khẩu của tệp chứng thư số (.p12) không đúng.")
	}
	if err != nil {
		return nil, tdkt.Errorf(tdkt.EInvalid, "Không đọc được tệp chứng thư số (.p12): tệp hỏng hoặc không đúng định dạng.")
	}
	signer, ok := key.(crypto.Signer)
	if !ok || leaf == nil {
		return nil, tdkt.Errorf(tdkt.EInvalid, "Tệp chứng thư số (.p12) không chứa khoá bí mật dùng để ký.")
	}
	return NewKeySigner(signer, orderChain(leaf, cas)), nil
}

// orderChain puts the issuers after the leaf in issuing order; certificates that are not
// on the path follow, as a PKCS#12 file keeps them in no particular order.
func orderChain(leaf *x509.Certificate, cas []*x509.Certificate) []*x509.Certificate {
	chain := []*x509.Certificate{leaf}
	rest := append([]*x509.Certificate(nil), cas...)
	for cur := leaf; ; {
		found := -1
		for i, c := range rest {
			if string(c.RawSubject) == string(cur.RawIssuer) && cur.CheckSignatureFrom(c) == nil {
				found = i
				break
			}
		}
		if found < 0 || string(cur.RawSubject) == string(cur.RawIssuer) {
			break
		}
		cur = rest[found]
		chain = append(chain, cur)
		rest = append(rest[:found], rest[found+1:]...)
	}
	return append(chain, rest...)
}

// EncodePKCS12 writes a signer made here (with a crypto.Signer key) as a modern PKCS#12
// file (AES-256, PBKDF2, as OpenSSL 3 writes by default).
func EncodePKCS12(s Signer, password string) ([]byte, error) {
	return encodePKCS12(pkcs12.Modern, s, password)
}

func encodePKCS12(enc *pkcs12.Encoder, s Signer, password string) ([]byte, error) {
	k, ok := s.(*keySigner)
	if !ok || len(k.chain) == 0 {
		return nil, errors.New("pades: only a signer made by NewKeySigner, LoadPKCS12 or DemoChain has a key to export")
	}
	return enc.Encode(k.key, k.chain[0], k.chain[1:], password)
}
