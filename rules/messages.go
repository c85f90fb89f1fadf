package rules

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Helpers that build the Vietnamese sentences of reasons. They only run in
// verbose mode.

// yearsPhrase is "năm 2025" or "các năm 2023–2025".
func yearsPhrase(from, to int) string {
	if from >= to {
		return "năm " + strconv.Itoa(to)
	}
	return "các năm " + span(from, to)
}

// span is "2023–2025" (en dash, as printed in official documents).
func span(from, to int) string {
	if from == to {
		return strconv.Itoa(from)
	}
	return strconv.Itoa(from) + "–" + strconv.Itoa(to)
}

// cutPhrase names the years a discipline cuts out of [from, to].
func cutPhrase(from, to int) string {
	if to < from {
		to = from
	}
	return yearsPhrase(from, to)
}

// lower lower-cases the first letter of a label ("Khiển trách" → "khiển trách").
func lower(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// percent formats n/d as a percentage with at most one decimal, Vietnamese
// style ("65%", "89,5%").
func percent(n, d int) string {
	if d <= 0 {
		return "0%"
	}
	tenths := (n*1000 + d/2) / d
	s := strconv.Itoa(tenths / 10)
	if tenths%10 != 0 {
		s += "," + strconv.Itoa(tenths%10)
	}
	return s + "%"
}

// joinVN joins items as "a, b và c".
func joinVN(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " và " + items[len(items)-1]
}

// yearsList is "2021, 2023 và 2025".
func yearsList(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return joinVN(s)
}

func scopePhrase(rank int) string {
	switch rank {
	case 1:
		return "cơ sở"
	case 2:
		return "bộ, ngành, tỉnh"
	case 3:
		return "toàn quốc"
	}
	return "chưa rõ phạm vi"
}

func initiativeName(in Initiative) string {
	if t := strings.TrimSpace(in.Title); t != "" {
		if in.DecisionNo != "" {
			return "sáng kiến «" + nfc(t) + "» (QĐ số " + nfc(in.DecisionNo) + ")"
		}
		return "sáng kiến «" + nfc(t) + "» (năm " + strconv.Itoa(in.Year) + ")"
	}
	if in.ID == "" {
		return "sáng kiến năm " + strconv.Itoa(in.Year)
	}
	return "sáng kiến " + nfc(in.ID) + " (năm " + strconv.Itoa(in.Year) + ")"
}
