package api_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tdkt/api"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestOpenAPIMatchesRoutes checks that the published document and the routes are the
// same set: every route is documented, every documented operation answers (not the
// mux's 404 or 405), and every $ref of the document resolves.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		anon := as(t, f, "")
		code, body := anon.do("GET", "/api/v1/openapi.json", nil)
		if code != http.StatusOK {
			t.Fatalf("openapi.json: status %d: %s", code, body)
		}
		var doc map[string]any
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("openapi.json is not JSON: %v", err)
		}
		if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") || doc["info"] == nil || doc["paths"] == nil {
			t.Fatalf("not an OpenAPI 3 document: openapi=%v info=%v", doc["openapi"], doc["info"] != nil)
		}
		paths := doc["paths"].(map[string]any)

		documented := map[string]bool{}
		for p, item := range paths {
			for m := range item.(map[string]any) {
				documented[strings.ToUpper(m)+" "+p] = true
			}
		}
		for _, rt := range api.Routes() {
			if !documented[rt] {
				t.Errorf("route %s is not in the document", rt)
			}
		}

		admin := as(t, f, "quantri")
		wildcard := regexp.MustCompile(`\{[a-z_]+\}`)
		for op := range documented {
			if !slices.Contains(api.Routes(), op) {
				t.Errorf("documented %s is not in the route table", op)
			}
			method, path, _ := strings.Cut(op, " ")
			probe := wildcard.ReplaceAllString(path, "999999")
			var body any
			if method == "POST" || method == "PUT" {
				body = map[string]any{}
			}
			if method == "DELETE" {
				probe += "?version=1"
			}
			status, answer := admin.do(method, probe, body)
			if status == http.StatusMethodNotAllowed || status == http.StatusNotFound && strings.Contains(string(answer), api.NoRouteMessage) {
				t.Errorf("documented %s is not served: %s %s → %d %s", op, method, probe, status, answer)
			}
		}

		var refs []string
		collectRefs(doc, &refs)
		if len(refs) == 0 {
			t.Fatal("no $ref in the document")
		}
		for _, r := range refs {
			if !resolves(doc, r) {
				t.Errorf("$ref %s does not resolve", r)
			}
		}
	})
}

func collectRefs(v any, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s, ok := e.(string); ok && k == "$ref" {
				*out = append(*out, s)
			}
			collectRefs(e, out)
		}
	case []any:
		for _, e := range x {
			collectRefs(e, out)
		}
	}
}

// resolves follows a local JSON pointer ("#/components/schemas/Person").
func resolves(doc map[string]any, ref string) bool {
	if !strings.HasPrefix(ref, "#/") {
		return false
	}
	var cur any = doc
	for _, part := range strings.Split(ref[2:], "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[part]; !ok {
			return false
		}
	}
	return cur != nil
}
