package chart

import (
	"fmt"
	"math"
	"strings"
)

// Bars is a horizontal bar chart: one row per item, its label above the bar and its
// value written after it. Horizontal bars keep long Vietnamese unit and award names
// readable on a phone.
type Bars struct {
	ID, Title, Desc string
	Items           []Item
	Unit            string // written after each value ("ngày"); empty for counts
}

// Bar geometry: each row is a label line and a bar under it.
const (
	barRow    = 42.0
	barHeight = 16.0
	barRoom   = width - 100 // the longest bar; the rest of the width holds its value
)

// SVG draws the chart. A bar's length is proportional to its value, the longest bar
// being barRoom units long.
func (c Bars) SVG() string {
	var b strings.Builder
	vals := make([]float64, len(c.Items))
	for i, it := range c.Items {
		vals[i] = it.Value
	}
	m := maxOf(vals)
	h := math.Max(barRow*float64(len(c.Items))+8, 40)
	open(&b, c.ID, "bars", c.Title, c.Desc, h)
	if len(c.Items) == 0 {
		fmt.Fprintf(&b, `<text x="0" y="24" class="empty">Chưa có số liệu</text>`)
	}
	for i, it := range c.Items {
		y := barRow * float64(i)
		w := barRoom * math.Max(it.Value, 0) / m
		value := c.value(it.Value)
		fmt.Fprintf(&b, `<g class="bar"><title>%s: %s</title>`, esc(it.Label), esc(value))
		fmt.Fprintf(&b, `<text x="0" y="%s" class="label">%s</text>`, f(y+14), esc(truncate(it.Label, 56)))
		fmt.Fprintf(&b, `<rect x="0" y="%s" width="%s" height="%s" class="s0" fill="#1f5f99"/>`, f(y+20), f(w), f(barHeight))
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="value">%s</text></g>`, f(w+6), f(y+33), esc(value))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func (c Bars) value(v float64) string {
	if c.Unit == "" {
		return Number(v)
	}
	return Number(v) + " " + c.Unit
}

// Trend is a line chart over a sequence of x labels (years), one line per series,
// every point labelled with its value. The series differ in colour, marker (circle,
// square) and dash, and the legend names them, so colour is never the only cue.
type Trend struct {
	ID, Title, Desc string
	X               []string
	Series          []Series
}

// Trend geometry: the plot area inside the drawing.
const (
	trendH      = 300.0
	plotLeft    = 16.0
	plotRight   = width - 16
	plotTop     = 64.0
	plotBottom  = trendH - 44
	legendSpace = 210.0
)

// SVG draws the chart. Point i of a series sits at the i-th x position; its height is
// proportional to its value, 0 on the baseline and the largest value at plotTop.
func (c Trend) SVG() string {
	var b strings.Builder
	open(&b, c.ID, "trend", c.Title, c.Desc, trendH)
	var all []float64
	for _, s := range c.Series {
		all = append(all, s.Values...)
	}
	m := maxOf(all)
	for i, s := range c.Series {
		x := plotLeft + legendSpace*float64(i)
		fmt.Fprintf(&b, `<g class="legend">%s<text x="%s" y="22">%s</text></g>`, marker(i, x+8, 18), f(x+20), esc(s.Name))
	}
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="axis" stroke="#555"/>`, f(plotLeft), f(plotBottom), f(plotRight), f(plotBottom))
	n := len(c.X)
	step := 0.0
	if n > 1 {
		step = (plotRight - plotLeft - 40) / float64(n-1)
	}
	xAt := func(i int) float64 { return plotLeft + 20 + step*float64(i) }
	yAt := func(v float64) float64 { return plotBottom - (plotBottom-plotTop)*math.Max(v, 0)/m }
	for i, l := range c.X {
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" class="xlabel" font-size="12">%s</text>`, f(xAt(i)), f(plotBottom+36), esc(l))
	}
	for si, s := range c.Series {
		var pts []string
		for i, v := range s.Values {
			if i < n {
				pts = append(pts, f(xAt(i))+","+f(yAt(v)))
			}
		}
		dash := ""
		if si%2 == 1 {
			dash = ` stroke-dasharray="6 4"`
		}
		fmt.Fprintf(&b, `<g class="series s%d"><polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`, si%4, strings.Join(pts, " "), colour(si), dash)
		for i, v := range s.Values {
			if i >= n {
				break
			}
			// the highest point of a year has its value above it, the others below
			// theirs, so that two close values do not print over each other
			dy := 18.0
			if c.topAt(si, i) {
				dy = -8
			}
			fmt.Fprintf(&b, `<g class="point"><title>%s %s: %s</title>%s<text x="%s" y="%s" text-anchor="middle" class="value">%s</text></g>`,
				esc(s.Name), esc(c.X[i]), esc(Number(v)), marker(si, xAt(i), yAt(v)), f(xAt(i)), f(yAt(v)+dy), esc(Number(v)))
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// topAt reports whether series si has the highest value at point i (the first one
// when several are equal).
func (c Trend) topAt(si, i int) bool {
	for sj, s := range c.Series {
		if i >= len(s.Values) || sj == si {
			continue
		}
		v, w := c.Series[si].Values[i], s.Values[i]
		if w > v || w == v && sj < si {
			return false
		}
	}
	return true
}

// colour is the fill of series i, for viewers that do not load the style sheet.
func colour(i int) string { return []string{"#1f5f99", "#b5521b", "#2e7d32", "#6a1b9a"}[i%4] }

// marker is a circle for even series and a square for odd ones.
func marker(i int, x, y float64) string {
	if i%2 == 0 {
		return fmt.Sprintf(`<circle cx="%s" cy="%s" r="4" class="s%d" fill="%s"/>`, f(x), f(y), i%4, colour(i))
	}
	return fmt.Sprintf(`<rect x="%s" y="%s" width="8" height="8" class="s%d" fill="%s"/>`, f(x-4), f(y-4), i%4, colour(i))
}

// Share is a stacked bar of 100%: how a whole divides into parts (women and men among
// the awardees), each part written out below the bar with its count and percentage.
type Share struct {
	ID, Title, Desc string
	Parts           []Item
}

// SVG draws the bar; each part's length is its share of the sum of the parts.
func (c Share) SVG() string {
	var b strings.Builder
	h := 44 + 22*float64(len(c.Parts))
	open(&b, c.ID, "share", c.Title, c.Desc, h)
	total := 0.0
	for _, p := range c.Parts {
		total += math.Max(p.Value, 0)
	}
	x := 0.0
	for i, p := range c.Parts {
		share := 0.0
		if total > 0 {
			share = math.Max(p.Value, 0) / total
		}
		w := width * share
		fmt.Fprintf(&b, `<rect x="%s" y="4" width="%s" height="26" class="s%d" fill="%s"><title>%s: %s (%s)</title></rect>`,
			f(x), f(w), i%4, colour(i), esc(p.Label), esc(Number(p.Value)), esc(Percent(share)))
		x += w
		y := 52 + 22*float64(i)
		fmt.Fprintf(&b, `<g class="legend">%s<text x="20" y="%s">%s: %s (%s)</text></g>`,
			marker(i, 8, y-4), f(y), esc(p.Label), esc(Number(p.Value)), esc(Percent(share)))
	}
	if total == 0 {
		fmt.Fprintf(&b, `<rect x="0" y="4" width="%s" height="26" class="none" fill="#ddd"/>`, f(width))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
