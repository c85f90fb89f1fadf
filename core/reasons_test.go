package core_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The reasons a clerk reads name records as the clerk knows them: an initiative by its
// title (and its decision when there is one), never by the database's id.
func TestReasonsNameRecordsNotIDs(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		o, err := f.Svc.Outlook(context.Background(), &f.ClerkA, f.PersonA.ID)
		if err != nil {
			t.Fatal(err)
		}
		byID := regexp.MustCompile(`(?i)sáng kiến \d+`)
		named := 0
		for _, r := range append(o.Eligible, o.Next...) {
			for _, x := range r.Reasons {
				if byID.MatchString(x.Message) {
					t.Errorf("%s: a reason names an initiative by id: %q", r.Award, x.Message)
				}
				if strings.Contains(x.Message, "sáng kiến «Số hóa hồ sơ thi đua của xã»") {
					named++
				}
			}
		}
		if named == 0 {
			t.Error("no reason names the initiative by its title")
		}
	})
}
