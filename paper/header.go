package paper

import (
	"fmt"
	"strings"
	"time"

	"tdkt/vn"
)

// Header is the two-column header block of an administrative document (Decree 30/2020,
// Phụ lục I, items 1–4): issuing body and number on the left, Quốc hiệu, Tiêu ngữ and
// place and date on the right.
type Header struct {
	ParentOrg string // cơ quan chủ quản, printed upper case (may be empty)
	Org       string // cơ quan ban hành, printed upper case and bold with a short rule
	Number    string // "86/QĐ-UBND", printed after "Số: "
	Place     string // địa danh, e.g. "Lam Giang"
	Date      string // YYYY-MM-DD; empty leaves "ngày … tháng … năm …" to fill by hand
}

// Signature is the signing block: quyền hạn, chức vụ and name of the signer.
type Signature struct {
	Authority string // e.g. "TM. ỦY BAN NHÂN DÂN" or "KT. CHỦ TỊCH" (may be empty)
	Title     string // e.g. "CHỦ TỊCH" or "PHÓ CHỦ TỊCH"
	Name      string // full name, without academic titles (Decree 30/2020)
}

// dateParts splits a stored date into day, month and year as Decree 30/2020 writes them:
// a day below 10 and the months 1 and 2 get a leading zero (so that "1" cannot be turned
// into "11" or "12"), the other months do not. An empty or unreadable date gives "…".
func dateParts(iso string) (day, month, year string) {
	t, err := time.Parse(vn.DateLayout, strings.TrimSpace(iso))
	if err != nil {
		return "…", "…", "…"
	}
	day = fmt.Sprintf("%02d", t.Day())
	month = fmt.Sprint(int(t.Month()))
	if t.Month() <= 2 {
		month = "0" + month
	}
	return day, month, fmt.Sprint(t.Year())
}

// longDate is "ngày 05 tháng 01 năm 2026".
func longDate(iso string) string {
	d, m, y := dateParts(iso)
	return "ngày " + d + " tháng " + m + " năm " + y
}

// placeDate is "<Place>, ngày 05 tháng 01 năm 2026".
func placeDate(place, iso string) string {
	p := vn.NFC(place)
	if p == "" {
		p = "…"
	}
	return p + ", " + longDate(iso)
}

// block is the header as a borderless two-column table. The left column is narrower,
// as in the Decree 30/2020 model forms, and both columns are centred.
func (h Header) block() table {
	var leftTop cell
	if h.ParentOrg != "" {
		leftTop = append(leftTop, centred(plain(upper(h.ParentOrg))).sized(sizeHead))
	}
	org := centred(bold(upper(h.Org))).sized(sizeHead)
	org.rule = 0.4 // "1/3 đến 1/2 độ dài của dòng chữ"
	leftTop = append(leftTop, org)
	rightTop := cell{
		centred(bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).sized(sizeHead),
		func() para {
			p := centred(bold("Độc lập - Tự do - Hạnh phúc")).sized(sizeBody)
			p.rule = 1 // as long as the line
			return p
		}(),
	}
	num := "Số: " + vn.NFC(h.Number)
	return table{
		widths: []float64{0.4, 0.6},
		keep:   true,
		rows: []row{
			{cells: []cell{leftTop, rightTop}},
			{cells: []cell{
				{centred(plain(num)).sized(sizeHead).space(1)},
				{centred(italic(placeDate(h.Place, h.Date))).sized(sizeBody).space(1)},
			}},
		},
	}
}

// paras is the signature block: authority and title bold upper case, room for the
// signature and seal, and the name bold (Decree 30/2020, Phụ lục I, item 7).
func (s Signature) paras() cell {
	var c cell
	if s.Authority != "" {
		c = append(c, centred(bold(upper(s.Authority))))
	}
	if s.Title != "" {
		c = append(c, centred(bold(upper(s.Title))))
	}
	name := centred(bold(vn.NFC(s.Name)))
	name.before = 24
	name.signHere = true
	return append(c, name)
}

// recipients is the "Nơi nhận" block: the label italic bold 12, items 11, each "- …;"
// and the last "- …." (Decree 30/2020, Phụ lục I, item 8).
func recipients(items []string) cell {
	if len(items) == 0 {
		return cell{left(plain(""))}
	}
	c := cell{left(boldItal("Nơi nhận:")).sized(12)}
	for _, it := range terminate(items) {
		p := left(plain("- " + it)).sized(sizeNote)
		p.lineSpacing = 1.1
		c = append(c, p)
	}
	return c
}

// closing puts "Nơi nhận" on the left, level with the signer's title on the right.
func closing(items []string, s Signature) table {
	return table{
		widths: []float64{0.45, 0.55},
		keep:   true,
		rows:   []row{{cells: []cell{recipients(items), s.paras()}}},
	}
}

// bases are the căn cứ lines: italic, one per line, ";" after each and "." after the
// last (Decree 30/2020, Phụ lục I, item 5).
func bases(lines []string) []any {
	var out []any
	for _, l := range terminate(lines) {
		p := body(italic(l))
		p.after = 1
		out = append(out, p)
	}
	return out
}

// title is the document type line (QUYẾT ĐỊNH, TỜ TRÌNH …): upper case, bold, centred.
func title(s string) para { return centred(bold(upper(s))).space(6) }

// subject is the trích yếu: bold, centred, with a short rule below for decisions and
// letters (Decree 30/2020, Phụ lục I, item 4).
func subject(s string, rule bool) para {
	p := centred(bold(vn.NFC(s)))
	if rule {
		p.rule = 0.35
	}
	return p
}
