package core_test

import (
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// remindersOf counts a person's notifications of a kind by whether the title says
// the date is near ("Sắp đến hạn") or not (on the day, or missed), for titles that
// contain what.
func remindersOf(t *testing.T, svc *core.Service, a *tdkt.Account, kind, what string) (soon, other int) {
	t.Helper()
	for _, n := range notificationsOf(t, svc, a) {
		if n.Kind != kind || !strings.Contains(n.Title, what) {
			continue
		}
		if strings.HasPrefix(n.Title, "Sắp đến hạn") {
			soon++
		} else {
			other++
		}
	}
	return
}

func TestClusterScoresDueReminder(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		cy := newClusterYear(t, db)
		ctx, id := cy.ctx, cy.Cluster.ID
		v, err := cy.Svc.GetCluster(ctx, &cy.Admin, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"2025-12-31", "2026-02-30", "04/12/2026"} {
			err := cy.Svc.SetScoresDue(ctx, &cy.Admin, id, bad, v.Cluster.Version)
			if e, ok := err.(*tdkt.Error); !ok || e.Fields["scores_due_on"] == "" {
				t.Fatalf("%s: %v", bad, err)
			}
		}
		if err := cy.Svc.SetScoresDue(ctx, &cy.Clerks[1], id, "2026-12-04", v.Cluster.Version); tdkt.CodeOf(err) != tdkt.ENotFound && tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Fatalf("a member sets the date: %v", err)
		}
		const due = "2026-12-04"
		if err := cy.Svc.SetScoresDue(ctx, &cy.Admin, id, due, v.Cluster.Version); err != nil {
			t.Fatal(err)
		}
		if v, _ = cy.Svc.GetCluster(ctx, &cy.Admin, id); v.Cluster.ScoresDueOn != due {
			t.Fatalf("stored %q", v.Cluster.ScoresDueOn)
		}
		// D1 submits its self-score; D2–D5 do not.
		self := []core.SelfScoreInput{{CriterionID: cy.Criteria[0].ID, Score: pts(8), Evidence: "Báo cáo tổng kết năm"},
			{CriterionID: cy.Criteria[1].ID, Score: pts(8), Evidence: "Kế hoạch phát động thi đua"}}
		if err := cy.Svc.SaveSelfAssessment(ctx, &cy.Clerks[0], id, cy.Members[0], self, true); err != nil {
			t.Fatal(err)
		}
		eng, err := cy.Svc.Engine(ctx)
		if err != nil {
			t.Fatal(err)
		}
		clock := tdkttest.Now
		cy.Svc.Now = func() time.Time { return clock }
		day := func() string { return clock.In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly) }
		for ; day() <= due; clock = clock.AddDate(0, 0, 1) {
			if _, err := cy.Svc.DeadlinePass(ctx); err != nil {
				t.Fatal(err)
			}
			today, _ := rules.ParseDate(day())
			want := 0
			if eng.Calendar().AddWorkingDays(today, 2).String() >= due {
				want = 1
			}
			if soon, missed := remindersOf(t, cy.Svc, &cy.Clerks[1], core.KindClusterScores, "Cụm thi đua số 1"); soon != want || missed != 0 {
				t.Fatalf("%s: %d before, %d missed; want %d before", day(), soon, missed, want)
			}
		}
		// The day after: the missed reminder, once per member unit that has not submitted.
		n, err := cy.Svc.DeadlinePass(ctx)
		if err != nil || n != 4 {
			t.Fatalf("the day after: %d, %v (want the clerks of D2–D5)", n, err)
		}
		for i, c := range cy.Clerks {
			soon, missed := remindersOf(t, cy.Svc, &c, core.KindClusterScores, "Cụm thi đua số 1")
			if i == 0 && soon+missed != 0 {
				t.Fatalf("D1 submitted and got %d, %d", soon, missed)
			}
			if i > 0 && (soon != 1 || missed != 1) {
				t.Fatalf("D%d: %d before, %d missed", i+1, soon, missed)
			}
		}
		if n, err := cy.Svc.DeadlinePass(ctx); err != nil || n != 0 {
			t.Fatalf("a second run added %d, %v", n, err)
		}
	})
}

func TestSubmissionDateReminder(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := t.Context()
		clerk, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: "canbo.tinh", Name: "Cán bộ thi đua tỉnh", Password: tdkttest.Password,
			Role: tdkt.RoleClerk, OrgCode: "T01"})
		if err != nil {
			t.Fatal(err)
		}
		// The province's own date for the dossiers it receives, kept by its administrator.
		own := tdkt.SubmissionDate{OrgID: f.Province.ID, AwardCode: "co_thi_dua_bo_tinh", Month: 12, Day: 15, Note: "Kế hoạch số 12/KH-UBND"}
		for _, c := range []struct {
			who  *tdkt.Account
			d    tdkt.SubmissionDate
			code tdkt.ErrorCode
		}{
			{&f.Admin, tdkt.SubmissionDate{OrgID: f.Province.ID, AwardCode: "co_thi_dua_bo_tinh", Month: 2, Day: 29}, tdkt.EInvalid},
			{&f.Admin, tdkt.SubmissionDate{OrgID: f.Province.ID, AwardCode: "khong_co", Month: 3, Day: 1}, tdkt.EInvalid},
			{&f.AdminA, own, tdkt.EInvalid}, // the province is outside commune A's administrator's subtree
			{&f.ClerkA, tdkt.SubmissionDate{OrgID: f.CommuneA.ID, AwardCode: "giay_khen", Month: 3, Day: 1}, tdkt.EForbidden},
		} {
			if err := f.Svc.SaveSubmissionDate(ctx, c.who, &c.d); tdkt.CodeOf(err) != c.code {
				t.Fatalf("%s saves %+v: %v", c.who.Login, c.d, err)
			}
		}
		if err := f.Svc.SaveSubmissionDate(ctx, &f.Admin, &own); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.DeleteSubmissionDate(ctx, &f.AdminA, own.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Fatalf("commune A's administrator deletes the province's date: %v", err)
		}
		extra := tdkt.SubmissionDate{OrgID: f.CommuneA.ID, AwardCode: "giay_khen", Month: 3, Day: 1}
		if err := f.Svc.SaveSubmissionDate(ctx, &f.AdminA, &extra); err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.DeleteSubmissionDate(ctx, &f.AdminA, extra.ID); err != nil {
			t.Fatal(err)
		}
		law, list, err := f.Svc.SubmissionDates(ctx, &f.Admin)
		if err != nil || len(list) != 1 || list[0].Day != 15 || len(law) != 2 {
			t.Fatalf("list: %v, %+v, %v", law, list, err)
		}

		eng, err := f.Svc.Engine(ctx)
		if err != nil {
			t.Fatal(err)
		}
		clock := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
		f.Svc.Now = func() time.Time { return clock }
		day := func() string { return clock.In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly) }
		dates := []struct{ what, on string }{{tdkt.Label("co_thi_dua_bo_tinh"), "2026-12-15"}, {tdkt.Label("chien_si_thi_dua_toan_quoc"), "2026-12-31"}}
		for ; day() <= "2027-01-02"; clock = clock.AddDate(0, 0, 1) {
			if _, err := f.Svc.DeadlinePass(ctx); err != nil {
				t.Fatal(err)
			}
			today, _ := rules.ParseDate(day())
			lead := eng.Calendar().AddWorkingDays(today, 2).String()
			for _, d := range dates {
				wantSoon, wantDay := 0, 0
				if lead >= d.on {
					wantSoon = 1 // from the first day it is near, and never again
				}
				if day() >= d.on {
					wantDay = 1
				}
				soon, other := remindersOf(t, f.Svc, &clerk, core.KindSubmissionDate, d.what)
				if soon != wantSoon || other != wantDay {
					t.Fatalf("%s, %s (%s): %d before, %d on the day; want %d, %d", day(), d.what, d.on, soon, other, wantSoon, wantDay)
				}
			}
		}
		if n, err := f.Svc.DeadlinePass(ctx); err != nil || n != 0 {
			t.Fatalf("a second run added %d, %v", n, err)
		}
		if k := kinds(notificationsOf(t, f.Svc, &f.ClerkA)); k[core.KindSubmissionDate] != 0 {
			t.Fatalf("commune A's clerk: %v", k)
		}
	})
}
