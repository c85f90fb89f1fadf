// Package demo writes a realistic, deterministic synthetic data set into an empty
// database: a fictional province with its departments, communes and public units, a
// ministry branch, people with Vietnamese names, and years of ratings, initiatives,
// discipline and honours that follow the law's chains, plus demo accounts (or, with
// Options.National, a whole country: national.go). It is
// what `tdkt demo` and `tdkt serve --demo` run, and it must stay fast at a million
// people: it assigns ids itself and bulk-loads (multi-row INSERTs on SQLite, COPY on
// PostgreSQL) while a generator goroutine produces the rows.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/vn"
)

// Options size and seed the data set.
type Options struct {
	People        int       // people to create; default 2,000
	Years         int       // complete assessment years of records; default 10, at most 40
	Seed          int64     // the same seed gives the same data set; default 1
	AdminPassword string    // password of the admin account and of the other demo accounts; required
	Progress      io.Writer // where to show progress; nil for none
	Now           time.Time // the clock; the last complete assessment year is Now.Year()-1; zero for the real time
	// Audit is the installation's audit trail; with a key, the rows written in bulk
	// are covered by one snapshot event (docs/audit.md) and the use cases run keyed.
	Audit core.AuditConfig
	// National writes a whole-country installation instead of one province: the
	// President, the Government with the central board, ministries and several
	// provinces, with state-level dossiers at every stage of the chain (national.go).
	// It keeps at least 6 years of records; below about 800 people a province's first
	// commune may lack the candidates of some stages, which are then left out.
	National bool
}

// Account is a demo account that Generate created.
type Account struct {
	Login   string
	Name    string
	Role    tdkt.Role
	OrgCode string
	OrgName string
	// TOTPSecret is the second-factor secret of an administrator or a leader (they
	// must have one), printed with the password so that the demo can be signed in to;
	// TOTPURI is its otpauth:// address.
	TOTPSecret, TOTPURI string
}

// Summary tells what Generate wrote.
type Summary struct {
	Counts   map[string]int64 // rows written per table
	Elapsed  time.Duration
	Accounts []Account // all share Options.AdminPassword
}

// ErrNotEmpty is returned when the database already holds organisations.
var ErrNotEmpty = errors.New("demo: the database is not empty (it already has organisations); use a new database")

// gen holds the state of one generation. It runs in a single goroutine per phase;
// every person draws from their own random stream, seeded by the seed and their id,
// so the data set does not depend on scheduling.
type gen struct {
	opt         Options
	seed        uint64
	first, last int // assessment years
	nowDay      int32
	stamp       string
	orgs        []*org
	byKind      map[kind][]int
	people      []person
	colls       []collective
	homes       []household
	keys        map[string]nameKeys
	serials     map[string]int
	decisions   map[decKey]decision
	nation      *nation // the national data set's plan; nil for one province
	next        struct{ memberships, ratings, initiatives, discipline, honours int64 }
}

// Generate fills an empty, migrated database with the demo data set and the demo
// accounts. It refuses a database that has organisations (ErrNotEmpty). A failure
// midway leaves a partly filled database, which should be thrown away.
func Generate(ctx context.Context, db *sqldb.DB, opt Options) (Summary, error) {
	began := time.Now()
	opt = withDefaults(opt)
	if opt.AdminPassword == "" {
		return Summary{}, errors.New("demo: an admin password is required")
	}
	if err := core.CheckPassword(opt.AdminPassword, "admin", "Quản trị hệ thống", tdkt.RoleAdmin); err != nil {
		return Summary{}, fmt.Errorf("demo: the admin password: %w", err)
	}
	var n int64
	if err := db.View(ctx, func(tx *sqldb.Tx) (err error) { n, err = tx.CountOrgs(ctx); return err }); err != nil {
		return Summary{}, err
	}
	if n > 0 {
		return Summary{}, ErrNotEmpty
	}
	g := newGen(opt)
	prog := newProgress(opt.Progress)
	l, err := newLoader(ctx, db)
	if err != nil {
		return Summary{}, err
	}
	err = l.prepare(ctx)
	if err == nil {
		err = g.load(ctx, l, prog)
	}
	prog.note("Dựng lại chỉ mục…")
	if e := l.finish(ctx); err == nil {
		err = e
	}
	if err != nil {
		return Summary{}, err
	}
	accts, err := g.accounts(ctx, db)
	if err != nil {
		return Summary{}, err
	}
	if err := g.portalLinks(ctx, db); err != nil {
		return Summary{}, err
	}
	if g.opt.Audit.Key != nil {
		prog.note("Ghi dấu nhật ký kiểm tra cho dữ liệu đã nạp…")
		svc := g.service(db)
		if err := svc.SnapshotBulk(ctx, "demo", nil); err != nil {
			return Summary{}, err
		}
	}
	prog.note("Hồ sơ đề nghị khen thưởng mẫu…")
	fill := g.dossiers
	if g.nation != nil {
		fill = g.nationalDossiers
	}
	dossiers, awarded, err := fill(ctx, db)
	if err != nil {
		return Summary{}, err
	}
	prog.note("Phong trào thi đua và bộ máy làm công tác thi đua, khen thưởng…")
	movements, err := g.movements(ctx, db)
	if err != nil {
		return Summary{}, err
	}
	prog.note("Tin tức mẫu…")
	if _, err := g.news(ctx, db); err != nil {
		return Summary{}, err
	}
	s := Summary{Accounts: accts, Counts: map[string]int64{
		"orgs": int64(len(g.orgs)), "people": int64(len(g.people)), "memberships": g.next.memberships,
		"collectives": int64(len(g.colls)), "households": int64(len(g.homes)), "ratings": g.next.ratings,
		"initiatives": g.next.initiatives, "discipline": g.next.discipline, "honours": g.next.honours + int64(awarded),
		"accounts": int64(len(accts)), "dossiers": int64(dossiers), "movements": int64(movements),
	}}
	s.Elapsed = time.Since(began)
	prog.note("Xong sau %v.", s.Elapsed.Round(time.Millisecond))
	return s, nil
}

// service is a Service on db with the demo's clock and audit trail.
func (g *gen) service(db *sqldb.DB) *core.Service {
	svc := core.New(db)
	now := g.opt.Now
	svc.Now = func() time.Time { return now }
	svc.AuditTrail = g.opt.Audit
	return svc
}

func withDefaults(o Options) Options {
	if o.People <= 0 {
		o.People = 2000
	}
	if o.Years <= 0 {
		o.Years = 10
	}
	o.Years = min(o.Years, 40)
	if o.National {
		o.Years = max(o.Years, stateYears) // the records of a state-level award span them
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC()
	return o
}

func newGen(opt Options) *gen {
	g := &gen{opt: opt, seed: uint64(opt.Seed), last: opt.Now.Year() - 1, stamp: opt.Now.Format("2006-01-02T15:04:05.000000Z"),
		byKind: map[kind][]int{}, keys: map[string]nameKeys{}, serials: map[string]int{}, decisions: map[decKey]decision{}}
	g.first = g.last - opt.Years + 1
	g.nowDay = int32(opt.Now.Unix() / 86400)
	if opt.National {
		g.nation = &nation{}
		g.orgs = nationalTree(g.rng(1<<42, 0), opt.People)
	} else {
		g.orgs = orgTree(g.rng(1<<42, 0), opt.People)
	}
	for i, o := range g.orgs {
		g.byKind[o.kind] = append(g.byKind[o.kind], i)
	}
	assignStaff(g.orgs, opt.People)
	g.colls = collectives(g.orgs)
	return g
}

// rng returns a random stream for one subject of one phase.
func (g *gen) rng(stream uint64, id int64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, stream<<40^uint64(id)))
}

// Random streams, one per phase and kind of subject.
const (
	streamPerson = iota + 1
	streamRecords
	streamCollective
	streamHousehold
)

const chunkPeople = 4000

// load writes the data set in three phases; the rows of a phase refer only to rows
// of earlier phases, which PostgreSQL's concurrent COPYs need.
func (g *gen) load(ctx context.Context, l loader, prog *progress) error {
	err := runPhase(ctx, l, "Đơn vị", []*table{tOrgs}, len(g.orgs), prog, func(ctx context.Context, emit func(chunk) bool) error {
		rows := make([]orgRow, len(g.orgs))
		for i, o := range g.orgs {
			rows[i] = g.orgRow(o)
		}
		emit(chunk{[]batch{batchOf(tOrgs, rows)}, len(rows)})
		return nil
	})
	if err != nil {
		return err
	}
	err = runPhase(ctx, l, "Cán bộ, tập thể, hộ gia đình", []*table{tPeople, tCollectives, tHouseholds}, g.opt.People, prog, g.peoplePhase)
	if err != nil {
		return err
	}
	total := g.opt.People + len(g.colls) + len(g.homes)
	return runPhase(ctx, l, "Hồ sơ từng năm", []*table{tMemberships, tRatings, tInitiatives, tDiscipline, tHonours}, total, prog, g.recordsPhase)
}

type orgRow struct {
	id                      int64
	code, name, fold, level string
	parent, standing        any // nil for none
	path, confers, at       string
}

func (g *gen) orgRow(o *org) orgRow {
	row := orgRow{id: o.id, code: o.code, name: o.name, fold: vn.Fold(o.name), level: string(o.level), path: o.path,
		confers: strings.Join(tdkt.Authority[o.level], ","), at: g.stamp}
	if o.parent >= 0 {
		row.parent = g.orgs[o.parent].id
	}
	if o.standingFor > 0 {
		row.standing = g.orgs[o.standingFor-1].id
	}
	return row
}

func (g *gen) peoplePhase(ctx context.Context, emit func(chunk) bool) error {
	g.people = make([]person, 0, g.opt.People)
	rows := make([]personRow, 0, chunkPeople)
	var id int64
	for oi, o := range g.orgs {
		for j := range o.count {
			id++
			row := g.makePerson(g.rng(streamPerson, id), id, oi, j)
			row.at = g.stamp
			if j == 0 {
				o.head = row.name
			}
			rows = append(rows, row)
			if len(rows) == chunkPeople {
				if !emit(chunk{[]batch{batchOf(tPeople, rows)}, int(id)}) {
					return ctx.Err()
				}
				rows = make([]personRow, 0, chunkPeople)
			}
		}
	}
	crows := make([]collectiveRow, len(g.colls))
	for i := range g.colls {
		crows[i] = g.collectiveRow(&g.colls[i])
	}
	var hrows []householdRow
	g.homes, hrows = g.households(g.rng(streamHousehold, 0), max(50, g.opt.People/20))
	emit(chunk{[]batch{batchOf(tPeople, rows), batchOf(tCollectives, crows), batchOf(tHouseholds, hrows)}, int(id)})
	return ctx.Err()
}

func (g *gen) recordsPhase(ctx context.Context, emit func(chunk) bool) error {
	var rec records
	if g.nation != nil {
		g.chooseNominees()
	}
	flush := func(done int) bool {
		ok := emit(chunk{[]batch{batchOf(tMemberships, rec.memberships), batchOf(tRatings, rec.ratings),
			batchOf(tInitiatives, rec.initiatives), batchOf(tDiscipline, rec.discipline), batchOf(tHonours, rec.honours)}, done})
		rec = records{}
		return ok
	}
	for i := range g.people {
		id := int64(i + 1)
		p := &g.people[i]
		rec.memberships = append(rec.memberships, g.memberships(id, p, &g.next.memberships)...)
		if n, ok := g.nominee(id); ok {
			g.stateRecords(id, p, n, &rec)
		} else {
			g.personYears(g.rng(streamRecords, id), id, p, &rec)
		}
		if (i+1)%chunkPeople == 0 && !flush(i+1) {
			return ctx.Err()
		}
	}
	for i := range g.colls {
		g.collectiveYears(g.rng(streamCollective, g.colls[i].id), &g.colls[i], &rec)
	}
	for i := range g.homes {
		g.householdYears(g.rng(streamHousehold, g.homes[i].id), &g.homes[i], &rec)
		if (i+1)%(chunkPeople*4) == 0 && !flush(len(g.people)+len(g.colls)+i+1) {
			return ctx.Err()
		}
	}
	flush(len(g.people) + len(g.colls) + len(g.homes))
	return ctx.Err()
}

// demoAccounts are the accounts besides admin, one per role, for trying the workflow.
func (g *gen) demoAccounts() []Account {
	if g.nation != nil {
		return g.nationalAccounts()
	}
	find := func(code string) *org {
		for _, o := range g.orgs {
			if o.code == code {
				return o
			}
		}
		return g.orgs[0]
	}
	prov, snv, xa := g.orgs[0], find("T46-SNV"), g.orgs[g.byKind[kCommune][0]]
	a := func(login, name string, role tdkt.Role, o *org) Account {
		return Account{Login: login, Name: name, Role: role, OrgCode: o.code, OrgName: o.name}
	}
	return []Account{
		a("admin", "Quản trị hệ thống", tdkt.RoleAdmin, prov),
		a("canbo.xa", "Cán bộ thi đua "+shortCommune(xa.name), tdkt.RoleClerk, xa),
		a("canbo.so", "Cán bộ thi đua Sở Nội vụ", tdkt.RoleClerk, snv),
		a("lanhdao", g.headOf(0), tdkt.RoleLeader, prov),
		a("hoidong", "Thành viên Hội đồng Thi đua - Khen thưởng tỉnh", tdkt.RoleCouncil, prov),
		a("xem", "Người xem", tdkt.RoleViewer, prov),
	}
}

// accounts creates the demo accounts in one transaction, all with the admin password.
func (g *gen) accounts(ctx context.Context, db *sqldb.DB) ([]Account, error) {
	accts := g.demoAccounts()
	for _, a := range accts {
		if err := core.CheckPassword(g.opt.AdminPassword, a.Login, a.Name, a.Role); err != nil {
			return nil, fmt.Errorf("demo: the password of %s: %w", a.Login, err)
		}
	}
	err := db.Update(ctx, func(tx *sqldb.Tx) error {
		for i, a := range accts {
			hash := core.HashPassword(g.opt.AdminPassword) // a salt of its own per account
			o, err := tx.OrgByCode(ctx, a.OrgCode)
			if err != nil {
				return err
			}
			// The demo's admin keeps the installation's settings as well as the province.
			acct := tdkt.Account{Login: a.Login, Name: a.Name, Email: a.Login + "@tdkt.example", Role: a.Role, OrgID: o.ID, InstallationAdmin: a.Login == "admin"}
			if err := tx.InsertAccount(ctx, &acct, hash, g.stamp); err != nil {
				return fmt.Errorf("demo: account %s: %w", a.Login, err)
			}
			if core.RequiresSecondFactor(a.Role) {
				// Enrolled at step 0, so that any code of the secret is accepted once.
				secret := core.NewTOTPSecret()
				if err := tx.SetTOTPPending(ctx, acct.ID, secret); err != nil {
					return err
				}
				if err := tx.ConfirmTOTP(ctx, acct.ID, secret, 0); err != nil {
					return err
				}
				accts[i].TOTPSecret, accts[i].TOTPURI = secret, core.TOTPURI(a.Login, secret)
			}
		}
		return nil
	})
	return accts, err
}

// demoLinks are the "Liên kết website" of the demo's front page: the central
// emulation board, the Ministry of Home Affairs and a province portal whose address
// is fictional (.example is reserved and never resolves).
var demoLinks = []sqldb.PortalLink{
	{Title: "Ban Thi đua – Khen thưởng Trung ương", URL: "https://thiduakhenthuong.gov.vn", Position: 10},
	{Title: "Bộ Nội vụ", URL: "https://moha.gov.vn", Position: 20},
	{Title: "Cổng thông tin điện tử tỉnh (mẫu)", URL: "https://congthongtin.tinh-mau.example", Position: 30},
}

// portalLinks stores the demo's links of the front page.
func (g *gen) portalLinks(ctx context.Context, db *sqldb.DB) error {
	return db.Update(ctx, func(tx *sqldb.Tx) error {
		for _, l := range demoLinks {
			if err := tx.InsertPortalLink(ctx, &l, g.stamp); err != nil {
				return fmt.Errorf("demo: link %s: %w", l.Title, err)
			}
		}
		return nil
	})
}
