package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"tdkt"
	"tdkt/core"
)

// personJSON is a person's record without history. The citizen ID is private: it is
// sent only with one person (GET /people/{id}), never in a list.
type personJSON struct {
	ID          int64      `json:"id" api:"ro"`
	OrgID       int64      `json:"org_id" api:"req" doc:"Đơn vị đang quản lý hồ sơ"`
	OrgName     string     `json:"org_name,omitempty" api:"ro"`
	FullName    string     `json:"full_name" api:"req"`
	Sex         tdkt.Sex   `json:"sex" api:"req,enum=sex"`
	BirthDate   string     `json:"birth_date,omitempty" api:"date"`
	Ethnicity   string     `json:"ethnicity,omitempty"`
	CCCD        string     `json:"cccd,omitempty" doc:"Số căn cước công dân, 12 chữ số: chỉ trả về khi GET /people/{id} có ?purpose= (mục đích, được ghi nhật ký); không có trong danh sách. Khi sửa: bỏ trường này thì giữ nguyên số đã lưu, gửi \"\" thì xóa"`
	CCCDMasked  string     `json:"cccd_masked,omitempty" api:"ro" doc:"Số căn cước công dân đã che, chỉ còn 3 chữ số cuối"`
	Group       tdkt.Group `json:"group" api:"req,enum=group"`
	Leader      bool       `json:"leader" doc:"Giữ chức vụ lãnh đạo, quản lý"`
	Position    string     `json:"position,omitempty" doc:"Chức vụ hiện nay"`
	HiredOn     string     `json:"hired_on,omitempty" api:"date"`
	UnderReview bool       `json:"under_review" doc:"Đang bị xem xét kỷ luật, điều tra, thanh tra: chưa đề nghị khen thưởng"`
	Version     int        `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

// personInput is the body of POST and PUT /people: a whole person (PUT replaces
// every field) and, when the unit changes, the day the move takes effect.
type personInput struct {
	personJSON
	MoveOn string `json:"move_on,omitempty" api:"date" doc:"Ngày chuyển sang đơn vị mới khi org_id đổi; mặc định hôm nay"`
}

// UnmarshalJSON reads the body and notes whether it names the citizen ID: a client
// that never read the number (it is masked unless asked for with a purpose) and
// sends the person back without it keeps the stored one.
func (in *personInput) UnmarshalJSON(b []byte) error {
	type plain personInput // without this method
	var p plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		return err
	}
	if _, named := keys["cccd"]; !named {
		p.CCCD = core.KeepCCCD
	}
	*in = personInput(p)
	return nil
}

// peoplePage is one page of a people search.
type peoplePage struct {
	Items  []personJSON `json:"items" api:"req"`
	Total  int64        `json:"total" api:"req" doc:"Số người khớp, trên mọi trang; khi total_capped, chỉ đếm đến mức này"`
	Capped bool         `json:"total_capped" doc:"Có nhiều người khớp hơn total (chỉ đếm đến 1.000)"`
	Limit  int          `json:"limit"`
	Offset int          `json:"offset"`
}

// membershipJSON is a period in a unit.
type membershipJSON struct {
	ID       int64  `json:"id"`
	OrgID    int64  `json:"org_id"`
	OrgName  string `json:"org_name"`
	Position string `json:"position,omitempty"`
	Leader   bool   `json:"leader"`
	From     string `json:"from" api:"date"`
	To       string `json:"to,omitempty" api:"date" doc:"Trống khi đang công tác"`
}

// personRecordJSON is a person's whole lifelong record.
type personRecordJSON struct {
	Person      personJSON       `json:"person" api:"req"`
	Memberships []membershipJSON `json:"memberships" api:"req"`
	Ratings     []ratingJSON     `json:"ratings" api:"req"`
	Honours     []honourJSON     `json:"honours" api:"req"`
	Initiatives []initiativeJSON `json:"initiatives" api:"req"`
	Discipline  []disciplineJSON `json:"discipline" api:"req"`
}

func toPerson(p tdkt.Person) personJSON {
	return personJSON{ID: p.ID, OrgID: p.OrgID, OrgName: p.OrgName, FullName: p.FullName, Sex: p.Sex, BirthDate: p.BirthDate,
		Ethnicity: p.Ethnicity, CCCD: p.CCCD, Group: p.Group, Leader: p.Leader, Position: p.Position, HiredOn: p.HiredOn,
		UnderReview: p.UnderReview, Version: p.Version}
}

func (j personJSON) domain() tdkt.Person {
	return tdkt.Person{ID: j.ID, OrgID: j.OrgID, FullName: j.FullName, Sex: j.Sex, BirthDate: j.BirthDate, Ethnicity: j.Ethnicity,
		CCCD: j.CCCD, Group: j.Group, Leader: j.Leader, Position: j.Position, HiredOn: j.HiredOn, UnderReview: j.UnderReview,
		Version: j.Version}
}

func toPersonRecord(rec tdkt.PersonRecord) personRecordJSON {
	out := personRecordJSON{Person: toPerson(rec.Person), Memberships: []membershipJSON{},
		Ratings: mapTo(rec.Ratings, toRating), Honours: mapTo(rec.Honours, toHonour),
		Initiatives: mapTo(rec.Initiatives, toInitiative), Discipline: mapTo(rec.Discipline, toDiscipline)}
	for _, m := range rec.Memberships {
		out.Memberships = append(out.Memberships, membershipJSON{ID: m.ID, OrgID: m.OrgID, OrgName: m.OrgName,
			Position: m.Position, Leader: m.Leader, From: m.From, To: m.To})
	}
	return out
}

// mapTo converts a list, reading [] rather than null when empty.
func mapTo[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func (h *handlers) peopleRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/people", Handle: h.searchPeople, Op: operation{ID: "searchPeople", Tag: tagPeople,
			Summary: "Tìm người trong phạm vi của tài khoản, theo tên không phân biệt dấu và hoa thường", Resp: "PeoplePage",
			Query: []param{
				{"q", "string", "Họ tên hoặc một phần; \"nguyen van a\" tìm được \"Nguyễn Văn Á\""},
				{"org", "string", "Mã đơn vị: chỉ tìm trong cây đơn vị này"},
				{"limit", "integer", "Số người mỗi trang, 1–500, mặc định 50"},
				{"offset", "integer", "Bỏ qua bao nhiêu người đầu"},
			}}},
		{Method: "POST", Path: prefix + "/people", Handle: h.createPerson, Op: operation{ID: "createPerson", Tag: tagPeople,
			Summary: "Thêm hồ sơ cá nhân", Body: "PersonInput", Status: http.StatusCreated, Resp: "Person"}},
		{Method: "GET", Path: prefix + "/people/{id}", Handle: h.getPerson, Op: operation{ID: "getPerson", Tag: tagPeople,
			Summary: "Hồ sơ suốt quá trình công tác của một người; số CCCD chỉ trả về khi có mục đích (được ghi nhật ký)", Resp: "PersonRecord",
			Query: []param{{"purpose", "string", "Mục đích xem số căn cước công dân (5–300 ký tự); mỗi lần xem được ghi vào nhật ký với người xem và thời điểm"}}}},
		{Method: "PUT", Path: prefix + "/people/{id}", Handle: h.updatePerson, Op: operation{ID: "updatePerson", Tag: tagPeople,
			Summary: "Sửa hồ sơ cá nhân; đổi org_id là chuyển đơn vị từ ngày move_on", Body: "PersonInput", Resp: "Person"}},
		{Method: "DELETE", Path: prefix + "/people/{id}", Handle: h.deletePerson, Op: operation{ID: "deletePerson", Tag: tagPeople,
			Summary: "Xóa hồ sơ cá nhân cùng mọi bản ghi của người đó", Status: http.StatusNoContent,
			Query: []param{{"version", "integer", "Phiên bản đã đọc"}}}},
	}
}

// Page sizes of a people search: the default, and the most one page may hold.
const (
	defaultLimit = 50
	maxLimit     = 500
)

func (h *handlers) searchPeople(r *http.Request, a *tdkt.Account) (any, error) {
	limit, err := queryInt(r, "limit", defaultLimit)
	if err != nil {
		return nil, err
	}
	if limit == 0 || limit > maxLimit {
		return nil, invalid("limit", "Số người mỗi trang từ 1 đến "+strconv.Itoa(maxLimit)+".")
	}
	offset, err := queryInt(r, "offset", 0)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	page, err := h.svc.SearchPeople(r.Context(), a, q.Get("q"), q.Get("org"), limit, offset)
	out := peoplePage{Items: make([]personJSON, len(page.Items)), Total: page.Total, Capped: page.Capped, Limit: limit, Offset: offset}
	for i, p := range page.Items {
		out.Items[i] = toPerson(p)
		out.Items[i].CCCD = ""
	}
	return out, err
}

func (h *handlers) getPerson(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "người này")
	if err != nil {
		return nil, err
	}
	rec, err := h.svc.PersonRecord(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	out := toPersonRecord(rec)
	out.Person.CCCDMasked = rec.CCCDMasked
	if purpose := r.URL.Query().Get("purpose"); purpose != "" && rec.CCCDMasked != "" {
		if out.Person.CCCD, err = h.svc.RevealCCCD(r.Context(), a, id, purpose); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (h *handlers) createPerson(r *http.Request, a *tdkt.Account) (any, error) {
	var in personInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.MoveOn != "" {
		return nil, invalid("move_on", "Chỉ dùng khi chuyển đơn vị; người mới bắt đầu từ hired_on.")
	}
	p := in.domain()
	p.ID = 0
	if err := h.svc.CreatePerson(r.Context(), a, &p); err != nil {
		return nil, err
	}
	return h.savedPerson(r, a, p.ID)
}

func (h *handlers) updatePerson(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "người này")
	if err != nil {
		return nil, err
	}
	var in personInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if err := needVersion(in.Version); err != nil {
		return nil, err
	}
	p := in.domain()
	p.ID = id
	if err := h.svc.UpdatePerson(r.Context(), a, &p, in.MoveOn); err != nil {
		return nil, err
	}
	return h.savedPerson(r, a, id)
}

// savedPerson reads back a person just saved, so that the answer holds what is
// stored (the unit's name, the new version) rather than an echo of the request.
func (h *handlers) savedPerson(r *http.Request, a *tdkt.Account, id int64) (any, error) {
	rec, err := h.svc.PersonRecord(r.Context(), a, id)
	return toPerson(rec.Person), err
}

func (h *handlers) deletePerson(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "người này")
	if err != nil {
		return nil, err
	}
	v, err := queryVersion(r)
	if err != nil {
		return nil, err
	}
	return nil, h.svc.DeletePerson(r.Context(), a, id, v)
}
