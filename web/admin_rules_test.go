package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestAdminRulesAndCalendar(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin, clerk, viewer := f.Client(t, "quantri"), f.Client(t, "canbo.a"), f.Client(t, "xem.a")
		want(t, "admin nav", get(t, f, admin, "/app/"), 200, `href="/app/admin/rules"`)
		if p := get(t, f, clerk, "/app/"); strings.Contains(p.Body, "/app/admin/rules") {
			t.Fatal("a clerk sees the link to the rules")
		}
		want(t, "rules page", get(t, f, admin, "/app/admin/rules"), 200,
			"Tiêu chuẩn Chiến sĩ thi đua cơ sở", "Chưa xác minh văn bản", "Luật Thi đua, khen thưởng", `name="version" value="0"`)
		want(t, "clerk rules", get(t, f, clerk, "/app/admin/rules"), http.StatusForbidden)
		want(t, "viewer calendar", get(t, f, viewer, "/app/admin/calendar"), http.StatusForbidden)
		want(t, "clerk saves a rule", post(t, f, clerk, "/app/admin/rules/advanced_share_pct", url.Values{"value": {"80"}, "version": {"0"}}),
			http.StatusForbidden)

		want(t, "bad share", post(t, f, admin, "/app/admin/rules/advanced_share_pct", url.Values{"value": {"150"}, "version": {"0"}}),
			http.StatusUnprocessableEntity, "Cần một số nguyên từ 0 đến 100", `value="150"`)
		p := post(t, f, admin, "/app/admin/rules/advanced_share_pct", url.Values{"value": {"80"}, "version": {"0"}})
		want(t, "save share", p, http.StatusSeeOther)
		want(t, "share saved", get(t, f, admin, p.Location), 200, "80% <small>(đã cấu hình)</small>", "Đã lưu")
		want(t, "stale share", post(t, f, admin, "/app/admin/rules/advanced_share_pct", url.Values{"value": {"60"}, "version": {"0"}}),
			http.StatusConflict)

		want(t, "calendar 2027", get(t, f, admin, "/app/admin/calendar?year=2027"), 200,
			"Tết Đinh Mùi", "Thông báo có sẵn trong phần mềm", "Ngày lễ, Tết theo luật", `name="day"`)
		want(t, "bad day", post(t, f, admin, "/app/admin/calendar", url.Values{"day": {"31/02/2027"}, "off": {"1"}, "note": {""}}),
			http.StatusUnprocessableEntity, "Tháng 2 không có ngày 31 (tháng 2 có 28 ngày).", "Hãy ghi nội dung")
		want(t, "clerk adds a day", post(t, f, clerk, "/app/admin/calendar", url.Values{"day": {"04/01/2027"}, "off": {"1"}, "note": {"x"}}),
			http.StatusForbidden)
		p = post(t, f, admin, "/app/admin/calendar", url.Values{"day": {"04/01/2027"}, "off": {"1"}, "note": {"Nghỉ bù thử nghiệm"},
			"source": {"Công văn thử nghiệm"}})
		want(t, "add day", p, http.StatusSeeOther)
		if p.Location != "/app/admin/calendar?year=2027&saved=1" {
			t.Fatalf("after adding: %s", p.Location)
		}
		want(t, "day added", get(t, f, admin, p.Location), 200, "Thứ Hai, 04/01/2027", "Nghỉ bù thử nghiệm", "Quản trị nhập")

		cy, err := f.Svc.CalendarDays(context.Background(), nil, 2027)
		if err != nil {
			t.Fatal(err)
		}
		var id int64
		for _, e := range cy.Entries {
			if e.Stored {
				id = e.ID
			}
		}
		edit := "/app/admin/calendar/" + itoa(id) + "/edit"
		want(t, "edit form", get(t, f, admin, edit), 200, `value="04/01/2027"`, "Nghỉ bù thử nghiệm")
		want(t, "clerk edit form", get(t, f, clerk, edit), http.StatusForbidden)
		want(t, "edit day", post(t, f, admin, edit, url.Values{"day": {"04/01/2027"}, "off": {"1"}, "note": {"Nghỉ bù đã sửa"}, "version": {"1"}}),
			http.StatusSeeOther)
		want(t, "stale edit", post(t, f, admin, edit, url.Values{"day": {"04/01/2027"}, "off": {"1"}, "note": {"Khác"}, "version": {"1"}}),
			http.StatusConflict, "Bản ghi đã được người khác thay đổi")
		del := "/app/admin/calendar/" + itoa(id) + "/delete"
		want(t, "clerk deletes", post(t, f, clerk, del, url.Values{"version": {"2"}}), http.StatusForbidden)
		p = post(t, f, admin, del, url.Values{"version": {"2"}, "back": {"/app/admin/calendar?year=2027"}})
		want(t, "delete day", p, http.StatusSeeOther)
		if pg := get(t, f, admin, p.Location); strings.Contains(pg.Body, "Nghỉ bù đã sửa") {
			t.Fatal("the deleted day is still listed")
		}
	})
}
