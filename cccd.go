package tdkt

import "fmt"

// provinceCodes are the first three digits of a citizen ID: the province where the
// birth was registered, in the 63-province numbering used on CCCD cards (Circular
// 59/2021/TT-BCA, Appendix). Cards issued before the 2025 merger keep these codes.
var provinceCodes = map[string]bool{}

func init() {
	for _, c := range []string{"001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017",
		"019", "020", "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037",
		"038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
		"062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083",
		"084", "086", "087", "089", "091", "092", "093", "094", "095", "096"} {
		provinceCodes[c] = true
	}
}

// CheckCCCD checks a citizen ID against what its digits encode: 12 digits; a valid
// province code; the fourth digit encodes sex and century of birth (0/1 male/female
// born 1900–1999, 2/3 for 2000–2099, …); the fifth and sixth digits are the last two
// digits of the birth year. sex and birthDate may be empty, and are then not compared.
// The message is Vietnamese.
func CheckCCCD(id string, sex Sex, birthDate string) error {
	// The count of digits first: a digit lost (a leading zero dropped by Excel) must
	// be said as such, not as the wrong province or sex digit it shifts into place.
	for _, c := range id {
		if c < '0' || c > '9' {
			return fmt.Errorf("số CCCD chỉ gồm chữ số")
		}
	}
	if len(id) >= 9 && len(id) < 12 {
		return fmt.Errorf("số CCCD có %d chữ số, cần đủ 12 chữ số (có thể bị mất số 0 ở đầu khi nhập Excel)", len(id))
	}
	if len(id) < 12 {
		return fmt.Errorf("số CCCD có %d chữ số, cần đủ 12 chữ số", len(id))
	}
	if len(id) > 12 {
		return fmt.Errorf("số CCCD có %d chữ số, chỉ được có 12 chữ số", len(id))
	}
	if !provinceCodes[id[:3]] {
		return fmt.Errorf("3 chữ số đầu %s không phải mã tỉnh nơi đăng ký khai sinh", id[:3])
	}
	g := int(id[3] - '0')
	century := 1900 + 100*(g/2)
	if century > 2100 {
		return fmt.Errorf("chữ số thứ 4 (%d) không phải mã giới tính và thế kỷ sinh hợp lệ", g)
	}
	cardSex := Male
	if g%2 == 1 {
		cardSex = Female
	}
	if sex != "" && sex != cardSex {
		return fmt.Errorf("chữ số thứ 4 (%d) cho biết giới tính %s, khác với giới tính đã nhập", g, Labels[string(cardSex)])
	}
	if len(birthDate) >= 4 {
		year := century + int(id[4]-'0')*10 + int(id[5]-'0')
		if birthDate[:4] != fmt.Sprint(year) {
			return fmt.Errorf("chữ số thứ 4–6 cho biết năm sinh %d, khác với ngày sinh đã nhập", year)
		}
	}
	return nil
}
