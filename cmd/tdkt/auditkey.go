package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"tdkt/core"
	"tdkt/exchange"
	"tdkt/sqldb"
)

// auditPaths are the files outside the database that protect the audit trail.
type auditPaths struct{ key, checkpoints *string }

// auditFlags adds --audit-key and --audit-checkpoints to a command's flags.
func (e *env) auditFlags(fs *flag.FlagSet) auditPaths {
	return auditPaths{
		key: fs.String("audit-key", e.getenv("TDKT_AUDIT_KEY_FILE"),
			"tệp khóa nhật ký kiểm tra, giữ ngoài cơ sở dữ liệu (mặc định TDKT_AUDIT_KEY_FILE, rồi audit.key cạnh tệp SQLite hoặc ./tdkt-data/audit.key)"),
		checkpoints: fs.String("audit-checkpoints", e.getenv("TDKT_AUDIT_CHECKPOINTS_FILE"),
			"tệp ghi các điểm kiểm (checkpoint) đã ký, ngoài cơ sở dữ liệu (mặc định TDKT_AUDIT_CHECKPOINTS_FILE, rồi audit-checkpoints.jsonl cạnh khóa)"),
	}
}

// auditDir is the default folder of the audit files: the SQLite file's folder, or
// ./tdkt-data for PostgreSQL.
func (e *env) auditDir(dbURL string) string {
	if dbURL == "" {
		dbURL = e.getenv("TDKT_DB")
	}
	if dbURL == "" {
		dbURL = sqldb.DefaultURL
	}
	if path, ok := strings.CutPrefix(dbURL, "sqlite:"); ok {
		path, _, _ = strings.Cut(strings.TrimPrefix(path, "//"), "?")
		return filepath.Dir(path)
	}
	return "tdkt-data"
}

// auditConfig reads (with create, makes on first start) the audit key and names the
// checkpoint file.
func (e *env) auditConfig(dbURL string, p auditPaths, create bool) (core.AuditConfig, bool, error) {
	keyPath, cpPath := *p.key, *p.checkpoints
	if keyPath == "" {
		keyPath = filepath.Join(e.auditDir(dbURL), "audit.key")
	}
	if cpPath == "" {
		cpPath = filepath.Join(filepath.Dir(keyPath), "audit-checkpoints.jsonl")
	}
	key, created, err := core.LoadAuditKey(keyPath, create)
	if err != nil {
		return core.AuditConfig{}, false, err
	}
	if created {
		e.say("Đã tạo khóa nhật ký kiểm tra %s: hãy sao lưu tệp này ở nơi khác cơ sở dữ liệu (xem docs/audit.md).\n", keyPath)
	}
	name := e.getenv("TDKT_INSTALLATION_NAME")
	if name == "" {
		name = "tdkt"
	}
	return core.AuditConfig{Key: key, Checkpoints: cpPath, Name: name}, created, nil
}

// service is a Service on db whose changes extend the installation's keyed audit
// chain: it makes the key on first start and starts the keyed chain on a database
// that has none (core.StartAuditChain).
func (e *env) service(ctx context.Context, db *sqldb.DB, dbURL string, p auditPaths) (*core.Service, error) {
	cfg, _, err := e.auditConfig(dbURL, p, true)
	if err != nil {
		return nil, err
	}
	svc := core.New(db)
	svc.AuditTrail = cfg
	if _, err := svc.StartAuditChain(ctx); err != nil {
		return nil, err
	}
	// The installation's exchange key (docs/exchange.md), made on first start beside
	// the audit key unless TDKT_EXCHANGE_KEY_FILE names it.
	keyPath := e.getenv("TDKT_EXCHANGE_KEY_FILE")
	if keyPath == "" {
		dir := e.auditDir(dbURL)
		if *p.key != "" {
			dir = filepath.Dir(*p.key)
		}
		keyPath = filepath.Join(dir, "exchange.key")
	}
	key, err := exchange.LoadOrCreateKey(keyPath)
	if err != nil {
		return nil, fmt.Errorf("khóa liên thông %s: %w", keyPath, err)
	}
	svc.Exchange = core.ExchangeConfig{Key: key, Client: &http.Client{Timeout: time.Minute}}
	if svc.Signing, err = e.signingConfig(dbURL, p); err != nil {
		return nil, err
	}
	if svc.Notify, err = e.notifyConfig(); err != nil {
		return nil, fmt.Errorf("thông báo: %w", err)
	}
	return svc, nil
}

// openService opens and migrates the database and returns the Service on it (see
// service); close closes the database.
func (e *env) openService(ctx context.Context, dbURL string, p auditPaths) (svc *core.Service, close func(), err error) {
	db, err := e.openDB(ctx, dbURL)
	if err != nil {
		return nil, nil, err
	}
	if svc, err = e.service(ctx, db, dbURL, p); err != nil {
		db.Close()
		return nil, nil, err
	}
	return svc, func() { db.Close() }, nil
}

// checkpointNow writes a checkpoint after a command that changed the records; a
// failure is reported, not fatal: the changes are committed and the next checkpoint
// covers them.
func (e *env) checkpointNow(ctx context.Context, svc *core.Service) {
	if _, err := svc.WriteCheckpoint(ctx); err != nil {
		e.say("Không ghi được điểm kiểm của nhật ký kiểm tra: %v\n", err)
	}
}

// checkpointEvery writes a checkpoint every period while the head moves, and one
// more when stopped (a clean shutdown); stop waits for it.
func (e *env) checkpointEvery(svc *core.Service, period time.Duration, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var last int64 = -1
	write := func() {
		c, err := svc.WriteCheckpointIfMoved(context.Background(), last)
		if err != nil {
			log.Error("audit checkpoint", "err", err)
			return
		}
		last = c.LastEventID
	}
	go func() {
		defer close(done)
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				write()
				return
			case <-t.C:
				write()
			}
		}
	}()
	return func() { cancel(); <-done }
}
