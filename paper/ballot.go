package paper

import (
	"fmt"
	"sort"
	"strings"

	"tdkt/vn"
)

// BallotCount is the biên bản kiểm phiếu (docs/forms.md D5). No national model exists; the
// layout follows the 2025 health-ministry model for its award council (BM.10).
type BallotCount struct {
	Header       Header
	Council      string // "Hội đồng Thi đua - Khen thưởng tỉnh Lam Giang"
	Award        string // "danh hiệu Chiến sĩ thi đua cấp tỉnh"
	Year         string
	Established  string   // "Quyết định số 12/QĐ-UBND ngày 10/01/2025 của Chủ tịch Ủy ban nhân dân tỉnh"
	MeetingDate  string   // YYYY-MM-DD
	Counters     []string // the vote-counting board; the first is its head
	Members      int
	Voting       int
	NotVoting    []string // "Đ/c … (lý do)"
	Issued       int
	Returned     int
	Valid        int
	Invalid      int
	Results      []VoteResult
	ThresholdPct string // "90%"
}

// BallotCountPDF renders b as an A4 portrait PDF; the results are sorted by "yes"
// votes, highest first, as the model asks.
func BallotCountPDF(b BallotCount) ([]byte, error) { return renderPDF(b.document()) }

func (b BallotCount) document() *document {
	doc := &document{title: "Biên bản kiểm phiếu " + b.Header.Number}
	doc.add(b.Header.block(), title("BIÊN BẢN KIỂM PHIẾU"),
		subject("Xét đề nghị "+vn.NFC(b.Award)+" năm "+vn.NFC(b.Year), false), blank(3))
	line := func(s string) { doc.add(body(plain(s))) }
	line("1. " + vn.NFC(b.Council) + " được thành lập theo " + sentence(b.Established))
	line("2. Hội đồng họp " + longDate(b.MeetingDate) + " để bỏ phiếu xét đề nghị " + vn.NFC(b.Award) + ".")
	counters := nfcAll(b.Counters)
	c := fmt.Sprintf("3. Ban kiểm phiếu gồm %d người", len(counters))
	if len(counters) > 0 {
		c += ": Trưởng Ban kiểm phiếu: " + counters[0]
	}
	if len(counters) > 1 {
		c += "; Các Ủy viên: " + strings.Join(counters[1:], ", ")
	}
	line(c + ".")
	line(fmt.Sprintf("4. Tổng số thành viên Hội đồng theo Quyết định: %d người.", b.Members))
	nv := fmt.Sprintf("- Số thành viên tham gia bỏ phiếu: %d; không tham gia: %d", b.Voting, max(0, b.Members-b.Voting))
	if len(b.NotVoting) > 0 {
		nv += " (Lý do: " + strings.Join(nfcAll(b.NotVoting), "; ") + ")"
	}
	line(nv + ".")
	line(fmt.Sprintf("- Số phiếu phát ra: %d; Số phiếu thu về: %d; Số phiếu hợp lệ: %d; Số phiếu không hợp lệ: %d.",
		b.Issued, b.Returned, b.Valid, b.Invalid))
	line("5. Số tập thể, cá nhân được đề nghị: " + fmt.Sprint(len(b.Results)) + candidateCount(b.Results) + ".")
	item6 := body(plain("6. Kết quả kiểm phiếu (xếp theo số phiếu từ cao xuống thấp):"))
	item6.keepNext = true
	doc.add(item6)

	rs := append([]VoteResult(nil), b.Results...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Yes > rs[j].Yes })
	doc.add(b.table(rs))

	var passed []string
	for _, r := range rs {
		if r.Passed {
			passed = append(passed, vn.NFC(r.Candidate.Name))
		}
	}
	th := vn.NFC(b.ThresholdPct)
	if th == "" && len(rs) > 0 {
		th = vn.NFC(rs[0].ThresholdPct)
	}
	sum := fmt.Sprintf("Số tập thể, cá nhân đạt từ %s số phiếu đồng ý trở lên trên tổng số thành viên Hội đồng theo Quyết định thành lập là %d", th, len(passed))
	if len(passed) > 0 {
		sum += ", gồm:"
	} else {
		sum += "."
	}
	doc.add(body(plain(sum)).space(2))
	for i, n := range passed {
		doc.add(body(plain(fmt.Sprintf("%d. %s.", i+1, n))))
	}
	head, members := "", []string{}
	if len(counters) > 0 {
		head, members = counters[0], counters[1:]
	}
	left := cell{centred(bold("CÁC ỦY VIÊN BAN KIỂM PHIẾU")).sized(sizeHead)}
	for i, m := range members {
		p := centred(bold(m))
		p.before = 14
		if i == 0 {
			p.before = 20
		}
		left = append(left, p)
	}
	doc.add(blank(4), signatures(left, signer("TRƯỞNG BAN KIỂM PHIẾU", "(Ký, ghi rõ họ tên)", head)))
	return doc
}

// candidateCount is " (2 tập thể, 3 cá nhân)" when the kinds are mixed or collective.
func candidateCount(rs []VoteResult) string {
	ps := make([]Person, len(rs))
	for i, r := range rs {
		ps[i] = r.Candidate
	}
	if c := counted(ps); c != "" {
		return " (" + c + ")"
	}
	return ""
}

// table is the results table: TT · Họ và tên · Năm sinh (Nam | Nữ) · Chức danh, chức
// vụ, đơn vị công tác · Số phiếu đồng ý · Tỉ lệ (%).
func (b BallotCount) table(rs []VoteResult) table {
	tc := func(align byte, runs ...run) cell {
		return cell{para{runs: runs, align: align, size: sizeTable, lineSpacing: 1.15}}
	}
	t := table{widths: []float64{0.06, 0.31, 0.08, 0.08, 0.25, 0.10, 0.12}, border: true, rows: []row{{header: true, cells: []cell{
		tc('C', bold("TT")), tc('C', bold("Họ và tên / Tên tập thể")), tc('C', bold("Năm sinh (Nam)")),
		tc('C', bold("Năm sinh (Nữ)")), tc('C', bold("Chức danh, chức vụ, đơn vị công tác")),
		tc('C', bold("Số phiếu đồng ý")), tc('C', bold("Tỉ lệ (%)")),
	}}}}
	for i, r := range rs {
		p := r.Candidate
		male, female := "", ""
		if kindOf(p) == KindPerson {
			if salutation(p) == "Bà" {
				female = vn.NFC(p.BirthYear)
			} else {
				male = vn.NFC(p.BirthYear)
			}
		}
		members := r.Members
		if members == 0 {
			members = b.Members
		}
		t.rows = append(t.rows, row{cells: []cell{
			tc('C', plain(fmt.Sprint(i+1))), tc('L', plain(vn.NFC(p.Name))), tc('C', plain(male)), tc('C', plain(female)),
			tc('L', plain(positionUnit(p))), tc('C', plain(fmt.Sprint(r.Yes))), tc('C', plain(percent(r.Yes, members))),
		}})
	}
	return t
}
