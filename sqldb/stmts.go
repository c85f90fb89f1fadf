package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Prepared statements for the reads on SQLite. Preparing a query costs about as much
// as running a short one (a person's record is six short queries: a third of its CPU
// went to preparing them), and neither database/sql nor the SQLite driver keeps
// prepared statements. PostgreSQL needs none of this: pgx keeps its own per
// connection.
//
// A statement is prepared once on the read pool and then reused on whichever pooled
// connection a transaction holds (database/sql prepares it there the first time). The
// first preparation needs a connection of its own, and a transaction must never wait
// for a second connection (all of them may be held by transactions waiting the same
// way), so the first use runs unprepared and the statement is prepared in the
// background for the next.

// maxStmts bounds the statements kept: queries with a list of ids vary in length.
const maxStmts = 2000

// prepared returns query's statement bound to t, or nil when t should run it as it
// is: not a read on SQLite, or not prepared yet.
func (t *Tx) prepared(ctx context.Context, query string) *sql.Stmt {
	if !t.readOnly || t.db.Dialect != SQLite || t.db.read == nil {
		return nil
	}
	if v, ok := t.db.stmts.Load(query); ok {
		if st, _ := v.(*sql.Stmt); st != nil {
			return t.tx.StmtContext(ctx, st)
		}
		return nil // being prepared
	}
	if strings.Count(query, "?") > maxStmtParams {
		return nil // a list of ids: each length is another text, rarely seen twice
	}
	if _, busy := t.db.stmts.LoadOrStore(query, false); busy {
		return nil // another transaction met it first and prepares it
	}
	if t.db.nstmts.Add(1) > maxStmts {
		t.db.nstmts.Add(-1)
		t.db.stmts.Store(query, failed) // never prepared; run as it is
		return nil
	}
	go t.db.prepare(query)
	return nil
}

// failed marks a query that is run unprepared for good: it did not prepare, or the
// store of statements is full.
var failed = errors.New("not prepared")

// maxStmtParams leaves out the queries with long lists of values.
const maxStmtParams = 16

func (db *DB) prepare(query string) {
	st, err := db.read.PrepareContext(context.Background(), query)
	if err != nil {
		db.stmts.Store(query, failed) // closed, or a query that does not prepare: not tried again
		return
	}
	if db.closed.Load() {
		st.Close() // the database closed while this was prepared
		return
	}
	db.stmts.Store(query, st)
}

// closeStmts closes the kept statements (when the database closes).
func (db *DB) closeStmts() {
	db.closed.Store(true)
	db.stmts.Range(func(k, v any) bool {
		if st, _ := v.(*sql.Stmt); st != nil {
			st.Close()
		}
		db.stmts.Delete(k)
		return true
	})
}
