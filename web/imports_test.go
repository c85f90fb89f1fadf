package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tdkt/core"
	"tdkt/sheet"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestImportPagesOverHTTP: every template reads back with its kind's columns; an
// upload with a bad row lists it and its error list downloads; the suggestion list
// runs as a job whose page has the progress bar and, once done, the file.
func TestImportPagesOverHTTP(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := f.Client(t, "canbo.a")
		get := func(path string) (int, []byte) {
			t.Helper()
			resp, err := c.Get(f.Server.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, b
		}
		for _, k := range core.ImportKinds {
			code, body := get("/app/imports/templates/" + k.Code + ".xlsx")
			if code != http.StatusOK {
				t.Fatalf("template %s: %d", k.Code, code)
			}
			tb, err := sheet.Read(body, k.Headers())
			if err != nil || tb.HeaderRow != 1 || len(tb.Header) != len(k.Columns) {
				t.Fatalf("template %s reads back as %v (%v)", k.Code, tb, err)
			}
			m := k.AutoMap(tb.Header)
			for i, col := range k.Columns {
				if m[col.Field] != i {
					t.Errorf("template %s: column %s maps to %d", k.Code, col.Header, m[col.Field])
				}
			}
		}
		if code, _ := get("/app/imports/templates/khong-co.xlsx"); code != http.StatusNotFound {
			t.Errorf("an unknown template: %d", code)
		}

		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("kind", "staff")
		fw, _ := mw.CreateFormFile("file", "ds.csv")
		fw.Write([]byte("Mã đơn vị,Họ và tên,Giới tính,Ngày sinh\nX01,Lê Văn Tám,Nam,12/05/1980\nX01,Lê Văn Tám,Nam,12/05/1980\nX01,,Nữ,01/01/1990\n"))
		mw.Close()
		req, _ := http.NewRequest("POST", f.Server.URL+"/app/imports", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/app/imports/") {
			t.Fatalf("upload: %d to %q", resp.StatusCode, loc)
		}
		_, page := get(loc)
		for _, want := range []string{"Dòng 3: trùng với dòng 2 của tệp (cùng họ tên và ngày sinh).", "Dòng 4, cột B (Họ và tên): không được để trống"} {
			if !strings.Contains(string(page), want) {
				t.Errorf("the preview lacks %q", want)
			}
		}
		if bytes.Contains(page, []byte(`id="commit"`)) {
			t.Error("a file with errors offers the commit")
		}
		// The clerk's mapping is saved and shown back, not reset to "— không có —".
		mapping := url.Values{"map_unit": {"0"}, "map_name": {"1"}, "map_sex": {"2"}, "map_birth": {"3"}}
		resp, err = c.PostForm(f.Server.URL+loc+"/mapping", mapping)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the mapping: %d", resp.StatusCode)
		}
		_, page = get(loc)
		for field, col := range map[string]string{"unit": "0", "name": "1", "sex": "2", "birth": "3"} {
			sel := regexp.MustCompile(`(?s)<select id="map-` + field + `".*?</select>`).Find(page)
			if !bytes.Contains(sel, []byte(`<option value="`+col+`" selected>`)) {
				t.Errorf("after saving, %s is not mapped to column %s: %s", field, col, sel)
			}
		}
		code, list := get(loc + "/errors/loi.xlsx")
		if code != http.StatusOK {
			t.Fatalf("error list: %d", code)
		}
		tb, err := sheet.Read(list, []string{"Dòng", "Cột", "Tên cột", "Lỗi"})
		if err != nil || len(tb.Rows) != 2 {
			t.Fatalf("error list: %v, %v", tb, err)
		}
		// Another commune's clerk does not see the upload.
		other := f.Client(t, "canbo.b")
		if resp, err := other.Get(f.Server.URL + loc); err != nil {
			t.Fatalf("another unit's import: %v", err)
		} else if resp.Body.Close(); resp.StatusCode != http.StatusNotFound {
			t.Errorf("another unit's import: status %d, want 404", resp.StatusCode)
		}

		resp, err = c.PostForm(f.Server.URL+"/app/suggest/job", url.Values{"year": {"2025"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc = resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/app/jobs/") {
			t.Fatalf("suggest job: %d to %q", resp.StatusCode, loc)
		}
		if _, page := get(loc); !bytes.Contains(page, []byte(`<progress id="job-progress"`)) || !bytes.Contains(page, []byte(`<noscript><meta http-equiv="refresh"`)) {
			t.Errorf("the job page has no progress bar or no refresh without JavaScript:\n%s", page)
		}
		if _, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "http-test"}).RunOne(t.Context()); err != nil {
			t.Fatal(err)
		}
		_, page = get(loc)
		if !bytes.Contains(page, []byte(`id="job-file"`)) || !bytes.Contains(page, []byte("dòng đề xuất năm 2025")) {
			t.Errorf("the finished job page lacks its result")
		}
		if code, file := get(loc + "/result"); code != http.StatusOK || !bytes.HasPrefix(file, []byte("PK")) {
			t.Errorf("result file: %d", code)
		}
	})
}
