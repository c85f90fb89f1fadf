package exchange

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// shape is what the schema requires of one kind of JSON object: its required members
// and the shapes of its nested objects and lists of objects. A Go struct cannot tell a
// missing member from a zero one ("simplified": false, "files": []), so Open checks
// the members on the JSON itself, as a schema validator would.
type shape struct {
	required []string
	optional []string
	objects  map[string]*shape // member → shape of the object it holds
	lists    map[string]*shape // member → shape of each element of the list it holds
}

var manifestShape = func() *shape {
	party := &shape{required: []string{"installation", "org_code", "org_name"}}
	record := &shape{required: []string{"kind", "year", "label"},
		optional: []string{"code", "title", "scope", "decision_number", "decision_date", "issuer"}}
	candidate := &shape{required: []string{"ref", "kind", "name", "records"},
		optional: []string{"sex", "birth_date", "ethnicity", "position", "unit", "justification"},
		lists:    map[string]*shape{"records": record}}
	event := &shape{required: []string{"at", "actor", "action"}, optional: []string{"note"}}
	dossier := &shape{
		required: []string{"ref", "award", "award_name", "kind", "year", "period_from", "simplified", "title", "reason", "number", "proposed_by", "revision", "candidates", "history"},
		objects:  map[string]*shape{"proposed_by": party},
		lists:    map[string]*shape{"candidates": candidate, "history": event},
	}
	awardee := &shape{required: []string{"candidate_ref", "name", "amount_vnd"}}
	decision := &shape{
		required: []string{"number", "date", "signer", "signer_title", "authority", "issuer", "award", "awardees"},
		lists:    map[string]*shape{"awardees": awardee},
	}
	status := &shape{required: []string{"dossier_ref", "state", "at"}, optional: []string{"note", "decision"},
		objects: map[string]*shape{"decision": decision}}
	file := &shape{required: []string{"name", "role", "title", "media_type", "size", "sha256"}}
	return &shape{
		required: []string{"version", "id", "kind", "sender", "receiver", "created_at", "files"},
		optional: []string{"dossier", "status"},
		objects:  map[string]*shape{"sender": party, "receiver": party, "dossier": dossier, "status": status},
		lists:    map[string]*shape{"files": file},
	}
}()

// checkMembers refuses a manifest whose JSON lacks a required member, holds a null
// anywhere (the schema allows none), or holds a member that differs from a known one
// only by case ("ID" beside "id"): Go's decoder would read it as the known member and
// a schema validator would not, so the two readers would see different manifests.
func checkMembers(raw []byte) error {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return refuse(CodeBadManifest, "Tệp kê khai (manifest.json) không đọc được: "+err.Error()+".")
	}
	var c checker
	walkMembers(&c, "", v, manifestShape)
	return c.err()
}

func walkMembers(c *checker, path string, v any, s *shape) {
	obj, ok := v.(map[string]any)
	if !ok {
		c.add(orRoot(path), "cần một đối tượng JSON")
		return
	}
	for _, name := range s.required {
		if _, ok := obj[name]; !ok {
			c.add(orRoot(path), fmt.Sprintf("thiếu trường %q", name))
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys) // problems in a stable order
	for _, k := range keys {
		p := join(path, k)
		if s.caseVariant(k) {
			c.add(p, "trùng tên một trường đã biết, chỉ khác chữ hoa/thường")
			continue
		}
		switch child := obj[k]; {
		case child == nil:
			c.add(p, "không được là null")
		case s.objects[k] != nil:
			walkMembers(c, p, child, s.objects[k])
		case s.lists[k] != nil:
			list, ok := child.([]any)
			if !ok {
				c.add(p, "cần một danh sách JSON")
				continue
			}
			for i, e := range list {
				walkMembers(c, fmt.Sprintf("%s[%d]", p, i), e, s.lists[k])
			}
		default:
			noNulls(c, p, child)
		}
	}
}

// noNulls refuses nulls inside members this version does not describe, too.
func noNulls(c *checker, path string, v any) {
	switch x := v.(type) {
	case nil:
		c.add(path, "không được là null")
	case map[string]any:
		for k, e := range x {
			noNulls(c, join(path, k), e)
		}
	case []any:
		for i, e := range x {
			noNulls(c, fmt.Sprintf("%s[%d]", path, i), e)
		}
	}
}

// caseVariant reports whether k is not a member of the shape but equals one ignoring case.
func (s *shape) caseVariant(k string) bool {
	for _, list := range [][]string{s.required, s.optional} {
		for _, name := range list {
			if k == name {
				return false
			}
		}
	}
	for _, list := range [][]string{s.required, s.optional} {
		for _, name := range list {
			if strings.EqualFold(k, name) {
				return true
			}
		}
	}
	return false
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func orRoot(path string) string {
	if path == "" {
		return "(gốc)"
	}
	return path
}
