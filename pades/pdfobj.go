package pades

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
)

// The PDF object model, as far as signing and verifying need it (ISO 32000-1 §7.3).
// Parsed values are nil, bool, int, float64, name, pdfString, []any, dict, ref and *stream.
type (
	name      string
	pdfString []byte
	dict      map[string]any // keys without the leading slash
	ref       struct{ N, G int }
	stream    struct {
		Dict dict
		Raw  []byte // the bytes between "stream" EOL and "endstream", still encoded
	}
)

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// parser reads objects from b starting at pos; resolve, when set, gives the value of an
// indirect /Length.
type parser struct {
	b       []byte
	pos     int
	resolve func(any) any
}

func (p *parser) skip() {
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		if isSpace(c) {
			p.pos++
		} else if c == '%' {
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
		} else {
			return
		}
	}
}

// word reads a run of regular characters (a number, keyword or the body of a name).
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.b) && !isSpace(p.b[p.pos]) && !isDelim(p.b[p.pos]) {
		p.pos++
	}
	return string(p.b[start:p.pos])
}

var errSyntax = fmt.Errorf("pdf syntax")

// object reads one object; "R" references and streams are recognised here.
func (p *parser) object() (any, error) {
	p.skip()
	if p.pos >= len(p.b) {
		return nil, errSyntax
	}
	switch c := p.b[p.pos]; c {
	case '/':
		p.pos++
		return name(unescapeName(p.word())), nil
	case '(':
		return p.literal()
	case '[':
		p.pos++
		var arr []any
		for {
			p.skip()
			if p.pos >= len(p.b) {
				return nil, errSyntax
			}
			if p.b[p.pos] == ']' {
				p.pos++
				return arr, nil
			}
			v, err := p.object()
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
	case '<':
		if p.pos+1 < len(p.b) && p.b[p.pos+1] == '<' {
			return p.dictOrStream()
		}
		end := bytes.IndexByte(p.b[p.pos:], '>')
		if end < 0 {
			return nil, errSyntax
		}
		s := hexDecode(p.b[p.pos+1 : p.pos+end])
		p.pos += end + 1
		return pdfString(s), nil
	default:
		w := p.word()
		if w == "" {
			return nil, errSyntax
		}
		switch w {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		if n, err := strconv.Atoi(w); err == nil {
			// "N G R" is a reference: look ahead without consuming on a mismatch.
			save := p.pos
			p.skip()
			g := p.word()
			if gn, err := strconv.Atoi(g); err == nil {
				p.skip()
				if p.pos < len(p.b) && p.b[p.pos] == 'R' && (p.pos+1 == len(p.b) || isSpace(p.b[p.pos+1]) || isDelim(p.b[p.pos+1])) {
					p.pos++
					return ref{n, gn}, nil
				}
			}
			p.pos = save
			return n, nil
		}
		if f, err := strconv.ParseFloat(w, 64); err == nil {
			return f, nil
		}
		return nil, fmt.Errorf("pdf: unexpected %q", w)
	}
}

func (p *parser) dictOrStream() (any, error) {
	p.pos += 2
	d := dict{}
	for {
		p.skip()
		if p.pos+1 >= len(p.b) {
			return nil, errSyntax
		}
		if p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
			p.pos += 2
			break
		}
		k, err := p.object()
		if err != nil {
			return nil, err
		}
		kn, ok := k.(name)
		if !ok {
			return nil, errSyntax
		}
		v, err := p.object()
		if err != nil {
			return nil, err
		}
		d[string(kn)] = v
	}
	save := p.pos
	p.skip()
	if !bytes.HasPrefix(p.b[p.pos:], []byte("stream")) {
		p.pos = save
		return d, nil
	}
	p.pos += len("stream")
	if p.pos < len(p.b) && p.b[p.pos] == '\r' {
		p.pos++
	}
	if p.pos < len(p.b) && p.b[p.pos] == '\n' {
		p.pos++
	}
	length := -1
	switch l := d["Length"].(type) {
	case int:
		length = l
	case ref:
		if p.resolve != nil {
			if n, ok := p.resolve(l).(int); ok {
				length = n
			}
		}
	}
	// Trust /Length only when "endstream" follows it; otherwise search for the keyword.
	if length < 0 || p.pos+length > len(p.b) || !bytes.HasPrefix(bytes.TrimLeft(p.b[p.pos+length:], "\r\n \t"), []byte("endstream")) {
		end := bytes.Index(p.b[p.pos:], []byte("endstream"))
		if end < 0 {
			return nil, errSyntax
		}
		length = end
		for length > 0 && (p.b[p.pos+length-1] == '\n' || p.b[p.pos+length-1] == '\r') {
			length--
		}
	}
	s := &stream{Dict: d, Raw: p.b[p.pos : p.pos+length]}
	p.pos += length
	p.skip()
	p.pos += len("endstream")
	return s, nil
}

func (p *parser) literal() (any, error) {
	p.pos++
	var out []byte
	depth := 1
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return pdfString(out), nil
			}
		case '\\':
			if p.pos >= len(p.b) {
				return nil, errSyntax
			}
			e := p.b[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.b) && p.b[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for i := 0; i < 2 && p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '7'; i++ {
						v = v*8 + int(p.b[p.pos]-'0')
						p.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, errSyntax
}

func unescapeName(s string) string {
	if !bytes.Contains([]byte(s), []byte("#")) {
		return s
	}
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}

func hexDecode(h []byte) []byte {
	out := make([]byte, 0, len(h)/2)
	var hi byte
	half := false
	for _, c := range h {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

// writeObj serialises v; strings are always written as hex, which needs no escaping, and
// dictionary keys are sorted so the output is deterministic.
func writeObj(w *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil:
		w.WriteString("null")
	case bool:
		w.WriteString(strconv.FormatBool(x))
	case int:
		w.WriteString(strconv.Itoa(x))
	case float64:
		w.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
	case name:
		w.WriteByte('/')
		for _, c := range []byte(x) {
			if c <= ' ' || c > '~' || c == '#' || isDelim(c) {
				fmt.Fprintf(w, "#%02X", c)
			} else {
				w.WriteByte(c)
			}
		}
	case pdfString:
		fmt.Fprintf(w, "<%X>", []byte(x))
	case []any:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteByte(' ')
			}
			writeObj(w, e)
		}
		w.WriteByte(']')
	case dict:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		w.WriteString("<<")
		for _, k := range keys {
			writeObj(w, name(k))
			w.WriteByte(' ')
			writeObj(w, x[k])
		}
		w.WriteString(">>")
	case ref:
		fmt.Fprintf(w, "%d %d R", x.N, x.G)
	default:
		panic(fmt.Sprintf("pades: cannot write %T", v))
	}
}
