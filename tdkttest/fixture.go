package tdkttest

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/server"
	"tdkt/sqldb"
)

// Password is the password of every fixture account.
const Password = "mat-khau-thu-nghiem"

// Fixture is a small province: two communes, accounts of each role, a person in each
// commune with a year of records, and the whole application served over HTTP.
type Fixture struct {
	DB                           *sqldb.DB
	Svc                          *core.Service
	Province, CommuneA, CommuneB tdkt.Org
	// Admin sees the province and keeps the installation's settings; AdminA
	// administers commune A only; ClerkA and ViewerA see commune A; ClerkB sees commune B.
	Admin, AdminA, ClerkA, ClerkB, ViewerA tdkt.Account
	PersonA, PersonB                       tdkt.Person
	Server                                 *httptest.Server

	second secondFactors // see EnsureSecondFactor
}

// Now is the fixed clock of fixtures.
var Now = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

// NewFixture fills db and starts the application on it.
func NewFixture(t testing.TB, db *sqldb.DB) *Fixture {
	t.Helper()
	return newFixture(t, db, nil)
}

// newFixture builds the fixture; above, when set, makes the organisations above the
// province first and returns the province's parent and the installation
// administrator's organisation code.
func newFixture(t testing.TB, db *sqldb.DB, above func(svc *core.Service) (parent int64, adminOrg string)) *Fixture {
	t.Helper()
	ctx := context.Background()
	svc := core.New(db)
	svc.Now = func() time.Time { return Now }
	f := &Fixture{DB: db, Svc: svc}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	svc.AuditTrail = AuditConfig(t)
	_, err := svc.StartAuditChain(ctx)
	must(err)
	parent, adminOrg := int64(0), "T01"
	if above != nil {
		parent, adminOrg = above(svc)
	}
	f.Province = tdkt.Org{Code: "T01", Name: "Ủy ban nhân dân tỉnh Thử Nghiệm", Level: tdkt.LevelProvince, ParentID: parent}
	must(svc.SaveOrg(ctx, nil, &f.Province))
	f.CommuneA = tdkt.Org{Code: "X01", Name: "Ủy ban nhân dân xã Đông Hòa", Level: tdkt.LevelCommune, ParentID: f.Province.ID}
	must(svc.SaveOrg(ctx, nil, &f.CommuneA))
	f.CommuneB = tdkt.Org{Code: "X02", Name: "Ủy ban nhân dân phường Ánh Dương", Level: tdkt.LevelCommune, ParentID: f.Province.ID}
	must(svc.SaveOrg(ctx, nil, &f.CommuneB))
	acct := func(login string, role tdkt.Role, org string) tdkt.Account {
		a, err := svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: "Cán bộ " + login, Password: Password, Role: role, OrgCode: org,
			InstallationAdmin: login == "quantri"})
		must(err)
		return a
	}
	f.Admin = acct("quantri", tdkt.RoleAdmin, adminOrg)
	f.AdminA = acct("quantri.a", tdkt.RoleAdmin, "X01")
	f.ClerkA = acct("canbo.a", tdkt.RoleClerk, "X01")
	f.ClerkB = acct("canbo.b", tdkt.RoleClerk, "X02")
	f.ViewerA = acct("xem.a", tdkt.RoleViewer, "X01")
	// Administrators must have a second factor (see EnsureSecondFactor).
	must(f.ensureSecondFactor("quantri"))
	must(f.ensureSecondFactor("quantri.a"))
	f.PersonA = tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Nguyễn Thị Hồng Nhung", Sex: tdkt.Female, BirthDate: "1985-04-02",
		CCCD: "001185012345", Group: tdkt.GroupOfficials, Position: "Công chức văn hóa – xã hội", HiredOn: "2010-09-01", Ethnicity: "Kinh"}
	must(svc.CreatePerson(ctx, &f.ClerkA, &f.PersonA))
	f.PersonB = tdkt.Person{OrgID: f.CommuneB.ID, FullName: "Trần Văn Đức", Sex: tdkt.Male, BirthDate: "1979-11-20",
		Group: tdkt.GroupOfficials, Position: "Chủ tịch UBND phường", Leader: true, HiredOn: "2005-03-01", Ethnicity: "Kinh"}
	must(svc.CreatePerson(ctx, &f.ClerkB, &f.PersonB))
	subA := tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}
	for y, r := range map[int]tdkt.Rating{2023: tdkt.RatingGood, 2024: tdkt.RatingExcellent, 2025: tdkt.RatingExcellent} {
		must(svc.SaveRating(ctx, &f.ClerkA, &tdkt.YearRating{Subject: subA, Year: y, Rating: r}))
	}
	must(svc.SaveHonour(ctx, &f.ClerkA, &tdkt.Honour{Subject: subA, AwardCode: "chien_si_thi_dua_co_so", Year: 2025, Kind: tdkt.KindMerit,
		Decision: tdkt.Decision{Number: "125/QĐ-UBND", Date: "2026-01-15", Signer: "Lê Văn Minh", Issuer: "Ủy ban nhân dân xã Đông Hòa"}}))
	must(svc.SaveInitiative(ctx, &f.ClerkA, &tdkt.Initiative{Subject: subA, Year: 2025, Title: "Số hóa hồ sơ thi đua của xã", Scope: tdkt.ScopeBase}))
	f.Server = httptest.NewServer(server.Handler(svc, server.Config{}))
	t.Cleanup(f.Server.Close)
	return f
}

// Client returns an HTTP client with its own cookie jar, signed in as login when
// login is not empty. It does not follow redirects, so tests see them.
func (f *Fixture) Client(t testing.TB, login string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if login == "" {
		return c
	}
	resp, err := f.logIn(c, login, Password, "")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	u, _ := url.Parse(f.Server.URL)
	for _, ck := range jar.Cookies(u) {
		if ck.Name == core.SessionCookie {
			return c
		}
	}
	t.Fatalf("login %s: no session cookie (status %d)", login, resp.StatusCode)
	return nil
}

// Token issues an API token for login.
func (f *Fixture) Token(t testing.TB, login string) string {
	t.Helper()
	tok, err := f.Svc.CreateToken(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// Contains reports whether body holds every one of the strings.
func Contains(body string, want ...string) bool {
	for _, w := range want {
		if !strings.Contains(body, w) {
			return false
		}
	}
	return true
}

// AuditConfig makes an audit key and a checkpoint file in the test's temporary folder,
// as tdkt does beside its SQLite file on first start.
func AuditConfig(t testing.TB) core.AuditConfig {
	t.Helper()
	dir := t.TempDir()
	key, _, err := core.LoadAuditKey(filepath.Join(dir, "audit.key"), true)
	if err != nil {
		t.Fatal(err)
	}
	return core.AuditConfig{Key: key, Checkpoints: filepath.Join(dir, "audit-checkpoints.jsonl"), Name: "thử nghiệm"}
}
