package main

import (
	"context"
	"flag"
	"fmt"

	"tdkt/sqldb"
)

// dbFlag adds --db to a command's flags.
func (e *env) dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "cơ sở dữ liệu: sqlite:ĐƯỜNG_DẪN hoặc postgres://… (mặc định TDKT_DB, rồi "+sqldb.DefaultURL+")")
}

// openDB opens and migrates the database named by the flag, TDKT_DB, or the default.
func (e *env) openDB(ctx context.Context, url string) (*sqldb.DB, error) {
	if url == "" {
		url = e.getenv("TDKT_DB")
	}
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (e *env) migrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	db, err := e.openDB(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	e.say("Cơ sở dữ liệu %s đã được cập nhật cấu trúc mới nhất.\n", db.Dialect)
	return nil
}

func (e *env) say(format string, args ...any) {
	fmt.Fprintf(e.stderr, format, args...)
}
