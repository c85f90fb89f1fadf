package demo_test

import (
	"database/sql"
	"fmt"
	"testing"

	"tdkt/tdkttest"
)

func TestPeek(t *testing.T) {
	db := tdkttest.SQLite(t)
	s := generate(t, db, 3000, 6, 1)
	fmt.Println(s.Counts)
	each(t, db, `SELECT p.id, p.full_name, p.sex, p.birth_date, p.ethnicity, COALESCE(p.cccd,''), p.grp, p.leader, p.position, p.hired_on, o.name FROM people p JOIN orgs o ON o.id=p.org_id WHERE p.id % 97 = 1 LIMIT 15`, func(r *sql.Rows) error {
		var a [11]any
		for i := range a { a[i] = new(any) }
		r.Scan(a[:]...)
		for _, x := range a { fmt.Print(*(x.(*any)), " | ") }
		fmt.Println()
		return nil
	})
	each(t, db, `SELECT award_code, kind, count(*), min(decided_on), max(decided_on), min(decision_no), max(issuer), max(signer) FROM honours GROUP BY award_code, kind`, func(r *sql.Rows) error {
		var a [8]any
		for i := range a { a[i] = new(any) }
		r.Scan(a[:]...)
		for _, x := range a { fmt.Print(*(x.(*any)), " | ") }
		fmt.Println()
		return nil
	})
	each(t, db, `SELECT * FROM initiatives LIMIT 3`, func(r *sql.Rows) error { cols, _ := r.Columns(); a := make([]any, len(cols)); for i := range a { a[i] = new(any) }; r.Scan(a...); for _, x := range a { fmt.Print(*(x.(*any)), " | ") }; fmt.Println(); return nil })
	each(t, db, `SELECT * FROM discipline LIMIT 3`, func(r *sql.Rows) error { cols, _ := r.Columns(); a := make([]any, len(cols)); for i := range a { a[i] = new(any) }; r.Scan(a...); for _, x := range a { fmt.Print(*(x.(*any)), " | ") }; fmt.Println(); return nil })
	each(t, db, `SELECT * FROM households LIMIT 2`, func(r *sql.Rows) error { cols, _ := r.Columns(); a := make([]any, len(cols)); for i := range a { a[i] = new(any) }; r.Scan(a...); for _, x := range a { fmt.Print(*(x.(*any)), " | ") }; fmt.Println(); return nil })
	each(t, db, `SELECT id, code, name, level, path FROM orgs WHERE id % 9 = 1`, func(r *sql.Rows) error { cols, _ := r.Columns(); a := make([]any, len(cols)); for i := range a { a[i] = new(any) }; r.Scan(a...); for _, x := range a { fmt.Print(*(x.(*any)), " | ") }; fmt.Println(); return nil })
}
