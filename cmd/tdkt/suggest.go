package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"tdkt/core"
	"tdkt/sheet"
)

// suggestHeader is the header of the CSV and XLSX forms of the list.
var suggestHeader = []string{"Đối tượng", "Mã", "Họ và tên / Tên tập thể", "Mã đơn vị", "Đơn vị", "Năm xét",
	"Danh hiệu, hình thức", "Mã khen thưởng", "Kết quả", "Bộ quy tắc", "Căn cứ và lý do"}

func (e *env) suggest(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("suggest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	var q core.SuggestQuery
	fs.IntVar(&q.Year, "year", 0, "năm xét (bắt buộc)")
	fs.StringVar(&q.OrgCode, "org", "", "mã đơn vị: chỉ xét cây đơn vị này (mặc định toàn bộ)")
	fs.StringVar(&q.Award, "award", "", "mã danh hiệu/hình thức: chỉ xét khen thưởng này")
	fs.StringVar(&q.AsOf, "as-of", "", "ngày đề nghị YYYY-MM-DD, chọn bộ quy tắc (mặc định hôm nay)")
	fs.BoolVar(&q.Deferred, "deferred", false, "liệt kê cả người đủ tiêu chuẩn nhưng đang bị xem xét (tạm hoãn)")
	format := fs.String("format", "jsonl", "jsonl, csv hoặc xlsx")
	out := fs.String("out", "", "tệp kết quả (mặc định đầu ra chuẩn)")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if q.Year == 0 {
		fmt.Fprintln(e.stderr, "tdkt suggest: cần --year")
		return exitError(2)
	}
	var w io.Writer = e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	defer bw.Flush()
	var emit func(*core.Suggestion) error
	var closer func() error
	switch *format {
	case "jsonl":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		emit = func(s *core.Suggestion) error { return enc.Encode(s) }
		closer = func() error { return nil }
	case "csv", "xlsx":
		var sw sheet.Writer
		var err error
		if *format == "csv" {
			sw, err = sheet.NewCSV(bw, suggestHeader...)
		} else {
			sw, err = sheet.NewXLSX(bw, fmt.Sprintf("Đề xuất năm %d", q.Year), suggestHeader...)
		}
		if err != nil {
			return err
		}
		emit = func(s *core.Suggestion) error { return sw.Row(suggestCells(s)...) }
		closer = sw.Close
	default:
		fmt.Fprintf(e.stderr, "tdkt suggest: --format phải là jsonl, csv hoặc xlsx (không phải %q)\n", *format)
		return exitError(2)
	}
	db, err := e.openDB(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	st, err := core.New(db).Suggest(ctx, nil, q, emit)
	if err != nil {
		return err
	}
	if err := closer(); err != nil {
		return err
	}
	e.say("Đã xét %d người và %d tập thể (ngày đề nghị %s): %d dòng đề xuất, trong %.1f giây.\n",
		st.People, st.Collectives, st.AsOf, st.Lines, time.Since(start).Seconds())
	return nil
}

// suggestCells is a line of the list as spreadsheet cells; the reasons become one
// readable paragraph with their legal bases.
func suggestCells(s *core.Suggestion) []any {
	var why []string
	for _, r := range s.Reasons {
		mark := "✓"
		if !r.Met {
			mark = "✗"
		}
		why = append(why, mark+" "+r.Message+" ("+r.Basis+")")
	}
	return []any{map[string]string{"ca_nhan": "Cá nhân", "tap_the": "Tập thể", "ho_gia_dinh": "Hộ gia đình"}[string(s.SubjectKind)],
		s.SubjectID, s.Name, s.OrgCode, s.Org, s.Year, s.AwardName, s.Award,
		map[string]string{"eligible": "Đủ điều kiện", "deferred": "Tạm hoãn (đang xem xét)"}[s.Status], s.RuleSet, strings.Join(why, "\n")}
}
