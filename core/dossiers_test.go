package core_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// procedure is the province of the fixture with what a reward procedure needs: a
// leader and a clerk at the province, a council of ten (one of them from commune A),
// and people of commune A with records.
type procedure struct {
	*tdkttest.Fixture
	ctx              context.Context
	Leader, Leader2  tdkt.Account
	ProvClerk        tdkt.Account
	Members          []tdkt.Account
	Council          sqldb.Council
	Good1, Good2, P3 tdkt.Person
}

func newProcedure(t *testing.T, db *sqldb.DB) *procedure {
	t.Helper()
	f := tdkttest.NewFixture(t, db)
	p := &procedure{Fixture: f, ctx: context.Background()}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	acct := func(login string, role tdkt.Role, org string) tdkt.Account {
		a, err := f.Svc.CreateAccount(p.ctx, nil, core.NewAccount{Login: login, Name: "Đồng chí " + login, Password: tdkttest.Password, Role: role, OrgCode: org})
		must(err)
		return a
	}
	p.Leader = acct("chutich", tdkt.RoleLeader, "T01")
	p.Leader2 = acct("phochutich", tdkt.RoleLeader, "T01")
	p.ProvClerk = acct("canbo.tinh", tdkt.RoleClerk, "T01")
	in := core.CouncilInput{OrgID: f.Province.ID, Name: "Hội đồng Thi đua – Khen thưởng tỉnh", EstablishedBy: "Quyết định số 01/QĐ-UBND", TermFrom: "2026-01-01"}
	for i := 1; i <= 10; i++ {
		org := "T01"
		if i == 10 {
			org = "X01" // the chairman of commune A sits on the province's council
		}
		m := acct(fmt.Sprintf("hd%d", i), tdkt.RoleCouncil, org)
		p.Members = append(p.Members, m)
		in.Members = append(in.Members, core.CouncilMemberInput{Login: m.Login, Position: "Ủy viên", Chair: i == 1})
	}
	var err error
	p.Council, err = f.Svc.CreateCouncil(p.ctx, &p.Leader, in)
	must(err)
	person := func(name string, sex tdkt.Sex, cstdcs []int) tdkt.Person {
		x := tdkt.Person{OrgID: f.CommuneA.ID, FullName: name, Sex: sex, Group: tdkt.GroupOfficials, Position: "Công chức", HiredOn: "2012-09-01"}
		must(f.Svc.CreatePerson(p.ctx, &f.ClerkA, &x))
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: x.ID}
		for y := 2021; y <= 2025; y++ {
			must(f.Svc.SaveRating(p.ctx, &f.ClerkA, &tdkt.YearRating{Subject: sub, Year: y, Rating: tdkt.RatingExcellent}))
		}
		for _, y := range cstdcs {
			must(f.Svc.SaveHonour(p.ctx, &f.ClerkA, &tdkt.Honour{Subject: sub, AwardCode: "chien_si_thi_dua_co_so", Year: y, Kind: tdkt.KindMerit,
				Decision: tdkt.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", y-2000), Date: fmt.Sprintf("%d-01-15", y+1), Issuer: f.CommuneA.Name}}))
		}
		must(f.Svc.SaveInitiative(p.ctx, &f.ClerkA, &tdkt.Initiative{Subject: sub, Year: 2025, Title: "Sáng kiến cấp tỉnh của " + name, Scope: tdkt.ScopeProvince}))
		return x
	}
	p.Good1 = person("Lê Thị Mai", tdkt.Female, []int{2023, 2024, 2025})
	p.Good2 = person("Phạm Văn Hùng", tdkt.Male, []int{2023, 2024, 2025})
	p.P3 = person("Đỗ Thị Lan", tdkt.Female, []int{2024, 2025}) // only two years of the chain
	return p
}

// reload reads a dossier again: adding a candidate moves its version on.
func reload(t *testing.T, f *tdkttest.Fixture, actor *tdkt.Account, id int64) tdkt.Dossier {
	t.Helper()
	v, err := f.Svc.GetDossier(context.Background(), actor, id)
	if err != nil {
		t.Fatal(err)
	}
	return v.Dossier
}

func (p *procedure) step(t *testing.T, actor *tdkt.Account, d *tdkt.Dossier, a tdkt.DossierAction, note string) {
	t.Helper()
	got, err := p.Svc.Step(p.ctx, actor, d.ID, a, d.Version, note)
	if err != nil {
		t.Fatalf("%s by %s: %v", a, actor.Login, err)
	}
	*d = got
}

func TestDossierFromProposalToRevocation(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025,
			PeriodFrom: 2023, Reason: "đã có thành tích xuất sắc trong 3 năm 2023–2025"})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []tdkt.Person{p.Good1, p.Good2} {
			if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: x.ID}, ""); err != nil {
				t.Fatalf("add %s: %v", x.FullName, err)
			}
		}
		_, err = f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.P3.ID}, "")
		if e, ok := err.(*tdkt.Error); !ok || e.Fields["subject"] == "" {
			t.Fatalf("the engine must refuse %s: %v", p.P3.FullName, err)
		}
		v, _ := f.Svc.GetDossier(ctx, &f.ClerkA, d.ID)
		d = v.Dossier
		if len(d.Candidates) != 2 || d.Candidates[0].Status != "eligible" || d.Candidates[0].Reasons == "" {
			t.Fatalf("candidates %+v", d.Candidates)
		}
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		if d.HolderOrgID != f.Province.ID || d.Status != tdkt.DossierSubmitted {
			t.Fatalf("after submit %+v", d)
		}
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
		if d.DueOn == "" {
			t.Error("receiving sets the deadline for returning an incomplete dossier")
		}
		p.step(t, &p.ProvClerk, &d, tdkt.ActAppraise, "")
		if _, err := f.Svc.Step(ctx, &p.ProvClerk, d.ID, tdkt.ActReturn, d.Version, ""); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a return without a reason: %v", err)
		}
		p.step(t, &p.ProvClerk, &d, tdkt.ActReturn, "Bổ sung xác nhận sáng kiến cấp tỉnh")
		if d.HolderOrgID != f.CommuneA.ID {
			t.Fatal("a returned dossier goes back to the unit")
		}
		in := core.DossierInput{OrgID: f.CommuneA.ID, Award: d.Award, Year: 2025, PeriodFrom: 2023, Reason: d.Reason + "; đã bổ sung xác nhận", Version: d.Version}
		if d, err = f.Svc.UpdateDossier(ctx, &f.ClerkA, d.ID, in); err != nil {
			t.Fatal(err)
		}
		p.step(t, &f.ClerkA, &d, tdkt.ActResubmit, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActAppraise, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActToCouncil, "")
		m, err := f.Svc.OpenMeeting(ctx, &p.ProvClerk, p.Council.ID, "2026-11-26", "Phòng họp số 1", []int64{d.ID})
		if err != nil {
			t.Fatal(err)
		}
		cands := d.Candidates
		for _, member := range p.Members {
			for _, c := range cands {
				err := f.Svc.Vote(ctx, &member, m.ID, c.ID, true)
				if member.Login == "hd10" {
					if tdkt.CodeOf(err) != tdkt.EConflict {
						t.Fatalf("a member from the candidates' commune must recuse: %v", err)
					}
					if err := f.Svc.Recuse(ctx, &member, m.ID, c.ID, ""); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("vote of %s: %v", member.Login, err)
				}
			}
		}
		if err := f.Svc.Vote(ctx, &p.Members[0], m.ID, cands[0].ID, false); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("a second vote: %v", err)
		}
		if err := f.Svc.Vote(ctx, &f.ClerkB, m.ID, cands[0].ID, true); err == nil {
			t.Error("someone outside the council voted")
		}
		if _, err := f.Svc.Step(ctx, &p.Leader, d.ID, tdkt.ActApprove, d.Version, ""); err == nil {
			t.Error("approved before the vote was closed")
		}
		mi, err := f.Svc.CloseMeeting(ctx, &p.Leader, m.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(mi.Lines) != len(cands) {
			t.Fatalf("the minutes tally %d candidates, want %d", len(mi.Lines), len(cands))
		}
		for _, l := range mi.Lines {
			// 9 yes of 10 members; 90 % of all members is 9 (Decree 98/2023 Art 30(7)).
			if l.Candidate.YesVotes != 9 || l.Required != 9 || !l.Candidate.Passed {
				t.Errorf("tally %+v required %d", l.Candidate, l.Required)
			}
		}
		v, _ = f.Svc.GetDossier(ctx, &p.Leader, d.ID)
		d = v.Dossier
		p.step(t, &p.Leader, &d, tdkt.ActApprove, "")
		dec, err := f.Svc.Decide(ctx, &p.Leader, d.ID, core.DecisionInput{Number: "215/QĐ-UBND", Date: "2026-11-26", Signer: "Nguyễn Văn Chủ",
			SignerTitle: "CHỦ TỊCH", Version: d.Version})
		if err != nil {
			t.Fatal(err)
		}
		// 3.0 × 2,530,000 = 7,590,000 đ each (Decree 152/2025 Art 50(1)(b); Decree 161/2026).
		if dec.TotalVND != 2*7_590_000 {
			t.Errorf("total %d", dec.TotalVND)
		}
		rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, p.Good1.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got *tdkt.Honour
		for i := range rec.Honours {
			if rec.Honours[i].AwardCode == "chien_si_thi_dua_bo_tinh" {
				got = &rec.Honours[i]
			}
		}
		if got == nil || got.AmountVND != 7_590_000 || got.Decision.Number != "215/QĐ-UBND" || got.Revoked {
			t.Fatalf("record after the decision: %+v", got)
		}
		_, certs, err := f.Svc.Certificates(ctx, &f.ClerkA, d.ID)
		if err != nil || len(certs) != 2 || certs[0].Serial != "1" {
			t.Fatalf("certificates %+v %v", certs, err)
		}
		c, err := f.Svc.Verify(ctx, certs[0].Token)
		if err != nil || c.RevokedAt != "" || c.Name != p.Good1.FullName {
			t.Fatalf("verify %+v %v", c, err)
		}
		_, pdf, err := f.Svc.CertificatePDF(ctx, &f.ClerkA, certs[0].ID, "https://tdkt.lamgiang.gov.vn")
		if err != nil {
			t.Fatal(err)
		}
		text := tdkttest.PDFText(t, pdf)
		for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM", "TẶNG DANH HIỆU",
			"CHIẾN SĨ THI ĐUA BỘ, BAN, NGÀNH, TỈNH", "Lê Thị Mai", "215/QĐ-UBND", "Số sổ vàng", "/xac-minh/" + certs[0].Token} {
			if !strings.Contains(text, want) {
				t.Errorf("certificate lacks %q:\n%s", want, text)
			}
		}
		// The same certificates printed in the background, as a job with progress.
		jobID, err := f.Svc.StartCertificatesJob(ctx, &f.ClerkA, d.ID, "https://tdkt.lamgiang.gov.vn", false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.StartCertificatesJob(ctx, &f.ClerkB, d.ID, "https://x", false); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another commune printing the certificates: %v, want not found", err)
		}
		if worked, err := f.Svc.NewWorker(core.WorkerConfig{Owner: "test"}).RunOne(ctx); err != nil || !worked {
			t.Fatalf("certificates job: worked %v, %v", worked, err)
		}
		job, err := f.Svc.Job(ctx, &f.ClerkA, jobID)
		if err != nil || job.Status != sqldb.JobDone || job.Done != 2 || job.Total != 2 {
			t.Fatalf("certificates job: %+v %v", job, err)
		}
		_, all, err := f.Svc.JobFile(ctx, &f.ClerkA, jobID)
		if err != nil {
			t.Fatal(err)
		}
		allText := tdkttest.PDFText(t, all)
		for _, c := range certs {
			if !strings.Contains(allText, c.Name) || !strings.Contains(allText, "/xac-minh/"+c.Token) {
				t.Errorf("the printed certificates lack %s or its verification link", c.Name)
			}
		}
		if _, zipped, err := f.Svc.DossierExport(ctx, &f.ClerkA, d.ID); err != nil || len(zipped) < 1000 {
			t.Errorf("export: %d bytes, %v", len(zipped), err)
		}
		// the portal lists the decided title before it is revoked
		portalLists := func() int {
			t.Helper()
			recent, err := f.Svc.RecentHonours(ctx, 50)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, h := range recent {
				if h.Name == p.Good1.FullName && h.AwardCode == "chien_si_thi_dua_bo_tinh" {
					n++
				}
			}
			return n
		}
		if n := portalLists(); n != 1 {
			t.Fatalf("before revocation the portal lists the title %d times, want 1", n)
		}
		if _, err := f.Svc.Revoke(ctx, &f.ClerkA, certs[0].ID, "Khai man thành tích"); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("a commune clerk revokes a province's decision: %v, want not found (outside its subtree)", err)
		}
		if _, err := f.Svc.Revoke(ctx, &p.Leader, certs[0].ID, "Phát hiện khai man thành tích (Điều 93 khoản 1 điểm a)"); err != nil {
			t.Fatal(err)
		}
		if c, err = f.Svc.Verify(ctx, certs[0].Token); err != nil || c.RevokedAt == "" || c.RevokeReason == "" {
			t.Errorf("after revocation: %+v %v", c, err)
		}
		if rec, err = f.Svc.PersonRecord(ctx, &f.ClerkA, p.Good1.ID); err != nil {
			t.Fatal(err)
		}
		revoked := 0
		for _, h := range rec.Honours {
			if h.AwardCode == "chien_si_thi_dua_bo_tinh" {
				if !h.Revoked {
					t.Error("the record still shows the revoked title")
				}
				revoked++
			}
		}
		if revoked != 1 {
			t.Errorf("the record holds the title %d times, want 1 (revoked)", revoked)
		}
		if n := portalLists(); n != 0 {
			t.Errorf("the portal still lists the revoked title %d times", n)
		}
		// the commune sees where its dossier went and why
		v, _ = f.Svc.GetDossier(ctx, &f.ClerkA, d.ID)
		var steps []string
		for _, e := range v.Events {
			steps = append(steps, string(e.Action))
		}
		want := "[create submit receive appraise return resubmit receive appraise to_council approve decide]"
		if v.Dossier.Status != tdkt.DossierDecided || fmt.Sprint(steps) != want || v.Events[4].Note != "Bổ sung xác nhận sáng kiến cấp tỉnh" {
			t.Errorf("history %v, status %s", steps, v.Dossier.Status)
		}
	})
}

// Huân chương nominees are published for 10 working days before the council may vote
// (Decree 152/2025 Art 44(2)).
func TestPublicCommentBeforeCouncil(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "huan_chuong_lao_dong_hang_ba", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID}, ""); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Fatalf("without the chain or a written achievement: %v", err)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID},
			"Có phát minh, sáng chế được ứng dụng mang lại hiệu quả cao (Điều 44 khoản 2)"); err != nil {
			t.Fatal(err)
		}
		d = reload(t, f, &f.ClerkA, d.ID)
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActAppraise, "")
		if _, err := f.Svc.Step(ctx, &p.ProvClerk, d.ID, tdkt.ActToCouncil, d.Version, ""); err == nil {
			t.Fatal("a Huân chương went to the council without public comment")
		}
		p.step(t, &p.ProvClerk, &d, tdkt.ActPublish, "")
		// Published Thursday 26/11/2026: ten working days end on Thursday 10/12/2026.
		if d.DueOn != "2026-12-10" {
			t.Errorf("window closes %s", d.DueOn)
		}
		open, _ := f.Svc.OpenNominations(ctx)
		if len(open) != 1 || open[0].DaysLeft != 11 {
			t.Errorf("open nominations %+v", open)
		}
		if _, err := f.Svc.AddComment(ctx, d.ID, "Trần Thị Bình", "binh@example.vn", "Tôi đồng ý với đề nghị này.", "203.0.113.5"); err != nil {
			t.Fatal(err)
		}
		// The comment is held; one written before moderation existed (no status given,
		// as migration 0020 found them) counts as published.
		if _, shown, err := f.Svc.Nomination(ctx, d.ID); err != nil || len(shown) != 0 {
			t.Fatalf("a held comment on the portal: %v %v", shown, err)
		}
		if err := db.Update(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO comments (dossier_id, name, body, created_at, ip_hash) VALUES (?, 'Người cũ', 'Ý kiến cũ.', '2026-11-26T09:00:00Z', 'x')`, d.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if _, shown, err := f.Svc.Nomination(ctx, d.ID); err != nil || len(shown) != 1 || shown[0].Name != "Người cũ" || shown[0].Status != sqldb.CommentPublished {
			t.Fatalf("an older comment: %+v %v", shown, err)
		}
		for _, day := range []string{"2026-11-27", "2026-12-10"} {
			f.Svc.Now = func() time.Time { tm, _ := time.Parse(time.DateOnly, day); return tm.Add(9 * time.Hour) }
			if _, err := f.Svc.Step(ctx, &p.ProvClerk, d.ID, tdkt.ActToCouncil, d.Version, ""); tdkt.CodeOf(err) != tdkt.EConflict {
				t.Fatalf("to the council on %s: %v", day, err)
			}
		}
		f.Svc.Now = func() time.Time { return time.Date(2026, 12, 11, 2, 0, 0, 0, time.UTC) }
		p.step(t, &p.ProvClerk, &d, tdkt.ActToCouncil, "")
		comments, _ := f.Svc.Comments(ctx, &p.ProvClerk, d.ID)
		if len(comments) != 2 {
			t.Fatalf("comments %v", comments)
		}
		if err := f.Svc.AnswerComment(ctx, &p.ProvClerk, d.ID, comments[0].ID, "Cảm ơn ý kiến của bà."); err != nil {
			t.Fatal(err)
		}
	})
}

func TestTwoLeadersApproveAtOnce(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, _ := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "giay_khen", Kind: tdkt.KindSudden, Simplified: true, Year: 2026})
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good2.ID}, "Dũng cảm cứu người trong lũ"); err != nil {
			t.Fatal(err)
		}
		d = reload(t, f, &f.ClerkA, d.ID)
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
		var audits [2]int64
		count := func() int64 {
			var n int64
			db.View(ctx, func(tx *sqldb.Tx) (err error) { n, err = tx.CountAudit(ctx); return err })
			return n
		}
		audits[0] = count()
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, leader := range []*tdkt.Account{&p.Leader, &p.Leader2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = f.Svc.Step(ctx, leader, d.ID, tdkt.ActApprove, d.Version, "")
			}()
		}
		wg.Wait()
		audits[1] = count()
		ok, conflicts := 0, 0
		for _, err := range errs {
			switch tdkt.CodeOf(err) {
			case "":
				ok++
			case tdkt.EConflict:
				conflicts++
			default:
				t.Errorf("unexpected %v", err)
			}
		}
		if ok != 1 || conflicts != 1 || audits[1]-audits[0] != 1 {
			t.Errorf("%d approvals, %d conflicts, %d audit events", ok, conflicts, audits[1]-audits[0])
		}
	})
}

func TestOtherUnitsDossierIsNotFound(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		acct := func(login string, role tdkt.Role) tdkt.Account {
			t.Helper()
			a, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: login, Name: "Tài khoản " + login, Password: tdkttest.Password, Role: role, OrgCode: "X02"})
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		viewerB, leaderB := acct("xem.b", tdkt.RoleViewer), acct("lanhdao.b", tdkt.RoleLeader)
		adminB, councilB := acct("quantri.b", tdkt.RoleAdmin), acct("hoidong.b", tdkt.RoleCouncil)
		// the commune's own clerk lists it: the empty lists below are a matter of scope
		if list, err := f.Svc.Dossiers(ctx, &f.ClerkA, nil); err != nil || len(list) != 1 {
			t.Fatalf("commune A lists %d dossiers, %v; want 1", len(list), err)
		}
		for _, a := range []*tdkt.Account{&f.ClerkB, &viewerB, &leaderB, &adminB, &councilB} {
			if _, err := f.Svc.GetDossier(ctx, a, d.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
				t.Errorf("%s reads: %v", a.Login, err)
			}
			if _, err := f.Svc.Step(ctx, a, d.ID, tdkt.ActSubmit, d.Version, ""); tdkt.CodeOf(err) != tdkt.ENotFound {
				t.Errorf("%s steps: %v", a.Login, err)
			}
			if _, err := f.Svc.AddCandidate(ctx, a, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID}, ""); tdkt.CodeOf(err) != tdkt.ENotFound {
				t.Errorf("%s adds: %v", a.Login, err)
			}
			if list, err := f.Svc.Dossiers(ctx, a, nil); err != nil || len(list) != 0 {
				t.Errorf("%s lists %d dossiers, %v", a.Login, len(list), err)
			}
		}
		if _, err := f.Svc.GetDossier(ctx, &p.Leader, d.ID); err != nil {
			t.Errorf("the province sees its commune's dossier: %v", err)
		}
	})
}

// A unit whose head confers the award keeps its dossier: the commune's own office
// receives its Chiến sĩ thi đua cơ sở proposals (Law Art 80; Decree 129/2025 Art 59).
func TestOwnLevelAwardStaysWithTheUnit(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		// Someone who does not hold the title for 2025 yet: an excellent rating and a
		// base-level initiative that year.
		x := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Hoàng Văn Nam", Sex: tdkt.Male, Group: tdkt.GroupOfficials, Position: "Công chức", HiredOn: "2015-09-01"}
		if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &x); err != nil {
			t.Fatal(err)
		}
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: x.ID}
		if err := f.Svc.SaveRating(ctx, &f.ClerkA, &tdkt.YearRating{Subject: sub, Year: 2025, Rating: tdkt.RatingExcellent}); err != nil {
			t.Fatal(err)
		}
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_co_so", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, sub, ""); err != nil {
			t.Fatal(err)
		}
		d = reload(t, f, &f.ClerkA, d.ID)
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		if d.HolderOrgID != f.CommuneA.ID {
			t.Errorf("held by %d, want the commune itself", d.HolderOrgID)
		}
		p.step(t, &f.ClerkA, &d, tdkt.ActReceive, "")
	})
}

// A dossier's title (trích yếu) is a line of a decision's list: 150 characters at most.
func TestDossierTitleIsBounded(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		in := core.DossierInput{OrgID: f.CommuneA.ID, Award: "giay_khen", Year: 2025, Title: strings.Repeat("á", 151)}
		_, err := f.Svc.CreateDossier(ctx, &f.ClerkA, in)
		var e *tdkt.Error
		if tdkt.CodeOf(err) != tdkt.EInvalid || !errors.As(err, &e) || e.Fields["title"] != "Trích yếu dài quá 150 ký tự; hãy viết gọn lại." {
			t.Fatalf("a 151-character title: %v", err)
		}
		in.Title = strings.Repeat("á", 150)
		if _, err := f.Svc.CreateDossier(ctx, &f.ClerkA, in); err != nil {
			t.Fatalf("a 150-character title: %v", err)
		}
	})
}
