package api_test

import (
	"net/http"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// A province launches a thematic movement, a department cascades it, a commune reports,
// the province reviews it; form 0601.N counts it; another commune cannot see a commune's
// own movement; registrations are accepted by the level above and compared with outcomes.
func TestMovementsOverHTTP(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin, clerkA, clerkB := as(t, f, "quantri"), as(t, f, "canbo.a"), as(t, f, "canbo.b")
		body := map[string]any{"name": "Phong trào “Chuyển đổi số trong công tác thi đua” giai đoạn 2026–2027", "objectives": "Số hóa toàn bộ hồ sơ thi đua",
			"scope": "bo_tinh", "method": "chuyen_de", "starts_on": "2026-01-01", "ends_on": "2027-12-31",
			"criteria": []map[string]any{{"text": "Tỷ lệ hồ sơ điện tử", "points": 40}, {"text": "Sáng kiến số hóa", "points": 60}}}
		admin.want(http.StatusUnprocessableEntity, "POST", "/api/v1/movements", map[string]any{"name": "", "scope": "x", "method": "y", "objectives": "", "starts_on": "bad", "ends_on": "2026-01-01"})
		m := admin.want(http.StatusCreated, "POST", "/api/v1/movements", body).o("movement")
		if m.s("duration_band") == "" || m.s("launch_level") == "" || m.s("status") != "draft" {
			t.Fatalf("movement %v", m)
		}
		path := "/api/v1/movements/" + itoa(m.n("id"))
		clerkA.want(http.StatusNotFound, "GET", path, nil) // a draft is not yet sent to the units
		m = admin.want(http.StatusOK, "POST", path+"/launch", map[string]any{"version": m.n("version")}).o("movement")
		if m.s("status") != "launched" {
			t.Fatalf("after launch %v", m)
		}
		clerkA.want(http.StatusOK, "GET", path, nil)
		plan := clerkA.want(http.StatusCreated, "POST", "/api/v1/movements", map[string]any{"org_id": f.CommuneA.ID, "parent_id": m.n("id"),
			"name": "Kế hoạch của xã Đông Hòa", "objectives": "Số hóa hồ sơ của xã", "scope": "don_vi", "method": "chuyen_de",
			"starts_on": "2026-02-01", "ends_on": "2027-12-31"}).o("movement")
		clerkA.want(http.StatusCreated, "POST", path+"/check-ins", map[string]any{"on": "2026-06-30", "text": "Đã số hóa 80% hồ sơ"})
		d := admin.want(http.StatusOK, "GET", path, nil)
		if len(d.list("tree")) != 2 || len(d.list("check_ins")) != 1 {
			t.Errorf("movement page %v", d)
		}
		admin.want(http.StatusCreated, "POST", path+"/reviews", map[string]any{"kind": "so_ket", "on": "2026-07-15", "report": "Sơ kết 6 tháng", "version": d.o("movement").n("version")})
		st := admin.want(http.StatusOK, "GET", "/api/v1/movement-stats?year=2026", nil)
		// the commune's plan is still a draft: only launched movements count
		if rows := st.list("rows"); len(rows) != 12 || rows[0].n("total") != 1 || rows[10].n("total") != 1 {
			t.Errorf("0601 counts %v", st)
		}
		clerkB.want(http.StatusNotFound, "GET", "/api/v1/movements/"+itoa(plan.n("id")), nil)
		if items := clerkB.want(http.StatusOK, "GET", "/api/v1/movements", nil).list("items"); len(items) != 1 {
			t.Errorf("commune B sees %d movements, want the province's one", len(items))
		}

		reg := clerkA.want(http.StatusCreated, "POST", "/api/v1/registrations", map[string]any{"year": 2025, "target": "tap_the_lao_dong_tien_tien",
			"people": []map[string]any{{"person_id": f.PersonA.ID, "award": "chien_si_thi_dua_co_so"}}, "version": 0})
		clerkB.want(http.StatusNotFound, "POST", "/api/v1/registrations/"+itoa(reg.n("id"))+"/review", map[string]any{"accept": true, "version": reg.n("version")})
		admin.want(http.StatusOK, "POST", "/api/v1/registrations/"+itoa(reg.n("id"))+"/review", map[string]any{"accept": true, "version": reg.n("version")})
		out := admin.want(http.StatusOK, "GET", "/api/v1/registrations/outcomes?year=2025", nil)
		found := false
		for _, l := range out.list("lines") {
			if l.s("name") == f.PersonA.FullName && l.s("award") == "chien_si_thi_dua_co_so" && l["achieved"] == true {
				found = true
			}
		}
		if !found {
			t.Errorf("outcomes %v", out)
		}
	})
}
