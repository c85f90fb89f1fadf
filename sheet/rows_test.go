package sheet_test

import (
	"reflect"
	"strings"
	"testing"

	"tdkt/sheet"
)

// TestHeaderAndFooterRows: the rows under the header that are header too, and the
// signature block after the last data row, are left out and listed; rows that only
// resemble them are data and stay, to be checked like any other.
func TestHeaderAndFooterRows(t *testing.T) {
	known := []string{"Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị"}
	cases := []struct {
		name        string
		csv         string
		rows, skips []int
	}{
		{"years, column numbers and a footer", "Họ và tên,Ngày sinh,Chức vụ,Xếp loại,\n" +
			"Họ và tên,Ngày sinh,Chức vụ,Năm 2024,Năm 2025\n(1),(2),(3),(4),(5)\n" +
			"Lê Văn A,01/01/1980,Chuyên viên,HTTNV,HTTNV\nLê Văn B,02/02/1981,Văn thư,,\n" +
			",\"Đông Hòa, ngày 15 tháng 01 năm 2026\"\nNGƯỜI LẬP BIỂU,,THỦ TRƯỞNG ĐƠN VỊ\n\"(Ký, ghi rõ họ tên)\",,\"(Ký tên, đóng dấu)\"\n\nNguyễn Văn Lập,,Trần Quốc Trưởng\n",
			[]int{4, 5}, []int{2, 3, 6, 7, 8, 10}},
		{"a leader's position in the last row is data", "Họ và tên,Ngày sinh,Chức vụ\nLê Văn A,01/01/1980,Thủ trưởng đơn vị\n",
			[]int{2}, nil},
		{"a lone name without a footer line above is data", "Họ và tên,Ngày sinh,Chức vụ\nLê Văn A,01/01/1980,Chuyên viên\nTrần Thị B\n",
			[]int{2, 3}, nil},
		{"a footer line followed by data is data", "Họ và tên,Ngày sinh,Chức vụ\nLê Văn A,01/01/1980,Chuyên viên\nNGƯỜI LẬP BIỂU\nTrần Thị B,02/02/1990,Kế toán\n",
			[]int{2, 3, 4}, nil},
		{"a year row between data rows is data", "Họ và tên,Ngày sinh,Chức vụ\nLê Văn A,01/01/1980,Chuyên viên\nNăm 2024,,\nTrần Thị B,02/02/1990,Kế toán\n",
			[]int{2, 3, 4}, nil},
	}
	for _, c := range cases {
		tb, err := sheet.Read([]byte(c.csv), known)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var rows, skips []int
		for _, r := range tb.Rows {
			rows = append(rows, r.Num)
		}
		for _, s := range tb.Skipped {
			skips = append(skips, s.Num)
		}
		if !reflect.DeepEqual(rows, c.rows) || !reflect.DeepEqual(skips, c.skips) {
			t.Errorf("%s: rows %v skipped %v, want %v and %v (header row %d)\n%s", c.name, rows, skips, c.rows, c.skips, tb.HeaderRow,
				strings.TrimSpace(c.csv))
		}
	}
}
