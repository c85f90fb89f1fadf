package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/exchange"
)

// tdkt peer key|add|list and tdkt exchange export|import|deliver: the installation's
// identity, the installations it exchanges dossiers with, and the offline path that
// carries the same signed package on a disk (docs/exchange.md).

func (e *env) peer(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return e.unknown("peer")
	}
	fs := flag.NewFlagSet("peer "+args[0], flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	paths := e.auditFlags(fs)
	name := fs.String("name", "", "tên hệ thống liên thông")
	url := fs.String("url", "", "địa chỉ gốc của hệ thống đó, ví dụ https://thiduakhenthuong.example.gov.vn")
	key := fs.String("key", "", "khóa công khai do lệnh tdkt peer key của hệ thống đó in ra (ed25519:…)")
	orgs := fs.String("orgs", "", "mã các đơn vị do hệ thống đó quản lý, cách nhau bởi dấu phẩy")
	upstream := fs.Bool("upstream", false, "hệ thống cấp trên: nhận hồ sơ trình vượt cấp cao nhất của hệ thống này")
	if err := fs.Parse(args[1:]); err != nil {
		return exitError(2)
	}
	svc, closeDB, err := e.openService(ctx, *dbURL, paths)
	if err != nil {
		return err
	}
	defer closeDB()
	switch args[0] {
	case "key":
		fmt.Fprintln(e.stdout, svc.PublicKey())
		return nil
	case "add":
		var codes []string
		for _, c := range strings.Split(*orgs, ",") {
			if c = strings.TrimSpace(c); c != "" {
				codes = append(codes, c)
			}
		}
		p, err := svc.AddPeer(ctx, nil, core.PeerInput{Name: *name, URL: *url, PublicKey: *key, OrgCodes: codes, Upstream: *upstream})
		if err != nil {
			return err
		}
		e.checkpointNow(ctx, svc)
		e.say("Đã đăng ký hệ thống %s (%s), vân tay khóa %s.\n", p.Name, p.URL, p.Fingerprint)
		return nil
	case "list":
		ps, err := svc.Peers(ctx, &tdkt.Account{Login: "dong-lenh", InstallationAdmin: true})
		if err != nil {
			return err
		}
		for _, p := range ps {
			up := ""
			if p.Upstream {
				up = " (cấp trên)"
			}
			fmt.Fprintf(e.stdout, "%d\t%s%s\t%s\t%s\t%s\n", p.ID, p.Name, up, p.URL, p.Fingerprint, strings.Join(p.OrgCodes, ","))
		}
		return nil
	}
	return e.unknown("peer " + args[0])
}

func (e *env) exchangeCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return e.unknown("exchange")
	}
	fs := flag.NewFlagSet("exchange "+args[0], flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	paths := e.auditFlags(fs)
	dossier := fs.Int64("dossier", 0, "mã hồ sơ (export)")
	out := fs.String("out", "", "tệp .zip để ghi gói (export)")
	if err := fs.Parse(args[1:]); err != nil {
		return exitError(2)
	}
	svc, closeDB, err := e.openService(ctx, *dbURL, paths)
	if err != nil {
		return err
	}
	defer closeDB()
	switch args[0] {
	case "export":
		if *dossier <= 0 || *out == "" {
			return errors.New("cần --dossier ID và --out TỆP.zip")
		}
		_, pkg, err := svc.DossierPackage(ctx, nil, *dossier)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, pkg, 0o600); err != nil {
			return err
		}
		e.say("Đã ghi gói liên thông của hồ sơ %d vào %s (%d byte).\n", *dossier, *out, len(pkg))
		return nil
	case "import":
		if fs.NArg() != 1 {
			return errors.New("cần đúng một tệp .zip")
		}
		pkg, err := os.ReadFile(fs.Arg(0))
		if err != nil {
			return err
		}
		rc, err := svc.ReceivePackage(ctx, nil, pkg, core.ViaFile)
		var ref *exchange.Refusal
		if errors.As(err, &ref) {
			return fmt.Errorf("gói bị từ chối (%s): %s", ref.Code, ref.Message)
		}
		if err != nil {
			return err
		}
		e.checkpointNow(ctx, svc)
		b, _ := json.Marshal(rc)
		fmt.Fprintln(e.stdout, string(b))
		return nil
	case "deliver":
		n, err := svc.DeliverOutbox(ctx)
		if err != nil {
			return err
		}
		e.say("Đã giao %s gói tin.\n", strconv.Itoa(n))
		return nil
	}
	return e.unknown("exchange " + args[0])
}

func (e *env) unknown(cmd string) error {
	fmt.Fprintf(e.stderr, "lệnh không rõ: %q\n\n%s", cmd, usage)
	return exitError(2)
}
