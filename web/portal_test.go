package web_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"tdkt"
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

// The public header, the menu's pages, the certificate box and the honour roll by person.
func TestPortalPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		anon := f.Client(t, "")
		header := []string{`<span class="site-name">Ủy ban nhân dân tỉnh Thử Nghiệm<small>`,
			`<img class="emblem" src="/static/emblem.svg" alt="Biểu trưng: ngôi sao vàng trên nền tròn đỏ"`,
			`<summary>Danh mục</summary>`, `<form class="site-search" role="search" method="get" action="/bang-vang">`, `name="q"`}
		for _, l := range []string{"/tin-tuc", "/bang-vang", "/dien-hinh", "/van-ban", "/lien-he"} {
			header = append(header, `<a href="`+l+`"`)
		}
		for _, path := range []string{"/", "/bang-vang", "/tin-tuc", "/dien-hinh", "/van-ban", "/lien-he", "/xac-minh/"} {
			want(t, path, get(t, f, anon, path), http.StatusOK, header...)
		}
		want(t, "current page", get(t, f, anon, "/van-ban"), http.StatusOK, `<a href="/van-ban" aria-current="page">Văn bản</a>`)
		if p := get(t, f, f.Client(t, "canbo.a"), "/app/"); strings.Contains(p.Body, "site-search") {
			t.Error("the staff pages carry the public header")
		}

		want(t, "documents", get(t, f, anon, "/van-ban"), http.StatusOK, "Quyết định số 125/QĐ-UBND", "Ngày 15/01/2026",
			"Ủy ban nhân dân xã Đông Hòa", "Chiến sĩ thi đua cơ sở: 1 trường hợp", `href="/quyet-dinh.rss"`)
		want(t, "contact", get(t, f, anon, "/lien-he"), http.StatusOK, "<strong>Ủy ban nhân dân tỉnh Thử Nghiệm</strong> quản lý")

		// A certificate's code typed in the box goes to its page; a wrong one says so.
		want(t, "verify box", get(t, f, anon, "/xac-minh/"), http.StatusOK, `<form method="get" action="/xac-minh/"`, `name="ma"`)
		r := get(t, f, anon, "/xac-minh/?ma=+abc+def+")
		if r.Status != http.StatusSeeOther || r.Location != "/xac-minh/abcdef" {
			t.Fatalf("the box answers %d → %q", r.Status, r.Location)
		}
		want(t, "wrong code", get(t, f, anon, "/xac-minh/abcdef"), http.StatusNotFound,
			"Không có bằng, giấy khen nào mang mã “abcdef”", `value="abcdef"`, `aria-invalid="true"`)

		// The honour roll finds a person once, with the count of what they received.
		ctx := context.Background()
		if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID},
			AwardCode: "giay_khen", Year: 2024, Kind: tdkt.KindMerit,
			Decision: tdkt.Decision{Number: "88/QĐ-UBND", Date: "2025-01-10", Signer: "Lê Văn Minh", Issuer: "Ủy ban nhân dân xã Đông Hòa"}}); err != nil {
			t.Fatal(err)
		}
		p := get(t, f, anon, "/bang-vang?q=nguyen+thi+hong")
		want(t, "grouped", p, http.StatusOK, `>Nguyễn Thị Hồng Nhung</a> — 2 khen thưởng <small>`, "125/QĐ-UBND", "88/QĐ-UBND")
		if n := strings.Count(p.Body, `class="card roll-group"`); n != 1 {
			t.Fatalf("the person is shown %d times, want once", n)
		}
	})
}
