package api

import (
	"net/http"
	"strconv"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// The statutory statistics (biểu 0601.N–0605.N/BNV-TĐKT) as JSON, with the same
// numbers as the page and the XLSX file, and the records of the emulation-and-reward
// apparatus that 0604.N and 0605.N count.

const tagStatistics = "Thống kê"

type statColumnJSON struct {
	Number string   `json:"number" doc:"Số thứ tự cột in trên biểu (1, 2, 2.1 …)"`
	Labels []string `json:"labels" api:"req" doc:"Tiêu đề cột từ dòng tiêu đề trên cùng xuống"`
	Note   string   `json:"note,omitempty" doc:"Điểm chưa kiểm chứng của cột"`
}

type statRowJSON struct {
	Code    string  `json:"code,omitempty" doc:"Mã số dòng; trống với dòng tiêu đề nhóm"`
	Label   string  `json:"label" api:"req"`
	Unit    string  `json:"unit,omitempty" doc:"Đơn vị tính của dòng"`
	Heading bool    `json:"heading,omitempty"`
	Cells   []int64 `json:"cells" api:"req" doc:"Một số cho mỗi cột, theo thứ tự columns; rỗng với dòng tiêu đề nhóm"`
	Note    string  `json:"note,omitempty"`
}

type statFormJSON struct {
	Form        string           `json:"form" api:"req" doc:"Ký hiệu biểu, ví dụ 0602.N/BNV-TĐKT"`
	Title       string           `json:"title" api:"req"`
	Layout      string           `json:"layout" api:"req" doc:"Mẫu biểu áp dụng (văn bản có hiệu lực vào cuối kỳ báo cáo)"`
	Basis       string           `json:"basis" api:"req"`
	Year        int              `json:"year" api:"req"`
	From        string           `json:"from" api:"req" doc:"Ngày đầu kỳ báo cáo (YYYY-MM-DD)"`
	To          string           `json:"to" api:"req" doc:"Ngày cuối kỳ báo cáo (YYYY-MM-DD)"`
	OrgID       int64            `json:"org_id" api:"req"`
	Reporter    string           `json:"reporter" api:"req" doc:"Đơn vị báo cáo"`
	Receiver    string           `json:"receiver" api:"req" doc:"Đơn vị nhận báo cáo"`
	ReceiveDate string           `json:"receive_date,omitempty" doc:"Ngày nhận báo cáo"`
	Unit        string           `json:"unit,omitempty" doc:"Đơn vị tính của cả biểu"`
	Columns     []statColumnJSON `json:"columns" api:"req"`
	Rows        []statRowJSON    `json:"rows" api:"req"`
	Notes       []string         `json:"notes" api:"req" doc:"Những điểm của mẫu biểu chưa kiểm chứng"`
}

type apparatusUnitJSON struct {
	ID            int64  `json:"id" api:"ro"`
	OrgID         int64  `json:"org_id" api:"req"`
	OrgName       string `json:"org_name,omitempty" api:"ro"`
	Name          string `json:"name" api:"req"`
	Kind          string `json:"kind" api:"req,enum=apparatus_kind" doc:"Cấp tổ chức theo biểu 0604.N"`
	EstablishedOn string `json:"established_on" api:"req" doc:"YYYY-MM-DD"`
	DissolvedOn   string `json:"dissolved_on,omitempty" doc:"YYYY-MM-DD; trống khi còn hoạt động"`
}

type apparatusOfficerJSON struct {
	ID        int64  `json:"id" api:"ro"`
	PersonID  int64  `json:"person_id" api:"req"`
	FullName  string `json:"full_name,omitempty" api:"ro"`
	OrgName   string `json:"org_name,omitempty" api:"ro"`
	Training  string `json:"training" api:"req,enum=training" doc:"Trình độ đào tạo theo biểu 0605.N"`
	StartedOn string `json:"started_on" api:"req" doc:"Ngày bắt đầu làm công tác thi đua, khen thưởng (YYYY-MM-DD)"`
	EndedOn   string `json:"ended_on,omitempty" doc:"YYYY-MM-DD; trống khi còn làm"`
}

type apparatusJSON struct {
	On       string                 `json:"on" api:"req" doc:"Ngày xem (YYYY-MM-DD)"`
	Units    []apparatusUnitJSON    `json:"units" api:"req"`
	Officers []apparatusOfficerJSON `json:"officers" api:"req"`
}

func (h *handlers) statisticsRoutes() []route {
	q := []param{{"year", "integer", "Năm báo cáo; mặc định năm nay"}, {"org", "integer", "Đơn vị báo cáo; mặc định đơn vị của tài khoản"}}
	a := prefix + "/apparatus"
	return []route{
		{Method: "GET", Path: prefix + "/statistics/{form}", Handle: h.statistics, Op: operation{ID: "getStatistics", Tag: tagStatistics,
			Summary: "Biểu thống kê thi đua, khen thưởng 0601–0605.N/BNV-TĐKT của một đơn vị và cấp dưới", Query: q, Resp: "StatForm"}},
		{Method: "GET", Path: a, Handle: h.apparatus, Op: operation{ID: "getApparatus", Tag: tagStatistics,
			Summary: "Tổ chức và công chức làm công tác thi đua, khen thưởng (biểu 0604.N, 0605.N)",
			Query:   []param{{"on", "string", "Ngày xem (YYYY-MM-DD); mặc định hôm nay"}}, Resp: "Apparatus"}},
		{Method: "POST", Path: a + "/units", Handle: h.addApparatusUnit, Op: operation{ID: "addApparatusUnit", Tag: tagStatistics,
			Summary: "Ghi một tổ chức làm công tác thi đua, khen thưởng", Body: "ApparatusUnit", Status: http.StatusCreated, Resp: "ApparatusUnit"}},
		{Method: "POST", Path: a + "/officers", Handle: h.addApparatusOfficer, Op: operation{ID: "addApparatusOfficer", Tag: tagStatistics,
			Summary: "Ghi một công chức làm công tác thi đua, khen thưởng", Body: "ApparatusOfficer", Status: http.StatusCreated, Resp: "ApparatusOfficer"}},
	}
}

func (h *handlers) statistics(r *http.Request, a *tdkt.Account) (any, error) {
	y, err := h.yearParam(r)
	if err != nil {
		return nil, err
	}
	var org int64
	if s := r.URL.Query().Get("org"); s != "" {
		if org, err = strconv.ParseInt(s, 10, 64); err != nil || org <= 0 {
			return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"org": "Mã đơn vị không hợp lệ."}}
		}
	}
	rep, err := h.svc.Statistics(r.Context(), a, r.PathValue("form"), y, org)
	if err != nil {
		return nil, err
	}
	return toStatForm(rep), nil
}

func toStatForm(rep core.StatReport) statFormJSON {
	t := rep.Table
	f := t.Form
	out := statFormJSON{Form: f.Code, Title: f.Title, Layout: rep.Layout.Name, Basis: rep.Layout.Basis, Year: rep.Year, From: rep.From, To: rep.To,
		OrgID: rep.Org.ID, Reporter: rep.Org.Name, Receiver: rep.Layout.Receiver, ReceiveDate: f.ReceiveDate, Unit: f.Unit,
		Columns: []statColumnJSON{}, Rows: []statRowJSON{}, Notes: append([]string{}, f.Notes...)}
	for _, l := range t.Leaves {
		out.Columns = append(out.Columns, statColumnJSON{Number: l.Number, Labels: l.Labels, Note: l.Note})
	}
	for _, r := range t.Rows {
		row := statRowJSON{Code: r.Code, Label: r.Label, Unit: r.Unit, Heading: r.Heading, Cells: r.Cells, Note: r.Note}
		if row.Cells == nil {
			row.Cells = []int64{}
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

func (h *handlers) apparatus(r *http.Request, a *tdkt.Account) (any, error) {
	on := r.URL.Query().Get("on")
	if on == "" {
		on = h.svc.Now().Format("2006-01-02")
	}
	if _, err := time.Parse(time.DateOnly, on); err != nil {
		return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"on": "Ngày xem phải có dạng YYYY-MM-DD."}}
	}
	ap, err := h.svc.Apparatus(r.Context(), a, on)
	out := apparatusJSON{On: on, Units: []apparatusUnitJSON{}, Officers: []apparatusOfficerJSON{}}
	for _, u := range ap.Units {
		out.Units = append(out.Units, toApparatusUnit(u))
	}
	for _, o := range ap.Officers {
		out.Officers = append(out.Officers, toApparatusOfficer(o))
	}
	return out, err
}

func toApparatusUnit(u sqldb.ApparatusUnit) apparatusUnitJSON {
	return apparatusUnitJSON{ID: u.ID, OrgID: u.OrgID, OrgName: u.OrgName, Name: u.Name, Kind: string(u.Kind), EstablishedOn: u.EstablishedOn, DissolvedOn: u.DissolvedOn}
}

func toApparatusOfficer(o sqldb.ApparatusOfficer) apparatusOfficerJSON {
	return apparatusOfficerJSON{ID: o.ID, PersonID: o.PersonID, FullName: o.FullName, OrgName: o.OrgName, Training: string(o.Training),
		StartedOn: o.StartedOn, EndedOn: o.EndedOn}
}

func (h *handlers) addApparatusUnit(r *http.Request, a *tdkt.Account) (any, error) {
	var in apparatusUnitJSON
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	u := sqldb.ApparatusUnit{OrgID: in.OrgID, Name: in.Name, Kind: tdkt.ApparatusKind(in.Kind), EstablishedOn: in.EstablishedOn, DissolvedOn: in.DissolvedOn}
	if u.OrgID == 0 {
		u.OrgID = a.OrgID
	}
	err := h.svc.AddApparatusUnit(r.Context(), a, &u)
	return toApparatusUnit(u), err
}

func (h *handlers) addApparatusOfficer(r *http.Request, a *tdkt.Account) (any, error) {
	var in apparatusOfficerJSON
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	o := sqldb.ApparatusOfficer{PersonID: in.PersonID, Training: tdkt.TrainingLevel(in.Training), StartedOn: in.StartedOn, EndedOn: in.EndedOn}
	err := h.svc.AddApparatusOfficer(r.Context(), a, &o)
	return toApparatusOfficer(o), err
}
