package core

// The checks of an import: every row parsed, validated as the forms validate, and
// matched against the file's other rows and against the records.

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/sheet"
	"tdkt/sqldb"
	"tdkt/vn"
)

// planned is one good row, ready to write.
type planned struct {
	row    int
	person tdkt.Person // staff: the person as the file has them (OrgID set)
	match  *sqldb.PersonMatch
	// decision for a matched row: merge, new or skip
	decision string
	// has holds a bit per field (analysis.bits) whose cell is filled: a merge
	// changes only those, never a field the file does not have.
	has uint64
	// record files
	rating     tdkt.YearRating
	initiative tdkt.Initiative
	honour     tdkt.Honour
}

type analysis struct {
	kind     ImportKind
	units    *unitResolver
	bits     map[string]uint64 // field → its bit in planned.has
	errs     []RowError
	dups     []Duplicate
	plan     []*planned
	given    map[int]string
	undecide int
	m        map[string]int
	required map[string]bool
	memo     map[string]string // field and cell → code, for choice columns
}

func (a *analysis) decisions() map[int]string {
	out := map[int]string{}
	for _, p := range a.plan {
		if p.match != nil {
			out[p.row] = p.decision
		}
	}
	return out
}

func (a *analysis) preview(x sqldb.Import, k ImportKind, t *sheet.Table, m map[string]int) ImportPreview {
	p := ImportPreview{Import: x, Kind: k, Header: t.Header, HeaderRow: t.HeaderRow, Mapping: m, Rows: len(t.Rows),
		Errors: a.errs, Duplicates: a.dups, Undecided: a.undecide, Skipped: t.Skipped, NeedsOrg: !hasUnitColumn(m)}
	if a.units != nil {
		p.Org = a.units.whole.ID
		p.Orgs = append([]tdkt.Org(nil), a.units.orgs...)
		sort.SliceStable(p.Orgs, func(i, j int) bool { return vn.Compare(p.Orgs[i].Name, p.Orgs[j].Name) < 0 })
		// The names already decided are shown too, so that the clerk may change them.
		for _, c := range a.units.choices {
			p.Units = append(p.Units, *c)
			if c.Choice == 0 {
				p.UnitsUndecided++
			}
		}
	}
	for i := 0; i < len(t.Rows) && i < 5; i++ {
		line := make([]string, len(k.Columns))
		for j, c := range k.Columns {
			line[j] = t.Rows[i].Cell(m[c.Field])
			if c.Date {
				line[j] = showDate(line[j])
			}
		}
		p.Sample = append(p.Sample, line)
	}
	return p
}

// hasUnitColumn reports whether the file says the unit of its rows, by code or name.
func hasUnitColumn(m map[string]int) bool {
	code, ok1 := m["unit"]
	name, ok2 := m["unit_name"]
	return ok1 && code >= 0 || ok2 && name >= 0
}

// showDate is a date cell as the clerk reads dates, dd/mm/yyyy: a date cell's
// serial number or a date typed in any way the import reads; anything else as is.
func showDate(v string) string {
	t := strings.TrimSpace(v)
	if y, err := strconv.Atoi(t); err == nil && y >= 1900 && y <= 2100 {
		return v
	}
	if d, ok := sheet.SerialDate(t); ok && !strings.ContainsAny(t, "/-.") {
		return vn.FormatDate(d)
	}
	if d, err := vn.ParseDate(t); err == nil {
		return vn.FormatDate(d)
	}
	return v
}

// cellReader reads the fields of one row and collects its errors.
type cellReader struct {
	a   *analysis
	row sheet.Row
	m   map[string]int
	bad bool
	has uint64
}

func (c *cellReader) fail(field, msg string) {
	c.bad = true
	col, known := c.a.kind.Column(field)
	j, mapped := c.m[field]
	if !known {
		c.a.errs = append(c.a.errs, RowError{Row: c.row.Num, Message: msg})
		return
	}
	if !mapped || j < 0 {
		c.a.errs = append(c.a.errs, RowError{Row: c.row.Num, Message: col.Header + ": " + msg})
		return
	}
	c.a.errs = append(c.a.errs, RowError{Row: c.row.Num, Column: sheet.ColumnLetter(j), Header: col.Header, Message: msg})
}

func (c *cellReader) text(field string) string {
	j, ok := c.m[field]
	if !ok {
		return ""
	}
	v := c.row.Cell(j) // the reader gives NFC text
	if v == "" && c.a.required[field] {
		c.fail(field, "không được để trống")
	}
	if v != "" && j >= 0 {
		c.has |= c.a.bits[field]
	}
	return v
}

func (c *cellReader) date(field string) string {
	v := c.text(field)
	if v == "" {
		return ""
	}
	// A bare number is an Excel date serial, except a year alone ("1980"): as a serial
	// it would be a day of 1905, which no office means.
	if y, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && y >= 1900 && y <= 2100 {
		c.fail(field, "'"+v+"' chỉ có năm: hãy ghi đủ ngày, tháng, năm (dd/mm/yyyy)")
		return ""
	}
	if d, ok := sheet.SerialDate(v); ok && !strings.ContainsAny(v, "/-.") {
		return d
	}
	d, err := vn.ParseDate(v)
	if err != nil {
		c.fail(field, "'"+v+"' không phải ngày hợp lệ (dd/mm/yyyy)")
		return ""
	}
	return d
}

func (c *cellReader) choice(field string, ch choices, what string) string {
	v := c.text(field)
	if v == "" {
		return ""
	}
	// A column of codes holds a handful of spellings: each is folded once.
	key := field + "\x00" + v
	code, ok := c.a.memo[key]
	if !ok {
		code, ok = ch.get(v)
		if !ok {
			code = "\x00"
		}
		c.a.memo[key] = code
	}
	if code == "\x00" {
		c.fail(field, "'"+v+"' không phải "+what+" hợp lệ")
		return ""
	}
	return code
}

func (c *cellReader) number(field string) int64 {
	v := c.text(field)
	if v == "" {
		return 0
	}
	clean := strings.NewReplacer(".", "", ",", "", " ", "").Replace(v)
	if f, err := strconv.ParseFloat(v, 64); err == nil && f == float64(int64(f)) {
		return int64(f) // a number cell: "2024" or "2024.0"
	}
	n, err := strconv.ParseInt(clean, 10, 64)
	if err != nil {
		c.fail(field, "'"+v+"' không phải số")
	}
	return n
}

// cccd reads a citizen ID. A number cell lost its leading zeros, which come back
// when the ID they give is a valid one; otherwise a wrong count of digits is said
// as such (not as the wrong sex digit that a padded ID would show).
func (c *cellReader) cccd(field string) string {
	v := strings.ReplaceAll(c.text(field), " ", "")
	if v == "" || len(v) == 12 || strings.Trim(v, "0123456789") != "" {
		return v
	}
	if len(v) >= 9 && len(v) < 12 {
		if padded := strings.Repeat("0", 12-len(v)) + v; tdkt.CheckCCCD(padded, "", "") == nil {
			return padded
		}
	}
	switch {
	case len(v) >= 9 && len(v) < 12:
		c.fail(field, fmt.Sprintf("Số CCCD có %d chữ số, cần đủ 12 chữ số (có thể bị mất số 0 ở đầu khi nhập Excel)", len(v)))
	case len(v) < 12:
		c.fail(field, fmt.Sprintf("Số CCCD có %d chữ số, cần đủ 12 chữ số", len(v)))
	default:
		c.fail(field, fmt.Sprintf("Số CCCD có %d chữ số, chỉ được có 12 chữ số", len(v)))
	}
	return ""
}

// problems turns a domain validation error into errors of the row's cells.
func (c *cellReader) problems(err error, fields map[string]string) {
	if err == nil {
		return
	}
	e, ok := err.(*tdkt.Error)
	if !ok || len(e.Fields) == 0 {
		c.fail("", err.Error())
		return
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := fields[k]
		if f == "" || c.m[f] < 0 {
			if k == "org_id" {
				f = "unit"
			} else {
				c.bad = true
				c.a.errs = append(c.a.errs, RowError{Row: c.row.Num, Message: e.Fields[k]})
				continue
			}
		}
		c.fail(f, e.Fields[k])
	}
}

// personFields maps the fields of tdkt.Person.Validate to the import's fields.
var personFields = map[string]string{"full_name": "name", "sex": "sex", "birth_date": "birth", "hired_on": "hired", "ethnicity": "ethnicity",
	"position": "position", "cccd": "cccd", "group": "group", "org_id": "unit"}

var recordFields = map[string]string{"year": "year", "rating": "rating", "note": "note", "title": "title", "scope": "scope",
	"decision_no": "decision_no", "decision_on": "decision_on", "recognised_by": "issuer", "award": "award", "period_from": "period_from",
	"kind": "kind", "decision_date": "decision_on", "signer": "signer", "issuer": "issuer", "amount_vnd": "amount"}

// analyse reads every row, validates it as the forms do, finds the duplicates within
// the file and against the records, and plans the writes.
func (s *Service) analyse(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, k ImportKind, t *sheet.Table, m map[string]int,
	given map[int]string) (*analysis, error) {
	a := &analysis{kind: k, given: given, m: m, required: map[string]bool{}, memo: map[string]string{}, bits: map[string]uint64{}}
	for i, c := range k.Columns {
		a.required[c.Field] = c.Required
		a.bits[c.Field] = 1 << i
		if c.Required && m[c.Field] < 0 {
			a.errs = append(a.errs, RowError{Row: t.HeaderRow, Message: "Thiếu cột «" + c.Header + "»: hãy chọn cột tương ứng của tệp."})
		}
	}
	orgs, err := tx.OrgsUnder(ctx, actor.OrgPath)
	if err != nil {
		return nil, err
	}
	a.units = newUnitResolver(orgs, m)
	a.units.staff = k.Staff
	if !hasUnitColumn(m) && a.units.whole.ID == 0 {
		a.errs = append(a.errs, RowError{Row: t.HeaderRow,
			Message: "Thiếu cột «Mã đơn vị» hoặc «Đơn vị»: hãy chọn cột tương ứng của tệp, hoặc chọn một đơn vị cho cả tệp."})
	}
	if len(a.errs) > 0 {
		return a, nil
	}
	byCode := a.units.byCode
	now := s.Now()
	seen := map[string]int{} // file-internal key → first row
	for _, row := range t.Rows {
		c := &cellReader{a: a, row: row, m: m}
		p := &planned{row: row.Num}
		unit, unitName := c.text("unit"), c.text("unit_name")
		var org tdkt.Org
		switch {
		case unit != "":
			var ok bool
			if org, ok = byCode[strings.ToUpper(unit)]; !ok {
				c.fail("unit", "mã đơn vị '"+unit+"' không có hoặc nằm ngoài phạm vi của bạn")
			}
		case unitName != "":
			var ok bool
			if org, ok = a.units.named(unitName, row.Num); !ok && !k.Staff {
				c.fail("unit_name", "không có đơn vị «"+unitName+"» (hoặc có nhiều đơn vị cùng tên) trong phạm vi của bạn; hãy dùng mã đơn vị")
			}
		case a.units.whole.ID != 0:
			org = a.units.whole
		case m["unit_name"] >= 0:
			c.fail("unit_name", "không được để trống")
		default:
			c.fail("unit", "không được để trống")
		}
		person := tdkt.Person{OrgID: org.ID, OrgName: org.Name, FullName: c.text("name"), BirthDate: c.date("birth"), CCCD: c.cccd("cccd")}
		if k.Staff {
			person.Sex = tdkt.Sex(c.choice("sex", sexChoices, "giới tính (Nam/Nữ)"))
			person.Ethnicity = c.text("ethnicity")
			person.Group = tdkt.Group(c.choice("group", groupChoices, "nhóm đối tượng"))
			if person.Group == "" && c.text("group") == "" {
				person.Group = tdkt.GroupOfficials
			}
			person.Position = c.text("position")
			person.Leader = c.choice("leader", yesChoices, "giá trị Có/Không") == "1"
			person.HiredOn = c.date("hired")
			if !c.bad {
				c.problems(person.Validate(now), personFields)
			}
		} else if person.CCCD != "" && !c.bad {
			if err := tdkt.CheckCCCD(person.CCCD, "", person.BirthDate); err != nil {
				c.fail("cccd", "Số CCCD không hợp lệ: "+err.Error()+".")
			}
		}
		p.person = person
		p.has = c.has
		switch k.Code {
		case "ratings":
			p.rating = tdkt.YearRating{Year: int(c.number("year")), Rating: tdkt.Rating(c.choice("rating", ratingChoices, "mức xếp loại")), Note: c.text("note")}
			if !c.bad {
				c.problems(p.rating.Validate(now), recordFields)
			}
		case "initiatives":
			p.initiative = tdkt.Initiative{Year: int(c.number("year")), Title: c.text("title"), Scope: tdkt.Scope(c.choice("scope", scopeChoices, "phạm vi")),
				DecisionNo: c.text("decision_no"), DecisionOn: c.date("decision_on"), RecognisedBy: c.text("issuer")}
			if !c.bad {
				c.problems(p.initiative.Validate(now), recordFields)
			}
		case "honours":
			h := tdkt.Honour{Subject: tdkt.Subject{Kind: tdkt.Individual}, AwardCode: c.choice("award", awardChoices, "danh hiệu, hình thức trong danh mục"),
				Year: int(c.number("year")), PeriodFrom: int(c.number("period_from")), Kind: tdkt.RewardKind(c.choice("kind", kindChoices, "loại hình khen thưởng")),
				Decision:  tdkt.Decision{Number: c.text("decision_no"), Date: c.date("decision_on"), Signer: c.text("signer"), Issuer: c.text("issuer")},
				AmountVND: c.number("amount")}
			if !c.bad {
				c.problems(h.Validate(now), recordFields)
			}
			p.honour = h
		}
		if c.bad {
			continue
		}
		// Duplicates within the file.
		fold := vn.Fold(person.FullName)
		keys := []string{"n|" + fold + "|" + person.BirthDate}
		if person.CCCD != "" {
			keys = append(keys, "c|"+person.CCCD)
		}
		if !k.Staff {
			rec := ""
			switch k.Code {
			case "ratings":
				rec = strconv.Itoa(p.rating.Year)
			case "initiatives":
				rec = strconv.Itoa(p.initiative.Year) + "|" + vn.Fold(p.initiative.Title)
			case "honours":
				rec = p.honour.AwardCode + "|" + strconv.Itoa(p.honour.Year) + "|" + vn.Fold(p.honour.Decision.Number)
			}
			for i := range keys {
				keys[i] += "|" + rec
			}
		}
		dup := false
		for _, key := range keys {
			if first, ok := seen[key]; ok {
				a.errs = append(a.errs, RowError{Row: row.Num, Message: fmt.Sprintf("trùng với dòng %d của tệp (%s).", first, dupWhat(key, k.Staff))})
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		for _, key := range keys {
			seen[key] = row.Num
		}
		a.plan = append(a.plan, p)
	}
	if err := s.match(ctx, tx, actor, a); err != nil {
		return nil, err
	}
	sort.SliceStable(a.errs, func(i, j int) bool { return a.errs[i].Row < a.errs[j].Row })
	return a, nil
}

func dupWhat(key string, staff bool) string {
	what := "cùng họ tên và ngày sinh"
	if strings.HasPrefix(key, "c|") {
		what = "cùng số CCCD"
	}
	if !staff {
		what += ", cùng nội dung"
	}
	return what
}

// match finds the people the planned rows are: by citizen ID anywhere (a citizen ID
// outside the actor's subtree is an error: that person belongs to another unit), by
// folded name and birth date in the subtree, and the close matches (same folded
// name, same birth year, same unit).
func (s *Service) match(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, a *analysis) error {
	var ids, names []string
	nameSeen := map[string]bool{}
	for _, p := range a.plan {
		if p.person.CCCD != "" {
			ids = append(ids, p.person.CCCD)
		}
		if f := vn.Fold(p.person.FullName); !nameSeen[f] {
			nameSeen[f] = true
			names = append(names, f)
		}
	}
	byCCCD := map[string]sqldb.PersonMatch{}
	if err := tx.PeopleByCCCD(ctx, ids, func(m sqldb.PersonMatch) error { byCCCD[m.CCCD] = m; return nil }); err != nil {
		return err
	}
	byName := map[string][]sqldb.PersonMatch{}
	if err := tx.PeopleByNames(ctx, actor.OrgPath, names, func(m sqldb.PersonMatch) error {
		byName[m.NameFold] = append(byName[m.NameFold], m)
		return nil
	}); err != nil {
		return err
	}
	kept := a.plan[:0]
	for _, p := range a.plan {
		var found *sqldb.PersonMatch
		var reason string
		near := false
		if m, ok := byCCCD[p.person.CCCD]; ok && p.person.CCCD != "" {
			if !actor.Sees(m.OrgPath) {
				a.cellError(p.row, "cccd", "số CCCD này đã có trong hồ sơ của một đơn vị ngoài phạm vi của bạn")
				continue
			}
			found, reason = &m, "Trùng số CCCD"
		}
		if found == nil {
			fold := vn.Fold(p.person.FullName)
			for i, m := range byName[fold] {
				if m.BirthDate == p.person.BirthDate && (p.person.CCCD == "" || m.CCCD == "" || m.CCCD == p.person.CCCD) {
					found, reason = &byName[fold][i], "Trùng họ tên và ngày sinh"
					break
				}
			}
			if found == nil {
				for i, m := range byName[fold] {
					if m.OrgID == p.person.OrgID && len(m.BirthDate) >= 4 && len(p.person.BirthDate) >= 4 && m.BirthDate[:4] == p.person.BirthDate[:4] &&
						(p.person.CCCD == "" || m.CCCD == "") {
						found, reason, near = &byName[fold][i], "Gần trùng: cùng họ tên, cùng năm sinh, cùng đơn vị", true
						break
					}
				}
			}
		}
		if found == nil {
			if !a.kind.Staff {
				a.errs = append(a.errs, RowError{Row: p.row, Message: "không tìm thấy cá nhân «" + p.person.FullName + "» (ngày sinh " +
					vn.FormatDate(p.person.BirthDate) + ") trong phạm vi của bạn; hãy nhập danh sách cán bộ trước"})
				continue
			}
			kept = append(kept, p)
			continue
		}
		p.match = found
		d := Duplicate{Row: p.row, Name: p.person.FullName, BirthDate: p.person.BirthDate, Unit: p.person.OrgName, PersonID: found.ID,
			ExistingName: found.FullName, ExistingBirth: found.BirthDate, ExistingUnit: found.OrgName, Close: near, Reason: reason}
		p.decision = a.given[p.row]
		switch {
		case p.decision == DecideMerge, p.decision == DecideNew && a.kind.Staff, p.decision == DecideSkip && !a.kind.Staff:
		case near:
			p.decision = ""
			a.undecide++
		default:
			p.decision = DecideMerge
		}
		if p.decision == DecideNew && p.person.CCCD != "" && found.CCCD == p.person.CCCD {
			a.cellError(p.row, "cccd", "không thể tạo người mới trùng số CCCD với «"+found.FullName+"»; hãy chọn gộp")
			continue
		}
		d.Decision = p.decision
		// Only the duplicates of a staff list, and the close matches of a list of
		// records, are the clerk's to decide: a record attached to the person it names
		// is the ordinary case.
		if a.kind.Staff || near {
			a.dups = append(a.dups, d)
		}
		kept = append(kept, p)
	}
	a.plan = kept
	return nil
}

// cellError adds an error of a row's cell found after the row was read.
func (a *analysis) cellError(row int, field, msg string) {
	c := &cellReader{a: a, row: sheet.Row{Num: row}, m: a.m}
	c.fail(field, msg)
}
