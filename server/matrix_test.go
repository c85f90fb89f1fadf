package server_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// "Nobody sees what is not theirs, nobody grants themselves more." Every route of the
// application — the API from its route table, the pages from web.Routes, the server's
// own — is tried by nobody and by commune A's account of every role against commune
// B's records: a route that takes a record answers 404 (401, 403 or a redirect to the
// login page where the role or the sign-in is checked first), shows none of commune
// B's data, and changes nothing; a list, export or statistic shows no row of commune B.
func TestScopeAndRoleMatrix(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		w := newWorld(t, db)
		actors := actorsOf(t, w)
		routes := allRoutes(t, w.Server.URL)
		var onRecord, lists, self []planned
		for _, r := range routes {
			path, record, missing := fill(w, r.Pattern)
			if len(missing) > 0 {
				t.Errorf("%s: the matrix cannot fill %s: add a record of another unit to paramRules (matrix_routes_test.go)", r, strings.Join(missing, ", "))
				continue
			}
			p := planned{sweepRoute: r, Path: path}
			if r.Method == "" && strings.HasSuffix(path, "/") {
				p.Path += "khong-co-trang-nay" // the catch-all answers what no other page does
			}
			switch {
			case record:
				onRecord = append(onRecord, p)
			case selfService(p.Pattern):
				self = append(self, p)
			default:
				lists = append(lists, p)
			}
		}
		// Signing out ends the actors' sessions: it goes last.
		slices.SortStableFunc(self, func(a, b planned) int {
			return boolInt(a.Pattern == "/app/logout") - boolInt(b.Pattern == "/app/logout")
		})
		if len(onRecord) < 150 || len(lists) < 60 {
			t.Fatalf("only %d routes on a record and %d lists: the route enumeration is broken", len(onRecord), len(lists))
		}

		keeperSees(t, w, onRecord)
		prepareBodies(t, w, onRecord, append(lists, self...))
		raw := db.Raw()
		before := digest(t, raw)
		checks := 0
		for _, p := range onRecord {
			for _, a := range actors {
				checks++
				ans := a.send(t, w.Server.URL, p.API, p.sendMethod(), p.url(), p.body(w))
				if problem := judgeOnRecord(p, a, ans, w); problem != "" {
					t.Errorf("%s %s as %s: %s", p.sendMethod(), p.url(), a.Name, problem)
				}
			}
		}
		if diff := changed(before, digest(t, raw)); len(diff) > 0 {
			t.Errorf("the sweep of another unit's records changed the data:\n%s", strings.Join(diff, "\n"))
		}

		before = digest(t, raw)
		for _, p := range lists {
			for _, a := range actors {
				for _, v := range p.variants(w) {
					checks++
					u := p.Path
					if len(v.Query) > 0 {
						u += "?" + v.Query.Encode()
					}
					ans := a.send(t, w.Server.URL, p.API, p.sendMethod(), u, p.body(w))
					if problem := judgeList(p, a, ans, w, v); problem != "" {
						t.Errorf("%s %s as %s: %s", p.sendMethod(), u, a.Name, problem)
					}
				}
			}
		}
		// A list or a new record that names commune B's records creates nothing.
		if diff := changed(before, digest(t, raw)); len(diff) > 0 {
			t.Errorf("the sweep of lists and new records changed the data:\n%s", strings.Join(diff, "\n"))
		}
		// The actor's own account (password, second factor, sessions, tokens) and
		// signing out change the actor's own rows and may end its sessions: they go
		// last, and must still leak nothing of commune B and never fail.
		for _, p := range self {
			for _, a := range actors {
				checks++
				ans := a.send(t, w.Server.URL, p.API, p.sendMethod(), p.Path, p.body(w))
				if problem := judgeList(p, a, ans, w, variant{}); problem != "" {
					t.Errorf("%s %s as %s: %s", p.sendMethod(), p.Path, a.Name, problem)
				}
			}
		}

		checks += privilegeCases(t, w)
		t.Logf("%d routes (%d on another unit's record, %d lists and new records) × %d actors: %d checks",
			len(routes), len(onRecord), len(lists), len(actors), checks)
		if checks < len(routes)*len(actors) {
			t.Errorf("%d checks for %d routes × %d actors: the matrix shrank", checks, len(routes), len(actors))
		}
	})
}

// planned is a route with its parameters filled.
type planned struct {
	sweepRoute
	Path string
}

// sendMethod is the method to send: a pattern for any method is tried with GET.
func (p planned) sendMethod() string {
	if p.Method == "" {
		return http.MethodGet
	}
	return p.Method
}

// variant is one way of asking a list: its query, and whether it asks for commune B's
// unit by name (which an API list must refuse).
type variant struct {
	Query  url.Values
	Scoped bool
}

// variants of a list: as is; and for a GET, asked for commune B's unit, for the
// name of commune B's person, for the year of its records, and as the CSV and XLSX
// exports, so that a filter or an export that forgets the scope shows.
func (p planned) variants(w *world) []variant {
	plain := []variant{{Query: url.Values{}}}
	if slices.Contains(p.Query, "version") {
		plain[0].Query.Set("version", "1")
	}
	if p.sendMethod() != http.MethodGet {
		return plain
	}
	idB := strconv.FormatInt(w.CommuneB.ID, 10)
	if p.API {
		out := append(plain, variant{Query: url.Values{"q": {searchAll}, "year": {"2025"}}}, variant{Query: url.Values{"q": {searchPerson}}})
		if slices.Contains(p.Query, "org") {
			org := w.CommuneB.Code
			if strings.HasPrefix(p.Pattern, "/api/v1/statistics/") {
				org = idB // an id there, a code elsewhere
			}
			out = append(out, variant{Query: url.Values{"org": {org}}, Scoped: true})
		}
		return out
	}
	return append(plain,
		variant{Query: url.Values{"year": {"2025"}, "format": {"csv"}}},
		variant{Query: url.Values{"year": {"2025"}, "format": {"xlsx"}}},
		variant{Query: url.Values{"year": {"2025"}, "org": {w.CommuneB.Code}, "q": {searchAll}}},
		variant{Query: url.Values{"org": {idB}, "org_id": {idB}, "format": {"xlsx"}, "q": {searchPerson}}})
}

// Searches that find commune B's records where the scope is forgotten without holding
// a marker themselves (a page shows back what was searched): every marker but the
// person's name starts a word with "Zq", and searches match at word starts.
const (
	searchAll    = "Zq"
	searchPerson = "Đức"
)

// url is the path with the query that a change needs (version).
func (p planned) url() string {
	if slices.Contains(p.Query, "version") {
		return p.Path + "?version=1"
	}
	return p.Path
}

// body is what a change sends: every reference it can carry points at commune B's
// records, so that a route that trusts the body over the account's scope shows.
func (p planned) body(w *world) any {
	if p.sendMethod() == http.MethodGet {
		return nil
	}
	if b, ok := w.bodies[p.String()]; ok {
		return b
	}
	refs := map[string]any{
		"org_id": w.CommuneB.ID, "unit_org_id": w.CommuneB.ID, "parent_id": w.CommuneB.ID,
		"person_id": w.PersonB.ID, "collective_id": w.Collective, "movement_id": w.Movement, "decision_id": w.Decision,
		"example_id": w.Example, "dossier_ids": []int64{w.AtCouncil.ID}, "member_id": w.ClusterMember,
		"subject": map[string]any{"kind": string(tdkt.Individual), "id": w.PersonB.ID}, "version": 1,
	}
	if !p.API {
		f := url.Values{}
		if owner, ok := w.ownerForms[p.Path]; ok {
			return owner
		}
		for _, k := range []string{"org_id", "unit_org_id", "parent_id", "person_id", "collective_id", "movement_id", "version"} {
			f.Set(k, strconv.FormatInt(toInt(refs[k]), 10))
		}
		f.Set("org", w.CommuneB.Code)
		return f
	}
	if p.Body == nil {
		return nil
	}
	out := map[string]any{}
	for k, v := range w.ownerJSON[p.Path] {
		out[k] = v
	}
	for k := range p.Body {
		if v, ok := refs[k]; ok && out[k] == nil {
			out[k] = v
		}
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func toInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	}
	return 0
}

// publicByDesign are the routes that show another unit's record to anyone on purpose:
// a certificate's QR code verifies it for whoever holds it, with its signed decision.
var publicByDesign = map[string]bool{
	"GET /xac-minh/{token}":                   true,
	"GET /xac-minh/{token}/quyet-dinh.pdf":    true,
	"GET /api/v1/certificates/verify/{token}": true,
}

// signedOut reports an answer that sends a signed-in actor to the login page: its
// session was lost, and the check proves nothing.
func signedOut(a actor, ans answer) bool {
	return !a.Anon && ans.Status == http.StatusSeeOther && strings.HasPrefix(ans.Location, "/app/login")
}

// judgeOnRecord says what is wrong with an answer to a request on another unit's
// record, or "" when nothing is.
func judgeOnRecord(p planned, a actor, ans answer, w *world) string {
	if ans.Status >= 500 {
		return "server error " + strconv.Itoa(ans.Status)
	}
	if signedOut(a, ans) {
		return "the actor's session was lost"
	}
	if publicByDesign[p.String()] {
		return ""
	}
	if leak := ans.leaked(w.markersFor(p)); len(leak) > 0 {
		return "the answer shows commune B's " + strings.Join(leak, ", ") + " (status " + strconv.Itoa(ans.Status) + ")"
	}
	switch {
	case a.Anon && p.API && !p.Public:
		if ans.Status != http.StatusUnauthorized {
			return "status " + strconv.Itoa(ans.Status) + ", want 401"
		}
	case a.Anon && !p.API && !p.Public:
		if ans.Status != http.StatusSeeOther || !strings.HasPrefix(ans.Location, "/app/login") {
			return "status " + strconv.Itoa(ans.Status) + " to " + ans.Location + ", want 303 to the login page"
		}
	default:
		if ans.Status != http.StatusNotFound && ans.Status != http.StatusForbidden {
			return "status " + strconv.Itoa(ans.Status) + ", want 404 (or 403 for a role that may not): " + snippet(ans)
		}
	}
	return ""
}

// judgeList says what is wrong with an answer to a list, an export or a new record.
func judgeList(p planned, a actor, ans answer, w *world, v variant) string {
	if ans.Status >= 500 {
		return "server error " + strconv.Itoa(ans.Status)
	}
	if signedOut(a, ans) && !selfService(p.Pattern) {
		return "the actor's session was lost"
	}
	// A form sent back with its errors, a search box, show what was sent: that is no leak.
	sent := sentText(p.body(w)) + sentText(v.Query)
	var own []string
	for _, m := range w.markersFor(p) {
		if !strings.Contains(sent, m) {
			own = append(own, m)
		}
	}
	if leak := ans.leaked(own); len(leak) > 0 {
		return "the answer shows commune B's " + strings.Join(leak, ", ") + " (status " + strconv.Itoa(ans.Status) + ")"
	}
	if v.Scoped && !p.Public && ans.Status < 300 {
		return "status " + strconv.Itoa(ans.Status) + " for commune B's unit, want 404"
	}
	body, _ := p.body(w).(map[string]any)
	if a.Anon || !p.API || p.Public || p.sendMethod() == http.MethodGet || !namesAnotherUnit(body) {
		return ""
	}
	// A new record that names commune B's unit or records is refused for that: a
	// role that may not (403), a reference out of scope (404, or 422 naming it).
	switch ans.Status {
	case http.StatusForbidden, http.StatusNotFound:
		return ""
	case http.StatusUnprocessableEntity:
		var e struct {
			Error struct{ Fields map[string]string }
		}
		json.Unmarshal(ans.Body, &e)
		for f := range e.Error.Fields {
			if _, ref := references[f]; ref {
				return ""
			}
		}
		return "refused for another reason than commune B's reference: " + snippet(ans)
	}
	return "status " + strconv.Itoa(ans.Status) + ", want 403, 404 or 422 naming the reference: " + snippet(ans)
}

// references are the fields by which a body names a unit or a record; the body of a
// change sets them to commune B's (planned.body).
var references = map[string]bool{"org_id": true, "unit_org_id": true, "parent_id": true, "person_id": true, "collective_id": true,
	"movement_id": true, "decision_id": true, "example_id": true, "dossier_ids": true, "member_id": true, "subject": true, "people": true, "members": true}

func namesAnotherUnit(body map[string]any) bool {
	for k := range body {
		if references[k] {
			return true
		}
	}
	return false
}

func snippet(ans answer) string {
	s := ans.text()
	if len(s) > 300 {
		s = s[:300]
	}
	return s
}

// markersFor is what the answer of a route must not show: any of commune B's markers,
// but for the public portal only those of records that are not public. The honour
// roll shows whoever holds an honour, with its decision, to everyone by design.
func (w *world) markersFor(p planned) []string {
	if !p.Public {
		return w.Markers
	}
	var out []string
	for _, m := range w.Markers {
		if !slices.Contains(w.PublicMarkers, m) {
			out = append(out, m)
		}
	}
	return out
}

// sentText is the text of a request body, to tell what an answer echoes.
func sentText(body any) string {
	if f, ok := body.(url.Values); ok {
		var sb strings.Builder
		for _, vs := range f {
			sb.WriteString(strings.Join(vs, "\n") + "\n")
		}
		return sb.String()
	}
	b, _ := json.Marshal(body)
	return string(b)
}

// keeperSees checks that the records the matrix points at are the right ones: every
// GET route on a record finds it for commune B's clerk or the installation's
// administrator (an answer, or 409 for a state that has no such page yet), so that
// the 404s commune A's accounts get are the scope's.
func keeperSees(t *testing.T, w *world, onRecord []planned) {
	t.Helper()
	keepers := []actor{{Name: w.ClerkB.Login, token: w.Token(t, w.ClerkB.Login), client: w.Client(t, w.ClerkB.Login)},
		{Name: w.Admin.Login, token: w.Token(t, w.Admin.Login), client: w.Client(t, w.Admin.Login)}}
	for _, p := range onRecord {
		if p.Method != http.MethodGet {
			continue
		}
		reason, excused := notForTheKeeper[p.String()]
		found := false
		var statuses []string
		for _, k := range keepers {
			ans := k.send(t, w.Server.URL, p.API, http.MethodGet, p.url(), nil)
			statuses = append(statuses, k.Name+" "+strconv.Itoa(ans.Status))
			found = found || ans.Status < 300 || ans.Status == http.StatusConflict
		}
		switch {
		case !found && !excused:
			t.Errorf("GET %s: the record's keepers do not find it either (%s): fix its line in paramRules", p.Path, strings.Join(statuses, ", "))
		case found && excused:
			t.Errorf("GET %s: listed in notForTheKeeper (%s) but its keepers find it: %s", p.Path, reason, strings.Join(statuses, ", "))
		}
	}
}

// selfService tells the routes that act on the signed-in account itself (its
// password, second factor, sessions and tokens, its notifications, signing in, whose
// failures are audited, and signing out): they name no record of another unit, and
// may end the actor's own sessions.
func selfService(pattern string) bool {
	return pattern == "/app/logout" || pattern == "/app/login" || pattern == "/app/notifications/read-all" || strings.HasPrefix(pattern, "/app/login/") || pattern == "/app/account" || strings.HasPrefix(pattern, "/app/account/") ||
		pattern == "/api/v1/me" || strings.HasPrefix(pattern, "/api/v1/me/")
}
