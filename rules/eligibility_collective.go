package rules

import "strconv"

// Collective titles and forms decided from records: Law 06/2022 Art 27, 28 and
// Art 74(2). Member figures: LDTT counts every member holding Lao động tiên
// tiến (Chiến sĩ thi đua cơ sở included); shares are of Total; "100 % complete
// their tasks" means KHTNV == 0.

// membersCond requires the members' figures; false when they are missing.
func (c *evalCtx) membersCond(p ProvisionID) bool {
	m := c.s.Members
	ok := m != nil && m.Total > 0
	if !ok {
		c.cond(p, "so_lieu_thanh_vien", false, func() string {
			return "Chưa có số liệu thành viên của tập thể năm " + strconv.Itoa(c.year)
		})
	}
	return ok
}

func (c *evalCtx) shareCond(p ProvisionID, pct int) {
	m := c.s.Members
	met := m.LDTT*100 >= pct*m.Total
	c.cond(p, "ty_le_lao_dong_tien_tien", met, func() string {
		return strconv.Itoa(m.LDTT) + "/" + strconv.Itoa(m.Total) + " thành viên (" + percent(m.LDTT, m.Total) +
			") đạt Lao động tiên tiến; cần ít nhất " + strconv.Itoa(pct) + "%"
	})
}

func (c *evalCtx) noDisciplinedCond(p ProvisionID) {
	n := c.s.Members.DisciplinedWarningOrAbove
	c.cond(p, "khong_co_ca_nhan_bi_ky_luat", n == 0, func() string {
		if n == 0 {
			return "Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên"
		}
		return "Có " + strconv.Itoa(n) + " cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên"
	})
}

// advancedCollective: Tập thể lao động tiên tiến / Đơn vị tiên tiến (Art 28).
func (c *evalCtx) advancedCollective(y int) {
	c.disciplineCond(y, y)
	c.ratingCond(PrTTLDTT, y, GradeHTTNV, "Tập thể lao động tiên tiến")
	if !c.membersCond(PrTTLDTT) {
		return
	}
	c.shareCond(PrTTLDTTShare, c.rs.AdvancedSharePct)
	c.noDisciplinedCond(PrTTLDTT)
}

// excellentCollective: Tập thể lao động xuất sắc / Đơn vị quyết thắng (Art 27).
func (c *evalCtx) excellentCollective(y int) {
	c.disciplineCond(y, y)
	c.ratingCond(PrTTLDXS, y, GradeHTXSNV, "Tập thể lao động xuất sắc")
	if !c.membersCond(PrTTLDXS) {
		return
	}
	m := c.s.Members
	c.cond(PrTTLDXS, "100_phan_tram_hoan_thanh", m.KHTNV == 0, func() string {
		if m.KHTNV == 0 {
			return "100% thành viên hoàn thành nhiệm vụ"
		}
		return strconv.Itoa(m.KHTNV) + "/" + strconv.Itoa(m.Total) + " thành viên không hoàn thành nhiệm vụ; cần 100% thành viên hoàn thành nhiệm vụ"
	})
	c.shareCond(PrTTLDXS, c.rs.ExcellentSharePct)
	c.cond(PrTTLDXS, "co_chien_si_thi_dua_co_so", m.CSTDCS >= 1, func() string {
		if m.CSTDCS >= 1 {
			return "Có " + strconv.Itoa(m.CSTDCS) + " cá nhân đạt Chiến sĩ thi đua cơ sở"
		}
		return "Không có cá nhân nào đạt Chiến sĩ thi đua cơ sở (cần ít nhất 1)"
	})
	if c.rs.ExcellentNoDisciplined {
		c.noDisciplinedCond(PrTTLDXSDiscipline)
	}
}

// ministryCertificateCollective: Bằng khen bộ/tỉnh for a collective, Art 74(2):
// 2 consecutive years each HTXSNV or Tập thể lao động xuất sắc.
func (c *evalCtx) ministryCertificateCollective(y int) {
	from := y - 1
	c.disciplineCond(from, y)
	good := func(yy int) bool { return c.s.Grade(yy) == GradeHTXSNV || c.has(c.ttlds, yy) }
	met := good(from) && good(y) && c.counts(from)
	c.cond(PrBKBoTinhCollective, "hai_nam_htxsnv_hoac_ttldxs", met, func() string {
		if met {
			return "Các năm " + span(from, y) + " đều hoàn thành xuất sắc nhiệm vụ hoặc đạt Tập thể lao động xuất sắc"
		}
		var bad []int
		for yy := from; yy <= y; yy++ {
			if !good(yy) {
				bad = append(bad, yy)
			}
		}
		if len(bad) == 0 {
			return "Thành tích các năm " + span(from, y) + " bị gián đoạn do kỷ luật"
		}
		return "Chưa đủ 2 năm liên tục " + span(from, y) + " hoàn thành xuất sắc nhiệm vụ hoặc đạt Tập thể lao động xuất sắc: thiếu năm " + yearsList(bad)
	})
}
