package tdkt

import "strings"

// The layout of Thông tư 02/2023/TT-BNV (in force 10/05/2023), forms 0601.N–0605.N
// /BNV-TĐKT (docs/forms.md §9). Row codes, row labels and column labels are the
// circular's wording as read in a live system that implements it (secondary), not
// in the circular itself. Each guess is marked in a Note and shown on screen.

// StatLayouts are the layouts in the order they came into force. TT 18/2025/TT-BNV
// (08/10/2025) probably replaced TT 02/2023, but its forms were not read (docs/forms.md
// §9.1): add it here as a new entry when they are.
var StatLayouts = []StatLayout{layoutTT02}

// The award codes each column of 0602.N and 0603.N counts (docs/forms.md §9.3, §9.4;
// codes from catalogue.go).
var (
	// "Các loại huân chương, huy chương": every Huân chương of the catalogue (Law Art
	// 33). The catalogue has no Huy chương yet, so none is counted.
	statMedals = func() []string {
		var out []string
		for _, a := range Awards {
			if strings.HasPrefix(a.Code, "huan_chuong_") {
				out = append(out, a.Code)
			}
		}
		return out
	}()
	// "Danh hiệu vinh dự nhà nước" (Law Art 59).
	statHonoraryTitles = []string{"ba_me_viet_nam_anh_hung", "anh_hung_llvtnd", "anh_hung_lao_dong", "nha_giao_nhan_dan", "nha_giao_uu_tu",
		"thay_thuoc_nhan_dan", "thay_thuoc_uu_tu", "nghe_si_nhan_dan", "nghe_si_uu_tu", "nghe_nhan_nhan_dan", "nghe_nhan_uu_tu"}
	statStateSingles = []string{"co_thi_dua_chinh_phu", "bang_khen_thu_tuong", "chien_si_thi_dua_toan_quoc"}
	// StateAwards are the awards 0602.N counts.
	StateAwards = append(append(append([]string(nil), statMedals...), statHonoraryTitles...), statStateSingles...)
	// SectorAwards are the awards 0603.N counts: Bằng khen, Chiến sĩ thi đua and Cờ
	// thi đua of a ministry or province. The catalogue has no Huy hiệu or Kỷ niệm
	// chương, so column 5 stays empty.
	SectorAwards = []string{"bang_khen_bo_tinh", "chien_si_thi_dua_bo_tinh", "co_thi_dua_bo_tinh"}
)

// The levels of awards the forms read (honours.award_level).
const (
	AwardLevelState  = "nha_nuoc" // khen thưởng cấp nhà nước (0602.N)
	AwardLevelSector = "bo_tinh"  // khen thưởng cấp bộ, ban, ngành, tỉnh (0603.N)
)

// AwardLevelOf is the level of an award for the statutory forms: AwardLevelState for
// StateAwards, AwardLevelSector for SectorAwards, "" for the others. It is copied
// onto each honour (honours.award_level) so that the forms read a small partial index;
// a layout that counts other awards needs a migration that fills it for them.
func AwardLevelOf(code string) string {
	switch {
	case In(code, StateAwards):
		return AwardLevelState
	case In(code, SectorAwards):
		return AwardLevelSector
	}
	return ""
}

// statKindRows maps the reward kinds to the rows "Chia theo phương thức khen thưởng"
// [INFERENCE, docs/forms.md §9.3: công trạng → Thường xuyên, chuyên đề and phong trào →
// Chuyên đề; confirm with TT 18/2025]. No kind of tdkt is "Kháng chiến" (rewards for
// the resistance wars are no longer given), so that row is always 0.
var statKindRows = []struct {
	label string
	kinds []string
}{
	{"- Thường xuyên", []string{string(KindMerit)}},
	{"- Chuyên đề", []string{string(KindThematic), string(KindMovement)}},
	{"- Đột xuất", []string{string(KindSudden)}},
	{"- Đối ngoại", []string{string(KindForeign)}},
	{"- Cống hiến", []string{string(KindDevotion)}},
	{"- Niên hạn", []string{string(KindSeniority)}},
	{"- Kháng chiến", []string{}},
}

const noteKinds = "Cách xếp loại hình khen thưởng vào phương thức (công trạng → Thường xuyên; chuyên đề, phong trào → Chuyên đề) là suy luận, chưa đối chiếu văn bản (CHƯA KIỂM CHỨNG)."
const noteClasses = "Cách xếp cá nhân vào nhóm lãnh đạo theo cấp của đơn vị công tác là quy tắc của tdkt, chưa đối chiếu văn bản (CHƯA KIỂM CHỨNG)."

func cond(attr string, values ...string) Cond { return Cond{attr: values} }

// recipientRows are the rows "Chia theo đối tượng khen thưởng" of 0602.N (codes 6–14)
// and 0603.N (02–10).
func recipientRows(codes []string) []StatRow {
	rows := []StatRow{
		{Code: codes[0], Label: "- Tập thể", Unit: "Tập thể", Cond: cond(AttrSubject, string(Collective))},
		{Code: codes[1], Label: "Trong đó: Doanh nghiệp", Unit: "Doanh nghiệp", Cond: cond(AttrRecipient, RecipientEnterprise)},
		{Code: codes[2], Label: "- Hộ gia đình", Unit: "Hộ", Cond: cond(AttrSubject, string(Household))},
		{Code: codes[3], Label: "- Cá nhân", Unit: "Người", Cond: cond(AttrSubject, string(Individual)), Parts: [][]string{codes[4:9]}},
	}
	labels := []string{
		"+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên",
		"+ Lãnh đạo cấp vụ, sở, ngành và tương đương",
		"+ Doanh nhân",
		"+ Các cấp lãnh đạo khác từ phó phòng trở lên",
		"+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
	}
	for i, c := range PersonClasses {
		rows = append(rows, StatRow{Code: codes[4+i], Label: labels[i], Unit: "Người", Cond: cond(AttrRecipient, c), Note: noteClasses})
	}
	return rows
}

func kindRows(codes []string) []StatRow {
	var rows []StatRow
	for i, k := range statKindRows {
		rows = append(rows, StatRow{Code: codes[i], Label: k.label, Cond: cond(AttrKind, k.kinds...), Note: noteKinds})
	}
	return rows
}

// pair is the Tập thể / Cá nhân sub-columns of a column of 0602.N. A household's
// award counts under Tập thể, so that the columns add up to Tổng số [INFERENCE: the
// form has no household column].
func pair() []StatColumn {
	return []StatColumn{
		{Label: "Tập thể", Cond: cond(AttrSubject, string(Collective), string(Household))},
		{Label: "Cá nhân", Cond: cond(AttrSubject, string(Individual))},
	}
}

func individualOnly() []StatColumn {
	return []StatColumn{{Label: "Cá nhân", Cond: cond(AttrSubject, string(Individual))}}
}

var layoutTT02 = StatLayout{
	Name:        "TT 02/2023",
	Basis:       "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023",
	From:        "2023-05-10",
	Source:      "Hàng, cột đọc từ một hệ thống đang vận hành theo Thông tư 02/2023/TT-BNV, chưa đối chiếu bản gốc Thông tư",
	Receiver:    "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)",
	PeriodStart: "12-01",
	Forms:       []StatForm{form0601, form0602, form0603, form0604, form0605},
}

var form0601 = func() StatForm {
	f := StatForm{
		Key: "0601", Code: "0601.N/BNV-TĐKT", Title: "SỐ PHONG TRÀO THI ĐUA", Counts: CountsMovements, Unit: "Phong trào", TotalIsSum: true,
		ReceiveDate: "Ngày 15 tháng 12 năm báo cáo",
		Columns: []StatColumn{
			{Number: "1", Label: "Tổng số"},
			{Label: "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua", Children: []StatColumn{
				{Number: "2", Label: "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)", Cond: cond(AttrLaunch, LaunchCentral)},
				{Number: "3", Label: "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương", Cond: cond(AttrLaunch, LaunchSector)},
				{Number: "4", Label: "Cơ quan, tổ chức, đơn vị", Cond: cond(AttrLaunch, LaunchUnit)},
			}},
		},
		Notes: []string{"Phong trào được tính theo ngày phát động trong kỳ báo cáo; cấp chủ trì lấy theo cấp của đơn vị phát động."},
	}
	f.Rows = []StatRow{{Code: "01", Label: "Tổng số", Bold: true, Parts: [][]string{{"02", "03", "04", "05"}, {"06", "07", "08", "09", "10"}, {"11", "12"}}},
		{Label: "1. Chia theo phạm vi tổ chức thi đua", Heading: true}}
	scopes := []string{"- Toàn quốc", "- Bộ, ban, ngành đoàn thể, địa phương", "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", "- Cơ quan, tổ chức, đơn vị"}
	for i, s := range MovementScopes {
		f.Rows = append(f.Rows, StatRow{Code: "0" + string(rune('2'+i)), Label: scopes[i], Cond: cond(AttrScope, string(s))})
	}
	f.Rows = append(f.Rows, StatRow{Label: "2. Chia theo thời hạn thi đua", Heading: true})
	bands := []string{"- Dưới 1 năm", "- 1 năm", "- Từ 1 năm đến dưới 3 năm", "- Từ 3 năm đến dưới 5 năm", "- Từ 5 năm trở lên"}
	for i, b := range DurationBands {
		f.Rows = append(f.Rows, StatRow{Code: []string{"06", "07", "08", "09", "10"}[i], Label: bands[i], Cond: cond(AttrBand, b)})
	}
	f.Rows = append(f.Rows, StatRow{Label: "3. Chia theo phương thức tổ chức phong trào thi đua", Heading: true},
		StatRow{Code: "11", Label: "- Thi đua theo chuyên đề", Cond: cond(AttrMethod, string(MethodThematic))},
		StatRow{Code: "12", Label: "- Thi đua thường xuyên hàng năm", Cond: cond(AttrMethod, string(MethodRegular))})
	return f
}()

var form0602 = func() StatForm {
	f := StatForm{
		Key: "0602", Code: "0602.N/BNV-TĐKT", Title: "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC", Counts: CountsHonours, UnitColumn: true, TotalIsSum: true,
		AwardLevel: AwardLevelState, Scope: cond(AttrAward, StateAwards...),
		ReceiveDate: "Ngày 15 tháng 12 năm báo cáo",
		Columns: []StatColumn{
			{Number: "1", Label: "Tổng số"},
			{Label: "Chia ra", Children: []StatColumn{
				{Number: "2", Label: "Các loại huân chương, huy chương", Cond: cond(AttrAward, statMedals...), Expand: AttrAward, ExpandOrder: statMedals,
					Children: pair(), Note: "Cột theo từng loại huân chương tìm thấy trong kỳ, như hệ thống đang vận hành; chưa rõ mẫu gốc có cố định các cột hay không (CHƯA KIỂM CHỨNG). Danh mục chưa có huy chương."},
				{Number: "3", Label: "Giải thưởng Hồ Chí Minh", Cond: cond(AttrAward), Children: individualOnly(), Note: "Danh mục của tdkt chưa có giải thưởng này."},
				{Number: "4", Label: "Giải thưởng Nhà nước", Cond: cond(AttrAward), Children: individualOnly(), Note: "Danh mục của tdkt chưa có giải thưởng này."},
				{Number: "5", Label: "Danh hiệu vinh dự nhà nước", Cond: cond(AttrAward, statHonoraryTitles...), Expand: AttrAward, ExpandOrder: statHonoraryTitles, Children: pair()},
				{Number: "6", Label: "Cờ thi đua của Chính phủ", Cond: cond(AttrAward, "co_thi_dua_chinh_phu"), Children: []StatColumn{
					{Label: "Tập thể", Cond: cond(AttrSubject, string(Collective), string(Household)),
						Note: "Hệ thống đang vận hành ghi cột này là \"Cá nhân\"; tdkt ghi \"Tập thể\" vì Cờ thi đua chỉ tặng tập thể (CHƯA KIỂM CHỨNG)."}}},
				{Number: "7", Label: "Bằng khen của Thủ tướng Chính phủ", Cond: cond(AttrAward, "bang_khen_thu_tuong"), Children: pair()},
				{Number: "8", Label: "Chiến sĩ thi đua Toàn quốc", Cond: cond(AttrAward, "chien_si_thi_dua_toan_quoc"), Children: individualOnly()},
				{Number: "9", Label: "Các hình thức khen thưởng khác", Cond: cond(AttrAward), Children: pair(), Note: "Mọi hình thức cấp nhà nước trong danh mục đã có cột riêng."},
			}},
		},
		Notes: []string{
			"Khen thưởng được tính theo ngày quyết định trong kỳ báo cáo; khen thưởng đã bị hủy bỏ, thu hồi không được tính.",
			"Mã số 4 và 5 không có trong mẫu của hệ thống đang vận hành (CHƯA KIỂM CHỨNG).",
			"Khen thưởng của hộ gia đình được tính vào cột Tập thể (SUY LUẬN).",
			noteKinds, noteClasses,
		},
	}
	f.Rows = []StatRow{
		{Code: "1", Label: "Tổng số", Bold: true, Parts: [][]string{{"6", "8", "9"}, {"15", "16", "17", "18", "19", "20", "21"}}},
		{Label: "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", Heading: true},
		{Code: "2", Label: "- Bộ, ban, ngành, đoàn thể Trung ương", Unit: "Bộ, ngành", Cond: cond(AttrProposer, string(LevelMinistry)),
			Note: "Đếm số lượt khen thưởng theo cấp của cơ quan trình (bộ, ngành hoặc tỉnh trên cây tổ chức); chưa rõ mẫu gốc đếm số bộ, ngành hay số lượt (CHƯA KIỂM CHỨNG)."},
		{Code: "3", Label: "- Tỉnh, thành phố trực thuộc Trung ương", Unit: "Tỉnh, TP", Cond: cond(AttrProposer, string(LevelProvince))},
		{Label: "2. Chia theo đối tượng khen thưởng", Heading: true},
	}
	f.Rows = append(f.Rows, recipientRows([]string{"6", "7", "8", "9", "10", "11", "12", "13", "14"})...)
	f.Rows = append(f.Rows, StatRow{Label: "3. Chia theo phương thức khen thưởng", Heading: true})
	f.Rows = append(f.Rows, kindRows([]string{"15", "16", "17", "18", "19", "20", "21"})...)
	return f
}()

var form0603 = func() StatForm {
	f := StatForm{
		Key: "0603", Code: "0603.N/BNV-TĐKT", Title: "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
		Counts: CountsHonours, UnitColumn: true, TotalIsSum: true, AwardLevel: AwardLevelSector, Scope: cond(AttrAward, SectorAwards...),
		Columns: []StatColumn{
			{Number: "1", Label: "Tổng số"},
			{Label: "Chia ra", Children: []StatColumn{
				{Number: "2", Label: "Bằng khen", Cond: cond(AttrAward, "bang_khen_bo_tinh")},
				{Number: "3", Label: "Chiến sĩ thi đua cấp bộ, cấp tỉnh", Cond: cond(AttrAward, "chien_si_thi_dua_bo_tinh")},
				{Number: "4", Label: "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương", Cond: cond(AttrAward, "co_thi_dua_bo_tinh")},
				{Number: "5", Label: "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương", Cond: cond(AttrAward),
					Note: "Danh mục của tdkt chưa có huy hiệu, kỷ niệm chương."},
			}},
		},
		Notes: []string{
			"Khen thưởng được tính theo ngày quyết định trong kỳ báo cáo; khen thưởng đã bị hủy bỏ, thu hồi không được tính.",
			"Hệ thống đang vận hành đánh số nhóm thứ hai là \"3.\"; tdkt ghi \"2.\".",
			noteKinds, noteClasses,
		},
	}
	f.Rows = []StatRow{
		{Code: "01", Label: "Tổng số", Bold: true, Parts: [][]string{{"02", "04", "05"}, {"11", "12", "13", "14", "15", "16", "17"}}},
		{Label: "1. Chia theo đối tượng khen thưởng", Heading: true},
	}
	f.Rows = append(f.Rows, recipientRows([]string{"02", "03", "04", "05", "06", "07", "08", "09", "10"})...)
	f.Rows = append(f.Rows, StatRow{Label: "2. Chia theo phương thức khen thưởng", Heading: true})
	f.Rows = append(f.Rows, kindRows([]string{"11", "12", "13", "14", "15", "16", "17"})...)
	return f
}()

var form0604 = StatForm{
	Key: "0604", Code: "0604.N/BNV-TĐKT", Counts: CountsUnits, UnitColumn: true,
	Title:   "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
	Columns: []StatColumn{{Number: "1", Label: "Số lượng"}},
	Rows: []StatRow{
		{Code: "01", Label: "Tổng số", Unit: "Tổ chức", Bold: true, Parts: [][]string{{"02", "03", "04", "05"}}},
		{Label: "Chia theo cơ cấu tổ chức bộ máy", Heading: true},
		{Code: "02", Label: "- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", Unit: "Vụ", Cond: cond(AttrUnitKind, string(ApparatusVu))},
		{Code: "03", Label: "- Cấp phòng, ban hoặc bộ phận thuộc Vụ", Unit: "Phòng", Cond: cond(AttrUnitKind, string(ApparatusVuDivision))},
		{Code: "04", Label: "- Cấp ban thuộc Sở Nội vụ", Unit: "Ban", Cond: cond(AttrUnitKind, string(ApparatusSoNoiVuBan)),
			Note: "Sau sắp xếp năm 2025, Ban Thi đua - Khen thưởng nhập vào Sở Nội vụ; dòng này có thể đổi trong TT 18/2025 (SUY LUẬN)."},
		{Code: "05", Label: "- Cấp phòng thuộc Sở Nội vụ", Unit: "Phòng", Cond: cond(AttrUnitKind, string(ApparatusSoNoiVuPhong))},
	},
	Notes: []string{"Đếm các tổ chức đang hoạt động vào ngày cuối kỳ báo cáo (30/11)."},
}

var form0605 = func() StatForm {
	f := StatForm{
		Key: "0605", Code: "0605.N/BNV-TĐKT", Counts: CountsOfficers, Unit: "Người",
		Title: "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
		Columns: []StatColumn{{Label: "Số lượng (Người)", Children: []StatColumn{
			{Number: "1", Label: "Tổng số"},
			{Number: "2", Label: "Trong đó: Nữ", Cond: cond(AttrSex, string(Female))},
		}}},
		Notes: []string{
			"Đếm công chức đang làm công tác thi đua, khen thưởng vào ngày cuối kỳ báo cáo (30/11); tuổi và thâm niên tính đến ngày đó.",
			"Mẫu ghi \"Từ 5 đến 10 năm\" và \"Từ 10 năm trở lên\"; tdkt tính đủ 10 năm vào dòng sau (SUY LUẬN).",
			"Tên đầy đủ của biểu lấy theo biểu 0604.N (bản đọc được chỉ ghi \"…\").",
		},
	}
	f.Rows = []StatRow{
		{Code: "01", Label: "Tổng số", Bold: true, Parts: [][]string{{"02", "03", "04", "05", "06", "07"}, {"08", "09", "10", "11", "12"}, {"13", "14", "15"}}},
		{Label: "1. Chia theo độ tuổi", Heading: true},
	}
	ages := []string{"- Từ 30 trở xuống", "- Từ 31 đến 40", "- Từ 41 đến 50", "- Từ 51 đến 55", "- Từ 56 đến 60", "- Trên 60 tuổi"}
	for i, b := range AgeBands {
		f.Rows = append(f.Rows, StatRow{Code: "0" + string(rune('2'+i)), Label: ages[i], Cond: cond(AttrAge, b)})
	}
	f.Rows = append(f.Rows, StatRow{Label: "2. Chia theo trình độ đào tạo", Heading: true})
	for i, t := range TrainingLevels {
		code := []string{"08", "09", "10", "11", "12"}[i]
		f.Rows = append(f.Rows, StatRow{Code: code, Label: "- " + StatLabels[string(t)], Cond: cond(AttrTraining, string(t))})
	}
	f.Rows = append(f.Rows, StatRow{Label: "3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng", Heading: true},
		StatRow{Code: "13", Label: "- Dưới 5 năm", Cond: cond(AttrSeniority, SenUnder5)},
		StatRow{Code: "14", Label: "- Từ 5 đến 10 năm", Cond: cond(AttrSeniority, Sen5To10)},
		StatRow{Code: "15", Label: "- Từ 10 năm trở lên", Cond: cond(AttrSeniority, Sen10Plus)})
	return f
}()
