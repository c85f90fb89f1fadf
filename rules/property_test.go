package rules

import (
	"math/rand"
	"testing"
	"time"

	"tdkt"
)

// randomSubject builds plausible records around year 2025 (fixed seeds keep
// failures reproducible).
func randomSubject(rng *rand.Rand) *Subject {
	s := &Subject{Kind: tdkt.Individual, HiredOn: MakeDate(2005+rng.Intn(21), 1+rng.Intn(12), 1+rng.Intn(28))}
	if rng.Intn(5) == 0 {
		s.Kind = tdkt.Collective
		total := 1 + rng.Intn(40)
		k := rng.Intn(2)
		m := Members{Total: total, KHTNV: k, HTTNV: total - k}
		m.LDTT = rng.Intn(total + 1)
		m.CSTDCS = rng.Intn(3)
		m.DisciplinedWarningOrAbove = rng.Intn(4) / 3
		s.Members = &m
	}
	for y := 2012; y <= 2025; y++ {
		s.SetGrade(y, Grade(1+rng.Intn(4)))
		if s.Kind == tdkt.Collective {
			if rng.Intn(3) == 0 {
				s.Titles = append(s.Titles, TitleRecord{idTTLDXS, y})
			}
			continue
		}
		if rng.Intn(2) == 0 {
			s.Titles = append(s.Titles, TitleRecord{idCSTDCS, y})
		}
		if rng.Intn(6) == 0 {
			s.Titles = append(s.Titles, TitleRecord{idCSTDBT, y})
		}
		if rng.Intn(3) == 0 {
			s.Initiatives = append(s.Initiatives, Initiative{ID: "sk", Year: y, Scope: tdkt.Scopes[rng.Intn(3)]})
		}
		if rng.Intn(7) == 0 {
			s.Awards = append(s.Awards, AwardRecord{Award: []AwardID{idBKBT, idBKTTg}[rng.Intn(2)], Year: y,
				Kind: []tdkt.RewardKind{"", tdkt.KindMerit, tdkt.KindSudden}[rng.Intn(3)]})
		}
	}
	if rng.Intn(8) == 0 {
		d := MakeDate(2015+rng.Intn(10), 1+rng.Intn(12), 1)
		s.Discipline = append(s.Discipline, Discipline{Form: tdkt.Warning, DecidedOn: d, EndsOn: d + 365})
	}
	s.PendingReview = rng.Intn(20) == 0
	return s
}

// Property: a better rating in any year never turns an eligible subject
// ineligible.
func TestPropertyBetterRatingKeepsEligibility(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	asOf := MakeDate(2026, 2, 1)
	checked := 0
	for i := 0; i < 4000; i++ {
		s := randomSubject(rng)
		for _, id := range recordsAwards {
			if !id.Award().For(s.Kind) || Default.Status(s, id, 2025, asOf) != Eligible {
				continue
			}
			for y := 2012; y <= 2025; y++ {
				g := s.Grade(y)
				if g == GradeHTXSNV {
					continue
				}
				better := s.clone()
				better.SetGrade(y, g+1)
				if st := Default.Status(better, id, 2025, asOf); st != Eligible {
					t.Fatalf("%s: improving %d from %d made it %s", id.Code(), y, g, st)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("generator produced no eligible subject")
	}
}

// Property: no chain title or form is eligible without its lower chain.
func TestPropertyChains(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	asOf := MakeDate(2026, 2, 1)
	const y = 2025
	count := map[AwardID]int{}
	for i := 0; i < 20000; i++ {
		s := randomSubject(rng)
		if s.Kind != tdkt.Individual {
			continue
		}
		has := func(id AwardID, yy int) bool { return holds(s, id, yy, yy) }
		merit := func(id AwardID, before int) bool {
			for _, a := range s.Awards {
				if a.Award == id && (a.Kind == "" || a.Kind == tdkt.KindMerit) && a.Year < before {
					return true
				}
			}
			return false
		}
		cstdcs := 0
		for yy := y - 4; yy <= y; yy++ {
			if has(idCSTDCS, yy) {
				cstdcs++
			}
		}
		for _, c := range []struct {
			id    AwardID
			chain bool
		}{
			{idCSTDBT, has(idCSTDCS, y) && has(idCSTDCS, y-1) && has(idCSTDCS, y-2)},
			{idCSTDTQ, has(idCSTDBT, y) && has(idCSTDBT, y-3)},
			{idBKTTg, merit(idBKBT, y-4) && cstdcs >= 3},
			{idHCLD3, merit(idBKTTg, y-4) && cstdcs >= 3},
		} {
			if Default.Status(s, c.id, y, asOf) == Eligible {
				count[c.id]++
				if !c.chain {
					t.Fatalf("%s eligible without its chain: %+v", c.id.Code(), s)
				}
			}
		}
	}
	for _, id := range []AwardID{idCSTDBT, idBKTTg} {
		if count[id] == 0 {
			t.Errorf("generator never reached %s", id.Code())
		}
	}
}

// The quiet path allocates nothing.
func TestStatusDoesNotAllocate(t *testing.T) {
	s := prior(titles(rate(person(), 2020, T, T, X, T, T), idCSTDCS, 2020, 2022, 2024), idBKTTg, 2019, "", 0)
	asOf := MakeDate(2025, 3, 1)
	n := testing.AllocsPerRun(100, func() {
		for _, id := range recordsAwards {
			Default.Status(s, id, 2024, asOf)
		}
	})
	if n != 0 {
		t.Fatalf("%v allocations per run", n)
	}
}

func benchSubjects(n int) []*Subject {
	rng := rand.New(rand.NewSource(3))
	out := make([]*Subject, n)
	for i := range out {
		out[i] = randomSubject(rng)
		out[i].PendingReview = false
	}
	return out
}

// BenchmarkEligibility measures the bulk (quiet) path: one subject × one award
// per operation; the evals/s metric is per core.
func BenchmarkEligibility(b *testing.B) {
	subjects := benchSubjects(1024)
	asOf := MakeDate(2026, 2, 1)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		s := subjects[i&1023]
		id := recordsAwards[i%len(recordsAwards)]
		Default.Status(s, id, 2025, asOf)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "evals/s")
}

// BenchmarkEligibilityVerbose measures full answers with reasons (and the
// earliest-year simulation for not_eligible ones).
func BenchmarkEligibilityVerbose(b *testing.B) {
	subjects := benchSubjects(1024)
	asOf := MakeDate(2026, 2, 1)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		s := subjects[i&1023]
		id := recordsAwards[i%len(recordsAwards)]
		Default.EligibilityID(s, id, 2025, asOf)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "evals/s")
}

// BenchmarkEligible measures the year-end list: every records-based award for a
// subject, appending into a reused slice.
func BenchmarkEligible(b *testing.B) {
	subjects := benchSubjects(1024)
	asOf := MakeDate(2026, 2, 1)
	var dst []string
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		dst = Default.AppendEligible(dst[:0], subjects[i&1023], 2025, asOf)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "subjects/s")
}

func BenchmarkWorkingDays(b *testing.B) {
	from := MakeDate(2026, 11, 3)
	for i := 0; i < b.N; i++ {
		AddWorkingDays(from, 20)
	}
}
