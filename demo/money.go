package demo

// Reward money is coefficient × the base salary in force on the decision date,
// rounded up to the next 10,000 đ (Decree 152/2025 Art 49; Decree 98/2023 before).

// baseSalaries are the base salaries (mức lương cơ sở) with the day they took effect,
// newest first: NĐ 161/2026, NĐ 73/2024, NĐ 24/2023, NĐ 38/2019, NĐ 72/2018, NĐ 47/2017,
// NĐ 47/2016.
var baseSalaries = []struct {
	from string
	vnd  int64
}{
	{"2026-07-01", 2_530_000},
	{"2024-07-01", 2_340_000},
	{"2023-07-01", 1_800_000},
	{"2019-07-01", 1_490_000},
	{"2018-07-01", 1_390_000},
	{"2017-07-01", 1_300_000},
	{"2016-05-01", 1_210_000},
	{"0000-00-00", 1_150_000},
}

// baseSalary is the base salary in force on a YYYY-MM-DD date.
func baseSalary(date string) int64 {
	for _, b := range baseSalaries {
		if date >= b.from {
			return b.vnd
		}
	}
	return baseSalaries[len(baseSalaries)-1].vnd
}

// amount returns coefficient/10 × base salary on date, rounded up to 10,000 đ; the
// coefficient is in tenths so that the arithmetic stays exact.
func amount(coefTenths int64, date string) int64 {
	if coefTenths == 0 {
		return 0
	}
	x := coefTenths * baseSalary(date) // tenths of đồng
	return (x + 99_999) / 100_000 * 10_000
}
