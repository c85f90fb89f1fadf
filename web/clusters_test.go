package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// webCluster builds "Cụm thi đua số 1" of five departments (logins canbo.s1–s5) with
// two criteria, graded by the province, S01 and the lenient S05; with scored, every
// grade is given. It returns the cluster and its member ids.
func webCluster(t *testing.T, f *tdkttest.Fixture, scored bool) (id int64, members, crits []int64) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c, err := f.Svc.CreateCluster(ctx, &f.Admin, core.ClusterInput{OrgID: f.Province.ID, Name: "Cụm thi đua số 1", Kind: tdkt.ClusterCum, Year: 2026})
	must(err)
	var clerks []tdkt.Account
	var graders []int64
	names := []string{"Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo"}
	for i, n := range names {
		o := tdkt.Org{Code: fmt.Sprintf("S0%d", i+1), Name: n, Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
		must(f.Svc.SaveOrg(ctx, nil, &o))
		a, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: fmt.Sprintf("canbo.s%d", i+1), Name: "Cán bộ " + n, Password: tdkttest.Password, Role: tdkt.RoleClerk, OrgCode: o.Code})
		must(err)
		clerks = append(clerks, a)
		col := tdkt.CollectiveUnit{OrgID: o.ID, UnitOrgID: o.ID, Name: n}
		must(f.Svc.SaveCollective(ctx, &f.Admin, &col))
		m, err := f.Svc.AddClusterMember(ctx, &f.Admin, c.ID, col.ID)
		must(err)
		members = append(members, m.ID)
		if i == 0 || i == 4 {
			graders = append(graders, o.ID)
		}
	}
	for _, g := range append(graders, f.Province.ID) {
		_, err := f.Svc.AddClusterGrader(ctx, &f.Admin, c.ID, g)
		must(err)
	}
	for _, x := range []tdkt.ClusterCriterion{{Group: "I. Thực hiện nhiệm vụ chính trị", Name: "Hoàn thành chỉ tiêu kế hoạch được giao", Max: 10, Weight: 2},
		{Group: "II. Công tác thi đua, khen thưởng", Name: "Tổ chức phong trào thi đua, nhân rộng điển hình", Max: 10, Weight: 1}} {
		cr, err := f.Svc.AddCriterion(ctx, &f.Admin, c.ID, x)
		must(err)
		crits = append(crits, cr.ID)
	}
	v, _ := f.Svc.GetCluster(ctx, &f.Admin, c.ID)
	must(f.Svc.SetClusterHead(ctx, &f.Admin, c.ID, members[1], v.Cluster.Version))
	v, _ = f.Svc.GetCluster(ctx, &f.Admin, c.ID)
	must(f.Svc.SignPact(ctx, &f.Admin, c.ID, core.PactInput{Text: "Giao ước thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm 2026.", SignedOn: "2026-02-10",
		MemberIDs: members, Version: v.Cluster.Version}))
	if !scored {
		return c.ID, members, crits
	}
	grade := func(a *tdkt.Account, scores []float64) {
		for i, s := range scores {
			if s < 0 {
				continue
			}
			var in []core.ScoreInput
			for _, cr := range crits {
				in = append(in, core.ScoreInput{CriterionID: cr, Score: &s})
			}
			must(f.Svc.SaveScores(ctx, a, c.ID, members[i], in))
		}
	}
	grade(&f.Admin, []float64{9, 7, 6, 5, 7})
	grade(&clerks[0], []float64{-1, 7, 6, 5, 7})
	grade(&clerks[4], []float64{9, 9, 10, 9, -1})
	return c.ID, members, crits
}

func TestClusterPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		id, members, crits := webCluster(t, f, true)
		base := "/app/clusters/" + itoa(id)
		outsider, s1, admin := f.Client(t, "canbo.a"), f.Client(t, "canbo.s1"), f.Client(t, "quantri")
		for _, p := range []string{base, base + "/ranking", base + "/history", base + "/self"} {
			want(t, "commune A on "+p, get(t, f, outsider, p), http.StatusNotFound)
		}
		want(t, "list of commune A", get(t, f, outsider, "/app/clusters"), http.StatusOK, "Chưa có cụm, khối thi đua")
		want(t, "cluster page", get(t, f, s1, base), http.StatusOK, "Cụm thi đua số 1 năm 2026", "Sở Xây dựng", "Cụm trưởng",
			"Giao ước thi đua hoàn thành xuất sắc", "Hoàn thành chỉ tiêu kế hoạch được giao", "Bản tự chấm của đơn vị")
		k := itoa(crits[0])
		p := post(t, f, s1, base+"/grade/"+itoa(members[3]), url.Values{"score_" + k: {"11"}, "score_" + itoa(crits[1]): {"5"}})
		want(t, "score above the maximum", p, http.StatusUnprocessableEntity, "vượt quá điểm tối đa", `id="e-score-`+k+`"`)
		p = post(t, f, s1, base+"/grade/"+itoa(members[3]), url.Values{"score_" + k: {"0"}, "score_" + itoa(crits[1]): {"5"}})
		want(t, "0 without a reason", p, http.StatusUnprocessableEntity, "Điểm 0 cần ghi lý do", `id="e-reason-`+k+`"`)
		p = post(t, f, s1, base+"/grade/"+itoa(members[3]), url.Values{"score_" + k: {"0"}, "reason_" + k: {"Không nộp báo cáo"}, "score_" + itoa(crits[1]): {"5"}})
		want(t, "0 with a reason", p, http.StatusSeeOther)
		want(t, "ranking for a member", get(t, f, s1, base+"/ranking"), http.StatusOK, "Xếp hạng đã hiệu chỉnh", "Xếp hạng thô", "Điểm bất thường", "▼")
		// the same ranking as a file: one line per member, first the normalised first
		if rows := xlsxRows(t, get(t, f, s1, base+"/ranking?format=xlsx").Body); len(rows) < 3 || rows[1][0] != "1" || rows[0][1] != "Đơn vị" {
			t.Errorf("ranking XLSX: %q", rows)
		}
		r := get(t, f, admin, base+"/ranking")
		want(t, "ranking for the province", r, http.StatusOK, `id="approve"`)
		v, _ := f.Svc.GetCluster(context.Background(), &f.Admin, id)
		want(t, "approve", post(t, f, admin, base+"/approve", url.Values{"version": {itoa(int64(v.Cluster.Version))}}), http.StatusSeeOther)
		want(t, "approved ranking", get(t, f, admin, base+"/ranking"), http.StatusOK, "Đã phê duyệt", "Đề nghị Cờ thi đua")
		p = post(t, f, s1, base+"/grade/"+itoa(members[3]), url.Values{"score_" + k: {"6"}})
		want(t, "score after approval", p, http.StatusConflict)
		p = post(t, f, admin, base+"/flag", nil)
		want(t, "propose the flag", p, http.StatusSeeOther)
		want(t, "flag dossier", get(t, f, admin, p.Location), http.StatusOK, "Cờ thi đua của Bộ, ban, ngành, tỉnh", "Sở Tài chính", "Dẫn đầu cụm số 1 năm 2026 với")
	})
}

// The organiser sets a cluster up in the web: members from a sorted list, a grading
// unit, the head and the signed pact; a member nobody graded shows "chưa được chấm".
func TestClusterSetupInTheWeb(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		c, err := f.Svc.CreateCluster(ctx, &f.Admin, core.ClusterInput{OrgID: f.Province.ID, Name: "Khối các xã", Kind: tdkt.ClusterKhoi, Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []struct {
			org  tdkt.Org
			name string
		}{{f.CommuneB, "Ủy ban nhân dân phường Ánh Dương"}, {f.CommuneA, "Ủy ban nhân dân xã Đông Hòa"}} {
			col := tdkt.CollectiveUnit{OrgID: x.org.ID, UnitOrgID: x.org.ID, Name: x.name}
			if err := f.Svc.SaveCollective(ctx, &f.Admin, &col); err != nil {
				t.Fatal(err)
			}
		}
		admin := f.Client(t, "quantri")
		base := "/app/clusters/" + itoa(c.ID)
		page := get(t, f, admin, base)
		// Vietnamese order: "phường Ánh Dương" before "xã Đông Hòa".
		if i, j := strings.Index(page.Body, ">Ủy ban nhân dân phường Ánh Dương ("), strings.Index(page.Body, ">Ủy ban nhân dân xã Đông Hòa ("); i < 0 || j < 0 || i > j {
			t.Fatalf("the members to add are not offered in Vietnamese order (%d, %d)", i, j)
		}
		cols, _ := f.Svc.Collectives(ctx, &f.Admin, "", 10)
		for _, col := range cols {
			want(t, "add member", post(t, f, admin, base+"/members", url.Values{"collective_id": {itoa(col.ID)}}), http.StatusSeeOther)
		}
		want(t, "add grader", post(t, f, admin, base+"/setup", url.Values{"what": {"grader"}, "org_id": {itoa(f.Province.ID)}}), http.StatusSeeOther)
		v, err := f.Svc.GetCluster(ctx, &f.Admin, c.ID)
		if err != nil || len(v.Members) != 2 || len(v.Graders) != 1 {
			t.Fatalf("after adding: %v, %d members, %d graders", err, len(v.Members), len(v.Graders))
		}
		head := v.Members[0]
		want(t, "set head", post(t, f, admin, base+"/setup", url.Values{"what": {"head"}, "member_id": {itoa(head.ID)}, "version": {itoa(int64(v.Cluster.Version))}}), http.StatusSeeOther)
		v, _ = f.Svc.GetCluster(ctx, &f.Admin, c.ID)
		want(t, "pact without signers", post(t, f, admin, base+"/setup", url.Values{"what": {"pact"}, "text": {"Giao ước"}, "signed_on": {"10/02/2026"},
			"version": {itoa(int64(v.Cluster.Version))}}), http.StatusUnprocessableEntity, "Hãy chọn các thành viên đã ký")
		want(t, "pact", post(t, f, admin, base+"/setup", url.Values{"what": {"pact"}, "text": {"Giao ước thi đua năm 2026 của khối các xã."}, "signed_on": {"10/02/2026"},
			"signed": {itoa(v.Members[0].ID), itoa(v.Members[1].ID)}, "version": {itoa(int64(v.Cluster.Version))}}), http.StatusSeeOther)
		want(t, "set up", get(t, f, admin, base), http.StatusOK, `<span class="tag">Cụm trưởng</span>`, "Giao ước thi đua năm 2026 của khối các xã.", "10/02/2026")
		v, _ = f.Svc.GetCluster(ctx, &f.Admin, c.ID)
		if v.Cluster.HeadID != head.ID || !v.Members[0].Signed || !v.Members[1].Signed {
			t.Errorf("head %d (want %d), signed %v %v", v.Cluster.HeadID, head.ID, v.Members[0].Signed, v.Members[1].Signed)
		}
		if _, err := f.Svc.AddCriterion(ctx, &f.Admin, c.ID, tdkt.ClusterCriterion{Group: "I", Name: "Nhiệm vụ", Max: 10, Weight: 1}); err != nil {
			t.Fatal(err)
		}
		want(t, "ranking before any grade", get(t, f, admin, base+"/ranking"), http.StatusOK, "Chưa được chấm")
		// A clerk of a commune is not the organiser: no set-up.
		if p := post(t, f, f.Client(t, "canbo.a"), base+"/setup", url.Values{"what": {"grader"}, "org_id": {itoa(f.CommuneA.ID)}}); p.Status == http.StatusSeeOther {
			t.Error("a commune's clerk set up the province's cluster")
		}
	})
}

// The organiser gives the self-scores' due date when creating a cluster and changes it
// on the cluster's page; a date before the cluster's year is refused on its field.
func TestClusterScoresDueInTheWeb(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		admin := f.Client(t, "quantri")
		form := url.Values{"org_id": {itoa(f.Province.ID)}, "name": {"Cụm thi đua các xã"}, "kind": {"cum"}, "year": {"2026"}, "scores_due_on": {"31/12/2025"}}
		want(t, "a due date before the year", post(t, f, admin, "/app/clusters", form), http.StatusUnprocessableEntity, "Hạn chấm điểm phải từ năm 2026 trở đi.")
		form.Set("scores_due_on", "15/12/2026")
		p := post(t, f, admin, "/app/clusters", form)
		want(t, "create", p, http.StatusSeeOther)
		want(t, "the page", get(t, f, admin, p.Location), http.StatusOK, `<dd id="cluster-scores-due">15/12/2026</dd>`, `value="15/12/2026"`)
		v, err := f.Svc.Clusters(context.Background(), &f.Admin)
		if err != nil || len(v) != 1 {
			t.Fatalf("%v, %d clusters", err, len(v))
		}
		version := itoa(int64(v[0].Version))
		want(t, "a day that does not exist", post(t, f, admin, p.Location+"/setup", url.Values{"what": {"due"}, "scores_due_on": {"30/02/2027"}, "version": {version}}),
			http.StatusUnprocessableEntity, `id="e-scores_due_on">Tháng 2 không có ngày 30`)
		want(t, "change", post(t, f, admin, p.Location+"/setup", url.Values{"what": {"due"}, "scores_due_on": {"20/01/2027"}, "version": {version}}), http.StatusSeeOther)
		want(t, "changed", get(t, f, admin, p.Location), http.StatusOK, `<dd id="cluster-scores-due">20/01/2027</dd>`)
	})
}
