package api_test

import (
	"net/http"
	"net/url"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestSearchPeople(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin := as(t, f, "quantri")
		search := func(c *caller, query string) obj {
			t.Helper()
			return c.want(http.StatusOK, "GET", "/api/v1/people?"+query, nil)
		}
		page := search(admin, "q="+url.QueryEscape("nguyen thi"))
		if page.n("total") != 1 || len(page.list("items")) != 1 || page.list("items")[0].n("id") != f.PersonA.ID {
			t.Fatalf("nguyen thi: %v", page)
		}
		a := page.list("items")[0]
		if a.s("full_name") != "Nguyễn Thị Hồng Nhung" || a.s("birth_date") != "1985-04-02" || a.s("org_name") == "" || a["cccd"] != nil {
			t.Errorf("list item: %v (citizen ID must not be in lists)", a)
		}
		// Accent-free, any case, and decomposed (NFD) text all find the same person.
		for _, q := range []string{"tran van duc", "TRẦN VĂN", norm.NFD.String("Trần Văn Đức"), "duc"} {
			p := search(admin, "q="+url.QueryEscape(q))
			if p.n("total") != 1 || p.list("items")[0].n("id") != f.PersonB.ID {
				t.Errorf("%q: %v", q, p)
			}
		}
		if p := search(admin, "org=X02"); p.n("total") != 1 || p.list("items")[0].n("id") != f.PersonB.ID {
			t.Errorf("org=X02: %v", p)
		}
		if p := search(admin, "limit=1&offset=1"); p.n("total") != 2 || len(p.list("items")) != 1 {
			t.Errorf("paging: %v", p)
		}
		// A clerk of commune B sees nobody of commune A, and not commune A itself.
		clerkB := as(t, f, "canbo.b")
		if p := search(clerkB, "q=nguyen"); p.n("total") != 0 || len(p.list("items")) != 0 {
			t.Errorf("canbo.b finds PersonA: %v", p)
		}
		clerkB.want(http.StatusNotFound, "GET", "/api/v1/people?org=X01", nil)
		_, fields := admin.want(http.StatusUnprocessableEntity, "GET", "/api/v1/people?limit=abc", nil).errFields()
		if fields["limit"] == nil {
			t.Errorf("limit=abc: fields %v", fields)
		}
	})
}

func TestOutsideScopeIsNotFound(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		rec := as(t, f, "quantri").want(http.StatusOK, "GET", "/api/v1/people/"+itoa(f.PersonA.ID), nil)
		rating, honour := rec.list("ratings")[0], rec.list("honours")[0]
		b := as(t, f, "canbo.b") // issuing the token is audited: before counting
		before := auditCount(t, f)
		person := "/api/v1/people/" + itoa(f.PersonA.ID)
		body := rec.o("person")
		for _, c := range []struct {
			method, path string
			body         any
		}{
			{"GET", person, nil},
			{"PUT", person, body},
			{"DELETE", person + "?version=1", nil},
			{"POST", person + "/ratings", map[string]any{"year": 2022, "rating": "httnv"}},
			{"PUT", "/api/v1/ratings/" + itoa(rating.n("id")), map[string]any{"year": 2023, "rating": "htxsnv", "version": rating.n("version")}},
			{"DELETE", "/api/v1/ratings/" + itoa(rating.n("id")) + "?version=1", nil},
			{"PUT", "/api/v1/honours/" + itoa(honour.n("id")), map[string]any{"award": "giay_khen", "year": 2025,
				"decision": map[string]any{"number": "1/QĐ", "date": "2026-01-02", "issuer": "UBND"}, "version": honour.n("version")}},
			{"DELETE", "/api/v1/honours/" + itoa(honour.n("id")) + "?version=1", nil},
		} {
			code, _ := b.want(http.StatusNotFound, c.method, c.path, c.body).errFields()
			if code != "not_found" {
				t.Errorf("%s %s: code %q", c.method, c.path, code)
			}
		}
		if n := auditCount(t, f); n != before {
			t.Errorf("refused changes wrote %d audit events", n-before)
		}
		after := as(t, f, "quantri").want(http.StatusOK, "GET", person, nil)
		if after.o("person").n("version") != 1 || len(after.list("ratings")) != 3 || len(after.list("honours")) != 1 {
			t.Errorf("record changed by refused requests: %v", after)
		}
	})
}

func TestViewerMayReadNotChange(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		v := as(t, f, "xem.a")
		path := "/api/v1/people/" + itoa(f.PersonA.ID)
		p := v.want(http.StatusOK, "GET", path, nil).o("person")
		p["position"] = "Phó Chủ tịch"
		if code, _ := v.want(http.StatusForbidden, "PUT", path, p).errFields(); code != "forbidden" {
			t.Errorf("code %q", code)
		}
		v.want(http.StatusForbidden, "POST", path+"/ratings", map[string]any{"year": 2022, "rating": "httnv"})
	})
}

func TestInvalidInputNamesTheFields(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := as(t, f, "canbo.a")
		path := "/api/v1/people/" + itoa(f.PersonA.ID)
		orig := c.want(http.StatusOK, "GET", path, nil).o("person")
		before := auditCount(t, f)
		for field, value := range map[string]any{"cccd": "00118501234", "birth_date": "1985-02-30", "sex": "khac"} {
			p := obj{}
			for k, v := range orig {
				p[k] = v
			}
			p[field] = value
			code, fields := c.want(http.StatusUnprocessableEntity, "PUT", path, p).errFields()
			if code != "invalid" || fields[field] == nil {
				t.Errorf("%s=%v: code %q fields %v", field, value, code, fields)
			}
		}
		_, fields := c.want(http.StatusUnprocessableEntity, "POST", path+"/ratings", map[string]any{"year": 2022, "rating": "xuat_sac"}).errFields()
		if fields["rating"] == nil {
			t.Errorf("rating: fields %v", fields)
		}
		_, fields = c.want(http.StatusUnprocessableEntity, "POST", path+"/honours", map[string]any{"award": "giay_khen", "year": 2025,
			"decision": map[string]any{"date": "2026-01-02", "issuer": "UBND xã"}}).errFields()
		if fields["decision.number"] == nil {
			t.Errorf("honour without a decision number: fields %v", fields)
		}
		_, fields = c.want(http.StatusUnprocessableEntity, "PUT", path, map[string]any{"full_name": "X", "sex": "nu", "group": "can_bo_cong_chuc", "org_id": orig.n("org_id")}).errFields()
		if fields["version"] == nil {
			t.Errorf("PUT without version: fields %v", fields)
		}
		now := c.want(http.StatusOK, "GET", path, nil)
		if p := now.o("person"); p.n("version") != orig.n("version") || p.s("cccd") != orig.s("cccd") || p.s("birth_date") != orig.s("birth_date") {
			t.Errorf("refused PUT changed the record: %v", p)
		}
		if len(now.list("ratings")) != 3 || len(now.list("honours")) != 1 {
			t.Errorf("refused POST added a record: %v", now)
		}
		if n := auditCount(t, f); n != before {
			t.Errorf("refused changes wrote %d audit events", n-before)
		}
	})
}

func TestConcurrentUpdatesOneWins(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := as(t, f, "canbo.a")
		path := "/api/v1/people/" + itoa(f.PersonA.ID)
		p := c.want(http.StatusOK, "GET", path, nil).o("person")
		statuses := make([]int, 2)
		var wg sync.WaitGroup
		for i, pos := range []string{"Phó Chủ tịch UBND xã", "Công chức tư pháp – hộ tịch"} {
			body := obj{}
			for k, v := range p {
				body[k] = v
			}
			body["position"] = pos
			wg.Go(func() { statuses[i], _ = c.do("PUT", path, body) })
		}
		wg.Wait()
		if !(statuses[0] == 200 && statuses[1] == 409 || statuses[0] == 409 && statuses[1] == 200) {
			t.Fatalf("statuses %v, want one 200 and one 409", statuses)
		}
		if v := c.want(http.StatusOK, "GET", path, nil).o("person").n("version"); v != 2 {
			t.Errorf("version %d after one update, want 2", v)
		}
	})
}
