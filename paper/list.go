package paper

import (
	"fmt"
	"strings"

	"tdkt/vn"
)

// Person is an awardee or candidate: a person, a collective or a household.
type Person struct {
	Name      string // full name, or the name of the collective / household
	Sex       string // "nam" or "nu"
	BirthYear string
	Position  string // chức vụ
	Unit      string // đơn vị công tác; for a collective, its parent body
	Kind      string // "ca_nhan", "tap_the" or "ho_gia_dinh"
	AmountVND int64  // tiền thưởng; 0 when the decision carries no money
	Serial    string // số sổ vàng = the ordinal in the decision (docs/forms.md §7.2)
}

// Kinds of awardee, in the order of the attached lists.
const (
	KindCollective = "tap_the"
	KindPerson     = "ca_nhan"
	KindHousehold  = "ho_gia_dinh"
)

// groups of the attached list: "I. TẬP THỂ", "II. CÁ NHÂN", "III. HỘ GIA ĐÌNH" (docs/forms.md
// §7.2). A person without a kind counts as an individual.
var groups = []struct{ kind, label, noun string }{
	{KindCollective, "TẬP THỂ", "tập thể"},
	{KindPerson, "CÁ NHÂN", "cá nhân"},
	{KindHousehold, "HỘ GIA ĐÌNH", "hộ gia đình"},
}

func kindOf(p Person) string {
	switch p.Kind {
	case KindCollective, KindHousehold:
		return p.Kind
	}
	return KindPerson
}

// byKind splits people into the three groups, keeping their order.
func byKind(ps []Person) [3][]Person {
	var out [3][]Person
	for _, p := range ps {
		for i, g := range groups {
			if kindOf(p) == g.kind {
				out[i] = append(out[i], p)
			}
		}
	}
	return out
}

// counted is "2 tập thể, 3 cá nhân và 1 hộ gia đình" for the groups that are present.
func counted(ps []Person) string {
	var parts []string
	for i, g := range byKind(ps) {
		if len(g) > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", len(g), groups[i].noun))
		}
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " và " + parts[len(parts)-1]
}

// salutation is "Ông", "Bà", "Tập thể" or "Hộ gia đình" (docs/forms.md §8.3).
func salutation(p Person) string {
	switch kindOf(p) {
	case KindCollective:
		return "Tập thể"
	case KindHousehold:
		return "Hộ gia đình"
	}
	if strings.EqualFold(p.Sex, "nu") || strings.EqualFold(vn.NFC(p.Sex), "nữ") {
		return "Bà"
	}
	return "Ông"
}

// positionUnit is "chức vụ, đơn vị công tác" without empty parts.
func positionUnit(p Person) string {
	var parts []string
	for _, s := range []string{p.Position, p.Unit} {
		if s = vn.NFC(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// amount is "3.800.000" — the list's column header already says "(đồng)".
func amount(v int64) string { return strings.TrimSuffix(vn.Money(v), " đ") }

// listOptions choose the columns of an attached list.
type listOptions struct {
	money bool // Số tiền thưởng (đồng), with totals
	birth bool // Giới tính and Năm sinh (the tờ trình's list, docs/forms.md §4)
}

// awardeeTable is the attached list as a table, grouped I/II/III with empty groups left
// out. The STT runs on across the groups, because it is the "Số sổ vàng" printed on each
// certificate (NĐ 98 Art 104); a Serial given by the caller takes its place.
func awardeeTable(ps []Person, o listOptions) table {
	head := []string{"STT", "Họ và tên / Tên tập thể"}
	widths := []float64{0.08, 0.32}
	if o.birth {
		head = append(head, "Giới tính", "Năm sinh")
		widths = append(widths, 0.1, 0.1)
	}
	head = append(head, "Chức vụ, đơn vị công tác")
	if o.money {
		head = append(head, "Số tiền thưởng (đồng)")
	}
	rest := 1.0
	for _, f := range widths {
		rest -= f
	}
	if o.money {
		widths = append(widths, rest-0.2, 0.2)
	} else {
		widths = append(widths, rest)
	}
	tc := func(s string, align byte, runs ...run) cell {
		if runs == nil {
			runs = []run{plain(s)}
		}
		p := para{runs: runs, align: align, size: sizeTable, lineSpacing: 1.15}
		return cell{p}
	}
	hr := row{header: true}
	for _, h := range head {
		hr.cells = append(hr.cells, tc("", 'C', bold(h)))
	}
	t := table{widths: widths, border: true, rows: []row{hr}}
	roman := []string{"I", "II", "III"}
	n, g := 0, 0
	var total int64
	gs := byKind(ps)
	present := 0
	for _, grp := range gs {
		if len(grp) > 0 {
			present++
		}
	}
	for i, grp := range gs {
		if len(grp) == 0 {
			continue
		}
		t.rows = append(t.rows, row{span: true, cells: []cell{tc("", 'L', bold(roman[g]+". "+groups[i].label))}})
		g++
		var sub int64
		for _, p := range grp {
			n++
			stt := vn.NFC(p.Serial)
			if stt == "" {
				stt = fmt.Sprint(n)
			}
			r := row{cells: []cell{tc(stt, 'C'), tc(vn.NFC(p.Name), 'L')}}
			if o.birth {
				sex := ""
				if kindOf(p) == KindPerson {
					sex = map[string]string{"Bà": "Nữ", "Ông": "Nam"}[salutation(p)]
				}
				r.cells = append(r.cells, tc(sex, 'C'), tc(vn.NFC(p.BirthYear), 'C'))
			}
			r.cells = append(r.cells, tc(positionUnit(p), 'L'))
			if o.money {
				r.cells = append(r.cells, tc(amount(p.AmountVND), 'R'))
			}
			sub += p.AmountVND
			t.rows = append(t.rows, r)
		}
		total += sub
		if o.money && present > 1 {
			t.rows = append(t.rows, totalRow(len(widths), "Cộng "+strings.ToLower(groups[i].label), sub, tc))
		}
	}
	if o.money {
		t.rows = append(t.rows, totalRow(len(widths), "Tổng cộng", total, tc))
	}
	return t
}

// totalRow puts the label under the name column and the sum under the money column.
func totalRow(cols int, label string, sum int64, tc func(string, byte, ...run) cell) row {
	r := row{}
	for i := 0; i < cols; i++ {
		switch i {
		case 1:
			r.cells = append(r.cells, tc("", 'L', bold(label)))
		case cols - 1:
			r.cells = append(r.cells, tc("", 'R', bold(amount(sum))))
		default:
			r.cells = append(r.cells, tc("", 'L'))
		}
	}
	return r
}

// hasMoney reports whether any awardee has an amount, so the list shows the column.
func hasMoney(ps []Person) bool {
	for _, p := range ps {
		if p.AmountVND != 0 {
			return true
		}
	}
	return false
}
