package main

import (
	"database/sql"
	"net/url"
	"os"
	"strings"
	"testing"

	"tdkt/tdkttest"
)

// The national chain between two installations running as two processes, over HTTP:
// the script's whole run, with the central board on PostgreSQL when TDKT_TEST_PG is
// set (as CI sets it) and on a second SQLite otherwise.
func TestNationalDemoAcrossTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds tdkt and runs two servers")
	}
	if os.Getenv("TDKT_TEST_PG") == "" && tdkttest.Required("TDKT_REQUIRE_PG") {
		t.Fatal("TDKT_REQUIRE_PG=1 but TDKT_TEST_PG is not set")
	}
	res, err := run(t.TempDir(), "../..")
	if strings.HasPrefix(res.CentralDB, "postgres") {
		t.Cleanup(func() { // the script keeps its database; the test does not
			u, _ := url.Parse(res.CentralDB)
			if db, err := sql.Open("pgx", os.Getenv("TDKT_TEST_PG")); err == nil {
				db.Exec("DROP DATABASE IF EXISTS " + strings.TrimPrefix(u.Path, "/") + " WITH (FORCE)")
				db.Close()
			}
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	if res.PersonID == 0 || res.DecisionNumber != "1234/QĐ-CTN" || res.ProvinceDB == "" || res.CentralDB == "" {
		t.Errorf("result: %+v", res)
	}
}
