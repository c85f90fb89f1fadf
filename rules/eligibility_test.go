package rules

import (
	"strings"
	"testing"

	"tdkt"
)

// Eligibility scenarios (numbered as in the reference the rules were first
// written from) and the rules of interpretation of docs/check.md §3; the law is in
// docs/law.md §3–4. Each case names its article.
func TestEligibilityScenarios(t *testing.T) {
	on152 := "2026-01-20" // Decree 152/2025 period
	cases := []struct {
		name  string
		basis string
		award AwardID
		year  int
		asOf  string
		s     *Subject
		want  Status
		rule  string // a reason that must be present with met=false (optional)
		early int    // expected earliest_year (optional)
	}{
		{"1 CSTĐCS HTXSNV không sáng kiến", "Điều 23", idCSTDCS, 2025, on152, rate(person(), 2025, X), Eligible, "", 0},
		{"2 CSTĐCS sáng kiến, HTTNV", "Điều 23", idCSTDCS, 2025, on152, initiative(rate(person(), 2025, T), "sk", 2025, tdkt.ScopeBase), Eligible, "", 0},
		{"2b CSTĐCS sáng kiến năm trước không tính", "Điều 23", idCSTDCS, 2025, on152, initiative(rate(person(), 2024, X, T), "sk", 2024, tdkt.ScopeBase), NotEligible, "htxsnv_hoac_sang_kien", 2026},
		{"3 sáng kiến nhưng HTNV", "Điều 23, 24", idCSTDCS, 2025, on152, initiative(rate(person(), 2025, H), "sk", 2025, tdkt.ScopeBase), NotEligible, "xep_loai_nam", 2026},
		{"4 CSTĐ tỉnh chuỗi đủ", "Điều 22", idCSTDBT, 2025, on152,
			initiative(titles(rate(person(), 2023, X, X, X), idCSTDCS, 2023, 2024, 2025), "sk", 2025, tdkt.ScopeProvince), Eligible, "", 0},
		{"4b CSTĐ tỉnh sáng kiến năm 2023 trong chuỗi", "Điều 22", idCSTDBT, 2025, on152,
			initiative(titles(rate(person(), 2023, X, X, X), idCSTDCS, 2023, 2024, 2025), "sk", 2023, tdkt.ScopeNation), Eligible, "", 0},
		{"4c CSTĐ tỉnh sáng kiến ngoài chuỗi", "Điều 22", idCSTDBT, 2025, on152,
			initiative(titles(rate(person(), 2022, X, X, X, X), idCSTDCS, 2023, 2024, 2025), "sk", 2022, tdkt.ScopeProvince), NotEligible, "sang_kien_bo_tinh", 2026},
		{"5 CSTĐ tỉnh chuỗi đứt", "Điều 22", idCSTDBT, 2025, on152,
			initiative(titles(rate(person(), 2021, X, X, T, X, X), idCSTDCS, 2021, 2022, 2024, 2025), "sk", 2025, tdkt.ScopeProvince), NotEligible, "cstdcs_3_nam_lien_tuc", 2026},
		{"6 CSTĐ tỉnh sáng kiến cấp cơ sở", "Điều 22", idCSTDBT, 2025, on152,
			initiative(titles(rate(person(), 2023, X, X, X), idCSTDCS, 2023, 2024, 2025), "sk", 2025, tdkt.ScopeBase), NotEligible, "sang_kien_bo_tinh", 2026},
		{"7 CSTĐTQ không liên tiếp", "Điều 21", idCSTDTQ, 2025, on152,
			initiative(titles(person(), idCSTDBT, 2019, 2025), "sk", 2024, tdkt.ScopeNation), NotEligible, "cstd_bo_tinh_2_lan_lien_tiep", 2028},
		{"8 CSTĐTQ sáng kiến chỉ cấp tỉnh", "Điều 21", idCSTDTQ, 2025, on152,
			initiative(titles(person(), idCSTDBT, 2022, 2025), "sk", 2024, tdkt.ScopeProvince), NotEligible, "sang_kien_toan_quoc", 2028},
		{"8b CSTĐTQ đủ", "Điều 21", idCSTDTQ, 2025, on152,
			initiative(titles(person(), idCSTDBT, 2022, 2025), "sk", 2020, tdkt.ScopeNation), Eligible, "", 0},
		{"9 BK tỉnh HTXSNV + 2 sáng kiến", "Điều 74 khoản 1 điểm d", idBKBT, 2024, "2025-02-10",
			initiative(initiative(titles(rate(person(), 2023, X, X), idCSTDCS, 2024), "a", 2023, tdkt.ScopeBase), "b", 2024, tdkt.ScopeBase), Eligible, "", 0},
		{"10 BK tỉnh 2 lần CSTĐCS", "Điều 74 khoản 1 điểm d", idBKBT, 2025, on152, titles(rate(person(), 2024, X, X), idCSTDCS, 2024, 2025), Eligible, "", 0},
		{"11 BK tỉnh thiếu 1 sáng kiến", "Điều 74 khoản 1 điểm d", idBKBT, 2025, on152,
			initiative(titles(rate(person(), 2024, X, X), idCSTDCS, 2025), "a", 2025, tdkt.ScopeBase), NotEligible, "bang_khen_bo_tinh_diem_d", 2026},
		{"12 BK TTg chuỗi đủ", "Điều 73 khoản 1 điểm b", idBKTTg, 2025, on152,
			prior(titles(rate(person(), 2021, T, T, X, T, X), idCSTDCS, 2021, 2023, 2025), idBKBT, 2020, "", 0), Eligible, "", 0},
		{"13 BK TTg chỉ 2 CSTĐCS", "Điều 73 khoản 1 điểm b", idBKTTg, 2025, on152,
			prior(titles(rate(person(), 2021, T, T, X, T, T), idCSTDCS, 2021, 2023), idBKBT, 2020, tdkt.KindMerit, 0), NotEligible, "3_lan_cstdcs", 2027},
		{"14 BK TTg một năm HTNV", "Điều 73 khoản 1 điểm b", idBKTTg, 2025, on152,
			prior(titles(rate(person(), 2020, T, T, T, H, X, X), idCSTDCS, 2021, 2024, 2025), idBKBT, 2019, "", 0), NotEligible, "5_nam_hoan_thanh_tot", 2028},
		{"15 BK TTg chưa có BK tỉnh", "Điều 73 khoản 1 điểm b", idBKTTg, 2025, on152,
			titles(rate(person(), 2020, X, X, X, X, X, X), idCSTDCS, 2020, 2021, 2022, 2023, 2024, 2025), NotEligible, "khen_thuong_truoc", 2031},
		{"16 HCLĐ hạng Ba chuỗi đủ", "Điều 44 khoản 1 điểm e", idHCLD3, 2024, "2025-03-01",
			prior(titles(rate(person(), 2020, T, T, X, T, T), idCSTDCS, 2020, 2022, 2024), idBKTTg, 2019, "", 0), Eligible, "", 0},
		{"17 HCLĐ hạng Ba quá sớm", "Điều 44 khoản 1 điểm e", idHCLD3, 2025, on152,
			prior(titles(rate(person(), 2023, X, X, X), idCSTDCS, 2023, 2024, 2025), idBKTTg, 2022, "", 0), NotEligible, "khen_thuong_truoc", 2027},
		{"18 HCLĐ hạng Ba không có năm HTXSNV", "Điều 44 khoản 1 điểm e", idHCLD3, 2023, "2024-03-01",
			prior(titles(rate(person(), 2019, T, T, T, T, T), idCSTDCS, 2019, 2021, 2023), idBKTTg, 2018, "", 0), NotEligible, "co_nam_htxsnv", 2024},
		{"27 BK TTg đột xuất không làm căn cứ", "NĐ 152 Điều 4 khoản 3", idHCLD3, 2024, "2025-03-01",
			prior(titles(rate(person(), 2020, X, X, X, X, X), idCSTDCS, 2020, 2022, 2024), idBKTTg, 2019, tdkt.KindSudden, 0), NotEligible, "khen_thuong_truoc", 2035},
		{"BK tỉnh chuyên đề không làm căn cứ", "NĐ 152 Điều 4 khoản 3", idBKTTg, 2025, on152,
			prior(titles(rate(person(), 2021, X, X, X, X, X), idCSTDCS, 2021, 2023, 2025), idBKBT, 2020, tdkt.KindThematic, 0), NotEligible, "khen_thuong_truoc", 2031},
		{"cửa sổ tính sau achievement_to", "Điều 73 khoản 1 điểm b", idBKTTg, 2025, on152,
			prior(titles(rate(person(), 2021, T, T, X, T, X), idCSTDCS, 2021, 2023, 2025), idBKBT, 2021, "", 2020), Eligible, "", 0},
		{"achievement_to trong cửa sổ", "Điều 73 khoản 1 điểm b", idBKTTg, 2025, on152,
			prior(titles(rate(person(), 2021, T, T, X, T, X), idCSTDCS, 2021, 2023, 2025), idBKBT, 2022, "", 2021), NotEligible, "khen_thuong_truoc", 2026},
		{"20 kỷ luật trong năm: LĐTT", "NĐ 152 Điều 4 khoản 4", idLDTT, 2025, "2026-04-01",
			withDiscipline(rate(person(), 2025, X), "2025-03-10", "2026-03-10"), NotEligible, "ky_luat", 2027},
		{"20b kỷ luật đã hết trước năm xét", "NĐ 152 Điều 4 khoản 4", idLDTT, 2025, on152,
			withDiscipline(rate(person(), 2025, T), "2023-03-10", "2024-03-10"), Eligible, "", 0},
		{"kỷ luật cắt chuỗi BK TTg, khen trước kỷ luật vẫn có giá trị", "Điều 73; NĐ 152 Điều 4 khoản 4", idBKTTg, 2025, on152,
			withDiscipline(prior(titles(rate(person(), 2021, T, T, X, T, X), idCSTDCS, 2021, 2023, 2025), idBKBT, 2018, "", 0), "2021-02-01", "2021-12-31"), NotEligible, "ky_luat", 2026},
		{"khen trước kỷ luật vẫn là điều kiện sau khi hết kỷ luật", "Điều 73; NĐ 152 Điều 4 khoản 4", idBKTTg, 2025, on152,
			withDiscipline(prior(titles(rate(person(), 2021, T, T, X, T, X), idCSTDCS, 2021, 2023, 2025), idBKBT, 2018, "", 0), "2019-02-01", "2020-01-31"), Eligible, "", 0},
		{"21 nghỉ thai sản vẫn LĐTT", "NĐ 152 Điều 4 khoản 5", idLDTT, 2025, on152, func() *Subject { s := rate(person(), 2025, T); s.Sex = tdkt.Female; return s }(), Eligible, "", 0},
		{"22 mới tuyển dụng, giai đoạn NĐ 98", "TT 01/2024", idLDTT, 2024, "2025-01-20", hired(rate(person(), 2024, T), "2024-09-01"), NotEligible, "tuyen_dung_du_6_thang", 2025},
		{"22b mới tuyển dụng, giai đoạn NĐ 152 (mặc định tắt)", "TT 15/2025 chưa xác minh", idLDTT, 2025, on152, hired(rate(person(), 2025, T), "2025-09-01"), Eligible, "", 0},
		{"22c tuyển dụng đúng 01/07", "TT 01/2024", idLDTT, 2024, "2025-01-20", hired(rate(person(), 2024, T), "2024-07-01"), Eligible, "", 0},
		{"23 tập thể có người KHTNV", "Điều 27", idTTLDXS, 2025, on152,
			rate(collective(Members{Total: 20, HTXSNV: 3, HTTNV: 12, HTNV: 4, KHTNV: 1, LDTT: 15, CSTDCS: 2}), 2025, X), NotEligible, "100_phan_tram_hoan_thanh", 2026},
		{"24 tập thể 65% LĐTT", "Điều 27", idTTLDXS, 2025, on152,
			rate(collective(Members{Total: 20, HTTNV: 13, HTNV: 7, LDTT: 13, CSTDCS: 1}), 2025, X), NotEligible, "ty_le_lao_dong_tien_tien", 2026},
		{"25 tập thể không có CSTĐCS", "Điều 27", idTTLDXS, 2025, on152,
			rate(collective(Members{Total: 10, HTTNV: 8, HTNV: 2, LDTT: 8}), 2025, X), NotEligible, "co_chien_si_thi_dua_co_so", 2026},
		{"25b cùng tập thể đạt TTLĐTT", "Điều 28", idTTLDTT, 2025, on152,
			rate(collective(Members{Total: 10, HTTNV: 8, HTNV: 2, LDTT: 8}), 2025, T), Eligible, "", 0},
		{"25c đúng 70% LĐTT", "Điều 28", idTTLDTT, 2025, on152,
			rate(collective(Members{Total: 10, HTTNV: 7, HTNV: 3, LDTT: 7}), 2025, T), Eligible, "", 0},
		{"26 tập thể có người bị cảnh cáo", "Điều 28", idTTLDTT, 2025, on152,
			rate(collective(Members{Total: 10, HTTNV: 9, HTNV: 1, LDTT: 9, DisciplinedWarningOrAbove: 1}), 2025, T), NotEligible, "khong_co_ca_nhan_bi_ky_luat", 2026},
		{"BK tỉnh tập thể 2 năm HTXSNV/TTLĐXS", "Điều 74 khoản 2", idBKBT, 2025, on152,
			titles(rate(&Subject{Kind: tdkt.Collective}, 2024, T, X), idTTLDXS, 2024), Eligible, "", 0},
		{"BK tỉnh tập thể thiếu năm", "Điều 74 khoản 2", idBKBT, 2025, on152,
			rate(&Subject{Kind: tdkt.Collective}, 2024, T, X), NotEligible, "hai_nam_htxsnv_hoac_ttldxs", 2026},
		{"28 sáng kiến đã dùng cho CSTĐ tỉnh không dùng cho BK", "Điều 5 khoản 2 điểm c", idBKBT, 2025, on152,
			initiative(initiative(titles(rate(person(), 2023, T, X, X), idCSTDBT, 2025), "a", 2024, tdkt.ScopeBase), "b", 2025, tdkt.ScopeProvince), NotEligible, "mot_thanh_tich_mot_hinh_thuc", 2027},
		{"Anh hùng Lao động cần Hội đồng", "Điều 59", mustAward("anh_hung_lao_dong"), 2025, on152, rate(person(), 2025, X), NotEligible, "can_hoi_dong_xem_xet", 0},
		{"BK tỉnh hộ gia đình cần Hội đồng", "Điều 74", idBKBT, 2025, on152, &Subject{Kind: tdkt.Household}, NotEligible, "can_hoi_dong_xem_xet", 0},
		{"HCLĐ hạng Ba công nhân theo khoản 2", "Điều 44 khoản 2", idHCLD3, 2024, "2025-03-01",
			func() *Subject {
				s := prior(titles(rate(person(), 2020, T, T, X, T, T), idCSTDCS, 2020, 2022, 2024), idBKTTg, 2019, "", 0)
				s.Group = tdkt.GroupWorkers
				return s
			}(), NotEligible, "can_hoi_dong_xem_xet", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Default.EligibilityID(c.s, c.award, c.year, date(t, c.asOf))
			if r.Status != c.want {
				t.Fatalf("%s (%s): status %s, want %s\n%+v", c.name, c.basis, r.Status, c.want, r.Reasons)
			}
			if c.rule != "" && !hasReason(r, c.rule, false) {
				t.Errorf("%s: no unmet reason %q: %+v", c.name, c.rule, r.Reasons)
			}
			if r.EarliestYear != c.early {
				t.Errorf("%s: earliest year %d, want %d: %+v", c.name, r.EarliestYear, c.early, r.Reasons)
			}
			if len(r.Reasons) == 0 || r.RuleSet == "" {
				t.Errorf("%s: no reasons or rule set", c.name)
			}
			for _, x := range r.Reasons {
				if x.Message == "" || (x.Basis == "" && x.Rule != "bo_quy_tac") {
					t.Errorf("%s: empty message or basis: %+v", c.name, x)
				}
			}
			// The quiet path must agree with the verbose one.
			if st := Default.Status(c.s, c.award, c.year, date(t, c.asOf)); st != r.Status {
				t.Errorf("%s: Status %s, Eligibility %s", c.name, st, r.Status)
			}
		})
	}
}

func withDiscipline(s *Subject, from, to string) *Subject {
	f, _ := ParseDate(from)
	e, _ := ParseDate(to)
	s.Discipline = append(s.Discipline, Discipline{Form: tdkt.Reprimand, DecidedOn: f, EndsOn: e})
	return s
}

func hired(s *Subject, d string) *Subject {
	s.HiredOn, _ = ParseDate(d)
	return s
}

// Scenario 19: the subject of scenario 16 under review is deferred; a subject
// that does not meet the criteria and is under review is not eligible, and the
// reasons say both.
func TestPendingReview(t *testing.T) {
	s := prior(titles(rate(person(), 2020, T, T, X, T, T), idCSTDCS, 2020, 2022, 2024), idBKTTg, 2019, "", 0)
	s.PendingReview = true
	r := Default.EligibilityID(s, idHCLD3, 2024, date(t, "2025-03-01"))
	if r.Status != Deferred || !hasReason(r, "khong_dang_xem_xet_ky_luat", false) {
		t.Fatalf("want deferred with review reason: %+v", r)
	}
	s.Titles = s.Titles[:1]
	r = Default.EligibilityID(s, idHCLD3, 2024, date(t, "2025-03-01"))
	if r.Status != NotEligible || !hasReason(r, "khong_dang_xem_xet_ky_luat", false) || !hasReason(r, "3_lan_cstdcs", false) {
		t.Fatalf("want not_eligible with both reasons: %+v", r)
	}
	r = Default.Eligibility(&Subject{Kind: tdkt.Individual, PendingReview: true}, "nha_giao_uu_tu", 2025, date(t, "2026-01-20"))
	if r.Status != Deferred {
		t.Fatalf("human-judgement award under review: %s", r.Status)
	}
}

// The earliest-year sentence names what is missing.
func TestEarliestMessage(t *testing.T) {
	s := titles(rate(person(), 2024, X, X), idCSTDCS, 2025)
	r := Default.EligibilityID(s, idBKBT, 2025, date(t, "2026-02-10"))
	want := "Đủ điều kiện sớm nhất năm 2026 nếu năm 2026 đạt Chiến sĩ thi đua cơ sở"
	found := false
	for _, x := range r.Reasons {
		found = found || x.Message == want
	}
	if !found || r.EarliestYear != 2026 {
		t.Fatalf("want %q: %+v", want, r.Reasons)
	}
	s = prior(titles(rate(person(), 2020, T, T, T, H, X, X), idCSTDCS, 2021, 2024, 2025), idBKBT, 2019, "", 0)
	r = Default.EligibilityID(s, idBKTTg, 2025, date(t, "2026-02-10"))
	last := r.Reasons[len(r.Reasons)-1].Message
	if !strings.HasPrefix(last, "Đủ điều kiện sớm nhất năm 2028 nếu") || !strings.Contains(last, "Chiến sĩ thi đua cơ sở") {
		t.Fatalf("scenario 14 sentence: %q", last)
	}
}

// The rule set is chosen by as_of, the 2026 amendment marks carried-over
// provisions unverified, and the Chiến sĩ thi đua cơ sở variant is a visible switch.
func TestRuleSetsAndOptions(t *testing.T) {
	s := rate(person(), 2026, X)
	for _, c := range []struct{ asOf, id string }{
		{"2024-05-01", "luat-2022+nd98-2023"}, {"2025-06-30", "luat-2022+nd98-2023"},
		{"2025-07-01", "luat-2022+nd152-2025"}, {"2026-09-30", "luat-2022+nd152-2025"},
		{"2026-10-01", "luat-2022-sua-doi-2026+nd152-2025"},
	} {
		r := Default.EligibilityID(s, idCSTDCS, 2026, date(t, c.asOf))
		if r.RuleSet != c.id {
			t.Errorf("%s: rule set %s, want %s", c.asOf, r.RuleSet, c.id)
		}
	}
	r := Default.EligibilityID(s, idCSTDCS, 2026, date(t, "2026-12-01"))
	if r.Status != Eligible || len(r.Unverified) == 0 || !strings.Contains(r.Reasons[len(r.Reasons)-2].Message, "Luật 2022") {
		t.Fatalf("2026 set: %+v", r)
	}
	both := CSTDCSBoth
	strict, err := New(Options{CSTDCS: &both})
	if err != nil {
		t.Fatal(err)
	}
	r = strict.EligibilityID(s, idCSTDCS, 2026, date(t, "2026-12-01"))
	if r.Status != NotEligible || !hasReason(r, "htxsnv_va_sang_kien", false) {
		t.Fatalf("draft variant: %+v", r)
	}
	on := true
	e6, _ := New(Options{RecruitedSixMonths: &on})
	r = e6.EligibilityID(hired(rate(person(), 2025, T), "2025-09-01"), idLDTT, 2025, date(t, "2026-01-20"))
	if r.Status != NotEligible || !hasReason(r, "tuyen_dung_du_6_thang", false) {
		t.Fatalf("recruited rule switched on: %+v", r)
	}
	half := 50
	e50, _ := New(Options{AdvancedSharePct: &half})
	col := rate(collective(Members{Total: 10, HTTNV: 6, HTNV: 4, LDTT: 6}), 2025, T)
	if Default.statusOf(col, idTTLDTT, 2025, "2026-01-20") != NotEligible || e50.statusOf(col, idTTLDTT, 2025, "2026-01-20") != Eligible {
		t.Fatal("configurable share not applied")
	}
	if _, err := New(Options{AdvancedSharePct: new(int(101))}); err == nil {
		t.Fatal("share 101% accepted")
	}
}

// statusOf is a test shorthand.
func (e *Engine) statusOf(s *Subject, id AwardID, year int, asOf string) Status {
	d, _ := ParseDate(asOf)
	return e.Status(s, id, year, d)
}

func TestEligibleList(t *testing.T) {
	s := prior(titles(rate(person(), 2020, T, T, X, T, T), idCSTDCS, 2020, 2022, 2024), idBKTTg, 2019, "", 0)
	got := Default.Eligible(s, 2024, date(t, "2025-03-01"))
	want := []string{"lao_dong_tien_tien", "chien_si_tien_tien", "huan_chuong_lao_dong_hang_ba"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Eligible = %v, want %v", got, want)
	}
}
