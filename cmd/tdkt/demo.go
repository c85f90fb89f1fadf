package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"time"

	"tdkt"
	"tdkt/demo"
	"tdkt/sqldb"
)

func demoDefaults() demo.Options { return demo.Options{People: 2000, Years: 10, Seed: 1} }

func (e *env) demo(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	opt := demoDefaults()
	fs.IntVar(&opt.People, "people", opt.People, "số người")
	fs.IntVar(&opt.Years, "years", opt.Years, "số năm hồ sơ")
	fs.Int64Var(&opt.Seed, "seed", opt.Seed, "hạt giống ngẫu nhiên: cùng hạt giống cho cùng dữ liệu")
	fs.BoolVar(&opt.National, "national", false, "toàn quốc: Chủ tịch nước, Chính phủ, các bộ và nhiều tỉnh, hồ sơ khen thưởng cấp Nhà nước ở mọi bước")
	paths := e.auditFlags(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	svc, closeDB, err := e.openService(ctx, *dbURL, paths)
	if err != nil {
		return err
	}
	defer closeDB()
	opt.Audit = svc.AuditTrail
	defer e.checkpointNow(ctx, svc)
	if err := e.fillDemo(ctx, svc.DB, opt); err != nil {
		return err
	}
	return e.demoSigning(ctx, svc, *dbURL, paths)
}

// fillDemo writes the demo data set with the admin password from TDKT_ADMIN_PASSWORD,
// or a generated one printed once on standard error.
func (e *env) fillDemo(ctx context.Context, db *sqldb.DB, opt demo.Options) error {
	opt.AdminPassword = e.getenv("TDKT_ADMIN_PASSWORD")
	generated := opt.AdminPassword == ""
	if generated {
		b := make([]byte, 12)
		rand.Read(b)
		opt.AdminPassword = base64.RawURLEncoding.EncodeToString(b)
	}
	opt.Progress = e.stderr
	opt.Now = time.Now()
	sum, err := demo.Generate(ctx, db, opt)
	if err != nil {
		return err
	}
	e.say("Dữ liệu mẫu: %d người, %d đơn vị, %d xếp loại, %d danh hiệu và hình thức khen thưởng (%.1f giây).\n",
		sum.Counts["people"], sum.Counts["orgs"], sum.Counts["ratings"], sum.Counts["honours"], sum.Elapsed.Seconds())
	e.say("Tài khoản:\n")
	w := 10 // the national data set's logins are longer: the columns widen for them
	for _, a := range sum.Accounts {
		w = max(w, len(a.Login))
	}
	for _, a := range sum.Accounts {
		e.say("  %-*s %-22s %s\n", w, a.Login, tdkt.Label(string(a.Role)), a.OrgName)
	}
	if generated {
		e.say("Mật khẩu của tài khoản admin và các tài khoản mẫu (chỉ in một lần): %s\n", opt.AdminPassword)
	} else {
		e.say("Mật khẩu của admin và các tài khoản mẫu lấy từ TDKT_ADMIN_PASSWORD.\n")
	}
	// Administrators and leaders must pass a second factor: their secrets are printed
	// once, for an authenticator application (the otpauth:// address is what the QR
	// code holds) or for `oathtool --totp -b SECRET`, which prints the current code.
	e.say("Xác thực hai bước (chỉ in một lần; nhập khóa vào ứng dụng xác thực, hoặc lấy mã bằng: oathtool --totp -b KHÓA):\n")
	for _, a := range sum.Accounts {
		if a.TOTPSecret != "" {
			e.say("  %-*s khóa %s\n%*s%s\n", w, a.Login, a.TOTPSecret, w+3, "", a.TOTPURI)
		}
	}
	return nil
}
