package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// A new person's form assumes nothing and says what is wrong with each date.
func TestNewPersonFormChecks(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		c := f.Client(t, "canbo.a")
		form := get(t, f, c, "/app/people/new")
		want(t, "new form", form, http.StatusOK, `<option value="" selected>— Chọn —</option>`)
		if strings.Contains(form.Body, `value="nu" selected`) || strings.Contains(form.Body, `value="nam" selected`) {
			t.Fatal("the new person form chooses a sex for the clerk")
		}
		good := url.Values{"full_name": {"Phạm Văn Ánh"}, "sex": {"nam"}, "birth_date": {"05/03/1990"},
			"group": {"cong_nhan_nong_dan"}, "org_id": {itoa(f.CommuneA.ID)}, "hired_on": {"01/01/2015"}}
		with := func(k, v string) url.Values {
			x := url.Values{}
			for key, vs := range good {
				x[key] = vs
			}
			x.Set(k, v)
			return x
		}
		want(t, "no sex chosen", post(t, f, c, "/app/people/new", with("sex", "")), http.StatusUnprocessableEntity,
			"Hãy chọn giới tính Nam hoặc Nữ.", `aria-describedby="e-sex"`)
		want(t, "hired in 2030", post(t, f, c, "/app/people/new", with("hired_on", "01/01/2030")), http.StatusUnprocessableEntity,
			"Ngày tuyển dụng không thể sau ngày hôm nay.", `aria-describedby="e-hired_on"`)
		want(t, "31 February", post(t, f, c, "/app/people/new", with("birth_date", "31/02/1990")), http.StatusUnprocessableEntity,
			`<p class="error" id="e-birth_date">Tháng 2 không có ngày 31 (tháng 2 có 28 ngày).</p>`, `value="31/02/1990"`)
		want(t, "month 13", post(t, f, c, "/app/people/new", with("hired_on", "01/13/2015")), http.StatusUnprocessableEntity,
			`<p class="error" id="e-hired_on">Không có tháng 13: tháng chỉ từ 1 đến 12.</p>`)
		want(t, "two-digit year", post(t, f, c, "/app/people/new", with("birth_date", "05/03/90")), http.StatusUnprocessableEntity,
			`<p class="error" id="e-birth_date">Năm phải có 4 chữ số (ví dụ 05/03/2025).</p>`)
		want(t, "all well", post(t, f, c, "/app/people/new", good), http.StatusSeeOther)
	})
}
