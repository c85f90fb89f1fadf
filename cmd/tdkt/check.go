package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"tdkt/core"
	"tdkt/rules"
)

// check runs the rules engine on case files or standard input (docs/check.md):
// each input holds one case or an array of cases; the output is one array in input
// order. Exit 0 when every case was answered, 1 when a case was invalid, 2 when an
// input is not JSON.
//
// Without --db it uses the built-in rules and notices, so that it runs anywhere with
// no database. Only an explicit --db URL (TDKT_DB is not read here) makes it answer
// with that installation's configured calendar days and settings, as
// POST /api/v1/check does.
func (e *env) check(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := fs.String("db", "", "dùng lịch nghỉ và thiết lập quy tắc đã cấu hình trong cơ sở dữ liệu này (sqlite:ĐƯỜNG_DẪN hoặc postgres://…); bỏ trống: quy tắc có sẵn")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	files := fs.Args()
	eng := rules.Default
	if *dbURL != "" {
		db, err := e.openDB(ctx, *dbURL)
		if err != nil {
			return err
		}
		defer db.Close()
		if eng, err = core.New(db).Engine(ctx); err != nil {
			return err
		}
	}
	var inputs [][]byte
	if len(files) == 0 {
		b, err := io.ReadAll(e.stdin)
		if err != nil {
			return err
		}
		inputs = append(inputs, b)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(e.stderr, "tdkt check:", err)
			return exitError(2)
		}
		inputs = append(inputs, b)
	}
	var cases []json.RawMessage
	for i, b := range inputs {
		b = bytes.TrimSpace(b)
		if len(b) > 0 && b[0] == '[' {
			var arr []json.RawMessage
			if err := json.Unmarshal(b, &arr); err == nil {
				cases = append(cases, arr...)
				continue
			}
		} else if json.Valid(b) {
			cases = append(cases, json.RawMessage(b))
			continue
		}
		name := "đầu vào chuẩn"
		if len(files) > 0 {
			name = files[i]
		}
		fmt.Fprintf(e.stderr, "tdkt check: %s không phải JSON hợp lệ\n", name)
		return exitError(2)
	}
	all, _ := json.Marshal(cases)
	out, status := eng.RunCheck(all)
	e.stdout.Write(out)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		e.stdout.Write([]byte("\n"))
	}
	if status != 0 {
		return exitError(status)
	}
	return nil
}
