package tdkt

import "strings"

// ItemKind is a kind of physical award item (hiện vật khen thưởng): what comes with a
// title or form besides the decision, from the level that printed or struck it to the
// office that proposed it, which hands it over at a ceremony.
type ItemKind string

// The kinds of physical items.
const (
	ItemCertificate ItemKind = "bang"        // bằng, giấy chứng nhận, giấy khen
	ItemMedal       ItemKind = "huan_chuong" // huân chương, huy chương
	ItemBadge       ItemKind = "huy_hieu"    // huy hiệu of a state honorary title or of a national emulation soldier
	ItemBox         ItemKind = "hop"         // the box of a medal or badge
	ItemFrame       ItemKind = "khung"       // the frame of a certificate
	ItemFlag        ItemKind = "co"          // cờ thi đua
)

// ItemKinds are the kinds in the order a page lists them.
var ItemKinds = []ItemKind{ItemCertificate, ItemMedal, ItemBadge, ItemBox, ItemFrame, ItemFlag}

// itemKindLabels are the Vietnamese names of the kinds.
var itemKindLabels = map[ItemKind]string{
	ItemCertificate: "Bằng, giấy chứng nhận",
	ItemMedal:       "Huân chương, huy chương",
	ItemBadge:       "Huy hiệu",
	ItemBox:         "Hộp đựng",
	ItemFrame:       "Khung",
	ItemFlag:        "Cờ thi đua",
}

// Label is the kind's Vietnamese name (the code itself for an unknown kind).
func (k ItemKind) Label() string {
	if l, ok := itemKindLabels[k]; ok {
		return l
	}
	return string(k)
}

// Valid reports whether k is one of ItemKinds.
func (k ItemKind) Valid() bool { _, ok := itemKindLabels[k]; return ok }

// awardItemRule gives the items of the awards whose code is Match, or starts with
// it when Match ends in "_".
type awardItemRule struct {
	Match string
	Kinds []ItemKind
}

// awardItems says which items each award comes with. The forms of certificates,
// medals, badges, flags and their boxes and frames are set by Law 06/2022/QH15 on
// emulation and commendation, Art 76–77, and the physical items by Decree
// 152/2025/NĐ-CP (which replaced Decree 98/2023); this table is the usual practice of
// the reward offices, not a list those articles spell out award by award. An award
// that no line matches comes with its certificate alone (a title of an individual or
// a collective, a Giấy khen). The first matching line wins.
var awardItems = []awardItemRule{
	{"huan_chuong_", []ItemKind{ItemCertificate, ItemMedal, ItemBox}},
	{"anh_hung_", []ItemKind{ItemCertificate, ItemBadge, ItemBox}},
	{"ba_me_viet_nam_anh_hung", []ItemKind{ItemCertificate, ItemBadge, ItemBox}},
	{"nha_giao_", []ItemKind{ItemCertificate, ItemBadge, ItemBox}},
	{"thay_thuoc_", []ItemKind{ItemCertificate, ItemBadge, ItemBox}},
	{"nghe_si_", []ItemKind{ItemCertificate, ItemBadge, ItemBox}},
	{"nghe_nhan_", []ItemKind{ItemCertificate, ItemBadge, ItemBox}},
	{"chien_si_thi_dua_toan_quoc", []ItemKind{ItemCertificate, ItemBadge, ItemBox}},
	{"co_thi_dua_", []ItemKind{ItemFlag, ItemCertificate}},
	{"bang_khen_", []ItemKind{ItemCertificate, ItemFrame}},
}

// AwardItemKinds lists the physical items an award comes with, in ItemKinds order.
func AwardItemKinds(awardCode string) []ItemKind {
	kinds := []ItemKind{ItemCertificate}
	for _, r := range awardItems {
		if r.Match == awardCode || (strings.HasSuffix(r.Match, "_") && strings.HasPrefix(awardCode, r.Match)) {
			kinds = r.Kinds
			break
		}
	}
	var out []ItemKind
	for _, k := range ItemKinds {
		if In(k, kinds) {
			out = append(out, k)
		}
	}
	return out
}

// ItemReceipt is the receipt of a decision's items by the office that keeps them:
// the day they arrived and the kinds that arrived that day.
type ItemReceipt struct {
	On    string // YYYY-MM-DD
	Kinds []ItemKind
}

// Validate checks a receipt of the items of an award decided on decidedOn: a real
// date, not before the decision and not after today (YYYY-MM-DD, Vietnam's date), and
// at least one kind, each one the award comes with.
func (x *ItemReceipt) Validate(awardCode, decidedOn, today string) error {
	p := Problems{}
	validDate(p, "received_on", x.On, true)
	switch {
	case p["received_on"] != "":
	case x.On < decidedOn:
		p.Add("received_on", "Ngày nhận không thể trước ngày quyết định ("+dmy(decidedOn)+").")
	case x.On > today:
		p.Add("received_on", "Ngày nhận không thể ở tương lai.")
	}
	allowed := AwardItemKinds(awardCode)
	if len(x.Kinds) == 0 {
		p.Add("kinds", "Hãy chọn hiện vật đã nhận.")
	}
	for _, k := range x.Kinds {
		if !In(k, allowed) {
			p.Add("kinds", "“"+k.Label()+"” không có trong hiện vật của "+Label(awardCode)+".")
		}
	}
	return p.Err()
}

// ItemHandOver is the hand-over of one received item at a ceremony.
type ItemHandOver struct {
	On   string // YYYY-MM-DD
	To   string // who took it: the awardee, or a relative or representative
	Note string
}

// Validate checks a hand-over of an item received on receivedOn: a real date, not
// before the receipt and not after today, and who took it. Text is expected in NFC.
func (x *ItemHandOver) Validate(receivedOn, today string) error {
	p := Problems{}
	validDate(p, "handed_on", x.On, true)
	switch {
	case p["handed_on"] != "":
	case x.On < receivedOn:
		p.Add("handed_on", "Ngày trao không thể trước ngày nhận hiện vật ("+dmy(receivedOn)+").")
	case x.On > today:
		p.Add("handed_on", "Ngày trao không thể ở tương lai.")
	}
	if x.To == "" {
		p.Add("handed_to", "Hãy ghi người nhận hiện vật (người được khen thưởng hoặc người nhận thay).")
	}
	validText(p, "handed_to", x.To, true, 200)
	validText(p, "note", x.Note, false, 1000)
	return p.Err()
}

// dmy shows a stored date as dd/mm/yyyy in a message (the domain does not import vn).
func dmy(d string) string {
	if len(d) != 10 {
		return d
	}
	return d[8:10] + "/" + d[5:7] + "/" + d[0:4]
}
