package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/sheet"
	"tdkt/sqldb"
)

// importsView is the page where a clerk uploads a file: the kinds with their
// templates, the upload form and the latest imports.
type importsView struct {
	Page
	Form
	Kinds   []core.ImportKind
	Options []option
	Imports []importLine
}

type importLine struct {
	sqldb.Import
	KindName, StatusLabel string
}

var importStatusLabels = map[string]string{"staged": "Chờ xem trước", "queued": "Đang ghi", "committed": "Đã ghi", "failed": "Chưa ghi được"}

func (h *handler) importsPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, form Form) {
	v := importsView{Page: h.page(r, "Nhập dữ liệu từ Excel", "imports"), Form: form, Kinds: core.ImportKinds}
	for _, k := range core.ImportKinds {
		v.Options = append(v.Options, option{k.Code, k.Name})
	}
	imps, err := h.svc.Imports(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	for _, x := range imps {
		k, _ := core.ImportKindByCode(x.Kind)
		v.Imports = append(v.Imports, importLine{Import: x, KindName: k.Name, StatusLabel: importStatusLabels[x.Status]})
	}
	h.render(w, r, status, "imports.html", v)
}

func (h *handler) importsList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := newForm()
	f.Values["kind"] = r.URL.Query().Get("kind")
	h.importsPage(w, r, actor, http.StatusOK, f)
}

// importUpload stores the file and shows its preview.
func (h *handler) importUpload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := newForm()
	refuse := func(field, msg string) {
		f.Errors[field] = msg
		h.importsPage(w, r, actor, http.StatusUnprocessableEntity, f)
	}
	r.Body = http.MaxBytesReader(w, r.Body, core.MaxImportBytes+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			refuse("file", "Tệp lớn hơn 50 MB; hãy chia thành nhiều tệp.")
			return
		}
		refuse("file", "Không đọc được tệp gửi lên.")
		return
	}
	f.Values["kind"] = r.FormValue("kind")
	file, hdr, err := r.FormFile("file")
	if err != nil {
		refuse("file", "Hãy chọn tệp Excel (.xlsx) hoặc CSV cần nhập.")
		return
	}
	defer file.Close()
	content, err := io.ReadAll(io.LimitReader(file, core.MaxImportBytes+1))
	if err != nil {
		refuse("file", "Không đọc được tệp gửi lên.")
		return
	}
	id, err := h.svc.StageImport(r.Context(), actor, f.Values["kind"], path.Base(hdr.Filename), content)
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			for k, m := range fields {
				f.Errors[k] = m
			}
			h.importsPage(w, r, actor, http.StatusUnprocessableEntity, f)
		})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/app/imports/%d", id), http.StatusSeeOther)
}

// previewView is the preview of an uploaded file, or the report of a committed one.
type previewView struct {
	Page
	core.ImportPreview
	Columns  []mapColumn
	Errors   []core.RowError // as many as the page shows
	More     int             // errors not shown
	Problem  string          // why the commit did not start
	Staff    bool
	Status   string
	Editable bool // staged or failed: the mapping and the commit are open
	// OrgChoices are the units of the clerk's subtree (Vietnamese order), for the
	// whole file's unit and for each unit name the file has that no unit bears.
	OrgChoices []option
	Units      []unitLine
}

// unitLine is a unit name of the file with its select: create it as a sub-unit, or
// one of the units (the closest first).
type unitLine struct {
	core.UnitChoice
	Field   string // the form field: "unit:" and the folded name
	Choices []option
	Chosen  string
}

// mapColumn is one field of the kind with the file column chosen for it.
type mapColumn struct {
	core.ImportColumn
	Choices []option
	Chosen  string
}

const errorsShown = 200

func (h *handler) importShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showImport(w, r, actor, http.StatusOK, nil, "")
}

func (h *handler) showImport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, decisions map[int]string, problem string) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	p, err := h.svc.PreviewImport(r.Context(), actor, id, decisions)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := previewView{Page: h.page(r, "Nhập dữ liệu: "+p.Kind.Name, "imports"), ImportPreview: p, Problem: problem, Staff: p.Kind.Staff,
		Status: importStatusLabels[p.Import.Status], Editable: p.Import.Status == "staged" || p.Import.Status == "failed"}
	v.Errors = p.Errors[:min(len(p.Errors), errorsShown)]
	v.More = len(p.Errors) - len(v.Errors)
	for _, c := range p.Kind.Columns {
		mc := mapColumn{ImportColumn: c, Chosen: strconv.Itoa(p.Mapping[c.Field]), Choices: []option{{"-1", "— không có —"}}}
		for j, hd := range p.Header {
			label := sheet.ColumnLetter(j)
			if hd != "" {
				label += ": " + hd
			}
			mc.Choices = append(mc.Choices, option{strconv.Itoa(j), label})
		}
		v.Columns = append(v.Columns, mc)
	}
	for _, o := range p.Orgs {
		v.OrgChoices = append(v.OrgChoices, option{strconv.FormatInt(o.ID, 10), o.Name + " (" + o.Code + ")"})
	}
	for _, u := range p.Units {
		l := unitLine{UnitChoice: u, Field: "unit:" + u.Key, Chosen: strconv.FormatInt(u.Choice, 10),
			Choices: []option{{"0", "— chưa chọn —"}, {strconv.FormatInt(core.UnitCreate, 10), "Tạo đơn vị trực thuộc mới «" + u.Name + "»"}}}
		first := append([]tdkt.Org(nil), u.Same...)
		if u.Closest != nil {
			first = append(first, *u.Closest)
		}
		for _, o := range first {
			l.Choices = append(l.Choices, option{strconv.FormatInt(o.ID, 10), "Gần giống nhất: " + o.Name + " (" + o.Code + ")"})
		}
		l.Choices = append(l.Choices, v.OrgChoices...)
		v.Units = append(v.Units, l)
	}
	h.render(w, r, status, "import.html", v)
}

// importMapping saves the clerk's choice of columns.
func (h *handler) importMapping(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	// r.PostForm is empty until the form is parsed: without this every field read
	// as unmapped, and the clerk's choice came back as "— không có —".
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, badForm(), nil)
		return
	}
	m := map[string]int{}
	units := map[string]int64{}
	for key, vals := range r.PostForm {
		if field, ok := strings.CutPrefix(key, "map_"); ok && len(vals) > 0 {
			j, err := strconv.Atoi(vals[0])
			if err != nil {
				j = -1
			}
			m[field] = j
		}
		if name, ok := strings.CutPrefix(key, "unit:"); ok && len(vals) > 0 {
			units[name], _ = strconv.ParseInt(vals[0], 10, 64)
		}
	}
	org, _ := strconv.ParseInt(r.PostForm.Get("unit_org"), 10, 64)
	err = h.svc.SetImportMapping(r.Context(), actor, id, m)
	if err == nil {
		err = h.svc.SetImportUnits(r.Context(), actor, id, org, units)
	}
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			msg := ""
			for _, v := range fields {
				msg = v
			}
			h.showImport(w, r, actor, http.StatusUnprocessableEntity, nil, msg)
		})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/app/imports/%d?saved=1", id), http.StatusSeeOther)
}

// importCommit starts the commit as a job and shows its progress.
func (h *handler) importCommit(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, badForm(), nil)
		return
	}
	decisions := map[int]string{}
	for key, vals := range r.PostForm {
		if row, ok := strings.CutPrefix(key, "dup_"); ok && len(vals) > 0 {
			if n, err := strconv.Atoi(row); err == nil {
				decisions[n] = vals[0]
			}
		}
	}
	jobID, _, err := h.svc.StartImport(r.Context(), actor, id, decisions)
	if err != nil {
		h.fail(w, r, err, func(map[string]string) {
			var e *tdkt.Error
			errors.As(err, &e)
			h.showImport(w, r, actor, http.StatusUnprocessableEntity, decisions, e.Message)
		})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/app/jobs/%d", jobID), http.StatusSeeOther)
}

// importErrors downloads the errors of a file as XLSX, to fix the file with.
func (h *handler) importErrors(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	p, err := h.svc.PreviewImport(r.Context(), actor, id, nil)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	var buf bytes.Buffer
	sw, err := sheet.NewXLSX(&buf, "Lỗi", "Dòng", "Cột", "Tên cột", "Lỗi", "Thông báo đầy đủ")
	if err == nil {
		for _, e := range p.Errors {
			if err = sw.Row(e.Row, e.Column, e.Header, e.Message, e.String()); err != nil {
				break
			}
		}
	}
	if err == nil {
		err = sw.Close()
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	sendFile(w, fmt.Sprintf("loi-nhap-du-lieu-%d.xlsx", id), buf.Bytes())
}

// importTemplate downloads the template of a kind.
func (h *handler) importTemplate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	code, ok := strings.CutSuffix(r.PathValue("file"), ".xlsx")
	k, known := core.ImportKindByCode(code)
	if !ok || !known {
		h.fail(w, r, tdkt.NotFound("tệp mẫu"), nil)
		return
	}
	var buf bytes.Buffer
	if err := core.ImportTemplate(&buf, k); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	sendFile(w, "mau-"+k.Code+".xlsx", buf.Bytes())
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func sendFile(w http.ResponseWriter, name string, content []byte) {
	typ := xlsxType
	switch {
	case strings.HasSuffix(name, ".pdf"):
		typ = "application/pdf"
	case strings.HasSuffix(name, ".zip"):
		typ = "application/zip"
	case !strings.HasSuffix(name, ".xlsx"):
		typ = "application/octet-stream"
	}
	w.Header().Set("Content-Type", typ)
	// A job's file may be named after a decision number ("12/QĐ-UBND"): the header is
	// built by contentDisposition, which quotes and encodes what a name may hold.
	w.Header().Set("Content-Disposition", contentDisposition(name))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(content)
}

// badForm is the answer to a form body that cannot be read.
func badForm() error {
	return &tdkt.Error{Code: tdkt.EInvalid, Message: "Không đọc được dữ liệu của biểu mẫu; hãy tải lại trang và thử lại."}
}
