package sqldb

import (
	"context"
	"database/sql"
	"strings"

	"tdkt"
	"tdkt/vn"
)

// Import is an uploaded file on its way into the records, and afterwards the report
// of what it did.
type Import struct {
	ID          int64
	Kind        string
	OrgID       int64
	AccountID   int64
	Account     string // login, filled by queries
	FileName    string
	SHA256      string
	Mapping     string // JSON: field → column index
	Status      string // staged, queued, committed, failed
	JobID       int64
	Rows        int
	Created     int
	Updated     int
	Merged      int
	Skipped     int
	Errors      string // JSON list of the row errors of the last failed attempt
	CreatedAt   string
	CommittedAt string
	OrgPath     string
}

const importCols = `i.id, i.kind, i.org_id, i.account_id, a.login, i.file_name, i.sha256, i.mapping, i.status, COALESCE(i.job_id, 0),
	i.rows_total, i.created, i.updated, i.merged, i.skipped, i.errors, i.created_at, i.committed_at, o.path`

func scanImport(r interface{ Scan(...any) error }) (x Import, err error) {
	err = r.Scan(&x.ID, &x.Kind, &x.OrgID, &x.AccountID, &x.Account, &x.FileName, &x.SHA256, &x.Mapping, &x.Status, &x.JobID,
		&x.Rows, &x.Created, &x.Updated, &x.Merged, &x.Skipped, &x.Errors, &x.CreatedAt, &x.CommittedAt, &x.OrgPath)
	return x, err
}

// InsertImport stores an uploaded file, staged for the preview.
func (t *Tx) InsertImport(ctx context.Context, x *Import, content []byte) (err error) {
	x.Status = "staged"
	x.ID, err = t.Insert(ctx, `INSERT INTO imports (kind, org_id, account_id, file_name, sha256, content, mapping, status, rows_total, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, x.Kind, x.OrgID, x.AccountID, x.FileName, x.SHA256, content, x.Mapping, x.Status, x.Rows, x.CreatedAt)
	return err
}

// ImportByID loads an import without its file.
func (t *Tx) ImportByID(ctx context.Context, id int64) (Import, error) {
	var x Import
	err := t.Each(ctx, `SELECT `+importCols+` FROM imports i JOIN orgs o ON o.id = i.org_id JOIN accounts a ON a.id = i.account_id
		WHERE i.id = ?`, []any{id}, func(r *sql.Rows) (err error) {
		x, err = scanImport(r)
		return err
	})
	if err == nil && x.ID == 0 {
		err = tdkt.NotFound("lần nhập dữ liệu")
	}
	return x, err
}

// ImportContent returns the uploaded file of an import.
func (t *Tx) ImportContent(ctx context.Context, id int64) (content []byte, err error) {
	err = t.Get(ctx, "lần nhập dữ liệu", `SELECT content FROM imports WHERE id = ?`, []any{id}, &content)
	return content, err
}

// ImportsIn lists the latest imports of the organisations under path.
func (t *Tx) ImportsIn(ctx context.Context, path string, limit int) ([]Import, error) {
	var out []Import
	err := t.Each(ctx, `SELECT `+importCols+` FROM imports i JOIN orgs o ON o.id = i.org_id JOIN accounts a ON a.id = i.account_id
		WHERE o.path LIKE ? ORDER BY i.id DESC LIMIT ?`, []any{path + "%", limit}, func(r *sql.Rows) error {
		x, err := scanImport(r)
		out = append(out, x)
		return err
	})
	return out, err
}

// SetImportMapping stores the clerk's choice of columns for a staged import.
func (t *Tx) SetImportMapping(ctx context.Context, id int64, mapping string) error {
	return changed(t.Exec(ctx, `UPDATE imports SET mapping = ? WHERE id = ? AND status IN ('staged', 'failed')`, mapping, id))
}

// QueueImport marks a staged (or failed) import as handed to a job.
// jobID 0 is a commit run at once, without a job (the command line).
func (t *Tx) QueueImport(ctx context.Context, id, jobID int64) error {
	var job any
	if jobID != 0 {
		job = jobID
	}
	return changed(t.Exec(ctx, `UPDATE imports SET status = 'queued', job_id = ?, errors = '' WHERE id = ? AND status IN ('staged', 'failed')`, job, id))
}

// FinishImport records the report of a committed import; Conflict unless it was queued.
func (t *Tx) FinishImport(ctx context.Context, x *Import) error {
	return changed(t.Exec(ctx, `UPDATE imports SET status = 'committed', rows_total = ?, created = ?, updated = ?, merged = ?, skipped = ?,
		errors = '', committed_at = ? WHERE id = ? AND status = 'queued' AND COALESCE(job_id, 0) = ?`, x.Rows, x.Created, x.Updated, x.Merged, x.Skipped, x.CommittedAt, x.ID, x.JobID))
}

// FailImport records that a queued import was refused (the records changed since the
// preview) or cancelled, with the row errors as JSON; the clerk can try again.
func (t *Tx) FailImport(ctx context.Context, id int64, errorsJSON string) error {
	_, err := t.Exec(ctx, `UPDATE imports SET status = 'failed', errors = ? WHERE id = ? AND status = 'queued'`, errorsJSON, id)
	return err
}

// PersonMatch is an existing person an import row may be the same as.
type PersonMatch struct {
	ID                        int64
	FullName, BirthDate, CCCD string
	NameFold                  string
	OrgID                     int64
	OrgName, OrgPath          string
	Version                   int
}

// chunks calls fn with the values in slices of at most n.
func chunks[T any](vals []T, n int, fn func([]T) error) error {
	for len(vals) > 0 {
		k := min(n, len(vals))
		if err := fn(vals[:k]); err != nil {
			return err
		}
		vals = vals[k:]
	}
	return nil
}

func marks(n int) string { return strings.Repeat(",?", n)[1:] }

// PeopleByCCCD finds the people, anywhere in the tree, holding any of the citizen IDs.
func (t *Tx) PeopleByCCCD(ctx context.Context, ids []string, fn func(PersonMatch) error) error {
	return chunks(ids, 500, func(part []string) error {
		args := make([]any, len(part))
		for i, v := range part {
			args[i] = v
		}
		return t.eachMatch(ctx, `p.cccd IN (`+marks(len(part))+`)`, args, fn)
	})
}

// PeopleByNames finds the people under path whose folded names (vn.Fold) are among names.
func (t *Tx) PeopleByNames(ctx context.Context, path string, names []string, fn func(PersonMatch) error) error {
	return chunks(names, 500, func(part []string) error {
		args := make([]any, 0, len(part)+1)
		for _, v := range part {
			args = append(args, " "+v+" ")
		}
		args = append(args, path+"%")
		return t.eachMatch(ctx, `p.name_fold IN (`+marks(len(part))+`) AND o.path LIKE ?`, args, fn)
	})
}

func (t *Tx) eachMatch(ctx context.Context, where string, args []any, fn func(PersonMatch) error) error {
	return t.Each(ctx, `SELECT p.id, p.full_name, p.birth_date, COALESCE(p.cccd, ''), p.name_fold, p.org_id, o.name, o.path, p.version
		FROM people p JOIN orgs o ON o.id = p.org_id WHERE `+where, args, func(r *sql.Rows) error {
		var m PersonMatch
		if err := r.Scan(&m.ID, &m.FullName, &m.BirthDate, &m.CCCD, &m.NameFold, &m.OrgID, &m.OrgName, &m.OrgPath, &m.Version); err != nil {
			return err
		}
		m.NameFold = strings.TrimSpace(m.NameFold)
		return fn(m)
	})
}

// peopleBatch is how many people one INSERT carries: 15 values a row keeps it far
// below the variable limits of both engines (SQLite 32,766; PostgreSQL 65,535).
const peopleBatch = 500

// InsertPeople stores new people with multi-row INSERTs and fills their ids and
// versions. Within one call no two people may share both folded name and birth date
// (an import reports such rows as duplicates first): the ids come back keyed by them,
// since neither engine promises the order of RETURNING rows.
func (t *Tx) InsertPeople(ctx context.Context, people []*tdkt.Person, now string) error {
	return chunks(people, peopleBatch, func(part []*tdkt.Person) error {
		var b strings.Builder
		b.WriteString(`INSERT INTO people (org_id, full_name, name_fold, sort_key, sex, birth_date, ethnicity, cccd, grp,
			leader, position, hired_on, under_review, created_at, updated_at) VALUES `)
		args := make([]any, 0, 15*len(part))
		byKey := make(map[string]*tdkt.Person, len(part))
		for i, p := range part {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
			fold := vn.SearchKey(p.FullName)
			byKey[fold+"|"+p.BirthDate] = p
			args = append(args, p.OrgID, p.FullName, fold, vn.SortKey(p.FullName), p.Sex, p.BirthDate, p.Ethnicity, nullable(p.CCCD),
				p.Group, p.Leader, p.Position, p.HiredOn, p.UnderReview, now, now)
		}
		b.WriteString(` RETURNING id, name_fold, birth_date`)
		return t.Each(ctx, b.String(), args, func(r *sql.Rows) error {
			var id int64
			var fold, birth string
			if err := r.Scan(&id, &fold, &birth); err != nil {
				return err
			}
			if p := byKey[fold+"|"+birth]; p != nil {
				p.ID, p.Version = id, 1
			}
			return nil
		})
	})
}

// InsertMemberships stores periods in units with multi-row INSERTs.
func (t *Tx) InsertMemberships(ctx context.Context, ms []tdkt.Membership) error {
	return chunks(ms, 1000, func(part []tdkt.Membership) error {
		var b strings.Builder
		b.WriteString(`INSERT INTO memberships (person_id, org_id, position, leader, from_date, to_date) VALUES `)
		args := make([]any, 0, 6*len(part))
		for i, m := range part {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("(?,?,?,?,?,?)")
			args = append(args, m.PersonID, m.OrgID, m.Position, m.Leader, m.From, m.To)
		}
		_, err := t.Exec(ctx, b.String(), args...)
		return err
	})
}

// RecordKeys lists the keys of the records that the given people already have in a
// per-year table, so that an import can tell a record it would repeat: for
// "ratings" the year; for "initiatives" the year and folded title; for "honours" the
// award, year and decision number. Keys are "personID|…".
func (t *Tx) RecordKeys(ctx context.Context, table string, personIDs []int64) (map[string]int64, error) {
	var cols string
	switch table {
	case "ratings":
		cols = "year, ''"
	case "initiatives":
		cols = "year, title"
	case "honours":
		cols = "year, award_code || '|' || decision_no"
	default:
		panic("RecordKeys: unknown table " + table)
	}
	out := map[string]int64{}
	err := chunks(personIDs, 500, func(part []int64) error {
		args := make([]any, len(part))
		for i, v := range part {
			args[i] = v
		}
		return t.Each(ctx, `SELECT id, subject_id, `+cols+` FROM `+table+` WHERE subject_kind = 'ca_nhan' AND subject_id IN (`+marks(len(part))+`)`,
			args, func(r *sql.Rows) error {
				var id, sub int64
				var year int
				var extra string
				if err := r.Scan(&id, &sub, &year, &extra); err != nil {
					return err
				}
				if table == "initiatives" {
					extra = vn.Fold(extra)
				}
				out[RecordKey(sub, year, extra)] = id
				return nil
			})
	})
	return out, err
}

// RecordKey is the key RecordKeys uses.
func RecordKey(personID int64, year int, extra string) string {
	return vn.Itoa(personID) + "|" + vn.Itoa(int64(year)) + "|" + extra
}

// FailImportOfJob frees the import of a job that was cancelled before it ran, so that
// the clerk may start it again.
func (t *Tx) FailImportOfJob(ctx context.Context, jobID int64) error {
	_, err := t.Exec(ctx, `UPDATE imports SET status = 'failed' WHERE job_id = ? AND status = 'queued'`, jobID)
	return err
}

// SetImportErrors keeps the row errors (JSON) that refused a staged import's commit.
func (t *Tx) SetImportErrors(ctx context.Context, id int64, errorsJSON string) error {
	_, err := t.Exec(ctx, `UPDATE imports SET errors = ? WHERE id = ? AND status IN ('staged', 'failed')`, errorsJSON, id)
	return err
}

// FreeImportsOfEndedJobs marks failed the queued imports whose job ended without
// writing them (failed after repeated crashes, or cancelled), so that the clerk may
// start them again.
func (t *Tx) FreeImportsOfEndedJobs(ctx context.Context) error {
	_, err := t.Exec(ctx, `UPDATE imports SET status = 'failed' WHERE status = 'queued' AND job_id IN
		(SELECT id FROM jobs WHERE status IN ('failed', 'cancelled'))`)
	return err
}
