package api

import (
	"net/http"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// The physical items of a decision (hiện vật khen thưởng): what the office received,
// what it handed over to whom, and what is not yet delivered.

func init() {
	// The shapes and code sets of this file, kept beside their routes.
	type component = struct {
		name string
		v    any
	}
	components = append(components, component{"AwardItem", awardItemJSON{}}, component{"AwardeeItems", awardeeItemsJSON{}},
		component{"ItemCounts", itemCountsJSON{}}, component{"KindCounts", kindCountsJSON{}}, component{"DecisionItems", decisionItemsJSON{}},
		component{"ItemReceiptInput", itemReceiptInput{}}, component{"ItemReceipt", itemReceiptJSON{}}, component{"HandOverInput", handOverInput{}},
		component{"OutstandingDecision", outstandingJSON{}}, component{"OutstandingList", outstandingList{}})
	enums["item_kind"] = strs(tdkt.ItemKinds)
	enums["item_status"] = []string{itemNotReceived, itemReceived, itemHandedOver, itemRevoked}
}

// The states of an item line.
const (
	itemNotReceived = "not_received"
	itemReceived    = "received"
	itemHandedOver  = "handed_over"
	itemRevoked     = "revoked"
)

// awardItemJSON is one item of one awardee.
type awardItemJSON struct {
	ID          int64         `json:"id" doc:"Số của dòng hiện vật; 0 khi chưa ghi nhận gì (chưa nhận)"`
	DecisionID  int64         `json:"decision_id"`
	HonourID    int64         `json:"honour_id"`
	Kind        tdkt.ItemKind `json:"kind" api:"req,enum=item_kind"`
	KindName    string        `json:"kind_name"`
	Status      string        `json:"status" api:"req,enum=item_status" doc:"not_received: chưa nhận; received: đã nhận, chưa trao; handed_over: đã trao; revoked: khen thưởng đã bị hủy bỏ, thu hồi"`
	KeeperOrgID int64         `json:"keeper_org_id,omitempty" doc:"Cơ quan, đơn vị đã nhận hiện vật"`
	KeeperName  string        `json:"keeper_name,omitempty"`
	ReceivedOn  string        `json:"received_on,omitempty" api:"date"`
	ReceivedBy  string        `json:"received_by,omitempty" doc:"Tài khoản ghi nhận đã nhận"`
	HandedOn    string        `json:"handed_on,omitempty" api:"date"`
	HandedTo    string        `json:"handed_to,omitempty" doc:"Người nhận hiện vật (người được khen hoặc người nhận thay)"`
	HandedBy    string        `json:"handed_by,omitempty" doc:"Tài khoản ghi nhận đã trao"`
	Note        string        `json:"note,omitempty"`
	Version     int           `json:"version"`
}

func toAwardItem(x sqldb.AwardItem) awardItemJSON {
	status := itemNotReceived
	switch {
	case x.Revoked:
		status = itemRevoked
	case x.HandedOn != "":
		status = itemHandedOver
	case x.ReceivedOn != "":
		status = itemReceived
	}
	return awardItemJSON{ID: x.ID, DecisionID: x.DecisionID, HonourID: x.HonourID, Kind: x.Kind, KindName: x.Kind.Label(), Status: status,
		KeeperOrgID: x.KeeperOrgID, KeeperName: x.KeeperName, ReceivedOn: x.ReceivedOn, ReceivedBy: x.ReceivedBy, HandedOn: x.HandedOn,
		HandedTo: x.HandedTo, HandedBy: x.HandedBy, Note: x.Note, Version: x.Version}
}

// awardeeItemsJSON is an awardee of the decision with its items.
type awardeeItemsJSON struct {
	HonourID int64           `json:"honour_id"`
	Subject  subjectJSON     `json:"subject"`
	Name     string          `json:"name"`
	Unit     string          `json:"unit"`
	Serial   string          `json:"serial" doc:"Số thứ tự trong danh sách của quyết định"`
	Revoked  bool            `json:"revoked" doc:"Khen thưởng đã bị hủy bỏ, thu hồi: hiện vật không trao"`
	Items    []awardItemJSON `json:"items" api:"req"`
}

// itemCountsJSON counts the items of the awardees whose honour stands.
type itemCountsJSON struct {
	Due         int `json:"due" doc:"Số hiện vật phải trao"`
	Received    int `json:"received" doc:"Đã nhận"`
	Handed      int `json:"handed" doc:"Đã trao"`
	Outstanding int `json:"outstanding" doc:"Chưa trao"`
	NotReceived int `json:"not_received" doc:"Chưa nhận"`
}

func toCounts(c core.ItemCounts) itemCountsJSON {
	return itemCountsJSON{Due: c.Due, Received: c.Received, Handed: c.Handed, Outstanding: c.Outstanding, NotReceived: c.NotReceived}
}

// kindCountsJSON counts one kind of item.
type kindCountsJSON struct {
	Kind       tdkt.ItemKind  `json:"kind" api:"req,enum=item_kind"`
	KindName   string         `json:"kind_name"`
	Counts     itemCountsJSON `json:"counts" api:"req"`
	ReceivedOn []string       `json:"received_on" api:"req" doc:"Các ngày đã nhận (YYYY-MM-DD)"`
}

// decisionItemsJSON is a decision's items in the caller's scope.
type decisionItemsJSON struct {
	Decision decisionRecordJSON `json:"decision" api:"req"`
	Kinds    []tdkt.ItemKind    `json:"kinds" api:"req" doc:"Hiện vật đi kèm khen thưởng này"`
	Counts   itemCountsJSON     `json:"counts" api:"req"`
	ByKind   []kindCountsJSON   `json:"by_kind" api:"req"`
	Revoked  int                `json:"revoked" doc:"Số người đã bị hủy bỏ, thu hồi khen thưởng"`
	Awardees []awardeeItemsJSON `json:"awardees" api:"req"`
}

func toDecisionItems(d core.DecisionItems) decisionItemsJSON {
	out := decisionItemsJSON{Decision: toDecisionRecord(d.Decision), Kinds: d.Kinds, Counts: toCounts(d.Totals), Revoked: d.Revoked,
		ByKind: []kindCountsJSON{}, Awardees: []awardeeItemsJSON{}}
	for _, k := range d.ByKind {
		out.ByKind = append(out.ByKind, kindCountsJSON{Kind: k.Kind, KindName: k.Kind.Label(), Counts: toCounts(k.ItemCounts),
			ReceivedOn: append([]string{}, k.ReceivedOn...)})
	}
	for _, a := range d.Awardees {
		out.Awardees = append(out.Awardees, awardeeItemsJSON{HonourID: a.HonourID, Subject: subjectJSON{Kind: a.Subject.Kind, ID: a.Subject.ID},
			Name: a.Name, Unit: a.Unit, Serial: a.Serial, Revoked: a.Revoked, Items: mapTo(a.Items, toAwardItem)})
	}
	return out
}

// itemReceiptInput is the body of POST /decisions/{id}/items/receipt.
type itemReceiptInput struct {
	ReceivedOn string   `json:"received_on" api:"req,date" doc:"Ngày nhận hiện vật"`
	Kinds      []string `json:"kinds" api:"req" doc:"Các loại hiện vật đã nhận (item_kind)"`
}

// itemReceiptJSON answers a receipt: how many items it recorded, and the decision's
// items after it.
type itemReceiptJSON struct {
	Recorded int               `json:"recorded" doc:"Số hiện vật vừa ghi nhận đã nhận"`
	Items    decisionItemsJSON `json:"items" api:"req"`
}

// handOverInput is the body of POST /award-items/{id}/handover.
type handOverInput struct {
	HandedOn string `json:"handed_on" api:"req,date" doc:"Ngày trao"`
	HandedTo string `json:"handed_to" api:"req" doc:"Người nhận hiện vật (người được khen hoặc người nhận thay)"`
	Note     string `json:"note,omitempty"`
	Version  int    `json:"version" api:"req" doc:"Phiên bản của dòng hiện vật đã đọc"`
}

// outstandingJSON is a decision with items not yet delivered.
type outstandingJSON struct {
	Decision decisionRecordJSON `json:"decision" api:"req"`
	Awardees int                `json:"awardees" doc:"Số người nhận thuộc đơn vị mà khen thưởng còn hiệu lực"`
	Counts   itemCountsJSON     `json:"counts" api:"req"`
}

type outstandingList struct {
	Items []outstandingJSON `json:"items" api:"req"`
}

func (h *handlers) awardItemRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/award-items", Handle: h.outstandingItems, Op: operation{ID: "listOutstandingAwardItems", Tag: tagDossiers,
			Summary: "Các quyết định còn hiện vật khen thưởng chưa trao cho người nhận thuộc đơn vị", Resp: "OutstandingList"}},
		{Method: "GET", Path: prefix + "/decisions/{id}/items", Handle: h.decisionItems, Op: operation{ID: "listDecisionItems", Tag: tagDossiers,
			Summary: "Hiện vật khen thưởng của quyết định: đã nhận, đã trao, chưa trao, theo người nhận thuộc đơn vị", Resp: "DecisionItems"}},
		{Method: "POST", Path: prefix + "/decisions/{id}/items/receipt", Handle: h.receiveItems, Op: operation{ID: "receiveDecisionItems", Tag: tagDossiers,
			Summary: "Ghi nhận đã nhận hiện vật (mỗi loại một lần) cho người nhận thuộc đơn vị; 409 khi loại đó đã được ghi nhận",
			Body:    "ItemReceiptInput", Resp: "ItemReceipt", Conflict: true}},
		{Method: "POST", Path: prefix + "/award-items/{id}/handover", Handle: h.handOverItem, Op: operation{ID: "handOverAwardItem", Tag: tagDossiers,
			Summary: "Ghi nhận đã trao một hiện vật đã nhận; 409 khi chưa nhận, đã trao, khen thưởng đã thu hồi hoặc phiên bản đã cũ",
			Body:    "HandOverInput", Resp: "AwardItem", Conflict: true}},
	}
}

func (h *handlers) outstandingItems(r *http.Request, a *tdkt.Account) (any, error) {
	out, err := h.svc.OutstandingAwardItems(r.Context(), a)
	list := outstandingList{Items: []outstandingJSON{}}
	for _, d := range out {
		list.Items = append(list.Items, outstandingJSON{Decision: toDecisionRecord(d.Decision), Awardees: d.Awardees, Counts: toCounts(d.ItemCounts)})
	}
	return list, err
}

func (h *handlers) decisionItems(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "quyết định")
	if err != nil {
		return nil, err
	}
	d, err := h.svc.AwardItems(r.Context(), a, id)
	return toDecisionItems(d), err
}

func (h *handlers) receiveItems(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "quyết định")
	if err != nil {
		return nil, err
	}
	var in itemReceiptInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	n, err := h.svc.ReceiveAwardItems(r.Context(), a, id, in.ReceivedOn, in.Kinds)
	if err != nil {
		return nil, err
	}
	d, err := h.svc.AwardItems(r.Context(), a, id)
	return itemReceiptJSON{Recorded: n, Items: toDecisionItems(d)}, err
}

func (h *handlers) handOverItem(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "hiện vật khen thưởng")
	if err != nil {
		return nil, err
	}
	var in handOverInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	x, err := h.svc.HandOverAwardItem(r.Context(), a, id, in.Version, in.HandedOn, in.HandedTo, in.Note)
	return toAwardItem(x), err
}
