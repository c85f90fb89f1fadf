package rules

import (
	"strconv"

	"tdkt"
)

// MoneyItem is one award decided on the date of a money question.
type MoneyItem struct {
	Award       string
	SubjectKind tdkt.SubjectKind
	// Period is the counting period: "2025" or "2023-2025".
	Period string
}

// MoneyLineResult is the amount of one item.
type MoneyLineResult struct {
	Award       string
	SubjectKind tdkt.SubjectKind
	Period      string
	// Coefficient is the combined coefficient in millionths of the base salary
	// (2.25 is 2_250_000), exact.
	Coefficient int64
	VND         int64
	Paid        bool
	Basis       string
	Note        string
}

// MoneyResult answers a money question.
type MoneyResult struct {
	RuleSet    string
	BaseSalary BaseSalary
	Items      []MoneyLineResult
	TotalVND   int64
	Unverified []Unverified
}

// Money computes reward money (Decree 98/2023 Art 54–58; Decree 152/2025
// Art 49–54): coefficient × the base salary in force on asOf, rounded up to the
// next 10,000 đồng in integer arithmetic. Titles of the same counting period for
// the same kind of subject: only the highest is paid; different periods, and a
// title with a form, are each paid. Households get HouseholdFactor × the
// individual coefficient and collectives receiving a Huân chương or an Anh hùng
// title CollectiveHonourFactor × it, the combined coefficient being rounded once.
// An award with no money line (e.g. Gia đình văn hóa) is answered with 0 đồng,
// paid false and a note, rather than rejected: the question is valid, the law
// simply pays nothing.
func (e *Engine) Money(items []MoneyItem, asOf Date) (MoneyResult, error) {
	rs, ok := e.RuleSetOn(asOf)
	if !ok {
		return MoneyResult{}, fieldErr("as_of", "không có bộ quy tắc áp dụng cho ngày "+asOf.VN())
	}
	base, ok := e.BaseSalaryOn(asOf)
	if !ok {
		return MoneyResult{}, fieldErr("as_of", "không có mức lương cơ sở áp dụng cho ngày "+asOf.VN())
	}
	if len(items) == 0 {
		return MoneyResult{}, fieldErr("items", "cần ít nhất một khoản")
	}
	out := MoneyResult{RuleSet: rs.ID, BaseSalary: base, Items: make([]MoneyLineResult, len(items))}
	household := false
	for i, it := range items {
		f := "items." + strconv.Itoa(i)
		a, ok := tdkt.AwardByCode(it.Award)
		if !ok {
			return MoneyResult{}, fieldErr(f+".award", "mã khen thưởng không hợp lệ \""+it.Award+"\"")
		}
		if !tdkt.In(it.SubjectKind, tdkt.SubjectKinds) {
			return MoneyResult{}, fieldErr(f+".subject_kind", "loại đối tượng không hợp lệ \""+string(it.SubjectKind)+"\"")
		}
		if !a.For(it.SubjectKind) {
			return MoneyResult{}, fieldErr(f+".subject_kind", a.Name+" không áp dụng cho "+lower(tdkt.Label(string(it.SubjectKind))))
		}
		period, ok := normalisePeriod(it.Period)
		if !ok {
			return MoneyResult{}, fieldErr(f+".period", "kỳ tính thành tích phải có dạng \"2025\" hoặc \"2023-2025\"")
		}
		r := MoneyLineResult{Award: a.Code, SubjectKind: it.SubjectKind, Period: period}
		line, ok := rs.MoneyFor(a.Code)
		if ok {
			r.Basis = line.Basis
			r.Coefficient = coefficient(rs, line, it.SubjectKind)
			household = household || (it.SubjectKind == tdkt.Household && r.Coefficient > 0)
		}
		if r.Coefficient == 0 {
			r.Note = "Không có mức tiền thưởng cho " + a.Name + " (" + lower(tdkt.Label(string(it.SubjectKind))) + ") trong " + rs.Provisions[PrMoney].Basis
		} else {
			r.VND = roundUp10k(r.Coefficient, base.VND)
			r.Paid = true
		}
		out.Items[i] = r
	}
	samePeriodOnlyHighest(out.Items)
	for _, r := range out.Items {
		if r.Paid {
			out.TotalVND += r.VND
		}
	}
	for _, p := range []ProvisionID{PrMoney, PrMoneyHousehold} {
		if pr := rs.Provisions[p]; pr.Unverified && (p == PrMoney || household) {
			out.Unverified = append(out.Unverified, Unverified{Rule: pr.Rule, Basis: pr.Basis, Note: pr.Note})
		}
	}
	return out, nil
}

// coefficient returns the combined coefficient in millionths, 0 when none.
func coefficient(rs *RuleSet, l MoneyLine, k tdkt.SubjectKind) int64 {
	switch k {
	case tdkt.Individual:
		return l.Individual * 1000
	case tdkt.Household:
		if l.Household {
			return l.Individual * rs.HouseholdFactor
		}
	case tdkt.Collective:
		if l.CollectiveDoubles {
			return l.Individual * rs.CollectiveHonourFactor
		}
		return l.Collective * 1000
	}
	return 0
}

// roundUp10k is ceil(coef × base / 10,000) × 10,000 with coef in millionths.
func roundUp10k(coefMicro, base int64) int64 {
	const unit = 1_000_000 * 10_000
	p := coefMicro * base
	return (p + unit - 1) / unit * 10_000
}

// samePeriodOnlyHighest leaves, among titles of one kind of subject and one
// counting period, only the highest paid (Decree 152/2025 Art 49(5)).
func samePeriodOnlyHighest(items []MoneyLineResult) {
	for i := range items {
		a, _ := tdkt.AwardByCode(items[i].Award)
		if a.Category != tdkt.Title || !items[i].Paid {
			continue
		}
		for j := range items {
			b, _ := tdkt.AwardByCode(items[j].Award)
			if j == i || b.Category != tdkt.Title || !items[j].Paid ||
				items[j].Period != items[i].Period || items[j].SubjectKind != items[i].SubjectKind {
				continue
			}
			// i loses to a higher coefficient, or to an equal one listed first.
			if items[j].Coefficient > items[i].Coefficient || items[j].Coefficient == items[i].Coefficient && j < i {
				items[i].Paid = false
				items[i].Note = "Cùng thời gian tính thành tích với " + b.Name + ": chỉ chi tiền thưởng của danh hiệu cao nhất"
				break
			}
		}
	}
}

// normalisePeriod accepts "2025" or "2023-2025" (from ≤ to).
func normalisePeriod(p string) (string, bool) {
	year := func(s string) (int, bool) {
		if len(s) != 4 {
			return 0, false
		}
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= 1900 && n <= 2200
	}
	if y, ok := year(p); ok {
		return strconv.Itoa(y), true
	}
	if len(p) == 9 && p[4] == '-' {
		a, ok1 := year(p[:4])
		b, ok2 := year(p[5:])
		if ok1 && ok2 && a <= b {
			if a == b {
				return strconv.Itoa(a), true
			}
			return p, true
		}
	}
	return "", false
}

// decimalMicro formats a value in millionths as a decimal ("2.25").
func decimalMicro(v int64) string {
	s := strconv.FormatInt(v/1_000_000, 10)
	frac := v % 1_000_000
	if frac == 0 {
		return s
	}
	f := strconv.FormatInt(frac+1_000_000, 10)[1:]
	for f[len(f)-1] == '0' {
		f = f[:len(f)-1]
	}
	return s + "." + f
}
