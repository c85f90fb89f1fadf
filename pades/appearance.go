package pades

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"errors"
	"fmt"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// appearance writes the normal appearance of a visible signature (a form XObject of w×h
// points) and returns its reference. With images and lines, the handwritten signature
// takes the left part and the text the right; the seal is stamped over the left part.
func (u *update) appearance(a *Appearance, w, h float64) (ref, error) {
	var c bytes.Buffer
	xobjs := dict{}
	left, textX := w, 0.0
	hasImage := a.Signature != nil || a.Seal != nil
	if hasImage && len(a.Lines) > 0 {
		left, textX = w*0.45, w*0.45
		if a.Signature != nil && a.Seal != nil {
			left, textX = w*0.5, w*0.5
		}
	}
	draw := func(label string, data []byte, x, y, bw, bh float64, gs string) error {
		r, iw, ih, err := u.image(data)
		if err != nil {
			return err
		}
		// Fit the image in the box keeping its proportions, centred.
		s := min(bw/float64(iw), bh/float64(ih))
		dw, dh := float64(iw)*s, float64(ih)*s
		xobjs[label] = r
		fmt.Fprintf(&c, "q %s%.2f 0 0 %.2f %.2f %.2f cm /%s Do Q\n", gs, dw, dh, x+(bw-dw)/2, y+(bh-dh)/2, label)
		return nil
	}
	const pad = 2.0
	side := min(left, h) - 2*pad // the seal's square, at the left edge
	if a.Signature != nil {
		// Beside a seal the handwriting starts under its right part, as a stamp put
		// over a signature overlaps it by about a third.
		x := pad
		if a.Seal != nil {
			x = min(pad+side*0.4, left/2)
		}
		if err := draw("Sig", a.Signature, x, pad, left-pad-x, h-2*pad, ""); err != nil {
			return ref{}, err
		}
	}
	if a.Seal != nil {
		// Multiply blending lets the handwriting show through the seal, as through ink,
		// even when the seal is a JPEG with a white background.
		if err := draw("Seal", a.Seal, pad, (h-side)/2, side, side, "/Stamp gs "); err != nil {
			return ref{}, err
		}
	}
	res := dict{}
	if len(xobjs) > 0 {
		res["XObject"] = xobjs
	}
	if a.Seal != nil {
		res["ExtGState"] = dict{"Stamp": dict{"Type": name("ExtGState"), "BM": name("Multiply")}}
	}
	if len(a.Lines) > 0 {
		f, err := tinos()
		if err != nil {
			return ref{}, err
		}
		lines := make([][]uint16, len(a.Lines))
		widest := 1.0
		used := map[uint16]bool{}
		toUni := map[uint16]rune{}
		for i, l := range a.Lines {
			l = norm.NFC.String(l)
			lines[i] = f.glyphs(l)
			widest = max(widest, f.width(lines[i]))
			for k, r := range []rune(l) {
				used[lines[i][k]] = true
				toUni[lines[i][k]] = r
			}
		}
		areaW, areaH := w-textX-2*pad, h-2*pad
		size := min(10, areaH/(1.2*float64(len(lines))), areaW*1000/widest)
		lead := size * 1.2
		top := h - pad - (areaH-lead*float64(len(lines)))/2 // centred vertically
		c.WriteString("BT 0 g\n")
		fmt.Fprintf(&c, "/F1 %.2f Tf\n", size)
		for i, gs := range lines {
			fmt.Fprintf(&c, "1 0 0 1 %.2f %.2f Tm <", textX+pad, top-lead*float64(i+1)+size*0.25)
			for _, g := range gs {
				fmt.Fprintf(&c, "%04X", g)
			}
			c.WriteString("> Tj\n")
		}
		c.WriteString("ET\n")
		res["Font"] = dict{"F1": u.font(f, used, toUni)}
	}
	r := u.alloc()
	u.putStream(r, dict{"Type": name("XObject"), "Subtype": name("Form"), "BBox": []any{0, 0, w, h}, "Resources": res}, c.Bytes())
	return r, nil
}

// image writes a PNG (as Flate RGB with an SMask for its alpha) or a JPEG (as DCTDecode,
// unchanged) as an image XObject.
func (u *update) image(data []byte) (ref, int, int, error) {
	r := u.alloc()
	if bytes.HasPrefix(data, []byte{0xFF, 0xD8}) {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return ref{}, 0, 0, errors.New("ảnh JPEG không đọc được")
		}
		cs, d := name("DeviceRGB"), dict{}
		switch cfg.ColorModel {
		case color.GrayModel:
			cs = "DeviceGray"
		case color.CMYKModel:
			// Adobe writes CMYK JPEGs inverted.
			cs, d["Decode"] = "DeviceCMYK", []any{1, 0, 1, 0, 1, 0, 1, 0}
		}
		d["Type"], d["Subtype"], d["Width"], d["Height"] = name("XObject"), name("Image"), cfg.Width, cfg.Height
		d["ColorSpace"], d["BitsPerComponent"], d["Filter"] = cs, 8, name("DCTDecode")
		u.putStream(r, d, data)
		return r, cfg.Width, cfg.Height, nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return ref{}, 0, 0, errors.New("ảnh chữ ký hoặc con dấu phải là PNG hoặc JPEG")
	}
	b := img.Bounds()
	rgb := make([]byte, 0, 3*b.Dx()*b.Dy())
	alpha := make([]byte, 0, b.Dx()*b.Dy())
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			rgb = append(rgb, p.R, p.G, p.B)
			alpha = append(alpha, p.A)
			opaque = opaque && p.A == 255
		}
	}
	d := dict{"Type": name("XObject"), "Subtype": name("Image"), "Width": b.Dx(), "Height": b.Dy(),
		"ColorSpace": name("DeviceRGB"), "BitsPerComponent": 8, "Filter": name("FlateDecode")}
	if !opaque {
		m := u.alloc()
		u.putStream(m, dict{"Type": name("XObject"), "Subtype": name("Image"), "Width": b.Dx(), "Height": b.Dy(),
			"ColorSpace": name("DeviceGray"), "BitsPerComponent": 8, "Filter": name("FlateDecode")}, deflate(alpha))
		d["SMask"] = m
	}
	u.putStream(r, d, deflate(rgb))
	return r, b.Dx(), b.Dy(), nil
}

func deflate(b []byte) []byte {
	var out bytes.Buffer
	w := zlib.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// font writes Tinos as a Type0 font with Identity-H (two-byte glyph numbers), a subset of
// the used glyphs, their widths and a ToUnicode map so the text can be copied and searched.
func (u *update) font(f *ttf, used map[uint16]bool, toUni map[uint16]rune) ref {
	gids := make([]uint16, 0, len(used))
	for g := range used {
		gids = append(gids, g)
	}
	slices.Sort(gids)
	sum := sha256.Sum256(fmt.Append(nil, gids))
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	base := name(string(tag) + "+Tinos-Regular")
	var widths []any
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i, g := range gids {
		widths = append(widths, int(g), []any{int(float64(f.advance[g]) * 1000 / float64(f.unitsPerEm))})
		if i%100 == 0 {
			if i > 0 {
				cmap.WriteString("endbfchar\n")
			}
			fmt.Fprintf(&cmap, "%d beginbfchar\n", min(100, len(gids)-i))
		}
		fmt.Fprintf(&cmap, "<%04X> <", g)
		for _, c := range []rune{toUni[g]} {
			if c > 0xFFFF {
				c -= 0x10000
				fmt.Fprintf(&cmap, "%04X%04X", 0xD800+(c>>10), 0xDC00+(c&0x3FF))
			} else {
				fmt.Fprintf(&cmap, "%04X", c)
			}
		}
		cmap.WriteString(">\n")
	}
	if len(gids) > 0 {
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	file, tu, desc, cid, t0 := u.alloc(), u.alloc(), u.alloc(), u.alloc(), u.alloc()
	sub := f.subset(used)
	u.putStream(file, dict{"Length1": len(sub), "Filter": name("FlateDecode")}, deflate(sub))
	u.putStream(tu, dict{}, []byte(cmap.String()))
	k := 1000 / float64(f.unitsPerEm)
	u.put(desc, dict{"Type": name("FontDescriptor"), "FontName": base, "Flags": 6,
		"FontBBox":    []any{int(float64(f.bbox[0]) * k), int(float64(f.bbox[1]) * k), int(float64(f.bbox[2]) * k), int(float64(f.bbox[3]) * k)},
		"ItalicAngle": 0, "Ascent": int(float64(f.ascent) * k), "Descent": int(float64(f.descent) * k),
		"CapHeight": 662, "StemV": 80, "FontFile2": file})
	u.put(cid, dict{"Type": name("Font"), "Subtype": name("CIDFontType2"), "BaseFont": base,
		"CIDSystemInfo":  dict{"Registry": pdfString("Adobe"), "Ordering": pdfString("Identity"), "Supplement": 0},
		"FontDescriptor": desc, "W": widths, "CIDToGIDMap": name("Identity")})
	u.put(t0, dict{"Type": name("Font"), "Subtype": name("Type0"), "BaseFont": base, "Encoding": name("Identity-H"),
		"DescendantFonts": []any{cid}, "ToUnicode": tu})
	return t0
}
