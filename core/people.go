package core

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/vn"
)

// PeoplePage is one page of a people search.
type PeoplePage struct {
	Items  []tdkt.Person
	Total  int64
	Capped bool // more than Total match: Total is SearchCountCap
}

// SearchCountCap is as far as a people search counts its matches: a common name
// matches tens of thousands of people nationally, and counting them all on every
// page scans the whole table. On the 1,000,000-person demo, counting "nguyen van"
// to 10,000 still reads 40 % of the table (about 90 ms in C SQLite, more in the
// Go driver); to 1,000 it reads 4 %. 1,000 is twenty pages of fifty: past that a
// name search should be narrowed, not paged.
const SearchCountCap = 1000

// SearchPeople finds people in the actor's subtree, optionally in one organisation's
// subtree (orgCode), by name ignoring diacritics and case.
func (s *Service) SearchPeople(ctx context.Context, actor *tdkt.Account, q, orgCode string, limit, offset int) (page PeoplePage, err error) {
	gen := s.search.generation(ctx, s.DB, time.Now())
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		query := sqldb.PeopleQuery{Scope: actor.OrgPath, Q: q, Limit: limit, Offset: offset}
		if orgCode != "" {
			o, err := tx.OrgByCode(ctx, orgCode)
			if err != nil {
				return err
			}
			if err := visible(actor, o.Path, "đơn vị "+orgCode); err != nil {
				return err
			}
			query.Org = o.Path
		}
		page.Items, page.Total, page.Capped, err = s.searchPeople(ctx, tx, gen, query)
		return err
	})
	return page, err
}

// searchPeople is sqldb's capped search with the count kept in s.search.
// gen is the cache's generation, read before the transaction opened so that a
// request never holds one pooled connection while waiting for another.
func (s *Service) searchPeople(ctx context.Context, tx *sqldb.Tx, gen int64, q sqldb.PeopleQuery) (items []tdkt.Person, total int64, capped bool, err error) {
	key := searchKey{path: q.Scope, org: q.Org, q: vn.Fold(q.Q)}
	q = q.Paged()
	pageKey := key
	pageKey.offset, pageKey.limit = q.Offset, q.Limit
	page, err := s.search.fetch(ctx, gen, pageKey, func() (page searchHit, err error) {
		count, err := s.search.fetch(ctx, gen, key, func() (count searchHit, err error) {
			count.ids, count.capped, err = tx.SearchMatches(ctx, q, SearchCountCap)
			return count, err
		})
		if err != nil {
			return page, err
		}
		page.people, page.total, page.capped, err = tx.SearchPage(ctx, q, count.ids, count.capped, SearchCountCap)
		return page, err
	})
	return slices.Clone(page.people), page.total, page.capped, err // a copy: the caller may change it
}

// PersonRecord loads a person's whole lifelong record.
func (s *Service) PersonRecord(ctx context.Context, actor *tdkt.Account, id int64) (rec tdkt.PersonRecord, err error) {
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		p, path, err := tx.PersonByID(ctx, id)
		if err != nil {
			return err
		}
		if err := visible(actor, path, "người này"); err != nil {
			return err
		}
		rec.Person, rec.CCCDMasked = p, MaskCCCD(p.CCCD)
		rec.Person.CCCD = "" // read only through RevealCCCD, which logs who read it and why
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: id}
		if rec.Memberships, err = tx.Memberships(ctx, id); err != nil {
			return err
		}
		if rec.Ratings, err = tx.Ratings(ctx, sub); err != nil {
			return err
		}
		if rec.Honours, err = tx.Honours(ctx, sub); err != nil {
			return err
		}
		if rec.Initiatives, err = tx.Initiatives(ctx, sub); err != nil {
			return err
		}
		rec.Discipline, err = tx.DisciplineOf(ctx, id)
		return err
	})
	return rec, err
}

func normalisePerson(p *tdkt.Person) {
	p.FullName, p.Ethnicity, p.Position = vn.NFC(p.FullName), vn.NFC(p.Ethnicity), vn.NFC(p.Position)
	if p.CCCD != KeepCCCD {
		p.CCCD = vn.NFC(p.CCCD)
	}
}

// orgInScope loads an organisation the actor must see, reporting a field error when
// it does not exist or is outside the subtree (a form's choice, not a URL).
func orgInScope(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, id int64, field string) (tdkt.Org, error) {
	o, err := tx.OrgByID(ctx, id)
	if err == nil && !actor.Sees(o.Path) {
		err = tdkt.NotFound("đơn vị")
	}
	if tdkt.CodeOf(err) == tdkt.ENotFound {
		return o, &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{field: "Đơn vị không có hoặc nằm ngoài phạm vi của bạn."}}
	}
	return o, err
}

// CreatePerson stores a new person and opens their first membership in their unit,
// from startDate (the hiring date, or today when empty).
func (s *Service) CreatePerson(ctx context.Context, actor *tdkt.Account, p *tdkt.Person) error {
	if p.CCCD == KeepCCCD {
		p.CCCD = ""
	}
	normalisePerson(p)
	if err := p.Validate(s.Now()); err != nil {
		return err
	}
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		if err := canEdit(actor); err != nil {
			return err
		}
		if _, err := orgInScope(ctx, tx, actor, p.OrgID, "org_id"); err != nil {
			return err
		}
		if err := tx.InsertPerson(ctx, p, s.stamp()); err != nil {
			return err
		}
		from := p.HiredOn
		if from == "" {
			from = s.Now().Format("2006-01-02")
		}
		m := tdkt.Membership{PersonID: p.ID, OrgID: p.OrgID, Position: p.Position, Leader: p.Leader, From: from}
		if err := tx.InsertMembership(ctx, &m); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "create", "person", p.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.ID}, p.OrgID, nil, p)
	})
}

// UpdatePerson saves a person read at p.Version. When the unit changes, the person
// moves: the open membership ends the day before moveOn and a new one starts, so the
// history follows them. Both units must be in the actor's subtree.
func (s *Service) UpdatePerson(ctx context.Context, actor *tdkt.Account, p *tdkt.Person, moveOn string) error {
	normalisePerson(p)
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		before, path, err := tx.PersonByID(ctx, p.ID)
		if err != nil {
			return err
		}
		if err := visible(actor, path, "người này"); err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		if p.CCCD == KeepCCCD {
			p.CCCD = before.CCCD
		}
		if err := p.Validate(s.Now()); err != nil {
			return err
		}
		if before.Version != p.Version {
			return tdkt.Conflict()
		}
		if p.OrgID != before.OrgID || p.Position != before.Position {
			if _, err := orgInScope(ctx, tx, actor, p.OrgID, "org_id"); err != nil {
				return err
			}
			if moveOn == "" {
				moveOn = s.Now().Format("2006-01-02")
			}
			start, err := vn.ParseDate(moveOn)
			if err != nil {
				return &tdkt.Error{Code: tdkt.EInvalid, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"move_on": err.Error()}}
			}
			moveOn = start
			day, _ := time.Parse("2006-01-02", start)
			if err := tx.EndMemberships(ctx, p.ID, day.AddDate(0, 0, -1).Format("2006-01-02")); err != nil {
				return err
			}
			m := tdkt.Membership{PersonID: p.ID, OrgID: p.OrgID, Position: p.Position, Leader: p.Leader, From: moveOn}
			if err := tx.InsertMembership(ctx, &m); err != nil {
				return err
			}
		}
		if err := tx.UpdatePerson(ctx, p, s.stamp()); err != nil {
			return err
		}
		before.OrgName, p.OrgName = "", ""
		return s.audit(ctx, tx, actor, "update", "person", p.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.ID}, p.OrgID, before, p)
	})
}

// DeletePerson removes a person read at version, with their records; the audit keeps
// what was removed.
func (s *Service) DeletePerson(ctx context.Context, actor *tdkt.Account, id int64, version int) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		before, path, err := tx.PersonByID(ctx, id)
		if err != nil {
			return err
		}
		if err := visible(actor, path, "người này"); err != nil {
			return err
		}
		if err := canEdit(actor); err != nil {
			return err
		}
		// The records go with the person; each removal is an event of its own, so
		// that the trail says why their rows are gone (docs/audit.md).
		records, err := tx.PersonRecordStates(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.DeletePerson(ctx, id, version); err != nil {
			return err
		}
		sub := tdkt.Subject{Kind: tdkt.Individual, ID: id}
		for _, r := range records {
			if err := s.audit(ctx, tx, actor, "delete", r.Entity, r.ID, sub, before.OrgID, json.RawMessage(r.State), nil); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "delete", "person", id, sub, before.OrgID, before, nil)
	})
}
