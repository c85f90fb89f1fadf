// Package pades signs PDF documents with PAdES baseline B signatures (a CAdES detached CMS
// over the file's byte ranges, ETSI EN 319 142-1) written as incremental updates, and
// verifies the signatures of a PDF whoever wrote them. It works on bytes only: no
// database, no network; docs/signatures.md describes what is written and checked.
package pades

import (
	"context"
	"crypto"
	"crypto/x509"
	"fmt"
	"time"

	"tdkt"
)

// Signer makes the signature over the digest of the CMS signed attributes. A local key
// signs at once; a remote-signing service (the user approves on a phone) implements the
// same interface and blocks until approval or ctx ends.
type Signer interface {
	Chain() []*x509.Certificate // the signing certificate first, then its issuers
	SignDigest(ctx context.Context, digest []byte, h crypto.Hash) ([]byte, error)
}

// NewKeySigner returns a Signer over a key held in this process (RSA or ECDSA) and the
// certificate chain of that key, signing certificate first.
func NewKeySigner(key crypto.Signer, chain []*x509.Certificate) Signer {
	return &keySigner{key: key, chain: chain}
}

// Appearance is the visible box of a signature on a page.
type Appearance struct {
	Page       int      // 1-based
	X, Y, W, H float64  // millimetres from the top-left corner of the page
	Signature  []byte   // PNG or JPEG of the signer's handwritten signature, or nil
	Seal       []byte   // PNG or JPEG of the organisation's seal, or nil (drawn over the left part, may overlap, like a stamp)
	Lines      []string // text lines drawn in the box, e.g. "Ký bởi: …", "Cơ quan: …", "Thời gian ký: 07/12/2026 15:04"
}

// Options are what a signature says besides the signature itself.
type Options struct {
	Name, Reason, Location string      // /Name /Reason /Location of the signature dictionary
	Time                   time.Time   // signing time: /M and the CMS signingTime attribute
	Appearance             *Appearance // nil: an invisible signature field
}

// Trust is what a verification trusts: the installed roots and the uploaded CRLs.
type Trust struct {
	Roots []*x509.Certificate    // installed roots; intermediates come from the CMS
	CRLs  []*x509.RevocationList // uploaded CRLs; a CRL counts only when its issuer signed it
}

// Result is what Verify says about one signature.
type Result struct {
	Signer              string    `json:"signer"`       // CN of the signing certificate
	Organisation        string    `json:"organisation"` // O of the signing certificate ("" if none)
	SignedAt            time.Time `json:"signed_at"`    // CMS signingTime, else /M
	Valid               bool      `json:"valid"`        // the CMS signature checks against the signed bytes
	CoversWholeDocument bool      `json:"covers_whole_document"`
	Trusted             bool      `json:"trusted"`
	Revoked             bool      `json:"revoked"`
	Reason              string    `json:"reason,omitempty"` // a Vietnamese sentence when something fails
	SignedLength        int64     `json:"-"`                // end of the signed revision (ByteRange[2]+ByteRange[3])
}

// The sentences of Result.Reason.
const (
	reasonMismatch  = "Chữ ký không khớp với nội dung đã ký."
	reasonAppended  = "Tệp đã bị thêm nội dung sau khi ký."
	reasonUntrusted = "Chứng thư số không thuộc tổ chức chứng thực được tin cậy."
	reasonTime      = "Thời điểm ký nằm ngoài thời hạn của chứng thư số."
	reasonRevoked   = "Chứng thư số đã bị thu hồi từ ngày %s."
)

// cannotSign is the error of Sign for a file it cannot extend safely.
func cannotSign(format string, args ...any) error {
	return tdkt.Errorf(tdkt.EInvalid, "Không thêm được chữ ký vào tệp này: %s.", fmt.Sprintf(format, args...))
}
