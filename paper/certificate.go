package paper

import (
	"bytes"
	"fmt"

	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"

	"tdkt/vn"
)

// Certificate is a Bằng khen, Giấy khen or bằng chứng nhận danh hiệu (docs/forms.md D7, §8.1,
// after NĐ 98/2023 Art 104): A4 landscape, a decorative border, and the mandatory lines.
type Certificate struct {
	Authority      string // line 3, red: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAM GIANG"
	Verb           string // line 4, black: "TẶNG" or "TẶNG DANH HIỆU"
	Award          string // line 5, red: "BẰNG KHEN", "GIẤY KHEN", "CHIẾN SĨ THI ĐUA CƠ SỞ"
	Awardee        Person
	Achievement    string // "Đã có thành tích xuất sắc trong …"
	DecisionNumber string // "86/QĐ-UBND"
	DecisionDate   string // YYYY-MM-DD
	Place          string // địa danh of the signature line
	Signature      Signature
	Serial         string // số sổ vàng: the awardee's ordinal in the decision
	VerifyURL      string // printed as a QR code and in small text under it
	Revoked        bool   // prints a diagonal "ĐÃ THU HỒI" mark
}

// Landscape A4 in mm.
const certW, certH = 297.0, 210.0

// CertificatePDF renders one certificate on one A4 landscape page.
func CertificatePDF(c Certificate) ([]byte, error) { return CertificatesPDF([]Certificate{c}) }

// CertificateSignable is CertificatePDF with the place of its signature.
func CertificateSignable(c Certificate) (Signable, error) {
	pdf := newPDF("L")
	pdf.SetTitle("Bằng khen, giấy khen", true)
	w := &pdfWriter{measurer: measurer{pdf}}
	pdf.AddPage()
	if err := w.certificate(c, 0); err != nil {
		return Signable{}, err
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return Signable{}, fmt.Errorf("paper: certificate: %w", err)
	}
	return Signable{PDF: buf.Bytes(), Box: w.box}, nil
}

// CertificatesPDF renders many certificates into one PDF, one per page, for printing a
// whole decision at once. Pages are not numbered: each page is a separate document.
func CertificatesPDF(cs []Certificate) ([]byte, error) {
	return CertificatesPDFProgress(cs, nil)
}

// CertificatesPDFProgress is CertificatesPDF telling progress, when it is not nil,
// how many certificates are drawn after each one (a decision for a whole province
// prints thousands, as a background job with a progress bar).
func CertificatesPDFProgress(cs []Certificate, progress func(done int)) ([]byte, error) {
	pdf := newPDF("L")
	pdf.SetTitle("Bằng khen, giấy khen", true)
	w := &pdfWriter{measurer: measurer{pdf}}
	for i, c := range cs {
		pdf.AddPage()
		if err := w.certificate(c, i); err != nil {
			return nil, err
		}
		if progress != nil {
			progress(i + 1)
		}
	}
	if len(cs) == 0 {
		pdf.AddPage()
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("paper: certificates: %w", err)
	}
	return buf.Bytes(), nil
}

// Colours: black text; red for the authority and the award (NĐ 98 Art 104).
var (
	red  = [3]int{200, 16, 30}
	gold = [3]int{176, 134, 52}
)

func (w *pdfWriter) certificate(c Certificate, n int) error {
	w.border()
	const x, width = 25.0, certW - 50
	at := func(y float64, p para) { w.y = y; w.para(p, x, width, false) }
	flow := func(p para) { w.para(p, x, width, false) }

	// Lines 1–2: Quốc hiệu and Tiêu ngữ, black bold, a rule as long as the line.
	motto := centred(bold("Độc lập - Tự do - Hạnh phúc")).sized(15)
	motto.rule = 1
	at(24, centred(bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).sized(15))
	flow(motto)
	// Line 3: the awarding authority, red bold upper case.
	flow(centred(run{text: upper(c.Authority), bold: true, red: true}).sized(17).space(10))
	// Line 4: "TẶNG" / "TẶNG DANH HIỆU", black bold.
	verb := upper(c.Verb)
	if verb == "" {
		verb = "TẶNG"
	}
	flow(centred(bold(verb)).sized(16).space(4))
	// Line 5: the form or title, red bold and large, shrunk to fit one line.
	award := run{text: upper(c.Award), bold: true, red: true}
	size := 44.0
	for size > 24 && w.width(award, size) > width-10 {
		size -= 2
	}
	flow(centred(award).sized(size).space(5))

	// The awardee: salutation, name large; then position and unit; the achievement.
	p := c.Awardee
	nameSize := 26.0
	name := run{text: vn.NFC(p.Name), bold: true}
	for nameSize > 18 && w.width(name, nameSize)+30 > width {
		nameSize -= 2
	}
	flow(centred(italic(salutation(p)+" "), name).sized(nameSize).space(6))
	if pu := positionUnit(p); pu != "" {
		flow(centred(plain(pu)).sized(16).space(1))
	}
	if a := vn.NFC(c.Achievement); a != "" {
		ach := centred(italic(a)).sized(16).space(2)
		for ach.size > 12 && len(w.wrap(ach, width-20)) > 3 {
			ach.size--
		}
		w.para(ach, x+10, width-20, false)
	}

	// Bottom left: decision number and date, "Số sổ vàng" — italic bold (Art 104).
	const bottom = 143.0
	const leftX, leftW = 24.0, 100.0
	w.y = bottom + 16
	dec := "Quyết định số " + vn.NFC(c.DecisionNumber) + " ngày " + vn.FormatDate(c.DecisionDate)
	w.para(centred(boldItal(dec)).sized(13), leftX, leftW, false)
	w.para(centred(boldItal("Số sổ vàng: "+vn.NFC(c.Serial))).sized(13), leftX, leftW, false)

	// Bottom right: place and date italic bold, signer's title bold upper case, room for
	// signature and seal, the signer's name.
	const rightX, rightW = certW - 24 - 110, 110.0
	w.y = bottom
	w.para(centred(boldItal(placeDate(c.Place, c.DecisionDate))).sized(14), rightX, rightW, false)
	for _, s := range []string{c.Signature.Authority, c.Signature.Title} {
		if s != "" {
			w.para(centred(bold(upper(s))).sized(14), rightX, rightW, false)
		}
	}
	if w.box.Page == 0 {
		w.box = Box{Page: w.pdf.PageNo(), X: rightX, Y: w.y, W: rightW, H: 183 - w.y}
	}
	w.y = 183
	w.para(centred(bold(vn.NFC(c.Signature.Name))).sized(16), rightX, rightW, false)

	if err := w.qr(c.VerifyURL, n); err != nil {
		return err
	}
	if c.Revoked {
		w.revoked()
	}
	return w.pdf.Error()
}

// border draws the decorative frame with lines only: a thick outer and a thin inner
// red frame with a band of gold lozenges between them. Art 104 forbids copying the
// state certificates' patterns and ornaments outside the border, so it stays plain.
func (w *pdfWriter) border() {
	pdf := w.pdf
	pdf.SetDrawColor(red[0], red[1], red[2])
	pdf.SetLineWidth(1.2)
	pdf.Rect(8, 8, certW-16, certH-16, "D")
	pdf.SetLineWidth(0.35)
	pdf.Rect(10, 10, certW-20, certH-20, "D")
	pdf.Rect(16, 16, certW-32, certH-32, "D")
	pdf.SetLineWidth(0.8)
	pdf.Rect(17.2, 17.2, certW-34.4, certH-34.4, "D")

	// Lozenges along the band between the frames (band centre 13 mm from the edge).
	pdf.SetDrawColor(gold[0], gold[1], gold[2])
	pdf.SetFillColor(gold[0], gold[1], gold[2])
	pdf.SetLineWidth(0.2)
	lozenge := func(cx, cy float64) {
		const r = 1.6
		pdf.Polygon([]fpdf.PointType{{X: cx - r, Y: cy}, {X: cx, Y: cy - r}, {X: cx + r, Y: cy}, {X: cx, Y: cy + r}}, "F")
	}
	band, step := 13.0, 7.0
	nx, ny := int((certW-2*band)/step), int((certH-2*band)/step)
	for i := 0; i <= nx; i++ {
		cx := band + float64(i)*(certW-2*band)/float64(nx)
		lozenge(cx, band)
		lozenge(cx, certH-band)
	}
	for i := 1; i < ny; i++ {
		cy := band + float64(i)*(certH-2*band)/float64(ny)
		lozenge(band, cy)
		lozenge(certW-band, cy)
	}
	pdf.SetDrawColor(0, 0, 0)
}

// qr prints the verification URL as a 22 mm QR code at the bottom centre with the URL
// in small text under it, so a paper copy can be checked against the register.
func (w *pdfWriter) qr(url string, n int) error {
	url = vn.NFC(url)
	if url == "" {
		return nil
	}
	png, err := qrcode.Encode(url, qrcode.Medium, 256)
	if err != nil {
		return fmt.Errorf("paper: QR code: %w", err)
	}
	name := fmt.Sprintf("qr%d", n)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	w.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(png))
	const size, top = 22.0, 158.0
	w.pdf.ImageOptions(name, (certW-size)/2, top, size, size, false, opt, 0, "")
	w.y = top + size + 0.5
	small := centred(plain(url)).sized(7)
	w.para(small, certW/2-40, 80, false)
	return nil
}

// revoked stamps "ĐÃ THU HỒI" diagonally across the page in translucent red, so a copy
// printed after the reward was revoked cannot pass for a valid certificate.
func (w *pdfWriter) revoked() {
	pdf := w.pdf
	text := "ĐÃ THU HỒI"
	pdf.SetFont(family, "B", 80)
	tw := pdf.GetStringWidth(text)
	pdf.TransformBegin()
	pdf.TransformRotate(25, certW/2, certH/2)
	pdf.SetAlpha(0.35, "Normal")
	pdf.SetTextColor(red[0], red[1], red[2])
	pdf.Text(certW/2-tw/2, certH/2+10, text)
	pdf.SetAlpha(1, "Normal")
	pdf.TransformEnd()
	pdf.SetTextColor(0, 0, 0)
}
