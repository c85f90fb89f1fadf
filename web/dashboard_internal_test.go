package web

import (
	"fmt"
	"strings"
	"testing"

	"tdkt/core"
	"tdkt/sqldb"
)

// TestContentDisposition: the ASCII name drops marks and punctuation; filename*
// encodes every byte that is not an attr-char of RFC 8187.
func TestContentDisposition(t *testing.T) {
	for name, want := range map[string]string{
		"so-lieu-units-2025.csv": `attachment; filename="so-lieu-units-2025.csv"`,
		"Kết quả: Cụm (số 1)/2025=A@B.xlsx": `attachment; filename="ket-qua-cum-so-1-2025-a-b.xlsx"; ` +
			`filename*=UTF-8''K%E1%BA%BFt%20qu%E1%BA%A3%3A%20C%E1%BB%A5m%20%28s%E1%BB%91%201%29%2F2025%3DA%40B.xlsx`,
		"Đ.csv":   `attachment; filename="d.csv"; filename*=UTF-8''%C4%90.csv`,
		"???.pdf": `attachment; filename="tep.pdf"; filename*=UTF-8''%3F%3F%3F.pdf`,
	} {
		if got := contentDisposition(name); got != want {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
}

// TestDashChartsLongLists: a chart draws the first maxBars lines of a long table and
// says so; processing times get a median chart and a 90th-percentile chart.
func TestDashChartsLongLists(t *testing.T) {
	d := core.Dashboard{Year: 2025, ThisYear: 2026, FromYear: 2017}
	for i := range 20 {
		d.ByUnit = append(d.ByUnit, sqldb.Breakdown{Key: fmt.Sprint(i), Name: fmt.Sprintf("Xã số %d", i+1), Titles: int64(40 - i)})
	}
	d.Times = []sqldb.LevelTime{{Level: "xa", Dossiers: 3, Median: 4, P90: 9, Max: 9}, {Level: "tinh", Dossiers: 2, Median: 7, P90: 11, Max: 11}}
	ss := dashSections(d, "units", "times")
	if len(ss) != 2 || len(ss[0].Charts) != 1 || len(ss[1].Charts) != 2 {
		t.Fatalf("sections %+v", ss)
	}
	units := string(ss[0].Charts[0])
	if n := strings.Count(units, `<g class="bar">`); n != maxBars || !strings.Contains(units, "Xã số 15") || strings.Contains(units, "Xã số 16") ||
		!strings.Contains(units, "bảng số liệu có đủ 20 dòng") {
		t.Errorf("%d bars: %s", n, units)
	}
	if len(ss[0].Rows) != 20 {
		t.Errorf("the table has %d lines, want all 20", len(ss[0].Rows))
	}
	median, p90 := string(ss[1].Charts[0]), string(ss[1].Charts[1])
	if !strings.Contains(median, `id="chart-times"`) || !strings.Contains(median, "Xã, phường, đặc khu – trung vị") || !strings.Contains(median, ">4 ngày<") ||
		!strings.Contains(p90, `id="chart-times-p90"`) || !strings.Contains(p90, ">11 ngày<") || !strings.Contains(p90, ": 90% hồ sơ</title>") {
		t.Errorf("processing time charts:\n%s\n%s", median, p90)
	}
}
