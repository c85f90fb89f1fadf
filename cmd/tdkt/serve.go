package main

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"tdkt/core"
	"tdkt/server"
	"tdkt/sqldb"
)

func (e *env) serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "địa chỉ lắng nghe HOST:PORT")
	dbURL := e.dbFlag(fs)
	withDemo := fs.Bool("demo", false, "nạp dữ liệu mẫu và tài khoản admin khi cơ sở dữ liệu còn trống")
	replica := fs.String("replica", e.getenv("TDKT_DB_REPLICA"), "PostgreSQL dự phòng chỉ đọc cho danh sách cuối năm, thống kê, bảng vàng (mặc định TDKT_DB_REPLICA)")
	proxies := fs.String("trusted-proxies", e.getenv("TDKT_TRUSTED_PROXIES"), "địa chỉ/mạng của proxy ngược được tin X-Forwarded-For, cách nhau bởi dấu phẩy (mặc định TDKT_TRUSTED_PROXIES)")
	origins := fs.String("trusted-origins", e.getenv("TDKT_TRUSTED_ORIGINS"), "các origin khác được phép gửi biểu mẫu, cách nhau bởi dấu phẩy (mặc định TDKT_TRUSTED_ORIGINS)")
	tlsCert := fs.String("tls-cert", e.getenv("TDKT_TLS_CERT"), "tệp chứng chỉ TLS (PEM) để phục vụ HTTPS, đi cùng --tls-key (mặc định TDKT_TLS_CERT)")
	tlsKey := fs.String("tls-key", e.getenv("TDKT_TLS_KEY"), "tệp khóa riêng TLS (PEM) (mặc định TDKT_TLS_KEY)")
	publicURL := fs.String("public-url", e.getenv("TDKT_PUBLIC_URL"), "địa chỉ công khai của trang, ví dụ https://thiduakhenthuong.example.gov.vn: gốc của mọi liên kết tuyệt đối (mặc định TDKT_PUBLIC_URL)")
	paths := e.auditFlags(fs)
	every := fs.Duration("audit-checkpoint-every", 10*time.Minute, "khoảng thời gian giữa hai điểm kiểm của nhật ký kiểm tra (và một điểm kiểm khi dừng)")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	cfg := server.Config{}
	var err error
	if cfg.PublicURL, err = server.ParsePublicURL(*publicURL); err != nil {
		return fmt.Errorf("--public-url: %w", err)
	}
	var tlsConfig *tls.Config
	if (*tlsCert == "") != (*tlsKey == "") {
		return errors.New("--tls-cert và --tls-key phải đi cùng nhau")
	}
	if *tlsCert != "" {
		if tlsConfig, err = server.TLSConfig(*tlsCert, *tlsKey); err != nil {
			return fmt.Errorf("TLS: %w", err)
		}
	}
	if cfg.TrustedProxies, err = server.ParsePrefixes(*proxies); err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	for _, o := range strings.Split(*origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.TrustedOrigins = append(cfg.TrustedOrigins, o)
		}
	}
	db, err := e.openDB(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	// A restore refuses to replace a SQLite file that a server holds.
	release, err := db.HoldServing()
	if err != nil {
		return err
	}
	defer release()
	if *replica != "" {
		if err := db.UseReplica(ctx, *replica); err != nil {
			return err
		}
	}
	svc, err := e.service(ctx, db, *dbURL, paths)
	if err != nil {
		return err
	}
	// A training installation or a demo may work at a later date than the machine's
	// (scripts/national-demo.sh lets public comment windows close this way). Every step
	// is stamped at that date; a production server never sets it.
	if off := e.getenv("TDKT_CLOCK_OFFSET"); off != "" {
		d, err := time.ParseDuration(off)
		if err != nil {
			return fmt.Errorf("TDKT_CLOCK_OFFSET: %w", err)
		}
		svc.Now = func() time.Time { return time.Now().Add(d) }
		log.Warn("the server works at a moved date (TDKT_CLOCK_OFFSET): for training and demos only", "offset", d, "today", svc.Now().Format(time.DateOnly))
	}
	if *withDemo {
		var n int64
		if err := db.View(ctx, func(tx *sqldb.Tx) (err error) { n, err = tx.CountOrgs(ctx); return err }); err != nil {
			return err
		}
		if n == 0 {
			opt := demoDefaults()
			opt.Audit = svc.AuditTrail
			if err := e.fillDemo(ctx, db, opt); err != nil {
				return err
			}
			if err := e.demoSigning(ctx, svc, *dbURL, paths); err != nil {
				return err
			}
		} else {
			e.say("Cơ sở dữ liệu đã có dữ liệu; bỏ qua việc nạp dữ liệu mẫu.\n")
		}
	}
	stopCheckpoints := e.checkpointEvery(svc, *every, log)
	defer stopCheckpoints()
	// The background jobs (imports, year-end lists) run in every serving process;
	// leases keep two processes on one PostgreSQL from running a job twice.
	workCtx, stopWork := context.WithCancel(context.Background())
	worker := svc.NewWorker(core.WorkerConfig{Log: log})
	workDone := make(chan struct{})
	go func() { defer close(workDone); worker.Run(workCtx) }()
	schedDone := make(chan struct{})
	go func() { defer close(schedDone); scheduleBackups(workCtx, svc, log) }()
	// The exchange outbox: packages committed with their steps go to their peers, and
	// those a crash left behind go after the restart.
	exEvery, err := time.ParseDuration(cmp.Or(e.getenv("TDKT_EXCHANGE_EVERY"), "10s"))
	if err != nil || exEvery <= 0 {
		exEvery = 10 * time.Second
		log.Warn("TDKT_EXCHANGE_EVERY is not a positive duration; 10s is used", "value", e.getenv("TDKT_EXCHANGE_EVERY"))
	}
	exDone := make(chan struct{})
	go func() { defer close(exDone); svc.RunOutbox(workCtx, exEvery) }()
	// Notifications: the outbox of e-mails and webhook calls written with their events,
	// and the deadline reminders, which RunNotifications makes at start and on each new
	// day (the pass is idempotent, so every serving process may run it). Leases keep
	// two processes from sending one notification twice (docs/notifications.md).
	if cfg.PublicURL != "" {
		svc.Notify.BaseURL = cfg.PublicURL
	}
	if svc.Notify.BaseURL == "" && (svc.Notify.Email != nil || svc.Notify.Webhook != nil) {
		log.Warn("notifications are sent without --public-url (TDKT_PUBLIC_URL): their links cannot be opened")
	}
	svc.Notify.Log = log
	notifyDone := make(chan struct{})
	go func() { defer close(notifyDone); svc.RunNotifications(workCtx, e.notifyEvery(log), worker.Owner()) }()
	defer func() { stopWork(); <-workDone; <-schedDone; <-exDone; <-notifyDone }()
	srv := &http.Server{
		Addr:              *addr,
		Handler:           server.Handler(svc, cfg),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      5 * time.Minute, // exports of a whole province take a while
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		TLSConfig:         tlsConfig,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	scheme := "http"
	if tlsConfig != nil {
		scheme = "https"
	}
	e.say("tdkt đang chạy tại %s://%s/ (cơ sở dữ liệu %s). Nhấn Ctrl+C để dừng.\n", scheme, ln.Addr(), db.Dialect)
	if cfg.PublicURL == "" && len(cfg.TrustedProxies) > 0 {
		e.say("Chưa đặt --public-url: liên kết trong RSS, sơ đồ trang và mã QR lấy theo tên miền của từng yêu cầu.\n")
	}
	done := make(chan error, 1)
	go func() {
		if tlsConfig != nil {
			done <- srv.ServeTLS(ln, "", "") // the certificate is in TLSConfig
			return
		}
		done <- srv.Serve(ln)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// In-flight requests finish; every change they made was committed before they answered.
	e.say("Đang dừng: chờ các yêu cầu đang xử lý hoàn tất…\n")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	e.say("Đã dừng.\n")
	return nil
}
