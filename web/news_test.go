package web_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"html/template"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func newsLeaderAccount(t *testing.T, f *tdkttest.Fixture) {
	t.Helper()
	if _, err := f.Svc.CreateAccount(context.Background(), nil, core.NewAccount{Login: "lanhdao", Name: "Lê Văn Minh",
		Password: tdkttest.Password, Role: tdkt.RoleLeader, OrgCode: "T01"}); err != nil {
		t.Fatal(err)
	}
}

var articleID = regexp.MustCompile(`^/app/news/(\d+)`)

// writeAndPublish has canbo.a write an article through the pages, submit it, and
// lanhdao approve it; it returns the article's staff address.
func writeAndPublish(t *testing.T, f *tdkttest.Fixture, form url.Values) string {
	t.Helper()
	clerk, leader := f.Client(t, "canbo.a"), f.Client(t, "lanhdao")
	p := post(t, f, clerk, "/app/news/new", form)
	if p.Status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", p.Status, excerpt(p.Body))
	}
	base := articleID.FindString(p.Location)
	step := func(c *http.Client, action string, extra url.Values) {
		t.Helper()
		v, err := f.Svc.Article(context.Background(), &f.Admin, atoi64(strings.TrimPrefix(base, "/app/news/")))
		if err != nil {
			t.Fatal(err)
		}
		form := url.Values{"action": {action}, "version": {itoa(int64(v.Article.Version))}}
		for k, x := range extra {
			form[k] = x
		}
		p := post(t, f, c, base+"/step", form)
		if p.Status != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", action, p.Status, excerpt(p.Body))
		}
	}
	step(clerk, "submit", nil)
	want(t, "the leader's list", get(t, f, leader, "/app/news"), http.StatusOK, "Chờ duyệt", template.HTMLEscapeString(form.Get("title")))
	step(leader, "approve", url.Values{"publish_at": {""}})
	return base
}

func atoi64(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}

func articleForm(title string) url.Values {
	return url.Values{"title": {title}, "summary": {"Sáng 20/11, UBND xã Đông Hòa tổ chức hội nghị sơ kết."},
		"body":     {"## Kết quả\n\nĐã khen thưởng **12** tập thể, xem [Luật](https://thuvienphapluat.vn/luat).\n\n- Một\n- Hai"},
		"category": {"thi-dua-khen-thuong"}, "tags": {"Chỉ thị 34, sơ kết"}, "org_id": {""}}
}

func TestNewsOnPortalAndFeeds(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		newsLeaderAccount(t, f)
		title := "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 34-CT/TW"
		writeAndPublish(t, f, articleForm(title))
		anon := f.Client(t, "")
		slug := "/tin-tuc/hoi-nghi-so-ket-5-nam-thuc-hien-chi-thi-34-ct-tw"
		want(t, "front page", get(t, f, anon, "/"), http.StatusOK, "Tin tức", title, slug)
		want(t, "news list", get(t, f, anon, "/tin-tuc?the=chi-thi-34"), http.StatusOK, title)
		p := get(t, f, anon, slug)
		want(t, "article", p, http.StatusOK, `<meta property="og:title" content="`+title+`">`, `property="og:type" content="article"`,
			`property="og:url" content="`+f.Server.URL+slug+`"`, "<h2>Kết quả</h2>", "<strong>12</strong>",
			`<a href="https://thuvienphapluat.vn/luat" rel="nofollow noopener">Luật</a>`, "?in=1")
		want(t, "print view", get(t, f, anon, slug+"?in=1"), http.StatusOK, `class="print-view"`, title)

		for _, feed := range []struct{ path, ctype string }{{"/rss.xml", "application/rss+xml"}, {"/atom.xml", "application/atom+xml"}} {
			p := get(t, f, anon, feed.path)
			if p.Status != 200 || !strings.HasPrefix(p.Header.Get("Content-Type"), feed.ctype) {
				t.Fatalf("%s: %d %s", feed.path, p.Status, p.Header.Get("Content-Type"))
			}
			var doc struct {
				Items []struct {
					Title string `xml:"title"`
					Link  string `xml:"link"`
				} `xml:"channel>item"`
				Entries []struct {
					Title string `xml:"title"`
					Link  struct {
						Href string `xml:"href,attr"`
					} `xml:"link"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal([]byte(p.Body), &doc); err != nil {
				t.Fatalf("%s is not XML: %v", feed.path, err)
			}
			found := false
			for _, it := range doc.Items {
				found = found || it.Title == title && it.Link == f.Server.URL+slug
			}
			for _, e := range doc.Entries {
				found = found || e.Title == title && e.Link.Href == f.Server.URL+slug
			}
			if !found {
				t.Errorf("%s lacks the article:\n%s", feed.path, p.Body)
			}
		}
		p = get(t, f, anon, "/quyet-dinh.rss")
		var rss struct {
			Items []struct {
				Title       string `xml:"title"`
				Description string `xml:"description"`
			} `xml:"channel>item"`
		}
		if err := xml.Unmarshal([]byte(p.Body), &rss); err != nil || len(rss.Items) == 0 ||
			!strings.Contains(rss.Items[0].Description, "125/QĐ-UBND") {
			t.Errorf("decisions feed: %v %s", err, p.Body)
		}
		if strings.Contains(p.Body, f.PersonA.CCCD) || strings.Contains(p.Body, "1985") {
			t.Error("the decisions feed shows a private field")
		}
		p = get(t, f, anon, "/sitemap.xml")
		var sm struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal([]byte(p.Body), &sm); err != nil || !strings.Contains(p.Body, "<loc>"+f.Server.URL+slug+"</loc>") ||
			!strings.HasPrefix(p.Header.Get("Content-Type"), "application/xml") {
			t.Errorf("sitemap: %v %s", err, p.Body)
		}
	})
}

// noActiveContent checks that the payloads of the injection test show as text only.
func noActiveContent(t *testing.T, what, body string) {
	t.Helper()
	low := strings.ToLower(withoutOwnScripts(body))
	if strings.Contains(low, "<script") || strings.Contains(low, "<img src=x") {
		t.Errorf("%s holds a raw tag", what)
	}
	if n, text := strings.Count(low, "onerror="), strings.Count(low, "&lt;img src=x onerror=alert(1)&gt;")+
		strings.Count(low, "&amp;lt;img src=x onerror=alert(1)&amp;gt;"); n != text {
		t.Errorf("%s: onerror= outside escaped text (%d of %d)", what, n-text, n)
	}
	for _, bad := range []string{`href="javascript:`, `src="javascript:`, "href=javascript:", `href="x"`} {
		if strings.Contains(low, bad) {
			t.Errorf("%s holds %s", what, bad)
		}
	}
}

func TestNewsInjectionIsText(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		newsLeaderAccount(t, f)
		payload := "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))"
		form := url.Values{"title": {"Tin thử " + payload}, "summary": {payload}, "body": {payload + "\n\n## " + payload + "\n\n- " + payload},
			"category": {"thong-bao"}, "tags": {"<script>alert(1)</script>, <img src=x onerror=alert(1)>, [x](javascript:alert(1))"}}
		base := writeAndPublish(t, f, form)
		v, err := f.Svc.Article(context.Background(), &f.Admin, atoi64(strings.TrimPrefix(base, "/app/news/")))
		if err != nil {
			t.Fatal(err)
		}
		anon := f.Client(t, "")
		page := get(t, f, anon, "/tin-tuc/"+v.Article.Slug)
		want(t, "article", page, http.StatusOK, "&lt;script&gt;alert(1)&lt;/script&gt;")
		for _, path := range []string{"/", "/tin-tuc", "/tin-tuc/" + v.Article.Slug, "/tin-tuc/" + v.Article.Slug + "?in=1", "/rss.xml", "/atom.xml", "/sitemap.xml"} {
			p := get(t, f, anon, path)
			if p.Status != http.StatusOK {
				t.Fatalf("%s: %d", path, p.Status)
			}
			noActiveContent(t, path, p.Body)
		}
		staff := get(t, f, f.Client(t, "lanhdao"), base)
		noActiveContent(t, "staff page", staff.Body)
		if !strings.HasPrefix(v.Article.Slug, "tin-thu-script-alert-1-script-img-src-x") {
			t.Errorf("slug %s", v.Article.Slug)
		}
	})
}

func TestNewsScopeAndImages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		clerk := f.Client(t, "canbo.a")
		p := post(t, f, clerk, "/app/news/new", articleForm("Trao Giấy khen cho các tập thể"))
		base := articleID.FindString(p.Location)
		if base == "" {
			t.Fatalf("create: %d %s", p.Status, excerpt(p.Body))
		}
		want(t, "another commune's clerk", get(t, f, f.Client(t, "canbo.b"), base), http.StatusNotFound)
		want(t, "another commune's clerk edits", get(t, f, f.Client(t, "canbo.b"), base+"/edit"), http.StatusNotFound)
		want(t, "a draft on the portal", get(t, f, f.Client(t, ""), "/tin-tuc/trao-giay-khen-cho-cac-tap-the"), http.StatusNotFound)

		upload := func(content []byte, alt string) page {
			var b bytes.Buffer
			mw := multipart.NewWriter(&b)
			fw, _ := mw.CreateFormFile("image", "anh.png")
			fw.Write(content)
			mw.WriteField("alt", alt)
			mw.Close()
			req, _ := http.NewRequest(http.MethodPost, f.Server.URL+base+"/images", &b)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			return do(t, clerk, req)
		}
		want(t, "not an image", upload([]byte("GIF89a… hoặc văn bản"), "Ảnh"), http.StatusUnprocessableEntity,
			`id="e-image"`, "không phải là ảnh")
		img := image.NewRGBA(image.Rect(0, 0, 3000, 1500))
		var b bytes.Buffer
		png.Encode(&b, img)
		want(t, "no alt text", upload(b.Bytes(), ""), http.StatusUnprocessableEntity, `id="e-alt"`)
		if p := upload(b.Bytes(), "Quang cảnh buổi lễ"); p.Status != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", p.Status, excerpt(p.Body))
		}
		p = get(t, f, clerk, base)
		m := regexp.MustCompile(`src="(` + base + `/images/\d+)"`).FindStringSubmatch(p.Body)
		if m == nil {
			t.Fatalf("no image on the staff page:\n%s", excerpt(p.Body))
		}
		img2 := get(t, f, clerk, m[1])
		cfg, err := png.DecodeConfig(strings.NewReader(img2.Body))
		if err != nil || cfg.Width != 1200 || cfg.Height != 600 {
			t.Errorf("stored image %d×%d (%v)", cfg.Width, cfg.Height, err)
		}
	})
}
