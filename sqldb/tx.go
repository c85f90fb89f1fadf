package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"tdkt"
)

// Tx is a transaction, or a read-only view, with placeholders rebound for the dialect.
// One use case runs in one Tx: it loads, checks, changes and audits, then commits.
type Tx struct {
	db       *DB
	tx       *sql.Tx
	readOnly bool
}

// Update runs fn in a read-write transaction and commits when fn returns nil.
func (db *DB) Update(ctx context.Context, fn func(*Tx) error) error {
	return db.run(ctx, db.write, false, fn)
}

// View runs fn in a read-only transaction on the read pool, so that a page sees one
// consistent snapshot.
func (db *DB) View(ctx context.Context, fn func(*Tx) error) error {
	return db.run(ctx, db.read, true, fn)
}

// ViewReplica is View on the read replica when one is configured (UseReplica). It is
// for the long reads that may lag the primary by the replica's delay — the year-end
// list, statistics, exports — and never for a page shown right after a change.
func (db *DB) ViewReplica(ctx context.Context, fn func(*Tx) error) error {
	return db.run(ctx, db.replica, true, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, readOnly bool, fn func(*Tx) error) error {
	// Lost updates are caught by the version column (UPDATE … WHERE version = ?), so
	// the default isolation of each engine is enough.
	opts := &sql.TxOptions{ReadOnly: readOnly && db.Dialect == Postgres}
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	t := &Tx{db: db, tx: sqlTx, readOnly: readOnly}
	if err := fn(t); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if !readOnly {
		db.writes.Add(1)
	}
	return nil
}

// Dialect tells which engine runs the transaction.
func (t *Tx) Dialect() Dialect { return t.db.Dialect }

// Exec runs a statement and returns the number of rows it changed.
func (t *Tx) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := t.tx.ExecContext(ctx, t.db.q(query), args...)
	if err != nil {
		return 0, mapErr(err)
	}
	return res.RowsAffected()
}

// Insert runs an INSERT … RETURNING id and returns the id.
func (t *Tx) Insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	if err := t.tx.QueryRowContext(ctx, t.db.q(query+" RETURNING id"), args...).Scan(&id); err != nil {
		return 0, mapErr(err)
	}
	return id, nil
}

// Query runs a query; the caller closes the rows.
func (t *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.prepared(ctx, query); st != nil {
		rows, err := st.QueryContext(ctx, args...)
		return rows, mapErr(err)
	}
	rows, err := t.tx.QueryContext(ctx, t.db.q(query), args...)
	return rows, mapErr(err)
}

// row runs a query that returns one row.
func (t *Tx) row(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, t.db.q(query), args...)
}

// Get scans one row into dest; a missing row is a NotFound error naming what.
func (t *Tx) Get(ctx context.Context, what string, query string, args []any, dest ...any) error {
	err := t.row(ctx, query, args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return tdkt.NotFound(what)
	}
	return mapErr(err)
}

// Each runs a query and calls scan for every row.
func (t *Tx) Each(ctx context.Context, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := t.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// Int runs a query returning one integer.
func (t *Tx) Int(ctx context.Context, query string, args ...any) (int64, error) {
	var n sql.NullInt64
	err := t.row(ctx, query, args...).Scan(&n)
	return n.Int64, mapErr(err)
}
