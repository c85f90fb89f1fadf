package core_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/tdkttest"
)

// BenchmarkDecideNotifications decides for 1,000 awardees with notifications off
// (Service.Notify's zero value) and on (e-mail and in-app), interleaved in one run on
// SQLite, and reports the time of a decision each way (ns/op counts both): the
// decision writes one notice per clerk of the proposing unit, not one per awardee,
// so "on" should cost well under 10 % more.
//
//	go test ./core/ -run '^$' -bench DecideNotifications -benchtime 5x
func BenchmarkDecideNotifications(b *testing.B) {
	const n = 1000
	ctx := context.Background()
	f := tdkttest.NewFixture(b, tdkttest.SQLite(b))
	must := func(err error) {
		b.Helper()
		if err != nil {
			b.Fatal(err)
		}
	}
	acct := func(login string, role tdkt.Role) tdkt.Account {
		a, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: "Đồng chí " + login, Password: tdkttest.Password, Role: role,
			OrgCode: "T01", Email: login + "@tdkt.example"})
		must(err)
		return a
	}
	leader, clerk := acct("chutich", tdkt.RoleLeader), acct("canbo.tinh", tdkt.RoleClerk)
	var subjects []tdkt.Subject
	for i := range n {
		x := tdkt.Person{OrgID: f.CommuneA.ID, FullName: fmt.Sprintf("Nguyễn Văn Người %d", i), Sex: tdkt.Male, Group: tdkt.GroupOfficials,
			Position: "Công chức", HiredOn: "2012-09-01"}
		must(f.Svc.CreatePerson(ctx, &f.ClerkA, &x))
		subjects = append(subjects, tdkt.Subject{Kind: tdkt.Individual, ID: x.ID})
	}
	rec := &recorder{name: "email"}
	_, err := f.Svc.UpdateAccount(ctx, &f.ClerkA, f.ClerkA.ID, core.AccountEdit{Name: f.ClerkA.Name, Email: "canbo.a@tdkt.example"})
	must(err)
	// approved makes a dossier for the n people, decided by the province's head.
	approved := func() tdkt.Dossier {
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindSudden,
			Year: 2025, Simplified: true, Reason: "Dũng cảm cứu người trong lũ"})
		must(err)
		for _, sub := range subjects {
			_, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, sub, "Tham gia cứu hộ trong lũ tháng 9/2025")
			must(err)
		}
		for _, s := range []struct {
			a   *tdkt.Account
			act tdkt.DossierAction
		}{{&f.ClerkA, tdkt.ActSubmit}, {&clerk, tdkt.ActReceive}, {&leader, tdkt.ActApprove}} {
			v, err := f.Svc.GetDossier(ctx, s.a, d.ID)
			must(err)
			_, err = f.Svc.Step(ctx, s.a, d.ID, s.act, v.Dossier.Version, "")
			must(err)
		}
		v, err := f.Svc.GetDossier(ctx, &leader, d.ID)
		must(err)
		return v.Dossier
	}
	// The two are interleaved, not run one after the other: every decision adds 1,000
	// honours and certificates, so a later decision is slower whatever it notifies.
	var spent [2]time.Duration
	for i := range b.N {
		for k := range 2 {
			on := (i+k)%2 == 1
			f.Svc.Notify = core.NotifyConfig{Off: true}
			if on {
				f.Svc.Notify = core.NotifyConfig{Email: rec, BaseURL: "https://tdkt.example"}
			}
			b.StopTimer()
			d := approved()
			b.StartTimer()
			start := time.Now()
			_, err := f.Svc.Decide(ctx, &leader, d.ID, core.DecisionInput{Number: fmt.Sprintf("%d/QĐ-UBND", 900+2*i+k), Date: "2026-11-20",
				Signer: "Nguyễn Văn Chủ", Version: d.Version})
			must(err)
			spent[btoi(on)] += time.Since(start)
		}
	}
	off, on := float64(spent[0].Nanoseconds())/float64(b.N), float64(spent[1].Nanoseconds())/float64(b.N)
	b.ReportMetric(off, "ns/decide-off")
	b.ReportMetric(on, "ns/decide-on")
	b.ReportMetric(100*(on-off)/off, "%growth")
}

func btoi(v bool) int {
	if v {
		return 1
	}
	return 0
}
