package web

import (
	"strconv"
	"strings"

	"tdkt"
	"tdkt/vn"
)

// The person box: a text field with a list of suggestions in which every person is
// "name · birth year · unit · #id". The suggestion's label carries the name without
// diacritics, so that the browser's list also matches "nguyen thi" when the clerk
// types without accents; and a name typed but not picked is looked up the same way
// on the server (readPersonText).

// personLabel is how the person box shows a person; readPersonBox reads it back.
func personLabel(p tdkt.Person) string {
	s := p.FullName
	if y := birthYear(p.BirthDate); y != "" {
		s += " · " + y
	}
	if p.OrgName != "" {
		s += " · " + p.OrgName
	}
	return s + " · #" + strconv.FormatInt(p.ID, 10)
}

// birthYear is the year of a YYYY-MM-DD birth date, "" when it is not known.
func birthYear(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return ""
}

// personOption is a suggestion of the person box: the box's text as its value, the
// name without diacritics (and the unit's) as its label, for matching.
func personOption(p tdkt.Person) option {
	return option{Value: personLabel(p), Label: vn.Fold(p.FullName + " " + p.OrgName)}
}

// readPersonBox takes the person's id from the box's text: the "#12" a choice ends
// with, or a bare number typed by someone who knows it.
func readPersonBox(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "#"); i >= 0 {
		s = s[i+1:]
	}
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return id, err == nil && id > 0
}

// readPersonText finds the person a box names: its id when it has one, else the
// only one of people whose name, folded, holds the typed text folded ("nguyen thi
// nhung" finds "Nguyễn Thị Hồng Nhung" when no one else matches). The message says
// why none was found, in words for the line of the form.
func readPersonText(s string, people []tdkt.Person) (int64, string) {
	if id, ok := readPersonBox(s); ok {
		return id, ""
	}
	q := vn.Fold(s)
	if q == "" {
		return 0, "Hãy chọn một người trong danh sách gợi ý (gõ tên không dấu để tìm)."
	}
	var found []tdkt.Person
	for _, p := range people {
		if foldedHas(vn.Fold(p.FullName), q) {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 1:
		return found[0].ID, ""
	case 0:
		return 0, "Không có ai tên “" + strings.TrimSpace(s) + "” trong đơn vị: hãy chọn trong danh sách gợi ý."
	}
	return 0, "Có " + strconv.Itoa(len(found)) + " người khớp “" + strings.TrimSpace(s) + "”: hãy chọn đúng người trong danh sách gợi ý (theo năm sinh, đơn vị)."
}

// foldedHas reports whether every word of q starts a word of name, both folded, in
// order: "nguyen nhung" finds "nguyen thi hong nhung", "ng thi" does not find "hong".
func foldedHas(name, q string) bool {
	words := strings.Fields(name)
	i := 0
	for _, w := range strings.Fields(q) {
		for i < len(words) && !strings.HasPrefix(words[i], w) {
			i++
		}
		if i == len(words) {
			return false
		}
		i++
	}
	return true
}
