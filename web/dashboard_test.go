package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// xlsxRows reads back the first sheet of a downloaded workbook.
func xlsxRows(t *testing.T, body string) [][]string {
	t.Helper()
	wb, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatalf("not an XLSX file: %v", err)
	}
	defer wb.Close()
	rows, err := wb.GetRows(wb.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// csvRows reads back a downloaded CSV file, which starts with a byte-order mark.
func csvRows(t *testing.T, body string) [][]string {
	t.Helper()
	if !strings.HasPrefix(body, "\ufeff") {
		t.Fatalf("the CSV file has no byte-order mark: %q", excerpt(body))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	return rows
}

// dashboardFixture is the fixture with a second honour for 2025 in commune B: a
// Bằng khen for Trần Văn Đức, and a Giấy khen for commune A's person in 2022.
func dashboardFixture(t *testing.T, db *sqldb.DB) *tdkttest.Fixture {
	t.Helper()
	f := tdkttest.NewFixture(t, db)
	ctx := context.Background()
	for _, h := range []struct {
		who   *tdkt.Account
		p     tdkt.Person
		award string
		year  int
		no    string
	}{{&f.ClerkB, f.PersonB, "giay_khen", 2025, "31/QĐ-UBND"}, {&f.ClerkA, f.PersonA, "giay_khen", 2022, "9/QĐ-UBND"}} {
		if err := f.Svc.SaveHonour(ctx, h.who, &tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Individual, ID: h.p.ID}, AwardCode: h.award,
			Year: h.year, Kind: tdkt.KindMerit, Decision: tdkt.Decision{Number: h.no, Date: "2026-02-03", Issuer: "Ủy ban nhân dân"}}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// TestDashboardPage: an administrator's home page shows the charts with the figures
// under them; a clerk's home keeps the work list and links the dashboard; each
// section's table downloads as XLSX and CSV with the same numbers, within the account's subtree.
func TestDashboardPage(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := dashboardFixture(t, db)
		admin, clerkA, clerkB := f.Client(t, "quantri"), f.Client(t, "canbo.a"), f.Client(t, "canbo.b")

		// The figures are on the dashboard; the home page keeps the work and links them.
		home := get(t, f, admin, "/app/dashboard?year=2025")
		want(t, "the administrator's dashboard", home, 200, `<svg xmlns="http://www.w3.org/2000/svg" class="chart trend" id="chart-trend" role="img"`,
			`<title id="chart-trend-t">Danh hiệu thi đua và hình thức khen thưởng theo năm, 2017–2026</title>`,
			`Nữ: 1 (50%)`, `Bảng số liệu: Cơ cấu cá nhân được khen thưởng năm 2025`, `href="/app/dashboard/trend.xlsx?year=2025"`)
		if strings.Contains(home.Body, `style=`) {
			t.Error("the dashboard has a style attribute, which the Content-Security-Policy blocks")
		}
		if h := get(t, f, admin, "/app/"); h.Status != 200 || strings.Contains(h.Body, "<svg") || !strings.Contains(h.Body, `id="todo"`) {
			t.Errorf("the administrator's home: %d, charts or no work list", h.Status)
		}
		clerk := get(t, f, clerkA, "/app/")
		want(t, "the clerk's home", clerk, 200, `id="dashboard-link"`, "Việc cần làm")
		if strings.Contains(clerk.Body, "<svg") {
			t.Error("a clerk's home page shows the leaders' charts")
		}

		page := get(t, f, clerkA, "/app/dashboard?year=2025")
		want(t, "commune A's dashboard", page, 200, "Khen thưởng năm 2025 theo đơn vị", "Ủy ban nhân dân xã Đông Hòa", "Chiến sĩ thi đua cơ sở",
			`id="chart-units"`, `id="chart-kinds"`, "Thời gian xử lý hồ sơ theo cấp")
		if strings.Contains(page.Body, "phường Ánh Dương") {
			t.Error("commune A's dashboard counts commune B")
		}

		x := get(t, f, admin, "/app/dashboard/units.xlsx?year=2025")
		if x.Status != 200 || !strings.Contains(x.Header.Get("Content-Disposition"), `filename="khen-thuong-nam-2025-theo-don-vi.xlsx"; filename*=UTF-8''Khen%20th%C6%B0%E1%BB%9Fng%20n%C4%83m%202025%20theo%20%C4%91%C6%A1n%20v%E1%BB%8B.xlsx`) {
			t.Fatalf("download: %d %q", x.Status, x.Header.Get("Content-Disposition"))
		}
		got := map[string][]string{}
		for _, r := range xlsxRows(t, x.Body)[1:] {
			got[r[0]] = r[1:]
		}
		if len(got) != 2 || strings.Join(got[f.CommuneA.Name], ",") != "1,0,1" || strings.Join(got[f.CommuneB.Name], ",") != "0,1,1" {
			t.Errorf("units by XLSX: %v", got)
		}
		rows := csvRows(t, get(t, f, clerkB, "/app/dashboard/trend.csv").Body)
		if strings.Join(rows[0], "|") != "Năm|Danh hiệu thi đua|Hình thức khen thưởng|Tổng số" || len(rows) != 11 {
			t.Fatalf("trend CSV: %v", rows)
		}
		for _, r := range rows[1:] {
			if w := map[string]string{"2025": "0,1,1"}[r[0]]; w == "" && strings.Join(r[1:], ",") != "0,0,0" || w != "" && strings.Join(r[1:], ",") != w {
				t.Errorf("commune B's trend line %v", r)
			}
		}
		want(t, "an older year", get(t, f, admin, "/app/dashboard?year=2001"), 200, `<option value="2001" selected>2001</option>`, "Khen thưởng năm 2001 theo đơn vị")
		want(t, "a year out of range", get(t, f, admin, "/app/dashboard?year=1800"), 422, "Năm phải từ 1990 đến 2027.")
		want(t, "an unknown section", get(t, f, admin, "/app/dashboard/nothing.csv"), 404)
		want(t, "an unknown format", get(t, f, admin, "/app/dashboard/units.pdf"), 404)
	})
}

// TestDownloadNames: a Vietnamese file name goes out in ASCII and, as filename*, in
// UTF-8; an ASCII one once.
func TestDownloadNames(t *testing.T) {
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	c := f.Client(t, "canbo.a")
	for path, want := range map[string]string{
		"/app/collectives?format=csv": `attachment; filename="danh-sach-tap-the.csv"; filename*=UTF-8''Danh%20s%C3%A1ch%20t%E1%BA%ADp%20th%E1%BB%83.csv`,
		"/app/suggest.csv?year=2024":  `attachment; filename="de-xuat-khen-thuong-2024.csv"`,
		"/app/people/" + itoa(f.PersonA.ID) + "/history.xlsx": `attachment; filename="qua-trinh-khen-thuong-nguyen-thi-hong-nhung.xlsx"; ` +
			`filename*=UTF-8''Qu%C3%A1%20tr%C3%ACnh%20khen%20th%C6%B0%E1%BB%9Fng%20-%20Nguy%E1%BB%85n%20Th%E1%BB%8B%20H%E1%BB%93ng%20Nhung.xlsx`,
	} {
		if got := get(t, f, c, path).Header.Get("Content-Disposition"); got != want {
			t.Errorf("%s: Content-Disposition %q, want %q", path, got, want)
		}
	}
}
