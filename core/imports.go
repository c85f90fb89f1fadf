package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"tdkt"
	"tdkt/sheet"
	"tdkt/sqldb"
	"tdkt/vn"
)

// An import goes: upload (StageImport) → preview with the column mapping, every row
// validated and the duplicates found (PreviewImport) → if nothing is wrong, the clerk
// decides each duplicate and starts the commit (StartImport), which runs as a
// background job (runImport) writing every row in ONE transaction, or nothing.
//
// Audit: one summarising event per import (entity "import", its id, the counts and
// the file's name and SHA-256), not one per created record: a province's staff list
// is 100,000 people, and the import's report, kept in the imports table and linked
// from that event, says what it did. Merged people get their own "update" event,
// with the person before and after, as when a clerk edits them.

// MaxImportBytes bounds an uploaded file.
const MaxImportBytes = 50 << 20

// The decisions a clerk takes on a duplicate row.
const (
	DecideMerge = "merge" // update the existing person / attach the records to them
	DecideNew   = "new"   // create a new person (staff files)
	DecideSkip  = "skip"  // leave the row out (record files)
)

// RowError is a problem of one cell or row of an import file.
type RowError struct {
	Row     int    `json:"row"`
	Column  string `json:"column,omitempty"` // letter, "" for the whole row
	Header  string `json:"header,omitempty"`
	Message string `json:"message"`
}

// String is the message as the clerk reads it: "Dòng 17, cột E (Ngày sinh): …".
func (e RowError) String() string {
	if e.Column == "" {
		return fmt.Sprintf("Dòng %d: %s", e.Row, e.Message)
	}
	return fmt.Sprintf("Dòng %d, cột %s (%s): %s", e.Row, e.Column, e.Header, e.Message)
}

// Duplicate is a row that is, or may be, a person already in the records.
type Duplicate struct {
	Row                                       int
	Name, BirthDate, Unit                     string
	PersonID                                  int64
	ExistingName, ExistingBirth, ExistingUnit string
	// Close marks a close match (same name without diacritics and case, same birth
	// year, same unit, different birth date) that the clerk must confirm; otherwise
	// the same citizen ID, or the same name and birth date.
	Close    bool
	Reason   string
	Decision string // the clerk's choice, or the default for an exact match
}

// ImportPreview is what the clerk sees before committing.
type ImportPreview struct {
	Import     sqldb.Import
	Kind       ImportKind
	Header     []string // the file's column names
	HeaderRow  int
	Mapping    map[string]int
	Sample     [][]string // the first rows, by field in the order of Kind.Columns
	Rows       int
	Errors     []RowError
	Duplicates []Duplicate
	// Undecided counts the close matches without a decision: the commit waits for them.
	Undecided int
	// Units are the unit names of the file that need the clerk's choice (create as a
	// sub-unit, or an existing unit); UnitsUndecided counts those without one.
	Units          []UnitChoice
	UnitsUndecided int
	// NeedsOrg: the file has no unit column, and Org (0 if none yet) is the unit
	// chosen for all its rows. Orgs are the units of the clerk's subtree, in
	// Vietnamese order, for the pickers.
	NeedsOrg bool
	Org      int64
	Orgs     []tdkt.Org
	// Skipped are the header rows below the first and the signature footer, which
	// the reader left out.
	Skipped []sheet.Skipped
}

// ImportReport is what a committed import did.
type ImportReport struct {
	Rows, Created, Updated, Merged, Skipped int
}

// StageImport stores an uploaded file for the preview. The file must be readable and
// have a header row of the kind's columns.
func (s *Service) StageImport(ctx context.Context, actor *tdkt.Account, kind, fileName string, content []byte) (int64, error) {
	k, ok := ImportKindByCode(kind)
	if !ok {
		return 0, invalid("kind", "Hãy chọn loại dữ liệu cần nhập.")
	}
	if err := canEdit(actor); err != nil {
		return 0, err
	}
	if len(content) == 0 {
		return 0, invalid("file", "Hãy chọn tệp Excel (.xlsx) hoặc CSV cần nhập.")
	}
	if len(content) > MaxImportBytes {
		return 0, invalid("file", "Tệp lớn hơn 50 MB; hãy chia thành nhiều tệp.")
	}
	sum := sha256.Sum256(content)
	t, err := s.jobs.files.get(k.Code+"|"+hex.EncodeToString(sum[:]), func() (*sheet.Table, error) { return sheet.Read(content, k.Headers()) })
	if err != nil {
		return 0, invalid("file", err.Error())
	}
	mapping, _ := json.Marshal(k.AutoMap(t.Header))
	x := sqldb.Import{Kind: k.Code, OrgID: actor.OrgID, AccountID: actor.ID, FileName: vn.NFC(fileName), SHA256: hex.EncodeToString(sum[:]),
		Mapping: string(mapping), Rows: len(t.Rows), CreatedAt: s.stamp()}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error { return tx.InsertImport(ctx, &x, content) })
	return x.ID, err
}

func invalid(field, msg string) error {
	return &tdkt.Error{Code: tdkt.EInvalid, Message: msg, Fields: map[string]string{field: msg}}
}

// parsedFiles keeps the last files read, by kind and SHA-256: the preview, the
// start and the commit of one import read the same file, and reading a 100,000-row
// workbook costs seconds. Tables are never changed once read.
//
// It keeps at most parsedKept tables and at most parsedBudget bytes of them, as
// sheet.Table.Size estimates from their cells: a 100,000-row staff list of 20
// columns is about 60 MB, so two of them fit; older tables are dropped first, and
// a table larger than the whole budget is not kept (each step reads it again).
type parsedFiles struct {
	mu    sync.Mutex
	keys  []string // oldest first
	byID  map[string]parsedFile
	bytes int64
	// budget is parsedBudget; a test sets a smaller one.
	budget int64
}

type parsedFile struct {
	t    *sheet.Table
	size int64
}

const (
	parsedKept   = 2
	parsedBudget = 128 << 20
)

func (c *parsedFiles) get(key string, read func() (*sheet.Table, error)) (*sheet.Table, error) {
	c.mu.Lock()
	p, ok := c.byID[key]
	c.mu.Unlock()
	if ok {
		return p.t, nil
	}
	t, err := read()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID == nil {
		c.byID = map[string]parsedFile{}
	}
	if c.budget == 0 {
		c.budget = parsedBudget
	}
	size := t.Size()
	if _, ok := c.byID[key]; ok || size > c.budget {
		return t, nil
	}
	c.keys = append(c.keys, key)
	c.byID[key] = parsedFile{t, size}
	c.bytes += size
	for len(c.keys) > parsedKept || c.bytes > c.budget {
		c.bytes -= c.byID[c.keys[0]].size
		delete(c.byID, c.keys[0])
		c.keys = c.keys[1:]
	}
	return t, nil
}

// loadImport loads an import of the actor's subtree with its parsed file.
func (s *Service) loadImport(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (sqldb.Import, ImportKind, *sheet.Table, map[string]int, error) {
	x, err := tx.ImportByID(ctx, id)
	if err != nil {
		return x, ImportKind{}, nil, nil, err
	}
	if err := visible(actor, x.OrgPath, "lần nhập dữ liệu"); err != nil {
		return x, ImportKind{}, nil, nil, err
	}
	k, _ := ImportKindByCode(x.Kind)
	t, err := s.jobs.files.get(x.Kind+"|"+x.SHA256, func() (*sheet.Table, error) {
		content, err := tx.ImportContent(ctx, id)
		if err != nil {
			return nil, err
		}
		t, err := sheet.Read(content, k.Headers())
		if err != nil {
			return nil, invalid("file", err.Error())
		}
		return t, nil
	})
	if err != nil {
		return x, k, nil, nil, err
	}
	m := k.AutoMap(t.Header)
	_ = decodeMapping(x.Mapping, m)
	return x, k, t, m, nil
}

// decodeMapping reads an import's stored mapping (fields and the unit choices)
// over m.
func decodeMapping(s string, m map[string]int) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), &m)
}

func encodeMapping(m map[string]int) string {
	b, _ := json.Marshal(m)
	return string(b)
}

// Imports lists the latest imports of the actor's subtree.
func (s *Service) Imports(ctx context.Context, actor *tdkt.Account) (out []sqldb.Import, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		out, err = tx.ImportsIn(ctx, actor.OrgPath, 50)
		return err
	})
	return out, err
}

// PreviewImport validates every row of a staged import against the records, with the
// clerk's decisions so far (row → DecideMerge …; nil for none).
func (s *Service) PreviewImport(ctx context.Context, actor *tdkt.Account, id int64, decisions map[int]string) (p ImportPreview, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		x, k, t, m, err := s.loadImport(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if x.Status == "queued" || x.Status == "committed" {
			// The rows are (being) written: checked again now they would all be
			// duplicates of themselves. The report says what happened.
			p = (&analysis{}).preview(x, k, t, m)
			return nil
		}
		a, err := s.analyse(ctx, tx, actor, k, t, m, decisions)
		if err != nil {
			return err
		}
		p = a.preview(x, k, t, m)
		return nil
	})
	return p, err
}

// SetImportMapping changes which file column fills which field; mapping holds a
// column index per field, -1 for none.
func (s *Service) SetImportMapping(ctx context.Context, actor *tdkt.Account, id int64, mapping map[string]int) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		x, err := tx.ImportByID(ctx, id)
		if err != nil {
			return err
		}
		if err := visible(actor, x.OrgPath, "lần nhập dữ liệu"); err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		k, _ := ImportKindByCode(x.Kind)
		clean := map[string]int{}
		// The unit choices are kept with the mapping (import_units.go).
		old := map[string]int{}
		_ = decodeMapping(x.Mapping, old)
		for key, v := range old {
			if strings.HasPrefix(key, "@") {
				clean[key] = v
			}
		}
		used := map[int]string{}
		for _, c := range k.Columns {
			j, ok := mapping[c.Field]
			if !ok || j < 0 {
				clean[c.Field] = -1
				continue
			}
			if other, dup := used[j]; dup {
				o, _ := k.Column(other)
				return invalid("map_"+c.Field, "Cột "+sheet.ColumnLetter(j)+" đã được chọn cho «"+o.Header+"».")
			}
			used[j], clean[c.Field] = c.Field, j
		}
		b, _ := json.Marshal(clean)
		if err := tx.SetImportMapping(ctx, id, string(b)); err != nil {
			if tdkt.CodeOf(err) == tdkt.EConflict {
				return &tdkt.Error{Code: tdkt.EConflict, Message: "Tệp này đã được đưa vào ghi dữ liệu; không đổi cách ghép cột được nữa."}
			}
			return err
		}
		return nil
	})
}

// importPayload is the input of an import job.
type importPayload struct {
	ImportID  int64          `json:"import_id"`
	Decisions map[int]string `json:"decisions,omitempty"`
}

// StartImport queues the commit of an import as a background job, after checking
// every row once more. When a row is wrong or a close match is undecided, nothing is
// queued: the error is Invalid and the preview says why.
func (s *Service) StartImport(ctx context.Context, actor *tdkt.Account, id int64, decisions map[int]string) (jobID int64, p ImportPreview, err error) {
	var refused []RowError
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		x, k, t, m, err := s.loadImport(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		a, err := s.analyse(ctx, tx, actor, k, t, m, decisions)
		if err != nil {
			return err
		}
		p = a.preview(x, k, t, m)
		if err := p.refusal(); err != nil {
			refused = p.Errors
			return err
		}
		payload, _ := json.Marshal(importPayload{ImportID: id, Decisions: a.decisions()})
		if jobID, err = s.enqueue(ctx, tx, actor, JobImport, x.OrgID, string(payload), int64(len(t.Rows))); err != nil {
			return err
		}
		if err := tx.QueueImport(ctx, id, jobID); err != nil {
			if tdkt.CodeOf(err) == tdkt.EConflict {
				return &tdkt.Error{Code: tdkt.EConflict, Message: "Tệp này đã được đưa vào ghi dữ liệu."}
			}
			return err
		}
		return nil
	})
	if len(refused) > 0 {
		// The report keeps the errors of the last refused attempt.
		b, _ := json.Marshal(refused)
		_ = s.DB.Update(ctx, func(tx *sqldb.Tx) error { return tx.SetImportErrors(ctx, id, string(b)) })
	}
	return jobID, p, err
}

// refusal is the Invalid error that stops a commit, or nil.
func (p *ImportPreview) refusal() error {
	if len(p.Errors) == 0 && p.Undecided == 0 && p.UnitsUndecided == 0 {
		return nil
	}
	if len(p.Errors) == 0 && p.UnitsUndecided > 0 {
		return &tdkt.Error{Code: tdkt.EInvalid, Message: fmt.Sprintf("Còn %d tên đơn vị chưa có trong hồ sơ: hãy chọn tạo đơn vị trực thuộc hoặc ghép với đơn vị đã có.", p.UnitsUndecided)}
	}
	msg := fmt.Sprintf("Tệp có %d lỗi; chưa ghi gì vào cơ sở dữ liệu. Hãy sửa tệp rồi tải lên lại.", len(p.Errors))
	if len(p.Errors) == 0 {
		msg = fmt.Sprintf("Còn %d dòng gần trùng chưa chọn cách xử lý.", p.Undecided)
	}
	return &tdkt.Error{Code: tdkt.EInvalid, Message: msg}
}

// runImport is the import job: the whole file in one transaction, with the job's
// completion in it.
func (s *Service) runImport(ctx context.Context, run *JobRun) (string, error) {
	var in importPayload
	actor, err := s.jobInput(ctx, run, &in)
	if err != nil {
		return "", err
	}
	rep, refused, err := s.commitImport(ctx, actor, in.ImportID, run.Job.ID, in.Decisions, run.Progress, run.Complete)
	if err != nil {
		// When the process is stopping, the job waits for the next one and the
		// import stays queued for it; otherwise (refused, cancelled, failed) the
		// clerk may start it again.
		if ctx.Err() == nil || errors.Is(context.Cause(ctx), errCancelled) {
			s.failImport(in.ImportID, refused)
		}
		return "", err
	}
	b, _ := json.Marshal(rep)
	return string(b), nil
}

// failImport records, apart from the rolled-back commit, that an import did not go in.
func (s *Service) failImport(id int64, errs []RowError) {
	b, _ := json.Marshal(errs)
	ctx := context.Background()
	_ = s.DB.Update(ctx, func(tx *sqldb.Tx) error { return tx.FailImport(ctx, id, string(b)) })
}

// RunImport commits a staged import at once, in the calling process, reporting
// progress; the command line uses it. decisions are as for StartImport.
func (s *Service) RunImport(ctx context.Context, actor *tdkt.Account, id int64, decisions map[int]string,
	progress func(done, total int64, message string)) (ImportReport, *ImportPreview, error) {
	var p ImportPreview
	err := s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		x, k, t, m, err := s.loadImport(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		a, err := s.analyse(ctx, tx, actor, k, t, m, decisions)
		if err != nil {
			return err
		}
		p = a.preview(x, k, t, m)
		if err := p.refusal(); err != nil {
			return err
		}
		return tx.QueueImport(ctx, id, 0)
	})
	if err != nil {
		return ImportReport{}, &p, err
	}
	rep, refused, err := s.commitImport(ctx, actor, id, 0, decisions, progress, nil)
	if err != nil {
		s.failImport(id, refused)
		if len(refused) > 0 {
			p.Errors = refused
		}
	}
	return rep, &p, err
}

// commitImport writes an import in one transaction. It validates again inside it:
// the records may have changed since the preview. complete, when set, records the
// job's end in the same transaction. jobID is the job the import was queued for (0
// for the command line): a job that lost the import to a cancel and a restart must
// not write it.
func (s *Service) commitImport(ctx context.Context, actor *tdkt.Account, id, jobID int64, decisions map[int]string,
	progress func(done, total int64, message string), complete func(context.Context, *sqldb.Tx, string, string) error) (rep ImportReport, refused []RowError, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		x, k, t, m, err := s.loadImport(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if x.Status != "queued" || x.JobID != jobID {
			return &tdkt.Error{Code: tdkt.EConflict, Message: "Lần nhập này không ở trạng thái chờ ghi."}
		}
		progress(0, int64(len(t.Rows)), "Đang kiểm tra lại từng dòng…")
		a, err := s.analyse(ctx, tx, actor, k, t, m, decisions)
		if err != nil {
			return err
		}
		p := a.preview(x, k, t, m)
		if err := p.refusal(); err != nil {
			refused = p.Errors
			return err
		}
		// The rows written in bulk are covered by the import's one event (docs/audit.md).
		from, err := stateMaxIDs(ctx, tx)
		if err != nil {
			return err
		}
		if err := s.createUnits(ctx, tx, actor, a); err != nil {
			return err
		}
		if rep, err = s.write(ctx, tx, actor, k, a, progress); err != nil {
			return err
		}
		rep.Rows = len(t.Rows)
		x.Rows, x.Created, x.Updated, x.Merged, x.Skipped, x.CommittedAt = rep.Rows, rep.Created, rep.Updated, rep.Merged, rep.Skipped, s.stamp()
		if err := tx.FinishImport(ctx, &x); err != nil {
			return err
		}
		summary := map[string]any{"kind": x.Kind, "file_name": x.FileName, "sha256": x.SHA256, "rows": rep.Rows, "created": rep.Created,
			"updated": rep.Updated, "merged": rep.Merged, "skipped": rep.Skipped}
		if err := s.auditSnapshot(ctx, tx, actor, "import", "import", x.ID, x.OrgID, summary, from); err != nil {
			return err
		}
		msg := fmt.Sprintf("Đã nhập %d dòng: tạo mới %d, cập nhật %d, gộp %d, bỏ qua %d.", rep.Rows, rep.Created, rep.Updated, rep.Merged, rep.Skipped)
		progress(int64(rep.Rows), int64(rep.Rows), msg)
		if complete != nil {
			b, _ := json.Marshal(map[string]any{"import_id": x.ID, "rows": rep.Rows, "created": rep.Created, "updated": rep.Updated,
				"merged": rep.Merged, "skipped": rep.Skipped})
			return complete(ctx, tx, msg, string(b))
		}
		return nil
	})
	return rep, refused, err
}
