package pades

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// document is a parsed PDF: its cross-reference (classic tables and xref streams, with
// object streams) merged over all revisions, newest first, and the newest trailer.
type document struct {
	b         []byte
	xref      map[int]xrefEntry
	trailer   dict
	startxref int  // offset of the newest xref section, the /Prev of an update
	xrefIsStm bool // the newest section is an xref stream
	objstms   map[int][]any
	scanned   map[int]int // fallback "N G obj" offsets when the xref is broken
}

type xrefEntry struct {
	inStream bool
	off      int // file offset, or the object stream number
	idx      int // index inside the object stream
}

var errNotPDF = errors.New("not a PDF")

func readDocument(b []byte) (*document, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(b[:min(len(b), 1024)], "\x00\r\n\t "), []byte("%PDF-")) && bytes.Index(b[:min(len(b), 1024)], []byte("%PDF-")) < 0 {
		return nil, errNotPDF
	}
	d := &document{b: b, xref: map[int]xrefEntry{}, objstms: map[int][]any{}}
	i := bytes.LastIndex(b, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref")
	}
	p := &parser{b: b, pos: i + len("startxref")}
	p.skip()
	off, err := strconv.Atoi(p.word())
	if err != nil || off <= 0 || off >= len(b) {
		return nil, errors.New("bad startxref")
	}
	d.startxref = off
	seen := map[int]bool{}
	for first := true; off > 0 && !seen[off]; first = false {
		seen[off] = true
		tr, isStm, err := d.readSection(off)
		if err != nil {
			return nil, err
		}
		if first {
			d.trailer, d.xrefIsStm = tr, isStm
		}
		if x, ok := tr["XRefStm"].(int); ok && !seen[x] {
			seen[x] = true
			if _, _, err := d.readSection(x); err != nil {
				return nil, err
			}
		}
		off, _ = tr["Prev"].(int)
	}
	if _, ok := d.trailer["Root"].(ref); !ok {
		return nil, errors.New("no /Root")
	}
	return d, nil
}

// readSection reads one cross-reference section at off into d.xref (entries already
// known from newer sections win) and returns its trailer dictionary.
func (d *document) readSection(off int) (dict, bool, error) {
	p := &parser{b: d.b, pos: off, resolve: d.resolve}
	p.skip()
	if bytes.HasPrefix(d.b[p.pos:], []byte("xref")) {
		p.pos += 4
		for {
			p.skip()
			if bytes.HasPrefix(d.b[p.pos:], []byte("trailer")) {
				p.pos += len("trailer")
				tr, err := p.object()
				t, ok := tr.(dict)
				if err != nil || !ok {
					return nil, false, errors.New("bad trailer")
				}
				return t, false, nil
			}
			start, err1 := strconv.Atoi(p.word())
			p.skip()
			count, err2 := strconv.Atoi(p.word())
			if err1 != nil || err2 != nil {
				return nil, false, errors.New("bad xref table")
			}
			for k := 0; k < count; k++ {
				p.skip()
				o, err := strconv.Atoi(p.word())
				p.skip()
				p.word()
				p.skip()
				kind := p.word()
				if err != nil || (kind != "n" && kind != "f") {
					return nil, false, errors.New("bad xref entry")
				}
				if _, known := d.xref[start+k]; !known && kind == "n" {
					d.xref[start+k] = xrefEntry{off: o}
				}
			}
		}
	}
	// An xref stream: "N G obj << /Type /XRef ... >> stream".
	_, v, err := d.objectAt(off)
	if err != nil {
		return nil, false, err
	}
	s, ok := v.(*stream)
	if !ok || s.Dict["Type"] != name("XRef") {
		return nil, false, errors.New("bad xref stream")
	}
	data, err := decodeStream(s)
	if err != nil {
		return nil, false, err
	}
	w := ints(s.Dict["W"])
	size, _ := s.Dict["Size"].(int)
	index := ints(s.Dict["Index"])
	if len(index) == 0 {
		index = []int{0, size}
	}
	if len(w) != 3 {
		return nil, false, errors.New("bad /W")
	}
	rowLen := w[0] + w[1] + w[2]
	field := func(row []byte, from, n int) int {
		v := 0
		for _, c := range row[from : from+n] {
			v = v<<8 | int(c)
		}
		return v
	}
	pos := 0
	for i := 0; i+1 < len(index); i += 2 {
		for k := 0; k < index[i+1]; k++ {
			if pos+rowLen > len(data) {
				return nil, false, errors.New("short xref stream")
			}
			row := data[pos : pos+rowLen]
			pos += rowLen
			typ := 1
			if w[0] > 0 {
				typ = field(row, 0, w[0])
			}
			f2, f3 := field(row, w[0], w[1]), field(row, w[0]+w[1], w[2])
			num := index[i] + k
			if _, known := d.xref[num]; known {
				continue
			}
			switch typ {
			case 1:
				d.xref[num] = xrefEntry{off: f2}
			case 2:
				d.xref[num] = xrefEntry{inStream: true, off: f2, idx: f3}
			}
		}
	}
	return s.Dict, true, nil
}

func ints(v any) []int {
	a, _ := v.([]any)
	out := make([]int, 0, len(a))
	for _, e := range a {
		if n, ok := e.(int); ok {
			out = append(out, n)
		}
	}
	return out
}

// objectAt parses "N G obj <object>" at off.
func (d *document) objectAt(off int) (int, any, error) {
	p := &parser{b: d.b, pos: off, resolve: d.resolve}
	p.skip()
	n, err := strconv.Atoi(p.word())
	p.skip()
	p.word()
	p.skip()
	if err != nil || p.word() != "obj" {
		return 0, nil, fmt.Errorf("no object at %d", off)
	}
	v, err := p.object()
	return n, v, err
}

var objHeader = regexp.MustCompile(`(?m)(\d+)[ \t\r\n]+\d+[ \t\r\n]+obj\b`)

// resolve follows a reference (any other value is returned as is); a missing object is
// null, as ISO 32000-1 §7.3.10 says.
func (d *document) resolve(v any) any {
	for depth := 0; depth < 32; depth++ {
		r, ok := v.(ref)
		if !ok {
			return v
		}
		v = d.load(r.N)
	}
	return nil
}

func (d *document) load(num int) any {
	e, ok := d.xref[num]
	if ok && e.inStream {
		objs, err := d.objectStream(e.off)
		if err != nil || e.idx >= len(objs) {
			return nil
		}
		return objs[e.idx]
	}
	if ok {
		if n, v, err := d.objectAt(e.off); err == nil && n == num {
			return v
		}
	}
	// A wrong offset: fall back to the last "num G obj" in the file.
	if d.scanned == nil {
		d.scanned = map[int]int{}
		for _, m := range objHeader.FindAllSubmatchIndex(d.b, -1) {
			if n, err := strconv.Atoi(string(d.b[m[2]:m[3]])); err == nil {
				d.scanned[n] = m[0]
			}
		}
	}
	if off, ok := d.scanned[num]; ok {
		if _, v, err := d.objectAt(off); err == nil {
			return v
		}
	}
	return nil
}

func (d *document) objectStream(num int) ([]any, error) {
	if objs, ok := d.objstms[num]; ok {
		return objs, nil
	}
	d.objstms[num] = nil // guards against a stream that contains itself
	s, ok := d.load(num).(*stream)
	if !ok {
		return nil, errors.New("no object stream")
	}
	data, err := decodeStream(s)
	if err != nil {
		return nil, err
	}
	n, _ := s.Dict["N"].(int)
	first, _ := s.Dict["First"].(int)
	p := &parser{b: data}
	offs := make([]int, n)
	for i := range n {
		p.skip()
		p.word()
		p.skip()
		offs[i], err = strconv.Atoi(p.word())
		if err != nil {
			return nil, errors.New("bad object stream")
		}
	}
	objs := make([]any, n)
	for i, o := range offs {
		p := &parser{b: data, pos: first + o, resolve: d.resolve}
		objs[i], _ = p.object()
	}
	d.objstms[num] = objs
	return objs, nil
}

// decodeStream undoes FlateDecode with the PNG predictors, which is all that xref and
// object streams use in practice.
func decodeStream(s *stream) ([]byte, error) {
	filters := s.Dict["Filter"]
	if f, ok := filters.(name); ok {
		filters = []any{f}
	}
	parms := s.Dict["DecodeParms"]
	if a, ok := parms.([]any); ok && len(a) > 0 {
		parms = a[0]
	}
	data := s.Raw
	fl, _ := filters.([]any)
	for _, f := range fl {
		if f != name("FlateDecode") {
			return nil, fmt.Errorf("filter %v", f)
		}
		r, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		out, err := io.ReadAll(r)
		if err != nil && len(out) == 0 {
			return nil, err
		}
		data = out
	}
	if pd, ok := parms.(dict); ok {
		if pred, _ := pd["Predictor"].(int); pred >= 10 {
			cols, _ := pd["Columns"].(int)
			return unpredictPNG(data, max(cols, 1))
		}
	}
	return data, nil
}

func unpredictPNG(data []byte, cols int) ([]byte, error) {
	var out []byte
	prev := make([]byte, cols)
	for len(data) >= cols+1 {
		typ, row := data[0], append([]byte(nil), data[1:cols+1]...)
		data = data[cols+1:]
		for i := range row {
			var left, upLeft byte
			if i > 0 {
				left, upLeft = row[i-1], prev[i-1]
			}
			switch typ {
			case 1:
				row[i] += left
			case 2:
				row[i] += prev[i]
			case 3:
				row[i] += byte((int(left) + int(prev[i])) / 2)
			case 4:
				row[i] += paeth(left, prev[i], upLeft)
			}
		}
		out = append(out, row...)
		prev = row
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// dictOf resolves v and returns it as a dictionary (nil if it is not one).
func (d *document) dictOf(v any) dict {
	switch x := d.resolve(v).(type) {
	case dict:
		return x
	case *stream:
		return x.Dict
	}
	return nil
}

// page finds the n-th page (1-based) and the inheritable /MediaBox and /CropBox on its way.
func (d *document) page(n int) (ref, dict, []float64, error) {
	root := d.dictOf(d.trailer["Root"])
	node, _ := root["Pages"].(ref)
	var box []float64
	count := 0
	for depth := 0; depth < 64; depth++ {
		nd := d.dictOf(node)
		if nd == nil {
			break
		}
		if b := rect(d.resolve(nd["CropBox"]), d); b != nil {
			box = b
		} else if b := rect(d.resolve(nd["MediaBox"]), d); b != nil {
			box = b
		}
		if nd["Type"] == name("Page") || nd["Kids"] == nil {
			if count+1 == n {
				return node, nd, box, nil
			}
			break
		}
		kids, _ := d.resolve(nd["Kids"]).([]any)
		found := false
		for _, k := range kids {
			kr, ok := k.(ref)
			kd := d.dictOf(k)
			if !ok || kd == nil {
				continue
			}
			c := 1
			if kd["Type"] != name("Page") {
				c, _ = d.resolve(kd["Count"]).(int)
			}
			if count+c >= n {
				node, found = kr, true
				break
			}
			count += c
		}
		if !found {
			break
		}
	}
	return ref{}, nil, nil, fmt.Errorf("trang %d không có trong tệp", n)
}

func rect(v any, d *document) []float64 {
	a, ok := v.([]any)
	if !ok || len(a) != 4 {
		return nil
	}
	out := make([]float64, 4)
	for i, e := range a {
		switch x := d.resolve(e).(type) {
		case int:
			out[i] = float64(x)
		case float64:
			out[i] = x
		default:
			return nil
		}
	}
	return out
}
