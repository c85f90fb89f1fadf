package api_test

import (
	"net/http"
	"slices"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// PUT /api/v1/orgs/{own unit} cannot give a commune the Prime Minister's Bằng khen,
// nor raise its level; the province, the level above, may change the commune's level.
func TestOrgAuthorityOverAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		communeAdmin, provAdmin := as(t, f, "quantri.a"), as(t, f, "quantri")
		path := "/api/v1/orgs/" + itoa(f.CommuneA.ID)
		o := communeAdmin.want(http.StatusOK, "GET", path, nil)
		confers := func(o obj) []string {
			var out []string
			xs, _ := o["confers"].([]any)
			for _, c := range xs {
				out = append(out, c.(string))
			}
			return out
		}
		if c := confers(o); slices.Contains(c, "bang_khen_thu_tuong") || len(c) == 0 {
			t.Fatalf("a commune's powers: %v", c)
		}
		o["confers"] = append(confers(o), "bang_khen_thu_tuong")
		communeAdmin.want(http.StatusUnprocessableEntity, "PUT", path, o)
		o = communeAdmin.want(http.StatusOK, "GET", path, nil)
		o["level"] = "trung_uong"
		delete(o, "confers")
		communeAdmin.want(http.StatusForbidden, "PUT", path, o)
		after := provAdmin.want(http.StatusOK, "GET", path, nil)
		if after.s("level") != "xa" || slices.Contains(confers(after), "bang_khen_thu_tuong") || after.n("version") != o.n("version") {
			t.Fatalf("the commune after refused changes: %v", after)
		}
		// Sent back as read, the list is no change: a rename goes through.
		after["name"] = "Ủy ban nhân dân xã Đông Hòa mới"
		if got := communeAdmin.want(http.StatusOK, "PUT", path, after); got.s("name") != "Ủy ban nhân dân xã Đông Hòa mới" {
			t.Errorf("rename: %v", got)
		}
		cur := provAdmin.want(http.StatusOK, "GET", path, nil)
		cur["level"] = "so_nganh"
		delete(cur, "confers")
		if got := provAdmin.want(http.StatusOK, "PUT", path, cur); got.s("level") != "so_nganh" || slices.Contains(confers(got), "thon_to_dan_pho_van_hoa") {
			t.Errorf("the province changes the commune's level: %v", got)
		}
	})
}
