package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"tdkt"
	"tdkt/core"
	"tdkt/sheet"
	"tdkt/vn"
)

// The statutory statistics (biểu 0601.N–0605.N/BNV-TĐKT): choose a form, a year and
// an organisation of the account's subtree; see the form as an HTML table with the
// official header and footer, or download it as XLSX in the official layout.

type statisticsView struct {
	Page
	Forms, Years, Orgs []option
	Form, Year, Org    string
	Report             *statReportView
	XLSX               string
}

// statReportView is a filled form ready for the template: numbers formatted with
// Vietnamese thousands separators, header cells with their spans, notes numbered.
type statReportView struct {
	Code, Basis, ReceiveDate, Reporter, Receiver, Title, Unit, Period, Layout, Source string
	Year                                                                              int
	Fixed                                                                             []string // A, B, C header labels
	Depth                                                                             int
	Head                                                                              [][]statHeadView
	Numbers                                                                           []string
	Rows                                                                              []statRowView
	Width                                                                             int // all columns, for headings
	Notes                                                                             []string
	NoteItems                                                                         []option // numbered notes
}

type statHeadView struct {
	Label            string
	ColSpan, RowSpan int
	Mark             string // the note's number, "" for none
}

type statRowView struct {
	Code, Label, Unit string
	Heading, Bold     bool
	Cells             []string
	Mark              string
}

func (h *handler) statistics(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	q := r.URL.Query()
	now := h.svc.Now()
	// The emulation year runs to 30/11: in December the report year is the one ending.
	def := now.Year()
	form := q.Get("form")
	if form == "" {
		form = "0602"
	}
	year := yearOf(r, def)
	org := atoi64(q.Get("org"))
	if org == 0 {
		org = actor.OrgID
	}
	rep, err := h.svc.Statistics(r.Context(), actor, form, year, org)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	if q.Get("format") == "xlsx" {
		h.statisticsXLSX(w, r, rep)
		return
	}
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := statisticsView{Page: h.page(r, "Thống kê khen thưởng (biểu "+rep.Table.Form.Code+")", "statistics"),
		Form: form, Year: strconv.Itoa(year), Org: id64(rep.Org.ID)}
	for _, k := range tdkt.StatFormKeys {
		f, _ := rep.Layout.Form(k)
		v.Forms = append(v.Forms, option{k, f.Code + " — " + sentenceCase(f.Title)})
	}
	for y := now.Year(); y >= 2023; y-- {
		v.Years = append(v.Years, option{strconv.Itoa(y), strconv.Itoa(y)})
	}
	for _, o := range orgs {
		// Enterprises and public units report through the body above them.
		if o.Level == tdkt.LevelEnterprise || o.Level == tdkt.LevelPublicUnit {
			continue
		}
		v.Orgs = append(v.Orgs, option{id64(o.ID), strings.Repeat("— ", strings.Count(o.Path, "/")-strings.Count(actor.OrgPath, "/")) + o.Name})
	}
	v.Report = statView(rep)
	v.XLSX = fmt.Sprintf("/app/statistics?form=%s&year=%d&org=%d&format=xlsx", form, year, rep.Org.ID)
	h.render(w, r, http.StatusOK, "statistics.html", v)
}

// statPeriod writes the emulation period for people.
func statPeriod(rep core.StatReport) string {
	return "từ ngày " + vn.FormatDate(rep.From) + " đến ngày " + vn.FormatDate(rep.To)
}

// statCount writes a count with Vietnamese thousands separators (1.234).
func statCount(n int64) string { return strings.TrimSuffix(vn.Money(n), " đ") }

func statView(rep core.StatReport) *statReportView {
	t := rep.Table
	f := t.Form
	v := &statReportView{Code: f.Code, Basis: rep.Layout.Basis, ReceiveDate: f.ReceiveDate, Reporter: rep.Org.Name, Receiver: rep.Layout.Receiver,
		Title: f.Title, Unit: f.Unit, Period: statPeriod(rep), Year: rep.Year, Layout: rep.Layout.Name, Source: rep.Layout.Source,
		Fixed: []string{"", "Mã số"}, Depth: len(t.Header)}
	if f.UnitColumn {
		v.Fixed = append(v.Fixed, "Đơn vị tính")
	}
	v.Notes = rep.Notes()
	mark := func(note string) string {
		if i := slices.Index(v.Notes, note); note != "" && i >= 0 {
			return strconv.Itoa(i + 1)
		}
		return ""
	}
	for _, row := range t.Header {
		var hr []statHeadView
		for _, c := range row {
			hr = append(hr, statHeadView{Label: c.Label, ColSpan: c.ColSpan, RowSpan: c.RowSpan, Mark: mark(c.Note)})
		}
		v.Head = append(v.Head, hr)
	}
	v.Numbers = []string{"A", "B", "C"}[:len(v.Fixed)]
	for _, l := range t.Leaves {
		v.Numbers = append(v.Numbers, l.Number)
	}
	v.Width = len(v.Numbers)
	defer func() {
		for i, n := range v.Notes {
			v.NoteItems = append(v.NoteItems, option{strconv.Itoa(i + 1), n})
		}
	}()
	for _, r := range t.Rows {
		rv := statRowView{Code: r.Code, Label: r.Label, Unit: r.Unit, Heading: r.Heading, Bold: r.Bold, Mark: mark(r.Note)}
		for _, n := range r.Cells {
			rv.Cells = append(rv.Cells, statCount(n))
		}
		v.Rows = append(v.Rows, rv)
	}
	return v
}

func (h *handler) statisticsXLSX(w http.ResponseWriter, r *http.Request, rep core.StatReport) {
	out := &download{w: w, ctype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		name: fmt.Sprintf("bieu-%s-%d.xlsx", rep.Table.Form.Key, rep.Year)}
	v := statView(rep)
	err := sheet.WriteStatForm(out, sheet.StatForm{Table: rep.Table, Basis: rep.Layout.Basis, Reporter: rep.Org.Name, Receiver: rep.Layout.Receiver,
		Year: rep.Year, Period: statPeriod(rep), Notes: v.Notes})
	if err != nil {
		if !out.started {
			h.fail(w, r, err, nil)
			return
		}
		panic(http.ErrAbortHandler)
	}
}

// sentenceCase turns a form's title, printed in capitals on the paper form, into a
// sentence for a list: "SỐ PHONG TRÀO THI ĐUA" reads "Số phong trào thi đua". It
// works on runes, not bytes (a byte slice cut "Ố" in half and left it upper case),
// and keeps the capitals that Vietnamese writes inside a sentence.
func sentenceCase(title string) string {
	s := []rune(strings.ToLower(title))
	if len(s) == 0 {
		return ""
	}
	s[0] = unicode.ToUpper(s[0])
	return properNouns.Replace(string(s))
}

// properNouns are the words the titles hold that keep a capital in a sentence.
var properNouns = strings.NewReplacer("nhà nước", "Nhà nước", "trung ương", "Trung ương")
