package rules

import (
	"math/rand"
	"slices"
	"testing"

	"tdkt"
)

// Leaving out the records of every title and form outside RecordsRead changes no
// answer, for random people and collectives and every records-based award.
func TestRecordsReadIsEnough(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	read := RecordsRead()
	var all []AwardID
	for _, a := range tdkt.Awards {
		id, _ := AwardIDOf(a.Code)
		all = append(all, id)
	}
	asOf := MakeDate(2026, 2, 1)
	for n := 0; n < 3000; n++ {
		s := &Subject{Kind: tdkt.Individual}
		if n%4 == 0 {
			s.Kind = tdkt.Collective
			s.Members = &Members{Total: 20, HTXSNV: 5, HTTNV: 14, HTNV: 1, LDTT: 15 + rng.Intn(5), CSTDCS: rng.Intn(3)}
		}
		for y := 2015; y <= 2025; y++ {
			s.SetGrade(y, Grade(1+rng.Intn(4)))
			for k := 0; k < 2; k++ {
				id := all[rng.Intn(len(all))]
				if id.Award().Category == tdkt.Title {
					s.Titles = append(s.Titles, TitleRecord{Award: id, Year: y})
				} else {
					s.Awards = append(s.Awards, AwardRecord{Award: id, Year: y + 1, AchievementTo: y, Kind: tdkt.KindMerit})
				}
			}
			if rng.Intn(4) == 0 {
				s.Initiatives = append(s.Initiatives, Initiative{ID: "x", Year: y, Scope: tdkt.Scopes[rng.Intn(3)]})
			}
		}
		kept := s.clone()
		kept.Titles = slices.DeleteFunc(kept.Titles, func(r TitleRecord) bool { return !slices.Contains(read, r.Award.Code()) })
		kept.Awards = slices.DeleteFunc(kept.Awards, func(r AwardRecord) bool { return !slices.Contains(read, r.Award.Code()) })
		for _, id := range recordsAwards {
			for _, year := range []int{2023, 2025} {
				if a, b := Default.Status(s, id, year, asOf), Default.Status(kept, id, year, asOf); a != b {
					t.Fatalf("subject %d, %s %d: %v with every record, %v with RecordsRead only", n, id.Code(), year, a, b)
				}
			}
		}
	}
}
