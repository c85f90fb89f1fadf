package core

import (
	"context"

	"tdkt"
)

// SessionCookie is the name of the staff application's session cookie.
const SessionCookie = "tdkt_session"

type actorKey struct{}

// WithActor returns a context that carries the signed-in account.
func WithActor(ctx context.Context, a *tdkt.Account) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// Actor returns the signed-in account of a request, or nil.
func Actor(ctx context.Context) *tdkt.Account {
	a, _ := ctx.Value(actorKey{}).(*tdkt.Account)
	return a
}
