package core

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"tdkt"
	"tdkt/sheet"
	"tdkt/sqldb"
	"tdkt/vn"
)

// JobStatistics fills every statutory form (biểu 0601–0605) of a year for an
// organisation's subtree in the background and keeps them as one ZIP of XLSX files:
// the whole country's figures on 15 December are a long read.
const JobStatistics = "statistics"

type statisticsJob struct {
	Year  int   `json:"year"`
	OrgID int64 `json:"org_id"`
}

// StartStatisticsJob queues the statutory forms of year for the subtree of orgID
// (the actor's own organisation when 0).
func (s *Service) StartStatisticsJob(ctx context.Context, actor *tdkt.Account, year int, orgID int64) (id int64, err error) {
	if _, ok := tdkt.StatLayoutOn(tdkt.StatReportDate(year)); !ok || year > s.Now().Year()+1 {
		return 0, invalid("year", "Mẫu biểu của Thông tư số 02/2023/TT-BNV áp dụng từ năm báo cáo 2023.")
	}
	if orgID == 0 {
		orgID = actor.OrgID
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		o, err := tx.OrgByID(ctx, orgID)
		if err != nil {
			return err
		}
		if err := visible(actor, o.Path, "đơn vị"); err != nil {
			return err
		}
		payload, _ := json.Marshal(statisticsJob{Year: year, OrgID: orgID})
		id, err = s.enqueue(ctx, tx, actor, JobStatistics, orgID, string(payload), int64(len(tdkt.StatFormKeys)))
		return err
	})
	return id, err
}

// runStatistics is the statistics job: one XLSX per form, in a ZIP.
func (s *Service) runStatistics(ctx context.Context, run *JobRun) (string, error) {
	var p statisticsJob
	actor, err := s.jobInput(ctx, run, &p)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	totals := map[string]int64{}
	for i, key := range tdkt.StatFormKeys {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		rep, err := s.Statistics(ctx, actor, key, p.Year, p.OrgID)
		if err != nil {
			return "", err
		}
		f, err := zw.Create(fmt.Sprintf("bieu-%s-%d.xlsx", key, p.Year))
		if err != nil {
			return "", err
		}
		err = sheet.WriteStatForm(f, sheet.StatForm{Table: rep.Table, Basis: rep.Layout.Basis, Reporter: rep.Org.Name,
			Receiver: rep.Layout.Receiver, Year: rep.Year, Notes: rep.Notes(),
			Period: "từ ngày " + vn.FormatDate(rep.From) + " đến ngày " + vn.FormatDate(rep.To)})
		if err != nil {
			return "", err
		}
		for _, r := range rep.Table.Rows {
			if !r.Heading && len(r.Cells) > 0 {
				totals[key] = r.Cells[0] // the first row's first column: Tổng số
				break
			}
		}
		run.Progress(int64(i+1), int64(len(tdkt.StatFormKeys)), fmt.Sprintf("Đã lập biểu %s (%d/%d).", key, i+1, len(tdkt.StatFormKeys)))
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	run.SetFile(fmt.Sprintf("bieu-thong-ke-%d.zip", p.Year), buf.Bytes())
	b, _ := json.Marshal(map[string]any{"year": p.Year, "totals": totals})
	return string(b), nil
}
