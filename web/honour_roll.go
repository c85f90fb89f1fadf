package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The honour roll (bảng vàng) of the portal, and the administrator's page of its
// privacy setting. The public views are built field by field from the public
// projection, which holds no citizen ID, birth date or contact; the optional fields
// come already blanked by the privacy setting.

// rollLine is a line of the honour roll as the page shows it.
type rollLine struct {
	Link, Name, Kind, Position, Sex, Unit string
	Award, RewardKind                     string
	Year                                  int
	DecisionNo, DecidedOn, Issuer, Signer string
}

func rollLineOf(x sqldb.RollLine) rollLine {
	l := rollLine{Name: x.Name, Kind: tdkt.Label(string(x.Subject.Kind)), Position: x.Position, Unit: x.Unit,
		Award: tdkt.Label(x.AwardCode), RewardKind: tdkt.Label(string(x.Kind)), Year: x.Year, DecisionNo: x.DecisionNo,
		DecidedOn: vn.FormatDate(x.DecidedOn), Issuer: x.Issuer, Signer: x.Signer}
	if x.Sex != "" {
		l.Sex = tdkt.Label(x.Sex)
	}
	switch x.Subject.Kind {
	case tdkt.Individual:
		l.Link = "/bang-vang/ca-nhan/" + id64(x.Subject.ID)
	case tdkt.Collective:
		l.Link = "/bang-vang/tap-the/" + id64(x.Subject.ID)
	}
	return l
}

// honourRollView is the searchable honour roll.
type honourRollView struct {
	Page
	Search                       Form
	Awards, Kinds, Levels, Units []option
	Years                        []option
	Lines                        []rollLine
	Groups                       []rollGroup // Lines by person (or collective, household)
	PageNo                       int
	Prev, Next                   string // links to the neighbouring pages, "" at an end
	Searched                     bool
}

func rollFilterOf(q url.Values) core.RollFilter {
	return core.RollFilter{Q: q.Get("q"), Year: atoi(q.Get("year")), Award: q.Get("award"), Kind: tdkt.RewardKind(q.Get("kind")),
		Level: tdkt.Level(q.Get("level")), Org: q.Get("org"), Page: atoi(q.Get("page"))}
}

func (h *handler) honourRoll(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	res, err := h.svc.HonourRoll(r.Context(), rollFilterOf(q))
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	units, err := h.svc.RollUnits(r.Context())
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := honourRollView{Page: h.page(r, "Bảng vàng thi đua, khen thưởng", "portal"), Search: newForm(), PageNo: res.Page}
	for _, n := range []string{"q", "year", "award", "kind", "level", "org"} {
		v.Search.Values[n] = vn.NFC(q.Get(n))
		v.Searched = v.Searched || q.Get(n) != ""
	}
	all := []option{{"", "Tất cả"}}
	v.Kinds = append(all, codeOptions(tdkt.RewardKinds)...)
	v.Levels = append(all, codeOptions(tdkt.Levels)...)
	v.Units = append(all, orgOptionsBy(units, func(o tdkt.Org) string { return o.Code })...)
	v.Awards = all
	for _, a := range tdkt.Awards {
		v.Awards = append(v.Awards, option{a.Code, a.Name})
	}
	v.Years = all
	for y := h.svc.Now().In(vietnam).Year(); y >= 2000; y-- {
		v.Years = append(v.Years, option{strconv.Itoa(y), strconv.Itoa(y)})
	}
	for _, x := range res.Lines {
		v.Lines = append(v.Lines, rollLineOf(x))
	}
	v.Groups = groupRoll(v.Lines, res.Page > 1 || res.More)
	pageLink := func(n int) string {
		u := url.Values{}
		for k, vals := range q {
			if k != "page" && len(vals) > 0 && vals[0] != "" {
				u.Set(k, vals[0])
			}
		}
		if n > 1 {
			u.Set("page", strconv.Itoa(n))
		}
		if len(u) == 0 {
			return "/bang-vang"
		}
		return "/bang-vang?" + u.Encode()
	}
	if res.Page > 1 {
		v.Prev = pageLink(res.Page - 1)
	}
	if res.More {
		v.Next = pageLink(res.Page + 1)
	}
	h.render(w, r, http.StatusOK, "honour_roll.html", v)
}

// rollSubjectView is a person's or a collective's page of the honour roll.
type rollSubjectView struct {
	Page
	Kind, Name, Position, Sex, Unit string
	Awards                          []rollLine
	Examples                        []exampleLink
}

// exampleLink leads to the page of a published typical example.
type exampleLink struct{ Link, Title, Congress string }

func (h *handler) rollPerson(w http.ResponseWriter, r *http.Request) {
	h.rollSubject(w, r, h.svc.RollPerson)
}

func (h *handler) rollCollective(w http.ResponseWriter, r *http.Request) {
	h.rollSubject(w, r, h.svc.RollCollective)
}

func (h *handler) rollSubject(w http.ResponseWriter, r *http.Request, load func(ctx context.Context, id int64) (core.RollSubject, error)) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	s, err := load(r.Context(), id)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := rollSubjectView{Page: h.page(r, s.Name, "portal"), Kind: tdkt.Label(string(s.Subject.Kind)), Name: s.Name,
		Position: s.Position, Unit: s.Unit}
	if s.Sex != "" {
		v.Sex = tdkt.Label(s.Sex)
	}
	for _, x := range s.Awards {
		v.Awards = append(v.Awards, rollLineOf(x))
	}
	for _, e := range s.Examples {
		v.Examples = append(v.Examples, exampleLink{Link: "/dien-hinh/" + id64(e.ID), Title: e.Title, Congress: e.CongressName})
	}
	h.render(w, r, http.StatusOK, "honour_roll_subject.html", v)
}

// privacyView is the administrator's page of the honour roll's privacy setting.
type privacyView struct {
	Page
	Form
	Orgs    []option
	OrgName string
	From    string // where the setting in force comes from
	OrgID   int64
}

func (h *handler) privacyPage(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	h.showPrivacy(w, r, actor, http.StatusOK, atoi64(r.URL.Query().Get("org")), nil)
}

func (h *handler) showPrivacy(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, status int, orgID int64, errs map[string]string) {
	p, err := h.svc.Privacy(r.Context(), actor, orgID)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	orgs, err := h.svc.OrgTree(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	v := privacyView{Page: h.page(r, "Thông tin công khai trên bảng vàng", "admin-privacy"), Form: newForm(), Orgs: orgOptions(orgs),
		OrgName: p.Org.Name, OrgID: p.Org.ID}
	switch {
	case p.From.ID == 0:
		v.From = "Đang áp dụng mặc định của hệ thống."
	case p.From.ID == p.Org.ID:
		v.From = "Đơn vị này có thiết lập riêng."
	default:
		v.From = "Đang áp dụng thiết lập của " + p.From.Name + "; lưu lại để đơn vị này có thiết lập riêng."
	}
	v.Values["org"] = id64(p.Org.ID)
	v.Values["version"] = strconv.Itoa(p.Setting.Version)
	v.Values["show_position"], v.Values["show_unit"] = on(p.Setting.ShowPosition), on(p.Setting.ShowUnit)
	v.Values["show_sex"], v.Values["show_signer"] = on(p.Setting.ShowSex), on(p.Setting.ShowSigner)
	if errs != nil {
		v.Errors = errs
	}
	h.render(w, r, status, "privacy.html", v)
}

func (h *handler) privacySave(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	f := formFrom(r, "org", "version", "show_position", "show_unit", "show_sex", "show_signer")
	x := sqldb.Privacy{OrgID: atoi64(f.Values["org"]), Version: atoi(f.Values["version"]),
		ShowPosition: f.Values["show_position"] != "", ShowUnit: f.Values["show_unit"] != "",
		ShowSex: f.Values["show_sex"] != "", ShowSigner: f.Values["show_signer"] != ""}
	if err := h.svc.SavePrivacy(r.Context(), actor, &x); err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			h.showPrivacy(w, r, actor, http.StatusUnprocessableEntity, x.OrgID, fields)
		})
		return
	}
	http.Redirect(w, r, "/app/admin/privacy?org="+id64(x.OrgID)+"&saved=1", http.StatusSeeOther)
}

// rollGroup is one person's (or collective's, household's) lines of a page of the
// honour roll: a search by name finds a person once, with what they received.
type rollGroup struct {
	Link, Name, Kind, Position, Unit, Sex string
	Awards                                []rollLine
	// Paged says the roll has other pages, where more of this subject's lines may be:
	// the count is then the count on this page.
	Paged bool
}

// groupRoll gathers lines by subject, in the order each subject first appears. A
// line without a page of its own (a household) is grouped by its name and kind.
func groupRoll(lines []rollLine, paged bool) []rollGroup {
	var out []rollGroup
	at := map[string]int{}
	for _, l := range lines {
		key := l.Link
		if key == "" {
			key = l.Kind + "\x00" + l.Name
		}
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, rollGroup{Link: l.Link, Name: l.Name, Kind: l.Kind, Position: l.Position, Unit: l.Unit, Sex: l.Sex, Paged: paged})
		}
		out[i].Awards = append(out[i].Awards, l)
	}
	return out
}
