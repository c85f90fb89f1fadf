package demo

import (
	"fmt"
	"time"

	"tdkt"
)

// window says when in the calendar a kind of decision is usually signed.
type window uint8

const (
	wUnit   window = iota // year-end titles of a unit: 5 January – mid-February of the next year
	wHigh                 // provincial and ministry forms, after the units' titles: late February – March
	wTTg                  // the Prime Minister's Bằng khen, last: March
	wInYear               // sudden (đột xuất) rewards: April – December of the year itself
)

// awardSpec is an award the generator confers, with its money coefficient in tenths
// (Decree 152/2025 Art 50–54) and when its decisions are signed.
type awardSpec struct {
	code     string
	category string
	coef     int64
	win      window
	kind     tdkt.RewardKind
	level    any // honours.award_level: tdkt.AwardLevelOf, nil for none
}

func spec(code string, coef int64, win window, k tdkt.RewardKind) *awardSpec {
	a, ok := tdkt.AwardByCode(code)
	if !ok {
		panic("demo: unknown award " + code)
	}
	s := &awardSpec{code: code, category: string(a.Category), coef: coef, win: win, kind: k}
	if l := tdkt.AwardLevelOf(code); l != "" {
		s.level = l
	}
	return s
}

var (
	aLDTT   = spec("lao_dong_tien_tien", 3, wUnit, tdkt.KindMerit)
	aCSTT   = spec("chien_si_tien_tien", 3, wUnit, tdkt.KindMerit)
	aCSTDCS = spec("chien_si_thi_dua_co_so", 10, wUnit, tdkt.KindMerit)
	aCSTDBT = spec("chien_si_thi_dua_bo_tinh", 30, wHigh, tdkt.KindMerit)
	aBKBT   = spec("bang_khen_bo_tinh", 15, wHigh, tdkt.KindMerit)
	aBKTTg  = spec("bang_khen_thu_tuong", 35, wTTg, tdkt.KindMerit)
	aGK     = spec("giay_khen", 3, wUnit, tdkt.KindMerit)
	aGKDX   = spec("giay_khen", 3, wInYear, tdkt.KindSudden)
	aTTLDTT = spec("tap_the_lao_dong_tien_tien", 8, wUnit, tdkt.KindMerit)
	aTTLDXS = spec("tap_the_lao_dong_xuat_sac", 15, wHigh, tdkt.KindMerit)
	aThonVH = spec("thon_to_dan_pho_van_hoa", 15, wUnit, tdkt.KindMerit)
	aGDVH   = spec("gia_dinh_van_hoa", 0, wUnit, tdkt.KindMerit) // no money line in Decree 152
	// The rarer forms that the statutory statistics (0602.N, 0603.N) count, given by
	// their own draws so that the records above stay as they were.
	aBKBTdx   = spec("bang_khen_bo_tinh", 15, wInYear, tdkt.KindSudden)
	aBKBTcd   = spec("bang_khen_bo_tinh", 15, wInYear, tdkt.KindThematic)
	aBKBTcol  = spec("bang_khen_bo_tinh", 30, wHigh, tdkt.KindMerit)
	aBKBThh   = spec("bang_khen_bo_tinh", 15, wInYear, tdkt.KindSudden)
	aCoBT     = spec("co_thi_dua_bo_tinh", 80, wHigh, tdkt.KindMerit)
	aCoCP     = spec("co_thi_dua_chinh_phu", 120, wTTg, tdkt.KindMerit)
	aCSTDTQ   = spec("chien_si_thi_dua_toan_quoc", 45, wTTg, tdkt.KindMerit)
	aHCLD3    = spec("huan_chuong_lao_dong_hang_ba", 45, wTTg, tdkt.KindMerit)
	aHCLD3ch  = spec("huan_chuong_lao_dong_hang_ba", 45, wInYear, tdkt.KindDevotion)
	aHCLD3col = spec("huan_chuong_lao_dong_hang_ba", 90, wTTg, tdkt.KindMerit)
	aNGUT     = spec("nha_giao_uu_tu", 90, wTTg, tdkt.KindMerit)
	allSpecs  = []*awardSpec{aLDTT, aCSTT, aCSTDCS, aCSTDBT, aBKBT, aBKTTg, aGK, aGKDX, aTTLDTT, aTTLDXS, aThonVH, aGDVH,
		aBKBTdx, aBKBTcd, aBKBTcol, aBKBThh, aCoBT, aCoCP, aCSTDTQ, aHCLD3, aHCLD3ch, aHCLD3col, aNGUT}
)

// The Prime Minister's and the President's decisions; the signers are fictional.
const (
	pmIssuer        = "Thủ tướng Chính phủ"
	pmSigner        = "Lê Minh Khang"
	presidentIssuer = "Chủ tịch nước"
	presidentSigner = "Trần Quốc Bảo"
	// issuerPM and issuerPresident stand for them where an org index is expected.
	issuerPM        = -1
	issuerPresident = -2
)

// decision is one reward decision: all the subjects of one issuer given one award
// for one year share it, as real year-end decisions list many people.
type decision struct {
	no, on, signer, issuer string
	amount                 int64
	ok                     bool // signed on or before the clock: later ones do not exist yet
}

type decKey struct {
	issuer int32 // org index, -1 for the Prime Minister
	award  *awardSpec
	year   int16
	batch  uint8 // several sudden decisions a year
}

// decisionFor returns (and caches) the decision by which issuer confers award for
// year. Numbers and dates are hashed from the key, so they do not depend on the order
// of generation.
func (g *gen) decisionFor(issuer int, a *awardSpec, year int, batch int) decision {
	k := decKey{int32(issuer), a, int16(year), uint8(batch)}
	if d, ok := g.decisions[k]; ok {
		return d
	}
	h := mix(g.seed, uint64(issuer+7), uint64(year), uint64(a.coef)<<8|uint64(a.win)<<4|uint64(batch), uint64(len(a.code)))
	var day int32
	switch a.win {
	case wUnit:
		day = dayOf(year+1, 1, 5) + int32(h%44)
	case wHigh:
		day = dayOf(year+1, 2, 20) + int32(h%40)
	case wTTg:
		day = dayOf(year+1, 3, 10) + int32(h%20)
	case wInYear:
		day = dayOf(year, 4, 1) + int32(h%240)
	}
	day = weekday(day)
	d := decision{on: dayString(day)}
	switch issuer {
	case issuerPM:
		d.no = fmt.Sprintf("%d/QĐ-TTg", 100+h>>20%900)
		d.signer, d.issuer = pmSigner, pmIssuer
	case issuerPresident:
		d.no = fmt.Sprintf("%d/QĐ-CTN", 100+h>>20%900)
		d.signer, d.issuer = presidentSigner, presidentIssuer
	default:
		o := g.orgs[issuer]
		d.no = fmt.Sprintf("%d/QĐ-%s", 1+h>>20%uint64(maxNumber(o)), o.decisionSuffix())
		d.signer, d.issuer = g.headOf(issuer), o.name
	}
	d.amount = amount(a.coef, d.on)
	d.ok = day <= g.nowDay
	g.decisions[k] = d
	return d
}

// maxNumber bounds decision numbers: a province signs thousands a year, a school few.
func maxNumber(o *org) int {
	switch o.kind {
	case kProvince, kMinistry:
		return 3000
	case kDepartment, kCommune:
		return 600
	}
	return 150
}

// weekday moves a Saturday or Sunday to the next Monday.
func weekday(day int32) int32 {
	switch epoch.AddDate(0, 0, int(day)).Weekday() {
	case time.Saturday:
		return day + 2
	case time.Sunday:
		return day + 1
	}
	return day
}

// headOf is the name of the organisation's head, who signs its decisions.
func (g *gen) headOf(i int) string {
	if h := g.orgs[i].head; h != "" {
		return h
	}
	return "Nguyễn Văn Thành" // an organisation too small to have staff in a tiny data set
}

// mix hashes its inputs (splitmix64 steps), for values that must not depend on the
// order in which things are generated.
func mix(xs ...uint64) uint64 {
	var h uint64 = 0x9E3779B97F4A7C15
	for _, x := range xs {
		h ^= x + 0x9E3779B97F4A7C15 + h<<6 + h>>2
		h = (h ^ h>>30) * 0xBF58476D1CE4E5B9
		h = (h ^ h>>27) * 0x94D049BB133111EB
		h ^= h >> 31
	}
	return h
}
