package core_test

import (
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// decideSudden takes a simplified proposal of commune A for the province's Bằng khen
// through to its decision, and returns the dossier and the honour it conferred.
func decideSudden(t *testing.T, p *procedure) (tdkt.Dossier, sqldb.DecisionRow, tdkt.Honour) {
	t.Helper()
	ctx, f := p.ctx, p.Fixture
	d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "bang_khen_bo_tinh", Kind: tdkt.KindSudden,
		Year: 2025, Simplified: true, Reason: "Dũng cảm cứu người trong lũ"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID}, "Cứu ba người bị nước cuốn trôi ngày 10/9/2025"); err != nil {
		t.Fatal(err)
	}
	d = reload(t, f, &f.ClerkA, d.ID)
	p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
	p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
	p.step(t, &p.Leader, &d, tdkt.ActApprove, "")
	dec, err := f.Svc.Decide(ctx, &p.Leader, d.ID, core.DecisionInput{Number: "77/QĐ-UBND", Date: "2026-11-20", Signer: "Nguyễn Văn Chủ", Version: d.Version})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, p.Good1.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range rec.Honours {
		if h.AwardCode == "bang_khen_bo_tinh" {
			if !h.Decided() || h.DecisionID != dec.ID {
				t.Fatalf("the decided honour is not linked to its decision: %+v", h)
			}
			return d, dec, h
		}
	}
	t.Fatal("the decision left no honour on the record")
	return d, dec, tdkt.Honour{}
}

// A clerk cannot rewrite, or delete, an honour that a decision conferred; a record
// typed in from a paper decision stays editable.
func TestDecidedHonourChangesOnlyThroughItsDecision(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		_, _, h := decideSudden(t, p)
		forged := h
		forged.AwardCode, forged.Revoked, forged.AmountVND = "huan_chuong_lao_dong_hang_nhat", false, 0
		for _, a := range []*tdkt.Account{&f.ClerkA, &p.ProvClerk, &f.Admin} {
			x := forged
			if err := f.Svc.SaveHonour(ctx, a, &x); tdkt.CodeOf(err) != tdkt.EForbidden {
				t.Errorf("%s rewrites a decided honour: %v, want forbidden", a.Login, err)
			}
			if err := f.Svc.DeleteRecord(ctx, a, core.HonourRecord, h.ID, h.Version); tdkt.CodeOf(err) != tdkt.EForbidden {
				t.Errorf("%s deletes a decided honour: %v, want forbidden", a.Login, err)
			}
		}
		x := forged
		if err := f.Svc.SaveHonour(ctx, &f.ClerkB, &x); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another commune's clerk: %v, want not found", err)
		}
		rec, err := f.Svc.PersonRecord(ctx, &f.ClerkA, p.Good1.ID)
		if err != nil {
			t.Fatal(err)
		}
		var manual *tdkt.Honour
		found := 0
		for i, g := range rec.Honours {
			if g.ID == h.ID {
				found++
				if g.AwardCode != h.AwardCode || g.AmountVND != h.AmountVND || g.Version != h.Version {
					t.Errorf("the decided honour changed: %+v, was %+v", g, h)
				}
			}
			if !g.Decided() && manual == nil {
				manual = &rec.Honours[i]
			}
		}
		if found != 1 || manual == nil {
			t.Fatalf("found the decided honour %d times; a typed-in honour: %v", found, manual)
		}
		m := *manual
		m.Decision.Signer = "Lê Văn Minh"
		if err := f.Svc.SaveHonour(ctx, &f.ClerkA, &m); err != nil {
			t.Errorf("a typed-in honour is no longer editable: %v", err)
		}
	})
}

// The issuing level corrects its decision's number, date and signer; every honour
// follows. Nobody else does, and revoking belongs to the issuing level too.
func TestCorrectAndRevokeByTheIssuingLevel(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, dec, h := decideSudden(t, p)
		in := core.DecisionCorrection{Number: "78/QĐ-UBND", Date: "2026-11-21", Signer: "Nguyễn Văn Chủ", Reason: "Quyết định số 80/QĐ-UBND đính chính số và ngày"}
		for _, a := range []*tdkt.Account{&p.ProvClerk, &f.AdminA, &f.ClerkA} {
			if _, err := f.Svc.CorrectDecision(ctx, a, dec.ID, in); tdkt.CodeOf(err) != tdkt.EForbidden && tdkt.CodeOf(err) != tdkt.ENotFound {
				t.Errorf("%s corrects the province's decision: %v", a.Login, err)
			}
		}
		if _, err := f.Svc.CorrectDecision(ctx, &p.Leader, dec.ID, core.DecisionCorrection{Number: "78/QĐ-UBND", Date: "2026-11-21", Signer: "X"}); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a correction without its reason: %v", err)
		}
		got, err := f.Svc.CorrectDecision(ctx, &p.Leader, dec.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.Number != in.Number || got.CorrectedAt == "" || got.CorrectionReason != in.Reason {
			t.Errorf("corrected decision: %+v", got)
		}
		rec, _ := f.Svc.PersonRecord(ctx, &f.ClerkA, p.Good1.ID)
		n := 0
		for _, g := range rec.Honours {
			if g.ID == h.ID {
				n++
				if g.Decision.Number != "78/QĐ-UBND" || g.Decision.Date != "2026-11-21" || g.AwardCode != h.AwardCode {
					t.Errorf("honour after the correction: %+v", g)
				}
			}
		}
		if n != 1 {
			t.Fatalf("honour found %d times", n)
		}
		_, certs, err := f.Svc.Certificates(ctx, &p.Leader, d.ID)
		if err != nil || len(certs) != 1 {
			t.Fatalf("certificates: %v %d", err, len(certs))
		}
		if certs[0].DecisionNumber != "78/QĐ-UBND" {
			t.Errorf("the certificate shows decision %q", certs[0].DecisionNumber)
		}
		if _, err := f.Svc.Revoke(ctx, &p.ProvClerk, certs[0].ID, "Khai man thành tích"); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a clerk revokes: %v", err)
		}
		if _, err := f.Svc.Revoke(ctx, &p.Leader, certs[0].ID, "Khai man thành tích"); err != nil {
			t.Fatalf("the issuing leader revokes: %v", err)
		}
		if _, err := f.Svc.Revoke(ctx, &p.Leader, certs[0].ID, "Khai man thành tích"); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("revoking twice: %v, want conflict", err)
		}
	})
}

// Blanking the summary of a dossier gives it the system's wording, as the form's
// hint says, never an empty title without a link in the list.
func TestBlankDossierTitleIsWorded(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := t.Context()
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_co_so", Year: 2025, Title: "Đề nghị của xã"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.Svc.UpdateDossier(ctx, &f.ClerkA, d.ID, core.DossierInput{OrgID: f.CommuneA.ID, Award: d.Award, Kind: d.Kind, Year: d.Year,
			PeriodFrom: d.PeriodFrom, Title: "   ", Version: d.Version})
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Đề nghị tặng Chiến sĩ thi đua cơ sở năm 2025" {
			t.Errorf("title after blanking it: %q", got.Title)
		}
		if again := reload(t, f, &f.ClerkA, d.ID); again.Title != got.Title {
			t.Errorf("stored title %q", again.Title)
		}
	})
}

// An attachment is taken off or replaced while the dossier is with its unit; once
// sent it stays, and what the level above attached stays too.
func TestAttachmentsRemovableUntilSubmitted(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		d, err := f.Svc.CreateDossier(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		pdf := func(s string) []byte { return []byte("%PDF-1.4\n" + s + "\n%%EOF\n") }
		wrong, err := f.Svc.AttachFile(ctx, &f.ClerkA, d.ID, "to_trinh", "to-trinh-sai.pdf", pdf("bản sai"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.RemoveFile(ctx, &f.ClerkB, d.ID, wrong.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another commune removes: %v", err)
		}
		if _, err := f.Svc.RemoveFile(ctx, &f.ViewerA, d.ID, wrong.ID); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a viewer removes: %v", err)
		}
		right, err := f.Svc.ReplaceFile(ctx, &f.ClerkA, d.ID, wrong.ID, "to-trinh.pdf", pdf("bản đúng"))
		if err != nil {
			t.Fatal(err)
		}
		if right.Kind != "to_trinh" || right.ID == wrong.ID {
			t.Errorf("replacement: %+v", right)
		}
		extra, err := f.Svc.AttachFile(ctx, &f.ClerkA, d.ID, "khac", "thua.pdf", pdf("thừa"))
		if err != nil {
			t.Fatal(err)
		}
		before := auditCount(t, db)
		if _, err := f.Svc.RemoveFile(ctx, &f.ClerkA, d.ID, extra.ID); err != nil {
			t.Fatal(err)
		}
		if auditCount(t, db) != before+1 {
			t.Error("removing an attachment left no audit event")
		}
		v, err := f.Svc.GetDossier(ctx, &f.ClerkA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Files) != 1 || v.Files[0].ID != right.ID {
			t.Fatalf("files after replace and remove: %+v", v.Files)
		}
		if _, err := f.Svc.AddCandidate(ctx, &f.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Good1.ID}, ""); err != nil {
			t.Fatal(err)
		}
		d = reload(t, f, &f.ClerkA, d.ID)
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		if _, err := f.Svc.RemoveFile(ctx, &f.ClerkA, d.ID, right.ID); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("removing after submission: %v, want conflict", err)
		}
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
		appraisal, err := f.Svc.AttachFile(ctx, &p.ProvClerk, d.ID, "khac", "tham-dinh.pdf", pdf("thẩm định"))
		if err != nil {
			t.Fatal(err)
		}
		p.step(t, &p.ProvClerk, &d, tdkt.ActReturn, "Bổ sung xác nhận")
		if _, err := f.Svc.RemoveFile(ctx, &f.ClerkA, d.ID, appraisal.ID); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("the commune removes the province's appraisal: %v, want forbidden", err)
		}
		if _, err := f.Svc.RemoveFile(ctx, &f.ClerkA, d.ID, right.ID); err != nil {
			t.Errorf("the commune removes its own file of a returned dossier: %v", err)
		}
	})
}
