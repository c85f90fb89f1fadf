package rules

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// publicCases are the project's public example cases, kept in the repository
// (testdata/cases/public.json, a copy of the shared cases) so that a clone alone runs them.
const publicCases = "../testdata/cases/public.json"

// TestPublicCases runs every public example through RunCheck and compares each
// field of "expect" with the answer.
func TestPublicCases(t *testing.T) {
	data, err := os.ReadFile(publicCases)
	if err != nil {
		t.Fatalf("public cases not found at %s: %v", publicCases, err)
	}
	var cases []struct {
		Case   json.RawMessage `json:"case"`
		Expect map[string]any  `json:"expect"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatalf("%s holds no cases", publicCases)
	}
	for _, c := range cases {
		out, status := RunCheck(c.Case)
		var got []map[string]any
		if err := json.Unmarshal(out, &got); err != nil || len(got) != 1 {
			t.Fatalf("output not a one-element array: %s", out)
		}
		id, _ := got[0]["id"].(string)
		if status != 0 {
			t.Errorf("%s: status %d: %s", id, status, out)
			continue
		}
		for k, want := range c.Expect {
			if !reflect.DeepEqual(got[0][k], want) {
				t.Errorf("%s: %s = %v, want %v\n%s", id, k, got[0][k], want, out)
			}
		}
	}
}
