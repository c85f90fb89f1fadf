package core_test

import (
	"context"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The count of a search is kept between requests; a person added here shows in the
// next search at once, and one added by another process (a second server on the same
// database) within the second that the cache waits before rereading the audit trail.
func TestSearchSeesNewPeople(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		count := func(svc *core.Service) int64 {
			t.Helper()
			page, err := svc.SearchPeople(ctx, &f.ClerkA, "hoang lan", "", 50, 0)
			if err != nil {
				t.Fatal(err)
			}
			return page.Total
		}
		add := func(svc *core.Service, name string) {
			t.Helper()
			p := tdkt.Person{OrgID: f.CommuneA.ID, FullName: name, Sex: tdkt.Female, Group: tdkt.GroupOfficials}
			if err := svc.CreatePerson(ctx, &f.ClerkA, &p); err != nil {
				t.Fatal(err)
			}
		}
		if n := count(f.Svc); n != 0 {
			t.Fatalf("before: %d", n)
		}
		add(f.Svc, "Hoàng Lan Anh")
		if n := count(f.Svc); n != 1 {
			t.Fatalf("after adding in this process: %d, want 1", n)
		}
		other, err := sqldb.Open(ctx, db.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		add(core.New(other), "Hoàng Lan Chi")
		time.Sleep(1100 * time.Millisecond) // the cache rereads the audit trail once a second
		if n := count(f.Svc); n != 2 {
			t.Fatalf("after another process added one: %d, want 2", n)
		}
	})
}
