// Package chart draws the dashboard's charts as inline SVG on the server: horizontal
// bars, a trend over years and a stacked share bar. The pages have no JavaScript and a
// strict Content-Security-Policy, so a chart is plain markup: presentation attributes
// and classes (coloured by the style sheet, which also holds the print rules), never a
// style attribute or a script.
//
// Every chart is an image for assistive technology (role="img" with a <title> and a
// <desc> that it names with aria-labelledby), prints every number as text next to its
// mark so that colour is never the only carrier, and scales to its container (a
// viewBox and width 100%). Numbers are written the Vietnamese way: 1.234.567 and 37,5%.
// The page puts a data table with the same figures next to each chart.
//
// The package depends on the standard library only.
package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Item is one labelled value: a bar, or a part of a share.
type Item struct {
	Label string
	Value float64
}

// Series is one line of a trend: a name and one value per point of the x axis.
type Series struct {
	Name   string
	Values []float64
}

// The drawing's coordinate system; the SVG scales it to the width it is given.
const (
	width    = 460.0
	fontSize = 14.0
)

// Number writes v with a dot between thousands and, when v is not whole, one decimal
// after a comma: 1234567 → "1.234.567", 12.25 → "12,3".
func Number(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	r := math.Round(v*10) / 10
	whole := math.Floor(r)
	s := group(strconv.FormatInt(int64(whole), 10))
	if frac := int64(math.Round((r - whole) * 10)); frac != 0 {
		s += "," + strconv.FormatInt(frac, 10)
	}
	if neg && s != "0" {
		s = "-" + s
	}
	return s
}

// Percent writes a share of 1 as a percentage with one decimal at most: 0.375 → "37,5%".
func Percent(share float64) string { return Number(share*100) + "%" }

func group(digits string) string {
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// esc escapes text for XML character data and attribute values.
func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;").Replace(s)
}

// f formats a coordinate with at most two decimals.
func f(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// open starts an svg element of the given height with its title and description.
func open(b *strings.Builder, id, class, title, desc string, height float64) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart %s" id="%s" role="img" aria-labelledby="%s-t %s-d" viewBox="0 0 %s %s" width="100%%" preserveAspectRatio="xMinYMin meet" font-size="%s">`,
		esc(class), esc(id), esc(id), esc(id), f(width), f(height), f(fontSize))
	fmt.Fprintf(b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
}

// truncate shortens a label to n runes with an ellipsis; the full label stays in the
// bar's <title> and in the data table.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// max is the largest value, at least 1 so that an empty chart still has a scale.
func maxOf(vs []float64) float64 {
	m := 0.0
	for _, v := range vs {
		m = math.Max(m, v)
	}
	if m <= 0 {
		return 1
	}
	return m
}
