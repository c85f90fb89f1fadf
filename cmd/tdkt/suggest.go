package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"tdkt/core"
	"tdkt/sheet"
)

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
		var line []byte
		emit = func(s *core.Suggestion) error {
			line = append(s.AppendJSON(line[:0]), '\n')
			_, err := bw.Write(line)
			return err
		}
		closer = func() error { return nil }
	case "csv", "xlsx":
		var sw sheet.Writer
		var err error
		if *format == "csv" {
			sw, err = sheet.NewCSV(bw, core.SuggestHeader...)
		} else {
			sw, err = sheet.NewXLSX(bw, fmt.Sprintf("Đề xuất năm %d", q.Year), core.SuggestHeader...)
		}
		if err != nil {
			return err
		}
		emit = func(s *core.Suggestion) error { return sw.Row(s.Cells()...) }
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
	// The list allocates many short-lived values while its live memory stays small
	// (about 60 MB for a million people): collecting less often saves CPU for the work.
	debug.SetGCPercent(400)
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
