package web_test

import (
	"bytes"
	"context"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestImportOfficeFileOverHTTP: a clerk uploads the office's staff list written by
// LibreOffice (testdata/imports, scripts/gen-office-import.py). The bad rows, and
// only they, are listed by row and column; the corrected file shows its dates as
// dates, the rows it skipped, a select per unknown unit name; the clerk creates one
// name as a sub-unit and maps the other to the closest unit, merges the duplicate,
// and every person lands in their named unit.
func TestImportOfficeFileOverHTTP(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		// The file's "Phòng Tài chính - Kế Hoạch" is this unit; "Ban Chỉ huy Quân sự" is
		// near the second one, which is offered, not taken.
		finance := tdkt.Org{Code: "X01-TCKH", Name: "Phòng Tài chính – Kế hoạch", Level: tdkt.LevelPublicUnit, ParentID: f.CommuneA.ID}
		military := tdkt.Org{Code: "X01-BCHQS", Name: "Ban Chỉ huy Quân sự xã", Level: tdkt.LevelPublicUnit, ParentID: f.CommuneA.ID}
		for _, o := range []*tdkt.Org{&finance, &military} {
			if err := f.Svc.SaveOrg(ctx, nil, o); err != nil {
				t.Fatal(err)
			}
		}
		c := f.Client(t, "canbo.a")
		get := func(path string) []byte {
			t.Helper()
			resp, err := c.Get(f.Server.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d", path, resp.StatusCode)
			}
			return b
		}
		upload := func(file string) string {
			t.Helper()
			content, err := os.ReadFile("../testdata/imports/" + file)
			if err != nil {
				t.Fatal(err)
			}
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			mw.WriteField("kind", "staff")
			fw, _ := mw.CreateFormFile("file", file)
			fw.Write(content)
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
			return loc
		}
		errorsOf := func(page []byte) []string {
			list := regexp.MustCompile(`(?s)<ul class="row-errors" id="row-errors">(.*?)</ul>`).FindSubmatch(page)
			if list == nil {
				return nil
			}
			var out []string
			for _, m := range regexp.MustCompile(`<li>(.*?)</li>`).FindAllSubmatch(list[1], -1) {
				out = append(out, html.UnescapeString(string(m[1])))
			}
			return out
		}

		page := get(upload("danh-sach-can-bo-van-phong.xlsx"))
		want := []string{
			"Dòng 10, cột E (Ngày sinh): '31/02/1980' không phải ngày hợp lệ (dd/mm/yyyy)",
			"Dòng 11, cột G (Số CCCD): Số CCCD có 11 chữ số, cần đủ 12 chữ số (có thể bị mất số 0 ở đầu khi nhập Excel)",
			"Dòng 12, cột B (Họ và tên): không được để trống",
		}
		if got := errorsOf(page); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("errors on the page:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}

		loc := upload("danh-sach-can-bo-van-phong-da-sua.xlsx")
		page = get(loc)
		text := html.UnescapeString(string(page))
		if got := errorsOf(page); len(got) != 0 {
			t.Fatalf("errors in the corrected file: %q", got)
		}
		for _, w := range []string{"dòng 4 (dòng tiêu đề phụ)", "dòng 20 (phần ký tên cuối danh sách)", "<td>12/05/1980</td>", "<td>01/09/1975</td>",
			"«Phòng Văn hóa – Xã hội» (dòng 6, 8, 11)", "«Ban Chỉ huy Quân sự» (dòng 7, 9, 12)", "Gần giống nhất: Ban Chỉ huy Quân sự xã (X01-BCHQS)"} {
			if !strings.Contains(text, w) {
				t.Errorf("the preview lacks %q", w)
			}
		}
		if strings.Contains(text, "<td>29353</td>") {
			t.Error("the preview shows a date cell's serial number")
		}
		// The form as the browser sends it: every select with its selected option,
		// then the clerk's choices for the two names.
		form := url.Values{}
		for _, m := range regexp.MustCompile(`(?s)<select id="[^"]*" name="([^"]*)">(.*?)</select>`).FindAllStringSubmatch(text, -1) {
			v := regexp.MustCompile(`<option value="(-?\d+)" selected>`).FindStringSubmatch(m[2])
			if v == nil {
				v = []string{"", regexp.MustCompile(`<option value="(-?\d+)"`).FindStringSubmatch(m[2])[1]}
			}
			form.Set(m[1], v[1])
		}
		culture, army := "unit:"+core.UnitFold("Phòng Văn hóa – Xã hội"), "unit:"+core.UnitFold("Ban Chỉ huy Quân sự")
		if form.Get(culture) != "0" || form.Get(army) != "0" {
			t.Fatalf("unit selects %q, %q; want both undecided", form.Get(culture), form.Get(army))
		}
		// Committing before the names are decided is refused, and says why.
		resp, err := c.PostForm(f.Server.URL+loc+"/commit", url.Values{"dup_8": {"merge"}})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(string(b)), "Còn 2 tên đơn vị chưa có trong hồ sơ") {
			t.Fatalf("commit with undecided units: %d", resp.StatusCode)
		}
		form.Set(culture, strconv.FormatInt(core.UnitCreate, 10))
		form.Set(army, strconv.FormatInt(military.ID, 10))
		resp, err = c.PostForm(f.Server.URL+loc+"/mapping", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the units: %d", resp.StatusCode)
		}
		text = html.UnescapeString(string(get(loc)))
		if !strings.Contains(text, `<option value="-1" selected>Tạo đơn vị trực thuộc mới «Phòng Văn hóa – Xã hội»</option>`) {
			t.Error("the choice to create the unit is not shown back")
		}
		resp, err = c.PostForm(f.Server.URL+loc+"/commit", url.Values{"dup_8": {"merge"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/app/jobs/") {
			t.Fatalf("commit: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "http-test"}).RunOne(t.Context()); err != nil {
			t.Fatal(err)
		}
		if text = html.UnescapeString(string(get(loc))); !strings.Contains(text, "tạo mới 7, cập nhật 0, gộp vào người đã có 1") {
			t.Errorf("the report: %s", regexp.MustCompile(`(?s)<p id="import-report">.*?</p>`).FindString(text))
		}
		var cultureID int64
		if err := db.View(ctx, func(tx *sqldb.Tx) (err error) {
			cultureID, err = tx.Int(ctx, `SELECT id FROM orgs WHERE name = ? AND parent_id = ?`, "Phòng Văn hóa – Xã hội", f.CommuneA.ID)
			return err
		}); err != nil {
			t.Fatalf("the created sub-unit: %v", err)
		}
		for name, org := range map[string]int64{"Trần Văn An": cultureID, "Nguyễn Thị Hồng Nhung": cultureID, "Lê Thị Bình": military.ID,
			"Lý Văn Hải": military.ID, "Vũ Đức Giang": finance.ID} {
			var n int64
			if err := db.View(ctx, func(tx *sqldb.Tx) (err error) {
				n, err = tx.Int(ctx, `SELECT count(*) FROM people WHERE full_name = ? AND org_id = ?`, name, org)
				return err
			}); err != nil || n != 1 {
				t.Errorf("%s: %d in unit %d (%v)", name, n, org, err)
			}
		}
	})
}
