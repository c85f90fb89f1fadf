package core_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestCongressTypicalExamples follows a province's congress for 2021–2025: search the
// awardees, select one, write her story, publish; the portal sees only what is published.
func TestCongressTypicalExamples(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		in := core.CongressInput{OrgID: f.Province.ID, Name: "Đại hội Thi đua yêu nước tỉnh lần thứ VI", HeldOn: "2026-10-20", PeriodFrom: 2021, PeriodTo: 2025}
		g, err := f.Svc.CreateCongress(ctx, &f.Admin, in)
		if err != nil {
			t.Fatal(err)
		}
		if g.Level != tdkt.LevelProvince || g.Status != tdkt.CongressPreparing {
			t.Errorf("congress %+v", g)
		}
		bad := in
		bad.PeriodFrom, bad.PeriodTo = 2025, 2021
		if _, err := f.Svc.CreateCongress(ctx, &f.Admin, bad); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("reversed period: %v", err)
		}
		if _, err := f.Svc.Congress(ctx, &f.ClerkB, g.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another commune's clerk reads the province's congress: %v", err)
		}
		found, err := f.Svc.SearchCandidates(ctx, &f.Admin, g.ID, core.CandidateFilter{Award: "chien_si_thi_dua_co_so", Name: "nguyen thi hong"})
		if err != nil || len(found) != 1 || found[0].Subject.ID != f.PersonA.ID || found[0].Score < 3 {
			t.Fatalf("search: %+v %v", found, err)
		}
		if all, err := f.Svc.SearchCandidates(ctx, &f.Admin, g.ID, core.CandidateFilter{}); err != nil || len(all) == 0 {
			t.Fatalf("search without a filter: %d found, %v", len(all), err)
		}
		if none, err := f.Svc.SearchCandidates(ctx, &f.Admin, g.ID, core.CandidateFilter{Year: 2024}); err != nil || len(none) != 0 {
			t.Errorf("2024 has no awards: %+v, %v", none, err)
		}
		if _, err := f.Svc.SelectExample(ctx, &f.Admin, g.ID, tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonB.ID}); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("selecting someone without awards: %v", err)
		}
		x, err := f.Svc.SelectExample(ctx, &f.Admin, g.ID, found[0].Subject)
		if err != nil {
			t.Fatal(err)
		}
		x, err = f.Svc.SaveStory(ctx, &f.Admin, g.ID, x.ID, core.StoryInput{Title: "Người gìn giữ ký ức làng", Summary: "Tóm tắt",
			Body: "Đoạn một.\n\n<script>alert(1)</script>", Published: true, Version: x.Version})
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Paragraphs()) != 2 {
			t.Errorf("paragraphs %q", x.Paragraphs())
		}
		if _, err := f.Svc.SetPhoto(ctx, &f.Admin, g.ID, x.ID, []byte("not an image at all"), 0); err == nil || err.(*tdkt.Error).Fields["photo"] == "" {
			t.Errorf("a text file as photo: %v", err)
		}
		if _, _, err := f.Svc.PublicExample(ctx, x.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("example of an unpublished congress is public: %v", err)
		}
		if _, err := f.Svc.StepCongress(ctx, &f.Admin, g.ID, tdkt.CongressPublish, g.Version); tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("publishing before the congress is held: %v", err)
		}
		if _, err := f.Svc.StepCongress(ctx, &f.ClerkA, g.ID, tdkt.CongressHold, g.Version); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("a commune clerk steps the province's congress: %v", err)
		}
		if g, err = f.Svc.StepCongress(ctx, &f.Admin, g.ID, tdkt.CongressHold, g.Version); err != nil {
			t.Fatal(err)
		}
		if g, err = f.Svc.StepCongress(ctx, &f.Admin, g.ID, tdkt.CongressPublish, g.Version); err != nil {
			t.Fatal(err)
		}
		pg, px, err := f.Svc.PublicExample(ctx, x.ID)
		if err != nil || pg.ID != g.ID || px.Name != f.PersonA.FullName || len(px.Awards) != 1 || px.Awards[0].DecisionNo != "125/QĐ-UBND" {
			t.Errorf("public example %+v %v", px, err)
		}
		var img bytes.Buffer
		png.Encode(&img, image.NewGray(image.Rect(0, 0, 2, 2)))
		if _, err := f.Svc.SetPhoto(ctx, &f.Admin, g.ID, x.ID, img.Bytes(), 0); err != nil {
			t.Fatal(err)
		}
		if ct, b, err := f.Svc.PublicPhoto(ctx, x.ID); err != nil || ct != "image/png" || !bytes.Equal(b, img.Bytes()) {
			t.Errorf("public photo %s %d bytes %v", ct, len(b), err)
		}
		_, px, _ = f.Svc.PublicExample(ctx, x.ID)
		list, err := f.Svc.PublishedExamples(ctx)
		if err != nil || len(list) != 1 || len(list[0].Examples) != 1 {
			t.Errorf("published %+v %v", list, err)
		}
		// unmarking the example takes it off the portal
		if _, err := f.Svc.SaveStory(ctx, &f.Admin, g.ID, x.ID, core.StoryInput{Title: "T", Published: false, Version: px.Version}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.Svc.PublicExample(ctx, x.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("unpublished example is public: %v", err)
		}
	})
}
