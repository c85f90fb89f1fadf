package exchange

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaURL is the schema's $id.
const schemaURL = "urn:tdkt:exchange:1:manifest"

// compileSchema compiles the embedded schema as another vendor would, asserting
// formats (date, date-time) as the schema's description asks.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schemaURL, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaURL)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func schemaCheck(t *testing.T, sch *jsonschema.Schema, raw []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

// openedRaw packs and opens a manifest and returns manifest.json as signed.
func openedRaw(t *testing.T, m Manifest, files map[string][]byte, key []byte) []byte {
	t.Helper()
	p, err := Open(mustPack(t, m, files, testKey(key[0])), peers(provinceKey, boardKey))
	if err != nil {
		t.Fatal(err)
	}
	return p.Raw
}

// Real packages made by Pack validate against the schema.
func TestSchemaAcceptsPackages(t *testing.T) {
	sch := compileSchema(t)
	m, files := dossierManifest()
	for name, raw := range map[string][]byte{
		"dossier":  openedRaw(t, m, files, provinceKey),
		"returned": openedRaw(t, returnedStatus(), nil, boardKey),
		"decided":  openedRaw(t, decidedStatus(), nil, boardKey),
	} {
		if err := schemaCheck(t, sch, raw); err != nil {
			t.Errorf("%s: the schema refuses a package made by Pack: %v", name, err)
		}
	}
}

// The schema and the Go reader (Open's checks of members, then Validate) agree: the
// same manifests are accepted by both and refused by both.
func TestSchemaAndValidateAgree(t *testing.T) {
	sch := compileSchema(t)
	m, files := dossierManifest()
	bases := map[string][]byte{
		"dossier":  openedRaw(t, m, files, provinceKey),
		"returned": openedRaw(t, returnedStatus(), nil, boardKey),
		"decided":  openedRaw(t, decidedStatus(), nil, boardKey),
	}
	const del = "\x00delete"
	type change struct {
		path  string
		value any // del removes the member
	}
	for _, tc := range []struct {
		name    string
		base    string
		changes []change
		valid   bool
		// structBlind: a Go struct reads the missing member as its zero value, which
		// Validate accepts; the members check of Open refuses it instead.
		structBlind bool
	}{
		// Accepted by both.
		{name: "as packed", base: "dossier", valid: true},
		{name: "returned as packed", base: "returned", valid: true},
		{name: "decided as packed", base: "decided", valid: true},
		{name: "unknown members (additive change)", base: "dossier", valid: true, changes: []change{
			{"x_future", map[string]any{"a": 1}}, {"dossier.candidates.0.x_future", "b"}}},
		{name: "optional members empty", base: "dossier", valid: true, changes: []change{
			{"dossier.candidates.0.sex", ""}, {"dossier.candidates.0.birth_date", ""}, {"dossier.period_from", 0.0}}},
		{name: "own org code", base: "dossier", valid: true, changes: []change{{"sender.org_code", "SO-GDDT_01"}}},
		{name: "fractional seconds", base: "dossier", valid: true, changes: []change{{"created_at", "2026-12-07T08:30:00.125Z"}}},
		{name: "no history", base: "dossier", valid: true, changes: []change{{"dossier.history", []any{}}}},
		{name: "status without files", base: "decided", valid: true, changes: []change{{"files", []any{}}}},

		// Missing required members.
		{name: "missing id", base: "dossier", changes: []change{{"id", del}}},
		{name: "missing kind", base: "dossier", changes: []change{{"kind", del}}},
		{name: "missing created_at", base: "dossier", changes: []change{{"created_at", del}}},
		{name: "missing sender org code", base: "dossier", changes: []change{{"sender.org_code", del}}},
		{name: "missing receiver installation", base: "dossier", changes: []change{{"receiver.installation", del}}},
		{name: "missing dossier", base: "dossier", changes: []change{{"dossier", del}}},
		{name: "missing candidate name", base: "dossier", changes: []change{{"dossier.candidates.1.name", del}}},
		{name: "missing file hash", base: "dossier", changes: []change{{"files.0.sha256", del}}},
		{name: "missing note of a return", base: "returned", changes: []change{{"status.note", del}}},
		{name: "missing decision", base: "decided", changes: []change{{"status.decision", del}}},
		{name: "missing awardee name", base: "decided", changes: []change{{"status.decision.awardees.0.name", del}}},
		{name: "missing files", base: "dossier", structBlind: true, changes: []change{{"files", del}}},
		{name: "missing simplified", base: "dossier", structBlind: true, changes: []change{{"dossier.simplified", del}}},
		{name: "missing records", base: "dossier", structBlind: true, changes: []change{{"dossier.candidates.1.records", del}}},
		{name: "null sex", base: "dossier", structBlind: true, changes: []change{{"dossier.candidates.0.sex", nil}}},

		// Unknown kinds, states and codes.
		{name: "unknown kind", base: "dossier", changes: []change{{"kind", "letter"}}},
		{name: "unknown reward kind", base: "dossier", changes: []change{{"dossier.kind", "khac"}}},
		{name: "unknown candidate kind", base: "dossier", changes: []change{{"dossier.candidates.0.kind", "doanh_nghiep"}}},
		{name: "unknown record kind", base: "dossier", changes: []change{{"dossier.candidates.0.records.0.kind", "bonus"}}},
		{name: "unknown sex", base: "dossier", changes: []change{{"dossier.candidates.0.sex", "khac"}}},
		{name: "unknown state", base: "returned", changes: []change{{"status.state", "archived"}}},
		{name: "unknown authority", base: "decided", changes: []change{{"status.decision.authority", "bo_truong"}}},
		{name: "unknown file role", base: "dossier", changes: []change{{"files.0.role", "cover"}}},
		{name: "award not a code", base: "dossier", changes: []change{{"dossier.award", "Huân chương"}}},

		// Bad hashes.
		{name: "upper-case sha256", base: "dossier", changes: []change{{"files.0.sha256", strings.Repeat("AB", 32)}}},
		{name: "short sha256", base: "dossier", changes: []change{{"files.0.sha256", strings.Repeat("a", 63)}}},
		{name: "non-hex sha256", base: "dossier", changes: []change{{"files.0.sha256", strings.Repeat("z", 64)}}},

		// Other rules.
		{name: "created_at not UTC", base: "dossier", changes: []change{{"created_at", "2026-12-07T15:30:00+07:00"}}},
		{name: "no such day", base: "dossier", changes: []change{{"created_at", "2026-02-30T00:00:00Z"}}},
		{name: "birth date no such day", base: "dossier", changes: []change{{"dossier.candidates.0.birth_date", "1975-02-30"}}},
		{name: "birth date as dd/mm/yyyy", base: "dossier", changes: []change{{"dossier.candidates.0.birth_date", "09/03/1975"}}},
		{name: "upper-case installation", base: "dossier", changes: []change{{"sender.installation", strings.Repeat("A", 32)}}},
		{name: "empty org code", base: "dossier", changes: []change{{"receiver.org_code", ""}}},
		{name: "org code over 64", base: "dossier", changes: []change{{"receiver.org_code", strings.Repeat("G", 65)}}},
		{name: "org code with a space", base: "dossier", changes: []change{{"receiver.org_code", "000.00.00 G22"}}},
		{name: "file outside files/", base: "dossier", changes: []change{{"files.0.name", "files/../x.pdf"}}},
		{name: "file in a subfolder", base: "dossier", changes: []change{{"files.0.name", "files/a/b.pdf"}}},
		{name: "negative size", base: "dossier", changes: []change{{"files.0.size", -1.0}}},
		{name: "year out of range", base: "dossier", changes: []change{{"dossier.year", 1800.0}}},
		{name: "period from out of range", base: "dossier", changes: []change{{"dossier.period_from", 99.0}}},
		{name: "revision 0", base: "dossier", changes: []change{{"dossier.revision", 0.0}}},
		{name: "no candidates", base: "dossier", changes: []change{{"dossier.candidates", []any{}}}},
		{name: "empty title", base: "dossier", changes: []change{{"dossier.title", ""}}},
		{name: "control character in a name", base: "dossier", changes: []change{{"dossier.candidates.0.name", "Nguyễn\u0007Ánh"}}},
		{name: "negative amount", base: "decided", changes: []change{{"status.decision.awardees.0.amount_vnd", -1.0}}},
		{name: "decision with a return", base: "returned", changes: []change{{"status.decision", map[string]any{
			"number": "1", "date": "2027-01-01", "signer": "A", "signer_title": "B", "authority": "thu_tuong",
			"issuer": "Thủ tướng Chính phủ", "award": "bang_khen_thu_tuong", "awardees": []any{map[string]any{
				"candidate_ref": "ca_nhan:1", "name": "A", "amount_vnd": 1.0}}}}}},
		{name: "status carrying a dossier", base: "returned", changes: []change{{"dossier", map[string]any{}}}},
		{name: "wrong version", base: "dossier", changes: []change{{"version", "tdkt-exchange/2"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc any
			if err := json.Unmarshal(bases[tc.base], &doc); err != nil {
				t.Fatal(err)
			}
			for _, c := range tc.changes {
				if c.value == del {
					setPath(t, doc, c.path, nil, true)
				} else {
					setPath(t, doc, c.path, c.value, false)
				}
			}
			raw, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			schemaErr := schemaCheck(t, sch, raw)
			var m Manifest
			readErr := decodeManifest(raw, &m)
			validErr := m.Validate()
			if tc.valid {
				if schemaErr != nil || readErr != nil || validErr != nil {
					t.Fatalf("want accepted by both; schema: %v; members: %v; Validate: %v", schemaErr, readErr, validErr)
				}
				return
			}
			if schemaErr == nil {
				t.Fatal("the schema accepts it")
			}
			goErr := validErr
			if tc.structBlind {
				if validErr != nil {
					t.Fatalf("Validate refuses a struct-blind case (%v): move the case", validErr)
				}
				goErr = readErr
			}
			if goErr == nil {
				t.Fatalf("the schema refuses it (%v) but the Go reader accepts it", schemaErr)
			}
			want := CodeBadManifest
			if tc.name == "wrong version" {
				want = CodeBadVersion
			}
			wantRefusal(t, goErr, want)
		})
	}
}

// setPath sets (or deletes) the member at a dotted path; numbers index lists.
func setPath(t *testing.T, doc any, path string, value any, remove bool) {
	t.Helper()
	parts := strings.Split(path, ".")
	cur := doc
	for i, p := range parts {
		last := i == len(parts)-1
		switch x := cur.(type) {
		case map[string]any:
			if last {
				if remove {
					if _, ok := x[p]; !ok {
						t.Fatalf("%s: no member to delete", path)
					}
					delete(x, p)
				} else {
					x[p] = value
				}
				return
			}
			cur = x[p]
		case []any:
			n, err := strconv.Atoi(p)
			if err != nil || n >= len(x) || last {
				t.Fatalf("%s: bad index %q", path, p)
			}
			cur = x[n]
		default:
			t.Fatalf("%s: %q is not inside an object or a list", path, p)
		}
	}
}
