package core

// Where the rows of an import belong: a unit code, a unit name, or one unit chosen
// for the whole file. A name is looked for in the clerk's subtree without diacritics
// and case; a name that matches no unit waits for the clerk's decision — create it
// as a sub-unit of the clerk's unit, or take an existing unit — and the commit waits
// for every such decision: a division of the file is never dropped silently.
//
// The choices are kept with the column mapping of the import (its JSON), under keys
// no field has: "@org" the whole file's unit, "@unit:<folded name>" a name's unit
// (an org ID, or UnitCreate).
//
// Creating the sub-units: an administrator creates organisations (SaveOrg), but a
// clerk importing the staff list of their own office needs its phòng and ban. So a
// clerk's import may create them, only directly under the clerk's own unit, only
// names the clerk chose to create one by one on the preview, in the import's one
// transaction, each with its own "create" audit event; moving or renaming them
// afterwards stays the administrator's. Their level is LevelPublicUnit: the level
// list has no "phòng, ban", and it is the one level that fits under every level a
// clerk's unit may have (tdkt.LevelFits: under departments, communes, provinces and
// public units alike).

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// UnitCreate is the choice to create a named unit as a sub-unit of the clerk's unit.
const UnitCreate int64 = -1

const (
	orgKey  = "@org"
	unitKey = "@unit:"
)

// SubUnitLevel is the level of the sub-units an import creates.
const SubUnitLevel = tdkt.LevelPublicUnit

// UnitChoice is a unit name of the file that is not (exactly one) unit of the
// clerk's subtree, with the rows that name it and the clerk's choice.
type UnitChoice struct {
	Name string // as the file spells it (its first row)
	Key  string // folded: what the choice is kept under
	Rows []int
	// Closest is the unit whose folded name is nearest (edit distance), when near
	// enough to be offered; Same are the units that bear this very name (the name is
	// ambiguous).
	Closest *tdkt.Org
	Same    []tdkt.Org
	Choice  int64 // 0 undecided, UnitCreate, or an org ID
}

// UnitFold is a unit's name as names are compared: without diacritics, case, and
// with every dash the same ("Văn hóa – Xã hội", "van hoa - xa hoi").
func UnitFold(name string) string {
	f := vn.Fold(strings.NewReplacer("–", " - ", "—", " - ", "-", " - ").Replace(name))
	return strings.Join(strings.Fields(f), " ")
}

// SetImportUnits keeps the clerk's choices of units: org is the unit of every row
// of a file without a unit column (0 for none); names maps a folded name
// (UnitChoice.Key) to UnitCreate or an org ID of the actor's subtree (0 undecided).
func (s *Service) SetImportUnits(ctx context.Context, actor *tdkt.Account, id int64, org int64, names map[string]int64) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		x, err := tx.ImportByID(ctx, id)
		if err != nil {
			return err
		}
		if err := visible(actor, x.OrgPath, "lần nhập dữ liệu"); err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		m := map[string]int{}
		_ = decodeMapping(x.Mapping, m)
		for k := range m {
			if strings.HasPrefix(k, "@") {
				delete(m, k)
			}
		}
		check := func(field string, id int64) error {
			o, err := tx.OrgByID(ctx, id)
			if err == nil && actor.Sees(o.Path) {
				return nil
			}
			return invalid(field, "Đơn vị đã chọn không có hoặc nằm ngoài phạm vi của bạn.")
		}
		if org > 0 {
			if err := check("unit_org", org); err != nil {
				return err
			}
			m[orgKey] = int(org)
		}
		for k, v := range names {
			switch {
			case v == UnitCreate:
			case v > 0:
				if err := check("unit", v); err != nil {
					return err
				}
			default:
				continue
			}
			m[unitKey+UnitFold(k)] = int(v)
		}
		if err := tx.SetImportMapping(ctx, id, encodeMapping(m)); tdkt.CodeOf(err) == tdkt.EConflict {
			return &tdkt.Error{Code: tdkt.EConflict, Message: "Tệp này đã được đưa vào ghi dữ liệu; không đổi đơn vị được nữa."}
		} else if err != nil {
			return err
		}
		return nil
	})
}

// unitResolver finds the unit of each row.
type unitResolver struct {
	byCode map[string]tdkt.Org
	byName map[string][]tdkt.Org
	byID   map[int64]tdkt.Org
	orgs   []tdkt.Org
	m      map[string]int
	whole  tdkt.Org // the whole file's unit, when chosen
	// choices are the names that need (or had) the clerk, in the file's order; fresh are the
	// units to create, by folded name, with the placeholder (negative) IDs the rows
	// carry until the commit creates them.
	choices []*UnitChoice
	byKey   map[string]*UnitChoice
	fresh   map[string]int64
	// staff: only a staff list creates units; the files of records attach to people
	// who exist, in units that exist, and an unknown name is an error of the row.
	staff bool
}

func newUnitResolver(orgs []tdkt.Org, m map[string]int) *unitResolver {
	r := &unitResolver{byCode: map[string]tdkt.Org{}, byName: map[string][]tdkt.Org{}, byID: map[int64]tdkt.Org{}, orgs: orgs, m: m,
		byKey: map[string]*UnitChoice{}, fresh: map[string]int64{}}
	for _, o := range orgs {
		r.byCode[strings.ToUpper(o.Code)] = o
		f := UnitFold(o.Name)
		r.byName[f] = append(r.byName[f], o)
		r.byID[o.ID] = o
	}
	if id, ok := m[orgKey]; ok {
		r.whole = r.byID[int64(id)]
	}
	return r
}

// named finds the unit of a name; ok is false when the clerk must decide, and
// then a placeholder unit (negative ID) stands for the rows until they do.
func (r *unitResolver) named(name string, row int) (tdkt.Org, bool) {
	key := UnitFold(name)
	same := r.byName[key]
	if len(same) == 1 {
		return same[0], true
	}
	if !r.staff {
		if v, ok := r.byID[int64(r.m[unitKey+key])]; ok {
			return v, true
		}
		return tdkt.Org{}, false
	}
	c := r.byKey[key]
	if c == nil {
		c = &UnitChoice{Name: name, Key: key, Same: same}
		if v, ok := r.m[unitKey+key]; ok {
			if _, ok := r.byID[int64(v)]; ok || int64(v) == UnitCreate {
				c.Choice = int64(v)
			}
		}
		if len(same) == 0 {
			c.Closest = r.closest(key)
		}
		r.byKey[key] = c
		r.choices = append(r.choices, c)
	}
	c.Rows = append(c.Rows, row)
	if c.Choice > 0 {
		return r.byID[c.Choice], true
	}
	return r.placeholder(key, name), c.Choice == UnitCreate
}

func (r *unitResolver) placeholder(key, name string) tdkt.Org {
	id, ok := r.fresh[key]
	if !ok {
		id = -int64(len(r.fresh) + 1)
		r.fresh[key] = id
	}
	return tdkt.Org{ID: id, Name: name}
}

// closest is the unit whose folded name is nearest to key, if at most a quarter
// of the name's letters (and at least two) differ.
func (r *unitResolver) closest(key string) *tdkt.Org {
	best, bestD := -1, max(2, len([]rune(key))/4)+1
	for i, o := range r.orgs {
		if d := editDistance(key, UnitFold(o.Name)); d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return nil
	}
	o := r.orgs[best]
	return &o
}

// editDistance is the Levenshtein distance between two strings, by runes.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// createUnits creates the units the clerk chose to create, under the actor's unit,
// and gives their rows the new IDs; tx is the import's transaction.
func (s *Service) createUnits(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, a *analysis) error {
	if len(a.units.fresh) == 0 {
		return nil
	}
	parent, err := tx.OrgByID(ctx, actor.OrgID)
	if err != nil {
		return err
	}
	if !tdkt.LevelFits(parent.Level, SubUnitLevel) {
		return levelMisfit(parent, SubUnitLevel)
	}
	keys := make([]string, 0, len(a.units.fresh))
	for k := range a.units.fresh {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return a.units.fresh[keys[i]] > a.units.fresh[keys[j]] }) // file order
	names := map[int64]string{}
	for _, p := range a.plan {
		if p.person.OrgID < 0 && names[p.person.OrgID] == "" {
			names[p.person.OrgID] = p.person.OrgName
		}
	}
	created := map[int64]int64{}
	n := 0
	for _, k := range keys {
		ph := a.units.fresh[k]
		if names[ph] == "" {
			continue // no row goes there any more
		}
		o := tdkt.Org{Name: vn.NFC(names[ph]), Level: SubUnitLevel, ParentID: parent.ID, Confers: tdkt.ConfersOf(SubUnitLevel)}
		for {
			n++
			o.Code = fmt.Sprintf("%s-%02d", parent.Code[:min(len(parent.Code), 36)], n)
			if _, err := tx.OrgByCode(ctx, o.Code); tdkt.CodeOf(err) == tdkt.ENotFound {
				break
			} else if err != nil {
				return err
			}
		}
		if err := o.Validate(); err != nil {
			return err
		}
		if err := tx.InsertOrg(ctx, &o, s.stamp()); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, "create", "org", o.ID, tdkt.Subject{}, o.ID, nil, o); err != nil {
			return err
		}
		created[ph] = o.ID
	}
	for _, p := range a.plan {
		if id, ok := created[p.person.OrgID]; ok {
			p.person.OrgID = id
		}
	}
	return nil
}
