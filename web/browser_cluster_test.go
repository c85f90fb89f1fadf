package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt/tdkttest"
)

// TestBrowserClusterSelfAssessment: a member unit's clerk fills in its
// self-assessment with an evidence file, at a phone's width and a desktop's, then
// reads the cluster's rankings. SQLite only, like the other browser tests.
func TestBrowserClusterSelfAssessment(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	id, _, crits := webCluster(t, f, true)
	base := f.Server.URL + "/app/clusters/" + itoa(id)
	pdf := filepath.Join(t.TempDir(), "bao-cao-tong-ket-2026.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	k0, k1 := itoa(crits[0]), itoa(crits[1])
	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
		login         string
	}{{"phone", 390, 844, true, "canbo.s2"}, {"desktop", 1280, 800, false, "canbo.s3"}} {
		t.Run(vp.name, func(t *testing.T) {
			b := tdkttest.NewTab(t, bctx, tdkttest.Viewport{Name: vp.name, Width: vp.width, Height: vp.height, Mobile: vp.mobile}, "")
			tab := b.Context()
			step, shot, noOverflow := b.Step, b.Shot, b.NoOverflow
			mainText := func() string {
				t.Helper()
				ctx, cancel := context.WithTimeout(tab, 10*time.Second)
				defer cancel()
				text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
				if err != nil {
					t.Fatal(err)
				}
				return text
			}
			step("log in", b.Emulate(),
				f.LogIn(t, vp.login), chromedp.WaitVisible(chromedp.ID("nav-inbox")))
			step("open the cluster", chromedp.Navigate(base), chromedp.WaitVisible(chromedp.ID("self-link")))
			shot("cluster")
			noOverflow("cluster page")
			step("fill in the self-assessment", chromedp.Click(chromedp.ID("self-link")), chromedp.WaitVisible(chromedp.ID("score-"+k0)),
				chromedp.SendKeys(chromedp.ID("score-"+k0), "8,5"), chromedp.SendKeys(chromedp.ID("evidence-"+k0), "Báo cáo tổng kết năm 2026, mục II"),
				chromedp.SetUploadFiles(chromedp.ID("file-"+k0), []string{pdf}),
				chromedp.SendKeys(chromedp.ID("score-"+k1), "8"), chromedp.SendKeys(chromedp.ID("evidence-"+k1), "Kế hoạch phát động thi đua số 12/KH"))
			shot("self-form")
			noOverflow("self-assessment form")
			step("save it", chromedp.Click(chromedp.ID("save-self")), chromedp.WaitVisible(chromedp.CSS("a.evidence-link")))
			if text := mainText(); !strings.Contains(text, "bao-cao-tong-ket-2026.pdf") || !strings.Contains(text, "Đang tự chấm") {
				t.Errorf("after saving, the form lacks the file or the state:\n%s", text)
			}
			shot("self-saved")
			noOverflow("saved self-assessment")
			step("open the ranking", chromedp.Navigate(base+"/ranking"), chromedp.WaitVisible(chromedp.ID("normalised")))
			text := mainText()
			for _, w := range []string{"Xếp hạng đã hiệu chỉnh", "Xếp hạng thô", "Sở Tài chính", "Điểm bất thường", "Độ dễ dãi"} {
				if !strings.Contains(text, w) {
					t.Errorf("the ranking page lacks %q", w)
				}
			}
			shot("ranking")
			noOverflow("ranking")
		})
	}
}
