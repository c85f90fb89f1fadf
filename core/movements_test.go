package core_test

import (
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestMovementFromLaunchToReward: a province launches a thematic movement, two
// departments cascade it, a commune checks in, the sơ kết produces a chuyên đề
// dossier that goes through the council to a decision, and the movement lists it.
func TestMovementFromLaunchToReward(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		f.Svc.Now = func() time.Time { return time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC) }
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		m := tdkt.Movement{OrgID: f.Province.ID, Name: "Thi đua chuyển đổi số năm 2026", Objectives: "Số hóa toàn bộ hồ sơ hành chính",
			Scope: tdkt.MovementSector, Method: tdkt.MethodThematic, Participants: "Các sở, ngành, xã, phường",
			Criteria: []tdkt.Criterion{{Text: "100% hồ sơ trực tuyến", Points: 60}, {Text: "Sáng kiến chuyển đổi số", Points: 40}},
			StartsOn: "2026-03-01", EndsOn: "2026-12-31", Plan: "Triển khai theo quý"}
		must(f.Svc.CreateMovement(ctx, &p.ProvClerk, &m))
		if _, err := f.Svc.GetMovement(ctx, &f.ClerkA, m.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Fatalf("a draft is not yet visible below: %v", err)
		}
		var err error
		m, err = f.Svc.LaunchMovement(ctx, &p.ProvClerk, m.ID, m.Version)
		must(err)
		var plans []tdkt.Movement
		for i, code := range []string{"S01", "S02"} {
			dept := tdkt.Org{Code: code, Name: []string{"Sở Nội vụ", "Sở Y tế"}[i], Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
			must(f.Svc.SaveOrg(ctx, nil, &dept))
			plan := tdkt.Movement{OrgID: dept.ID, ParentID: m.ID, Name: "Kế hoạch của " + dept.Name, Objectives: "Thực hiện phong trào của tỉnh",
				Scope: tdkt.MovementUnitwide, Method: tdkt.MethodThematic, StartsOn: "2026-04-01", EndsOn: "2026-12-31"}
			must(f.Svc.CreateMovement(ctx, &p.ProvClerk, &plan))
			plan, err = f.Svc.LaunchMovement(ctx, &p.ProvClerk, plan.ID, plan.Version)
			must(err)
			plans = append(plans, plan)
		}
		bad := tdkt.Movement{OrgID: f.Province.ID, ParentID: m.ID, Name: "Sai cấp", Objectives: "x", Scope: tdkt.MovementUnitwide,
			Method: tdkt.MethodThematic, StartsOn: "2026-04-01", EndsOn: "2026-12-31"}
		if err := f.Svc.CreateMovement(ctx, &p.ProvClerk, &bad); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("the launching unit cannot cascade its own movement: %v", err)
		}
		ci, err := f.Svc.AddCheckIn(ctx, &f.ClerkA, m.ID, core.CheckInInput{On: "2026-06-30", Text: "Đã số hóa 80% hồ sơ",
			FileName: "bao-cao.pdf", File: []byte("%PDF-1.4 minh chứng")})
		must(err)
		if ci.FileID == 0 {
			t.Error("the evidence file was not kept")
		}
		if _, err := f.Svc.AddCheckIn(ctx, &f.ClerkA, m.ID, core.CheckInInput{On: "2026-06-30", Text: "x", FileName: "a.pdf", File: []byte("MZ")}); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a renamed executable as evidence: %v", err)
		}
		v, err := f.Svc.GetMovement(ctx, &p.ProvClerk, m.ID)
		must(err)
		_, err = f.Svc.AddReview(ctx, &p.ProvClerk, m.ID, v.Movement.Version, tdkt.MovementReview{Kind: tdkt.ReviewMid, On: "2026-07-15", Report: "Sơ kết 6 tháng"})
		must(err)

		if _, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindMerit,
			Year: 2026, MovementID: m.ID}); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a công trạng dossier from a movement: %v", err)
		}
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindThematic,
			Year: 2026, MovementID: m.ID, Reason: "đã có thành tích xuất sắc trong phong trào chuyển đổi số"})
		must(err)
		_, err = f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID}, "Chủ trì số hóa 12.000 hồ sơ của xã")
		must(err)
		d = reload(t, f, &f.ClerkA, d.ID)
		if d.MovementID != m.ID {
			t.Fatalf("movement id %d", d.MovementID)
		}
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActAppraise, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActToCouncil, "")
		meet, err := f.Svc.OpenMeeting(ctx, &p.ProvClerk, p.Council.ID, "2026-11-26", "Phòng họp số 1", []int64{d.ID})
		must(err)
		for _, member := range p.Members {
			for _, c := range d.Candidates {
				if member.Login == "hd10" {
					must(f.Svc.Recuse(ctx, &member, meet.ID, c.ID, ""))
					continue
				}
				must(f.Svc.Vote(ctx, &member, meet.ID, c.ID, true))
			}
		}
		_, err = f.Svc.CloseMeeting(ctx, &p.Leader, meet.ID, 1)
		must(err)
		d = reload(t, f, &p.Leader, d.ID)
		p.step(t, &p.Leader, &d, tdkt.ActApprove, "")
		_, err = f.Svc.Decide(ctx, &p.Leader, d.ID, core.DecisionInput{Number: "88/QĐ-UBND", Date: "2026-11-30", Signer: "Nguyễn Văn Chủ",
			SignerTitle: "CHỦ TỊCH", Version: d.Version})
		must(err)

		v, err = f.Svc.GetMovement(ctx, &p.ProvClerk, m.ID)
		must(err)
		if len(v.Tree) != 3 || v.Tree[1].Depth != 1 || len(v.CheckIns) != 1 || len(v.Reviews) != 1 || v.Movement.Status != tdkt.MovementMidReview {
			t.Fatalf("movement view: tree %d, check-ins %d, reviews %d, status %s", len(v.Tree), len(v.CheckIns), len(v.Reviews), v.Movement.Status)
		}
		if len(v.Movement.Criteria) != 2 || v.Movement.Criteria[0].Points != 60 {
			t.Errorf("criteria %+v", v.Movement.Criteria)
		}
		if len(v.Rewards) != 1 || v.Rewards[0].Decision == nil || v.Rewards[0].Decision.Number != "88/QĐ-UBND" ||
			len(v.Rewards[0].Awardees) != 1 || v.Rewards[0].Awardees[0].Name != p.Good1.FullName {
			t.Fatalf("rewards %+v", v.Rewards)
		}
		rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, p.Good1.ID)
		must(err)
		for _, h := range rec.Honours {
			if h.AwardCode == "bang_khen_bo_tinh" && h.Kind != tdkt.KindThematic {
				t.Errorf("the honour of a thematic reward has kind %s", h.Kind)
			}
		}

		// A commune's own movement is not visible to another commune.
		own := tdkt.Movement{OrgID: f.CommuneA.ID, Name: "Thi đua thường xuyên của xã", Objectives: "Hoàn thành nhiệm vụ năm",
			Scope: tdkt.MovementUnitwide, Method: tdkt.MethodRegular, StartsOn: "2026-01-01", EndsOn: "2026-12-31"}
		must(f.Svc.CreateMovement(ctx, &f.ClerkA, &own))
		_, err = f.Svc.LaunchMovement(ctx, &f.ClerkA, own.ID, own.Version)
		must(err)
		if _, err := f.Svc.GetMovement(ctx, &f.ClerkB, own.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("commune B reads commune A's movement: %v", err)
		}
		list, err := f.Svc.Movements(ctx, &f.ClerkB)
		must(err)
		if len(list) != 1 || list[0].ID != m.ID {
			t.Errorf("commune B receives only the province's movement: %+v", list)
		}

		st, err := f.Svc.MovementStats(ctx, &f.Admin, 2026)
		must(err)
		if st.Total != 4 || st.ByLevel[tdkt.LaunchSector] != 1 || st.ByLevel[tdkt.LaunchUnit] != 3 ||
			st.ByScope[tdkt.MovementSector] != 1 || st.ByScope[tdkt.MovementUnitwide] != 3 ||
			st.ByDuration[tdkt.BandUnder1] != 3 || st.ByDuration[tdkt.Band1] != 1 ||
			st.ByMethod[tdkt.MethodThematic] != 3 || st.ByMethod[tdkt.MethodRegular] != 1 {
			t.Errorf("0601 counts %+v", st)
		}
		if st.Rows[0].Code != "01" || st.Rows[0].Total != 4 || st.Rows[0].ByLevel != [3]int{0, 1, 3} || st.Rows[11].Code != "12" || st.Rows[11].Total != 1 {
			t.Errorf("0601 rows %+v", st.Rows)
		}
		if st, _ := f.Svc.MovementStats(ctx, &f.ClerkA, 2026); st.Total != 1 {
			t.Errorf("commune A counts only its own: %d", st.Total)
		}
		_ = plans
	})
}

func TestMovementDurationBands(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"2026-01-01", "2026-06-30", tdkt.BandUnder1},
		{"2026-01-01", "2026-12-31", tdkt.Band1},
		{"2025-09-05", "2026-08-31", tdkt.Band1},
		{"2026-01-01", "2027-12-31", tdkt.Band1To3},
		{"2026-01-01", "2029-12-31", tdkt.Band3To5},
		{"2021-01-01", "2025-12-31", tdkt.Band5Plus},
	} {
		if got := tdkt.DurationBand(c.from, c.to); got != c.want {
			t.Errorf("%s–%s: %s, want %s", c.from, c.to, got, c.want)
		}
	}
}
