package rules

// BaseSalary is the base salary (mức lương cơ sở) in force from a date.
type BaseSalary struct {
	From   Date
	VND    int64
	Source string
}

// DefaultBaseSalaries is the dated base-salary table (docs/law.md §5).
// Reward money uses the base salary in force on the decision date (Decree
// 152/2025 Art 49(1)).
func DefaultBaseSalaries() []BaseSalary {
	return []BaseSalary{
		{From: MakeDate(2023, 7, 1), VND: 1_800_000, Source: "Nghị định 24/2023/NĐ-CP"},
		{From: MakeDate(2024, 7, 1), VND: 2_340_000, Source: "Nghị định 73/2024/NĐ-CP"},
		{From: MakeDate(2026, 7, 1), VND: 2_530_000, Source: "Nghị định 161/2026/NĐ-CP"},
	}
}

// baseSalaryOn returns the entry in force on d; ok is false before the first one.
func baseSalaryOn(table []BaseSalary, d Date) (BaseSalary, bool) {
	var best BaseSalary
	ok := false
	for _, s := range table {
		if s.From <= d && (!ok || s.From >= best.From) {
			best, ok = s, true
		}
	}
	return best, ok
}
