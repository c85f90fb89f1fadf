package main

import (
	"context"
	"strings"
	"testing"

	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// tdkt check uses an installation's calendar only when --db names it; TDKT_DB alone
// does not change its answers, so that it gives the built-in rules anywhere.
func TestCheckCommandWithDatabase(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		d := sqldb.CalendarDay{Day: "2027-01-04", Off: true, Note: "Nghỉ bù thử nghiệm"}
		if err := core.New(db).SaveCalendarDay(context.Background(), nil, &d); err != nil {
			t.Fatal(err)
		}
		in := `{"id":"han","check":"working_days","as_of":"2026-12-31","from":"2026-12-31","days":1}`
		out, e, err := runCmd(t, nil, in, "check", "--db", db.URL)
		if err != nil || !strings.Contains(out, `"date":"2027-01-05"`) {
			t.Fatalf("check --db: %v %s %s", err, out, e)
		}
		out, e, err = runCmd(t, map[string]string{"TDKT_DB": db.URL}, in, "check")
		if err != nil || !strings.Contains(out, `"date":"2027-01-04"`) {
			t.Fatalf("check without --db: %v %s %s", err, out, e)
		}
	})
}
