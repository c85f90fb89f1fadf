package paper

import (
	"strconv"
	"strings"

	"tdkt/vn"
)

// Decision is a quyết định khen thưởng (docs/forms.md D6; Decree 30/2020 Mẫu 1.2, "quyết định
// cá biệt quy định trực tiếp") with its attached list.
type Decision struct {
	Header        Header
	Subject       string   // trích yếu: "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
	AuthorityLine string   // thẩm quyền ban hành: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAM GIANG"
	AuthorityName string   // the same in running text for the list: "Chủ tịch Ủy ban nhân dân tỉnh Lam Giang"; derived from AuthorityLine when empty
	Bases         []string // căn cứ lines, without the final ";" or "."
	ProposedBy    string   // "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số … ngày …"
	Award         string   // "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"; Điều 1 reads "Tặng <Award> cho …"
	Reason        string   // "đã có thành tích xuất sắc trong …"
	Awardees      []Person
	MoneyClause   string // Điều 2; empty for decisions without money (the articles renumber)
	Executors     string // "Chánh Văn phòng …, Giám đốc Sở Nội vụ … và các tập thể, cá nhân có tên tại Điều 1"
	Recipients    []string
	Signature     Signature
}

// DecisionPDF renders d as an A4 portrait PDF: the decision, then the attached list on a
// new page when there is more than one awardee.
func DecisionPDF(d Decision) ([]byte, error) { return renderPDF(d.document()) }

// DecisionDOCX renders d as a Word document with the same content as DecisionPDF, for
// the clerk who edits before signing.
func DecisionDOCX(d Decision) ([]byte, error) { return renderDOCX(d.document()) }

func (d Decision) document() *document {
	doc := &document{title: "Quyết định " + d.Header.Number}
	doc.add(d.Header.block(),
		title("QUYẾT ĐỊNH"),
		subject(d.Subject, true),
		centred(bold(upper(d.AuthorityLine))).space(4),
		blank(2))
	doc.add(bases(d.Bases)...)
	if d.ProposedBy != "" {
		doc.add(body(plain(sentence(d.ProposedBy))))
	}
	doc.add(centred(bold("QUYẾT ĐỊNH:")).space(3), blank(1))

	art := 0
	article := func(text ...run) {
		art++
		runs := append([]run{bold("Điều " + strconv.Itoa(art) + ". ")}, text...)
		doc.add(body(runs...))
	}
	article(plain(d.article1()))
	if d.MoneyClause != "" {
		article(plain(sentence(d.MoneyClause)))
	}
	effect := "Quyết định này có hiệu lực kể từ ngày ký."
	if ex := vn.NFC(d.Executors); ex != "" {
		if !strings.Contains(ex, "chịu trách nhiệm") {
			ex += " chịu trách nhiệm thi hành Quyết định này"
		}
		effect += " " + sentence(ex)
	}
	article(plain(effect))
	doc.add(blank(2), closing(d.Recipients, d.Signature))

	if len(d.Awardees) > 1 {
		doc.add(pageBreak{})
		doc.add(d.list()...)
	}
	return doc
}

// article1 is "Tặng <Award> cho n tập thể và m cá nhân (có danh sách kèm theo), <reason>."
// A single awardee is named in the article instead (docs/forms.md §7, Điều 1).
func (d Decision) article1() string {
	s := "Tặng " + vn.NFC(d.Award) + " cho "
	switch len(d.Awardees) {
	case 0:
		s += "…"
	case 1:
		p := d.Awardees[0]
		s += salutation(p) + " " + vn.NFC(p.Name)
		if pu := positionUnit(p); pu != "" {
			s += ", " + pu
		}
	default:
		s += counted(d.Awardees) + " (có danh sách kèm theo)"
	}
	if r := vn.NFC(d.Reason); r != "" {
		s += ", " + r
	}
	return sentence(s)
}

// list is the danh sách kèm theo (docs/forms.md §7.2; Decree 30/2020, Phụ lục I, item on
// phụ lục): title, subtitle, the italic reference to the decision, and the table.
func (d Decision) list() []any {
	who := []string{}
	for i, g := range byKind(d.Awardees) {
		if len(g) > 0 {
			who = append(who, groups[i].label)
		}
	}
	sub := strings.Join(who, ", ")
	if len(who) > 1 {
		sub = strings.Join(who[:len(who)-1], ", ") + " VÀ " + who[len(who)-1]
	}
	sub += " ĐƯỢC TẶNG " + upper(d.Award)
	name := vn.NFC(d.AuthorityName)
	if name == "" {
		name = runningCase(d.AuthorityLine)
	}
	ref := "(Kèm theo Quyết định số " + vn.NFC(d.Header.Number) + " " + longDate(d.Header.Date)
	if name != "" {
		ref += " của " + name
	}
	ref += ")"
	t := awardeeTable(d.Awardees, listOptions{money: hasMoney(d.Awardees)})
	return append(listHead(centred(bold("DANH SÁCH")), centred(bold(sub)), centred(italic(ref))), t)
}

// listHead is the title block of an attached list: bold title lines, then the italic
// "(Kèm theo …)" line.
func listHead(lines ...para) []any {
	out := make([]any, len(lines))
	for i, p := range lines {
		if i == len(lines)-1 {
			p.after = 4
		}
		out[i] = p
	}
	return out
}

// runningCase turns an upper-case title such as "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAM GIANG"
// into running text, "Chủ tịch Ủy ban nhân dân tỉnh Lam Giang": the first word, "Ủy ban",
// "Bộ …", "Chính phủ" and the place name after tỉnh/thành phố/xã/phường/đặc khu keep a
// capital, as does the word after "Bộ" or "Sở" ("Sở Nội vụ"). It is a fallback;
// callers that know the exact wording set AuthorityName.
func runningCase(s string) string {
	w := strings.Fields(strings.ToLower(vn.NFC(s)))
	place := false
	for i := range w {
		ministry := func(k int) bool {
			l := ""
			if k >= 0 {
				l = strings.ToLower(w[k])
			}
			return l == "bộ" || l == "sở"
		}
		capital := i == 0 || place || ministry(i) || ministry(i-1) ||
			(w[i] == "ủy" && i+1 < len(w) && w[i+1] == "ban") ||
			(w[i] == "chính" && i+1 < len(w) && w[i+1] == "phủ")
		if capital {
			w[i] = capitalise(w[i])
		}
		pair := ""
		if i > 0 {
			pair = strings.ToLower(w[i-1] + " " + w[i])
		}
		switch l := strings.ToLower(w[i]); {
		case l == "tỉnh" || l == "xã" || l == "phường" || l == "huyện" || l == "quận":
			place = true
		case pair == "thành phố" || pair == "đặc khu":
			place = true
		}
	}
	return strings.Join(w, " ")
}

func capitalise(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
