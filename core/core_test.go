package core_test

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func auditCount(t *testing.T, db *sqldb.DB) int64 {
	t.Helper()
	var n int64
	if err := db.View(context.Background(), func(tx *sqldb.Tx) (err error) {
		n, err = tx.CountAudit(context.Background())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOtherCommuneIsNotFound(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		if _, err := f.Svc.PersonRecord(ctx, &f.ClerkB, f.PersonA.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("clerk of commune B reading a person of commune A: %v, want not found", err)
		}
		if _, err := f.Svc.PersonRecord(ctx, &f.Admin, f.PersonA.ID); err != nil {
			t.Errorf("province admin: %v", err)
		}
		p := f.PersonA
		p.Position = "Đổi bởi xã khác"
		if err := f.Svc.UpdatePerson(ctx, &f.ClerkB, &p, ""); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("update from another commune: %v, want not found", err)
		}
		rec, _ := f.Svc.PersonRecord(ctx, &f.Admin, f.PersonA.ID)
		r := rec.Ratings[0]
		r.Rating = tdkt.RatingNotDone
		if err := f.Svc.SaveRating(ctx, &f.ClerkB, &r); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("rating of another commune: %v, want not found", err)
		}
		page, err := f.Svc.SearchPeople(ctx, &f.ClerkB, "nguyen thi", "", 50, 0)
		if err != nil || page.Total != 0 {
			t.Errorf("clerk B search found %d people of commune A (%v)", page.Total, err)
		}
		if _, err := f.Svc.SearchPeople(ctx, &f.ClerkB, "", "X01", 50, 0); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("clerk B filtering by commune A: %v", err)
		}
		// moving someone into a unit outside one's subtree is refused
		p = f.PersonA
		p.OrgID = f.CommuneB.ID
		if err := f.Svc.UpdatePerson(ctx, &f.ClerkA, &p, "2026-11-01"); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("move outside subtree: %v", err)
		}
		// a viewer may read but not change
		p = f.PersonA
		p.Position = "x"
		if err := f.Svc.UpdatePerson(ctx, &f.ViewerA, &p, ""); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("viewer update: %v", err)
		}
	})
}

func TestConcurrentEditsOneWins(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		before := auditCount(t, db)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p := f.PersonA // both read version 1
				p.Position = []string{"Phó Chủ tịch UBND xã", "Công chức tư pháp"}[i]
				errs[i] = f.Svc.UpdatePerson(ctx, &f.ClerkA, &p, "")
			}()
		}
		wg.Wait()
		ok, conflicts := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case tdkt.CodeOf(err) == tdkt.EConflict:
				conflicts++
			default:
				t.Errorf("unexpected: %v", err)
			}
		}
		if ok != 1 || conflicts != 1 {
			t.Fatalf("%d successes and %d conflicts, want 1 and 1", ok, conflicts)
		}
		if got := auditCount(t, db) - before; got != 1 {
			t.Errorf("%d audit events for one change", got)
		}
	})
}

func TestInvalidInputChangesNothing(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		rec, _ := f.Svc.PersonRecord(ctx, &f.ClerkA, f.PersonA.ID)
		audits := auditCount(t, db)
		p := f.PersonA
		p.CCCD, p.BirthDate = "12345", "2025-02-31"
		err := f.Svc.UpdatePerson(ctx, &f.ClerkA, &p, "")
		if e, _ := err.(*tdkt.Error); e == nil || e.Fields["cccd"] == "" || e.Fields["birth_date"] == "" {
			t.Errorf("want cccd and birth_date errors, got %v", err)
		}
		bad := tdkt.YearRating{Subject: tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}, Year: 2026, Rating: "xuat_sac"}
		if err := f.Svc.SaveRating(ctx, &f.ClerkA, &bad); err == nil || err.(*tdkt.Error).Fields["rating"] == "" {
			t.Errorf("want rating error, got %v", err)
		}
		dup := tdkt.YearRating{Subject: bad.Subject, Year: 2025, Rating: tdkt.RatingGood}
		if err := f.Svc.SaveRating(ctx, &f.ClerkA, &dup); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("second rating for 2025: %v", err)
		}
		q := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Lê Thị Trùng", Sex: tdkt.Female, Group: tdkt.GroupOfficials, CCCD: f.PersonA.CCCD}
		if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &q); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("duplicate CCCD: %v", err)
		}
		after, _ := f.Svc.PersonRecord(ctx, &f.ClerkA, f.PersonA.ID)
		if !reflect.DeepEqual(rec, after) {
			t.Errorf("record changed by refused input:\n%+v\n%+v", rec, after)
		}
		if n := auditCount(t, db); n != audits {
			t.Errorf("refused input left %d audit events", n-audits)
		}
	})
}

func TestMoveKeepsHistoryAndAudits(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		p := f.PersonB
		p.OrgID = f.CommuneA.ID
		p.Position = "Chuyên viên"
		p.Leader = false
		if err := f.Svc.UpdatePerson(ctx, &f.Admin, &p, "2026-10-01"); err != nil {
			t.Fatal(err)
		}
		rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, p.ID)
		if err != nil {
			t.Fatalf("after the move commune A sees the person: %v", err)
		}
		if len(rec.Memberships) != 2 || rec.Memberships[0].To != "2026-09-30" || rec.Memberships[1].OrgID != f.CommuneA.ID {
			t.Errorf("memberships %+v", rec.Memberships)
		}
		ev, err := f.Svc.Audit(ctx, &f.ClerkA, tdkt.Subject{Kind: tdkt.Individual, ID: p.ID})
		if err != nil || len(ev) != 2 || ev[1].Action != "update" || ev[1].Before == "" || ev[1].After == "" || ev[1].Actor != "quantri" {
			t.Errorf("audit %+v %v", ev, err)
		}
		if _, err := f.Svc.PersonRecord(ctx, &f.ClerkB, p.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("the old commune still sees the person: %v", err)
		}
	})
}

func TestLoginThrottleAndSessions(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		login := func(who, pw, ip string) (core.LoginResult, error) {
			return f.Svc.Login(ctx, core.LoginRequest{Login: who, Password: pw, IP: ip})
		}
		for i := 0; i < 5; i++ {
			if _, err := login("canbo.a", "sai", "10.0.0.1"); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		// The guesser's address is stopped, even with the right password...
		if _, err := login("canbo.a", tdkttest.Password, "10.0.0.1"); tdkt.CodeOf(err) != tdkt.ETooMany {
			t.Fatalf("6th attempt from the same address even with the right password: %v, want too many", err)
		}
		// ...and the owner, elsewhere, is not.
		if res, err := login("canbo.a", tdkttest.Password, "10.0.0.9"); err != nil || res.Session == "" {
			t.Fatalf("the owner from another address: %v", err)
		}
		res, err := login("canbo.b", tdkttest.Password, "10.0.0.2")
		if err != nil || res.Account.Login != "canbo.b" || res.Session == "" {
			t.Fatal(err)
		}
		tok := res.Session
		res2, err := login("canbo.b", tdkttest.Password, "10.0.0.2")
		if err != nil {
			t.Fatalf("a second login: %v", err)
		}
		if res2.Session == "" || tok == res2.Session {
			t.Error("a login must issue a new session token")
		}
		if a, err := f.Svc.SessionAccount(ctx, tok); err != nil || a.ID != f.ClerkB.ID {
			t.Errorf("session: %v", err)
		}
		if err := f.Svc.Logout(ctx, tok); err != nil {
			t.Fatalf("logout: %v", err)
		}
		if a, err := f.Svc.SessionAccount(ctx, res2.Session); err != nil || a.ID != f.ClerkB.ID {
			t.Errorf("logging out one session ended the other: %v", err)
		}
		if _, err := f.Svc.SessionAccount(ctx, tok); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("after logout: %v", err)
		}
		key, err := f.Svc.CreateToken(ctx, "xem.a")
		if err != nil {
			t.Fatal(err)
		}
		if a, err := f.Svc.TokenAccount(ctx, key); err != nil || a.Role != tdkt.RoleViewer {
			t.Errorf("token: %v", err)
		}
		if _, err := f.Svc.TokenAccount(ctx, key+"x"); err == nil {
			t.Error("a wrong token was accepted")
		}
		var stored, clear int64
		err = db.View(ctx, func(tx *sqldb.Tx) error {
			if stored, err = tx.Int(ctx, `SELECT count(*) FROM api_tokens`); err != nil {
				return err
			}
			clear, err = tx.Int(ctx, `SELECT count(*) FROM api_tokens WHERE token_hash = ?`, key)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if stored != 1 {
			t.Errorf("%d tokens stored, want 1", stored)
		}
		if clear != 0 {
			t.Error("the token is stored in clear")
		}
	})
}
