package rules

import (
	"fmt"
	"testing"
)

// Decree 98/2023 Art 30(7): the council's yes votes are counted against ALL its
// members, 90 % for Anh hùng and the national and ministry/provincial Chiến sĩ
// thi đua, 80 % for Chiến sĩ thi đua cơ sở and the two emulation flags. The
// required counts are written out by hand (not computed from the rule set) so
// that a changed percentage in ruleset_data.go fails here.
func TestVoteThresholdArt30k7(t *testing.T) {
	// needed[size] = ceil(pct × size / 100), worked by hand.
	needed := map[int]map[int]int{
		90: {7: 7, 10: 9, 11: 10, 19: 18}, // 6.3→7, 9, 9.9→10, 17.1→18
		80: {7: 6, 10: 8, 11: 9, 19: 16},  // 5.6→6, 8, 8.8→9, 15.2→16
	}
	awards := []struct {
		code string
		pct  int
	}{
		{"anh_hung_lao_dong", 90},
		{"anh_hung_llvtnd", 90},
		{"chien_si_thi_dua_toan_quoc", 90},
		{"chien_si_thi_dua_bo_tinh", 90},
		{"chien_si_thi_dua_co_so", 80},
		{"co_thi_dua_bo_tinh", 80},
		{"co_thi_dua_chinh_phu", 80},
	}
	// One date inside each built-in rule set; the set's ID is checked so that a
	// date drifting out of its set does not silently test another one.
	sets := []struct{ id, asOf string }{
		{"luat-2022+nd98-2023", "2025-05-15"},
		{"luat-2022+nd152-2025", "2026-01-15"},
		{"luat-2022-sua-doi-2026+nd152-2025", "2026-11-15"},
	}
	for _, rs := range sets {
		for _, a := range awards {
			for _, members := range []int{7, 10, 11, 19} {
				req := needed[a.pct][members]
				name := fmt.Sprintf("NĐ98 Điều 30 khoản 7/%s/%s/%d%%/%d thành viên", rs.id, a.code, a.pct, members)
				t.Run(name, func(t *testing.T) {
					for _, c := range []struct {
						yes    int
						passed bool
					}{{req, true}, {req - 1, false}} {
						r, err := Default.Vote(a.code, members, c.yes, date(t, rs.asOf))
						if err != nil {
							t.Fatal(err)
						}
						if r.RuleSet != rs.id {
							t.Fatalf("as of %s answered by rule set %s, want %s", rs.asOf, r.RuleSet, rs.id)
						}
						if r.Percent != a.pct || r.RequiredYes != req {
							t.Errorf("Điều 30 khoản 7: %s needs %d %% = %d of %d members, got %d %% = %d",
								a.code, a.pct, req, members, r.Percent, r.RequiredYes)
						}
						if r.Passed != c.passed {
							t.Errorf("Điều 30 khoản 7: %s with %d of %d yes: passed = %v, want %v",
								a.code, c.yes, members, r.Passed, c.passed)
						}
					}
				})
			}
		}
	}
}
