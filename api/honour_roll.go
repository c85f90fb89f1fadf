package api

import (
	"context"
	"net/http"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// The honour roll (bảng vàng) for everyone, without sign-in and with public fields
// only, and the administrators' settings of the portal: the privacy of the honour
// roll's optional fields and the "Liên kết website" links.

// rollLineJSON is a line of the honour roll. Optional fields are left out when the
// privacy setting of the subject's unit hides them; a citizen ID, a birth date or a
// contact is never sent.
type rollLineJSON struct {
	Subject    subjectJSON  `json:"subject" api:"req"`
	Name       string       `json:"name" api:"req"`
	Position   string       `json:"position,omitempty" doc:"Chức vụ, khi thiết lập công khai cho phép"`
	Sex        string       `json:"sex,omitempty" api:"enum=sex" doc:"Giới tính, khi thiết lập công khai cho phép"`
	Unit       string       `json:"unit,omitempty" doc:"Đơn vị, khi thiết lập công khai cho phép"`
	Award      awardRefJSON `json:"award" api:"req"`
	Kind       string       `json:"kind" api:"req,enum=reward_kind"`
	Year       int          `json:"year" api:"req"`
	DecisionNo string       `json:"decision_no" api:"req"`
	DecidedOn  string       `json:"decided_on" api:"req,date"`
	Issuer     string       `json:"issuer" api:"req"`
	Signer     string       `json:"signer,omitempty" doc:"Người ký, khi thiết lập công khai cho phép"`
}

// rollPageJSON is a page of the honour roll.
type rollPageJSON struct {
	Items   []rollLineJSON `json:"items" api:"req"`
	Page    int            `json:"page" api:"req"`
	HasNext bool           `json:"has_next" api:"req" doc:"Còn trang sau"`
}

// rollExampleJSON is a published typical example of the subject.
type rollExampleJSON struct {
	ID       int64  `json:"id" api:"req" doc:"Mã gương điển hình; trang /dien-hinh/{id}"`
	Title    string `json:"title" api:"req"`
	Congress string `json:"congress" api:"req"`
}

// rollSubjectJSON is a person's or a collective's page of the honour roll.
type rollSubjectJSON struct {
	Subject  subjectJSON       `json:"subject" api:"req"`
	Name     string            `json:"name" api:"req"`
	Position string            `json:"position,omitempty"`
	Sex      string            `json:"sex,omitempty" api:"enum=sex"`
	Unit     string            `json:"unit,omitempty"`
	Awards   []rollLineJSON    `json:"awards" api:"req"`
	Examples []rollExampleJSON `json:"examples" api:"req"`
}

// privacyJSON is the privacy setting in force for an organisation.
type privacyJSON struct {
	OrgID        int64  `json:"org_id" api:"req"`
	ShowPosition bool   `json:"show_position" api:"req"`
	ShowUnit     bool   `json:"show_unit" api:"req"`
	ShowSex      bool   `json:"show_sex" api:"req"`
	ShowSigner   bool   `json:"show_signer" api:"req"`
	FromOrgID    int64  `json:"from_org_id,omitempty" doc:"Đơn vị có thiết lập đang áp dụng; không có khi áp dụng mặc định"`
	FromOrgName  string `json:"from_org_name,omitempty"`
	Version      int    `json:"version" doc:"Phiên bản thiết lập riêng của đơn vị; 0 khi chưa có"`
}

// privacyInput is the body of PUT /privacy.
type privacyInput struct {
	OrgID        int64 `json:"org_id" api:"req"`
	ShowPosition bool  `json:"show_position"`
	ShowUnit     bool  `json:"show_unit"`
	ShowSex      bool  `json:"show_sex"`
	ShowSigner   bool  `json:"show_signer"`
	Version      int   `json:"version" doc:"Phiên bản đã đọc; 0 khi đơn vị chưa có thiết lập riêng"`
}

// linkJSON is a link of the "Liên kết website" block; also the body that creates or changes one.
type linkJSON struct {
	ID       int64  `json:"id,omitempty"`
	Title    string `json:"title" api:"req"`
	URL      string `json:"url" api:"req" doc:"Chỉ http:// hoặc https://"`
	Position int    `json:"position" doc:"Thứ tự hiển thị, nhỏ trước"`
	Version  int    `json:"version,omitempty" doc:"Phiên bản đã đọc, khi sửa"`
}

type linkList struct {
	Items []linkJSON `json:"items" api:"req"`
}

func (h *handlers) honourRollRoutes() []route {
	version := []param{{"version", "integer", "Phiên bản đã đọc"}}
	return []route{
		{Method: "GET", Path: prefix + "/honour-roll", Handle: h.honourRoll, Op: operation{ID: "listHonourRoll", Tag: tagPublic, Public: true,
			Summary: "Bảng vàng: các danh hiệu, hình thức khen thưởng đã trao, 50 dòng một trang (không cần đăng nhập)", Resp: "HonourRollPage",
			Query: []param{{"q", "string", "Tên, có dấu hoặc không dấu"}, {"year", "integer", "Năm"}, {"award", "string", "Mã danh hiệu, hình thức"},
				{"kind", "string", "Loại hình khen thưởng"}, {"level", "string", "Cấp của cơ quan quyết định"}, {"org", "string", "Mã đơn vị (cả đơn vị trực thuộc)"},
				{"page", "integer", "Trang, từ 1"}}}},
		{Method: "GET", Path: prefix + "/honour-roll/people/{id}", Handle: h.rollPerson, Op: operation{ID: "getHonourRollPerson", Tag: tagPublic, Public: true,
			Summary: "Trang bảng vàng của một cá nhân (không cần đăng nhập)", Resp: "HonourRollSubject"}},
		{Method: "GET", Path: prefix + "/honour-roll/collectives/{id}", Handle: h.rollCollective, Op: operation{ID: "getHonourRollCollective", Tag: tagPublic, Public: true,
			Summary: "Trang bảng vàng của một tập thể (không cần đăng nhập)", Resp: "HonourRollSubject"}},
		{Method: "GET", Path: prefix + "/privacy", Handle: h.privacy, Op: operation{ID: "getPrivacy", Tag: tagPublic, Admin: true,
			Summary: "Thông tin được công khai trên bảng vàng cho một đơn vị (quản trị)", Resp: "Privacy",
			Query: []param{{"org_id", "integer", "Đơn vị; mặc định đơn vị của tài khoản"}}}},
		{Method: "PUT", Path: prefix + "/privacy", Handle: h.savePrivacy, Op: operation{ID: "updatePrivacy", Tag: tagPublic, Admin: true,
			Summary: "Đặt thông tin được công khai trên bảng vàng cho một đơn vị và các đơn vị trực thuộc (quản trị)", Body: "PrivacyInput", Resp: "Privacy"}},
		{Method: "GET", Path: prefix + "/links", Handle: h.links, Op: operation{ID: "listLinks", Tag: tagPublic, Public: true,
			Summary: "Các liên kết website ở trang chủ (không cần đăng nhập)", Resp: "LinkList"}},
		{Method: "POST", Path: prefix + "/links", Handle: h.addLink, Op: operation{ID: "addLink", Tag: tagPublic, Admin: true,
			Summary: "Thêm một liên kết website (quản trị)", Body: "Link", Status: http.StatusCreated, Resp: "Link"}},
		{Method: "PUT", Path: prefix + "/links/{id}", Handle: h.updateLink, Op: operation{ID: "updateLink", Tag: tagPublic, Admin: true,
			Summary: "Sửa một liên kết website (quản trị)", Body: "Link", Resp: "Link"}},
		{Method: "DELETE", Path: prefix + "/links/{id}", Handle: h.deleteLink, Op: operation{ID: "deleteLink", Tag: tagPublic, Admin: true,
			Summary: "Xóa một liên kết website (quản trị)", Status: http.StatusNoContent, Query: version}},
	}
}

func toRollLine(x sqldb.RollLine) rollLineJSON {
	return rollLineJSON{Subject: subjectJSON{Kind: x.Subject.Kind, ID: x.Subject.ID}, Name: x.Name, Position: x.Position,
		Sex: x.Sex, Unit: x.Unit, Award: awardRefJSON{Code: x.AwardCode, Name: tdkt.Label(x.AwardCode)}, Kind: string(x.Kind), Year: x.Year,
		DecisionNo: x.DecisionNo, DecidedOn: x.DecidedOn, Issuer: x.Issuer, Signer: x.Signer}
}

func (h *handlers) honourRoll(r *http.Request, _ *tdkt.Account) (any, error) {
	year, err := queryInt(r, "year", 0)
	if err != nil {
		return nil, err
	}
	page, err := queryInt(r, "page", 1)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	res, err := h.svc.HonourRoll(r.Context(), core.RollFilter{Q: q.Get("q"), Year: year, Award: q.Get("award"),
		Kind: tdkt.RewardKind(q.Get("kind")), Level: tdkt.Level(q.Get("level")), Org: q.Get("org"), Page: page})
	return rollPageJSON{Items: mapTo(res.Lines, toRollLine), Page: res.Page, HasNext: res.More}, err
}

func (h *handlers) rollPerson(r *http.Request, _ *tdkt.Account) (any, error) {
	return h.rollSubject(r, h.svc.RollPerson)
}

func (h *handlers) rollCollective(r *http.Request, _ *tdkt.Account) (any, error) {
	return h.rollSubject(r, h.svc.RollCollective)
}

func (h *handlers) rollSubject(r *http.Request, load func(ctx context.Context, id int64) (core.RollSubject, error)) (any, error) {
	id, err := pathID(r, "trên bảng vàng")
	if err != nil {
		return nil, err
	}
	s, err := load(r.Context(), id)
	if err != nil {
		return nil, err
	}
	out := rollSubjectJSON{Subject: subjectJSON{Kind: s.Subject.Kind, ID: s.Subject.ID}, Name: s.Name, Position: s.Position,
		Sex: s.Sex, Unit: s.Unit, Awards: mapTo(s.Awards, toRollLine), Examples: []rollExampleJSON{}}
	for _, e := range s.Examples {
		out.Examples = append(out.Examples, rollExampleJSON{ID: e.ID, Title: e.Title, Congress: e.CongressName})
	}
	return out, nil
}

func toPrivacy(v core.PrivacyView) privacyJSON {
	return privacyJSON{OrgID: v.Org.ID, ShowPosition: v.Setting.ShowPosition, ShowUnit: v.Setting.ShowUnit, ShowSex: v.Setting.ShowSex,
		ShowSigner: v.Setting.ShowSigner, FromOrgID: v.From.ID, FromOrgName: v.From.Name, Version: v.Setting.Version}
}

func (h *handlers) privacy(r *http.Request, actor *tdkt.Account) (any, error) {
	org, err := queryInt(r, "org_id", 0)
	if err != nil {
		return nil, err
	}
	v, err := h.svc.Privacy(r.Context(), actor, int64(org))
	return toPrivacy(v), err
}

func (h *handlers) savePrivacy(r *http.Request, actor *tdkt.Account) (any, error) {
	var in privacyInput
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	x := sqldb.Privacy{OrgID: in.OrgID, ShowPosition: in.ShowPosition, ShowUnit: in.ShowUnit, ShowSex: in.ShowSex, ShowSigner: in.ShowSigner, Version: in.Version}
	if err := h.svc.SavePrivacy(r.Context(), actor, &x); err != nil {
		return nil, err
	}
	v, err := h.svc.Privacy(r.Context(), actor, in.OrgID)
	return toPrivacy(v), err
}

func toLink(x sqldb.PortalLink) linkJSON {
	return linkJSON{ID: x.ID, Title: x.Title, URL: x.URL, Position: x.Position, Version: x.Version}
}

func (h *handlers) links(r *http.Request, _ *tdkt.Account) (any, error) {
	list, err := h.svc.PortalLinks(r.Context())
	return linkList{Items: mapTo(list, toLink)}, err
}

func (h *handlers) addLink(r *http.Request, actor *tdkt.Account) (any, error) {
	return h.saveLink(r, actor, 0)
}

func (h *handlers) updateLink(r *http.Request, actor *tdkt.Account) (any, error) {
	id, err := pathID(r, "liên kết")
	if err != nil {
		return nil, err
	}
	return h.saveLink(r, actor, id)
}

func (h *handlers) saveLink(r *http.Request, actor *tdkt.Account, id int64) (any, error) {
	var in linkJSON
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if id != 0 {
		if err := needVersion(in.Version); err != nil {
			return nil, err
		}
	}
	x := sqldb.PortalLink{ID: id, Title: in.Title, URL: in.URL, Position: in.Position, Version: in.Version}
	err := h.svc.SavePortalLink(r.Context(), actor, &x)
	return toLink(x), err
}

func (h *handlers) deleteLink(r *http.Request, actor *tdkt.Account) (any, error) {
	id, err := pathID(r, "liên kết")
	if err != nil {
		return nil, err
	}
	version, err := queryVersion(r)
	if err != nil {
		return nil, err
	}
	return nil, h.svc.DeletePortalLink(r.Context(), actor, id, version)
}
