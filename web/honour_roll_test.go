package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

var privateOfA = []string{"001185012345", "1985-04-02", "02/04/1985"}

func noPrivate(t *testing.T, what, body string) {
	t.Helper()
	for _, p := range privateOfA {
		if strings.Contains(body, p) {
			t.Fatalf("%s shows private data %q", what, p)
		}
	}
}

// TestHonourRollPages walks the public honour roll, its privacy setting and the
// front page's links as a visitor, a clerk and an administrator would.
func TestHonourRollPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		anon := f.Client(t, "")
		p := get(t, f, anon, "/bang-vang?q=nguyen+thi")
		want(t, "search", p, 200, "Nguyễn Thị Hồng Nhung", "Chiến sĩ thi đua cơ sở", "125/QĐ-UBND", "15/01/2026",
			"Công chức văn hóa – xã hội", `href="/bang-vang/ca-nhan/`+itoa(f.PersonA.ID)+`"`)
		noPrivate(t, "the honour roll", p.Body)
		if strings.Contains(p.Body, "Trần Văn Đức") {
			t.Fatal("nguyen thi finds Trần Văn Đức")
		}
		for _, q := range []string{"year=2024", "award=lao_dong_tien_tien", "kind=dot_xuat", "org=X02"} {
			if p := get(t, f, anon, "/bang-vang?q=nguyen+thi&"+q); strings.Contains(p.Body, "Hồng Nhung") || p.Status != 200 {
				t.Errorf("%s does not narrow the roll (%d)", q, p.Status)
			}
		}
		want(t, "year filter", get(t, f, anon, "/bang-vang?q=nguyen&year=2025&kind=cong_trang&award=chien_si_thi_dua_co_so"), 200, "Hồng Nhung")

		person := "/bang-vang/ca-nhan/" + itoa(f.PersonA.ID)
		p = get(t, f, anon, person)
		want(t, "person page", p, 200, "Nguyễn Thị Hồng Nhung", "Công chức văn hóa – xã hội", "Ủy ban nhân dân xã Đông Hòa",
			"125/QĐ-UBND", "15/01/2026", "Lê Văn Minh")
		noPrivate(t, "the person page", p.Body)
		want(t, "no such person", get(t, f, anon, "/bang-vang/ca-nhan/999999"), http.StatusNotFound)
		want(t, "person with no honour", get(t, f, anon, "/bang-vang/ca-nhan/"+itoa(f.PersonB.ID)), http.StatusNotFound)

		// The administrator hides the position (and the signer) for the province.
		admin := f.Client(t, "quantri")
		want(t, "privacy page", get(t, f, admin, "/app/admin/privacy"), 200, "Chức vụ", "áp dụng mặc định")
		want(t, "clerk on privacy", get(t, f, f.Client(t, "canbo.a"), "/app/admin/privacy"), http.StatusForbidden)
		p = post(t, f, admin, "/app/admin/privacy", url.Values{"org": {itoa(f.Province.ID)}, "version": {"0"}, "show_unit": {"on"}})
		if p.Status != http.StatusSeeOther {
			t.Fatalf("save privacy: %d %s", p.Status, excerpt(p.Body))
		}
		for _, path := range []string{person, "/bang-vang?q=nguyen+thi"} {
			p = get(t, f, anon, path)
			want(t, "after privacy "+path, p, 200, "Nguyễn Thị Hồng Nhung", "Ủy ban nhân dân xã Đông Hòa")
			if strings.Contains(p.Body, "Công chức văn hóa") || strings.Contains(p.Body, "Lê Văn Minh") {
				t.Fatalf("%s shows a hidden field", path)
			}
		}

		// Script in a name is text.
		ctx := context.Background()
		x := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "<script>alert(1)</script> Lê Văn B", Sex: tdkt.Male, Group: tdkt.GroupOfficials}
		if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &x); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Individual, ID: x.ID}, AwardCode: "lao_dong_tien_tien",
			Year: 2025, Kind: tdkt.KindMerit, Decision: tdkt.Decision{Number: "130/QĐ-UBND", Date: "2026-01-20", Issuer: "Ủy ban nhân dân xã Đông Hòa"}}); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/bang-vang?q=le+van", "/bang-vang/ca-nhan/" + itoa(x.ID), "/"} {
			p = get(t, f, anon, path)
			want(t, "script name "+path, p, 200, "&lt;script&gt;alert(1)&lt;/script&gt; Lê Văn B")
			if strings.Contains(p.Body, "<script>alert") {
				t.Fatalf("%s: a name runs as script", path)
			}
		}

		// A revoked honour leaves the roll.
		rec := recordOf(t, f, f.PersonA.ID)
		h := rec.Honours[0]
		h.Revoked = true
		if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &h); err != nil {
			t.Fatal(err)
		}
		if p := get(t, f, anon, "/bang-vang?q=nguyen+thi"); strings.Contains(p.Body, "Hồng Nhung") {
			t.Fatal("a revoked honour is on the roll")
		}

		// Links: administrators add them, clerks may not, javascript: is refused.
		want(t, "clerk on links", get(t, f, f.Client(t, "canbo.a"), "/app/admin/links"), http.StatusForbidden)
		want(t, "clerk adds a link", post(t, f, f.Client(t, "canbo.a"), "/app/admin/links",
			url.Values{"title": {"X"}, "url": {"https://x.example"}, "position": {"1"}}), http.StatusForbidden)
		p = post(t, f, admin, "/app/admin/links", url.Values{"title": {"Độc"}, "url": {"javascript:alert(1)"}, "position": {"1"}})
		want(t, "javascript link", p, http.StatusUnprocessableEntity, "Địa chỉ phải bắt đầu bằng http:// hoặc https://", `aria-invalid="true"`)
		for _, l := range [][2]string{{"Ban Thi đua – Khen thưởng Trung ương", "https://thiduakhenthuong.gov.vn"}, {"Bộ Nội vụ", "https://moha.gov.vn"}} {
			p = post(t, f, admin, "/app/admin/links", url.Values{"title": {l[0]}, "url": {l[1]}, "position": {"10"}})
			if p.Status != http.StatusSeeOther {
				t.Fatalf("add link: %d %s", p.Status, excerpt(p.Body))
			}
		}
		want(t, "links page", get(t, f, admin, "/app/admin/links"), 200, "https://moha.gov.vn")
		p = get(t, f, anon, "/")
		want(t, "front page", p, 200, "Liên kết website", `href="https://thiduakhenthuong.gov.vn"`, "Bộ Nội vụ",
			"Quyết định khen thưởng mới", "130/QĐ-UBND", `href="/bang-vang"`)
		if strings.Contains(p.Body, "javascript:") {
			t.Fatal("a javascript: link reached the front page")
		}
		noPrivate(t, "the front page", p.Body)
	})
}
