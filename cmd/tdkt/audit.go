package main

import (
	"context"
	"flag"
	"fmt"

	"tdkt/core"
)

// audit runs the audit subcommands: verify, checkpoint and pubkey.
func (e *env) audit(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "verify":
			return e.auditVerify(ctx, args[1:])
		case "checkpoint":
			return e.auditCheckpoint(ctx, args[1:])
		case "pubkey":
			return e.auditPubkey(ctx, args[1:])
		}
	}
	fmt.Fprintln(e.stderr, "Cách dùng: tdkt audit verify|checkpoint|pubkey [--db URL] [--audit-key TỆP] [--audit-checkpoints TỆP]")
	return exitError(2)
}

// auditVerify checks the audit trail with the installation's key (core.VerifyAudit)
// and prints how many events, checkpoints and rows it checked; the first problem is
// reported and ends with status 1. It never makes a key nor starts a chain: what it
// checks is what it found.
func (e *env) auditVerify(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	paths := e.auditFlags(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	cfg, _, err := e.auditConfig(*dbURL, paths, false)
	if err != nil {
		fmt.Fprintf(e.stdout, "Không đọc được khóa nhật ký kiểm tra: %v\n", err)
		return exitError(1)
	}
	db, err := e.openDB(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := core.New(db)
	svc.AuditTrail = cfg
	rep, err := svc.VerifyAudit(ctx)
	if err != nil {
		fmt.Fprintf(e.stdout, "Nhật ký kiểm tra bị sai lệch sau %d sự kiện hợp lệ: %v\n", rep.Events, err)
		return exitError(1)
	}
	fmt.Fprintf(e.stdout, "Nhật ký kiểm tra toàn vẹn: %d sự kiện đã được kiểm tra chuỗi băm (%d có khóa), %d điểm kiểm khớp, %d bản ghi khớp với nhật ký.\n",
		rep.Events, rep.Keyed, rep.Checkpoints, rep.Rows)
	return nil
}

// auditCheckpoint writes a checkpoint of the chain's head now (to --out, or the
// checkpoint file), as tdkt serve does every few minutes and when it stops.
func (e *env) auditCheckpoint(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("audit checkpoint", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	paths := e.auditFlags(fs)
	out := fs.String("out", "", "tệp nhận điểm kiểm (mặc định tệp điểm kiểm của --audit-checkpoints)")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	cfg, _, err := e.auditConfig(*dbURL, paths, false)
	if err != nil {
		return err
	}
	if *out != "" {
		cfg.Checkpoints = *out
	}
	db, err := e.openDB(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := core.New(db)
	svc.AuditTrail = cfg
	c, err := svc.WriteCheckpoint(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã ghi điểm kiểm vào %s: %d sự kiện, sự kiện cuối %d, mã băm %s.\n", cfg.Checkpoints, c.Events, c.LastEventID, c.Head)
	return nil
}

// auditPubkey prints the public key that verifies the installation's checkpoints.
func (e *env) auditPubkey(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("audit pubkey", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbURL := e.dbFlag(fs)
	paths := e.auditFlags(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	cfg, _, err := e.auditConfig(*dbURL, paths, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ed25519:%s\ninstallation:%s\n", core.AuditPublicKey(cfg.Key), core.InstallationID(cfg.Key))
	return nil
}
