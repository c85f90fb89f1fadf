package api_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"tdkt/tdkttest"
)

// The public cases pass through POST /api/v1/check exactly as through the CLI; the
// endpoint needs no login, and a body that is not JSON is a 400 JSON error.
func TestCheckEndpointPublicCases(t *testing.T) {
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	cases := tdkttest.PublicCases(t)
	resp, err := http.Post(f.Server.URL+"/api/v1/check", "application/json", bytes.NewReader(tdkttest.CaseInputs(cases)))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	tdkttest.CheckExpect(t, cases, body)

	resp, err = http.Post(f.Server.URL+"/api/v1/check", "application/json", strings.NewReader("{không phải json"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(body), `"error"`) {
		t.Errorf("non-JSON body: %d %s", resp.StatusCode, body)
	}
}
