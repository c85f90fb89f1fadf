package web_test

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestMovementPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		admin, a, b := f.Client(t, "quantri"), f.Client(t, "canbo.a"), f.Client(t, "canbo.b")
		p := post(t, f, admin, "/app/movements/new", url.Values{"org_id": {itoa(f.Province.ID)}, "name": {"Thi đua chuyển đổi số"},
			"objectives": {"Số hóa hồ sơ"}, "scope": {"bo_tinh"}, "method": {"chuyen_de"}, "criteria": {"Hồ sơ trực tuyến | 60\nSáng kiến | 40"},
			"starts_on": {"01/03/2026"}, "ends_on": {"31/12/2026"}})
		if p.Status != 303 {
			t.Fatalf("create: %d %s", p.Status, excerpt(p.Body))
		}
		link := strings.SplitN(p.Location, "?", 2)[0]
		want(t, "draft", get(t, f, a, link), 404)
		want(t, "launch", post(t, f, admin, link+"/status", url.Values{"action": {"launch"}, "version": {"1"}}), 303)
		want(t, "received", get(t, f, a, link), 200, "Thi đua chuyển đổi số", "Hồ sơ trực tuyến", "Cấp bộ, ban, ngành, tỉnh", "Dưới 1 năm")
		want(t, "check-in before the start", post(t, f, a, link+"/checkins", url.Values{"on": {"28/02/2026"}, "text": {"Đã số hóa 10%"}}), 422,
			"Ngày 28/02/2026 trước ngày bắt đầu phong trào (01/03/2026)")
		want(t, "check-in", post(t, f, a, link+"/checkins", url.Values{"on": {"30/06/2026"}, "text": {"Đã số hóa 80%"}}), 303)
		want(t, "bad review", post(t, f, admin, link+"/reviews", url.Values{"kind": {"so_ket"}, "version": {"2"}}), 422, "Hãy ghi báo cáo")
		want(t, "review", post(t, f, admin, link+"/reviews", url.Values{"kind": {"so_ket"}, "on": {"15/07/2026"}, "report": {"Sơ kết 6 tháng"},
			"version": {"2"}}), 303)
		want(t, "page", get(t, f, a, link), 200, "Đã số hóa 80%", "Sơ kết 6 tháng", "rewards/new?kind=chuyen_de")
		r := post(t, f, a, link+"/rewards/new", url.Values{"org_id": {itoa(f.CommuneA.ID)}, "award": {"giay_khen"}, "kind": {"chuyen_de"}, "year": {"2026"}})
		if r.Status != 303 {
			t.Fatalf("reward: %d %s", r.Status, excerpt(r.Body))
		}
		want(t, "rewards", get(t, f, admin, link), 200, "Đề nghị tặng Giấy khen", "Nháp")
		want(t, "list", get(t, f, b, "/app/movements"), 200, "Thi đua chuyển đổi số", "Biểu 0601.N")

		own := post(t, f, a, "/app/movements/new", url.Values{"org_id": {itoa(f.CommuneA.ID)}, "name": {"Phong trào của xã"},
			"objectives": {"x"}, "scope": {"don_vi"}, "method": {"thuong_xuyen"}, "starts_on": {"01/01/2026"}, "ends_on": {"31/12/2026"}})
		ownLink := strings.SplitN(own.Location, "?", 2)[0]
		want(t, "launch own", post(t, f, a, ownLink+"/status", url.Values{"action": {"launch"}, "version": {"1"}}), 303)
		want(t, "other commune", get(t, f, b, ownLink), 404)

		// Registration for 2025: PersonA registers the title she then received.
		want(t, "register", post(t, f, a, "/app/registrations", url.Values{"year": {"2025"}, "target": {"tap_the_lao_dong_tien_tien"},
			"person": {itoa(f.PersonA.ID), ""}, "award": {"chien_si_thi_dua_co_so", ""}}), 303)
		var regID, version string
		db.View(ctx, func(tx *sqldb.Tx) error {
			x, err := tx.RegistrationOf(ctx, f.CommuneA.ID, 2025)
			regID, version = itoa(x.ID), itoa(int64(x.Version))
			return err
		})
		want(t, "accept", post(t, f, admin, "/app/registrations/"+regID+"/review", url.Values{"decision": {"accept"}, "version": {version}, "year": {"2025"}}), 303)
		want(t, "registrations", get(t, f, admin, "/app/registrations?year=2025"), 200, "Cấp trên đã chấp nhận", f.PersonA.FullName, "Cá nhân đạt 1/1")
		x := get(t, f, admin, "/app/registrations.xlsx?year=2025")
		want(t, "xlsx", x, 200)
		wb, err := excelize.OpenReader(bytes.NewReader([]byte(x.Body)))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := wb.GetRows(wb.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[1][0] != f.CommuneA.Name || rows[1][3] != "Chưa đạt" || rows[1][4] != "100.0" ||
			rows[2][1] != f.PersonA.FullName || rows[2][3] != "Đạt" {
			t.Fatalf("workbook %q", rows)
		}
		_ = tdkt.MovementDraft
	})
}
