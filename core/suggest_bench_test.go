package core_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"tdkt/core"
	"tdkt/demo"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// BenchmarkSuggest runs the year-end list over a demo province (BENCH_PEOPLE people,
// default 20,000, ten years) with the JSON lines written to io.Discard, as
// `tdkt suggest` does. The floor it must beat is in scripts/bench-scale.sh.
func BenchmarkSuggest(b *testing.B) {
	n := 20000
	if s := os.Getenv("BENCH_PEOPLE"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	var db *sqldb.DB
	if u := os.Getenv("BENCH_DB"); u != "" { // an existing demo database, to profile the list alone
		var err error
		if db, err = sqldb.Open(ctx, u); err != nil {
			b.Fatal(err)
		}
	} else {
		db = tdkttest.SQLite(b)
		if _, err := demo.Generate(ctx, db, demo.Options{People: n, Years: 10, Seed: 1, AdminPassword: "x", Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}); err != nil {
			b.Fatal(err)
		}
	}
	svc := core.New(db)
	svc.Now = func() time.Time { return time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) }
	var line []byte
	b.ResetTimer()
	for b.Loop() {
		st, err := svc.Suggest(ctx, nil, core.SuggestQuery{Year: 2025}, func(s *core.Suggestion) error { line = s.AppendJSON(line[:0]); return nil })
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.People)/b.Elapsed().Seconds()*float64(b.N), "people/s")
	}
}
