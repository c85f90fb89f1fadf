package rules

import (
	"strconv"

	"tdkt"
)

// evalCtx is one evaluation: the records, the rule set and, in verbose mode, the
// Result being written. In quiet mode (res == nil) no message is built and
// nothing is allocated; the closures passed to cond do not escape.
type evalCtx struct {
	rs    *RuleSet
	s     *Subject
	award AwardID
	year  int
	asOf  Date
	res   *Result

	ok        bool   // every required condition met so far
	judgement bool   // the award needs a council's judgement: never "eligible"
	used      uint32 // provisions applied, one bit per ProvisionID

	firstCount int // first year wholly after every discipline period
	binding    int // index of the discipline that sets firstCount, -1 if none

	// Title years as bitmasks: bit i stands for year base+i.
	base                          int
	cstdcs, cstdbt, cstdtq, ttlds uint64
}

func (c *evalCtx) init(rs *RuleSet, s *Subject, award AwardID, year int, asOf Date, res *Result) {
	*c = evalCtx{rs: rs, s: s, award: award, year: year, asOf: asOf, res: res, ok: true, binding: -1, base: year - 48}
	c.firstCount = -1 << 30
	for i, d := range s.Discipline {
		// A discipline decided after as_of did not exist on the proposal date.
		if d.DecidedOn > asOf {
			continue
		}
		if y := d.EndsOn.Year() + 1; y > c.firstCount {
			c.firstCount, c.binding = y, i
		}
	}
	for _, t := range s.Titles {
		off := t.Year - c.base
		if off < 0 || off > 63 {
			continue
		}
		bit := uint64(1) << off
		switch t.Award {
		case idCSTDCS:
			c.cstdcs |= bit
		case idCSTDBT:
			c.cstdbt |= bit
		case idCSTDTQ:
			c.cstdtq |= bit
		case idTTLDXS, idDVQT:
			c.ttlds |= bit
		}
	}
}

func (c *evalCtx) verbose() bool { return c.res != nil }

// counts reports whether year y is wholly after every discipline period, so that
// its achievements may count (Decree 152/2025 Art 4(4)).
func (c *evalCtx) counts(y int) bool { return y >= c.firstCount }

func (c *evalCtx) has(mask uint64, y int) bool {
	off := y - c.base
	return off >= 0 && off <= 63 && mask&(1<<off) != 0
}

// cond records a required condition.
func (c *evalCtx) cond(p ProvisionID, rule string, met bool, msg func() string) {
	if !met {
		c.ok = false
	}
	c.note(p, rule, met, msg)
}

// note records a condition that does not by itself decide the status (one branch
// of an alternative, or information).
func (c *evalCtx) note(p ProvisionID, rule string, met bool, msg func() string) {
	c.used |= 1 << p
	if c.res == nil {
		return
	}
	pr := &c.rs.Provisions[p]
	c.res.Reasons = append(c.res.Reasons, Reason{Rule: rule, Met: met, Basis: pr.Basis, Message: msg(), Unverified: pr.Unverified})
}

// reasonAt records a condition with its own citation rather than a provision's.
func (c *evalCtx) reasonAt(rule, basis string, met bool, msg func() string) {
	if c.res != nil {
		c.res.Reasons = append(c.res.Reasons, Reason{Rule: rule, Met: met, Basis: basis, Message: msg()})
	}
}

func (c *evalCtx) warn(msg func() string) {
	if c.res != nil {
		c.res.Warnings = append(c.res.Warnings, msg())
	}
}

// disciplineCond checks that every year of [from, to] is wholly after the end of
// every discipline period.
func (c *evalCtx) disciplineCond(from, to int) {
	met := c.counts(from)
	c.cond(PrDisciplineCut, "ky_luat", met, func() string {
		if c.binding < 0 {
			return "Không có kỷ luật làm gián đoạn thành tích " + yearsPhrase(from, to)
		}
		d := c.s.Discipline[c.binding]
		kl := "Kỷ luật " + lower(tdkt.Label(string(d.Form))) + " từ " + d.DecidedOn.VN() + " đến " + d.EndsOn.VN()
		if met {
			return kl + " đã chấm dứt trước " + yearsPhrase(from, to)
		}
		return kl + ": thành tích chỉ được tính từ khi hết thời hạn kỷ luật, tức từ năm " +
			strconv.Itoa(c.firstCount) + "; " + cutPhrase(from, min(to, c.firstCount-1)) + " không được tính"
	})
}

// finish applies the pending-review rule and returns the status.
func (c *evalCtx) finish() Status {
	pending := c.s.PendingReview
	met := c.ok
	c.note(PrDeferral, "khong_dang_xem_xet_ky_luat", !pending, func() string {
		switch {
		case !pending:
			return "Không đang bị xem xét kỷ luật, điều tra, thanh tra hoặc xác minh khiếu nại, tố cáo"
		case met:
			return "Đang bị xem xét kỷ luật, điều tra, thanh tra hoặc xác minh khiếu nại, tố cáo: tạm hoãn đề nghị; tiếp tục xét khi có kết luận không vi phạm"
		}
		return "Đang bị xem xét kỷ luật, điều tra, thanh tra hoặc xác minh khiếu nại, tố cáo: chưa đề nghị; ngoài ra hồ sơ chưa đạt các tiêu chuẩn nêu trên"
	})
	switch {
	case pending && c.ok:
		return Deferred
	case c.ok && !c.judgement:
		return Eligible
	}
	return NotEligible
}

// evaluate runs the rules for one award. res is nil in quiet mode.
func (e *Engine) evaluate(rs *RuleSet, s *Subject, award AwardID, year int, asOf Date, res *Result) Status {
	var c evalCtx
	c.init(rs, s, award, year, asOf, res)
	a := award.Award()
	if !a.For(s.Kind) {
		c.reasonAt("doi_tuong", a.Basis, false, func() string {
			return a.Name + " không áp dụng cho " + lower(tdkt.Label(string(s.Kind)))
		})
		if res != nil {
			res.Status = NotEligible
		}
		return NotEligible
	}
	records := true
	switch {
	case award == idLDTT || award == idCSTT:
		c.advanced(year)
	case award == idCSTDCS:
		c.baseEmulation(year)
	case award == idCSTDBT:
		c.ministryEmulation(year)
	case award == idCSTDTQ:
		c.nationalEmulation(year)
	case award == idTTLDTT || award == idDVTT:
		c.advancedCollective(year)
	case award == idTTLDXS || award == idDVQT:
		c.excellentCollective(year)
	case award == idBKBT && s.Kind == tdkt.Individual:
		c.ministryCertificate(year)
	case award == idBKBT && s.Kind == tdkt.Collective:
		c.ministryCertificateCollective(year)
	case award == idBKTTg && s.Kind == tdkt.Individual:
		c.pmCertificate(year)
	case award == idHCLD3 && s.Kind == tdkt.Individual && s.Group != tdkt.GroupWorkers:
		c.labourOrder3(year)
	default:
		records = false
		c.humanJudgement(year)
	}
	st := c.finish()
	if res == nil {
		return st
	}
	res.Status = st
	res.OtherRoutes = routesFor(award, s)
	for p := ProvisionID(0); p < numProvisions; p++ {
		if c.used&(1<<p) != 0 && rs.Provisions[p].Unverified {
			pr := rs.Provisions[p]
			res.Unverified = append(res.Unverified, Unverified{Rule: pr.Rule, Basis: pr.Basis, Note: pr.Note})
		}
	}
	for _, w := range rs.Warnings {
		if asOf >= w.From {
			res.Warnings = append(res.Warnings, w.Message)
		}
	}
	for _, d := range s.Discipline {
		if d.DecidedOn > asOf {
			res.Warnings = append(res.Warnings, "Kỷ luật quyết định ngày "+d.DecidedOn.VN()+" sau ngày đề nghị "+asOf.VN()+" nên chưa được tính; nếu khen thưởng đã quyết định có thể bị hủy bỏ (Luật Thi đua, khen thưởng 2022, Điều 93)")
		}
	}
	if st == NotEligible && records && !c.judgement {
		e.earliest(rs, s, award, year, asOf, res)
	}
	return st
}
