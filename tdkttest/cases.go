package tdkttest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// PublicCase is one example of testdata/cases/public.json (the repository's copy of
// the shared public cases): a question for the rules engine and the fields its answer
// must have.
type PublicCase struct {
	Case   json.RawMessage `json:"case"`
	Expect map[string]any  `json:"expect"`
}

// PublicCases reads the example cases, looking upwards from the test's folder for
// the repository's testdata/cases/public.json.
func PublicCases(t testing.TB) []PublicCase {
	t.Helper()
	dir, _ := os.Getwd()
	for i := 0; i < 6; i++ {
		p := filepath.Join(dir, "testdata", "cases", "public.json")
		if raw, err := os.ReadFile(p); err == nil {
			var cases []PublicCase
			if err := json.Unmarshal(raw, &cases); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			return cases
		}
		dir = filepath.Dir(dir)
	}
	t.Fatal("testdata/cases/public.json not found in the repository")
	return nil
}

// CaseInputs returns the cases alone, as one JSON array.
func CaseInputs(cases []PublicCase) []byte {
	in := make([]json.RawMessage, len(cases))
	for i, c := range cases {
		in[i] = c.Case
	}
	b, _ := json.Marshal(in)
	return b
}

// CheckExpect compares results (a JSON array in case order) with the expectations and
// reports every field that differs. An expected object or array item matches when
// it is a subset of the answer.
func CheckExpect(t testing.TB, cases []PublicCase, results []byte) {
	t.Helper()
	var got []map[string]any
	if err := json.Unmarshal(results, &got); err != nil || len(got) != len(cases) {
		t.Fatalf("results: %v (%d for %d cases): %.300s", err, len(got), len(cases), results)
	}
	for i, c := range cases {
		for k, want := range c.Expect {
			if !subset(got[i][k], want) {
				t.Errorf("case %v: %s = %s, want %s", got[i]["id"], k, js(got[i][k]), js(want))
			}
		}
	}
}

func js(v any) string { b, _ := json.Marshal(v); return string(b) }

func subset(got, want any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range w {
			if !subset(g[k], v) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !subset(g[i], w[i]) {
				return false
			}
		}
		return true
	}
	return bytes.Equal([]byte(js(got)), []byte(js(want)))
}
