// Package notify delivers tdkt's notifications outside the application: e-mail over
// SMTP and a signed JSON POST to a province's own messaging gateway (which forwards
// to Zalo, SMS or the e-office). It knows nothing of the database: core writes each
// notification to an outbox in the transaction of its event, and a worker hands the
// due ones to a Channel (docs/notifications.md).
package notify

import "context"

// Message is one notification as a channel sends it: to one person, about one event
// or, when a bulk action made many at once, a group of them.
type Message struct {
	// ID is unique per notification and channel and stays the same on a retry, so a
	// receiver can drop a second copy (the e-mail's Message-ID, the webhook's event id).
	ID   string
	Kind string // the kind of event, e.g. "dossier_returned" (core.NotificationKinds)
	To   Recipient
	// Subject is one line; Text is the plain-text body (paragraphs separated by a
	// blank line). Both are Vietnamese, NFC.
	Subject, Text string
	// Link is the absolute URL of the page to act on; PrefsURL that of the person's
	// notification preferences.
	Link, PrefsURL string
	// Reason says why the person got it (the footer): "Bạn nhận thư này vì là cán bộ
	// thi đua của Ủy ban nhân dân xã A, nơi lập hồ sơ."
	Reason string
	// Items are the events a grouped message stands for (empty for one event).
	Items []Item
	// At is when the event happened, RFC 3339.
	At string
	// Security marks notices that security requires (a password changed, a login
	// from a new device, a reset link): they cannot be turned off.
	Security bool
}

// Item is one event inside a grouped message.
type Item struct {
	Subject, Link string
}

// Recipient is the person a message is for.
type Recipient struct {
	Login, Name, Email string
}

// Channel sends a message. A returned error means "try again later" unless it is a
// Permanent error; the worker retries with backoff and then marks the delivery failed.
type Channel interface {
	Name() string // "email", "webhook"
	Send(ctx context.Context, m Message) error
}

// Permanent marks an error that a retry cannot fix (no address, a refused recipient).
type Permanent struct{ Err error }

func (p Permanent) Error() string { return p.Err.Error() }
func (p Permanent) Unwrap() error { return p.Err }
