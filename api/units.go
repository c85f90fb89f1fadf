package api

import (
	"net/http"

	"tdkt"
)

// subjectWhat names each kind of subject in a "not found" message.
var subjectWhat = map[tdkt.SubjectKind]string{tdkt.Individual: "người này", tdkt.Collective: "tập thể", tdkt.Household: "hộ gia đình"}

// collectiveJSON is a collective: a unit or a part of one, as a subject of titles.
type collectiveJSON struct {
	ID         int64  `json:"id" api:"ro"`
	OrgID      int64  `json:"org_id" api:"req" doc:"Đơn vị quản lý hồ sơ của tập thể"`
	OrgName    string `json:"org_name,omitempty" api:"ro"`
	UnitOrgID  int64  `json:"unit_org_id,omitempty" doc:"Đơn vị mà tập thể chính là nó, nếu có; chỉ đặt khi tạo"`
	Name       string `json:"name" api:"req"`
	Enterprise bool   `json:"enterprise" doc:"Là doanh nghiệp"`
	Version    int    `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

type collectiveList struct {
	Items []collectiveJSON `json:"items" api:"req"`
}

// collectiveRecordJSON is a collective with its yearly records.
type collectiveRecordJSON struct {
	Collective  collectiveJSON   `json:"collective" api:"req"`
	Ratings     []ratingJSON     `json:"ratings" api:"req"`
	Honours     []honourJSON     `json:"honours" api:"req"`
	Initiatives []initiativeJSON `json:"initiatives" api:"req"`
}

func toCollective(c tdkt.CollectiveUnit) collectiveJSON {
	return collectiveJSON{ID: c.ID, OrgID: c.OrgID, OrgName: c.OrgName, UnitOrgID: c.UnitOrgID, Name: c.Name, Enterprise: c.Enterprise, Version: c.Version}
}

func (j collectiveJSON) domain() tdkt.CollectiveUnit {
	return tdkt.CollectiveUnit{OrgID: j.OrgID, UnitOrgID: j.UnitOrgID, Name: j.Name, Enterprise: j.Enterprise, Version: j.Version}
}

// householdJSON is a household as a subject of titles and forms.
type householdJSON struct {
	ID       int64  `json:"id" api:"ro"`
	OrgID    int64  `json:"org_id" api:"req" doc:"Xã, phường, đặc khu"`
	OrgName  string `json:"org_name,omitempty" api:"ro"`
	HeadName string `json:"head_name" api:"req" doc:"Họ tên chủ hộ"`
	Address  string `json:"address,omitempty"`
	Version  int    `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

type householdList struct {
	Items []householdJSON `json:"items" api:"req"`
}

// householdRecordJSON is a household with its titles and forms.
type householdRecordJSON struct {
	Household householdJSON `json:"household" api:"req"`
	Honours   []honourJSON  `json:"honours" api:"req"`
}

func toHousehold(x tdkt.HouseholdRecord) householdJSON {
	return householdJSON{ID: x.ID, OrgID: x.OrgID, OrgName: x.OrgName, HeadName: x.HeadName, Address: x.Address, Version: x.Version}
}

func (j householdJSON) domain() tdkt.HouseholdRecord {
	return tdkt.HouseholdRecord{OrgID: j.OrgID, HeadName: j.HeadName, Address: j.Address, Version: j.Version}
}

func (h *handlers) unitRoutes() []route {
	list := []param{{"q", "string", "Tên, không phân biệt dấu"}, {"limit", "integer", "Tối đa bao nhiêu, 1–500, mặc định 100"}}
	c, hh := prefix+"/collectives", prefix+"/households"
	return []route{
		{Method: "GET", Path: c, Handle: h.listCollectives, Op: operation{ID: "listCollectives", Tag: tagUnits,
			Summary: "Tìm tập thể trong phạm vi của tài khoản", Query: list, Resp: "CollectiveList"}},
		{Method: "POST", Path: c, Handle: h.createCollective, Op: operation{ID: "createCollective", Tag: tagUnits,
			Summary: "Thêm tập thể", Body: "Collective", Status: http.StatusCreated, Resp: "Collective"}},
		{Method: "GET", Path: c + "/{id}", Handle: h.getCollective, Op: operation{ID: "getCollective", Tag: tagUnits,
			Summary: "Hồ sơ của một tập thể", Resp: "CollectiveRecord"}},
		{Method: "PUT", Path: c + "/{id}", Handle: h.updateCollective, Op: operation{ID: "updateCollective", Tag: tagUnits,
			Summary: "Sửa tập thể", Body: "Collective", Resp: "Collective"}},
		{Method: "POST", Path: c + "/{id}/ratings", Handle: h.addRating(tdkt.Collective), Op: operation{ID: "addCollectiveRating", Tag: tagUnits,
			Summary: "Thêm xếp loại hằng năm cho tập thể", Body: "Rating", Status: http.StatusCreated, Resp: "Rating"}},
		{Method: "POST", Path: c + "/{id}/honours", Handle: h.addHonour(tdkt.Collective), Op: operation{ID: "addCollectiveHonour", Tag: tagUnits,
			Summary: "Thêm danh hiệu, hình thức khen thưởng tập thể đã nhận", Body: "Honour", Status: http.StatusCreated, Resp: "Honour"}},
		{Method: "GET", Path: hh, Handle: h.listHouseholds, Op: operation{ID: "listHouseholds", Tag: tagUnits,
			Summary: "Tìm hộ gia đình trong phạm vi của tài khoản", Query: list, Resp: "HouseholdList"}},
		{Method: "POST", Path: hh, Handle: h.createHousehold, Op: operation{ID: "createHousehold", Tag: tagUnits,
			Summary: "Thêm hộ gia đình", Body: "Household", Status: http.StatusCreated, Resp: "Household"}},
		{Method: "GET", Path: hh + "/{id}", Handle: h.getHousehold, Op: operation{ID: "getHousehold", Tag: tagUnits,
			Summary: "Hộ gia đình và các danh hiệu, hình thức đã nhận", Resp: "HouseholdRecord"}},
		{Method: "PUT", Path: hh + "/{id}", Handle: h.updateHousehold, Op: operation{ID: "updateHousehold", Tag: tagUnits,
			Summary: "Sửa hộ gia đình", Body: "Household", Resp: "Household"}},
		{Method: "POST", Path: hh + "/{id}/honours", Handle: h.addHonour(tdkt.Household), Op: operation{ID: "addHouseholdHonour", Tag: tagUnits,
			Summary: "Thêm danh hiệu, hình thức khen thưởng hộ gia đình đã nhận", Body: "Honour", Status: http.StatusCreated, Resp: "Honour"}},
	}
}

// listLimit reads ?limit= of a list: 1 to 500, 100 by default.
func listLimit(r *http.Request) (int, error) {
	n, err := queryInt(r, "limit", 100)
	if err == nil && (n == 0 || n > maxLimit) {
		err = invalid("limit", "Số bản ghi từ 1 đến 500.")
	}
	return n, err
}

func (h *handlers) listCollectives(r *http.Request, a *tdkt.Account) (any, error) {
	limit, err := listLimit(r)
	if err != nil {
		return nil, err
	}
	cs, err := h.svc.Collectives(r.Context(), a, r.URL.Query().Get("q"), limit)
	return collectiveList{Items: mapTo(cs, toCollective)}, err
}

func (h *handlers) getCollective(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "tập thể")
	if err != nil {
		return nil, err
	}
	rec, err := h.svc.Collective(r.Context(), a, id)
	return collectiveRecordJSON{Collective: toCollective(rec.Collective), Ratings: mapTo(rec.Ratings, toRating),
		Honours: mapTo(rec.Honours, toHonour), Initiatives: mapTo(rec.Initiatives, toInitiative)}, err
}

func (h *handlers) createCollective(r *http.Request, a *tdkt.Account) (any, error) {
	var j collectiveJSON
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	x := j.domain()
	x.Version = 0
	if err := h.svc.SaveCollective(r.Context(), a, &x); err != nil {
		return nil, err
	}
	return h.savedCollective(r, a, x.ID)
}

func (h *handlers) updateCollective(r *http.Request, a *tdkt.Account) (any, error) {
	var j collectiveJSON
	id, err := idBody(r, "tập thể", &j, &j.Version)
	if err != nil {
		return nil, err
	}
	x := j.domain()
	x.ID = id
	if err := h.svc.SaveCollective(r.Context(), a, &x); err != nil {
		return nil, err
	}
	return h.savedCollective(r, a, id)
}

// savedCollective reads back a collective just saved: the answer shows what is stored.
func (h *handlers) savedCollective(r *http.Request, a *tdkt.Account, id int64) (any, error) {
	rec, err := h.svc.Collective(r.Context(), a, id)
	return toCollective(rec.Collective), err
}

func (h *handlers) listHouseholds(r *http.Request, a *tdkt.Account) (any, error) {
	limit, err := listLimit(r)
	if err != nil {
		return nil, err
	}
	hs, err := h.svc.Households(r.Context(), a, r.URL.Query().Get("q"), limit)
	return householdList{Items: mapTo(hs, toHousehold)}, err
}

func (h *handlers) getHousehold(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "hộ gia đình")
	if err != nil {
		return nil, err
	}
	x, honours, err := h.svc.Household(r.Context(), a, id)
	return householdRecordJSON{Household: toHousehold(x), Honours: mapTo(honours, toHonour)}, err
}

func (h *handlers) createHousehold(r *http.Request, a *tdkt.Account) (any, error) {
	var j householdJSON
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	x := j.domain()
	x.Version = 0
	if err := h.svc.SaveHousehold(r.Context(), a, &x); err != nil {
		return nil, err
	}
	return h.savedHousehold(r, a, x.ID)
}

func (h *handlers) updateHousehold(r *http.Request, a *tdkt.Account) (any, error) {
	var j householdJSON
	id, err := idBody(r, "hộ gia đình", &j, &j.Version)
	if err != nil {
		return nil, err
	}
	x := j.domain()
	x.ID = id
	if err := h.svc.SaveHousehold(r.Context(), a, &x); err != nil {
		return nil, err
	}
	return h.savedHousehold(r, a, id)
}

// savedHousehold reads back a household just saved.
func (h *handlers) savedHousehold(r *http.Request, a *tdkt.Account, id int64) (any, error) {
	x, _, err := h.svc.Household(r.Context(), a, id)
	return toHousehold(x), err
}
