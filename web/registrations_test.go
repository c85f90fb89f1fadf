package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tdkt"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// The registration form shows what is saved, adds to it, removes one person at a
// time, and never loses what was typed: the two findings of the clerk's day.
func TestRegistrationIsAnEditableList(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		second := tdkt.Person{OrgID: f.CommuneA.ID, FullName: "Võ Thị Thu Hà", Sex: tdkt.Female, BirthDate: "1990-05-06", Group: tdkt.GroupOfficials}
		if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &second); err != nil {
			t.Fatal(err)
		}
		c := f.Client(t, "canbo.a")
		saved := func() []tdkt.RegisteredPerson {
			t.Helper()
			var x sqldb.RegistrationRow
			err := db.View(ctx, func(tx *sqldb.Tx) (err error) {
				x, err = tx.RegistrationOf(ctx, f.CommuneA.ID, 2026)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return x.People
		}
		version := func() string {
			var x sqldb.RegistrationRow
			db.View(ctx, func(tx *sqldb.Tx) (err error) { x, err = tx.RegistrationOf(ctx, f.CommuneA.ID, 2026); return err })
			return itoa(int64(x.Version))
		}
		box := func(p tdkt.Person) string { return p.FullName + " · #" + itoa(p.ID) }
		want(t, "register two", post(t, f, c, "/app/registrations", url.Values{"year": {"2026"}, "person": {box(f.PersonA), box(second), ""},
			"award": {"lao_dong_tien_tien", "chien_si_thi_dua_co_so", ""}}), http.StatusSeeOther)
		if n := len(saved()); n != 2 {
			t.Fatalf("saved %d people, want 2", n)
		}
		page := get(t, f, c, "/app/registrations?year=2026")
		want(t, "the form shows the saved entries", page, 200, `value="`+nhung+` · 1985 · Ủy ban nhân dân xã Đông Hòa · #`+itoa(f.PersonA.ID)+`"`,
			`value="Võ Thị Thu Hà · 1990 · Ủy ban nhân dân xã Đông Hòa · #`, `list="unit-people"`)
		// Shares use the decimal comma: nobody has achieved a title yet.
		want(t, "the share of the unit", page, 200, "Cá nhân đạt 0/2 (0,0%).")

		// The saved lines come back with the form; a new line with a person and no
		// title is refused on its line, and every typed line is kept.
		typed := url.Values{"year": {"2026"}, "version": {version()}, "person": {box(f.PersonA), box(second), box(f.PersonA)},
			"award": {"lao_dong_tien_tien", "chien_si_thi_dua_co_so", ""}}
		p := post(t, f, c, "/app/registrations", typed)
		want(t, "a line without a title", p, http.StatusUnprocessableEntity, "Hãy chọn danh hiệu đăng ký cho người này", `aria-describedby="e-3"`, box(second))
		if n := len(saved()); n != 2 {
			t.Fatalf("a refused submit changed the registration: %d people", n)
		}
		// A person of another unit, or an unknown id: the line is marked, the rest kept.
		for _, who := range []string{"999999", box(f.PersonB)} {
			bad := url.Values{"year": {"2026"}, "version": {version()}, "person": {box(f.PersonA), who}, "award": {"lao_dong_tien_tien", "lao_dong_tien_tien"}}
			p = post(t, f, c, "/app/registrations", bad)
			want(t, "a bad person "+who, p, http.StatusUnprocessableEntity, `aria-describedby="e-2"`, `value="`+box(f.PersonA)+`"`)
			if !strings.Contains(p.Body, `value="`+who+`"`) {
				t.Errorf("the bad line %q was not kept as typed", who)
			}
		}
		if n := len(saved()); n != 2 {
			t.Fatalf("refused submits changed the registration: %d people", n)
		}
		// "Bỏ" on the first line removes that person only, and says so.
		rm := url.Values{"year": {"2026"}, "version": {version()}, "person": {box(f.PersonA), box(second), ""}, "award": {"lao_dong_tien_tien", "chien_si_thi_dua_co_so", ""},
			"remove": {"1"}}
		r := post(t, f, c, "/app/registrations", rm)
		want(t, "remove one", r, http.StatusSeeOther)
		if got := saved(); len(got) != 1 || got[0].PersonID != second.ID {
			t.Fatalf("after removing the first line: %+v", got)
		}
		want(t, "the notice", get(t, f, c, r.Location), 200, "Đã bỏ một người khỏi bản đăng ký")
	})
}

// The registration's person box offers every person of the unit with birth year and
// unit, in Vietnamese order, labelled without diacritics; a name typed without
// diacritics and not picked is found when it names one person, and refused on its
// line when it names none or several.
func TestRegistrationPersonBox(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		for _, p := range []tdkt.Person{{FullName: "Đặng Văn An", BirthDate: "1970-01-01"}, {FullName: "Lê Văn Bình", BirthDate: "1981-02-03"},
			{FullName: "Lê Văn Bính", BirthDate: "1982-02-03"}} {
			p.OrgID, p.Sex, p.Group = f.CommuneA.ID, tdkt.Male, tdkt.GroupOfficials
			if err := f.Svc.CreatePerson(ctx, &f.ClerkA, &p); err != nil {
				t.Fatal(err)
			}
		}
		c := f.Client(t, "canbo.a")
		p := get(t, f, c, "/app/registrations?year=2026")
		opt := `<option value="` + nhung + ` · 1985 · Ủy ban nhân dân xã Đông Hòa · #` + itoa(f.PersonA.ID) + `" label="nguyen thi hong nhung uy ban nhan dan xa dong hoa">`
		want(t, "the box's list", p, http.StatusOK, opt, `<option value="Đặng Văn An · 1970 · Ủy ban nhân dân xã Đông Hòa · #`)
		// Vietnamese order: Đ after D, before L; Bình before Bính.
		order := []string{"Đặng Văn An", "Lê Văn Bình", "Lê Văn Bính", nhung}
		last := -1
		for _, n := range order {
			i := strings.Index(p.Body, `<option value="`+n+" · ")
			if i < last {
				t.Errorf("%s is out of Vietnamese order in the person box", n)
			}
			last = i
		}
		if strings.Contains(p.Body, "Trần Văn Đức") {
			t.Error("the box offers a person of another unit")
		}

		r := post(t, f, c, "/app/registrations", url.Values{"year": {"2026"}, "person": {"nguyen thi"}, "award": {"lao_dong_tien_tien"}})
		want(t, "a name typed without diacritics", r, http.StatusSeeOther)
		var x sqldb.RegistrationRow
		if err := db.View(ctx, func(tx *sqldb.Tx) (err error) { x, err = tx.RegistrationOf(ctx, f.CommuneA.ID, 2026); return err }); err != nil {
			t.Fatal(err)
		}
		if len(x.People) != 1 || x.People[0].PersonID != f.PersonA.ID {
			t.Fatalf("\"nguyen thi\" registered %+v, want %s", x.People, nhung)
		}
		for typed, msg := range map[string]string{"le van bin": "Có 2 người khớp “le van bin”", "tran van duc": "Không có ai tên “tran van duc” trong đơn vị"} {
			p := post(t, f, c, "/app/registrations", url.Values{"year": {"2026"}, "version": {itoa(int64(x.Version))}, "person": {typed}, "award": {"lao_dong_tien_tien"}})
			want(t, typed, p, http.StatusUnprocessableEntity, msg, `aria-describedby="e-1"`, `value="`+typed+`"`)
		}
	})
}
