package web

import (
	"net/http"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
)

// subjectSegs are the path segments of the three kinds of subject that carry records.
var subjectSegs = []string{"people", "collectives", "households"}

// subjectData is a subject with its per-year records, loaded through the use case
// that checks the account may see it.
type subjectData struct {
	Sub         tdkt.Subject
	Name, Base  string
	Ratings     []tdkt.YearRating
	Honours     []tdkt.Honour
	Initiatives []tdkt.Initiative
	Discipline  []tdkt.Discipline
}

// loadSubject loads the subject named by the path /app/{seg}/{id}/….
func (h *handler) loadSubject(r *http.Request, actor *tdkt.Account) (s subjectData, err error) {
	id, err := pathID(r, "id")
	if err != nil {
		return s, err
	}
	seg := strings.Split(r.URL.Path, "/")[2]
	s.Base = "/app/" + seg + "/" + id64(id)
	ctx := r.Context()
	switch seg {
	case "people":
		rec, err := h.svc.PersonRecord(ctx, actor, id)
		if err != nil {
			return s, err
		}
		s.Sub, s.Name = tdkt.Subject{Kind: tdkt.Individual, ID: id}, rec.Person.FullName
		s.Ratings, s.Honours, s.Initiatives, s.Discipline = rec.Ratings, rec.Honours, rec.Initiatives, rec.Discipline
	case "collectives":
		rec, err := h.svc.Collective(ctx, actor, id)
		if err != nil {
			return s, err
		}
		s.Sub, s.Name = tdkt.Subject{Kind: tdkt.Collective, ID: id}, rec.Collective.Name
		s.Ratings, s.Honours, s.Initiatives = rec.Ratings, rec.Honours, rec.Initiatives
	case "households":
		hh, honours, err := h.svc.Household(ctx, actor, id)
		if err != nil {
			return s, err
		}
		s.Sub, s.Name, s.Honours = tdkt.Subject{Kind: tdkt.Household, ID: id}, "Hộ "+hh.HeadName, honours
	default:
		return s, tdkt.NotFound("trang này")
	}
	return s, nil
}

// recordKind describes one kind of per-year record: how its form maps to the entity
// and which use case saves it.
type recordKind struct {
	seg, title string
	noun       string // the title in lower case, for "Thêm …", "Sửa …"
	kind       core.RecordKind
	fields     []string
	// For tells which subjects carry this record: discipline is a person's only,
	// a household has titles and forms only.
	For   func(tdkt.SubjectKind) bool
	blank func() Form
	// find returns the edit form of record rid of the subject, if it has one.
	find func(s subjectData, rid int64) (Form, bool)
	// save parses the form and calls the use case; rid is 0 for a new record.
	save func(h *handler, r *http.Request, actor *tdkt.Account, s subjectData, f Form, rid int64) error
}

func (h *handler) recordNew(k *recordKind) appFunc {
	return func(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
		s, err := h.loadSubject(r, actor)
		if err == nil && !k.For(s.Sub.Kind) {
			err = tdkt.NotFound("trang này")
		}
		if err == nil && !actor.CanEditRecords() {
			err = tdkt.Forbidden()
		}
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		h.showRecordForm(w, r, http.StatusOK, k, s, k.blank(), 0)
	}
}

// editableRecord loads the {rid} record of the subject in the path as its form, for an
// account that may change it: the edit form and the deletion's confirmation start here.
func (h *handler) editableRecord(r *http.Request, actor *tdkt.Account, k *recordKind) (subjectData, Form, error) {
	s, err := h.loadSubject(r, actor)
	if err != nil {
		return s, Form{}, err
	}
	rid, _ := pathID(r, "rid")
	f, ok := k.find(s, rid)
	if !ok || !k.For(s.Sub.Kind) {
		return s, f, tdkt.NotFound("bản ghi")
	}
	if !actor.CanEditRecords() {
		return s, f, tdkt.Forbidden()
	}
	return s, f, nil
}

func (h *handler) recordEdit(k *recordKind) appFunc {
	return func(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
		s, f, err := h.editableRecord(r, actor, k)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		h.showRecordForm(w, r, http.StatusOK, k, s, f, atoi64(r.PathValue("rid")))
	}
}

func (h *handler) recordSave(k *recordKind) appFunc {
	return func(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
		s, err := h.loadSubject(r, actor)
		if err == nil && !k.For(s.Sub.Kind) {
			err = tdkt.NotFound("trang này")
		}
		var rid int64
		if err == nil && r.PathValue("rid") != "" {
			rid, err = pathID(r, "rid")
		}
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		f := formFrom(r, k.fields...)
		if err := k.save(h, r, actor, s, f, rid); err != nil {
			h.fail(w, r, err, func(fields map[string]string) {
				f.Errors = fields
				h.showRecordForm(w, r, http.StatusUnprocessableEntity, k, s, f, rid)
			})
			return
		}
		http.Redirect(w, r, s.Base+"?saved=1#"+k.seg, http.StatusSeeOther)
	}
}

// recordDeleteForm asks before a record is deleted (GET …/{rid}/delete), naming it.
func (h *handler) recordDeleteForm(k *recordKind) appFunc {
	return func(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
		s, f, err := h.editableRecord(r, actor, k)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		what := k.noun + " năm " + f.Values["year"]
		for _, key := range []string{"rating", "title", "form", "award"} {
			if v := f.Values[key]; v != "" {
				if l := tdkt.Label(v); l != "" {
					v = l
				}
				what += " («" + v + "»)"
				break
			}
		}
		base := s.Base + "/" + k.seg + "/" + r.PathValue("rid")
		h.render(w, r, http.StatusOK, "confirm.html", confirmView{Page: h.page(r, "Xóa "+k.noun, strings.Split(s.Base, "/")[2]),
			What: what + " của " + s.Name, Action: base + "/delete", Cancel: s.Base + "#" + k.seg, Version: f.Values["version"]})
	}
}

func (h *handler) recordDelete(k *recordKind) appFunc {
	return func(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
		s, err := h.loadSubject(r, actor)
		var rid int64
		if err == nil {
			rid, err = pathID(r, "rid")
		}
		if err == nil {
			err = h.svc.DeleteRecord(r.Context(), actor, k.kind, rid, atoi(r.PostFormValue("version")))
		}
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		http.Redirect(w, r, s.Base+"?done=deleted_"+string(k.kind)+"&undo="+string(k.kind)+"-"+id64(rid)+"#"+k.seg, http.StatusSeeOther)
	}
}

// recordFormView is the form of one per-year record.
type recordFormView struct {
	Page
	Form
	Kind, Subject  string
	Action, Cancel string
	Editing        bool
	Awards         []option
}

func (h *handler) showRecordForm(w http.ResponseWriter, r *http.Request, status int, k *recordKind, s subjectData, f Form, rid int64) {
	v := recordFormView{Page: h.page(r, k.title+": "+s.Name, strings.Split(s.Base, "/")[2]), Form: f, Kind: k.seg, Subject: s.Name,
		Action: s.Base + "/" + k.seg, Cancel: s.Base + "#" + k.seg}
	if rid != 0 {
		v.Editing, v.Action = true, s.Base+"/"+k.seg+"/"+id64(rid)+"/edit"
		v.Title = "Sửa " + k.noun + ": " + s.Name
	} else {
		v.Title = "Thêm " + k.noun + ": " + s.Name
	}
	for _, a := range tdkt.Awards {
		if a.For(s.Sub.Kind) {
			v.Awards = append(v.Awards, option{Value: a.Code, Label: a.Name})
		}
	}
	h.render(w, r, status, "record_form.html", v)
}

// invalid merges the problems found while reading a form with those of the domain's
// validation, so that the form shows every message at once, and returns the EInvalid
// error (or nil when there is none).
func invalid(local tdkt.Problems, validate func() error) error {
	if len(local) == 0 {
		return nil
	}
	if e, ok := validate().(*tdkt.Error); ok && e != nil {
		for k, m := range e.Fields {
			local.Add(k, m)
		}
	}
	return local.Err()
}

// yearField reads a year; an unreadable one becomes 0, which validation refuses.
func yearField(v string) int { n, _ := strconv.Atoi(strings.TrimSpace(v)); return n }

// recordUndo puts back a record the account just deleted (POST /app/undo/{kind}/{id})
// and returns to the page it came from.
func (h *handler) recordUndo(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	kind := r.PathValue("kind")
	id, err := pathID(r, "id")
	if err == nil && !undoable[kind] {
		err = tdkt.NotFound("bản ghi")
	}
	if err == nil {
		_, err = h.svc.UndoDelete(r.Context(), actor, core.RecordKind(kind), id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	back := localPath(r.PostFormValue("back"))
	if !strings.HasPrefix(back, "/app/") {
		back = "/app/"
	}
	http.Redirect(w, r, back+"?saved=1", http.StatusSeeOther)
}
