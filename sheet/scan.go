package sheet

import (
	"bytes"
	"errors"
	"io"
)

// scanner reads the elements of one archive part as a stream: it holds the element
// being read and a chunk, never the part, which may expand to hundreds of MB. It
// scans text, not XML: the parts it reads are the few that Excel and the usual
// libraries write plainly (no prefixes, no CDATA); anything else makes the fast
// reader give up, and readXLSX then uses excelize.
type scanner struct {
	r   io.Reader
	buf []byte
	pos int // bytes of buf already consumed
	eof bool
}

const scanChunk = 64 << 10

// errEnd is the end of the part reached before what was looked for.
var errEnd = errors.New("end of the part")

// fill drops what was consumed and reads another chunk; false at the end of the part.
func (s *scanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:])
		s.buf, s.pos = s.buf[:n], 0
	}
	if len(s.buf) > MaxElementBytes {
		return false, errElement
	}
	if cap(s.buf)-len(s.buf) < scanChunk {
		nb := make([]byte, len(s.buf), 2*cap(s.buf)+scanChunk)
		copy(nb, s.buf)
		s.buf = nb
	}
	n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
	s.buf = s.buf[:len(s.buf)+n]
	if err == io.EOF {
		s.eof = true
		return n > 0, nil
	}
	return err == nil, err
}

// find consumes the part up to and including the first text; errEnd when absent.
func (s *scanner) find(text string) error {
	from := 0
	for {
		b := s.buf[s.pos:]
		if i := bytes.Index(b[from:], []byte(text)); i >= 0 {
			s.pos += from + i + len(text)
			return nil
		}
		// Keep the end that may hold the start of text, cut between two chunks.
		if keep := len(text) - 1; len(b) > keep {
			s.pos += len(b) - keep
		}
		if more, err := s.fill(); err != nil || !more {
			return cmp(err, errEnd)
		}
	}
}

// next finds the next element called name, before the text stop if stop is not
// empty, and returns its start tag (the attributes after the name) and its content,
// both valid until the next call. found is false when stop came first (then stop is
// consumed); err is errEnd at the end of the part.
func (s *scanner) next(name, stop string) (tag, inner []byte, found bool, err error) {
	open, end := []byte("<"+name), []byte("</"+name+">")
	from := 0
	for {
		b := s.buf[s.pos:]
		i := indexElement(b[from:], open)
		j := -1
		if stop != "" {
			j = bytes.Index(b[from:], []byte(stop))
		}
		if j >= 0 && (i < 0 || j < i) {
			s.pos += from + j + len(stop)
			return nil, nil, false, nil
		}
		if i >= 0 {
			s.pos += from + i
			break
		}
		if keep := max(len(open), len(stop)); len(b) > keep {
			s.pos += len(b) - keep
		}
		from = 0
		if more, err := s.fill(); err != nil || !more {
			return nil, nil, false, cmp(err, errEnd)
		}
	}
	// The start tag, then the content up to the end tag: read more until they are in
	// the buffer, resuming each search where the last one stopped.
	tagEnd, from := -1, len(open)
	for {
		b := s.buf[s.pos:]
		if tagEnd < 0 {
			if k := bytes.IndexByte(b[from:], '>'); k >= 0 {
				tagEnd = from + k
				if b[tagEnd-1] == '/' {
					s.pos += tagEnd + 1
					return b[len(open) : tagEnd-1], nil, true, nil
				}
				from = tagEnd + 1
				continue
			}
		} else if k := bytes.Index(b[from:], end); k >= 0 {
			s.pos += from + k + len(end)
			return b[len(open):tagEnd], b[tagEnd+1 : from+k], true, nil
		}
		from = max(from, len(b)-len(end)+1)
		if more, err := s.fill(); err != nil || !more {
			return nil, nil, false, cmp(err, errEnd)
		}
	}
}

// tagEnd consumes the rest of a start tag whose name find consumed, and reports
// whether it closes itself (<sheetData/>).
func (s *scanner) tagEnd() (selfClosing bool, err error) {
	from := 0
	for {
		b := s.buf[s.pos:]
		if k := bytes.IndexByte(b[from:], '>'); k >= 0 {
			k += from
			s.pos += k + 1
			return k > 0 && b[k-1] == '/', nil
		}
		from = len(b)
		if more, err := s.fill(); err != nil || !more {
			return false, cmp(err, errEnd)
		}
	}
}

// startsElement reports whether b starts with the start tag open ("<t"), not with a
// longer name ("<tx").
func startsElement(b, open []byte) bool {
	return bytes.HasPrefix(b, open) && len(b) > len(open) && nameEnd(b[len(open)])
}

func nameEnd(c byte) bool {
	return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r'
}

// indexElement is the index in b of the first start tag open ("<row") followed by
// the end of the name, not by a longer name ("<rowBreaks"); -1 when absent or cut.
func indexElement(b, open []byte) int {
	at := 0
	for {
		i := bytes.Index(b[at:], open)
		if i < 0 {
			return -1
		}
		k := at + i + len(open)
		if k >= len(b) {
			return -1 // the next chunk tells
		}
		if nameEnd(b[k]) {
			return at + i
		}
		at = k
	}
}

// cmp is err, or otherwise the fallback.
func cmp(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}
