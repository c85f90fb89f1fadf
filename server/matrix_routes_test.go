package server_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"tdkt/web"
)

// sweepRoute is one route of the whole application as the matrix sweeps it.
type sweepRoute struct {
	API     bool
	Method  string // "" for a pattern that takes any method (swept with GET)
	Pattern string // the ServeMux path, "/api/v1/people/{id}"
	Public  bool   // answers without an account
	// API only: the request body's schema properties and the query parameters.
	Body  map[string]any
	Query []string
}

func (r sweepRoute) String() string {
	m := r.Method
	if m == "" {
		m = "ANY"
	}
	return m + " " + r.Pattern
}

// allRoutes lists every route the server serves, from where each is declared: the API
// from its served OpenAPI document (generated from the route table), the pages from
// web.Routes, and the server's own few from server.go's source. Nothing is listed by
// hand, so a new route is swept the day it is added.
func allRoutes(t *testing.T, base string) []sweepRoute {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var doc struct {
		Paths      map[string]map[string]openAPIOp
		Components struct {
			Schemas map[string]struct {
				Properties map[string]any
			}
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc.Paths) == 0 {
		t.Fatalf("the OpenAPI document: %v: %.200s", err, raw)
	}
	var out []sweepRoute
	for path, ops := range doc.Paths {
		for method, op := range ops {
			r := sweepRoute{API: true, Method: strings.ToUpper(method), Pattern: path, Public: op.Security != nil && len(*op.Security) == 0}
			for _, p := range op.Parameters {
				if p.In == "query" {
					r.Query = append(r.Query, p.Name)
				}
			}
			if ref := op.RequestBody.Content.JSON.Schema.Ref; ref != "" {
				name := strings.TrimPrefix(ref, "#/components/schemas/")
				s, ok := doc.Components.Schemas[name]
				if !ok {
					t.Fatalf("%s %s: request schema %s is not in the document", r.Method, path, name)
				}
				r.Body = s.Properties
				if r.Body == nil {
					r.Body = map[string]any{}
				}
			}
			out = append(out, r)
		}
	}
	for _, wr := range web.Routes() {
		out = append(out, sweepRoute{Method: wr.Method, Pattern: wr.Pattern, Public: !strings.HasPrefix(wr.Pattern, "/app/") ||
			wr.Pattern == "/app/login" || wr.Pattern == "/app/logout"})
	}
	for _, p := range serverPatterns(t) {
		method, path, _ := strings.Cut(p, " ")
		out = append(out, sweepRoute{Method: method, Pattern: path, Public: !strings.HasPrefix(path, "/app/")})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// openAPIOp is what the matrix reads of an OpenAPI operation.
type openAPIOp struct {
	Security   *[]any
	Parameters []struct{ Name, In string }
	// RequestBody.Content["application/json"].Schema.$ref
	RequestBody struct {
		Content struct {
			JSON struct {
				Schema struct {
					Ref string `json:"$ref"`
				}
			} `json:"application/json"`
		}
	}
}

// serverPatterns reads the patterns server.go registers itself (the health check,
// the profiles) from its source: the string literal given to mux.Handle or
// mux.HandleFunc.
func serverPatterns(t *testing.T) []string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "server.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Handle" && sel.Sel.Name != "HandleFunc") {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "mux" {
			return true
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			t.Fatalf("server.go registers a pattern that is not a literal: %#v", call.Args[0])
		}
		s, _ := strconv.Unquote(lit.Value)
		out = append(out, s)
		return true
	})
	if len(out) < 2 {
		t.Fatalf("server.go: found only %v", out)
	}
	return out
}

// paramRule fills one path parameter of the routes under a prefix.
type paramRule struct {
	Prefix, Param string
	// Of is the value: a record of commune B (or the province, or the installation),
	// or for a fixed parameter (a file name) a value valid for any record.
	Of func(w *world) string
	// Fixed marks a parameter that names no record (a form, a file name): a route whose
	// parameters are all fixed is swept as a list.
	Fixed bool
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// paramRules says which record of ANOTHER unit each path parameter points at. The
// longest prefix that a route's pattern starts with wins. A parameter that no rule
// fills fails the test (TestScopeAndRoleMatrix), so a new route cannot be skipped
// silently: add its line here.
var paramRules = []paramRule{
	// The JSON API.
	{"/api/v1/people/{id}", "id", func(w *world) string { return id(w.PersonB.ID) }, false},
	{"/api/v1/ratings/{id}", "id", func(w *world) string { return id(w.Rating) }, false},
	{"/api/v1/initiatives/{id}", "id", func(w *world) string { return id(w.Initiative) }, false},
	{"/api/v1/discipline/{id}", "id", func(w *world) string { return id(w.Discipline) }, false},
	{"/api/v1/honours/{id}", "id", func(w *world) string { return id(w.Honour) }, false},
	{"/api/v1/collectives/{id}", "id", func(w *world) string { return id(w.Collective) }, false},
	{"/api/v1/households/{id}", "id", func(w *world) string { return id(w.Household) }, false},
	{"/api/v1/orgs/{id}", "id", func(w *world) string { return id(w.CommuneB.ID) }, false},
	{"/api/v1/dossiers/{id}", "id", func(w *world) string { return id(w.Draft.ID) }, false},
	{"/api/v1/dossiers/{id}/candidates/{cid}", "cid", func(w *world) string { return id(w.DraftCandidate) }, false},
	{"/api/v1/dossiers/{id}/certificates", "id", func(w *world) string { return id(w.Decided.ID) }, false},
	{"/api/v1/dossiers/{id}/package", "id", func(w *world) string { return id(w.Decided.ID) }, false},
	{"/api/v1/dossiers/{id}/files/{fid}", "fid", func(w *world) string { return id(w.DraftFile) }, false},
	{"/api/v1/dossiers/{id}/documents/{name}", "name", func(*world) string { return "to-trinh.pdf" }, true},
	{"/api/v1/dossiers/{id}/comments", "id", func(w *world) string { return id(w.AtCouncil.ID) }, false},
	{"/api/v1/dossiers/{id}/comments/{cid}", "cid", func(w *world) string { return id(w.Comment) }, false},
	{"/api/v1/decisions/{id}", "id", func(w *world) string { return id(w.Decision) }, false},
	{"/api/v1/certificates/{id}", "id", func(w *world) string { return id(w.Certificate) }, false},
	{"/api/v1/award-items/{id}", "id", func(w *world) string { return id(w.AwardItem) }, false},
	// A certificate's token is printed on it as a QR code: verifying it is public by design.
	{"/api/v1/certificates/verify/{token}", "token", func(w *world) string { return w.CertificateToken }, false},
	{"/api/v1/councils/{id}", "id", func(w *world) string { return id(w.Council) }, false},
	{"/api/v1/meetings/{id}", "id", func(w *world) string { return id(w.Meeting) }, false},
	{"/api/v1/clusters/{id}", "id", func(w *world) string { return id(w.Cluster) }, false},
	{"/api/v1/clusters/{id}/members/{mid}", "mid", func(w *world) string { return id(w.ClusterMember) }, false},
	{"/api/v1/congresses/{id}", "id", func(w *world) string { return id(w.Congress) }, false},
	{"/api/v1/congresses/{id}/examples/{eid}", "eid", func(w *world) string { return id(w.Example) }, false},
	{"/api/v1/typical-examples/{id}", "id", func(w *world) string { return id(w.Example) }, false}, // not published
	{"/api/v1/articles/{id}", "id", func(w *world) string { return id(w.Article) }, false},
	{"/api/v1/news/{slug}", "slug", func(w *world) string { return w.ArticleSlug }, false}, // not published
	{"/api/v1/movements/{id}", "id", func(w *world) string { return id(w.Movement) }, false},
	{"/api/v1/registrations/{id}", "id", func(w *world) string { return id(w.Registration) }, false},
	{"/api/v1/nominations/{id}", "id", func(w *world) string { return id(w.Draft.ID) }, false}, // not open for comment
	// The honour roll shows whoever holds an honour: these hold none.
	{"/api/v1/honour-roll/people/{id}", "id", func(w *world) string { return id(w.Quiet) }, false},
	{"/api/v1/honour-roll/collectives/{id}", "id", func(w *world) string { return id(w.QuietCollective) }, false},
	{"/api/v1/jobs/{id}", "id", func(w *world) string { return id(w.Job) }, false},
	{"/api/v1/links/{id}", "id", func(w *world) string { return id(w.PortalLink) }, false},
	{"/api/v1/calendar/{id}", "id", func(w *world) string { return id(w.CalendarDay) }, false},
	{"/api/v1/rules/settings/{key}", "key", func(w *world) string { return w.RuleKey }, false},
	{"/api/v1/statistics/{form}", "form", func(*world) string { return "0601" }, true},
	{"/api/v1/accounts/{id}", "id", func(w *world) string { return id(w.ClerkB.ID) }, false},
	{"/api/v1/me/tokens/{id}", "id", func(w *world) string { return id(w.TokenB) }, false},
	{"/api/v1/me/sessions/{ref}", "ref", func(w *world) string { return w.SessionRef }, false},

	// The public portal.
	{"/y-kien/{id}", "id", func(w *world) string { return id(w.Draft.ID) }, false},
	{"/xac-minh/{token}", "token", func(w *world) string { return w.CertificateToken }, false},
	{"/dien-hinh/{id}", "id", func(w *world) string { return id(w.Example) }, false},
	{"/tin-tuc/{slug}", "slug", func(w *world) string { return w.ArticleSlug }, false},
	{"/tin-tuc/anh/{id}", "id", func(w *world) string { return id(w.ArticleImage) }, false},
	{"/bang-vang/ca-nhan/{id}", "id", func(w *world) string { return id(w.Quiet) }, false},
	{"/bang-vang/tap-the/{id}", "id", func(w *world) string { return id(w.QuietCollective) }, false},

	// The staff application.
	{"/app/dashboard/{file}", "file", func(*world) string { return "units.csv" }, true},
	{"/app/people/{id}", "id", func(w *world) string { return id(w.PersonB.ID) }, false},
	// Undoing a deletion names the record kind and commune B's rating (never deleted:
	// commune A's accounts must get 404 before anything else is said of it).
	{"/app/undo/{kind}", "kind", func(*world) string { return "rating" }, true},
	{"/app/undo/{kind}/{id}", "id", func(w *world) string { return id(w.Rating) }, false},
	{"/app/accounts/{id}", "id", func(w *world) string { return id(w.ClerkB.ID) }, false},
	{"/app/account/tokens/{id}", "id", func(w *world) string { return id(w.TokenB) }, false},
	{"/app/account/sessions/{ref}", "ref", func(w *world) string { return w.SessionRef }, false},
	{"/app/people/{id}/ratings/{rid}", "rid", func(w *world) string { return id(w.Rating) }, false},
	{"/app/people/{id}/initiatives/{rid}", "rid", func(w *world) string { return id(w.Initiative) }, false},
	{"/app/people/{id}/discipline/{rid}", "rid", func(w *world) string { return id(w.Discipline) }, false},
	{"/app/people/{id}/honours/{rid}", "rid", func(w *world) string { return id(w.Honour) }, false},
	{"/app/collectives/{id}", "id", func(w *world) string { return id(w.Collective) }, false},
	{"/app/collectives/{id}/ratings/{rid}", "rid", func(w *world) string { return id(w.CollectiveRating) }, false},
	{"/app/collectives/{id}/honours/{rid}", "rid", func(w *world) string { return id(w.CollectiveHonour) }, false},
	{"/app/collectives/{id}/initiatives/{rid}", "rid", func(w *world) string { return id(w.CollectiveInitiative) }, false},
	// A collective keeps no discipline: commune B's person's stands in.
	{"/app/collectives/{id}/discipline/{rid}", "rid", func(w *world) string { return id(w.Discipline) }, false},
	{"/app/households/{id}", "id", func(w *world) string { return id(w.Household) }, false},
	{"/app/households/{id}/honours/{rid}", "rid", func(w *world) string { return id(w.HouseholdHonour) }, false},
	// A household keeps only honours: commune B's person's records stand in.
	{"/app/households/{id}/ratings/{rid}", "rid", func(w *world) string { return id(w.Rating) }, false},
	{"/app/households/{id}/initiatives/{rid}", "rid", func(w *world) string { return id(w.Initiative) }, false},
	{"/app/households/{id}/discipline/{rid}", "rid", func(w *world) string { return id(w.Discipline) }, false},
	{"/app/dossiers/{id}", "id", func(w *world) string { return id(w.Draft.ID) }, false},
	{"/app/dossiers/{id}/candidates/{cid}", "cid", func(w *world) string { return id(w.DraftCandidate) }, false},
	{"/app/dossiers/{id}/files/{fid}", "fid", func(w *world) string { return id(w.DraftFile) }, false},
	{"/app/dossiers/{id}/documents/{name}", "name", func(*world) string { return "to-trinh.pdf" }, true},
	{"/app/dossiers/{id}/comments/", "id", func(w *world) string { return id(w.AtCouncil.ID) }, false},
	{"/app/dossiers/{id}/comments/{cid}", "cid", func(w *world) string { return id(w.Comment) }, false},
	{"/app/dossiers/{id}/decision", "id", func(w *world) string { return id(w.Decided.ID) }, false},
	{"/app/dossiers/{id}/decision/{name}", "name", func(*world) string { return "quyet-dinh.pdf" }, true},
	{"/app/dossiers/{id}/certificates", "id", func(w *world) string { return id(w.Decided.ID) }, false},
	{"/app/dossiers/{id}/certificates/{cid}", "cid", func(w *world) string { return id(w.Certificate) }, false},
	{"/app/dossiers/{id}/package", "id", func(w *world) string { return id(w.Decided.ID) }, false},
	{"/app/dossiers/{id}/sign/{doc}", "doc", func(*world) string { return "to-trinh" }, true},
	{"/api/v1/dossiers/{id}/signing/{doc}", "doc", func(*world) string { return "to-trinh" }, true},
	{"/app/decisions/{id}", "id", func(w *world) string { return id(w.Decision) }, false},
	{"/app/decisions/{id}/items/{lid}", "lid", func(w *world) string { return id(w.AwardItem) }, false},
	{"/app/councils/{id}", "id", func(w *world) string { return id(w.Council) }, false},
	{"/app/meetings/{id}", "id", func(w *world) string { return id(w.Meeting) }, false},
	{"/app/meetings/{id}/documents/{name}", "name", func(*world) string { return "bien-ban.pdf" }, true},
	{"/app/meetings/{id}/sign/{doc}", "doc", func(*world) string { return "bien-ban" }, true},
	{"/app/congresses/{id}", "id", func(w *world) string { return id(w.Congress) }, false},
	{"/app/congresses/{id}/examples/{eid}", "eid", func(w *world) string { return id(w.Example) }, false},
	{"/app/news/{id}", "id", func(w *world) string { return id(w.Article) }, false},
	{"/app/news/{id}/images/{iid}", "iid", func(w *world) string { return id(w.ArticleImage) }, false},
	{"/app/movements/{id}", "id", func(w *world) string { return id(w.Movement) }, false},
	{"/app/movements/{id}/files/{fid}", "fid", func(w *world) string { return id(w.MovementFile) }, false},
	{"/app/registrations/{id}", "id", func(w *world) string { return id(w.Registration) }, false},
	{"/app/clusters/{id}", "id", func(w *world) string { return id(w.Cluster) }, false},
	{"/app/clusters/{id}/members/{mid}", "mid", func(w *world) string { return id(w.ClusterMember) }, false},
	{"/app/clusters/{id}/grade/{mid}", "mid", func(w *world) string { return id(w.ClusterMember) }, false},
	{"/app/clusters/{id}/evidence/{sid}", "sid", func(w *world) string { return id(w.ClusterSelfScore) }, false},
	{"/app/imports/templates/{file}", "file", func(*world) string { return "staff.xlsx" }, true},
	{"/app/imports/{id}", "id", func(w *world) string { return id(w.Import) }, false},
	{"/app/jobs/{id}", "id", func(w *world) string { return id(w.Job) }, false},
	{"/app/orgs/{id}", "id", func(w *world) string { return id(w.CommuneB.ID) }, false},
	{"/app/admin/rules/{key}", "key", func(w *world) string { return w.RuleKey }, false},
	{"/app/admin/calendar/{id}", "id", func(w *world) string { return id(w.CalendarDay) }, false},
	{"/app/admin/links/{id}", "id", func(w *world) string { return id(w.PortalLink) }, false},
	{"/app/admin/signatures/roots/{id}", "id", func(w *world) string { return id(w.TrustRoot) }, false},
	{"/app/notifications/{id}", "id", func(w *world) string { return id(w.NotificationB) }, false},
	{"/app/admin/submission-dates/{id}", "id", func(w *world) string { return id(w.SubmissionDateB) }, false},
	// A reset link's token is a secret of its own: any value shows the form or refuses.
	{"/dat-lai-mat-khau/{token}", "token", func(*world) string { return "khong-phai-lien-ket-that" }, true},
}

var wildcard = regexp.MustCompile(`\{([a-z_]+)(\.\.\.)?\}`)

// fill resolves a route's path parameters: the URL path to request, whether any
// parameter points at a record (rather than a fixed name), and the parameters that
// no rule fills.
func fill(w *world, pattern string) (path string, record bool, missing []string) {
	path = strings.TrimSuffix(pattern, "{$}")
	for _, m := range wildcard.FindAllStringSubmatch(pattern, -1) {
		var best *paramRule
		for i := range paramRules {
			r := &paramRules[i]
			if r.Param == m[1] && strings.HasPrefix(pattern, r.Prefix) && (best == nil || len(r.Prefix) > len(best.Prefix)) {
				best = r
			}
		}
		if best == nil {
			missing = append(missing, m[0])
			continue
		}
		v := best.Of(w)
		if v == "" || v == "0" {
			missing = append(missing, m[0]+" (the world has no such record)")
			continue
		}
		path = strings.Replace(path, m[0], v, 1)
		record = record || !best.Fixed
	}
	return path, record, missing
}

// notForTheKeeper are the GET routes on a record that even its keeper gets no page
// from, each for its reason; every other GET route on a record must answer commune
// B's clerk or the installation's administrator, which proves that the matrix's
// records are the right ones and its 404s are the scope's.
var notForTheKeeper = map[string]string{
	"GET /api/v1/honour-roll/people/{id}":               "the honour roll knows only holders of an honour",
	"GET /api/v1/honour-roll/collectives/{id}":          "the honour roll knows only holders of an honour",
	"GET /bang-vang/ca-nhan/{id}":                       "the honour roll knows only holders of an honour",
	"GET /bang-vang/tap-the/{id}":                       "the honour roll knows only holders of an honour",
	"GET /api/v1/news/{slug}":                           "the article is not published",
	"GET /tin-tuc/{slug}":                               "the article is not published",
	"GET /tin-tuc/anh/{id}":                             "the article is not published",
	"GET /api/v1/nominations/{id}":                      "the dossier is not open for comment",
	"GET /y-kien/{id}":                                  "the dossier is not open for comment",
	"GET /api/v1/typical-examples/{id}":                 "the typical example is not published",
	"GET /api/v1/typical-examples/{id}/photo":           "the typical example is not published",
	"GET /dien-hinh/{id}":                               "the typical example is not published",
	"GET /dien-hinh/{id}/anh":                           "the typical example is not published",
	"GET /app/jobs/{id}/result":                         "no worker runs in the test: the job has no result",
	"GET /app/collectives/{id}/discipline/new":          "a collective has no discipline",
	"GET /app/collectives/{id}/discipline/{rid}/edit":   "a collective has no discipline",
	"GET /app/households/{id}/discipline/new":           "a household has only honours",
	"GET /app/households/{id}/discipline/{rid}/edit":    "a household has only honours",
	"GET /app/collectives/{id}/discipline/{rid}/delete": "a collective has no discipline",
	"GET /app/households/{id}/discipline/{rid}/delete":  "a household has only honours",
	"GET /app/households/{id}/initiatives/{rid}/delete": "a household has only honours",
	"GET /app/households/{id}/ratings/{rid}/delete":     "a household has only honours",
	"GET /app/households/{id}/initiatives/new":          "a household has only honours",
	"GET /app/households/{id}/initiatives/{rid}/edit":   "a household has only honours",
	"GET /app/households/{id}/ratings/new":              "a household has only honours",
	"GET /app/households/{id}/ratings/{rid}/edit":       "a household has only honours",
}
