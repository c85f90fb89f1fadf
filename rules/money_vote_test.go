package rules

import (
	"math/rand"
	"testing"

	"tdkt"
)

// Money scenarios (numbered as in the reference the rules were first written from)
// and the money rules of docs/check.md §4 and docs/law.md §5.
func TestMoney(t *testing.T) {
	for _, c := range []struct {
		name  string
		asOf  string
		items []MoneyItem
		vnd   []int64
		paid  []bool
		total int64
	}{
		{"29 trước 1/7/2026", "2026-06-20", []MoneyItem{{"lao_dong_tien_tien", tdkt.Individual, "2025"}}, []int64{710_000}, []bool{true}, 710_000},
		{"29 sau 1/7/2026", "2026-07-10", []MoneyItem{{"lao_dong_tien_tien", tdkt.Individual, "2025"}}, []int64{760_000}, []bool{true}, 760_000},
		{"30 cùng kỳ", "2026-07-10", []MoneyItem{{"lao_dong_tien_tien", tdkt.Individual, "2025"}, {"chien_si_thi_dua_co_so", tdkt.Individual, "2025"}},
			[]int64{760_000, 2_530_000}, []bool{false, true}, 2_530_000},
		{"31 khác kỳ", "2026-02-01", []MoneyItem{{"chien_si_thi_dua_bo_tinh", tdkt.Individual, "2023-2025"}, {"chien_si_thi_dua_co_so", tdkt.Individual, "2025"}},
			[]int64{7_020_000, 2_340_000}, []bool{true, true}, 9_360_000},
		{"32 danh hiệu và hình thức", "2026-02-01", []MoneyItem{{"chien_si_thi_dua_co_so", tdkt.Individual, "2025"}, {"bang_khen_bo_tinh", tdkt.Individual, "2024-2025"}},
			[]int64{2_340_000, 3_510_000}, []bool{true, true}, 5_850_000},
		{"33 hộ gia đình", "2026-08-15", []MoneyItem{{"bang_khen_bo_tinh", tdkt.Household, "2026"}}, []int64{5_700_000}, []bool{true}, 5_700_000},
		{"hộ gia đình BK TTg", "2026-01-15", []MoneyItem{{"bang_khen_thu_tuong", tdkt.Household, "2025"}}, []int64{12_290_000}, []bool{true}, 12_290_000},
		{"tập thể HCLĐ hạng Ba 2×", "2026-01-15", []MoneyItem{{"huan_chuong_lao_dong_hang_ba", tdkt.Collective, "2021-2025"}}, []int64{21_060_000}, []bool{true}, 21_060_000},
		{"tập thể Anh hùng", "2026-08-01", []MoneyItem{{"anh_hung_lao_dong", tdkt.Collective, "2021-2025"}}, []int64{78_430_000}, []bool{true}, 78_430_000},
		{"Cờ CP", "2026-01-15", []MoneyItem{{"co_thi_dua_chinh_phu", tdkt.Collective, "2025"}}, []int64{28_080_000}, []bool{true}, 28_080_000},
		{"lương 1.800.000", "2024-05-01", []MoneyItem{{"lao_dong_tien_tien", tdkt.Individual, "2023"}}, []int64{540_000}, []bool{true}, 540_000},
		{"Gia đình văn hóa không có mức", "2026-01-15", []MoneyItem{{"gia_dinh_van_hoa", tdkt.Household, "2025"}}, []int64{0}, []bool{false}, 0},
	} {
		r, err := Default.Money(c.items, date(t, c.asOf))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for i := range c.items {
			if r.Items[i].VND != c.vnd[i] || r.Items[i].Paid != c.paid[i] {
				t.Errorf("%s: item %d = %d %v, want %d %v", c.name, i, r.Items[i].VND, r.Items[i].Paid, c.vnd[i], c.paid[i])
			}
		}
		if r.TotalVND != c.total {
			t.Errorf("%s: total %d, want %d", c.name, r.TotalVND, c.total)
		}
	}
	if _, err := Default.Money([]MoneyItem{{"chien_si_thi_dua_co_so", tdkt.Collective, "2025"}}, date(t, "2026-01-15")); err == nil {
		t.Error("CSTĐCS for a collective accepted")
	}
	if _, err := Default.Money([]MoneyItem{{"lao_dong_tien_tien", tdkt.Individual, "2025-2023"}}, date(t, "2026-01-15")); err == nil {
		t.Error("reversed period accepted")
	}
}

// Property: money is a multiple of 10,000 đồng, never below the exact product
// and less than 10,000 above it.
func TestMoneyRoundingProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	rs := &Default.sets[1]
	for i := 0; i < 20000; i++ {
		line := rs.Money[rng.Intn(len(rs.Money))]
		k := tdkt.SubjectKinds[rng.Intn(3)]
		coef := coefficient(rs, line, k)
		base := int64(1_000_000 + rng.Intn(5_000_000))
		v := roundUp10k(coef, base)
		exactTimesMillion := coef * base
		if v%10_000 != 0 || v*1_000_000 < exactTimesMillion || (v-10_000)*1_000_000 >= exactTimesMillion && coef > 0 {
			t.Fatalf("%s %s coef %d base %d: %d", line.Award, k, coef, base, v)
		}
	}
}

// Scenarios 34–35 and the ballot rule's edges.
func TestVote(t *testing.T) {
	for _, c := range []struct {
		award          string
		members, yes   int
		asOf           string
		passed         bool
		req            int
		unverifiedRule bool
	}{
		{"chien_si_thi_dua_bo_tinh", 19, 17, "2025-05-15", false, 18, false},
		{"chien_si_thi_dua_bo_tinh", 19, 18, "2025-05-15", true, 18, false},
		{"chien_si_thi_dua_co_so", 11, 9, "2025-05-15", true, 9, false},
		{"chien_si_thi_dua_co_so", 11, 8, "2025-05-15", false, 9, false},
		{"chien_si_thi_dua_co_so", 10, 8, "2026-01-15", true, 8, true},
		{"anh_hung_lao_dong", 10, 9, "2026-11-15", true, 9, true},
		{"co_thi_dua_chinh_phu", 1, 1, "2025-01-15", true, 1, false},
	} {
		r, err := Default.Vote(c.award, c.members, c.yes, date(t, c.asOf))
		if err != nil {
			t.Fatal(err)
		}
		if r.Passed != c.passed || r.RequiredYes != c.req || (len(r.Unverified) > 0) != c.unverifiedRule {
			t.Errorf("%+v: got %+v", c, r)
		}
	}
	for _, bad := range []struct {
		award      string
		members, y int
	}{{"giay_khen", 10, 5}, {"chien_si_thi_dua_co_so", 0, 0}, {"chien_si_thi_dua_co_so", 5, 6}, {"chien_si_thi_dua_co_so", 5, -1}, {"khong_co", 5, 1}} {
		if _, err := Default.Vote(bad.award, bad.members, bad.y, date(t, "2025-05-15")); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
}
