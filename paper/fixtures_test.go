package paper

import "golang.org/x/text/unicode/norm"

// nfd turns s into NFD, as text from Excel or macOS sometimes arrives, to check that the
// documents normalise it.
func nfd(s string) string { return norm.NFD.String(s) }

var province = Header{
	ParentOrg: "",
	Org:       "ỦY BAN NHÂN DÂN TỈNH LAM GIANG",
	Number:    "86/QĐ-UBND",
	Place:     "Lam Giang",
	Date:      "2026-01-05",
}

func samplePeople() []Person {
	return []Person{
		{Name: "Phòng Nội vụ", Unit: "Ủy ban nhân dân xã Hòa An", Kind: KindCollective, AmountVND: 3_800_000},
		{Name: nfd("Nguyễn Thị Hồng Nhung"), Sex: "nu", BirthYear: "1985", Position: "Chuyên viên", Unit: "Sở Nội vụ", Kind: KindPerson, AmountVND: 1_900_000},
		{Name: "Trần Văn Đức", Sex: "nam", BirthYear: "1979", Position: "Trưởng phòng", Unit: "Sở Tài chính", Kind: KindPerson, AmountVND: 1_900_000},
		{Name: "Lê Văn Ấn", Sex: "nam", Kind: KindHousehold, Unit: "thôn Đông, xã Hòa An", AmountVND: 1_900_000},
	}
}

func sampleDecision() Decision {
	return Decision{
		Header:        province,
		Subject:       "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
		AuthorityLine: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAM GIANG",
		Bases: []string{
			"Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025",
			"Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022",
			nfd("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;"),
		},
		ProposedBy:  "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 15/TTr-SNV ngày 02 tháng 01 năm 2026",
		Award:       "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
		Reason:      "đã có thành tích xuất sắc trong công tác năm 2025, góp phần vào sự nghiệp xây dựng chủ nghĩa xã hội và bảo vệ Tổ quốc",
		Awardees:    samplePeople(),
		MoneyClause: "Mỗi tập thể được tặng Bằng khen kèm theo tiền thưởng 3.800.000 đồng; mỗi cá nhân, hộ gia đình được tặng Bằng khen kèm theo tiền thưởng 1.900.000 đồng. Kinh phí khen thưởng từ Quỹ thi đua, khen thưởng của tỉnh",
		Executors:   "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Giám đốc Sở Tài chính, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân, hộ gia đình có tên tại Điều 1",
		Recipients:  []string{"Như Điều 3", "Chủ tịch, các PCT UBND tỉnh", "Lưu: VT, TĐKT"},
		Signature:   Signature{Authority: "KT. CHỦ TỊCH", Title: "PHÓ CHỦ TỊCH", Name: "Hoàng Minh Tuấn"},
	}
}

func sampleCertificate() Certificate {
	return Certificate{
		Authority:      nfd("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAM GIANG"),
		Verb:           "TẶNG DANH HIỆU",
		Award:          "CHIẾN SĨ THI ĐUA CƠ SỞ",
		Awardee:        Person{Name: nfd("Nguyễn Thị Hồng Nhung"), Sex: "nu", Position: "Chuyên viên Phòng Thi đua - Khen thưởng", Unit: "Sở Nội vụ tỉnh Lam Giang", Kind: KindPerson},
		Achievement:    "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025",
		DecisionNumber: "86/QĐ-UBND",
		DecisionDate:   "2026-01-05",
		Place:          "Lam Giang",
		Signature:      Signature{Authority: "KT. CHỦ TỊCH", Title: "PHÓ CHỦ TỊCH", Name: "Hoàng Minh Tuấn"},
		Serial:         "15",
		VerifyURL:      "https://tdkt.lamgiang.gov.vn/xac-minh/QD86-2026-015",
	}
}
