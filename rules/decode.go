package rules

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"

	"tdkt"
)

// The case decoder: JSON of docs/check.md into typed questions,
// with an error naming the offending field for anything malformed or unknown.
// It never panics on any input (FuzzDecodeCase).

type object map[string]json.RawMessage

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

func asObject(raw json.RawMessage, path string) (object, error) {
	var o object
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' || json.Unmarshal(t, &o) != nil {
		return nil, fieldErr(path, "cần một đối tượng JSON")
	}
	return o, nil
}

func asArray(raw json.RawMessage, path string) ([]json.RawMessage, error) {
	var a []json.RawMessage
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '[' || json.Unmarshal(t, &a) != nil {
		return nil, fieldErr(path, "cần một mảng JSON")
	}
	return a, nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// str reads an optional string field; present is false when absent or null.
func (o object) str(key, path string) (s string, present bool, err error) {
	raw, ok := o[key]
	if !ok || isNull(raw) {
		return "", false, nil
	}
	if json.Unmarshal(raw, &s) != nil {
		return "", false, fieldErr(join(path, key), "cần một chuỗi")
	}
	return s, true, nil
}

func (o object) needStr(key, path string) (string, error) {
	s, ok, err := o.str(key, path)
	if err == nil && !ok {
		err = fieldErr(join(path, key), "bắt buộc")
	}
	return s, err
}

// integer reads an optional integer field.
func (o object) integer(key, path string) (n int, present bool, err error) {
	raw, ok := o[key]
	if !ok || isNull(raw) {
		return 0, false, nil
	}
	var num json.Number
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if d.Decode(&num) != nil {
		return 0, false, fieldErr(join(path, key), "cần một số nguyên")
	}
	v, e := strconv.ParseInt(num.String(), 10, 32)
	if e != nil {
		return 0, false, fieldErr(join(path, key), "cần một số nguyên")
	}
	return int(v), true, nil
}

func (o object) needInt(key, path string) (int, error) {
	n, ok, err := o.integer(key, path)
	if err == nil && !ok {
		err = fieldErr(join(path, key), "bắt buộc")
	}
	return n, err
}

func (o object) year(key, path string, required bool) (int, error) {
	y, ok, err := o.integer(key, path)
	switch {
	case err != nil:
		return 0, err
	case !ok && required:
		return 0, fieldErr(join(path, key), "bắt buộc")
	case ok && (y < 1900 || y > 2200):
		return 0, fieldErr(join(path, key), "năm không hợp lệ "+strconv.Itoa(y))
	}
	return y, nil
}

func (o object) date(key, path string, required bool) (Date, error) {
	s, ok, err := o.str(key, path)
	if err != nil {
		return 0, fieldErr(join(path, key), "cần ngày dạng YYYY-MM-DD")
	}
	if !ok {
		if required {
			return 0, fieldErr(join(path, key), "bắt buộc")
		}
		return 0, nil
	}
	d, e := ParseDate(s)
	if e != nil {
		return 0, fieldErr(join(path, key), "ngày không hợp lệ \""+s+"\" (cần dạng YYYY-MM-DD)")
	}
	return d, nil
}

func (o object) boolean(key, path string) (bool, error) {
	raw, ok := o[key]
	if !ok || isNull(raw) {
		return false, nil
	}
	var b bool
	if json.Unmarshal(raw, &b) != nil {
		return false, fieldErr(join(path, key), "cần true hoặc false")
	}
	return b, nil
}

// code reads a string that must be one of values (or empty when optional).
func code[T ~string](o object, key, path string, values []T, required bool, what string) (T, error) {
	s, ok, err := o.str(key, path)
	if err != nil {
		return "", err
	}
	if !ok {
		if required {
			return "", fieldErr(join(path, key), "bắt buộc")
		}
		return "", nil
	}
	if !tdkt.In(T(s), values) {
		return "", fieldErr(join(path, key), what+" không hợp lệ \""+s+"\"")
	}
	return T(s), nil
}

func awardCode(o object, key, path string) (AwardID, error) {
	s, err := o.needStr(key, path)
	if err != nil {
		return 0, err
	}
	id, ok := AwardIDOf(s)
	if !ok {
		return 0, fieldErr(join(path, key), "mã danh hiệu, hình thức khen thưởng không hợp lệ \""+s+"\"")
	}
	return id, nil
}

// eligibilityQuestion is a decoded eligibility case.
type eligibilityQuestion struct {
	award   AwardID
	year    int
	subject Subject
}

func decodeEligibility(o object) (q eligibilityQuestion, err error) {
	if q.award, err = awardCode(o, "award", ""); err != nil {
		return q, err
	}
	if q.year, err = o.year("year", "", true); err != nil {
		return q, err
	}
	raw, ok := o["subject"]
	if !ok || isNull(raw) {
		return q, fieldErr("subject", "bắt buộc")
	}
	so, err := asObject(raw, "subject")
	if err != nil {
		return q, err
	}
	if err = decodeSubject(so, &q.subject); err != nil {
		return q, err
	}
	a := q.award.Award()
	if !a.For(q.subject.Kind) {
		return q, fieldErr("award", a.Name+" không áp dụng cho "+lower(tdkt.Label(string(q.subject.Kind))))
	}
	if (q.award == idTTLDTT || q.award == idDVTT || q.award == idTTLDXS || q.award == idDVQT) && q.subject.Members == nil {
		return q, fieldErr("subject.members", "cần số liệu thành viên năm "+strconv.Itoa(q.year)+" để xét "+a.Name)
	}
	return q, nil
}

func decodeSubject(o object, s *Subject) (err error) {
	const p = "subject"
	if s.Kind, err = code(o, "kind", p, tdkt.SubjectKinds, true, "loại đối tượng"); err != nil {
		return err
	}
	if s.Group, err = code(o, "group", p, tdkt.Groups, false, "nhóm đối tượng"); err != nil {
		return err
	}
	if s.Sex, err = code(o, "sex", p, tdkt.Sexes, false, "giới tính"); err != nil {
		return err
	}
	if s.HiredOn, err = o.date("hired_on", p, false); err != nil {
		return err
	}
	if s.PendingReview, err = o.boolean("pending_review", p); err != nil {
		return err
	}
	if raw, ok := o["ratings"]; ok && !isNull(raw) {
		ro, err := asObject(raw, p+".ratings")
		if err != nil {
			return err
		}
		for _, k := range sortedKeys(ro) {
			f := p + ".ratings." + k
			y, e := strconv.Atoi(k)
			if e != nil || y < 1900 || y > 2200 {
				return fieldErr(f, "năm không hợp lệ")
			}
			r, err := code(ro, k, p+".ratings", tdkt.Ratings, true, "mức xếp loại")
			if err != nil {
				return err
			}
			s.SetGrade(y, GradeOf(r))
		}
	}
	if err = eachObject(o, "titles", p, func(x object, f string) error {
		id, err := awardCode(x, "code", f)
		if err != nil {
			return err
		}
		y, err := x.year("year", f, true)
		s.Titles = append(s.Titles, TitleRecord{Award: id, Year: y})
		return err
	}); err != nil {
		return err
	}
	if err = eachObject(o, "awards", p, func(x object, f string) error {
		id, err := awardCode(x, "code", f)
		if err != nil {
			return err
		}
		a := AwardRecord{Award: id}
		if a.Year, err = x.year("year", f, true); err != nil {
			return err
		}
		if a.Kind, err = code(x, "kind", f, tdkt.RewardKinds, false, "loại hình khen thưởng"); err != nil {
			return err
		}
		if a.AchievementTo, err = x.year("achievement_to", f, false); err != nil {
			return err
		}
		s.Awards = append(s.Awards, a)
		return nil
	}); err != nil {
		return err
	}
	if err = eachObject(o, "initiatives", p, func(x object, f string) error {
		var in Initiative
		var err error
		if in.ID, _, err = x.str("id", f); err != nil {
			return err
		}
		if in.Year, err = x.year("year", f, true); err != nil {
			return err
		}
		if in.Scope, err = code(x, "scope", f, tdkt.Scopes, true, "phạm vi sáng kiến"); err != nil {
			return err
		}
		s.Initiatives = append(s.Initiatives, in)
		return nil
	}); err != nil {
		return err
	}
	if err = eachObject(o, "discipline", p, func(x object, f string) error {
		var d Discipline
		var err error
		if d.Form, err = code(x, "form", f, tdkt.DisciplineForms, true, "hình thức kỷ luật"); err != nil {
			return err
		}
		if d.DecidedOn, err = x.date("decided_on", f, true); err != nil {
			return err
		}
		if d.EndsOn, err = x.date("ends_on", f, true); err != nil {
			return err
		}
		if d.EndsOn < d.DecidedOn {
			return fieldErr(f+".ends_on", "ngày hết thời hạn kỷ luật trước ngày quyết định")
		}
		s.Discipline = append(s.Discipline, d)
		return nil
	}); err != nil {
		return err
	}
	if raw, ok := o["members"]; ok && !isNull(raw) && s.Kind == tdkt.Collective {
		mo, err := asObject(raw, p+".members")
		if err != nil {
			return err
		}
		if s.Members, err = decodeMembers(mo, p+".members"); err != nil {
			return err
		}
	}
	return nil
}

func decodeMembers(o object, p string) (*Members, error) {
	m := &Members{}
	count := func(x object, key, path string, dst *int, required bool) error {
		n, ok, err := x.integer(key, path)
		switch {
		case err != nil:
			return err
		case !ok && required:
			return fieldErr(join(path, key), "bắt buộc")
		case n < 0:
			return fieldErr(join(path, key), "không được âm")
		}
		*dst = n
		return nil
	}
	if err := count(o, "total", p, &m.Total, true); err != nil {
		return nil, err
	}
	if raw, ok := o["ratings"]; ok && !isNull(raw) {
		ro, err := asObject(raw, p+".ratings")
		if err != nil {
			return nil, err
		}
		for _, k := range sortedKeys(ro) {
			if !tdkt.In(tdkt.Rating(k), tdkt.Ratings) {
				return nil, fieldErr(p+".ratings."+k, "mức xếp loại không hợp lệ")
			}
		}
		for _, f := range []struct {
			key string
			dst *int
		}{{"htxsnv", &m.HTXSNV}, {"httnv", &m.HTTNV}, {"htnv", &m.HTNV}, {"khtnv", &m.KHTNV}} {
			if err := count(ro, f.key, p+".ratings", f.dst, false); err != nil {
				return nil, err
			}
		}
		if m.HTXSNV+m.HTTNV+m.HTNV+m.KHTNV > m.Total {
			return nil, fieldErr(p+".ratings", "tổng số thành viên được xếp loại vượt quá total")
		}
	}
	for _, f := range []struct {
		key string
		dst *int
	}{{"lao_dong_tien_tien", &m.LDTT}, {"chien_si_thi_dua_co_so", &m.CSTDCS}, {"disciplined_canh_cao_or_above", &m.DisciplinedWarningOrAbove}} {
		if err := count(o, f.key, p, f.dst, false); err != nil {
			return nil, err
		}
		if *f.dst > m.Total {
			return nil, fieldErr(p+"."+f.key, "vượt quá tổng số thành viên")
		}
	}
	return m, nil
}

// sortedKeys makes error reporting deterministic.
func sortedKeys(o object) []string {
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// eachObject calls fn for every element of the optional array o[key].
func eachObject(o object, key, path string, fn func(x object, field string) error) error {
	raw, ok := o[key]
	if !ok || isNull(raw) {
		return nil
	}
	p := join(path, key)
	arr, err := asArray(raw, p)
	if err != nil {
		return err
	}
	for i, el := range arr {
		f := p + "." + strconv.Itoa(i)
		x, err := asObject(el, f)
		if err != nil {
			return err
		}
		if err := fn(x, f); err != nil {
			return err
		}
	}
	return nil
}
