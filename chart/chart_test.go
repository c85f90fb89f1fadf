package chart

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// node is an element of a drawn chart, read back with encoding/xml.
type node struct {
	Name  string
	Attr  map[string]string
	Text  string
	Depth int
}

// parse decodes svg, failing the test when it is not well-formed XML.
func parse(t *testing.T, svg string) []node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var out []node
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			n := node{Name: x.Name.Local, Attr: map[string]string{}, Depth: depth}
			for _, a := range x.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			out = append(out, n)
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if len(out) > 0 {
				out[len(out)-1].Text += string(x)
			}
		}
	}
	return out
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

// accessible checks the parts every chart must have: role img, a title and a
// description that aria-labelledby names, a viewBox and width 100%, no style attribute.
func accessible(t *testing.T, ns []node, title string) {
	t.Helper()
	root := ns[0]
	if root.Name != "svg" || root.Attr["role"] != "img" || root.Attr["width"] != "100%" || root.Attr["viewBox"] == "" {
		t.Fatalf("root element: %+v", root)
	}
	ids := map[string]string{}
	for _, n := range ns {
		if _, ok := n.Attr["style"]; ok {
			t.Errorf("a style attribute, which the CSP forbids: %+v", n)
		}
		if n.Attr["id"] != "" {
			ids[n.Attr["id"]] = n.Name + ":" + n.Text
		}
	}
	for _, id := range strings.Fields(root.Attr["aria-labelledby"]) {
		if ids[id] == "" {
			t.Errorf("aria-labelledby names %q, which is not there", id)
		}
	}
	if ns[1].Name != "title" || ns[1].Text != title || ns[2].Name != "desc" || ns[2].Text == "" {
		t.Errorf("the chart does not start with its title and description: %+v %+v", ns[1], ns[2])
	}
}

func TestNumber(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 7: "7", 1234: "1.234", 1234567: "1.234.567", 12.25: "12,3", 0.04: "0", 2.5: "2,5", -1500: "-1.500"} {
		if got := Number(v); got != want {
			t.Errorf("Number(%v) = %q, want %q", v, got, want)
		}
	}
	if got := Percent(0.375); got != "37,5%" {
		t.Errorf("Percent(0.375) = %q", got)
	}
}

func TestBarsProportional(t *testing.T) {
	c := Bars{ID: "b", Title: "Khen thưởng theo đơn vị", Desc: "Số danh hiệu và hình thức của mỗi đơn vị.", Items: []Item{
		{"Ủy ban nhân dân xã Đông Hòa", 1200}, {"Phường Ánh Dương & <Bến>", 300}, {"Xã Trống", 0}}}
	ns := parse(t, c.SVG())
	accessible(t, ns, c.Title)
	var widths []float64
	var texts []string
	for _, n := range ns {
		if n.Name == "rect" {
			widths = append(widths, num(t, n.Attr["width"]))
		}
		if n.Name == "text" {
			texts = append(texts, n.Text)
		}
	}
	if len(widths) != 3 || widths[0] != barRoom || widths[1] != barRoom/4 || widths[2] != 0 {
		t.Errorf("bar widths %v, want %v, %v, 0", widths, barRoom, barRoom/4)
	}
	joined := strings.Join(texts, "|")
	for _, w := range []string{"Ủy ban nhân dân xã Đông Hòa", "1.200", "Phường Ánh Dương & <Bến>", "300", "Xã Trống", "|0"} {
		if !strings.Contains(joined, w) {
			t.Errorf("the chart's text lacks %q: %s", w, joined)
		}
	}
}

func TestBarsEmpty(t *testing.T) {
	ns := parse(t, Bars{ID: "e", Title: "Không có gì", Desc: "Trống."}.SVG())
	accessible(t, ns, "Không có gì")
	if !strings.Contains(ns[len(ns)-1].Text, "Chưa có số liệu") {
		t.Errorf("an empty chart should say so: %+v", ns[len(ns)-1])
	}
}

func TestTrendHeights(t *testing.T) {
	c := Trend{ID: "t", Title: "Danh hiệu và hình thức theo năm", Desc: "Mười năm gần nhất.", X: []string{"2023", "2024", "2025"},
		Series: []Series{{"Danh hiệu thi đua", []float64{10, 5, 0}}, {"Hình thức khen thưởng", []float64{2, 20, 1500}}}}
	ns := parse(t, c.SVG())
	accessible(t, ns, c.Title)
	var lines []string
	var texts []string
	for _, n := range ns {
		if n.Name == "polyline" {
			lines = append(lines, n.Attr["points"])
		}
		if n.Name == "text" {
			texts = append(texts, n.Text)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	ys := func(points string) []float64 {
		var out []float64
		for _, p := range strings.Fields(points) {
			out = append(out, num(t, strings.Split(p, ",")[1]))
		}
		return out
	}
	a, b := ys(lines[0]), ys(lines[1])
	// heights above the baseline are proportional to the values
	h := func(y float64) float64 { return plotBottom - y }
	if h(a[2]) != 0 || h(b[2]) != plotBottom-plotTop || math.Abs(h(a[0])-h(b[2])*10/1500) > 0.01 || math.Abs(h(b[1])-h(b[2])*20/1500) > 0.01 {
		t.Errorf("heights %v %v are not proportional", a, b)
	}
	// In 2023 the titles (10) are above the forms (2): 10 is written above its point
	// and 2 below its own, so that the two numbers do not overlap.
	labelY := map[string]float64{}
	for i, n := range ns {
		if n.Name == "text" && n.Attr["class"] == "value" && ns[i-1].Name != "text" {
			labelY[n.Text] = num(t, n.Attr["y"])
		}
	}
	if labelY["10"] >= a[0] || labelY["2"] <= b[0] {
		t.Errorf("labels at %v for points at %v and %v", labelY, a[0], b[0])
	}
	joined := strings.Join(texts, "|")
	for _, w := range []string{"2023", "2025", "Danh hiệu thi đua", "Hình thức khen thưởng", "1.500", "|20|"} {
		if !strings.Contains(joined, w) {
			t.Errorf("the chart's text lacks %q: %s", w, joined)
		}
	}
}

func TestShareParts(t *testing.T) {
	c := Share{ID: "s", Title: "Nữ trong số cá nhân được khen", Desc: "Tỷ lệ nữ.", Parts: []Item{{"Nữ", 3}, {"Nam", 5}}}
	ns := parse(t, c.SVG())
	accessible(t, ns, c.Title)
	var widths []float64
	var texts []string
	for _, n := range ns {
		if n.Name == "rect" && n.Attr["height"] == "26" {
			widths = append(widths, num(t, n.Attr["width"]))
		}
		if n.Name == "text" {
			texts = append(texts, n.Text)
		}
	}
	if len(widths) != 2 || widths[0] != width*3/8 || widths[1] != width*5/8 {
		t.Errorf("part widths %v", widths)
	}
	joined := strings.Join(texts, "|")
	if !strings.Contains(joined, "Nữ: 3 (37,5%)") || !strings.Contains(joined, "Nam: 5 (62,5%)") {
		t.Errorf("the parts are not written out: %s", joined)
	}
}
