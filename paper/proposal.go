package paper

import "tdkt/vn"

// Proposal is a tờ trình đề nghị khen thưởng (docs/forms.md D1; NĐ 152/2025 Phụ lục, Mẫu số
// 01) with the danh sách đề nghị attached (docs/forms.md D3).
type Proposal struct {
	Header     Header
	Subject    string   // trích yếu: "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
	To         string   // Kính gửi: "Chủ tịch Ủy ban nhân dân tỉnh Lam Giang"
	Bases      []string // căn cứ lines
	Body       []string // paragraphs of the request and the summary of achievements
	Candidates []Person
	Recipients []string
	Signature  Signature
}

// ProposalPDF renders p as an A4 portrait PDF, with the list of candidates on a new page.
func ProposalPDF(p Proposal) ([]byte, error) { return renderPDF(p.document()) }

// ProposalDOCX renders p as a Word document with the same content as ProposalPDF.
func ProposalDOCX(p Proposal) ([]byte, error) { return renderDOCX(p.document()) }

func (p Proposal) document() *document {
	doc := &document{title: "Tờ trình " + p.Header.Number}
	doc.add(p.Header.block(), title("TỜ TRÌNH"), subject(p.Subject, true))
	if to := vn.NFC(p.To); to != "" {
		// "Kính gửi" sits on one line when there is one recipient (Decree 30/2020,
		// Phụ lục I, item on nơi nhận of tờ trình and công văn).
		doc.add(centred(plain("Kính gửi: "+to)).space(4), blank(2))
	}
	doc.add(bases(p.Bases)...)
	for _, b := range p.Body {
		if b = vn.NFC(b); b != "" {
			doc.add(body(plain(b)))
		}
	}
	doc.add(blank(2), closing(p.Recipients, p.Signature))
	if len(p.Candidates) > 0 {
		ref := "(Kèm theo Tờ trình số " + vn.NFC(p.Header.Number) + " " + longDate(p.Header.Date)
		if org := runningCase(p.Header.Org); org != "" {
			ref += " của " + org
		}
		doc.add(pageBreak{})
		doc.add(listHead(
			centred(bold("DANH SÁCH")),
			centred(bold("ĐỀ NGHỊ KHEN THƯỞNG")),
			centred(italic(ref+")")))...)
		doc.add(awardeeTable(p.Candidates, listOptions{birth: true, money: hasMoney(p.Candidates)}))
	}
	return doc
}
