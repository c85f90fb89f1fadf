package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// caller sends API requests as one account, with its Bearer token.
type caller struct {
	t     *testing.T
	base  string
	token string
}

func as(t *testing.T, f *tdkttest.Fixture, login string) *caller {
	t.Helper()
	c := &caller{t: t, base: f.Server.URL}
	if login != "" {
		c.token = f.Token(t, login)
	}
	return c
}

// do sends a request; body is sent as is when it is a string, as JSON otherwise.
func (c *caller) do(method, path string, body any) (int, []byte) {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// want sends a request, fails unless the status is status, and decodes the answer.
func (c *caller) want(status int, method, path string, body any) obj {
	c.t.Helper()
	got, b := c.do(method, path, body)
	if got != status {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, got, status, b)
	}
	if len(b) == 0 {
		return nil
	}
	var o obj
	if err := json.Unmarshal(b, &o); err != nil {
		c.t.Fatalf("%s %s: answer is not a JSON object: %v: %s", method, path, err, b)
	}
	return o
}

// obj is a decoded JSON object with short accessors for the tests.
type obj map[string]any

func (o obj) o(k string) obj {
	v, _ := o[k].(map[string]any)
	return v
}
func (o obj) s(k string) string { v, _ := o[k].(string); return v }
func (o obj) n(k string) int64  { v, _ := o[k].(float64); return int64(v) }
func (o obj) list(k string) []obj {
	var out []obj
	for _, v := range o[k].([]any) {
		out = append(out, v.(map[string]any))
	}
	return out
}

// errFields returns the code and field names of an error answer.
func (o obj) errFields() (string, map[string]any) {
	e := o.o("error")
	f, _ := e["fields"].(map[string]any)
	return e.s("code"), f
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

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
