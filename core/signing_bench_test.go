package core_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/pades"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// BenchmarkCertificatesJob prints the certificates of a decision for 1,000 people in
// the background job, once as one PDF to print and once as 1,000 PDFs each sealed
// with the province's certificate, on SQLite: ns/cert of each, and their ratio, are in
// docs/performance.md.
//
//	go test ./core/ -run '^$' -bench CertificatesJob -benchtime 3x
func BenchmarkCertificatesJob(b *testing.B) {
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
		a, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: "Đồng chí " + login, Password: tdkttest.Password, Role: role, OrgCode: "T01"})
		must(err)
		return a
	}
	leader, clerk := acct("chutich", tdkt.RoleLeader), acct("canbo.tinh", tdkt.RoleClerk)
	d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindSudden,
		Year: 2025, Simplified: true, Reason: "Dũng cảm cứu người trong lũ"})
	must(err)
	for i := range n {
		x := tdkt.Person{OrgID: f.CommuneA.ID, FullName: fmt.Sprintf("Nguyễn Văn Người %d", i), Sex: tdkt.Male, Group: tdkt.GroupOfficials,
			Position: "Công chức", HiredOn: "2012-09-01"}
		must(f.Svc.CreatePerson(ctx, &f.ClerkA, &x))
		_, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: x.ID}, "Tham gia cứu hộ trong lũ tháng 9/2025")
		must(err)
	}
	step := func(a *tdkt.Account, act tdkt.DossierAction) {
		v, err := f.Svc.GetDossier(ctx, a, d.ID)
		must(err)
		_, err = f.Svc.Step(ctx, a, d.ID, act, v.Dossier.Version, "")
		must(err)
	}
	step(&f.ClerkA, tdkt.ActSubmit)
	step(&clerk, tdkt.ActReceive)
	step(&leader, tdkt.ActApprove)
	v, err := f.Svc.GetDossier(ctx, &leader, d.ID)
	must(err)
	_, err = f.Svc.Decide(ctx, &leader, d.ID, core.DecisionInput{Number: "900/QĐ-UBND", Date: "2026-11-20", Signer: "Nguyễn Văn Chủ", Version: v.Dossier.Version})
	must(err)
	_, _, signer, err := pades.DemoChain("Chủ tịch "+f.Province.Name, f.Province.Name, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	must(err)
	f.Svc.Signing = core.SigningConfig{Signer: signer}
	must(f.Svc.SetSigningRule(ctx, &f.Admin, f.Province.ID, "certificate", true))
	must(err)
	for _, signed := range []bool{false, true} {
		name := map[bool]string{false: "unsigned", true: "signed"}[signed]
		b.Run(name, func(b *testing.B) {
			for range b.N {
				id, err := f.Svc.StartCertificatesJob(ctx, &clerk, d.ID, "https://tdkt.example", signed)
				must(err)
				worked, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "bench"}).RunOne(ctx)
				if err != nil || !worked {
					b.Fatalf("job: %v %v", worked, err)
				}
				jv, err := f.Svc.Job(ctx, &clerk, id)
				must(err)
				if jv.Status != sqldb.JobDone {
					b.Fatalf("job %s: %s %s", jv.Status, jv.Message, jv.Result)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/cert")
		})
	}
}
