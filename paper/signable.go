package paper

// Box is where a signature and seal go on a page, in millimetres from the page's
// top-left corner: the space left above the signer's name (Decree 30/2020, Phụ lục I,
// item 7). A digital signature's visible mark is drawn there.
type Box struct {
	Page       int // 1-based; 0 when the document has no signer block
	X, Y, W, H float64
}

// Signable is a rendered PDF with the place of its first signer's signature.
type Signable struct {
	PDF []byte
	Box Box
}

func signable(d *document) (Signable, error) {
	b, box, err := renderSignable(d)
	return Signable{PDF: b, Box: box}, err
}

// DecisionSignable renders a decision for signing.
func DecisionSignable(d Decision) (Signable, error) { return signable(d.document()) }

// ProposalSignable renders a submission (tờ trình) for signing.
func ProposalSignable(p Proposal) (Signable, error) { return signable(p.document()) }

// MinutesSignable renders a council's minutes for signing.
func MinutesSignable(m Minutes) (Signable, error) { return signable(m.document()) }

// BallotCountSignable renders a ballot count for signing.
func BallotCountSignable(b BallotCount) (Signable, error) { return signable(b.document()) }

// ReportSignable renders an achievement report for signing; the box is the
// confirming level's block on the left ("Thủ trưởng đơn vị xác nhận, đề nghị").
func ReportSignable(r AchievementReport) (Signable, error) { return signable(r.document()) }
