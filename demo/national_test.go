package demo_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/demo"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// nationalPeople keeps the national tests small; every planned dossier still finds
// its candidate.
const nationalPeople = 2000

// national generates the national data set with a keyed audit trail and returns the
// summary and a service on it with the demo's clock and trail.
func national(t *testing.T, db *sqldb.DB, seed int64) (demo.Summary, *core.Service) {
	t.Helper()
	audit := tdkttest.AuditConfig(t)
	s, err := demo.Generate(context.Background(), db, demo.Options{People: nationalPeople, Years: 6, Seed: seed, AdminPassword: password,
		Now: now, National: true, Audit: audit})
	if err != nil {
		t.Fatal(err)
	}
	svc := core.New(db)
	svc.Now = func() time.Time { return now }
	svc.AuditTrail = audit
	return s, svc
}

// login reads a demo account.
func login(t *testing.T, db *sqldb.DB, name string) *tdkt.Account {
	t.Helper()
	ctx := context.Background()
	var a tdkt.Account
	if err := db.View(ctx, func(tx *sqldb.Tx) (err error) { a, _, err = tx.AccountByLogin(ctx, name); return err }); err != nil {
		t.Fatalf("account %s: %v", name, err)
	}
	return &a
}

// orgID reads an organisation's id by its code.
func orgID(t *testing.T, db *sqldb.DB, code string) int64 {
	t.Helper()
	ctx := context.Background()
	var o tdkt.Org
	if err := db.View(ctx, func(tx *sqldb.Tx) (err error) { o, err = tx.OrgByCode(ctx, code); return err }); err != nil {
		t.Fatalf("org %s: %v", code, err)
	}
	return o.ID
}

// nationalStage is a stage of the chain as the data set claims it: a dossier of the
// award in the status, held by the organisation, whose last step is the action.
type nationalStage struct {
	name   string
	status tdkt.DossierStatus
	holder string // org code
	award  string
	last   tdkt.DossierAction // "" for a draft, which has taken no step
}

const (
	hcld3 = "huan_chuong_lao_dong_hang_ba"
	bkttg = "bang_khen_thu_tuong"
)

var nationalStages = []nationalStage{
	{"draft at a commune", tdkt.DossierDraft, "", hcld3, ""},
	{"submitted to a province", tdkt.DossierSubmitted, "T46", hcld3, tdkt.ActSubmit},
	{"received at a Sở Nội vụ", tdkt.DossierReceived, "T47", hcld3, tdkt.ActReceive},
	{"under appraisal at a Sở Nội vụ", tdkt.DossierAppraisal, "T47", hcld3, tdkt.ActAppraise},
	{"under provincial public comment", tdkt.DossierPublicComment, "T47", hcld3, tdkt.ActPublish},
	{"forwarded to the centre", tdkt.DossierSubmitted, "CP", hcld3, tdkt.ActForward},
	{"returned by the centre", tdkt.DossierReturned, "T47", hcld3, tdkt.ActReturn},
	{"under national public comment", tdkt.DossierPublicComment, "CP", hcld3, tdkt.ActPublish},
	{"before the Central Council", tdkt.DossierCouncil, "CP", hcld3, tdkt.ActToCouncil},
	{"submitted to the Prime Minister", tdkt.DossierApproved, "CP", bkttg, tdkt.ActApprove},
	{"submitted by the Prime Minister to the President", tdkt.DossierSubmitted, "CTN", hcld3, tdkt.ActForward},
	{"decided by the Prime Minister", tdkt.DossierDecided, "CP", bkttg, tdkt.ActDecide},
	{"decided by the President and passed on", tdkt.DossierDecided, "CTN", hcld3, tdkt.ActPassOn},
	{"refused by the President", tdkt.DossierRefused, "CTN", hcld3, tdkt.ActRefuse},
}

// stages finds the one dossier of each stage, failing when a stage has none or more.
func stages(t *testing.T, db *sqldb.DB, svc *core.Service, admin *tdkt.Account) map[string]core.DossierView {
	t.Helper()
	ctx := context.Background()
	all, err := svc.Dossiers(ctx, admin, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(nationalStages) {
		t.Fatalf("%d dossiers, want %d", len(all), len(nationalStages))
	}
	out := map[string]core.DossierView{}
	for _, st := range nationalStages {
		var found []core.DossierView
		for _, d := range all {
			if d.Status != st.status || d.Award != st.award {
				continue
			}
			if st.holder != "" && d.HolderOrgID != orgID(t, db, st.holder) || st.holder == "" && d.HolderOrgID != d.OrgID {
				continue
			}
			v, err := svc.GetDossier(ctx, admin, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if st.last == "" || len(v.Events) > 0 && v.Events[len(v.Events)-1].Action == st.last {
				found = append(found, v)
			}
		}
		if len(found) != 1 {
			t.Errorf("%s: %d dossiers", st.name, len(found))
			continue
		}
		out[st.name] = found[0]
	}
	return out
}

// The national data set holds a dossier at every stage of the chain, each put there by
// the use cases, with the results where the law puts them.
func TestNationalStages(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		sum, svc := national(t, db, 1)
		for table, n := range sum.Counts {
			if got := count(t, db, "SELECT count(*) FROM "+table); got != n {
				t.Errorf("%s: summary says %d rows, the table has %d", table, n, got)
			}
		}
		if got := count(t, db, `SELECT count(*) FROM orgs WHERE level = 'tinh'`); got < 4 {
			t.Errorf("%d provinces", got)
		}
		// Every province's Sở Nội vụ stands for it; the board stands for the Government.
		if got := count(t, db, `SELECT count(*) FROM orgs s JOIN orgs p ON p.id = s.standing_for
			WHERE s.code LIKE '%-SNV' AND p.level = 'tinh' AND s.parent_id = p.id`); got != 4 {
			t.Errorf("%d standing Sở Nội vụ", got)
		}
		if got := count(t, db, `SELECT count(*) FROM orgs s JOIN orgs p ON p.id = s.standing_for WHERE s.code = 'BTDKTTW' AND p.level = 'trung_uong'`); got != 1 {
			t.Errorf("the board stands for %d Governments", got)
		}
		admin := login(t, db, "admin")
		got := stages(t, db, svc, admin)

		for _, name := range []string{"returned by the centre", "refused by the President"} {
			if v, ok := got[name]; ok && strings.TrimSpace(v.Events[len(v.Events)-1].Note) == "" {
				t.Errorf("%s without a reason", name)
			}
		}
		// Public comment and the Central Council's meeting are open now.
		today := now.Format(time.DateOnly)
		for _, name := range []string{"under provincial public comment", "under national public comment"} {
			if v, ok := got[name]; ok && (v.Publication == nil || v.Publication.ClosesOn < today) {
				t.Errorf("%s: the window %+v is not open on %s", name, v.Publication, today)
			}
		}
		if open, err := svc.OpenNominations(ctx); err != nil || len(open) != 2 {
			t.Errorf("open nominations on the portal: %v %+v", err, open)
		}
		ballots, err := svc.OpenBallots(ctx, login(t, db, "hoidong.tw2"))
		if err != nil || len(ballots) != 1 || len(ballots[0].Lines) != 1 || ballots[0].Lines[0].Candidate.DossierID != got["before the Central Council"].Dossier.ID {
			t.Errorf("the Central Council's open meeting: %v %+v", err, ballots)
		}

		// The President's Huân chương is on the person's lifelong record and in 0602.
		v := got["decided by the President and passed on"]
		if len(v.Dossier.Candidates) != 1 || v.Dossier.DueOn != "" {
			t.Fatalf("the President's dossier: %d candidates, due %q", len(v.Dossier.Candidates), v.Dossier.DueOn)
		}
		cand := v.Dossier.Candidates[0]
		rec, err := svc.PersonRecord(ctx, login(t, db, "canbo.xa"), cand.Subject.ID)
		if err != nil {
			t.Fatal(err)
		}
		var honour tdkt.Honour
		for _, h := range rec.Honours {
			if h.AwardCode == hcld3 && h.DecisionID != 0 {
				honour = h
			}
		}
		if honour.ID != cand.HonourID || !strings.HasSuffix(honour.Decision.Number, "/QĐ-CTN") || honour.Decision.Issuer != "Chủ tịch nước" {
			t.Fatalf("the record's Huân chương %+v, the candidate's honour %d", honour, cand.HonourID)
		}
		year, _ := time.Parse(time.DateOnly, honour.Decision.Date)
		rep, err := svc.Statistics(ctx, admin, "0602", year.Year(), orgID(t, db, "T46"))
		if err != nil {
			t.Fatal(err)
		}
		if honour.Decision.Date < rep.From || honour.Decision.Date > rep.To {
			t.Fatalf("decided on %s, outside 0602's period %s–%s", honour.Decision.Date, rep.From, rep.To)
		}
		total, _ := rep.Table.Cell("1", 0)
		want := count(t, db, `SELECT count(*) FROM honours h JOIN orgs o ON o.id = h.org_id JOIN orgs p ON o.path LIKE p.path || '%'
			WHERE p.code = 'T46' AND h.award_code IN ('`+strings.Join(tdkt.StateAwards, "','")+`') AND h.decided_on BETWEEN ? AND ?`, rep.From, rep.To)
		if mine := count(t, db, `SELECT count(*) FROM honours WHERE id = ? AND decision_id IS NOT NULL`, honour.ID); total != want || mine != 1 {
			t.Errorf("0602 of the province counts %d, the records give %d (the decided one: %d)", total, want, mine)
		}
		pm := got["decided by the Prime Minister"]
		if len(pm.Dossier.Candidates) != 1 || pm.Dossier.Candidates[0].HonourID == 0 {
			t.Errorf("the Prime Minister's Bằng khen was not conferred: %+v", pm.Dossier.Candidates)
		}

		t.Run("scope", func(t *testing.T) {
			clerk := login(t, db, "canbo.ban")
			box, err := svc.Inbox(ctx, clerk)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, it := range box.Items {
				ids = append(ids, it.Dossier.ID)
			}
			for _, name := range []string{"forwarded to the centre", "under national public comment"} {
				if !slices.Contains(ids, got[name].Dossier.ID) {
					t.Errorf("the board's inbox %v lacks the dossier %s", ids, name)
				}
			}
			for _, name := range []string{"forwarded to the centre", "under national public comment", "submitted to the Prime Minister", "submitted by the Prime Minister to the President"} {
				if _, err := svc.GetDossier(ctx, clerk, got[name].Dossier.ID); err != nil {
					t.Errorf("the board's clerk reads the dossier %s: %v", name, err)
				}
			}
			for _, name := range []string{"draft at a commune", "submitted to a province", "under appraisal at a Sở Nội vụ", "returned by the centre"} {
				if _, err := svc.GetDossier(ctx, clerk, got[name].Dossier.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
					t.Errorf("the board's clerk reads the province's dossier %s: %v", name, err)
				}
			}
			// Of the two dossiers under public comment, the board's list holds the centre's.
			open, err := svc.Dossiers(ctx, clerk, []tdkt.DossierStatus{tdkt.DossierPublicComment})
			if err != nil || len(open) != 1 || open[0].ID != got["under national public comment"].Dossier.ID {
				t.Errorf("the board's dossiers under public comment: %v %+v", err, open)
			}
			if decided, err := svc.Dossiers(ctx, admin, []tdkt.DossierStatus{tdkt.DossierDecided}); err != nil || len(decided) != 2 {
				t.Errorf("decided dossiers: %v %d", err, len(decided))
			}
			if _, err := svc.PersonRecord(ctx, clerk, cand.Subject.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
				t.Errorf("the board's clerk reads a commune's person: %v", err)
			}

			// The second province's Sở Nội vụ works its province's inbox and nothing of another.
			office := login(t, db, "canbo.so.t47")
			box, err = svc.Inbox(ctx, office)
			if err != nil {
				t.Fatal(err)
			}
			t47 := orgID(t, db, "T47")
			held := map[int64]bool{}
			for _, it := range box.Items {
				if it.Dossier.HolderOrgID != t47 {
					t.Errorf("the Sở Nội vụ's inbox holds dossier %d of holder %d", it.Dossier.ID, it.Dossier.HolderOrgID)
				}
				held[it.Dossier.ID] = true
			}
			for _, name := range []string{"received at a Sở Nội vụ", "under appraisal at a Sở Nội vụ", "under provincial public comment", "returned by the centre"} {
				if !held[got[name].Dossier.ID] {
					t.Errorf("the Sở Nội vụ's inbox lacks the dossier %s", name)
				}
			}
			for _, name := range []string{"submitted to a province", "draft at a commune", "decided by the President and passed on"} {
				if _, err := svc.GetDossier(ctx, office, got[name].Dossier.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
					t.Errorf("the Sở Nội vụ of T47 reads T46's dossier %s: %v", name, err)
				}
			}
			first, err := svc.Inbox(ctx, login(t, db, "canbo.so"))
			if err != nil || len(first.Items) != 1 || first.Items[0].Dossier.ID != got["submitted to a province"].Dossier.ID {
				t.Errorf("the first province's Sở Nội vụ's inbox: %v %+v", err, first.Items)
			}
		})

		t.Run("audit", func(t *testing.T) {
			rep, err := svc.VerifyAudit(ctx)
			if err != nil || rep.Events == 0 {
				t.Errorf("audit: %v %+v", err, rep)
			}
		})
	})
}

// The same seed gives the same national data set; the one-province data set is not
// the national one.
func TestNationalDeterministic(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		other := tdkttest.SQLite(t)
		if db.Dialect == sqldb.Postgres {
			other = tdkttest.Postgres(t)
		}
		a, _ := national(t, db, 5)
		b, _ := national(t, other, 5)
		if fmt.Sprint(a.Counts) != fmt.Sprint(b.Counts) {
			t.Errorf("counts differ:\n%v\n%v", a.Counts, b.Counts)
		}
		q := `SELECT d.status || ' ' || d.award_code || ' ' || h.code || ' ' || p.full_name FROM dossiers d JOIN orgs h ON h.id = d.holder_org_id
			JOIN dossier_candidates c ON c.dossier_id = d.id JOIN people p ON p.id = c.subject_id ORDER BY d.id`
		rows := func(db *sqldb.DB) string {
			var out []string
			each(t, db, q, func(r *sql.Rows) error {
				var s string
				err := r.Scan(&s)
				out = append(out, s)
				return err
			})
			return strings.Join(out, "\n")
		}
		if ra, rb := rows(db), rows(other); ra != rb || ra == "" {
			t.Errorf("the dossiers differ:\n%s\n---\n%s", ra, rb)
		}
		for _, q := range []string{`SELECT count(*) FROM honours WHERE award_code = 'huan_chuong_lao_dong_hang_ba'`, `SELECT sum(amount_vnd) FROM honours`,
			`SELECT count(*) FROM audit_events`} {
			if x, y := count(t, db, q), count(t, other, q); x != y {
				t.Errorf("%s: %d, then %d", q, x, y)
			}
		}
	})
}
