package core_test

import (
	"context"
	"path/filepath"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// BenchmarkCommitSync measures what a durable commit costs on this machine's disk:
// one use case write (a person created through core, with its audit event) per
// commit, on SQLite with synchronous=NORMAL and =FULL (the sqlite: URL's _sync).
// The figures are in docs/performance.md ("Durability").
//
//	go test ./core/ -run '^$' -bench CommitSync -benchtime 3s
func BenchmarkCommitSync(b *testing.B) {
	for _, mode := range []string{"normal", "full"} {
		b.Run(mode, func(b *testing.B) {
			ctx := context.Background()
			db, err := sqldb.Open(ctx, "sqlite:"+filepath.Join(b.TempDir(), "tdkt.db")+"?_sync="+mode)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if err := db.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			f := tdkttest.NewFixture(b, db)
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				p := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Lê Thị Đo", Sex: tdkt.Female, BirthDate: "1990-01-01",
					Group: tdkt.GroupOfficials, Position: "Công chức", HiredOn: "2015-01-01", Ethnicity: "Kinh"}
				if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "commits/s")
		})
	}
}
