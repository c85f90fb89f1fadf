package core_test

import (
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// One achievement, one reward: a person who holds Chiến sĩ thi đua cơ sở for 2025 is
// not proposed for it again, and the refusal names the decision that gave it.
func TestHeldAwardIsNotProposedAgain(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		d, err := f.Svc.CreateDossier(t.Context(), &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_co_so", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.Svc.AddCandidate(t.Context(), &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}, "")
		if tdkt.CodeOf(err) != tdkt.EInvalid || !strings.Contains(fieldsOf(err)["subject"], "125/QĐ-UBND") {
			t.Errorf("proposing an award already held: %v", err)
		}
	})
}
