package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"tdkt"
)

// ProvinceName is the fictional province of the demo data set.
const ProvinceName = "Lam Giang"

// provinceCCCD is the birth-registration code most of its people carry on their cards.
const provinceCCCD = "046"

// kind tells what an organisation is, which decides its staff, positions and who
// confers its staff's titles.
type kind uint8

const (
	kProvince kind = iota
	kDepartment
	kMilitary
	kCommune
	kSchool // kindergarten to high school
	kHospital
	kStation // commune health station
	kPublic  // other public units
	kEnterprise
	kMinistry
	kMinistryUnit
	kState      // the President, in a national data set (no staff)
	kGovernment // the Government, in a national data set (no staff)
)

// org is an organisation being generated; index i in the slice has id i+1.
type org struct {
	id     int64
	code   string
	name   string
	level  tdkt.Level
	parent int // index, -1 for a root
	path   string
	kind   kind
	abbr   string  // the suffix of its decision numbers: 215/QĐ-<abbr>
	size   float64 // relative head count
	women  float64 // share of women among its staff
	// issuer confers the yearly titles and Giấy khen of its staff; high confers the
	// Bằng khen and provincial titles (the province, or the ministry for its units).
	issuer, high int
	head         string   // the head's name: the signer of its decisions
	standingFor  int      // index+1 of the level it serves as standing office; 0 for none
	villages     []string // thôn / tổ dân phố of a commune
	first, count int      // its staff are people first+1 … first+count (by their first unit)
}

func itoa(i int) string { return strconv.Itoa(i) }

type department struct {
	code, name, abbr string
	size             float64
}

var departments = []department{
	{"VP", "Văn phòng Ủy ban nhân dân tỉnh", "VP", 60},
	{"SNV", "Sở Nội vụ", "SNV", 55},
	{"STC", "Sở Tài chính", "STC", 60},
	{"SGDDT", "Sở Giáo dục và Đào tạo", "SGDĐT", 60},
	{"SYT", "Sở Y tế", "SYT", 55},
	{"STP", "Sở Tư pháp", "STP", 35},
	{"SCT", "Sở Công Thương", "SCT", 45},
	{"SNNMT", "Sở Nông nghiệp và Môi trường", "SNNMT", 70},
	{"SXD", "Sở Xây dựng", "SXD", 50},
	{"SKHCN", "Sở Khoa học và Công nghệ", "SKHCN", 40},
	{"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", 45},
	{"SNGV", "Sở Ngoại vụ", "SNgV", 25},
	{"SDTTG", "Sở Dân tộc và Tôn giáo", "SDTTG", 30},
	{"TTR", "Thanh tra tỉnh", "TTr", 40},
	{"BQLKCN", "Ban Quản lý các khu công nghiệp", "BQL", 35},
}

// Fixed public units under departments: department code → unit names and sizes.
var departmentUnits = map[string][]struct {
	name string
	kind kind
	size float64
}{
	"SNV":     {{"Trung tâm Lưu trữ lịch sử tỉnh", kPublic, 25}},
	"SGDDT":   {{"Trung tâm Giáo dục thường xuyên tỉnh", kSchool, 40}, {"Trường THPT Chuyên " + ProvinceName, kSchool, 80}},
	"SYT":     {{"Bệnh viện Đa khoa tỉnh " + ProvinceName, kHospital, 450}, {"Trung tâm Kiểm soát bệnh tật tỉnh", kHospital, 120}, {"Bệnh viện Y học cổ truyền tỉnh", kHospital, 150}, {"Bệnh viện Sản - Nhi tỉnh", kHospital, 250}},
	"SNNMT":   {{"Trung tâm Khuyến nông tỉnh", kPublic, 40}, {"Ban Quản lý rừng phòng hộ Sông Lam", kPublic, 45}},
	"SXD":     {{"Ban Quản lý dự án đầu tư xây dựng công trình dân dụng", kPublic, 40}},
	"SKHCN":   {{"Trung tâm Chuyển đổi số tỉnh", kPublic, 30}},
	"SVHTTDL": {{"Bảo tàng tỉnh", kPublic, 30}, {"Thư viện tỉnh", kPublic, 25}, {"Nhà hát Ca múa nhạc tỉnh", kPublic, 50}},
}

var enterprises = []string{
	"Công ty TNHH MTV Xổ số kiến thiết " + ProvinceName,
	"Công ty Cổ phần Cấp nước " + ProvinceName,
	"Công ty TNHH MTV Khai thác công trình thủy lợi " + ProvinceName,
	"Công ty Cổ phần Môi trường đô thị " + ProvinceName,
}

var ministryUnits = []string{
	"Trung tâm Khuyến nông Quốc gia",
	"Viện Quy hoạch Thủy lợi",
	"Trường Cao đẳng Nông nghiệp và Phát triển nông thôn Bắc Bộ",
	"Vườn quốc gia Bạch Mã",
}

// orgTree builds the organisation tree for a data set of n people: the province with
// its departments, their units, the communes with their schools and health stations,
// a few enterprises, and a ministry with its units. Paths use the ids, which are the
// indexes plus one because the database is empty.
func orgTree(r *rand.Rand, n int) []*org {
	var orgs []*org
	add := func(parent int, code, name string, level tdkt.Level, k kind, abbr string, size, women float64) int {
		o := &org{id: int64(len(orgs) + 1), code: code, name: name, level: level, parent: parent, kind: k, abbr: abbr, size: size, women: women}
		o.path = "/"
		if parent >= 0 {
			o.path = orgs[parent].path
		}
		o.path += strconv.FormatInt(o.id, 10) + "/"
		orgs = append(orgs, o)
		return len(orgs) - 1
	}
	prov := add(-1, "T46", "Ủy ban nhân dân tỉnh "+ProvinceName, tdkt.LevelProvince, kProvince, "UBND", 8, 0.4)
	communes := min(max(n/1000, 6), 1200)
	places := placeNames(r, communes+max(2, n/6000)+max(1, n/15000)+len(enterprises)+n/50000+8)
	nextPlace := 0
	place := func() string { nextPlace++; return places[nextPlace-1] }

	for _, d := range departments {
		i := add(prov, "T46-"+d.code, d.name, tdkt.LevelDepartment, kDepartment, d.abbr, d.size, 0.5)
		for j, u := range departmentUnits[d.code] {
			add(i, fmt.Sprintf("T46-%s-%02d", d.code, j+1), u.name, tdkt.LevelPublicUnit, u.kind, "", u.size, womenOf(u.kind))
		}
		switch d.code {
		case "SGDDT": // high schools grow with the province
			for j := range max(2, n/6000) {
				name := "Trường THPT " + place()
				if j < len(schoolPatrons) {
					name = "Trường THPT " + schoolPatrons[j]
				}
				add(i, fmt.Sprintf("T46-SGDDT-T%03d", j+1), name, tdkt.LevelPublicUnit, kSchool, "", 70, 0.68)
			}
		case "SYT":
			for j := range max(1, n/15000) {
				add(i, fmt.Sprintf("T46-SYT-K%03d", j+1), "Trung tâm Y tế khu vực "+place(), tdkt.LevelPublicUnit, kHospital, "", 200, 0.65)
			}
		}
	}
	add(prov, "T46-BCHQS", "Bộ Chỉ huy quân sự tỉnh", tdkt.LevelDepartment, kMilitary, "BCH", 60, 0.12)

	special := 0
	if communes >= 10 {
		special = 1 + communes/300
	}
	for c := range communes {
		name := place()
		kindWord := "xã"
		switch {
		case c < special:
			kindWord = "đặc khu"
		case r.IntN(100) < 18:
			kindWord = "phường"
		}
		i := add(prov, fmt.Sprintf("T46-X%04d", c+1), "Ủy ban nhân dân "+kindWord+" "+name, tdkt.LevelCommune, kCommune, "UBND", 35, 0.45)
		vword := "Thôn"
		if kindWord == "phường" {
			vword = "Tổ dân phố"
		}
		for v := range 3 + r.IntN(5) {
			orgs[i].villages = append(orgs[i].villages, vword+" "+strconv.Itoa(v+1))
		}
		code := orgs[i].code
		add(i, code+"-MN1", "Trường Mầm non "+name, tdkt.LevelPublicUnit, kSchool, "", 25, 0.97)
		add(i, code+"-MN2", "Trường Mầm non "+name+" 2", tdkt.LevelPublicUnit, kSchool, "", 20, 0.97)
		add(i, code+"-TH1", "Trường Tiểu học "+name, tdkt.LevelPublicUnit, kSchool, "", 35, 0.78)
		add(i, code+"-TH2", "Trường Tiểu học "+name+" 2", tdkt.LevelPublicUnit, kSchool, "", 30, 0.78)
		add(i, code+"-THCS", "Trường THCS "+name, tdkt.LevelPublicUnit, kSchool, "", 40, 0.7)
		add(i, code+"-TYT", "Trạm Y tế "+kindWord+" "+name, tdkt.LevelPublicUnit, kStation, "", 8, 0.65)
	}
	for j := range len(enterprises) + n/50000 {
		name := "Công ty Cổ phần May " + place()
		if j < len(enterprises) {
			name = enterprises[j]
		}
		add(prov, fmt.Sprintf("T46-DN%02d", j+1), name, tdkt.LevelEnterprise, kEnterprise, "CTy", 150, 0.4)
	}

	bo := add(-1, "BNNMT", "Bộ Nông nghiệp và Môi trường", tdkt.LevelMinistry, kMinistry, "BNNMT", 40, 0.45)
	for j, u := range ministryUnits {
		add(bo, fmt.Sprintf("BNNMT-%02d", j+1), u, tdkt.LevelPublicUnit, kMinistryUnit, fmt.Sprintf("ĐV%02d", j+1), 120, 0.45)
	}
	for i, o := range orgs {
		o.issuer, o.high = issuers(orgs, i)
	}
	return orgs
}

func womenOf(k kind) float64 {
	switch k {
	case kSchool:
		return 0.72
	case kHospital, kStation:
		return 0.65
	}
	return 0.45
}

// issuers returns who confers the yearly titles of the staff of orgs[i] and who
// confers the Bằng khen and provincial titles (Law Art 80; Decree 129/2025 Art 59:
// commune chairmen for commune staff, department heads for their departments and the
// public units under them, the ministry or province for the higher forms).
func issuers(orgs []*org, i int) (issuer, high int) {
	o := orgs[i]
	root := i
	for orgs[root].parent >= 0 {
		root = orgs[root].parent
	}
	issuer = i
	if o.level == tdkt.LevelPublicUnit && o.kind != kMinistryUnit {
		issuer = o.parent // the department or commune above the school or hospital
	}
	return issuer, root
}

// assignStaff splits n people among the organisations in proportion to their sizes
// (largest remainder), so that org k's staff are a contiguous block of ids.
func assignStaff(orgs []*org, n int) {
	total := 0.0
	for _, o := range orgs {
		total += o.size
	}
	type rem struct {
		i int
		f float64
	}
	left := n
	rems := make([]rem, len(orgs))
	for i, o := range orgs {
		exact := float64(n) * o.size / total
		o.count = int(math.Floor(exact))
		left -= o.count
		rems[i] = rem{i, exact - math.Floor(exact)}
	}
	// Hand out what rounding left, biggest remainders first (stable for determinism).
	for ; left > 0; left-- {
		best := 0
		for j := range rems {
			if rems[j].f > rems[best].f {
				best = j
			}
		}
		orgs[rems[best].i].count++
		rems[best].f = -1
	}
	next := 0
	for _, o := range orgs {
		o.first = next
		next += o.count
	}
}

// decisionSuffix is what follows "QĐ-" in the organisation's decision numbers.
func (o *org) decisionSuffix() string {
	if o.abbr != "" {
		return o.abbr
	}
	switch o.kind {
	case kSchool:
		return "TrH"
	case kHospital:
		return "BV"
	case kStation:
		return "TYT"
	}
	return "TT"
}
