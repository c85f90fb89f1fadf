package web

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/vn"
)

// The emulation movements: the list of those the account's units launched or
// received, the form, and the movement's page with its plans, check-ins, reviews
// and rewards.

type movementListView struct {
	Page
	Rows    []tdkt.Movement
	CanEdit bool
	Stats   core.MovementStats
}

func (h *handler) movementList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	list, err := h.svc.Movements(r.Context(), actor)
	if f := listFormat(r); f != "" && err == nil {
		h.movementExport(w, r, actor, f, list)
		return
	}
	var st core.MovementStats
	if err == nil {
		st, err = h.svc.MovementStats(r.Context(), actor, h.svc.Now().Year())
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := movementListView{Page: h.page(r, "Phong trào thi đua", "movements"), Rows: list, CanEdit: actor.CanEditRecords(), Stats: st}
	v.Downloads = downloadsFor(r)
	h.render(w, r, http.StatusOK, "movements.html", v)
}

type movementFormView struct {
	Page
	Form
	Orgs, Scopes, Methods []option
	Parent                string
	Action, Cancel        string
}

var movementFields = []string{"org_id", "parent_id", "name", "objectives", "scope", "participants", "method", "criteria", "starts_on", "ends_on", "plan", "version"}

// criteriaText writes criteria one per line, "text | points".
func criteriaText(cs []tdkt.Criterion) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.Text)
		if c.Points != 0 {
			b.WriteString(" | " + strconv.FormatFloat(c.Points, 'f', -1, 64))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// parseCriteria reads the criteria box back: a line per criterion, with its points
// after a "|" when it has any.
func parseCriteria(s string) []tdkt.Criterion {
	var out []tdkt.Criterion
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		c := tdkt.Criterion{Text: line}
		if i := strings.LastIndex(line, "|"); i >= 0 {
			if p, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(line[i+1:], ",", ".")), 64); err == nil {
				c.Text, c.Points = strings.TrimSpace(line[:i]), p
			}
		}
		out = append(out, c)
	}
	return out
}

func labelOptions[T ~string](codes []T) []option {
	var out []option
	for _, c := range codes {
		out = append(out, option{Value: string(c), Label: tdkt.MovementLabels[string(c)]})
	}
	return out
}

func (h *handler) movementForm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, f Form, action, parent string) {
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	title := "Phát động phong trào thi đua"
	if parent != "" {
		title = "Kế hoạch triển khai: " + parent
	}
	if f.Values["version"] != "" && f.Values["version"] != "0" {
		title = "Sửa phong trào thi đua"
	}
	h.render(w, r, status, "movement_form.html", movementFormView{Page: h.page(r, title, "movements"), Form: f, Orgs: orgOptions(orgs),
		Scopes: labelOptions(tdkt.MovementScopes), Methods: labelOptions(tdkt.MovementMethods), Parent: parent, Action: action, Cancel: "/app/movements"})
}

func (h *handler) movementNew(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := newForm()
	f.Values["org_id"], f.Values["scope"], f.Values["method"] = id64(actor.OrgID), string(tdkt.MovementUnitwide), string(tdkt.MethodThematic)
	parent := ""
	if pid := atoi64(r.URL.Query().Get("parent")); pid != 0 {
		v, err := h.svc.GetMovement(r.Context(), actor, pid)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		f.Values["parent_id"], parent = id64(pid), v.Movement.Name
		f.Values["method"], f.Values["criteria"] = string(v.Movement.Method), criteriaText(v.Movement.Criteria)
		f.Values["starts_on"], f.Values["ends_on"] = vn.FormatDate(v.Movement.StartsOn), vn.FormatDate(v.Movement.EndsOn)
	}
	h.movementForm(w, r, actor, http.StatusOK, f, "/app/movements/new", parent)
}

func movementOf(f Form) tdkt.Movement {
	return tdkt.Movement{OrgID: atoi64(f.Values["org_id"]), ParentID: atoi64(f.Values["parent_id"]), Name: f.Values["name"],
		Objectives: f.Values["objectives"], Scope: tdkt.MovementScope(f.Values["scope"]), Participants: f.Values["participants"],
		Method: tdkt.MovementMethod(f.Values["method"]), Criteria: parseCriteria(f.Values["criteria"]), StartsOn: isoDate(f.Values["starts_on"]),
		EndsOn: isoDate(f.Values["ends_on"]), Plan: f.Values["plan"], Version: atoi(f.Values["version"])}
}

func movementForm(r *http.Request) Form {
	f := formFrom(r, movementFields...)
	for _, n := range []string{"objectives", "participants", "criteria", "plan"} {
		f.Values[n] = vn.NFCText(r.PostFormValue(n))
	}
	return f
}

func (h *handler) movementCreate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := movementForm(r)
	m := movementOf(f)
	if err := h.svc.CreateMovement(r.Context(), actor, &m); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.movementForm(w, r, actor, http.StatusUnprocessableEntity, f, "/app/movements/new", f.Values["parent_id"])
		})
		return
	}
	http.Redirect(w, r, "/app/movements/"+id64(m.ID)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) movementEdit(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var v core.MovementView
	if err == nil {
		v, err = h.svc.GetMovement(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	m := v.Movement
	f := newForm()
	f.Values = map[string]string{"org_id": id64(m.OrgID), "name": m.Name, "objectives": m.Objectives, "scope": string(m.Scope),
		"participants": m.Participants, "method": string(m.Method), "criteria": criteriaText(m.Criteria), "starts_on": vn.FormatDate(m.StartsOn),
		"ends_on": vn.FormatDate(m.EndsOn), "plan": m.Plan, "version": strconv.Itoa(m.Version)}
	h.movementForm(w, r, actor, http.StatusOK, f, "/app/movements/"+id64(id)+"/edit", "")
}

func (h *handler) movementUpdate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := movementForm(r)
	m := movementOf(f)
	m.ID = id
	if err := h.svc.UpdateMovement(r.Context(), actor, &m); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.movementForm(w, r, actor, http.StatusUnprocessableEntity, f, "/app/movements/"+id64(id)+"/edit", "")
		})
		return
	}
	http.Redirect(w, r, "/app/movements/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

type movementView struct {
	Page
	core.MovementView
	LaunchLevel, Band   string
	CheckIn, Review     Form
	Orgs, ReviewKinds   []option
	CanLaunch, CanClose bool
	RewardKind          string
}

func (h *handler) movementShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showMovement(w, r, actor, http.StatusOK, nil)
}

func (h *handler) showMovement(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, adjust func(*movementView)) {
	id, err := pathID(r, "id")
	var mv core.MovementView
	if err == nil {
		mv, err = h.svc.GetMovement(r.Context(), actor, id)
	}
	var orgs []tdkt.Org
	if err == nil {
		orgs, err = h.svc.OrgTree(r.Context(), actor)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	m := mv.Movement
	v := movementView{Page: h.page(r, m.Name, "movements"), MovementView: mv, LaunchLevel: tdkt.MovementLabels[m.LaunchLevel()],
		Band: tdkt.MovementLabels[m.Band()], CheckIn: newForm(), Review: newForm(), Orgs: orgOptions(orgs), ReviewKinds: labelOptions(tdkt.ReviewKinds),
		CanLaunch: mv.CanRun && m.Status == tdkt.MovementDraft, CanClose: mv.CanRun && m.Status == tdkt.MovementFinalReview,
		RewardKind: string(tdkt.KindMovement)}
	if m.Method == tdkt.MethodThematic {
		v.RewardKind = string(tdkt.KindThematic)
	}
	v.CheckIn.Values["org_id"] = id64(actor.OrgID)
	v.Review.Values["kind"] = string(tdkt.ReviewMid)
	if adjust != nil {
		adjust(&v)
	}
	h.render(w, r, status, "movement.html", v)
}

func (h *handler) movementStatus(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		version := atoi(r.PostFormValue("version"))
		if r.PostFormValue("action") == "close" {
			_, err = h.svc.CloseMovement(r.Context(), actor, id, version)
		} else {
			_, err = h.svc.LaunchMovement(r.Context(), actor, id, version)
		}
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/movements/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) movementCheckIn(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		h.fail(w, r, &tdkt.Error{Code: tdkt.EInvalid, Message: "Không đọc được tệp gửi lên (tối đa 10 MB)."}, nil)
		return
	}
	f := newForm()
	for _, n := range []string{"org_id", "on", "text"} {
		f.Values[n] = vn.NFCText(r.FormValue(n))
	}
	in := core.CheckInInput{OrgID: atoi64(f.Values["org_id"]), On: isoDate(f.Values["on"]), Text: f.Values["text"]}
	if file, hdr, ferr := r.FormFile("file"); ferr == nil {
		in.FileName = hdr.Filename
		in.File, _ = io.ReadAll(file)
		file.Close()
	}
	if _, err := h.svc.AddCheckIn(r.Context(), actor, id, in); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showMovement(w, r, actor, http.StatusUnprocessableEntity, func(v *movementView) { v.CheckIn = f })
		})
		return
	}
	http.Redirect(w, r, "/app/movements/"+id64(id)+"?saved=1#checkins", http.StatusSeeOther)
}

func (h *handler) movementReview(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, "kind", "on", "version")
	f.Values["report"] = vn.NFCText(r.PostFormValue("report"))
	_, err = h.svc.AddReview(r.Context(), actor, id, atoi(f.Values["version"]), tdkt.MovementReview{Kind: tdkt.ReviewKind(f.Values["kind"]),
		On: isoDate(f.Values["on"]), Report: f.Values["report"]})
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showMovement(w, r, actor, http.StatusUnprocessableEntity, func(v *movementView) { v.Review = f })
		})
		return
	}
	http.Redirect(w, r, "/app/movements/"+id64(id)+"?saved=1#reviews", http.StatusSeeOther)
}

func (h *handler) movementFile(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	fid, ferr := pathID(r, "fid")
	if err == nil {
		err = ferr
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f, content, err := h.svc.MovementFile(r.Context(), actor, id, fid)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	w.Header().Set("Content-Type", f.Mime)
	w.Header().Set("Content-Disposition", `attachment; filename="tai-lieu-`+id64(f.ID)+extOf(f.Name)+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(content)
}

func extOf(name string) string {
	if i := strings.LastIndex(name, "."); i >= 0 && len(name)-i <= 6 {
		return strings.ToLower(name[i:])
	}
	return ""
}

// rewardFormView is the dossier form opened from a movement's review: the kind
// and the movement are fixed.
type rewardFormView struct {
	Page
	Form
	Movement     tdkt.Movement
	Orgs, Awards []option
	Kinds        []option
	Action, Back string
}

func (h *handler) rewardForm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, f Form) {
	id, err := pathID(r, "id")
	var mv core.MovementView
	if err == nil {
		mv, err = h.svc.GetMovement(r.Context(), actor, id)
	}
	var orgs []tdkt.Org
	if err == nil {
		orgs, err = h.svc.OrgTree(r.Context(), actor)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.render(w, r, status, "movement_reward.html", rewardFormView{Page: h.page(r, "Đề nghị khen thưởng từ phong trào", "movements"), Form: f,
		Movement: mv.Movement, Orgs: orgOptions(orgs), Awards: awardOptions(), Kinds: codeOptions([]tdkt.RewardKind{tdkt.KindThematic, tdkt.KindMovement}),
		Action: "/app/movements/" + id64(id) + "/rewards/new", Back: "/app/movements/" + id64(id)})
}

func (h *handler) rewardNew(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := newForm()
	f.Values["org_id"], f.Values["year"] = id64(actor.OrgID), strconv.Itoa(h.svc.Now().Year())
	f.Values["kind"] = r.URL.Query().Get("kind")
	if f.Values["kind"] == "" {
		f.Values["kind"] = string(tdkt.KindThematic)
	}
	h.rewardForm(w, r, actor, http.StatusOK, f)
}

func (h *handler) rewardCreate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, dossierFields...)
	in := dossierInput(f)
	in.MovementID = id
	d, err := h.svc.CreateDossier(r.Context(), actor, in)
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.rewardForm(w, r, actor, http.StatusUnprocessableEntity, f)
		})
		return
	}
	http.Redirect(w, r, "/app/dossiers/"+id64(d.ID)+"?saved=1", http.StatusSeeOther)
}

// ML names a movement code on the movement pages.
func (movementView) ML(code any) string { return tdkt.MovementLabels[fmt.Sprint(code)] }

// DL names a dossier's status at its holder's level.
func (movementView) DL(d tdkt.Dossier) string { return tdkt.StatusLabelAt(d.Status, d.HolderLevel) }

// ML names a movement code on the list.
func (movementListView) ML(code any) string { return tdkt.MovementLabels[fmt.Sprint(code)] }
