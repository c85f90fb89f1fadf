package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"tdkt"
)

// RunCheck answers docs/check.md cases with the Default engine: input is one case
// object or an array of them; output is one JSON array of results in input
// order. status is 0 when every case was evaluated, 1 when any case was invalid
// (its result carries "error" and "field", the others are still answered), 2 when
// the input is not JSON at all (output is then {"error": …}).
func RunCheck(input []byte) (output []byte, status int) { return Default.RunCheck(input) }

// RunCheck is the package-level RunCheck with this engine.
func (e *Engine) RunCheck(input []byte) (output []byte, status int) {
	results, status := e.CheckResults(input)
	if status == 2 {
		return results[0], 2
	}
	return JoinResults(results), status
}

// CheckResults is RunCheck before joining, so that a caller reading several
// files can build one array: one JSON value per case. With status 2 it returns a
// single {"error": …} object.
func (e *Engine) CheckResults(input []byte) (results []json.RawMessage, status int) {
	t := bytes.TrimSpace(input)
	if len(t) == 0 || !json.Valid(t) {
		return []json.RawMessage{marshal(struct {
			Error string `json:"error"`
		}{"Đầu vào không phải JSON hợp lệ"})}, 2
	}
	var raws []json.RawMessage
	if t[0] == '[' {
		_ = json.Unmarshal(t, &raws) // valid JSON array: cannot fail
	} else {
		raws = []json.RawMessage{t}
	}
	results = make([]json.RawMessage, len(raws))
	for i, raw := range raws {
		out, ok := e.checkCase(raw, i)
		if !ok {
			status = 1
		}
		results[i] = out
	}
	return results, status
}

// JoinResults writes results as one JSON array, one result per line.
func JoinResults(results []json.RawMessage) []byte {
	var b bytes.Buffer
	b.WriteString("[")
	for i, r := range results {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n")
		b.Write(r)
	}
	if len(results) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	return b.Bytes()
}

func marshal(v any) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only our own output types are encoded
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

type invalidOut struct {
	ID    string `json:"id"`
	Check string `json:"check,omitempty"`
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

// checkCase answers one case; ok is false when the case is invalid.
func (e *Engine) checkCase(raw json.RawMessage, index int) (json.RawMessage, bool) {
	var id, check string
	fail := func(err error) (json.RawMessage, bool) {
		who := "Ca " + strconv.Quote(id)
		if id == "" {
			who = "Ca thứ " + strconv.Itoa(index+1)
		}
		out := invalidOut{ID: id, Check: check, Error: who + ": " + err.Error()}
		var fe *FieldError
		if errors.As(err, &fe) {
			out.Field = fe.Field
			out.Error = who + ": trường " + fe.Field + ": " + fe.Message
		}
		return marshal(out), false
	}
	o, err := asObject(raw, "case")
	if err != nil {
		return fail(err)
	}
	if id, _, err = o.str("id", ""); err != nil {
		return fail(err)
	}
	if check, err = o.needStr("check", ""); err != nil {
		return fail(err)
	}
	asOf, err := o.date("as_of", "", true)
	if err != nil {
		return fail(err)
	}
	var out any
	switch check {
	case "eligibility":
		out, err = e.eligibilityCase(o, id, asOf)
	case "money":
		out, err = e.moneyCase(o, id, asOf)
	case "vote":
		out, err = e.voteCase(o, id, asOf)
	case "working_days":
		out, err = e.workingDaysCase(o, id, asOf)
	default:
		err = fieldErr("check", "loại câu hỏi không hợp lệ \""+check+"\" (eligibility, money, vote, working_days)")
	}
	if err != nil {
		return fail(err)
	}
	return marshal(out), true
}

type eligibilityOut struct {
	ID           string       `json:"id"`
	Check        string       `json:"check"`
	Award        string       `json:"award"`
	Year         int          `json:"year"`
	Status       Status       `json:"status"`
	RuleSet      string       `json:"rule_set"`
	Reasons      []Reason     `json:"reasons"`
	OtherRoutes  []Route      `json:"other_routes"`
	EarliestYear int          `json:"earliest_year,omitempty"`
	Unverified   []Unverified `json:"unverified,omitempty"`
	Warnings     []string     `json:"warnings,omitempty"`
}

func (e *Engine) eligibilityCase(o object, id string, asOf Date) (any, error) {
	if _, ok := e.RuleSetOn(asOf); !ok {
		return nil, fieldErr("as_of", "không có bộ quy tắc áp dụng cho ngày "+asOf.VN())
	}
	q, err := decodeEligibility(o)
	if err != nil {
		return nil, err
	}
	r := e.EligibilityID(&q.subject, q.award, q.year, asOf)
	if r.OtherRoutes == nil {
		r.OtherRoutes = []Route{}
	}
	return eligibilityOut{ID: id, Check: "eligibility", Award: r.Award, Year: q.year, Status: r.Status, RuleSet: r.RuleSet,
		Reasons: r.Reasons, OtherRoutes: r.OtherRoutes, EarliestYear: r.EarliestYear, Unverified: r.Unverified, Warnings: r.Warnings}, nil
}

// moneyItemOut is exactly the contract's item, so that answers compare equal
// to expected items; the working (coefficient, basis, note) is in details.
type moneyItemOut struct {
	Award string `json:"award"`
	VND   int64  `json:"vnd"`
	Paid  bool   `json:"paid"`
}

type moneyDetailOut struct {
	Award       string      `json:"award"`
	SubjectKind string      `json:"subject_kind"`
	Period      string      `json:"period"`
	Coefficient json.Number `json:"coefficient"`
	Basis       string      `json:"basis,omitempty"`
	Note        string      `json:"note,omitempty"`
}

type moneyOut struct {
	ID            string           `json:"id"`
	Check         string           `json:"check"`
	RuleSet       string           `json:"rule_set"`
	BaseSalaryVND int64            `json:"base_salary_vnd"`
	BaseSalaryBy  string           `json:"base_salary_basis"`
	Items         []moneyItemOut   `json:"items"`
	TotalVND      int64            `json:"total_vnd"`
	Details       []moneyDetailOut `json:"details"`
	Unverified    []Unverified     `json:"unverified,omitempty"`
}

func (e *Engine) moneyCase(o object, id string, asOf Date) (any, error) {
	var items []MoneyItem
	err := eachObject(o, "items", "", func(x object, f string) error {
		var it MoneyItem
		var err error
		if it.Award, err = x.needStr("award", f); err != nil {
			return err
		}
		k, err := x.needStr("subject_kind", f)
		if err != nil {
			return err
		}
		it.SubjectKind = tdkt.SubjectKind(k)
		if it.Period, err = x.needStr("period", f); err != nil {
			return err
		}
		items = append(items, it)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, ok := o["items"]; !ok {
		return nil, fieldErr("items", "bắt buộc")
	}
	r, err := e.Money(items, asOf)
	if err != nil {
		return nil, err
	}
	out := moneyOut{ID: id, Check: "money", RuleSet: r.RuleSet, BaseSalaryVND: r.BaseSalary.VND, BaseSalaryBy: r.BaseSalary.Source,
		TotalVND: r.TotalVND, Unverified: r.Unverified,
		Items: make([]moneyItemOut, len(r.Items)), Details: make([]moneyDetailOut, len(r.Items))}
	for i, it := range r.Items {
		out.Items[i] = moneyItemOut{Award: it.Award, VND: it.VND, Paid: it.Paid}
		out.Details[i] = moneyDetailOut{Award: it.Award, SubjectKind: string(it.SubjectKind), Period: it.Period,
			Coefficient: json.Number(decimalMicro(it.Coefficient)), Basis: it.Basis, Note: it.Note}
	}
	return out, nil
}

type voteOut struct {
	ID          string       `json:"id"`
	Check       string       `json:"check"`
	Award       string       `json:"award"`
	RuleSet     string       `json:"rule_set"`
	Passed      bool         `json:"passed"`
	RequiredYes int          `json:"required_yes"`
	Threshold   json.Number  `json:"threshold"`
	Members     int          `json:"members"`
	Yes         int          `json:"yes"`
	Basis       string       `json:"basis"`
	Unverified  []Unverified `json:"unverified,omitempty"`
}

func (e *Engine) voteCase(o object, id string, asOf Date) (any, error) {
	award, err := o.needStr("award", "")
	if err != nil {
		return nil, err
	}
	members, err := o.needInt("members", "")
	if err != nil {
		return nil, err
	}
	yes, err := o.needInt("yes", "")
	if err != nil {
		return nil, err
	}
	r, err := e.Vote(award, members, yes, asOf)
	if err != nil {
		return nil, err
	}
	return voteOut{ID: id, Check: "vote", Award: award, RuleSet: r.RuleSet, Passed: r.Passed, RequiredYes: r.RequiredYes,
		Threshold: json.Number(decimalMicro(int64(r.Percent) * 10_000)), Members: members, Yes: yes, Basis: r.Basis, Unverified: r.Unverified}, nil
}

type dayOffOut struct {
	Date   string `json:"date"`
	Name   string `json:"name"`
	Source string `json:"source"`
}

type workingDaysOut struct {
	ID      string      `json:"id"`
	Check   string      `json:"check"`
	RuleSet string      `json:"rule_set,omitempty"`
	From    string      `json:"from"`
	Days    int         `json:"days"`
	Date    string      `json:"date"`
	DaysOff []dayOffOut `json:"days_off"`
}

// maxWorkingDays bounds a deadline question (about 40 years) so that a request
// cannot keep the engine busy.
const maxWorkingDays = 10_000

func (e *Engine) workingDaysCase(o object, id string, asOf Date) (any, error) {
	from, err := o.date("from", "", true)
	if err != nil {
		return nil, err
	}
	days, err := o.needInt("days", "")
	if err != nil {
		return nil, err
	}
	if days < 0 || days > maxWorkingDays {
		return nil, fieldErr("days", "số ngày làm việc phải từ 0 đến "+strconv.Itoa(maxWorkingDays))
	}
	end := e.cal.AddWorkingDays(from, days)
	out := workingDaysOut{ID: id, Check: "working_days", From: from.String(), Days: days, Date: end.String(), DaysOff: []dayOffOut{}}
	// The rule set is named when one is in force; the calendar itself does not
	// depend on it, so a deadline before 2024 is still answered.
	if rs, ok := e.RuleSetOn(asOf); ok {
		out.RuleSet = rs.ID
	}
	for y := from.Year(); y <= end.Year(); y++ {
		for _, h := range e.cal.Holidays(y) {
			if h.Off && h.Date > from && h.Date <= end {
				out.DaysOff = append(out.DaysOff, dayOffOut{Date: h.Date.String(), Name: h.Name, Source: h.Source})
			}
		}
	}
	return out, nil
}
