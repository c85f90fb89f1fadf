package paper

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pdfTool returns the path of a poppler tool; without it the test skips, unless
// TDKT_REQUIRE_BROWSER=1 (CI installs poppler-utils), where it fails.
func pdfTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("TDKT_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s not found (install poppler-utils)", name)
		}
		t.Skipf("%s not found (install poppler-utils)", name)
	}
	return p
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var spaces = regexp.MustCompile(`[ \t]+`)

var whitespace = regexp.MustCompile(`\s+`)

// pdfText checks the PDF's magic and embedded font and returns its text as
// pdftotext -layout extracts it, with runs of spaces collapsed.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("not a PDF: %q", b[:min(len(b), 16)])
	}
	path := writeTemp(t, "doc.pdf", b)
	if pf, err := exec.LookPath("pdffonts"); err == nil {
		out, err := exec.Command(pf, path).CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, out)
		}
		if !regexp.MustCompile(`(?i)tinos\S*\s+CID TrueType\s+Identity-H\s+yes`).Match(out) {
			t.Errorf("Tinos is not embedded:\n%s", out)
		}
	}
	out, err := exec.Command(pdfTool(t, "pdftotext"), "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return spaces.ReplaceAllString(string(out), " ")
}

// contains checks each wanted string in text, with line breaks counted as spaces, since
// a paragraph may wrap anywhere.
func contains(t *testing.T, text string, want ...string) {
	t.Helper()
	flat := whitespace.ReplaceAllString(text, " ")
	for _, w := range want {
		if !strings.Contains(flat, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
}

// docxText opens a .docx, parses word/document.xml and returns its paragraphs' text.
func docxText(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]bool{}
	var doc []byte
	for _, f := range z.File {
		parts[f.Name] = true
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		if !strings.HasSuffix(f.Name, ".rels") && !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		if err := xml.Unmarshal(data, new(struct{})); err != nil {
			t.Errorf("%s is not well-formed XML: %v", f.Name, err)
		}
		if f.Name == "word/document.xml" {
			doc = data
		}
	}
	for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} {
		if !parts[p] {
			t.Errorf("missing part %s", p)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var sb strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if tok.Name.Local == "p" {
				sb.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				sb.Write(tok)
			}
		}
	}
	if !bytes.Contains(doc, []byte(`w:w="11906" w:h="16838"`)) || !bytes.Contains(doc, []byte(`w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`)) {
		t.Error("page is not A4 with the Decree 30 margins")
	}
	return sb.String()
}

// shot renders page 1 of a PDF to /tmp/paper-shots for a person to look at.
func shot(t *testing.T, name string, b []byte) {
	t.Helper()
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		return
	}
	dir := "/tmp/paper-shots"
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	path := filepath.Join(dir, name+".pdf")
	if os.WriteFile(path, b, 0o644) == nil {
		_ = exec.Command(tool, "-r", "60", "-png", path, filepath.Join(dir, name)).Run()
	}
}

var common = []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}

func TestCertificate(t *testing.T) {
	b, err := CertificatePDF(sampleCertificate())
	if err != nil {
		t.Fatal(err)
	}
	shot(t, "certificate", b)
	text := pdfText(t, b)
	contains(t, text, common...)
	contains(t, text, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAM GIANG", "TẶNG DANH HIỆU", "CHIẾN SĨ THI ĐUA CƠ SỞ",
		"Bà Nguyễn Thị Hồng Nhung", "Quyết định số 86/QĐ-UBND ngày 05/01/2026", "Số sổ vàng: 15",
		"Lam Giang, ngày 05 tháng 01 năm 2026", "PHÓ CHỦ TỊCH", "Hoàng Minh Tuấn",
		"https://tdkt.lamgiang.gov.vn/xac-minh/QD86-2026-015")
	if strings.Contains(text, "ĐÃ THU HỒI") {
		t.Error("a valid certificate is marked revoked")
	}
	if !bytes.Contains(b, []byte("/Subtype /Image")) {
		t.Error("no QR code image in the PDF")
	}
	if info, err := exec.LookPath("pdfinfo"); err == nil {
		out, _ := exec.Command(info, writeTemp(t, "c.pdf", b)).Output()
		if !strings.Contains(string(out), "841.89 x 595.28 pts") {
			t.Errorf("not A4 landscape:\n%s", out)
		}
	}
}

func TestCertificatesBulkAndRevoked(t *testing.T) {
	a := sampleCertificate()
	c := a
	c.Verb, c.Award, c.Revoked, c.VerifyURL = "TẶNG", "BẰNG KHEN", true, ""
	c.Awardee = Person{Name: "Phòng Nội vụ", Unit: "Ủy ban nhân dân xã Hòa An", Kind: KindCollective}
	b, err := CertificatesPDF([]Certificate{a, c})
	if err != nil {
		t.Fatal(err)
	}
	shot(t, "certificates", b)
	text := pdfText(t, b)
	pages := strings.Split(text, "\f")
	if len(pages) < 2 || !strings.Contains(pages[0], "Nguyễn Thị Hồng Nhung") || !strings.Contains(pages[1], "Tập thể Phòng Nội vụ") {
		t.Fatalf("want one certificate per page, got:\n%s", text)
	}
	contains(t, pages[1], "BẰNG KHEN")
	// Poppler does not extract diagonal text, so the "ĐÃ THU HỒI" mark is checked on
	// the rendered pages: the revoked one has far more pink (translucent red) pixels.
	if valid, revoked := pinkPixels(t, b, 1), pinkPixels(t, b, 2); revoked < valid+500 {
		t.Errorf("revoked mark not visible: %d pink pixels on the revoked page, %d on the valid one", revoked, valid)
	}
}

// pinkPixels renders one page at 30 dpi and counts light-red pixels.
func pinkPixels(t *testing.T, pdf []byte, page int) int {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	n := strconv.Itoa(page)
	if out, err := exec.Command(pdfTool(t, "pdftoppm"), "-r", "30", "-png", "-f", n, "-l", n, "-singlefile", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "p.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 > 215 && g>>8 > 120 && g>>8 < 215 && b>>8 > 120 && b>>8 < 215 {
				count++
			}
		}
	}
	return count
}

func TestDecision(t *testing.T) {
	d := sampleDecision()
	b, err := DecisionPDF(d)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, "decision", b)
	text := pdfText(t, b)
	want := []string{
		"ỦY BAN NHÂN DÂN TỈNH", "Số: 86/QĐ-UBND", "Lam Giang, ngày 05 tháng 01 năm 2026",
		"QUYẾT ĐỊNH", "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
		"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAM GIANG", "QUYẾT ĐỊNH:",
		"Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15", "NĐ-CP",
		"Điều 1. Tặng Bằng khen", "1 tập thể, 2 cá nhân và 1 hộ gia đình (có danh sách kèm theo)",
		"Điều 2.", "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
		"Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, TĐKT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Minh Tuấn",
		"DANH SÁCH", "(Kèm theo Quyết định số 86/QĐ-UBND ngày 05 tháng 01 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh Lam Giang)",
		"I. TẬP THỂ", "II. CÁ NHÂN", "III. HỘ GIA ĐÌNH", "Nguyễn Thị Hồng Nhung", "3.800.000", "9.500.000", "Tổng cộng",
	}
	contains(t, text, common...)
	contains(t, text, want...)
	// Căn cứ lines end with ";" and the last with "." (Decree 30/2020).
	contains(t, text, "năm 2022;", "Luật Thi đua, khen thưởng.")
	if strings.Contains(text, "\u0300") || strings.Contains(text, "\u0323") {
		t.Error("combining marks in the output: NFD text was not normalised")
	}
	// Page 2 carries its number; page 1 does not.
	pages := strings.Split(text, "\f")
	if len(pages) < 2 || strings.TrimSpace(strings.SplitN(strings.TrimLeft(pages[1], "\n "), "\n", 2)[0]) != "2" {
		t.Errorf("page 2 should start with its number:\n%.200s", pages[1])
	}

	x, err := DecisionDOCX(d)
	if err != nil {
		t.Fatal(err)
	}
	dt := docxText(t, x)
	contains(t, dt, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Điều 1. ",
		"Nguyễn Thị Hồng Nhung", "3.800.000", "Nơi nhận:", "Hoàng Minh Tuấn", "III. HỘ GIA ĐÌNH")
}

func TestDecisionSingleAwardee(t *testing.T) {
	d := sampleDecision()
	d.Awardees = d.Awardees[1:2]
	b, err := DecisionPDF(d)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b)
	contains(t, text, "cho Bà Nguyễn Thị Hồng Nhung, Chuyên viên, Sở Nội vụ")
	if strings.Contains(text, "DANH SÁCH") {
		t.Error("a single awardee needs no attached list")
	}
}

func sampleProposal() Proposal {
	h := province
	h.ParentOrg, h.Org, h.Number, h.Date = "UBND TỈNH LAM GIANG", "SỞ NỘI VỤ", "15/TTr-SNV", "2026-02-03"
	return Proposal{
		Header:     h,
		Subject:    "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
		To:         "Chủ tịch Ủy ban nhân dân tỉnh Lam Giang",
		Bases:      []string{"Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15", "Căn cứ Nghị định số 152/2025/NĐ-CP"},
		Body:       []string{"Sở Nội vụ kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét, tặng Bằng khen cho 1 tập thể và 2 cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc trong công tác năm 2025."},
		Candidates: samplePeople()[:3],
		Recipients: []string{"Như trên", "Lưu: VT, TĐKT"},
		Signature:  Signature{Title: "GIÁM ĐỐC", Name: "Đặng Thu Hà"},
	}
}

func TestProposal(t *testing.T) {
	p := sampleProposal()
	b, err := ProposalPDF(p)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, "proposal", b)
	text := pdfText(t, b)
	contains(t, text, common...)
	contains(t, text, "UBND TỈNH LAM GIANG", "SỞ NỘI VỤ", "Số: 15/TTr-SNV", "Lam Giang, ngày 03 tháng 02 năm 2026",
		"TỜ TRÌNH", "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lam Giang", "GIÁM ĐỐC", "Đặng Thu Hà",
		"DANH SÁCH", "ĐỀ NGHỊ KHEN THƯỞNG", "(Kèm theo Tờ trình số 15/TTr-SNV ngày 03 tháng 02 năm 2026 của Sở Nội vụ)",
		"Nguyễn Thị Hồng Nhung", "Nữ", "1985", "3.800.000")
	x, err := ProposalDOCX(p)
	if err != nil {
		t.Fatal(err)
	}
	contains(t, docxText(t, x), "TỜ TRÌNH", "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lam Giang", "Nguyễn Thị Hồng Nhung", "Đặng Thu Hà")
}

func sampleReport() AchievementReport {
	return AchievementReport{
		FormNumber:   "Mẫu số 05",
		Title:        "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
		Person:       samplePeople()[1],
		BirthDate:    "1985-03-09",
		Hometown:     "xã Hòa An, tỉnh Lam Giang",
		Residence:    "phường Đông Thành, tỉnh Lam Giang",
		Education:    "Thạc sĩ Quản lý công",
		Duties:       "Phụ trách công tác thi đua, khen thưởng của Sở.\n\nTham mưu xây dựng kế hoạch thi đua năm.",
		Achievements: nfd("Hoàn thành xuất sắc nhiệm vụ được giao; có 01 sáng kiến được công nhận."),
		Titles: []HonourRow{
			{Year: "2024", Name: "Chiến sĩ thi đua cơ sở", Decision: "Quyết định số 20/QĐ-SNV ngày 10/01/2025 của Giám đốc Sở Nội vụ"},
			{Year: "2025", Name: "Lao động tiên tiến", Decision: "Quyết định số 12/QĐ-SNV ngày 08/01/2026 của Giám đốc Sở Nội vụ"},
		},
		Place: "Lam Giang", Date: "2026-01-20",
		UnitHeadSignature: "Đặng Thu Hà", ReporterName: "Nguyễn Thị Hồng Nhung",
	}
}

func TestAchievementReport(t *testing.T) {
	r := sampleReport()
	b, err := AchievementReportPDF(r)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, "report", b)
	text := pdfText(t, b)
	contains(t, text, common...)
	contains(t, text, "Mẫu số 05", "BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG BẰNG KHEN", "I. SƠ LƯỢC LÝ LỊCH",
		"Nguyễn Thị Hồng Nhung", "Sinh ngày, tháng, năm: 09/03/1985", "Giới tính: Nữ", "Thạc sĩ Quản lý công",
		"III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "Danh hiệu thi đua", "Chiến sĩ thi đua cơ sở",
		"Quyết định số 20/QĐ-SNV", "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN,", "NGƯỜI BÁO CÁO THÀNH TÍCH",
		"Lam Giang, ngày 20 tháng 01 năm 2026", "có 01 sáng kiến")
	x, err := AchievementReportDOCX(r)
	if err != nil {
		t.Fatal(err)
	}
	contains(t, docxText(t, x), "BÁO CÁO THÀNH TÍCH", "Số, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; cơ quan ban hành quyết định",
		"Lao động tiên tiến", "NGƯỜI BÁO CÁO THÀNH TÍCH")
}

func sampleVotes() []VoteResult {
	ps := samplePeople()
	return []VoteResult{
		{Candidate: ps[2], Award: "Chiến sĩ thi đua cấp tỉnh", Yes: 8, Members: 9, Required: 9, ThresholdPct: "90%", Passed: false},
		{Candidate: ps[1], Award: "Chiến sĩ thi đua cấp tỉnh", Yes: 9, Members: 9, Required: 9, ThresholdPct: "90%", Passed: true, Recused: []string{"Đặng Thu Hà"}},
	}
}

func TestMinutes(t *testing.T) {
	h := province
	h.Org, h.Number = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH LAM GIANG", "03/BB-HĐTĐKT"
	m := Minutes{
		Header: h, Council: "Hội đồng Thi đua - Khen thưởng tỉnh Lam Giang", Occasion: "năm 2025",
		StartedAt: "2026-01-05 08:00", EndedAt: "2026-01-05 10:30", Place: "Phòng họp số 1, Ủy ban nhân dân tỉnh",
		Chair: "Hoàng Minh Tuấn", Secretary: "Đặng Thu Hà", Members: 9, Present: 8,
		Absent:  []string{"Đồng chí Lý Văn Sơn (đi công tác, có ý kiến bằng văn bản)"},
		Summary: []string{"Thường trực Hội đồng báo cáo tóm tắt hồ sơ và kết quả thẩm định."},
		Results: sampleVotes(),
	}
	b, err := MinutesPDF(m)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, "minutes", b)
	text := pdfText(t, b)
	contains(t, text, common...)
	contains(t, text, "BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng tỉnh Lam Giang xét đề nghị khen thưởng năm 2025",
		"08 giờ 00 phút, ngày 05 tháng 01 năm 2026", "vắng mặt: 1 người", "9/9 phiếu = 100% tổng số thành viên",
		"8/9 phiếu = 88,88% tổng số thành viên", "Không đạt", "Đạt (yêu cầu ≥ 90%)", "III. KẾT LUẬN",
		"THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG", "Nguyễn Thị Hồng Nhung")
}

func TestBallotCount(t *testing.T) {
	h := province
	h.Org, h.Number = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH LAM GIANG", "04/BB-HĐTĐKT"
	bc := BallotCount{
		Header: h, Council: "Hội đồng Thi đua - Khen thưởng tỉnh Lam Giang", Award: "danh hiệu Chiến sĩ thi đua cấp tỉnh", Year: "2025",
		Established: "Quyết định số 12/QĐ-UBND ngày 10/01/2025 của Chủ tịch Ủy ban nhân dân tỉnh",
		MeetingDate: "2026-01-05", Counters: []string{"Trần Văn Đức", "Lê Thị Mai", "Phạm Quốc Bảo"},
		Members: 9, Voting: 8, NotVoting: []string{"Lý Văn Sơn (đi công tác)"},
		Issued: 8, Returned: 8, Valid: 8, Results: sampleVotes(), ThresholdPct: "90%",
	}
	b, err := BallotCountPDF(bc)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, "ballot", b)
	text := pdfText(t, b)
	contains(t, text, common...)
	contains(t, text, "BIÊN BẢN KIỂM PHIẾU", "Xét đề nghị danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2025",
		"Trưởng Ban kiểm phiếu: Trần Văn Đức", "Số phiếu phát ra: 8; Số phiếu thu về: 8; Số phiếu hợp lệ: 8; Số phiếu không hợp lệ: 0",
		"đạt từ 90% số phiếu đồng ý trở lên", "là 1, gồm:", "1. Nguyễn Thị Hồng Nhung.", "TRƯỞNG BAN KIỂM PHIẾU",
		"CÁC ỦY VIÊN BAN KIỂM PHIẾU")
	// Sorted by yes votes: Nhung (9) comes before Đức (8) in the table.
	if i, j := strings.Index(text, "Nguyễn Thị Hồng Nhung"), strings.Index(text, "Trần Văn Đức Trưởng"); i < 0 || (j >= 0 && j < i) {
		t.Errorf("results not sorted by votes")
	}
}

func TestDateParts(t *testing.T) {
	for iso, want := range map[string]string{
		"2026-01-05": "ngày 05 tháng 01 năm 2026",
		"2026-02-28": "ngày 28 tháng 02 năm 2026",
		"2026-03-09": "ngày 09 tháng 3 năm 2026",
		"2026-12-15": "ngày 15 tháng 12 năm 2026",
		"":           "ngày … tháng … năm …",
	} {
		if got := longDate(iso); got != want {
			t.Errorf("longDate(%q) = %q, want %q", iso, got, want)
		}
	}
	if got := runningCase("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"); got != "Chủ tịch Ủy ban nhân dân thành phố Hà Nội" {
		t.Errorf("runningCase = %q", got)
	}
	if got := percent(8, 9); got != "88,88%" {
		t.Errorf("percent = %q", got)
	}
}
