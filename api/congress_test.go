package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestCongressAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin, clerkB, anon := as(t, f, "quantri"), as(t, f, "canbo.b"), as(t, f, "")
		g := admin.want(http.StatusCreated, "POST", "/api/v1/congresses", map[string]any{"org_id": f.Province.ID,
			"name": "Đại hội Thi đua yêu nước tỉnh lần thứ VI", "held_on": "2026-10-20", "period_from": 2021, "period_to": 2025})
		base := "/api/v1/congresses/" + itoa(g.n("id"))
		clerkB.want(http.StatusNotFound, "GET", base, nil)
		found := admin.want(http.StatusOK, "GET", base+"/candidates?award=chien_si_thi_dua_co_so", nil).list("items")
		if len(found) != 1 || found[0].s("name") != f.PersonA.FullName {
			t.Fatalf("candidates %v", found)
		}
		x := admin.want(http.StatusCreated, "POST", base+"/examples", map[string]any{"subject": found[0]["subject"]})
		ex := base + "/examples/" + itoa(x.n("id"))
		x = admin.want(http.StatusOK, "PUT", ex, map[string]any{"title": "Người gìn giữ ký ức làng", "body": "<script>alert(1)</script>",
			"published": true, "version": x.n("version")})
		req, _ := http.NewRequest("PUT", f.Server.URL+ex+"/photo", bytes.NewReader([]byte("GIF89a not a photo")))
		req.Header.Set("Authorization", "Bearer "+f.Token(t, "quantri"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a photo that is not an image: %d", resp.StatusCode)
		}
		pub := "/api/v1/typical-examples/" + itoa(x.n("id"))
		anon.want(http.StatusNotFound, "GET", pub, nil)
		g = admin.want(http.StatusOK, "POST", base+"/steps", map[string]any{"action": "hold", "version": g.n("version")})
		admin.want(http.StatusOK, "POST", base+"/steps", map[string]any{"action": "publish", "version": g.n("version")})
		code, body := anon.do("GET", pub, nil)
		if code != http.StatusOK || !strings.Contains(string(body), "125/QĐ-UBND") || strings.Contains(string(body), f.PersonA.CCCD) ||
			strings.Contains(string(body), f.PersonA.BirthDate) {
			t.Errorf("public example %d %s", code, body)
		}
		list := anon.want(http.StatusOK, "GET", "/api/v1/typical-examples", nil).list("items")
		if len(list) != 1 || len(list[0].list("typical_examples")) != 1 {
			t.Errorf("public list %v", list)
		}
	})
}
