package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tdkt/tdkttest"
)

// TestBrowserAwardItems: commune A's clerk opens the outstanding items from the menu,
// records that the certificates arrived, hands one over to the awardee, and sees the
// counts follow, at a phone's width and a desktop's. Every page passes axe, nothing
// overflows the screen, the console stays quiet. SQLite only: it tests the pages.
func TestBrowserAwardItems(t *testing.T) {
	bctx := tdkttest.Browser(t)
	for _, vp := range tdkttest.Viewports {
		t.Run(vp.Name, func(t *testing.T) {
			p := newProcedure(t, tdkttest.SQLite(t))
			f := p.Fixture
			_, dec := decidedForItems(t, p)
			r := newRoleTab(t, bctx, vp, f, "items", f.ClerkA.Login)
			r.Step("the home page", chromedp.Navigate(f.Server.URL+"/app/"), chromedp.WaitVisible(chromedp.CSS("#menu")))
			r.Step("the outstanding items from the menu", r.menu("/app/award-items"), chromedp.WaitVisible(chromedp.CSS("table.outstanding-items")))
			if s := r.Text("table.outstanding-items tbody"); !strings.Contains(s, "77/QĐ-UBND") {
				t.Fatalf("the outstanding list: %q", s)
			}
			r.NoOverflow("outstanding items")
			r.Step("open the decision", chromedp.Click(chromedp.CSS("table.outstanding-items a")), chromedp.WaitVisible(chromedp.ID("receive")))
			counts := func() string {
				return r.Text("#count-due") + " " + r.Text("#count-received") + " " + r.Text("#count-handed") + " " + r.Text("#count-outstanding")
			}
			if got := counts(); got != "2 0 0 2" {
				t.Errorf("counts before the receipt (due, received, handed, outstanding): %q", got)
			}
			if s := r.Text("#decision-facts"); !strings.Contains(s, "77/QĐ-UBND") || !strings.Contains(s, "20/11/2026") {
				t.Errorf("the decision: %q", s)
			}
			r.NoOverflow("items before the receipt")
			r.Shot("items-before")
			// The frames have not come yet: only the certificates are ticked.
			r.Step("record the receipt", typeIn("f-received_on", "23/11/2026"), chromedp.Click(chromedp.ID("k-khung")), submit("#receive"))
			if s := r.Text(".notice"); !strings.Contains(s, "Đã ghi nhận hiện vật") {
				t.Errorf("after the receipt: %q", s)
			}
			if got := counts(); got != "2 1 0 2" {
				t.Errorf("counts after the receipt: %q", got)
			}
			r.NoOverflow("items after the receipt")
			r.Shot("items-received")
			lineID, err := chromedp.Run(r.Context(), chromedp.Evaluate[string](`document.querySelector('details.handover input[name=handed_on]').id`))
			if err != nil || !strings.HasPrefix(lineID, "on-") {
				t.Fatalf("the hand-over form: %q %v", lineID, err)
			}
			line := strings.TrimPrefix(lineID, "on-")
			r.Step("open the hand-over", chromedp.Click(chromedp.CSS("details.handover summary")), chromedp.WaitVisible(chromedp.ID(lineID)))
			r.NoOverflow("the hand-over form")
			r.Shot("items-handover-form")
			r.Step("hand the certificate over", typeIn(lineID, "25/11/2026"), typeIn("to-"+line, "Lê Thị Mai"),
				typeIn("note-"+line, "Trao tại hội nghị tổng kết"), submit("#hand-"+line))
			if s := r.Text(".notice"); !strings.Contains(s, "Đã ghi nhận trao") {
				t.Errorf("after the hand-over: %q", s)
			}
			if s := r.Text("#line-" + line); !strings.Contains(s, "Đã trao") || !strings.Contains(s, "25/11/2026") || !strings.Contains(s, "Lê Thị Mai") {
				t.Errorf("the handed-over line: %q", s)
			}
			if got := counts(); got != "2 1 1 1" {
				t.Errorf("counts after the hand-over: %q", got)
			}
			r.Shot("items-after")
			r.NoOverflow("items after the hand-over")
			if loads, posts := r.finish("award items"); posts != 2 {
				t.Errorf("the receipt and the hand-over took %d form posts (%d page loads), want 2", posts, loads)
			}
			items, err := f.Svc.AwardItems(context.Background(), &f.ClerkA, dec.ID)
			if err != nil || items.Totals.Handed != 1 || items.Totals.Received != 1 {
				t.Errorf("stored after the page: %+v %v", items.Totals, err)
			}
		})
	}
}
