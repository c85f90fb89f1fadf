package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tdkt/tdkttest"
)

// bodyRoute is a route of the API that takes a request body, with its path ready to
// call and an example body built from its schema.
type bodyRoute struct {
	method, path string
	example      []byte
}

// bodyRoutes lists the operations that take a body from the OpenAPI document, which is
// generated from the route table itself, so a new route is fuzzed without a change
// here. Path parameters get an id of the fixture where the route's resource is
// obvious, and 1 elsewhere.
func bodyRoutes(t testing.TB, f *tdkttest.Fixture, token string) []bodyRoute {
	t.Helper()
	get := func(path string, v any) {
		t.Helper()
		req, _ := http.NewRequest("GET", f.Server.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
		}
	}
	var doc struct {
		Paths map[string]map[string]struct {
			RequestBody *struct {
				Content map[string]struct {
					Schema map[string]any `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
		Components struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	get("/api/v1/openapi.json", &doc)
	var settings struct {
		Items []struct {
			Key string `json:"key"`
		} `json:"items"`
	}
	get("/api/v1/rules/settings", &settings)
	key := "1"
	if len(settings.Items) > 0 {
		key = settings.Items[0].Key
	}
	person, org := strconv.FormatInt(f.PersonA.ID, 10), strconv.FormatInt(f.CommuneA.ID, 10)
	param := regexp.MustCompile(`\{[a-z]+\}`)
	var out []bodyRoute
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if op.RequestBody == nil {
				continue
			}
			p := strings.Replace(path, "/people/{id}", "/people/"+person, 1)
			p = strings.Replace(p, "/orgs/{id}", "/orgs/"+org, 1)
			p = strings.Replace(p, "{key}", key, 1)
			p = param.ReplaceAllString(p, "1")
			ex, err := json.Marshal(example(op.RequestBody.Content["application/json"].Schema, doc.Components.Schemas, 0))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, bodyRoute{strings.ToUpper(method), "/api/v1" + strings.TrimPrefix(p, "/api/v1"), ex})
		}
	}
	slices.SortFunc(out, func(a, b bodyRoute) int { return strings.Compare(a.method+a.path, b.method+b.path) })
	return out
}

// example builds a plausible value of a schema of the document: the first value of an
// enum, a date where the format says so, one item in each list. Read-only fields are
// left out, as a client would.
func example(s map[string]any, schemas map[string]map[string]any, depth int) any {
	if depth > 5 {
		return nil
	}
	if r, ok := s["$ref"].(string); ok {
		return example(schemas[strings.TrimPrefix(r, "#/components/schemas/")], schemas, depth+1)
	}
	if all, ok := s["allOf"].([]any); ok && len(all) > 0 {
		sub, _ := all[0].(map[string]any)
		return example(sub, schemas, depth+1)
	}
	if e, ok := s["enum"].([]any); ok && len(e) > 0 {
		return e[0]
	}
	switch s["type"] {
	case "string":
		if s["format"] == "date" {
			return "2026-01-15"
		}
		return "Nguyễn Thị Hồng Nhung"
	case "integer":
		return 1
	case "number":
		return 2.5
	case "boolean":
		return true
	case "array":
		items, _ := s["items"].(map[string]any)
		return []any{example(items, schemas, depth+1)}
	}
	props, _ := s["properties"].(map[string]any)
	out := map[string]any{}
	for name, p := range props {
		ps, _ := p.(map[string]any)
		if ps["readOnly"] == true {
			continue
		}
		switch v := example(ps, schemas, depth+1); {
		case v == 1 && strings.Contains(name, "year"), v == 1 && strings.HasPrefix(name, "period_"):
			out[name] = 2025 // a year the rules accept
		case name == "url":
			out[name] = "https://example.vn/thi-dua"
		default:
			out[name] = v
		}
	}
	if add, ok := s["additionalProperties"].(map[string]any); ok {
		out["khoa"] = example(add, schemas, depth+1)
	}
	return out
}

// FuzzRequestBodies sends each input as the body of every route that takes one, as
// an installation administrator who may call them all: whatever arrives, the answer
// is never a 5xx, and it is JSON (or empty for a 204).
func FuzzRequestBodies(f *testing.F) {
	for _, s := range []string{
		`{}`, `null`, `[]`, `"x"`, `{"a":`, `{"version":1}{"version":2}`,
		`{"org_id":1,"full_name":"Nguyễn Văn A","sex":"nam","group":"can_bo_cong_chuc","birth_date":"1990-02-30","cccd":"001090000001","version":1}`,
		`{"org_id":9223372036854775807,"id":-1,"year":-2147483649,"version":1e308,"score":1e400}`,
		`{"name":"A\u0000B","title":"\u202eabc","text":"\ud800","value":"\u200b"}`,
		`{"date":"31/12/2026","from":"2026-13-01","to":"0000-00-00","on":"9999-12-31","year":2026,"kind":"ca_nhan"}`,
		`{"candidates":[{"subject":{"kind":"ca_nhan","id":1},"award":"chien_si_thi_dua_co_so"}],"scores":[{"criterion_id":1,"score":null}],"items":[null]}`,
		`{"subject":{"kind":"tap_the","id":0},"award_code":"","decision":{"number":"","date":""},"rating":"hoan_thanh_xuat_sac"}`,
		"{\"full_name\":\"\xff\xfe\"}",
	} {
		f.Add([]byte(s))
	}
	fx := tdkttest.NewFixture(f, tdkttest.SQLite(f))
	token := fx.Token(f, "quantri")
	routes := bodyRoutes(f, fx, token)
	if len(routes) < 50 {
		f.Fatalf("only %d routes take a body: %v", len(routes), routes)
	}
	// One example body of each shape, so that the seeds reach past decoding into the
	// validation and the use cases.
	seen := map[string]bool{}
	for _, rt := range routes {
		if !seen[string(rt.example)] {
			seen[string(rt.example)] = true
			f.Add(rt.example)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, rt := range routes {
			req, err := http.NewRequest(rt.method, fx.Server.URL+rt.path, bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("%s %s: %v", rt.method, rt.path, err)
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatalf("%s %s: %v", rt.method, rt.path, err)
			}
			if resp.StatusCode >= 500 {
				t.Fatalf("%s %s with %q: %d %s", rt.method, rt.path, body, resp.StatusCode, b)
			}
			if resp.StatusCode == http.StatusNoContent && len(b) == 0 {
				continue
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || !json.Valid(b) {
				t.Fatalf("%s %s with %q: %d %s, not JSON: %.300s", rt.method, rt.path, body, resp.StatusCode, ct, b)
			}
		}
	})
}
