package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestNewsAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		if _, err := f.Svc.CreateAccount(context.Background(), nil, core.NewAccount{Login: "lanhdao", Name: "Lê Văn Minh",
			Password: tdkttest.Password, Role: tdkt.RoleLeader, OrgCode: "T01"}); err != nil {
			t.Fatal(err)
		}
		clerk, leader, other, anon := as(t, f, "canbo.a"), as(t, f, "lanhdao"), as(t, f, "canbo.b"), as(t, f, "")
		code, body := clerk.do("POST", "/api/v1/articles", map[string]any{"title": "Phát động thi đua đặc biệt chào mừng Đại hội Đảng",
			"summary": "<script>alert(1)</script>", "body": "**Phát động** [x](javascript:alert(1))", "category": "phong-trao-thi-dua", "tags": "Đại hội, thi đua"})
		if code != http.StatusCreated {
			t.Fatalf("create: %d %s", code, body)
		}
		var x struct {
			ID       int64  `json:"id"`
			Slug     string `json:"slug"`
			Version  int    `json:"version"`
			BodyHTML string `json:"body_html"`
		}
		newsJSON(t, body, &x)
		if x.Slug != "phat-dong-thi-dua-dac-biet-chao-mung-dai-hoi-dang" || x.BodyHTML != "<p><strong>Phát động</strong> x</p>\n" {
			t.Errorf("created %+v", x)
		}
		if code, _ := other.do("GET", "/api/v1/articles/"+itoa(x.ID), nil); code != http.StatusNotFound {
			t.Errorf("another commune reads the draft: %d", code)
		}
		code, body = clerk.do("POST", "/api/v1/articles/"+itoa(x.ID)+"/steps", map[string]any{"action": "submit", "version": x.Version})
		newsJSON(t, body, &x)
		if code != http.StatusOK {
			t.Fatalf("submit: %d %s", code, body)
		}
		if code, _ := anon.do("GET", "/api/v1/news/"+x.Slug, nil); code != http.StatusNotFound {
			t.Errorf("a submitted article is public: %d", code)
		}
		if code, body = leader.do("POST", "/api/v1/articles/"+itoa(x.ID)+"/steps", map[string]any{"action": "approve", "version": x.Version}); code != http.StatusOK {
			t.Fatalf("approve: %d %s", code, body)
		}
		code, body = anon.do("GET", "/api/v1/news?tag=dai-hoi", nil)
		if code != http.StatusOK || !strings.Contains(string(body), x.Slug) {
			t.Errorf("public list: %d %s", code, body)
		}
		if code, body := anon.do("GET", "/api/v1/news/"+x.Slug, nil); code != http.StatusOK || strings.Contains(string(body), "javascript:alert(1)\"") {
			t.Errorf("public article: %d %s", code, body)
		}
	})
}

func newsJSON(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("not JSON: %v: %s", err, body)
	}
}
