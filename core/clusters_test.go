package core_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// clusterYear is the fixture's province with a cluster of five departments (D1–D5)
// for 2026: two criteria, graded by the province (the organising board), D1 and D5;
// D5 is lenient and favours D3.
type clusterYear struct {
	*tdkttest.Fixture
	ctx      context.Context
	Leader   tdkt.Account
	Depts    []tdkt.Org
	Clerks   []tdkt.Account
	Cols     []tdkt.CollectiveUnit
	Cluster  tdkt.Cluster
	Members  []int64 // member ids in department order
	Criteria []tdkt.ClusterCriterion
}

func pts(x float64) *float64 { return &x }

func newClusterYear(t *testing.T, db *sqldb.DB) *clusterYear {
	t.Helper()
	f := tdkttest.NewFixture(t, db)
	cy := &clusterYear{Fixture: f, ctx: context.Background()}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	cy.Leader, err = f.Svc.CreateAccount(cy.ctx, nil, core.NewAccount{Login: "lanhdao.tinh", Name: "Lãnh đạo tỉnh", Password: tdkttest.Password, Role: tdkt.RoleLeader, OrgCode: "T01"})
	must(err)
	names := []string{"Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo"}
	for i, n := range names {
		o := tdkt.Org{Code: fmt.Sprintf("S0%d", i+1), Name: n, Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
		must(f.Svc.SaveOrg(cy.ctx, nil, &o))
		a, err := f.Svc.CreateAccount(cy.ctx, nil, core.NewAccount{Login: fmt.Sprintf("canbo.s%d", i+1), Name: "Cán bộ " + n, Password: tdkttest.Password, Role: tdkt.RoleClerk, OrgCode: o.Code})
		must(err)
		c := tdkt.CollectiveUnit{OrgID: o.ID, UnitOrgID: o.ID, Name: n}
		must(f.Svc.SaveCollective(cy.ctx, &f.Admin, &c))
		cy.Depts, cy.Clerks, cy.Cols = append(cy.Depts, o), append(cy.Clerks, a), append(cy.Cols, c)
	}
	cy.Cluster, err = f.Svc.CreateCluster(cy.ctx, &f.Admin, core.ClusterInput{OrgID: f.Province.ID, Name: "Cụm thi đua số 1", Kind: tdkt.ClusterCum, Year: 2026})
	must(err)
	for _, c := range cy.Cols {
		m, err := f.Svc.AddClusterMember(cy.ctx, &f.Admin, cy.Cluster.ID, c.ID)
		must(err)
		cy.Members = append(cy.Members, m.ID)
	}
	for _, g := range []int64{f.Province.ID, cy.Depts[0].ID, cy.Depts[4].ID} {
		_, err = f.Svc.AddClusterGrader(cy.ctx, &f.Admin, cy.Cluster.ID, g)
		must(err)
	}
	for _, c := range []tdkt.ClusterCriterion{{Group: "I. Thực hiện nhiệm vụ chính trị", Name: "Hoàn thành chỉ tiêu được giao", Max: 10, Weight: 2},
		{Group: "II. Phong trào thi đua", Name: "Tổ chức phong trào thi đua", Max: 10, Weight: 1}} {
		c, err := f.Svc.AddCriterion(cy.ctx, &f.Admin, cy.Cluster.ID, c)
		must(err)
		cy.Criteria = append(cy.Criteria, c)
	}
	v, err := f.Svc.GetCluster(cy.ctx, &f.Admin, cy.Cluster.ID)
	must(err)
	must(f.Svc.SetClusterHead(cy.ctx, &f.Admin, cy.Cluster.ID, cy.Members[1], v.Cluster.Version))
	v, _ = f.Svc.GetCluster(cy.ctx, &f.Admin, cy.Cluster.ID)
	must(f.Svc.SignPact(cy.ctx, &f.Admin, cy.Cluster.ID, core.PactInput{Text: "Các thành viên cụm giao ước thi đua hoàn thành xuất sắc nhiệm vụ năm 2026.",
		SignedOn: "2026-02-10", MemberIDs: cy.Members, Version: v.Cluster.Version}))
	cy.Cluster = v.Cluster
	return cy
}

// grade scores one member on both criteria with the same score.
func (cy *clusterYear) grade(t *testing.T, grader *tdkt.Account, member int, score float64) {
	t.Helper()
	var in []core.ScoreInput
	for _, c := range cy.Criteria {
		in = append(in, core.ScoreInput{CriterionID: c.ID, Score: pts(score)})
	}
	if err := cy.Svc.SaveScores(cy.ctx, grader, cy.Cluster.ID, cy.Members[member], in); err != nil {
		t.Fatalf("%s scores member %d: %v", grader.Login, member+1, err)
	}
}

// scoreAll gives the year's scores: the board and D1 agree; D5 is lenient.
func (cy *clusterYear) scoreAll(t *testing.T) {
	for i, s := range []float64{9, 7, 6, 5, 7} {
		cy.grade(t, &cy.Admin, i, s)
	}
	for i, s := range []float64{-1, 7, 6, 5, 7} {
		if s >= 0 {
			cy.grade(t, &cy.Clerks[0], i, s)
		}
	}
	for i, s := range []float64{9, 9, 10, 9, -1} {
		if s >= 0 {
			cy.grade(t, &cy.Clerks[4], i, s)
		}
	}
}

func TestClusterYear(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		cy := newClusterYear(t, db)
		ctx, id, c1 := cy.ctx, cy.Cluster.ID, cy.Criteria[0].ID
		pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
		// D1 assesses itself, with evidence; the board returns it (a reason is needed)
		self := []core.SelfScoreInput{{CriterionID: c1, Score: pts(8), Evidence: "Báo cáo tổng kết năm", FileName: "bao-cao.pdf", File: pdf},
			{CriterionID: cy.Criteria[1].ID, Score: pts(8), Evidence: "Kế hoạch phát động thi đua"}}
		if err := cy.Svc.SaveSelfAssessment(ctx, &cy.Clerks[0], id, cy.Members[0], self, true); err != nil {
			t.Fatal(err)
		}
		bad := []core.SelfScoreInput{{CriterionID: c1, Score: pts(8), FileName: "virus.pdf", File: []byte("MZ\x90\x00")}}
		if err := cy.Svc.SaveSelfAssessment(ctx, &cy.Clerks[1], id, cy.Members[1], bad, false); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("evidence that is not a PDF: %v", err)
		}
		if err := cy.Svc.SaveSelfAssessment(ctx, &cy.Clerks[1], id, cy.Members[0], self, false); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("another member's self-assessment: %v", err)
		}
		if err := cy.Svc.ReturnSelfAssessment(ctx, &cy.Admin, id, cy.Members[0], " "); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("return without reason: %v", err)
		}
		if err := cy.Svc.ReturnSelfAssessment(ctx, &cy.Admin, id, cy.Members[0], "Thiếu minh chứng tiêu chí 2"); err != nil {
			t.Fatal(err)
		}
		// scoring has started: the criteria are frozen
		if _, err := cy.Svc.AddCriterion(ctx, &cy.Admin, id, tdkt.ClusterCriterion{Group: "III", Name: "Khác", Max: 5, Weight: 1}); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("criterion added during scoring: %v", err)
		}
		// a score above the maximum is a field error; 0 needs a reason and is then kept
		err := cy.Svc.SaveScores(ctx, &cy.Clerks[0], id, cy.Members[1], []core.ScoreInput{{CriterionID: c1, Score: pts(11)}})
		if e, ok := err.(*tdkt.Error); !ok || e.Fields[fmt.Sprintf("score_%d", c1)] == "" {
			t.Errorf("score 11 of 10: %v", err)
		}
		err = cy.Svc.SaveScores(ctx, &cy.Clerks[0], id, cy.Members[1], []core.ScoreInput{{CriterionID: c1, Score: pts(0)}})
		if e, ok := err.(*tdkt.Error); !ok || e.Fields[fmt.Sprintf("reason_%d", c1)] == "" {
			t.Errorf("score 0 without reason: %v", err)
		}
		if err := cy.Svc.SaveScores(ctx, &cy.Clerks[0], id, cy.Members[1], []core.ScoreInput{{CriterionID: c1, Score: pts(0), Reason: "Không có báo cáo"}}); err != nil {
			t.Fatalf("score 0 with reason: %v", err)
		}
		v, _ := cy.Svc.GetCluster(ctx, &cy.Admin, id)
		if len(v.Grades) != 1 || v.Grades[0].Score != 0 {
			t.Fatalf("grades after a 0: %+v", v.Grades)
		}
		if err := cy.Svc.SaveScores(ctx, &cy.Clerks[0], id, cy.Members[0], []core.ScoreInput{{CriterionID: c1, Score: pts(5)}}); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a member scoring itself: %v", err)
		}
		if err := cy.Svc.SaveScores(ctx, &cy.Clerks[2], id, cy.Members[0], []core.ScoreInput{{CriterionID: c1, Score: pts(5)}}); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a member that is not a grader: %v", err)
		}
		cy.scoreAll(t)

		r, err := cy.Svc.ClusterRanking(ctx, &cy.Clerks[2], id)
		if err != nil {
			t.Fatal(err)
		}
		at := map[int64]tdkt.Standing{}
		for _, s := range r.Ranking.Standings {
			at[s.MemberID] = s
		}
		d3, d5 := at[cy.Members[2]], at[cy.Members[4]]
		if !(d3.RawRank < d5.RawRank && d3.NormRank > d5.NormRank) {
			t.Errorf("D3 (favoured by the lenient grader) raw %d norm %d; D5 raw %d norm %d: want D3 above raw, below normalised",
				d3.RawRank, d3.NormRank, d5.RawRank, d5.NormRank)
		}
		if at[cy.Members[0]].NormRank != 1 {
			t.Errorf("D1 should lead: %+v", r.Ranking.Standings)
		}
		if r.Ranking.Leniency[cy.Depts[4].ID] <= 1 || len(r.Ranking.Outliers) == 0 {
			t.Errorf("leniency %v, outliers %v", r.Ranking.Leniency, r.Ranking.Outliers)
		}
		if r.CanApprove {
			t.Error("a member unit may not approve")
		}
		if _, err := cy.Svc.ApproveRanking(ctx, &cy.Clerks[0], id, r.Cluster.Version); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("approval by a member clerk: %v", err)
		}
		r, err = cy.Svc.ApproveRanking(ctx, &cy.Leader, id, r.Cluster.Version)
		if err != nil {
			t.Fatal(err)
		}
		err = cy.Svc.SaveScores(ctx, &cy.Admin, id, cy.Members[3], []core.ScoreInput{{CriterionID: c1, Score: pts(6)}})
		if tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("score after approval: %v, want conflict", err)
		}
		d, err := cy.Svc.ProposeFlag(ctx, &cy.Admin, id)
		if err != nil {
			t.Fatal(err)
		}
		dv, err := cy.Svc.GetDossier(ctx, &cy.Admin, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if dv.Dossier.Award != "co_thi_dua_bo_tinh" || dv.Dossier.Kind != tdkt.KindMerit || dv.Dossier.OrgID != cy.Province.ID ||
			len(dv.Dossier.Candidates) != 1 || dv.Dossier.Candidates[0].Subject != (tdkt.Subject{Kind: tdkt.Collective, ID: cy.Cols[0].ID}) ||
			!strings.HasPrefix(dv.Dossier.Candidates[0].Justification, "Dẫn đầu cụm số 1 năm 2026 với ") {
			t.Errorf("flag dossier: %+v %+v", dv.Dossier, dv.Dossier.Candidates)
		}
		if _, err := cy.Svc.ProposeFlag(ctx, &cy.Admin, id); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("second proposal: %v", err)
		}
		h, err := cy.Svc.ClusterHistory(ctx, &cy.Clerks[3], id)
		if err != nil || len(h) < 10 {
			t.Errorf("history: %d events, %v", len(h), err)
		}
	})
}

// TestClusterScope: a unit of another cluster of the same province sees neither the
// cluster, nor its scores, nor its history.
func TestClusterScope(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		cy := newClusterYear(t, db)
		ctx := cy.ctx
		colA := tdkt.CollectiveUnit{OrgID: cy.CommuneA.ID, UnitOrgID: cy.CommuneA.ID, Name: "Ủy ban nhân dân xã Đông Hòa"}
		if err := cy.Svc.SaveCollective(ctx, &cy.Admin, &colA); err != nil {
			t.Fatal(err)
		}
		other, err := cy.Svc.CreateCluster(ctx, &cy.Admin, core.ClusterInput{OrgID: cy.Province.ID, Name: "Cụm thi đua các xã", Kind: tdkt.ClusterCum, Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cy.Svc.AddClusterMember(ctx, &cy.Admin, other.ID, colA.ID); err != nil {
			t.Fatal(err)
		}
		for _, a := range []*tdkt.Account{&cy.ClerkA, &cy.ClerkB} {
			if _, err := cy.Svc.GetCluster(ctx, a, cy.Cluster.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
				t.Errorf("%s: cluster page %v", a.Login, err)
			}
			if _, err := cy.Svc.ClusterRanking(ctx, a, cy.Cluster.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
				t.Errorf("%s: scores %v", a.Login, err)
			}
			if _, err := cy.Svc.ClusterHistory(ctx, a, cy.Cluster.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
				t.Errorf("%s: history %v", a.Login, err)
			}
		}
		if _, err := cy.Svc.GetCluster(ctx, &cy.Clerks[0], other.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("D1 on the communes' cluster: %v", err)
		}
		list, _ := cy.Svc.Clusters(ctx, &cy.ClerkA)
		if len(list) != 1 || list[0].ID != other.ID {
			t.Errorf("commune A lists %+v", list)
		}
		list, _ = cy.Svc.Clusters(ctx, &cy.Admin)
		if len(list) != 2 {
			t.Errorf("province lists %d clusters", len(list))
		}
	})
}
