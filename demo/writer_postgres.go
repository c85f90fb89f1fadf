package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"tdkt/sqldb"
)

// pgLoader writes each table of a phase with its own COPY on its own connection, the
// tables of a phase in parallel; PostgreSQL checks foreign keys as usual, which is
// why rows only refer to tables of earlier phases.
type pgLoader struct {
	db      *sqldb.DB
	indexes []string
}

func (l *pgLoader) prepare(ctx context.Context) error {
	raw := l.db.Raw()
	for _, name := range loadIndexes {
		var def string
		err := raw.QueryRowContext(ctx, `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1`, name).Scan(&def)
		if errors.Is(err, sql.ErrNoRows) {
			continue // not there (renamed by a later migration): leave it alone
		}
		if err != nil {
			return err
		}
		if _, err := raw.ExecContext(ctx, "DROP INDEX "+name); err != nil {
			return err
		}
		l.indexes = append(l.indexes, def)
	}
	return nil
}

func (l *pgLoader) finish(ctx context.Context) error {
	raw := l.db.Raw()
	// The indexes are independent: build them two at a time (the machine has two cores).
	var wg sync.WaitGroup
	errs := make([]error, len(l.indexes))
	sem := make(chan struct{}, 2)
	for i, def := range l.indexes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if _, err := raw.ExecContext(ctx, def); err != nil {
				errs[i] = fmt.Errorf("%s: %w", def, err)
			}
		}()
	}
	wg.Wait()
	err := errors.Join(errs...)
	// Explicit ids left the identity sequences at 1: move them past the rows.
	for _, t := range bulkTables {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), max(id)) FROM %s`, t.name, t.name)
		if _, e := raw.ExecContext(ctx, q); e != nil && err == nil {
			err = e
		}
	}
	// VACUUM sets the visibility map of the freshly loaded honours, without which the
	// statistics' index-only scans (honours_year, honours_forms) would visit every row.
	for _, q := range []string{"VACUUM (ANALYZE) honours", "ANALYZE"} {
		if _, e := raw.ExecContext(ctx, q); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// pgSink feeds one COPY per table.
type pgSink struct {
	feeds map[*table]*copyFeed
	wg    sync.WaitGroup
}

// copyFeed is a pgx.CopyFromSource reading batches from a channel.
type copyFeed struct {
	ch   chan batch
	dead chan struct{} // closed when the COPY failed
	err  error
	cur  batch
	i    int
	vals []any
}

func (f *copyFeed) Next() bool {
	for f.i+1 >= f.cur.n {
		b, ok := <-f.ch
		if !ok {
			return false
		}
		f.cur, f.i = b, -1
	}
	f.i++
	return true
}

func (f *copyFeed) Values() ([]any, error) {
	f.cur.fill(f.i, f.vals)
	return f.vals, nil
}

func (f *copyFeed) Err() error { return nil }

func (l *pgLoader) phase(ctx context.Context, tables []*table) (sink, error) {
	s := &pgSink{feeds: map[*table]*copyFeed{}}
	for _, t := range tables {
		conn, err := l.db.Raw().Conn(ctx)
		if err != nil {
			s.close()
			return nil, err
		}
		f := &copyFeed{ch: make(chan batch, 16), dead: make(chan struct{}), cur: batch{n: 0}, vals: make([]any, len(t.cols))}
		s.feeds[t] = f
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			f.err = conn.Raw(func(dc any) error {
				pc := dc.(*stdlib.Conn).Conn()
				_, err := pc.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, f)
				return err
			})
			if f.err != nil {
				f.err = fmt.Errorf("copy into %s: %w", t.name, f.err)
				close(f.dead)
				for range f.ch { // let the producer finish
				}
			}
		}()
	}
	return s, nil
}

func (s *pgSink) put(b batch) error {
	f := s.feeds[b.t]
	select {
	case f.ch <- b:
		return nil
	case <-f.dead:
		return f.err
	}
}

func (s *pgSink) close() error {
	for _, f := range s.feeds {
		close(f.ch)
	}
	s.wg.Wait()
	var errs []error
	for _, f := range s.feeds {
		errs = append(errs, f.err)
	}
	return errors.Join(errs...)
}
