package core_test

import (
	"context"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// Two processes share one database: a change made through one Service reaches the
// other's engine within a second, through the revision counter, and at once in the
// Service that made it.
func TestEngineFollowsConfigurationOfAnotherProcess(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		other := core.New(db)
		from := rules.MakeDate(2026, 12, 31)
		deadline := func(s *core.Service) string {
			t.Helper()
			eng, err := s.Engine(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return eng.Calendar().AddWorkingDays(from, 1).String()
		}
		if a, b := deadline(f.Svc), deadline(other); a != "2027-01-04" || b != a {
			t.Fatalf("defaults: %s and %s", a, b)
		}
		d := sqldb.CalendarDay{Day: "2027-01-04", Off: true, Note: "Nghỉ bù thử nghiệm"}
		if err := f.Svc.SaveCalendarDay(ctx, &f.Admin, &d); err != nil {
			t.Fatal(err)
		}
		if got := deadline(f.Svc); got != "2027-01-05" {
			t.Fatalf("the changing process: %s", got)
		}
		time.Sleep(1100 * time.Millisecond) // engineRecheck
		if got := deadline(other); got != "2027-01-05" {
			t.Fatalf("the other process after a second: %s", got)
		}
		if err := f.Svc.DeleteCalendarDay(ctx, &f.ClerkA, d.ID, d.Version); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a clerk deletes a calendar day: %v", err)
		}
		if _, err := f.Svc.RuleConfig(ctx, &f.ViewerA); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a viewer reads the settings: %v", err)
		}
	})
}
