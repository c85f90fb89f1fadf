package web

import (
	"net/http"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/vn"
)

// pathID reads a numeric id from the path; anything else is a page that does not exist.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, tdkt.NotFound("trang này")
	}
	return id, nil
}

// isoDate turns a typed date (dd/mm/yyyy) into the stored form. Text that is not a
// date is passed on unchanged, so that the domain's validation names the field.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if d, err := vn.ParseDate(s); err == nil {
		return d
	}
	return s
}

// explainDates replaces the domain's generic "not a date" message of each field with
// what is wrong with the date typed there ("Tháng 2 không có ngày 31."). The domain
// sees only the text isoDate passed on, so the reason is found again here, from the
// form as posted; a field whose typed text is a date keeps its message.
func explainDates(r *http.Request, fields map[string]string) map[string]string {
	out := make(map[string]string, len(fields))
	for k, msg := range fields {
		out[k] = msg
		typed := strings.TrimSpace(r.PostFormValue(k))
		if typed == "" || !strings.Contains(msg, "dd/mm/yyyy") {
			continue
		}
		if _, err := vn.ParseDate(typed); err != nil {
			out[k] = err.Error()
		}
	}
	return out
}

// money reads an amount typed as "1.500.000", "1 500 000 đ" or "1500000".
func money(s string) (int64, bool) {
	s = strings.NewReplacer(".", "", " ", "", ",", "", "đ", "", "VND", "", "vnđ", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

func atoi(s string) int     { n, _ := strconv.Atoi(strings.TrimSpace(s)); return n }
func atoi64(s string) int64 { n, _ := strconv.ParseInt(strings.TrimSpace(s), 10, 64); return n }
func id64(n int64) string   { return strconv.FormatInt(n, 10) }

// year shows a year field empty rather than 0.
func year(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// on is a checkbox's value.
func on(b bool) string {
	if b {
		return "on"
	}
	return ""
}

// orgOptions lists a subtree for a select, indented by depth in tree order.
func orgOptions(orgs []tdkt.Org) []option {
	return orgOptionsBy(orgs, func(o tdkt.Org) string { return id64(o.ID) })
}

// orgOptionsBy is orgOptions with each organisation's value given by value (its id
// for the forms that store it, its code for the filters that take codes).
func orgOptionsBy(orgs []tdkt.Org, value func(tdkt.Org) string) []option {
	var out []option
	var walk func(ns []*orgNode, depth int)
	walk = func(ns []*orgNode, depth int) {
		for _, n := range ns {
			out = append(out, option{Value: value(n.Org), Label: strings.Repeat("— ", depth) + n.Org.Name})
			walk(n.Children, depth+1)
		}
	}
	walk(buildTree(orgs), 0)
	return out
}

// codeOptions lists a code set with its Vietnamese labels.
func codeOptions[T ~string](codes []T) []option {
	out := make([]option, len(codes))
	for i, c := range codes {
		out[i] = option{Value: string(c), Label: tdkt.Label(string(c))}
	}
	return out
}

// optionsFor gives the templates the choices of a code set by name.
func optionsFor(set string) []option {
	switch set {
	case "sex":
		return codeOptions(tdkt.Sexes)
	case "sex_or_none":
		// A new person's sex is chosen by the clerk, never assumed.
		return append([]option{{Value: "", Label: "— Chọn —"}}, codeOptions(tdkt.Sexes)...)
	case "group":
		return codeOptions(tdkt.Groups)
	case "rating":
		return codeOptions(tdkt.Ratings)
	case "scope":
		return codeOptions(tdkt.Scopes)
	case "kind":
		return codeOptions(tdkt.RewardKinds)
	case "discipline":
		return codeOptions(tdkt.DisciplineForms)
	case "level":
		return codeOptions(tdkt.Levels)
	}
	panic("web: no option set " + set)
}
