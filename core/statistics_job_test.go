package core_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"

	"tdkt"
	"tdkt/core"
	"tdkt/sheet"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The five forms of a province, filled in the background: one XLSX per form in a ZIP,
// each with the same total as the form on screen.
func TestStatisticsJob(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewStatsFixture(t, db)
		ctx := context.Background()
		if _, err := f.Svc.StartStatisticsJob(ctx, &f.ClerkB, 2025, f.Province.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("a commune's clerk asking for the province's forms: %v, want not found", err)
		}
		if _, err := f.Svc.StartStatisticsJob(ctx, &f.Admin, 2019, 0); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a year before the 2023 layout: %v, want invalid", err)
		}
		id, err := f.Svc.StartStatisticsJob(ctx, &f.Admin, 2025, f.Province.ID)
		if err != nil {
			t.Fatal(err)
		}
		if worked, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "test"}).RunOne(ctx); err != nil || !worked {
			t.Fatalf("statistics job: worked %v, %v", worked, err)
		}
		job, err := f.Svc.Job(ctx, &f.Admin, id)
		if err != nil || job.Status != sqldb.JobDone || job.Done != 5 {
			t.Fatalf("statistics job: %+v %v", job, err)
		}
		name, data, err := f.Svc.JobFile(ctx, &f.Admin, id)
		if err != nil || name != "bieu-thong-ke-2025.zip" {
			t.Fatalf("file %q: %v", name, err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil || len(zr.File) != 5 {
			t.Fatalf("zip with %d files: %v", len(zr.File), err)
		}
		for i, key := range tdkt.StatFormKeys {
			zf := zr.File[i]
			if zf.Name != fmt.Sprintf("bieu-%s-2025.xlsx", key) {
				t.Errorf("file %d is %s", i, zf.Name)
				continue
			}
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			x, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", zf.Name, err)
			}
			rows, _ := x.GetRows(sheet.StatSheet)
			x.Close()
			rep, err := f.Svc.Statistics(ctx, &f.Admin, key, 2025, f.Province.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !sheetHas(rows, rep.Table.Form.Code) {
				t.Errorf("%s does not name its form %s", zf.Name, rep.Table.Form.Code)
			}
			var total int64
			for _, r := range rep.Table.Rows {
				if !r.Heading && len(r.Cells) > 0 {
					total = r.Cells[0]
					break
				}
			}
			if !sheetHas(rows, fmt.Sprint(total)) {
				t.Errorf("%s lacks the total %d", zf.Name, total)
			}
		}
	})
}

func sheetHas(rows [][]string, text string) bool {
	for _, r := range rows {
		for _, c := range r {
			if bytes.Contains([]byte(c), []byte(text)) {
				return true
			}
		}
	}
	return false
}
