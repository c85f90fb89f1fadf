package pades

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"tdkt"
)

var byteRangeKey = regexp.MustCompile(`/ByteRange\s*\[`)

// sigField is a signature dictionary found in the file.
type sigField struct {
	byteRange [4]int
	m         time.Time
}

// findSignatures returns the signature dictionaries of the file in file order. A
// signature dictionary cannot sit in an object stream (its /Contents must be a gap in
// the signed bytes), so scanning for /ByteRange finds them all, whichever kind of
// cross-reference the file has and whichever tool wrote it.
func findSignatures(b []byte) []sigField {
	var out []sigField
	seen := map[[4]int]bool{}
	doc := &document{b: b}
	for _, m := range byteRangeKey.FindAllIndex(b, -1) {
		// The enclosing object starts at the last "N G obj" before the key.
		from := max(0, m[0]-1<<20)
		start := objHeader.FindAllIndex(b[from:m[0]], -1)
		if len(start) == 0 {
			continue
		}
		_, v, err := doc.objectAt(from + start[len(start)-1][0])
		if err != nil {
			continue
		}
		var walk func(v any, depth int)
		walk = func(v any, depth int) {
			if depth > 8 {
				return
			}
			switch x := v.(type) {
			case dict:
				br := ints(x["ByteRange"])
				if _, ok := x["Contents"].(pdfString); ok && len(br) == 4 {
					k := [4]int(br)
					if !seen[k] {
						seen[k] = true
						t, _ := x["M"].(pdfString)
						out = append(out, sigField{byteRange: k, m: parseDate(string(t))})
					}
					return
				}
				for _, e := range x {
					walk(e, depth+1)
				}
			case []any:
				for _, e := range x {
					walk(e, depth+1)
				}
			}
		}
		walk(v, 0)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].byteRange[1] < out[j].byteRange[1] })
	return out
}

// parseDate reads a PDF date, D:YYYYMMDDHHmmSS with an optional zone; zero if unreadable.
func parseDate(s string) time.Time {
	s = strings.TrimPrefix(s, "D:")
	if len(s) < 14 {
		return time.Time{}
	}
	t, err := time.Parse("20060102150405", s[:14])
	if err != nil {
		return time.Time{}
	}
	z := strings.ReplaceAll(s[14:], "'", "")
	if len(z) >= 5 && (z[0] == '+' || z[0] == '-') {
		h, _ := strconv.Atoi(z[1:3])
		m, _ := strconv.Atoi(z[3:5])
		off := h*3600 + m*60
		if z[0] == '-' {
			off = -off
		}
		t = t.Add(-time.Duration(off) * time.Second)
	}
	return t.UTC()
}

// Verify reports every signature of a PDF, in file order. A PDF with no signature gives
// an empty, non-nil slice. An error only when the bytes are not a PDF at all.
//
// now is the validation time of a signature that carries no signing time at all.
func Verify(pdf []byte, t *Trust, now time.Time) ([]Result, error) {
	if !bytes.Contains(pdf[:min(len(pdf), 1024)], []byte("%PDF-")) {
		return nil, tdkt.Errorf(tdkt.EInvalid, "Tệp này không phải là tệp PDF.")
	}
	sigs := findSignatures(pdf)
	out := make([]Result, len(sigs))
	for i, s := range sigs {
		out[i] = verifyOne(pdf, s, t, now)
	}
	// Coverage, from the last signature back: a signature covers the document when only
	// white space follows its revision, or when the next bytes are the revision of a later
	// valid signature that itself covers the document.
	for i := len(sigs) - 1; i >= 0; i-- {
		end := int(out[i].SignedLength)
		covers := end <= len(pdf) && len(bytes.Trim(pdf[end:], " \r\n\t\x00")) == 0
		for j := i + 1; j < len(sigs) && !covers; j++ {
			covers = out[j].Valid && out[j].CoversWholeDocument && sigs[j].byteRange[1] >= end && int(out[j].SignedLength) > end
		}
		out[i].CoversWholeDocument = out[i].Valid && covers
		if out[i].Valid && !covers {
			out[i].Reason = join(reasonAppended, out[i].Reason)
		}
	}
	return out, nil
}

func join(sentences ...string) string {
	var s []string
	for _, x := range sentences {
		if x != "" {
			s = append(s, x)
		}
	}
	return strings.Join(s, " ")
}

// verifyOne checks one signature: the byte ranges, the CMS and then the trust in its
// certificate. Coverage is decided by Verify, which sees all signatures.
func verifyOne(pdf []byte, s sigField, t *Trust, now time.Time) Result {
	br := s.byteRange
	r := Result{SignedAt: s.m, SignedLength: int64(br[2]) + int64(br[3])}
	ok := br[0] == 0 && br[1] > 0 && br[2] > br[1] && br[3] >= 0 && br[2]+br[3] <= len(pdf) &&
		pdf[br[1]] == '<' && pdf[br[2]-1] == '>'
	if !ok {
		r.Reason = reasonMismatch
		return r
	}
	sd, err := parseCMS(hexDecode(pdf[br[1]+1 : br[2]-1]))
	if err != nil || sd.leaf == nil {
		r.Reason = reasonMismatch
		return r
	}
	r.Signer = sd.leaf.Subject.CommonName
	if len(sd.leaf.Subject.Organization) > 0 {
		r.Organisation = sd.leaf.Subject.Organization[0]
	}
	if !sd.signingTime.IsZero() {
		r.SignedAt = sd.signingTime
	}
	r.Valid = sd.check([][]byte{pdf[:br[1]], pdf[br[2] : br[2]+br[3]]}) == nil
	if !r.Valid {
		r.Reason = reasonMismatch
		return r
	}
	at := r.SignedAt
	if at.IsZero() {
		at = now
	}
	r.Trusted, r.Revoked, r.Reason = trust(sd, t, at)
	return r
}
