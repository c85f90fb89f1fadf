package core_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

const chiThi34 = "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 34-CT/TW"

func newsLeader(t *testing.T, f *tdkttest.Fixture) tdkt.Account {
	t.Helper()
	a, err := f.Svc.CreateAccount(context.Background(), nil, core.NewAccount{Login: "lanhdao", Name: "Lê Văn Minh",
		Password: tdkttest.Password, Role: tdkt.RoleLeader, OrgCode: "T01"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func draftArticle(t *testing.T, f *tdkttest.Fixture, title string) tdkt.Article {
	t.Helper()
	x, err := f.Svc.CreateArticle(context.Background(), &f.ClerkA, core.ArticleInput{Title: title,
		Summary: "Xã Đông Hòa tổng kết phong trào.", Body: "## Kết quả\n\nĐã khen thưởng **12** tập thể.",
		Category: "thi-dua-khen-thuong", Tags: "Chỉ thị 34, sơ kết"})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func publicSlugs(t *testing.T, f *tdkttest.Fixture) []string {
	t.Helper()
	p, err := f.Svc.PublicNews(context.Background(), "", "", 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range p.Items {
		out = append(out, x.Slug)
	}
	return out
}

func TestArticleWorkflow(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		leader := newsLeader(t, f)
		x := draftArticle(t, f, chiThi34)
		if x.Slug != "hoi-nghi-so-ket-5-nam-thuc-hien-chi-thi-34-ct-tw" {
			t.Errorf("slug %q", x.Slug)
		}
		if y := draftArticle(t, f, chiThi34); y.Slug != x.Slug+"-2" {
			t.Errorf("second slug %q", y.Slug)
		}
		// commune B's clerk does not see commune A's draft
		if _, err := f.Svc.Article(ctx, &f.ClerkB, x.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("clerk B reads A's draft: %v", err)
		}
		if _, err := f.Svc.StepArticle(ctx, &f.ClerkB, x.ID, tdkt.ArticleSubmit, x.Version, time.Time{}); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("clerk B submits A's draft: %v", err)
		}
		x, err := f.Svc.StepArticle(ctx, &f.ClerkA, x.ID, tdkt.ArticleSubmit, x.Version, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.StepArticle(ctx, &f.ClerkA, x.ID, tdkt.ArticleApprove, x.Version, time.Time{}); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a clerk approves: %v", err)
		}
		if len(publicSlugs(t, f)) != 0 {
			t.Error("a submitted article is public")
		}
		if x, err = f.Svc.StepArticle(ctx, &leader, x.ID, tdkt.ArticleApprove, x.Version, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if s := publicSlugs(t, f); len(s) != 1 || s[0] != x.Slug {
			t.Errorf("public news %v", s)
		}
		if p, err := f.Svc.PublicNews(ctx, "", "chi-thi-34", 1, 10); err != nil || p.Total != 1 {
			t.Errorf("tag filter found %d, %v", p.Total, err)
		}
		if p, err := f.Svc.PublicNews(ctx, x.Category, "", 1, 10); err != nil || p.Total != 1 {
			t.Errorf("the article's own category %q found %d, %v", x.Category, p.Total, err)
		}
		if x.Category == "van-ban" {
			t.Fatal("the article is in the category the next check expects empty")
		}
		if p, err := f.Svc.PublicNews(ctx, "van-ban", "", 1, 10); err != nil || p.Total != 0 {
			t.Errorf("category filter found %d, %v", p.Total, err)
		}
		// a correction keeps the earlier text
		in := core.ArticleInput{Title: x.Title, Summary: x.Summary, Body: "## Kết quả\n\nĐã khen thưởng **15** tập thể.",
			Category: x.Category, Tags: "Chỉ thị 34", Version: x.Version}
		if _, err := f.Svc.CorrectArticle(ctx, &leader, x.ID, in, ""); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("correction without a note: %v", err)
		}
		if _, err := f.Svc.CorrectArticle(ctx, &f.ClerkA, x.ID, in, "Sửa số tập thể"); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a clerk corrects: %v", err)
		}
		if x, err = f.Svc.CorrectArticle(ctx, &leader, x.ID, in, "Sửa số tập thể được khen thưởng từ 12 thành 15"); err != nil {
			t.Fatal(err)
		}
		v, err := f.Svc.PublicArticle(ctx, x.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Revisions) != 2 || v.Revisions[0].Note == "" || v.Revisions[1].Body != "## Kết quả\n\nĐã khen thưởng **12** tập thể." ||
			v.Article.Body != in.Body || v.Article.Revision != 2 || v.Article.CorrectedAt == "" {
			t.Errorf("after correction: revision %d, history %+v", v.Article.Revision, v.Revisions)
		}
		if x.Slug != "hoi-nghi-so-ket-5-nam-thuc-hien-chi-thi-34-ct-tw" {
			t.Errorf("a correction changed the address: %s", x.Slug)
		}
		// unpublished: gone from the portal
		if _, err = f.Svc.StepArticle(ctx, &leader, x.ID, tdkt.ArticleUnpublish, x.Version, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.PublicArticle(ctx, x.Slug); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("unpublished article: %v", err)
		}
	})
}

func TestScheduledPublication(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		leader := newsLeader(t, f)
		x := draftArticle(t, f, "Thông báo lịch xét khen thưởng cuối năm")
		x, err := f.Svc.StepArticle(ctx, &f.ClerkA, x.ID, tdkt.ArticleSubmit, x.Version, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		at := tdkttest.Now.Add(48 * time.Hour)
		if x, err = f.Svc.StepArticle(ctx, &leader, x.ID, tdkt.ArticleApprove, x.Version, at); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.PublicArticle(ctx, x.Slug); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("before its time: %v", err)
		}
		if len(publicSlugs(t, f)) != 0 {
			t.Error("listed before its time")
		}
		f.Svc.Now = func() time.Time { return at.Add(time.Minute) }
		if _, err := f.Svc.PublicArticle(ctx, x.Slug); err != nil {
			t.Errorf("after its time: %v", err)
		}
		if len(publicSlugs(t, f)) != 1 {
			t.Error("not listed after its time")
		}
	})
}

func pngOf(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

func TestArticleImages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		x := draftArticle(t, f, "Trao Giấy khen năm 2026")
		_, err := f.Svc.AddArticleImage(ctx, &f.ClerkA, x.ID, []byte("<html>not an image</html>"), "Ảnh")
		var e *tdkt.Error
		if tdkt.CodeOf(err) != tdkt.EInvalid || !errors.As(err, &e) || e.Fields["image"] == "" {
			t.Errorf("not an image: %v", err)
		}
		if _, err := f.Svc.AddArticleImage(ctx, &f.ClerkA, x.ID, pngOf(50, 40), ""); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("without alt text: %v", err)
		}
		im, err := f.Svc.AddArticleImage(ctx, &f.ClerkA, x.ID, pngOf(2400, 1000), "Quang cảnh hội nghị")
		if err != nil {
			t.Fatal(err)
		}
		if im.Width != 1200 || im.Height != 500 {
			t.Errorf("stored %d×%d, want 1200×500", im.Width, im.Height)
		}
		for _, c := range []struct {
			thumb bool
			width int
		}{{false, 1200}, {true, 400}} {
			ct, b, err := f.Svc.ArticleImage(ctx, &f.ClerkA, x.ID, im.ID, c.thumb)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(b))
			if ct != "image/png" || err != nil || cfg.Width != c.width {
				t.Errorf("thumb=%v: %s %d px (%v)", c.thumb, ct, cfg.Width, err)
			}
		}
		if _, _, err := f.Svc.ArticleImage(ctx, &f.ClerkB, x.ID, im.ID, false); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("clerk B reads A's image: %v", err)
		}
		if _, _, err := f.Svc.PublicArticleImage(ctx, im.ID, false); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("an image of a draft is public: %v", err)
		}
	})
}
