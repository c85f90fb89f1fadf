package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"tdkt"
	"tdkt/vn"
)

// person is what the later phases need to know of a generated person; the row itself
// is written in the people phase and not kept.
type person struct {
	org, org2 int32 // first and current unit (indexes); equal unless they moved
	hire      int32 // day number of hired_on
	move      int32 // day number of the move to org2, 0 if none
	ability   float32
	female    bool
	leader    bool
	review    bool
	armed     bool
	pos       string
}

type positions struct {
	head, deputy string
	mid          weighted
	staff        weighted
}

var positionsByKind = map[kind]positions{
	kProvince:     {"Chủ tịch Ủy ban nhân dân tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh", uniform("Chánh Văn phòng"), uniform("Chuyên viên")},
	kDepartment:   {"Giám đốc", "Phó Giám đốc", uniform("Trưởng phòng", "Phó Trưởng phòng", "Chánh Văn phòng"), newWeighted("Chuyên viên", 50, "Chuyên viên chính", 20, "Kế toán", 5, "Văn thư", 5, "Cán sự", 5, "Thanh tra viên", 3)},
	kMilitary:     {"Chỉ huy trưởng", "Phó Chỉ huy trưởng", uniform("Trưởng phòng", "Phó Trưởng phòng"), newWeighted("Trợ lý", 60, "Nhân viên", 30, "Lái xe", 10)},
	kCommune:      {"Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân", uniform("Chánh Văn phòng HĐND và UBND", "Trưởng phòng Kinh tế", "Trưởng phòng Văn hóa - Xã hội"), newWeighted("Chuyên viên", 40, "Công chức Tư pháp - Hộ tịch", 10, "Công chức Địa chính - Xây dựng", 12, "Công chức Tài chính - Kế toán", 10, "Công chức Văn hóa - Xã hội", 10, "Công chức Văn phòng - Thống kê", 10)},
	kSchool:       {"Hiệu trưởng", "Phó Hiệu trưởng", uniform("Tổ trưởng chuyên môn", "Tổ phó chuyên môn"), newWeighted("Giáo viên", 85, "Nhân viên kế toán", 3, "Nhân viên thư viện", 3, "Nhân viên y tế học đường", 2, "Nhân viên văn thư", 2)},
	kHospital:     {"Giám đốc", "Phó Giám đốc", uniform("Trưởng khoa", "Điều dưỡng trưởng", "Trưởng phòng"), newWeighted("Bác sĩ", 30, "Điều dưỡng", 40, "Dược sĩ", 6, "Kỹ thuật viên", 8, "Hộ sinh", 6, "Kế toán", 3, "Chuyên viên", 4)},
	kStation:      {"Trạm trưởng", "Phó Trạm trưởng", uniform("Phó Trạm trưởng"), newWeighted("Y sĩ", 35, "Điều dưỡng", 25, "Hộ sinh", 20, "Bác sĩ", 10, "Dược sĩ", 10)},
	kPublic:       {"Giám đốc", "Phó Giám đốc", uniform("Trưởng phòng", "Phó Trưởng phòng"), newWeighted("Viên chức", 40, "Chuyên viên", 30, "Kỹ sư", 15, "Kế toán", 10)},
	kEnterprise:   {"Giám đốc", "Phó Giám đốc", uniform("Trưởng phòng", "Quản đốc", "Phó Quản đốc"), newWeighted("Công nhân", 60, "Kỹ sư", 10, "Kế toán", 5, "Nhân viên kinh doanh", 10, "Lái xe", 5)},
	kMinistry:     {"Thứ trưởng", "Vụ trưởng", uniform("Phó Vụ trưởng", "Chánh Văn phòng"), newWeighted("Chuyên viên chính", 50, "Chuyên viên", 40, "Chuyên viên cao cấp", 10)},
	kMinistryUnit: {"Giám đốc", "Phó Giám đốc", uniform("Trưởng phòng", "Phó Trưởng phòng"), newWeighted("Viên chức", 40, "Nghiên cứu viên", 25, "Kỹ sư", 20, "Kế toán", 5, "Chuyên viên", 10)},
}

// communeWord is "xã", "phường" or "đặc khu" for a commune, so that its chairman is
// "Chủ tịch Ủy ban nhân dân phường".
func communeWord(name string) string {
	rest := strings.TrimPrefix(name, "Ủy ban nhân dân ")
	if strings.HasPrefix(rest, "đặc khu") {
		return "đặc khu"
	}
	return strings.SplitN(rest, " ", 2)[0]
}

// cccdProvinces are other provinces' codes, for people born elsewhere.
var cccdProvinces = []string{"001", "025", "026", "030", "033", "034", "036", "038", "040", "042", "044",
	"045", "048", "049", "051", "052", "054", "066", "075", "079", "083", "087", "092", "096"}

// personRow is one row of the people table.
type personRow struct {
	id, org                                              int64
	name, fold, sort, sex, birth, eth, grp, pos, hiredOn string
	cccd                                                 any // string, or nil when the card is not on file
	leader, review                                       bool
	at                                                   string
}

type nameKeys struct{ fold, sort string }

// keysOf returns the search and sort keys of a name; names repeat a lot, so a cache
// saves nearly all the collation work (vn.SortKey takes a global lock).
func (g *gen) keysOf(name string) nameKeys {
	if k, ok := g.keys[name]; ok {
		return k
	}
	k := nameKeys{vn.SearchKey(name), vn.SortKey(name)}
	g.keys[name] = k
	return k
}

// makePerson generates person id (1-based) working in orgs[oi] as its j-th member.
func (g *gen) makePerson(r *rand.Rand, id int64, oi, j int) personRow {
	o := g.orgs[oi]
	pp := positionsByKind[o.kind]
	p := person{org: int32(oi), org2: int32(oi), female: r.Float64() < o.women, armed: o.kind == kMilitary}
	deputies, mids := 0, int(float64(o.count)*0.065+0.5)
	if o.count >= 5 {
		deputies = max(1, int(float64(o.count)*0.03+0.5))
	}
	switch {
	case j == 0:
		p.leader, p.pos = true, pp.head
	case j <= deputies:
		p.leader, p.pos = true, pp.deputy
	case j <= deputies+mids:
		p.leader, p.pos = true, pp.mid.pick(r)
	default:
		p.pos = pp.staff.pick(r)
	}
	if o.kind == kCommune && (j <= deputies) {
		p.pos += " " + communeWord(o.name)
	}
	birth := 1965 + r.IntN(38)
	if p.leader { // heads and deputies are older, division heads a little
		birth = 1965 + r.IntN(16)
		if j > deputies {
			birth = 1968 + r.IntN(22)
		}
	}
	// Hired between 22 and 31, not before 1988, and at least three months ago.
	hireYear := max(birth+22+r.IntN(10), 1988)
	hire := dayOf(hireYear, 1, 1) + int32(r.IntN(365))
	hire = min(hire, g.nowDay-90-int32(r.IntN(200)))
	p.hire = hire
	p.ability = float32(r.NormFloat64())
	if p.leader {
		p.ability += 0.4
	}
	if j > 0 && r.IntN(100) < 5 {
		g.planMove(r, &p, oi)
	}
	p.review = r.IntN(1000) < 2
	g.people = append(g.people, p)

	eth := ethnicities.pick(r)
	name := fullName(r, p.female, eth)
	k := g.keysOf(name)
	row := personRow{id: id, org: g.orgs[p.org2].id, name: name, fold: k.fold, sort: k.sort, sex: string(tdkt.Male),
		birth: fmt.Sprintf("%04d-%02d-%02d", birth, 1+r.IntN(12), 1+r.IntN(28)), eth: eth,
		pos: p.pos, hiredOn: dayString(p.hire), leader: p.leader, review: p.review}
	if p.female {
		row.sex = string(tdkt.Female)
	}
	row.grp = groupOf(o.kind)
	if r.IntN(100) < 92 {
		row.cccd = g.cccd(r, p.female, birth)
	}
	return row
}

// cccd makes a citizen ID that tdkt.CheckCCCD accepts: birth province, sex and
// century digit, year digits, then a serial that is unique per prefix (a counter
// spread by a multiplier coprime with 10^6, so numbers do not look sequential).
func (g *gen) cccd(r *rand.Rand, female bool, birth int) string {
	prov := provinceCCCD
	if r.IntN(100) < 20 {
		prov = cccdProvinces[r.IntN(len(cccdProvinces))]
	}
	d := 2 * ((birth - 1900) / 100)
	if female {
		d++
	}
	prefix := fmt.Sprintf("%s%d%02d", prov, d, birth%100)
	n := g.serials[prefix]
	g.serials[prefix] = n + 1
	off := int(mix(g.seed, uint64(d), uint64(birth), uint64(len(prov)), uint64(prov[1])<<8|uint64(prov[2])) % 1000000)
	return fmt.Sprintf("%s%06d", prefix, (n*7919+off)%1000000)
}

// planMove moves about one person in twenty to another unit of the same kind, at a
// date at least a year after hiring.
func (g *gen) planMove(r *rand.Rand, p *person, oi int) {
	same := g.byKind[g.orgs[oi].kind]
	from, to := p.hire+365, g.nowDay-60
	if len(same) < 2 || to <= from {
		return
	}
	o2 := same[r.IntN(len(same))]
	if o2 == oi {
		return
	}
	p.org2 = int32(o2)
	p.move = from + int32(r.IntN(int(to-from)))
}

// membershipRow is one period in a unit.
type membershipRow struct {
	id, person, org int64
	pos, from, to   string
	leader          bool
}

// memberships returns one row per unit period of the person: a person who moved
// has two, the first closed the day before the second starts.
func (g *gen) memberships(id int64, p *person, next *int64) []membershipRow {
	if p.move == 0 {
		*next++
		return []membershipRow{{*next, id, g.orgs[p.org].id, p.pos, dayString(p.hire), "", p.leader}}
	}
	*next += 2
	return []membershipRow{
		{*next - 1, id, g.orgs[p.org].id, p.pos, dayString(p.hire), dayString(p.move - 1), p.leader},
		{*next, id, g.orgs[p.org2].id, p.pos, dayString(p.move), "", p.leader},
	}
}

// unitAt is the unit the person belonged to on the given day.
func (p *person) unitAt(day int32) int {
	if p.move != 0 && day >= p.move {
		return int(p.org2)
	}
	return int(p.org)
}

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// dayOf is the day number (days since 1970-01-01) of a date.
func dayOf(y, m, d int) int32 {
	return int32(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// dayString formats a day number as YYYY-MM-DD.
func dayString(d int32) string { return epoch.AddDate(0, 0, int(d)).Format("2006-01-02") }

// groupOf is the group of the people of an organisation of kind k: workers in an
// enterprise, the armed forces in a military unit, officials elsewhere.
func groupOf(k kind) string {
	switch k {
	case kEnterprise:
		return string(tdkt.GroupWorkers)
	case kMilitary:
		return string(tdkt.GroupArmedForces)
	}
	return string(tdkt.GroupOfficials)
}
