package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

const nhung = "Nguyễn Thị Hồng Nhung"

func TestSuggestPage(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		link := `href="/app/people/` + itoa(f.PersonA.ID) + `"`
		for _, login := range []string{"quantri", "canbo.a"} {
			p := get(t, f, f.Client(t, login), "/app/suggest?year=2025")
			want(t, login+" list", p, http.StatusOK, "Đề xuất khen thưởng năm 2025", nhung, link,
				"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "✓", "Đủ điều kiện", "<details>",
				`href="/app/suggest.xlsx?year=2025"`, `href="/app/suggest.csv?year=2025"`)
		}
		// The default year is the last complete one (the fixture's clock is in 2026).
		a := f.Client(t, "canbo.a")
		want(t, "default year", get(t, f, a, "/app/suggest"), http.StatusOK, "Đề xuất khen thưởng năm 2025", nhung,
			`href="/app/suggest"`, `aria-current="page"`)

		b := f.Client(t, "canbo.b")
		if p := get(t, f, b, "/app/suggest?year=2025"); p.Status != http.StatusOK || strings.Contains(p.Body, nhung) {
			t.Fatalf("clerk B sees PersonA in the list (status %d)", p.Status)
		}
		want(t, "org outside scope", get(t, f, b, "/app/suggest?year=2025&org=X01"), http.StatusNotFound, "Không tìm thấy")
		want(t, "org in scope", get(t, f, f.Client(t, "quantri"), "/app/suggest?year=2025&org=X01"), http.StatusOK, nhung)

		p := get(t, f, a, "/app/suggest?year=2025&award=chien_si_thi_dua_co_so")
		want(t, "award filter", p, http.StatusOK, nhung, "Chiến sĩ thi đua cơ sở")
		if strings.Contains(p.Body, "<strong>Lao động tiên tiến</strong>") {
			t.Fatal("the award filter lets other awards through")
		}

		want(t, "bad year", get(t, f, a, "/app/suggest?year=abc"), http.StatusUnprocessableEntity,
			`id="e-year"`, "Năm xét phải từ 1990", `value="abc"`)
		want(t, "unknown award", get(t, f, a, "/app/suggest?year=2025&award=huy_chuong_vang"), http.StatusUnprocessableEntity,
			`id="e-award"`, "huy_chuong_vang")
		want(t, "bad year download", get(t, f, a, "/app/suggest.csv?year=abc"), http.StatusUnprocessableEntity, "Năm xét")
		want(t, "download outside scope", get(t, f, b, "/app/suggest.xlsx?year=2025&org=X01"), http.StatusNotFound)
	})
}

func TestSuggestDownloads(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		a := f.Client(t, "canbo.a")

		p := get(t, f, a, "/app/suggest.xlsx?year=2025")
		want(t, "xlsx", p, http.StatusOK)
		if cd := p.Header.Get("Content-Disposition"); cd != `attachment; filename="de-xuat-khen-thuong-2025.xlsx"` {
			t.Fatalf("xlsx Content-Disposition %q", cd)
		}
		x, err := excelize.OpenReader(strings.NewReader(p.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, err := x.GetRows(x.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 || rows[0][0] != "Đối tượng" || rows[0][10] != "Căn cứ và lý do" {
			t.Fatalf("xlsx header %q", rows)
		}
		var awards []string
		for _, r := range rows[1:] {
			if r[2] == nhung {
				if r[0] != "Cá nhân" || r[3] != "X01" || r[5] != "2025" || r[8] != "Đủ điều kiện" || !strings.Contains(r[10], "✓") {
					t.Errorf("xlsx row %q", r)
				}
				awards = append(awards, r[7])
			}
		}
		if !slices.Contains(awards, "lao_dong_tien_tien") || !slices.Contains(awards, "chien_si_thi_dua_co_so") {
			t.Fatalf("xlsx rows of PersonA: %q", awards)
		}

		p = get(t, f, a, "/app/suggest.csv?year=2025&award=chien_si_thi_dua_co_so")
		want(t, "csv", p, http.StatusOK, nhung, "Chiến sĩ thi đua cơ sở")
		if !strings.HasPrefix(p.Body, "\ufeffĐối tượng,") {
			t.Fatalf("the CSV does not start with a BOM and the header: %q", p.Body[:min(len(p.Body), 40)])
		}
		if ct, cd := p.Header.Get("Content-Type"), p.Header.Get("Content-Disposition"); !strings.HasPrefix(ct, "text/csv") ||
			cd != `attachment; filename="de-xuat-khen-thuong-2025.csv"` {
			t.Fatalf("csv headers %q %q", ct, cd)
		}
		if strings.Contains(p.Body, "lao_dong_tien_tien") {
			t.Fatal("the CSV ignores the award filter")
		}

		// Clerk B's file has the header and nothing of commune A.
		p = get(t, f, f.Client(t, "canbo.b"), "/app/suggest.csv?year=2025")
		want(t, "csv of B", p, http.StatusOK, "Đối tượng")
		if strings.Contains(p.Body, nhung) {
			t.Fatal("clerk B's file lists PersonA")
		}
	})
}

func TestPersonOutlook(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		p := get(t, f, f.Client(t, "xem.a"), "/app/people/"+itoa(f.PersonA.ID))
		want(t, "person", p, http.StatusOK, "Khen thưởng có thể đề nghị")
		// Only the section: the honours table below names the same title.
		i, j := strings.Index(p.Body, `id="outlook"`), strings.Index(p.Body, `id="ratings"`)
		if i < 0 || j < i {
			t.Fatal("no outlook section before the ratings")
		}
		sec := page{Status: p.Status, Body: p.Body[i:j]}
		want(t, "eligible now", sec, http.StatusOK, "Khen thưởng có thể đề nghị", "<strong>Chiến sĩ thi đua cơ sở</strong> – ",
			"<strong>Lao động tiên tiến</strong> – ", "Đủ điều kiện")
		want(t, "next milestones", sec, http.StatusOK, "Mốc tiếp theo", "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh",
			"sớm nhất năm 2027", "Đủ điều kiện sớm nhất năm 2027 nếu", "✗")
	})
}

// TestSuggestLongList checks that a list longer than a page shows it a page of 20
// lines at a time with links to the neighbouring pages that keep the filter, counts
// every line per award on every page, and downloads whole. It runs on SQLite only:
// the paging is the page's, and the storage is tested on both databases above.
func TestSuggestLongList(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 251 people")
	}
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	// PersonA and 250 more people each have two lines (Lao động tiên tiến and Chiến sĩ
	// thi đua cơ sở): 502 lines, 26 pages.
	fillEligible(t, f, 250)
	a := f.Client(t, "canbo.a")
	p := get(t, f, a, "/app/suggest?year=2025")
	want(t, "long list", p, http.StatusOK, "Kết quả: 502 dòng đề xuất", "Trang 1/26: dòng 1–20 của 502",
		"<strong>251</strong> Lao động tiên tiến", "<strong>251</strong> Chiến sĩ thi đua cơ sở",
		`href="/app/suggest?award=lao_dong_tien_tien&amp;year=2025"`, `href="/app/suggest?year=2025&amp;page=2" rel="next"`)
	if n := strings.Count(p.Body, `<td class="name"`); n != 20 {
		t.Fatalf("%d lines on screen, want 20", n)
	}
	if strings.Contains(p.Body, `rel="prev"`) {
		t.Error("the first page links a previous one")
	}
	// The last page holds the rest, links back and not further; the counts are the
	// whole list's still.
	last := get(t, f, a, "/app/suggest?year=2025&deferred=1&page=26")
	want(t, "last page", last, http.StatusOK, "Trang 26/26: dòng 501–502 của 502", "<strong>251</strong> Lao động tiên tiến",
		`href="/app/suggest?deferred=1&amp;year=2025&amp;page=25" rel="prev"`)
	if n := strings.Count(last.Body, `<td class="name"`); n != 2 || strings.Contains(last.Body, `rel="next"`) {
		t.Fatalf("the last page shows %d lines (want 2) or links further", n)
	}
	want(t, "past the end", get(t, f, a, "/app/suggest?year=2025&page=40"), http.StatusOK, "Trang 40 không có dòng nào: danh sách có 26 trang.",
		`href="/app/suggest?year=2025&amp;page=26" rel="prev"`)
	// One award: its own pages, the filter kept in the links, a way back to all.
	one := get(t, f, a, "/app/suggest?year=2025&award=chien_si_thi_dua_co_so&page=2")
	want(t, "one award", one, http.StatusOK, "Trang 2/13: dòng 21–40 của 251", `aria-current="true"><strong>251</strong> Chiến sĩ thi đua cơ sở`,
		`href="/app/suggest?award=chien_si_thi_dua_co_so&amp;year=2025&amp;page=3" rel="next"`, ">Tất cả danh hiệu, hình thức</a>")
	if strings.Contains(one.Body, "<strong>Lao động tiên tiến</strong>") {
		t.Error("the award's pages show other awards")
	}
	file := get(t, f, a, "/app/suggest.csv?year=2025")
	recs, err := csv.NewReader(strings.NewReader(file.Body)).ReadAll()
	if err != nil || len(recs) != 503 {
		t.Fatalf("the CSV has %d records (%v), want the header and 502", len(recs), err)
	}
}

// Ticking lines of a later page proposes those lines: the ticks are the page's own.
func TestSuggestProposeFromAPage(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		fillEligible(t, f, 12) // 26 lines: two pages
		a := f.Client(t, "canbo.a")
		p := get(t, f, a, "/app/suggest?year=2025&page=2")
		want(t, "page 2", p, http.StatusOK, "Trang 2/2: dòng 21–26 của 26", `id="propose-form"`)
		picks := regexp.MustCompile(`name="pick" value="([^"]+)"`).FindAllStringSubmatch(p.Body, -1)
		if len(picks) != 6 {
			t.Fatalf("%d ticks on page 2, want 6", len(picks))
		}
		var ticked []string
		for _, m := range picks {
			if strings.HasPrefix(m[1], "lao_dong_tien_tien|") && len(ticked) < 2 {
				ticked = append(ticked, m[1])
			}
		}
		if len(ticked) != 2 {
			t.Fatalf("page 2 has %d Lao động tiên tiến lines, want at least 2", len(ticked))
		}
		r := post(t, f, a, "/app/suggest/propose", url.Values{"year": {"2025"}, "pick": ticked})
		var id int64
		if _, err := fmt.Sscanf(r.Location, "/app/dossiers/%d", &id); r.Status != http.StatusSeeOther || err != nil {
			t.Fatalf("propose: %d to %q", r.Status, r.Location)
		}
		d, err := f.Svc.GetDossier(context.Background(), &f.ClerkA, id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range d.Dossier.Candidates {
			got = append(got, "lao_dong_tien_tien|"+string(c.Subject.Kind)+"|"+itoa(c.Subject.ID))
		}
		slices.Sort(got)
		slices.Sort(ticked)
		if d.Dossier.Award != "lao_dong_tien_tien" || !slices.Equal(got, ticked) {
			t.Fatalf("the dossier (%s) holds %v, want %v", d.Dossier.Award, got, ticked)
		}
	})
}

// The year-end list says once, at its top, which provisions are not yet checked
// against the published text, instead of "(có quy định chưa đối chiếu)" on each line.
func TestSuggestUnverifiedSaidOnce(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		p := get(t, f, f.Client(t, "canbo.a"), "/app/suggest?year=2025")
		want(t, "list", p, http.StatusOK, "Đủ điều kiện", `<div class="unverified" id="unverified">`,
			"một số dòng được xét theo quy định chưa được đối chiếu với văn bản gốc", `href="#unverified"`)
		if n := strings.Count(p.Body, "chưa đối chiếu)"); n != 0 {
			t.Errorf("%d lines still carry the unverified warning", n)
		}
		if n := strings.Count(p.Body, "<strong>Lưu ý:</strong>"); n != 1 {
			t.Errorf("the warning is said %d times, want once", n)
		}
		top := p.Body[strings.Index(p.Body, `id="unverified"`):]
		top = top[:strings.Index(top, "</div>")]
		if !strings.Contains(top, " dòng)</small></li>") {
			t.Errorf("the warning does not say which provisions and how many lines: %s", top)
		}
	})
}
