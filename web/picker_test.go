package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The typical examples of a congress are picked like every person: found by a name
// typed without diacritics, shown with birth year and unit, listed in Vietnamese
// order (or by score when asked), and chosen with a button, never a typed id.
func TestCongressExamplePicker(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		// Three more awardees of the period, each with a lower award than PersonA's
		// Chiến sĩ thi đua cơ sở: by score she comes first, by name last.
		for _, p := range []tdkt.Person{{FullName: "Lê Văn Bình", BirthDate: "1981-02-03"}, {FullName: "Đặng Văn An", BirthDate: "1970-01-01"},
			{FullName: "Bùi Thị Cúc"}} {
			p.OrgID, p.Sex, p.Group = f.CommuneA.ID, tdkt.Male, tdkt.GroupOfficials
			if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &p); err != nil {
				t.Fatal(err)
			}
			if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Individual, ID: p.ID}, AwardCode: "lao_dong_tien_tien",
				Year: 2024, Kind: tdkt.KindMerit, Decision: tdkt.Decision{Number: "88/QĐ-UBND", Date: "2025-01-10", Signer: "Lê Văn Minh",
					Issuer: "Ủy ban nhân dân xã Đông Hòa"}}); err != nil {
				t.Fatal(err)
			}
		}
		admin := f.Client(t, "quantri")
		p := post(t, f, admin, "/app/congresses", url.Values{"org_id": {itoa(f.Province.ID)}, "name": {"Đại hội Thi đua yêu nước tỉnh lần thứ VI"},
			"held_on": {"20/10/2026"}, "period_from": {"2021"}, "period_to": {"2025"}})
		want(t, "create congress", p, http.StatusSeeOther)
		base := strings.TrimSuffix(p.Location, "?saved=1")

		names := func(body string) []string {
			var out []string
			for _, m := range regexp.MustCompile(`<td class="name"><strong>([^<]+)</strong>`).FindAllStringSubmatch(body, -1) {
				out = append(out, m[1])
			}
			return out
		}
		page := get(t, f, admin, base)
		want(t, "the picker", page, http.StatusOK, `<small>sinh năm 1985 · Công chức văn hóa – xã hội, Ủy ban nhân dân xã Đông Hòa</small>`,
			`<small>sinh năm 1970 · Ủy ban nhân dân xã Đông Hòa</small>`, `<small>Ủy ban nhân dân xã Đông Hòa</small>`, `name="order"`)
		if got, wantOrder := strings.Join(names(page.Body), ", "), "Bùi Thị Cúc, Đặng Văn An, Lê Văn Bình, "+nhung; got != wantOrder {
			t.Errorf("the candidates are listed as %s, want the Vietnamese order %s", got, wantOrder)
		}
		if got := names(get(t, f, admin, base+"?order=score").Body); len(got) != 4 || got[0] != nhung {
			t.Errorf("by score the candidates are %v, want %s first", got, nhung)
		}
		if got := names(get(t, f, admin, base+"?q=dang+van").Body); len(got) != 1 || got[0] != "Đặng Văn An" {
			t.Errorf("\"dang van\" finds %v, want Đặng Văn An", got)
		}
		// Choosing is a button per line carrying the subject: no field takes an id.
		for _, m := range regexp.MustCompile(`<input[^>]*name="subject"[^>]*>`).FindAllString(page.Body, -1) {
			if !strings.Contains(m, `type="hidden"`) {
				t.Errorf("a subject is typed: %s", m)
			}
		}
		if n := strings.Count(page.Body, `id="select-ca_nhan-`); n != 4 {
			t.Errorf("%d choose buttons, want 4", n)
		}
		want(t, "choose", post(t, f, admin, base+"/examples", url.Values{"kind": {"ca_nhan"}, "subject": {itoa(f.PersonA.ID)}}), http.StatusSeeOther)
		want(t, "chosen", get(t, f, admin, base), http.StatusOK, "Đã chọn", "Gương điển hình đã chọn (1)")
	})
}

// The dossier's person search finds a name typed without diacritics and shows each
// person with birth year and unit, like the registration's box.
func TestDossierCandidatePicker(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		clerk := f.Client(t, "canbo.a")
		r := post(t, f, clerk, "/app/dossiers/new", url.Values{"org_id": {itoa(f.CommuneA.ID)}, "award": {"lao_dong_tien_tien"},
			"kind": {"cong_trang"}, "year": {"2025"}})
		want(t, "create", r, http.StatusSeeOther)
		base := "/app/dossiers/" + itoa(idAfter(t, r.Location, "/app/dossiers/"))
		want(t, "search without diacritics", get(t, f, clerk, base+"?q=nguyen+thi"), http.StatusOK,
			nhung+` <small>sinh năm 1985 · Công chức văn hóa – xã hội · Ủy ban nhân dân xã Đông Hòa</small>`,
			`name="subject" value="`+itoa(f.PersonA.ID)+`"`)
	})
}
