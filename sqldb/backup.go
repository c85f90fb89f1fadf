package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Backups. A copy of a live SQLite database is taken with VACUUM INTO: one read
// transaction that writes a compact, consistent copy while the server goes on
// writing (WAL lets readers and the writer proceed together). The online backup API
// that `sqlite3 … .backup` uses starts again whenever another connection writes, so
// at a couple of writes a second it may never finish. PostgreSQL is copied by its own
// pg_dump in the custom format, which pg_restore reads.

// ErrNoPgDump is returned when PostgreSQL must be copied and pg_dump (or pg_restore)
// is neither on PATH nor in /usr/lib/postgresql/*/bin. Its message says how to
// install it.
var ErrNoPgDump = errors.New("pg_dump không có trên máy này: cài gói postgresql-client cùng phiên bản với máy chủ " +
	"(Debian/Ubuntu: apt-get install postgresql-client-15), hoặc đặt thư mục chứa pg_dump vào PATH")

// SQLitePath is the file of a sqlite: URL, without its options ("" for another engine).
func SQLitePath(url string) string {
	if !strings.HasPrefix(url, "sqlite:") {
		return ""
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "//"), "?")
	return path
}

// Backup writes a consistent copy of the database to dest while it stays in use: a
// SQLite file (VACUUM INTO) or a PostgreSQL dump in pg_dump's custom format. The copy
// is written beside dest under a temporary name, synced to disk and renamed, so dest
// is either absent or complete. It returns the size of the copy in bytes.
func (db *DB) Backup(ctx context.Context, dest string) (int64, error) {
	dest = filepath.Clean(dest)
	if err := os.MkdirAll(filepath.Dir(dest), 0o750); err != nil {
		return 0, fmt.Errorf("create backup folder: %w", err)
	}
	tmp, err := tempBeside(dest, ".tmp")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp) // gone after the rename; removes a half-written copy otherwise
	switch db.Dialect {
	case SQLite:
		err = db.vacuumInto(ctx, tmp)
	case Postgres:
		err = PgTool(ctx, "pg_dump", "--format=custom", "--no-owner", "--file="+tmp, "--dbname="+db.URL)
	default:
		err = fmt.Errorf("backup: unknown dialect %q", db.Dialect)
	}
	if err != nil {
		return 0, err
	}
	if err := syncFile(tmp); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return 0, err
	}
	if err := syncDir(filepath.Dir(dest)); err != nil {
		return 0, err
	}
	st, err := os.Stat(dest)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// vacuumInto copies the SQLite database to the new file tmp. It runs on a connection
// of its own: VACUUM cannot run inside a transaction, the read pool is query-only and
// the one write connection must stay free for the server's writers.
func (db *DB) vacuumInto(ctx context.Context, tmp string) error {
	path := SQLitePath(db.URL)
	c, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_time_format=sqlite")
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	if _, err := c.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return fmt.Errorf("VACUUM INTO: %w", err)
	}
	// The copy keeps the WAL mark of its source; a single file that opens read-only
	// anywhere (no -wal or -shm to create) is what a backup should be.
	out, err := sql.Open("sqlite", "file:"+tmp)
	if err != nil {
		return err
	}
	defer out.Close()
	_, err = out.ExecContext(ctx, `PRAGMA journal_mode=DELETE`)
	return err
}

// OpenCopy opens a SQLite file read-only, to check a backup before it is restored:
// nothing is written to it (no migration, no journal mode change). Both pools read.
func OpenCopy(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	dsn := "file:" + path + "?mode=ro&_pragma=query_only(1)&_pragma=busy_timeout(10000)&_time_format=sqlite"
	c, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	c.SetMaxOpenConns(2)
	db := &DB{Dialect: SQLite, URL: "sqlite:" + path, write: c, read: c, replica: c}
	if err := c.PingContext(ctx); err != nil {
		c.Close()
		return nil, err
	}
	return db, nil
}

// IntegrityCheck runs SQLite's PRAGMA integrity_check and returns nil when it
// answers "ok", or an error with its first findings. PostgreSQL has no equivalent;
// there it checks that the database answers.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	if db.Dialect != SQLite {
		return db.Ping(ctx)
	}
	rows, err := db.read.QueryContext(ctx, `PRAGMA integrity_check(20)`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		found = append(found, s)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(found) == 1 && found[0] == "ok" {
		return nil
	}
	return fmt.Errorf("integrity_check: %s", strings.Join(found, "; "))
}

// SchemaVersion is the newest migration applied to the database; an error when the
// database has no migrations table (it is not a tdkt database).
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("no tdkt migrations table: %w", err)
	}
	return int(v.Int64), nil
}

// KnownSchemaVersion is the newest migration this binary holds.
func KnownSchemaVersion() int {
	files, _ := migrations.ReadDir("migrations")
	n := 0
	for _, f := range files {
		if v, err := strconv.Atoi(strings.SplitN(f.Name(), "_", 2)[0]); err == nil && v > n {
			n = v
		}
	}
	return n
}

// PgTool runs a PostgreSQL client program (pg_dump, pg_restore, …) found on PATH or
// in /usr/lib/postgresql/*/bin (the newest version), with its error output in the
// error. ErrNoPgDump when it is not installed.
func PgTool(ctx context.Context, name string, args ...string) error {
	bin, err := FindPgTool(name)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(out.String()))
	}
	return nil
}

// FindPgTool locates a PostgreSQL client program; see PgTool.
func FindPgTool(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(found) == 0 {
		return "", ErrNoPgDump
	}
	// The newest server version reads the dumps of every older one.
	sort.Slice(found, func(i, j int) bool { return pgVersion(found[i]) < pgVersion(found[j]) })
	return found[len(found)-1], nil
}

func pgVersion(bin string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(bin))))
	return v
}

// tempBeside names a file that does not exist yet in dest's folder, so that the
// rename to dest stays on one file system and is atomic.
func tempBeside(dest, suffix string) (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+"."+hex.EncodeToString(b[:])+suffix), nil
}

// syncFile flushes a file's content to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder, so that a rename in it survives a power loss.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
