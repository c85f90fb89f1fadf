// Command tdkt runs the emulation and reward system: the web application, the demo
// data, migrations, accounts and tokens, and the rules engine on the command line.
// The commands, flags and paths are the stable surface listed in README.md ("Commands"):
// add to them, never rename or remove.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// TDKT_CPUPROFILE=FILE writes a CPU profile of the whole command (go tool pprof
	// FILE), for the commands that run outside the server's /app/debug/pprof/.
	if path := os.Getenv("TDKT_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
			defer f.Close()
			defer pprof.StopCPUProfile()
		}
	}
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	pprof.StopCPUProfile() // os.Exit below skips the deferred calls
	var ex exitError
	switch {
	case errors.As(err, &ex):
		os.Exit(int(ex))
	case err != nil:
		fmt.Fprintln(os.Stderr, "tdkt:", err)
		os.Exit(1)
	}
}

// exitError ends the program with a status and no further message (the command has
// already written what it had to say).
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

const usage = `tdkt — quản lý thi đua, khen thưởng

Cách dùng:
  tdkt serve [--addr HOST:PORT] [--db URL] [--demo] [--replica URL]
             [--trusted-proxies LIST] [--trusted-origins LIST]
             [--tls-cert FILE --tls-key FILE] [--public-url URL]
  tdkt demo [--db URL] [--people N] [--years N] [--seed S] [--national]
  tdkt migrate [--db URL]
  tdkt backup --out FILE [--db URL]
  tdkt restore --from FILE [--db URL] [--force]
  tdkt audit verify [--db URL] [--audit-key FILE] [--audit-checkpoints FILE]
  tdkt audit checkpoint [--db URL] [--audit-key FILE] [--out FILE]
  tdkt audit pubkey [--audit-key FILE]
  tdkt user add --login L --name N --role R --org ORG [--installation-admin] [--db URL]
  tdkt token create --login L [--name N] [--expires DAYS] [--db URL]
  tdkt check [--db URL] [FILE …]
  tdkt suggest --year Y [--org CODE] [--award CODE] [--db URL] [--format jsonl|csv|xlsx] [--out FILE]
  tdkt import --kind staff|ratings|initiatives|honours --as LOGIN [--org CODE] [--db URL]
              [--duplicates merge|new] [--close merge|new|skip] FILE
  tdkt peer key [--db URL]
  tdkt peer add --name N --url URL --key ed25519:… --orgs CODE,CODE [--upstream] [--db URL]
  tdkt peer list [--db URL]
  tdkt exchange export --dossier ID --out FILE.zip [--db URL]
  tdkt exchange import [--db URL] FILE.zip
  tdkt exchange deliver [--db URL]
  tdkt verify [--db URL] [--roots FILE.pem] FILE.pdf …
  tdkt notify deliver|deadlines [--db URL]

--db nhận sqlite:ĐƯỜNG_DẪN hoặc postgres://…; mặc định lấy TDKT_DB, rồi sqlite:./tdkt-data/tdkt.db.
SQLite ghi bền vững (synchronous=FULL) theo mặc định; sqlite:ĐƯỜNG_DẪN?_sync=normal ghi nhanh hơn
nhưng có thể mất các thay đổi cuối cùng khi mất điện.
Các lệnh ghi dữ liệu nhận thêm --audit-key FILE và --audit-checkpoints FILE (mặc định audit.key và
audit-checkpoints.jsonl cạnh tệp SQLite, hoặc trong ./tdkt-data với PostgreSQL; xem docs/audit.md).
Khóa liên thông (exchange.key) nằm cạnh khóa nhật ký, hoặc ở TDKT_EXCHANGE_KEY_FILE (xem docs/exchange.md);
tdkt serve giao các gói tin đang chờ mỗi TDKT_EXCHANGE_EVERY (mặc định 10s).
Chứng thư số của cơ quan: tệp PKCS#12 ở TDKT_SIGNING_P12 (mặc định signing.p12 cạnh khóa nhật ký), mật khẩu
ở TDKT_SIGNING_PASSWORD hoặc tệp TDKT_SIGNING_PASSWORD_FILE (mặc định signing.password cạnh tệp PKCS#12);
tdkt verify in mỗi tệp một dòng JSON các chữ ký số (xem docs/signatures.md).
Thông báo qua thư điện tử: TDKT_SMTP_URL (smtp://người-dùng@máy-chủ:587?starttls=1 hoặc smtps://…:465),
mật khẩu ở TDKT_SMTP_PASSWORD hoặc tệp TDKT_SMTP_PASSWORD_FILE, người gửi TDKT_SMTP_FROM; qua webhook:
TDKT_WEBHOOK_URL với khóa TDKT_WEBHOOK_SECRET hoặc tệp TDKT_WEBHOOK_SECRET_FILE. tdkt serve gửi mỗi
TDKT_NOTIFY_EVERY (mặc định 15s) và nhắc hạn mỗi ngày; tdkt notify deliver|deadlines chạy một lượt
(xem docs/notifications.md).
Riêng tdkt check không cần cơ sở dữ liệu: không có --db thì dùng quy tắc và lịch nghỉ có sẵn
(không đọc TDKT_DB); có --db thì dùng lịch nghỉ và thiết lập quy tắc quản trị đã cấu hình ở đó.
`

// run is the whole program with its inputs passed in, so that tests can run it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError(2)
	}
	env := &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		return env.serve(ctx, rest)
	case "demo":
		return env.demo(ctx, rest)
	case "migrate":
		return env.migrate(ctx, rest)
	case "backup":
		return env.backup(ctx, rest)
	case "restore":
		return env.restore(ctx, rest)
	case "user":
		if len(rest) > 0 && rest[0] == "add" {
			return env.userAdd(ctx, rest[1:])
		}
	case "token":
		if len(rest) > 0 && rest[0] == "create" {
			return env.tokenCreate(ctx, rest[1:])
		}
	case "audit":
		return env.audit(ctx, rest)
	case "check":
		return env.check(ctx, rest)
	case "suggest":
		return env.suggest(ctx, rest)
	case "import":
		return env.importFile(ctx, rest)
	case "peer":
		return env.peer(ctx, rest)
	case "exchange":
		return env.exchangeCmd(ctx, rest)
	case "verify":
		return env.verify(ctx, rest)
	case "notify":
		return env.notifyCmd(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "lệnh không rõ: %q\n\n%s", args[0], usage)
	return exitError(2)
}

// env is what every command reads and writes.
type env struct {
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
}
