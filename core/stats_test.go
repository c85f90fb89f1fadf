package core_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

func TestYearStats(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		subA := tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonA.ID}
		subB := tdkt.Subject{Kind: tdkt.Individual, ID: f.PersonB.ID}
		dec := tdkt.Decision{Number: "7/QĐ-UBND", Date: "2026-02-01", Signer: "Lê Văn Minh", Issuer: "Ủy ban nhân dân phường Ánh Dương"}
		for _, h := range []struct {
			actor *tdkt.Account
			h     tdkt.Honour
		}{
			{&f.ClerkB, tdkt.Honour{Subject: subB, AwardCode: "giay_khen", Year: 2025, Kind: tdkt.KindMerit, Decision: dec}},
			{&f.ClerkB, tdkt.Honour{Subject: subB, AwardCode: "chien_si_thi_dua_co_so", Year: 2024, Kind: tdkt.KindMerit, Decision: dec}},
			{&f.ClerkA, tdkt.Honour{Subject: subA, AwardCode: "giay_khen", Year: 2025, Kind: tdkt.KindMerit, Decision: dec}}, // revoked below
		} {
			if err := f.Svc.SaveHonour(ctx, h.actor, &h.h); err != nil {
				t.Fatal(err)
			}
		}
		err := db.Update(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE honours SET revoked = TRUE WHERE subject_id = ? AND award_code = 'giay_khen'`, f.PersonA.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		str := func(st core.YearStats) string {
			s := fmt.Sprintf("titles %d forms %d;", st.Titles, st.Forms)
			for _, r := range st.Rows {
				s += fmt.Sprintf(" %d %s %s %s %s %s %v %d;", r.OrgID, r.Award, r.Category, r.Kind, r.Subject, r.Group, r.Leader, r.Count)
			}
			return s
		}
		a, b := f.CommuneA.ID, f.CommuneB.ID
		for _, c := range []struct {
			actor *tdkt.Account
			year  int
			want  string
		}{
			{&f.Admin, 2025, fmt.Sprintf("titles 1 forms 1; %d chien_si_thi_dua_co_so danh_hieu cong_trang ca_nhan can_bo_cong_chuc false 1; %d giay_khen hinh_thuc cong_trang ca_nhan can_bo_cong_chuc true 1;", a, b)},
			{nil, 2025, fmt.Sprintf("titles 1 forms 1; %d chien_si_thi_dua_co_so danh_hieu cong_trang ca_nhan can_bo_cong_chuc false 1; %d giay_khen hinh_thuc cong_trang ca_nhan can_bo_cong_chuc true 1;", a, b)},
			{&f.ClerkA, 2025, fmt.Sprintf("titles 1 forms 0; %d chien_si_thi_dua_co_so danh_hieu cong_trang ca_nhan can_bo_cong_chuc false 1;", a)},
			{&f.Admin, 2024, fmt.Sprintf("titles 1 forms 0; %d chien_si_thi_dua_co_so danh_hieu cong_trang ca_nhan can_bo_cong_chuc true 1;", b)},
			{&f.ClerkA, 2024, "titles 0 forms 0;"},
		} {
			st, err := f.Svc.YearStats(ctx, c.actor, c.year)
			if got := str(st); err != nil || got != c.want {
				t.Errorf("%d: got %s, %v\nwant %s", c.year, got, err, c.want)
			}
		}
	})
}

// BenchmarkYearStats counts a year over the whole database named by BENCH_DB (the
// 1,000,000-person demo: target under 2 s), or over the test fixture without it.
func BenchmarkYearStats(b *testing.B) {
	ctx := context.Background()
	var db *sqldb.DB
	if u := os.Getenv("BENCH_DB"); u != "" {
		var err error
		if db, err = sqldb.Open(ctx, u); err != nil {
			b.Fatal(err)
		}
	} else {
		db = tdkttest.SQLite(b)
		tdkttest.NewFixture(b, db)
	}
	svc := core.New(db)
	svc.Now = func() time.Time { return time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) }
	for b.Loop() {
		st, err := svc.YearStats(ctx, nil, 2025)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Titles+st.Forms), "honours")
		b.ReportMetric(float64(len(st.Rows)), "rows")
	}
}
