package rules

import (
	"strconv"
	"strings"

	"tdkt"
)

// The earliest year a not_eligible subject could qualify: simulate the following
// years with the best achievable records (where no rating is recorded yet),
// granting the chain titles and forms as soon as the simulated records earn them,
// find the first year the award is met, then drop every assumption that is not
// needed so that the answer says what is actually missing. The rule set stays
// the one of as_of ("if the law does not change").

const earliestHorizon = 15

type assumptionKind uint8

const (
	assumeInitiative assumptionKind = iota
	assumeTitle
	assumeAward
	assumeRating
)

type assumption struct {
	kind  assumptionKind
	year  int
	index int // into the simulated slice of its kind
}

func (e *Engine) earliest(rs *RuleSet, s *Subject, award AwardID, year int, asOf Date, res *Result) {
	sim := s.clone()
	sim.PendingReview = false
	var as []assumption
	found := 0
	for f := year + 1; f <= year+earliestHorizon; f++ {
		if s.Grade(f) == NoGrade {
			as = e.assumeYear(rs, sim, f, asOf, as)
		}
		sim.Members = bestMembers(s.Members)
		if e.evaluate(rs, sim, award, f, asOf, nil) == Eligible {
			found = f
			break
		}
	}
	basis := rs.Provisions[mainProvision(award, s)].Basis
	if found == 0 {
		res.Reasons = append(res.Reasons, Reason{Rule: "nam_som_nhat", Met: false, Basis: basis,
			Message: "Chưa xác định được năm có thể đạt tiêu chuẩn trong " + strconv.Itoa(earliestHorizon) + " năm tới từ hồ sơ hiện có"})
		return
	}
	e.minimise(rs, sim, award, found, asOf, as)
	res.EarliestYear = found
	res.Reasons = append(res.Reasons, Reason{Rule: "nam_som_nhat", Met: false, Basis: basis,
		Message: earliestMessage(sim, award, year, found, as)})
}

// assumeYear gives year f the best records and grants what they earn.
func (e *Engine) assumeYear(rs *RuleSet, sim *Subject, f int, asOf Date, as []assumption) []assumption {
	sim.Initiatives = append(sim.Initiatives, Initiative{Year: f, Scope: tdkt.ScopeNation})
	as = append(as, assumption{assumeInitiative, f, len(sim.Initiatives) - 1})
	if sim.Kind == tdkt.Individual {
		sim.Titles = append(sim.Titles, TitleRecord{idCSTDCS, f})
		as = append(as, assumption{assumeTitle, f, len(sim.Titles) - 1})
	} else if sim.Kind == tdkt.Collective {
		sim.Titles = append(sim.Titles, TitleRecord{idTTLDXS, f})
		as = append(as, assumption{assumeTitle, f, len(sim.Titles) - 1})
	}
	sim.SetGrade(f, GradeHTXSNV)
	if sim.Kind != tdkt.Individual {
		return append(as, assumption{assumeRating, f, 0})
	}
	// Chain titles and forms, in the order they build on each other.
	if e.evaluate(rs, sim, idCSTDBT, f, asOf, nil) == Eligible && !holds(sim, idCSTDBT, f-2, f-1) {
		sim.Titles = append(sim.Titles, TitleRecord{idCSTDBT, f})
		as = append(as, assumption{assumeTitle, f, len(sim.Titles) - 1})
	}
	for _, form := range []AwardID{idBKBT, idBKTTg} {
		if e.evaluate(rs, sim, form, f, asOf, nil) == Eligible {
			sim.Awards = append(sim.Awards, AwardRecord{Award: form, Year: f, Kind: tdkt.KindMerit, AchievementTo: f})
			as = append(as, assumption{assumeAward, f, len(sim.Awards) - 1})
		}
	}
	return append(as, assumption{assumeRating, f, 0})
}

func holds(s *Subject, id AwardID, from, to int) bool {
	for _, t := range s.Titles {
		if t.Award == id && t.Year >= from && t.Year <= to {
			return true
		}
	}
	return false
}

func bestMembers(m *Members) *Members {
	total := 1
	if m != nil && m.Total > 0 {
		total = m.Total
	}
	return &Members{Total: total, HTXSNV: total, LDTT: total, CSTDCS: 1}
}

// minimise drops or weakens each assumption that the award at year f does not
// need: initiatives first, then titles and forms, ratings last, year by year.
func (e *Engine) minimise(rs *RuleSet, sim *Subject, award AwardID, f int, asOf Date, as []assumption) {
	ok := func() bool { return e.evaluate(rs, sim, award, f, asOf, nil) == Eligible }
	order := []assumptionKind{assumeInitiative, assumeAward, assumeTitle, assumeRating}
	for y := f - earliestHorizon; y <= f; y++ {
		for _, k := range order {
			for _, a := range as {
				if a.year != y || a.kind != k || a.year > f {
					continue
				}
				switch k {
				case assumeInitiative:
					in := &sim.Initiatives[a.index]
					keep := in.Scope
					for _, sc := range []tdkt.Scope{"", tdkt.ScopeBase, tdkt.ScopeProvince} {
						in.Scope = sc
						if ok() {
							keep = sc
							break
						}
					}
					in.Scope = keep
				case assumeTitle:
					t := &sim.Titles[a.index]
					id := t.Award
					t.Award = 0
					if !ok() {
						t.Award = id
					}
				case assumeAward:
					w := &sim.Awards[a.index]
					id := w.Award
					w.Award = 0
					if !ok() {
						w.Award = id
					}
				case assumeRating:
					keep := sim.Grade(y)
					for _, g := range []Grade{NoGrade, GradeHTNV, GradeHTTNV} {
						sim.SetGrade(y, g)
						if ok() {
							keep = g
							break
						}
					}
					sim.SetGrade(y, keep)
				}
			}
		}
	}
}

// earliestMessage renders the kept assumptions year by year, merging runs of
// years that need the same.
func earliestMessage(sim *Subject, award AwardID, year, f int, as []assumption) string {
	needs := make([]string, 0, f-year)
	for y := year + 1; y <= f; y++ {
		var parts []string
		for _, k := range []assumptionKind{assumeRating, assumeTitle, assumeInitiative, assumeAward} {
			for _, a := range as {
				if a.year != y || a.kind != k {
					continue
				}
				switch k {
				case assumeRating:
					if g := sim.Grade(y); g != NoGrade {
						p := g.phrase()
						if g < GradeHTXSNV {
							p += " trở lên"
						}
						parts = append(parts, p)
					}
				case assumeTitle:
					if t := sim.Titles[a.index]; t.Award != 0 {
						parts = append(parts, "đạt "+t.Award.Name())
					}
				case assumeInitiative:
					if in := sim.Initiatives[a.index]; in.Scope != "" {
						parts = append(parts, "có sáng kiến được công nhận phạm vi "+scopePhrase(in.Scope.Rank()))
					}
				case assumeAward:
					if w := sim.Awards[a.index]; w.Award != 0 {
						parts = append(parts, "được tặng "+w.Award.Name())
					}
				}
			}
		}
		if y == f && (award == idTTLDTT || award == idDVTT || award == idTTLDXS || award == idDVQT) {
			parts = append(parts, "số liệu thành viên đạt tiêu chuẩn")
		}
		needs = append(needs, joinVN(parts))
	}
	var clauses []string
	for i := 0; i < len(needs); {
		j := i
		for j+1 < len(needs) && needs[j+1] == needs[i] {
			j++
		}
		if needs[i] != "" {
			clauses = append(clauses, yearsPhrase(year+1+i, year+1+j)+" "+needs[i])
		}
		i = j + 1
	}
	msg := "Đủ điều kiện sớm nhất năm " + strconv.Itoa(f)
	if len(clauses) == 0 {
		return msg + " theo hồ sơ hiện có"
	}
	return msg + " nếu " + strings.Join(clauses, "; ")
}

// mainProvision is the provision an award's earliest-year sentence cites.
func mainProvision(award AwardID, s *Subject) ProvisionID {
	switch award {
	case idLDTT:
		return PrLDTT
	case idCSTT:
		return PrCSTT
	case idCSTDCS:
		return PrCSTDCS
	case idCSTDBT:
		return PrCSTDBoTinh
	case idCSTDTQ:
		return PrCSTDToanQuoc
	case idTTLDTT, idDVTT:
		return PrTTLDTT
	case idTTLDXS, idDVQT:
		return PrTTLDXS
	case idBKBT:
		if s.Kind == tdkt.Collective {
			return PrBKBoTinhCollective
		}
		return PrBKBoTinhIndividual
	case idBKTTg:
		return PrBKThuTuong
	}
	return PrHCLD3
}
