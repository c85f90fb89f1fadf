package web

import (
	"fmt"
	"html/template"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/chart"
	"tdkt/core"
)

// dashSection is one section of the dashboard: its charts, the table that holds the
// same figures (the charts' text alternative and what the downloads write), a line
// that says how the figures are counted, and the download links.
type dashSection struct {
	core.DashboardTable
	Charts []template.HTML
	Note   string
	Year   int
}

// CSV and XLSX are the section's download addresses.
func (s dashSection) CSV() string  { return s.file("csv") }
func (s dashSection) XLSX() string { return s.file("xlsx") }
func (s dashSection) file(ext string) string {
	return "/app/dashboard/" + s.Section + "." + ext + "?year=" + strconv.Itoa(s.Year)
}

// dashboardView is the leaders' page of figures.
type dashboardView struct {
	Page
	Year     int
	Years    []int
	Sections []dashSection
	Overdue  int64
}

// dashNotes say how each section counts, under its title.
var dashNotes = map[string]string{
	"trend": "Số danh hiệu thi đua và hình thức khen thưởng theo năm được khen (năm thành tích), không tính khen thưởng đã bị hủy bỏ, thu hồi. Năm đánh dấu * chưa kết thúc: khen thưởng cho thành tích của năm phần lớn được quyết định vào đầu năm sau, nên số của năm này còn thấp.",
	"shares": "Mỗi cá nhân được khen thưởng trong năm tính một lần, dù nhận nhiều danh hiệu, hình thức. " +
		"Người trực tiếp lao động, sản xuất là công nhân, nông dân, người lao động; dân tộc thiểu số là dân tộc khác dân tộc Kinh.",
	"units":  "Theo đơn vị của đối tượng tại thời điểm được khen.",
	"awards": "Mỗi danh hiệu thi đua, hình thức khen thưởng được tặng trong năm.",
	"kinds":  "Theo loại hình khen thưởng ghi trên quyết định.",
	"overdue": "Hồ sơ đã gửi và đang chờ xử lý (chưa có quyết định, chưa bị từ chối) đã quá hạn xử lý; " +
		"hồ sơ không có hạn được tính là quá hạn khi nằm ở một bước quá " + strconv.Itoa(core.OverdueAfterDays) + " ngày. Biểu đồ: số hồ sơ quá hạn theo cấp đang giữ hồ sơ.",
	"times": "Thời gian từ khi hồ sơ đến một cấp (được lập, được gửi lên hoặc được trả lại) đến khi cấp đó chuyển đi, cộng dồn nếu hồ sơ quay lại; " +
		"trung vị là số ngày mà một nửa số hồ sơ không vượt quá. Chỉ tính các lượt đã kết thúc.",
	"registrations": "Cá nhân đạt khi được tặng đúng danh hiệu đã đăng ký cho năm đó; tập thể đạt khi đơn vị được tặng danh hiệu tập thể đã đăng ký.",
	"movements":     "Các phong trào do đơn vị trong phạm vi phát động, diễn ra trong năm; hồ sơ đề nghị khen thưởng gắn với phong trào và số đối tượng đã có quyết định khen thưởng.",
}

// dashSections builds the named sections of a dashboard with their charts; a section
// without figures has no chart, only its "no figures yet" line.
func dashSections(d core.Dashboard, names ...string) []dashSection {
	var out []dashSection
	for _, n := range names {
		t, ok := d.Table(n)
		if !ok {
			continue
		}
		s := dashSection{DashboardTable: t, Note: dashNotes[n], Year: d.Year}
		if len(t.Rows) == 0 {
			out = append(out, s) // the page says there are no figures yet, once
			continue
		}
		for _, c := range dashCharts(d, t) {
			s.Charts = append(s.Charts, template.HTML(c)) // the chart package escapes every text it draws
		}
		out = append(out, s)
	}
	return out
}

// dashCharts draws a section's charts from its figures.
func dashCharts(d core.Dashboard, t core.DashboardTable) []string {
	id, title := "chart-"+t.Section, t.Title
	num := func(v any) float64 {
		switch x := v.(type) {
		case int64:
			return float64(x)
		case float64:
			return x
		}
		return 0
	}
	bars := func(desc, unit string, label func(row []any) string, col int) string {
		b := chart.Bars{ID: id, Title: title, Desc: desc, Unit: unit}
		rows := t.Rows
		if len(rows) > maxBars {
			rows = rows[:maxBars]
			b.Desc += " Biểu đồ thể hiện " + strconv.Itoa(maxBars) + " dòng đầu; bảng số liệu có đủ " + strconv.Itoa(len(t.Rows)) + " dòng."
		}
		for _, r := range rows {
			b.Items = append(b.Items, chart.Item{Label: label(r), Value: num(r[col])})
		}
		return b.SVG()
	}
	first := func(r []any) string { return r[0].(string) }
	switch t.Section {
	case "trend":
		c := chart.Trend{ID: id, Title: t.Title, Desc: "Hai đường: danh hiệu thi đua và hình thức khen thưởng, mỗi năm một điểm có ghi số lượng.",
			Series: []chart.Series{{Name: "Danh hiệu thi đua"}, {Name: "Hình thức khen thưởng"}}}
		for _, y := range d.Trend {
			x := strconv.Itoa(y.Year)
			if y.Year == d.ThisYear {
				x += "*" // the year is not over: see the note
			}
			c.X = append(c.X, x)
			c.Series[0].Values = append(c.Series[0].Values, float64(y.Titles))
			c.Series[1].Values = append(c.Series[1].Values, float64(y.Forms))
		}
		return []string{c.SVG()}
	case "shares":
		s := d.Shares
		part := func(n string, title, yes, no string, v, rest int64) string {
			return chart.Share{ID: id + "-" + n, Title: title, Desc: "Trên tổng số " + chart.Number(float64(s.Awardees)) + " cá nhân được khen thưởng năm " + strconv.Itoa(d.Year) + ".",
				Parts: []chart.Item{{Label: yes, Value: float64(v)}, {Label: no, Value: float64(rest)}}}.SVG()
		}
		known := s.Awardees - s.EthnicityUnknown
		return []string{
			part("workers", "Tỷ lệ người trực tiếp lao động, sản xuất", "Trực tiếp lao động, sản xuất", "Khác", s.DirectWorkers, s.Awardees-s.DirectWorkers),
			part("women", "Tỷ lệ nữ", "Nữ", "Nam", s.Women, s.Awardees-s.Women),
			chart.Share{ID: id + "-ethnic", Title: "Tỷ lệ người dân tộc thiểu số", Desc: "Trên tổng số " + chart.Number(float64(s.Awardees)) + " cá nhân được khen thưởng năm " + strconv.Itoa(d.Year) + ".",
				Parts: []chart.Item{{Label: "Dân tộc thiểu số", Value: float64(s.Minorities)}, {Label: "Dân tộc Kinh", Value: float64(known - s.Minorities)},
					{Label: "Chưa ghi dân tộc", Value: float64(s.EthnicityUnknown)}}}.SVG(),
		}
	case "units", "kinds":
		return []string{bars("Mỗi thanh là tổng số danh hiệu và hình thức, có ghi số lượng.", "", first, 3)}
	case "awards":
		return []string{bars("Mỗi thanh là số lượng của một danh hiệu hoặc hình thức.", "", first, 2)}
	case "overdue":
		b := chart.Bars{ID: id, Title: "Hồ sơ quá hạn theo cấp đang giữ", Desc: "Tổng số " + chart.Number(float64(d.OverdueTotal)) + " hồ sơ quá hạn."}
		for _, l := range d.OverdueByLevel {
			b.Items = append(b.Items, chart.Item{Label: tdkt.Label(l.Level), Value: float64(l.Count)})
		}
		return []string{b.SVG()}
	case "times":
		median := bars("Trung vị số ngày hồ sơ nằm ở mỗi cấp.", "ngày", func(r []any) string { return r[0].(string) + " – trung vị" }, 2)
		id, title = id+"-p90", t.Title+": 90% hồ sơ"
		p90 := bars("Số ngày mà 90% số hồ sơ không vượt quá, ở mỗi cấp.", "ngày", func(r []any) string { return r[0].(string) + " – 90% hồ sơ" }, 3)
		return []string{median, p90}
	case "registrations":
		return []string{bars("Tỷ lệ cá nhân đạt danh hiệu đã đăng ký, theo đơn vị.", "%", func(r []any) string {
			return r[0].(string) + " (" + chart.Number(num(r[2])) + "/" + chart.Number(num(r[1])) + " người)"
		}, 3)}
	case "movements":
		return []string{bars("Số đối tượng được khen thưởng từ mỗi phong trào.", "", func(r []any) string {
			return r[0].(string) + " (đề nghị " + chart.Number(num(r[4])) + ")"
		}, 5)}
	}
	return nil
}

// maxBars is the most bars a chart draws: the longest lists (units, awards) are
// sorted largest first, and the table under the chart has every line.
const maxBars = 15

// dashYear reads ?year=, 0 (the dashboard's default) when absent or unreadable.
func dashYear(r *http.Request) int {
	y, _ := strconv.Atoi(r.URL.Query().Get("year"))
	return y
}

func (h *handler) dashboard(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	d, err := h.svc.Dashboard(r.Context(), actor, dashYear(r))
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := dashboardView{Page: h.page(r, "Số liệu thi đua, khen thưởng", "dashboard"), Year: d.Year,
		Sections: dashSections(d, core.DashboardSections...), Overdue: d.OverdueTotal}
	for y := d.ThisYear; y > d.ThisYear-core.TrendYears; y-- {
		v.Years = append(v.Years, y)
	}
	if !slices.Contains(v.Years, d.Year) { // an older year asked for by address stays selected
		v.Years = append(v.Years, d.Year)
	}
	h.render(w, r, http.StatusOK, "dashboard.html", v)
}

// dashboardFile downloads one section's table as CSV or XLSX: /app/dashboard/units.xlsx.
func (h *handler) dashboardFile(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	file := r.PathValue("file")
	ext := strings.TrimPrefix(path.Ext(file), ".")
	section := strings.TrimSuffix(file, path.Ext(file))
	if ext != "csv" && ext != "xlsx" {
		h.notFound(w, r, actor)
		return
	}
	if !slices.Contains(core.DashboardSections, section) {
		h.notFound(w, r, actor)
		return
	}
	d, err := h.svc.Dashboard(r.Context(), actor, dashYear(r), section)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	t, _ := d.Table(section)
	h.sheetExport(w, r, ext, t.Title, "Số liệu", t.Header, func(row func(...any) error) error {
		for _, cells := range t.Rows {
			if err := row(cells...); err != nil {
				return err
			}
		}
		return nil
	})
}

// cellText writes a table cell: numbers the Vietnamese way (1.234, 37,5), text as it is.
func cellText(v any) string {
	switch x := v.(type) {
	case int64:
		return chart.Number(float64(x))
	case int:
		return chart.Number(float64(x))
	case float64:
		return chart.Number(x)
	}
	return fmt.Sprint(v)
}

// isNumber reports whether a cell holds a number, which is right-aligned.
func isNumber(v any) bool {
	switch v.(type) {
	case int64, int, float64:
		return true
	}
	return false
}

// yearPicker is what the year selector of a statistics page needs.
type yearPicker struct {
	Action string
	Year   int
	Years  []int
}
