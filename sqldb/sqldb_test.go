package sqldb_test

import (
	"context"
	"errors"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

const now = "2026-11-26T10:00:00Z"

func TestMigrateTwiceAndStorePerson(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		var p tdkt.Person
		err := db.Update(ctx, func(tx *sqldb.Tx) error {
			o := tdkt.Org{Code: "T", Name: "Tỉnh Thử", Level: tdkt.LevelProvince}
			if err := tx.InsertOrg(ctx, &o, now); err != nil {
				return err
			}
			c := tdkt.Org{Code: "X", Name: "Xã Đông", Level: tdkt.LevelCommune, ParentID: o.ID}
			if err := tx.InsertOrg(ctx, &c, now); err != nil {
				return err
			}
			p = tdkt.Person{OrgID: c.ID, FullName: "Nguyễn Thị Ánh", Sex: tdkt.Female, Group: tdkt.GroupOfficials, CCCD: "001185000001"}
			return tx.InsertPerson(ctx, &p, now)
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.View(ctx, func(tx *sqldb.Tx) error {
			got, path, err := tx.PersonByID(ctx, p.ID)
			if err != nil {
				return err
			}
			if got.FullName != "Nguyễn Thị Ánh" || path == "" || got.OrgName != "Xã Đông" {
				t.Errorf("got %+v path %q", got, path)
			}
			items, total, err := tx.SearchPeople(ctx, sqldb.PeopleQuery{Scope: "/", Q: "nguyen thi anh"})
			if err != nil || total != 1 || len(items) != 1 {
				t.Errorf("search: %v %d %v", items, total, err)
			}
			_, total, _ = tx.SearchPeople(ctx, sqldb.PeopleQuery{Scope: "/", Q: "thi a"})
			if total != 1 {
				t.Errorf("word-start search found %d", total)
			}
			_, total, _ = tx.SearchPeople(ctx, sqldb.PeopleQuery{Scope: "/", Q: "guyen"})
			if total != 0 {
				t.Errorf("mid-word search should not match, found %d", total)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(ctx, func(tx *sqldb.Tx) error {
			// Two more Nguyễn: the count stops at the cap and says so.
			for _, name := range []string{"Nguyễn Văn Bình", "Nguyễn Văn Cường"} {
				q := tdkt.Person{OrgID: p.OrgID, FullName: name, Sex: "nam", Group: p.Group}
				if err := tx.InsertPerson(ctx, &q, now); err != nil {
					return err
				}
			}
			for _, c := range []struct {
				limit, offset, cap int
				total              int64
				capped             bool
				items              int
			}{{1, 0, 2, 2, true, 1}, {1, 0, 3, 3, false, 1}, {1, 0, 0, 3, false, 1}, {50, 0, 1, 3, false, 3}, {2, 2, 1, 3, false, 1}, {1, 1, 2, 2, true, 1}} {
				items, total, capped, err := tx.SearchPeopleCapped(ctx, sqldb.PeopleQuery{Scope: "/", Q: "nguyen", Limit: c.limit, Offset: c.offset}, c.cap)
				if err != nil || total != c.total || capped != c.capped || len(items) != c.items {
					t.Errorf("%+v: %d items, total %d capped %v, %v", c, len(items), total, capped, err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// a second person with the same CCCD is a field error, and a stale version a conflict
		err = db.Update(ctx, func(tx *sqldb.Tx) error {
			q := tdkt.Person{OrgID: p.OrgID, FullName: "Trần B", Sex: tdkt.Female, Group: tdkt.GroupOfficials, CCCD: "001185000001"}
			return tx.InsertPerson(ctx, &q, now)
		})
		var e *tdkt.Error
		if !errors.As(err, &e) || e.Fields["cccd"] == "" {
			t.Errorf("duplicate CCCD: %v", err)
		}
		err = db.Update(ctx, func(tx *sqldb.Tx) error {
			stale := p
			stale.Version = 99
			return tx.UpdatePerson(ctx, &stale, now)
		})
		if tdkt.CodeOf(err) != tdkt.EConflict {
			t.Errorf("stale update: %v", err)
		}
	})
}
