package tdkt_test

import (
	"testing"

	"tdkt"
)

// TestRankCorrectsLeniency: grader 3 (member 5) scores everyone high and favours
// member 3; graders 1 and 2 agree. Member 5, which grader 3 cannot score, loses in
// the raw ranking and gets its place back in the normalised one; member 3, favoured
// only by the lenient grader, drops.
func TestRankCorrectsLeniency(t *testing.T) {
	members := []int64{1, 2, 3, 4, 5}
	crit := []tdkt.ClusterCriterion{{ID: 1, Max: 10, Weight: 1}}
	scores := map[int64][]float64{ // grader → scores of members 1..5 (-1: not scored)
		100: {8, 7, 6, 5, 7},
		101: {-1, 7, 6, 5, 7},
		105: {9, 9, 10, 9, -1},
	}
	var gs []tdkt.Grade
	for g, ss := range scores {
		for i, s := range ss {
			if s >= 0 {
				gs = append(gs, tdkt.Grade{GraderOrgID: g, MemberID: int64(i + 1), CriterionID: 1, Score: s})
			}
		}
	}
	r := tdkt.Rank(members, crit, gs)
	pos := map[int64]tdkt.Standing{}
	for _, s := range r.Standings {
		pos[s.MemberID] = s
	}
	if pos[3].RawRank >= pos[5].RawRank || pos[3].NormRank <= pos[5].NormRank {
		t.Errorf("member 3 raw %d norm %d, member 5 raw %d norm %d: want 3 above 5 raw and below normalised",
			pos[3].RawRank, pos[3].NormRank, pos[5].RawRank, pos[5].NormRank)
	}
	if pos[1].NormRank != 1 || pos[1].RawRank != 1 {
		t.Errorf("member 1: %+v, want first in both", pos[1])
	}
	if r.Leniency[105] <= r.Leniency[100] || r.Leniency[105] <= 1 {
		t.Errorf("leniency %v: grader 105 should be the lenient one", r.Leniency)
	}
	flagged := false
	for _, o := range r.Outliers {
		flagged = flagged || (o.GraderOrgID == 105 && o.MemberID == 3)
	}
	if !flagged {
		t.Errorf("outliers %+v: want grader 105's 10 for member 3", r.Outliers)
	}
	if got := pos[2].Raw; got < 7.66 || got > 7.67 {
		t.Errorf("raw total of member 2 = %v, want 7.67", got)
	}
}

func TestScoreRules(t *testing.T) {
	if tdkt.ScoreProblem(0, 10) != "" || tdkt.ScoreProblem(11, 10) == "" || tdkt.ScoreProblem(-1, 10) == "" {
		t.Error("0 must be valid, above the maximum and negative invalid")
	}
	low := 5.0
	if tdkt.ExtremeScore(0, 10, nil, nil) == "" || tdkt.ExtremeScore(10, 10, nil, &low) == "" {
		t.Error("0, and the maximum over a low self-assessment, need a reason")
	}
	if tdkt.ExtremeScore(7, 10, []float64{7, 8, 6}, nil) != "" || tdkt.ExtremeScore(1, 10, []float64{7, 8, 7, 8}, nil) == "" {
		t.Error("distance from the grader's own mean")
	}
}
