package rules

import "time"

const (
	srcArt112 = "Bộ luật Lao động 2019, Điều 112"
	srcArt111 = "Bộ luật Lao động 2019, Điều 111 khoản 3"
	srcNQ28   = "Nghị quyết 28/2026/QH16, Điều 2 khoản 1"
)

// statutoryHolidays returns the public holidays of year y (Labour Code 2019
// Art 112(1)) followed by the compensatory days for those that fall on a Saturday
// or Sunday (Art 111(3): the next working day).
//
// Two placements are chosen by the Prime Minister each year (Art 112(3)): the five
// Tết days and the day next to 2 September. Without a notice this uses the usual
// pattern — the last day of the old lunar year and mùng 1 to mùng 4; 1 September
// when 2 September is a Tuesday, Friday or Saturday, 3 September otherwise — and a
// notice (DayOverride) corrects it. Swaps of working days are never derived.
func statutoryHolidays(y int) []Holiday {
	var hs []Holiday
	add := func(d Date, name, src string) {
		hs = append(hs, Holiday{Date: d, Kind: HolidayStatutory, Off: true, Name: name, Source: src})
	}
	add(MakeDate(y, 1, 1), "Tết Dương lịch", srcArt112)
	tet := LunarNewYear(y)
	add(tet-1, "Tết Nguyên đán (ngày cuối năm Âm lịch)", srcArt112)
	for i := 0; i < 4; i++ {
		add(tet+Date(i), "Tết Nguyên đán (mùng "+string(rune('1'+i))+")", srcArt112)
	}
	add(HungKingsDay(y), "Giỗ Tổ Hùng Vương (10/3 Âm lịch)", srcArt112)
	add(MakeDate(y, 4, 30), "Ngày Chiến thắng (30/4)", srcArt112)
	add(MakeDate(y, 5, 1), "Ngày Quốc tế lao động (1/5)", srcArt112)
	nd := MakeDate(y, 9, 2)
	adj := nd + 1
	switch nd.Weekday() {
	case time.Tuesday, time.Friday, time.Saturday:
		adj = nd - 1
	}
	if adj < nd {
		add(adj, "Quốc khánh (ngày liền kề)", srcArt112)
		add(nd, "Quốc khánh (2/9)", srcArt112)
	} else {
		add(nd, "Quốc khánh (2/9)", srcArt112)
		add(adj, "Quốc khánh (ngày liền kề)", srcArt112)
	}
	if y >= 2026 {
		add(MakeDate(y, 11, 24), "Ngày Văn hóa Việt Nam (24/11)", srcNQ28)
	}
	n := len(hs)
	isOff := func(d Date) bool {
		if isWeekend(d) {
			return true
		}
		for _, h := range hs {
			if h.Date == d {
				return true
			}
		}
		return false
	}
	for i := 0; i < n; i++ {
		h := hs[i]
		if !isWeekend(h.Date) {
			continue
		}
		d := h.Date + 1
		for isOff(d) {
			d++
		}
		hs = append(hs, Holiday{Date: d, Kind: HolidayCompensatory, Off: true, Name: "Nghỉ bù " + h.Name, Source: srcArt111})
	}
	return hs
}

// DefaultNotices returns the public-sector day swaps and choices of the
// Government's yearly notices known to this package (docs/law.md §8).
// They are data: an administrator may replace or extend them. Years without a
// notice get only the statutory days and the statutory compensatory days.
func DefaultNotices() []DayOverride {
	const (
		cv12729 = "Công văn 12729/VPCP-KGVX (nghỉ Tết Dương lịch 2026)"
		tb9441  = "Thông báo 9441/TB-BNV ngày 16/10/2025"
		cv10065 = "Công văn 10065/VPCP-KGVX ngày 02/10/2026"
	)
	return []DayOverride{
		{Date: MakeDate(2026, 1, 2), Off: true, Note: "Nghỉ hoán đổi dịp Tết Dương lịch 2026", Source: cv12729},
		{Date: MakeDate(2026, 1, 10), Off: false, Note: "Làm bù thứ Bảy cho ngày 02/01/2026", Source: cv12729},
		{Date: MakeDate(2026, 2, 16), Off: true, Note: "Tết Bính Ngọ: 29 tháng Chạp", Source: tb9441},
		{Date: MakeDate(2026, 8, 22), Off: false, Note: "Làm bù thứ Bảy cho ngày 31/08/2026", Source: tb9441},
		{Date: MakeDate(2026, 8, 31), Off: true, Note: "Nghỉ hoán đổi dịp Quốc khánh 2026", Source: tb9441},
		{Date: MakeDate(2026, 9, 1), Off: true, Note: "Quốc khánh 2026: ngày liền kề trước 2/9", Source: tb9441},
		{Date: MakeDate(2026, 9, 3), Off: false, Note: "Quốc khánh 2026: ngày liền kề là 01/09, 03/09 làm việc", Source: tb9441},
		{Date: MakeDate(2027, 2, 4), Off: true, Note: "Tết Đinh Mùi: nghỉ từ 04/02 đến 10/02/2027", Source: cv10065},
		{Date: MakeDate(2027, 2, 11), Off: false, Note: "Tết Đinh Mùi: nghỉ bù đã bố trí vào 04/02 và 10/02/2027", Source: cv10065},
		{Date: MakeDate(2027, 9, 3), Off: true, Note: "Quốc khánh 2027: ngày liền kề sau 2/9", Source: cv10065},
	}
}
