// Package sqldb stores tdkt's records in SQLite (embedded, the default) or PostgreSQL
// (large installations) with the same hand-written SQL. Queries are written with ?
// placeholders and rebound to $n for PostgreSQL; the rare dialect difference is
// marked with a Dialect switch so that it is easy to grep.
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Dialect names the database engine.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DefaultURL is the embedded database used when no --db or TDKT_DB is given.
const DefaultURL = "sqlite:./tdkt-data/tdkt.db"

// DB is an open database. Writes go through one connection on SQLite (SQLite allows
// one writer; queuing in Go beats retrying on SQLITE_BUSY) and reads through a pool.
type DB struct {
	Dialect Dialect
	URL     string
	write   *sql.DB
	read    *sql.DB
	replica *sql.DB  // a PostgreSQL streaming replica for ViewReplica, or read
	rebound sync.Map // query text → rebound text, for PostgreSQL
	stmts   sync.Map // query text → *sql.Stmt on read, or false while it is prepared; see stmts.go
	nstmts  atomic.Int64
	closed  atomic.Bool // set by Close, so that a statement prepared late is closed
	writes  atomic.Uint64
}

// Writes counts the read-write transactions this process has committed; a cache of
// pages built from the database compares it to know that what it kept may be stale.
func (db *DB) Writes() uint64 { return db.writes.Load() }

// Open connects to the database named by url: "sqlite:PATH" (the folder is created)
// or "postgres://…". It does not migrate; call Migrate.
func Open(ctx context.Context, url string) (*DB, error) {
	if url == "" {
		url = DefaultURL
	}
	db := &DB{URL: url}
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		db.Dialect = SQLite
		path, sync, err := sqliteOptions(url)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
		// Page cache: 64 MB for the one writer, 4 MB for each of the eight readers. A
		// reader's cache costs about two and a half times its size in the SQLite
		// allocator: at 16 MB, 32 searches at once on a million people took the server
		// to 450 MB; at 4 MB to 260 MB, at the same speed, because the operating
		// system's file cache holds the hot pages anyway.
		dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
			"&_pragma=foreign_keys(1)&_pragma=synchronous(" + sync + ")&_time_format=sqlite"
		w, err := sql.Open("sqlite", dsn+"&_pragma=cache_size(-65536)")
		if err != nil {
			return nil, err
		}
		w.SetMaxOpenConns(1)
		r, err := sql.Open("sqlite", dsn+"&_pragma=cache_size(-4096)&_pragma=query_only(1)")
		if err != nil {
			return nil, err
		}
		r.SetMaxOpenConns(8)
		r.SetMaxIdleConns(8)
		db.write, db.read, db.replica = w, r, r
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		db.Dialect = Postgres
		p, err := sql.Open("pgx", url)
		if err != nil {
			return nil, err
		}
		p.SetMaxOpenConns(32)
		p.SetMaxIdleConns(16)
		p.SetConnMaxIdleTime(5 * time.Minute)
		db.write, db.read, db.replica = p, p, p
	default:
		return nil, fmt.Errorf("unknown database URL %q: use sqlite:PATH or postgres://…", url)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.write.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s: %w", db.Dialect, err)
	}
	return db, nil
}

// sqliteOptions reads a sqlite: URL: the file path and the synchronous setting of
// its optional "?_sync=full|normal" (default FULL). FULL syncs the log at every
// commit, so a commit survives a power loss; NORMAL syncs at checkpoints only,
// which survives a crash of the process but may lose the last commits when the
// machine loses power. docs/performance.md ("Durability") has the cost of each.
func sqliteOptions(url string) (path, sync string, err error) {
	path = SQLitePath(url)
	_, query, _ := strings.Cut(url, "?")
	if path == "" {
		return "", "", fmt.Errorf("sqlite URL has no file path: %q", url)
	}
	sync = "FULL"
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		switch {
		case kv == "":
		case k == "_sync" && (strings.EqualFold(v, "full") || strings.EqualFold(v, "normal")):
			sync = strings.ToUpper(v)
		default:
			return "", "", fmt.Errorf("sqlite URL %q: unknown option %q (only _sync=full or _sync=normal)", url, kv)
		}
	}
	return path, sync, nil
}

// UseReplica sends the reads of ViewReplica to a PostgreSQL hot standby at url
// (streaming replication of the primary). Only PostgreSQL has replicas.
func (db *DB) UseReplica(ctx context.Context, url string) error {
	if db.Dialect != Postgres || !(strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")) {
		return fmt.Errorf("a read replica needs PostgreSQL on both sides: %q", url)
	}
	p, err := sql.Open("pgx", url)
	if err != nil {
		return err
	}
	p.SetMaxOpenConns(32)
	p.SetMaxIdleConns(16)
	p.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := p.PingContext(pctx); err != nil {
		p.Close()
		return fmt.Errorf("connect to the replica: %w", err)
	}
	db.replica = p
	return nil
}

// Close closes every connection.
func (db *DB) Close() error {
	db.closeStmts()
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	if db.replica != db.read {
		err = errors.Join(err, db.replica.Close())
	}
	return err
}

// Ping reports whether the database answers; /healthz uses it.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// Raw gives the underlying write pool, for the rare bulk path (demo data) that needs
// the driver's own connection.
func (db *DB) Raw() *sql.DB { return db.write }

// q rewrites ? placeholders to $1, $2 … for PostgreSQL. Queries never contain a
// literal question mark, so no quoting rules are needed.
func (db *DB) q(query string) string {
	if db.Dialect != Postgres {
		return query
	}
	if v, ok := db.rebound.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(query[i])
	}
	s := b.String()
	db.rebound.Store(query, s)
	return s
}
