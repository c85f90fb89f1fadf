package core

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/paper"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The documents of a dossier, drafted from the records in the layouts of Decree
// 30/2020 and the appendix of Decree 152/2025 (package paper), and the files a clerk
// attaches.

// orgChain loads an organisation and its ancestors, the organisation first.
func orgChain(ctx context.Context, tx *sqldb.Tx, id int64) ([]tdkt.Org, error) {
	var out []tdkt.Org
	for id != 0 {
		o, err := tx.OrgByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
		id = o.ParentID
	}
	return out, nil
}

// placeOf is the địa danh printed before the date: the province's own name, taken from
// the nearest province in the chain ("Ủy ban nhân dân tỉnh Lam Giang" → "Lam Giang").
func placeOf(chain []tdkt.Org) string {
	for _, o := range chain {
		if o.Level == tdkt.LevelProvince {
			n := o.Name
			for _, p := range []string{"Ủy ban nhân dân ", "UBND ", "tỉnh ", "thành phố ", "Tỉnh ", "Thành phố "} {
				n = strings.TrimPrefix(n, p)
			}
			return n
		}
	}
	if len(chain) > 0 {
		return chain[len(chain)-1].Name
	}
	return ""
}

// header is the document header of an organisation: its parent and itself.
func header(chain []tdkt.Org, number, date string) paper.Header {
	h := paper.Header{Number: number, Place: placeOf(chain), Date: date}
	if len(chain) > 0 {
		h.Org = chain[0].Name
	}
	if len(chain) > 1 {
		h.ParentOrg = chain[1].Name
	}
	return h
}

// headTitle is the title of the head of an organisation of a level.
func headTitle(o tdkt.Org) string {
	switch o.Level {
	case tdkt.LevelCentral:
		return "Thủ tướng"
	case tdkt.LevelProvince, tdkt.LevelCommune:
		return "Chủ tịch"
	case tdkt.LevelMinistry:
		return "Bộ trưởng"
	}
	return "Giám đốc"
}

// authorityName is the head of an organisation in running text: "Chủ tịch Ủy ban nhân
// dân tỉnh Lam Giang".
func authorityName(o tdkt.Org) string {
	if o.Level == tdkt.LevelCentral {
		return "Thủ tướng Chính phủ"
	}
	return headTitle(o) + " " + o.Name
}

// authority is the same as documents print it, upper case.
func authority(o tdkt.Org) string { return strings.ToUpper(authorityName(o)) }

func personOf(c *tdkt.Candidate, sex string) paper.Person {
	return paper.Person{Name: c.Name, Sex: sex, Position: c.Position, Unit: c.Unit, Kind: string(c.Subject.Kind), AmountVND: c.AmountVND}
}

// dossierDocs loads what the documents of a dossier need.
type dossierDocs struct {
	d      tdkt.Dossier
	org    []tdkt.Org // the proposing unit and its ancestors
	holder []tdkt.Org
	sexes  map[int64]string
}

func (s *Service) loadDocs(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64) (dd dossierDocs, err error) {
	if dd.d, _, _, err = loadDossier(ctx, tx, actor, id); err != nil {
		return
	}
	if dd.d.Candidates, err = tx.Candidates(ctx, id); err != nil {
		return
	}
	if dd.org, err = orgChain(ctx, tx, dd.d.OrgID); err != nil {
		return
	}
	if dd.holder, err = orgChain(ctx, tx, dd.d.HolderOrgID); err != nil {
		return
	}
	dd.sexes = map[int64]string{}
	for _, c := range dd.d.Candidates {
		if c.Subject.Kind == tdkt.Individual {
			p, _, err := tx.PersonByID(ctx, c.Subject.ID)
			if err == nil {
				dd.sexes[c.ID] = string(p.Sex)
			}
		}
	}
	return dd, nil
}

// proposal drafts the tờ trình (Decree 152/2025 appendix, Mẫu số 01) from the dossier.
func (dd *dossierDocs) proposal() paper.Proposal {
	d := &dd.d
	to := "Cấp có thẩm quyền"
	if len(dd.org) > 1 {
		to = authorityName(dd.org[1])
	}
	var cands []paper.Person
	for i := range d.Candidates {
		if !d.Candidates[i].Excluded {
			cands = append(cands, personOf(&d.Candidates[i], dd.sexes[d.Candidates[i].ID]))
		}
	}
	body := []string{
		dd.org[0].Name + " kính đề nghị " + to + " xét, tặng " + tdkt.Label(d.Award) + " cho " + counts(cands) + " (có danh sách kèm theo) " + firstNonEmpty(d.Reason, "đã có thành tích xuất sắc") + ".",
		"Hồ sơ kèm theo gồm báo cáo thành tích của từng cá nhân, tập thể và các văn bản xác nhận có liên quan.",
	}
	return paper.Proposal{
		Header:  header(dd.org, d.Number, d.ProposedOn),
		Subject: "Về việc đề nghị tặng " + tdkt.Label(d.Award),
		To:      to,
		Bases: []string{"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
			"Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng"},
		Body:       body,
		Candidates: cands,
		Recipients: []string{"Như trên", "Lưu: VT"},
		Signature:  paper.Signature{Title: strings.ToUpper(headTitle(dd.org[0]))},
	}
}

func firstNonEmpty(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// counts reads "2 tập thể và 3 cá nhân".
func counts(ps []paper.Person) string {
	n := map[string]int{}
	for _, p := range ps {
		n[p.Kind]++
	}
	var parts []string
	for _, k := range []struct{ kind, name string }{{"tap_the", "tập thể"}, {"ca_nhan", "cá nhân"}, {"ho_gia_dinh", "hộ gia đình"}} {
		if n[k.kind] > 0 {
			parts = append(parts, strconv.Itoa(n[k.kind])+" "+k.name)
		}
	}
	return strings.Join(parts, " và ")
}

// report drafts a candidate's achievement report (Mẫu số 05 for a person, 04 for a
// collective) with the tables of titles and forms filled from the lifelong record.
func (s *Service) report(ctx context.Context, tx *sqldb.Tx, dd *dossierDocs, c *tdkt.Candidate) (paper.AchievementReport, error) {
	r := paper.AchievementReport{FormNumber: "Mẫu số 05", Title: "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG " + strings.ToUpper(tdkt.Label(dd.d.Award)),
		Person: personOf(c, dd.sexes[c.ID]), Place: placeOf(dd.org), Date: dd.d.ProposedOn,
		Achievements: firstNonEmpty(c.Justification, dd.d.Reason), ReporterName: c.Name}
	if c.Subject.Kind != tdkt.Individual {
		r.FormNumber = "Mẫu số 04"
	} else if p, _, err := tx.PersonByID(ctx, c.Subject.ID); err == nil {
		r.BirthDate, r.Duties = p.BirthDate, p.Position
	}
	honours, err := tx.Honours(ctx, c.Subject)
	if err != nil {
		return r, err
	}
	sort.Slice(honours, func(i, j int) bool { return honours[i].Year < honours[j].Year })
	for _, h := range honours {
		if h.Revoked {
			continue
		}
		row := paper.HonourRow{Year: strconv.Itoa(h.Year), Name: tdkt.Label(h.AwardCode),
			Decision: "Quyết định số " + h.Decision.Number + " ngày " + vn.FormatDate(h.Decision.Date) + "; " + h.Decision.Issuer}
		if a, _ := tdkt.AwardByCode(h.AwardCode); a.Category == tdkt.Title {
			r.Titles = append(r.Titles, row)
		} else {
			r.Forms = append(r.Forms, row)
		}
	}
	return r, nil
}

// DossierDocument renders one document of a dossier: "to-trinh" (the proposal letter
// with its list) or "bao-cao-<candidate id>" (an achievement report), as "pdf" or "docx".
func (s *Service) DossierDocument(ctx context.Context, actor *tdkt.Account, dossierID int64, kind, format string) (name, mime string, data []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		dd, err := s.loadDocs(ctx, tx, actor, dossierID)
		if err != nil {
			return err
		}
		name, data, err = s.render(ctx, tx, &dd, kind, format)
		return err
	})
	return name, mimeOf(format), data, err
}

func mimeOf(format string) string {
	if format == "docx" {
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "application/pdf"
}

func (s *Service) render(ctx context.Context, tx *sqldb.Tx, dd *dossierDocs, kind, format string) (string, []byte, error) {
	if format != "pdf" && format != "docx" {
		return "", nil, tdkt.NotFound("định dạng tài liệu")
	}
	base := "ho-so-" + strconv.FormatInt(dd.d.ID, 10) + "-"
	switch {
	case kind == "to-trinh" || kind == "danh-sach":
		p := dd.proposal()
		if format == "pdf" {
			if signed, err := officialCopy(ctx, tx, ownerDossier, dd.d.ID, "submission", ""); err != nil || signed != nil {
				return base + "to-trinh.pdf", signed, err
			}
			b, err := paper.ProposalPDF(p)
			return base + "to-trinh.pdf", b, err
		}
		b, err := paper.ProposalDOCX(p)
		return base + "to-trinh.docx", b, err
	case kind == "quyet-dinh":
		if dd.d.Status != tdkt.DossierDecided {
			return "", nil, tdkt.NotFound("quyết định")
		}
		return s.decisionDoc(ctx, tx, dd, format)
	case strings.HasPrefix(kind, "bao-cao-"):
		id, _ := strconv.ParseInt(strings.TrimPrefix(kind, "bao-cao-"), 10, 64)
		for i := range dd.d.Candidates {
			c := &dd.d.Candidates[i]
			if c.ID != id {
				continue
			}
			r, err := s.report(ctx, tx, dd, c)
			if err != nil {
				return "", nil, err
			}
			n := base + "bao-cao-" + strconv.FormatInt(id, 10) + "." + format
			if format == "pdf" {
				if signed, err := officialCopy(ctx, tx, ownerDossier, dd.d.ID, "report", strconv.FormatInt(id, 10)); err != nil || signed != nil {
					return n, signed, err
				}
				b, err := paper.AchievementReportPDF(r)
				return n, b, err
			}
			b, err := paper.AchievementReportDOCX(r)
			return n, b, err
		}
	}
	return "", nil, tdkt.NotFound("tài liệu")
}

// DossierExport is the whole dossier as higher levels receive it: the proposal letter,
// every achievement report, the decision if there is one, each as Word and PDF, and
// the attached files, in one zip.
func (s *Service) DossierExport(ctx context.Context, actor *tdkt.Account, dossierID int64) (name string, data []byte, err error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(n string, b []byte) error {
		w, err := zw.Create(n)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		dd, err := s.loadDocs(ctx, tx, actor, dossierID)
		if err != nil {
			return err
		}
		kinds := []string{"to-trinh"}
		for _, c := range dd.d.Candidates {
			if !c.Excluded {
				kinds = append(kinds, "bao-cao-"+strconv.FormatInt(c.ID, 10))
			}
		}
		for _, k := range kinds {
			for _, f := range []string{"pdf", "docx"} {
				n, b, err := s.render(ctx, tx, &dd, k, f)
				if err != nil {
					return err
				}
				if err := add(n, b); err != nil {
					return err
				}
			}
		}
		if dd.d.Status == tdkt.DossierDecided {
			for _, f := range []string{"pdf", "docx"} {
				n, b, err := s.decisionDoc(ctx, tx, &dd, f)
				if err != nil {
					return err
				}
				if err := add(n, b); err != nil {
					return err
				}
			}
		}
		files, err := tx.Files(ctx, dossierID)
		if err != nil {
			return err
		}
		for _, f := range files {
			_, content, err := tx.FileContent(ctx, dossierID, f.ID)
			if err != nil {
				return err
			}
			if err := add("dinh-kem/"+strconv.FormatInt(f.ID, 10)+"-"+f.Name, content); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	if err := zw.Close(); err != nil {
		return "", nil, err
	}
	return "ho-so-" + strconv.FormatInt(dossierID, 10) + ".zip", buf.Bytes(), nil
}

// decisionPaper lays out the decision of a decided dossier with its list and money;
// base is the file name without its extension.
func (s *Service) decisionPaper(ctx context.Context, tx *sqldb.Tx, dd *dossierDocs) (base string, dec sqldb.DecisionRow, p paper.Decision, err error) {
	if dec, err = tx.DecisionOfDossier(ctx, dd.d.ID); err != nil {
		return
	}
	issuer, err := orgChain(ctx, tx, dec.OrgID)
	if err != nil {
		return
	}
	var awardees []paper.Person
	for i := range dd.d.Candidates {
		c := &dd.d.Candidates[i]
		if c.HonourID != 0 {
			awardees = append(awardees, personOf(c, dd.sexes[c.ID]))
		}
	}
	p = paper.Decision{
		Header:        header(issuer, dec.Number, dec.DecidedOn),
		Subject:       "Về việc tặng " + tdkt.Label(dec.AwardCode),
		AuthorityLine: authority(issuer[0]),
		Bases: []string{"Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
			"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
			"Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ"},
		ProposedBy: "Xét đề nghị của " + dd.org[0].Name + " tại Tờ trình số " + firstNonEmpty(dd.d.Number, "…") + " ngày " + vn.FormatDate(dd.d.ProposedOn),
		Award:      tdkt.Label(dec.AwardCode),
		Reason:     firstNonEmpty(dd.d.Reason, "đã có thành tích xuất sắc"),
		Awardees:   awardees,
		MoneyClause: "Mỗi cá nhân, tập thể được tặng kèm theo tiền thưởng theo danh sách kèm theo, tổng cộng " + vn.Money(dec.TotalVND) +
			", tính theo mức lương cơ sở tại ngày ký quyết định (Nghị định số 152/2025/NĐ-CP, Điều 49), từ Quỹ thi đua, khen thưởng của " + issuer[0].Name + ".",
		Executors:  "Chánh Văn phòng, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1",
		Recipients: []string{"Như Điều 3", "Lưu: VT"},
		Signature:  paper.Signature{Title: dec.SignerTitle, Name: dec.Signer},
	}
	return "quyet-dinh-" + strings.NewReplacer("/", "-", " ", "").Replace(dec.Number), dec, p, nil
}

// decisionDoc renders the decision of a decided dossier; its PDF is the signed copy
// once there is one (docs/signatures.md).
func (s *Service) decisionDoc(ctx context.Context, tx *sqldb.Tx, dd *dossierDocs, format string) (string, []byte, error) {
	base, _, p, err := s.decisionPaper(ctx, tx, dd)
	if err != nil {
		return "", nil, err
	}
	if format == "pdf" {
		if signed, err := officialCopy(ctx, tx, ownerDossier, dd.d.ID, "decision", ""); err != nil || signed != nil {
			return base + ".pdf", signed, err
		}
		b, err := paper.DecisionPDF(p)
		return base + ".pdf", b, err
	}
	b, err := paper.DecisionDOCX(p)
	return base + "." + format, b, err
}

// DecisionDocument renders the decision of a decided dossier as "pdf" or "docx".
func (s *Service) DecisionDocument(ctx context.Context, actor *tdkt.Account, dossierID int64, format string) (name, mime string, data []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		dd, err := s.loadDocs(ctx, tx, actor, dossierID)
		if err != nil {
			return err
		}
		name, data, err = s.decisionDoc(ctx, tx, &dd, format)
		return err
	})
	return name, mimeOf(format), data, err
}

// certificateOf lays out one certificate.
func certificateOf(c *sqldb.CertificateRow, issuer []tdkt.Org, reason, baseURL string) paper.Certificate {
	a, _ := tdkt.AwardByCode(c.AwardCode)
	verb, award := "TẶNG", strings.ToUpper(a.Name)
	switch {
	case strings.HasPrefix(c.AwardCode, "bang_khen"):
		award = "BẰNG KHEN"
	case c.AwardCode == "giay_khen":
		award = "GIẤY KHEN"
	case a.Category == tdkt.Title:
		verb = "TẶNG DANH HIỆU"
	}
	return paper.Certificate{Authority: authority(issuer[0]), Verb: verb, Award: award,
		Awardee:        paper.Person{Name: c.Name, Sex: c.Sex, Position: c.Position, Unit: c.Unit, Kind: string(c.SubjectKind)},
		Achievement:    "Đã có thành tích " + strings.TrimPrefix(firstNonEmpty(reason, "xuất sắc"), "đã có thành tích "),
		DecisionNumber: c.DecisionNumber, DecisionDate: c.DecidedOn, Place: placeOf(issuer),
		Signature: paper.Signature{Title: c.SignerTitle, Name: c.Signer}, Serial: c.Serial,
		VerifyURL: strings.TrimSuffix(baseURL, "/") + "/xac-minh/" + c.Token, Revoked: c.RevokedAt != ""}
}

// CertificatePDF renders one certificate with the QR code of its verification page.
func (s *Service) CertificatePDF(ctx context.Context, actor *tdkt.Account, certificateID int64, baseURL string) (name string, data []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		c, err := tx.CertificateByID(ctx, certificateID)
		if err != nil {
			return err
		}
		if err := visible(actor, c.IssuerPath, "bằng, giấy khen"); err != nil {
			// the awardee's unit may print it too
			if _, _, _, err2 := loadDossierOfDecision(ctx, tx, actor, c.DecisionID); err2 != nil {
				return err
			}
		}
		issuer, err := orgChain(ctx, tx, c.IssuerOrgID)
		if err != nil {
			return err
		}
		name = "bang-" + c.Token[:8] + ".pdf"
		layout := certificateOf(&c, issuer, c.Reason, baseURL)
		// An electronic certificate carries the organisation's seal where the
		// administrator set it (docs/signatures.md); a revoked one is not sealed anew.
		if on, err := s.sealsFor(ctx, tx, c.IssuerOrgID, "certificate"); err != nil || on && c.RevokedAt == "" {
			if err != nil {
				return err
			}
			sg, err := paper.CertificateSignable(layout)
			if err != nil {
				return err
			}
			data, err = s.seal(ctx, tx, c.IssuerOrgID, c.Signer, sg.PDF, sg.Box)
			return err
		}
		data, err = paper.CertificatePDF(layout)
		return err
	})
	return name, data, err
}

// CertificatesPDF renders all certificates of a dossier's decision, one per page.
func (s *Service) CertificatesPDF(ctx context.Context, actor *tdkt.Account, dossierID int64, baseURL string) (name string, data []byte, err error) {
	return s.certificatesPDF(ctx, actor, dossierID, baseURL, nil)
}

func (s *Service) certificatesPDF(ctx context.Context, actor *tdkt.Account, dossierID int64, baseURL string, progress func(done, total int)) (name string, data []byte, err error) {
	dec, certs, err := s.Certificates(ctx, actor, dossierID)
	if err != nil {
		return "", nil, err
	}
	var cs []paper.Certificate
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		issuer, err := orgChain(ctx, tx, dec.OrgID)
		for i := range certs {
			cs = append(cs, certificateOf(&certs[i], issuer, certs[i].Reason, baseURL))
		}
		return err
	})
	if err != nil {
		return "", nil, err
	}
	var tell func(int)
	if progress != nil {
		tell = func(done int) { progress(done, len(cs)) }
	}
	data, err = paper.CertificatesPDFProgress(cs, tell)
	return "bang-" + strings.NewReplacer("/", "-").Replace(dec.Number) + ".pdf", data, err
}

func loadDossierOfDecision(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, decisionID int64) (tdkt.Dossier, string, string, error) {
	var dossierID int64
	if err := tx.Get(ctx, "quyết định", `SELECT COALESCE(dossier_id, 0) FROM decisions WHERE id = ?`, []any{decisionID}, &dossierID); err != nil {
		return tdkt.Dossier{}, "", "", err
	}
	return loadDossier(ctx, tx, actor, dossierID)
}

// MeetingDocument renders a meeting's minutes ("bien-ban") or ballot count
// ("kiem-phieu") once it is closed; the signed copy once there is one.
func (s *Service) MeetingDocument(ctx context.Context, actor *tdkt.Account, meetingID int64, kind string) (name, mime string, data []byte, err error) {
	eng, err := s.Engine(ctx)
	if err != nil {
		return "", "", nil, err
	}
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		var doc any
		if name, _, doc, err = s.meetingPaper(ctx, tx, eng, actor, meetingID, kind); err != nil {
			return err
		}
		if data, err = officialCopy(ctx, tx, ownerMeeting, meetingID, signKindOf[kind], ""); err != nil || data != nil {
			return err
		}
		if b, ok := doc.(paper.BallotCount); ok {
			data, err = paper.BallotCountPDF(b)
		} else {
			data, err = paper.MinutesPDF(doc.(paper.Minutes))
		}
		return err
	})
	return name, "application/pdf", data, err
}

// signKindOf names the meeting documents as the signatures' table does.
var signKindOf = map[string]string{"bien-ban": "minutes", "kiem-phieu": "ballot"}

// meetingPaper lays out a closed meeting's minutes or ballot count (a paper.Minutes or
// paper.BallotCount) with the council's organisation.
func (s *Service) meetingPaper(ctx context.Context, tx *sqldb.Tx, eng *rules.Engine, actor *tdkt.Account, meetingID int64, kind string) (name string, orgID int64, doc any, err error) {
	if kind != "bien-ban" && kind != "kiem-phieu" {
		return "", 0, nil, tdkt.NotFound("văn bản")
	}
	mi, err := s.meetingItem(ctx, tx, eng, actor, meetingID)
	if err != nil {
		return "", 0, nil, err
	}
	if mi.Meeting.Status != "closed" {
		return "", 0, nil, tdkt.Errorf(tdkt.EConflict, "Phiên họp chưa kết thúc; biên bản có sau khi kết thúc bỏ phiếu.")
	}
	c, err := tx.CouncilByID(ctx, mi.Meeting.CouncilID)
	if err != nil {
		return "", 0, nil, err
	}
	chain, err := orgChain(ctx, tx, c.OrgID)
	if err != nil {
		return "", 0, nil, err
	}
	ballots, err := tx.BallotsOf(ctx, meetingID)
	if err != nil {
		return "", 0, nil, err
	}
	memberName := map[int64]string{}
	chair := ""
	for _, m := range c.Members {
		memberName[m.ID] = m.Name
		if m.Chair {
			chair = m.Name
		}
	}
	var results []paper.VoteResult
	pct := ""
	for _, l := range mi.Lines {
		r := paper.VoteResult{Candidate: personOf(&l.Candidate, ""), Award: tdkt.Label(l.Dossier.Award), Yes: l.Candidate.YesVotes,
			Members: mi.Meeting.Members, Required: l.Required, ThresholdPct: l.Threshold, Passed: l.Candidate.Passed}
		for _, b := range ballots {
			if b.CandidateID == l.Candidate.ID && b.Recused {
				r.Recused = append(r.Recused, memberName[b.MemberID]+" ("+b.Reason+")")
			}
		}
		pct = l.Threshold
		results = append(results, r)
	}
	h := header(chain, "", mi.Meeting.HeldOn)
	if kind == "kiem-phieu" {
		voting := 0
		for _, b := range ballots {
			if !b.Recused {
				voting++
			}
		}
		b := paper.BallotCount{Header: h, Council: c.Name, Year: mi.Meeting.HeldOn[:4], Established: c.EstablishedBy, MeetingDate: mi.Meeting.HeldOn,
			Counters: []string{chair}, Members: mi.Meeting.Members, Voting: mi.Meeting.Members, Issued: voting, Returned: voting, Valid: voting,
			Results: results, ThresholdPct: pct}
		if len(mi.Lines) > 0 {
			b.Award = tdkt.Label(mi.Lines[0].Dossier.Award)
		}
		return "kiem-phieu-" + strconv.FormatInt(meetingID, 10) + ".pdf", c.OrgID, b, nil
	}
	m := paper.Minutes{Header: h, Council: c.Name, Occasion: "ngày " + vn.FormatDate(mi.Meeting.HeldOn), Place: mi.Meeting.Place,
		Chair: chair, Members: mi.Meeting.Members, Present: mi.Meeting.Members, Results: results,
		Summary: []string{"Cơ quan thường trực báo cáo tóm tắt hồ sơ và kết quả thẩm định; các thành viên thảo luận và bỏ phiếu kín."}}
	return "bien-ban-" + strconv.FormatInt(meetingID, 10) + ".pdf", c.OrgID, m, nil
}

// MaxAttachment bounds an attached file: scans of signed documents fit well below it.
const MaxAttachment = 10 << 20

// AttachFile stores a document attached to a dossier by its unit or the level that
// holds it: only PDF, DOCX, PNG and JPEG, recognised by their content (not by their
// name), at most 10 MB, with its SHA-256 checksum.
func (s *Service) AttachFile(ctx context.Context, actor *tdkt.Account, dossierID int64, kind, filename string, content []byte) (f sqldb.DossierFile, err error) {
	filename = vn.NFC(filepath.Base(strings.ReplaceAll(filename, "\\", "/")))
	mime, problem := sniff(filename, content)
	if kind == "" {
		kind = "khac"
	}
	sum := sha256.Sum256(content)
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, orgPath, holderPath, err := loadDossier(ctx, tx, actor, dossierID)
		if err != nil {
			return err
		}
		if !actor.CanEditRecords() || (!actor.Sees(orgPath) && !actor.Sees(holderPath) && !actsFor(actor, d.HolderOrgID)) {
			return tdkt.Forbidden()
		}
		if problem != "" { // after the scope: another unit's dossier stays a 404
			return &tdkt.Error{Code: tdkt.EInvalid, Message: "Tệp không hợp lệ.", Fields: map[string]string{"file": problem}}
		}
		f = sqldb.DossierFile{DossierID: d.ID, Kind: vn.NFC(kind), Name: filename, Mime: mime, Size: int64(len(content)),
			SHA256: hex.EncodeToString(sum[:]), CreatedAt: s.stamp(), CreatedBy: actor.Login}
		if err := tx.InsertFile(ctx, &f, content); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "attach", "dossier", d.ID, tdkt.Subject{}, d.OrgID, nil, f)
	})
	return f, err
}

// removableFile loads an attachment the actor may remove or replace: the dossier is
// still with its unit (a draft, or returned for revision), the actor keeps that unit's
// records, and the file was attached by the unit's side, not by a level that held the
// dossier (an appraisal stays).
func removableFile(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, dossierID, fileID int64) (tdkt.Dossier, sqldb.DossierFile, error) {
	d, orgPath, _, err := loadDossier(ctx, tx, actor, dossierID)
	if err != nil {
		return d, sqldb.DossierFile{}, err
	}
	f, _, err := tx.FileContent(ctx, dossierID, fileID)
	if err != nil {
		return d, f, err
	}
	if !actor.Sees(orgPath) || !actor.CanEditRecords() {
		return d, f, tdkt.Forbidden()
	}
	if d.Status != tdkt.DossierDraft && d.Status != tdkt.DossierReturned {
		return d, f, tdkt.Errorf(tdkt.EConflict, "Hồ sơ đã gửi đi (%s): tài liệu đính kèm chỉ gỡ hoặc thay được khi hồ sơ còn là bản nháp hoặc bị trả lại.", tdkt.StatusLabels[d.Status])
	}
	by, _, err := tx.AccountByLogin(ctx, f.CreatedBy)
	if err != nil || !strings.HasPrefix(by.OrgPath, orgPath) {
		return d, f, &tdkt.Error{Code: tdkt.EForbidden, Message: "Tài liệu này do cấp xử lý hồ sơ đính kèm; đơn vị đề nghị không gỡ được."}
	}
	return d, f, nil
}

// RemoveFile takes an attachment off a dossier that is still with its unit; the audit
// keeps what it was (name, kind, size, SHA-256).
func (s *Service) RemoveFile(ctx context.Context, actor *tdkt.Account, dossierID, fileID int64) (f sqldb.DossierFile, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var d tdkt.Dossier
		if d, f, err = removableFile(ctx, tx, actor, dossierID, fileID); err != nil {
			return err
		}
		if err := tx.DeleteFile(ctx, dossierID, fileID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "detach", "dossier", d.ID, tdkt.Subject{}, d.OrgID, f, nil)
	})
	return f, err
}

// ReplaceFile puts a new version of an attachment in place of the old one, in one
// transaction, on the same terms as RemoveFile; the new file keeps the old one's kind.
func (s *Service) ReplaceFile(ctx context.Context, actor *tdkt.Account, dossierID, fileID int64, filename string, content []byte) (f sqldb.DossierFile, err error) {
	filename = vn.NFC(filepath.Base(strings.ReplaceAll(filename, "\\", "/")))
	mime, problem := sniff(filename, content)
	if problem != "" {
		return f, &tdkt.Error{Code: tdkt.EInvalid, Message: "Tệp không hợp lệ.", Fields: map[string]string{"file": problem}}
	}
	sum := sha256.Sum256(content)
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, old, err := removableFile(ctx, tx, actor, dossierID, fileID)
		if err != nil {
			return err
		}
		f = sqldb.DossierFile{DossierID: d.ID, Kind: old.Kind, Name: filename, Mime: mime, Size: int64(len(content)),
			SHA256: hex.EncodeToString(sum[:]), CreatedAt: s.stamp(), CreatedBy: actor.Login}
		if err := tx.InsertFile(ctx, &f, content); err != nil {
			return err
		}
		if err := tx.DeleteFile(ctx, dossierID, fileID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "replace_file", "dossier", d.ID, tdkt.Subject{}, d.OrgID, old, f)
	})
	return f, err
}

// sniff recognises an attachment by its first bytes and checks that its name says the
// same, so that a renamed executable is not kept as "report.pdf".
func sniff(name string, b []byte) (mime, problem string) {
	if len(b) == 0 {
		return "", "Tệp rỗng."
	}
	if len(b) > MaxAttachment {
		return "", "Tệp lớn quá 10 MB."
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		mime = "application/pdf"
		if ext != ".pdf" {
			return "", "Nội dung là PDF nhưng tên tệp không có đuôi .pdf."
		}
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return "", "Tệp nén bị hỏng."
		}
		word := false
		for _, f := range zr.File {
			word = word || f.Name == "word/document.xml"
		}
		if !word || ext != ".docx" {
			return "", "Chỉ nhận tài liệu Word .docx (không nhận tệp nén khác)."
		}
		mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	default:
		mime = http.DetectContentType(b)
		switch {
		case mime == "image/png" && ext == ".png", mime == "image/jpeg" && (ext == ".jpg" || ext == ".jpeg"):
		default:
			return "", "Chỉ nhận tệp PDF, Word (.docx) hoặc ảnh PNG, JPEG; nội dung tệp này là " + mime + "."
		}
	}
	return mime, ""
}

// FileContent loads an attached file of a dossier the actor may see.
func (s *Service) FileContent(ctx context.Context, actor *tdkt.Account, dossierID, fileID int64) (f sqldb.DossierFile, content []byte, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if _, _, _, err := loadDossier(ctx, tx, actor, dossierID); err != nil {
			return err
		}
		f, content, err = tx.FileContent(ctx, dossierID, fileID)
		return err
	})
	return f, content, err
}
