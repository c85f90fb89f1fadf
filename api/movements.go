package api

import (
	"net/http"
	"strconv"

	"tdkt"
	"tdkt/core"
)

// Emulation movements (phong trào thi đua) and yearly registrations (đăng ký thi đua).

const tagMovements = "Phong trào thi đua"

type criterionLine struct {
	Text   string  `json:"text" api:"req"`
	Points float64 `json:"points,omitempty" doc:"Điểm của tiêu chí (0 khi phong trào không chấm điểm)"`
}

type movementJSON struct {
	ID           int64               `json:"id" api:"ro"`
	OrgID        int64               `json:"org_id" doc:"Đơn vị phát động; mặc định đơn vị của tài khoản"`
	OrgName      string              `json:"org_name,omitempty" api:"ro"`
	ParentID     int64               `json:"parent_id,omitempty" doc:"Phong trào cấp trên mà kế hoạch này triển khai"`
	Name         string              `json:"name" api:"req"`
	Objectives   string              `json:"objectives" api:"req" doc:"Mục tiêu (Luật Thi đua, khen thưởng 2022, Điều 17)"`
	Scope        tdkt.MovementScope  `json:"scope" api:"req" doc:"toan_quoc, bo_tinh, cum_khoi hoặc don_vi"`
	Participants string              `json:"participants,omitempty"`
	Method       tdkt.MovementMethod `json:"method" api:"req" doc:"thuong_xuyen hoặc chuyen_de"`
	Criteria     []criterionLine     `json:"criteria,omitempty"`
	StartsOn     string              `json:"starts_on" api:"req,date"`
	EndsOn       string              `json:"ends_on" api:"req,date"`
	Plan         string              `json:"plan,omitempty"`
	Status       tdkt.MovementStatus `json:"status,omitempty" api:"ro"`
	LaunchedOn   string              `json:"launched_on,omitempty" api:"ro,date"`
	LaunchLevel  string              `json:"launch_level,omitempty" api:"ro" doc:"Cấp chủ trì phát động theo biểu 0601.N"`
	Duration     string              `json:"duration_band,omitempty" api:"ro" doc:"Thời hạn thi đua theo biểu 0601.N"`
	Version      int                 `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

type movementList struct {
	Items []movementJSON `json:"items" api:"req"`
}

type checkInJSON struct {
	ID       int64  `json:"id" api:"ro"`
	OrgID    int64  `json:"org_id" doc:"Đơn vị báo cáo; mặc định đơn vị của tài khoản"`
	OrgName  string `json:"org_name,omitempty" api:"ro"`
	On       string `json:"on" api:"req,date"`
	Text     string `json:"text" api:"req"`
	FileName string `json:"file_name,omitempty" api:"ro"`
}

type reviewJSON struct {
	ID      int64           `json:"id" api:"ro"`
	Kind    tdkt.ReviewKind `json:"kind" api:"req" doc:"so_ket (sơ kết) hoặc tong_ket (tổng kết)"`
	On      string          `json:"on" api:"req,date"`
	Report  string          `json:"report" api:"req"`
	Version int             `json:"version" doc:"Phiên bản của phong trào đã đọc"`
}

type movementRewardJSON struct {
	Dossier  dossierJSON `json:"dossier" api:"req"`
	Movement string      `json:"movement" api:"req"`
	Decision string      `json:"decision,omitempty" doc:"Số quyết định, khi đã có"`
	Awardees []string    `json:"awardees,omitempty"`
}

type movementDetailJSON struct {
	Movement movementJSON         `json:"movement" api:"req"`
	Tree     []movementJSON       `json:"tree" api:"req" doc:"Phong trào và các kế hoạch triển khai ở cấp dưới"`
	CheckIns []checkInJSON        `json:"check_ins" api:"req"`
	Reviews  []reviewJSON         `json:"reviews" api:"req"`
	Rewards  []movementRewardJSON `json:"rewards" api:"req" doc:"Các hồ sơ khen thưởng phong trào/chuyên đề của phong trào"`
}

type statsRowJSON struct {
	Code    string `json:"code" api:"req" doc:"Mã số dòng của biểu 0601.N"`
	Label   string `json:"label" api:"req"`
	Total   int    `json:"total" api:"req"`
	ByLevel []int  `json:"by_level" api:"req" doc:"Cột 2–4: Trung ương; bộ, ngành, tỉnh; cơ quan, đơn vị"`
}

type movementStatsJSON struct {
	Year int            `json:"year" api:"req"`
	Rows []statsRowJSON `json:"rows" api:"req"`
}

type registeredPersonJSON struct {
	PersonID int64  `json:"person_id" api:"req"`
	Award    string `json:"award" api:"req,enum=award"`
	Name     string `json:"name,omitempty" api:"ro"`
}

type registrationJSON struct {
	ID      int64                  `json:"id" api:"ro"`
	OrgID   int64                  `json:"org_id" doc:"Đơn vị đăng ký; mặc định đơn vị của tài khoản"`
	OrgName string                 `json:"org_name,omitempty" api:"ro"`
	Year    int                    `json:"year" api:"req"`
	Target  string                 `json:"target,omitempty" doc:"Danh hiệu tập thể đăng ký"`
	People  []registeredPersonJSON `json:"people,omitempty"`
	Status  string                 `json:"status,omitempty" api:"ro"`
	Note    string                 `json:"note,omitempty" api:"ro"`
	Version int                    `json:"version" doc:"0 khi đăng ký lần đầu"`
}

type registrationList struct {
	Year  int                `json:"year" api:"req"`
	Items []registrationJSON `json:"items" api:"req"`
}

type registrationReviewInput struct {
	Accept  bool   `json:"accept"`
	Note    string `json:"note,omitempty"`
	Version int    `json:"version" api:"req"`
}

type outcomeJSON struct {
	Unit     string `json:"unit" api:"req"`
	Name     string `json:"name" api:"req"`
	Award    string `json:"award" api:"req"`
	Achieved bool   `json:"achieved"`
}

type outcomeReport struct {
	Year  int           `json:"year" api:"req"`
	Lines []outcomeJSON `json:"lines" api:"req"`
}

func (h *handlers) movementRoutes() []route {
	m, g := prefix+"/movements", prefix+"/registrations"
	year := []param{{"year", "integer", "Năm; mặc định năm nay"}}
	return []route{
		{Method: "GET", Path: m, Handle: h.listMovements, Op: operation{ID: "listMovements", Tag: tagMovements,
			Summary: "Phong trào do các đơn vị của tài khoản phát động hoặc được triển khai tới", Resp: "MovementList"}},
		{Method: "POST", Path: m, Handle: h.createMovement, Op: operation{ID: "createMovement", Tag: tagMovements,
			Summary: "Tạo phong trào (hoặc kế hoạch triển khai phong trào cấp trên)", Body: "Movement", Status: http.StatusCreated, Resp: "MovementDetail"}},
		{Method: "GET", Path: m + "/{id}", Handle: h.getMovement, Op: operation{ID: "getMovement", Tag: tagMovements,
			Summary: "Phong trào, các kế hoạch triển khai, báo cáo, sơ kết, tổng kết và khen thưởng", Resp: "MovementDetail"}},
		{Method: "PUT", Path: m + "/{id}", Handle: h.updateMovement, Op: operation{ID: "updateMovement", Tag: tagMovements,
			Summary: "Sửa phong trào", Body: "Movement", Resp: "MovementDetail"}},
		{Method: "POST", Path: m + "/{id}/launch", Handle: h.moveMovement(true), Op: operation{ID: "launchMovement", Tag: tagMovements,
			Summary: "Phát động phong trào", Body: "VersionInput", Resp: "MovementDetail"}},
		{Method: "POST", Path: m + "/{id}/close", Handle: h.moveMovement(false), Op: operation{ID: "closeMovement", Tag: tagMovements,
			Summary: "Kết thúc phong trào", Body: "VersionInput", Resp: "MovementDetail"}},
		{Method: "POST", Path: m + "/{id}/check-ins", Handle: h.addCheckIn, Op: operation{ID: "addCheckIn", Tag: tagMovements,
			Summary: "Báo cáo kết quả thực hiện phong trào", Body: "CheckIn", Status: http.StatusCreated, Resp: "CheckIn"}},
		{Method: "POST", Path: m + "/{id}/reviews", Handle: h.addReview, Op: operation{ID: "addReview", Tag: tagMovements,
			Summary: "Sơ kết hoặc tổng kết phong trào", Body: "Review", Status: http.StatusCreated, Resp: "Review"}},
		{Method: "GET", Path: prefix + "/movement-stats", Handle: h.movementStats, Op: operation{ID: "movementStats", Tag: tagMovements,
			Summary: "Số phong trào thi đua theo biểu 0601.N", Query: year, Resp: "MovementStats"}},
		{Method: "GET", Path: g, Handle: h.listRegistrations, Op: operation{ID: "listRegistrations", Tag: tagMovements,
			Summary: "Đăng ký thi đua của các đơn vị trong năm", Query: year, Resp: "RegistrationList"}},
		{Method: "POST", Path: g, Handle: h.saveRegistration, Op: operation{ID: "saveRegistration", Tag: tagMovements,
			Summary: "Đăng ký (hoặc đăng ký lại) thi đua của một đơn vị", Body: "Registration", Status: http.StatusCreated, Resp: "Registration"}},
		{Method: "POST", Path: g + "/{id}/review", Handle: h.reviewRegistration, Op: operation{ID: "reviewRegistration", Tag: tagMovements,
			Summary: "Cấp trên chấp nhận hoặc trả lại bản đăng ký", Body: "RegistrationReview", Resp: "Registration"}},
		{Method: "GET", Path: g + "/outcomes", Handle: h.registrationOutcomes, Op: operation{ID: "registrationOutcomes", Tag: tagMovements,
			Summary: "So sánh đăng ký với kết quả cuối năm", Query: year, Resp: "OutcomeReport"}},
	}
}

func toMovement(m tdkt.Movement) movementJSON {
	j := movementJSON{ID: m.ID, OrgID: m.OrgID, OrgName: m.OrgName, ParentID: m.ParentID, Name: m.Name, Objectives: m.Objectives,
		Scope: m.Scope, Participants: m.Participants, Method: m.Method, StartsOn: m.StartsOn, EndsOn: m.EndsOn, Plan: m.Plan,
		Status: m.Status, LaunchedOn: m.LaunchedOn, LaunchLevel: m.LaunchLevel(), Duration: m.Band(), Version: m.Version}
	for _, c := range m.Criteria {
		j.Criteria = append(j.Criteria, criterionLine{Text: c.Text, Points: c.Points})
	}
	return j
}

func (j movementJSON) domain(a *tdkt.Account) tdkt.Movement {
	m := tdkt.Movement{ID: j.ID, OrgID: j.OrgID, ParentID: j.ParentID, Name: j.Name, Objectives: j.Objectives, Scope: j.Scope,
		Participants: j.Participants, Method: j.Method, StartsOn: j.StartsOn, EndsOn: j.EndsOn, Plan: j.Plan, Version: j.Version}
	if m.OrgID == 0 {
		m.OrgID = a.OrgID
	}
	for _, c := range j.Criteria {
		m.Criteria = append(m.Criteria, tdkt.Criterion{Text: c.Text, Points: c.Points})
	}
	return m
}

func (h *handlers) listMovements(r *http.Request, a *tdkt.Account) (any, error) {
	ms, err := h.svc.Movements(r.Context(), a)
	return movementList{Items: mapTo(ms, toMovement)}, err
}

func (h *handlers) movementDetail(r *http.Request, a *tdkt.Account, id int64) (any, error) {
	v, err := h.svc.GetMovement(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	d := movementDetailJSON{Movement: toMovement(v.Movement), Tree: []movementJSON{}, CheckIns: []checkInJSON{}, Reviews: []reviewJSON{}, Rewards: []movementRewardJSON{}}
	for _, n := range v.Tree {
		d.Tree = append(d.Tree, toMovement(n.Movement))
	}
	for _, c := range v.CheckIns {
		d.CheckIns = append(d.CheckIns, checkInJSON{ID: c.ID, OrgID: c.OrgID, OrgName: c.OrgName, On: c.On, Text: c.Text, FileName: c.FileName})
	}
	for _, x := range v.Reviews {
		d.Reviews = append(d.Reviews, reviewJSON{ID: x.ID, Kind: x.Kind, On: x.On, Report: x.Report})
	}
	for _, rw := range v.Rewards {
		j := movementRewardJSON{Dossier: toDossier(rw.Dossier), Movement: rw.Movement}
		if rw.Decision != nil {
			j.Decision = rw.Decision.Number
		}
		for _, c := range rw.Awardees {
			j.Awardees = append(j.Awardees, c.Name)
		}
		d.Rewards = append(d.Rewards, j)
	}
	return d, nil
}

func (h *handlers) getMovement(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "phong trào")
	if err != nil {
		return nil, err
	}
	return h.movementDetail(r, a, id)
}

func (h *handlers) createMovement(r *http.Request, a *tdkt.Account) (any, error) {
	var j movementJSON
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	m := j.domain(a)
	m.ID, m.Version = 0, 0
	if err := h.svc.CreateMovement(r.Context(), a, &m); err != nil {
		return nil, err
	}
	return h.movementDetail(r, a, m.ID)
}

func (h *handlers) updateMovement(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "phong trào")
	if err != nil {
		return nil, err
	}
	var j movementJSON
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	m := j.domain(a)
	m.ID = id
	if err := h.svc.UpdateMovement(r.Context(), a, &m); err != nil {
		return nil, err
	}
	return h.movementDetail(r, a, id)
}

func (h *handlers) moveMovement(launch bool) handler {
	return func(r *http.Request, a *tdkt.Account) (any, error) {
		id, err := pathID(r, "phong trào")
		if err != nil {
			return nil, err
		}
		var in versionInput
		if err := decode(r, &in); err != nil {
			return nil, err
		}
		if launch {
			_, err = h.svc.LaunchMovement(r.Context(), a, id, int(in.Version))
		} else {
			_, err = h.svc.CloseMovement(r.Context(), a, id, int(in.Version))
		}
		if err != nil {
			return nil, err
		}
		return h.movementDetail(r, a, id)
	}
}

func (h *handlers) addCheckIn(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "phong trào")
	if err != nil {
		return nil, err
	}
	var j checkInJSON
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	c, err := h.svc.AddCheckIn(r.Context(), a, id, core.CheckInInput{OrgID: j.OrgID, On: j.On, Text: j.Text})
	return checkInJSON{ID: c.ID, OrgID: c.OrgID, OrgName: c.OrgName, On: c.On, Text: c.Text}, err
}

func (h *handlers) addReview(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "phong trào")
	if err != nil {
		return nil, err
	}
	var j reviewJSON
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	x, err := h.svc.AddReview(r.Context(), a, id, j.Version, tdkt.MovementReview{Kind: j.Kind, On: j.On, Report: j.Report})
	return reviewJSON{ID: x.ID, Kind: x.Kind, On: x.On, Report: x.Report}, err
}

// yearParam reads ?year=, this year by default.
func (h *handlers) yearParam(r *http.Request) (int, error) {
	s := r.URL.Query().Get("year")
	if s == "" {
		return h.svc.Now().Year(), nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1945 || y > 2200 {
		return 0, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"year": "Năm không hợp lệ."}}
	}
	return y, nil
}

func (h *handlers) movementStats(r *http.Request, a *tdkt.Account) (any, error) {
	y, err := h.yearParam(r)
	if err != nil {
		return nil, err
	}
	st, err := h.svc.MovementStats(r.Context(), a, y)
	out := movementStatsJSON{Year: y, Rows: []statsRowJSON{}}
	for _, row := range st.Rows {
		out.Rows = append(out.Rows, statsRowJSON{Code: row.Code, Label: row.Label, Total: row.Total, ByLevel: row.ByLevel[:]})
	}
	return out, err
}

func toRegistration(x tdkt.Registration) registrationJSON {
	j := registrationJSON{ID: x.ID, OrgID: x.OrgID, OrgName: x.OrgName, Year: x.Year, Target: x.Target, Status: string(x.Status), Note: x.Note, Version: x.Version}
	for _, p := range x.People {
		j.People = append(j.People, registeredPersonJSON{PersonID: p.PersonID, Award: p.Award, Name: p.Name})
	}
	return j
}

func (h *handlers) listRegistrations(r *http.Request, a *tdkt.Account) (any, error) {
	y, err := h.yearParam(r)
	if err != nil {
		return nil, err
	}
	v, err := h.svc.Registrations(r.Context(), a, y)
	return registrationList{Year: y, Items: append([]registrationJSON{}, mapTo(v.Registrations, toRegistration)...)}, err
}

func (h *handlers) saveRegistration(r *http.Request, a *tdkt.Account) (any, error) {
	var j registrationJSON
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	in := core.RegistrationInput{OrgID: j.OrgID, Year: j.Year, Target: j.Target, Version: j.Version}
	if in.OrgID == 0 {
		in.OrgID = a.OrgID
	}
	for _, p := range j.People {
		in.People = append(in.People, tdkt.RegisteredPerson{PersonID: p.PersonID, Award: p.Award})
	}
	x, err := h.svc.SaveRegistration(r.Context(), a, in)
	return toRegistration(x), err
}

func (h *handlers) reviewRegistration(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "bản đăng ký")
	if err != nil {
		return nil, err
	}
	var in registrationReviewInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	x, err := h.svc.ReviewRegistration(r.Context(), a, id, in.Accept, in.Note, in.Version)
	return toRegistration(x), err
}

func (h *handlers) registrationOutcomes(r *http.Request, a *tdkt.Account) (any, error) {
	y, err := h.yearParam(r)
	if err != nil {
		return nil, err
	}
	rep, err := h.svc.RegistrationOutcomes(r.Context(), a, y)
	out := outcomeReport{Year: y, Lines: []outcomeJSON{}}
	for _, u := range rep.Units {
		if u.Target != "" {
			out.Lines = append(out.Lines, outcomeJSON{Unit: u.OrgName, Name: "Tập thể " + u.OrgName, Award: u.Target, Achieved: u.TargetAchieved})
		}
		for _, p := range u.People {
			out.Lines = append(out.Lines, outcomeJSON{Unit: u.OrgName, Name: p.Name, Award: p.Award, Achieved: p.Achieved})
		}
	}
	return out, err
}
