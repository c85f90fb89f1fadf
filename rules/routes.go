package rules

import (
	"tdkt"
)

// Routes that need human judgement (an outstanding achievement in a movement, a
// sudden feat, a contribution, a standard the law leaves to a council or to a
// framework decree). They are listed in answers, never decided.
//
// Choice for awards with no records-based criterion: the status is not_eligible
// with a reason "cần Hội đồng Thi đua – Khen thưởng xem xét" (never a silent
// answer), and deferred when the subject is under review, since no proposal may
// be made then whatever the council would find.

const l22 = "Luật Thi đua, khen thưởng 2022, "

func r(rule, basis, msg string) Route { return Route{Rule: rule, Basis: basis, Message: msg} }

// routesFor returns the human-judgement routes of an award for a subject.
func routesFor(award AwardID, s *Subject) []Route {
	workers := s.Group == tdkt.GroupWorkers
	switch award {
	case idLDTT, idCSTT:
		return []Route{r("tieu_chuan_khac", l22+"Điều 24", "Hội đồng đánh giá thêm: tự lực, đoàn kết, tích cực tham gia phong trào thi đua; chấp hành tốt chủ trương, chính sách, pháp luật")}
	case idCSTDCS:
		return []Route{r("de_tai_giai_phap", l22+"Điều 23", "Đề tài khoa học được nghiệm thu, giải pháp hoặc sáng kiến chiến đấu được công nhận cũng được tính như sáng kiến (nhập vào danh sách sáng kiến)")}
	case idCSTDBT, idCSTDTQ:
		return []Route{r("de_tai_giai_phap", basisOf(award), "Đề tài khoa học, sáng kiến chiến đấu có ảnh hưởng ở phạm vi tương ứng cũng được tính như sáng kiến (nhập vào danh sách sáng kiến)")}
	case idTTLDTT, idDVTT:
		return []Route{r("tieu_chuan_khac", l22+"Điều 28", "Hội đồng đánh giá thêm: phong trào thi đua thường xuyên, thiết thực, hiệu quả; nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật")}
	case idTTLDXS, idDVQT:
		return []Route{r("tieu_chuan_khac", l22+"Điều 27", "Hội đồng đánh giá thêm: sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ; phong trào thi đua thường xuyên, hiệu quả; nội bộ đoàn kết")}
	case idBKBT:
		switch s.Kind {
		case tdkt.Collective:
			return []Route{
				r("phong_trao", l22+"Điều 74 khoản 2", "Tập thể có thành tích xuất sắc được bình xét trong phong trào thi đua"),
				r("dot_xuat", l22+"Điều 74 khoản 2", "Tập thể lập được thành tích đột xuất"),
				r("dong_gop", l22+"Điều 74 khoản 2", "Tập thể có nhiều đóng góp vào sự nghiệp phát triển kinh tế – xã hội"),
			}
		case tdkt.Household:
			return []Route{r("dong_gop", l22+"Điều 74", "Hộ gia đình có đóng góp lớn về công sức, đất đai, tài sản cho địa phương, xã hội")}
		}
		routes := []Route{
			r("diem_a", l22+"Điều 74 khoản 1 điểm a", "Có thành tích xuất sắc được bình xét trong các phong trào thi đua do bộ, ngành, tỉnh phát động"),
			r("diem_b", l22+"Điều 74 khoản 1 điểm b", "Lập được nhiều thành tích hoặc thành tích đột xuất có phạm vi ảnh hưởng trong lĩnh vực thuộc bộ, ngành, tỉnh"),
			r("diem_c", l22+"Điều 74 khoản 1 điểm c", "Có đóng góp vào sự nghiệp phát triển kinh tế – xã hội, ứng dụng khoa học, hoạt động xã hội, từ thiện"),
		}
		if workers {
			routes = append(routes, r("diem_e", l22+"Điều 74 khoản 1 điểm đ", "Công nhân, nông dân, người lao động có nhiều thành tích trong lao động, sản xuất, có phạm vi ảnh hưởng ở cấp xã, đơn vị"))
		}
		return routes
	case idBKTTg:
		if s.Kind != tdkt.Individual {
			return []Route{r("tap_the_ho_gia_dinh", l22+"Điều 73", "Tiêu chuẩn Bằng khen của Thủ tướng Chính phủ đối với tập thể, hộ gia đình cần Hội đồng xem xét (chưa xác minh văn bản)")}
		}
		return []Route{
			r("diem_a", l22+"Điều 73 khoản 1 điểm a", "Có thành tích xuất sắc tiêu biểu được bình xét trong phong trào thi đua"),
			r("diem_c", l22+"Điều 73 khoản 1 điểm c", "Lập được nhiều thành tích hoặc thành tích đột xuất có phạm vi ảnh hưởng trong bộ, ngành, tỉnh, hoặc đạt giải thưởng khu vực"),
			r("diem_d", l22+"Điều 73 khoản 1 điểm d", "Có đóng góp vào sự nghiệp phát triển kinh tế – xã hội, khoa học, hoạt động xã hội, từ thiện"),
		}
	case idHCLD3:
		if s.Kind == tdkt.Individual && workers {
			return []Route{r("cong_nhan_nong_dan", l22+"Điều 44 khoản 2", "Công nhân, nông dân, người lao động: thành tích xuất sắc trong phong trào thi đua từ 5 năm trở lên của bộ, ngành, tỉnh; phát minh, sáng chế; đóng góp lớn; thành tích đột xuất")}
		}
		if s.Kind == tdkt.Individual {
			return []Route{
				r("diem_khac", l22+"Điều 44 khoản 1", "Các tiêu chuẩn khác của Điều 44 khoản 1 (thành tích đột xuất, sáng tạo, đóng góp) cần Hội đồng xem xét"),
				r("cong_hien", l22+"Điều 44 khoản 1 điểm g; Nghị định 152/2025/NĐ-CP, Điều 9, Điều 21", "Quá trình cống hiến lâu dài trong cơ quan, tổ chức (theo chức vụ và thời gian giữ chức vụ; nữ giảm 1/3 thời gian)"),
			}
		}
	}
	a := award.Award()
	return []Route{r("hoi_dong_xem_xet", basisOf(award), judgementNote(award, a))}
}

// basisOf is the article that creates an award, from the catalogue.
func basisOf(award AwardID) string { return award.Award().Basis }

func judgementNote(award AwardID, a tdkt.Award) string {
	switch award {
	case idCoCP:
		return "Cờ thi đua của Chính phủ: tập thể dẫn đầu cụm, khối thi đua, hoàn thành vượt mức chỉ tiêu; hoặc dẫn đầu phong trào thi đua do Thủ tướng phát động từ 5 năm trở lên (Điều 25)"
	case idCoBT:
		return "Cờ thi đua của Bộ, ban, ngành, tỉnh: tập thể dẫn đầu cụm, khối thi đua do bộ, ngành, tỉnh tổ chức (Điều 26)"
	case idXaTB, idThonVH, idGiaDinh:
		return a.Name + ": tiêu chuẩn theo Nghị định 86/2023/NĐ-CP (chưa xác minh), do Ủy ban nhân dân cấp xã, tỉnh đánh giá"
	case idGiayKh:
		return "Giấy khen: thành tích được bình xét trong phong trào thi đua, thành tích đột xuất hoặc đóng góp (Điều 75; bộ, ngành, tỉnh quy định chi tiết)"
	}
	switch a.Code {
	case "anh_hung_lao_dong", "anh_hung_llvtnd":
		return a.Name + ": xét tại Đại hội thi đua yêu nước 5 năm một lần, trừ thành tích đặc biệt xuất sắc đột xuất; cần Hội đồng Thi đua – Khen thưởng xem xét"
	}
	return "Tiêu chuẩn " + a.Name + " cần Hội đồng Thi đua – Khen thưởng xem xét; hệ thống không tự kết luận từ hồ sơ"
}

// humanJudgement handles an award with no records-based criterion: it checks
// what records can tell (discipline) and never answers "eligible".
func (c *evalCtx) humanJudgement(y int) {
	c.disciplineCond(y, y)
	c.judgement = true
	a := c.award.Award()
	c.reasonAt("can_hoi_dong_xem_xet", a.Basis, false, func() string {
		return "Tiêu chuẩn " + a.Name + " không xác định được từ hồ sơ; cần Hội đồng Thi đua – Khen thưởng xem xét theo " + a.Basis +
			" (xem các hướng xét trong other_routes)"
	})
}
