package server_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"tdkt"
	"tdkt/core"
)

// privilegeCase is one explicit case of the matrix: an account trying to grant itself
// more than its role and unit give, with the status the application must answer.
type privilegeCase struct {
	what   string
	as     actor
	api    bool
	method string
	path   string
	body   any
	want   []int // any of these
}

// privilegeCases are the matrix's explicit cases beyond the sweep: a unit's
// administrator widening its own unit's authority, a decided honour edited, the
// installation's settings changed by a unit's administrator (and by the
// installation's, who may), and references to commune B's records from commune A's
// new records. It returns the number of checks.
func privilegeCases(t *testing.T, w *world) int {
	t.Helper()
	base := w.Server.URL
	sign := func(login string) actor {
		return actor{Name: login, token: w.Token(t, login), client: w.Client(t, login)}
	}
	adminA, clerkA, inst := sign(w.AdminA.Login), sign(w.ClerkA.Login), sign(w.Admin.Login)
	read := func(a actor, path string) map[string]any {
		t.Helper()
		ans := a.send(t, base, true, http.MethodGet, path, nil)
		var m map[string]any
		if ans.Status != http.StatusOK || json.Unmarshal(ans.Body, &m) != nil {
			t.Fatalf("GET %s as %s: %d %s", path, a.Name, ans.Status, snippet(ans))
		}
		return m
	}
	with := func(m map[string]any, k string, v any) map[string]any {
		out := map[string]any{}
		for x, y := range m {
			out[x] = y
		}
		out[k] = v
		return out
	}

	orgA := "/api/v1/orgs/" + id(w.CommuneA.ID)
	org := read(adminA, orgA)
	delete(org, "path")

	// An honour commune A's record holds by the province's decision.
	var honour map[string]any
	rec := read(clerkA, "/api/v1/people/"+id(w.PersonA.ID))
	hs, _ := rec["honours"].([]any)
	for _, h := range hs {
		if m, ok := h.(map[string]any); ok && int64(m["id"].(float64)) == w.DecidedHonourA {
			honour = m
		}
	}
	if honour == nil {
		t.Fatalf("commune A's decided honour %d is not on its person's record: %v", w.DecidedHonourA, rec)
	}
	for _, k := range []string{"subject", "subject_name", "award_name", "org_name", "decision_id", "revoked"} {
		delete(honour, k)
	}
	version := strconv.Itoa(int(honour["version"].(float64)))

	// Commune A's own proposal, to which commune B's person must not be added.
	own, err := w.Svc.CreateDossier(w.ctx, &w.ClerkA, core.DossierInput{OrgID: w.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindSudden,
		Year: 2025, Simplified: true, Reason: "Cứu người trong lũ"})
	if err != nil {
		t.Fatal(err)
	}

	forbidden := []int{http.StatusForbidden}
	hidden := []int{http.StatusForbidden, http.StatusNotFound}
	refused := []int{http.StatusNotFound, http.StatusUnprocessableEntity}
	cases := []privilegeCase{
		{"a unit's administrator widens what its head may confer", adminA, true, "PUT", orgA,
			with(org, "confers", []string{"bang_khen_thu_tuong"}), []int{http.StatusUnprocessableEntity}},
		{"a unit's administrator raises its own unit's level", adminA, true, "PUT", orgA,
			with(org, "level", string(tdkt.LevelProvince)), forbidden},
		{"a clerk rewrites an honour a decision conferred", clerkA, true, "PUT", "/api/v1/honours/" + id(w.DecidedHonourA),
			with(honour, "award", "huan_chuong_lao_dong_hang_nhat"), forbidden},
		{"a unit's administrator rewrites an honour a decision conferred", adminA, true, "PUT", "/api/v1/honours/" + id(w.DecidedHonourA),
			with(honour, "amount_vnd", 999999999), forbidden},
		{"a clerk deletes an honour a decision conferred", clerkA, true, "DELETE", "/api/v1/honours/" + id(w.DecidedHonourA) + "?version=" + version,
			nil, forbidden},
		{"a unit's administrator rewrites another unit's decided honour", adminA, true, "PUT", "/api/v1/honours/" + id(w.DecidedHonour),
			with(honour, "award", "huan_chuong_lao_dong_hang_nhat"), []int{http.StatusNotFound}},
		{"a unit's administrator adds a day off for the installation", adminA, true, "POST", "/api/v1/calendar",
			map[string]any{"day": "2026-12-31", "off": true, "note": "Nghỉ tự đặt"}, forbidden},
		{"a unit's administrator adds a link to the portal", adminA, true, "POST", "/api/v1/links",
			map[string]any{"title": "Trang lạ", "url": "https://example.com/", "position": 2}, forbidden},
		{"a unit's administrator opens the provisions", adminA, false, "GET", "/app/admin/rules", nil, hidden},
		{"a unit's administrator opens the profiles", adminA, false, "GET", "/app/debug/pprof/", nil, hidden},
		{"the installation's administrator adds a day off", inst, true, "POST", "/api/v1/calendar",
			map[string]any{"day": "2026-12-31", "off": true, "note": "Nghỉ bù của tỉnh"}, []int{http.StatusCreated}},
		{"the installation's administrator adds a link", inst, true, "POST", "/api/v1/links",
			map[string]any{"title": "Cổng Chính phủ", "url": "https://chinhphu.vn/", "position": 2}, []int{http.StatusCreated}},
		{"the installation's administrator opens the provisions", inst, false, "GET", "/app/admin/rules", nil, []int{http.StatusOK}},
		{"the installation's administrator opens the profiles", inst, false, "GET", "/app/debug/pprof/", nil, []int{http.StatusOK}},
		{"a clerk makes commune B a collective of commune A", clerkA, true, "POST", "/api/v1/collectives",
			map[string]any{"org_id": w.CommuneA.ID, "unit_org_id": w.CommuneB.ID, "name": "Phường Ánh Dương"}, []int{http.StatusUnprocessableEntity}},
		{"a clerk registers commune B's person", clerkA, true, "POST", "/api/v1/registrations",
			map[string]any{"org_id": w.CommuneA.ID, "year": 2026, "people": []any{map[string]any{"person_id": w.PersonB.ID, "award": "chien_si_thi_dua_co_so"}}}, refused},
		{"a clerk registers for commune B", clerkA, true, "POST", "/api/v1/registrations",
			map[string]any{"org_id": w.CommuneB.ID, "year": 2026}, refused},
		{"a clerk proposes commune B's person", clerkA, true, "POST", "/api/v1/dossiers/" + id(own.ID) + "/candidates",
			map[string]any{"subject": map[string]any{"kind": string(tdkt.Individual), "id": w.PersonB.ID}, "justification": "Thành tích"}, refused},
		{"a clerk proposes commune B's collective", clerkA, true, "POST", "/api/v1/dossiers/" + id(own.ID) + "/candidates",
			map[string]any{"subject": map[string]any{"kind": string(tdkt.Collective), "id": w.Collective}, "justification": "Thành tích"}, refused},
	}
	for _, c := range cases {
		ans := c.as.send(t, base, c.api, c.method, c.path, c.body)
		ok := false
		for _, s := range c.want {
			ok = ok || ans.Status == s
		}
		if !ok {
			t.Errorf("%s (%s %s as %s): status %d, want %v: %s", c.what, c.method, c.path, c.as.Name, ans.Status, c.want, snippet(ans))
		}
	}

	// What was refused left no trace: the unit, the honour, the candidates.
	if after := read(adminA, orgA); after["level"] != org["level"] || after["version"] != org["version"] {
		t.Errorf("commune A's unit changed: %v → %v", org, after)
	}
	if v, err := w.Svc.GetDossier(w.ctx, &w.ClerkA, own.ID); err != nil || len(v.Dossier.Candidates) != 0 {
		t.Errorf("commune A's proposal took another unit's candidate: %v %+v", err, v.Dossier.Candidates)
	}
	return len(cases)
}
