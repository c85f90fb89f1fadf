package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"tdkt/core"
	"tdkt/sqldb"
)

// restore replaces the database with a copy made by tdkt backup, after checking the
// copy (integrity, schema version, audit chain) without touching the target. The
// server must be stopped; see sqldb.RestoreSQLite and sqldb.RestorePostgres.
func (e *env) restore(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	from := fs.String("from", "", "tệp bản sao do tdkt backup tạo (bắt buộc)")
	force := fs.Bool("force", false, "thay thế cơ sở dữ liệu đích đã có dữ liệu")
	dbURL := e.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if *from == "" {
		e.say("Cần --from TỆP: bản sao cần khôi phục.\n")
		return exitError(2)
	}
	url := *dbURL
	if url == "" {
		url = e.getenv("TDKT_DB")
	}
	if url == "" {
		url = sqldb.DefaultURL
	}
	var checked int
	opt := sqldb.RestoreOptions{Force: *force, Check: func(ctx context.Context, c *sqldb.DB) (err error) {
		checked, err = core.New(c).VerifyAudit(ctx)
		if err != nil {
			return fmt.Errorf("nhật ký kiểm tra của bản sao bị sai lệch: %w", err)
		}
		return nil
	}}
	var err error
	switch path := sqldb.SQLitePath(url); {
	case path != "":
		err = sqldb.RestoreSQLite(ctx, *from, path, opt)
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		err = sqldb.RestorePostgres(ctx, *from, url, opt)
	default:
		return fmt.Errorf("unknown database URL %q: use sqlite:PATH or postgres://…", url)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "Không khôi phục; cơ sở dữ liệu đích giữ nguyên. %v\n", err)
		return exitError(1)
	}
	fmt.Fprintf(e.stdout, "Đã khôi phục %s từ %s (%d sự kiện nhật ký đã kiểm tra chuỗi băm).\n", url, *from, checked)
	return nil
}
