package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/paper"
	"tdkt/vn"
)

// The reward history of a person or a collective as a file: a PDF extract with the
// official header, or an XLSX sheet with one line per record. Both come from the same
// record the page shows, so a person outside the account's subtree is a 404 here too.

// historyHeader is the XLSX sheet's header; the first column says which list a line
// belongs to.
var historyHeader = []string{"Mục", "Năm", "Nội dung", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Ghi chú"}

// historyOf lays out a record's ratings, honours and initiatives for paper.History
// and, line by line, for the sheet.
func historyOf(ratings []tdkt.YearRating, honours []tdkt.Honour, initiatives []tdkt.Initiative) (h paper.History, rows [][]any) {
	// a history reads from the oldest year to the latest
	ratings, honours, initiatives = slices.Clone(ratings), slices.Clone(honours), slices.Clone(initiatives)
	slices.SortStableFunc(ratings, func(a, b tdkt.YearRating) int { return a.Year - b.Year })
	slices.SortStableFunc(honours, func(a, b tdkt.Honour) int {
		return cmp.Or(a.Year-b.Year, strings.Compare(a.Decision.Date, b.Decision.Date))
	})
	slices.SortStableFunc(initiatives, func(a, b tdkt.Initiative) int { return a.Year - b.Year })
	for _, r := range ratings {
		l := paper.HistoryLine{Year: strconv.Itoa(r.Year), What: tdkt.Label(string(r.Rating)), Note: r.Note}
		h.Ratings = append(h.Ratings, l)
		rows = append(rows, []any{"Xếp loại", int64(r.Year), l.What, "", "", "", r.Note})
	}
	var titles, forms [][]any
	for _, x := range honours {
		note := []string{tdkt.Label(string(x.Kind))}
		if x.AmountVND > 0 {
			note = append(note, "Tiền thưởng "+vn.Money(x.AmountVND))
		}
		if x.Revoked {
			note = append(note, "Đã hủy bỏ, thu hồi")
		}
		l := paper.HistoryLine{Year: strconv.Itoa(x.Year), What: tdkt.Label(x.AwardCode), Decision: decisionText(x.Decision.Number, x.Decision.Date, x.Decision.Issuer),
			Note: strings.Join(note, "; ")}
		if x.PeriodFrom != 0 && x.PeriodFrom != x.Year {
			l.Year = strconv.Itoa(x.PeriodFrom) + "–" + l.Year
		}
		line := []any{"", int64(x.Year), l.What, x.Decision.Number, vn.FormatDate(x.Decision.Date), x.Decision.Issuer, l.Note}
		if a, _ := tdkt.AwardByCode(x.AwardCode); a.Category == tdkt.Title {
			h.Titles = append(h.Titles, l)
			line[0] = "Danh hiệu thi đua"
			titles = append(titles, line)
		} else {
			h.Forms = append(h.Forms, l)
			line[0] = "Hình thức khen thưởng"
			forms = append(forms, line)
		}
	}
	rows = append(append(rows, titles...), forms...)
	for _, i := range initiatives {
		l := paper.HistoryLine{Year: strconv.Itoa(i.Year), What: i.Title, Decision: decisionText(i.DecisionNo, i.DecisionOn, i.RecognisedBy),
			Note: "Phạm vi: " + tdkt.Label(string(i.Scope))}
		h.Initiatives = append(h.Initiatives, l)
		rows = append(rows, []any{"Sáng kiến", int64(i.Year), i.Title, i.DecisionNo, vn.FormatDate(i.DecisionOn), i.RecognisedBy, l.Note})
	}
	return h, rows
}

// decisionText is "Quyết định số 125/QĐ-UBND ngày 15/01/2026 của …", with what is known.
func decisionText(number, date, issuer string) string {
	var b strings.Builder
	if number != "" {
		b.WriteString("Quyết định số " + number)
	}
	if date != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString("ngày " + vn.FormatDate(date))
	}
	if issuer != "" {
		if b.Len() > 0 {
			b.WriteString(" của ")
		}
		b.WriteString(issuer)
	}
	return b.String()
}

// historyFile answers with the history as format (pdf or xlsx); name is the file's
// Vietnamese name without extension.
func (h *handler) historyFile(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format, name string, doc paper.History, rows [][]any) {
	doc.Org, doc.Date = actor.OrgName, h.svc.Now().Format(vn.DateLayout)
	switch format {
	case "pdf":
		b, err := paper.HistoryPDF(doc)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		serveDownload(w, name+".pdf", mimePDF, b)
	case "xlsx":
		h.sheetExport(w, r, "xlsx", name, "Quá trình khen thưởng", historyHeader, func(row func(...any) error) error {
			for _, cells := range rows {
				if err := row(cells...); err != nil {
					return err
				}
			}
			return nil
		})
	default:
		h.notFound(w, r, actor)
	}
}

// serveDownload answers with a generated file under a Vietnamese name.
func serveDownload(w http.ResponseWriter, name, ctype string, data []byte) {
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Disposition", contentDisposition(name))
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}

func (h *handler) personHistory(format string) appFunc {
	return func(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
		rec, ok := h.loadPerson(w, r, actor)
		if !ok {
			return
		}
		p := rec.Person
		doc, rows := historyOf(rec.Ratings, rec.Honours, rec.Initiatives)
		doc.Name = p.FullName
		doc.Facts = [][2]string{{"Giới tính", tdkt.Label(string(p.Sex))}}
		if p.BirthDate != "" {
			doc.Facts = append(doc.Facts, [2]string{"Ngày sinh", vn.FormatDate(p.BirthDate)})
		}
		if p.Ethnicity != "" {
			doc.Facts = append(doc.Facts, [2]string{"Dân tộc", p.Ethnicity})
		}
		if p.Position != "" {
			doc.Facts = append(doc.Facts, [2]string{"Chức vụ", p.Position})
		}
		doc.Facts = append(doc.Facts, [2]string{"Đơn vị công tác", p.OrgName})
		h.historyFile(w, r, actor, format, "Quá trình khen thưởng - "+p.FullName, doc, rows)
	}
}

func (h *handler) collectiveHistory(format string) appFunc {
	return func(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
		id, err := pathID(r, "id")
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		rec, err := h.svc.Collective(r.Context(), actor, id)
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		c := rec.Collective
		doc, rows := historyOf(rec.Ratings, rec.Honours, rec.Initiatives)
		doc.Name, doc.Collective = c.Name, true
		doc.Facts = [][2]string{{"Đơn vị quản lý", c.OrgName}}
		h.historyFile(w, r, actor, format, "Quá trình khen thưởng - "+c.Name, doc, rows)
	}
}
