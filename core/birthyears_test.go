package core_test

import (
	"context"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// BirthYears answers for the people the account sees, leaves out the others, the
// unknown ids and the people without a birth date, and refuses no account.
func TestBirthYears(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		noDate := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Bùi Thị Cúc", Sex: tdkt.Female, Group: tdkt.GroupOfficials}
		if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &noDate); err != nil {
			t.Fatal(err)
		}
		ids := []int64{f.PersonA.ID, f.PersonB.ID, noDate.ID, 999999}
		got, err := f.Svc.BirthYears(ctx, &f.ClerkA, ids)
		if err != nil || len(got) != 1 || got[f.PersonA.ID] != "1985" {
			t.Fatalf("clerk A: %v, %v; want only PersonA's 1985", got, err)
		}
		got, err = f.Svc.BirthYears(ctx, &f.Admin, ids)
		if err != nil || len(got) != 2 || got[f.PersonB.ID] != "1979" {
			t.Fatalf("the province: %v, %v; want PersonA's and PersonB's", got, err)
		}
		if _, err := f.Svc.BirthYears(ctx, nil, ids); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Fatalf("no account: %v, want NotFound", err)
		}
	})
}
