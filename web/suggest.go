package web

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/rules"
	"tdkt/sheet"
)

// suggestAwards are the titles and forms the engine decides from records alone, in
// the order the filter offers them.
var suggestAwards = []string{"lao_dong_tien_tien", "chien_si_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_bo_tinh",
	"chien_si_thi_dua_toan_quoc", "tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac", "bang_khen_bo_tinh",
	"bang_khen_thu_tuong", "huan_chuong_lao_dong_hang_ba"}

// suggestPerPage is how many lines one page of the list shows: a clerk works through
// the list on a phone a page at a time (20 cards are a few screens), and the whole
// list, which runs to tens of thousands of lines for a province, is the download.
const suggestPerPage = 20

// statusLabels name the statuses a line of the list can have.
var statusLabels = map[string]string{"eligible": "Đủ điều kiện", "deferred": "Tạm hoãn (đang xem xét)",
	"not_eligible": "Chưa đủ điều kiện"}

// suggestLine is one line of the list as the page shows it.
type suggestLine struct {
	Link, Name, Org, AwardName, Status, StatusLabel, RuleSet string
	// Pick is the line's value for the tick that proposes it ("award|kind|id").
	Pick       string
	Reasons    []rules.Reason
	Unverified []rules.Unverified
}

// awardCount is how many lines propose one award, with the link that lists only
// those lines (Current when the list is already filtered to it).
type awardCount struct {
	Name, Link string
	N          int
	Current    bool
}

// suggestView is the year-end list "whom should we propose" with its filter.
type suggestView struct {
	Page
	Form
	Awards, Orgs []option
	Lines        []suggestLine
	Counts       []awardCount
	Stats        core.SuggestStats
	Ran          bool   // false when the filter was refused
	CSV, XLSX    string // the download links of the same list
	// Unverified are the provisions not yet checked against the published text that
	// some line applied, each once with the number of lines it concerns: the page
	// says so at the top instead of on every line.
	Unverified []unverifiedUse
	// CanPropose offers the ticks and the button that start dossiers from the list.
	CanPropose bool
	Year       int
	// PageNo is the page shown (from 1) of Pages; First and Last number its lines in
	// the whole list; Prev and Next link the neighbouring pages with the same filter.
	PageNo, Pages, First, Last int
	Prev, Next                 string
	// AllLink lists every award again when the list is filtered to one.
	AllLink string
}

// unverifiedUse is one unverified provision and how many lines of the list used it.
type unverifiedUse struct {
	rules.Unverified
	Lines int
}

// suggestQuery reads the filter from the address. A year that is not a number is
// passed on as 0, so that the use case names the field.
func (h *handler) suggestQuery(r *http.Request) (core.SuggestQuery, Form) {
	in := r.URL.Query()
	f := newForm()
	for _, n := range []string{"year", "award", "org"} {
		f.Values[n] = strings.TrimSpace(in.Get(n))
	}
	if in.Get("deferred") != "" {
		f.Values["deferred"] = "on"
	}
	f.Values["page"] = strings.TrimSpace(in.Get("page"))
	if f.Values["year"] == "" {
		f.Values["year"] = strconv.Itoa(h.svc.Now().Year() - 1) // the last complete year
	}
	y, _ := strconv.Atoi(f.Values["year"])
	return core.SuggestQuery{Year: y, Award: f.Values["award"], OrgCode: f.Values["org"], Deferred: f.Values["deferred"] != ""}, f
}

// suggestLink is the query string of a filter, for the download links.
func suggestLink(q core.SuggestQuery) string {
	u := url.Values{"year": {strconv.Itoa(q.Year)}}
	if q.Award != "" {
		u.Set("award", q.Award)
	}
	if q.OrgCode != "" {
		u.Set("org", q.OrgCode)
	}
	if q.Deferred {
		u.Set("deferred", "1")
	}
	return u.Encode()
}

func (h *handler) suggest(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	switch listFormat(r) { // the same files as /app/suggest.csv and .xlsx, like every list
	case "csv":
		h.suggestCSV(w, r, actor)
		return
	case "xlsx":
		h.suggestXLSX(w, r, actor)
		return
	}
	q, f := h.suggestQuery(r)
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := suggestView{Page: h.page(r, "Đề xuất khen thưởng năm "+strconv.Itoa(q.Year), "suggest"), Form: f,
		Awards: append([]option{{"", "Tất cả danh hiệu, hình thức"}}, codeOptions(suggestAwards)...),
		Orgs:   append([]option{{"", "Toàn bộ đơn vị được giao"}}, orgOptionsBy(orgs, func(o tdkt.Org) string { return o.Code })...)}
	counts := map[string]int{}
	unverified := map[rules.Unverified]int{} // index in v.Unverified
	v.PageNo = max(atoi(f.Values["page"]), 1)
	from := (v.PageNo - 1) * suggestPerPage
	// Every line is counted, but only the page's are kept: the list is streamed so
	// that a province's does not sit in memory.
	n := 0
	v.Stats, err = h.svc.Suggest(r.Context(), actor, q, func(s *core.Suggestion) error {
		n++
		counts[s.Award]++
		for _, u := range s.Unverified {
			i, seen := unverified[u]
			if !seen {
				i = len(v.Unverified)
				unverified[u] = i
				v.Unverified = append(v.Unverified, unverifiedUse{Unverified: u})
			}
			v.Unverified[i].Lines++
		}
		if n > from && len(v.Lines) < suggestPerPage {
			v.Lines = append(v.Lines, lineOf(s))
		}
		return nil
	})
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			v.Title = "Đề xuất khen thưởng"
			v.Errors, v.Lines = fields, nil
			h.render(w, r, http.StatusUnprocessableEntity, "suggest.html", v)
		})
		return
	}
	// In the filter's order, then any other award in the catalogue's; each count
	// links the list of that award alone, from its first page.
	count := func(code, name string, n int) {
		byAward := q
		byAward.Award = code
		v.Counts = append(v.Counts, awardCount{Name: name, N: n, Link: "/app/suggest?" + suggestLink(byAward), Current: q.Award == code})
	}
	for _, code := range suggestAwards {
		if n := counts[code]; n > 0 {
			count(code, tdkt.Label(code), n)
			delete(counts, code)
		}
	}
	for _, a := range tdkt.Awards {
		if n := counts[a.Code]; n > 0 {
			count(a.Code, a.Name, n)
		}
	}
	link := suggestLink(q)
	if q.Award != "" {
		all := q
		all.Award = ""
		v.AllLink = "/app/suggest?" + suggestLink(all)
	}
	v.Pages = max((v.Stats.Lines+suggestPerPage-1)/suggestPerPage, 1)
	if len(v.Lines) > 0 {
		v.First, v.Last = from+1, from+len(v.Lines)
	}
	if v.PageNo > 1 {
		v.Prev = "/app/suggest?" + link + "&page=" + strconv.Itoa(min(v.PageNo-1, v.Pages))
	}
	if v.PageNo < v.Pages {
		v.Next = "/app/suggest?" + link + "&page=" + strconv.Itoa(v.PageNo+1)
	}
	v.Ran, v.CSV, v.XLSX = true, "/app/suggest.csv?"+link, "/app/suggest.xlsx?"+link
	v.CanPropose, v.Year = actor.CanEditRecords(), q.Year
	h.render(w, r, http.StatusOK, "suggest.html", v)
}

// lineOf keeps what the page shows of a suggestion. The slices are copied: the
// use case owns the suggestion it passes to emit.
func lineOf(s *core.Suggestion) suggestLine {
	l := suggestLine{Name: s.Name, Org: s.Org, AwardName: s.AwardName, Status: s.Status, StatusLabel: statusLabels[s.Status],
		RuleSet: s.RuleSet, Reasons: slices.Clone(s.Reasons), Unverified: slices.Clone(s.Unverified),
		Pick: s.Award + "|" + string(s.SubjectKind) + "|" + id64(s.SubjectID)}
	switch s.SubjectKind {
	case tdkt.Individual:
		l.Link = "/app/people/" + id64(s.SubjectID)
	case tdkt.Collective:
		l.Link = "/app/collectives/" + id64(s.SubjectID)
	case tdkt.Household:
		l.Link = "/app/households/" + id64(s.SubjectID)
	}
	return l
}

// suggestCSV and suggestXLSX stream the whole list as a file.
func (h *handler) suggestCSV(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.suggestFile(w, r, actor, "csv", "text/csv; charset=utf-8", func(w io.Writer, _ int) (sheet.Writer, error) {
		return sheet.NewCSV(w, core.SuggestHeader...)
	})
}

func (h *handler) suggestXLSX(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.suggestFile(w, r, actor, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		func(w io.Writer, year int) (sheet.Writer, error) {
			return sheet.NewXLSX(w, fmt.Sprintf("Đề xuất năm %d", year), core.SuggestHeader...)
		})
}

// suggestFile runs the list into a sheet writer opened at the first line, so that a
// refused filter or an organisation out of scope is still an error page. An error
// after the first byte cannot become a page any more: the connection is cut, so that
// the browser reports a failed download rather than keeping a truncated list.
func (h *handler) suggestFile(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, ext, ctype string,
	open func(w io.Writer, year int) (sheet.Writer, error)) {
	q, _ := h.suggestQuery(r)
	out := &download{w: w, ctype: ctype, name: fmt.Sprintf("de-xuat-khen-thuong-%d.%s", q.Year, ext)}
	var sw sheet.Writer
	start := func() (err error) {
		if sw == nil {
			sw, err = open(out, q.Year)
		}
		return err
	}
	_, err := h.svc.Suggest(r.Context(), actor, q, func(s *core.Suggestion) error {
		if err := start(); err != nil {
			return err
		}
		return sw.Row(s.Cells()...)
	})
	if err == nil {
		if err = start(); err == nil {
			err = sw.Close()
		}
	} else if sw != nil {
		out.discard = true
		sw.Close() // removes the workbook's temporary files; its bytes go nowhere
	}
	switch {
	case err == nil:
	case !out.started:
		h.fail(w, r, err, nil)
	default:
		if r.Context().Err() == nil { // not merely a browser that went away
			h.log.Error("suggest download", "path", r.URL.Path, "err", err)
		}
		panic(http.ErrAbortHandler)
	}
}

// download is the body of a file download: the headers go out with the first byte,
// so that until then the request may still be answered with an error page.
type download struct {
	w           http.ResponseWriter
	ctype, name string
	started     bool
	discard     bool // after an error: swallow what is still written
}

func (d *download) Write(p []byte) (int, error) {
	if d.discard {
		return len(p), nil
	}
	if !d.started {
		d.started = true
		hd := d.w.Header()
		hd.Set("Content-Type", d.ctype)
		hd.Set("Content-Disposition", contentDisposition(d.name))
		hd.Set("Cache-Control", "no-store")
		d.w.WriteHeader(http.StatusOK)
	}
	return d.w.Write(p)
}

// suggestPropose starts dossiers from the ticked lines of the year-end list (POST
// /app/suggest/propose): one dossier per award, proposed by the account's unit, each
// in one transaction with its candidates; with one award it opens the dossier.
func (h *handler) suggestPropose(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, badForm(), nil)
		return
	}
	year := atoi(r.PostFormValue("year"))
	byAward := map[string][]tdkt.Subject{}
	var order []string
	for _, p := range r.PostForm["pick"] {
		parts := strings.Split(p, "|")
		if len(parts) != 3 {
			continue
		}
		if _, ok := byAward[parts[0]]; !ok {
			order = append(order, parts[0])
		}
		byAward[parts[0]] = append(byAward[parts[0]], tdkt.Subject{Kind: tdkt.SubjectKind(parts[1]), ID: atoi64(parts[2])})
	}
	if len(order) == 0 {
		h.fail(w, r, tdkt.Errorf(tdkt.EInvalid, "Hãy đánh dấu ít nhất một dòng để lập hồ sơ đề nghị."), nil)
		return
	}
	var last int64
	for _, award := range order {
		d, err := h.svc.ProposeFromRecords(r.Context(), actor, core.DossierInput{OrgID: actor.OrgID, Award: award, Kind: tdkt.KindMerit, Year: year}, byAward[award])
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		last = d.ID
	}
	if len(order) == 1 {
		http.Redirect(w, r, "/app/dossiers/"+id64(last)+"?saved=1", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/app/dossiers?status=draft&saved=1", http.StatusSeeOther)
}
