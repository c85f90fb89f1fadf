package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// page is an answer as a test reads it.
type page struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

func do(t *testing.T, c *http.Client, req *http.Request) page {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return page{Status: resp.StatusCode, Body: string(b), Location: resp.Header.Get("Location"), Header: resp.Header}
}

func get(t *testing.T, f *tdkttest.Fixture, c *http.Client, path string) page {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, f.Server.URL+path, nil)
	return do(t, c, req)
}

func post(t *testing.T, f *tdkttest.Fixture, c *http.Client, path string, form url.Values) page {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.Server.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(t, c, req)
}

func want(t *testing.T, what string, p page, status int, texts ...string) {
	t.Helper()
	if p.Status != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, p.Status, status, excerpt(p.Body))
	}
	for _, s := range texts {
		if !strings.Contains(p.Body, s) {
			t.Fatalf("%s: page lacks %q\n%s", what, s, excerpt(p.Body))
		}
	}
}

func excerpt(s string) string {
	if i := strings.Index(s, `<main`); i >= 0 {
		s = s[i:]
	}
	if len(s) > 3000 {
		s = s[:3000]
	}
	return s
}

func recordOf(t *testing.T, f *tdkttest.Fixture, id int64) tdkt.PersonRecord {
	t.Helper()
	rec, err := f.Svc.PersonRecord(context.Background(), &f.Admin, id)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func auditCount(t *testing.T, f *tdkttest.Fixture) int64 {
	t.Helper()
	var n int64
	err := f.DB.View(context.Background(), func(tx *sqldb.Tx) (err error) {
		n, err = tx.CountAudit(context.Background())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// personForm is PersonA's edit form as the page fills it, with changes applied.
func personForm(p tdkt.Person, changes map[string]string) url.Values {
	v := url.Values{
		"full_name": {p.FullName}, "sex": {string(p.Sex)}, "birth_date": {"02/04/1985"}, "ethnicity": {p.Ethnicity},
		"cccd": {p.CCCD}, "group": {string(p.Group)}, "position": {p.Position}, "hired_on": {"01/09/2010"},
		"org_id": {itoa(p.OrgID)}, "version": {itoa(int64(p.Version))},
	}
	for k, x := range changes {
		v.Set(k, x)
	}
	return v
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// ownScripts are the application's own script tags (files under /static, allowed by
// the Content-Security-Policy); a test that looks for injected script removes them.
var ownScripts = []string{`<script src="/static/menu.js" defer></script>`, `<script src="/static/job.js" defer></script>`}

func withoutOwnScripts(body string) string {
	for _, s := range ownScripts {
		body = strings.ReplaceAll(body, s, "")
	}
	return body
}
