package rules

// The rule sets in force, by date of the proposal or decision (docs/law.md §1).

const (
	law22   = "Luật Thi đua, khen thưởng 2022"
	nd98    = "Nghị định 98/2023/NĐ-CP"
	nd152   = "Nghị định 152/2025/NĐ-CP"
	noteND  = "chưa đối chiếu được điều khoản tương ứng của Nghị định 152/2025/NĐ-CP; giữ quy định của Nghị định 98/2023/NĐ-CP"
	note26  = "quy định của Luật 2022, chưa đối chiếu văn bản Luật sửa đổi, bổ sung năm 2026 (Luật 06/2026/QH16, hiệu lực 01/10/2026)"
	noteBN  = "tỷ lệ toàn quốc chưa xác minh; 70% theo Quyết định 86/2025/QĐ-UBND tỉnh Bắc Ninh (Luật 2003: trên 50%)"
	noteInf = "suy luận: tập thể xuất sắc phải đạt cả tiêu chuẩn không có cá nhân bị kỷ luật từ cảnh cáo trở lên của Điều 28"
)

// DefaultRuleSets returns the built-in rule sets, oldest first. Callers get a
// fresh copy they may change.
func DefaultRuleSets() []RuleSet {
	a := ruleSetND98()
	b := ruleSetND152()
	c := ruleSetAmended2026(b)
	return []RuleSet{a, b, c}
}

func lawProvisions() [numProvisions]Provision {
	var p [numProvisions]Provision
	set := func(id ProvisionID, rule, basis string) {
		p[id] = Provision{Rule: rule, Basis: basis, FromLaw: true}
	}
	set(PrLDTT, "lao_dong_tien_tien", law22+", Điều 24 khoản 1")
	set(PrLDTTWorkers, "lao_dong_tien_tien", law22+", Điều 24 khoản 3")
	set(PrCSTT, "chien_si_tien_tien", law22+", Điều 24 khoản 2")
	set(PrCSTDCS, "chien_si_thi_dua_co_so", law22+", Điều 23")
	set(PrCSTDBoTinh, "chien_si_thi_dua_bo_tinh", law22+", Điều 22")
	set(PrCSTDToanQuoc, "chien_si_thi_dua_toan_quoc", law22+", Điều 21")
	set(PrTTLDTT, "tap_the_lao_dong_tien_tien", law22+", Điều 28")
	set(PrTTLDTTShare, "ty_le_lao_dong_tien_tien", law22+", Điều 28")
	p[PrTTLDTTShare].Unverified, p[PrTTLDTTShare].Note = true, noteBN
	set(PrTTLDXS, "tap_the_lao_dong_xuat_sac", law22+", Điều 27")
	set(PrTTLDXSDiscipline, "khong_co_ca_nhan_bi_ky_luat", law22+", Điều 27 (đối chiếu Điều 28)")
	p[PrTTLDXSDiscipline].Unverified, p[PrTTLDXSDiscipline].Note = true, noteInf
	set(PrBKBoTinhIndividual, "bang_khen_bo_tinh", law22+", Điều 74 khoản 1 điểm d")
	set(PrBKBoTinhCollective, "bang_khen_bo_tinh_tap_the", law22+", Điều 74 khoản 2")
	set(PrBKThuTuong, "bang_khen_thu_tuong", law22+", Điều 73 khoản 1 điểm b")
	set(PrHCLD3, "huan_chuong_lao_dong_hang_ba", law22+", Điều 44 khoản 1 điểm e")
	set(PrInitiativeReuse, "mot_thanh_tich_mot_hinh_thuc", law22+", Điều 5 khoản 2 điểm c; Công văn 5007/BNV-TĐKT")
	return p
}

func ruleSetND98() RuleSet {
	p := lawProvisions()
	p[PrDeferral] = Provision{Rule: "khong_dang_xem_xet_ky_luat", Basis: nd98 + " (nguyên tắc khen thưởng); nay là " + nd152 + ", Điều 4 khoản 4",
		Unverified: true, Note: "chưa đọc điều khoản của Nghị định 98/2023/NĐ-CP; nội dung theo Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4"}
	p[PrDisciplineCut] = Provision{Rule: "tinh_tu_khi_het_ky_luat", Basis: p[PrDeferral].Basis, Unverified: true, Note: p[PrDeferral].Note}
	p[PrRecruited6Months] = Provision{Rule: "tuyen_dung_du_6_thang", Basis: "Thông tư 01/2024/TT-BNV"}
	p[PrPriorKind] = Provision{Rule: "khen_thuong_truoc_la_cong_trang", Basis: nd152 + ", Điều 4 khoản 3",
		Unverified: true, Note: "nguyên tắc của Nghị định 152/2025/NĐ-CP áp dụng cho giai đoạn Nghị định 98/2023/NĐ-CP; chưa đối chiếu điều khoản của Nghị định 98/2023/NĐ-CP"}
	p[PrWindowAfterPrior] = Provision{Rule: "thanh_tich_sau_khen_thuong_truoc", Basis: nd98 + ", Điều 30 khoản 9"}
	p[PrMoney] = Provision{Rule: "tien_thuong", Basis: nd98 + ", Điều 54–58"}
	p[PrMoneyHousehold] = Provision{Rule: "tien_thuong_ho_gia_dinh", Basis: nd98 + ", Điều 54–58 (hộ gia đình 1,5 lần mức cá nhân)",
		Unverified: true, Note: "nhân hệ số trước rồi làm tròn một lần: suy luận, văn bản không nói rõ"}
	p[PrVote] = Provision{Rule: "ty_le_phieu", Basis: nd98 + ", Điều 30 khoản 7"}
	return RuleSet{
		ID:   "luat-2022+nd98-2023",
		Name: "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP (Thông tư 01/2024/TT-BNV)",
		From: MakeDate(2024, 1, 1), To: MakeDate(2025, 6, 30),
		Provisions:             p,
		RecruitedSixMonths:     true,
		CSTDCS:                 CSTDCSEither,
		AdvancedSharePct:       70,
		ExcellentSharePct:      70,
		ExcellentNoDisciplined: true,
		PriorGapYears:          5,
		Votes:                  defaultVotes(),
		Money:                  defaultMoney(nd98, false),
		HouseholdFactor:        1500,
		CollectiveHonourFactor: 2000,
		Deadlines:              defaultDeadlines(nd98+", Điều 32", false),
	}
}

func ruleSetND152() RuleSet {
	p := lawProvisions()
	p[PrDeferral] = Provision{Rule: "khong_dang_xem_xet_ky_luat", Basis: nd152 + ", Điều 4 khoản 4"}
	p[PrDisciplineCut] = Provision{Rule: "tinh_tu_khi_het_ky_luat", Basis: nd152 + ", Điều 4 khoản 4"}
	p[PrRecruited6Months] = Provision{Rule: "tuyen_dung_du_6_thang", Basis: "Thông tư 01/2024/TT-BNV (thay bằng Thông tư 15/2025/TT-BNV)",
		Unverified: true, Note: "chưa rõ Thông tư 15/2025/TT-BNV có giữ quy định không xét người mới tuyển dụng dưới 06 tháng; mặc định không áp dụng, có thể bật trong cấu hình"}
	p[PrPriorKind] = Provision{Rule: "khen_thuong_truoc_la_cong_trang", Basis: nd152 + ", Điều 4 khoản 3"}
	p[PrWindowAfterPrior] = Provision{Rule: "thanh_tich_sau_khen_thuong_truoc", Basis: nd98 + ", Điều 30 khoản 9", Unverified: true, Note: noteND}
	p[PrMoney] = Provision{Rule: "tien_thuong", Basis: nd152 + ", Điều 49–54"}
	p[PrMoneyHousehold] = Provision{Rule: "tien_thuong_ho_gia_dinh", Basis: nd152 + ", Điều 54 (hộ gia đình 1,5 lần mức cá nhân)",
		Unverified: true, Note: "nhân hệ số trước rồi làm tròn một lần: suy luận, văn bản không nói rõ"}
	p[PrVote] = Provision{Rule: "ty_le_phieu", Basis: nd98 + ", Điều 30 khoản 7", Unverified: true, Note: noteND}
	return RuleSet{
		ID:   "luat-2022+nd152-2025",
		Name: "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP (Thông tư 15/2025/TT-BNV)",
		From: MakeDate(2025, 7, 1), To: MakeDate(2026, 9, 30),
		Provisions: p,
		// TT 01/2024's "recruited < 6 months" rule: whether TT 15/2025 kept it is
		// unverified, so it is off by default and Options can switch it on.
		RecruitedSixMonths:     false,
		CSTDCS:                 CSTDCSEither,
		AdvancedSharePct:       70,
		ExcellentSharePct:      70,
		ExcellentNoDisciplined: true,
		PriorGapYears:          5,
		Votes:                  defaultVotes(),
		Money:                  defaultMoney(nd152, true),
		HouseholdFactor:        1500,
		CollectiveHonourFactor: 2000,
		Deadlines:              defaultDeadlines(nd98+", Điều 32 (Quyết định 311/QĐ-BNV năm 2025)", true),
		Warnings: []DatedWarning{{From: MakeDate(2027, 3, 1),
			Message: "Nghị định 152/2025/NĐ-CP có ngày hết hiệu lực 01/03/2027 theo dữ liệu vbpl.vn; chưa cấu hình nghị định thay thế"}},
	}
}

// ruleSetAmended2026 is the Law as amended in 2026 (reported Luật 06/2026/QH16,
// in force 01/10/2026). Its text has not been read: every provision carried over
// from the 2022 text is marked unverified until it is.
func ruleSetAmended2026(prev RuleSet) RuleSet {
	rs := prev
	rs.ID = "luat-2022-sua-doi-2026+nd152-2025"
	rs.Name = "Luật Thi đua, khen thưởng 2022 sửa đổi, bổ sung năm 2026 (Luật 06/2026/QH16) và Nghị định 152/2025/NĐ-CP"
	rs.From, rs.To = MakeDate(2026, 10, 1), 0
	for i := range rs.Provisions {
		p := &rs.Provisions[i]
		if p.FromLaw {
			p.Unverified = true
			if p.Note == "" {
				p.Note = note26
			} else {
				p.Note += "; " + note26
			}
		}
	}
	// The 2022 variant (HTXSNV or an initiative) stays the default; the draft's
	// stricter variant (both) is a switch in Options, and answers show which applied.
	rs.CSTDCS = CSTDCSEither
	rs.Votes = append([]VoteRule(nil), prev.Votes...)
	rs.Money = append([]MoneyLine(nil), prev.Money...)
	rs.Deadlines = append([]Deadline(nil), prev.Deadlines...)
	rs.Warnings = append([]DatedWarning(nil), prev.Warnings...)
	return rs
}

// defaultVotes: Decree 98/2023 Art 30(7) — 90 % of all members for Anh hùng and
// the national and ministry/provincial Chiến sĩ thi đua; 80 % for Chiến sĩ thi
// đua cơ sở and the two emulation flags.
func defaultVotes() []VoteRule {
	return []VoteRule{
		{"anh_hung_lao_dong", 90}, {"anh_hung_llvtnd", 90},
		{"chien_si_thi_dua_toan_quoc", 90}, {"chien_si_thi_dua_bo_tinh", 90},
		{"chien_si_thi_dua_co_so", 80}, {"co_thi_dua_bo_tinh", 80}, {"co_thi_dua_chinh_phu", 80},
	}
}

// defaultMoney is the money table, identical in Decree 98/2023 Art 54–58 and
// Decree 152/2025 Art 49–54 (docs/law.md §5). Exact points are cited for
// Decree 152; for Decree 98 only the range of articles was read.
func defaultMoney(decree string, points bool) []MoneyLine {
	cite := func(pt string) string {
		if points {
			return decree + ", " + pt
		}
		return decree + ", Điều 54–58"
	}
	var m []MoneyLine
	title := func(code string, ind, col int64, pt string) {
		m = append(m, MoneyLine{Award: code, Individual: ind, Collective: col, Basis: cite(pt)})
	}
	title("chien_si_thi_dua_toan_quoc", 4500, 0, "Điều 50 khoản 1 điểm a")
	title("chien_si_thi_dua_bo_tinh", 3000, 0, "Điều 50 khoản 1 điểm b")
	title("chien_si_thi_dua_co_so", 1000, 0, "Điều 50 khoản 1 điểm c")
	title("lao_dong_tien_tien", 300, 0, "Điều 50 khoản 1 điểm d")
	title("chien_si_tien_tien", 300, 0, "Điều 50 khoản 1 điểm d")
	title("tap_the_lao_dong_xuat_sac", 0, 1500, "Điều 50 khoản 2 điểm a")
	title("don_vi_quyet_thang", 0, 1500, "Điều 50 khoản 2 điểm a")
	title("tap_the_lao_dong_tien_tien", 0, 800, "Điều 50 khoản 2 điểm b")
	title("don_vi_tien_tien", 0, 800, "Điều 50 khoản 2 điểm b")
	title("xa_phuong_tieu_bieu", 0, 2000, "Điều 50 khoản 2 điểm c")
	title("thon_to_dan_pho_van_hoa", 0, 1500, "Điều 50 khoản 2 điểm d")
	title("co_thi_dua_chinh_phu", 0, 12000, "Điều 50 khoản 2 điểm đ")
	title("co_thi_dua_bo_tinh", 0, 8000, "Điều 50 khoản 2 điểm e")
	honour := func(code string, ind int64, pt string) {
		m = append(m, MoneyLine{Award: code, Individual: ind, CollectiveDoubles: true, Basis: cite(pt)})
	}
	honour("huan_chuong_sao_vang", 46000, "Điều 51 khoản 1 điểm a, khoản 2")
	honour("huan_chuong_ho_chi_minh", 30500, "Điều 51 khoản 1 điểm b, khoản 2")
	for _, c := range []struct {
		class string
		high  int64 // Độc lập, Quân công
		std   int64 // Lao động, Chiến công, Bảo vệ Tổ quốc
		hp    string
		sp    string
	}{
		{"nhat", 15000, 9000, "điểm c", "điểm e"},
		{"nhi", 12500, 7500, "điểm d", "điểm g"},
		{"ba", 10500, 4500, "điểm đ", "điểm h"},
	} {
		honour("huan_chuong_doc_lap_hang_"+c.class, c.high, "Điều 51 khoản 1 "+c.hp+", khoản 2")
		honour("huan_chuong_quan_cong_hang_"+c.class, c.high, "Điều 51 khoản 1 "+c.hp+", khoản 2")
		for _, k := range []string{"lao_dong", "chien_cong", "bao_ve_to_quoc"} {
			honour("huan_chuong_"+k+"_hang_"+c.class, c.std, "Điều 51 khoản 1 "+c.sp+", khoản 2")
		}
	}
	honour("huan_chuong_dai_doan_ket_dan_toc", 7500, "Điều 51 khoản 1 điểm g, khoản 2")
	honour("huan_chuong_dung_cam", 4500, "Điều 51 khoản 1 điểm h")
	m = append(m, MoneyLine{Award: "ba_me_viet_nam_anh_hung", Individual: 15500, Basis: cite("Điều 52 khoản 1")})
	honour("anh_hung_lao_dong", 15500, "Điều 52 khoản 2")
	honour("anh_hung_llvtnd", 15500, "Điều 52 khoản 2")
	for _, k := range []string{"nha_giao", "thay_thuoc", "nghe_si", "nghe_nhan"} {
		title(k+"_nhan_dan", 12500, 0, "Điều 52 khoản 3")
		title(k+"_uu_tu", 9000, 0, "Điều 52 khoản 3")
	}
	form := func(code string, ind, col int64, pt string) {
		m = append(m, MoneyLine{Award: code, Individual: ind, Collective: col, Household: true, Basis: cite(pt)})
	}
	form("bang_khen_thu_tuong", 3500, 7000, "Điều 54 khoản 1 điểm a")
	form("bang_khen_bo_tinh", 1500, 3000, "Điều 54 khoản 1 điểm b")
	form("giay_khen", 300, 600, "Điều 54 khoản 1 điểm e")
	return m
}

func defaultDeadlines(basis string, unverified bool) []Deadline {
	return []Deadline{
		{Key: "tra_lai_ho_so", Days: 5, WorkingDays: true, Basis: basis, Unverified: unverified},
		{Key: "tham_dinh_trinh_trung_uong", Days: 20, WorkingDays: true, Basis: basis, Unverified: unverified},
		{Key: "trinh_sau_lay_y_kien", Days: 10, WorkingDays: true, Basis: basis, Unverified: unverified},
		{Key: "gui_quyet_dinh", Days: 10, WorkingDays: true, Basis: basis, Unverified: unverified},
		{Key: "lay_y_kien_nhan_dan", Days: 10, WorkingDays: true, Basis: nd98 + ", Điều 46; " + nd152 + ", Điều 44 khoản 2", Unverified: unverified},
		{Key: "tham_dinh_cap_xa", Days: 20, WorkingDays: true, Basis: "Quyết định 638/QĐ-BNV năm 2025"},
	}
}
