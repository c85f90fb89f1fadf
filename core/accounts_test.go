package core_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
	"tdkt/tdkttest"
)

// signedIn logs who in with the fixture password from ip, through the second step
// when the account has a second factor, and returns the session token and a context
// that carries the session's credential, as the server's sign-in gives it.
func signedIn(t *testing.T, f *tdkttest.Fixture, who, ip string) (string, context.Context) {
	t.Helper()
	ctx := context.Background()
	res, err := f.Svc.Login(ctx, core.LoginRequest{Login: who, Password: tdkttest.Password, IP: ip, UserAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/130.0"})
	if err == nil && res.Pending != "" {
		res, err = f.Svc.LoginSecondFactor(ctx, res.Pending, f.SecondFactorCode(t, who), ip, "Mozilla/5.0 (Windows NT 10.0) Chrome/130.0")
	}
	if err != nil || res.Session == "" {
		t.Fatalf("login %s: %v", who, err)
	}
	_, c, err := f.Svc.Session(ctx, res.Session)
	if err != nil {
		t.Fatal(err)
	}
	return res.Session, core.WithCredential(ctx, c)
}

func TestPasswordPolicy(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		for _, c := range []struct {
			login, name, password string
			role                  tdkt.Role
			says                  string // "" when accepted
		}{
			{"qt.moi", "Trần Văn Quản", "12345678", tdkt.RoleAdmin, "ít nhất 12 ký tự"},
			{"qt.moi", "Trần Văn Quản", "mot-cau-dai", tdkt.RoleAdmin, "ít nhất 12 ký tự"},
			{"ld.moi", "Lê Thị Lãnh", "matkhau12345", tdkt.RoleLeader, "phổ biến"},
			{"cb.moi", "Phạm Văn Cán", "123456789", tdkt.RoleClerk, "ít nhất 10 ký tự"},
			{"cb.moi", "Phạm Văn Cán", "qwertyuiop", tdkt.RoleClerk, "phổ biến"},
			{"cb.moi", "Phạm Văn Cán", "anhyeuem123", tdkt.RoleClerk, "phổ biến"},
			{"cb.moi", "Phạm Văn Cán", "Matkhau@2025", tdkt.RoleClerk, "phổ biến"},
			{"cb.moi", "Phạm Văn Cán", "aaaaaaaaaaaa", tdkt.RoleClerk, "phổ biến"},
			{"nguyenhoa", "Nguyễn Hòa", "nguyenhoa-2026", tdkt.RoleClerk, "tên đăng nhập"},
			{"cb.hoa", "Nguyễn Thị Hòa", "NguyenThiHoa#99", tdkt.RoleClerk, "họ tên"},
			{"cb.hoa", "Nguyễn Thị Hòa", "Nguyễn Thị Hòa 99", tdkt.RoleClerk, "họ tên"},
			{"xem.moi", "Đỗ Văn Xem", "cay-tre-lang-que", tdkt.RoleViewer, ""},
			{"qt.moi", "Trần Văn Quản", "mat-khau-thu-nghiem", tdkt.RoleAdmin, ""},
		} {
			_, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: c.login, Name: c.name, Password: c.password, Role: c.role, OrgCode: "X01"})
			if c.says == "" {
				if err != nil {
					t.Errorf("%q for %s: %v", c.password, c.role, err)
				}
				continue
			}
			e, _ := err.(*tdkt.Error)
			if e == nil || e.Code != tdkt.EInvalid || !strings.Contains(e.Fields["password"], c.says) {
				t.Errorf("%q for %s (%s): %v, want a password message with %q", c.password, c.role, c.login, err, c.says)
			}
		}
	})
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		other, _ := signedIn(t, f, "canbo.a", "10.2.0.1")
		current, ctx := signedIn(t, f, "canbo.a", "10.2.0.2")
		const fresh = "mua-xuan-tren-dong-song"
		for _, c := range []struct{ current, password, repeat, field string }{
			{"sai-roi-nhe", fresh, fresh, "current"},
			{tdkttest.Password, "ngan", "ngan", "password"},
			{tdkttest.Password, fresh, fresh + "x", "repeat"},
		} {
			err := f.Svc.ChangePassword(ctx, &f.ClerkA, c.current, c.password, c.repeat)
			if e, _ := err.(*tdkt.Error); e == nil || e.Fields[c.field] == "" {
				t.Errorf("%+v: %v, want a message on %s", c, err, c.field)
			}
		}
		if err := f.Svc.ChangePassword(ctx, &f.ClerkA, tdkttest.Password, fresh, fresh); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.SessionAccount(ctx, other); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("the other session after a password change: %v", err)
		}
		if _, err := f.Svc.SessionAccount(ctx, current); err != nil {
			t.Errorf("the current session after a password change: %v", err)
		}
		if _, err := f.Svc.Login(ctx, core.LoginRequest{Login: "canbo.a", Password: fresh, IP: "10.2.0.3"}); err != nil {
			t.Errorf("login with the new password: %v", err)
		}
		if _, err := f.Svc.Login(ctx, core.LoginRequest{Login: "canbo.a", Password: tdkttest.Password, IP: "10.2.0.3"}); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("login with the old password: %v", err)
		}
	})
}

func TestDisableAccountEndsItsSessionsAndTokens(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		sess, _ := signedIn(t, f, "canbo.a", "10.3.0.1")
		tok := f.Token(t, "canbo.a")
		// Not oneself; not outside one's subtree; an installation administrator only by another.
		if err := f.Svc.SetAccountDisabled(ctx, &f.Admin, f.Admin.ID, true); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("disabling oneself: %v", err)
		}
		if err := f.Svc.SetAccountDisabled(ctx, &f.AdminA, f.Admin.ID, true); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("a commune administrator disabling the province's: %v", err)
		}
		if err := f.Svc.SetAccountDisabled(ctx, &f.AdminA, f.ClerkB.ID, true); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("disabling an account of another commune: %v", err)
		}
		if err := f.Svc.SetAccountDisabled(ctx, &f.ClerkA, f.ViewerA.ID, true); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a clerk disabling an account: %v", err)
		}
		other, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: "quantri.2", Name: "Quản trị hai", Password: tdkttest.Password,
			Role: tdkt.RoleAdmin, OrgCode: "T01", InstallationAdmin: true})
		if err != nil {
			t.Fatal(err)
		}
		province, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: "quantri.tinh", Name: "Quản trị tỉnh", Password: tdkttest.Password,
			Role: tdkt.RoleAdmin, OrgCode: "T01"})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Svc.SetAccountDisabled(ctx, &province, other.ID, true); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a unit administrator disabling an installation administrator: %v", err)
		}
		if err := f.Svc.SetAccountDisabled(ctx, &f.Admin, other.ID, true); err != nil {
			t.Errorf("an installation administrator disabling another: %v", err)
		}

		if err := f.Svc.SetAccountDisabled(ctx, &f.AdminA, f.ClerkA.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.SessionAccount(ctx, sess); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("the session of a disabled account: %v", err)
		}
		if _, err := f.Svc.TokenAccount(ctx, tok); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("the token of a disabled account: %v", err)
		}
		if _, err := f.Svc.Login(ctx, core.LoginRequest{Login: "canbo.a", Password: tdkttest.Password, IP: "10.3.0.2"}); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("login to a disabled account: %v", err)
		}
		if err := f.Svc.SetAccountDisabled(ctx, &f.AdminA, f.ClerkA.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.Login(ctx, core.LoginRequest{Login: "canbo.a", Password: tdkttest.Password, IP: "10.3.0.2"}); err != nil {
			t.Errorf("login after enabling again: %v", err)
		}
		if _, err := f.Svc.TokenAccount(ctx, tok); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("a revoked token came back with the account: %v", err)
		}
		// A reset by the administrator: a new password, every session ended.
		sess, _ = signedIn(t, f, "canbo.a", "10.3.0.3")
		if err := f.Svc.ResetAccountPassword(ctx, &f.AdminA, f.ClerkA.ID, "12345678", false); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a reset to a weak password: %v", err)
		}
		if err := f.Svc.ResetAccountPassword(ctx, &f.AdminA, f.ClerkA.ID, "hoa-sen-trong-dam", false); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.SessionAccount(ctx, sess); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("a session after a reset: %v", err)
		}
		var actions []string
		ev, err := f.Svc.AccountAudit(ctx, &f.Admin, f.ClerkA.ID)
		for _, e := range ev {
			actions = append(actions, e.Action)
		}
		if all := " " + strings.Join(actions, " ") + " "; err != nil || !strings.Contains(all, " disable ") || !strings.Contains(all, " login_failed ") ||
			!strings.Contains(all, " enable ") || !strings.Contains(all, " reset_password ") {
			t.Errorf("the account's audit: %v %v", actions, err)
		}
	})
}

func TestAPITokensExpireAndRevoke(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		// A clerk without a second factor may not create a token in the application.
		_, clerkCtx := signedIn(t, f, "canbo.a", "10.4.0.1")
		if _, err := f.Svc.CreateAPIToken(clerkCtx, &f.ClerkA, "báo cáo", 30); tdkt.CodeOf(err) != tdkt.EForbidden {
			t.Errorf("a token from a session without the second factor: %v", err)
		}
		_, adminCtx := signedIn(t, f, "quantri", "10.4.0.2")
		for _, days := range []int{-1, 366} {
			if _, err := f.Svc.CreateAPIToken(adminCtx, &f.Admin, "x", days); tdkt.CodeOf(err) != tdkt.EInvalid {
				t.Errorf("%d days: %v", days, err)
			}
		}
		short, err := f.Svc.CreateAPIToken(adminCtx, &f.Admin, "Đồng bộ số liệu", 10)
		if err != nil {
			t.Fatal(err)
		}
		long, err := f.Svc.CreateAPIToken(adminCtx, &f.Admin, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := tdkttest.Now.Add(90 * 24 * time.Hour).Format("2006-01-02"); !strings.HasPrefix(long.ExpiresAt, want) {
			t.Errorf("default expiry %s, want %s", long.ExpiresAt, want)
		}
		if _, err := f.Svc.TokenAccount(ctx, short.Token); err != nil {
			t.Fatal(err)
		}
		list, err := f.Svc.APITokens(ctx, &f.Admin)
		if err != nil || len(list) != 2 || list[1].Name != "Đồng bộ số liệu" || list[1].LastUsedAt == "" || list[0].LastUsedAt != "" {
			t.Errorf("tokens: %+v %v", list, err)
		}
		if err := f.Svc.RevokeAPIToken(ctx, &f.ClerkA, long.ID); tdkt.CodeOf(err) != tdkt.ENotFound {
			t.Errorf("revoking another account's token: %v", err)
		}
		if err := f.Svc.RevokeAPIToken(ctx, &f.Admin, long.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.TokenAccount(ctx, long.Token); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("a revoked token: %v", err)
		}
		f.Svc.Now = func() time.Time { return tdkttest.Now.Add(11 * 24 * time.Hour) }
		if _, err := f.Svc.TokenAccount(ctx, short.Token); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("an expired token: %v", err)
		}
	})
}

func TestSecondFactorLogin(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		res, err := f.Svc.Login(ctx, core.LoginRequest{Login: "quantri", Password: tdkttest.Password, IP: "10.5.0.1", Next: "/app/people"})
		if err != nil || res.Pending == "" || res.Session != "" {
			t.Fatalf("the password step of an account with a second factor: %+v %v", res, err)
		}
		if _, err := f.Svc.LoginSecondFactor(ctx, res.Pending, "000000", "10.5.0.1", ""); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("a wrong code: %v", err)
		}
		code := f.SecondFactorCode(t, "quantri")
		done, err := f.Svc.LoginSecondFactor(ctx, res.Pending, code, "10.5.0.1", "")
		if err != nil || done.Session == "" || done.Next != "/app/people" || done.Account.ID != f.Admin.ID {
			t.Fatalf("the code step: %+v %v", done, err)
		}
		if _, err := f.Svc.LoginSecondFactor(ctx, res.Pending, code, "10.5.0.1", ""); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("the pending login used twice: %v", err)
		}
		// The same code is not accepted a second time.
		again, _ := f.Svc.Login(ctx, core.LoginRequest{Login: "quantri", Password: tdkttest.Password, IP: "10.5.0.1"})
		if _, err := f.Svc.LoginSecondFactor(ctx, again.Pending, code, "10.5.0.1", ""); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("a replayed code: %v", err)
		}
		// Five codes at most per pending login.
		for i := range 4 {
			f.Svc.LoginSecondFactor(ctx, again.Pending, "11111"+string(rune('0'+i)), "10.5.0.1", "")
		}
		if _, err := f.Svc.LoginSecondFactor(ctx, again.Pending, f.SecondFactorCode(t, "quantri"), "10.5.0.1", ""); tdkt.CodeOf(err) != tdkt.EUnauthenticated ||
			!strings.Contains(err.Error(), "đăng nhập lại") {
			t.Errorf("a sixth code: %v", err)
		}
	})
}

func TestRecoveryCodesAreSingleUse(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		leader, err := f.Svc.CreateAccount(ctx, nil, core.NewAccount{Login: "lanhdao.x", Name: "Lê Văn Lãnh", Password: tdkttest.Password, Role: tdkt.RoleLeader, OrgCode: "X01"})
		if err != nil {
			t.Fatal(err)
		}
		res, err := f.Svc.Login(ctx, core.LoginRequest{Login: "lanhdao.x", Password: tdkttest.Password, IP: "10.6.0.1"})
		if err != nil || !res.MustEnrol || res.Session == "" {
			t.Fatalf("a leader without a second factor must enrol: %+v %v", res, err)
		}
		if _, c, err := f.Svc.Session(ctx, res.Session); err != nil || !c.MustEnrol {
			t.Errorf("the session says it must enrol: %+v %v", c, err)
		}
		e, err := f.Svc.BeginTOTP(ctx, &leader)
		if err != nil || !strings.HasPrefix(e.URI, "otpauth://totp/TDKT:lanhdao.x?") || !strings.Contains(e.URI, "secret="+e.Secret) {
			t.Fatalf("enrolment: %+v %v", e, err)
		}
		if _, err := f.Svc.ConfirmTOTP(ctx, &leader, "123456"); tdkt.CodeOf(err) != tdkt.EInvalid {
			t.Errorf("a wrong confirmation code: %v", err)
		}
		codes, err := f.Svc.ConfirmTOTP(ctx, &leader, core.TOTPCode(e.Secret, tdkttest.Now))
		if err != nil || len(codes) != 10 {
			t.Fatalf("confirm: %v %v", codes, err)
		}
		if _, c, _ := f.Svc.Session(ctx, res.Session); c.MustEnrol {
			t.Error("the session must still enrol after enrolment")
		}
		var stored int64
		db.View(ctx, func(tx *sqldb.Tx) error {
			stored, _ = tx.Int(ctx, `SELECT count(*) FROM recovery_codes WHERE code_hash = ?`, codes[0])
			return nil
		})
		if stored != 0 {
			t.Error("a recovery code is stored in clear")
		}
		for i, want := range []tdkt.ErrorCode{"", tdkt.EUnauthenticated} {
			p, _ := f.Svc.Login(ctx, core.LoginRequest{Login: "lanhdao.x", Password: tdkttest.Password, IP: "10.6.0.1"})
			_, err := f.Svc.LoginSecondFactor(ctx, p.Pending, strings.ToUpper(core.FormatRecoveryCode(codes[0])), "10.6.0.1", "")
			if tdkt.CodeOf(err) != want {
				t.Errorf("recovery code, use %d: %v", i+1, err)
			}
		}
		st, err := f.Svc.SecondFactor(ctx, &leader)
		if err != nil || !st.Enabled || st.RecoveryLeft != 9 {
			t.Errorf("status: %+v %v", st, err)
		}
	})
}

func TestSessionsIdleTimeoutAndList(t *testing.T) {
	tdkttest.EachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := tdkttest.NewFixture(t, db)
		ctx := context.Background()
		at := func(d time.Duration) { f.Svc.Now = func() time.Time { return tdkttest.Now.Add(d) } }
		first, _ := signedIn(t, f, "canbo.b", "10.7.0.1")
		second, secondCtx := signedIn(t, f, "canbo.b", "10.7.0.2")
		list, err := f.Svc.Sessions(secondCtx, &f.ClerkB)
		if err != nil || len(list) != 2 {
			t.Fatalf("sessions: %+v %v", list, err)
		}
		for _, s := range list {
			if s.Current != (s.IP == "10.7.0.2") || s.Browser != "Chrome trên Windows" {
				t.Errorf("session %+v", s)
			}
		}
		// Used at 25 minutes, the first session lives on; the second, idle, ends at 31.
		at(25 * time.Minute)
		if _, err := f.Svc.SessionAccount(ctx, first); err != nil {
			t.Fatal(err)
		}
		at(31 * time.Minute)
		if _, err := f.Svc.SessionAccount(ctx, first); err != nil {
			t.Errorf("a session used 6 minutes ago: %v", err)
		}
		if _, err := f.Svc.SessionAccount(ctx, second); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("a session idle for 31 minutes: %v", err)
		}
		// The absolute lifetime holds however busy the session is.
		for d := 40 * time.Minute; d < core.SessionLifetime; d += 20 * time.Minute {
			at(d)
			if _, err := f.Svc.SessionAccount(ctx, first); err != nil {
				t.Fatalf("at %v: %v", d, err)
			}
		}
		at(core.SessionLifetime + time.Minute)
		if _, err := f.Svc.SessionAccount(ctx, first); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("a session past its lifetime: %v", err)
		}
		at(0)
		a, aCtx := signedIn(t, f, "canbo.b", "10.7.0.3")
		b, _ := signedIn(t, f, "canbo.b", "10.7.0.4")
		c, _ := signedIn(t, f, "canbo.b", "10.7.0.5")
		list, _ = f.Svc.Sessions(aCtx, &f.ClerkB)
		for _, s := range list {
			if s.IP == "10.7.0.4" {
				if err := f.Svc.EndSession(aCtx, &f.ClerkA, s.Ref); tdkt.CodeOf(err) != tdkt.ENotFound {
					t.Errorf("ending another account's session: %v", err)
				}
				if err := f.Svc.EndSession(aCtx, &f.ClerkB, s.Ref); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := f.Svc.SessionAccount(ctx, b); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("an ended session: %v", err)
		}
		// c, and the first two sessions, alive again now that the clock went back.
		if n, err := f.Svc.EndOtherSessions(aCtx, &f.ClerkB); err != nil || n != 3 {
			t.Errorf("ending the other sessions: %d %v", n, err)
		}
		if _, err := f.Svc.SessionAccount(ctx, c); tdkt.CodeOf(err) != tdkt.EUnauthenticated {
			t.Errorf("another session after 'log out elsewhere': %v", err)
		}
		if _, err := f.Svc.SessionAccount(ctx, a); err != nil {
			t.Errorf("this session after 'log out elsewhere': %v", err)
		}
		before := auditCount(t, db)
		if err := f.Svc.Logout(ctx, a); err != nil {
			t.Fatal(err)
		}
		if auditCount(t, db) != before+1 {
			t.Error("logging out wrote no audit event")
		}
	})
}
