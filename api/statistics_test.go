package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestStatisticsAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewStatsFixture(t, db)
		admin := as(t, f.Fixture, "quantri")
		var got struct {
			Form, Layout, From, To, Reporter string
			Columns                          []struct{ Number string }
			Rows                             []struct {
				Code  string
				Cells []int64
			}
			Notes []string
		}
		code, body := admin.do("GET", fmt.Sprintf("/api/v1/statistics/0602?year=2025&org=%d", f.Province.ID), nil)
		if code != http.StatusOK {
			t.Fatalf("0602: %d %s", code, body)
		}
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		cells := map[string]int64{}
		for _, r := range got.Rows {
			if len(r.Cells) > 0 {
				cells[r.Code] = r.Cells[0]
			}
		}
		// The same numbers as the fixture holds: 9 state awards in the period, 5 of
		// them to individuals, 3 to collectives, 1 to a household.
		if got.Form != "0602.N/BNV-TĐKT" || got.Layout != "TT 02/2023" || got.From != "2024-12-01" || got.To != "2025-11-30" ||
			got.Reporter != "Ủy ban nhân dân tỉnh Thử Nghiệm" || cells["1"] != 9 || cells["3"] != 9 || cells["6"] != 3 || cells["8"] != 1 ||
			cells["9"] != 5 || len(got.Columns) != 15 || len(got.Notes) == 0 {
			t.Errorf("0602: %s", body)
		}
		code, body = admin.do("GET", "/api/v1/statistics/0601?year=2025", nil)
		if code != http.StatusOK || !json.Valid(body) {
			t.Fatalf("0601: %d %s", code, body)
		}
		// Another province's administrator does not see this province; a clerk of
		// commune A does not see commune B.
		if code, body := as(t, f.Fixture, "quantri.t2").do("GET", fmt.Sprintf("/api/v1/statistics/0602?year=2025&org=%d", f.Province.ID), nil); code != http.StatusNotFound {
			t.Errorf("other province: %d %s", code, body)
		}
		if code, _ := as(t, f.Fixture, "canbo.a").do("GET", fmt.Sprintf("/api/v1/statistics/0603?year=2025&org=%d", f.CommuneB.ID), nil); code != http.StatusNotFound {
			t.Errorf("commune A on commune B: %d", code)
		}
		if code, _ := admin.do("GET", "/api/v1/statistics/0699?year=2025", nil); code != http.StatusUnprocessableEntity {
			t.Errorf("unknown form: %d", code)
		}
		// The apparatus: a unit added through the API counts in 0604.
		code, body = admin.do("POST", "/api/v1/apparatus/units", map[string]any{"org_id": f.Department.ID, "name": "Phòng Khen thưởng",
			"kind": "phong_so_noi_vu", "established_on": "2025-01-01"})
		if code != http.StatusCreated {
			t.Fatalf("add unit: %d %s", code, body)
		}
		code, body = admin.do("POST", "/api/v1/apparatus/units", map[string]any{"org_id": f.Department.ID, "name": "", "kind": "khac", "established_on": "x"})
		if code != http.StatusUnprocessableEntity {
			t.Errorf("invalid unit: %d %s", code, body)
		}
		code, body = admin.do("GET", "/api/v1/statistics/0604?year=2025", nil)
		if err := json.Unmarshal(body, &got); code != http.StatusOK || err != nil || got.Rows[0].Cells[0] != 3 {
			t.Errorf("0604 after adding a unit: %d %s", code, body)
		}
		if code, _ := admin.do("GET", "/api/v1/apparatus?on=30/11/2025", nil); code != http.StatusUnprocessableEntity {
			t.Errorf("apparatus on a badly written date: %d", code)
		}
		code, body = admin.do("GET", "/api/v1/apparatus?on=2025-11-30", nil)
		var ap struct {
			Units, Officers []struct{ Name, FullName string }
		}
		if err := json.Unmarshal(body, &ap); code != http.StatusOK || err != nil || len(ap.Units) != 3 || len(ap.Officers) != 3 {
			t.Errorf("apparatus: %d %s", code, body)
		}
	})
}
