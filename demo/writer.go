package demo

import (
	"context"
	"fmt"
	"strings"

	"tdkt/sqldb"
)

// table is a table the generator fills, with the columns it writes; the others keep
// their defaults (version 1, note ”, revoked false).
type table struct {
	name string
	cols []string
}

var (
	tOrgs        = &table{"orgs", strings.Fields("id code name name_fold level parent_id path confers standing_for created_at updated_at")}
	tPeople      = &table{"people", strings.Fields("id org_id full_name name_fold sort_key sex birth_date ethnicity cccd grp leader position hired_on under_review created_at updated_at")}
	tMemberships = &table{"memberships", strings.Fields("id person_id org_id position leader from_date to_date")}
	tCollectives = &table{"collectives", strings.Fields("id org_id unit_org_id name name_fold enterprise created_at updated_at")}
	tHouseholds  = &table{"households", strings.Fields("id org_id head_name name_fold address created_at updated_at")}
	tRatings     = &table{"ratings", strings.Fields("id subject_kind subject_id year rating")}
	tInitiatives = &table{"initiatives", strings.Fields("id subject_kind subject_id year title scope decision_no decision_on recognised_by")}
	tDiscipline  = &table{"discipline", strings.Fields("id person_id form decided_on ends_on decision_no reason")}
	tHonours     = &table{"honours", strings.Fields("id subject_kind subject_id org_id award_code category year period_from kind decision_no decided_on signer issuer amount_vnd grp leader recipient award_level")}
	// bulkTables are filled with explicit ids; PostgreSQL's identity sequences are
	// moved past them afterwards.
	bulkTables = []*table{tOrgs, tPeople, tMemberships, tCollectives, tHouseholds, tRatings, tInitiatives, tDiscipline, tHonours}
)

// The values of each row, in the order of its table's columns. Booleans stay Go
// bools: the SQLite driver stores them as 0/1 and pgx as BOOLEAN.
func (r orgRow) vals(d []any) {
	d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10] = r.id, r.code, r.name, r.fold, r.level, r.parent, r.path, r.confers, r.standing, r.at, r.at
}
func (r personRow) vals(d []any) {
	d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7] = r.id, r.org, r.name, r.fold, r.sort, r.sex, r.birth, r.eth
	d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15] = r.cccd, r.grp, r.leader, r.pos, r.hiredOn, r.review, r.at, r.at
}
func (r membershipRow) vals(d []any) {
	d[0], d[1], d[2], d[3], d[4], d[5], d[6] = r.id, r.person, r.org, r.pos, r.leader, r.from, r.to
}
func (r collectiveRow) vals(d []any) {
	d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7] = r.id, r.org, r.unit, r.name, r.fold, r.enterprise, r.at, r.at
}
func (r householdRow) vals(d []any) {
	d[0], d[1], d[2], d[3], d[4], d[5], d[6] = r.id, r.org, r.head, r.fold, r.address, r.at, r.at
}
func (r ratingRow) vals(d []any) {
	d[0], d[1], d[2], d[3], d[4] = r.id, string(r.kind), r.subject, int64(r.year), string(r.rating)
}
func (r initiativeRow) vals(d []any) {
	d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8] = r.id, string(r.kind), r.subject, int64(r.year), r.title, string(r.scope), r.no, r.on, r.by
}
func (r disciplineRow) vals(d []any) {
	d[0], d[1], d[2], d[3], d[4], d[5], d[6] = r.id, r.person, string(r.form), r.decided, r.ends, r.no, r.reason
}
func (r honourRow) vals(d []any) {
	d[0], d[1], d[2], d[3], d[4], d[5], d[6] = r.id, string(r.kind), r.subject, r.org, r.award.code, r.award.category, int64(r.year)
	d[7], d[8], d[9], d[10], d[11], d[12], d[13] = int64(r.from), string(r.award.kind), r.d.no, r.d.on, r.d.signer, r.d.issuer, r.d.amount
	d[14], d[15], d[16], d[17] = r.grp, r.leader, r.recipient, r.award.level
}

type rowVals interface{ vals([]any) }

// batch is a run of rows for one table; fill writes row i's values into dst.
type batch struct {
	t    *table
	n    int
	fill func(i int, dst []any)
}

func batchOf[T rowVals](t *table, rows []T) batch {
	return batch{t, len(rows), func(i int, d []any) { rows[i].vals(d) }}
}

// chunk is what the generator hands the writer: batches for several tables, and how
// far the phase has come.
type chunk struct {
	batches []batch
	done    int
}

// loader writes a data set into one engine.
type loader interface {
	// prepare readies the database for a bulk load (drops secondary indexes, …).
	prepare(ctx context.Context) error
	// phase starts writing the given tables; rows of the tables of one phase may only
	// refer to rows of earlier phases.
	phase(ctx context.Context, tables []*table) (sink, error)
	// finish rebuilds what prepare removed and restores the settings.
	finish(ctx context.Context) error
}

// sink receives the batches of one phase.
type sink interface {
	put(b batch) error
	close() error
}

func newLoader(ctx context.Context, db *sqldb.DB) (loader, error) {
	switch db.Dialect {
	case sqldb.SQLite:
		return newSQLiteLoader(ctx, db)
	case sqldb.Postgres:
		return &pgLoader{db: db}, nil
	}
	return nil, fmt.Errorf("demo: unsupported database %s", db.Dialect)
}

// runPhase runs gen in its own goroutine, so that generating and writing overlap,
// and writes what it emits.
func runPhase(ctx context.Context, l loader, name string, tables []*table, total int, prog *progress,
	gen func(ctx context.Context, emit func(chunk) bool) error) error {
	s, err := l.phase(ctx, tables)
	if err != nil {
		return fmt.Errorf("demo: %s: %w", name, err)
	}
	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan chunk, 4)
	genErr := make(chan error, 1)
	go func() {
		defer close(ch)
		genErr <- gen(gctx, func(c chunk) bool {
			select {
			case ch <- c:
				return true
			case <-gctx.Done():
				return false
			}
		})
	}()
	prog.start(name, total)
	var werr error
	for c := range ch {
		if werr != nil {
			continue // drain so that the generator can stop
		}
		for _, b := range c.batches {
			if werr = s.put(b); werr != nil {
				cancel()
				break
			}
		}
		prog.update(c.done)
	}
	if err := <-genErr; err != nil && werr == nil {
		werr = err
	}
	if err := s.close(); err != nil && werr == nil {
		werr = err
	}
	if werr != nil {
		return fmt.Errorf("demo: %s: %w", name, werr)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	prog.end()
	return nil
}

// Secondary indexes dropped before the load and rebuilt after it: their keys come in
// random order, and sorting them once is faster than inserting row by row into a
// B-tree. Indexes whose keys arrive in order (a person's records, written person by
// person) stay, as appending to them is cheap. The definitions are read back from
// the database's catalogue before dropping, so the rebuilt index is exactly what the
// migrations made.
var loadIndexes = []string{"people_cccd", "people_org", "people_search", "people_fold_birth", "memberships_org", "collectives_org", "households_org", "honours_recent", "honours_year", "honours_forms"}
