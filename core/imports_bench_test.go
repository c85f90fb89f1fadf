package core_test

import (
	"bytes"
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"tdkt/core"
	"tdkt/sheet"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// staffFile writes a staff list of n people of commune X01 as XLSX, with the
// template's headers, dates typed as text and valid citizen IDs.
func staffFile(b testing.TB, n int) []byte {
	b.Helper()
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"}
	middle := []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Hồng", "Xuân"}
	given := []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh",
		"Long", "Mai", "Nam", "Nga", "Nhung", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"}
	var buf bytes.Buffer
	k, _ := core.ImportKindByCode("staff")
	var header []string
	for _, c := range k.Columns {
		header = append(header, c.Header)
	}
	w, err := sheet.NewXLSX(&buf, "Danh sách", header...)
	if err != nil {
		b.Fatal(err)
	}
	combos := len(family) * len(middle) * len(given)
	base := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		c := i % combos
		name := family[c%10] + " " + middle[c/10%10] + " " + given[c/100]
		birth := base.AddDate(0, 0, (i/combos)*97+c%300)
		sex, digit := "Nam", "0"
		if c%2 == 1 {
			sex, digit = "Nữ", "1"
		}
		cccd := fmt.Sprintf("001%s%02d%06d", digit, birth.Year()%100, i)
		if err := w.Row("X01", "", name, sex, birth.Format("02/01/2006"), "Kinh", cccd, "Cán bộ, công chức, viên chức",
			"Chuyên viên", "Không", "01/09/2010"); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// cpuTime is the CPU time this process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkImportStaff100k times the commit of a 100,000-person staff list: the job
// that reads the file, checks every row again and writes it in one transaction (the
// check before queuing is logged apart), on SQLite, and on PostgreSQL
// when TDKT_TEST_PG is set.
func BenchmarkImportStaff100k(b *testing.B) {
	const n = 100_000
	file := staffFile(b, n)
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				var db *sqldb.DB
				if engine == "sqlite" {
					db = tdkttest.SQLite(b)
				} else {
					db = tdkttest.Postgres(b)
				}
				f := tdkttest.NewFixture(b, db)
				ctx := context.Background()
				id, err := f.Svc.StageImport(ctx, &f.ClerkA, "staff", "100k.xlsx", file)
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				jobID, p, err := f.Svc.StartImport(ctx, &f.ClerkA, id, nil)
				if err != nil {
					b.Fatalf("%v: %v", err, p.Errors[:min(5, len(p.Errors))])
				}
				queued := time.Since(start)
				// The commit: the job reads the file, checks every row again and writes.
				// Its worker is another service, as in another process, so that it reads
				// the file again instead of taking the table the preview read.
				other := core.New(db)
				other.Now = f.Svc.Now
				other.AuditTrail = f.Svc.AuditTrail // the same installation: its key, its snapshot of the rows
				cpu := cpuTime()
				b.StartTimer()
				start = time.Now()
				if _, err := other.NewWorker(core.WorkerConfig{Owner: "bench"}).RunOne(ctx); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				// The CPU time says what the commit costs when other work shares the machine.
				b.Logf("%s: checked and queued in %.1f s; the commit job took %.1f s (%.1f s of CPU in this process)", engine,
					queued.Seconds(), time.Since(start).Seconds(), (cpuTime() - cpu).Seconds())
				j, err := f.Svc.Job(ctx, &f.ClerkA, jobID)
				if err != nil || j.Status != sqldb.JobDone {
					b.Fatalf("job %s: %s %v", j.Status, j.Message, err)
				}
				if got := count(b, db, `SELECT count(*) FROM people`); got != n+2 {
					b.Fatalf("%d people after the import, want %d", got, n+2)
				}
				b.StartTimer()
			}
		})
	}
}
