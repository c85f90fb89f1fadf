package paper

import (
	"strings"
	"tdkt/vn"
)

// History is the extract of a person's or a collective's emulation and reward history
// (trích lục quá trình thi đua, khen thưởng) that a unit prints from its records: who,
// then the yearly ratings, the emulation titles, the reward forms and the initiatives,
// each with its decision. Values are given as they are to be printed (dates already
// dd/mm/yyyy, labels in Vietnamese); the document only lays them out.
type History struct {
	Org         string      // the unit that prints it, in the header (upper case)
	ParentOrg   string      // its parent, above it (may be empty)
	Place, Date string      // địa danh; YYYY-MM-DD of printing
	Collective  bool        // a collective's history rather than a person's
	Name        string      // the person's full name or the collective's name
	Facts       [][2]string // label and value lines under the name (ngày sinh, đơn vị, …)
	Ratings     []HistoryLine
	Titles      []HistoryLine
	Forms       []HistoryLine
	Initiatives []HistoryLine
}

// HistoryLine is one row of a history table: the year, what was received, the
// decision (number, date, issuer) and a remark (reward kind, money, revoked).
type HistoryLine struct {
	Year, What, Decision, Note string
}

// HistoryPDF renders h as an A4 portrait PDF with the two-column official header.
func HistoryPDF(h History) ([]byte, error) { return renderPDF(h.document()) }

func (h History) document() *document {
	doc := &document{title: "Quá trình thi đua, khen thưởng – " + vn.NFC(h.Name)}
	var leftTop cell
	if h.ParentOrg != "" {
		leftTop = append(leftTop, centred(plain(upper(h.ParentOrg))).sized(sizeHead))
	}
	org := centred(bold(upper(h.Org))).sized(sizeHead)
	org.rule = 0.4
	leftTop = append(leftTop, org)
	motto := centred(bold("Độc lập - Tự do - Hạnh phúc"))
	motto.rule = 1
	doc.add(table{widths: []float64{0.4, 0.6}, keep: true, rows: []row{
		{cells: []cell{leftTop, {centred(bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).sized(sizeHead), motto}}},
		{cells: []cell{{}, {centred(italic(h.dateLine())).space(1)}}},
	}})
	doc.add(title("QUÁ TRÌNH THI ĐUA, KHEN THƯỞNG"))
	who := "Của cá nhân: "
	if h.Collective {
		who = "Của tập thể: "
	}
	doc.add(centred(bold(who+vn.NFC(h.Name))), blank(3))
	for _, f := range h.Facts {
		doc.add(body(plain("- "+vn.NFC(f[0])+": "), plain(vn.NFC(f[1]))))
	}
	section := func(heading_, what string, lines []HistoryLine) {
		doc.add(heading(heading_))
		doc.add(historyTable(what, lines))
	}
	section("1. Kết quả xếp loại mức độ hoàn thành nhiệm vụ", "Mức độ hoàn thành nhiệm vụ", h.Ratings)
	section("2. Danh hiệu thi đua", "Danh hiệu thi đua", h.Titles)
	section("3. Hình thức khen thưởng", "Hình thức khen thưởng", h.Forms)
	section("4. Sáng kiến, đề tài khoa học", "Sáng kiến, đề tài", h.Initiatives)
	doc.add(para{runs: []run{italic("Trích từ cơ sở dữ liệu thi đua, khen thưởng ngày " + vn.FormatDate(h.Date) + ".")}, align: 'L', size: sizeNote, before: 4})
	return doc
}

// historyTable is a four-column table; an empty list says so in one row.
func historyTable(what string, lines []HistoryLine) table {
	tc := func(align byte, r run) cell {
		return cell{para{runs: []run{r}, align: align, size: sizeTable, lineSpacing: 1.15}}
	}
	t := table{widths: []float64{0.1, 0.3, 0.38, 0.22}, border: true, rows: []row{{header: true, cells: []cell{
		tc('C', bold("Năm")), tc('C', bold(what)), tc('C', bold("Số, ngày quyết định; cơ quan ban hành")), tc('C', bold("Ghi chú")),
	}}}}
	for _, l := range lines {
		t.rows = append(t.rows, row{cells: []cell{
			tc('C', plain(vn.NFC(l.Year))), tc('L', plain(vn.NFC(l.What))), tc('L', plain(vn.NFC(l.Decision))), tc('L', plain(vn.NFC(l.Note))),
		}})
	}
	if len(lines) == 0 {
		t.rows = append(t.rows, row{span: true, cells: []cell{tc('C', italic("Không có"))}})
	}
	return t
}

// dateLine is "<Place>, ngày … tháng … năm …", or "Ngày … tháng … năm …" when the
// place is not known.
func (h History) dateLine() string {
	if vn.NFC(h.Place) == "" {
		return "N" + strings.TrimPrefix(longDate(h.Date), "n")
	}
	return placeDate(h.Place, h.Date)
}
