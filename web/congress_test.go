package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestCongressHonourPage follows a province's congress for 2021–2025 through the
// staff pages to the portal's honour page.
func TestCongressHonourPage(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin, clerkB, anon := f.Client(t, "quantri"), f.Client(t, "canbo.b"), f.Client(t, "")
		want(t, "congress list", get(t, f, admin, "/app/congresses"), http.StatusOK, "Lập Đại hội thi đua")
		p := post(t, f, admin, "/app/congresses", url.Values{"org_id": {itoa(f.Province.ID)}, "name": {"Đại hội Thi đua yêu nước tỉnh lần thứ VI"},
			"held_on": {"20/10/2026"}, "period_from": {"2021"}, "period_to": {"2025"}})
		want(t, "create congress", p, http.StatusSeeOther)
		base := strings.TrimSuffix(p.Location, "?saved=1")
		page := get(t, f, admin, base+"?award=chien_si_thi_dua_co_so")
		want(t, "congress page", page, http.StatusOK, f.PersonA.FullName, "125/QĐ-UBND", "Chọn")
		want(t, "another commune's clerk", get(t, f, clerkB, base), http.StatusNotFound)

		p = post(t, f, admin, base+"/examples", url.Values{"kind": {"ca_nhan"}, "subject": {itoa(f.PersonA.ID)}})
		want(t, "select", p, http.StatusSeeOther)
		ex := p.Location
		want(t, "story page", get(t, f, admin, ex), http.StatusOK, "Lưu bài viết")
		want(t, "save story", post(t, f, admin, ex, url.Values{"title": {"Người gìn giữ ký ức làng"}, "summary": {"Ba năm liền hoàn thành xuất sắc nhiệm vụ."},
			"body": {"Chị số hóa hồ sơ của xã.\r\n\r\n<script>alert(1)</script>"}, "published": {"on"}, "version": {"2"}}), http.StatusSeeOther)

		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("photo", "anh.png")
		fw.Write([]byte("this is a text file, not an image"))
		mw.Close()
		req, _ := http.NewRequest(http.MethodPost, f.Server.URL+ex+"/photo", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		want(t, "photo that is not an image", do(t, admin, req), http.StatusUnprocessableEntity, "không phải là ảnh")

		id := regexp.MustCompile(`\d+$`).FindString(ex)
		want(t, "before publication", get(t, f, anon, "/dien-hinh/"+id), http.StatusNotFound)
		page = get(t, f, admin, base)
		version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page.Body)[1]
		want(t, "hold", post(t, f, admin, base+"/step", url.Values{"action": {"hold"}, "version": {version}}), http.StatusSeeOther)
		page = get(t, f, admin, base)
		version = regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page.Body)[1]
		want(t, "publish", post(t, f, admin, base+"/step", url.Values{"action": {"publish"}, "version": {version}}), http.StatusSeeOther)

		page = get(t, f, anon, "/dien-hinh/"+id)
		want(t, "honour page", page, http.StatusOK, f.PersonA.FullName, "Người gìn giữ ký ức làng", "Chị số hóa hồ sơ của xã.",
			"&lt;script&gt;alert(1)&lt;/script&gt;", "Chiến sĩ thi đua cơ sở", "125/QĐ-UBND", f.CommuneA.Name)
		for _, private := range []string{f.PersonA.CCCD, "1985-04-02", "02/04/1985", "<script>alert(1)"} {
			if strings.Contains(page.Body, private) {
				t.Errorf("the honour page shows %q", private)
			}
		}
		want(t, "honour pages", get(t, f, anon, "/dien-hinh"), http.StatusOK, f.PersonA.FullName, "Đại hội Thi đua yêu nước tỉnh lần thứ VI")
		want(t, "front page", get(t, f, anon, "/"), http.StatusOK, "Gương điển hình tiên tiến", "/dien-hinh/"+id)

		// taken off the list of published examples, the page is gone
		page = get(t, f, admin, ex)
		version = regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page.Body)[1]
		want(t, "unpublish example", post(t, f, admin, ex, url.Values{"title": {"Người gìn giữ ký ức làng"}, "version": {version}}), http.StatusSeeOther)
		want(t, "unpublished example", get(t, f, anon, "/dien-hinh/"+id), http.StatusNotFound)
		want(t, "unknown example", get(t, f, anon, "/dien-hinh/999999"), http.StatusNotFound)
	})
}
