package vn

import (
	"sort"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyễn Văn Á":              "nguyen van a",
		"  ĐẶNG   Thị Ước ":         "dang thi uoc",
		norm.NFD.String("Trần Đức"): "tran duc",
		"":                          "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNFC(t *testing.T) {
	nfd := norm.NFD.String("Nguyễn  Thị\tHồng")
	if got := NFC(nfd); got != "Nguyễn Thị Hồng" || !norm.NFC.IsNormalString(got) {
		t.Errorf("NFC = %q", got)
	}
}

func TestMoney(t *testing.T) {
	for in, want := range map[int64]string{0: "0 đ", 710000: "710.000 đ", 1234567: "1.234.567 đ", 999: "999 đ", 1000: "1.000 đ"} {
		if got := Money(in); got != want {
			t.Errorf("Money(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[string]string{"05/03/2025": "2025-03-05", "5/3/2025": "2025-03-05", "2025-03-05": "2025-03-05", "29-02-2024": "2024-02-29"} {
		got, err := ParseDate(in)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"31/02/2025", "2025/13/01", "abc", "", "29/02/2025"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	// Each wrong date says what is wrong with it.
	for in, want := range map[string]string{
		"31/02/2025": "Tháng 2 không có ngày 31 (tháng 2 có 28 ngày).",
		"31/4/2026":  "Tháng 4 không có ngày 31 (tháng 4 có 30 ngày).",
		"29/02/2025": "Tháng 2 năm 2025 không có ngày 29 (năm 2025 không phải năm nhuận).",
		"01/13/2025": "Không có tháng 13: tháng chỉ từ 1 đến 12.",
		"2025-13-01": "Không có tháng 13: tháng chỉ từ 1 đến 12.",
		"05/03/25":   "Năm phải có 4 chữ số (ví dụ 05/03/2025).",
		"0/3/2025":   "Ngày trong tháng phải từ 1 trở lên.",
		"abc":        "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.",
		"":           "Chưa nhập ngày.",
	} {
		if _, err := ParseDate(in); err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q) error = %v, want %q", in, err, want)
		}
	}
	if got := FormatDate("2025-03-05"); got != "05/03/2025" {
		t.Errorf("FormatDate = %q", got)
	}
}

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		x    float64
		d    int
		want string
	}{{0, 1, "0,0%"}, {12.345, 1, "12,3%"}, {100, 1, "100,0%"}, {66.666, 0, "67%"}, {1234.5, 1, "1.234,5%"}, {-2.25, 2, "-2,25%"}, {-0.04, 1, "0,0%"}, {-0.4, 1, "-0,4%"}} {
		if got := Percent(c.x, c.d); got != c.want {
			t.Errorf("Percent(%v, %d) = %q, want %q", c.x, c.d, got, c.want)
		}
	}
}

func TestCollation(t *testing.T) {
	names := []string{"Zơ", "Đào", "Ân", "Anh", "Ăn", "Ánh", "Dương", "Bình"}
	SortNames(names, func(s string) string { return s })
	want := []string{"Anh", "Ánh", "Ăn", "Ân", "Bình", "Dương", "Đào", "Zơ"}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("order %v, want %v", names, want)
		}
	}
}

func TestSortKeyOrdersLikeCollation(t *testing.T) {
	names := []string{"Trần Văn Zơ", "Lê Thị Đào", "Nguyễn Ân", "Phạm Anh", "Võ Ăn", "Hà Ánh", "Lý Dương", "Mai Bình"}
	want := append([]string(nil), names...)
	SortNames(want, func(s string) string { return s })
	got := append([]string(nil), names...)
	sort.Slice(got, func(i, j int) bool { return SortKey(got[i]) < SortKey(got[j]) })
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("by key %v, by collation %v", got, want)
		}
	}
}

func TestNFCText(t *testing.T) {
	in := "\n\n  Dòng  một \r\n" + norm.NFD.String("Dòng hai") + "\n\n\n\nDòng ba  \n\n"
	if got := NFCText(in); got != "Dòng một\nDòng hai\n\nDòng ba" {
		t.Errorf("NFCText = %q", got)
	}
}
