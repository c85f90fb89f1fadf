package demo

import (
	"math/rand/v2"
	"strings"
)

// weighted picks one of its items with probability proportional to its weight.
type weighted struct {
	items []string
	cum   []float64 // cumulative weights
}

func newWeighted(pairs ...any) weighted {
	var w weighted
	total := 0.0
	for i := 0; i < len(pairs); i += 2 {
		total += toFloat(pairs[i+1])
		w.items = append(w.items, pairs[i].(string))
		w.cum = append(w.cum, total)
	}
	for i := range w.cum {
		w.cum[i] /= total
	}
	return w
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	panic("weight must be int or float64")
}

// uniform builds a weighted list in which every item is equally likely.
func uniform(items ...string) weighted {
	var pairs []any
	for _, s := range items {
		pairs = append(pairs, s, 1)
	}
	return newWeighted(pairs...)
}

func (w weighted) pick(r *rand.Rand) string {
	x := r.Float64()
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if w.cum[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return w.items[lo]
}

// Family names in roughly the proportions of the population (Nguyễn about 38 %; the
// long tail shares what is left).
var familyKinh = newWeighted(
	"Nguyễn", 38.0, "Trần", 11.0, "Lê", 9.5, "Phạm", 7.0, "Hoàng", 3.0, "Huỳnh", 2.1, "Phan", 4.5,
	"Vũ", 2.2, "Võ", 1.7, "Đặng", 2.1, "Bùi", 2.0, "Đỗ", 1.4, "Hồ", 1.3, "Ngô", 1.3, "Dương", 1.0,
	"Lý", 0.5, "Đinh", 0.6, "Trương", 0.6, "Lâm", 0.4, "Mai", 0.4, "Trịnh", 0.5, "Đoàn", 0.5,
	"Cao", 0.4, "Lương", 0.4, "Hà", 0.4, "Tạ", 0.2, "Chu", 0.2, "Đào", 0.4, "Tô", 0.2, "La", 0.1,
	"Kiều", 0.1, "Quách", 0.1, "Châu", 0.2, "Thái", 0.2, "Lưu", 0.2, "Nghiêm", 0.1, "Phùng", 0.2,
	"Khổng", 0.05, "Lại", 0.1, "Triệu", 0.1, "Doãn", 0.05, "Âu", 0.05, "Tăng", 0.1, "Văn", 0.1,
)

// Some minorities mostly carry family names of their own.
var familyByEthnicity = map[string]weighted{
	"Tày":    newWeighted("Hoàng", 4, "Nông", 4, "Lường", 1, "Lộc", 2, "Triệu", 2, "Hà", 2, "Ma", 1),
	"Nùng":   newWeighted("Hoàng", 3, "Nông", 3, "Lương", 2, "Lục", 2, "Vi", 1, "Chu", 1),
	"Thái":   newWeighted("Lò", 4, "Lường", 3, "Cầm", 2, "Quàng", 2, "Vi", 2, "Hà", 2),
	"Mường":  newWeighted("Bùi", 5, "Đinh", 4, "Quách", 2, "Hà", 2, "Xa", 1),
	"Khmer":  newWeighted("Thạch", 4, "Danh", 4, "Sơn", 3, "Kim", 2, "Lâm", 2, "Huỳnh", 1),
	"H'Mông": newWeighted("Giàng", 4, "Vàng", 3, "Sùng", 3, "Thào", 3, "Lý", 2, "Mùa", 2),
	"Dao":    newWeighted("Triệu", 5, "Bàn", 3, "Đặng", 3, "Lý", 2, "Chảo", 1),
	"Hoa":    newWeighted("Lâm", 3, "Trương", 3, "Lý", 3, "Quách", 2, "Châu", 2, "Tăng", 2),
}

var middleMale = newWeighted(
	"Văn", 30, "Đức", 10, "Hữu", 8, "Quang", 8, "Minh", 10, "Thành", 5, "Công", 5, "Xuân", 4,
	"Ngọc", 3, "Mạnh", 3, "Trọng", 3, "Thanh", 3, "Anh", 2, "Duy", 3, "Hoàng", 2, "Tiến", 2,
	"Đình", 4, "Bá", 2, "Quốc", 3, "Gia", 2, "Trung", 2, "Việt", 2,
)

var middleFemale = newWeighted(
	"Thị", 45, "Ngọc", 8, "Thu", 6, "Thanh", 6, "Phương", 4, "Minh", 4, "Hồng", 4, "Kim", 4,
	"Thùy", 4, "Bích", 3, "Hải", 3, "Mai", 2, "Khánh", 2, "Diệu", 2, "Ánh", 2, "Bảo", 2, "Hoài", 2,
)

// A second middle name after "Thị" ("Nguyễn Thị Thu Hà").
var middleFemale2 = uniform("Thu", "Thanh", "Hồng", "Kim", "Minh", "Ngọc", "Bích", "Mỹ", "Thúy")

var givenMale = uniform(
	"Anh", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Dương", "Giang", "Hải", "Hiếu", "Hiệp",
	"Hòa", "Hoàng", "Hùng", "Huy", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lợi", "Mạnh", "Minh",
	"Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành",
	"Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Hưng", "Hậu", "Lộc", "Tú", "Trường",
	"Hào", "Bảo", "Khải", "Chiến", "Định", "Hiển", "Luân", "Nhân", "Tiến", "Thuận", "Vượng",
)

var givenFemale = uniform(
	"Anh", "Ánh", "Bích", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hằng", "Hạnh", "Hiền", "Hoa",
	"Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "Nga", "Ngân",
	"Ngọc", "Nhung", "Nhàn", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thu", "Thủy",
	"Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Yến", "Lệ", "My", "Nhi", "Thơ", "Xuân", "Diệp", "Thư",
)

// Ethnic groups of public employees: Kinh most, then the larger minorities.
var ethnicities = newWeighted(
	"Kinh", 85.3, "Tày", 1.9, "Thái", 1.9, "Mường", 1.5, "Khmer", 1.4, "Hoa", 0.8, "Nùng", 1.1,
	"H'Mông", 1.5, "Dao", 0.9, "Gia Rai", 0.5, "Ê Đê", 0.4, "Ba Na", 0.3, "Sán Chay", 0.2,
	"Chăm", 0.2, "Cơ Ho", 0.2, "Xơ Đăng", 0.2, "Sán Dìu", 0.2,
)

// fullName makes a Vietnamese name for the given sex (female true) and ethnicity.
func fullName(r *rand.Rand, female bool, ethnicity string) string {
	fam := familyKinh
	if f, ok := familyByEthnicity[ethnicity]; ok && r.IntN(10) < 7 {
		fam = f
	}
	family := fam.pick(r)
	var middle, given string
	for {
		if female {
			middle, given = middleFemale.pick(r), givenFemale.pick(r)
			if middle == "Thị" && r.IntN(10) == 0 {
				middle += " " + middleFemale2.pick(r)
			}
		} else {
			middle, given = middleMale.pick(r), givenMale.pick(r)
		}
		if !strings.HasSuffix(middle, given) {
			break
		}
	}
	return family + " " + middle + " " + given
}

// Place-name syllables for communes, schools and villages.
var placeSyllables = []string{
	"An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Mỹ", "Phước", "Hưng", "Thuận", "Đông",
	"Tây", "Nam", "Bắc", "Sơn", "Thủy", "Lâm", "Hải", "Hà", "Quang", "Minh", "Trung", "Thịnh",
	"Vĩnh", "Xuân", "Thái", "Đức", "Nghĩa", "Lộc", "Thành", "Cát", "Lợi", "Hiệp", "Khánh", "Hội",
	"Quý", "Định", "Điền", "Yên", "Phong", "Lạc", "Kim", "Ngọc", "Gia", "Vạn", "Cẩm", "Hồng",
}

// placeNames returns n distinct two-syllable place names ("Hòa An", "Tân Phú"…).
func placeNames(r *rand.Rand, n int) []string {
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		a, b := placeSyllables[r.IntN(len(placeSyllables))], placeSyllables[r.IntN(len(placeSyllables))]
		name := a + " " + b
		if a == b || seen[name] {
			if len(seen) > len(placeSyllables)*(len(placeSyllables)-1)-10 {
				name += " " + itoa(len(out)+1) // ran out of pairs: number them
			} else {
				continue
			}
		}
		seen[name] = true
		out = append(out, name)
	}
	return out
}

// Names of famous people that schools carry.
var schoolPatrons = []string{
	"Lê Quý Đôn", "Nguyễn Du", "Trần Phú", "Phan Bội Châu", "Nguyễn Trãi", "Lê Lợi", "Quang Trung",
	"Chu Văn An", "Nguyễn Huệ", "Trần Hưng Đạo", "Võ Thị Sáu", "Lý Thường Kiệt", "Hai Bà Trưng",
	"Phan Chu Trinh", "Nguyễn Đình Chiểu", "Lương Thế Vinh", "Huỳnh Thúc Kháng", "Tôn Đức Thắng",
	"Nguyễn Thị Minh Khai", "Hoàng Hoa Thám", "Ngô Quyền", "Đinh Tiên Hoàng", "Bùi Thị Xuân",
	"Lê Hồng Phong", "Nguyễn Bỉnh Khiêm", "Trần Quốc Tuấn", "Phạm Văn Đồng", "Võ Nguyên Giáp",
}
