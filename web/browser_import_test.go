package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tdkt/core"
	"tdkt/tdkttest"
)

// TestBrowserImportsStaff walks an import in Chromium at a phone's width and at a
// desktop's: the clerk uploads a staff list with a bad date and reads the error named
// by row and column, uploads the fixed file, commits it, watches the progress bar
// until the job is done and reads the result. SQLite only: the import itself is
// tested on both databases in core.
func TestBrowserImportsStaff(t *testing.T) {
	bctx := tdkttest.Browser(t)
	f := tdkttest.NewFixture(t, tdkttest.SQLite(t))
	wctx, stop := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		f.Svc.NewWorker(core.WorkerConfig{Poll: 100 * time.Millisecond, Owner: "browser-test"}).Run(wctx)
	}()
	t.Cleanup(func() { stop(); <-stopped })

	dir := t.TempDir()
	file := func(name, birth string) string {
		sh := tdkttest.OfficeSheet{Rows: [][]any{
			{"DANH SÁCH CÁN BỘ XÃ ĐÔNG HÒA"},
			{"Mã đơn vị", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Chức vụ"},
			{"X01", "Lê Văn Tám", "Nam", "12/05/1980", "001080123456", "Chuyên viên"},
			{"X01", "Phạm Thị Mai", "Nữ", "01/07/1990", "", "Kế toán"},
			{"X01", "Vũ Đức Minh", "Nam", "15/08/1988", "", "Văn thư"},
			{"X01", "Hoàng Văn Bảy", "Nam", birth, "", "Bảo vệ"},
		}, Merges: []string{"A1:F1"}}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, tdkttest.XLSX(t, sh), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad, good := file("danh-sach.xlsx", "31/02/1980"), file("danh-sach-da-sua.xlsx", "28/02/1980")

	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			b := tdkttest.NewTab(t, bctx, vp, "import-")
			step, shot, noOverflow := b.Step, b.Shot, b.NoOverflow
			step("log in", b.Emulate(), f.LogIn(t, "canbo.a"), chromedp.WaitVisible(chromedp.CSS("nav .nav")))
			upload := func(path string, then string) {
				t.Helper()
				step("upload "+filepath.Base(path), chromedp.Navigate(f.Server.URL+"/app/imports"), chromedp.WaitVisible(chromedp.ID("upload")),
					chromedp.SetValue(chromedp.ID("f-kind"), "staff"), chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{path}),
					chromedp.Click(chromedp.ID("upload")), chromedp.WaitVisible(chromedp.ID(then)))
			}
			upload(bad, "row-errors")
			if got := b.Text("#row-errors"); !strings.Contains(got, "Dòng 6, cột D (Ngày sinh): '31/02/1980' không phải ngày hợp lệ") {
				t.Errorf("the error list says %q", got)
			}
			noOverflow("errors")
			shot("errors")

			upload(good, "commit")
			noOverflow("preview")
			shot("preview")
			step("commit", chromedp.Click(chromedp.ID("commit")), chromedp.WaitVisible(chromedp.CSS("progress#job-progress")))
			noOverflow("progress")
			step("wait for the job", chromedp.WaitVisible(chromedp.ID("job-result")))
			if got := b.Text("#job-status"); got != "Đã xong" {
				t.Errorf("job status %q", got)
			}
			if got := b.Text("#job-result"); !strings.Contains(got, "trên 4 dòng") {
				t.Errorf("job result %q", got)
			}
			noOverflow("result")
			shot("result")
			step("open the report", chromedp.Click(chromedp.ID("import-link")), chromedp.WaitVisible(chromedp.ID("import-report")))
			noOverflow("report")
		})
	}
}
