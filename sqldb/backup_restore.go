package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Restoring a copy replaces the whole database, so every check runs on the copy first
// and the target is touched only once all have passed: SQLite's integrity check, the
// schema version (not newer than this binary), and the caller's own check (the audit
// chain) on the copy opened read-only. A running server must be stopped first; there
// is no override, because a server that keeps its connections to a replaced file
// would write into a database that no longer exists (SQLite) or race the restore
// (PostgreSQL).

// ErrServing is returned when a restore finds a server (or another writer) using the
// target database.
var ErrServing = errors.New("cơ sở dữ liệu đang được dùng (tdkt serve hoặc một lệnh khác đang chạy trên nó): " +
	"hãy dừng máy chủ rồi chạy lại lệnh khôi phục")

var errLocked = errors.New("locked")

// LockPath is the advisory lock file of a SQLite database: `tdkt serve` holds it
// shared while it runs and a restore takes it exclusively.
func LockPath(dbPath string) string { return dbPath + ".lock" }

// HoldServing marks the database as served by this process until release is called:
// a restore refuses to replace a SQLite file while any process holds it. On
// PostgreSQL it does nothing (a restore looks at the server's sessions instead).
func (db *DB) HoldServing() (release func(), err error) {
	if db.Dialect != SQLite {
		return func() {}, nil
	}
	release, err = lockFile(LockPath(SQLitePath(db.URL)), false)
	if errors.Is(err, errLocked) {
		return nil, errors.New("một lệnh khôi phục đang thay cơ sở dữ liệu này; hãy chờ nó xong")
	}
	return release, err
}

// CheckCopy is what the caller verifies on the copy, opened read-only, before it
// replaces the target (tdkt restore runs the audit chain verification).
type CheckCopy func(ctx context.Context, copy *DB) error

// RestoreOptions says how to restore.
type RestoreOptions struct {
	// Force allows replacing a target that already holds a database. It never
	// overrides ErrServing.
	Force bool
	// Check runs on the copy after the integrity and version checks.
	Check CheckCopy
}

// checkCopy runs the checks every copy must pass.
func checkCopy(ctx context.Context, c *DB, check CheckCopy) error {
	if err := c.IntegrityCheck(ctx); err != nil {
		return fmt.Errorf("bản sao bị hỏng (%w)", err)
	}
	v, err := c.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("tệp không phải cơ sở dữ liệu tdkt: %w", err)
	}
	if known := KnownSchemaVersion(); v > known {
		return fmt.Errorf("bản sao có cấu trúc phiên bản %d, mới hơn chương trình này (%d): hãy khôi phục bằng tdkt bản mới hơn", v, known)
	}
	if check != nil {
		return check(ctx, c)
	}
	return nil
}

// RestoreSQLite replaces the SQLite file target with the copy from. The copy is first
// copied beside target (so that the rename is atomic and the checked bytes are the
// ones installed), checked there, then renamed over target; the target's stale -wal
// and -shm files go first, since SQLite would otherwise replay the old log onto the
// new file. The target is left untouched by any failure before the rename.
func RestoreSQLite(ctx context.Context, from, target string, opt RestoreOptions) error {
	target = filepath.Clean(target)
	if _, err := os.Stat(from); err != nil {
		return err
	}
	if _, err := os.Stat(target); err == nil && !opt.Force {
		return fmt.Errorf("%s đã có cơ sở dữ liệu: thêm --force để thay thế nó bằng bản sao", target)
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o750); err != nil {
		return err
	}
	release, err := lockFile(LockPath(target), true)
	if errors.Is(err, errLocked) {
		return ErrServing
	}
	if err != nil {
		return err
	}
	defer release()
	if err := notWriting(ctx, target); err != nil {
		return err
	}
	tmp, err := tempBeside(target, ".restore")
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := copyFile(from, tmp); err != nil {
		return err
	}
	c, err := OpenCopy(ctx, tmp)
	if err != nil {
		return fmt.Errorf("tệp không phải cơ sở dữ liệu SQLite hoặc đã bị hỏng: %w", err)
	}
	err = checkCopy(ctx, c, opt.Check)
	c.Close()
	if err != nil {
		return err
	}
	for _, stale := range []string{target + "-wal", target + "-shm"} {
		if err := os.Remove(stale); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	return syncDir(filepath.Dir(target))
}

// notWriting is the second guard after the lock file, for a writer that does not take
// it (an import or a demo run from the command line): a write lock that cannot be
// had within a moment means someone is writing.
func notWriting(ctx context.Context, target string) error {
	if _, err := os.Stat(target); err != nil {
		return nil // nothing there yet
	}
	c, err := sql.Open("sqlite", "file:"+target+"?_pragma=busy_timeout(500)")
	if err != nil {
		return err
	}
	defer c.Close()
	conn, err := c.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			return ErrServing
		}
		return nil // not a database: the copy replaces whatever is there
	}
	_, err = conn.ExecContext(ctx, `ROLLBACK`)
	return err
}

// copyFile copies src to the new file dst and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// RestorePostgres restores a pg_dump custom-format file into the database at
// targetURL. The dump is first restored into a temporary database on the same server
// (the connecting role needs CREATEDB) and checked there; then, when no other session
// is connected to the target, it is restored into the target with
// pg_restore --clean --if-exists in one transaction, so that a failure leaves the
// target as it was.
func RestorePostgres(ctx context.Context, from, targetURL string, opt RestoreOptions) error {
	if err := PgTool(ctx, "pg_restore", "--list", from); err != nil {
		return fmt.Errorf("tệp không phải bản sao pg_dump (định dạng custom): %w", err)
	}
	target, err := Open(ctx, targetURL)
	if err != nil {
		return err
	}
	defer target.Close()
	others, err := target.count(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
	if err != nil {
		return err
	}
	if others > 0 {
		return ErrServing
	}
	tables, err := target.count(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`)
	if err != nil {
		return err
	}
	if tables > 0 && !opt.Force {
		return errors.New("cơ sở dữ liệu đích đã có dữ liệu: thêm --force để thay thế nó bằng bản sao")
	}
	if err := checkPgCopy(ctx, target, from, opt.Check); err != nil {
		return err
	}
	return PgTool(ctx, "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
		"--dbname="+targetURL, from)
}

// checkPgCopy restores the dump into a temporary database beside target, runs the
// checks there and drops it.
func checkPgCopy(ctx context.Context, target *DB, from string, check CheckCopy) error {
	var b [6]byte
	rand.Read(b[:])
	name := "tdkt_restore_check_" + hex.EncodeToString(b[:])
	if _, err := target.write.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		return fmt.Errorf("không tạo được cơ sở dữ liệu tạm để kiểm tra bản sao (vai trò kết nối cần quyền CREATEDB): %w", err)
	}
	defer func() {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		target.write.ExecContext(dctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
	}()
	tmpURL, err := withDatabase(target.URL, name)
	if err != nil {
		return err
	}
	if err := PgTool(ctx, "pg_restore", "--no-owner", "--exit-on-error", "--dbname="+tmpURL, from); err != nil {
		return fmt.Errorf("bản sao bị hỏng: %w", err)
	}
	c, err := Open(ctx, tmpURL)
	if err != nil {
		return err
	}
	defer c.Close()
	return checkCopy(ctx, c, check)
}

func (db *DB) count(ctx context.Context, query string) (n int64, err error) {
	err = db.write.QueryRowContext(ctx, query).Scan(&n)
	return n, err
}

// withDatabase replaces the database name of a postgres:// URL.
func withDatabase(u, name string) (string, error) {
	p, err := url.Parse(u)
	if err != nil {
		return "", err
	}
	p.Path = "/" + name
	return p.String(), nil
}
