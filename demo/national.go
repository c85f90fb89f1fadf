package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"tdkt"
)

// The national data set (Options.National): one installation for the whole country.
// The President is the root, the Government below; under the Government the Ministry
// of Home Affairs with the central board (Ban Thi đua – Khen thưởng Trung ương, the
// Government's standing office), two more ministries with their units, and several
// provinces, each the tree of the one-province data set with its Sở Nội vụ as the
// province's standing office. A few people of each province's first commune get the
// records of a state-level award, and their dossiers are taken through the chain by
// the real use cases (national_dossiers.go).

// stateYears is the least number of assessment years the national data set keeps:
// the prior award's year and the five years of the window after it.
const stateYears = 6

// nationalProvinces are the national data set's provinces, all fictional; the first
// is the one-province data set's.
var nationalProvinces = []struct{ code, name string }{
	{"T46", ProvinceName}, {"T47", "Hải Lâm"}, {"T48", "Thượng Sơn"}, {"T49", "Phú Điền"},
}

// nationalMinistries are the ministries besides the Ministry of Home Affairs, with
// their units.
var nationalMinistries = []struct {
	code, name, abbr string
	units            []string
}{
	{"BYT", "Bộ Y tế", "BYT", []string{"Bệnh viện Bạch Mai", "Bệnh viện Chợ Rẫy", "Viện Vệ sinh dịch tễ Trung ương"}},
	{"BGDDT", "Bộ Giáo dục và Đào tạo", "BGDĐT", []string{"Trường Đại học Sư phạm Hà Nội", "Nhà xuất bản Giáo dục Việt Nam", "Trung tâm Khảo thí quốc gia"}},
}

// Codes of the national data set's central organisations.
const (
	codePresident  = "CTN"
	codeGovernment = "CP"
	codeBoard      = "BTDKTTW"
)

// nationalTree builds the whole-country tree for n people. Each province is built
// by orgTree with a random stream of its own and re-rooted under the Government
// (orgTree's ministry is left out: the ministries here are the national ones).
func nationalTree(r *rand.Rand, n int) []*org {
	var orgs []*org
	add := func(o *org, parent int) int {
		o.parent = parent
		orgs = append(orgs, o)
		return len(orgs) - 1
	}
	mk := func(code, name string, level tdkt.Level, k kind, abbr string, size float64) *org {
		return &org{code: code, name: name, level: level, kind: k, abbr: abbr, size: size, women: 0.5}
	}
	pres := add(mk(codePresident, "Chủ tịch nước", tdkt.LevelState, kState, "CTN", 0), -1)
	gov := add(mk(codeGovernment, pmIssuer, tdkt.LevelCentral, kGovernment, "TTg", 0), pres)
	moha := add(mk("BNV", "Bộ Nội vụ", tdkt.LevelMinistry, kMinistry, "BNV", 40), gov)
	board := mk(codeBoard, "Ban Thi đua – Khen thưởng Trung ương", tdkt.LevelPublicUnit, kMinistryUnit, "BTĐKT", 30)
	board.standingFor = gov + 1
	add(board, moha)
	for _, m := range nationalMinistries {
		mi := add(mk(m.code, m.name, tdkt.LevelMinistry, kMinistry, m.abbr, 40), gov)
		for j, u := range m.units {
			add(mk(m.code+"-"+strconv.Itoa(j+1), u, tdkt.LevelPublicUnit, kMinistryUnit, "ĐV"+strconv.Itoa(j+1), 120), mi)
		}
	}
	share := max(n/len(nationalProvinces), 1)
	for _, p := range nationalProvinces {
		sub := orgTree(rand.New(rand.NewPCG(r.Uint64(), r.Uint64())), share)
		base := len(orgs)
		for _, o := range sub {
			if o.kind == kMinistry || o.kind == kMinistryUnit {
				continue // orgTree's ministry: always last, after the province's subtree
			}
			o.code = p.code + strings.TrimPrefix(o.code, "T46")
			o.name = provinceNamed(o, p.name)
			parent := gov
			if o.parent >= 0 {
				parent = base + o.parent
			}
			add(o, parent)
			if o.code == p.code+"-SNV" {
				o.standingFor = base + 1 // the province is the first of its subtree
			}
		}
	}
	for i, o := range orgs {
		o.id = int64(i + 1)
		o.path = "/"
		if o.parent >= 0 {
			o.path = orgs[o.parent].path
		}
		o.path += strconv.FormatInt(o.id, 10) + "/"
	}
	for i, o := range orgs {
		o.issuer, o.high = nationalIssuers(orgs, i)
	}
	return orgs
}

// provinceNamed renames an organisation of orgTree's province for the province
// called name: the province's own name, and the province's name after a department
// or a provincial unit, so that four Sở Nội vụ are told apart.
func provinceNamed(o *org, name string) string {
	s := strings.ReplaceAll(o.name, ProvinceName, name)
	switch {
	case o.kind == kProvince || o.kind == kCommune || o.level == tdkt.LevelEnterprise || strings.HasSuffix(s, " "+name):
	case strings.HasSuffix(s, " tỉnh"):
		s += " " + name
	case o.level == tdkt.LevelDepartment:
		s += " tỉnh " + name
	}
	return s
}

// nationalIssuers is issuers for the national tree: the province or the ministry
// above a unit confers its higher forms; the levels above them have only themselves.
func nationalIssuers(orgs []*org, i int) (issuer, high int) {
	o := orgs[i]
	high = i
	for high >= 0 && orgs[high].level != tdkt.LevelProvince && orgs[high].level != tdkt.LevelMinistry {
		high = orgs[high].parent
	}
	if high < 0 {
		high = i
	}
	issuer = i
	if o.level == tdkt.LevelPublicUnit && o.kind != kMinistryUnit {
		issuer = o.parent
	}
	return issuer, high
}

// stage is how far a national dossier goes; the order is the chain's.
type stage uint8

const (
	stDraft              stage = iota // a draft at the commune
	stSubmitted                       // submitted to the province
	stReceived                        // received by the Sở Nội vụ
	stAppraisal                       // under appraisal at the Sở Nội vụ
	stProvincialComment               // under provincial public comment
	stAtCentre                        // forwarded, in the central board's inbox
	stReturnedByCentre                // returned by the centre to the province with a reason
	stNationalComment                 // under national public comment
	stCentralCouncil                  // before the Central Council, its meeting open
	stToPM                            // submitted to the Prime Minister
	stToPresident                     // submitted by the Prime Minister to the President
	stDecidedByPM                     // decided by the Prime Minister (a Bằng khen)
	stDecidedByPresident              // decided by the President, the decision passed on
	stRefused                         // refused by the President with a reason
)

// Award codes of the national dossiers.
const (
	awardHCLD3 = "huan_chuong_lao_dong_hang_ba"
	awardBKTTg = "bang_khen_thu_tuong"
)

// plannedDossier is one dossier of the national data set: from the first commune of
// province prov (its index among the provinces), for award, taken up to target; its
// one candidate, person, is chosen in the records phase.
type plannedDossier struct {
	prov   int
	award  string
	target stage
	person int64
}

// nationalPlan lists the national dossiers, the furthest first: the earlier ones take
// a commune's first suitable people.
var nationalPlan = []plannedDossier{
	{prov: 0, award: awardHCLD3, target: stDecidedByPresident},
	{prov: 2, award: awardBKTTg, target: stDecidedByPM},
	{prov: 3, award: awardHCLD3, target: stRefused},
	{prov: 3, award: awardHCLD3, target: stToPresident},
	{prov: 2, award: awardBKTTg, target: stToPM},
	{prov: 2, award: awardHCLD3, target: stCentralCouncil},
	{prov: 2, award: awardHCLD3, target: stNationalComment},
	{prov: 1, award: awardHCLD3, target: stReturnedByCentre},
	{prov: 0, award: awardHCLD3, target: stAtCentre},
	{prov: 1, award: awardHCLD3, target: stProvincialComment},
	{prov: 1, award: awardHCLD3, target: stAppraisal},
	{prov: 1, award: awardHCLD3, target: stReceived},
	{prov: 0, award: awardHCLD3, target: stSubmitted},
	{prov: 0, award: awardHCLD3, target: stDraft},
}

// nation is the national data set's plan.
type nation struct {
	// year is the assessment year of the dossiers: the last one, unless its
	// Chiến sĩ thi đua cơ sở decisions (signed by mid-February) are still to come.
	year     int
	plan     []plannedDossier
	nominees map[int64]int // person id → index in plan
}

// firstCommune is the index of the first commune of the i-th province.
func (g *gen) firstCommune(i int) int {
	prov := g.byKind[kProvince][i]
	for _, c := range g.byKind[kCommune] {
		if g.orgs[c].high == prov {
			return c
		}
	}
	return -1
}

// chooseNominees picks each planned dossier's candidate among the staff of its
// province's first commune and the schools and station under it: people who never
// moved, are not under review, and were hired before the prior award's year.
func (g *gen) chooseNominees() {
	n := g.nation
	n.year = g.last
	if g.opt.Now.Before(time.Date(g.opt.Now.Year(), 3, 1, 0, 0, 0, 0, time.UTC)) {
		n.year--
	}
	n.plan = append([]plannedDossier(nil), nationalPlan...)
	n.nominees = map[int64]int{}
	next := map[int]int{} // province → next person index to look at
	for k := range n.plan {
		pd := &n.plan[k]
		c := g.firstCommune(pd.prov)
		if c < 0 {
			continue
		}
		path := g.orgs[c].path
		for i := next[pd.prov]; i < len(g.people); i++ {
			p := &g.people[i]
			if p.move == 0 && !p.review && p.hire < dayOf(n.year-5, 1, 1) && strings.HasPrefix(g.orgs[p.org].path, path) {
				pd.person = int64(i + 1)
				n.nominees[pd.person] = k
				next[pd.prov] = i + 1
				break
			}
		}
		if pd.person == 0 {
			next[pd.prov] = len(g.people)
		}
	}
}

// nominee tells whether person id is a national dossier's candidate.
func (g *gen) nominee(id int64) (*plannedDossier, bool) {
	if g.nation == nil {
		return nil, false
	}
	k, ok := g.nation.nominees[id]
	if !ok {
		return nil, false
	}
	return &g.nation.plan[k], true
}

// stateRecords writes a nominee's records instead of drawing them: good years, the
// last five excellent with Chiến sĩ thi đua cơ sở in the last three, and the prior
// award the state-level award builds on five years before (Law 06/2022 Art 44(1)(e)
// and 73(1)(b)): the Prime Minister's Bằng khen for a Huân chương Lao động hạng Ba,
// the province's Bằng khen for the Prime Minister's.
func (g *gen) stateRecords(id int64, p *person, pd *plannedDossier, rec *records) {
	rec.who = who{grp: groupOf(g.orgs[p.org].kind), leader: p.leader}
	y := g.nation.year
	unit := int(p.org)
	o := g.orgs[unit]
	for yy := g.first; yy <= g.last; yy++ {
		if p.hire > dayOf(yy, 10, 1) {
			continue
		}
		rating := tdkt.RatingGood
		if yy > y-5 && yy <= y {
			rating = tdkt.RatingExcellent
		}
		g.next.ratings++
		rec.ratings = append(rec.ratings, ratingRow{g.next.ratings, tdkt.Individual, id, yy, rating})
		g.award(rec, tdkt.Individual, id, unit, o.issuer, aLDTT, yy, yy, 0)
		if yy > y-3 && yy <= y {
			g.award(rec, tdkt.Individual, id, unit, o.issuer, aCSTDCS, yy, yy, 0)
		}
	}
	if pd.award == awardHCLD3 {
		g.award(rec, tdkt.Individual, id, unit, issuerPM, aBKTTg, y-5, y-9, 0)
	} else {
		g.award(rec, tdkt.Individual, id, unit, o.high, aBKBT, y-5, y-6, 0)
	}
}

// provinceSuffix tells the accounts of the i-th province apart: none for the first,
// whose logins are the one-province data set's.
func provinceSuffix(i int) string {
	if i == 0 {
		return ""
	}
	return "." + strings.ToLower(nationalProvinces[i].code)
}

// nationalAccounts are the national data set's accounts: the administrator and a
// viewer at the root, the central board's clerk and leader, the Central Council's
// members, and in each province a commune clerk, the Sở Nội vụ's clerk, the leader
// and a council member.
func (g *gen) nationalAccounts() []Account {
	find := func(code string) int {
		for i, o := range g.orgs {
			if o.code == code {
				return i
			}
		}
		return 0
	}
	a := func(login, name string, role tdkt.Role, i int) Account {
		return Account{Login: login, Name: name, Role: role, OrgCode: g.orgs[i].code, OrgName: g.orgs[i].name}
	}
	board, gov := find(codeBoard), find(codeGovernment)
	out := []Account{
		a("admin", "Quản trị hệ thống", tdkt.RoleAdmin, 0),
		a("canbo.ban", "Cán bộ Ban Thi đua – Khen thưởng Trung ương", tdkt.RoleClerk, board),
		a("truongban", g.headOf(board), tdkt.RoleLeader, board),
	}
	for k := 1; k <= centralMembers; k++ {
		out = append(out, a("hoidong.tw"+strconv.Itoa(k), "Thành viên Hội đồng Thi đua - Khen thưởng Trung ương "+strconv.Itoa(k), tdkt.RoleCouncil, gov))
	}
	for i, p := range nationalProvinces {
		s, prov := provinceSuffix(i), g.byKind[kProvince][i]
		if c := g.firstCommune(i); c >= 0 {
			out = append(out, a("canbo.xa"+s, "Cán bộ thi đua "+shortCommune(g.orgs[c].name), tdkt.RoleClerk, c))
		}
		out = append(out,
			a("canbo.so"+s, "Cán bộ thi đua Sở Nội vụ tỉnh "+p.name, tdkt.RoleClerk, find(p.code+"-SNV")),
			a("lanhdao"+s, g.headOf(prov), tdkt.RoleLeader, prov),
			a("hoidong"+s, "Thành viên Hội đồng Thi đua - Khen thưởng tỉnh "+p.name, tdkt.RoleCouncil, prov))
	}
	return append(out, a("xem", "Người xem", tdkt.RoleViewer, 0))
}

// centralMembers is how many council accounts the Central Council has besides the
// board's leader.
const centralMembers = 3
