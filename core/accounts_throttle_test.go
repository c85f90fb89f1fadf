package core_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// TestAttackerDoesNotLockOutOwner: 60 wrong passwords from 12 addresses reach the
// account-wide limit, and the owner still logs in from a known device or with the
// second factor, while the attacker, even with the right password, does not.
func TestAttackerDoesNotLockOutOwner(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		login := func(r core.LoginRequest) (core.LoginResult, error) { return f.Svc.Login(ctx, r) }
		// The clerk logged in once before, from the browser she uses: a known device.
		before, err := login(core.LoginRequest{Login: "canbo.a", Password: tdkttest.Password, IP: "192.168.1.10"})
		if err != nil || before.Device == "" {
			t.Fatalf("the clerk's usual login: %v (device %q)", err, before.Device)
		}
		for _, who := range []string{"canbo.a", "quantri"} {
			wrong, limited := 0, 0
			for i := range 60 {
				_, err := login(core.LoginRequest{Login: who, Password: fmt.Sprintf("doan-bua-%d", i), IP: fmt.Sprintf("203.0.113.%d", i%12)})
				switch tdkt.CodeOf(err) {
				case tdkt.EUnauthenticated:
					wrong++
				case tdkt.ETooMany:
					limited++
				default:
					t.Fatalf("%s guess %d: %v", who, i, err)
				}
			}
			if wrong != 50 || limited != 10 {
				t.Errorf("%s: %d guesses checked and %d refused, want 50 and 10", who, wrong, limited)
			}
			// The attacker who finds the password gets nothing more without the owner's device or code.
			if _, err := login(core.LoginRequest{Login: who, Password: tdkttest.Password, IP: "203.0.113.200"}); tdkt.CodeOf(err) != tdkt.ETooMany {
				t.Errorf("%s: the right password from a stranger while limited: %v, want too many", who, err)
			}
		}
		// The clerk from her known device.
		res, err := login(core.LoginRequest{Login: "canbo.a", Password: tdkttest.Password, IP: "192.168.1.10", Device: before.Device})
		if err != nil || res.Session == "" {
			t.Errorf("the clerk from her known device: %v", err)
		}
		// A known device of another account does not help.
		if _, err := login(core.LoginRequest{Login: "quantri", Password: tdkttest.Password, IP: "192.168.1.11", Device: before.Device}); tdkt.CodeOf(err) != tdkt.ETooMany {
			t.Errorf("the administrator with the clerk's device: %v, want too many", err)
		}
		// The administrator gives the code with the password.
		code := f.SecondFactorCode(t, "quantri")
		if _, err := login(core.LoginRequest{Login: "quantri", Password: "sai-mat-khau", IP: "192.168.1.11", Code: code}); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("a wrong password with the right code: %v", err)
		}
		res, err = login(core.LoginRequest{Login: "quantri", Password: tdkttest.Password, IP: "192.168.1.11", Code: code})
		if err != nil || res.Session == "" || res.Pending != "" {
			t.Fatalf("the administrator with password and code: %+v %v", res, err)
		}
		if _, c, err := f.Svc.Session(ctx, res.Session); err != nil || !c.SecondFactor {
			t.Errorf("the session passed the second factor: %+v %v", c, err)
		}
		// The failures are still counted (a success does not erase them).
		var failures int64
		db.View(ctx, func(tx *sqldb.Tx) (err error) {
			failures, err = tx.Int(ctx, `SELECT count(*) FROM login_failures WHERE login = 'quantri'`)
			return err
		})
		if failures != 51 { // 50 guesses and the wrong password given with the code
			t.Errorf("%d failures of quantri kept, want 51", failures)
		}
	})
}

// TestParallelGuessesCheckAtMostTheLimit releases 40 guesses for one account from one
// address together; no more passwords are checked than the limit (5).
func TestParallelGuessesCheckAtMostTheLimit(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		var checked atomic.Int64
		core.SetPasswordChecked(f.Svc, func() { checked.Add(1) })
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make([]error, 40)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = f.Svc.Login(ctx, core.LoginRequest{Login: "canbo.b", Password: fmt.Sprintf("sai-%d", i), IP: "198.51.100.7"})
			}()
		}
		close(start)
		wg.Wait()
		wrong, limited := 0, 0
		for _, err := range errs {
			switch tdkt.CodeOf(err) {
			case tdkt.EUnauthenticated:
				wrong++
			case tdkt.ETooMany:
				limited++
			default:
				t.Errorf("unexpected: %v", err)
			}
		}
		if n := checked.Load(); n != 5 || wrong != 5 || limited != 35 {
			t.Errorf("%d passwords checked, %d wrong, %d refused; want 5, 5, 35", n, wrong, limited)
		}
	})
}

// TestFailedLoginsAreAudited: a wrong password and an unknown login each leave an
// audit event with the login tried and the address, and never the password.
func TestFailedLoginsAreAudited(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		f.Svc.Login(ctx, core.LoginRequest{Login: "canbo.a", Password: "bi-mat-sai-1", IP: "10.1.1.1"})
		f.Svc.Login(ctx, core.LoginRequest{Login: "khong.co.ai", Password: "bi-mat-sai-2", IP: "10.1.1.2"})
		type ev struct {
			id    int64
			actor string
			after string
		}
		var got []ev
		if err := db.View(ctx, func(tx *sqldb.Tx) error {
			rows, err := tx.Query(ctx, `SELECT entity_id, actor, after_json FROM audit_events WHERE action = 'login_failed' AND entity = 'account' ORDER BY id`)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var e ev
				if err := rows.Scan(&e.id, &e.actor, &e.after); err != nil {
					return err
				}
				got = append(got, e)
			}
			return rows.Err()
		}); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("%d login_failed events, want 2: %+v", len(got), got)
		}
		for i, want := range []struct {
			id        int64
			login, ip string
		}{{f.ClerkA.ID, "canbo.a", "10.1.1.1"}, {0, "khong.co.ai", "10.1.1.2"}} {
			var after map[string]string
			json.Unmarshal([]byte(got[i].after), &after)
			if got[i].id != want.id || after["login"] != want.login || after["ip"] != want.ip {
				t.Errorf("event %d: %+v, want account %d, login %s, ip %s", i, got[i], want.id, want.login, want.ip)
			}
			if strings.Contains(got[i].after, "bi-mat-sai") {
				t.Errorf("event %d keeps the password: %s", i, got[i].after)
			}
		}
		if _, err := f.Svc.VerifyAudit(ctx); err != nil {
			t.Errorf("the audit chain after failed logins: %v", err)
		}
	})
}
