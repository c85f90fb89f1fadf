package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"tdkt/vn"
)

// collective is a collective subject: an organisation that is a unit, a division of
// one (phòng, khoa, tổ) or a village of a commune.
type collective struct {
	id         int64
	org        int // the organisation that keeps its record
	unit       bool
	village    bool
	enterprise bool
	name       string
}

// Divisions that are collectives of their own, by kind of unit.
var divisions = map[kind][]string{
	kDepartment: {"Văn phòng Sở", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính"},
	kHospital:   {"Khoa Nội tổng hợp", "Khoa Ngoại tổng hợp", "Khoa Hồi sức tích cực - Chống độc", "Khoa Nhi"},
	kSchool:     {"Tổ Toán - Tin", "Tổ Ngữ văn"},
	kCommune:    {"Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội"},
	kEnterprise: {"Phòng Kỹ thuật", "Tổ sản xuất số 1"},
}

// collectives lists one collective per organisation below the roots, their
// divisions, and the villages of communes.
func collectives(orgs []*org) []collective {
	var out []collective
	for i, o := range orgs {
		// A root, and in a national data set the levels above a province or ministry's
		// units (the province, the ministry, the Government), are no collective of a
		// unit above them: nothing of theirs is recognised by themselves.
		if o.parent < 0 || o.high == i {
			continue
		}
		out = append(out, collective{org: i, unit: true, enterprise: o.kind == kEnterprise, name: o.name})
		for _, d := range divisions[o.kind] {
			if o.kind == kDepartment && strings.HasPrefix(o.name, "Văn phòng") && d == "Văn phòng Sở" {
				continue
			}
			out = append(out, collective{org: i, enterprise: o.kind == kEnterprise, name: d + ", " + o.name})
		}
		for _, v := range o.villages {
			out = append(out, collective{org: i, village: true, name: v + ", " + shortCommune(o.name)})
		}
	}
	for i := range out {
		out[i].id = int64(i + 1)
	}
	return out
}

// shortCommune turns "Ủy ban nhân dân xã Hòa An" into "xã Hòa An".
func shortCommune(name string) string { return strings.TrimPrefix(name, "Ủy ban nhân dân ") }

type collectiveRow struct {
	id, org    int64
	unit       any // the organisation's id, or nil for a division or a village
	name, fold string
	enterprise bool
	at         string
}

func (g *gen) collectiveRow(c *collective) collectiveRow {
	row := collectiveRow{id: c.id, org: g.orgs[c.org].id, name: c.name, fold: vn.Fold(c.name), enterprise: c.enterprise, at: g.stamp}
	if c.unit {
		row.unit = g.orgs[c.org].id
	}
	return row
}

// household is a household of a commune, subject of the "Gia đình văn hóa" title.
type household struct {
	id  int64
	org int
}

type householdRow struct {
	id, org                 int64
	head, fold, address, at string
}

// households spreads n households over the communes.
func (g *gen) households(r *rand.Rand, n int) ([]household, []householdRow) {
	communes := g.byKind[kCommune]
	hs := make([]household, n)
	rows := make([]householdRow, n)
	for i := range n {
		c := communes[r.IntN(len(communes))]
		o := g.orgs[c]
		eth := ethnicities.pick(r)
		head := fullName(r, r.IntN(100) < 30, eth)
		hs[i] = household{int64(i + 1), c}
		rows[i] = householdRow{int64(i + 1), o.id, head, g.keysOf(head).fold,
			o.villages[r.IntN(len(o.villages))] + ", " + shortCommune(o.name) + ", " + shortCommune(g.orgs[o.high].name), g.stamp}
	}
	return hs, rows
}

var (
	subjects    = []string{"Toán", "Ngữ văn", "Tiếng Anh", "Vật lý", "Hóa học", "Lịch sử", "Địa lý", "Tin học", "Sinh học"}
	adminTopics = []string{"hồ sơ thủ tục hành chính", "quản lý văn bản đi, đến", "lưu trữ hồ sơ", "tiếp nhận phản ánh của người dân",
		"thống kê, báo cáo định kỳ", "quản lý tài sản công", "thu ngân sách", "cấp giấy chứng nhận quyền sử dụng đất"}
	healthTopics = []string{"chăm sóc người bệnh sau phẫu thuật", "phòng ngừa nhiễm khuẩn bệnh viện", "quản lý bệnh nhân tăng huyết áp",
		"tiêm chủng mở rộng", "cấp cứu ban đầu", "kê đơn thuốc điện tử"}
)

// initiativeTitle invents a plausible title for an initiative of a unit of kind k.
func initiativeTitle(r *rand.Rand, k kind) string {
	switch k {
	case kSchool:
		return fmt.Sprintf("Một số biện pháp nâng cao chất lượng dạy học môn %s cho học sinh lớp %d",
			subjects[r.IntN(len(subjects))], 1+r.IntN(12))
	case kHospital, kStation:
		return "Cải tiến quy trình " + healthTopics[r.IntN(len(healthTopics))]
	case kEnterprise:
		return fmt.Sprintf("Cải tiến dây chuyền số %d giảm %d %% tiêu hao vật tư", 1+r.IntN(6), 3+r.IntN(15))
	}
	verbs := []string{"Giải pháp số hóa", "Ứng dụng phần mềm trong", "Đơn giản hóa quy trình", "Nâng cao hiệu quả"}
	return verbs[r.IntN(len(verbs))] + " " + adminTopics[r.IntN(len(adminTopics))]
}
