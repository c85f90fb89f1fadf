package rules

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"tdkt"
)

// Options configures an Engine. The zero Options gives the built-in rule sets.
// Every non-nil override replaces the rule set's value in every rule set and is
// noted on the provision, so that answers show the configuration they used.
type Options struct {
	RuleSets     []RuleSet    // nil: DefaultRuleSets()
	BaseSalaries []BaseSalary // nil: DefaultBaseSalaries()
	Calendar     *Calendar    // nil: DefaultCalendar()

	// RecruitedSixMonths switches the TT 01/2024 "recruited less than 6 months"
	// rule for Lao động tiên tiến on or off.
	RecruitedSixMonths *bool
	// CSTDCS chooses the Chiến sĩ thi đua cơ sở criterion variant.
	CSTDCS *CSTDCSVariant
	// AdvancedSharePct is the share (%) of LĐTT members for Tập thể lao động tiên tiến.
	AdvancedSharePct *int
	// ExcellentSharePct is the share (%) of LĐTT members for Tập thể lao động xuất sắc.
	ExcellentSharePct *int
	// ExcellentNoDisciplined applies "no member disciplined at cảnh cáo or above"
	// to Tập thể lao động xuất sắc.
	ExcellentNoDisciplined *bool
	// Votes replaces or adds ballot thresholds, per award.
	Votes []VoteRule
}

// Engine answers eligibility, money, vote and working-day questions. It is
// immutable after New and safe for concurrent use.
type Engine struct {
	sets     []RuleSet
	salaries []BaseSalary
	cal      *Calendar
}

// Default is the engine with the built-in rule sets and calendar.
var Default = func() *Engine {
	e, err := New(Options{})
	if err != nil {
		panic(err)
	}
	return e
}()

// New builds an engine; it returns an error when an override is out of range.
func New(o Options) (*Engine, error) {
	e := &Engine{sets: o.RuleSets, salaries: o.BaseSalaries, cal: o.Calendar}
	if e.sets == nil {
		e.sets = DefaultRuleSets()
	} else {
		e.sets = append([]RuleSet(nil), e.sets...)
	}
	if e.salaries == nil {
		e.salaries = DefaultBaseSalaries()
	}
	if e.cal == nil {
		e.cal = DefaultCalendar()
	}
	pct := func(p *int, name string) error {
		if p != nil && (*p < 0 || *p > 100) {
			return fmt.Errorf("rules: %s = %d, cần từ 0 đến 100", name, *p)
		}
		return nil
	}
	if err := errors.Join(pct(o.AdvancedSharePct, "AdvancedSharePct"), pct(o.ExcellentSharePct, "ExcellentSharePct")); err != nil {
		return nil, err
	}
	if o.CSTDCS != nil && *o.CSTDCS != CSTDCSEither && *o.CSTDCS != CSTDCSBoth {
		return nil, fmt.Errorf("rules: CSTDCS variant %q không hợp lệ", *o.CSTDCS)
	}
	for _, v := range o.Votes {
		if _, ok := tdkt.AwardByCode(v.Award); !ok || v.Percent <= 0 || v.Percent > 100 {
			return nil, fmt.Errorf("rules: ngưỡng phiếu %q = %d không hợp lệ", v.Award, v.Percent)
		}
	}
	for i := range e.sets {
		e.sets[i] = applyOptions(e.sets[i], o)
	}
	return e, nil
}

func configured(p *Provision, what string) {
	n := "đã cấu hình: " + what
	if p.Note != "" {
		n = p.Note + "; " + n
	}
	p.Note = n
}

func applyOptions(rs RuleSet, o Options) RuleSet {
	if o.RecruitedSixMonths != nil {
		rs.RecruitedSixMonths = *o.RecruitedSixMonths
		state := "tắt"
		if rs.RecruitedSixMonths {
			state = "bật"
		}
		configured(&rs.Provisions[PrRecruited6Months], state)
	}
	if o.CSTDCS != nil {
		rs.CSTDCS = *o.CSTDCS
		configured(&rs.Provisions[PrCSTDCS], "phương án "+string(rs.CSTDCS))
	}
	if o.AdvancedSharePct != nil {
		rs.AdvancedSharePct = *o.AdvancedSharePct
		configured(&rs.Provisions[PrTTLDTTShare], strconv.Itoa(rs.AdvancedSharePct)+"%")
	}
	if o.ExcellentSharePct != nil {
		rs.ExcellentSharePct = *o.ExcellentSharePct
		configured(&rs.Provisions[PrTTLDXS], "tỷ lệ "+strconv.Itoa(rs.ExcellentSharePct)+"%")
	}
	if o.ExcellentNoDisciplined != nil {
		rs.ExcellentNoDisciplined = *o.ExcellentNoDisciplined
		state := "không áp dụng điều kiện không có thành viên bị kỷ luật từ cảnh cáo"
		if rs.ExcellentNoDisciplined {
			state = "áp dụng điều kiện không có thành viên bị kỷ luật từ cảnh cáo"
		}
		configured(&rs.Provisions[PrTTLDXS], state)
	}
	if len(o.Votes) > 0 {
		votes := append([]VoteRule(nil), rs.Votes...)
		for _, v := range o.Votes {
			found := false
			for i := range votes {
				if votes[i].Award == v.Award {
					votes[i].Percent, found = v.Percent, true
				}
			}
			if !found {
				votes = append(votes, v)
			}
		}
		rs.Votes = votes
		configured(&rs.Provisions[PrVote], "ngưỡng phiếu theo cấu hình")
	}
	return rs
}

// RuleSets returns the engine's rule sets, oldest first.
func (e *Engine) RuleSets() []RuleSet { return append([]RuleSet(nil), e.sets...) }

// RuleSetOn returns the rule set in force on d; ok is false when none is.
func (e *Engine) RuleSetOn(d Date) (*RuleSet, bool) {
	for i := len(e.sets) - 1; i >= 0; i-- {
		if e.sets[i].In(d) {
			return &e.sets[i], true
		}
	}
	return nil, false
}

// BaseSalaryOn returns the base salary in force on d.
func (e *Engine) BaseSalaryOn(d Date) (BaseSalary, bool) { return baseSalaryOn(e.salaries, d) }

// Calendar returns the engine's working calendar.
func (e *Engine) Calendar() *Calendar { return e.cal }

// Eligibility answers whether s may be proposed for award (a catalogue code) for
// assessment year year, on the date asOf, with every reason. An unknown code, an
// award not given to s.Kind or a date with no rule set gives NotEligible with a
// reason saying so (the JSON layer rejects such cases as invalid instead).
func (e *Engine) Eligibility(s *Subject, award string, year int, asOf Date) Result {
	id, _ := AwardIDOf(award)
	return e.EligibilityID(s, id, year, asOf)
}

// EligibilityID is Eligibility with an AwardID.
func (e *Engine) EligibilityID(s *Subject, award AwardID, year int, asOf Date) Result {
	res := Result{Award: award.Code()}
	rs, ok := e.RuleSetOn(asOf)
	if !ok || award == 0 {
		res.Reasons = []Reason{{Rule: "bo_quy_tac", Met: false, Basis: "", Message: "Không có bộ quy tắc hoặc mã khen thưởng cho câu hỏi này (ngày " + asOf.VN() + ")"}}
		return res
	}
	res.RuleSet = rs.ID
	e.evaluate(rs, s, award, year, asOf, &res)
	return res
}

// Status is the cheap form of Eligibility for bulk use: the status only, with no
// message built and no allocation.
func (e *Engine) Status(s *Subject, award AwardID, year int, asOf Date) Status {
	rs, ok := e.RuleSetOn(asOf)
	if !ok || award == 0 {
		return NotEligible
	}
	return e.evaluate(rs, s, award, year, asOf, nil)
}

// Eligible lists the codes of the awards s is eligible for in year on asOf
// (deferred ones are not listed).
func (e *Engine) Eligible(s *Subject, year int, asOf Date) []string {
	return e.AppendEligible(nil, s, year, asOf)
}

// AppendEligible appends to dst the codes Eligible would return, so that a bulk
// caller can reuse one slice.
func (e *Engine) AppendEligible(dst []string, s *Subject, year int, asOf Date) []string {
	rs, ok := e.RuleSetOn(asOf)
	if !ok {
		return dst
	}
	for _, id := range recordsAwards {
		a := id.Award()
		if !a.For(s.Kind) {
			continue
		}
		if e.evaluate(rs, s, id, year, asOf, nil) == Eligible {
			dst = append(dst, a.Code)
		}
	}
	return dst
}

// DecidedOnRecords reports whether the engine decides an award from records alone
// (the others always need a council's judgement).
func DecidedOnRecords(code string) bool {
	id, ok := AwardIDOf(code)
	return ok && slices.Contains(recordsAwards, id)
}

// recordsAwards are the awards decided from records; the others always need a
// council's judgement and are never listed by Eligible.
var recordsAwards = []AwardID{
	idLDTT, idCSTT, idCSTDCS, idCSTDBT, idCSTDTQ,
	idTTLDTT, idDVTT, idTTLDXS, idDVQT,
	idBKBT, idBKTTg, idHCLD3,
}
