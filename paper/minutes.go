package paper

import (
	"fmt"
	"strings"
	"time"

	"tdkt/vn"
)

// Minutes are the biên bản họp Hội đồng Thi đua - Khen thưởng (docs/forms.md D4; layout of
// Decree 30/2020 Mẫu 1.9).
type Minutes struct {
	Header     Header
	Council    string // "Hội đồng Thi đua - Khen thưởng tỉnh Lam Giang"
	Occasion   string // "năm 2025"
	StartedAt  string // "YYYY-MM-DD HH:MM" (written out in words) or free text
	EndedAt    string
	Place      string
	Chair      string // full name of the chair
	Secretary  string // full name of the secretary
	Members    int    // members under the founding decision
	Present    int
	Absent     []string // "Đ/c … (công tác; có ý kiến bằng văn bản)"
	Summary    []string // paragraphs of section II
	Results    []VoteResult
	Conclusion []string // paragraphs of section III; generated from the results when empty
}

// VoteResult is the vote on one candidate. The share is counted on the total number of
// council members, not on those present (NĐ 98 Art 30(7)); Passed comes from the rules
// engine, which knows the threshold in force.
type VoteResult struct {
	Candidate    Person
	Award        string
	Yes          int
	Members      int
	Required     int    // votes needed
	ThresholdPct string // "90%"
	Passed       bool
	Recused      []string // members who did not vote on this candidate
}

// MinutesPDF renders m as an A4 portrait PDF.
func MinutesPDF(m Minutes) ([]byte, error) { return renderPDF(m.document()) }

func (m Minutes) document() *document {
	doc := &document{title: "Biên bản " + m.Header.Number}
	doc.add(m.Header.block(), title("BIÊN BẢN"),
		subject("Họp "+vn.NFC(m.Council)+" xét đề nghị khen thưởng "+vn.NFC(m.Occasion), false), blank(3))
	doc.add(body(plain("Thời gian bắt đầu: " + clock(m.StartedAt) + ".")))
	doc.add(body(plain("Địa điểm: " + sentence(m.Place))))

	doc.add(heading("I. THÀNH PHẦN"))
	doc.add(body(plain("- Chủ trì: Đồng chí " + vn.NFC(m.Chair) + ", Chủ tịch Hội đồng.")))
	doc.add(body(plain("- Thư ký: Đồng chí " + sentence(m.Secretary))))
	doc.add(body(plain(fmt.Sprintf("- Tổng số thành viên Hội đồng theo Quyết định thành lập: %d người.", m.Members))))
	absent := fmt.Sprintf("- Số thành viên có mặt: %d người; vắng mặt: %d người", m.Present, max(0, m.Members-m.Present))
	if len(m.Absent) > 0 {
		absent += " (" + strings.Join(nfcAll(m.Absent), "; ") + ")"
	}
	doc.add(body(plain(absent + ".")))

	doc.add(heading("II. NỘI DUNG"))
	for _, s := range m.Summary {
		if s = vn.NFC(s); s != "" {
			doc.add(body(plain(s)))
		}
	}
	if len(m.Results) > 0 {
		doc.add(heading("Kết quả biểu quyết:"))
		doc.add(voteLines(m.Results)...)
	}

	doc.add(heading("III. KẾT LUẬN"))
	concl := nfcAll(m.Conclusion)
	if len(concl) == 0 {
		concl = passedSentence(m.Results)
	}
	for _, s := range concl {
		doc.add(body(plain(s)))
	}
	doc.add(body(plain("Cuộc họp kết thúc vào " + clock(m.EndedAt) + ".")))
	doc.add(blank(4), signatures(
		signer("THƯ KÝ", "(Ký, ghi rõ họ tên)", m.Secretary),
		signer("CHỦ TỊCH HỘI ĐỒNG", "(Ký, đóng dấu, ghi rõ họ tên)", m.Chair)))
	return doc
}

// voteLines give one numbered line per candidate with "x/N phiếu = y% tổng số thành
// viên" and the outcome (docs/forms.md §5). Minutes are prose, so the
// results are written as sentences rather than a table that would squeeze them.
func voteLines(rs []VoteResult) []any {
	var out []any
	for i, r := range rs {
		p := r.Candidate
		who := salutation(p) + " " + vn.NFC(p.Name)
		if pu := positionUnit(p); pu != "" {
			who += ", " + pu
		}
		s := fmt.Sprintf("%d. %s — %s: %s; kết quả: %s", i+1, who, vn.NFC(r.Award), voteShare(r.Yes, r.Members), outcome(r))
		if len(r.Recused) > 0 {
			s += " (không tham gia biểu quyết: " + strings.Join(nfcAll(r.Recused), ", ") + ")"
		}
		out = append(out, body(plain(s+".")))
	}
	return out
}

// voteShare is "9/10 phiếu = 90% tổng số thành viên".
func voteShare(yes, members int) string {
	return fmt.Sprintf("%d/%d phiếu = %s tổng số thành viên", yes, members, percent(yes, members))
}

// outcome is "Đạt" or "Không đạt", with the threshold when known.
func outcome(r VoteResult) string {
	s := "Không đạt"
	if r.Passed {
		s = "Đạt"
	}
	if th := vn.NFC(r.ThresholdPct); th != "" {
		s += " (yêu cầu ≥ " + th + ")"
	}
	return s
}

// percent is yes/members as "88,88%": truncated, not rounded, so that a share just
// below a threshold never prints as the threshold itself; Vietnamese decimal comma.
func percent(yes, members int) string {
	if members <= 0 {
		return "0%"
	}
	hundredths := yes * 10000 / members
	s := fmt.Sprintf("%d,%02d", hundredths/100, hundredths%100)
	s = strings.TrimSuffix(strings.TrimRight(s, "0"), ",")
	return s + "%"
}

// passedSentence is the default conclusion: the candidates that reached the threshold.
func passedSentence(rs []VoteResult) []string {
	var names []string
	for _, r := range rs {
		if r.Passed {
			names = append(names, vn.NFC(r.Candidate.Name)+" ("+vn.NFC(r.Award)+")")
		}
	}
	if len(names) == 0 {
		return []string{"Không có tập thể, cá nhân nào đạt số phiếu đồng ý theo quy định."}
	}
	return []string{"Hội đồng thống nhất đề nghị khen thưởng " + fmt.Sprint(len(names)) +
		" tập thể, cá nhân đạt số phiếu đồng ý theo quy định: " + strings.Join(names, "; ") + "."}
}

// clock writes "YYYY-MM-DD HH:MM" as "08 giờ 00 phút, ngày 10 tháng 01 năm 2026";
// other text is printed as given.
func clock(s string) string {
	s = vn.NFC(s)
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return fmt.Sprintf("%02d giờ %02d phút, %s", t.Hour(), t.Minute(), longDate(t.Format(vn.DateLayout)))
		}
	}
	if s == "" {
		return "… giờ … phút, ngày … tháng … năm …"
	}
	return s
}

func nfcAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = vn.NFC(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
