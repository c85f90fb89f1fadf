package core

import "context"

// The kinds of credential a request can carry.
const (
	CredentialSession = "session" // the staff application's cookie
	CredentialToken   = "token"   // an API token (Authorization: Bearer)
)

// Credential is how a request signed in: by which kind of credential, and for a
// session whether it passed the second factor and whether the account must still
// enrol one. Use cases read it from the context (CredentialOf) when the answer
// depends on it: creating an API token needs a session that passed the second
// factor; changing the password keeps the current session.
type Credential struct {
	Kind string
	// SessionRef names the current session in the list of sessions.
	SessionRef string
	// SecondFactor: the session's login passed the second factor.
	SecondFactor bool
	// MustEnrol: the account must enrol a second factor before it may do anything else.
	MustEnrol bool
	token     string
}

type credentialKey struct{}

// WithCredential returns a context that carries the request's credential.
func WithCredential(ctx context.Context, c Credential) context.Context {
	return context.WithValue(ctx, credentialKey{}, c)
}

// CredentialOf returns the credential of a request (the zero Credential when none).
func CredentialOf(ctx context.Context) Credential {
	c, _ := ctx.Value(credentialKey{}).(Credential)
	return c
}
