package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/notify"
	"tdkt/notify/notifytest"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// End-to-end tests of notifications: "tdkt serve" in a child process, a real SMTP
// server (aiosmtpd) storing into a Maildir, and the province fixture. A step taken
// over the API writes the outbox; the server's worker sends it.

const returnReason = "Thiếu biên bản họp bình xét của Hội đồng Thi đua – Khen thưởng xã."

// notifySite is a province installation served with e-mail configured.
type notifySite struct {
	t       *testing.T
	ctx     context.Context
	db      *sqldb.DB
	prov    *tdkttest.National
	in      *installation
	addr    string
	port    int // the SMTP server's, running or not
	maildir string
	smtp    func() // stops the SMTP server when running
	d       tdkt.Dossier
}

func newNotifySite(t *testing.T, url string) *notifySite {
	notifytest.RequireAiosmtpd(t)
	ctx := context.Background()
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	s := &notifySite{t: t, ctx: ctx, db: db, prov: tdkttest.NewProvinceInstallation(t, db), addr: freeAddr(t),
		port: notifytest.FreePort(t), maildir: filepath.Join(t.TempDir(), "maildir")}
	s.in = prepare(t, url, s.prov.Svc, db, s.addr)
	s.in.env["TDKT_SMTP_URL"] = "smtp://127.0.0.1:" + strconv.Itoa(s.port)
	s.in.env["TDKT_PUBLIC_URL"] = "http://" + s.addr
	s.in.env["TDKT_NOTIFY_EVERY"] = "100ms"
	s.in.env["TDKT_NOTIFY_PER_HOUR"] = "1000" // these tests count single messages
	return s
}

// giveAddresses gives every account an address, as the demo does.
func (s *notifySite) giveAddresses() {
	if err := s.db.Update(s.ctx, func(tx *sqldb.Tx) error {
		_, err := tx.Exec(s.ctx, `UPDATE accounts SET email = login || '@tdkt.example'`)
		return err
	}); err != nil {
		s.t.Fatal(err)
	}
}

// submitted makes commune A's dossier for the Prime Minister's Bằng khen and takes
// it, in this process, to the province, which receives it.
func (s *notifySite) submitted() {
	t, svc, p := s.t, s.prov.Svc, s.prov
	d, err := svc.CreateDossier(s.ctx, &p.ClerkA, core.DossierInput{OrgID: p.CommuneA.ID, Award: "bang_khen_thu_tuong", Year: 2025, PeriodFrom: 2021})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddCandidate(s.ctx, &p.ClerkA, d.ID, tdkt.Subject{Kind: tdkt.Individual, ID: p.Officer.ID}, ""); err != nil {
		t.Fatal(err)
	}
	v, err := svc.GetDossier(s.ctx, &p.ClerkA, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	s.d = v.Dossier
	tdkttest.Step(t, svc, &p.ClerkA, &s.d, tdkt.ActSubmit, "")
	tdkttest.Step(t, svc, &p.ProvClerk, &s.d, tdkt.ActReceive, "")
}

// returnOverAPI is the province clerk returning the dossier with a reason, over the
// served API: the step must succeed whatever the mail server does.
func (s *notifySite) returnOverAPI() {
	t := s.t
	svc := s.prov.Svc
	now := svc.Now
	svc.Now = time.Now // the token lives in real time, as the child does
	token, err := svc.CreateToken(s.ctx, s.prov.ProvClerk.Login)
	svc.Now = now
	if err != nil {
		t.Fatal(err)
	}
	api := &apiClient{base: "http://" + s.addr, token: token, hc: &http.Client{Timeout: 30 * time.Second}}
	var detail struct {
		Version int `json:"version"`
	}
	path := "/api/v1/dossiers/" + strconv.FormatInt(s.d.ID, 10)
	if status, err := api.do("GET", path, nil, &detail); err != nil {
		t.Fatalf("%d %v", status, err)
	}
	if status, err := api.do("POST", path+"/steps", map[string]any{"action": "return", "version": detail.Version, "note": returnReason}, nil); err != nil {
		t.Fatalf("return: %d %v\n%s", status, err, s.in.srv.output())
	}
}

// count is a number from the database.
func (s *notifySite) count(query string, args ...any) int64 {
	var n int64
	if err := s.db.View(s.ctx, func(tx *sqldb.Tx) (err error) { n, err = tx.Int(s.ctx, query, args...); return err }); err != nil {
		s.t.Fatal(err)
	}
	return n
}

// emailDeliveries counts the e-mail deliveries of the returned dossier's
// notifications in a status.
func (s *notifySite) emailDeliveries(status string) int64 {
	return s.count(`SELECT count(*) FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
		WHERE d.channel = 'email' AND n.kind = 'dossier_returned' AND d.status = ?`, status)
}

// returnedTo are the addresses the return notice should reach: the clerks and
// leaders of commune A, the level it went back to.
func (s *notifySite) returnedTo() int64 {
	return s.count(`SELECT count(*) FROM notifications n JOIN accounts a ON a.id = n.account_id
		WHERE n.kind = 'dossier_returned' AND a.email <> ''`)
}

// waitFor polls cond until it holds; the budget only bounds a broken run.
func (s *notifySite) waitFor(what string, cond func() bool) {
	s.t.Helper()
	deadline := time.Now().Add(killBudget)
	for !cond() {
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: not reached\n%s", what, s.in.srv.output())
		}
		time.Sleep(50 * time.Millisecond) // polling the outcome, not ordering events
	}
}

// returnMails are the dossier_returned messages of the Maildir, by envelope
// recipient; each recipient must have exactly one.
func (s *notifySite) returnMails() map[string]notifytest.Mail {
	t := s.t
	out := map[string]notifytest.Mail{}
	ids := map[string]bool{}
	for _, m := range notifytest.Messages(t, s.maildir) {
		r := notifytest.Read(t, m)
		if ids[r.MessageID] {
			t.Errorf("Message-ID %s arrived twice", r.MessageID)
		}
		ids[r.MessageID] = true
		if r.Kind != "dossier_returned" {
			continue
		}
		if _, dup := out[r.To]; dup {
			t.Errorf("%s got the return notice twice", r.To)
		}
		out[r.To] = r
	}
	return out
}

var dossierLinkRE = regexp.MustCompile(`https?://\S+/app/dossiers/\d+`)

// TestReturnedDossierReachesTheClerk: a dossier returned with a reason reaches the
// commune clerk's mailbox with the reason and a link that opens the dossier.
func TestReturnedDossierReachesTheClerk(t *testing.T) {
	for name, fresh := range databases(t) {
		t.Run(name, func(t *testing.T) {
			s := newNotifySite(t, fresh(t))
			s.giveAddresses()
			s.submitted()
			s.smtp = notifytest.StartSMTP(t, s.port, s.maildir)
			budget, cancel := context.WithTimeout(s.ctx, killBudget)
			defer cancel()
			s.in.srv.start(budget)
			s.returnOverAPI()
			want := s.returnedTo()
			if want < 1 {
				t.Fatalf("the return made %d notifications with an address", want)
			}
			s.waitFor("every return notice sent", func() bool { return s.emailDeliveries("sent") == want })
			mails := s.returnMails()
			clerk := s.prov.ClerkA.Login + "@tdkt.example"
			m, ok := mails[clerk]
			if !ok || int64(len(mails)) != want {
				t.Fatalf("return notices to %v, want %d including %s", keys(mails), want, clerk)
			}
			if !strings.Contains(m.Subject, s.d.Title) || !strings.Contains(m.Text, returnReason) || !strings.Contains(m.HTML, returnReason) {
				t.Errorf("the notice lacks the title or the reason:\n%s\n%s", m.Subject, m.Text)
			}
			link := dossierLinkRE.FindString(m.Text)
			if link != "http://"+s.addr+"/app/dossiers/"+strconv.FormatInt(s.d.ID, 10) {
				t.Fatalf("link %q in\n%s", link, m.Text)
			}
			// The clerk follows the link, signed in.
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
			resp, err := c.PostForm("http://"+s.addr+"/app/login", url.Values{"login": {s.prov.ClerkA.Login}, "password": {tdkttest.Password}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			resp, err = c.Get(link)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || resp.Request.URL.String() != link {
				t.Errorf("GET %s as the clerk: %d at %s", link, resp.StatusCode, resp.Request.URL)
			}
			s.in.srv.stop()
		})
	}
}

// TestMailServerDown: with the mail server down the step succeeds, the delivery
// fails and waits for a retry, and when the server is back the notice arrives once.
func TestMailServerDown(t *testing.T) {
	for name, fresh := range databases(t) {
		t.Run(name, func(t *testing.T) {
			s := newNotifySite(t, fresh(t))
			s.giveAddresses()
			s.submitted()
			budget, cancel := context.WithTimeout(s.ctx, killBudget)
			defer cancel()
			s.in.srv.start(budget) // no SMTP server on s.port
			s.returnOverAPI()
			want := s.returnedTo()
			s.waitFor("every delivery tried and failed", func() bool {
				return s.count(`SELECT count(*) FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
					WHERE d.channel = 'email' AND n.kind = 'dossier_returned' AND d.status = 'pending' AND d.attempts >= 1 AND d.last_error <> ''`) == want
			})
			s.in.srv.stop()
			// The backoff (a minute after the first failure) passes, the mail server is
			// back, and one pass of "tdkt notify deliver" sends what waited.
			if err := s.db.Update(s.ctx, func(tx *sqldb.Tx) error {
				_, err := tx.Exec(s.ctx, `UPDATE notification_deliveries SET next_at = due_at WHERE status = 'pending'`)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			s.smtp = notifytest.StartSMTP(t, s.port, s.maildir)
			out, e, err := runCmd(t, s.in.env, "", "notify", "deliver", "--db", s.in.url)
			if err != nil {
				t.Fatalf("notify deliver: %v\n%s%s", err, out, e)
			}
			if n := s.emailDeliveries("sent"); n != want {
				t.Fatalf("%d of %d sent after the server came back\n%s%s", n, want, out, e)
			}
			if mails := s.returnMails(); int64(len(mails)) != want {
				t.Errorf("return notices to %v, want %d", keys(mails), want)
			}
			if n := s.count(`SELECT count(*) FROM notification_deliveries WHERE channel = 'email' AND status = 'sent' AND attempts < 2`); n != 0 {
				t.Errorf("%d deliveries sent without a retry", n)
			}
			if _, e, err := runCmd(t, s.in.env, "", "audit", "verify", "--db", s.in.url); err != nil {
				t.Errorf("audit verify: %v\n%s", err, e)
			}
		})
	}
}

// TestNotificationSurvivesKill9: the server commits a step and is killed with
// SIGKILL before its worker sends the notice (the worker's next pass is an hour
// away and the mail server is down); after the restart, with the mail server up,
// the notice arrives exactly once.
func TestNotificationSurvivesKill9(t *testing.T) {
	for name, fresh := range databases(t) {
		t.Run(name, func(t *testing.T) {
			s := newNotifySite(t, fresh(t))
			s.giveAddresses()
			s.submitted()
			budget, cancel := context.WithTimeout(s.ctx, killBudget)
			defer cancel()
			s.in.env["TDKT_NOTIFY_EVERY"] = "1h"
			s.in.srv.start(budget)
			s.returnOverAPI()
			s.in.srv.kill()
			want := s.returnedTo()
			if n := s.emailDeliveries("pending"); n != want || want < 1 {
				t.Fatalf("after the kill %d deliveries are pending, want %d", n, want)
			}
			// Should the worker's pass at start have overlapped the step and failed on
			// the closed port, its backoff has passed by now.
			if err := s.db.Update(s.ctx, func(tx *sqldb.Tx) error {
				_, err := tx.Exec(s.ctx, `UPDATE notification_deliveries SET next_at = due_at WHERE status = 'pending'`)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			s.smtp = notifytest.StartSMTP(t, s.port, s.maildir)
			s.in.env["TDKT_NOTIFY_EVERY"] = "100ms"
			s.in.srv.start(budget)
			s.waitFor("every return notice sent after the restart", func() bool { return s.emailDeliveries("sent") == want })
			// Leave the worker a few more passes (every 100ms) in which it must send
			// nothing again; the count below does not depend on this pause.
			time.Sleep(300 * time.Millisecond)
			s.in.srv.stop()
			if mails := s.returnMails(); int64(len(mails)) != want {
				t.Errorf("return notices to %v, want %d", keys(mails), want)
			}
			if _, e, err := runCmd(t, s.in.env, "", "audit", "verify", "--db", s.in.url); err != nil {
				t.Errorf("audit verify: %v\n%s", err, e)
			}
		})
	}
}

// TestTwoServersSendEachNoticeOnce: two serving processes on one PostgreSQL share
// the outbox; a submission that notifies 40 clerks at once sends each notice once.
func TestTwoServersSendEachNoticeOnce(t *testing.T) {
	s := newNotifySite(t, databases(t)["postgres"](t))
	p := s.prov
	for i := range 40 {
		if _, err := p.Svc.CreateAccount(s.ctx, nil, core.NewAccount{Login: fmt.Sprintf("canbo.snv%02d", i), Name: "Cán bộ Sở Nội vụ " + strconv.Itoa(i),
			Password: tdkttest.Password, Role: tdkt.RoleClerk, OrgCode: "T01-SNV"}); err != nil {
			t.Fatal(err)
		}
	}
	s.giveAddresses()
	s.smtp = notifytest.StartSMTP(t, s.port, s.maildir)
	budget, cancel := context.WithTimeout(s.ctx, killBudget)
	defer cancel()
	second := &childServer{t: t, addr: freeAddr(t), url: s.in.url, dir: t.TempDir(), env: s.in.env}
	s.in.env["TDKT_NOTIFY_EVERY"] = "20ms"
	s.in.srv.start(budget)
	second.start(budget)
	// The submission is taken in this process, which writes the outbox (its own
	// channel is never used: the servers send).
	p.Svc.Notify = core.NotifyConfig{Email: notify.NewMailer(notify.SMTPConfig{Host: "127.0.0.1", Port: s.port, Security: notify.SecurityNone}),
		BaseURL: "http://" + s.addr, PerPersonPerHour: 1000}
	s.submitted()
	total := s.count(`SELECT count(*) FROM notification_deliveries WHERE channel = 'email'`)
	if total < 41 {
		t.Fatalf("%d e-mail deliveries, want at least 41", total)
	}
	s.waitFor("every notice sent", func() bool {
		return s.count(`SELECT count(*) FROM notification_deliveries WHERE channel = 'email' AND status = 'sent'`) == total
	})
	s.in.srv.stop()
	second.stop()
	ids := map[string]int{}
	for _, m := range notifytest.Messages(t, s.maildir) {
		ids[notifytest.Read(t, m).MessageID]++
	}
	if int64(len(ids)) != total {
		t.Errorf("%d distinct messages for %d deliveries", len(ids), total)
	}
	for id, n := range ids {
		if n != 1 {
			t.Errorf("%s arrived %d times", id, n)
		}
	}
	t.Logf("%d deliveries, %d messages", total, len(ids))
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
