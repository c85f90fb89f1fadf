package sqldb

import (
	"context"
	"database/sql"
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
	if t.db.nstmts.Add(1) > maxStmts {
		t.db.nstmts.Add(-1)
		return nil
	}
	if _, busy := t.db.stmts.LoadOrStore(query, false); !busy {
		go t.db.prepare(query)
	}
	return nil
}

func (db *DB) prepare(query string) {
	st, err := db.read.PrepareContext(context.Background(), query)
	if err != nil {
		db.stmts.Delete(query) // closed, or a query that does not prepare: tried again later
		db.nstmts.Add(-1)
		return
	}
	db.stmts.Store(query, st)
}

// closeStmts closes the kept statements (when the database closes).
func (db *DB) closeStmts() {
	db.stmts.Range(func(k, v any) bool {
		if st, _ := v.(*sql.Stmt); st != nil {
			st.Close()
		}
		db.stmts.Delete(k)
		return true
	})
}
