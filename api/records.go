package api

import (
	"net/http"

	"tdkt"
	"tdkt/core"
)

// The per-year records of a subject: ratings, initiatives, discipline and honours.
// They are created under their subject (POST /people/{id}/ratings) and changed or
// removed by their own id (PUT, DELETE /ratings/{id}), which is all a client holds.

// subjectJSON names who a record is about.
type subjectJSON struct {
	Kind tdkt.SubjectKind `json:"kind" api:"req,enum=subject_kind"`
	ID   int64            `json:"id" api:"req"`
}

func toSubject(s tdkt.Subject) *subjectJSON { return &subjectJSON{Kind: s.Kind, ID: s.ID} }

// ratingJSON is a yearly task-completion rating.
type ratingJSON struct {
	ID      int64        `json:"id" api:"ro"`
	Subject *subjectJSON `json:"subject,omitempty" api:"ro"`
	Year    int          `json:"year" api:"req"`
	Rating  tdkt.Rating  `json:"rating" api:"req,enum=rating" doc:"htxsnv, httnv, htnv, khtnv"`
	Note    string       `json:"note,omitempty"`
	Version int          `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

func toRating(x tdkt.YearRating) ratingJSON {
	return ratingJSON{ID: x.ID, Subject: toSubject(x.Subject), Year: x.Year, Rating: x.Rating, Note: x.Note, Version: x.Version}
}

// initiativeJSON is an initiative or scientific work and the scope it was recognised at.
type initiativeJSON struct {
	ID           int64        `json:"id" api:"ro"`
	Subject      *subjectJSON `json:"subject,omitempty" api:"ro"`
	Year         int          `json:"year" api:"req"`
	Title        string       `json:"title" api:"req"`
	Scope        tdkt.Scope   `json:"scope" api:"req,enum=scope"`
	DecisionNo   string       `json:"decision_no,omitempty" doc:"Số quyết định công nhận"`
	DecisionOn   string       `json:"decision_on,omitempty" api:"date"`
	RecognisedBy string       `json:"recognised_by,omitempty" doc:"Cơ quan công nhận"`
	Version      int          `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

func toInitiative(x tdkt.Initiative) initiativeJSON {
	return initiativeJSON{ID: x.ID, Subject: toSubject(x.Subject), Year: x.Year, Title: x.Title, Scope: x.Scope,
		DecisionNo: x.DecisionNo, DecisionOn: x.DecisionOn, RecognisedBy: x.RecognisedBy, Version: x.Version}
}

// disciplineJSON is a disciplinary penalty; achievements count only after ends_on.
type disciplineJSON struct {
	ID         int64               `json:"id" api:"ro"`
	PersonID   int64               `json:"person_id" api:"ro"`
	Form       tdkt.DisciplineForm `json:"form" api:"req,enum=discipline_form"`
	DecidedOn  string              `json:"decided_on" api:"req,date"`
	EndsOn     string              `json:"ends_on" api:"req,date" doc:"Ngày hết thời hạn kỷ luật"`
	DecisionNo string              `json:"decision_no,omitempty"`
	Reason     string              `json:"reason,omitempty"`
	Version    int                 `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

func toDiscipline(x tdkt.Discipline) disciplineJSON {
	return disciplineJSON{ID: x.ID, PersonID: x.PersonID, Form: x.Form, DecidedOn: x.DecidedOn, EndsOn: x.EndsOn,
		DecisionNo: x.DecisionNo, Reason: x.Reason, Version: x.Version}
}

// decisionJSON is the reward decision that conferred an honour.
type decisionJSON struct {
	Number string `json:"number" api:"req" doc:"Số quyết định, 125/QĐ-UBND"`
	Date   string `json:"date" api:"req,date"`
	Signer string `json:"signer,omitempty"`
	Issuer string `json:"issuer" api:"req" doc:"Cơ quan ban hành"`
}

// honourJSON is a title or form a subject received.
type honourJSON struct {
	ID          int64           `json:"id" api:"ro"`
	Subject     *subjectJSON    `json:"subject,omitempty" api:"ro"`
	SubjectName string          `json:"subject_name,omitempty" api:"ro"`
	Award       string          `json:"award" api:"req,enum=award" doc:"Mã trong danh mục GET /api/v1/awards"`
	AwardName   string          `json:"award_name,omitempty" api:"ro"`
	Year        int             `json:"year" api:"req" doc:"Năm xét (năm cuối của thời kỳ với danh hiệu nhiều năm)"`
	PeriodFrom  int             `json:"period_from,omitempty" doc:"Năm đầu của thời kỳ thành tích; mặc định bằng year"`
	Kind        tdkt.RewardKind `json:"kind,omitempty" api:"enum=reward_kind" doc:"Loại hình khen thưởng; mặc định cong_trang"`
	Decision    decisionJSON    `json:"decision" api:"req"`
	AmountVND   int64           `json:"amount_vnd,omitempty" doc:"Tiền thưởng, đồng"`
	Revoked     bool            `json:"revoked" doc:"Đã bị hủy, thu hồi"`
	DecisionID  int64           `json:"decision_id,omitempty" api:"ro" doc:"Quyết định ban hành trên hệ thống đã tặng; khi có thì bản ghi chỉ thay đổi qua quyết định đó (đính chính, thu hồi), khi không có là bản ghi nhập từ quyết định giấy"`
	OrgName     string          `json:"org_name,omitempty" api:"ro"`
	Version     int             `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

func toHonour(x tdkt.Honour) honourJSON {
	a, _ := tdkt.AwardByCode(x.AwardCode)
	d := x.Decision
	return honourJSON{ID: x.ID, Subject: toSubject(x.Subject), SubjectName: x.SubjectName, Award: x.AwardCode, AwardName: a.Name,
		Year: x.Year, PeriodFrom: x.PeriodFrom, Kind: x.Kind, AmountVND: x.AmountVND, Revoked: x.Revoked, OrgName: x.OrgName, DecisionID: x.DecisionID,
		Decision: decisionJSON{Number: d.Number, Date: d.Date, Signer: d.Signer, Issuer: d.Issuer}, Version: x.Version}
}

// honourFields are the JSON names of the fields the domain names flat.
var honourFields = map[string]string{"decision_no": "decision.number", "decision_date": "decision.date",
	"signer": "decision.signer", "issuer": "decision.issuer"}

func (h *handlers) recordRoutes() []route {
	version := []param{{"version", "integer", "Phiên bản đã đọc"}}
	type kind struct {
		path, schema, id, name string
		create, update         handler
		del                    core.RecordKind
	}
	kinds := []kind{
		{"ratings", "Rating", "Rating", "xếp loại hằng năm", h.addRating(tdkt.Individual), h.updateRating, core.RatingRecord},
		{"initiatives", "Initiative", "Initiative", "sáng kiến, đề tài", h.addInitiative(tdkt.Individual), h.updateInitiative, core.InitiativeRecord},
		{"discipline", "Discipline", "Discipline", "kỷ luật", h.addDiscipline, h.updateDiscipline, core.DisciplineRecord},
		{"honours", "Honour", "Honour", "danh hiệu, hình thức khen thưởng đã nhận", h.addHonour(tdkt.Individual), h.updateHonour, core.HonourRecord},
	}
	var out []route
	for _, k := range kinds {
		out = append(out,
			route{Method: "POST", Path: prefix + "/people/{id}/" + k.path, Handle: k.create, Op: operation{ID: "addPerson" + k.id,
				Tag: tagRecord, Summary: "Thêm " + k.name + " cho một người", Body: k.schema, Status: http.StatusCreated, Resp: k.schema}},
			route{Method: "PUT", Path: prefix + "/" + k.path + "/{id}", Handle: k.update, Op: operation{ID: "update" + k.id,
				Tag: tagRecord, Summary: "Sửa " + k.name, Body: k.schema, Resp: k.schema}},
			route{Method: "DELETE", Path: prefix + "/" + k.path + "/{id}", Handle: h.deleteRecord(k.del), Op: operation{ID: "delete" + k.id,
				Tag: tagRecord, Summary: "Xóa " + k.name, Status: http.StatusNoContent, Query: version}},
		)
	}
	return out
}

// The create handlers take the subject from the path: the body cannot choose whom
// a record is about.

func (h *handlers) addRating(kind tdkt.SubjectKind) handler {
	return func(r *http.Request, a *tdkt.Account) (any, error) {
		var j ratingJSON
		sub, err := subjectBody(r, kind, &j)
		if err != nil {
			return nil, err
		}
		x := tdkt.YearRating{Subject: sub, Year: j.Year, Rating: j.Rating, Note: j.Note}
		err = h.svc.SaveRating(r.Context(), a, &x)
		return toRating(x), err
	}
}

func (h *handlers) updateRating(r *http.Request, a *tdkt.Account) (any, error) {
	var j ratingJSON
	id, err := idBody(r, "xếp loại", &j, &j.Version)
	if err != nil {
		return nil, err
	}
	x := tdkt.YearRating{ID: id, Year: j.Year, Rating: j.Rating, Note: j.Note, Version: j.Version}
	err = h.svc.SaveRating(r.Context(), a, &x)
	return toRating(x), err
}

func (j initiativeJSON) domain() tdkt.Initiative {
	return tdkt.Initiative{Year: j.Year, Title: j.Title, Scope: j.Scope, DecisionNo: j.DecisionNo, DecisionOn: j.DecisionOn,
		RecognisedBy: j.RecognisedBy, Version: j.Version}
}

func (h *handlers) addInitiative(kind tdkt.SubjectKind) handler {
	return func(r *http.Request, a *tdkt.Account) (any, error) {
		var j initiativeJSON
		sub, err := subjectBody(r, kind, &j)
		if err != nil {
			return nil, err
		}
		x := j.domain()
		x.Subject, x.Version = sub, 0
		err = h.svc.SaveInitiative(r.Context(), a, &x)
		return toInitiative(x), err
	}
}

func (h *handlers) updateInitiative(r *http.Request, a *tdkt.Account) (any, error) {
	var j initiativeJSON
	id, err := idBody(r, "sáng kiến", &j, &j.Version)
	if err != nil {
		return nil, err
	}
	x := j.domain()
	x.ID = id
	err = h.svc.SaveInitiative(r.Context(), a, &x)
	return toInitiative(x), err
}

func (j disciplineJSON) domain() tdkt.Discipline {
	return tdkt.Discipline{Form: j.Form, DecidedOn: j.DecidedOn, EndsOn: j.EndsOn, DecisionNo: j.DecisionNo, Reason: j.Reason, Version: j.Version}
}

func (h *handlers) addDiscipline(r *http.Request, a *tdkt.Account) (any, error) {
	var j disciplineJSON
	sub, err := subjectBody(r, tdkt.Individual, &j)
	if err != nil {
		return nil, err
	}
	x := j.domain()
	x.PersonID, x.Version = sub.ID, 0
	err = h.svc.SaveDiscipline(r.Context(), a, &x)
	return toDiscipline(x), err
}

func (h *handlers) updateDiscipline(r *http.Request, a *tdkt.Account) (any, error) {
	var j disciplineJSON
	id, err := idBody(r, "kỷ luật", &j, &j.Version)
	if err != nil {
		return nil, err
	}
	x := j.domain()
	x.ID = id
	err = h.svc.SaveDiscipline(r.Context(), a, &x)
	return toDiscipline(x), err
}

func (j honourJSON) domain() tdkt.Honour {
	d := j.Decision
	return tdkt.Honour{AwardCode: j.Award, Year: j.Year, PeriodFrom: j.PeriodFrom, Kind: j.Kind, AmountVND: j.AmountVND,
		Revoked: j.Revoked, Decision: tdkt.Decision{Number: d.Number, Date: d.Date, Signer: d.Signer, Issuer: d.Issuer}, Version: j.Version}
}

func (h *handlers) addHonour(kind tdkt.SubjectKind) handler {
	return func(r *http.Request, a *tdkt.Account) (any, error) {
		var j honourJSON
		sub, err := subjectBody(r, kind, &j)
		if err != nil {
			return nil, err
		}
		x := j.domain()
		x.Subject, x.Version = sub, 0
		err = h.svc.SaveHonour(r.Context(), a, &x)
		return toHonour(x), renameFields(err, honourFields)
	}
}

func (h *handlers) updateHonour(r *http.Request, a *tdkt.Account) (any, error) {
	var j honourJSON
	id, err := idBody(r, "danh hiệu, hình thức khen thưởng", &j, &j.Version)
	if err != nil {
		return nil, err
	}
	x := j.domain()
	x.ID = id
	err = h.svc.SaveHonour(r.Context(), a, &x)
	return toHonour(x), renameFields(err, honourFields)
}

func (h *handlers) deleteRecord(kind core.RecordKind) handler {
	return func(r *http.Request, a *tdkt.Account) (any, error) {
		id, err := pathID(r, "bản ghi")
		if err != nil {
			return nil, err
		}
		v, err := queryVersion(r)
		if err != nil {
			return nil, err
		}
		return nil, h.svc.DeleteRecord(r.Context(), a, kind, id, v)
	}
}

// subjectBody reads the subject id of the path and the body of a new record.
func subjectBody(r *http.Request, kind tdkt.SubjectKind, body any) (tdkt.Subject, error) {
	id, err := pathID(r, subjectWhat[kind])
	if err != nil {
		return tdkt.Subject{}, err
	}
	return tdkt.Subject{Kind: kind, ID: id}, decode(r, body)
}

// idBody reads the record id of the path and the body of a change, which must carry
// the version it was read at.
func idBody(r *http.Request, what string, body any, version *int) (int64, error) {
	id, err := pathID(r, what)
	if err != nil {
		return 0, err
	}
	if err := decode(r, body); err != nil {
		return 0, err
	}
	return id, needVersion(*version)
}
