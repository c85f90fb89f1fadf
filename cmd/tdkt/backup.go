package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"tdkt/sqldb"
)

// backup takes a consistent copy of the database while a server may be writing to it
// (sqldb.Backup: VACUUM INTO on SQLite, pg_dump on PostgreSQL) and prints its size
// and how long it took.
func (e *env) backup(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("out", "", "tệp bản sao sẽ ghi (bắt buộc)")
	dbURL := e.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if *out == "" {
		e.say("Cần --out TỆP: nơi ghi bản sao.\n")
		return exitError(2)
	}
	db, err := e.openDB(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	size, err := db.Backup(ctx, *out)
	if errors.Is(err, sqldb.ErrNoPgDump) {
		return fmt.Errorf("%w.\nLệnh sao lưu tương đương: pg_dump --format=custom --file=%s --dbname=URL_CỦA_CƠ_SỞ_DỮ_LIỆU", err, *out)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã sao lưu %s vào %s: %s trong %.1f giây.\n", db.Dialect, *out, humanSize(size), time.Since(start).Seconds())
	return nil
}

// humanSize writes a byte count the way people read it ("12,3 MB").
func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d byte", n)
}
