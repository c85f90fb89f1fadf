package tdkttest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// National is the fixture province inside a whole-country installation: the President
// at the root, the Government below, the Ministry of Home Affairs with the central
// board (Ban Thi đua – Khen thưởng Trung ương, the Government's standing office), the
// Central Council, and the province with its Department of Home Affairs (its standing
// office) and a second department. Two people of commune A have the records of a
// state-level award: Worker for the Huân chương Lao động hạng Ba of 2025, Officer for
// the Prime Minister's Bằng khen of 2025.
type National struct {
	*Fixture
	President, Government, MOHA, Board, HomeAffairs, Health tdkt.Org
	// BoardClerk and BoardLeader work the Government's and the President's inboxes;
	// ProvClerk is the Sở Nội vụ's clerk, HealthClerk a clerk of another department;
	// ProvLeader decides for the province.
	BoardClerk, BoardLeader, ProvClerk, HealthClerk, ProvLeader tdkt.Account
	CentralCouncil, ProvCouncil                                 sqldb.Council
	CentralMembers, ProvMembers                                 []tdkt.Account
	Worker, Officer                                             tdkt.Person
}

// NewNational fills db with the national fixture and starts the application on it.
func NewNational(t testing.TB, db *sqldb.DB) *National {
	t.Helper()
	return newNational(t, db, true)
}

// NewProvinceInstallation is the national fixture without the levels above the
// province: a province that runs its own installation and sends state-level dossiers
// to the central board's (Central, Upstream).
func NewProvinceInstallation(t testing.TB, db *sqldb.DB) *National {
	t.Helper()
	return newNational(t, db, false)
}

func newNational(t testing.TB, db *sqldb.DB, central bool) *National {
	t.Helper()
	n := &National{}
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var above func(svc *core.Service) (int64, string)
	above = func(svc *core.Service) (int64, string) {
		n.President = tdkt.Org{Code: "CTN", Name: "Chủ tịch nước", Level: tdkt.LevelState}
		must(svc.SaveOrg(ctx, nil, &n.President))
		n.Government = tdkt.Org{Code: "CP", Name: "Thủ tướng Chính phủ", Level: tdkt.LevelCentral, ParentID: n.President.ID}
		must(svc.SaveOrg(ctx, nil, &n.Government))
		return n.Government.ID, "CTN"
	}
	if !central {
		above = nil
	}
	n.Fixture = newFixture(t, db, above)
	f, svc := n.Fixture, n.Fixture.Svc
	org := func(o *tdkt.Org) {
		t.Helper()
		must(svc.SaveOrg(ctx, &f.Admin, o))
	}
	if central {
		n.MOHA = tdkt.Org{Code: "BNV", Name: "Bộ Nội vụ", Level: tdkt.LevelMinistry, ParentID: n.Government.ID}
		org(&n.MOHA)
		n.Board = tdkt.Org{Code: "BTDKTTW", Name: "Ban Thi đua – Khen thưởng Trung ương", Level: tdkt.LevelPublicUnit, ParentID: n.MOHA.ID,
			StandingFor: n.Government.ID}
		org(&n.Board)
	}
	n.HomeAffairs = tdkt.Org{Code: "T01-SNV", Name: "Sở Nội vụ tỉnh Thử Nghiệm", Level: tdkt.LevelDepartment, ParentID: f.Province.ID,
		StandingFor: f.Province.ID}
	org(&n.HomeAffairs)
	n.Health = tdkt.Org{Code: "T01-SYT", Name: "Sở Y tế tỉnh Thử Nghiệm", Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
	org(&n.Health)
	acct := func(login string, role tdkt.Role, code string) tdkt.Account {
		t.Helper()
		a, err := svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: "Đồng chí " + login, Password: Password, Role: role, OrgCode: code})
		must(err)
		return a
	}
	if central {
		n.BoardClerk = acct("canbo.ban", tdkt.RoleClerk, "BTDKTTW")
		n.BoardLeader = acct("truongban", tdkt.RoleLeader, "BTDKTTW")
	}
	n.ProvClerk = acct("canbo.snv", tdkt.RoleClerk, "T01-SNV")
	n.HealthClerk = acct("canbo.syt", tdkt.RoleClerk, "T01-SYT")
	n.ProvLeader = acct("chutich.tinh", tdkt.RoleLeader, "T01")
	council := func(orgID int64, code, name string, members int, out *[]tdkt.Account) sqldb.Council {
		in := core.CouncilInput{OrgID: orgID, Name: name, EstablishedBy: "Quyết định thành lập", TermFrom: "2026-01-01"}
		for i := 1; i <= members; i++ {
			m := acct(fmt.Sprintf("hd.%s%d", code, i), tdkt.RoleCouncil, code)
			*out = append(*out, m)
			in.Members = append(in.Members, core.CouncilMemberInput{Login: m.Login, Position: "Ủy viên", Chair: i == 1})
		}
		c, err := svc.CreateCouncil(ctx, &f.Admin, in)
		must(err)
		return c
	}
	if central {
		n.CentralCouncil = council(n.Government.ID, "CP", "Hội đồng Thi đua – Khen thưởng Trung ương", 5, &n.CentralMembers)
	}
	n.ProvCouncil = council(f.Province.ID, "T01", "Hội đồng Thi đua – Khen thưởng tỉnh Thử Nghiệm", 5, &n.ProvMembers)

	// Records of the five years 2021–2025 after a prior award of 2020.
	person := func(name string, sex tdkt.Sex, prior, priorIssuer string) tdkt.Person {
		x := tdkt.Person{OrgID: f.CommuneA.ID, FullName: name, Sex: sex, BirthDate: "1978-05-12", Group: tdkt.GroupOfficials,
			Position: "Phó Chủ tịch Ủy ban nhân dân xã", Leader: true, HiredOn: "2001-08-01", Ethnicity: "Kinh"}
		must(svc.CreatePerson(ctx, &f.ClerkA, &x))
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: x.ID}
		for y := 2021; y <= 2025; y++ {
			must(svc.SaveRating(ctx, &f.ClerkA, &tdkt.YearRating{Subject: sub, Year: y, Rating: tdkt.RatingExcellent}))
		}
		for _, y := range []int{2023, 2024, 2025} {
			must(svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: sub, AwardCode: "chien_si_thi_dua_co_so", Year: y, Kind: tdkt.KindMerit,
				Decision: tdkt.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", y-2000), Date: fmt.Sprintf("%d-01-15", y+1), Issuer: f.CommuneA.Name}}))
		}
		must(svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: sub, AwardCode: prior, Year: 2020, PeriodFrom: 2016, Kind: tdkt.KindMerit,
			Decision: tdkt.Decision{Number: "88/QĐ-" + priorIssuer, Date: "2021-03-10", Issuer: priorIssuer}}))
		return x
	}
	n.Worker = person("Hoàng Thị Thu Hà", tdkt.Female, "bang_khen_thu_tuong", "TTg")
	n.Officer = person("Vũ Đình Khoa", tdkt.Male, "bang_khen_bo_tinh", "UBND")
	return n
}

// Central is the central board's own installation: the President, the Government
// with the Central Council, the Ministry of Home Affairs with the board, and the
// provinces it receives from as organisations of its tree (their people are not
// here). Its application is not started: the test decides when it is up.
type Central struct {
	DB                                           *sqldb.DB
	Svc                                          *core.Service
	President, Government, MOHA, Board, Province tdkt.Org
	Admin, BoardClerk, BoardLeader               tdkt.Account
	Council                                      sqldb.Council
	Members                                      []tdkt.Account
}

// NewCentral fills db with the central installation; provinceCode names the province
// that sends to it.
func NewCentral(t testing.TB, db *sqldb.DB, provinceCode, provinceName string) *Central {
	t.Helper()
	ctx := context.Background()
	svc := core.New(db)
	svc.Now = func() time.Time { return Now }
	svc.AuditTrail = AuditConfig(t)
	c := &Central{DB: db, Svc: svc}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := svc.StartAuditChain(ctx)
	must(err)
	c.President = tdkt.Org{Code: "CTN", Name: "Chủ tịch nước", Level: tdkt.LevelState}
	must(svc.SaveOrg(ctx, nil, &c.President))
	c.Government = tdkt.Org{Code: "CP", Name: "Thủ tướng Chính phủ", Level: tdkt.LevelCentral, ParentID: c.President.ID}
	must(svc.SaveOrg(ctx, nil, &c.Government))
	c.MOHA = tdkt.Org{Code: "BNV", Name: "Bộ Nội vụ", Level: tdkt.LevelMinistry, ParentID: c.Government.ID}
	must(svc.SaveOrg(ctx, nil, &c.MOHA))
	c.Board = tdkt.Org{Code: "BTDKTTW", Name: "Ban Thi đua – Khen thưởng Trung ương", Level: tdkt.LevelPublicUnit, ParentID: c.MOHA.ID, StandingFor: c.Government.ID}
	must(svc.SaveOrg(ctx, nil, &c.Board))
	c.Province = tdkt.Org{Code: provinceCode, Name: provinceName, Level: tdkt.LevelProvince, ParentID: c.Government.ID}
	must(svc.SaveOrg(ctx, nil, &c.Province))
	acct := func(login string, role tdkt.Role, code string) tdkt.Account {
		t.Helper()
		a, err := svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: "Đồng chí " + login, Password: Password, Role: role, OrgCode: code,
			InstallationAdmin: login == "quantri"})
		must(err)
		return a
	}
	c.Admin = acct("quantri", tdkt.RoleAdmin, "CTN")
	c.BoardClerk = acct("canbo.ban", tdkt.RoleClerk, "BTDKTTW")
	c.BoardLeader = acct("truongban", tdkt.RoleLeader, "BTDKTTW")
	in := core.CouncilInput{OrgID: c.Government.ID, Name: "Hội đồng Thi đua – Khen thưởng Trung ương", EstablishedBy: "Quyết định thành lập", TermFrom: "2026-01-01"}
	for i := 1; i <= 5; i++ {
		m := acct(fmt.Sprintf("hd.cp%d", i), tdkt.RoleCouncil, "CP")
		c.Members = append(c.Members, m)
		in.Members = append(in.Members, core.CouncilMemberInput{Login: m.Login, Position: "Ủy viên", Chair: i == 1})
	}
	c.Council, err = svc.CreateCouncil(ctx, &c.Admin, in)
	must(err)
	return c
}

// Step takes a dossier's step through the use case as actor and keeps the dossier it
// returns; a refusal fails the test.
func Step(t testing.TB, svc *core.Service, actor *tdkt.Account, d *tdkt.Dossier, a tdkt.DossierAction, note string) {
	t.Helper()
	got, err := svc.Step(context.Background(), actor, d.ID, a, d.Version, note)
	if err != nil {
		t.Fatalf("%s by %s (status %s, held by %d): %v", a, actor.Login, d.Status, d.HolderOrgID, err)
	}
	*d = got
}

// CouncilPasses opens a meeting of the council on a dossier already before it (held
// on the service's date), every member votes yes on every candidate, closer closes the
// meeting, and d is read again: it waits for the level's approval.
func CouncilPasses(t testing.TB, svc *core.Service, opener, closer *tdkt.Account, cl sqldb.Council, members []tdkt.Account, d *tdkt.Dossier) {
	t.Helper()
	ctx := context.Background()
	m, err := svc.OpenMeeting(ctx, opener, cl.ID, svc.Now().Format(time.DateOnly), "Phòng họp", []int64{d.ID})
	if err != nil {
		t.Fatalf("opening the meeting of %s: %v", cl.Name, err)
	}
	v, err := svc.GetDossier(ctx, opener, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := range members {
		for _, c := range v.Dossier.Candidates {
			if err := svc.Vote(ctx, &members[i], m.ID, c.ID, true); err != nil {
				t.Fatalf("vote of %s: %v", members[i].Login, err)
			}
		}
	}
	if _, err := svc.CloseMeeting(ctx, closer, m.ID, m.Version); err != nil {
		t.Fatalf("closing by %s: %v", closer.Login, err)
	}
	if v, err = svc.GetDossier(ctx, opener, d.ID); err != nil {
		t.Fatal(err)
	}
	*d = v.Dossier
}
