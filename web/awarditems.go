package web

import (
	"net/http"
	"slices"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/vn"
)

// The physical awards of a decision (hiện vật khen thưởng): what arrived, what was
// handed over and what is still to deliver, per awardee in the account's scope; and
// the list of decisions whose items are not all delivered.

// awardItemsView is the page /app/decisions/{id}/items.
type awardItemsView struct {
	Page
	Items    core.DecisionItems
	Base     string // the page's address
	Dossier  string // the decision's dossier page, "" when it has none
	CanWrite bool
	// Receipt is the receipt form; Choices its kinds still to receive.
	Receipt Form
	Choices []kindChoice
	// HandOver holds the hand-over form of the line that came back with errors.
	HandOver    map[int64]Form
	Undelivered int // awardees with an item not yet handed over
	AllReceived bool
	Today       string // dd/mm/yyyy, what the date fields start with
}

// kindChoice is one checkbox of the receipt form.
type kindChoice struct {
	Value, Label string
	Checked      bool
}

func init() {
	// Kept beside the pages that redirect with them.
	doneNotices["items_received"] = "Đã ghi nhận hiện vật khen thưởng đã nhận."
	doneNotices["item_handed"] = "Đã ghi nhận trao hiện vật khen thưởng."
	funcs["itemLabel"] = func(k tdkt.ItemKind) string { return k.Label() }
}

// awardItems shows a decision's items (GET /app/decisions/{id}/items).
func (h *handler) awardItems(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showAwardItems(w, r, actor, http.StatusOK, nil)
}

// showAwardItems renders the items page; edit adjusts the view (a form sent back).
func (h *handler) showAwardItems(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, edit func(*awardItemsView)) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	items, err := h.svc.AwardItems(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := awardItemsView{Page: h.page(r, "Hiện vật khen thưởng", "award-items"), Items: items, Base: "/app/decisions/" + id64(id) + "/items",
		CanWrite: actor.CanEditRecords(), Receipt: newForm(), HandOver: map[int64]Form{}}
	if items.Decision.DossierID > 0 {
		v.Dossier = "/app/dossiers/" + id64(items.Decision.DossierID) + "#decision"
	}
	v.Today = vn.FormatDate(h.svc.Now().In(vietnam).Format(time.DateOnly))
	v.Receipt.Values["received_on"] = v.Today
	for _, k := range items.ByKind {
		if k.NotReceived > 0 {
			v.Choices = append(v.Choices, kindChoice{Value: string(k.Kind), Label: k.Kind.Label(), Checked: true})
		}
	}
	v.AllReceived = len(v.Choices) == 0
	for _, a := range items.Awardees {
		for _, l := range a.Items {
			if !a.Revoked && l.HandedOn == "" {
				v.Undelivered++
				break
			}
		}
	}
	if edit != nil {
		edit(&v)
	}
	h.render(w, r, status, "award_items.html", v)
}

// awardItemsReceive records a receipt (POST /app/decisions/{id}/items/receipt).
func (h *handler) awardItemsReceive(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, "received_on")
	kinds := r.PostForm["kind"]
	if _, err := h.svc.ReceiveAwardItems(r.Context(), actor, id, isoDate(f.Values["received_on"]), kinds); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showAwardItems(w, r, actor, http.StatusUnprocessableEntity, func(v *awardItemsView) {
				v.Receipt = f
				for i := range v.Choices {
					v.Choices[i].Checked = slices.Contains(kinds, v.Choices[i].Value)
				}
			})
		})
		return
	}
	http.Redirect(w, r, "/app/decisions/"+id64(id)+"/items?done=items_received", http.StatusSeeOther)
}

// awardItemHandOver records a hand-over (POST /app/decisions/{id}/items/{lid}/handover).
func (h *handler) awardItemHandOver(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var lid int64
	if err == nil {
		lid, err = pathID(r, "lid")
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f := formFrom(r, "handed_on", "handed_to", "version")
	f.Values["note"] = vn.NFCText(r.PostFormValue("note"))
	x, err := h.svc.HandOverAwardItem(r.Context(), actor, lid, atoi(f.Values["version"]), isoDate(f.Values["handed_on"]), f.Values["handed_to"], f.Values["note"])
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			f.Errors = fields
			h.showAwardItems(w, r, actor, http.StatusUnprocessableEntity, func(v *awardItemsView) { v.HandOver[lid] = f })
		})
		return
	}
	id = x.DecisionID // the line's own decision, whatever the address said
	http.Redirect(w, r, "/app/decisions/"+id64(id)+"/items?done=item_handed#line-"+id64(lid), http.StatusSeeOther)
}

// awardItemsOverview lists the decisions with items not yet delivered
// (GET /app/award-items).
func (h *handler) awardItemsOverview(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	out, err := h.svc.OutstandingAwardItems(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if f := listFormat(r); f != "" {
		h.sheetExport(w, r, f, "Hiện vật khen thưởng chưa trao", "Hiện vật", outstandingHeader, func(row func(...any) error) error {
			for _, d := range out {
				if err := row(d.Decision.Number, vn.FormatDate(d.Decision.DecidedOn), d.Decision.Issuer, tdkt.Label(d.Decision.AwardCode),
					int64(d.Awardees), int64(d.Due), int64(d.Received), int64(d.Handed), int64(d.Outstanding)); err != nil {
					return err
				}
			}
			return nil
		})
		return
	}
	p := h.page(r, "Hiện vật khen thưởng chưa trao", "award-items")
	p.Downloads = downloadsFor(r)
	h.render(w, r, http.StatusOK, "award_items_list.html", struct {
		Page
		Decisions []core.OutstandingDecision
	}{p, out})
}

var outstandingHeader = []string{"Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Danh hiệu, hình thức", "Số người nhận",
	"Hiện vật phải trao", "Đã nhận", "Đã trao", "Chưa trao"}
