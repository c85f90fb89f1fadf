package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

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
	paths := e.auditFlags(fs)
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
	// The copy's trail is checked with the installation's key, but not against the
	// checkpoint log: a copy is older than the newest checkpoints by nature. The key
	// is read when the copy has passed its other checks.
	var cfg core.AuditConfig
	var checked int
	opt := sqldb.RestoreOptions{Force: *force, Check: func(ctx context.Context, c *sqldb.DB) (err error) {
		if cfg, _, err = e.auditConfig(url, paths, false); err != nil {
			return fmt.Errorf("cần khóa nhật ký kiểm tra của hệ thống để kiểm tra bản sao: chỉ tệp khóa bằng --audit-key "+
				"(khóa được sao lưu riêng, xem docs/audit.md): %w", err)
		}
		svc := core.New(c)
		svc.AuditTrail = core.AuditConfig{Key: cfg.Key, Name: cfg.Name}
		rep, err := svc.VerifyAudit(ctx)
		checked = rep.Events
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
	// The checkpoints written after the copy was taken name events the restored
	// trail no longer has: the log is kept aside, and the next start writes anew.
	if _, serr := os.Stat(cfg.Checkpoints); serr == nil {
		aside := cfg.Checkpoints + ".truoc-khoi-phuc-" + time.Now().UTC().Format("20060102T150405Z")
		if rerr := os.Rename(cfg.Checkpoints, aside); rerr != nil {
			return fmt.Errorf("giữ lại nhật ký điểm kiểm cũ: %w", rerr)
		}
		fmt.Fprintf(e.stdout, "Các điểm kiểm cũ được giữ lại ở %s (chúng ghi cả những sự kiện sau thời điểm sao lưu).\n", aside)
	}
	return nil
}
