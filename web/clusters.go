package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/vn"
)

// The emulation clusters and blocks (cụm, khối thi đua): the list, a cluster's page,
// a member unit's self-assessment, a grader's form and the ranking.

// The cluster pages' template functions: points are written the Vietnamese way
// (8,5), and neg turns a lost place into a positive count.
func init() {
	funcs["points"] = tdkt.FormatPoints
	funcs["neg"] = func(n int) int { return -n }
}

type clusterListView struct {
	Page
	Form
	StageNames map[tdkt.ClusterStage]string
	Rows       []tdkt.Cluster
	CanEdit    bool
	Orgs       []option
	Kinds      []option
}

func clusterKindOptions() []option {
	return []option{{string(tdkt.ClusterCum), "Cụm thi đua"}, {string(tdkt.ClusterKhoi), "Khối thi đua"}}
}

func (h *handler) clusterList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showClusterList(w, r, actor, http.StatusOK, newForm())
}

func (h *handler) showClusterList(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, f Form) {
	list, err := h.svc.Clusters(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if f := listFormat(r); f != "" && r.Method == http.MethodGet {
		h.clusterExport(w, r, actor, f, list)
		return
	}
	v := clusterListView{Page: h.page(r, "Cụm, khối thi đua", "clusters"), Form: f, StageNames: tdkt.StageLabels, Rows: list, CanEdit: actor.CanEditRecords(), Kinds: clusterKindOptions()}
	v.Downloads = downloadsFor(r)
	if v.CanEdit {
		orgs, err := h.svc.OrgTree(r.Context(), actor)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		v.Orgs = orgOptions(orgs)
		if f.Values["org_id"] == "" {
			f.Values["org_id"] = id64(actor.OrgID)
			f.Values["year"] = strconv.Itoa(h.svc.Now().Year())
		}
	}
	h.render(w, r, status, "clusters.html", v)
}

func (h *handler) clusterCreate(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, "org_id", "name", "kind", "year", "scores_due_on")
	c, err := h.svc.CreateCluster(r.Context(), actor, core.ClusterInput{OrgID: atoi64(f.Values["org_id"]), Name: f.Values["name"],
		Kind: tdkt.ClusterKind(f.Values["kind"]), Year: atoi(f.Values["year"]), ScoresDueOn: isoDate(f.Values["scores_due_on"])})
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showClusterList(w, r, actor, http.StatusUnprocessableEntity, f)
		})
		return
	}
	http.Redirect(w, r, "/app/clusters/"+id64(c.ID), http.StatusSeeOther)
}

// criterionRow is a line of the criteria table, with its group heading when a new
// group starts.
type criterionRow struct {
	C        tdkt.ClusterCriterion
	NewGroup bool
}

func criterionRows(cs []tdkt.ClusterCriterion) []criterionRow {
	out := make([]criterionRow, len(cs))
	for i, c := range cs {
		out[i] = criterionRow{C: c, NewGroup: i == 0 || cs[i-1].Group != c.Group}
	}
	return out
}

type clusterView struct {
	Page
	core.ClusterView
	Base        string
	StageLabel  string
	KindLabel   string
	HeadName    string
	Rows        []criterionRow
	MemberRows  []memberRow
	CanManage   bool
	Collectives []option
	Criterion   Form
	Member      Form
	// Setup holds the organiser's forms: graders (GraderOrgs offers the units of
	// the organiser's subtree not grading yet), the head and the pact.
	GraderOrgs []option
	Setup      Form
	Signed     map[int64]bool
}

type memberRow struct {
	M         tdkt.ClusterMember
	Head      bool
	SelfLabel string
	Gradable  bool // the actor grades for an organisation that may score this member
	Own       bool
}

func kindLabel(k tdkt.ClusterKind) string {
	if k == tdkt.ClusterKhoi {
		return "Khối thi đua"
	}
	return "Cụm thi đua"
}

func (h *handler) clusterShow(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showCluster(w, r, actor, http.StatusOK, newForm(), newForm())
}

func (h *handler) showCluster(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, crit, mem Form, setup ...Form) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	cv, err := h.svc.GetCluster(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := clusterView{Page: h.page(r, cv.Cluster.Name+" năm "+strconv.Itoa(cv.Cluster.Year), "clusters"), ClusterView: cv, Base: "/app/clusters/" + id64(id),
		StageLabel: tdkt.StageLabels[cv.Cluster.Stage], KindLabel: kindLabel(cv.Cluster.Kind), Rows: criterionRows(cv.Criteria),
		CanManage: cv.Organiser && actor.CanEditRecords(), Criterion: crit, Member: mem, Setup: newForm(), Signed: map[int64]bool{}}
	if len(setup) > 0 {
		v.Setup = setup[0]
	}
	if v.Setup.Values["signed_on"] == "" && cv.Cluster.PactSignedOn != "" {
		v.Setup.Values["signed_on"] = vn.FormatDate(cv.Cluster.PactSignedOn)
	}
	if v.Setup.Values["scores_due_on"] == "" && cv.Cluster.ScoresDueOn != "" {
		v.Setup.Values["scores_due_on"] = vn.FormatDate(cv.Cluster.ScoresDueOn)
	}
	if v.Setup.Values["text"] == "" {
		v.Setup.Values["text"] = cv.Cluster.PactText
	}
	for _, m := range cv.Members {
		if m.ID == cv.Cluster.HeadID {
			v.HeadName = m.Name
		}
		v.MemberRows = append(v.MemberRows, memberRow{M: m, Head: m.ID == cv.Cluster.HeadID, SelfLabel: tdkt.SelfLabels[m.SelfStatus],
			Gradable: cv.GraderOrgID != 0 && cv.GraderOrgID != m.UnitOrgID, Own: m.ID == cv.MemberID})
		v.Signed[m.ID] = m.Signed
	}
	if v.CanManage && cv.Cluster.Stage != tdkt.StageApproved {
		// The members to add: the collectives of the subtree not in the cluster yet,
		// in Vietnamese order, so that a clerk finds one among two hundred.
		cols, err := h.svc.Collectives(r.Context(), actor, "", 5000)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		sortByName(cols, func(c tdkt.CollectiveUnit) string { return c.Name })
		in := map[int64]bool{}
		for _, m := range cv.Members {
			in[m.CollectiveID] = true
		}
		v.Collectives = []option{{"", "— Chọn tập thể —"}}
		for _, c := range cols {
			if !in[c.ID] {
				v.Collectives = append(v.Collectives, option{Value: id64(c.ID), Label: c.Name + " (" + c.OrgName + ")"})
			}
		}
		orgs, err := h.svc.OrgTree(r.Context(), actor)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		grading := map[int64]bool{}
		for _, g := range cv.Graders {
			grading[g.OrgID] = true
		}
		v.GraderOrgs = []option{{"", "— Chọn đơn vị —"}}
		for _, o := range orgs {
			if strings.HasPrefix(o.Path, cv.Cluster.OrgPath) && !grading[o.ID] {
				v.GraderOrgs = append(v.GraderOrgs, option{Value: id64(o.ID), Label: o.Name})
			}
		}
	}
	h.render(w, r, status, "cluster.html", v)
}

func (h *handler) clusterAddCriterion(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, "group", "name", "max", "weight")
	_, err = h.svc.AddCriterion(r.Context(), actor, id, tdkt.ClusterCriterion{Group: f.Values["group"], Name: f.Values["name"],
		Max: parsePoints(f.Values["max"]), Weight: parsePoints(f.Values["weight"])})
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showCluster(w, r, actor, http.StatusUnprocessableEntity, f, newForm())
		})
		return
	}
	http.Redirect(w, r, "/app/clusters/"+id64(id)+"?saved=1#criteria", http.StatusSeeOther)
}

func (h *handler) clusterAddMember(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, "collective_id")
	if _, err := h.svc.AddClusterMember(r.Context(), actor, id, atoi64(f.Values["collective_id"])); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showCluster(w, r, actor, http.StatusUnprocessableEntity, newForm(), f)
		})
		return
	}
	http.Redirect(w, r, "/app/clusters/"+id64(id)+"?saved=1#members", http.StatusSeeOther)
}

// parsePoints reads "8,5" or "8.5"; an empty or unreadable value is -1, which the
// rules refuse.
func parsePoints(s string) float64 {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return -1
	}
	return x
}

// scoreLine is one criterion of a scoring form.
type scoreLine struct {
	C                          tdkt.ClusterCriterion
	NewGroup                   bool
	Score, Text                string // the score typed, the evidence or the reason
	ScoreError, TextError      string
	FileError                  string
	FileName, FileLink, Self   string
	SelfEvidence, SelfFileLink string
}

type clusterScoreView struct {
	Page
	Cluster tdkt.Cluster
	Member  tdkt.ClusterMember
	Base    string
	Lines   []scoreLine
	Errors  map[string]string
	Locked  string // why the form may not be sent, if so
	// StatusNames names the self-assessment states.
	StatusNames map[string]string
}

func (h *handler) clusterSelfForm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showSelf(w, r, actor, http.StatusOK, nil, nil)
}

// showSelf renders the self-assessment form of the actor's member unit; posted holds
// the values typed when the form comes back with errors.
func (h *handler) showSelf(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, posted map[string]string, errs map[string]string) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	cv, err := h.svc.GetCluster(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	m, ok := cv.Member(cv.MemberID)
	if !ok {
		h.fail(w, r, tdkt.NotFound("bản tự chấm của đơn vị bạn trong cụm này"), nil)
		return
	}
	base := "/app/clusters/" + id64(id)
	v := clusterScoreView{Page: h.page(r, "Tự chấm điểm – "+m.Name, "clusters"), Cluster: cv.Cluster, Member: m, Base: base, Errors: errs, StatusNames: tdkt.SelfLabels}
	switch {
	case cv.Cluster.Stage == tdkt.StageApproved:
		v.Locked = "Kết quả của cụm đã được phê duyệt."
	case m.SelfStatus == tdkt.SelfSubmitted:
		v.Locked = "Bản tự chấm đã gửi; chỉ sửa được khi bị trả lại."
	}
	for i, c := range cv.Criteria {
		k := id64(c.ID)
		l := scoreLine{C: c, NewGroup: i == 0 || cv.Criteria[i-1].Group != c.Group, ScoreError: errs["score_"+k], FileError: errs["file_"+k]}
		for _, s := range cv.SelfScores {
			if s.MemberID == m.ID && s.CriterionID == c.ID {
				l.Score, l.Text, l.FileName = tdkt.FormatPoints(s.Score), s.Evidence, s.FileName
				if s.FileName != "" {
					l.FileLink = base + "/evidence/" + id64(s.ID)
				}
			}
		}
		if posted != nil {
			l.Score, l.Text = posted["score_"+k], posted["evidence_"+k]
		}
		v.Lines = append(v.Lines, l)
	}
	h.render(w, r, status, "cluster_self.html", v)
}

func (h *handler) clusterSelfSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4*maxUpload)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		msg := "Không đọc được nội dung gửi lên."
		if errors.As(err, &tooBig) {
			msg = "Các tệp gửi lên lớn quá."
		}
		h.showSelf(w, r, actor, http.StatusUnprocessableEntity, nil, map[string]string{"form": msg})
		return
	}
	cv, err := h.svc.GetCluster(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	posted := map[string]string{}
	var in []core.SelfScoreInput
	for _, c := range cv.Criteria {
		k := id64(c.ID)
		x := core.SelfScoreInput{CriterionID: c.ID, Evidence: vn.NFCText(r.FormValue("evidence_" + k))}
		posted["score_"+k], posted["evidence_"+k] = r.FormValue("score_"+k), x.Evidence
		if s := strings.TrimSpace(r.FormValue("score_" + k)); s != "" {
			p := parsePoints(s)
			x.Score = &p
		}
		if file, hdr, err := r.FormFile("file_" + k); err == nil {
			content, _ := io.ReadAll(io.LimitReader(file, maxUpload+1))
			file.Close()
			x.FileName, x.File = hdr.Filename, content
		}
		in = append(in, x)
	}
	err = h.svc.SaveSelfAssessment(r.Context(), actor, id, cv.MemberID, in, r.FormValue("submit") != "")
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			h.showSelf(w, r, actor, http.StatusUnprocessableEntity, posted, fields)
		})
		return
	}
	http.Redirect(w, r, "/app/clusters/"+id64(id)+"/self?saved=1", http.StatusSeeOther)
}

func (h *handler) clusterReturnSelf(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	mid, err := pathID(r, "mid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if err := h.svc.ReturnSelfAssessment(r.Context(), actor, id, mid, r.PostFormValue("reason")); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/clusters/"+id64(id)+"?saved=1#members", http.StatusSeeOther)
}

func (h *handler) clusterGradeForm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showGrade(w, r, actor, http.StatusOK, nil, nil)
}

func (h *handler) showGrade(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, posted, errs map[string]string) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	mid, err := pathID(r, "mid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	cv, err := h.svc.GetCluster(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	m, ok := cv.Member(mid)
	if !ok || cv.GraderOrgID == 0 || m.UnitOrgID == cv.GraderOrgID {
		h.fail(w, r, tdkt.NotFound("phiếu chấm điểm"), nil)
		return
	}
	base := "/app/clusters/" + id64(id)
	v := clusterScoreView{Page: h.page(r, "Chấm điểm – "+m.Name, "clusters"), Cluster: cv.Cluster, Member: m, Base: base, Errors: errs}
	if cv.Cluster.Stage == tdkt.StageApproved {
		v.Locked = "Kết quả của cụm đã được phê duyệt; điểm không thay đổi được nữa."
	}
	for i, c := range cv.Criteria {
		k := id64(c.ID)
		l := scoreLine{C: c, NewGroup: i == 0 || cv.Criteria[i-1].Group != c.Group, ScoreError: errs["score_"+k], TextError: errs["reason_"+k]}
		for _, s := range cv.SelfScores {
			if s.MemberID == m.ID && s.CriterionID == c.ID {
				l.Self, l.SelfEvidence = tdkt.FormatPoints(s.Score), s.Evidence
				if s.FileName != "" {
					l.SelfFileLink = base + "/evidence/" + id64(s.ID)
				}
			}
		}
		for _, g := range cv.Grades {
			if g.GraderOrgID == cv.GraderOrgID && g.MemberID == m.ID && g.CriterionID == c.ID {
				l.Score, l.Text = tdkt.FormatPoints(g.Score), g.Reason
			}
		}
		if posted != nil {
			l.Score, l.Text = posted["score_"+k], posted["reason_"+k]
		}
		v.Lines = append(v.Lines, l)
	}
	h.render(w, r, status, "cluster_grade.html", v)
}

func (h *handler) clusterGradeSave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	mid, err := pathID(r, "mid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	cv, err := h.svc.GetCluster(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	posted := map[string]string{}
	var in []core.ScoreInput
	for _, c := range cv.Criteria {
		k := id64(c.ID)
		x := core.ScoreInput{CriterionID: c.ID, Reason: r.PostFormValue("reason_" + k)}
		posted["score_"+k], posted["reason_"+k] = r.PostFormValue("score_"+k), vn.NFCText(x.Reason)
		if s := strings.TrimSpace(r.PostFormValue("score_" + k)); s != "" {
			p := parsePoints(s)
			x.Score = &p
		}
		in = append(in, x)
	}
	if err := h.svc.SaveScores(r.Context(), actor, id, mid, in); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			h.showGrade(w, r, actor, http.StatusUnprocessableEntity, posted, fields)
		})
		return
	}
	http.Redirect(w, r, "/app/clusters/"+id64(id)+"?saved=1#members", http.StatusSeeOther)
}

type standingRow struct {
	S        tdkt.Standing
	Name     string
	Moved    int // places gained by normalising (negative: lost)
	Outliers int
}

type outlierRow struct {
	Grader, Member, Criterion string
	Score, OthersMean         string
}

type leniencyRow struct {
	Grader, Value string
	High          bool
}

type rankingView struct {
	Page
	core.RankingView
	Base      string
	Raw, Norm []standingRow
	Outliers  []outlierRow
	Leniency  []leniencyRow
}

func (h *handler) clusterRanking(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	rv, err := h.svc.ClusterRanking(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := rankingView{Page: h.page(r, "Kết quả chấm điểm – "+rv.Cluster.Name, "clusters"), RankingView: rv, Base: "/app/clusters/" + id64(id)}
	names := map[int64]string{}
	for _, g := range rv.Graders {
		names[g.OrgID] = g.Name
	}
	crits := map[int64]string{}
	for _, c := range rv.Criteria {
		crits[c.ID] = c.Name
	}
	flagged := map[int64]int{}
	for _, o := range rv.Ranking.Outliers {
		m, _ := rv.Member(o.MemberID)
		flagged[o.MemberID]++
		v.Outliers = append(v.Outliers, outlierRow{Grader: names[o.GraderOrgID], Member: m.Name, Criterion: crits[o.CriterionID],
			Score: tdkt.FormatPoints(o.Score), OthersMean: tdkt.FormatPoints(o.OthersMean)})
	}
	for _, s := range rv.Ranking.Standings {
		m, _ := rv.Member(s.MemberID)
		v.Norm = append(v.Norm, standingRow{S: s, Name: m.Name, Moved: s.RawRank - s.NormRank, Outliers: flagged[s.MemberID]})
	}
	v.Raw = append([]standingRow(nil), v.Norm...)
	for i := 1; i < len(v.Raw); i++ { // insertion sort by the raw rank: a handful of members
		for j := i; j > 0 && v.Raw[j].S.RawRank < v.Raw[j-1].S.RawRank; j-- {
			v.Raw[j], v.Raw[j-1] = v.Raw[j-1], v.Raw[j]
		}
	}
	for _, g := range rv.Graders {
		if b, ok := rv.Ranking.Leniency[g.OrgID]; ok {
			sign := ""
			if b > 0 {
				sign = "+"
			}
			v.Leniency = append(v.Leniency, leniencyRow{Grader: g.Name, Value: sign + tdkt.FormatPoints(b), High: b > 1})
		}
	}
	if f := listFormat(r); f != "" {
		h.rankingExport(w, r, f, v)
		return
	}
	v.Downloads = downloadsFor(r)
	h.render(w, r, http.StatusOK, "cluster_ranking.html", v)
}

func (h *handler) clusterApprove(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if _, err := h.svc.ApproveRanking(r.Context(), actor, id, atoi(r.PostFormValue("version"))); err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/clusters/"+id64(id)+"/ranking?saved=1", http.StatusSeeOther)
}

func (h *handler) clusterFlag(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	d, err := h.svc.ProposeFlag(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/dossiers/"+id64(d.ID), http.StatusSeeOther)
}

func (h *handler) clusterEvidence(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	sid, err := pathID(r, "sid")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f, content, err := h.svc.EvidenceFile(r.Context(), actor, id, sid)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	serveFile(w, f.FileName, f.FileMime, content)
}

func (h *handler) clusterHistory(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	cv, err := h.svc.GetCluster(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	evs, err := h.svc.ClusterHistory(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.render(w, r, http.StatusOK, "cluster_history.html", struct {
		Page
		Cluster tdkt.Cluster
		Base    string
		Events  []tdkt.AuditEvent
	}{h.page(r, "Nhật ký – "+cv.Cluster.Name, "clusters"), cv.Cluster, "/app/clusters/" + id64(id), evs})
}

// clusterSetup takes the organiser's set-up forms (POST /app/clusters/{id}/setup):
// what="grader" adds a grading unit, "head" names the cluster's head, "due" sets the
// day the self-scores are due, "pact" records the emulation pact with the members who
// signed it.
func (h *handler) clusterSetup(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, "what", "org_id", "member_id", "text", "signed_on", "scores_due_on", "version")
	anchor := "members"
	switch f.Values["what"] {
	case "grader":
		_, err = h.svc.AddClusterGrader(r.Context(), actor, id, atoi64(f.Values["org_id"]))
	case "head":
		err = h.svc.SetClusterHead(r.Context(), actor, id, atoi64(f.Values["member_id"]), atoi(f.Values["version"]))
	case "due":
		err = h.svc.SetScoresDue(r.Context(), actor, id, isoDate(f.Values["scores_due_on"]), atoi(f.Values["version"]))
	case "pact":
		anchor = "pact"
		in := core.PactInput{Text: r.PostFormValue("text"), SignedOn: isoDate(f.Values["signed_on"]), Version: atoi(f.Values["version"])}
		for _, m := range r.PostForm["signed"] {
			in.MemberIDs = append(in.MemberIDs, atoi64(m))
		}
		err = h.svc.SignPact(r.Context(), actor, id, in)
	default:
		err = tdkt.Errorf(tdkt.EInvalid, "Không rõ thao tác.")
	}
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showCluster(w, r, actor, http.StatusUnprocessableEntity, newForm(), newForm(), f)
		})
		return
	}
	http.Redirect(w, r, "/app/clusters/"+id64(id)+"?saved=1#"+anchor, http.StatusSeeOther)
}
