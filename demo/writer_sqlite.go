package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"tdkt/sqldb"
)

// sqliteLoader writes through the single write connection with prepared multi-row
// INSERTs in large transactions. For the duration of the load it turns off foreign
// key checks (every row the generator writes refers to rows written before it, and
// the ids are its own) and fsync (synchronous=OFF: a crash mid-load leaves a
// half-filled database to delete anyway), and gives the page cache more memory for
// rebuilding the indexes; finish restores the values sqldb.Open sets. The database
// stays in WAL mode so that readers of other processes never see a torn file.
type sqliteLoader struct {
	conn    *sql.Conn
	indexes []string // CREATE INDEX statements to replay in finish
}

func newSQLiteLoader(ctx context.Context, db *sqldb.DB) (*sqliteLoader, error) {
	conn, err := db.Raw().Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &sqliteLoader{conn: conn}, nil
}

// rowsPerStatement keeps a statement's parameters well under SQLite's limit of 32,766.
func rowsPerStatement(cols int) int { return min(200, 3000/cols) }

func (l *sqliteLoader) exec(ctx context.Context, stmts ...string) error {
	for _, s := range stmts {
		if _, err := l.conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}

func (l *sqliteLoader) prepare(ctx context.Context) error {
	if err := l.exec(ctx, "PRAGMA foreign_keys=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-524288", "PRAGMA temp_store=MEMORY", "PRAGMA threads=2"); err != nil {
		return err
	}
	for _, name := range loadIndexes {
		var def sql.NullString
		err := l.conn.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, name).Scan(&def)
		if err == sql.ErrNoRows || !def.Valid {
			continue // not there (renamed by a later migration): leave it alone
		}
		if err != nil {
			return err
		}
		if err := l.exec(ctx, "DROP INDEX "+name); err != nil {
			return err
		}
		l.indexes = append(l.indexes, def.String)
	}
	return nil
}

func (l *sqliteLoader) finish(ctx context.Context) error {
	defer l.conn.Close()
	err := l.exec(ctx, l.indexes...)
	l.indexes = nil
	// Restore what sqldb.Open configured, even after a failure.
	if e := l.exec(context.WithoutCancel(ctx), "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-65536",
		"PRAGMA temp_store=DEFAULT", "PRAGMA threads=0", "PRAGMA wal_checkpoint(TRUNCATE)"); err == nil {
		err = e
	}
	return err
}

// sqliteSink writes one phase; it commits every commitRows rows so that the WAL file
// is checkpointed as it goes instead of growing to the size of the database.
type sqliteSink struct {
	ctx   context.Context
	l     *sqliteLoader
	stmts map[stmtKey]*sql.Stmt
	args  []any
	rows  int
	err   error // the first failure: close rolls back instead of committing
}

type stmtKey struct {
	t    *table
	rows int
}

const commitRows = 2_000_000

func (l *sqliteLoader) phase(ctx context.Context, _ []*table) (sink, error) {
	if err := l.exec(ctx, "BEGIN"); err != nil {
		return nil, err
	}
	return &sqliteSink{ctx: ctx, l: l, stmts: map[stmtKey]*sql.Stmt{}}, nil
}

func (s *sqliteSink) stmt(t *table, rows int) (*sql.Stmt, error) {
	k := stmtKey{t, rows}
	if st, ok := s.stmts[k]; ok {
		return st, nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(t.cols)), ",") + ")"
	q := "INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(one+",", rows), ",")
	st, err := s.l.conn.PrepareContext(s.ctx, q)
	if err != nil {
		return nil, err
	}
	s.stmts[k] = st
	return st, nil
}

func (s *sqliteSink) put(b batch) error {
	if s.err == nil {
		s.err = s.insert(b)
	}
	return s.err
}

func (s *sqliteSink) insert(b batch) error {
	nc := len(b.t.cols)
	per := rowsPerStatement(nc)
	if need := per * nc; len(s.args) < need {
		s.args = make([]any, need)
	}
	for i := 0; i < b.n; {
		m := min(per, b.n-i)
		st, err := s.stmt(b.t, m)
		if err != nil {
			return err
		}
		for j := range m {
			b.fill(i+j, s.args[j*nc:(j+1)*nc])
		}
		if _, err := st.ExecContext(s.ctx, s.args[:m*nc]...); err != nil {
			return fmt.Errorf("insert into %s: %w", b.t.name, err)
		}
		i += m
	}
	s.rows += b.n
	if s.rows >= commitRows {
		s.rows = 0
		return s.l.exec(s.ctx, "COMMIT", "BEGIN")
	}
	return nil
}

func (s *sqliteSink) close() error {
	for _, st := range s.stmts {
		st.Close()
	}
	for i := range s.args {
		s.args[i] = nil
	}
	if s.err == nil {
		s.err = s.l.exec(s.ctx, "COMMIT")
	}
	if s.err != nil {
		s.l.exec(context.WithoutCancel(s.ctx), "ROLLBACK")
	}
	return s.err
}
