package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// decidedForItems takes commune A's sudden proposal for Lê Thị Mai to the province's
// Bằng khen (a certificate and its frame) and returns the dossier and the decision.
func decidedForItems(t *testing.T, p *procedure) (tdkt.Dossier, sqldb.DecisionRow) {
	t.Helper()
	d := approvedSudden(t, p)
	dec, err := p.Svc.Decide(context.Background(), &p.Leader, d.ID, core.DecisionInput{Number: "77/QĐ-UBND", Date: "2026-11-20",
		Signer: "Nguyễn Văn Chủ", SignerTitle: "Chủ tịch", Version: d.Version})
	if err != nil {
		t.Fatal(err)
	}
	return d, dec
}

var handOverAction = regexp.MustCompile(`action="(/app/decisions/\d+/items/(\d+)/handover)"`)

// count reads one of the page's counts by its id.
func count(t *testing.T, body, id string) string {
	t.Helper()
	m := regexp.MustCompile(`id="` + id + `">(\d+)<`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the page has no %s", id)
	}
	return m[1]
}

// The items page of a decision: reached from the dossier and the menu, seen only in
// scope, written by clerks, with the receipt and the hand-over sent back with their
// messages next to the fields and the counts following each step.
func TestAwardItemsPages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		f := p.Fixture
		d, dec := decidedForItems(t, p)
		base := "/app/decisions/" + itoa(dec.ID) + "/items"
		clerk, viewer, clerkB := f.Client(t, f.ClerkA.Login), f.Client(t, f.ViewerA.Login), f.Client(t, f.ClerkB.Login)

		want(t, "the dossier", get(t, f, clerk, "/app/dossiers/"+itoa(d.ID)), http.StatusOK, `href="`+base+`"`)
		want(t, "the menu", get(t, f, clerk, "/app/"), http.StatusOK, `href="/app/award-items"`)
		want(t, "the overview", get(t, f, clerk, "/app/award-items"), http.StatusOK, `href="`+base+`"`, "Số 77/QĐ-UBND")
		if csv := get(t, f, clerk, "/app/award-items?format=csv"); csv.Status != http.StatusOK || !strings.Contains(csv.Body, "77/QĐ-UBND") ||
			!strings.Contains(csv.Body, "Chưa trao") {
			t.Errorf("the overview as CSV: %d\n%s", csv.Status, csv.Body)
		}
		if pg := get(t, f, clerkB, "/app/award-items"); pg.Status != http.StatusOK || strings.Contains(pg.Body, base) {
			t.Errorf("commune B's overview: %d, lists commune A's decision: %v", pg.Status, strings.Contains(pg.Body, base))
		}
		pg := get(t, f, clerk, base)
		want(t, "the items page", pg, http.StatusOK, "Hiện vật khen thưởng", "77/QĐ-UBND", "20/11/2026", "Ủy ban nhân dân tỉnh Thử Nghiệm",
			"Bằng khen của Bộ, ban, ngành, tỉnh", "Lê Thị Mai", "Chưa nhận", `id="receive"`, "Bằng, giấy chứng nhận", "Khung")
		if got := count(t, pg.Body, "count-due") + count(t, pg.Body, "count-received") + count(t, pg.Body, "count-outstanding"); got != "202" {
			t.Errorf("counts before the receipt (due, received, outstanding): %s", got)
		}
		want(t, "another commune's clerk", get(t, f, clerkB, base), http.StatusNotFound)
		want(t, "another commune's clerk records", post(t, f, clerkB, base+"/receipt", url.Values{"received_on": {"21/11/2026"}, "kind": {"bang"}}), http.StatusNotFound)
		vp := get(t, f, viewer, base)
		want(t, "a viewer reads", vp, http.StatusOK, "Lê Thị Mai")
		if strings.Contains(vp.Body, `id="receive"`) {
			t.Error("a viewer is offered the receipt form")
		}
		want(t, "a viewer records", post(t, f, viewer, base+"/receipt", url.Values{"received_on": {"21/11/2026"}, "kind": {"bang"}}), http.StatusForbidden)

		bad := post(t, f, clerk, base+"/receipt", url.Values{"received_on": {"27/11/2026"}, "kind": {"khung"}})
		want(t, "a receipt in the future", bad, http.StatusUnprocessableEntity, "Ngày nhận không thể ở tương lai.", `aria-describedby="e-received_on"`)
		if !strings.Contains(bad.Body, `value="khung" checked`) || strings.Contains(bad.Body, `value="bang" checked`) {
			t.Error("the refused receipt does not keep the kinds checked")
		}
		ok := post(t, f, clerk, base+"/receipt", url.Values{"received_on": {"23/11/2026"}, "kind": {"bang"}})
		if ok.Status != http.StatusSeeOther || ok.Location != base+"?done=items_received" {
			t.Fatalf("the receipt: %d to %q\n%s", ok.Status, ok.Location, excerpt(ok.Body))
		}
		pg = get(t, f, clerk, ok.Location)
		want(t, "after the receipt", pg, http.StatusOK, "Đã ghi nhận hiện vật khen thưởng đã nhận.", "Đã nhận ngày 23/11/2026")
		if got := count(t, pg.Body, "count-received") + count(t, pg.Body, "count-handed"); got != "10" {
			t.Errorf("counts after the receipt (received, handed): %s", got)
		}
		want(t, "the same kind again", post(t, f, clerk, base+"/receipt", url.Values{"received_on": {"24/11/2026"}, "kind": {"bang"}}), http.StatusConflict, "không ghi nhận lại")

		m := handOverAction.FindStringSubmatch(pg.Body)
		if m == nil {
			t.Fatalf("no hand-over form:\n%s", excerpt(pg.Body))
		}
		action, line := m[1], m[2]
		form := url.Values{"handed_on": {"22/11/2026"}, "handed_to": {""}, "note": {""}, "version": {"1"}}
		bad = post(t, f, clerk, action, form)
		want(t, "a hand-over before the receipt, to nobody", bad, http.StatusUnprocessableEntity, `id="e-on-`+line+`"`, `id="e-to-`+line+`"`,
			"Ngày trao không thể trước ngày nhận hiện vật (23/11/2026).")
		if !strings.Contains(bad.Body, `<details class="handover" open>`) {
			t.Error("the refused hand-over form is folded")
		}
		want(t, "another commune's clerk hands over", post(t, f, clerkB, action, form), http.StatusNotFound)
		form.Set("handed_on", "25/11/2026")
		form.Set("handed_to", "Lê Thị Mai")
		form.Set("note", "Trao tại hội nghị tổng kết")
		ok = post(t, f, clerk, action, form)
		if ok.Status != http.StatusSeeOther || ok.Location != base+"?done=item_handed#line-"+line {
			t.Fatalf("the hand-over: %d to %q\n%s", ok.Status, ok.Location, excerpt(ok.Body))
		}
		want(t, "the same version again", post(t, f, clerk, action, form), http.StatusConflict)
		pg = get(t, f, clerk, base+"?done=item_handed")
		want(t, "after the hand-over", pg, http.StatusOK, "Đã ghi nhận trao hiện vật khen thưởng.", "Đã trao", "ngày 25/11/2026 cho Lê Thị Mai")
		if got := count(t, pg.Body, "count-handed") + count(t, pg.Body, "count-outstanding"); got != "11" {
			t.Errorf("counts after the hand-over (handed, outstanding): %s", got)
		}
	})
}
