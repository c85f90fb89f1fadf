package web_test

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The front page's head: a title that says each thing once, the icon, and its feeds.
func TestPortalHead(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		anon := f.Client(t, "")
		p := get(t, f, anon, "/")
		want(t, "front page", p, http.StatusOK,
			"<title>Thi đua, khen thưởng – Ủy ban nhân dân tỉnh Thử Nghiệm</title>",
			`<link rel="icon" href="/static/emblem.svg" type="image/svg+xml">`,
			`<link rel="alternate" type="application/atom+xml" title="Tin tức (Atom)" href="/atom.xml">`)
		title := p.Body[strings.Index(p.Body, "<title>"):strings.Index(p.Body, "</title>")]
		if strings.Count(strings.ToLower(title), "thi đua") != 1 {
			t.Fatalf("the title repeats itself: %q", title)
		}
		want(t, "another page keeps the site's name after its own", get(t, f, anon, "/bang-vang"), http.StatusOK,
			"<title>Bảng vàng thi đua, khen thưởng – Thi đua, khen thưởng</title>")
		want(t, "atom feed", get(t, f, anon, "/atom.xml"), http.StatusOK, "<feed")

		// The icon: the SVG of the pages, and an ICO at the address browsers try.
		svg := get(t, f, anon, "/static/emblem.svg")
		want(t, "svg icon", svg, http.StatusOK, "<circle", "<polygon", "<title>")
		ico := get(t, f, anon, "/favicon.ico")
		want(t, "favicon.ico", ico, http.StatusOK)
		if ct := ico.Header.Get("Content-Type"); ct != "image/x-icon" {
			t.Fatalf("favicon.ico is %q", ct)
		}
		b := []byte(ico.Body)
		if len(b) < 22 || binary.LittleEndian.Uint16(b[2:]) != 1 || binary.LittleEndian.Uint16(b[4:]) != 1 || b[6] != 32 ||
			int(binary.LittleEndian.Uint32(b[14:])) != len(b)-22 || binary.LittleEndian.Uint32(b[18:]) != 22 {
			t.Fatalf("favicon.ico is not a one-image 32×32 icon: % x", b[:min(len(b), 22)])
		}
		img, err := png.Decode(bytes.NewReader(b[22:]))
		if err != nil {
			t.Fatalf("the icon's image: %v", err)
		}
		// The centre is the star (yellow), a point between the star's arms is the disc
		// (red), a corner is outside the disc (transparent).
		at := func(x, y int) [4]uint32 {
			r, g, b, a := img.At(x, y).RGBA()
			return [4]uint32{r >> 8, g >> 8, b >> 8, a >> 8}
		}
		if c := at(16, 16); c != [4]uint32{0xff, 0xcd, 0x00, 0xff} {
			t.Errorf("centre %v, want yellow", c)
		}
		if c := at(16, 28); c != [4]uint32{0xda, 0x25, 0x1d, 0xff} {
			t.Errorf("below the star %v, want red", c)
		}
		if c := at(0, 0); c[3] != 0 {
			t.Errorf("corner %v, want transparent", c)
		}
	})
}
