package demo

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strings"

	"tdkt"
)

// Rows of the yearly record tables.
type ratingRow struct {
	id      int64
	kind    tdkt.SubjectKind
	subject int64
	year    int
	rating  tdkt.Rating
}

type initiativeRow struct {
	id         int64
	kind       tdkt.SubjectKind
	subject    int64
	year       int
	title      string
	scope      tdkt.Scope
	no, on, by string
}

type disciplineRow struct {
	id, person                int64
	form                      tdkt.DisciplineForm
	decided, ends, no, reason string
}

type honourRow struct {
	id      int64
	kind    tdkt.SubjectKind
	subject int64
	org     int64
	award   *awardSpec
	year    int
	from    int
	d       decision
	// The recipient as the honour records it (sqldb.InsertHonour does the same).
	grp       string
	leader    bool
	recipient string
}

// who is what an honour copies from the subject being generated.
type who struct {
	grp                string
	leader, enterprise bool
}

// records collects the rows generated for a run of subjects.
type records struct {
	ratings     []ratingRow
	initiatives []initiativeRow
	discipline  []disciplineRow
	honours     []honourRow
	memberships []membershipRow
	who         who // the subject whose records are being generated
}

// rate draws a yearly rating from a subject's lasting ability a and this year's luck,
// so that ratings correlate from year to year. The thresholds give about 17 %
// htxsnv, 69.5 % httnv, 11.5 % htnv and 2 % khtnv over a whole population (the
// mixed score is standard normal).
func rate(r *rand.Rand, a float64) tdkt.Rating {
	z := 0.65*a + 0.76*r.NormFloat64()
	switch {
	case z > 0.954:
		return tdkt.RatingExcellent
	case z > -1.126:
		return tdkt.RatingGood
	case z > -2.054:
		return tdkt.RatingDone
	}
	return tdkt.RatingNotDone
}

var disciplineForms = newWeighted(string(tdkt.Reprimand), 62, string(tdkt.Warning), 28, string(tdkt.PayCut), 5,
	string(tdkt.Demotion), 2.5, string(tdkt.Dismissal), 2.5)

var disciplineReasons = uniform(
	"Vi phạm quy định về thời giờ làm việc",
	"Vi phạm quy chế chi tiêu nội bộ",
	"Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
	"Vi phạm quy định về quản lý đất đai",
	"Vi phạm quy tắc ứng xử, đạo đức nghề nghiệp",
	"Vi phạm quy định về phòng, chống tham nhũng, tiêu cực",
	"Chậm giải quyết hồ sơ thủ tục hành chính, gây phiền hà cho người dân",
)

// award appends an honour for a subject of unit org if its decision is already
// signed; it reports whether it did, so that a title that depends on it is only
// given when it was.
func (g *gen) award(rec *records, kind tdkt.SubjectKind, subject int64, unit, issuer int, a *awardSpec, year, from, batch int) bool {
	d := g.decisionFor(issuer, a, year, batch)
	if !d.ok {
		return false
	}
	g.next.honours++
	w := rec.who
	rec.honours = append(rec.honours, honourRow{g.next.honours, kind, subject, g.orgs[unit].id, a, year, from, d,
		w.grp, w.leader, tdkt.RecipientOf(kind, w.leader, g.orgs[unit].level, w.enterprise)})
	return true
}

// personYears generates a person's ratings, initiatives, discipline and honours for
// every year of the data set, keeping the law's chains (Law 06/2022 Art 22–24, 73–74):
// LĐTT for every httnv-or-better year outside discipline; CSTĐCS on LĐTT plus htxsnv
// or an initiative; Bằng khen tỉnh on two consecutive CSTĐCS; CSTĐ tỉnh on three plus
// a provincial-scope initiative; Bằng khen Thủ tướng on a Bằng khen tỉnh plus five
// good years with three CSTĐCS.
func (g *gen) personYears(r *rand.Rand, id int64, p *person, rec *records) {
	rec.who = who{grp: groupOf(g.orgs[p.org].kind), leader: p.leader}
	first, last := g.first, g.last
	discYear := 0
	if r.IntN(1000) < 5 {
		discYear = first + r.IntN(last-first+1)
		if p.hire > dayOf(discYear, 3, 1) {
			discYear = 0
		}
	}
	var good, cs, provInit uint64 // bit y-first: rated httnv+, CSTĐCS, provincial initiative
	bkYear, bkStart, cstdStart, ttg := 0, 0, 0, false
	bit := func(y int) uint64 {
		if y < first {
			return 0
		}
		return 1 << uint(y-first)
	}
	for y := first; y <= last; y++ {
		if p.hire > dayOf(y, 10, 1) {
			continue // not yet working long enough to be assessed
		}
		unit := p.unitAt(dayOf(y, 12, 31))
		o := g.orgs[unit]
		rating := rate(r, float64(p.ability))
		if y == discYear && rating.Rank() > tdkt.RatingDone.Rank() {
			rating = tdkt.RatingDone
		}
		g.next.ratings++
		rec.ratings = append(rec.ratings, ratingRow{g.next.ratings, tdkt.Individual, id, y, rating})
		if rating.Rank() >= tdkt.RatingGood.Rank() {
			good |= bit(y)
		}
		hasInit := g.initiative(r, id, y, rating, o, rec)
		if hasInit == tdkt.ScopeProvince || hasInit == tdkt.ScopeNation {
			provInit |= bit(y)
		}
		if y == discYear {
			g.discipline(r, id, y, p, o, rec)
		}
		blocked := y == discYear || (discYear != 0 && y == discYear+1) || (p.review && y == last)
		if blocked || rating.Rank() < tdkt.RatingGood.Rank() || p.hire > dayOf(y, 7, 1) {
			if !blocked && r.IntN(100) < 1 {
				g.award(rec, tdkt.Individual, id, unit, unit, aGKDX, y, y, r.IntN(3))
			}
			continue
		}
		lt := aLDTT
		if p.armed {
			lt = aCSTT
		}
		if !g.award(rec, tdkt.Individual, id, unit, o.issuer, lt, y, y, 0) {
			continue
		}
		x := r.Float64()
		if (rating == tdkt.RatingExcellent && x < 0.55) || (hasInit != "" && x < 0.85) {
			if g.award(rec, tdkt.Individual, id, unit, o.issuer, aCSTDCS, y, y, 0) {
				cs |= bit(y)
			}
		} else if r.IntN(100) < 5 {
			g.award(rec, tdkt.Individual, id, unit, unit, aGK, y, y, 0)
		}
		if r.IntN(100) < 1 {
			g.award(rec, tdkt.Individual, id, unit, unit, aGKDX, y, y, r.IntN(3))
		}
		if cs&bit(y) == 0 {
			continue
		}
		if cs&bit(y-1) != 0 && bkStart <= y-1 && r.IntN(100) < 35 &&
			g.award(rec, tdkt.Individual, id, unit, o.high, aBKBT, y, y-1, 0) {
			bkYear, bkStart = y, y+1
		}
		three := bit(y) | bit(y-1) | bit(y-2)
		if y-2 >= first && cs&three == three && provInit&three != 0 && cstdStart <= y-2 && r.IntN(100) < 60 &&
			g.award(rec, tdkt.Individual, id, unit, o.high, aCSTDBT, y, y-2, 0) {
			cstdStart = y + 1
		}
		five := bit(y) | bit(y-1) | bit(y-2) | bit(y-3) | bit(y-4)
		if !ttg && y-4 >= first && bkYear != 0 && bkYear < y && good&five == five && bits.OnesCount64(cs&five) >= 3 &&
			r.IntN(100) < 15 && g.award(rec, tdkt.Individual, id, unit, -1, aBKTTg, y, y-4, 0) {
			ttg = true
			g.stateForms(rec, id, p, unit, y)
		}
		g.rareForms(rec, id, p, unit, o.high, y, cstdStart == y+1)
	}
}

// initiative records an initiative for about 8 % of person-years, more often for the
// best rated; it returns its scope, or "" when there is none.
func (g *gen) initiative(r *rand.Rand, id int64, y int, rating tdkt.Rating, o *org, rec *records) tdkt.Scope {
	p := 0
	switch rating {
	case tdkt.RatingExcellent:
		p = 250
	case tdkt.RatingGood:
		p = 60
	case tdkt.RatingDone:
		p = 10
	}
	if r.IntN(1000) >= p {
		return ""
	}
	scope, by := tdkt.ScopeBase, o.issuer
	switch x := r.IntN(1000); {
	case x < 5:
		scope = tdkt.ScopeNation
	case x < 55:
		scope, by = tdkt.ScopeProvince, o.high
	}
	h := mix(g.seed, uint64(by), uint64(y), uint64(scope.Rank()))
	bo := g.orgs[by]
	no := fmt.Sprintf("%d/QĐ-%s", 1+h%uint64(maxNumber(bo)), bo.decisionSuffix())
	byName := bo.name
	if scope == tdkt.ScopeNation {
		no, byName = fmt.Sprintf("%d/QĐ-BKHCN", 1+h%2000), "Bộ Khoa học và Công nghệ"
	}
	on := dayString(weekday(dayOf(y, 9, 15) + int32(h>>32%90)))
	g.next.initiatives++
	rec.initiatives = append(rec.initiatives, initiativeRow{g.next.initiatives, tdkt.Individual, id, y,
		initiativeTitle(r, o.kind), scope, no, on, byName})
	return scope
}

// discipline records a penalty decided during year y; it lasts 12 months.
func (g *gen) discipline(r *rand.Rand, id int64, y int, p *person, o *org, rec *records) {
	form := tdkt.DisciplineForm(disciplineForms.pick(r))
	if !p.leader && (form == tdkt.Demotion || form == tdkt.Dismissal) {
		form = tdkt.Reprimand // only a post holder can be demoted or removed from a post
	}
	day := weekday(dayOf(y, 3, 1) + int32(r.IntN(270)))
	decided := epoch.AddDate(0, 0, int(day))
	iss := g.orgs[o.issuer]
	g.next.discipline++
	rec.discipline = append(rec.discipline, disciplineRow{g.next.discipline, id, form, decided.Format("2006-01-02"),
		decided.AddDate(0, 12, 0).Format("2006-01-02"), fmt.Sprintf("%d/QĐ-%s", 1+r.IntN(maxNumber(iss)), iss.decisionSuffix()),
		disciplineReasons.pick(r)})
}

// collectiveYears generates a collective's ratings and its Tập thể lao động tiên
// tiến (most years) and xuất sắc (about 15 % of years); a village gets the "Thôn, tổ
// dân phố văn hóa" title instead.
func (g *gen) collectiveYears(r *rand.Rand, c *collective, rec *records) {
	rec.who = who{enterprise: c.enterprise}
	o := g.orgs[c.org]
	a := r.NormFloat64() + 0.3
	for y := g.first; y <= g.last; y++ {
		if c.village {
			if r.IntN(100) < 65 {
				g.award(rec, tdkt.Collective, c.id, c.org, c.org, aThonVH, y, y, 0)
			}
			continue
		}
		rating := rate(r, a)
		g.next.ratings++
		rec.ratings = append(rec.ratings, ratingRow{g.next.ratings, tdkt.Collective, c.id, y, rating})
		if rating.Rank() < tdkt.RatingGood.Rank() || r.IntN(100) >= 92 {
			continue
		}
		issuer := o.issuer
		if c.unit && issuer == c.org {
			issuer = o.high // a department or commune is recognised by the province above it
		}
		if g.award(rec, tdkt.Collective, c.id, c.org, issuer, aTTLDTT, y, y, 0) &&
			rating == tdkt.RatingExcellent && r.IntN(100) < 62 &&
			g.award(rec, tdkt.Collective, c.id, c.org, o.high, aTTLDXS, y, y, 0) {
			g.collectiveForms(rec, c, o.high, y)
		}
	}
}

// householdYears gives a household the "Gia đình văn hóa" title in most years.
func (g *gen) householdYears(r *rand.Rand, h *household, rec *records) {
	rec.who = who{}
	p := 25
	if r.IntN(100) < 85 {
		p = 88
	}
	for y := g.first; y <= g.last; y++ {
		if r.IntN(100) < p {
			g.award(rec, tdkt.Household, h.id, h.org, h.org, aGDVH, y, y, 0)
		}
		// A household that gave land or money for a road or a school.
		if g.chance(h.id, y, 41, 2) {
			g.award(rec, tdkt.Household, h.id, h.org, g.orgs[h.org].high, aBKBThh, y, y, 3)
		}
	}
}

// chance draws a yes with probability perMille/1000 from a hash of the subject, the
// year and a salt, without touching the subject's random stream: the rarer forms
// came after the rest of the generator, whose records stay as they were.
func (g *gen) chance(id int64, year int, salt uint64, perMille uint64) bool {
	return mix(g.seed, uint64(id), uint64(year), salt)%1000 < perMille
}

// stateForms gives some holders of the Prime Minister's Bằng khen a Huân chương Lao
// động hạng Ba by the President: a leader for the process of devotion (cống hiến),
// others for their achievements.
func (g *gen) stateForms(rec *records, id int64, p *person, unit, y int) {
	switch {
	case p.leader && g.chance(id, y, 11, 300):
		g.award(rec, tdkt.Individual, id, unit, issuerPresident, aHCLD3ch, y, y-4, 0)
	case g.chance(id, y, 12, 150):
		g.award(rec, tdkt.Individual, id, unit, issuerPresident, aHCLD3, y, y-4, 0)
	}
}

// rareForms gives the rarer forms of a good year: a sudden or a thematic Bằng khen of
// the province, a Chiến sĩ thi đua toàn quốc to some who just became Chiến sĩ thi đua
// tỉnh, and Nhà giáo ưu tú to a few long-serving teachers.
func (g *gen) rareForms(rec *records, id int64, p *person, unit, high, y int, cstdNow bool) {
	if g.chance(id, y, 21, 2) {
		g.award(rec, tdkt.Individual, id, unit, high, aBKBTdx, y, y, 1)
	}
	if g.chance(id, y, 22, 2) {
		g.award(rec, tdkt.Individual, id, unit, high, aBKBTcd, y, y, 2)
	}
	if cstdNow && g.chance(id, y, 23, 80) {
		g.award(rec, tdkt.Individual, id, unit, issuerPM, aCSTDTQ, y, y-5, 0)
	}
	if strings.HasPrefix(p.pos, "Giáo viên") && p.hire < dayOf(y-20, 1, 1) && g.chance(id, 0, 24, 3) && y == g.last-1 {
		g.award(rec, tdkt.Individual, id, unit, issuerPresident, aNGUT, y, y, 0)
	}
}

// collectiveForms gives some excellent collectives a Cờ thi đua or a Bằng khen of
// the province, and a few the Government's flag or a Huân chương Lao động hạng Ba.
func (g *gen) collectiveForms(rec *records, c *collective, high, y int) {
	switch {
	case g.chance(c.id, y, 31, 150):
		if g.award(rec, tdkt.Collective, c.id, c.org, high, aCoBT, y, y, 0) && g.chance(c.id, y, 32, 100) {
			g.award(rec, tdkt.Collective, c.id, c.org, issuerPM, aCoCP, y, y, 0)
		}
	case g.chance(c.id, y, 33, 60):
		g.award(rec, tdkt.Collective, c.id, c.org, high, aBKBTcol, y, y-1, 0)
	case g.chance(c.id, y, 34, 8):
		g.award(rec, tdkt.Collective, c.id, c.org, issuerPresident, aHCLD3col, y, y-4, 0)
	}
}
