package rules

import "testing"

func TestLunarNewYearKnownDates(t *testing.T) {
	for _, c := range []struct {
		year int
		want string
	}{
		{2020, "2020-01-25"}, {2021, "2021-02-12"}, {2022, "2022-02-01"}, {2023, "2023-01-22"},
		{2024, "2024-02-10"}, {2025, "2025-01-29"}, {2026, "2026-02-17"}, {2027, "2027-02-06"},
		{2028, "2028-01-26"}, {2029, "2029-02-13"},
		// 2030: the new moon is at 23:07 on 2 February in UTC+7 (00:07 on the 3rd in
		// UTC+8), so Vietnam's Tết Canh Tuất is 2 February while China's is the 3rd.
		{2030, "2030-02-02"},
		// 1985 and 2007 are the years where Vietnam's Tết (UTC+7) differs from China's.
		{1985, "1985-01-21"}, {2007, "2007-02-17"},
	} {
		if got := LunarNewYear(c.year).String(); got != c.want {
			t.Errorf("Tết %d = %s, want %s", c.year, got, c.want)
		}
	}
}

// The lunar dates of docs/law.md §8.
func TestLunarReferenceDates(t *testing.T) {
	for _, c := range []struct {
		solar string
		want  LunarDate
	}{
		{"2026-02-17", LunarDate{2026, 1, 1, false}},
		{"2026-02-16", LunarDate{2025, 12, 29, false}},
		{"2026-04-26", LunarDate{2026, 3, 10, false}},
		{"2027-02-06", LunarDate{2027, 1, 1, false}},
		{"2027-02-04", LunarDate{2026, 12, 28, false}},
		{"2027-02-05", LunarDate{2026, 12, 29, false}},
		{"2027-02-10", LunarDate{2027, 1, 5, false}},
		{"2027-04-16", LunarDate{2027, 3, 10, false}},
		{"2023-03-22", LunarDate{2023, 2, 1, true}}, // 2023 had a leap 2nd month (tháng 2 nhuận)
	} {
		d, _ := ParseDate(c.solar)
		if got := ToLunar(d); got != c.want {
			t.Errorf("ToLunar(%s) = %+v, want %+v", c.solar, got, c.want)
		}
		if back, ok := FromLunar(c.want); !ok || back != d {
			t.Errorf("FromLunar(%+v) = %s, want %s", c.want, back, c.solar)
		}
	}
	if got := HungKingsDay(2026).String(); got != "2026-04-26" {
		t.Errorf("Giỗ Tổ 2026 = %s", got)
	}
	if got := HungKingsDay(2027).String(); got != "2027-04-16" {
		t.Errorf("Giỗ Tổ 2027 = %s", got)
	}
}

func TestLunarRoundTrip(t *testing.T) {
	for d := MakeDate(2000, 1, 1); d < MakeDate(2040, 1, 1); d += 3 {
		l := ToLunar(d)
		back, ok := FromLunar(l)
		if !ok || back != d {
			t.Fatalf("round trip %s -> %+v -> %s", d, l, back)
		}
	}
}

func TestDateCivil(t *testing.T) {
	for d := MakeDate(1900, 1, 1); d < MakeDate(2200, 12, 31); d += 17 {
		y, m, dd := d.Civil()
		if MakeDate(y, m, dd) != d {
			t.Fatalf("civil round trip failed at %d", d)
		}
		p, err := ParseDate(d.String())
		if err != nil || p != d {
			t.Fatalf("parse %s: %v", d, err)
		}
	}
	if MakeDate(2026, 11, 24).Weekday().String() != "Tuesday" {
		t.Fatal("weekday")
	}
	for _, bad := range []string{"2025-02-29", "2025-13-01", "2025-1-01", "abcd-ef-gh", "", "2025-00-10", "1800-01-01"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}
