package tdkt_test

import (
	"slices"
	"testing"

	"tdkt"
)

// What each award comes with, by the usual practice cited in awarditems.go (Law
// 06/2022 Art 76–77; Decree 152/2025).
func TestAwardItemKinds(t *testing.T) {
	c, m, b, box, fr, fl := tdkt.ItemCertificate, tdkt.ItemMedal, tdkt.ItemBadge, tdkt.ItemBox, tdkt.ItemFrame, tdkt.ItemFlag
	for _, tc := range []struct {
		award string
		want  []tdkt.ItemKind
	}{
		{"huan_chuong_lao_dong_hang_ba", []tdkt.ItemKind{c, m, box}},
		{"huan_chuong_dung_cam", []tdkt.ItemKind{c, m, box}},
		{"anh_hung_lao_dong", []tdkt.ItemKind{c, b, box}},
		{"nha_giao_uu_tu", []tdkt.ItemKind{c, b, box}},
		{"chien_si_thi_dua_toan_quoc", []tdkt.ItemKind{c, b, box}},
		{"bang_khen_thu_tuong", []tdkt.ItemKind{c, fr}},
		{"bang_khen_bo_tinh", []tdkt.ItemKind{c, fr}},
		{"co_thi_dua_chinh_phu", []tdkt.ItemKind{c, fl}},
		{"chien_si_thi_dua_co_so", []tdkt.ItemKind{c}},
		{"giay_khen", []tdkt.ItemKind{c}},
	} {
		if got := tdkt.AwardItemKinds(tc.award); !slices.Equal(got, tc.want) {
			t.Errorf("%s comes with %v, want %v", tc.award, got, tc.want)
		}
	}
	for _, a := range tdkt.Awards {
		kinds := tdkt.AwardItemKinds(a.Code)
		if len(kinds) == 0 || kinds[0] != c {
			t.Errorf("%s comes without its certificate: %v", a.Code, kinds)
		}
		for _, k := range kinds {
			if !k.Valid() || k.Label() == string(k) {
				t.Errorf("%s: kind %q has no label", a.Code, k)
			}
		}
	}
}

// A receipt and a hand-over are refused with a message on the field at fault.
func TestItemReceiptAndHandOverValidate(t *testing.T) {
	fieldOf := func(err error) string {
		e, _ := err.(*tdkt.Error)
		if e == nil {
			return ""
		}
		for f := range e.Fields {
			return f
		}
		return ""
	}
	for _, tc := range []struct {
		r     tdkt.ItemReceipt
		field string
	}{
		{tdkt.ItemReceipt{On: "2026-11-19", Kinds: []tdkt.ItemKind{"bang"}}, "received_on"},
		{tdkt.ItemReceipt{On: "2026-11-27", Kinds: []tdkt.ItemKind{"bang"}}, "received_on"},
		{tdkt.ItemReceipt{On: "2026-11-21", Kinds: []tdkt.ItemKind{"co"}}, "kinds"},
		{tdkt.ItemReceipt{On: "2026-11-21"}, "kinds"},
		{tdkt.ItemReceipt{On: "2026-11-20", Kinds: []tdkt.ItemKind{"bang", "khung"}}, ""},
	} {
		if got := fieldOf(tc.r.Validate("bang_khen_bo_tinh", "2026-11-20", "2026-11-26")); got != tc.field {
			t.Errorf("%+v: refused on %q, want %q", tc.r, got, tc.field)
		}
	}
	for _, tc := range []struct {
		h     tdkt.ItemHandOver
		field string
	}{
		{tdkt.ItemHandOver{On: "2026-11-22", To: "Lê Thị Mai"}, "handed_on"},
		{tdkt.ItemHandOver{On: "2026-11-27", To: "Lê Thị Mai"}, "handed_on"},
		{tdkt.ItemHandOver{On: "2026-11-24"}, "handed_to"},
		{tdkt.ItemHandOver{On: "2026-11-24", To: "Lê\u200bThị Mai"}, "handed_to"},
		{tdkt.ItemHandOver{On: "2026-11-23", To: "Lê Thị Mai"}, ""},
	} {
		if got := fieldOf(tc.h.Validate("2026-11-23", "2026-11-26")); got != tc.field {
			t.Errorf("%+v: refused on %q, want %q", tc.h, got, tc.field)
		}
	}
}
