package demo_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tdkt"
	"tdkt/core"
	"tdkt/demo"
	"tdkt/sheet"
	"tdkt/sqldb"
	"tdkt/tdkttest"
	"tdkt/vn"
)

const password = "mat-khau-demo"

var now = time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC) // assessment years 2020–2025

func generate(t testing.TB, db *sqldb.DB, people, years int, seed int64) demo.Summary {
	t.Helper()
	s, err := demo.Generate(context.Background(), db, demo.Options{People: people, Years: years, Seed: seed, AdminPassword: password, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// count runs a query returning one number.
func count(t *testing.T, db *sqldb.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	err := db.View(context.Background(), func(tx *sqldb.Tx) (err error) { n, err = tx.Int(context.Background(), q, args...); return err })
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	return n
}

// each runs a query and calls fn on every row.
func each(t *testing.T, db *sqldb.DB, q string, fn func(*sql.Rows) error) {
	t.Helper()
	ctx := context.Background()
	if err := db.View(ctx, func(tx *sqldb.Tx) error { return tx.Each(ctx, q, nil, fn) }); err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
}

func TestGenerate(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		sum := generate(t, db, 3000, 6, 1)
		for table, n := range sum.Counts {
			if got := count(t, db, "SELECT count(*) FROM "+table); got != n {
				t.Errorf("%s: summary says %d rows, the table has %d", table, n, got)
			}
		}
		if sum.Counts["people"] != 3000 || sum.Counts["ratings"] < 3000*5 || sum.Counts["honours"] < 3000*3 {
			t.Errorf("too few rows: %v", sum.Counts)
		}

		t.Run("statistical forms of the province are filled", func(t *testing.T) {
			svc := core.New(db)
			svc.Now = func() time.Time { return now }
			admin := &tdkt.Account{Login: "admin", Role: tdkt.RoleAdmin, OrgID: 1, OrgPath: "/1/"}
			for _, key := range tdkt.StatFormKeys {
				rep, err := svc.Statistics(ctx, admin, key, 2025, 0)
				if err != nil {
					t.Fatal(err)
				}
				nonzero := 0
				for _, r := range rep.Table.Rows {
					if !r.Heading && r.Cells[0] > 0 {
						nonzero++
					}
				}
				if total := rep.Table.Rows[0].Cells[0]; total == 0 || nonzero < 2 {
					t.Errorf("%s: total %d, %d rows with a count", key, total, nonzero)
				}
			}
			// 0602 and 0603 of the demo province, written as XLSX and read back, agree with
			// the honours counted straight from the table (revoked ones left out, the
			// emulation period 01/12/2024–30/11/2025, the province's subtree).
			for key, awards := range map[string][]string{"0602": tdkt.StateAwards, "0603": tdkt.SectorAwards} {
				rep, err := svc.Statistics(ctx, admin, key, 2025, 0)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := sheet.WriteStatForm(&buf, sheet.StatForm{Table: rep.Table, Basis: rep.Layout.Basis, Reporter: rep.Org.Name, Year: 2025}); err != nil {
					t.Fatal(err)
				}
				book, err := excelize.OpenReader(&buf)
				if err != nil {
					t.Fatal(err)
				}
				rows, _ := book.GetRows(sheet.StatSheet)
				book.Close()
				var fromFile string
				for _, r := range rows {
					if len(r) > 3 && r[0] == "Tổng số" {
						fromFile = r[3] // A label, B code, C unit, 1 total
						break
					}
				}
				want := count(t, db, `SELECT count(*) FROM honours h JOIN orgs o ON o.id = h.org_id WHERE o.path LIKE '/1/%'
					AND h.award_code IN ('`+strings.Join(awards, "','")+`') AND h.decided_on BETWEEN '2024-12-01' AND '2025-11-30'
					AND h.revoked = `+map[bool]string{true: "0", false: "FALSE"}[db.Dialect == sqldb.SQLite])
				if got := strings.NewReplacer(".", "", ",", "").Replace(fromFile); want == 0 || got != strconv.FormatInt(want, 10) {
					t.Errorf("%s: the file's total is %q, the records give %d", key, fromFile, want)
				}
			}
			// Every scope but the nation and every duration band of 0601.N.
			rep, _ := svc.Statistics(ctx, admin, "0601", 2025, 0)
			for _, code := range []string{"03", "04", "05", "06", "07", "08", "09", "10", "11", "12"} {
				if n, _ := rep.Table.Cell(code, 0); n == 0 {
					t.Errorf("0601 row %s is empty", code)
				}
			}
		})

		t.Run("dossiers in every workflow status", func(t *testing.T) {
			for _, st := range []tdkt.DossierStatus{tdkt.DossierDraft, tdkt.DossierSubmitted, tdkt.DossierReceived, tdkt.DossierAppraisal,
				tdkt.DossierReturned, tdkt.DossierPublicComment, tdkt.DossierCouncil, tdkt.DossierApproved, tdkt.DossierDecided, tdkt.DossierRefused} {
				if n := count(t, db, `SELECT count(*) FROM dossiers WHERE status = '`+string(st)+`'`); n == 0 {
					t.Errorf("no demo dossier in status %s", st)
				}
			}
			if n := count(t, db, `SELECT count(*) FROM certificates`); n == 0 {
				t.Error("no certificate in the demo")
			}
			if n := count(t, db, `SELECT count(*) FROM meetings WHERE status = 'open'`); n == 0 {
				t.Error("no open meeting for the demo council member")
			}
		})

		t.Run("organisations", func(t *testing.T) {
			each(t, db, `SELECT DISTINCT level FROM orgs`, func(r *sql.Rows) error {
				var l tdkt.Level
				if err := r.Scan(&l); err != nil || !tdkt.In(l, tdkt.Levels) {
					t.Errorf("level %q is not one of the codes", l)
				}
				return nil
			})
			if n := count(t, db, `SELECT count(*) FROM orgs WHERE parent_id IS NULL`); n != 2 {
				t.Errorf("%d roots, want the province and the ministry", n)
			}
			if n := count(t, db, `SELECT count(*) FROM orgs WHERE level = 'xa'`); n < 6 {
				t.Errorf("%d communes, want at least 6", n)
			}
			if n := count(t, db, `SELECT count(*) FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE o.path <> p.path || o.id || '/'`); n != 0 {
				t.Errorf("%d organisations with a wrong path", n)
			}
		})

		t.Run("people", func(t *testing.T) {
			var nguyen, total int
			each(t, db, `SELECT id, full_name, name_fold, sort_key, sex, birth_date, COALESCE(cccd, '') FROM people ORDER BY id`, func(r *sql.Rows) error {
				var id int64
				var name, fold, sortKey, birth, cccd string
				var sex tdkt.Sex
				if err := r.Scan(&id, &name, &fold, &sortKey, &sex, &birth, &cccd); err != nil {
					return err
				}
				total++
				if strings.HasPrefix(name, "Nguyễn ") {
					nguyen++
				}
				if cccd != "" {
					if err := tdkt.CheckCCCD(cccd, sex, birth); err != nil {
						t.Errorf("person %d: CCCD %s: %v", id, cccd, err)
					}
				}
				if id <= 300 && (fold != vn.SearchKey(name) || sortKey != vn.SortKey(name) || vn.NFC(name) != name) {
					t.Errorf("person %d %q: keys or normal form differ from package vn", id, name)
				}
				return nil
			})
			if share := float64(nguyen) / float64(total); share < 0.30 || share > 0.45 {
				t.Errorf("Nguyễn is %.1f %% of names, want 30–45 %%", 100*share)
			}
			if n := count(t, db, `SELECT count(*) FROM people WHERE cccd IS NULL`); n == 0 || n > 600 {
				t.Errorf("%d people without CCCD, want a few", n)
			}
			women := count(t, db, `SELECT count(*) FROM people WHERE sex = 'nu'`)
			if women < 1200 || women > 1900 {
				t.Errorf("%d women of 3000", women)
			}
			leaders := count(t, db, `SELECT count(*) FROM people WHERE leader = ?`, true)
			if leaders < 150 || leaders > 450 {
				t.Errorf("%d leaders of 3000, want about 10 %%", leaders)
			}
		})

		t.Run("memberships", func(t *testing.T) {
			moved := count(t, db, `SELECT count(*) FROM (SELECT person_id FROM memberships GROUP BY person_id HAVING count(*) = 2) x`)
			if moved < 50 || moved > 300 {
				t.Errorf("%d people moved, want about 5 %%", moved)
			}
			if n := count(t, db, `SELECT count(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM memberships m
				WHERE m.person_id = p.id AND m.to_date = '' AND m.org_id = p.org_id)`); n != 0 {
				t.Errorf("%d people whose unit is not their open membership", n)
			}
			each(t, db, `SELECT a.to_date, b.from_date FROM memberships a JOIN memberships b ON b.person_id = a.person_id AND b.id = a.id + 1
				WHERE a.to_date <> ''`, func(r *sql.Rows) error {
				var to, from string
				if err := r.Scan(&to, &from); err != nil {
					return err
				}
				d, _ := time.Parse("2006-01-02", to)
				if d.AddDate(0, 0, 1).Format("2006-01-02") != from {
					t.Errorf("membership ends %s but the next starts %s", to, from)
				}
				return nil
			})
		})

		t.Run("ratings", func(t *testing.T) {
			all := float64(count(t, db, `SELECT count(*) FROM ratings WHERE subject_kind = 'ca_nhan'`))
			for _, c := range []struct {
				r      tdkt.Rating
				lo, hi float64
			}{{tdkt.RatingExcellent, 14, 22}, {tdkt.RatingGood, 63, 73}, {tdkt.RatingDone, 9, 14}, {tdkt.RatingNotDone, 0.8, 3}} {
				n := count(t, db, `SELECT count(*) FROM ratings WHERE subject_kind = 'ca_nhan' AND rating = ?`, c.r)
				if pct := 100 * float64(n) / all; pct < c.lo || pct > c.hi {
					t.Errorf("%s: %.1f %%, want %.0f–%.0f %%", c.r, pct, c.lo, c.hi)
				}
			}
		})

		t.Run("chains", func(t *testing.T) {
			checks := map[string]string{
				"LĐTT without an httnv+ rating": `SELECT count(*) FROM honours h WHERE h.award_code IN ('lao_dong_tien_tien', 'chien_si_tien_tien')
					AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.subject_kind = 'ca_nhan' AND r.subject_id = h.subject_id
					AND r.year = h.year AND r.rating IN ('htxsnv', 'httnv'))`,
				"LĐTT in a discipline year": `SELECT count(*) FROM honours h JOIN discipline d ON d.person_id = h.subject_id
					WHERE h.subject_kind = 'ca_nhan' AND h.award_code = 'lao_dong_tien_tien' AND substr(d.decided_on, 1, 4) = ` + yearText("h.year"),
				"rating above htnv in a discipline year": `SELECT count(*) FROM ratings r JOIN discipline d ON d.person_id = r.subject_id
					WHERE r.subject_kind = 'ca_nhan' AND r.rating IN ('htxsnv', 'httnv') AND substr(d.decided_on, 1, 4) = ` + yearText("r.year"),
				"CSTĐCS without LĐTT": `SELECT count(*) FROM honours h WHERE h.award_code = 'chien_si_thi_dua_co_so' AND NOT EXISTS (
					SELECT 1 FROM honours l WHERE l.subject_kind = 'ca_nhan' AND l.subject_id = h.subject_id AND l.year = h.year
					AND l.award_code IN ('lao_dong_tien_tien', 'chien_si_tien_tien'))`,
				"CSTĐCS without htxsnv or initiative": `SELECT count(*) FROM honours h WHERE h.award_code = 'chien_si_thi_dua_co_so'
					AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.subject_kind = 'ca_nhan' AND r.subject_id = h.subject_id AND r.year = h.year AND r.rating = 'htxsnv')
					AND NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.subject_kind = 'ca_nhan' AND i.subject_id = h.subject_id AND i.year = h.year)`,
				// the chain is that of công trạng; a sudden or thematic Bằng khen has its own grounds
				"BK tỉnh without 2 consecutive CSTĐCS": `SELECT count(*) FROM honours h WHERE h.award_code = 'bang_khen_bo_tinh' AND h.subject_kind = 'ca_nhan' AND h.kind = 'cong_trang'
					AND (SELECT count(*) FROM honours c WHERE c.subject_kind = 'ca_nhan' AND c.subject_id = h.subject_id
					AND c.award_code = 'chien_si_thi_dua_co_so' AND c.year IN (h.year, h.year - 1)) <> 2`,
				"CSTĐ tỉnh without 3 CSTĐCS and a provincial initiative": `SELECT count(*) FROM honours h WHERE h.award_code = 'chien_si_thi_dua_bo_tinh'
					AND ((SELECT count(*) FROM honours c WHERE c.subject_kind = 'ca_nhan' AND c.subject_id = h.subject_id
					AND c.award_code = 'chien_si_thi_dua_co_so' AND c.year BETWEEN h.year - 2 AND h.year) <> 3
					OR NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.subject_kind = 'ca_nhan' AND i.subject_id = h.subject_id
					AND i.year BETWEEN h.year - 2 AND h.year AND i.scope IN ('bo_tinh', 'toan_quoc')))`,
				"BK TTg without the chain": `SELECT count(*) FROM honours h WHERE h.award_code = 'bang_khen_thu_tuong'
					AND (NOT EXISTS (SELECT 1 FROM honours b WHERE b.subject_kind = 'ca_nhan' AND b.subject_id = h.subject_id
					AND b.award_code = 'bang_khen_bo_tinh' AND b.year < h.year)
					OR (SELECT count(*) FROM ratings r WHERE r.subject_kind = 'ca_nhan' AND r.subject_id = h.subject_id
					AND r.year BETWEEN h.year - 4 AND h.year AND r.rating IN ('htxsnv', 'httnv')) <> 5
					OR (SELECT count(*) FROM honours c WHERE c.subject_kind = 'ca_nhan' AND c.subject_id = h.subject_id
					AND c.award_code = 'chien_si_thi_dua_co_so' AND c.year BETWEEN h.year - 4 AND h.year) < 3)`,
				"TTLĐXS without TTLĐTT": `SELECT count(*) FROM honours h WHERE h.award_code = 'tap_the_lao_dong_xuat_sac' AND NOT EXISTS (
					SELECT 1 FROM honours l WHERE l.subject_kind = 'tap_the' AND l.subject_id = h.subject_id AND l.year = h.year
					AND l.award_code = 'tap_the_lao_dong_tien_tien')`,
				// the demo's procedure decides on its own day; the bulk records follow the yearly rhythm
				"a yearly title decided outside January–March of the next year": `SELECT count(*) FROM honours WHERE kind = 'cong_trang' AND decision_id IS NULL
					AND (decided_on < ` + yearText("year + 1") + ` || '-01-01' OR decided_on > ` + yearText("year + 1") + ` || '-03-31')`,
				"a decision after the clock": `SELECT count(*) FROM honours WHERE decided_on > '2026-06-01'`,
			}
			for what, q := range checks {
				if n := count(t, db, q); n != 0 {
					t.Errorf("%d × %s", n, what)
				}
			}
			for _, c := range []struct {
				code   string
				lo, hi int64
			}{
				{"lao_dong_tien_tien", 10000, 16000}, {"chien_si_thi_dua_co_so", 1000, 4000}, {"bang_khen_bo_tinh", 100, 1500},
				{"giay_khen", 100, 2000}, {"tap_the_lao_dong_tien_tien", 500, 20000}, {"tap_the_lao_dong_xuat_sac", 50, 5000},
				{"gia_dinh_van_hoa", 100, 2000},
			} {
				if n := count(t, db, `SELECT count(*) FROM honours WHERE award_code = ?`, c.code); n < c.lo || n > c.hi {
					t.Errorf("%d × %s, want %d–%d", n, c.code, c.lo, c.hi)
				}
			}
			// Very few reach the Prime Minister's Bằng khen, but the chain is there.
			if n := count(t, db, `SELECT count(*) FROM honours WHERE award_code IN ('chien_si_thi_dua_bo_tinh', 'bang_khen_thu_tuong')`); n > 100 {
				t.Errorf("%d CSTĐ tỉnh and BK TTg: too many", n)
			}
		})

		t.Run("money", func(t *testing.T) {
			for _, c := range []struct {
				code, from, to string
				want           int64
			}{
				{"lao_dong_tien_tien", "2025-01-01", "2025-03-31", 710_000}, // 0.3 × 2,340,000 = 702,000 ↑
				{"lao_dong_tien_tien", "2024-01-01", "2024-03-31", 540_000}, // 0.3 × 1,800,000
				{"lao_dong_tien_tien", "2021-01-01", "2023-03-31", 450_000}, // 0.3 × 1,490,000 = 447,000 ↑
				{"chien_si_thi_dua_co_so", "2025-01-01", "2026-03-31", 2_340_000},
				{"bang_khen_bo_tinh", "2025-01-01", "2026-03-31", 3_510_000},
			} {
				each(t, db, fmt.Sprintf(`SELECT DISTINCT amount_vnd FROM honours WHERE award_code = '%s' AND subject_kind = 'ca_nhan' AND decided_on BETWEEN '%s' AND '%s'`,
					c.code, c.from, c.to), func(r *sql.Rows) error {
					var got int64
					if err := r.Scan(&got); err != nil {
						return err
					}
					if got != c.want {
						t.Errorf("%s decided %s…%s: %d đ, want %d", c.code, c.from, c.to, got, c.want)
					}
					return nil
				})
			}
		})

		t.Run("accounts", func(t *testing.T) {
			if len(sum.Accounts) < 5 || sum.Accounts[0].Login != "admin" {
				t.Fatalf("accounts: %+v", sum.Accounts)
			}
			svc := core.New(db)
			for _, a := range sum.Accounts {
				res, err := svc.Login(ctx, core.LoginRequest{Login: a.Login, Password: password, IP: "127.0.0.1"})
				if err != nil || res.Account.Role != a.Role {
					t.Errorf("login %s: %v (%s)", a.Login, err, res.Account.Role)
				}
				// Administrators and leaders pass the second factor with the printed secret.
				if core.RequiresSecondFactor(a.Role) != (a.TOTPSecret != "") || (res.Pending != "") != (a.TOTPSecret != "") {
					t.Errorf("%s: secret %q, pending %q", a.Login, a.TOTPSecret, res.Pending)
				}
				if a.TOTPSecret != "" {
					if done, err := svc.LoginSecondFactor(ctx, res.Pending, core.TOTPCode(a.TOTPSecret, time.Now()), "127.0.0.1", ""); err != nil || done.Session == "" {
						t.Errorf("%s: the second step: %v", a.Login, err)
					}
				}
			}
			if res, _ := svc.Login(ctx, core.LoginRequest{Login: "admin", Password: password, IP: "127.0.0.1"}); res.Account.OrgPath != "/1/" {
				t.Errorf("admin is bound to %s, want the province", res.Account.OrgPath)
			}

		})

		t.Run("usable afterwards", func(t *testing.T) {
			// The identity sequences must have moved past the explicit ids.
			p := tdkt.Person{OrgID: 1, FullName: "Trần Thị Mới", Sex: tdkt.Female, Group: tdkt.GroupOfficials}
			if err := db.Update(ctx, func(tx *sqldb.Tx) error { return tx.InsertPerson(ctx, &p, "2026-06-01T00:00:00.000000Z") }); err != nil {
				t.Fatal(err)
			}
			if p.ID != 3001 {
				t.Errorf("new person got id %d, want 3001", p.ID)
			}
			if _, err := demo.Generate(ctx, db, demo.Options{AdminPassword: password}); !errors.Is(err, demo.ErrNotEmpty) {
				t.Errorf("second run: %v, want ErrNotEmpty", err)
			}
		})
	})
}

// yearText turns an integer SQL expression into text, portably.
func yearText(expr string) string { return "CAST(" + expr + " AS TEXT)" }

func TestDeterministic(t *testing.T) {
	first := func(db *sqldb.DB) []string {
		var out []string
		each(t, db, `SELECT full_name, COALESCE(cccd, '-'), position FROM people ORDER BY id LIMIT 20`, func(r *sql.Rows) error {
			var n, c, p string
			err := r.Scan(&n, &c, &p)
			out = append(out, n+" "+c+" "+p)
			return err
		})
		return out
	}
	a, b := tdkttest.SQLite(t), tdkttest.SQLite(t)
	sa, sb := generate(t, a, 1500, 4, 7), generate(t, b, 1500, 4, 7)
	for k, v := range sa.Counts {
		if sb.Counts[k] != v {
			t.Errorf("%s: %d rows, then %d", k, v, sb.Counts[k])
		}
	}
	if fa, fb := first(a), first(b); strings.Join(fa, "\n") != strings.Join(fb, "\n") {
		t.Errorf("different people:\n%s\n---\n%s", strings.Join(fa, "\n"), strings.Join(fb, "\n"))
	}
	for _, q := range []string{`SELECT count(*) FROM honours WHERE award_code = 'bang_khen_bo_tinh'`, `SELECT sum(amount_vnd) FROM honours`} {
		if x, y := count(t, a, q), count(t, b, q); x != y {
			t.Errorf("%s: %d, then %d", q, x, y)
		}
	}
	c := tdkttest.SQLite(t)
	generate(t, c, 1500, 4, 8)
	if strings.Join(first(a), "") == strings.Join(first(c), "") {
		t.Error("another seed gave the same people")
	}
}

// BenchmarkDemoMillion measures the full-size data set on a SQLite file:
//
//	go test ./demo -run XXX -bench BenchmarkDemoMillion -benchtime=1x
//
// DEMO_PEOPLE changes the size. The database lives in the benchmark's temporary
// folder and is deleted afterwards.
func BenchmarkDemoMillion(b *testing.B) {
	people := envInt("DEMO_PEOPLE", 1_000_000)
	for range b.N {
		db := tdkttest.SQLite(b)
		s, err := demo.Generate(context.Background(), db, demo.Options{People: people, Years: 10, AdminPassword: password, Now: now, Progress: os.Stderr})
		if err != nil {
			b.Fatal(err)
		}
		path := strings.TrimPrefix(db.URL, "sqlite:")
		st, _ := os.Stat(path)
		b.Logf("%d people in %v, %d MB; %v", people, s.Elapsed.Round(time.Second), st.Size()>>20, s.Counts)
	}
}

// BenchmarkDemoPostgres measures 100,000 people (DEMO_PEOPLE) on TDKT_TEST_PG.
func BenchmarkDemoPostgres(b *testing.B) {
	people := envInt("DEMO_PEOPLE", 100_000)
	for range b.N {
		db := tdkttest.Postgres(b)
		s, err := demo.Generate(context.Background(), db, demo.Options{People: people, Years: 10, AdminPassword: password, Now: now, Progress: os.Stderr})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%d people in %v; %v", people, s.Elapsed.Round(time.Second), s.Counts)
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// A data set smaller than the organisation tree still works: most units have no
// staff, and a single year has no chains.
func TestTiny(t *testing.T) {
	for _, years := range []int{1, 3} {
		db := tdkttest.SQLite(t)
		s := generate(t, db, 20, years, 3)
		if s.Counts["people"] != 20 || s.Counts["households"] != 50 {
			t.Errorf("%d years: %v", years, s.Counts)
		}
	}
}
