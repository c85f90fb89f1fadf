package api_test

import (
	"net/http"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestEveryChangeIsAudited walks the life of the records through the API, as a clerk
// and an administrator would, and checks that each successful change writes exactly
// one audit event.
func TestEveryChangeIsAudited(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		clerk, admin := as(t, f, "canbo.a"), as(t, f, "quantri")
		count := auditCount(t, f)
		change := func(c *caller, status int, method, path string, body any) obj {
			t.Helper()
			o := c.want(status, method, path, body)
			if n := auditCount(t, f); n != count+1 {
				t.Fatalf("%s %s wrote %d audit events, want 1", method, path, n-count)
			}
			count++
			return o
		}

		p := change(clerk, http.StatusCreated, "POST", "/api/v1/people", map[string]any{"org_id": f.CommuneA.ID,
			"full_name": "  Lê   Thị Bích ", "sex": "nu", "group": "can_bo_cong_chuc", "birth_date": "1990-06-15", "hired_on": "2015-08-01"})
		if p.s("full_name") != "Lê Thị Bích" || p.n("version") != 1 || p.s("org_name") != f.CommuneA.Name {
			t.Errorf("created person: %v", p)
		}
		person := "/api/v1/people/" + itoa(p.n("id"))
		p["position"] = "Chuyên viên"
		p = change(clerk, http.StatusOK, "PUT", person, p)
		if p.n("version") != 2 || p.s("position") != "Chuyên viên" {
			t.Errorf("updated person: %v", p)
		}
		// The administrator moves her to commune B: the history follows her.
		p["org_id"], p["move_on"] = f.CommuneB.ID, "2026-07-01"
		change(admin, http.StatusOK, "PUT", person, p)
		rec := admin.want(http.StatusOK, "GET", person, nil)
		if ms := rec.list("memberships"); len(ms) != 3 || rec.o("person").n("org_id") != f.CommuneB.ID {
			t.Errorf("after the move: %v", rec)
		}

		r := change(admin, http.StatusCreated, "POST", person+"/ratings", map[string]any{"year": 2025, "rating": "htxsnv", "note": "Tốt"})
		if r.o("subject").s("kind") != "ca_nhan" || r.o("subject").n("id") != p.n("id") {
			t.Errorf("rating: %v", r)
		}
		r["rating"] = "httnv"
		delete(r, "subject")
		r = change(admin, http.StatusOK, "PUT", "/api/v1/ratings/"+itoa(r.n("id")), r)
		admin.want(http.StatusConflict, "DELETE", "/api/v1/ratings/"+itoa(r.n("id"))+"?version=1", nil)
		change(admin, http.StatusNoContent, "DELETE", "/api/v1/ratings/"+itoa(r.n("id"))+"?version=2", nil)

		i := change(admin, http.StatusCreated, "POST", person+"/initiatives", map[string]any{"year": 2025, "title": "Sổ tay số", "scope": "co_so"})
		i["scope"] = "bo_tinh"
		change(admin, http.StatusOK, "PUT", "/api/v1/initiatives/"+itoa(i.n("id")), i)
		d := change(admin, http.StatusCreated, "POST", person+"/discipline", map[string]any{"form": "khien_trach", "decided_on": "2024-03-01", "ends_on": "2025-03-01"})
		if d.n("person_id") != p.n("id") {
			t.Errorf("discipline: %v", d)
		}
		d["reason"] = "Đi muộn"
		change(admin, http.StatusOK, "PUT", "/api/v1/discipline/"+itoa(d.n("id")), d)
		h := change(admin, http.StatusCreated, "POST", person+"/honours", map[string]any{"award": "giay_khen", "year": 2025,
			"decision": map[string]any{"number": "12/QĐ-UBND", "date": "2026-01-10", "issuer": "UBND phường Ánh Dương"}})
		if h.s("kind") != "cong_trang" || h.s("award_name") != "Giấy khen" {
			t.Errorf("honour: %v", h)
		}
		h["revoked"] = true
		change(admin, http.StatusOK, "PUT", "/api/v1/honours/"+itoa(h.n("id")), h)
		rec = admin.want(http.StatusOK, "GET", person, nil)
		if len(rec.list("initiatives")) != 1 || len(rec.list("discipline")) != 1 || len(rec.list("honours")) != 1 || len(rec.list("ratings")) != 0 {
			t.Errorf("record: %v", rec)
		}
		change(admin, http.StatusNoContent, "DELETE", "/api/v1/initiatives/"+itoa(i.n("id"))+"?version=2", nil)
		change(admin, http.StatusNoContent, "DELETE", "/api/v1/discipline/"+itoa(d.n("id"))+"?version=2", nil)
		change(admin, http.StatusNoContent, "DELETE", "/api/v1/honours/"+itoa(h.n("id"))+"?version=2", nil)
		change(admin, http.StatusNoContent, "DELETE", person+"?version=3", nil)
		admin.want(http.StatusNotFound, "GET", person, nil)

		c := change(clerk, http.StatusCreated, "POST", "/api/v1/collectives", map[string]any{"org_id": f.CommuneA.ID, "name": "Thôn Đông"})
		c["name"] = "Thôn Đông Hòa"
		c = change(clerk, http.StatusOK, "PUT", "/api/v1/collectives/"+itoa(c.n("id")), c)
		change(clerk, http.StatusCreated, "POST", "/api/v1/collectives/"+itoa(c.n("id"))+"/ratings", map[string]any{"year": 2025, "rating": "htxsnv"})
		change(clerk, http.StatusCreated, "POST", "/api/v1/collectives/"+itoa(c.n("id"))+"/honours", map[string]any{"award": "thon_to_dan_pho_van_hoa",
			"year": 2025, "decision": map[string]any{"number": "3/QĐ-UBND", "date": "2026-01-05", "issuer": "UBND xã Đông Hòa"}})
		cr := clerk.want(http.StatusOK, "GET", "/api/v1/collectives/"+itoa(c.n("id")), nil)
		if cr.o("collective").s("name") != "Thôn Đông Hòa" || len(cr.list("ratings")) != 1 || len(cr.list("honours")) != 1 {
			t.Errorf("collective: %v", cr)
		}
		if l := clerk.want(http.StatusOK, "GET", "/api/v1/collectives?q=dong+hoa", nil); len(l.list("items")) != 1 {
			t.Errorf("collectives: %v", l)
		}
		// A household cannot receive a collective's title: the award field says so.
		hh := change(clerk, http.StatusCreated, "POST", "/api/v1/households", map[string]any{"org_id": f.CommuneA.ID, "head_name": "Phạm Văn Lợi"})
		_, fields := clerk.want(http.StatusUnprocessableEntity, "POST", "/api/v1/households/"+itoa(hh.n("id"))+"/honours", map[string]any{
			"award": "thon_to_dan_pho_van_hoa", "year": 2025, "decision": map[string]any{"number": "4/QĐ", "date": "2026-01-05", "issuer": "UBND xã"}}).errFields()
		if fields["award"] == nil {
			t.Errorf("household honour: fields %v", fields)
		}
		hh["address"] = "Thôn Đông"
		change(clerk, http.StatusOK, "PUT", "/api/v1/households/"+itoa(hh.n("id")), hh)
		change(clerk, http.StatusCreated, "POST", "/api/v1/households/"+itoa(hh.n("id"))+"/honours", map[string]any{"award": "gia_dinh_van_hoa",
			"year": 2025, "decision": map[string]any{"number": "5/QĐ-UBND", "date": "2026-01-05", "issuer": "UBND xã Đông Hòa"}})
		if hr := clerk.want(http.StatusOK, "GET", "/api/v1/households/"+itoa(hh.n("id")), nil); len(hr.list("honours")) != 1 || hr.o("household").s("address") != "Thôn Đông" {
			t.Errorf("household: %v", hr)
		}
		if l := clerk.want(http.StatusOK, "GET", "/api/v1/households?q=loi", nil); len(l.list("items")) != 1 {
			t.Errorf("households: %v", l)
		}

		o := change(admin, http.StatusCreated, "POST", "/api/v1/orgs", map[string]any{"code": "S01", "name": "Sở Nội vụ", "level": "so_nganh", "parent_id": f.Province.ID})
		if len(o["confers"].([]any)) == 0 {
			t.Errorf("new org without default powers: %v", o)
		}
		delete(o, "confers")
		o["name"] = "Sở Nội vụ tỉnh Thử Nghiệm"
		o = change(admin, http.StatusOK, "PUT", "/api/v1/orgs/"+itoa(o.n("id")), o)
		if len(o["confers"].([]any)) == 0 || o.n("version") != 2 {
			t.Errorf("org update lost its powers: %v", o)
		}
		clerk.want(http.StatusForbidden, "POST", "/api/v1/orgs", map[string]any{"code": "S02", "name": "Sở Y tế", "level": "so_nganh", "parent_id": f.CommuneA.ID})
		if l := clerk.want(http.StatusOK, "GET", "/api/v1/orgs", nil); len(l.list("items")) != 1 {
			t.Errorf("canbo.a sees orgs %v", l)
		}
		clerk.want(http.StatusNotFound, "GET", "/api/v1/orgs/"+itoa(f.Province.ID), nil)
	})
}
