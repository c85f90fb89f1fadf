package rules

import (
	"testing"

	"tdkt"
)

// Builders for records in table tests.

func person() *Subject {
	return &Subject{Kind: tdkt.Individual, HiredOn: MakeDate(2012, 9, 1)}
}

func collective(m Members) *Subject {
	return &Subject{Kind: tdkt.Collective, Members: &m}
}

// rate sets ratings from year `from` on.
func rate(s *Subject, from int, gs ...Grade) *Subject {
	for i, g := range gs {
		s.SetGrade(from+i, g)
	}
	return s
}

func titles(s *Subject, id AwardID, years ...int) *Subject {
	for _, y := range years {
		s.Titles = append(s.Titles, TitleRecord{Award: id, Year: y})
	}
	return s
}

func prior(s *Subject, id AwardID, year int, kind tdkt.RewardKind, achTo int) *Subject {
	s.Awards = append(s.Awards, AwardRecord{Award: id, Year: year, Kind: kind, AchievementTo: achTo})
	return s
}

func initiative(s *Subject, id string, year int, scope tdkt.Scope) *Subject {
	s.Initiatives = append(s.Initiatives, Initiative{ID: id, Year: year, Scope: scope})
	return s
}

func date(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const (
	X = GradeHTXSNV
	T = GradeHTTNV
	H = GradeHTNV
	K = GradeKHTNV
)

func hasReason(r Result, rule string, met bool) bool {
	for _, x := range r.Reasons {
		if x.Rule == rule && x.Met == met {
			return true
		}
	}
	return false
}
