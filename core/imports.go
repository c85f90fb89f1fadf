package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

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
type parsedFiles struct {
	mu   sync.Mutex
	keys []string
	byID map[string]*sheet.Table
}

const parsedKept = 2

func (c *parsedFiles) get(key string, read func() (*sheet.Table, error)) (*sheet.Table, error) {
	c.mu.Lock()
	t, ok := c.byID[key]
	c.mu.Unlock()
	if ok {
		return t, nil
	}
	t, err := read()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID == nil {
		c.byID = map[string]*sheet.Table{}
	}
	if _, ok := c.byID[key]; !ok {
		c.keys = append(c.keys, key)
		c.byID[key] = t
		if len(c.keys) > parsedKept {
			delete(c.byID, c.keys[0])
			c.keys = c.keys[1:]
		}
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
	if x.Mapping != "" {
		_ = json.Unmarshal([]byte(x.Mapping), &m)
	}
	return x, k, t, m, nil
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
	if len(p.Errors) == 0 && p.Undecided == 0 {
		return nil
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
	if err := json.Unmarshal([]byte(run.Job.Payload), &in); err != nil {
		return "", err
	}
	actor, err := s.jobActor(ctx, run.Job)
	if err != nil {
		return "", err
	}
	rep, refused, err := s.commitImport(ctx, actor, in.ImportID, in.Decisions, run.Progress, run.Complete)
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
	rep, refused, err := s.commitImport(ctx, actor, id, decisions, progress, nil)
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
// job's end in the same transaction.
func (s *Service) commitImport(ctx context.Context, actor *tdkt.Account, id int64, decisions map[int]string,
	progress func(done, total int64, message string), complete func(context.Context, *sqldb.Tx, string, string) error) (rep ImportReport, refused []RowError, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		x, k, t, m, err := s.loadImport(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if x.Status != "queued" {
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
		if err := s.audit(ctx, tx, actor, "import", "import", x.ID, tdkt.Subject{}, x.OrgID, nil, summary); err != nil {
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

// ---- analysis: every row parsed, validated and matched against the records ----

// planned is one good row, ready to write.
type planned struct {
	row    int
	person tdkt.Person // staff: the person as the file has them (OrgID set)
	match  *sqldb.PersonMatch
	// decision for a matched row: merge, new or skip
	decision string
	// record files
	rating     tdkt.YearRating
	initiative tdkt.Initiative
	honour     tdkt.Honour
}

type analysis struct {
	kind     ImportKind
	errs     []RowError
	dups     []Duplicate
	plan     []*planned
	given    map[int]string
	undecide int
	m        map[string]int
	required map[string]bool
	memo     map[string]string // field and cell → code, for choice columns
}

func (a *analysis) decisions() map[int]string {
	out := map[int]string{}
	for _, p := range a.plan {
		if p.match != nil {
			out[p.row] = p.decision
		}
	}
	return out
}

func (a *analysis) preview(x sqldb.Import, k ImportKind, t *sheet.Table, m map[string]int) ImportPreview {
	p := ImportPreview{Import: x, Kind: k, Header: t.Header, HeaderRow: t.HeaderRow, Mapping: m, Rows: len(t.Rows),
		Errors: a.errs, Duplicates: a.dups, Undecided: a.undecide}
	for i := 0; i < len(t.Rows) && i < 5; i++ {
		line := make([]string, len(k.Columns))
		for j, c := range k.Columns {
			line[j] = t.Rows[i].Cell(m[c.Field])
		}
		p.Sample = append(p.Sample, line)
	}
	return p
}

// cellReader reads the fields of one row and collects its errors.
type cellReader struct {
	a   *analysis
	row sheet.Row
	m   map[string]int
	bad bool
}

func (c *cellReader) fail(field, msg string) {
	c.bad = true
	col, known := c.a.kind.Column(field)
	j, mapped := c.m[field]
	if !known {
		c.a.errs = append(c.a.errs, RowError{Row: c.row.Num, Message: msg})
		return
	}
	if !mapped || j < 0 {
		c.a.errs = append(c.a.errs, RowError{Row: c.row.Num, Message: col.Header + ": " + msg})
		return
	}
	c.a.errs = append(c.a.errs, RowError{Row: c.row.Num, Column: sheet.ColumnLetter(j), Header: col.Header, Message: msg})
}

func (c *cellReader) text(field string) string {
	j, ok := c.m[field]
	if !ok {
		return ""
	}
	v := c.row.Cell(j) // the reader gives NFC text
	if v == "" && c.a.required[field] {
		c.fail(field, "không được để trống")
	}
	return v
}

func (c *cellReader) date(field string) string {
	v := c.text(field)
	if v == "" {
		return ""
	}
	if d, ok := sheet.SerialDate(v); ok && !strings.ContainsAny(v, "/-.") {
		return d
	}
	d, err := vn.ParseDate(v)
	if err != nil {
		c.fail(field, "'"+v+"' không phải ngày hợp lệ (dd/mm/yyyy)")
		return ""
	}
	return d
}

func (c *cellReader) choice(field string, ch choices, what string) string {
	v := c.text(field)
	if v == "" {
		return ""
	}
	// A column of codes holds a handful of spellings: each is folded once.
	key := field + "\x00" + v
	code, ok := c.a.memo[key]
	if !ok {
		code, ok = ch.get(v)
		if !ok {
			code = "\x00"
		}
		c.a.memo[key] = code
	}
	if code == "\x00" {
		c.fail(field, "'"+v+"' không phải "+what+" hợp lệ")
		return ""
	}
	return code
}

func (c *cellReader) number(field string) int64 {
	v := c.text(field)
	if v == "" {
		return 0
	}
	clean := strings.NewReplacer(".", "", ",", "", " ", "").Replace(v)
	if f, err := strconv.ParseFloat(v, 64); err == nil && f == float64(int64(f)) {
		return int64(f) // a number cell: "2024" or "2024.0"
	}
	n, err := strconv.ParseInt(clean, 10, 64)
	if err != nil {
		c.fail(field, "'"+v+"' không phải số")
	}
	return n
}

// cccd reads a citizen ID; a number cell lost its leading zeros, which come back.
func (c *cellReader) cccd(field string) string {
	v := strings.ReplaceAll(c.text(field), " ", "")
	if v != "" && len(v) < 12 && len(v) >= 9 && strings.Trim(v, "0123456789") == "" {
		v = strings.Repeat("0", 12-len(v)) + v
	}
	return v
}

// problems turns a domain validation error into errors of the row's cells.
func (c *cellReader) problems(err error, fields map[string]string) {
	if err == nil {
		return
	}
	e, ok := err.(*tdkt.Error)
	if !ok || len(e.Fields) == 0 {
		c.fail("", err.Error())
		return
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := fields[k]
		if f == "" || c.m[f] < 0 {
			if k == "org_id" {
				f = "unit"
			} else {
				c.bad = true
				c.a.errs = append(c.a.errs, RowError{Row: c.row.Num, Message: e.Fields[k]})
				continue
			}
		}
		c.fail(f, e.Fields[k])
	}
}

// personFields maps the fields of tdkt.Person.Validate to the import's fields.
var personFields = map[string]string{"full_name": "name", "sex": "sex", "birth_date": "birth", "hired_on": "hired", "ethnicity": "ethnicity",
	"position": "position", "cccd": "cccd", "group": "group", "org_id": "unit"}

var recordFields = map[string]string{"year": "year", "rating": "rating", "note": "note", "title": "title", "scope": "scope",
	"decision_no": "decision_no", "decision_on": "decision_on", "recognised_by": "issuer", "award": "award", "period_from": "period_from",
	"kind": "kind", "decision_date": "decision_on", "signer": "signer", "issuer": "issuer", "amount_vnd": "amount"}

// analyse reads every row, validates it as the forms do, finds the duplicates within
// the file and against the records, and plans the writes.
func (s *Service) analyse(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, k ImportKind, t *sheet.Table, m map[string]int,
	given map[int]string) (*analysis, error) {
	a := &analysis{kind: k, given: given, m: m, required: map[string]bool{}, memo: map[string]string{}}
	for _, c := range k.Columns {
		a.required[c.Field] = c.Required
		if c.Required && m[c.Field] < 0 {
			a.errs = append(a.errs, RowError{Row: t.HeaderRow, Message: "Thiếu cột «" + c.Header + "»: hãy chọn cột tương ứng của tệp."})
		}
	}
	if len(a.errs) > 0 {
		return a, nil
	}
	orgs, err := tx.OrgsUnder(ctx, actor.OrgPath)
	if err != nil {
		return nil, err
	}
	byCode := map[string]tdkt.Org{}
	for _, o := range orgs {
		byCode[strings.ToUpper(o.Code)] = o
	}
	now := s.Now()
	seen := map[string]int{} // file-internal key → first row
	for _, row := range t.Rows {
		c := &cellReader{a: a, row: row, m: m}
		p := &planned{row: row.Num}
		unit := c.text("unit")
		var org tdkt.Org
		if unit != "" {
			var ok bool
			if org, ok = byCode[strings.ToUpper(unit)]; !ok {
				c.fail("unit", "mã đơn vị '"+unit+"' không có hoặc nằm ngoài phạm vi của bạn")
			}
		}
		person := tdkt.Person{OrgID: org.ID, OrgName: org.Name, FullName: c.text("name"), BirthDate: c.date("birth"), CCCD: c.cccd("cccd")}
		if k.Staff {
			person.Sex = tdkt.Sex(c.choice("sex", sexChoices, "giới tính (Nam/Nữ)"))
			person.Ethnicity = c.text("ethnicity")
			person.Group = tdkt.Group(c.choice("group", groupChoices, "nhóm đối tượng"))
			if person.Group == "" && c.text("group") == "" {
				person.Group = tdkt.GroupOfficials
			}
			person.Position = c.text("position")
			person.Leader = c.choice("leader", yesChoices, "giá trị Có/Không") == "1"
			person.HiredOn = c.date("hired")
			if !c.bad {
				c.problems(person.Validate(now), personFields)
			}
		} else if person.CCCD != "" && !c.bad {
			if err := tdkt.CheckCCCD(person.CCCD, "", person.BirthDate); err != nil {
				c.fail("cccd", "Số CCCD không hợp lệ: "+err.Error()+".")
			}
		}
		p.person = person
		switch k.Code {
		case "ratings":
			p.rating = tdkt.YearRating{Year: int(c.number("year")), Rating: tdkt.Rating(c.choice("rating", ratingChoices, "mức xếp loại")), Note: c.text("note")}
			if !c.bad {
				c.problems(p.rating.Validate(now), recordFields)
			}
		case "initiatives":
			p.initiative = tdkt.Initiative{Year: int(c.number("year")), Title: c.text("title"), Scope: tdkt.Scope(c.choice("scope", scopeChoices, "phạm vi")),
				DecisionNo: c.text("decision_no"), DecisionOn: c.date("decision_on"), RecognisedBy: c.text("issuer")}
			if !c.bad {
				c.problems(p.initiative.Validate(now), recordFields)
			}
		case "honours":
			h := tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Individual}, AwardCode: c.choice("award", awardChoices, "danh hiệu, hình thức trong danh mục"),
				Year: int(c.number("year")), PeriodFrom: int(c.number("period_from")), Kind: tdkt.RewardKind(c.choice("kind", kindChoices, "loại hình khen thưởng")),
				Decision:  tdkt.Decision{Number: c.text("decision_no"), Date: c.date("decision_on"), Signer: c.text("signer"), Issuer: c.text("issuer")},
				AmountVND: c.number("amount")}
			if !c.bad {
				c.problems(h.Validate(now), recordFields)
			}
			p.honour = h
		}
		if c.bad {
			continue
		}
		// Duplicates within the file.
		fold := vn.Fold(person.FullName)
		keys := []string{"n|" + fold + "|" + person.BirthDate}
		if person.CCCD != "" {
			keys = append(keys, "c|"+person.CCCD)
		}
		if !k.Staff {
			rec := ""
			switch k.Code {
			case "ratings":
				rec = strconv.Itoa(p.rating.Year)
			case "initiatives":
				rec = strconv.Itoa(p.initiative.Year) + "|" + vn.Fold(p.initiative.Title)
			case "honours":
				rec = p.honour.AwardCode + "|" + strconv.Itoa(p.honour.Year) + "|" + vn.Fold(p.honour.Decision.Number)
			}
			for i := range keys {
				keys[i] += "|" + rec
			}
		}
		dup := false
		for _, key := range keys {
			if first, ok := seen[key]; ok {
				a.errs = append(a.errs, RowError{Row: row.Num, Message: fmt.Sprintf("trùng với dòng %d của tệp (%s).", first, dupWhat(key, k.Staff))})
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		for _, key := range keys {
			seen[key] = row.Num
		}
		a.plan = append(a.plan, p)
	}
	if err := s.match(ctx, tx, actor, a); err != nil {
		return nil, err
	}
	sort.SliceStable(a.errs, func(i, j int) bool { return a.errs[i].Row < a.errs[j].Row })
	return a, nil
}

func dupWhat(key string, staff bool) string {
	what := "cùng họ tên và ngày sinh"
	if strings.HasPrefix(key, "c|") {
		what = "cùng số CCCD"
	}
	if !staff {
		what += ", cùng nội dung"
	}
	return what
}

// match finds the people the planned rows are: by citizen ID anywhere (a citizen ID
// outside the actor's subtree is an error: that person belongs to another unit), by
// folded name and birth date in the subtree, and the close matches (same folded
// name, same birth year, same unit).
func (s *Service) match(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, a *analysis) error {
	var ids, names []string
	nameSeen := map[string]bool{}
	for _, p := range a.plan {
		if p.person.CCCD != "" {
			ids = append(ids, p.person.CCCD)
		}
		if f := vn.Fold(p.person.FullName); !nameSeen[f] {
			nameSeen[f] = true
			names = append(names, f)
		}
	}
	byCCCD := map[string]sqldb.PersonMatch{}
	if err := tx.PeopleByCCCD(ctx, ids, func(m sqldb.PersonMatch) error { byCCCD[m.CCCD] = m; return nil }); err != nil {
		return err
	}
	byName := map[string][]sqldb.PersonMatch{}
	if err := tx.PeopleByNames(ctx, actor.OrgPath, names, func(m sqldb.PersonMatch) error {
		byName[m.NameFold] = append(byName[m.NameFold], m)
		return nil
	}); err != nil {
		return err
	}
	kept := a.plan[:0]
	for _, p := range a.plan {
		var found *sqldb.PersonMatch
		var reason string
		near := false
		if m, ok := byCCCD[p.person.CCCD]; ok && p.person.CCCD != "" {
			if !actor.Sees(m.OrgPath) {
				a.cellError(p.row, "cccd", "số CCCD này đã có trong hồ sơ của một đơn vị ngoài phạm vi của bạn")
				continue
			}
			found, reason = &m, "Trùng số CCCD"
		}
		if found == nil {
			fold := vn.Fold(p.person.FullName)
			for i, m := range byName[fold] {
				if m.BirthDate == p.person.BirthDate && (p.person.CCCD == "" || m.CCCD == "" || m.CCCD == p.person.CCCD) {
					found, reason = &byName[fold][i], "Trùng họ tên và ngày sinh"
					break
				}
			}
			if found == nil {
				for i, m := range byName[fold] {
					if m.OrgID == p.person.OrgID && len(m.BirthDate) >= 4 && len(p.person.BirthDate) >= 4 && m.BirthDate[:4] == p.person.BirthDate[:4] &&
						(p.person.CCCD == "" || m.CCCD == "") {
						found, reason, near = &byName[fold][i], "Gần trùng: cùng họ tên, cùng năm sinh, cùng đơn vị", true
						break
					}
				}
			}
		}
		if found == nil {
			if !a.kind.Staff {
				a.errs = append(a.errs, RowError{Row: p.row, Message: "không tìm thấy cá nhân «" + p.person.FullName + "» (ngày sinh " +
					vn.FormatDate(p.person.BirthDate) + ") trong phạm vi của bạn; hãy nhập danh sách cán bộ trước"})
				continue
			}
			kept = append(kept, p)
			continue
		}
		p.match = found
		d := Duplicate{Row: p.row, Name: p.person.FullName, BirthDate: p.person.BirthDate, Unit: p.person.OrgName, PersonID: found.ID,
			ExistingName: found.FullName, ExistingBirth: found.BirthDate, ExistingUnit: found.OrgName, Close: near, Reason: reason}
		p.decision = a.given[p.row]
		switch {
		case p.decision == DecideMerge, p.decision == DecideNew && a.kind.Staff, p.decision == DecideSkip && !a.kind.Staff:
		case near:
			p.decision = ""
			a.undecide++
		default:
			p.decision = DecideMerge
		}
		if p.decision == DecideNew && p.person.CCCD != "" && found.CCCD == p.person.CCCD {
			a.cellError(p.row, "cccd", "không thể tạo người mới trùng số CCCD với «"+found.FullName+"»; hãy chọn gộp")
			continue
		}
		d.Decision = p.decision
		// Only the duplicates of a staff list, and the close matches of a list of
		// records, are the clerk's to decide: a record attached to the person it names
		// is the ordinary case.
		if a.kind.Staff || near {
			a.dups = append(a.dups, d)
		}
		kept = append(kept, p)
	}
	a.plan = kept
	return nil
}

// cellError adds an error of a row's cell found after the row was read.
func (a *analysis) cellError(row int, field, msg string) {
	c := &cellReader{a: a, row: sheet.Row{Num: row}, m: a.m}
	c.fail(field, msg)
}

// ---- writing ----

const writeBatch = 2000

// write stores the planned rows; tx is the import's one transaction.
func (s *Service) write(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, k ImportKind, a *analysis,
	progress func(done, total int64, message string)) (rep ImportReport, err error) {
	total := int64(len(a.plan))
	now := s.stamp()
	today := s.Now().Format("2006-01-02")
	for start := 0; start < len(a.plan); start += writeBatch {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		part := a.plan[start:min(start+writeBatch, len(a.plan))]
		if k.Staff {
			err = s.writePeople(ctx, tx, actor, part, now, today, &rep)
		} else {
			err = s.writeRecords(ctx, tx, k, part, &rep)
		}
		if err != nil {
			return rep, err
		}
		progress(int64(start+len(part)), total, fmt.Sprintf("Đã ghi %d/%d dòng…", start+len(part), total))
	}
	return rep, nil
}

func (s *Service) writePeople(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, part []*planned, now, today string, rep *ImportReport) error {
	var fresh []*tdkt.Person
	for _, p := range part {
		switch {
		case p.match == nil || p.decision == DecideNew:
			fresh = append(fresh, &p.person)
		case p.decision == DecideMerge:
			if err := s.mergePerson(ctx, tx, actor, p, today, now); err != nil {
				return err
			}
			rep.Merged++
		default:
			rep.Skipped++
		}
	}
	if err := tx.InsertPeople(ctx, fresh, now); err != nil {
		return err
	}
	ms := make([]tdkt.Membership, 0, len(fresh))
	for _, p := range fresh {
		from := p.HiredOn
		if from == "" {
			from = today
		}
		ms = append(ms, tdkt.Membership{PersonID: p.ID, OrgID: p.OrgID, Position: p.Position, Leader: p.Leader, From: from})
	}
	rep.Created += len(fresh)
	return tx.InsertMemberships(ctx, ms)
}

// mergePerson updates an existing person with the file's values (an empty cell keeps
// what the record has), moving them when the unit changed, as UpdatePerson does. A
// name that differs only in case or diacritics keeps the recorded spelling: lists
// typed in a hurry ("nguyen thi hong nhung") are how such rows were matched.
func (s *Service) mergePerson(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, p *planned, today, now string) error {
	before, _, err := tx.PersonByID(ctx, p.match.ID)
	if err != nil {
		return err
	}
	after := before
	f := p.person
	if vn.Fold(f.FullName) != vn.Fold(before.FullName) {
		after.FullName = f.FullName
	}
	after.Sex, after.Group, after.Leader = f.Sex, f.Group, f.Leader
	for _, kv := range []struct {
		dst *string
		v   string
	}{{&after.BirthDate, f.BirthDate}, {&after.Ethnicity, f.Ethnicity}, {&after.CCCD, f.CCCD},
		{&after.Position, f.Position}, {&after.HiredOn, f.HiredOn}} {
		if kv.v != "" {
			*kv.dst = kv.v
		}
	}
	after.OrgID = f.OrgID
	if after.OrgID != before.OrgID || after.Position != before.Position {
		day, _ := time.Parse("2006-01-02", today)
		if err := tx.EndMemberships(ctx, after.ID, day.AddDate(0, 0, -1).Format("2006-01-02")); err != nil {
			return err
		}
		m := tdkt.Membership{PersonID: after.ID, OrgID: after.OrgID, Position: after.Position, Leader: after.Leader, From: today}
		if err := tx.InsertMembership(ctx, &m); err != nil {
			return err
		}
	}
	if err := tx.UpdatePerson(ctx, &after, now); err != nil {
		return err
	}
	before.OrgName, after.OrgName = "", ""
	return s.audit(ctx, tx, actor, "update", "person", after.ID, tdkt.Subject{Kind: tdkt.Individual, ID: after.ID}, after.OrgID, before, after)
}

func (s *Service) writeRecords(ctx context.Context, tx *sqldb.Tx, k ImportKind, part []*planned, rep *ImportReport) error {
	var ids []int64
	for _, p := range part {
		if p.match != nil {
			ids = append(ids, p.match.ID)
		}
	}
	table := map[string]string{"ratings": "ratings", "initiatives": "initiatives", "honours": "honours"}[k.Code]
	existing, err := tx.RecordKeys(ctx, table, ids)
	if err != nil {
		return err
	}
	for _, p := range part {
		if p.match == nil || p.decision == DecideSkip {
			rep.Skipped++
			continue
		}
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: p.match.ID}
		switch k.Code {
		case "ratings":
			x := p.rating
			x.Subject = sub
			if id, ok := existing[sqldb.RecordKey(sub.ID, x.Year, "")]; ok {
				old, err := tx.RatingByID(ctx, id)
				if err != nil {
					return err
				}
				if old.Rating == x.Rating && old.Note == x.Note {
					rep.Skipped++
					continue
				}
				x.ID, x.Version = id, old.Version
				if err := tx.UpdateRating(ctx, &x); err != nil {
					return err
				}
				rep.Updated++
				continue
			}
			if err := tx.InsertRating(ctx, &x); err != nil {
				return err
			}
		case "initiatives":
			x := p.initiative
			x.Subject = sub
			if _, ok := existing[sqldb.RecordKey(sub.ID, x.Year, vn.Fold(x.Title))]; ok {
				rep.Skipped++
				continue
			}
			if err := tx.InsertInitiative(ctx, &x); err != nil {
				return err
			}
		case "honours":
			x := p.honour
			x.Subject = sub
			if _, ok := existing[sqldb.RecordKey(sub.ID, x.Year, x.AwardCode+"|"+x.Decision.Number)]; ok {
				rep.Skipped++
				continue
			}
			if err := tx.InsertHonour(ctx, &x, p.match.OrgID); err != nil {
				return err
			}
		}
		rep.Created++
	}
	return nil
}
