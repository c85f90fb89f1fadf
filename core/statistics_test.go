package core_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tdkt"
	"tdkt/core"
	"tdkt/sheet"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// leaf finds the column whose labels end with the given ones.
func leaf(t *testing.T, tab tdkt.StatTable, labels ...string) int {
	t.Helper()
	for i, l := range tab.Leaves {
		if len(l.Labels) >= len(labels) && strings.Join(l.Labels[len(l.Labels)-len(labels):], "|") == strings.Join(labels, "|") {
			return i
		}
	}
	t.Fatalf("%s: no column %q", tab.Form.Key, labels)
	return -1
}

func cell(t *testing.T, tab tdkt.StatTable, code string, col int) int64 {
	t.Helper()
	n, ok := tab.Cell(code, col)
	if !ok {
		t.Fatalf("%s: no row %s", tab.Form.Key, code)
	}
	return n
}

// checkArithmetic checks what the form says adds up: each row with parts equals the
// sum of its parts in every column, and Tổng số equals the other columns' sum.
func checkArithmetic(t *testing.T, tab tdkt.StatTable) {
	t.Helper()
	for _, r := range tab.Rows {
		for _, parts := range r.Parts {
			for c := range tab.Leaves {
				var sum int64
				for _, p := range parts {
					sum += cell(t, tab, p, c)
				}
				if sum != r.Cells[c] {
					t.Errorf("%s row %s column %s: %d, but its parts %v add up to %d", tab.Form.Key, r.Code, tab.Leaves[c].Number, r.Cells[c], parts, sum)
				}
			}
		}
		if tab.Form.TotalIsSum && !r.Heading {
			var sum int64
			for _, n := range r.Cells[1:] {
				sum += n
			}
			if sum != r.Cells[0] {
				t.Errorf("%s row %s: Tổng số %d, columns add up to %d", tab.Form.Key, r.Code, r.Cells[0], sum)
			}
		}
	}
}

func TestStatisticsForms(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewStatsFixture(t, db)
		ctx := context.Background()
		get := func(key string) core.StatReport {
			t.Helper()
			rep, err := f.Svc.Statistics(ctx, &f.Admin, key, 2025, f.Province.ID)
			if err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			if rep.From != "2024-12-01" || rep.To != "2025-11-30" || rep.Layout.Name != "TT 02/2023" {
				t.Fatalf("%s: period %s–%s layout %s", key, rep.From, rep.To, rep.Layout.Name)
			}
			checkArithmetic(t, rep.Table)
			return rep
		}
		// The records counted independently: the fixture's own list, and a plain SQL
		// count over the province's subtree.
		fixtureCount := func(awards []string) int64 {
			var n int64
			for _, h := range f.Honours {
				if h.Counts && tdkt.In(h.AwardCode, awards) {
					n++
				}
			}
			return n
		}
		sqlCount := func(awards []string) int64 {
			var n int64
			err := db.View(ctx, func(tx *sqldb.Tx) (err error) {
				n, err = tx.Int(ctx, `SELECT count(*) FROM honours h, orgs o WHERE o.id = h.org_id AND o.path LIKE ?
					AND h.award_code IN ('`+strings.Join(awards, "','")+`') AND h.decided_on BETWEEN '2024-12-01' AND '2025-11-30' AND h.revoked = ?`,
					f.Province.Path+"%", false)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}

		// 0602: state-level awards.
		rep := get("0602")
		tab := rep.Table
		if want := fixtureCount(tdkt.StateAwards); want != 9 || sqlCount(tdkt.StateAwards) != want || cell(t, tab, "1", 0) != want {
			t.Errorf("0602 total %d, fixture %d, SQL %d", cell(t, tab, "1", 0), want, sqlCount(tdkt.StateAwards))
		}
		for code, want := range map[string]int64{"2": 0, "3": 9, "6": 3, "7": 2, "8": 1, "9": 5, "10": 1, "11": 1, "12": 1, "13": 1, "14": 1,
			"15": 4, "16": 2, "17": 1, "18": 1, "19": 1, "20": 0, "21": 0} {
			if got := cell(t, tab, code, 0); got != want {
				t.Errorf("0602 row %s: %d, want %d", code, got, want)
			}
		}
		for _, c := range []struct {
			labels []string
			want   int64
		}{
			{[]string{"Huân chương Lao động hạng Nhì", "Cá nhân"}, 1},
			{[]string{"Huân chương Lao động hạng Ba", "Tập thể"}, 1},
			{[]string{"Huân chương Lao động hạng Ba", "Cá nhân"}, 1},
			{[]string{"Nhà giáo ưu tú", "Cá nhân"}, 1},
			{[]string{"Cờ thi đua của Chính phủ", "Tập thể"}, 1},
			{[]string{"Bằng khen của Thủ tướng Chính phủ", "Tập thể"}, 2},
			{[]string{"Bằng khen của Thủ tướng Chính phủ", "Cá nhân"}, 1},
			{[]string{"Chiến sĩ thi đua Toàn quốc", "Cá nhân"}, 1},
			{[]string{"Giải thưởng Hồ Chí Minh", "Cá nhân"}, 0},
		} {
			if got := cell(t, tab, "1", leaf(t, tab, c.labels...)); got != c.want {
				t.Errorf("0602 Tổng số × %v: %d, want %d", c.labels, got, c.want)
			}
		}
		if got := cell(t, tab, "7", leaf(t, tab, "Cờ thi đua của Chính phủ", "Tập thể")); got != 1 {
			t.Errorf("0602 Doanh nghiệp × Cờ thi đua của Chính phủ: %d", got)
		}
		if len(tab.Leaves) != 15 {
			t.Errorf("0602 has %d columns, want 15 (two medal types found)", len(tab.Leaves))
		}
		checkXLSX(t, rep, []string{"1", "2", "3", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21"}, 9)

		// 0603: ministry/province-level awards.
		rep = get("0603")
		tab = rep.Table
		if want := fixtureCount(tdkt.SectorAwards); want != 5 || sqlCount(tdkt.SectorAwards) != want || cell(t, tab, "01", 0) != want {
			t.Errorf("0603 total %d, fixture %d, SQL %d", cell(t, tab, "01", 0), want, sqlCount(tdkt.SectorAwards))
		}
		for code, want := range map[string]int64{"02": 2, "03": 1, "04": 1, "05": 2, "06": 0, "07": 0, "08": 0, "09": 1, "10": 1, "11": 3, "12": 1, "13": 1, "14": 0} {
			if got := cell(t, tab, code, 0); got != want {
				t.Errorf("0603 row %s: %d, want %d", code, got, want)
			}
		}
		for i, want := range []int64{5, 3, 1, 1, 0} {
			if got := cell(t, tab, "01", i); got != want {
				t.Errorf("0603 Tổng số column %d: %d, want %d", i+1, got, want)
			}
		}
		checkXLSX(t, rep, []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17"}, 5)

		// 0601: movements by launch date.
		rep = get("0601")
		tab = rep.Table
		for code, want := range map[string][4]int64{"01": {4, 0, 3, 1}, "02": {0, 0, 0, 0}, "03": {2, 0, 2, 0}, "04": {1, 0, 1, 0}, "05": {1, 0, 0, 1},
			"06": {1, 0, 0, 1}, "07": {1, 0, 1, 0}, "08": {1, 0, 1, 0}, "09": {0, 0, 0, 0}, "10": {1, 0, 1, 0}, "11": {3, 0, 2, 1}, "12": {1, 0, 1, 0}} {
			for c := range 4 {
				if got := cell(t, tab, code, c); got != want[c] {
					t.Errorf("0601 row %s column %d: %d, want %d", code, c+1, got, want[c])
				}
			}
		}
		checkXLSX(t, rep, []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}, 4)

		// 0604 and 0605: the apparatus on 30/11/2025.
		rep = get("0604")
		for code, want := range map[string]int64{"01": 2, "02": 0, "03": 0, "04": 1, "05": 1} {
			if got := cell(t, rep.Table, code, 0); got != want {
				t.Errorf("0604 row %s: %d, want %d", code, got, want)
			}
		}
		checkXLSX(t, rep, []string{"01", "02", "03", "04", "05"}, 2)
		rep = get("0605")
		for code, want := range map[string][2]int64{"01": {3, 2}, "02": {0, 0}, "03": {2, 2}, "04": {1, 0}, "11": {2, 2}, "12": {1, 0}, "13": {1, 1}, "14": {1, 1}, "15": {1, 0}} {
			for c := range 2 {
				if got := cell(t, rep.Table, code, c); got != want[c] {
					t.Errorf("0605 row %s column %d: %d, want %d", code, c+1, got, want[c])
				}
			}
		}
		checkXLSX(t, rep, []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15"}, 3)

		// Scope: a commune sees its own subtree only; another province's account
		// does not see this province at all.
		repA, err := f.Svc.Statistics(ctx, &f.ClerkA, "0602", 2025, 0)
		// Commune A: the Bằng khen TTg of Nguyễn Thị Hồng Nhung, of the school and of the household.
		if err != nil || cell(t, repA.Table, "1", 0) != 3 || cell(t, repA.Table, "3", 0) != 3 {
			t.Errorf("commune A's 0602: %v, %v", err, repA.Table.Rows[0].Cells)
		}
		if _, err := f.Svc.Statistics(ctx, &f.Admin2, "0602", 2025, f.Province.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another province's administrator: %v, want not found", err)
		}
		if _, err := f.Svc.Statistics(ctx, &f.ClerkA, "0602", 2025, f.CommuneB.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("commune A's clerk on commune B: %v, want not found", err)
		}
		if _, err := f.Svc.Statistics(ctx, &f.Admin, "0699", 2025, 0); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("unknown form: %v", err)
		}
		if _, err := f.Svc.Statistics(ctx, &f.Admin, "0602", 2022, 0); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a year before TT 02/2023: %v", err)
		}
		// Correcting an honour's award moves it into the form of its new level.
		gk := f.Honours[len(f.Honours)-1].Honour
		if gk.AwardCode != "giay_khen" {
			t.Fatalf("last fixture honour is %s", gk.AwardCode)
		}
		gk.AwardCode = "bang_khen_bo_tinh"
		if err := f.Svc.SaveHonour(ctx, &f.Admin, &gk); err != nil {
			t.Fatal(err)
		}
		if rep, err := f.Svc.Statistics(ctx, &f.Admin, "0603", 2025, 0); err != nil || cell(t, rep.Table, "01", 0) != 6 || cell(t, rep.Table, "10", 1) != 1 {
			t.Errorf("0603 after correcting a Giấy khen into a Bằng khen: %v %v", err, rep.Table.Rows[0].Cells)
		}
	})
}

// checkXLSX exports the report, reads the workbook back and checks the official
// header, the row codes in order and the grand total.
func checkXLSX(t *testing.T, rep core.StatReport, codes []string, total int64) {
	t.Helper()
	var buf bytes.Buffer
	err := sheet.WriteStatForm(&buf, sheet.StatForm{Table: rep.Table, Basis: rep.Layout.Basis, Reporter: rep.Org.Name,
		Receiver: rep.Layout.Receiver, Year: rep.Year, Period: "từ ngày 01/12/2024 đến ngày 30/11/2025", Notes: rep.Table.Form.Notes})
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheet.StatSheet)
	if err != nil {
		t.Fatal(err)
	}
	key := rep.Table.Form.Key
	at := func(r, c int) string {
		if r < len(rows) && c < len(rows[r]) {
			return rows[r][c]
		}
		return ""
	}
	text := ""
	for _, r := range rows {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"Biểu số: " + key + ".N/BNV-TĐKT", "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023",
		"Đơn vị báo cáo: Ủy ban nhân dân tỉnh Thử Nghiệm", "Đơn vị nhận báo cáo: Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)",
		rep.Table.Form.Title, "Năm 2025", "Mã số", "Người lập biểu", "Thủ trưởng đơn vị", "(Ký, họ tên, đóng dấu)"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s XLSX: no %q in\n%s", key, want, text)
		}
	}
	if at(0, 0) != "Biểu số: "+key+".N/BNV-TĐKT" {
		t.Errorf("%s XLSX A1 = %q", key, at(0, 0))
	}
	if got := strings.Contains(text, "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo"); got != (key == "0601" || key == "0602") {
		t.Errorf("%s XLSX: receipt date printed %v", key, got)
	}
	// The row codes in column B, in order, after the row of column numbers.
	var got []string
	numbers := -1
	for i, r := range rows {
		if len(r) > 1 && r[0] == "A" && r[1] == "B" {
			numbers = i
			continue
		}
		if numbers >= 0 && len(r) > 1 && r[1] != "" {
			got = append(got, r[1])
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(codes) {
		t.Errorf("%s XLSX codes %v, want %v", key, got, codes)
	}
	first := 2
	if rep.Table.Form.UnitColumn {
		first = 3
	}
	if at(numbers, first) != "1" {
		t.Errorf("%s XLSX: column numbers row %v", key, rows[numbers])
	}
	if n, _ := strconv.ParseInt(strings.ReplaceAll(at(numbers+1, first), ",", ""), 10, 64); n != total {
		t.Errorf("%s XLSX Tổng số = %q, want %d", key, at(numbers+1, first), total)
	}
	merged, err := x.GetMergeCells(sheet.StatSheet)
	if err != nil || len(merged) < 5 {
		t.Errorf("%s XLSX: %d merged cells, %v", key, len(merged), err)
	}
	sid, _ := x.GetCellStyle(sheet.StatSheet, "A1")
	if st, err := x.GetStyle(sid); err != nil || st.Font == nil || st.Font.Family != "Times New Roman" || !st.Font.Bold {
		t.Errorf("%s XLSX A1 style: %+v %v", key, st, err)
	}
}

// BenchmarkStatistics fills forms 0601–0603 for 2025 over the province of the
// database named by BENCH_DB (a demo database: the province is organisation 1), or
// over the statistics fixture without it.
func BenchmarkStatistics(b *testing.B) {
	ctx := context.Background()
	var db *sqldb.DB
	actor := &tdkt.Account{Login: "admin", Role: tdkt.RoleAdmin, OrgID: 1, OrgPath: "/1/"}
	if u := os.Getenv("BENCH_DB"); u != "" {
		var err error
		if db, err = sqldb.Open(ctx, u); err != nil {
			b.Fatal(err)
		}
	} else {
		db = tdkttest.SQLite(b)
		f := tdkttest.NewStatsFixture(b, db)
		actor = &f.Admin
	}
	svc := core.New(db)
	svc.Now = func() time.Time { return time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) }
	for _, key := range []string{"0601", "0602", "0603"} {
		b.Run(key, func(b *testing.B) {
			for b.Loop() {
				rep, err := svc.Statistics(ctx, actor, key, 2025, 0)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(rep.Table.Rows[0].Cells[0]), "total")
			}
		})
	}
}
