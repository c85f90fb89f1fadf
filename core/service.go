// Package core holds tdkt's use cases. Each method is one transaction: it loads what
// it needs, checks that the actor may see and change it (a record outside the actor's
// subtree is NotFound, never Forbidden, so that its existence does not leak), validates,
// changes, appends the audit event, and commits.
package core

import (
	"context"
	"encoding/json"
	"time"

	"tdkt"
	"tdkt/sqldb"
)

// Service runs the use cases against one database.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
	// AuditTrail holds the installation's audit key and checkpoint log (docs/audit.md);
	// its zero value writes the unkeyed legacy chain.
	AuditTrail AuditConfig
	// Exchange is the installation's identity towards other installations
	// (docs/exchange.md); without a key, nothing is sent or received.
	Exchange ExchangeConfig
	// Signing is the installation's own certificate (docs/signatures.md); without it
	// documents are signed only by people, outside tdkt.
	Signing SigningConfig
	// Notify is how people are told of events outside the application (e-mail,
	// webhook) and whether the in-app list is written; its zero value is off.
	Notify NotifyConfig

	engine engineCache // the installation's rules engine; see Engine
	search searchCache // what people searches counted; see SearchPeople
	jobs   jobKinds    // the kinds of background job and the jobs running here; see RegisterJob

	passwordChecked func() // called at every password check; tests count the checks
}

// New returns a Service on db with the real clock.
func New(db *sqldb.DB) *Service {
	return &Service{DB: db, Now: func() time.Time { return time.Now().UTC() }}
}

func (s *Service) stamp() string { return s.Now().UTC().Format("2006-01-02T15:04:05.000000Z") }

// audit appends one event in tx; sub is the person, collective or household the
// record belongs to (zero for none); before and after are marshalled to JSON (nil for none).
func (s *Service) audit(ctx context.Context, tx *sqldb.Tx, actor *tdkt.Account, action, entity string, id int64, sub tdkt.Subject, orgID int64, before, after any) error {
	e := tdkt.AuditEvent{At: s.stamp(), Action: action, Entity: entity, EntityID: id, Subject: sub, OrgID: orgID, Actor: "hệ thống"}
	if actor != nil {
		e.ActorID, e.Actor = actor.ID, actor.Login
	}
	if before != nil {
		b, _ := json.Marshal(before)
		e.Before = string(b)
	}
	if after != nil {
		b, _ := json.Marshal(after)
		e.After = string(b)
	}
	return tx.InsertAudit(ctx, &e, s.AuditTrail.Key)
}

// visible returns NotFound unless the actor's subtree holds path.
func visible(actor *tdkt.Account, path, what string) error {
	if !actor.Sees(path) {
		return tdkt.NotFound(what)
	}
	return nil
}

// canEdit checks that the actor may change records; it is called after visibility,
// so a record outside the subtree stays a 404.
func canEdit(actor *tdkt.Account) error {
	if !actor.CanEditRecords() {
		return tdkt.Forbidden()
	}
	return nil
}
