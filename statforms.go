package tdkt

import (
	"sort"
	"strconv"
	"time"
)

// The statutory statistics of emulation and reward (biểu 0601.N–0605.N/BNV-TĐKT) are
// data: a StatLayout is one circular's set of forms with the date it came into force,
// and each form lists its rows and columns with what each counts. A cell counts the
// facts that match both its row's and its column's condition. A new circular (TT
// 18/2025/TT-BNV probably replaced TT 02/2023, docs/forms.md §9.1) is
// one more entry in StatLayouts; StatLayoutOn picks the one in force on a date.

// StatFact is a group of records with the same attributes, and how many they are:
// the statistics count aggregated facts, never rows one by one.
type StatFact struct {
	Attrs map[string]string
	N     int64
}

// The attributes of facts. Honours carry award, subject, recipient, kind and
// proposer; movements launch, scope, band and method; the apparatus units unit_kind;
// the officers sex, age, training and seniority.
const (
	AttrAward     = "award"     // award code of the catalogue
	AttrSubject   = "subject"   // ca_nhan, tap_the, ho_gia_dinh
	AttrRecipient = "recipient" // the recipient class (RecipientClasses)
	AttrKind      = "kind"      // reward kind (loại hình)
	AttrProposer  = "proposer"  // level of the body that proposed it: bo_nganh or tinh, "" otherwise
	AttrLaunch    = "launch"    // LaunchLevels
	AttrScope     = "scope"     // MovementScopes
	AttrBand      = "band"      // DurationBands
	AttrMethod    = "method"    // MovementMethods
	AttrUnitKind  = "unit_kind" // ApparatusKinds
	AttrSex       = "sex"       // nam, nu
	AttrAge       = "age"       // AgeBands
	AttrTraining  = "training"  // TrainingLevels
	AttrSeniority = "seniority" // SeniorityBands
)

// Cond selects facts: every attribute it names must hold one of the listed values.
// An empty Cond selects every fact; an attribute with an empty list selects none (a
// cell of the form that tdkt has no records for, such as Giải thưởng Hồ Chí Minh).
type Cond map[string][]string

// Match reports whether the fact satisfies every condition.
func (c Cond) Match(f StatFact) bool {
	for attr, values := range c {
		v, ok := f.Attrs[attr]
		if !ok || !In(v, values) {
			return false
		}
	}
	return true
}

// And is the condition that both c and d hold; where both name an attribute, its
// values must be in both lists.
func (c Cond) And(d Cond) Cond {
	out := Cond{}
	for k, v := range c {
		out[k] = v
	}
	for k, v := range d {
		if prev, ok := out[k]; ok {
			var both []string
			for _, x := range v {
				if In(x, prev) {
					both = append(both, x)
				}
			}
			out[k] = both
			if both == nil {
				out[k] = []string{}
			}
			continue
		}
		out[k] = v
	}
	return out
}

// What a form counts: which records its facts come from.
const (
	CountsMovements = "movements" // phong trào thi đua launched in the period
	CountsHonours   = "honours"   // titles and forms decided in the period, not revoked
	CountsUnits     = "units"     // units doing emulation and reward work at the period's end
	CountsOfficers  = "officers"  // civil servants doing that work at the period's end
)

// StatRow is a row of a form: its code (Mã số), its label as printed, and what it
// counts. A heading has no code and no cells.
type StatRow struct {
	Code    string
	Label   string
	Heading bool
	Bold    bool
	Unit    string // Đơn vị tính, for forms with column C
	Cond    Cond
	// Parts, when set, are the codes of rows whose sum this row must equal (Tổng số
	// = sum of parts). Tests check it; it documents the form's arithmetic.
	Parts [][]string
	Note  string // what is not verified about this row, shown on screen
}

// StatColumn is a column of a form, or a header over several columns. Leaves are
// counted; a parent only labels its children.
type StatColumn struct {
	Number   string // the printed column number ("1", "2" …); may be empty for a sub-column
	Label    string
	Cond     Cond
	Children []StatColumn
	// Expand, when set, replaces the column by one column per value of that attribute
	// found among the matching facts (ordered by ExpandOrder), each with the children
	// as sub-columns: the live system builds the medal columns from the award types
	// found in the period (docs/forms.md §9.3).
	Expand      string
	ExpandOrder []string
	Note        string
}

// StatForm is one biểu: its code, title, what it counts and its table.
type StatForm struct {
	Key    string // "0601"
	Code   string // "0601.N/BNV-TĐKT"
	Title  string
	Counts string
	Scope  Cond // applied to every fact before the cells (the awards the form is about)
	// AwardLevel, for a form of honours, is the level (AwardLevelOf) of the awards it
	// reads; Scope narrows them further.
	AwardLevel  string
	Unit        string // Đơn vị tính of the whole form; "" when column C gives it per row
	UnitColumn  bool   // the table has column C "Đơn vị tính"
	ReceiveDate string // "Ngày nhận báo cáo", "" where the form does not print it
	// TotalIsSum says that column 1 (Tổng số) is the sum of the other columns ("1 =
	// 2+3+4" on 0601.N, "Chia ra" on 0602.N and 0603.N).
	TotalIsSum bool
	Columns    []StatColumn
	Rows       []StatRow
	Notes      []string // what is unverified or inferred about the form (docs/forms.md §9)
}

// StatLayout is the set of forms of one circular, in force from a date.
type StatLayout struct {
	Name     string // "TT 02/2023"
	Basis    string // the line under "Biểu số"
	From     string // in force from, YYYY-MM-DD
	Source   string // where the layout was read, with its confidence
	Receiver string // default "Đơn vị nhận báo cáo"
	// PeriodStart is the first day (MM-DD) of the emulation year in the previous
	// calendar year; the period ends the day before it in the report year.
	PeriodStart string
	Forms       []StatForm
}

// Form finds a form of the layout by its key ("0602").
func (l *StatLayout) Form(key string) (StatForm, bool) {
	for _, f := range l.Forms {
		if f.Key == key {
			return f, true
		}
	}
	return StatForm{}, false
}

// Period is the emulation-and-reward year of a report year under the layout: TT
// 02/2023 counts from 01/12 of the previous year to 30/11 (docs/forms.md §9.1).
func (l *StatLayout) Period(year int) (from, to string) {
	m, _ := strconv.Atoi(l.PeriodStart[:2])
	d, _ := strconv.Atoi(l.PeriodStart[3:])
	start := time.Date(year-1, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m == 1 && d == 1 {
		start = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	end := start.AddDate(1, 0, -1)
	return start.Format(time.DateOnly), end.Format(time.DateOnly)
}

// StatLayoutOn returns the layout in force on a date (YYYY-MM-DD): the latest that
// started on or before it. ok is false before the first one.
func StatLayoutOn(date string) (StatLayout, bool) {
	var best StatLayout
	ok := false
	for _, l := range StatLayouts {
		if l.From <= date && (!ok || l.From > best.From) {
			best, ok = l, true
		}
	}
	return best, ok
}

// StatReportDate is the date whose layout a year's report uses: the last day of the
// emulation year (30/11), so that a report of a past year keeps the layout of its
// time.
func StatReportDate(year int) string { return strconv.Itoa(year) + "-11-30" }

// StatFormKeys are the forms in order, for choosers.
var StatFormKeys = []string{"0601", "0602", "0603", "0604", "0605"}

// Sum is the total of the facts that match c.
func Sum(facts []StatFact, c Cond) int64 {
	var n int64
	for _, f := range facts {
		if c.Match(f) {
			n += f.N
		}
	}
	return n
}

// StatLeaf is a counted column after expansion: its path of labels from the top
// header and its full condition.
type StatLeaf struct {
	Number string
	Labels []string // from the top header down to the leaf
	Cond   Cond
	Note   string
}

// StatTable is a form filled for a set of facts: the leaf columns, the header as rows
// of cells with spans, and the counts of every row and leaf.
type StatTable struct {
	Form   StatForm
	Leaves []StatLeaf
	Header [][]HeadCell
	Rows   []StatTableRow
}

// HeadCell is a cell of a table header with its spans.
type HeadCell struct {
	Label            string
	Number           string
	ColSpan, RowSpan int
	Note             string
}

// StatTableRow is a row of a filled form.
type StatTableRow struct {
	StatRow
	Cells []int64 // one per leaf; nil for a heading
}

// Cell is the count of a row (by code) and a leaf (by index); ok is false for an
// unknown code.
func (t *StatTable) Cell(code string, leaf int) (int64, bool) {
	for _, r := range t.Rows {
		if r.Code == code && !r.Heading {
			return r.Cells[leaf], true
		}
	}
	return 0, false
}

// Fill builds the form's table over the facts: the form's scope first, then a count
// for every row and leaf column. Each fact adds to every cell it matches.
func (f StatForm) Fill(facts []StatFact) StatTable {
	var in []StatFact
	for _, x := range facts {
		if f.Scope.Match(x) {
			in = append(in, x)
		}
	}
	t := StatTable{Form: f}
	var cols []StatColumn
	for _, c := range f.Columns {
		cols = append(cols, expand(c, in)...)
	}
	depth := 0
	for _, c := range cols {
		depth = max(depth, colDepth(c))
	}
	t.Header = make([][]HeadCell, depth)
	for _, c := range cols {
		t.Leaves = append(t.Leaves, leaves(c, Cond{}, nil, 0, depth, t.Header)...)
	}
	for _, r := range f.Rows {
		tr := StatTableRow{StatRow: r}
		if !r.Heading {
			tr.Cells = make([]int64, len(t.Leaves))
			for i, l := range t.Leaves {
				tr.Cells[i] = Sum(in, r.Cond.And(l.Cond))
			}
		}
		t.Rows = append(t.Rows, tr)
	}
	return t
}

// expand replaces a column with Expand set by one column per value found.
func expand(c StatColumn, facts []StatFact) []StatColumn {
	if c.Expand == "" {
		var kids []StatColumn
		for _, k := range c.Children {
			kids = append(kids, expand(k, facts)...)
		}
		c.Children = kids
		return []StatColumn{c}
	}
	found := map[string]bool{}
	for _, x := range facts {
		if c.Cond.Match(x) {
			found[x.Attrs[c.Expand]] = true
		}
	}
	var values []string
	for _, v := range c.ExpandOrder {
		if found[v] {
			values = append(values, v)
		}
	}
	// The group keeps its place with a column of zeros when nothing was found, so
	// that the form's columns stay recognisable.
	parent := StatColumn{Number: c.Number, Label: c.Label, Cond: c.Cond, Note: c.Note}
	if len(values) == 0 {
		parent.Children = c.Children
		return []StatColumn{parent}
	}
	for _, v := range values {
		parent.Children = append(parent.Children, StatColumn{Label: Label(v), Cond: Cond{c.Expand: {v}}, Children: c.Children})
	}
	return []StatColumn{parent}
}

func colDepth(c StatColumn) int {
	d := 0
	for _, k := range c.Children {
		d = max(d, colDepth(k))
	}
	return d + 1
}

func width(c StatColumn) int {
	if len(c.Children) == 0 {
		return 1
	}
	n := 0
	for _, k := range c.Children {
		n += width(k)
	}
	return n
}

// leaves lists the counted columns under c and fills the header rows: a leaf above
// the bottom spans the rows below it. Numbers: a column's own number, or its
// parent's number and its position ("2.1", "2.2") for the sub-columns of a numbered
// group.
func leaves(c StatColumn, cond Cond, labels []string, level, depth int, head [][]HeadCell) []StatLeaf {
	cond = cond.And(c.Cond)
	labels = append(append([]string(nil), labels...), c.Label)
	if len(c.Children) == 0 {
		head[level] = append(head[level], HeadCell{Label: c.Label, Number: c.Number, ColSpan: 1, RowSpan: depth - level, Note: c.Note})
		return []StatLeaf{{Number: c.Number, Labels: labels, Cond: cond, Note: c.Note}}
	}
	head[level] = append(head[level], HeadCell{Label: c.Label, Number: c.Number, ColSpan: width(c), RowSpan: 1, Note: c.Note})
	var out []StatLeaf
	for _, k := range c.Children {
		out = append(out, leaves(k, cond, labels, level+1, depth, head)...)
	}
	if c.Number != "" {
		for i := range out {
			if out[i].Number == "" {
				out[i].Number = c.Number
				if len(out) > 1 {
					out[i].Number += "." + strconv.Itoa(i+1)
				}
			}
		}
	}
	return out
}

// SortFacts orders facts by their attributes, so that output built from them is
// stable.
func SortFacts(facts []StatFact) {
	key := func(f StatFact) string {
		ks := make([]string, 0, len(f.Attrs))
		for k, v := range f.Attrs {
			ks = append(ks, k+"="+v)
		}
		sort.Strings(ks)
		s := ""
		for _, k := range ks {
			s += k + ";"
		}
		return s
	}
	sort.SliceStable(facts, func(i, j int) bool { return key(facts[i]) < key(facts[j]) })
}
