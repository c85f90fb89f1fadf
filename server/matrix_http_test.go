package server_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// actor is one account of commune A (or nobody) as the matrix sends its requests:
// the API with its Bearer token, pages with its session cookie.
type actor struct {
	Name   string // for messages: the login, or "anonymous"
	Role   string
	Anon   bool
	token  string
	client *http.Client
}

// actorsOf signs in commune A's accounts of every role, and nobody.
func actorsOf(t *testing.T, w *world) []actor {
	t.Helper()
	out := []actor{{Name: "anonymous", Anon: true, client: w.Client(t, "")}}
	for _, a := range []struct{ login, role string }{{w.AdminA.Login, string(w.AdminA.Role)}, {w.ClerkA.Login, string(w.ClerkA.Role)},
		{w.ViewerA.Login, string(w.ViewerA.Role)}, {w.LeaderA.Login, string(w.LeaderA.Role)}, {w.CouncilA.Login, string(w.CouncilA.Role)}} {
		out = append(out, actor{Name: a.login, Role: a.role, token: w.Token(t, a.login), client: w.Client(t, a.login)})
	}
	return out
}

// answer is a response as the matrix judges it.
type answer struct {
	Status   int
	Location string
	Type     string
	Body     []byte
}

// send makes one request as a: to the API with a's token (JSON body), to pages with
// a's session (form body). Redirects are not followed.
func (a actor) send(t *testing.T, base string, api bool, method, path string, body any) answer {
	t.Helper()
	var rd io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case url.Values:
		rd, ctype = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd, ctype = bytes.NewReader(j), "application/json"
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	c := a.client
	if api {
		c = noRedirect
		if a.token != "" {
			req.Header.Set("Authorization", "Bearer "+a.token)
		}
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s as %s: %v", method, path, a.Name, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{Status: resp.StatusCode, Location: resp.Header.Get("Location"), Type: resp.Header.Get("Content-Type"), Body: b}
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// text is what a reader of the answer sees: the cells of a spreadsheet, the entries of
// a ZIP file, the body itself otherwise (HTML, JSON, CSV, XML).
func (a answer) text() string {
	if !bytes.HasPrefix(a.Body, []byte("PK")) {
		return string(a.Body)
	}
	if x, err := excelize.OpenReader(bytes.NewReader(a.Body)); err == nil {
		defer x.Close()
		var sb strings.Builder
		for _, sheet := range x.GetSheetList() {
			rows, _ := x.GetRows(sheet)
			for _, r := range rows {
				sb.WriteString(strings.Join(r, "\t"))
				sb.WriteByte('\n')
			}
		}
		return sb.String()
	}
	z, err := zip.NewReader(bytes.NewReader(a.Body), int64(len(a.Body)))
	if err != nil {
		return string(a.Body)
	}
	var sb strings.Builder
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		sb.WriteString(f.Name + "\n" + answer{Body: b}.text() + "\n")
	}
	return sb.String()
}

// leaked returns the markers of commune B's records that the answer shows.
func (a answer) leaked(markers []string) []string {
	txt := a.text()
	var out []string
	for _, m := range markers {
		if strings.Contains(txt, m) {
			out = append(out, m)
		}
	}
	return out
}

// volatile tables change with every request whoever makes it (sessions, tokens'
// last use, throttling): they are left out of the digest.
var volatile = map[string]bool{"sessions": true, "api_tokens": true, "login_failures": true, "rate_limits": true,
	"login_throttle": true, "known_devices": true, "pending_logins": true}

// digest hashes every row of every table but the volatile ones, so that a write the
// sweep should have refused shows as a changed digest, with the tables that changed.
func digest(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	var names []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		rows, err = db.Query(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)
	}
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		if !volatile[n] {
			names = append(names, n)
		}
	}
	rows.Close()
	if len(names) < 40 {
		t.Fatalf("only %d tables to digest: %v", len(names), names)
	}
	out := map[string]string{}
	for _, n := range names {
		rows, err := db.Query(`SELECT * FROM ` + n)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var sb strings.Builder
			for _, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				fmt.Fprintf(&sb, "%v\x1f", v)
			}
			lines = append(lines, sb.String())
		}
		rows.Close()
		sort.Strings(lines) // rows without an ORDER BY come in any order
		h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
		out[n] = fmt.Sprintf("%d rows %s", len(lines), hex.EncodeToString(h[:8]))
	}
	return out
}

// changed lists the tables whose digest differs.
func changed(before, after map[string]string) []string {
	var out []string
	for n, d := range after {
		if before[n] != d {
			out = append(out, n+": "+before[n]+" → "+d)
		}
	}
	sort.Strings(out)
	return out
}
