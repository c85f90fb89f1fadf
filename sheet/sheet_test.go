package sheet

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
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
