package api

import (
	"net/http"
	"strconv"

	"tdkt"
	"tdkt/core"
)

// Emulation clusters and blocks (cụm, khối thi đua): members, criteria, the units'
// self-assessments, the graders' scores and the rankings. A cluster outside the
// caller's reach (another cluster of the same province included) is a 404.

const tagClusters = "Cụm, khối thi đua"

type clusterJSON struct {
	ID           int64  `json:"id" api:"ro"`
	OrgID        int64  `json:"org_id" api:"req" doc:"Đơn vị tổ chức cụm, khối"`
	OrgName      string `json:"org_name,omitempty" api:"ro"`
	Name         string `json:"name" api:"req"`
	Kind         string `json:"kind" api:"req,enum=cluster_kind"`
	Year         int    `json:"year" api:"req"`
	Stage        string `json:"stage,omitempty" api:"ro,enum=cluster_stage"`
	HeadMemberID int64  `json:"head_member_id,omitempty" api:"ro" doc:"Thành viên là cụm trưởng năm nay"`
	PactText     string `json:"pact_text,omitempty" api:"ro" doc:"Giao ước thi đua"`
	PactSignedOn string `json:"pact_signed_on,omitempty" api:"ro,date"`
	DossierID    int64  `json:"dossier_id,omitempty" api:"ro" doc:"Hồ sơ đề nghị Cờ thi đua lập từ kết quả"`
	Version      int    `json:"version" api:"ro"`
}

type clusterList struct {
	Items []clusterJSON `json:"items" api:"req"`
}

type clusterMemberJSON struct {
	ID           int64  `json:"id"`
	CollectiveID int64  `json:"collective_id"`
	UnitOrgID    int64  `json:"unit_org_id"`
	Name         string `json:"name"`
	Signed       bool   `json:"signed" doc:"Đã ký giao ước"`
	SelfStatus   string `json:"self_status,omitempty" doc:"draft, submitted, returned"`
	SelfNote     string `json:"self_note,omitempty" doc:"Lý do trả lại bản tự chấm"`
}

type clusterGraderJSON struct {
	OrgID    int64  `json:"org_id"`
	Name     string `json:"name"`
	MemberID int64  `json:"member_id,omitempty" doc:"Thành viên mà đơn vị chấm chính là nó"`
}

type criterionJSON struct {
	ID     int64   `json:"id" api:"ro"`
	Group  string  `json:"group" api:"req" doc:"Nhóm tiêu chí"`
	Name   string  `json:"name" api:"req"`
	Max    float64 `json:"max" api:"req" doc:"Điểm tối đa"`
	Weight float64 `json:"weight" api:"req" doc:"Hệ số"`
}

type gradeJSON struct {
	GraderOrgID int64   `json:"grader_org_id"`
	MemberID    int64   `json:"member_id"`
	CriterionID int64   `json:"criterion_id"`
	Score       float64 `json:"score"`
	Reason      string  `json:"reason,omitempty"`
}

type selfScoreJSON struct {
	ID          int64   `json:"id"`
	MemberID    int64   `json:"member_id"`
	CriterionID int64   `json:"criterion_id"`
	Score       float64 `json:"score"`
	Evidence    string  `json:"evidence,omitempty"`
	FileName    string  `json:"file_name,omitempty"`
	FileSHA256  string  `json:"file_sha256,omitempty"`
}

type clusterDetailJSON struct {
	Cluster    clusterJSON         `json:"cluster" api:"req"`
	Members    []clusterMemberJSON `json:"members" api:"req"`
	Graders    []clusterGraderJSON `json:"graders" api:"req"`
	Criteria   []criterionJSON     `json:"criteria" api:"req"`
	SelfScores []selfScoreJSON     `json:"self_scores" api:"req"`
	Grades     []gradeJSON         `json:"grades" api:"req"`
}

type memberInput struct {
	CollectiveID int64 `json:"collective_id" api:"req" doc:"Tập thể thuộc đơn vị tổ chức"`
}

type graderInput struct {
	OrgID int64 `json:"org_id" api:"req" doc:"Đơn vị chấm: đơn vị thành viên hoặc ban tổ chức"`
}

type scoreLineInput struct {
	CriterionID int64    `json:"criterion_id" api:"req"`
	Score       *float64 `json:"score" doc:"null: chưa chấm; 0 là một điểm"`
	Evidence    string   `json:"evidence,omitempty" doc:"Minh chứng (bản tự chấm)"`
	Reason      string   `json:"reason,omitempty" doc:"Lý do, bắt buộc với điểm bất thường"`
}

type scoresInput struct {
	Scores []scoreLineInput `json:"scores" api:"req"`
	Submit bool             `json:"submit" doc:"Gửi bản tự chấm (chỉ với bản tự chấm)"`
}

type reasonInput struct {
	Reason string `json:"reason" api:"req"`
}

type standingJSON struct {
	MemberID   int64   `json:"member_id"`
	Name       string  `json:"name"`
	Raw        float64 `json:"raw" doc:"Tổng điểm thô"`
	Normalised float64 `json:"normalised" doc:"Tổng điểm đã hiệu chỉnh độ dễ dãi của đơn vị chấm"`
	RawRank    int     `json:"raw_rank"`
	NormRank   int     `json:"normalised_rank"`
}

type outlierJSON struct {
	GraderOrgID int64   `json:"grader_org_id"`
	MemberID    int64   `json:"member_id"`
	CriterionID int64   `json:"criterion_id"`
	Score       float64 `json:"score"`
	OthersMean  float64 `json:"others_mean"`
}

type rankingJSON struct {
	Approved  bool               `json:"approved"`
	Standings []standingJSON     `json:"standings" api:"req"`
	Outliers  []outlierJSON      `json:"outliers" api:"req"`
	Leniency  map[string]float64 `json:"leniency" api:"req" doc:"Độ dễ dãi (điểm) theo mã đơn vị chấm"`
}

type flagJSON struct {
	DossierID int64 `json:"dossier_id"`
}

type historyJSON struct {
	Items []historyItemJSON `json:"items" api:"req"`
}

type historyItemJSON struct {
	At     string `json:"at"`
	Actor  string `json:"actor"`
	Action string `json:"action"`
}

func toCluster(c tdkt.Cluster) clusterJSON {
	return clusterJSON{ID: c.ID, OrgID: c.OrgID, OrgName: c.OrgName, Name: c.Name, Kind: string(c.Kind), Year: c.Year, Stage: string(c.Stage),
		HeadMemberID: c.HeadID, PactText: c.PactText, PactSignedOn: c.PactSignedOn, DossierID: c.DossierID, Version: c.Version}
}

func toClusterDetail(v core.ClusterView) clusterDetailJSON {
	out := clusterDetailJSON{Cluster: toCluster(v.Cluster), Members: []clusterMemberJSON{}, Graders: []clusterGraderJSON{}, Criteria: []criterionJSON{},
		SelfScores: []selfScoreJSON{}, Grades: []gradeJSON{}}
	for _, m := range v.Members {
		out.Members = append(out.Members, clusterMemberJSON{ID: m.ID, CollectiveID: m.CollectiveID, UnitOrgID: m.UnitOrgID, Name: m.Name, Signed: m.Signed,
			SelfStatus: m.SelfStatus, SelfNote: m.SelfNote})
	}
	for _, g := range v.Graders {
		out.Graders = append(out.Graders, clusterGraderJSON{OrgID: g.OrgID, Name: g.Name, MemberID: g.MemberID})
	}
	for _, c := range v.Criteria {
		out.Criteria = append(out.Criteria, criterionJSON{ID: c.ID, Group: c.Group, Name: c.Name, Max: c.Max, Weight: c.Weight})
	}
	for _, s := range v.SelfScores {
		out.SelfScores = append(out.SelfScores, selfScoreJSON{ID: s.ID, MemberID: s.MemberID, CriterionID: s.CriterionID, Score: s.Score, Evidence: s.Evidence,
			FileName: s.FileName, FileSHA256: s.FileSHA256})
	}
	for _, g := range v.Grades {
		out.Grades = append(out.Grades, gradeJSON{GraderOrgID: g.GraderOrgID, MemberID: g.MemberID, CriterionID: g.CriterionID, Score: g.Score, Reason: g.Reason})
	}
	return out
}

func toRanking(v core.RankingView) rankingJSON {
	out := rankingJSON{Approved: v.Approved, Standings: []standingJSON{}, Outliers: []outlierJSON{}, Leniency: map[string]float64{}}
	for _, s := range v.Ranking.Standings {
		m, _ := v.Member(s.MemberID)
		out.Standings = append(out.Standings, standingJSON{MemberID: s.MemberID, Name: m.Name, Raw: s.Raw, Normalised: s.Normalised, RawRank: s.RawRank, NormRank: s.NormRank})
	}
	for _, o := range v.Ranking.Outliers {
		out.Outliers = append(out.Outliers, outlierJSON(o))
	}
	for g, b := range v.Ranking.Leniency {
		out.Leniency[strconv.FormatInt(g, 10)] = b
	}
	return out
}

func (h *handlers) clusterRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/clusters", Handle: h.listClusters, Op: operation{ID: "listClusters", Tag: tagClusters,
			Summary: "Cụm, khối thi đua tài khoản được xem: do cây đơn vị tổ chức, hoặc có đơn vị là thành viên, đơn vị chấm", Resp: "ClusterList"}},
		{Method: "POST", Path: prefix + "/clusters", Handle: h.createCluster, Op: operation{ID: "createCluster", Tag: tagClusters,
			Summary: "Lập cụm, khối thi đua của một năm", Body: "Cluster", Status: http.StatusCreated, Resp: "Cluster"}},
		{Method: "GET", Path: prefix + "/clusters/{id}", Handle: h.getCluster, Op: operation{ID: "getCluster", Tag: tagClusters,
			Summary: "Cụm, khối với thành viên, cụm trưởng, giao ước, bảng tiêu chí và điểm", Resp: "ClusterDetail"}},
		{Method: "GET", Path: prefix + "/clusters/{id}/history", Handle: h.clusterHistory, Op: operation{ID: "getClusterHistory", Tag: tagClusters,
			Summary: "Nhật ký thay đổi của cụm, khối", Resp: "ClusterHistory"}},
		{Method: "POST", Path: prefix + "/clusters/{id}/members", Handle: h.addClusterMember, Op: operation{ID: "addClusterMember", Tag: tagClusters,
			Summary: "Thêm tập thể thành viên", Body: "ClusterMemberInput", Status: http.StatusCreated, Resp: "ClusterDetail", Conflict: true}},
		{Method: "POST", Path: prefix + "/clusters/{id}/graders", Handle: h.addClusterGrader, Op: operation{ID: "addClusterGrader", Tag: tagClusters,
			Summary: "Thêm đơn vị chấm điểm", Body: "ClusterGraderInput", Status: http.StatusCreated, Resp: "ClusterDetail", Conflict: true}},
		{Method: "POST", Path: prefix + "/clusters/{id}/criteria", Handle: h.addCriterion, Op: operation{ID: "addClusterCriterion", Tag: tagClusters,
			Summary: "Thêm tiêu chí; 409 khi đã bắt đầu chấm điểm", Body: "Criterion", Status: http.StatusCreated, Resp: "ClusterDetail", Conflict: true}},
		{Method: "POST", Path: prefix + "/clusters/{id}/members/{mid}/self", Handle: h.selfAssess, Op: operation{ID: "selfAssess", Tag: tagClusters,
			Summary: "Bản tự chấm của đơn vị thành viên (minh chứng dạng tệp gửi qua trang web)", Body: "ScoresInput", Resp: "ClusterDetail", Conflict: true}},
		{Method: "POST", Path: prefix + "/clusters/{id}/members/{mid}/return", Handle: h.returnSelf, Op: operation{ID: "returnSelfAssessment", Tag: tagClusters,
			Summary: "Trả lại bản tự chấm cho đơn vị, có lý do", Body: "ReasonInput", Resp: "ClusterDetail", Conflict: true}},
		{Method: "POST", Path: prefix + "/clusters/{id}/members/{mid}/scores", Handle: h.gradeMember, Op: operation{ID: "gradeClusterMember", Tag: tagClusters,
			Summary: "Đơn vị chấm chấm điểm một thành viên; điểm vượt tối đa 422; điểm bất thường cần lý do; 409 sau khi phê duyệt", Body: "ScoresInput", Resp: "ClusterDetail", Conflict: true}},
		{Method: "GET", Path: prefix + "/clusters/{id}/ranking", Handle: h.clusterRanking, Op: operation{ID: "getClusterRanking", Tag: tagClusters,
			Summary: "Xếp hạng thô và đã hiệu chỉnh, điểm bất thường", Resp: "ClusterRanking"}},
		{Method: "POST", Path: prefix + "/clusters/{id}/approve", Handle: h.approveRanking, Op: operation{ID: "approveClusterRanking", Tag: tagClusters,
			Summary: "Lãnh đạo phê duyệt kết quả; điểm không đổi được nữa", Body: "VersionInput", Resp: "ClusterRanking", Conflict: true}},
		{Method: "POST", Path: prefix + "/clusters/{id}/flag", Handle: h.proposeFlag, Op: operation{ID: "proposeClusterFlag", Tag: tagClusters,
			Summary: "Lập hồ sơ đề nghị Cờ thi đua cho đơn vị dẫn đầu từ kết quả đã phê duyệt", Status: http.StatusCreated, Resp: "ClusterFlag", Conflict: true}},
	}
}

func (h *handlers) listClusters(r *http.Request, a *tdkt.Account) (any, error) {
	cs, err := h.svc.Clusters(r.Context(), a)
	return clusterList{Items: append(mapTo(cs, toCluster), []clusterJSON{}...)}, err
}

func (h *handlers) createCluster(r *http.Request, a *tdkt.Account) (any, error) {
	var in clusterJSON
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	c, err := h.svc.CreateCluster(r.Context(), a, core.ClusterInput{OrgID: in.OrgID, Name: in.Name, Kind: tdkt.ClusterKind(in.Kind), Year: in.Year})
	return toCluster(c), err
}

func (h *handlers) detail(r *http.Request, a *tdkt.Account, id int64) (any, error) {
	v, err := h.svc.GetCluster(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	return toClusterDetail(v), nil
}

func (h *handlers) getCluster(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "cụm, khối thi đua")
	if err != nil {
		return nil, err
	}
	return h.detail(r, a, id)
}

func (h *handlers) clusterHistory(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "cụm, khối thi đua")
	if err != nil {
		return nil, err
	}
	evs, err := h.svc.ClusterHistory(r.Context(), a, id)
	out := historyJSON{Items: []historyItemJSON{}}
	for _, e := range evs {
		out.Items = append(out.Items, historyItemJSON{At: e.At, Actor: e.Actor, Action: e.Action})
	}
	return out, err
}

func (h *handlers) addClusterMember(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "cụm, khối thi đua")
	if err != nil {
		return nil, err
	}
	var in memberInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if _, err := h.svc.AddClusterMember(r.Context(), a, id, in.CollectiveID); err != nil {
		return nil, err
	}
	return h.detail(r, a, id)
}

func (h *handlers) addClusterGrader(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "cụm, khối thi đua")
	if err != nil {
		return nil, err
	}
	var in graderInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if _, err := h.svc.AddClusterGrader(r.Context(), a, id, in.OrgID); err != nil {
		return nil, err
	}
	return h.detail(r, a, id)
}

func (h *handlers) addCriterion(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "cụm, khối thi đua")
	if err != nil {
		return nil, err
	}
	var in criterionJSON
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if _, err := h.svc.AddCriterion(r.Context(), a, id, tdkt.ClusterCriterion{Group: in.Group, Name: in.Name, Max: in.Max, Weight: in.Weight}); err != nil {
		return nil, err
	}
	return h.detail(r, a, id)
}

func clusterMember(r *http.Request) (id, mid int64, err error) {
	if id, err = pathID(r, "cụm, khối thi đua"); err == nil {
		if mid, err = strconv.ParseInt(r.PathValue("mid"), 10, 64); err != nil || mid <= 0 {
			err = tdkt.NotFound("thành viên của cụm")
		}
	}
	return
}

func (h *handlers) selfAssess(r *http.Request, a *tdkt.Account) (any, error) {
	id, mid, err := clusterMember(r)
	if err != nil {
		return nil, err
	}
	var in scoresInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	var lines []core.SelfScoreInput
	for _, x := range in.Scores {
		lines = append(lines, core.SelfScoreInput{CriterionID: x.CriterionID, Score: x.Score, Evidence: x.Evidence})
	}
	if err := h.svc.SaveSelfAssessment(r.Context(), a, id, mid, lines, in.Submit); err != nil {
		return nil, err
	}
	return h.detail(r, a, id)
}

func (h *handlers) returnSelf(r *http.Request, a *tdkt.Account) (any, error) {
	id, mid, err := clusterMember(r)
	if err != nil {
		return nil, err
	}
	var in reasonInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := h.svc.ReturnSelfAssessment(r.Context(), a, id, mid, in.Reason); err != nil {
		return nil, err
	}
	return h.detail(r, a, id)
}

func (h *handlers) gradeMember(r *http.Request, a *tdkt.Account) (any, error) {
	id, mid, err := clusterMember(r)
	if err != nil {
		return nil, err
	}
	var in scoresInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	var lines []core.ScoreInput
	for _, x := range in.Scores {
		lines = append(lines, core.ScoreInput{CriterionID: x.CriterionID, Score: x.Score, Reason: x.Reason})
	}
	if err := h.svc.SaveScores(r.Context(), a, id, mid, lines); err != nil {
		return nil, err
	}
	return h.detail(r, a, id)
}

func (h *handlers) clusterRanking(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "cụm, khối thi đua")
	if err != nil {
		return nil, err
	}
	v, err := h.svc.ClusterRanking(r.Context(), a, id)
	return toRanking(v), err
}

func (h *handlers) approveRanking(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "cụm, khối thi đua")
	if err != nil {
		return nil, err
	}
	var in versionInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	v, err := h.svc.ApproveRanking(r.Context(), a, id, in.Version)
	return toRanking(v), err
}

func (h *handlers) proposeFlag(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "cụm, khối thi đua")
	if err != nil {
		return nil, err
	}
	d, err := h.svc.ProposeFlag(r.Context(), a, id)
	return flagJSON{DossierID: d.ID}, err
}
