package core_test

import (
	"context"
	"testing"

	"tdkt/core"
	"tdkt/tdkttest"
)

// BenchmarkLogin measures one complete login with the right password on SQLite: the
// reservation transaction, the argon2id check, and the transaction that settles the
// counters, opens the session, remembers the device and audits.
func BenchmarkLogin(b *testing.B) {
	f := tdkttest.NewFixture(b, tdkttest.SQLite(b))
	ctx := context.Background()
	for b.Loop() {
		if _, err := f.Svc.Login(ctx, core.LoginRequest{Login: "canbo.a", Password: tdkttest.Password, IP: "10.9.0.1"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRefusedGuess measures a guess that the throttle refuses before any
// password is checked: what an attacker costs the server once a limit holds.
func BenchmarkRefusedGuess(b *testing.B) {
	f := tdkttest.NewFixture(b, tdkttest.SQLite(b))
	ctx := context.Background()
	for range 5 {
		f.Svc.Login(ctx, core.LoginRequest{Login: "canbo.a", Password: "sai-mat-khau", IP: "10.9.0.2"})
	}
	for b.Loop() {
		if _, err := f.Svc.Login(ctx, core.LoginRequest{Login: "canbo.a", Password: "sai-mat-khau", IP: "10.9.0.2"}); err == nil {
			b.Fatal("a guess past the limit was let through")
		}
	}
}
