package sheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tdkt"
)

func TestXLSXReadBack(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSX(&buf, "Đề xuất khen thưởng", "Họ và tên", "Danh hiệu", "Số")
	if err != nil {
		t.Fatal(err)
	}
	w.Row("Nguyễn Thị Hồng Nhung", "Chiến sĩ thi đua cơ sở", 1)
	w.Row("=HYPERLINK(\"http://x\")", "+1", 2)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Đề xuất khen thưởng")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "Họ và tên" || rows[1][0] != "Nguyễn Thị Hồng Nhung" || rows[1][2] != "1" {
		t.Fatalf("rows %q", rows)
	}
	if rows[2][0] != "'=HYPERLINK(\"http://x\")" || rows[2][1] != "'+1" {
		t.Errorf("formula not neutralised: %q", rows[2])
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewCSV(&buf, "Họ và tên", "Ghi chú")
	w.Row("Trần Văn Đức", "@SUM(A1)")
	w.Close()
	s := buf.String()
	if !strings.HasPrefix(s, "\ufeff") {
		t.Error("no byte-order mark")
	}
	rec, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\ufeff"))).ReadAll()
	if err != nil || rec[1][0] != "Trần Văn Đức" || rec[1][1] != "'@SUM(A1)" {
		t.Errorf("%q %v", rec, err)
	}
}

func TestStatFormNeutralisesFormulas(t *testing.T) {
	l, _ := tdkt.StatLayoutOn("2025-11-30")
	f, _ := l.Form("0604")
	var buf bytes.Buffer
	err := WriteStatForm(&buf, StatForm{Table: f.Fill(nil), Basis: l.Basis, Reporter: "=HYPERLINK(\"http://x\")", Receiver: "@SUM(A1)", Year: 2025,
		Period: "từ ngày 01/12/2024 đến ngày 30/11/2025"})
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(StatSheet)
	text := fmt.Sprint(rows)
	if !strings.Contains(text, "Đơn vị báo cáo: =HYPERLINK") || !strings.Contains(text, "Tổng số") {
		t.Errorf("rows: %v", rows)
	}
	// A cell that begins with a formula character is prefixed.
	buf.Reset()
	err = WriteStatForm(&buf, StatForm{Table: f.Fill(nil), Basis: "=1+2", Year: 2025})
	if err != nil {
		t.Fatal(err)
	}
	x, _ = excelize.OpenReader(&buf)
	if v, _ := x.GetCellValue(StatSheet, "A2"); v != "'=1+2" {
		t.Errorf("A2 = %q, want '=1+2", v)
	}
	if f, _ := x.GetCellFormula(StatSheet, "A2"); f != "" {
		t.Errorf("A2 has formula %q", f)
	}
}
