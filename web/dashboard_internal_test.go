package web

import (
	"fmt"
	"strings"
	"testing"

	"tdkt/core"
	"tdkt/sqldb"
)

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
