package rules

import (
	"strconv"

	"tdkt"
)

// VoteResult answers a council ballot question.
type VoteResult struct {
	RuleSet     string
	Passed      bool
	RequiredYes int
	// Percent is the required share of all members, in percent.
	Percent    int
	Basis      string
	Unverified []Unverified
}

// Vote checks a council ballot: the share is of all members, not of those
// present, and required_yes = ceil(p × members) in exact integer arithmetic
// (Decree 98/2023 Art 30(7)). An award with no ballot rule is an error.
func (e *Engine) Vote(award string, members, yes int, asOf Date) (VoteResult, error) {
	rs, ok := e.RuleSetOn(asOf)
	if !ok {
		return VoteResult{}, fieldErr("as_of", "không có bộ quy tắc áp dụng cho ngày "+asOf.VN())
	}
	a, ok := tdkt.AwardByCode(award)
	if !ok {
		return VoteResult{}, fieldErr("award", "mã khen thưởng không hợp lệ \""+award+"\"")
	}
	pct, ok := rs.Vote(award)
	if !ok {
		return VoteResult{}, fieldErr("award", a.Name+" không có quy định bỏ phiếu trong "+rs.Provisions[PrVote].Basis)
	}
	if members < 1 {
		return VoteResult{}, fieldErr("members", "số thành viên Hội đồng phải từ 1 trở lên")
	}
	if yes < 0 || yes > members {
		return VoteResult{}, fieldErr("yes", "số phiếu đồng ý phải từ 0 đến "+strconv.Itoa(members))
	}
	req := (pct*members + 99) / 100
	pr := rs.Provisions[PrVote]
	out := VoteResult{RuleSet: rs.ID, Passed: yes >= req, RequiredYes: req, Percent: pct, Basis: pr.Basis}
	if pr.Unverified {
		out.Unverified = []Unverified{{Rule: pr.Rule, Basis: pr.Basis, Note: pr.Note}}
	}
	return out, nil
}
