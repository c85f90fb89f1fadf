package core_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/notify"
	"tdkt/rules"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// recorder is a notify.Channel that keeps the messages it is given, as a mail server
// would; fail, when set, decides an error per message instead.
type recorder struct {
	name string
	mu   sync.Mutex
	got  []notify.Message
	fail func(notify.Message) error
}

func (r *recorder) Name() string { return r.name }

func (r *recorder) Send(_ context.Context, m notify.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		if err := r.fail(m); err != nil {
			return err
		}
	}
	r.got = append(r.got, m)
	return nil
}

func (r *recorder) messages() []notify.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]notify.Message(nil), r.got...)
}

const base = "https://tdkt.thu-nghiem.gov.vn"

// withMail turns notifications on with an e-mail recorder and gives every listed
// account an address LOGIN@tdkt.example.
func withMail(t *testing.T, svc *core.Service, accts ...*tdkt.Account) *recorder {
	t.Helper()
	rec := &recorder{name: "email"}
	svc.Notify = core.NotifyConfig{Email: rec, BaseURL: base}
	for _, a := range accts {
		got, err := svc.UpdateAccount(context.Background(), a, a.ID, core.AccountEdit{Name: a.Name, Email: a.Login + "@tdkt.example"})
		if err != nil {
			t.Fatal(err)
		}
		*a = got
	}
	return rec
}

func notificationsOf(t *testing.T, svc *core.Service, a *tdkt.Account) []sqldb.Notification {
	t.Helper()
	list, _, err := svc.Notifications(context.Background(), a, false, 1)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func kinds(list []sqldb.Notification) map[string]int {
	out := map[string]int{}
	for _, n := range list {
		out[n.Kind]++
	}
	return out
}

func TestAccountEmail(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		_, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: "thu.ky", Name: "Thư ký", Password: tdkttest.Password, Role: tdkt.RoleClerk,
			OrgCode: "X01", Email: "không-phải-thư"})
		if e, ok := err.(*tdkt.Error); !ok || e.Fields["email"] == "" {
			t.Fatalf("a malformed address: %v", err)
		}
		a, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: "thu.ky", Name: "Thư ký", Password: tdkttest.Password, Role: tdkt.RoleClerk,
			OrgCode: "X01", Email: " Thu.Ky@DongHoa.gov.vn "})
		if err != nil || a.Email != "thu.ky@donghoa.gov.vn" {
			t.Fatalf("created %+v, %v", a, err)
		}
		if _, err := f.Svc.UpdateAccount(ctx, &f.ClerkB, a.ID, core.AccountEdit{Name: "X", Email: ""}); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another unit's clerk edited the account: %v", err)
		}
		got, err := f.Svc.UpdateAccount(ctx, &f.AdminA, a.ID, core.AccountEdit{Name: "Thư ký xã", Email: ""})
		if err != nil || got.Email != "" || got.Name != "Thư ký xã" {
			t.Fatalf("edited %+v, %v", got, err)
		}
	})
}

// A dossier's steps tell the level that must act and the unit that proposed it; the
// worker sends them; the in-app list reads and marks them.
func TestDossierStepsNotify(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		rec := withMail(t, f.Svc, &f.ClerkA, &p.ProvClerk, &p.Leader)
		d, err := f.Svc.ProposeFromRecords(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025,
			PeriodFrom: 2023, Reason: "thành tích xuất sắc"}, []tdkt.Subject{{Kind: tdkt.Individual, ID: p.Good1.ID}, {Kind: tdkt.Individual, ID: p.Good2.ID}})
		if err != nil {
			t.Fatal(err)
		}
		d = reload(t, f, &f.ClerkA, d.ID)
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		if k := kinds(notificationsOf(t, f.Svc, &p.ProvClerk)); k[core.KindDossierSubmitted] != 1 {
			t.Fatalf("the province's clerk after a submission: %v", k)
		}
		if len(notificationsOf(t, f.Svc, &f.ClerkA)) != 0 {
			t.Fatal("the clerk who submitted is told of their own submission")
		}
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActReturn, "Bổ sung xác nhận sáng kiến cấp tỉnh")
		list := notificationsOf(t, f.Svc, &f.ClerkA)
		if k := kinds(list); k[core.KindDossierReceived] != 1 || k[core.KindDossierReturned] != 1 {
			t.Fatalf("commune A's clerk: %v", k)
		}
		if !strings.Contains(list[0].Body, "Bổ sung xác nhận sáng kiến cấp tỉnh") || list[0].Link != fmt.Sprintf("/app/dossiers/%d", d.ID) ||
			!strings.Contains(list[0].Reason, f.CommuneA.Name) {
			t.Errorf("the return: %+v", list[0])
		}
		p.step(t, &f.ClerkA, &d, tdkt.ActResubmit, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActAppraise, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActToCouncil, "")
		m, err := f.Svc.OpenMeeting(ctx, &p.ProvClerk, p.Council.ID, "2026-11-26", "Phòng họp số 1", []int64{d.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, member := range p.Members {
			if k := kinds(notificationsOf(t, f.Svc, &member)); k[core.KindBallot] != 1 {
				t.Fatalf("member %s: %v", member.Login, k)
			}
		}
		for _, member := range p.Members {
			for _, c := range d.Candidates {
				if err := f.Svc.Vote(ctx, &member, m.ID, c.ID, true); err != nil {
					if err := f.Svc.Recuse(ctx, &member, m.ID, c.ID, ""); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		if _, err := f.Svc.CloseMeeting(ctx, &p.Leader, m.ID, 1); err != nil {
			t.Fatal(err)
		}
		d = reload(t, f, &p.Leader, d.ID)
		p.step(t, &p.Leader, &d, tdkt.ActApprove, "")
		if _, err := f.Svc.Decide(ctx, &p.Leader, d.ID, core.DecisionInput{Number: "215/QĐ-UBND", Date: "2026-11-26", Signer: "Nguyễn Văn Chủ", Version: d.Version}); err != nil {
			t.Fatal(err)
		}
		k := kinds(notificationsOf(t, f.Svc, &f.ClerkA))
		if k[core.KindDossierCouncil] != 1 || k[core.KindDossierDecided] != 1 {
			t.Fatalf("commune A's clerk at the end: %v", k)
		}
		_, certs, err := f.Svc.Certificates(ctx, &p.Leader, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.Revoke(ctx, &p.Leader, certs[0].ID, "Khai man thành tích"); err != nil {
			t.Fatal(err)
		}
		if k := kinds(notificationsOf(t, f.Svc, &f.ClerkA)); k[core.KindRevoked] != 1 {
			t.Fatalf("the awardee unit's clerk after a revocation: %v", k)
		}

		// The worker sends what waits, once.
		sent, err := f.Svc.DeliverNotifications(ctx, "A")
		if err != nil {
			t.Fatal(err)
		}
		msgs := rec.messages()
		if sent == 0 || len(msgs) != sent {
			t.Fatalf("sent %d, recorded %d", sent, len(msgs))
		}
		var toClerk []notify.Message
		for _, m := range msgs {
			if m.To.Login == f.ClerkA.Login {
				toClerk = append(toClerk, m)
			}
			if m.To.Login == p.Members[0].Login {
				t.Error("a member without an address was e-mailed")
			}
		}
		if len(toClerk) != 6 { // received, returned, council, decided, revoked… and nothing of their own steps
			t.Errorf("commune A's clerk got %d e-mails", len(toClerk))
		}
		for _, m := range toClerk {
			if m.To.Email != "canbo.a@tdkt.example" || !strings.HasPrefix(m.Link, base+"/app/") || !strings.HasPrefix(m.ID, "tdkt-local-") ||
				m.PrefsURL != base+"/app/account/notifications" || m.Reason == "" {
				t.Errorf("message %+v", m)
			}
		}
		if n, _ := f.Svc.DeliverNotifications(ctx, "A"); n != 0 || len(rec.messages()) != len(msgs) {
			t.Errorf("a second pass sent %d again", n)
		}

		// The in-app list.
		items, unread, err := f.Svc.Notifications(ctx, &f.ClerkA, true, 1)
		if err != nil || unread != len(items) || unread == 0 {
			t.Fatalf("unread %d of %d: %v", unread, len(items), err)
		}
		if err := f.Svc.MarkRead(ctx, &p.ProvClerk, items[0].ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("another's notification marked read: %v", err)
		}
		if err := f.Svc.MarkRead(ctx, &f.ClerkA, items[0].ID); err != nil {
			t.Fatal(err)
		}
		if n, _ := f.Svc.UnreadCount(ctx, &f.ClerkA); n != unread-1 {
			t.Errorf("unread after one read: %d, want %d", n, unread-1)
		}
		if n, err := f.Svc.MarkAllRead(ctx, &f.ClerkA); err != nil || n != unread-1 {
			t.Errorf("marked %d, %v", n, err)
		}
		if n, _ := f.Svc.UnreadCount(ctx, &f.ClerkA); n != 0 {
			t.Errorf("unread after all read: %d", n)
		}
	})
}

func TestNotificationPrefs(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		rec := withMail(t, f.Svc, &f.ClerkA)
		err := f.Svc.SaveNotificationPrefs(ctx, &f.ClerkA, map[string]string{"khong_co": "now", core.KindDeadline: "sometimes", core.KindPasswordChanged: "off"})
		e, ok := err.(*tdkt.Error)
		if !ok || e.Code != tdkt.EInvalid || e.Fields["khong_co"] == "" || e.Fields[core.KindDeadline] == "" || e.Fields[core.KindPasswordChanged] == "" {
			t.Fatalf("invalid prefs: %v", err)
		}
		if err := f.Svc.SaveNotificationPrefs(ctx, &f.ClerkA, map[string]string{core.KindJob: "off", core.KindDeadline: "daily"}); err != nil {
			t.Fatal(err)
		}
		prefs, err := f.Svc.NotificationPrefs(ctx, &f.ClerkA)
		if err != nil || prefs[core.KindJob] != "off" || prefs[core.KindDeadline] != "daily" || prefs[core.KindDossierReturned] != "now" ||
			len(prefs) != len(core.NotificationKinds) {
			t.Fatalf("prefs %v, %v", prefs, err)
		}
		for i, kind := range []string{core.KindJob, core.KindDeadline, core.KindDeadline, core.KindDossierReturned} {
			if n, err := core.NotifyForTest(ctx, f.Svc, kind, fmt.Sprint("k", i), "Thông báo "+kind, f.ClerkA.ID); err != nil || n != 1 {
				t.Fatalf("notify: %d, %v", n, err)
			}
		}
		// 09:00 UTC is 16:00 in Hà Nội: the digest goes at 07:00 the next morning.
		if n, _ := f.Svc.DeliverNotifications(ctx, "A"); n != 1 || rec.messages()[0].Kind != core.KindDossierReturned {
			t.Fatalf("sent %d now: %+v", n, rec.messages())
		}
		log, err := f.Svc.NotificationDeliveries(ctx, &f.Admin, sqldb.DeliveryPending, 1)
		if err != nil || len(log) != 2 || log[0].DueAt != "2026-11-27T00:00:00.000000Z" || !log[0].Daily {
			t.Fatalf("pending %+v, %v", log, err)
		}
		f.Svc.Now = func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }
		if n, _ := f.Svc.DeliverNotifications(ctx, "A"); n != 2 {
			t.Fatalf("the morning digest carried %d", n)
		}
		m := rec.messages()[1]
		if len(m.Items) != 2 || m.Kind != "digest" {
			t.Errorf("digest %+v", m)
		}
		if _, err := f.Svc.NotificationDeliveries(ctx, &f.AdminA, "", 1); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a unit administrator read the delivery log: %v", err)
		}
		if len(notificationsOf(t, f.Svc, &f.ClerkA)) != 4 {
			t.Error("a kind turned off must still reach the in-app list")
		}
	})
}

// More than PerPersonPerHour messages of one kind to one person go as one; a pass
// sends PerPass at most; a failing channel retries with backoff, then fails.
func TestDeliveryGroupingCapAndRetry(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		rec := withMail(t, f.Svc, &f.ClerkA, &f.ClerkB, &f.ViewerA, &f.AdminA, &f.Admin)
		f.Svc.Notify.PerPersonPerHour = 10
		for i := range 25 {
			if _, err := core.NotifyForTest(ctx, f.Svc, core.KindDossierDecided, fmt.Sprint("d", i), fmt.Sprint("Quyết định ", i), f.ClerkA.ID); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := f.Svc.DeliverNotifications(ctx, "A"); err != nil || n != 25 || len(rec.messages()) != 1 || len(rec.messages()[0].Items) != 25 {
			t.Fatalf("25 of one kind: %d delivered in %d messages, %v", n, len(rec.messages()), err)
		}
		grouped, _ := f.Svc.NotificationDeliveries(ctx, &f.Admin, sqldb.DeliveryGrouped, 1)
		if len(grouped) != 20 || grouped[0].GroupID == 0 { // a page
			t.Errorf("grouped %d, %+v", len(grouped), grouped)
		}
		for i := range 3 {
			core.NotifyForTest(ctx, f.Svc, core.KindDossierDecided, fmt.Sprint("e", i), "Thêm", f.ClerkA.ID)
		}
		if n, _ := f.Svc.DeliverNotifications(ctx, "A"); n != 3 || len(rec.messages()) != 4 {
			t.Fatalf("within the hour's allowance: %d in %d", n, len(rec.messages()))
		}

		// The cap of a pass.
		f.Svc.Notify.PerPass = 2
		core.NotifyForTest(ctx, f.Svc, core.KindJob, "cap", "Việc", f.ClerkA.ID, f.ClerkB.ID, f.ViewerA.ID, f.AdminA.ID, f.Admin.ID)
		var passes []int
		for {
			n, err := f.Svc.DeliverNotifications(ctx, "A")
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
			passes = append(passes, n)
		}
		if fmt.Sprint(passes) != "[2 2 1]" {
			t.Errorf("passes %v", passes)
		}

		// Retries, then failure; a permanent error fails at once.
		f.Svc.Notify.PerPass = 0
		clock := tdkttest.Now
		f.Svc.Now = func() time.Time { return clock }
		rec.fail = func(m notify.Message) error {
			if m.To.Login == f.ClerkB.Login {
				return notify.Permanent{Err: errors.New("550 no such user")}
			}
			return errors.New("421 try later")
		}
		core.NotifyForTest(ctx, f.Svc, core.KindJob, "fail", "Lỗi", f.ClerkA.ID, f.ClerkB.ID)
		if n, _ := f.Svc.DeliverNotifications(ctx, "A"); n != 0 {
			t.Fatal("a failing channel delivered")
		}
		failed, _ := f.Svc.NotificationDeliveries(ctx, &f.Admin, sqldb.DeliveryFailed, 1)
		if len(failed) != 1 || failed[0].Login != f.ClerkB.Login || failed[0].LastError != "550 no such user" {
			t.Fatalf("failed %+v", failed)
		}
		pending, _ := f.Svc.NotificationDeliveries(ctx, &f.Admin, sqldb.DeliveryPending, 1)
		if len(pending) != 1 || pending[0].Attempts != 1 || pending[0].NextAt != "2026-11-26T09:01:00.000000Z" {
			t.Fatalf("pending %+v", pending)
		}
		if n, _ := f.Svc.DeliverNotifications(ctx, "A"); n != 0 || len(rec.messages()) != 9 {
			t.Fatal("retried before its time")
		}
		for _, wait := range []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour} {
			clock = clock.Add(wait)
			f.Svc.DeliverNotifications(ctx, "A")
		}
		failed, _ = f.Svc.NotificationDeliveries(ctx, &f.Admin, sqldb.DeliveryFailed, 1)
		if len(failed) != 2 || failed[1].Login != f.ClerkA.Login || failed[1].Attempts != 6 || failed[1].LastError != "421 try later" {
			t.Fatalf("after the last retry %+v", failed)
		}
	})
}

// Two processes on one database send each delivery once.
func TestTwoWorkersDeliverOnce(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		rec := withMail(t, f.Svc, &f.ClerkA, &f.ClerkB)
		f.Svc.Notify.PerPersonPerHour, f.Svc.Notify.PerPass = 1000, 25
		other := core.New(db)
		other.Now = f.Svc.Now
		other.Notify = f.Svc.Notify
		for i := range 150 {
			if _, err := core.NotifyForTest(ctx, f.Svc, core.KindJob, fmt.Sprint("j", i), fmt.Sprint("Việc ", i), f.ClerkA.ID, f.ClerkB.ID); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		for i, svc := range []*core.Service{f.Svc, other} {
			wg.Go(func() {
				for {
					n, err := svc.DeliverNotifications(ctx, []string{"A", "B"}[i])
					if err != nil {
						t.Error(err)
						return
					}
					if n == 0 {
						return
					}
				}
			})
		}
		wg.Wait()
		seen := map[string]int{}
		for _, m := range rec.messages() {
			seen[m.ID]++
			if seen[m.ID] > 1 {
				t.Errorf("%s sent twice", m.ID)
			}
		}
		if len(seen) != 300 {
			t.Errorf("sent %d distinct messages, want 300", len(seen))
		}
	})
}

// The deadline pass reminds once before a deadline and once after it, and a second
// run adds nothing; leaders get the week's overdue dossiers once.
func TestDeadlinePass(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		p := newProcedure(t, db)
		ctx, f := p.ctx, p.Fixture
		withMail(t, f.Svc, &p.ProvClerk)
		clock := tdkttest.Now
		f.Svc.Now = func() time.Time { return clock }
		d, err := f.Svc.ProposeFromRecords(ctx, &f.ClerkA, core.DossierInput{OrgID: f.CommuneA.ID, Award: "chien_si_thi_dua_bo_tinh", Year: 2025,
			PeriodFrom: 2023, Reason: "thành tích xuất sắc"}, []tdkt.Subject{{Kind: tdkt.Individual, ID: p.Good1.ID}})
		if err != nil {
			t.Fatal(err)
		}
		d = reload(t, f, &f.ClerkA, d.ID)
		p.step(t, &f.ClerkA, &d, tdkt.ActSubmit, "")
		p.step(t, &p.ProvClerk, &d, tdkt.ActReceive, "") // 5 working days to return it if incomplete
		if d.DueOn == "" {
			t.Fatal("no deadline")
		}
		eng, err := f.Svc.Engine(ctx)
		if err != nil {
			t.Fatal(err)
		}
		reminders := func() (soon, missed int) {
			for _, n := range notificationsOf(t, f.Svc, &p.ProvClerk) {
				if n.Kind == core.KindDeadline && strings.HasPrefix(n.Title, "Sắp đến hạn") {
					soon++
				} else if n.Kind == core.KindDeadline {
					missed++
				}
			}
			return
		}
		day := func() string { return clock.In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly) }
		for ; day() <= d.DueOn; clock = clock.AddDate(0, 0, 1) {
			if _, err := f.Svc.DeadlinePass(ctx); err != nil {
				t.Fatal(err)
			}
			today, _ := rules.ParseDate(day())
			want := 0
			if eng.Calendar().AddWorkingDays(today, 2).String() >= d.DueOn {
				want = 1 // and from then on: a second run adds nothing
			}
			if soon, missed := reminders(); missed != 0 || soon != want {
				t.Fatalf("%s (due %s): %d reminders, %d missed; want %d", day(), d.DueOn, soon, missed, want)
			}
		}
		if soon, _ := reminders(); soon != 1 {
			t.Fatalf("%d reminders before the deadline", soon)
		}
		// The day after the deadline: one more, and the leaders' weekly list.
		n, err := f.Svc.DeadlinePass(ctx)
		if err != nil || n != 3 { // the province's clerk; the two leaders of the province
			t.Fatalf("the day after: %d, %v", n, err)
		}
		if soon, missed := reminders(); soon != 1 || missed != 1 {
			t.Fatalf("after: %d, %d", soon, missed)
		}
		if k := kinds(notificationsOf(t, f.Svc, &p.Leader)); k[core.KindOverdueDigest] != 1 {
			t.Fatalf("leader: %v", k)
		}
		if k := kinds(notificationsOf(t, f.Svc, &f.ClerkB)); len(k) != 0 {
			t.Fatalf("commune B's clerk: %v", k)
		}
		if n, err := f.Svc.DeadlinePass(ctx); err != nil || n != 0 {
			t.Fatalf("a second run added %d, %v", n, err)
		}
		clock = clock.AddDate(0, 0, 7)
		if n, err := f.Svc.DeadlinePass(ctx); err != nil || n != 2 {
			t.Fatalf("next week: %d (the leaders' list only), %v", n, err)
		}
	})
}
