package rules

// ProvisionID names one provision a rule set carries (a criterion, a threshold,
// a money table), so that answers can cite it and say whether it is verified.
type ProvisionID uint8

// The provisions. Their citations and verification status are data in each
// RuleSet.Provisions.
const (
	PrDeferral           ProvisionID = iota // no proposal while under review
	PrDisciplineCut                         // achievements count from the end of a discipline
	PrLDTT                                  // Lao động tiên tiến, agency staff
	PrLDTTWorkers                           // Lao động tiên tiến, workers and farmers
	PrCSTT                                  // Chiến sĩ tiên tiến, armed forces
	PrRecruited6Months                      // no LĐTT when recruited less than 6 months
	PrCSTDCS                                // Chiến sĩ thi đua cơ sở
	PrCSTDBoTinh                            // Chiến sĩ thi đua bộ, ban, ngành, tỉnh
	PrCSTDToanQuoc                          // Chiến sĩ thi đua toàn quốc
	PrTTLDTT                                // Tập thể lao động tiên tiến, Đơn vị tiên tiến
	PrTTLDTTShare                           // its share of LĐTT members
	PrTTLDXS                                // Tập thể lao động xuất sắc, Đơn vị quyết thắng
	PrTTLDXSDiscipline                      // no member disciplined at cảnh cáo or above
	PrBKBoTinhIndividual                    // Bằng khen bộ/tỉnh, individual, point d
	PrBKBoTinhCollective                    // Bằng khen bộ/tỉnh, collective
	PrBKThuTuong                            // Bằng khen Thủ tướng, point b
	PrHCLD3                                 // Huân chương Lao động hạng Ba, point e
	PrPriorKind                             // a prerequisite award must be công trạng
	PrWindowAfterPrior                      // the 5 years follow the prior award
	PrInitiativeReuse                       // one achievement, one reward
	PrMoney                                 // reward money coefficients
	PrMoneyHousehold                        // households: 1.5 × individual, one rounding
	PrVote                                  // council ballot thresholds
	numProvisions
)

// Provision is the citation and status of one provision in one rule set.
type Provision struct {
	// Rule is the stable code that reasons carry for this provision.
	Rule string
	// Basis is the legal citation shown to clerks.
	Basis string
	// Unverified marks a provision whose text was not read for this rule set.
	Unverified bool
	// Note says why it is unverified or how it was configured.
	Note string
	// FromLaw marks provisions that come from the text of the Law itself (as
	// opposed to a decree or circular); the 2026 amendment leaves these unverified.
	FromLaw bool
}

// CSTDCSVariant selects the criterion of Chiến sĩ thi đua cơ sở (Law Art 23).
type CSTDCSVariant string

// The variants of the Chiến sĩ thi đua cơ sở criterion.
const (
	// CSTDCSEither is the 2022 text: HTXSNV or an initiative.
	CSTDCSEither CSTDCSVariant = "luat-2022"
	// CSTDCSBoth is the 2025–26 draft amendment: HTXSNV and an initiative.
	CSTDCSBoth CSTDCSVariant = "du-thao-2026"
)

// VoteRule is the share of all council members that must vote yes.
type VoteRule struct {
	Award   string
	Percent int
}

// MoneyLine is the reward-money coefficient of an award, in thousandths of the
// base salary (integers: money is never computed in floating point).
type MoneyLine struct {
	Award string
	// Individual and Collective are the coefficients in thousandths; 0 = no line.
	Individual int64
	Collective int64
	// CollectiveDoubles: collectives get CollectiveHonourFactor × Individual
	// (Huân chương, Anh hùng).
	CollectiveDoubles bool
	// Household: households get HouseholdFactor × Individual (reward forms).
	Household bool
	Basis     string
}

// Deadline is a time limit of the procedure, for the dossier workflow.
type Deadline struct {
	Key         string
	Days        int
	WorkingDays bool
	Basis       string
	Unverified  bool
}

// DatedWarning is a warning that answers carry from a date on.
type DatedWarning struct {
	From    Date
	Message string
}

// RuleSet is the law in force over a period: which texts apply, their
// citations, thresholds, shares, money and switches. Everything the law fixes as
// a number lives here, not in code.
type RuleSet struct {
	ID   string
	Name string
	// From and To bound the dates (as_of) the set applies to; To is inclusive and
	// zero means open-ended.
	From, To Date

	Provisions [numProvisions]Provision

	// RecruitedSixMonths: no Lao động tiên tiến for a person recruited less than 6
	// months before the end of the assessment year (TT 01/2024/TT-BNV).
	RecruitedSixMonths bool
	// CSTDCS is the Chiến sĩ thi đua cơ sở criterion in force.
	CSTDCS CSTDCSVariant
	// AdvancedSharePct is the minimum share (%) of members holding Lao động tiên
	// tiến for Tập thể lao động tiên tiến (Art 28).
	AdvancedSharePct int
	// ExcellentSharePct is the same share for Tập thể lao động xuất sắc (Art 27).
	ExcellentSharePct int
	// ExcellentNoDisciplined applies the "no member disciplined at cảnh cáo or
	// above" standard to Tập thể lao động xuất sắc as well.
	ExcellentNoDisciplined bool
	// PriorGapYears is the length of the window of years that must follow a prior
	// award (5 for Bằng khen Thủ tướng and Huân chương Lao động hạng Ba).
	PriorGapYears int

	Votes                  []VoteRule
	Money                  []MoneyLine
	HouseholdFactor        int64 // thousandths
	CollectiveHonourFactor int64 // thousandths
	Deadlines              []Deadline
	Warnings               []DatedWarning
}

// In reports whether the rule set applies on d.
func (rs *RuleSet) In(d Date) bool {
	return d >= rs.From && (rs.To == 0 || d <= rs.To)
}

// Vote returns the ballot share (%) for an award; ok is false when the award has
// no ballot rule.
func (rs *RuleSet) Vote(award string) (pct int, ok bool) {
	for _, v := range rs.Votes {
		if v.Award == award {
			return v.Percent, true
		}
	}
	return 0, false
}

// MoneyFor returns the money line of an award; ok is false when it has none.
func (rs *RuleSet) MoneyFor(award string) (MoneyLine, bool) {
	for _, m := range rs.Money {
		if m.Award == award {
			return m, true
		}
	}
	return MoneyLine{}, false
}

// Deadline returns the time limit with the given key.
func (rs *RuleSet) Deadline(key string) (Deadline, bool) {
	for _, d := range rs.Deadlines {
		if d.Key == key {
			return d, true
		}
	}
	return Deadline{}, false
}
