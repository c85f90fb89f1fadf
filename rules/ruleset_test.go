package rules

import (
	"testing"

	"tdkt"
)

// Every catalogue award has a money line in every rule set, except Gia đình văn
// hóa (none found in Decree 152/2025 Art 50); every award resolves to an AwardID.
func TestRuleSetData(t *testing.T) {
	for _, rs := range DefaultRuleSets() {
		for _, a := range tdkt.Awards {
			if _, ok := AwardIDOf(a.Code); !ok {
				t.Errorf("%s: no AwardID", a.Code)
			}
			_, ok := rs.MoneyFor(a.Code)
			if ok == (a.Code == "gia_dinh_van_hoa") {
				t.Errorf("%s: money line present = %v for %s", rs.ID, ok, a.Code)
			}
		}
		for p, pr := range rs.Provisions {
			if pr.Rule == "" || pr.Basis == "" {
				t.Errorf("%s: provision %d has no rule or basis", rs.ID, p)
			}
			if pr.Unverified && pr.Note == "" {
				t.Errorf("%s: provision %s unverified without a note", rs.ID, pr.Rule)
			}
		}
	}
	sets := DefaultRuleSets()
	if sets[2].Provisions[PrCSTDCS].Unverified != true || sets[1].Provisions[PrCSTDCS].Unverified {
		t.Error("2026 set must mark carried-over provisions unverified, and only it")
	}
	if !sets[0].RecruitedSixMonths || sets[1].RecruitedSixMonths {
		t.Error("recruited-6-months switch: on under Decree 98 only by default")
	}
}
