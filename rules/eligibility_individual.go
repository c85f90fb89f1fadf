package rules

import (
	"strconv"

	"tdkt"
)

// Individual titles and forms decided from records: Law 06/2022 Art 21–24,
// Art 44(1)(e), Art 73(1)(b), Art 74(1)(d).

// ratingCond checks the rating of year y against a minimum.
func (c *evalCtx) ratingCond(p ProvisionID, y int, minG Grade, title string) {
	g := c.s.Grade(y)
	c.cond(p, "xep_loai_nam", g >= minG, func() string {
		need := title + " cần " + minG.phrase()
		if minG < GradeHTXSNV {
			need += " trở lên"
		}
		switch {
		case g == NoGrade:
			return "Năm " + strconv.Itoa(y) + " chưa có kết quả xếp loại; " + need
		case g >= minG:
			return "Năm " + strconv.Itoa(y) + " " + g.phrase()
		}
		return "Năm " + strconv.Itoa(y) + " chỉ " + g.phrase() + "; " + need
	})
}

// advancedProvision is the Art 24 clause for the subject's group.
func (c *evalCtx) advancedProvision() ProvisionID {
	switch {
	case c.s.Group == tdkt.GroupArmedForces || c.award == idCSTT:
		return PrCSTT
	case c.s.Group == tdkt.GroupWorkers:
		return PrLDTTWorkers
	}
	return PrLDTT
}

// advancedStandard checks the Lao động tiên tiến / Chiến sĩ tiên tiến standard of
// year y (Art 24): the year counts, rated httnv or better, recruited long enough.
func (c *evalCtx) advancedStandard(y int) {
	c.disciplineCond(y, y)
	c.ratingCond(c.advancedProvision(), y, GradeHTTNV, "Lao động tiên tiến")
	c.hireCond(y)
}

// hireCond applies TT 01/2024/TT-BNV: no Lao động tiên tiến for a person
// recruited less than 6 months before the end of the assessment year, i.e. hired
// after 1 July. The switch is rule-set data; when it is off and would have
// mattered, the answer says so.
func (c *evalCtx) hireCond(y int) {
	h := c.s.HiredOn
	if h == 0 {
		return
	}
	if h > MakeDate(y, 12, 31) {
		c.cond(c.advancedProvision(), "tuyen_dung", false, func() string {
			return "Ngày tuyển dụng " + h.VN() + " sau năm " + strconv.Itoa(y) + "; không có thành tích của năm này"
		})
		return
	}
	short := h > MakeDate(y, 7, 1)
	if c.rs.RecruitedSixMonths {
		c.cond(PrRecruited6Months, "tuyen_dung_du_6_thang", !short, func() string {
			if short {
				return "Tuyển dụng ngày " + h.VN() + ", chưa đủ 6 tháng đến 31/12/" + strconv.Itoa(y) + ": không xét Lao động tiên tiến"
			}
			return "Tuyển dụng ngày " + h.VN() + ", đủ 6 tháng công tác trong năm " + strconv.Itoa(y)
		})
	} else if short {
		c.note(PrRecruited6Months, "tuyen_dung_du_6_thang", true, func() string {
			return "Tuyển dụng ngày " + h.VN() + ", chưa đủ 6 tháng đến 31/12/" + strconv.Itoa(y) +
				"; quy định không xét người mới tuyển dụng dưới 6 tháng không áp dụng trong bộ quy tắc này (chưa xác minh, có thể bật trong cấu hình)"
		})
	}
}

// advanced: Lao động tiên tiến / Chiến sĩ tiên tiến (Art 24).
func (c *evalCtx) advanced(y int) {
	c.advancedStandard(y)
	armed := c.s.Group == tdkt.GroupArmedForces
	if c.award == idLDTT && armed {
		c.warn(func() string {
			return "Lực lượng vũ trang xét danh hiệu Chiến sĩ tiên tiến (Luật Thi đua, khen thưởng 2022, Điều 24 khoản 2)"
		})
	}
	if c.award == idCSTT && !armed {
		c.warn(func() string {
			return "Chiến sĩ tiên tiến dành cho lực lượng vũ trang; đối tượng không ghi nhóm lực lượng vũ trang (Luật Thi đua, khen thưởng 2022, Điều 24 khoản 2)"
		})
	}
}

// baseEmulation: Chiến sĩ thi đua cơ sở (Art 23): the LĐTT standard and, per the
// variant in force, HTXSNV or (draft 2026: and) an initiative of the year.
func (c *evalCtx) baseEmulation(y int) {
	c.advancedStandard(y)
	g := c.s.Grade(y)
	ini0 := c.initiative(y, y, 1, 0)
	excellent := g == GradeHTXSNV
	both := c.rs.CSTDCS == CSTDCSBoth
	met := excellent || ini0 >= 0
	rule := "htxsnv_hoac_sang_kien"
	if both {
		met, rule = excellent && ini0 >= 0, "htxsnv_va_sang_kien"
	}
	c.cond(PrCSTDCS, rule, met, func() string {
		variant := " (phương án Luật 2022: hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến)"
		if both {
			variant = " (phương án dự thảo sửa đổi 2026: hoàn thành xuất sắc nhiệm vụ và có sáng kiến)"
		}
		yr := "Năm " + strconv.Itoa(y)
		ini := func() string { return initiativeName(c.s.Initiatives[ini0]) + " được công nhận" }
		none := "không có sáng kiến, đề tài khoa học hoặc giải pháp được công nhận trong năm"
		switch {
		case excellent && ini0 >= 0:
			return yr + " hoàn thành xuất sắc nhiệm vụ và có " + ini() + variant
		case excellent && both:
			return yr + " hoàn thành xuất sắc nhiệm vụ nhưng " + none + variant
		case excellent:
			return yr + " hoàn thành xuất sắc nhiệm vụ" + variant
		case ini0 >= 0 && both:
			return "Có " + ini() + " nhưng năm " + strconv.Itoa(y) + " không hoàn thành xuất sắc nhiệm vụ" + variant
		case ini0 >= 0:
			return "Có " + ini() + variant
		}
		return yr + " không hoàn thành xuất sắc nhiệm vụ và " + none + variant
	})
	c.baseTitleConsistency(y, y)
}

// ministryEmulation: Chiến sĩ thi đua bộ, ban, ngành, tỉnh (Art 22): Chiến sĩ thi
// đua cơ sở for the 3 years ending at y, and an initiative of ministry/provincial
// scope recognised within them.
func (c *evalCtx) ministryEmulation(y int) {
	from := y - 2
	c.disciplineCond(from, y)
	met := true
	for yy := from; yy <= y; yy++ {
		met = met && c.has(c.cstdcs, yy) && c.counts(yy)
	}
	c.cond(PrCSTDBoTinh, "cstdcs_3_nam_lien_tuc", met, func() string {
		return c.chainMessage(c.cstdcs, "Chiến sĩ thi đua cơ sở", from, y, 3)
	})
	c.scopeCond(PrCSTDBoTinh, "sang_kien_bo_tinh", from, y, 2)
	c.baseTitleConsistency(from, y)
}

// nationalEmulation: Chiến sĩ thi đua toàn quốc (Art 21): two consecutive
// ministry/provincial titles (for y and y-3) and a nationwide initiative within
// y-5…y.
func (c *evalCtx) nationalEmulation(y int) {
	from := y - 5
	c.disciplineCond(from, y)
	a, b := c.has(c.cstdbt, y-3), c.has(c.cstdbt, y)
	met := a && b && c.counts(from)
	c.cond(PrCSTDToanQuoc, "cstd_bo_tinh_2_lan_lien_tiep", met, func() string {
		held := c.yearsOf(idCSTDBT, from-6, y)
		need := "cần 2 lần liên tiếp Chiến sĩ thi đua Bộ, ban, ngành, tỉnh cho các năm " + strconv.Itoa(y-3) + " và " + strconv.Itoa(y)
		switch {
		case met:
			return "Đạt Chiến sĩ thi đua Bộ, ban, ngành, tỉnh 2 lần liên tiếp (năm " + strconv.Itoa(y-3) + " và " + strconv.Itoa(y) + ")"
		case a && b:
			return "Có Chiến sĩ thi đua Bộ, ban, ngành, tỉnh năm " + strconv.Itoa(y-3) + " và " + strconv.Itoa(y) + " nhưng thành tích bị gián đoạn do kỷ luật"
		case len(held) == 0:
			return "Chưa có danh hiệu Chiến sĩ thi đua Bộ, ban, ngành, tỉnh; " + need
		}
		return "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh các năm " + yearsList(held) + " không đủ 2 lần liên tiếp; " + need
	})
	c.scopeCond(PrCSTDToanQuoc, "sang_kien_toan_quoc", from, y, 3)
}

// scopeCond requires an initiative of at least scope rank minScope recognised in
// a counting year of [from, to].
func (c *evalCtx) scopeCond(p ProvisionID, rule string, from, to, minScope int) {
	i := c.initiative(from, to, minScope, 0)
	c.cond(p, rule, i >= 0, func() string {
		where := "phạm vi " + scopePhrase(minScope)
		if i >= 0 {
			return upperFirst(initiativeName(c.s.Initiatives[i])) + " được công nhận hiệu quả " +
				"phạm vi " + scopePhrase(c.s.Initiatives[i].Scope.Rank())
		}
		best := c.initiative(from, to, 1, 0)
		for r := minScope - 1; r >= 1; r-- {
			if j := c.initiative(from, to, r, 0); j >= 0 {
				best = j
				break
			}
		}
		if best >= 0 {
			return upperFirst(initiativeName(c.s.Initiatives[best])) + " chỉ được công nhận phạm vi " +
				scopePhrase(c.s.Initiatives[best].Scope.Rank()) + "; cần sáng kiến có hiệu quả, khả năng nhân rộng " + where + " trong " + yearsPhrase(from, to)
		}
		return "Không có sáng kiến, đề tài khoa học có hiệu quả " + where + " được công nhận trong " + yearsPhrase(from, to)
	})
	if i >= 0 && c.res != nil {
		c.formClaimWarning(i)
	}
}

// ministryCertificate: Bằng khen bộ/tỉnh for an individual, Art 74(1)(d):
// 2 consecutive Chiến sĩ thi đua cơ sở, or 2 consecutive years HTXSNV with 2
// initiatives recognised in them that no title has used.
func (c *evalCtx) ministryCertificate(y int) {
	from := y - 1
	c.disciplineCond(from, y)
	a := c.has(c.cstdcs, from) && c.has(c.cstdcs, y) && c.counts(from)
	c.note(PrBKBoTinhIndividual, "hai_lan_cstdcs_lien_tiep", a, func() string {
		if a {
			return "Đạt Chiến sĩ thi đua cơ sở 2 lần liên tục (" + span(from, y) + ")"
		}
		return c.chainMessage(c.cstdcs, "Chiến sĩ thi đua cơ sở", from, y, 2)
	})
	excellent := c.s.Grade(from) == GradeHTXSNV && c.s.Grade(y) == GradeHTXSNV && c.counts(from)
	usedByTitles := c.titleInitiatives(nil)
	free := c.countInitiatives(from, y, 1, usedByTitles)
	all := c.countInitiatives(from, y, 1, 0)
	b := excellent && free >= 2
	c.note(PrBKBoTinhIndividual, "htxsnv_2_nam_va_2_sang_kien", b, func() string {
		msg := "Các năm " + span(from, y) + " "
		if excellent {
			msg += "đều hoàn thành xuất sắc nhiệm vụ"
		} else {
			msg += "không cùng hoàn thành xuất sắc nhiệm vụ (năm " + strconv.Itoa(from) + ": " + c.s.Grade(from).phrase() +
				"; năm " + strconv.Itoa(y) + ": " + c.s.Grade(y).phrase() + ")"
		}
		msg += "; có " + strconv.Itoa(free) + " sáng kiến được công nhận trong 2 năm (cần 2)"
		return msg
	})
	if excellent && free < 2 && all > free {
		c.note(PrInitiativeReuse, "mot_thanh_tich_mot_hinh_thuc", false, func() string {
			return c.reuseMessage(from, y, usedByTitles)
		})
	}
	c.cond(PrBKBoTinhIndividual, "bang_khen_bo_tinh_diem_d", a || b, func() string {
		switch {
		case a:
			return "Đạt tiêu chuẩn điểm d: 2 lần liên tục Chiến sĩ thi đua cơ sở"
		case b:
			return "Đạt tiêu chuẩn điểm d: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ với 2 sáng kiến được công nhận"
		}
		return "Chưa đạt tiêu chuẩn điểm d: không có 2 lần liên tục Chiến sĩ thi đua cơ sở (" + span(from, y) +
			"), cũng không có 2 năm liên tục hoàn thành xuất sắc nhiệm vụ với 2 sáng kiến được công nhận"
	})
}

// pmCertificate: Bằng khen Thủ tướng, Art 73(1)(b) (and (2) for workers): a
// công trạng Bằng khen bộ/tỉnh before the window, then 5 consecutive years rated
// httnv or better with 3 Chiến sĩ thi đua cơ sở.
func (c *evalCtx) pmCertificate(y int) {
	from := y - c.rs.PriorGapYears + 1
	c.disciplineCond(from, y)
	c.priorCond(PrBKThuTuong, idBKBT, from)
	c.windowRatings(PrBKThuTuong, from, y)
	c.countTitleCond(PrBKThuTuong, "3_lan_cstdcs", from, y, 3)
}

// labourOrder3: Huân chương Lao động hạng Ba, Art 44(1)(e): a công trạng Bằng
// khen Thủ tướng before the window, then 5 consecutive years rated httnv or
// better, at least one HTXSNV, and 3 Chiến sĩ thi đua cơ sở.
func (c *evalCtx) labourOrder3(y int) {
	from := y - c.rs.PriorGapYears + 1
	c.disciplineCond(from, y)
	c.priorCond(PrHCLD3, idBKTTg, from)
	c.windowRatings(PrHCLD3, from, y)
	n := 0
	for yy := from; yy <= y; yy++ {
		if c.s.Grade(yy) == GradeHTXSNV && c.counts(yy) {
			n++
		}
	}
	c.cond(PrHCLD3, "co_nam_htxsnv", n >= 1, func() string {
		if n >= 1 {
			return "Có " + strconv.Itoa(n) + " năm hoàn thành xuất sắc nhiệm vụ trong " + strconv.Itoa(y-from+1) + " năm " + span(from, y)
		}
		return "Không có năm nào hoàn thành xuất sắc nhiệm vụ trong " + strconv.Itoa(y-from+1) + " năm " + span(from, y) + " (cần ít nhất 1 năm)"
	})
	c.countTitleCond(PrHCLD3, "3_lan_cstdcs", from, y, 3)
}

// windowRatings requires every year of [from, y] to count and be rated httnv+.
func (c *evalCtx) windowRatings(p ProvisionID, from, y int) {
	met := c.counts(from)
	for yy := from; yy <= y && met; yy++ {
		met = c.s.Grade(yy) >= GradeHTTNV
	}
	c.cond(p, "5_nam_hoan_thanh_tot", met, func() string {
		n := strconv.Itoa(y - from + 1)
		if met {
			return n + " năm liên tục " + span(from, y) + " hoàn thành tốt nhiệm vụ trở lên"
		}
		var bad []string
		for yy := from; yy <= y; yy++ {
			g := c.s.Grade(yy)
			switch {
			case !c.counts(yy):
				bad = append(bad, "năm "+strconv.Itoa(yy)+" không được tính do kỷ luật")
			case g == NoGrade:
				bad = append(bad, "năm "+strconv.Itoa(yy)+" chưa có kết quả xếp loại")
			case g < GradeHTTNV:
				bad = append(bad, "năm "+strconv.Itoa(yy)+" chỉ "+g.phrase())
			}
		}
		return "Chưa đủ " + n + " năm liên tục " + span(from, y) + " hoàn thành tốt nhiệm vụ trở lên: " + joinVN(bad)
	})
}

// countTitleCond requires at least need Chiến sĩ thi đua cơ sở in counting years
// of [from, to].
func (c *evalCtx) countTitleCond(p ProvisionID, rule string, from, to, need int) {
	n := 0
	for yy := from; yy <= to; yy++ {
		if c.has(c.cstdcs, yy) && c.counts(yy) {
			n++
		}
	}
	c.cond(p, rule, n >= need, func() string {
		var ys []int
		for yy := from; yy <= to; yy++ {
			if c.has(c.cstdcs, yy) && c.counts(yy) {
				ys = append(ys, yy)
			}
		}
		w := strconv.Itoa(to-from+1) + " năm " + span(from, to)
		if n >= need {
			return "Có " + strconv.Itoa(n) + " lần Chiến sĩ thi đua cơ sở trong " + w + " (" + yearsList(ys) + ")"
		}
		have := ""
		if n > 0 {
			have = " (đã có " + yearsList(ys) + ")"
		}
		return "Thiếu " + strconv.Itoa(need-n) + " lần Chiến sĩ thi đua cơ sở trong " + w + have
	})
	c.baseTitleConsistency(from, to)
}

// priorCond requires a công trạng award `prior` whose achievement period ends
// before the window starting at from (Decree 152/2025 Art 4(3); the reading of
// Decree 98/2023 Art 30(9) in docs/check.md §3).
func (c *evalCtx) priorCond(p ProvisionID, prior AwardID, from int) {
	found, tooLate, wrongKind := -1, -1, -1
	for i, a := range c.s.Awards {
		if a.Award != prior {
			continue
		}
		end := a.Year
		if a.AchievementTo != 0 {
			end = a.AchievementTo
		}
		switch {
		case a.Kind != "" && a.Kind != tdkt.KindMerit:
			wrongKind = i
		case end < from:
			found = i
		default:
			tooLate = i
		}
	}
	c.used |= 1<<PrPriorKind | 1<<PrWindowAfterPrior
	c.cond(p, "khen_thuong_truoc", found >= 0, func() string {
		name := prior.Name()
		if found >= 0 {
			a := c.s.Awards[found]
			return "Đã có " + name + " (công trạng) năm " + strconv.Itoa(a.Year) + achievementPhrase(a) +
				", trước " + strconv.Itoa(c.year-from+1) + " năm " + span(from, c.year)
		}
		if tooLate >= 0 {
			a := c.s.Awards[tooLate]
			end := a.Year
			if a.AchievementTo != 0 {
				end = a.AchievementTo
			}
			return name + " năm " + strconv.Itoa(a.Year) + achievementPhrase(a) + " chưa đủ " +
				strconv.Itoa(c.year-from+1) + " năm sau đó: các năm xét phải là " + span(end+1, end+c.year-from+1)
		}
		if wrongKind >= 0 {
			a := c.s.Awards[wrongKind]
			return name + " năm " + strconv.Itoa(a.Year) + " là khen thưởng " + lower(tdkt.Label(string(a.Kind))) +
				", không làm căn cứ đề nghị khen thưởng công trạng cao hơn (" + c.rs.Provisions[PrPriorKind].Basis + ")"
		}
		return "Chưa có " + name + " (khen thưởng công trạng) trước " + yearsPhrase(from, c.year)
	})
}

func achievementPhrase(a AwardRecord) string {
	if a.AchievementTo != 0 {
		return " (thành tích đến năm " + strconv.Itoa(a.AchievementTo) + ")"
	}
	return ""
}

// chainMessage describes a run of yearly titles required for [from, to].
func (c *evalCtx) chainMessage(mask uint64, title string, from, to, n int) string {
	var missing, cut []int
	for yy := from; yy <= to; yy++ {
		switch {
		case !c.has(mask, yy):
			missing = append(missing, yy)
		case !c.counts(yy):
			cut = append(cut, yy)
		}
	}
	if len(missing) == 0 && len(cut) == 0 {
		return "Đạt " + title + " " + strconv.Itoa(n) + " năm liên tục " + span(from, to)
	}
	msg := "Chưa đạt " + title + " " + strconv.Itoa(n) + " năm liên tục " + span(from, to)
	if len(missing) > 0 {
		msg += ": thiếu năm " + yearsList(missing)
	}
	if len(cut) > 0 {
		msg += "; năm " + yearsList(cut) + " không được tính do kỷ luật"
	}
	return msg
}

// yearsOf lists the years in [from, to] for which the subject holds title id.
func (c *evalCtx) yearsOf(id AwardID, from, to int) []int {
	var ys []int
	for _, t := range c.s.Titles {
		if t.Award == id && t.Year >= from && t.Year <= to {
			ys = append(ys, t.Year)
		}
	}
	return sortedUnique(ys)
}

// baseTitleConsistency warns (never changes the status) when a recorded Chiến sĩ
// thi đua cơ sở sits in a year whose rating could not carry it.
func (c *evalCtx) baseTitleConsistency(from, to int) {
	if c.res == nil {
		return
	}
	for yy := from; yy <= to; yy++ {
		if g := c.s.Grade(yy); c.has(c.cstdcs, yy) && g != NoGrade && g < GradeHTTNV {
			c.warn(func() string {
				return "Hồ sơ ghi Chiến sĩ thi đua cơ sở năm " + strconv.Itoa(yy) + " nhưng năm đó chỉ " + g.phrase() +
					"; hệ thống giữ nguyên theo hồ sơ, đề nghị kiểm tra lại"
			})
		}
	}
}
