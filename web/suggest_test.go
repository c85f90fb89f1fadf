package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tdkt"
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

// TestSuggestLongList checks that a list longer than the screen shows its first 500
// lines, says so, and still counts every line. It runs on SQLite only: the cap is the
// page's, and the storage is tested on both databases above.
func TestSuggestLongList(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 251 people")
	}
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	ctx := context.Background()
	// PersonA and 250 more people each have two lines (Lao động tiên tiến and Chiến sĩ
	// thi đua cơ sở): 502 lines.
	for i := range 250 {
		p := tdkt.Person{OrgID: f.CommuneA.ID, FullName: fmt.Sprintf("Lê Văn Thử %03d", i), Sex: tdkt.Male, BirthDate: "1990-01-01",
			Group: tdkt.GroupOfficials, Position: "Công chức", HiredOn: "2015-01-01", Ethnicity: "Kinh"}
		if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &p); err != nil {
			t.Fatal(err)
		}
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: p.ID}
		if err := f.Svc.SaveRating(ctx, &f.ClerkA, &tdkt.YearRating{Subject: sub, Year: 2025, Rating: tdkt.RatingExcellent}); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.SaveInitiative(ctx, &f.ClerkA, &tdkt.Initiative{Subject: sub, Year: 2025, Title: "Sáng kiến", Scope: tdkt.ScopeBase}); err != nil {
			t.Fatal(err)
		}
	}
	p := get(t, f, f.Client(t, "canbo.a"), "/app/suggest?year=2025")
	want(t, "long list", p, http.StatusOK, "Đang hiển thị 500/502 dòng; tải tệp để xem đủ", "Kết quả: 502 dòng đề xuất",
		"<strong>251</strong> Lao động tiên tiến", "<strong>251</strong> Chiến sĩ thi đua cơ sở")
	if n := strings.Count(p.Body, `<td class="name"`); n != 500 {
		t.Fatalf("%d lines on screen, want 500", n)
	}
	file := get(t, f, f.Client(t, "canbo.a"), "/app/suggest.csv?year=2025")
	recs, err := csv.NewReader(strings.NewReader(file.Body)).ReadAll()
	if err != nil || len(recs) != 503 {
		t.Fatalf("the CSV has %d records (%v), want the header and 502", len(recs), err)
	}
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
