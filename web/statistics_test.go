package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tdkt/sheet"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestStatisticsPage(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewStatsFixture(t, db)
		admin := f.Client(t, "quantri")
		p := get(t, f.Fixture, admin, fmt.Sprintf("/app/statistics?form=0602&year=2025&org=%d", f.Province.ID))
		want(t, "0602 page", p, http.StatusOK, "Biểu số: 0602.N/BNV-TĐKT", "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023",
			"Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo", "Đơn vị báo cáo: Ủy ban nhân dân tỉnh Thử Nghiệm",
			"SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC", "Năm 2025", "từ ngày 01/12/2024 đến ngày 30/11/2025",
			`<th scope="row">Tổng số</th><td>1</td><td></td><td class="num">9</td>`,
			"Huân chương Lao động hạng Ba", "Người lập biểu", "Thủ trưởng đơn vị", "(Ký, họ tên, đóng dấu)", "CHƯA KIỂM CHỨNG")
		// The XLSX download has the same total.
		req, _ := http.NewRequest(http.MethodGet, f.Server.URL+fmt.Sprintf("/app/statistics?form=0603&year=2025&org=%d&format=xlsx", f.Province.ID), nil)
		x := do(t, admin, req)
		if x.Status != http.StatusOK || !strings.Contains(x.Header.Get("Content-Disposition"), "bieu-0603-2025.xlsx") {
			t.Fatalf("xlsx: %d %v", x.Status, x.Header)
		}
		book, err := excelize.OpenReader(bytes.NewReader([]byte(x.Body)))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := book.GetRows(sheet.StatSheet)
		found := false
		for _, r := range rows {
			if len(r) > 3 && r[0] == "Tổng số" && r[1] == "01" {
				found = r[3] == "5"
			}
		}
		if !found || rows[0][0] != "Biểu số: 0603.N/BNV-TĐKT" {
			t.Errorf("xlsx rows: %q", rows)
		}
		// All five forms at once, in the background.
		r := post(t, f.Fixture, admin, "/app/statistics/job", url.Values{"year": {"2025"}, "org": {fmt.Sprint(f.Province.ID)}})
		want(t, "all forms", r, http.StatusSeeOther)
		if !strings.HasPrefix(r.Location, "/app/jobs/") {
			t.Errorf("the forms job goes to %q", r.Location)
		} else {
			want(t, "forms job page", get(t, f.Fixture, admin, r.Location), http.StatusOK, "Lập các biểu thống kê 0601–0605", "<progress")
		}
		// Scope: another province's administrator and commune A's clerk get 404.
		other := f.Client(t, "quantri.t2")
		want(t, "other province", get(t, f.Fixture, other, fmt.Sprintf("/app/statistics?form=0602&year=2025&org=%d", f.Province.ID)), http.StatusNotFound)
		clerk := f.Client(t, "canbo.a")
		want(t, "commune B", get(t, f.Fixture, clerk, fmt.Sprintf("/app/statistics?form=0601&year=2025&org=%d", f.CommuneB.ID)), http.StatusNotFound)
		want(t, "commune B's forms job", post(t, f.Fixture, clerk, "/app/statistics/job", url.Values{"year": {"2025"}, "org": {fmt.Sprint(f.CommuneB.ID)}}), http.StatusNotFound)
		want(t, "own commune", get(t, f.Fixture, clerk, "/app/statistics?form=0601&year=2025"), http.StatusOK, "SỐ PHONG TRÀO THI ĐUA", "Đơn vị tính: Phong trào",
			// The list of forms reads as sentences: "sỐ PHONG TRÀO" was a byte cut through "Ố".
			">0601.N/BNV-TĐKT — Số phong trào thi đua<", ">0602.N/BNV-TĐKT — Số lượng khen thưởng cấp Nhà nước<")
		want(t, "signed out", get(t, f.Fixture, f.Client(t, ""), "/app/statistics"), http.StatusSeeOther)
	})
}
