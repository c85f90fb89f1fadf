package server_test

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// Control and invisible characters are refused at the edge with a 400 that names
// where they were, on both databases (a NUL was a 500 on PostgreSQL); huge page
// numbers are bounded instead of overflowing.
func TestHostileInputAtTheEdges(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		anon := f.Client(t, "")
		clerk := f.Client(t, "canbo.a")
		tok := f.Token(t, "canbo.a")
		do := func(c *http.Client, method, path, ctype, body string, bearer bool) (int, string) {
			t.Helper()
			req, err := http.NewRequest(method, f.Server.URL+path, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if ctype != "" {
				req.Header.Set("Content-Type", ctype)
			}
			if bearer {
				req.Header.Set("Authorization", "Bearer "+tok)
			}
			req.Header.Set("Origin", f.Server.URL)
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}
		for _, path := range []string{"/bang-vang?q=" + url.QueryEscape("a\x00b"), "/app/people?q=%00", "/api/v1/people?q=%E2%80%AE"} {
			c := anon
			if strings.HasPrefix(path, "/app/") {
				c = clerk
			}
			if code, body := do(c, "GET", path, "", "", strings.HasPrefix(path, "/api/")); code != http.StatusBadRequest || !strings.Contains(body, "«q»") {
				t.Errorf("GET %s: %d %.300s", path, code, body)
			}
		}
		person := `{"org_id": %d, "full_name": "Nguyễn Văn A%s", "sex": "nam", "group": "can_bo_cong_chuc"}`
		for name, hidden := range map[string]string{"NUL": `\u0000`, "bidi override": "\u202e", "zero width": `\u200b`} {
			code, body := do(anon, "POST", "/api/v1/people", "application/json", strings.Replace(strings.Replace(person, "%d", itoa(f.CommuneA.ID), 1), "%s", hidden, 1), true)
			if code != http.StatusBadRequest || !strings.Contains(body, "full_name") {
				t.Errorf("a name with a %s: %d %.300s", name, code, body)
			}
		}
		form := url.Values{"full_name": {"Trần\u200dThị B"}, "sex": {"nu"}}
		if code, body := do(clerk, "POST", "/app/people/new", "application/x-www-form-urlencoded", form.Encode(), false); code != http.StatusBadRequest || !strings.Contains(body, "full_name") {
			t.Errorf("a form with a zero-width joiner: %d %.300s", code, body)
		}
		if code, body := do(anon, "GET", "/api/v1/people?offset=9223372036854775807", "", "", true); code != http.StatusUnprocessableEntity {
			t.Errorf("a huge offset: %d %.300s", code, body)
		}
		for _, path := range []string{"/app/people?page=9223372036854775807", "/app/people?page=4611686018427387904"} {
			if code, _ := do(clerk, "GET", path, "", "", false); code != http.StatusOK {
				t.Errorf("GET %s: %d, want a page", path, code)
			}
		}
		if code, _ := do(anon, "GET", "/bang-vang?page=9223372036854775807", "", "", false); code != http.StatusOK {
			t.Errorf("a huge honour-roll page: %d", code)
		}
		var n int64
		if err := db.View(t.Context(), func(tx *sqldb.Tx) error {
			var err error
			n, err = tx.Int(t.Context(), `SELECT count(*) FROM people WHERE full_name LIKE 'Nguyễn Văn A%' OR full_name LIKE 'Trần%Thị B'`)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d people with hidden characters were stored", n)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
