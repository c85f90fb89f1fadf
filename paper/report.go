package paper

import (
	"strings"

	"tdkt/vn"
)

// AchievementReport is a báo cáo thành tích (docs/forms.md D2, §3.2: the Mẫu 05 family for a
// person; a collective gets the Mẫu 04 section names). The form number changes with
// the decree in force (NĐ 98 → NĐ 152), so the caller passes it.
type AchievementReport struct {
	FormNumber        string // "Mẫu số 05"; printed top right when given
	Title             string // "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG BẰNG KHEN …"
	Person            Person
	BirthDate         string // YYYY-MM-DD
	Hometown          string // quê quán
	Residence         string // trú quán
	Education         string // trình độ chuyên môn, nghiệp vụ
	Duties            string // quyền hạn, nhiệm vụ; paragraphs separated by blank lines
	Achievements      string // thành tích đạt được; paragraphs separated by blank lines
	Titles            []HonourRow
	Forms             []HonourRow
	Place, Date       string // địa danh; YYYY-MM-DD
	UnitHeadSignature string // name of the unit head who certifies
	ReporterName      string // name of the person reporting
}

// HonourRow is a row of tables T1 (danh hiệu thi đua) and T2 (hình thức khen thưởng).
type HonourRow struct {
	Year     string
	Name     string // the title or form
	Decision string // "Quyết định số …/QĐ-… ngày …; cơ quan ban hành"
}

// AchievementReportPDF renders r as an A4 portrait PDF.
func AchievementReportPDF(r AchievementReport) ([]byte, error) { return renderPDF(r.document()) }

// AchievementReportDOCX renders r as a Word document, which the person usually edits.
func AchievementReportDOCX(r AchievementReport) ([]byte, error) { return renderDOCX(r.document()) }

func (r AchievementReport) document() *document {
	doc := &document{title: "Báo cáo thành tích " + vn.NFC(r.Person.Name)}
	if f := vn.NFC(r.FormNumber); f != "" {
		doc.add(para{runs: []run{bold(f)}, align: 'R', size: sizeHead, after: 2})
	}
	motto := centred(bold("Độc lập - Tự do - Hạnh phúc"))
	motto.rule = 1
	doc.add(centred(bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).sized(sizeHead), motto,
		para{runs: []run{italic(placeDate(r.Place, r.Date))}, align: 'R', before: 2})

	t := upper(r.Title)
	rest := strings.TrimSpace(strings.TrimPrefix(t, "BÁO CÁO THÀNH TÍCH"))
	doc.add(title("BÁO CÁO THÀNH TÍCH"))
	if rest != "" {
		doc.add(centred(bold(rest)))
	}
	doc.add(blank(3))

	p := r.Person
	collective := kindOf(p) == KindCollective
	item := func(label, value string) { doc.add(body(plain("- "+label+": "), plain(vn.NFC(value)))) }
	if collective {
		doc.add(body(bold("Tên tập thể đề nghị: "), plain(vn.NFC(p.Name))))
		doc.add(heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"))
		if u := vn.NFC(p.Unit); u != "" {
			item("Cơ quan chủ quản", u)
		}
		doc.add(heading("1. Đặc điểm, tình hình; chức năng, nhiệm vụ"))
		doc.add(paragraphs(r.Duties)...)
		doc.add(heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
		doc.add(paragraphs(r.Achievements)...)
	} else {
		doc.add(heading("I. SƠ LƯỢC LÝ LỊCH"))
		item("Họ tên (Ghi đầy đủ bằng chữ in thường, không viết tắt)", p.Name)
		sex := map[string]string{"Bà": "Nữ", "Ông": "Nam"}[salutation(p)]
		born := vn.FormatDate(r.BirthDate)
		if born == "" {
			born = vn.NFC(p.BirthYear)
		}
		doc.add(body(plain("- Sinh ngày, tháng, năm: " + born + "          Giới tính: " + sex)))
		item("Quê quán", r.Hometown)
		item("Trú quán", r.Residence)
		item("Đơn vị công tác", p.Unit)
		item("Chức vụ (Đảng, chính quyền, đoàn thể)", p.Position)
		item("Trình độ chuyên môn, nghiệp vụ", r.Education)
		doc.add(heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
		doc.add(heading("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:"))
		doc.add(paragraphs(r.Duties)...)
		doc.add(heading("2. Thành tích đạt được của cá nhân:"))
		doc.add(paragraphs(r.Achievements)...)
	}
	doc.add(heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"))
	doc.add(heading("1. Danh hiệu thi đua:"))
	doc.add(honourTable("Danh hiệu thi đua",
		"Số, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; cơ quan ban hành quyết định", r.Titles))
	doc.add(heading("2. Hình thức khen thưởng:"))
	doc.add(honourTable("Hình thức khen thưởng",
		"Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định", r.Forms))

	// Signatures (docs/forms.md §3.2): the unit head certifies on the left, the reporter
	// signs on the right.
	leftTitle, rightTitle := "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "NGƯỜI BÁO CÁO THÀNH TÍCH"
	if collective {
		rightTitle = "THỦ TRƯỞNG ĐƠN VỊ"
		leftTitle = "XÁC NHẬN CỦA CẤP TRÌNH KHEN"
	}
	doc.add(blank(4), signatures(
		signer(leftTitle, "(Ký, đóng dấu)", r.UnitHeadSignature),
		signer(rightTitle, "(Ký, ghi rõ họ và tên)", r.ReporterName)))
	return doc
}

// heading is a bold section line kept with what follows.
func heading(s string) para {
	p := left(bold(vn.NFC(s)))
	p.before, p.after, p.keepNext = 2, 1, true
	return p
}

// paragraphs splits free text at blank lines into justified body paragraphs.
func paragraphs(text string) []any {
	var out []any
	for _, b := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if b = vn.NFC(b); b != "" {
			out = append(out, body(plain(b)))
		}
	}
	return out
}

// honourTable is table T1 or T2 of docs/forms.md §3.2; an empty history says so in one row.
func honourTable(nameHead, decisionHead string, rows []HonourRow) table {
	tc := func(align byte, r run) cell {
		return cell{para{runs: []run{r}, align: align, size: sizeTable, lineSpacing: 1.15}}
	}
	t := table{widths: []float64{0.12, 0.33, 0.55}, border: true, rows: []row{{header: true, cells: []cell{
		tc('C', bold("Năm")), tc('C', bold(nameHead)), tc('C', bold(decisionHead)),
	}}}}
	for _, h := range rows {
		t.rows = append(t.rows, row{cells: []cell{
			tc('C', plain(vn.NFC(h.Year))), tc('L', plain(vn.NFC(h.Name))), tc('L', plain(vn.NFC(h.Decision))),
		}})
	}
	if len(rows) == 0 {
		t.rows = append(t.rows, row{span: true, cells: []cell{tc('C', italic("Không có"))}})
	}
	return t
}

// signer is one signature column: title bold upper case, an italic hint, room to sign,
// the name bold.
func signer(title, hint, name string) cell {
	n := centred(bold(vn.NFC(name)))
	n.before = 22
	n.signHere = true
	return cell{centred(bold(upper(title))).sized(sizeHead), centred(italic(hint)).sized(sizeHead), n}
}

// signatures sets two signature columns side by side, kept on one page.
func signatures(l, r cell) table {
	return table{widths: []float64{0.5, 0.5}, keep: true, rows: []row{{cells: []cell{l, r}}}}
}
