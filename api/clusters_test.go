package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// apiCluster builds a cluster of five departments with one criterion (max 10),
// graded by the province, S01 and S05; it returns the cluster and member ids.
func apiCluster(t *testing.T, f *tdkttest.Fixture) (id int64, members []int64, crit int64) {
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
	var graders []int64
	for i := 1; i <= 5; i++ {
		o := tdkt.Org{Code: fmt.Sprintf("S0%d", i), Name: fmt.Sprintf("Sở số %d", i), Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
		must(f.Svc.SaveOrg(ctx, nil, &o))
		_, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: fmt.Sprintf("canbo.s%d", i), Name: "Cán bộ", Password: tdkttest.Password, Role: tdkt.RoleClerk, OrgCode: o.Code})
		must(err)
		col := tdkt.CollectiveUnit{OrgID: o.ID, UnitOrgID: o.ID, Name: o.Name}
		must(f.Svc.SaveCollective(ctx, &f.Admin, &col))
		m, err := f.Svc.AddClusterMember(ctx, &f.Admin, c.ID, col.ID)
		must(err)
		members = append(members, m.ID)
		if i == 1 || i == 5 {
			graders = append(graders, o.ID)
		}
	}
	for _, g := range append(graders, f.Province.ID) {
		_, err := f.Svc.AddClusterGrader(ctx, &f.Admin, c.ID, g)
		must(err)
	}
	cr, err := f.Svc.AddCriterion(ctx, &f.Admin, c.ID, tdkt.ClusterCriterion{Group: "I", Name: "Hoàn thành nhiệm vụ", Max: 10, Weight: 1})
	must(err)
	return c.ID, members, cr.ID
}

func TestClusterAPI(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		id, members, crit := apiCluster(t, f)
		base := fmt.Sprintf("/api/v1/clusters/%d", id)
		s1, admin, outsider := as(t, f, "canbo.s1"), as(t, f, "quantri"), as(t, f, "canbo.a")
		line := func(score any, reason string) map[string]any {
			return map[string]any{"scores": []map[string]any{{"criterion_id": crit, "score": score, "reason": reason}}}
		}
		if code, body := s1.do("POST", fmt.Sprintf("%s/members/%d/scores", base, members[1]), line(11, "")); code != http.StatusUnprocessableEntity ||
			!json.Valid(body) || !tdkttest.Contains(string(body), fmt.Sprintf(`"score_%d"`, crit)) {
			t.Errorf("score above max: %d %s", code, body)
		}
		if code, body := s1.do("POST", fmt.Sprintf("%s/members/%d/scores", base, members[1]), line(0, "")); code != http.StatusUnprocessableEntity ||
			!tdkttest.Contains(string(body), fmt.Sprintf(`"reason_%d"`, crit)) {
			t.Errorf("0 without reason: %d %s", code, body)
		}
		if code, body := s1.do("POST", fmt.Sprintf("%s/members/%d/scores", base, members[1]), line(0, "Không nộp báo cáo")); code != http.StatusOK ||
			!tdkttest.Contains(string(body), `"score":0`) {
			t.Errorf("0 with reason: %d %s", code, body)
		}
		for i, m := range members {
			if i != 0 {
				if code, body := s1.do("POST", fmt.Sprintf("%s/members/%d/scores", base, m), line(7, "")); code != http.StatusOK {
					t.Fatalf("score: %d %s", code, body)
				}
			}
			if code, body := admin.do("POST", fmt.Sprintf("%s/members/%d/scores", base, m), line(6+i%3, "")); code != http.StatusOK {
				t.Fatalf("board score: %d %s", code, body)
			}
		}
		code, body := admin.do("GET", base+"/ranking", nil)
		var r struct {
			Standings []struct{ Raw, Normalised float64 }
		}
		if json.Unmarshal(body, &r); code != http.StatusOK || len(r.Standings) != 5 {
			t.Fatalf("ranking: %d %s", code, body)
		}
		for _, p := range []string{base, base + "/ranking", base + "/history"} {
			if code, _ := outsider.do("GET", p, nil); code != http.StatusNotFound {
				t.Errorf("commune clerk GET %s: %d, want 404", p, code)
			}
		}
		var c struct{ Cluster struct{ Version int } }
		_, body = admin.do("GET", base, nil)
		json.Unmarshal(body, &c)
		if code, body := admin.do("POST", base+"/approve", map[string]any{"version": c.Cluster.Version}); code != http.StatusOK {
			t.Fatalf("approve: %d %s", code, body)
		}
		if code, _ := s1.do("POST", fmt.Sprintf("%s/members/%d/scores", base, members[2]), line(8, "")); code != http.StatusConflict {
			t.Errorf("score after approval: %d, want 409", code)
		}
		if code, body := admin.do("POST", base+"/flag", nil); code != http.StatusCreated || !tdkttest.Contains(string(body), "dossier_id") {
			t.Errorf("flag: %d %s", code, body)
		}
	})
}
