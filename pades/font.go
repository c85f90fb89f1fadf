package pades

import (
	"encoding/binary"
	"errors"
	"sort"
	"sync"

	"tdkt/fonts"
)

// Tinos (SIL OFL 1.1, package fonts) is metric-compatible with Times New Roman and covers
// Vietnamese; the standard 14 fonts do not. It is embedded as a subset in each visible
// signature, so the box reads the same in every viewer.
var tinosTTF = fonts.Tinos("")

// ttf is the little of a TrueType font that a CIDFontType2 with Identity-H needs:
// Unicode to glyph, advance widths, and the tables to write a subset.
type ttf struct {
	tables     map[string][]byte
	unitsPerEm int
	cmap       map[rune]uint16
	advance    []uint16
	ascent     int
	descent    int
	bbox       [4]int
}

var (
	fontOnce sync.Once
	theFont  *ttf
	fontErr  error
)

func tinos() (*ttf, error) {
	fontOnce.Do(func() { theFont, fontErr = parseTTF(tinosTTF) })
	return theFont, fontErr
}

var errFont = errors.New("bad font")

func parseTTF(b []byte) (*ttf, error) {
	be := binary.BigEndian
	if len(b) < 12 {
		return nil, errFont
	}
	f := &ttf{tables: map[string][]byte{}, cmap: map[rune]uint16{}}
	n := int(be.Uint16(b[4:]))
	for i := range n {
		e := b[12+16*i:]
		off, l := be.Uint32(e[8:]), be.Uint32(e[12:])
		if int(off+l) > len(b) {
			return nil, errFont
		}
		f.tables[string(e[:4])] = b[off : off+l]
	}
	head, hhea, hmtx, maxp, cmap := f.tables["head"], f.tables["hhea"], f.tables["hmtx"], f.tables["maxp"], f.tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || cmap == nil || f.tables["glyf"] == nil || f.tables["loca"] == nil {
		return nil, errFont
	}
	f.unitsPerEm = int(be.Uint16(head[18:]))
	for i := range 4 {
		f.bbox[i] = int(int16(be.Uint16(head[36+2*i:])))
	}
	f.ascent, f.descent = int(int16(be.Uint16(hhea[4:]))), int(int16(be.Uint16(hhea[6:])))
	numGlyphs, numHMetrics := int(be.Uint16(maxp[4:])), int(be.Uint16(hhea[34:]))
	f.advance = make([]uint16, numGlyphs)
	for g := range numGlyphs {
		f.advance[g] = be.Uint16(hmtx[4*min(g, numHMetrics-1):])
	}
	// The Unicode subtables: format 4 (BMP), and format 12 when present.
	for i := range int(be.Uint16(cmap[2:])) {
		rec := cmap[4+8*i:]
		platform, enc, off := be.Uint16(rec), be.Uint16(rec[2:]), be.Uint32(rec[4:])
		if !(platform == 3 && (enc == 1 || enc == 10)) && platform != 0 {
			continue
		}
		sub := cmap[off:]
		switch be.Uint16(sub) {
		case 4:
			segs := int(be.Uint16(sub[6:])) / 2
			ends, starts, deltas, rangeOffs := sub[14:], sub[16+2*segs:], sub[16+4*segs:], sub[16+6*segs:]
			for s := range segs {
				end, start := be.Uint16(ends[2*s:]), be.Uint16(starts[2*s:])
				delta, ro := be.Uint16(deltas[2*s:]), int(be.Uint16(rangeOffs[2*s:]))
				for c := int(start); c <= int(end) && c != 0xFFFF; c++ {
					g := uint16(0)
					if ro == 0 {
						g = uint16(c) + delta
					} else if at := 2*s + ro + 2*(c-int(start)); at+1 < len(rangeOffs) {
						if g = be.Uint16(rangeOffs[at:]); g != 0 {
							g += delta
						}
					}
					if g != 0 {
						f.cmap[rune(c)] = g
					}
				}
			}
		case 12:
			groups := int(be.Uint32(sub[12:]))
			for k := range groups {
				gr := sub[16+12*k:]
				start, end, g := be.Uint32(gr), be.Uint32(gr[4:]), be.Uint32(gr[8:])
				for c := start; c <= end && c-start < 0x10000; c++ {
					f.cmap[rune(c)] = uint16(g + c - start)
				}
			}
		}
	}
	return f, nil
}

// glyphs returns the glyph of each rune of s (0, .notdef, for a missing one).
func (f *ttf) glyphs(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		out = append(out, f.cmap[r])
	}
	return out
}

// width is the advance of the glyphs in thousandths of the font size.
func (f *ttf) width(gs []uint16) float64 {
	w := 0.0
	for _, g := range gs {
		w += float64(f.advance[g]) * 1000 / float64(f.unitsPerEm)
	}
	return w
}

// subset writes a TrueType font with the same glyph numbering in which every glyph but
// the used ones (and the components of composite ones) is empty; with Identity CID to GID
// mapping a reader needs only head, hhea, hmtx, maxp, loca, glyf and the hinting tables.
func (f *ttf) subset(used map[uint16]bool) []byte {
	be := binary.BigEndian
	head, loca, glyf := f.tables["head"], f.tables["loca"], f.tables["glyf"]
	long := be.Uint16(head[50:]) == 1
	glyphAt := func(g int) []byte {
		var a, b int
		if long {
			a, b = int(be.Uint32(loca[4*g:])), int(be.Uint32(loca[4*g+4:]))
		} else {
			a, b = 2*int(be.Uint16(loca[2*g:])), 2*int(be.Uint16(loca[2*g+2:]))
		}
		if a > b || b > len(glyf) {
			return nil
		}
		return glyf[a:b]
	}
	keep := map[uint16]bool{0: true}
	todo := make([]uint16, 0, len(used))
	for g := range used {
		todo = append(todo, g)
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if keep[g] || int(g) >= len(f.advance) {
			continue
		}
		keep[g] = true
		data := glyphAt(int(g))
		if len(data) < 10 || int16(be.Uint16(data)) >= 0 {
			continue
		}
		// A composite glyph: flags, glyphIndex, then arguments and scale by the flags.
		for p := 10; p+4 <= len(data); {
			flags, comp := be.Uint16(data[p:]), be.Uint16(data[p+2:])
			todo = append(todo, comp)
			p += 4
			if flags&1 != 0 {
				p += 4
			} else {
				p += 2
			}
			switch {
			case flags&0x08 != 0:
				p += 2
			case flags&0x40 != 0:
				p += 4
			case flags&0x80 != 0:
				p += 8
			}
			if flags&0x20 == 0 {
				break
			}
		}
	}
	newGlyf := []byte{}
	newLoca := make([]byte, 4*(len(f.advance)+1))
	for g := range f.advance {
		be.PutUint32(newLoca[4*g:], uint32(len(newGlyf)))
		if keep[uint16(g)] {
			newGlyf = append(newGlyf, glyphAt(g)...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	be.PutUint32(newLoca[4*len(f.advance):], uint32(len(newGlyf)))
	newHead := append([]byte(nil), head...)
	be.PutUint16(newHead[50:], 1) // long loca offsets
	be.PutUint32(newHead[8:], 0)  // checkSumAdjustment, not checked by PDF readers
	tables := map[string][]byte{"head": newHead, "loca": newLoca, "glyf": newGlyf}
	for _, t := range []string{"hhea", "hmtx", "maxp", "cvt ", "fpgm", "prep"} {
		if b, ok := f.tables[t]; ok {
			tables[t] = b
		}
	}
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	out := make([]byte, 12+16*len(tags))
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(len(tags)))
	for i, t := range tags {
		data := tables[t]
		e := out[12+16*i:]
		copy(e, t)
		var sum uint32
		for k := 0; k < len(data); k += 4 {
			var w [4]byte
			copy(w[:], data[k:])
			sum += be.Uint32(w[:])
		}
		be.PutUint32(e[4:], sum)
		be.PutUint32(e[8:], uint32(len(out)))
		be.PutUint32(e[12:], uint32(len(data)))
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}
