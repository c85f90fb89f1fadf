package api

import (
	"io"
	"net/http"
	"strconv"

	"tdkt"
	"tdkt/core"
)

// Congresses of patriotic emulation and their typical examples: staff endpoints to
// organise them, and public endpoints that give the published typical examples with
// public fields only (never a citizen ID, a birth date or a contact).

const tagCongress = "Đại hội thi đua, gương điển hình"

// congressJSON is a congress.
type congressJSON struct {
	ID         int64               `json:"id"`
	OrgID      int64               `json:"org_id" api:"req" doc:"Cơ quan, đơn vị tổ chức"`
	OrgName    string              `json:"org_name,omitempty"`
	Name       string              `json:"name" api:"req"`
	Level      tdkt.Level          `json:"level,omitempty" api:"enum=level" doc:"Cấp tổ chức; mặc định là cấp của đơn vị tổ chức"`
	HeldOn     string              `json:"held_on" api:"req,date"`
	Place      string              `json:"place,omitempty"`
	PeriodFrom int                 `json:"period_from" api:"req" doc:"Năm đầu của giai đoạn, ví dụ 2021"`
	PeriodTo   int                 `json:"period_to" api:"req" doc:"Năm cuối của giai đoạn, ví dụ 2025"`
	Status     tdkt.CongressStatus `json:"status,omitempty" api:"enum=congress_status"`
	Examples   int                 `json:"examples" doc:"Số gương điển hình đã chọn"`
	Version    int                 `json:"version"`
}

func toCongress(g tdkt.Congress) congressJSON {
	return congressJSON{ID: g.ID, OrgID: g.OrgID, OrgName: g.OrgName, Name: g.Name, Level: g.Level, HeldOn: g.HeldOn, Place: g.Place,
		PeriodFrom: g.PeriodFrom, PeriodTo: g.PeriodTo, Status: g.Status, Examples: g.Examples, Version: g.Version}
}

type congressList struct {
	Items []congressJSON `json:"items" api:"req"`
}

// congressInput is the body of POST and PUT /congresses.
type congressInput struct {
	OrgID      int64      `json:"org_id" api:"req" doc:"Cơ quan, đơn vị tổ chức (không đổi khi sửa)"`
	Name       string     `json:"name" api:"req"`
	Level      tdkt.Level `json:"level,omitempty" api:"enum=level"`
	HeldOn     string     `json:"held_on" api:"req,date"`
	Place      string     `json:"place,omitempty"`
	PeriodFrom int        `json:"period_from" api:"req"`
	PeriodTo   int        `json:"period_to" api:"req"`
	Version    int        `json:"version,omitempty" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

// exampleAwardJSON is an award that justifies a typical example: public fields only.
type exampleAwardJSON struct {
	Award      string `json:"award" api:"req,enum=award"`
	AwardName  string `json:"award_name" api:"req"`
	Year       int    `json:"year" api:"req"`
	DecisionNo string `json:"decision_no" api:"req"`
	DecidedOn  string `json:"decided_on" api:"date"`
	Issuer     string `json:"issuer,omitempty"`
}

// exampleJSON is a typical example with its story and awards.
type exampleJSON struct {
	ID         int64              `json:"id"`
	CongressID int64              `json:"congress_id"`
	Subject    subjectJSON        `json:"subject" api:"req"`
	Name       string             `json:"name" api:"req"`
	Position   string             `json:"position,omitempty"`
	Unit       string             `json:"unit,omitempty"`
	Title      string             `json:"title" api:"req"`
	Summary    string             `json:"summary"`
	Body       string             `json:"body" doc:"Văn bản thuần; các đoạn cách nhau bằng một dòng trống"`
	Photo      string             `json:"photo,omitempty" doc:"Đường dẫn ảnh, nếu có"`
	Published  bool               `json:"published" doc:"Công bố trên cổng thông tin khi Đại hội đã công bố"`
	Version    int                `json:"version"`
	Awards     []exampleAwardJSON `json:"awards" api:"req"`
}

func toExample(x tdkt.TypicalExample, photoBase string) exampleJSON {
	out := exampleJSON{ID: x.ID, CongressID: x.CongressID, Subject: subjectJSON{Kind: x.Subject.Kind, ID: x.Subject.ID}, Name: x.Name,
		Position: x.Position, Unit: x.Unit, Title: x.Title, Summary: x.Summary, Body: x.Body, Published: x.Published, Version: x.Version,
		Awards: []exampleAwardJSON{}}
	if x.PhotoType != "" {
		out.Photo = photoBase + "/photo"
	}
	for _, a := range x.Awards {
		out.Awards = append(out.Awards, exampleAwardJSON{Award: a.AwardCode, AwardName: a.AwardName, Year: a.Year, DecisionNo: a.DecisionNo,
			DecidedOn: a.DecidedOn, Issuer: a.Issuer})
	}
	return out
}

func staffExample(x tdkt.TypicalExample) exampleJSON {
	return toExample(x, prefix+"/congresses/"+strconv.FormatInt(x.CongressID, 10)+"/examples/"+strconv.FormatInt(x.ID, 10))
}

// congressDetailJSON is a congress with its typical examples and the steps the caller may take.
type congressDetailJSON struct {
	congressJSON
	TypicalExamples []exampleJSON         `json:"typical_examples" api:"req"`
	Steps           []tdkt.CongressAction `json:"steps" api:"req,enum=congress_action" doc:"Các bước tài khoản được làm bây giờ"`
}

// congressStepInput is the body of POST /congresses/{id}/steps.
type congressStepInput struct {
	Action  tdkt.CongressAction `json:"action" api:"req,enum=congress_action" doc:"hold: đã tổ chức; publish: công bố (lãnh đạo); withdraw: thu hồi công bố"`
	Version int                 `json:"version" api:"req"`
}

// exampleCandidateJSON is a result of the search of typical examples.
type exampleCandidateJSON struct {
	Subject  subjectJSON        `json:"subject" api:"req"`
	Name     string             `json:"name" api:"req"`
	Position string             `json:"position,omitempty"`
	Unit     string             `json:"unit,omitempty"`
	Count    int                `json:"count" doc:"Số danh hiệu, hình thức trong giai đoạn"`
	Score    int                `json:"score" doc:"Điểm xếp hạng: tổng trọng số theo mức khen thưởng"`
	Selected bool               `json:"selected" doc:"Đã chọn làm điển hình"`
	Awards   []exampleAwardJSON `json:"awards" api:"req"`
}

type exampleCandidateList struct {
	Items []exampleCandidateJSON `json:"items" api:"req"`
}

// selectInput is the body of POST /congresses/{id}/examples.
type selectInput struct {
	Subject subjectJSON `json:"subject" api:"req" doc:"Cá nhân (ca_nhan) hoặc tập thể (tap_the)"`
}

// storyInput is the body of PUT /congresses/{id}/examples/{eid}.
type storyInput struct {
	Title     string `json:"title" api:"req"`
	Summary   string `json:"summary,omitempty"`
	Body      string `json:"body,omitempty" doc:"Văn bản thuần, không HTML; các đoạn cách nhau bằng một dòng trống"`
	Published bool   `json:"published"`
	Version   int    `json:"version" api:"req"`
}

// publicCongressJSON is a published congress with its published typical examples.
type publicCongressJSON struct {
	ID              int64         `json:"id"`
	Name            string        `json:"name" api:"req"`
	OrgName         string        `json:"org_name"`
	HeldOn          string        `json:"held_on" api:"date"`
	PeriodFrom      int           `json:"period_from"`
	PeriodTo        int           `json:"period_to"`
	TypicalExamples []exampleJSON `json:"typical_examples" api:"req"`
}

type publicCongressList struct {
	Items []publicCongressJSON `json:"items" api:"req"`
}

func publicExample(x tdkt.TypicalExample) exampleJSON {
	return toExample(x, prefix+"/typical-examples/"+strconv.FormatInt(x.ID, 10))
}

func (h *handlers) congressRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/congresses", Handle: h.listCongresses, Op: operation{ID: "listCongresses", Tag: tagCongress,
			Summary: "Đại hội thi đua yêu nước, hội nghị điển hình tiên tiến do cây đơn vị của tài khoản tổ chức", Resp: "CongressList"}},
		{Method: "POST", Path: prefix + "/congresses", Handle: h.createCongress, Op: operation{ID: "createCongress", Tag: tagCongress,
			Summary: "Lập Đại hội (đang chuẩn bị)", Body: "CongressInput", Status: http.StatusCreated, Resp: "CongressDetail"}},
		{Method: "GET", Path: prefix + "/congresses/{id}", Handle: h.getCongress, Op: operation{ID: "getCongress", Tag: tagCongress,
			Summary: "Đại hội với các gương điển hình đã chọn và các bước được làm", Resp: "CongressDetail"}},
		{Method: "PUT", Path: prefix + "/congresses/{id}", Handle: h.updateCongress, Op: operation{ID: "updateCongress", Tag: tagCongress,
			Summary: "Sửa tên, cấp, ngày, địa điểm, giai đoạn của Đại hội", Body: "CongressInput", Resp: "CongressDetail"}},
		{Method: "POST", Path: prefix + "/congresses/{id}/steps", Handle: h.stepCongress, Op: operation{ID: "stepCongress", Tag: tagCongress,
			Summary: "Xác nhận đã tổ chức, công bố (lãnh đạo, quản trị) hoặc thu hồi công bố gương điển hình", Body: "CongressStepInput",
			Resp: "CongressDetail", Conflict: true}},
		{Method: "GET", Path: prefix + "/congresses/{id}/candidates", Handle: h.congressCandidates, Op: operation{ID: "searchExampleCandidates", Tag: tagCongress,
			Summary: "Tìm cá nhân, tập thể được khen thưởng trong giai đoạn tại cây đơn vị tổ chức, xếp theo số và mức khen thưởng",
			Resp:    "ExampleCandidateList", Query: []param{{"award", "string", "Mã danh hiệu, hình thức"}, {"org_id", "integer", "Đơn vị"},
				{"year", "integer", "Năm"}, {"q", "string", "Tên, không cần dấu"}}}},
		{Method: "POST", Path: prefix + "/congresses/{id}/examples", Handle: h.selectExample, Op: operation{ID: "selectExample", Tag: tagCongress,
			Summary: "Chọn cá nhân, tập thể làm gương điển hình", Body: "SelectInput", Status: http.StatusCreated, Resp: "TypicalExample", Conflict: true}},
		{Method: "PUT", Path: prefix + "/congresses/{id}/examples/{eid}", Handle: h.saveStory, Op: operation{ID: "saveStory", Tag: tagCongress,
			Summary: "Sửa bài viết về gương điển hình và đánh dấu công bố", Body: "StoryInput", Resp: "TypicalExample"}},
		{Method: "DELETE", Path: prefix + "/congresses/{id}/examples/{eid}", Handle: h.removeExample, Op: operation{ID: "removeExample", Tag: tagCongress,
			Summary: "Bỏ chọn gương điển hình", Status: http.StatusNoContent, Query: []param{{"version", "integer", "Phiên bản đã đọc"}}}},
		{Method: "PUT", Path: prefix + "/congresses/{id}/examples/{eid}/photo", Raw: h.putPhoto, Op: operation{ID: "putExamplePhoto", Tag: tagCongress,
			Summary: "Gửi ảnh của gương điển hình: nội dung là ảnh PNG hoặc JPEG, tối đa 2 MB (kiểm tra theo nội dung); nội dung rỗng thì xóa ảnh",
			Resp:    "TypicalExample"}},
		{Method: "GET", Path: prefix + "/congresses/{id}/examples/{eid}/photo", Raw: h.staffPhoto, Op: operation{ID: "getExamplePhoto", Tag: tagCongress,
			Summary: "Ảnh của gương điển hình (image/png hoặc image/jpeg)"}},
		{Method: "GET", Path: prefix + "/typical-examples", Handle: h.publicExamples, Op: operation{ID: "listPublicExamples", Tag: tagPublic, Public: true,
			Summary: "Gương điển hình tiên tiến đã công bố, theo từng Đại hội (không cần đăng nhập)", Resp: "PublicCongressList"}},
		{Method: "GET", Path: prefix + "/typical-examples/{id}", Handle: h.publicExample, Op: operation{ID: "getPublicExample", Tag: tagPublic, Public: true,
			Summary: "Một gương điển hình đã công bố: họ tên, đơn vị, chức vụ, bài viết, khen thưởng với số quyết định", Resp: "TypicalExample"}},
		{Method: "GET", Path: prefix + "/typical-examples/{id}/photo", Raw: h.publicPhoto, Op: operation{ID: "getPublicExamplePhoto", Tag: tagPublic, Public: true,
			Summary: "Ảnh của gương điển hình đã công bố"}},
	}
}

const congressWhat = "Đại hội thi đua"

func (h *handlers) listCongresses(r *http.Request, a *tdkt.Account) (any, error) {
	gs, err := h.svc.Congresses(r.Context(), a)
	if err != nil {
		return nil, err
	}
	return congressList{Items: mapTo(gs, toCongress)}, nil
}

func (in congressInput) core() core.CongressInput {
	return core.CongressInput{OrgID: in.OrgID, Name: in.Name, Level: in.Level, HeldOn: in.HeldOn, Place: in.Place,
		PeriodFrom: in.PeriodFrom, PeriodTo: in.PeriodTo, Version: in.Version}
}

func (h *handlers) createCongress(r *http.Request, a *tdkt.Account) (any, error) {
	var in congressInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	g, err := h.svc.CreateCongress(r.Context(), a, in.core())
	if err != nil {
		return nil, err
	}
	return h.congressDetail(r, a, g.ID)
}

func (h *handlers) congressDetail(r *http.Request, a *tdkt.Account, id int64) (any, error) {
	v, err := h.svc.Congress(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	out := congressDetailJSON{congressJSON: toCongress(v.Congress), TypicalExamples: mapTo(v.Examples, staffExample), Steps: []tdkt.CongressAction{}}
	out.Examples = len(v.Examples)
	for _, s := range v.Steps {
		out.Steps = append(out.Steps, s.Action)
	}
	return out, nil
}

func (h *handlers) getCongress(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, congressWhat)
	if err != nil {
		return nil, err
	}
	return h.congressDetail(r, a, id)
}

func (h *handlers) updateCongress(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, congressWhat)
	if err != nil {
		return nil, err
	}
	var in congressInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := needVersion(in.Version); err != nil {
		return nil, err
	}
	if _, err := h.svc.UpdateCongress(r.Context(), a, id, in.core()); err != nil {
		return nil, err
	}
	return h.congressDetail(r, a, id)
}

func (h *handlers) stepCongress(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, congressWhat)
	if err != nil {
		return nil, err
	}
	var in congressStepInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := needVersion(in.Version); err != nil {
		return nil, err
	}
	if _, err := h.svc.StepCongress(r.Context(), a, id, in.Action, in.Version); err != nil {
		return nil, err
	}
	return h.congressDetail(r, a, id)
}

func (h *handlers) congressCandidates(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, congressWhat)
	if err != nil {
		return nil, err
	}
	orgID, err := queryInt(r, "org_id", 0)
	if err != nil {
		return nil, err
	}
	y, err := queryInt(r, "year", 0)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	found, err := h.svc.SearchCandidates(r.Context(), a, id, core.CandidateFilter{Award: q.Get("award"), OrgID: int64(orgID), Year: y, Name: q.Get("q")})
	if err != nil {
		return nil, err
	}
	out := exampleCandidateList{Items: []exampleCandidateJSON{}}
	for _, c := range found {
		x := exampleCandidateJSON{Subject: subjectJSON{Kind: c.Subject.Kind, ID: c.Subject.ID}, Name: c.Name, Position: c.Position, Unit: c.Unit,
			Count: c.Count, Score: c.Score, Selected: c.Selected, Awards: []exampleAwardJSON{}}
		for _, l := range c.Awards {
			x.Awards = append(x.Awards, exampleAwardJSON{Award: l.AwardCode, AwardName: tdkt.Label(l.AwardCode), Year: l.Year, DecisionNo: l.DecisionNo})
		}
		out.Items = append(out.Items, x)
	}
	return out, nil
}

func (h *handlers) selectExample(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, congressWhat)
	if err != nil {
		return nil, err
	}
	var in selectInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	x, err := h.svc.SelectExample(r.Context(), a, id, tdkt.Subject{Kind: in.Subject.Kind, ID: in.Subject.ID})
	if err != nil {
		return nil, err
	}
	_, x, err = h.svc.Example(r.Context(), a, id, x.ID)
	return staffExample(x), err
}

// exampleID reads the {eid} of the path.
func exampleID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("eid"), 10, 64)
	if err != nil || id <= 0 {
		return 0, tdkt.NotFound("gương điển hình")
	}
	return id, nil
}

func (h *handlers) saveStory(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, congressWhat)
	if err != nil {
		return nil, err
	}
	eid, err := exampleID(r)
	if err != nil {
		return nil, err
	}
	var in storyInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := needVersion(in.Version); err != nil {
		return nil, err
	}
	if _, err := h.svc.SaveStory(r.Context(), a, id, eid, core.StoryInput{Title: in.Title, Summary: in.Summary, Body: in.Body,
		Published: in.Published, Version: in.Version}); err != nil {
		return nil, err
	}
	_, x, err := h.svc.Example(r.Context(), a, id, eid)
	return staffExample(x), err
}

func (h *handlers) removeExample(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, congressWhat)
	if err != nil {
		return nil, err
	}
	eid, err := exampleID(r)
	if err != nil {
		return nil, err
	}
	v, err := queryVersion(r)
	if err != nil {
		return nil, err
	}
	return nil, h.svc.RemoveExample(r.Context(), a, id, eid, v)
}

// putPhoto reads the photo as the raw request body, at most 2 MB.
func (h *handlers) putPhoto(w http.ResponseWriter, r *http.Request) {
	a := core.Actor(r.Context())
	id, err := pathID(r, congressWhat)
	if err != nil {
		writeError(w, r, err)
		return
	}
	eid, err := exampleID(r)
	if err != nil {
		writeError(w, r, err)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, tdkt.MaxPhoto+1))
	if err != nil {
		writeError(w, r, badRequest("Không đọc được nội dung ảnh."))
		return
	}
	if _, err := h.svc.SetPhoto(r.Context(), a, id, eid, body, 0); err != nil {
		writeError(w, r, err)
		return
	}
	_, x, err := h.svc.Example(r.Context(), a, id, eid)
	if err != nil {
		writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, staffExample(x))
}

func writePhoto(w http.ResponseWriter, contentType string, content []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(content)))
	w.WriteHeader(http.StatusOK)
	w.Write(content)
}

func (h *handlers) staffPhoto(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, congressWhat)
	if err != nil {
		writeError(w, r, err)
		return
	}
	eid, err := exampleID(r)
	if err != nil {
		writeError(w, r, err)
		return
	}
	ct, content, err := h.svc.Photo(r.Context(), core.Actor(r.Context()), id, eid)
	if err != nil {
		writeError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writePhoto(w, ct, content)
}

func (h *handlers) publicPhoto(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "gương điển hình")
	if err != nil {
		writeError(w, r, err)
		return
	}
	ct, content, err := h.svc.PublicPhoto(r.Context(), id)
	if err != nil {
		writeError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writePhoto(w, ct, content)
}

func (h *handlers) publicExamples(r *http.Request, _ *tdkt.Account) (any, error) {
	list, err := h.svc.PublishedExamples(r.Context())
	if err != nil {
		return nil, err
	}
	out := publicCongressList{Items: []publicCongressJSON{}}
	for _, p := range list {
		g := p.Congress
		out.Items = append(out.Items, publicCongressJSON{ID: g.ID, Name: g.Name, OrgName: g.OrgName, HeldOn: g.HeldOn,
			PeriodFrom: g.PeriodFrom, PeriodTo: g.PeriodTo, TypicalExamples: mapTo(p.Examples, publicExample)})
	}
	return out, nil
}

func (h *handlers) publicExample(r *http.Request, _ *tdkt.Account) (any, error) {
	id, err := pathID(r, "gương điển hình")
	if err != nil {
		return nil, err
	}
	_, x, err := h.svc.PublicExample(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return publicExample(x), nil
}
