package api

import (
	"net/http"

	"tdkt"
)

// accountJSON is the account behind a request.
type accountJSON struct {
	ID      int64     `json:"id" api:"req"`
	Login   string    `json:"login" api:"req"`
	Name    string    `json:"name" api:"req"`
	Role    tdkt.Role `json:"role" api:"req,enum=role"`
	OrgID   int64     `json:"org_id" api:"req" doc:"Đơn vị của tài khoản: tài khoản thấy và sửa cây đơn vị bên dưới nó"`
	OrgName string    `json:"org_name"`
}

// awardJSON is an entry of the catalogue of titles and forms.
type awardJSON struct {
	Code     string             `json:"code" api:"req"`
	Name     string             `json:"name" api:"req"`
	Category tdkt.Category      `json:"category" api:"req,enum=category"`
	Subjects []tdkt.SubjectKind `json:"subjects" api:"req,enum=subject_kind" doc:"Loại đối tượng được nhận"`
	Basis    string             `json:"basis" doc:"Căn cứ pháp lý"`
}

type awardList struct {
	Items []awardJSON `json:"items" api:"req"`
}

// orgJSON is an organisation of the tree. parent_id is read on creation only: an
// organisation does not move in the tree through the API.
type orgJSON struct {
	ID       int64      `json:"id" api:"ro"`
	Code     string     `json:"code" api:"req"`
	Name     string     `json:"name" api:"req"`
	Level    tdkt.Level `json:"level" api:"req,enum=level"`
	ParentID int64      `json:"parent_id" doc:"Đơn vị cấp trên; bắt buộc khi tạo, bỏ qua khi sửa"`
	Path     string     `json:"path,omitempty" api:"ro" doc:"Đường dẫn id từ gốc, /1/4/17/"`
	Confers  []string   `json:"confers,omitempty" api:"enum=award" doc:"Danh hiệu, hình thức thủ trưởng đơn vị được quyết định tặng: do pháp luật quy định theo cấp (Luật Thi đua, khen thưởng 2022, Điều 80); có thể bỏ trống, gửi danh sách khác thì bị từ chối"`
	// StandingFor names the organisation above whose dossier inbox this one works as
	// its standing office; left out on a change, it stays as it is.
	StandingFor *int64 `json:"standing_for,omitempty" doc:"Cơ quan cấp trên mà đơn vị này làm cơ quan thường trực về thi đua, khen thưởng (Sở Nội vụ cho UBND tỉnh): cán bộ thi đua của đơn vị xử lý hồ sơ gửi đến cấp đó; 0 để bỏ; không gửi thì giữ nguyên. Do cấp được tham mưu giao"`
	Version     int    `json:"version" doc:"Phiên bản đã đọc; bắt buộc khi sửa"`
}

type orgList struct {
	Items []orgJSON `json:"items" api:"req"`
}

func toOrg(o tdkt.Org) orgJSON {
	j := orgJSON{ID: o.ID, Code: o.Code, Name: o.Name, Level: o.Level, ParentID: o.ParentID, Path: o.Path,
		Confers: nonNil(o.Confers), Version: o.Version}
	if o.StandingFor != 0 {
		j.StandingFor = &o.StandingFor
	}
	return j
}

func (j orgJSON) domain() tdkt.Org {
	o := tdkt.Org{ID: j.ID, Code: j.Code, Name: j.Name, Level: j.Level, ParentID: j.ParentID, Confers: j.Confers, Version: j.Version}
	if j.StandingFor != nil {
		o.StandingFor = *j.StandingFor
	}
	return o
}

// nonNil makes an empty list read [] rather than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func (h *handlers) orgRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/orgs", Handle: h.listOrgs, Op: operation{ID: "listOrgs", Tag: tagOrgs,
			Summary: "Cây đơn vị trong phạm vi của tài khoản", Resp: "OrgList"}},
		{Method: "POST", Path: prefix + "/orgs", Handle: h.createOrg, Op: operation{ID: "createOrg", Tag: tagOrgs,
			Summary: "Thêm đơn vị (quản trị)", Body: "Org", Status: http.StatusCreated, Resp: "Org"}},
		{Method: "GET", Path: prefix + "/orgs/{id}", Handle: h.getOrg, Op: operation{ID: "getOrg", Tag: tagOrgs,
			Summary: "Xem một đơn vị", Resp: "Org"}},
		{Method: "PUT", Path: prefix + "/orgs/{id}", Handle: h.updateOrg, Op: operation{ID: "updateOrg", Tag: tagOrgs,
			Summary: "Sửa đơn vị (quản trị)", Body: "Org", Resp: "Org"}},
	}
}

func (h *handlers) me(_ *http.Request, a *tdkt.Account) (any, error) {
	return accountJSON{ID: a.ID, Login: a.Login, Name: a.Name, Role: a.Role, OrgID: a.OrgID, OrgName: a.OrgName}, nil
}

func (h *handlers) awards(*http.Request, *tdkt.Account) (any, error) {
	out := awardList{Items: make([]awardJSON, len(tdkt.Awards))}
	for i, a := range tdkt.Awards {
		out.Items[i] = awardJSON{Code: a.Code, Name: a.Name, Category: a.Category, Subjects: a.Subjects, Basis: a.Basis}
	}
	return out, nil
}

func (h *handlers) listOrgs(r *http.Request, a *tdkt.Account) (any, error) {
	orgs, err := h.svc.OrgTree(r.Context(), a)
	out := orgList{Items: make([]orgJSON, len(orgs))}
	for i, o := range orgs {
		out.Items[i] = toOrg(o)
	}
	return out, err
}

func (h *handlers) getOrg(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "đơn vị")
	if err != nil {
		return nil, err
	}
	o, err := h.svc.Org(r.Context(), a, id, "")
	return toOrg(o), err
}

func (h *handlers) createOrg(r *http.Request, a *tdkt.Account) (any, error) {
	var j orgJSON
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	o := j.domain()
	o.ID = 0
	err := h.svc.SaveOrg(r.Context(), a, &o)
	return toOrg(o), err
}

func (h *handlers) updateOrg(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, "đơn vị")
	if err != nil {
		return nil, err
	}
	var j orgJSON
	if err := decode(r, &j); err != nil {
		return nil, err
	}
	if err := needVersion(j.Version); err != nil {
		return nil, err
	}
	o := j.domain()
	o.ID = id
	if j.StandingFor == nil {
		cur, err := h.svc.Org(r.Context(), a, id, "")
		if err != nil {
			return nil, err
		}
		o.StandingFor = cur.StandingFor
	}
	err = h.svc.SaveOrg(r.Context(), a, &o)
	return toOrg(o), err
}
