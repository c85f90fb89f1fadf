package core

import (
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends the line as one JSON object, the same as encoding/json gives for
// the struct tags of Suggestion, without reflection: a whole country's list is
// millions of lines, and most of their text is Vietnamese, which the standard
// encoder checks rune by rune.
func (s *Suggestion) AppendJSON(b []byte) []byte {
	b = append(b, `{"subject_kind":`...)
	b = appendJSONString(b, string(s.SubjectKind))
	b = append(b, `,"subject_id":`...)
	b = strconv.AppendInt(b, s.SubjectID, 10)
	b = appendField(b, "name", s.Name)
	b = appendField(b, "org_code", s.OrgCode)
	b = appendField(b, "org", s.Org)
	b = appendField(b, "award", s.Award)
	b = appendField(b, "award_name", s.AwardName)
	b = appendField(b, "status", s.Status)
	b = append(b, `,"year":`...)
	b = strconv.AppendInt(b, int64(s.Year), 10)
	b = appendField(b, "rule_set", s.RuleSet)
	b = append(b, `,"reasons":`...)
	if s.Reasons == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, r := range s.Reasons {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"rule":`...)
			b = appendJSONString(b, r.Rule)
			b = append(b, `,"met":`...)
			b = strconv.AppendBool(b, r.Met)
			b = appendField(b, "basis", r.Basis)
			b = appendField(b, "message", r.Message)
			if r.Unverified {
				b = append(b, `,"unverified":true`...)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(s.Unverified) > 0 {
		b = append(b, `,"unverified":[`...)
		for i, u := range s.Unverified {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"rule":`...)
			b = appendJSONString(b, u.Rule)
			b = appendField(b, "basis", u.Basis)
			b = appendField(b, "note", u.Note)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if s.Registered {
		b = append(b, `,"registered":true`...)
	}
	return append(b, '}')
}

func appendField(b []byte, name, v string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendJSONString(b, v)
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does (HTML characters escaped, invalid
// UTF-8 replaced by U+FFFD, U+2028 and U+2029 escaped), copying the bytes of valid
// multi-byte runes as they are.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	// In valid UTF-8 only a rune starting with 0xE2 can be U+2028 or U+2029; every
	// other multi-byte rune (all of Vietnamese) is copied without decoding.
	valid := utf8.ValidString(s)
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		if valid && c != 0xE2 {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
