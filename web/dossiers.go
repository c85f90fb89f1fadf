package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/vn"
)

// dossierRow is one line of a list of dossiers.
type dossierRow struct {
	D                  tdkt.Dossier
	Link, StatusLabel  string
	AwardName, DueText string
	Overdue            bool
	Steps              []string
}

func rowOf(d tdkt.Dossier, overdue bool) dossierRow {
	r := dossierRow{D: d, Link: "/app/dossiers/" + id64(d.ID), StatusLabel: tdkt.StatusLabelAt(d.Status, d.HolderLevel), AwardName: tdkt.Label(d.Award), Overdue: overdue}
	if d.DueOn != "" {
		r.DueText = vn.FormatDate(d.DueOn)
	}
	return r
}

// dossierListView is the list of the dossiers the account may see, with a status filter.
type dossierListView struct {
	Page
	Status   string
	Statuses []option
	Rows     []dossierRow
	CanEdit  bool
}

// allStatuses are the statuses in the workflow's order, for filters and counts.
var allStatuses = []tdkt.DossierStatus{tdkt.DossierDraft, tdkt.DossierReturned, tdkt.DossierSubmitted, tdkt.DossierReceived,
	tdkt.DossierAppraisal, tdkt.DossierPublicComment, tdkt.DossierCouncil, tdkt.DossierApproved, tdkt.DossierDecided, tdkt.DossierRefused}

func statusOptions() []option {
	out := []option{{"", "Tất cả trạng thái"}}
	for _, s := range allStatuses {
		out = append(out, option{Value: string(s), Label: tdkt.StatusLabels[s]})
	}
	return out
}

func (h *handler) dossierList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	st := r.URL.Query().Get("status")
	var filter []tdkt.DossierStatus
	if st != "" {
		if !slices.Contains(allStatuses, tdkt.DossierStatus(st)) {
			st = ""
		} else {
			filter = []tdkt.DossierStatus{tdkt.DossierStatus(st)}
		}
	}
	if f := listFormat(r); f != "" {
		h.dossierListExport(w, r, actor, f, filter)
		return
	}
	list, err := h.svc.Dossiers(r.Context(), actor, filter)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := dossierListView{Page: h.page(r, "Hồ sơ đề nghị khen thưởng", "dossiers"), Status: st, Statuses: statusOptions(), CanEdit: actor.CanEditRecords()}
	v.Downloads = downloadsFor(r)
	today := h.svc.Now().In(vietnam).Format("2006-01-02")
	for _, d := range list {
		v.Rows = append(v.Rows, rowOf(d, d.DueOn != "" && d.DueOn < today && d.Status != tdkt.DossierDecided && d.Status != tdkt.DossierRefused))
	}
	h.render(w, r, http.StatusOK, "dossiers.html", v)
}

// dossierFormView is the form to create or edit a dossier's text.
type dossierFormView struct {
	Page
	Form
	Creating            bool
	Orgs, Awards, Kinds []option
	OrgName, AwardName  string
	Action, Cancel      string
}

var dossierFields = []string{"org_id", "award", "kind", "year", "period_from", "simplified", "title", "reason", "number", "proposed_on", "secret", "version"}

func awardOptions() []option {
	out := []option{{"", "— Chọn danh hiệu, hình thức —"}}
	for _, a := range tdkt.Awards {
		out = append(out, option{Value: a.Code, Label: a.Name})
	}
	return out
}

func (h *handler) dossierFormView(r *http.Request, actor *tdkt.Account, f Form, creating bool) (dossierFormView, error) {
	v := dossierFormView{Page: h.page(r, "Lập hồ sơ đề nghị khen thưởng", "dossiers"), Form: f, Creating: creating,
		Awards: awardOptions(), Kinds: codeOptions(tdkt.RewardKinds), Action: "/app/dossiers/new", Cancel: "/app/dossiers"}
	if creating {
		orgs, err := h.svc.OrgTree(r.Context(), actor)
		if err != nil {
			return v, err
		}
		v.Orgs = orgOptions(orgs)
	}
	return v, nil
}

func (h *handler) dossierNew(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := newForm()
	f.Values["org_id"] = id64(actor.OrgID)
	f.Values["kind"] = string(tdkt.KindMerit)
	f.Values["year"] = strconv.Itoa(h.svc.Now().Year() - 1)
	v, err := h.dossierFormView(r, actor, f, true)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.render(w, r, http.StatusOK, "dossier_form.html", v)
}

func dossierInput(f Form) core.DossierInput {
	return core.DossierInput{OrgID: atoi64(f.Values["org_id"]), Award: f.Values["award"], Kind: tdkt.RewardKind(f.Values["kind"]),
		Year: atoi(f.Values["year"]), PeriodFrom: atoi(f.Values["period_from"]), Simplified: f.Values["simplified"] != "",
		Title: f.Values["title"], Reason: f.Values["reason"], Number: f.Values["number"], ProposedOn: isoDate(f.Values["proposed_on"]),
		Secret: f.Values["secret"] != "", Version: atoi(f.Values["version"])}
}

func (h *handler) dossierCreate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, dossierFields...)
	d, err := h.svc.CreateDossier(r.Context(), actor, dossierInput(f))
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			v, verr := h.dossierFormView(r, actor, f, true)
			if verr != nil {
				h.fail(w, r, verr, nil)
				return
			}
			h.render(w, r, http.StatusUnprocessableEntity, "dossier_form.html", v)
		})
		return
	}
	http.Redirect(w, r, "/app/dossiers/"+id64(d.ID)+"?saved=1", http.StatusSeeOther)
}

func (h *handler) dossierEdit(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var dv core.DossierView
	if err == nil {
		dv, err = h.svc.GetDossier(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	d := dv.Dossier
	f := newForm()
	f.Values = map[string]string{"org_id": id64(d.OrgID), "award": d.Award, "kind": string(d.Kind), "year": year(d.Year),
		"period_from": year(d.PeriodFrom), "simplified": on(d.Simplified), "title": d.Title, "reason": d.Reason, "number": d.Number,
		"proposed_on": vn.FormatDate(d.ProposedOn), "secret": on(d.Secret), "version": strconv.Itoa(d.Version)}
	h.renderDossierEdit(w, r, http.StatusOK, d, f)
}

func (h *handler) renderDossierEdit(w http.ResponseWriter, r *http.Request, status int, d tdkt.Dossier, f Form) {
	v := dossierFormView{Page: h.page(r, "Sửa hồ sơ: "+d.Title, "dossiers"), Form: f, Kinds: codeOptions(tdkt.RewardKinds),
		OrgName: d.OrgName, AwardName: tdkt.Label(d.Award), Action: "/app/dossiers/" + id64(d.ID) + "/edit", Cancel: "/app/dossiers/" + id64(d.ID)}
	h.render(w, r, status, "dossier_form.html", v)
}

func (h *handler) dossierUpdate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var dv core.DossierView
	if err == nil {
		dv, err = h.svc.GetDossier(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, dossierFields...)
	// The unit and the award are fixed once the dossier exists.
	f.Values["org_id"], f.Values["award"] = id64(dv.Dossier.OrgID), dv.Dossier.Award
	if _, err := h.svc.UpdateDossier(r.Context(), actor, id, dossierInput(f)); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.renderDossierEdit(w, r, http.StatusUnprocessableEntity, dv.Dossier, f)
		})
		return
	}
	http.Redirect(w, r, "/app/dossiers/"+id64(id)+"?saved=1", http.StatusSeeOther)
}

// reasonsDoc is a candidate's stored judgement, as core writes it.
type reasonsDoc struct {
	Reasons     []rules.Reason     `json:"reasons"`
	OtherRoutes []rules.Route      `json:"other_routes"`
	Unverified  []rules.Unverified `json:"unverified"`
}

// candidateLine is a candidate as the dossier page shows it.
type candidateLine struct {
	C           tdkt.Candidate
	Link        string
	StatusLabel string
	reasonsDoc
}

func candidateLineOf(c tdkt.Candidate) candidateLine {
	l := candidateLine{C: c, StatusLabel: statusLabels[c.Status]}
	if l.StatusLabel == "" {
		l.StatusLabel = c.Status
	}
	json.Unmarshal([]byte(c.Reasons), &l.reasonsDoc)
	switch c.Subject.Kind {
	case tdkt.Individual:
		l.Link = "/app/people/" + id64(c.Subject.ID)
	case tdkt.Collective:
		l.Link = "/app/collectives/" + id64(c.Subject.ID)
	case tdkt.Household:
		l.Link = "/app/households/" + id64(c.Subject.ID)
	}
	return l
}

// stepForm is one step the account may take now, with its message when it was refused.
type stepForm struct {
	Action, Label string
	Reason        bool
	// Reply offers a field to answer a return's reason when the dossier is sent again.
	Reply bool
	// Paper asks how the paper of a secret dossier went: it never leaves the
	// installation as a package, and the note records its path (core.sendDossier).
	Paper bool
	// Remark offers an optional note (how and when a decision was passed on).
	Remark      bool
	Danger      bool
	Note, Error string
}

// eventLine is one line of a dossier's history.
type eventLine struct {
	At, Actor, Org, Action, Note string
}

// docLink is a generated document to download.
type docLink struct{ Label, PDF, DOCX string }

// dossierView is a dossier's page: everything about it, and a form for each thing
// the account may do now.
type dossierView struct {
	Page
	D                      tdkt.Dossier
	Base                   string
	StatusLabel, AwardName string
	Overdue                bool
	Editable               bool
	Candidates             []candidateLine
	Steps                  []stepForm
	Alert                  string // a refused step's message without a field
	CandidatesError        string
	Decide                 *Form
	Add                    Form
	Q                      string
	Searched               bool
	Found                  []tdkt.Person
	Events                 []eventLine
	Docs                   []docLink
	Files                  []sqldb.DossierFile
	Upload                 Form
	Publication            *core.Publication
	Comments               []sqldb.Comment
	CanAnswer              bool
	AnswerErrors           map[int64]string
	Meetings               []core.MeetingItem
	Decision               *sqldb.DecisionRow
	Certificates           []sqldb.CertificateRow
	CanRevoke              bool
	RevokeErrors           map[int64]string
	// CorrectForm is the form that corrects the decision; CorrectErrors opens it.
	CorrectForm   Form
	CorrectErrors bool
	// Returned is the latest return of a dossier that is back with its unit: who
	// returned it, when and why, shown at the top of the page.
	Returned *eventLine
	// DecideLabel names the decision form: at the central levels the decision is
	// signed outside tdkt and recorded here.
	DecideLabel string
	// Travel is the block "Liên thông", nil when the dossier never travelled.
	Travel *travelView
	// Signing is the block "Ký số"; DecisionSigned tells that the decision's download
	// is the signed copy; SealCertificates offers the certificates' signed job;
	// FileSignatures are the signatures of the PDF attachments, by file.
	Signing          []signDoc
	DecisionSigned   bool
	SealCertificates bool
	FileSignatures   map[int64][]sigLine
}

// dossierPage loads a dossier's page; the handlers of its forms call it again to show
// a refused form with its messages.
func (h *handler) dossierPage(r *http.Request, actor *tdkt.Account, id int64) (v dossierView, err error) {
	ctx := r.Context()
	dv, err := h.svc.GetDossier(ctx, actor, id)
	if err != nil {
		return v, err
	}
	d := dv.Dossier
	v = dossierView{Page: h.page(r, d.Title, "dossiers"), D: d, Base: "/app/dossiers/" + id64(d.ID), StatusLabel: tdkt.StatusLabelAt(d.Status, d.HolderLevel),
		AwardName: tdkt.Label(d.Award), Overdue: dv.Overdue, Files: dv.Files, Publication: dv.Publication, Add: newForm(), Upload: newForm(),
		AnswerErrors: map[int64]string{}, RevokeErrors: map[int64]string{}}
	// The proposing side may change the dossier exactly when it has a step to take:
	// a draft's submission, a returned dossier's resubmission (passing a decision on
	// is the proposer's step too, but a decided dossier's text is the decision's).
	for _, t := range dv.Steps {
		if (t.Action == tdkt.ActSubmit || t.Action == tdkt.ActResubmit) && actor.CanEditRecords() {
			v.Editable = true
		}
	}
	for _, c := range d.Candidates {
		v.Candidates = append(v.Candidates, candidateLineOf(c))
	}
	for _, t := range dv.Steps {
		if t.Action == tdkt.ActDecide {
			f := newForm()
			f.Values["date"] = h.svc.Now().In(vietnam).Format("02/01/2006")
			v.Decide, v.DecideLabel = &f, t.LabelAt(d.HolderLevel)
			continue
		}
		v.Steps = append(v.Steps, stepForm{Action: string(t.Action), Label: t.LabelAt(d.HolderLevel), Reason: t.Reason, Reply: t.Action == tdkt.ActResubmit,
			Paper: d.Secret && t.Action == tdkt.ActForward, Remark: t.Action == tdkt.ActPassOn, Danger: t.Action == tdkt.ActRefuse || t.Action == tdkt.ActReturn})
	}
	x, err := h.svc.ExchangeOfDossier(ctx, actor, id)
	if err != nil {
		return v, err
	}
	v.Travel = travelOf(d, x)
	for _, e := range dv.Events {
		line := eventLine{At: vnTime(e.At), Actor: e.Actor, Org: e.OrgName, Action: eventLabel(e.Action), Note: e.Note}
		if e.Label != "" { // the words the step was taken under (the central level names its own)
			line.Action = e.Label
		}
		v.Events = append(v.Events, line)
		if d.Status == tdkt.DossierReturned && e.Action == tdkt.ActReturn {
			v.Returned = &line // the events come oldest first: the last one stays
		}
	}
	v.Docs = []docLink{{Label: "Tờ trình kèm danh sách đề nghị khen thưởng", PDF: v.Base + "/documents/to-trinh.pdf", DOCX: v.Base + "/documents/to-trinh.docx"}}
	for _, c := range d.Candidates {
		k := v.Base + "/documents/bao-cao-" + id64(c.ID)
		v.Docs = append(v.Docs, docLink{Label: "Báo cáo thành tích: " + c.Name, PDF: k + ".pdf", DOCX: k + ".docx"})
	}
	if dv.Publication != nil {
		if v.Comments, err = h.svc.Comments(ctx, actor, id); err != nil {
			return v, err
		}
		_, herr := h.svc.Org(ctx, actor, d.HolderOrgID, "")
		v.CanAnswer = herr == nil && (actor.CanEditRecords() || actor.Role == tdkt.RoleLeader)
	}
	// The proposing unit does not see the council's meetings of a higher level: core
	// answers NotFound for the whole list then, and the page simply omits it.
	if v.Meetings, err = h.svc.MeetingsOfDossier(ctx, actor, id); err != nil && tdkt.CodeOf(err) != tdkt.ENotFound {
		return v, err
	}
	if d.Status == tdkt.DossierDecided {
		dec, certs, err := h.svc.Certificates(ctx, actor, id)
		if err != nil && tdkt.CodeOf(err) != tdkt.ENotFound {
			return v, err
		}
		if err == nil {
			v.Decision, v.Certificates = &dec, certs
			// Revoking and correcting belong to the issuing organisation (Law Art 93(8)).
			v.CanRevoke = (actor.Role == tdkt.RoleLeader || actor.Role == tdkt.RoleAdmin) && actor.OrgID == dec.OrgID
			v.CorrectForm = newForm()
			v.CorrectForm.Values = map[string]string{"number": dec.Number, "date": vn.FormatDate(dec.DecidedOn), "signer": dec.Signer, "signer_title": dec.SignerTitle}
		}
	}
	return v, h.dossierSigning(ctx, actor, &v)
}

// eventLabel names a history event; "create" is not a workflow action.
func eventLabel(a tdkt.DossierAction) string {
	if a == "create" {
		return "Lập hồ sơ"
	}
	for _, t := range tdkt.Workflow {
		if t.Action == a {
			return t.Label
		}
	}
	return string(a)
}

func (h *handler) dossierShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showDossier(w, r, actor, http.StatusOK, nil)
}

// showDossier renders the dossier of the path; change, when not nil, puts a refused
// form's values and messages into the view.
func (h *handler) showDossier(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, change func(v *dossierView)) {
	id, err := pathID(r, "id")
	var v dossierView
	if err == nil {
		v, err = h.dossierPage(r, actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if q := vn.NFC(strings.TrimSpace(r.URL.Query().Get("q"))); q != "" && v.Editable && r.Method == http.MethodGet {
		v.Q, v.Searched = q, true
		if o, err := h.svc.Org(r.Context(), actor, v.D.OrgID, ""); err == nil {
			if res, err := h.svc.SearchPeople(r.Context(), actor, q, o.Code, pageSize, 0); err == nil {
				v.Found = res.Items
			}
		}
	}
	if r.URL.Query().Get("thanks") == "1" {
		v.Notice = "Đã thực hiện."
	}
	if change != nil {
		change(&v)
	}
	h.render(w, r, status, "dossier.html", v)
}

// messageOf is the text of a refusal that names no field.
func messageOf(err error) string {
	var e *tdkt.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// redirectDossier ends a successful form with post/redirect/get, back to the page at
// an anchor.
func redirectDossier(w http.ResponseWriter, r *http.Request, id int64, anchor string) {
	http.Redirect(w, r, "/app/dossiers/"+id64(id)+"?saved=1#"+anchor, http.StatusSeeOther)
}

func (h *handler) candidateAdd(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, "subject", "justification", "q")
	sub := tdkt.Subject{Kind: tdkt.Individual, ID: atoi64(f.Values["subject"])}
	if sub.ID == 0 {
		err = &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"subject": "Hãy tìm và chọn một người."}}
	} else {
		_, err = h.svc.AddCandidate(r.Context(), actor, id, sub, f.Values["justification"])
	}
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			if len(fields) == 0 {
				f.Errors["subject"] = messageOf(err)
			}
			h.showDossier(w, r, actor, http.StatusUnprocessableEntity, func(v *dossierView) {
				v.Add, v.Q = f, f.Values["q"]
				if v.Q != "" {
					v.Searched = true
					if o, err := h.svc.Org(r.Context(), actor, v.D.OrgID, ""); err == nil {
						if res, err := h.svc.SearchPeople(r.Context(), actor, v.Q, o.Code, pageSize, 0); err == nil {
							v.Found = res.Items
						}
					}
				}
			})
		})
		return
	}
	redirectDossier(w, r, id, "candidates")
}

func (h *handler) candidateRemove(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var cid int64
	if err == nil {
		cid, err = pathID(r, "cid")
	}
	if err == nil {
		err = h.svc.RemoveCandidate(r.Context(), actor, id, cid)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	redirectDossier(w, r, id, "candidates")
}

func (h *handler) dossierStep(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	action := tdkt.DossierAction(r.PostFormValue("action"))
	note := vn.NFC(r.PostFormValue("note"))
	if _, err := h.svc.Step(r.Context(), actor, id, action, atoi(r.PostFormValue("version")), note); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			h.showDossier(w, r, actor, http.StatusUnprocessableEntity, func(v *dossierView) {
				v.CandidatesError = fields["candidates"]
				for i := range v.Steps {
					if v.Steps[i].Action == string(action) {
						v.Steps[i].Note, v.Steps[i].Error = note, fields["note"]
					}
				}
				if fields["note"] == "" {
					v.Alert = messageOf(err)
				}
			})
		})
		return
	}
	// A step can take the dossier out of the actor's sight (a standing office
	// returning it to the commune sees the province's inbox, not the commune):
	// the page after it is then the home page, not a "not found".
	if _, err := h.svc.GetDossier(r.Context(), actor, id); tdkt.CodeOf(err) == tdkt.ENotFound {
		http.Redirect(w, r, "/app/?saved=1", http.StatusSeeOther)
		return
	}
	redirectDossier(w, r, id, "status")
}

func (h *handler) dossierDecide(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, "number", "date", "signer", "signer_title", "version")
	in := core.DecisionInput{Number: f.Values["number"], Date: isoDate(f.Values["date"]), Signer: f.Values["signer"],
		SignerTitle: f.Values["signer_title"], Version: atoi(f.Values["version"])}
	if _, err := h.svc.Decide(r.Context(), actor, id, in); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showDossier(w, r, actor, http.StatusUnprocessableEntity, func(v *dossierView) {
				v.Decide = &f
				v.CandidatesError = fields["candidates"]
				if len(fields) == 0 {
					v.Alert = messageOf(err)
				}
			})
		})
		return
	}
	redirectDossier(w, r, id, "decision")
}

func (h *handler) commentAnswer(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var cid int64
	if err == nil {
		cid, err = pathID(r, "cid")
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if err := h.svc.AnswerComment(r.Context(), actor, id, cid, r.PostFormValue("answer")); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			h.showDossier(w, r, actor, http.StatusUnprocessableEntity, func(v *dossierView) { v.AnswerErrors[cid] = fields["answer"] })
		})
		return
	}
	redirectDossier(w, r, id, "comments")
}

// commentModerate publishes a held comment on the portal or keeps it off.
func (h *handler) commentModerate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var cid int64
	if err == nil {
		cid, err = pathID(r, "cid")
	}
	if err == nil {
		err = h.svc.ModerateComment(r.Context(), actor, id, cid, r.PostFormValue("decision") == "publish")
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	redirectDossier(w, r, id, "comments")
}

func (h *handler) certificateRevoke(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var cid int64
	if err == nil {
		cid, err = pathID(r, "cid")
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if _, err := h.svc.Revoke(r.Context(), actor, cid, r.PostFormValue("reason")); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			h.showDossier(w, r, actor, http.StatusUnprocessableEntity, func(v *dossierView) { v.RevokeErrors[cid] = fields["reason"] })
		})
		return
	}
	redirectDossier(w, r, id, "decision")
}

// decisionCorrect corrects the decision of a dossier (POST /app/dossiers/{id}/decision/correct).
func (h *handler) decisionCorrect(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, "number", "date", "signer", "signer_title", "reason")
	dec, _, err := h.svc.Certificates(r.Context(), actor, id)
	if err == nil {
		date, derr := vn.ParseDate(f.Values["date"])
		if derr != nil {
			date = f.Values["date"]
		}
		_, err = h.svc.CorrectDecision(r.Context(), actor, dec.ID, core.DecisionCorrection{Number: f.Values["number"], Date: date,
			Signer: f.Values["signer"], SignerTitle: f.Values["signer_title"], Reason: f.Values["reason"]})
	}
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showDossier(w, r, actor, http.StatusUnprocessableEntity, func(v *dossierView) { v.CorrectForm, v.CorrectErrors = f, true })
		})
		return
	}
	redirectDossier(w, r, id, "decision")
}

// fileKindLabels name the kinds of attachment a dossier takes.
var fileKindLabels = []option{{"bao_cao_thanh_tich", "Báo cáo thành tích (bản có chữ ký)"}, {"to_trinh", "Tờ trình (bản có chữ ký)"},
	{"bien_ban", "Biên bản họp xét"}, {"xac_nhan", "Văn bản xác nhận"}, {"khac", "Tài liệu khác"}}

func init() {
	funcs["vnTime"] = vnTime
	funcs["fileKinds"] = func() []option { return fileKindLabels }
	funcs["fileKind"] = func(k string) string {
		for _, o := range fileKindLabels {
			if o.Value == k {
				return o.Label
			}
		}
		return k
	}
	funcs["size"] = func(n int64) string {
		switch {
		case n >= 1<<20:
			return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
		case n >= 1<<10:
			return strconv.FormatInt(n>>10, 10) + " KB"
		}
		return strconv.FormatInt(n, 10) + " byte"
	}
}
