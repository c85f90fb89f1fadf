package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"

	"tdkt"
	"tdkt/core"
)

func (e *env) userAdd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	login := fs.String("login", "", "tên đăng nhập")
	name := fs.String("name", "", "họ và tên")
	role := fs.String("role", "", "vai trò: quan_tri, can_bo_thi_dua, lanh_dao, thanh_vien_hoi_dong, xem")
	org := fs.String("org", "", "mã đơn vị")
	inst := fs.Bool("installation-admin", false, "quản trị hệ thống: giữ các thiết lập chung của cả hệ thống (lịch nghỉ, quy định chưa đối chiếu, liên kết cổng)")
	paths := e.auditFlags(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	pw := e.getenv("TDKT_PASSWORD")
	if pw == "" {
		fmt.Fprint(e.stderr, "Mật khẩu: ")
		line, _ := bufio.NewReader(e.stdin).ReadString('\n')
		pw = strings.TrimRight(line, "\r\n")
	}
	svc, closeDB, err := e.openService(ctx, *dbURL, paths)
	if err != nil {
		return err
	}
	defer closeDB()
	defer e.checkpointNow(ctx, svc)
	a, err := svc.CreateAccount(ctx, nil, core.NewAccount{Login: *login, Name: *name, Password: pw, Role: tdkt.Role(*role), OrgCode: *org, InstallationAdmin: *inst})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã tạo tài khoản %s (%s) tại %s.\n", a.Login, tdkt.Label(string(a.Role)), a.OrgName)
	return nil
}

func (e *env) tokenCreate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	login := fs.String("login", "", "tên đăng nhập của tài khoản")
	name := fs.String("name", "", "tên gợi nhớ của mã (mặc định: dòng lệnh)")
	days := fs.Int("expires", core.DefaultTokenDays, "hết hạn sau bao nhiêu ngày (1–365)")
	paths := e.auditFlags(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	svc, closeDB, err := e.openService(ctx, *dbURL, paths)
	if err != nil {
		return err
	}
	defer closeDB()
	defer e.checkpointNow(ctx, svc)
	k, err := svc.CreateTokenFor(ctx, *login, *name, *days)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, k.Token)
	fmt.Fprintf(e.stderr, "Mã “%s” hết hạn lúc %s (UTC).\n", k.Name, k.ExpiresAt)
	return nil
}
