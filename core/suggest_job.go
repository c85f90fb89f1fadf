package core

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"tdkt"
	"tdkt/sheet"
	"tdkt/sqldb"
)

// suggestJobResult is what a suggestion job stores: how many lines per award, and
// the list itself as an XLSX file to download.
type suggestJobResult struct {
	Year        int            `json:"year"`
	People      int            `json:"people"`
	Collectives int            `json:"collectives"`
	Lines       int            `json:"lines"`
	ByAward     map[string]int `json:"by_award"`
}

// StartSuggestJob queues the year-end suggestion list of an organisation's subtree
// (the actor's own when q.OrgCode is empty) as a background job.
func (s *Service) StartSuggestJob(ctx context.Context, actor *tdkt.Account, q SuggestQuery) (id int64, err error) {
	if q.Year < 1945 || q.Year > s.Now().Year()+1 {
		return 0, invalid("year", "Hãy nhập năm xét hợp lệ.")
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		orgID := actor.OrgID
		if q.OrgCode != "" {
			o, err := tx.OrgByCode(ctx, q.OrgCode)
			if err != nil {
				return err
			}
			if err := visible(actor, o.Path, "đơn vị "+q.OrgCode); err != nil {
				return err
			}
			orgID = o.ID
		}
		payload, _ := json.Marshal(q)
		id, err = s.enqueue(ctx, tx, actor, JobSuggest, orgID, string(payload), 0)
		return err
	})
	return id, err
}

// runSuggest is the suggestion job: the list as XLSX and its counts.
func (s *Service) runSuggest(ctx context.Context, run *JobRun) (string, error) {
	var q SuggestQuery
	actor, err := s.jobInput(ctx, run, &q)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	w, err := sheet.NewXLSX(&buf, fmt.Sprintf("Đề xuất năm %d", q.Year), SuggestHeader...)
	if err != nil {
		return "", err
	}
	res := suggestJobResult{Year: q.Year, ByAward: map[string]int{}}
	st, err := s.Suggest(ctx, actor, q, func(sg *Suggestion) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		res.ByAward[sg.AwardName]++
		res.Lines++
		if res.Lines%500 == 0 {
			run.Progress(int64(res.Lines), 0, fmt.Sprintf("Đã lập %d dòng đề xuất…", res.Lines))
		}
		return w.Row(sg.Cells()...)
	})
	if err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	res.People, res.Collectives = st.People, st.Collectives
	run.SetFile(fmt.Sprintf("de-xuat-%d.xlsx", q.Year), buf.Bytes())
	run.Progress(int64(res.Lines), int64(res.Lines), fmt.Sprintf("Đã xét %d người, %d tập thể: %d dòng đề xuất.", st.People, st.Collectives, res.Lines))
	b, _ := json.Marshal(res)
	return string(b), nil
}
