package server_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// prepareBodies makes the bodies of the changes the sweep sends valid, so that a
// refusal is the scope's and not the validation's: a change of a record is sent with
// what its owner reads (the API's JSON, the page's edit form, fetched as commune B's
// clerk), and the few actions that take no record shape get a valid body here.
func prepareBodies(t *testing.T, w *world, onRecord, lists []planned) {
	t.Helper()
	w.ownerJSON, w.ownerForms = map[string]map[string]any{}, map[string]url.Values{}
	owner := actor{Name: w.ClerkB.Login, token: w.Token(t, w.ClerkB.Login), client: w.Client(t, w.ClerkB.Login)}
	// A new record is sent as a copy of commune B's record of the same kind, as its
	// owner reads it, still naming commune B: only the unit is wrong.
	for _, p := range lists {
		if !p.API || p.Method != http.MethodPost || p.Body == nil {
			continue
		}
		src, _, missing := fill(w, p.Pattern+"/{id}")
		if len(missing) > 0 {
			continue
		}
		ans := owner.send(t, w.Server.URL, true, http.MethodGet, src, nil)
		var m map[string]any
		if ans.Status == http.StatusOK && json.Unmarshal(ans.Body, &m) == nil {
			in := asInput(m, p.Body)
			delete(in, "id")
			delete(in, "version")
			w.ownerJSON[p.Path] = in
		}
	}
	for create, page := range webCopies {
		src, _, missing := fill(w, page)
		if len(missing) > 0 {
			t.Fatalf("%s: %v", page, missing)
		}
		ans := owner.send(t, w.Server.URL, false, http.MethodGet, src, nil)
		if ans.Status != http.StatusOK {
			t.Fatalf("GET %s as commune B's clerk: %d", src, ans.Status)
		}
		f := formOf(string(ans.Body))
		f.Del("version")
		w.ownerForms[create] = f
	}
	for _, p := range onRecord {
		switch {
		case p.API && p.Method == http.MethodPut:
			ans := owner.send(t, w.Server.URL, true, http.MethodGet, p.Path, nil)
			var m map[string]any
			if ans.Status == http.StatusOK && json.Unmarshal(ans.Body, &m) == nil {
				w.ownerJSON[p.Path] = asInput(m, p.Body)
			}
		case !p.API && p.Method == http.MethodPost:
			ans := owner.send(t, w.Server.URL, false, http.MethodGet, p.Path, nil)
			if ans.Status == http.StatusOK {
				if f := formOf(string(ans.Body)); len(f) > 0 {
					w.ownerForms[p.Path] = f
				}
			}
		}
	}
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	w.bodies = map[string]any{
		"POST /api/v1/certificates/{id}/revoke":            map[string]any{"reason": "Thu hồi vì khai man thành tích"},
		"POST /api/v1/clusters/{id}/criteria":              map[string]any{"group": "I. Nhiệm vụ", "name": "Tiêu chí mới", "max": 10, "weight": 1},
		"POST /api/v1/clusters/{id}/members/{mid}/return":  map[string]any{"reason": "Bổ sung minh chứng"},
		"POST /api/v1/councils/{id}/meetings":              map[string]any{"held_on": "2026-12-01", "dossier_ids": []int64{w.AtCouncil.ID}},
		"POST /api/v1/decisions/{id}/corrections":          map[string]any{"number": "77/QĐ-UBND", "date": "2026-11-21", "signer": "Nguyễn Văn Chủ", "reason": "Sai ngày ký"},
		"POST /api/v1/dossiers/{id}/comments/{cid}/answer": map[string]any{"answer": "Cảm ơn ý kiến"},
		"POST /api/v1/dossiers/{id}/candidates":            map[string]any{"subject": map[string]any{"kind": "ca_nhan", "id": w.PersonA.ID}},
		"POST /api/v1/dossiers/{id}/decision":              map[string]any{"number": "99/QĐ-UBND", "date": "2026-11-20", "signer": "Nguyễn Văn Chủ", "version": w.Draft.Version},
		"POST /api/v1/dossiers/{id}/steps":                 map[string]any{"action": "submit", "version": w.Draft.Version},
		"POST /api/v1/meetings/{id}/votes":                 map[string]any{"candidate_id": w.AtCouncilCandidate, "yes": true},
		"POST /api/v1/movements/{id}/check-ins":            map[string]any{"on": "2026-07-01", "text": "Báo cáo của xã khác"},
		"POST /api/v1/movements/{id}/reviews":              map[string]any{"kind": "so_ket", "on": "2026-07-01", "report": "Sơ kết", "version": 2},
		"POST /api/v1/nominations/{id}/comments":           map[string]any{"name": "Nguyễn Văn Dân", "body": "Tôi đồng ý"},
		"POST /api/v1/registrations/{id}/review":           map[string]any{"accept": false, "note": "Trả lại", "version": 1},
		"PUT /api/v1/calendar/{id}":                        map[string]any{"day": "2026-12-24", "off": false, "note": "Đổi ngày", "version": 1},
		// New records whose shape no record of commune B gives: complete but for the unit.
		"POST /api/v1/apparatus/units":    map[string]any{"org_id": w.CommuneB.ID, "name": "Phòng Nội vụ", "kind": "phong_so_noi_vu", "established_on": "2020-01-01"},
		"POST /api/v1/apparatus/officers": map[string]any{"person_id": w.PersonB.ID, "training": "trung_cap", "started_on": "2020-01-01"},
		"POST /api/v1/councils": map[string]any{"org_id": w.CommuneB.ID, "name": "Hội đồng Thi đua – Khen thưởng phường", "term_from": "2026-01-01",
			"members": []any{map[string]any{"login": w.ClerkB.Login, "chair": true}}},
		"POST /api/v1/registrations": map[string]any{"org_id": w.CommuneB.ID, "year": 2026,
			"people": []any{map[string]any{"person_id": w.PersonB.ID, "award": "chien_si_thi_dua_co_so"}}},
		"POST /api/v1/calendar":                        map[string]any{"day": "2026-12-30", "off": true, "note": "Nghỉ tự đặt"},
		"POST /app/clusters/{id}/members/{mid}/return": url.Values{"reason": {"Bổ sung minh chứng"}},
		"POST /app/councils/{id}/meetings":             url.Values{"held_on": {"01/12/2026"}, "place": {"Phòng họp"}, "dossier": {n(w.AtCouncil.ID)}},
		"POST /app/meetings/{id}/vote":                 url.Values{"candidate": {n(w.AtCouncilCandidate)}, "yes": {"1"}},
		"POST /app/registrations/{id}/review":          url.Values{"accept": {"0"}, "note": {"Trả lại"}, "version": {"1"}},
	}
}

// webCopies are the pages whose form a new record of the same kind copies: the edit
// form of commune B's record.
var webCopies = map[string]string{
	"/app/people/new":      "/app/people/{id}/edit",
	"/app/collectives/new": "/app/collectives/{id}/edit",
	"/app/households/new":  "/app/households/{id}/edit",
	"/app/dossiers/new":    "/app/dossiers/{id}/edit",
	"/app/movements/new":   "/app/movements/{id}/edit",
	"/app/news/new":        "/app/news/{id}/edit",
}

// asInput turns what the owner read into what a change takes: the fields of a detail
// answer's nested record lifted up, a list of tags joined into the string the input
// takes, and only the fields the input schema knows.
func asInput(read map[string]any, schema map[string]any) map[string]any {
	out := map[string]any{}
	for _, v := range read {
		if inner, ok := v.(map[string]any); ok {
			for k, x := range inner {
				out[k] = x
			}
		}
	}
	for k, v := range read {
		out[k] = v
	}
	for k, v := range out {
		prop, known := schema[k].(map[string]any)
		if !known {
			delete(out, k)
			continue
		}
		if list, ok := v.([]any); ok && prop["type"] == "string" {
			var parts []string
			for _, x := range list {
				if s, ok := x.(string); ok {
					parts = append(parts, s)
				}
			}
			out[k] = strings.Join(parts, ", ")
		}
	}
	return out
}

var (
	inputTag = regexp.MustCompile(`(?s)<input\b[^>]*>`)
	textArea = regexp.MustCompile(`(?s)<textarea\b[^>]*\bname="([^"]+)"[^>]*>(.*?)</textarea>`)
	selected = regexp.MustCompile(`(?s)<select\b[^>]*\bname="([^"]+)"[^>]*>.*?<option\b[^>]*\bvalue="([^"]*)"[^>]*\bselected`)
	attrName = regexp.MustCompile(`\bname="([^"]+)"`)
	attrVal  = regexp.MustCompile(`\bvalue="([^"]*)"`)
)

// formOf reads the fields of the forms of a page as a browser would submit them
// (checkboxes and radio buttons only when checked).
func formOf(page string) url.Values {
	f := url.Values{}
	for _, tag := range inputTag.FindAllString(page, -1) {
		name := attrName.FindStringSubmatch(tag)
		if name == nil {
			continue
		}
		if regexp.MustCompile(`type="(checkbox|radio)"`).MatchString(tag) && !regexp.MustCompile(`\bchecked\b`).MatchString(tag) {
			continue
		}
		v := ""
		if m := attrVal.FindStringSubmatch(tag); m != nil {
			v = html.UnescapeString(m[1])
		}
		f.Set(name[1], v)
	}
	for _, m := range textArea.FindAllStringSubmatch(page, -1) {
		f.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range selected.FindAllStringSubmatch(page, -1) {
		f.Set(m[1], html.UnescapeString(m[2]))
	}
	return f
}
