package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestHistoryExports: a person's and a collective's reward history as a PDF (read
// with pdftotext) and as XLSX (read back with excelize) says what the records hold,
// with Vietnamese names, award names, decision numbers and dd/mm/yyyy dates; another
// commune's clerk gets a 404.
func TestHistoryExports(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		subA := tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}
		if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: subA, AwardCode: "bang_khen_bo_tinh", Year: 2024, Kind: tdkt.KindSudden,
			AmountVND: 1_170_000, Decision: tdkt.Decision{Number: "2048/QĐ-UBND", Date: "2024-09-02", Signer: "Hồ Sĩ Đạt", Issuer: "Ủy ban nhân dân tỉnh Thử Nghiệm"}}); err != nil {
			t.Fatal(err)
		}
		team := tdkt.CollectiveUnit{OrgID: f.CommuneA.ID, Name: "Tổ Văn hóa – Xã hội"}
		if err := f.Svc.SaveCollective(ctx, &f.ClerkA, &team); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Collective, ID: team.ID}, AwardCode: "tap_the_lao_dong_tien_tien",
			Year: 2025, Kind: tdkt.KindMerit, Decision: tdkt.Decision{Number: "130/QĐ-UBND", Date: "2026-01-20", Issuer: "Ủy ban nhân dân xã Đông Hòa"}}); err != nil {
			t.Fatal(err)
		}
		clerkA, clerkB := f.Client(t, "canbo.a"), f.Client(t, "canbo.b")
		person := "/app/people/" + itoa(f.PersonA.ID)
		want(t, "the person page", get(t, f, clerkA, person), 200, `href="`+person+`/history.pdf"`, `href="`+person+`/history.xlsx"`)

		pdf := get(t, f, clerkA, person+"/history.pdf")
		if pdf.Status != 200 || pdf.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("PDF: %d %s", pdf.Status, pdf.Header.Get("Content-Type"))
		}
		cd := pdf.Header.Get("Content-Disposition")
		if !strings.Contains(cd, `filename="qua-trinh-khen-thuong-nguyen-thi-hong-nhung.pdf"`) ||
			!strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape("Quá trình khen thưởng - Nguyễn Thị Hồng Nhung.pdf")) {
			t.Errorf("Content-Disposition %q", cd)
		}
		text := strings.Join(strings.Fields(tdkttest.PDFText(t, []byte(pdf.Body))), " ")
		for _, w := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Ngày 26 tháng 11 năm 2026",
			"QUÁ TRÌNH THI ĐUA, KHEN THƯỞNG", "Của cá nhân: Nguyễn Thị Hồng Nhung", "Ngày sinh: 02/04/1985", "Dân tộc: Kinh",
			"Hoàn thành tốt nhiệm vụ", "Chiến sĩ thi đua cơ sở", "Quyết định số 125/QĐ-UBND", "ngày 15/01/2026",
			"Quyết định số 2048/QĐ-UBND", "ngày 02/09/2024", "1.170.000 đ", "Đột xuất", "Phạm vi: Cơ sở"} {
			if !strings.Contains(text, w) {
				t.Errorf("the PDF lacks %q:\n%s", w, text)
			}
		}
		// Longer texts wrap inside their table cells, and pdftotext interleaves the
		// columns' lines: each of their words must be there.
		for _, w := range []string{"ỦY BAN NHÂN DÂN XÃ ĐÔNG HÒA", "Hoàn thành xuất sắc nhiệm vụ", "Bằng khen của Bộ, ban, ngành, tỉnh",
			"Số hóa hồ sơ thi đua của xã", "Ủy ban nhân dân tỉnh Thử Nghiệm"} {
			for _, word := range strings.Fields(w) {
				if !strings.Contains(text, word) {
					t.Errorf("the PDF lacks %q of %q", word, w)
				}
			}
		}

		x := get(t, f, clerkA, person+"/history.xlsx")
		if x.Status != 200 {
			t.Fatalf("XLSX: %d", x.Status)
		}
		got := xlsxRows(t, x.Body)
		wantRows := [][]string{
			{"Mục", "Năm", "Nội dung", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Ghi chú"},
			{"Xếp loại", "2023", "Hoàn thành tốt nhiệm vụ"},
			{"Xếp loại", "2024", "Hoàn thành xuất sắc nhiệm vụ"},
			{"Xếp loại", "2025", "Hoàn thành xuất sắc nhiệm vụ"},
			{"Danh hiệu thi đua", "2025", "Chiến sĩ thi đua cơ sở", "125/QĐ-UBND", "15/01/2026", "Ủy ban nhân dân xã Đông Hòa", "Công trạng"},
			{"Hình thức khen thưởng", "2024", "Bằng khen của Bộ, ban, ngành, tỉnh", "2048/QĐ-UBND", "02/09/2024", "Ủy ban nhân dân tỉnh Thử Nghiệm", "Đột xuất; Tiền thưởng 1.170.000 đ"},
			{"Sáng kiến", "2025", "Số hóa hồ sơ thi đua của xã", "", "", "", "Phạm vi: Cơ sở"},
		}
		if len(got) != len(wantRows) {
			t.Fatalf("XLSX rows:\n%q\nwant\n%q", got, wantRows)
		}
		for i := range wantRows {
			if strings.Join(got[i], "|") != strings.Join(wantRows[i], "|") {
				t.Errorf("XLSX row %d: %q, want %q", i, got[i], wantRows[i])
			}
		}

		unit := "/app/collectives/" + itoa(team.ID)
		want(t, "the collective page", get(t, f, clerkA, unit), 200, `href="`+unit+`/history.pdf"`)
		text = strings.Join(strings.Fields(tdkttest.PDFText(t, []byte(get(t, f, clerkA, unit+"/history.pdf").Body))), " ")
		for _, w := range []string{"Của tập thể: Tổ Văn hóa – Xã hội", "Tập thể lao động tiên tiến", "130/QĐ-UBND", "20/01/2026"} {
			if !strings.Contains(text, w) {
				t.Errorf("the collective's PDF lacks %q:\n%s", w, text)
			}
		}
		rows := xlsxRows(t, get(t, f, clerkA, unit+"/history.xlsx").Body)
		if len(rows) != 2 || rows[1][2] != "Tập thể lao động tiên tiến" || rows[1][3] != "130/QĐ-UBND" {
			t.Errorf("the collective's XLSX: %q", rows)
		}

		for _, p := range []string{person + "/history.pdf", person + "/history.xlsx", unit + "/history.pdf", unit + "/history.xlsx"} {
			want(t, "commune B asking for "+p, get(t, f, clerkB, p), 404)
		}
	})
}
