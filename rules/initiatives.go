package rules

import (
	"slices"
	"strconv"
)

// Initiatives and "one achievement, one reward" (Law Art 5(2)(c); MOHA
// CV 5007/BNV-TĐKT). Per docs/check.md §3: a Chiến sĩ thi đua cơ sở in a year rated
// HTXSNV rests on that rating and uses no initiative, otherwise it uses one
// initiative of its year; the ministry/provincial and national titles each use
// one initiative of their scope within their years. An initiative may serve two
// titles; it may not serve both a title and a form.

// initiative returns the index of the first initiative recognised in a counting
// year of [from, to] with scope rank ≥ minScope and not in skip; -1 if none.
func (c *evalCtx) initiative(from, to, minScope int, skip uint64) int {
	if from < c.firstCount {
		from = c.firstCount
	}
	for i, in := range c.s.Initiatives {
		if in.Year >= from && in.Year <= to && in.Scope.Rank() >= minScope && (i >= 64 || skip&(1<<i) == 0) {
			return i
		}
	}
	return -1
}

// countInitiatives counts the initiatives initiative would accept.
func (c *evalCtx) countInitiatives(from, to, minScope int, skip uint64) int {
	if from < c.firstCount {
		from = c.firstCount
	}
	n := 0
	for i, in := range c.s.Initiatives {
		if in.Year >= from && in.Year <= to && in.Scope.Rank() >= minScope && (i >= 64 || skip&(1<<i) == 0) {
			n++
		}
	}
	return n
}

// use is an initiative taken by a recorded title.
type use struct {
	initiative int
	title      AwardID
	year       int
}

// titleInitiatives assigns to each recorded title the initiative it rests on and
// returns them as a bitmask; when uses is not nil it also lists them. The most
// demanding titles choose first so that the assignment is the one that leaves
// the most initiatives free.
func (c *evalCtx) titleInitiatives(uses *[]use) uint64 {
	var taken uint64
	pick := func(t TitleRecord, from, minScope int) {
		for i, in := range c.s.Initiatives {
			if i >= 64 || taken&(1<<i) != 0 {
				continue
			}
			if in.Year >= from && in.Year <= t.Year && in.Scope.Rank() >= minScope {
				taken |= 1 << i
				if uses != nil {
					*uses = append(*uses, use{i, t.Award, t.Year})
				}
				return
			}
		}
	}
	for pass := 0; pass < 3; pass++ {
		for _, t := range c.s.Titles {
			switch {
			case pass == 0 && t.Award == idCSTDTQ:
				pick(t, t.Year-5, 3)
			case pass == 1 && t.Award == idCSTDBT:
				pick(t, t.Year-2, 2)
			case pass == 2 && t.Award == idCSTDCS && c.s.Grade(t.Year) != GradeHTXSNV:
				pick(t, t.Year, 1)
			}
		}
	}
	return taken
}

// reuseMessage flags the initiatives of [from, to] that a title already used.
func (c *evalCtx) reuseMessage(from, to int, _ uint64) string {
	var uses []use
	c.titleInitiatives(&uses)
	var parts []string
	for _, u := range uses {
		in := c.s.Initiatives[u.initiative]
		if in.Year >= from && in.Year <= to {
			parts = append(parts, initiativeName(in)+" đã dùng cho danh hiệu "+u.title.Name()+" năm "+strconv.Itoa(u.year))
		}
	}
	return upperFirst(joinVN(parts)) + "; một thành tích không được dùng cho cả danh hiệu và hình thức khen thưởng"
}

// formClaimWarning warns when the initiative a title rests on lies in the
// achievement period of a recorded Bằng khen bộ/tỉnh that could only have been
// given on initiatives (Art 74(1)(d), second branch).
func (c *evalCtx) formClaimWarning(i int) {
	in := c.s.Initiatives[i]
	for _, a := range c.s.Awards {
		if a.Award != idBKBT {
			continue
		}
		end := a.Year
		if a.AchievementTo != 0 {
			end = a.AchievementTo
		}
		if in.Year < end-1 || in.Year > end {
			continue
		}
		if c.has(c.cstdcs, end-1) && c.has(c.cstdcs, end) {
			continue // that Bằng khen rests on two Chiến sĩ thi đua cơ sở
		}
		c.warn(func() string {
			return upperFirst(initiativeName(in)) + " có thể đã được dùng cho Bằng khen của Bộ, ban, ngành, tỉnh năm " +
				strconv.Itoa(a.Year) + "; một sáng kiến không được dùng cho cả danh hiệu và hình thức khen thưởng"
		})
		return
	}
}

func sortedUnique(ys []int) []int {
	slices.Sort(ys)
	return slices.Compact(ys)
}
