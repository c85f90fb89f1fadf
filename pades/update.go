package pades

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"
)

// contentsSize is the room for the CMS in /Contents, in bytes (written as twice as many
// hex digits): enough for a chain of three RSA-4096 certificates and their signatures.
const contentsSize = 16384

// update collects the objects of one incremental update (ISO 32000-1 §7.5.6).
type update struct {
	doc  *document
	base int // len of the input: offsets in buf are relative to it
	buf  bytes.Buffer
	offs map[ref]int
	next int // the next free object number
}

func (u *update) alloc() ref {
	u.next++
	return ref{u.next - 1, 0}
}

func (u *update) begin(r ref) {
	u.offs[r] = u.base + u.buf.Len()
	fmt.Fprintf(&u.buf, "%d %d obj\n", r.N, r.G)
}

func (u *update) put(r ref, v any) {
	u.begin(r)
	writeObj(&u.buf, v)
	u.buf.WriteString("\nendobj\n")
}

func (u *update) putStream(r ref, d dict, data []byte) {
	d = maps.Clone(d)
	d["Length"] = len(data)
	u.begin(r)
	writeObj(&u.buf, d)
	u.buf.WriteString("\nstream\n")
	u.buf.Write(data)
	u.buf.WriteString("\nendstream\nendobj\n")
}

// Sign appends the signature as an incremental update: the input bytes are kept
// unchanged as a prefix, so an earlier signature stays valid.
func Sign(ctx context.Context, pdf []byte, s Signer, o Options) ([]byte, error) {
	if len(s.Chain()) == 0 {
		return nil, cannotSign("chưa có chứng thư số của người ký")
	}
	doc, err := readDocument(pdf)
	if err != nil {
		return nil, cannotSign("không đọc được cấu trúc PDF (%v)", err)
	}
	if doc.trailer["Encrypt"] != nil {
		return nil, cannotSign("tệp đã được mã hoá")
	}
	if o.Time.IsZero() {
		o.Time = time.Now()
	}
	size, _ := doc.trailer["Size"].(int)
	for n := range doc.xref {
		size = max(size, n+1)
	}
	u := &update{doc: doc, base: len(pdf), offs: map[ref]int{}, next: size}
	if len(pdf) > 0 && pdf[len(pdf)-1] != '\n' && pdf[len(pdf)-1] != '\r' {
		u.buf.WriteByte('\n')
	}
	rootRef := doc.trailer["Root"].(ref)
	catalog := maps.Clone(doc.dictOf(rootRef))
	if catalog == nil {
		return nil, cannotSign("không tìm thấy danh mục tài liệu")
	}
	pageNo := 1
	if o.Appearance != nil && o.Appearance.Page > 0 {
		pageNo = o.Appearance.Page
	}
	pageRef, page, box, err := doc.page(pageNo)
	if err != nil {
		return nil, cannotSign("%v", err)
	}
	if box == nil {
		box = []float64{0, 0, 595.28, 841.89}
	}
	sigRef, fieldRef := u.alloc(), u.alloc()
	widget := dict{
		"Type": name("Annot"), "Subtype": name("Widget"), "FT": name("Sig"),
		"T": pdfString(fmt.Sprintf("Signature%d", fieldRef.N)), "V": sigRef,
		"F": 132, "P": pageRef, "Rect": []any{0, 0, 0, 0},
	}
	if a := o.Appearance; a != nil {
		const k = 72 / 25.4
		x0, y1 := box[0]+a.X*k, box[3]-a.Y*k
		w, h := a.W*k, a.H*k
		if w <= 0 || h <= 0 {
			return nil, cannotSign("khung chữ ký không có kích thước")
		}
		widget["Rect"] = []any{x0, y1 - h, x0 + w, y1}
		ap, err := u.appearance(a, w, h)
		if err != nil {
			return nil, cannotSign("%v", err)
		}
		widget["AP"] = dict{"N": ap}
	}
	u.put(fieldRef, widget)

	// The page lists the widget among its annotations.
	page = maps.Clone(page)
	if ar, ok := page["Annots"].(ref); ok {
		annots, _ := doc.resolve(ar).([]any)
		u.put(ar, append(slices.Clone(annots), fieldRef))
	} else {
		annots, _ := page["Annots"].([]any)
		page["Annots"] = append(slices.Clone(annots), fieldRef)
		u.put(pageRef, page)
	}

	// The catalog's form lists the field; SigFlags 3 = signatures exist, append only.
	form := maps.Clone(doc.dictOf(catalog["AcroForm"]))
	if form == nil {
		form = dict{}
	}
	fields, _ := doc.resolve(form["Fields"]).([]any)
	form["Fields"] = append(slices.Clone(fields), fieldRef)
	form["SigFlags"] = 3
	if fr, ok := catalog["AcroForm"].(ref); ok && doc.dictOf(fr) != nil {
		u.put(fr, form)
	} else {
		catalog["AcroForm"] = form
		u.put(rootRef, catalog)
	}

	// The signature dictionary, written by hand to know where /ByteRange and /Contents are.
	u.begin(sigRef)
	u.buf.WriteString("<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange ")
	brAt := u.buf.Len()
	u.buf.WriteString("[0 0000000000 0000000000 0000000000]")
	brLen := u.buf.Len() - brAt
	u.buf.WriteString("/Contents ")
	cAt := u.buf.Len()
	u.buf.WriteString("<" + strings.Repeat("0", 2*contentsSize) + ">")
	cEnd := u.buf.Len()
	u.buf.WriteString("/M ")
	writeObj(&u.buf, pdfString(pdfDate(o.Time)))
	for _, kv := range [][2]string{{"Name", o.Name}, {"Reason", o.Reason}, {"Location", o.Location}} {
		if kv[1] != "" {
			writeObj(&u.buf, name(kv[0]))
			u.buf.WriteByte(' ')
			writeObj(&u.buf, textString(kv[1]))
		}
	}
	u.buf.WriteString(">>\nendobj\n")
	u.finish(rootRef)

	out := append(slices.Clip(pdf), u.buf.Bytes()...)
	cs, ce := len(pdf)+cAt, len(pdf)+cEnd
	br := fmt.Sprintf("[0 %d %d %d]", cs, ce, len(out)-ce)
	copy(out[len(pdf)+brAt:], br+strings.Repeat(" ", brLen-len(br)))
	cms, err := buildCMS(ctx, [][]byte{out[:cs], out[ce:]}, s, o.Time)
	if err != nil {
		return nil, cannotSign("không tạo được chữ ký (%v)", err)
	}
	if len(cms) > contentsSize {
		return nil, cannotSign("chữ ký dài hơn chỗ dành sẵn")
	}
	hex.Encode(out[cs+1:], cms)
	return out, nil
}

// finish writes the cross-reference section and trailer of the update: a classic table,
// or an xref stream when the input's newest section is one (a reader that met an xref
// stream there follows /Prev from either, but some only expect the kind they started with).
func (u *update) finish(root ref) {
	tr := dict{"Root": root, "Prev": u.doc.startxref}
	for _, k := range []string{"Info", "ID"} {
		if v, ok := u.doc.trailer[k]; ok {
			tr[k] = v
		}
	}
	var xr ref
	if u.doc.xrefIsStm {
		xr = u.alloc()
		u.offs[xr] = u.base + u.buf.Len()
	}
	nums := slices.Collect(maps.Keys(u.offs))
	slices.SortFunc(nums, func(a, b ref) int { return a.N - b.N })
	size := u.next
	if s, ok := u.doc.trailer["Size"].(int); ok {
		size = max(size, s)
	}
	tr["Size"] = size
	start := u.base + u.buf.Len()
	if !u.doc.xrefIsStm {
		u.buf.WriteString("xref\n")
		for i := 0; i < len(nums); {
			j := i + 1
			for j < len(nums) && nums[j].N == nums[j-1].N+1 {
				j++
			}
			fmt.Fprintf(&u.buf, "%d %d\n", nums[i].N, j-i)
			for _, r := range nums[i:j] {
				fmt.Fprintf(&u.buf, "%010d %05d n\r\n", u.offs[r], r.G)
			}
			i = j
		}
		u.buf.WriteString("trailer\n")
		writeObj(&u.buf, tr)
	} else {
		var index []any
		var rows []byte
		for i := 0; i < len(nums); {
			j := i + 1
			for j < len(nums) && nums[j].N == nums[j-1].N+1 {
				j++
			}
			index = append(index, nums[i].N, j-i)
			for _, r := range nums[i:j] {
				o := u.offs[r]
				rows = append(rows, 1, byte(o>>24), byte(o>>16), byte(o>>8), byte(o), byte(r.G>>8), byte(r.G))
			}
			i = j
		}
		tr["Type"], tr["W"], tr["Index"] = name("XRef"), []any{1, 4, 2}, index
		delete(u.offs, xr) // written below at the offset already recorded
		u.putStream(xr, tr, rows)
	}
	fmt.Fprintf(&u.buf, "\nstartxref\n%d\n%%%%EOF\n", start)
}

// pdfDate writes t as a PDF date (ISO 32000-1 §7.9.4), D:YYYYMMDDHHmmSS+HH'mm'.
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, off/3600, off%3600/60)
}

// textString encodes a text string: ASCII as is, anything else as UTF-16BE with a BOM.
func textString(s string) pdfString {
	s = norm.NFC.String(s)
	ascii := true
	for _, r := range s {
		if r >= 0x80 {
			ascii = false
		}
	}
	if ascii {
		return pdfString(s)
	}
	out := []byte{0xFE, 0xFF}
	for _, c := range utf16.Encode([]rune(s)) {
		out = append(out, byte(c>>8), byte(c))
	}
	return pdfString(out)
}
